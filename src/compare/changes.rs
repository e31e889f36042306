//! What changed for each post: added, removed, moved, retitled, a new holder, other fields,
//! dotted lines. A post can have several changes; reordering siblings is not one.

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde_json::Value;

use super::matching::Matching;
use super::merged::Entry;
use crate::org::fields::COMPARED;
use crate::org::{Holder, NodeIndex, Org, Post};

/// The kinds of change, in the order a change list gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
    Retitled,
    Holder,
    Vacancy,
    Fields,
    Dotted,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Retitled,
        ChangeKind::Holder,
        ChangeKind::Vacancy,
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
            ChangeKind::Vacancy => "vacancy",
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
    /// Another holder: a named person in place of another, or of no one (filled), or no
    /// one in place of a named person (vacated).
    Holder,
    /// Filled or vacated where the holder is not disclosed: the post is not vacant on one
    /// side and vacant on the other, but who holds it is not known. (A holder not disclosed
    /// on one side and named on the other is no change at all: it may be the same person.)
    Vacancy,
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
            What::Vacancy => ChangeKind::Vacancy,
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
        // A title that changed only in its spacing (a trailing or non-breaking space, as
        // published files have) is the same title.
        if !same_words(&old.title, &new.title) {
            push(What::Retitled);
        }
        match (&old.holder, &new.holder) {
            (Holder::Undisclosed, Holder::Undisclosed | Holder::Named(_))
            | (Holder::Named(_), Holder::Undisclosed) => {}
            (Holder::Undisclosed, Holder::Vacant) | (Holder::Vacant, Holder::Undisclosed) => {
                push(What::Vacancy);
            }
            (old, new) if old != new => push(What::Holder),
            _ => {}
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
        // The after lines by target and label, each list in order with how many of its
        // first lines are taken: a line is matched without a pass over all the others.
        let mut alike: FxHashMap<(&str, Option<&str>), Alike> = FxHashMap::default();
        for (j, line) in new.dotted.iter().enumerate() {
            alike
                .entry((line.to.as_str(), line.label.as_deref()))
                .or_default()
                .1
                .push(j);
        }
        let mut taken = vec![false; new.dotted.len()];
        let mut removed = Vec::new();
        for (i, line) in old.dotted.iter().enumerate() {
            let found = translated[i]
                .and_then(|to| alike.get_mut(&(to, line.label.as_deref())))
                .and_then(|(first_free, same)| {
                    while *first_free < same.len() && taken[same[*first_free]] {
                        *first_free += 1;
                    }
                    same[*first_free..]
                        .iter()
                        .copied()
                        .find(|&j| !taken[j] && new.dotted[j].extra == line.extra)
                });
            match found {
                Some(j) => taken[j] = true,
                None => removed.push(i),
            }
        }
        let added = (0..new.dotted.len()).filter(|&j| !taken[j]).collect();
        (added, removed)
    }
}

/// After lines with one target and label: how many of the first are taken, and all of them.
type Alike = (usize, Vec<usize>);

/// The fields other than id, title, holder and dotted lines that differ.
fn fields<'p>(old: &'p Post, new: &'p Post) -> Vec<FieldChange> {
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
        // Each post's fields by name (the first of a name), so that a post with many fields
        // is compared in one pass over each.
        let by_name = |post: &'p Post| {
            let mut named: FxHashMap<&'p str, &'p Value> = FxHashMap::default();
            for (key, value) in &post.extra {
                named.entry(key.as_str()).or_insert(value);
            }
            named
        };
        let (old_named, new_named) = (by_name(old), by_name(new));
        for (key, value) in &old.extra {
            field(
                key,
                Some(value.clone()),
                new_named.get(key.as_str()).map(|&v| v.clone()),
            );
        }
        for (key, value) in &new.extra {
            if !old_named.contains_key(key.as_str()) {
                field(key, None, Some(value.clone()));
            }
        }
    }
    out
}

/// Whether two texts have the same words, whatever the spaces between and around them.
fn same_words(a: &str, b: &str) -> bool {
    a == b || a.split_whitespace().eq(b.split_whitespace())
}
