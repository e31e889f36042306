//! A post in the structure and what hangs off it: staff groups, dotted lines, tags and the
//! fields the format does not know, which are kept so that saving loses nothing.

use std::borrow::Borrow;
use std::sync::Arc;

use compact_str::CompactString;
use serde_json::Value;
use thin_vec::ThinVec;

pub use super::cost::Cost;

/// Text from the chart. Short values (most ids, titles and names) are stored inline.
pub type Text = CompactString;

/// Text that many posts repeat, such as a unit or a grade: a loaded chart stores each value
/// once, however many posts name it.
///
/// A thin pointer (8 bytes, an `Arc<str>` takes 16): a post holds three of them, and a
/// chart of a million posts saves 24 MB. Reading the text goes through one pointer more,
/// which costs little where it counts, as the same few texts are read again and again.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shared(Arc<Box<str>>);

impl Shared {
    /// The address of the text: the same for every copy of one stored text.
    #[must_use]
    pub fn as_ptr(this: &Self) -> *const u8 {
        this.0.as_ptr()
    }
}

impl std::ops::Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self.0, f)
    }
}

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self.0, f)
    }
}

impl From<&str> for Shared {
    fn from(text: &str) -> Self {
        Self(Arc::new(text.into()))
    }
}

impl From<String> for Shared {
    fn from(text: String) -> Self {
        Self(Arc::new(text.into_boxed_str()))
    }
}

impl From<&String> for Shared {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

impl From<Text> for Shared {
    fn from(text: Text) -> Self {
        Self::from(text.as_str())
    }
}

impl From<&Text> for Shared {
    fn from(text: &Text) -> Self {
        Self::from(text.as_str())
    }
}

impl From<std::borrow::Cow<'_, str>> for Shared {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Self::from(text.as_ref())
    }
}

/// Hands out one [`Shared`] copy of each distinct text it is given.
#[derive(Default)]
pub(crate) struct Interner {
    values: rustc_hash::FxHashSet<Shared>,
}

impl Interner {
    /// The one stored copy of `text`.
    pub(crate) fn get(&mut self, text: &str) -> Shared {
        if let Some(shared) = self.values.get(text) {
            return Shared::clone(shared);
        }
        let shared = Shared::from(text);
        self.values.insert(Shared::clone(&shared));
        shared
    }
}

/// A list that most posts leave empty: a single pointer, and no allocation while empty.
pub type List<T> = ThinVec<T>;

/// Fields the format does not know, in the order the file gave them, written back on save.
pub type Extra = List<(Text, Value)>;

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

/// Who is in a post: no one, someone whose name is not disclosed (a published organogram's
/// "N/D"), or a named person. An undisclosed holder is not a vacancy: the post is filled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Holder {
    #[default]
    Vacant,
    Undisclosed,
    Named(Text),
}

impl Holder {
    pub fn named(name: impl Into<Text>) -> Self {
        Self::Named(name.into())
    }

    /// The holder's name, when it is given.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Named(name) => Some(name),
            Self::Vacant | Self::Undisclosed => None,
        }
    }

    #[must_use]
    pub fn is_vacant(&self) -> bool {
        matches!(self, Self::Vacant)
    }

    #[must_use]
    pub fn is_undisclosed(&self) -> bool {
        matches!(self, Self::Undisclosed)
    }
}

/// A name, or vacant when there is none.
impl<T: Into<Text>> From<Option<T>> for Holder {
    fn from(name: Option<T>) -> Self {
        name.map_or(Self::Vacant, |name| Self::Named(name.into()))
    }
}

/// A post's full-time equivalent where the chart gives one, in 8 bytes where an
/// `Option<f64>` takes 16 (8 MB at a million posts): NaN stands for none. No reader gives
/// NaN as a figure (JSON has none, and the other formats take finite numbers only).
#[derive(Clone, Copy)]
struct Fte(f64);

impl Fte {
    const NONE: Self = Self(f64::NAN);

    fn of(fte: Option<f64>) -> Self {
        fte.map_or(Self::NONE, Self)
    }

    fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl PartialEq for Fte {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Fte {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A position in the structure. The person in it, if any, is its `holder`; a post without one
/// is vacant. Its manager is not stored here: reporting lines belong to [`crate::org::Org`].
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    id: PostId,
    /// Shared like units and grades: most titles in a large chart are held by many posts.
    pub title: Shared,
    pub holder: Holder,
    pub unit: Option<Shared>,
    pub grade: Option<Shared>,
    /// Kept as [`Shared`] text for its thin pointer (most posts have none).
    pub note: Option<Shared>,
    /// Full-time equivalent; none means the default of 1 (see [`Post::fte`]).
    fte: Fte,
    /// Yearly cost in the chart's currency, where known: a figure or a range.
    pub cost: Option<Cost>,
    pub staff: List<Staff>,
    pub dotted: List<Dotted>,
    pub tags: List<Text>,
    pub extra: Extra,
}

impl Post {
    pub fn new(id: impl Into<PostId>, title: impl Into<Shared>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            holder: Holder::Vacant,
            unit: None,
            grade: None,
            note: None,
            fte: Fte::NONE,
            cost: None,
            staff: List::new(),
            dotted: List::new(),
            tags: List::new(),
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
        self.holder.is_vacant()
    }

    /// The full-time equivalent the chart gives the post, if any.
    #[must_use]
    pub fn fte(&self) -> Option<f64> {
        self.fte.get()
    }

    pub fn set_fte(&mut self, fte: Option<f64>) {
        self.fte = Fte::of(fte);
    }

    /// The post's own full-time equivalent, 1 unless the file says otherwise.
    #[must_use]
    pub fn fte_or_default(&self) -> f64 {
        self.fte().unwrap_or(1.0)
    }

    /// The post's FTE plus the FTE of its staff groups (not of the posts reporting to it).
    #[must_use]
    pub fn own_headcount_fte(&self) -> f64 {
        self.fte_or_default() + self.staff.iter().map(Staff::fte_or_default).sum::<f64>()
    }

    /// The post's cost plus the cost of its staff groups, or `None` when none of them has one.
    #[must_use]
    pub fn own_cost(&self) -> Option<Cost> {
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
    pub grade: Option<Shared>,
    /// Full-time equivalent of the whole group; `None` means 1.
    pub fte: Option<f64>,
    pub cost: Option<Cost>,
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
    fn a_post_stays_small_enough_for_a_million_in_memory() {
        // The browse screen's budget at a million posts is 300 MB in all; the post itself
        // is the largest part of it.
        assert!(size_of::<Post>() <= 176, "{} bytes", size_of::<Post>());
        assert_eq!(size_of::<Option<Post>>(), size_of::<Post>());
    }

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
        post.set_fte(Some(0.8));
        post.staff.push(Staff {
            title: Some("Graduates and apprentices".into()),
            fte: Some(100.0),
            cost: Some(Cost::one(2_500_000.0)),
            ..Staff::default()
        });
        post.staff.push(Staff::default());
        assert!((post.own_headcount_fte() - 101.8).abs() < 1e-9);
        assert_eq!(post.own_cost(), Some(Cost::one(2_500_000.0)));
    }
}
