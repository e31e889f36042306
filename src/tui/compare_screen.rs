//! What the compare screen knows besides the merged chart it browses: the before chart, the
//! comparison, and for each post of the merged chart its marker and its changes. No drawing
//! here.

use std::cell::OnceCell;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::chart_index::ChartIndex;
use crate::compare::{Change, ChangeKind, Comparison, Entry};
use crate::org::metrics::Rollup;
use crate::org::{NodeIndex, Org};
use crate::report::diff::Diff;

/// How a post of the merged tree is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// Unchanged.
    None,
    /// Title, holder, another field or a dotted line changed.
    Changed,
    /// It reports to another manager now.
    Moved,
    /// Not in the before chart.
    Added,
    /// Not in the after chart: a ghost where it used to be.
    Removed,
}

impl Marker {
    /// The sign that says it without colour.
    #[must_use]
    pub fn sign(self) -> &'static str {
        match self {
            Marker::None => " ",
            Marker::Changed => "~",
            Marker::Moved => ">",
            Marker::Added => "+",
            Marker::Removed => "-",
        }
    }

    /// The marker a change of this kind gives.
    #[must_use]
    pub fn of(kind: ChangeKind) -> Self {
        match kind {
            ChangeKind::Added => Marker::Added,
            ChangeKind::Removed => Marker::Removed,
            ChangeKind::Moved => Marker::Moved,
            _ => Marker::Changed,
        }
    }
}

/// A comparison shown on screen. The app's chart is the merged chart: the after chart with
/// the removed posts added as ghosts, so an after post has the same node in both.
pub struct CompareState {
    pub before: Org,
    pub comparison: Comparison,
    /// Names of the two files, for the side-by-side headings.
    pub names: (String, String),
    /// The ghost in the merged chart of each removed before post, and back.
    ghosts: FxHashMap<NodeIndex, NodeIndex>,
    removed: FxHashMap<NodeIndex, NodeIndex>,
    /// The changes of each changed post of the merged chart, as a range of
    /// `comparison.changes`.
    changes_of: FxHashMap<NodeIndex, Range<usize>>,
    /// Changed posts of the merged chart, in tree order.
    changed: Vec<NodeIndex>,
    before_teams: OnceCell<Rollup>,
    /// For each post of the merged chart that reports moved into or out of: how many.
    moves: FxHashMap<NodeIndex, (usize, usize)>,
}

impl CompareState {
    /// Adds the removed posts of `comparison` to `after` as ghosts where they used to be, and
    /// returns the merged chart with what the screen needs to show the changes.
    #[must_use]
    pub fn merge(
        before: Org,
        mut after: Org,
        comparison: Comparison,
        names: (String, String),
    ) -> (Org, Self) {
        let mut ghosts = FxHashMap::default();
        let mut removed = FxHashMap::default();
        if comparison.merged.removed() > 0 {
            for b in comparison.matching.unmatched_before(&before) {
                let ghost = after.add_unindexed(before.post(b).clone());
                ghosts.insert(b, ghost);
                removed.insert(ghost, b);
            }
            let merged = &comparison.merged;
            let node = |entry: Entry| match entry {
                Entry::After(a) => a,
                Entry::Removed(b) => ghosts[&b],
            };
            // Each list of reports is set once, in the merged order: linear however long the
            // list or deep the chain.
            for parent in merged.parents() {
                let children: Vec<NodeIndex> = merged
                    .children(&after, parent)
                    .into_iter()
                    .map(node)
                    .collect();
                after.adopt(parent.map(node), children);
            }
        }
        let mut state = Self {
            before,
            comparison,
            names,
            ghosts,
            removed,
            changes_of: FxHashMap::default(),
            changed: Vec::new(),
            before_teams: OnceCell::new(),
            moves: FxHashMap::default(),
        };
        let mut at = 0;
        while at < state.comparison.changes.len() {
            let node = state.node(state.comparison.changes[at].entry());
            let start = at;
            while at < state.comparison.changes.len()
                && state.node(state.comparison.changes[at].entry()) == node
            {
                at += 1;
            }
            state.changes_of.insert(node, start..at);
            state.changed.push(node);
        }
        state.count_moves(&after);
        (after, state)
    }

    /// Counts the reports that moved into and out of each post.
    fn count_moves(&mut self, merged: &Org) {
        let mut moves: FxHashMap<NodeIndex, (usize, usize)> = FxHashMap::default();
        for change in &self.comparison.changes {
            if change.kind() != ChangeKind::Moved {
                continue;
            }
            let (Some(b), Some(a)) = (change.before, change.after) else {
                continue;
            };
            if let Some(old) = self.before.manager(b) {
                moves.entry(self.merged_node(old)).or_default().1 += 1;
            }
            if let Some(new) = merged.manager(a) {
                moves.entry(new).or_default().0 += 1;
            }
        }
        self.moves = moves;
    }

    /// How many reports moved into and out of a post of the merged chart.
    #[must_use]
    pub fn moves_of(&self, node: NodeIndex) -> (usize, usize) {
        self.moves.get(&node).copied().unwrap_or_default()
    }

    /// The posts of the merged chart that reports moved out of, in no order.
    pub fn lost_reports(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.moves
            .iter()
            .filter(|(_, counts)| counts.1 > 0)
            .map(|(&node, _)| node)
    }

    /// The node of an entry in the merged chart.
    #[must_use]
    pub fn node(&self, entry: Entry) -> NodeIndex {
        match entry {
            Entry::After(a) => a,
            Entry::Removed(b) => self.ghosts[&b],
        }
    }

    /// The before post a node of the merged chart was, if it was there.
    #[must_use]
    pub fn before_post(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.removed
            .get(&node)
            .copied()
            .or_else(|| self.comparison.matching.to_before(node))
    }

    /// The node of a before post in the merged chart: the post it became, or its ghost.
    #[must_use]
    pub fn merged_node(&self, before: NodeIndex) -> NodeIndex {
        self.comparison
            .matching
            .to_after(before)
            .unwrap_or_else(|| self.ghosts[&before])
    }

    /// Team sizes in the before chart, worked out the first time they are asked for.
    #[must_use]
    pub fn before_teams(&self) -> &Rollup {
        self.before_teams.get_or_init(|| Rollup::of(&self.before))
    }

    /// The ghosts of the removed posts in the merged chart, in no order.
    pub fn ghosts(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.removed.keys().copied()
    }

    /// Whether a node of the merged chart is a removed post.
    #[must_use]
    pub fn is_ghost(&self, node: NodeIndex) -> bool {
        self.removed.contains_key(&node)
    }

    /// The changes of a post of the merged chart.
    #[must_use]
    pub fn changes_of(&self, node: NodeIndex) -> &[Change] {
        self.changes_of
            .get(&node)
            .map_or(&[], |range| &self.comparison.changes[range.clone()])
    }

    /// The marker of a post of the merged chart.
    #[must_use]
    pub fn marker(&self, node: NodeIndex) -> Marker {
        self.changes_of(node)
            .iter()
            .map(|change| Marker::of(change.kind()))
            .max()
            .unwrap_or(Marker::None)
    }

    /// Whether any post in the team below `node` changed.
    #[must_use]
    pub fn changes_inside(&self, index: &ChartIndex, node: NodeIndex) -> bool {
        let first = index.rank(node) + 1;
        let last = index.rank(node) + index.team_posts(node);
        let at = self.changed.partition_point(|&n| index.rank(n) < first);
        self.changed.get(at).is_some_and(|&n| index.rank(n) <= last)
    }

    /// The changed posts of the merged chart, in tree order.
    #[must_use]
    pub fn changed(&self) -> &[NodeIndex] {
        &self.changed
    }

    /// For describing changes: the merged chart stands in for the after chart, whose posts
    /// it holds under the same nodes.
    #[must_use]
    pub fn diff<'a>(&'a self, merged: &'a Org) -> Diff<'a> {
        Diff {
            before: &self.before,
            after: merged,
            comparison: &self.comparison,
        }
    }
}
