//! A post in the structure and what hangs off it: staff groups, dotted lines, tags and the
//! fields the format does not know, which are kept so that saving loses nothing.

use std::borrow::Borrow;

use compact_str::CompactString;
use serde_json::Value;

/// Text from the chart. Short values (most ids, names and grades) are stored inline.
pub type Text = CompactString;

/// Fields the format does not know, in the order the file gave them, written back on save.
pub type Extra = Vec<(Text, Value)>;

/// The id of a post: unique in its chart and non-empty. An integer id in the file is read as
/// its decimal text, so `"id": 3` and `"reports_to": "3"` name the same post.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostId(Text);

impl PostId {
    pub fn new(id: impl Into<Text>) -> Self {
        Self(id.into())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for PostId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PostId {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

/// A position in the structure. The person in it, if any, is its `holder`; a post without one
/// is vacant. Its manager is not stored here: reporting lines belong to [`crate::org::Org`].
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    id: PostId,
    pub title: Text,
    pub holder: Option<Text>,
    pub unit: Option<Text>,
    pub grade: Option<Text>,
    pub note: Option<Text>,
    /// Full-time equivalent; `None` means the default of 1.
    pub fte: Option<f64>,
    /// Yearly cost in the chart's currency, where known.
    pub cost: Option<f64>,
    pub staff: Vec<Staff>,
    pub dotted: Vec<Dotted>,
    pub tags: Vec<Text>,
    pub extra: Extra,
}

impl Post {
    pub fn new(id: impl Into<PostId>, title: impl Into<Text>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            holder: None,
            unit: None,
            grade: None,
            note: None,
            fte: None,
            cost: None,
            staff: Vec::new(),
            dotted: Vec::new(),
            tags: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The id; it can only change through the chart, which keeps its index of ids.
    #[must_use]
    pub fn id(&self) -> &PostId {
        &self.id
    }

    pub(crate) fn set_id(&mut self, id: PostId) {
        self.id = id;
    }

    #[must_use]
    pub fn is_vacant(&self) -> bool {
        self.holder.is_none()
    }

    /// The post's own full-time equivalent, 1 unless the file says otherwise.
    #[must_use]
    pub fn fte_or_default(&self) -> f64 {
        self.fte.unwrap_or(1.0)
    }

    /// The post's FTE plus the FTE of its staff groups (not of the posts reporting to it).
    #[must_use]
    pub fn own_headcount_fte(&self) -> f64 {
        self.fte_or_default() + self.staff.iter().map(Staff::fte_or_default).sum::<f64>()
    }

    /// The post's cost plus the cost of its staff groups, or `None` when none of them has one.
    #[must_use]
    pub fn own_cost(&self) -> Option<f64> {
        std::iter::once(self.cost)
            .chain(self.staff.iter().map(|group| group.cost))
            .flatten()
            .reduce(|a, b| a + b)
    }
}

/// Aggregated staff who report to a post but are not posts themselves, like the junior staff
/// lines of a published organogram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Staff {
    pub title: Option<Text>,
    pub grade: Option<Text>,
    /// Full-time equivalent of the whole group; `None` means 1.
    pub fte: Option<f64>,
    pub cost: Option<f64>,
    pub extra: Extra,
}

impl Staff {
    #[must_use]
    pub fn fte_or_default(&self) -> f64 {
        self.fte.unwrap_or(1.0)
    }
}

/// A dotted line (matrix, functional, sponsorship) from a post to another. Dotted lines never
/// change the reporting tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Dotted {
    pub to: PostId,
    pub label: Option<Text>,
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_without_holder_is_vacant_and_counts_one_fte() {
        let post = Post::new("cto", "Chief Technology Officer");
        assert!(post.is_vacant());
        assert!((post.own_headcount_fte() - 1.0).abs() < f64::EPSILON);
        assert_eq!(post.own_cost(), None);
    }

    #[test]
    fn staff_groups_add_to_the_posts_own_fte_and_cost() {
        let mut post = Post::new("coo", "Chief Operating Officer");
        post.fte = Some(0.8);
        post.staff.push(Staff {
            title: Some("Graduates and apprentices".into()),
            fte: Some(100.0),
            cost: Some(2_500_000.0),
            ..Staff::default()
        });
        post.staff.push(Staff::default());
        assert!((post.own_headcount_fte() - 101.8).abs() < 1e-9);
        assert_eq!(post.own_cost(), Some(2_500_000.0));
    }
}
