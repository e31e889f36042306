//! Walking the reporting lines in tree order (each post before its reports) without
//! recursion, so that a chain a hundred thousand posts deep does not overflow the stack.

use super::graph::{NodeIndex, Org};

impl Org {
    /// Every post in tree order (each post before its reports), with its layer (top = 1).
    pub fn tree_order(&self) -> TreeOrder<'_> {
        TreeOrder::new(
            self,
            self.tops().iter().rev().map(|&top| (top, 1)).collect(),
        )
    }

    /// `root` and its whole team in tree order, with layers counted from `root` as 1.
    pub fn team(&self, root: NodeIndex) -> TreeOrder<'_> {
        TreeOrder::new(self, vec![(root, 1)])
    }
}

/// Pre-order walk of a forest with an explicit stack, so that a reporting chain a hundred
/// thousand posts deep does not overflow the call stack.
pub struct TreeOrder<'a> {
    org: &'a Org,
    stack: Vec<(NodeIndex, u32)>,
}

impl<'a> TreeOrder<'a> {
    fn new(org: &'a Org, stack: Vec<(NodeIndex, u32)>) -> Self {
        Self { org, stack }
    }
}

impl Iterator for TreeOrder<'_> {
    type Item = (NodeIndex, u32);

    fn next(&mut self) -> Option<Self::Item> {
        let (post, layer) = self.stack.pop()?;
        self.stack.extend(
            self.org
                .reports(post)
                .iter()
                .rev()
                .map(|&report| (report, layer + 1)),
        );
        Some((post, layer))
    }
}
