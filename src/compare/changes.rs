//! What changed for each post: added, removed, moved, retitled, a new holder, other fields,
//! dotted lines. A post can have several changes; reordering siblings is not one.

use compact_str::CompactString;
use serde_json::Value;

use super::matching::Matching;
use super::merged::Entry;
use crate::org::fields::COMPARED;
use crate::org::{Dotted, NodeIndex, Org, Post};

/// The kinds of change, in the order a change list gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
    Retitled,
    Holder,
    Fields,
    Dotted,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Retitled,
        ChangeKind::Holder,
        ChangeKind::Fields,
        ChangeKind::Dotted,
    ];

    /// The name used in text and JSON output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Moved => "moved",
            ChangeKind::Retitled => "retitled",
            ChangeKind::Holder => "holder",
            ChangeKind::Fields => "fields",
            ChangeKind::Dotted => "dotted",
        }
    }
}

/// One change of one post.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The post in the before chart, unless it was added.
    pub before: Option<NodeIndex>,
    /// The post in the after chart, unless it was removed.
    pub after: Option<NodeIndex>,
    pub what: What,
}

/// What a change is. Old and new titles and holders are read from the two posts.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    Added,
    Removed,
    /// The manager changed: from the before manager to the after manager (`None`: top).
    Moved {
        from: Option<NodeIndex>,
        to: Option<NodeIndex>,
    },
    Retitled,
    Holder,
    Fields(Vec<FieldChange>),
    /// Dotted lines of the post: indexes of lines added in its after list, and of lines
    /// removed from its before list.
    Dotted {
        added: Vec<usize>,
        removed: Vec<usize>,
    },
}

/// A field other than title and holder, with its old and new value as the file writes them
/// (`None`: absent).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: CompactString,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl Change {
    #[must_use]
    pub fn kind(&self) -> ChangeKind {
        match self.what {
            What::Added => ChangeKind::Added,
            What::Removed => ChangeKind::Removed,
            What::Moved { .. } => ChangeKind::Moved,
            What::Retitled => ChangeKind::Retitled,
            What::Holder => ChangeKind::Holder,
            What::Fields(_) => ChangeKind::Fields,
            What::Dotted { .. } => ChangeKind::Dotted,
        }
    }

    /// The post in the merged tree.
    #[must_use]
    pub fn entry(&self) -> Entry {
        match (self.after, self.before) {
            (Some(a), _) => Entry::After(a),
            (None, Some(b)) => Entry::Removed(b),
            (None, None) => unreachable!("a change names a post on one side at least"),
        }
    }
}

/// The changes of the after posts `posts` (added, or changed since their before post), in
/// the order given.
pub(super) fn of_after_posts(
    before: &Org,
    after: &Org,
    matching: &Matching,
    posts: impl Iterator<Item = NodeIndex>,
) -> Vec<Change> {
    let mut out = Vec::new();
    for a in posts {
        match matching.to_before(a) {
            None => out.push(Change {
                before: None,
                after: Some(a),
                what: What::Added,
            }),
            Some(b) => Pair {
                before,
                after,
                matching,
                b,
                a,
            }
            .changes(&mut out),
        }
    }
    out
}

/// A before post and the after post it became.
struct Pair<'a> {
    before: &'a Org,
    after: &'a Org,
    matching: &'a Matching,
    b: NodeIndex,
    a: NodeIndex,
}

impl Pair<'_> {
    fn changes(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.before.post(self.b), self.after.post(self.a));
        let mut push = |what| {
            out.push(Change {
                before: Some(self.b),
                after: Some(self.a),
                what,
            });
        };
        let from = self.before.manager(self.b);
        let to = self.after.manager(self.a);
        if from.and_then(|m| self.matching.to_after(m)) != to || (from.is_some() && to.is_none()) {
            push(What::Moved { from, to });
        }
        if old.title != new.title {
            push(What::Retitled);
        }
        if old.holder != new.holder {
            push(What::Holder);
        }
        let fields = fields(old, new);
        if !fields.is_empty() {
            push(What::Fields(fields));
        }
        if !old.dotted.is_empty() || !new.dotted.is_empty() {
            let (added, removed) = self.dotted(old, new);
            if !added.is_empty() || !removed.is_empty() {
                push(What::Dotted { added, removed });
            }
        }
    }

    /// The dotted lines added and removed, a before line's target read as the after post it
    /// became.
    fn dotted(&self, old: &Post, new: &Post) -> (Vec<usize>, Vec<usize>) {
        let translated: Vec<Option<&str>> = old
            .dotted
            .iter()
            .map(|line| match self.before.find(line.to.as_str()) {
                Some(target) => {
                    let now = self.matching.to_after(target)?;
                    Some(self.after.post(now).id().as_str())
                }
                // A line to no post at all (kept by a lenient load): the same text is the
                // same line.
                None => Some(line.to.as_str()),
            })
            .collect();
        let same = |line: &Dotted, to: Option<&str>, other: &Dotted| {
            to == Some(other.to.as_str()) && line.label == other.label && line.extra == other.extra
        };
        let mut taken = vec![false; new.dotted.len()];
        let mut removed = Vec::new();
        for (i, line) in old.dotted.iter().enumerate() {
            let found = new
                .dotted
                .iter()
                .enumerate()
                .find(|&(j, other)| !taken[j] && same(line, translated[i], other));
            match found {
                Some((j, _)) => taken[j] = true,
                None => removed.push(i),
            }
        }
        let added = (0..new.dotted.len()).filter(|&j| !taken[j]).collect();
        (added, removed)
    }
}

/// The fields other than id, title, holder and dotted lines that differ.
fn fields(old: &Post, new: &Post) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut field = |name: &str, o: Option<Value>, n: Option<Value>| {
        if o != n {
            out.push(FieldChange {
                field: name.into(),
                old: o,
                new: n,
            });
        }
    };
    for compared in COMPARED {
        if compared.get(old) != compared.get(new) {
            field(
                compared.name(),
                compared.to_json(old),
                compared.to_json(new),
            );
        }
    }
    if old.extra != new.extra {
        let find = |post: &Post, key: &str| {
            post.extra
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, value)| value.clone())
        };
        for (key, value) in &old.extra {
            field(key, Some(value.clone()), find(new, key));
        }
        for (key, value) in &new.extra {
            if find(old, key).is_none() {
                field(key, None, Some(value.clone()));
            }
        }
    }
    out
}
