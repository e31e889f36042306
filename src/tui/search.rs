//! Finding posts by text: a case-insensitive substring of the title, holder, unit or id.

use crate::org::{NodeIndex, Org, Post};

use super::chart_index::ChartIndex;
use super::tree_view::Shown;

/// What the user typed, ready to match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    lower: String,
}

impl Query {
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self {
            lower: text.to_lowercase(),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// Whether the post's title, holder, unit or id contains the query, ignoring case.
    #[must_use]
    pub fn matches(&self, post: &Post) -> bool {
        let fields = [
            Some(&*post.title),
            post.holder.as_deref(),
            post.unit.as_deref(),
            Some(post.id().as_str()),
        ];
        fields
            .into_iter()
            .flatten()
            .any(|field| contains_ignoring_case(field, &self.lower))
    }
}

/// Whether `haystack` contains `lower` (already lower case), ignoring case. ASCII text, most
/// of any chart, is compared in place without allocating.
fn contains_ignoring_case(haystack: &str, lower: &str) -> bool {
    if haystack.is_ascii() {
        let (hay, needle) = (haystack.as_bytes(), lower.as_bytes());
        needle.is_empty()
            || hay
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle))
    } else {
        haystack.to_lowercase().contains(lower)
    }
}

/// The posts of the scope (`root`'s team, or the whole chart) that match, in tree order.
#[must_use]
pub fn find(
    org: &Org,
    index: &ChartIndex,
    root: Option<NodeIndex>,
    query: &Query,
) -> Vec<NodeIndex> {
    if query.is_empty() {
        return Vec::new();
    }
    index
        .in_tree_order(root)
        .iter()
        .copied()
        .filter(|&node| query.matches(org.post(node)))
        .collect()
}

/// What a filter shows: the `matches` and every post above them up to the scope's root.
#[must_use]
pub fn shown(
    org: &Org,
    index: &ChartIndex,
    root: Option<NodeIndex>,
    matches: &[NodeIndex],
) -> Shown {
    let size = org.index_bound();
    let mut shown = Shown {
        posts: vec![false; size],
        matches: matches.len(),
        ..Shown::default()
    };
    for &found in matches {
        let mut at = Some(found);
        while let Some(node) = at {
            if shown.posts[node.index()] {
                break;
            }
            shown.posts[node.index()] = true;
            at = if Some(node) == root {
                None
            } else {
                org.manager(node)
            };
        }
    }
    // In tree order each shown post comes after its shown siblings before it, so the last
    // one written for a manager is its last shown report.
    for &node in index.in_tree_order(root) {
        if !shown.posts[node.index()] {
            continue;
        }
        match org.manager(node).filter(|_| Some(node) != root) {
            Some(manager) => {
                shown.last_report.insert(manager, node);
            }
            None => shown.last_root = Some(node),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_case_in_every_searched_field() {
        let mut post = Post::new("cto-1", "Chief Technology Officer");
        post.holder = Some("Sarah Wilkinson".into());
        post.unit = Some("Home Office Technology".into());
        for text in ["chief", "WILKINSON", "home office", "CTO-1", "y off"] {
            assert!(Query::new(text).matches(&post), "{text}");
        }
        assert!(!Query::new("digital").matches(&post));
    }

    #[test]
    fn matching_works_beyond_ascii() {
        let post = Post::new("wide", "情報技術部長 Café ÉQUIPE");
        assert!(Query::new("café").matches(&post));
        assert!(Query::new("équipe").matches(&post));
        assert!(Query::new("技術").matches(&post));
    }
}
