//! The merged tree of a comparison: the after structure, with each removed post put back as a
//! ghost where it used to be (under its old manager, after the sibling it used to follow).
//! It gives the order changes are listed in, and the tree the compare screen shows.

use rustc_hash::FxHashMap;

use super::matching::Matching;
use crate::org::{NodeIndex, Org};

/// A post of the merged tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    /// A post of the after chart.
    After(NodeIndex),
    /// A post of the before chart that is not in the after chart.
    Removed(NodeIndex),
}

/// Where the removed posts go in the after tree.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    /// For each parent (`None`: the top), its ghosts: how many of the parent's after reports
    /// come before each, and the removed post, in before order.
    ghosts: FxHashMap<Option<Entry>, Vec<(usize, NodeIndex)>>,
    /// Number of removed posts.
    removed: usize,
}

impl Merged {
    #[must_use]
    pub fn of(before: &Org, after: &Org, matching: &Matching) -> Self {
        let mut groups: Vec<Option<NodeIndex>> = matching
            .unmatched_before(before)
            .into_iter()
            .map(|b| before.manager(b))
            .collect();
        let removed = groups.len();
        groups.sort_unstable();
        groups.dedup();
        let mut ghosts: FxHashMap<Option<Entry>, Vec<(usize, NodeIndex)>> = FxHashMap::default();
        for manager in groups {
            let parent = manager.map(|m| match matching.to_after(m) {
                Some(a) => Entry::After(a),
                None => Entry::Removed(m),
            });
            let siblings = manager.map_or(before.tops(), |m| before.reports(m));
            let places = Places::new(after_children(after, parent));
            let mut slot = 0;
            let list = ghosts.entry(parent).or_default();
            for &sibling in siblings {
                match matching.to_after(sibling) {
                    Some(a) => {
                        if let Some(at) = places.find(a) {
                            slot = at + 1;
                        }
                    }
                    None => list.push((slot, sibling)),
                }
            }
        }
        Self { ghosts, removed }
    }

    /// The posts (`None`: the top) under which removed posts go.
    pub fn parents(&self) -> impl Iterator<Item = Option<Entry>> + '_ {
        self.ghosts.keys().copied()
    }

    /// Number of removed posts.
    #[must_use]
    pub fn removed(&self) -> usize {
        self.removed
    }

    /// The reports of `parent` (`None`: the top posts) in the merged tree, in order.
    #[must_use]
    pub fn children(&self, after: &Org, parent: Option<Entry>) -> Vec<Entry> {
        let reports = after_children(after, parent);
        let Some(ghosts) = self.ghosts.get(&parent) else {
            return reports.iter().map(|&a| Entry::After(a)).collect();
        };
        let mut out = Vec::with_capacity(reports.len() + ghosts.len());
        let mut ghosts = ghosts.iter().peekable();
        for (at, &report) in reports.iter().enumerate() {
            while let Some(&&(_, ghost)) = ghosts.peek().filter(|(slot, _)| *slot <= at) {
                out.push(Entry::Removed(ghost));
                ghosts.next();
            }
            out.push(Entry::After(report));
        }
        out.extend(ghosts.map(|&(_, ghost)| Entry::Removed(ghost)));
        out
    }

    /// Every post of the merged tree, each before its reports.
    #[must_use]
    pub fn order(&self, after: &Org) -> Vec<Entry> {
        let mut out = Vec::with_capacity(after.len() + self.removed);
        let mut stack: Vec<Entry> = self.children(after, None).into_iter().rev().collect();
        while let Some(entry) = stack.pop() {
            out.push(entry);
            match entry {
                Entry::After(a) if !self.ghosts.contains_key(&Some(entry)) => {
                    stack.extend(after.reports(a).iter().rev().map(|&r| Entry::After(r)));
                }
                _ => stack.extend(self.children(after, Some(entry)).into_iter().rev()),
            }
        }
        out
    }
}

fn after_children(after: &Org, parent: Option<Entry>) -> &[NodeIndex] {
    match parent {
        None => after.tops(),
        Some(Entry::After(a)) => after.reports(a),
        Some(Entry::Removed(_)) => &[],
    }
}

/// Where each post stands among its siblings; a table only for long lists.
struct Places<'a> {
    list: &'a [NodeIndex],
    table: Option<FxHashMap<NodeIndex, usize>>,
}

impl<'a> Places<'a> {
    fn new(list: &'a [NodeIndex]) -> Self {
        let table =
            (list.len() > 32).then(|| list.iter().enumerate().map(|(i, &n)| (n, i)).collect());
        Self { list, table }
    }

    fn find(&self, node: NodeIndex) -> Option<usize> {
        match &self.table {
            Some(table) => table.get(&node).copied(),
            None => self.list.iter().position(|&n| n == node),
        }
    }
}
