//! Facts about the chart that the screen needs for every post and that would cost a walk of
//! the chart to find each time: team totals, tree order, and who points a dotted line at whom.
//! Built once when the chart is opened.

use rustc_hash::FxHashMap;

use crate::org::metrics::Rollup;
use crate::org::{NodeIndex, Org};

pub struct ChartIndex {
    /// Totals over every post of the tree shown; they also give each team's place in tree
    /// order.
    rollup: Rollup,
    /// Totals that leave some posts out (the ghosts of removed posts), where they differ.
    counted: Option<Rollup>,
    /// Every post in tree order.
    order: Vec<NodeIndex>,
    /// Each post's place in `order`, indexed by `NodeIndex::index()`.
    rank: Vec<u32>,
    /// The posts with a dotted line to each post, with the index of that line in their list.
    dotted_in: FxHashMap<NodeIndex, Vec<(NodeIndex, usize)>>,
}

impl ChartIndex {
    /// Builds the index; on a large chart, the roll-ups on a second thread meanwhile.
    #[must_use]
    pub fn of(org: &Org) -> Self {
        const SPLIT_ABOVE: usize = 50_000;
        if org.len() <= SPLIT_ABOVE {
            return Self::with_order(Rollup::of(org), org, tree_order(org));
        }
        std::thread::scope(|scope| {
            let rollup = scope.spawn(|| Rollup::of(org));
            let order = tree_order(org);
            let rollup = rollup
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Self::with_order(rollup, org, order)
        })
    }

    fn with_order(rollup: Rollup, org: &Org, order: Vec<NodeIndex>) -> Self {
        let mut rank = vec![0; org.index_bound()];
        for (at, node) in order.iter().enumerate() {
            rank[node.index()] = u32::try_from(at).unwrap_or(u32::MAX);
        }
        let mut dotted_in: FxHashMap<NodeIndex, Vec<(NodeIndex, usize)>> = FxHashMap::default();
        for node in org.posts() {
            for (line, dotted) in org.post(node).dotted.iter().enumerate() {
                if let Some(to) = org.find(dotted.to.as_str()) {
                    dotted_in.entry(to).or_default().push((node, line));
                }
            }
        }
        Self {
            rollup,
            counted: None,
            order,
            rank,
            dotted_in,
        }
    }

    /// Posts shown in the team below `node`, not counting it: the length of its team in
    /// tree order.
    #[must_use]
    pub fn team_posts(&self, node: NodeIndex) -> usize {
        self.rollup.team_posts(node)
    }

    /// The team totals to show: without the posts [`ChartIndex::leave_out`] left out.
    #[must_use]
    pub fn totals(&self) -> &Rollup {
        self.counted.as_ref().unwrap_or(&self.rollup)
    }

    /// Leaves the posts for which `left_out` is true out of the totals shown.
    /// Their dotted lines are left out of the lines that point at each post too.
    pub fn leave_out(&mut self, org: &Org, left_out: impl Fn(NodeIndex) -> bool) {
        self.counted = Some(Rollup::counting(org, |node| !left_out(node)));
        for lines in self.dotted_in.values_mut() {
            lines.retain(|&(from, _)| !left_out(from));
        }
    }

    /// `root` and its whole team in tree order, or every post when `root` is `None`.
    #[must_use]
    pub fn in_tree_order(&self, root: Option<NodeIndex>) -> &[NodeIndex] {
        match root {
            Some(root) => {
                let start = self.rank[root.index()] as usize;
                &self.order[start..=start + self.team_posts(root)]
            }
            None => &self.order,
        }
    }

    /// The post at place `rank` in tree order.
    #[must_use]
    pub fn at_rank(&self, rank: usize) -> NodeIndex {
        self.order[rank]
    }

    /// The place of `node` in tree order.
    #[must_use]
    pub fn rank(&self, node: NodeIndex) -> usize {
        self.rank[node.index()] as usize
    }

    /// The dotted lines that point at `node`: the post each comes from and its index there.
    #[must_use]
    pub fn dotted_in(&self, node: NodeIndex) -> &[(NodeIndex, usize)] {
        self.dotted_in.get(&node).map_or(&[], Vec::as_slice)
    }
}

fn tree_order(org: &Org) -> Vec<NodeIndex> {
    org.tree_order().map(|(node, _)| node).collect()
}
