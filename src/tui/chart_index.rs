//! Facts about the chart that the screen needs for every post and that would cost a walk of
//! the chart to find each time: team totals, tree order, and who points a dotted line at whom.
//! Built once when the chart is opened, then brought up to date by each what-if edit (see
//! `follow`): a team moved, added or taken out, and the totals along the chains above.

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
    /// How many dotted lines point at no post (a lenient load keeps them): a post added
    /// with the id they name would take them.
    dangling: usize,
}

impl ChartIndex {
    /// Builds the index: the tree order is the one the totals were added up in (on a
    /// large chart, the posts' own figures are read on a second thread meanwhile).
    #[must_use]
    pub fn of(org: &Org) -> Self {
        let (rollup, order) = Rollup::ordered(org);
        Self::with_order(rollup, org, order)
    }

    fn with_order(rollup: Rollup, org: &Org, order: Vec<NodeIndex>) -> Self {
        let mut index = Self {
            rollup,
            counted: None,
            order,
            rank: vec![0; org.index_bound()],
            dotted_in: FxHashMap::default(),
            dangling: 0,
        };
        index.renumber(0..index.order.len());
        (index.dotted_in, index.dangling) = dotted_in(org, org.with_dotted_lines().into_iter());
        index
    }

    /// Whether the index leaves some posts out of its totals (the compare screen's): such an
    /// index is built again rather than brought up to date.
    #[must_use]
    pub fn leaves_out(&self) -> bool {
        self.counted.is_some()
    }

    /// Room for the posts of `org` whose nodes are new since the index was made.
    pub fn grow(&mut self, org: &Org) {
        self.rollup.grow(org);
        let size = org.index_bound().max(self.rank.len());
        self.rank.resize(size, 0);
    }

    /// Works out again the team totals of `node`, from its reports' (which must be right).
    pub fn recompute(&mut self, org: &Org, node: NodeIndex) {
        self.rollup.recompute(org, node);
    }

    /// Works out again the team totals of `from` and every post above it, nearest first.
    pub fn recompute_up(&mut self, org: &Org, from: Option<NodeIndex>) {
        let chain = from
            .into_iter()
            .chain(from.into_iter().flat_map(|n| org.chain_to_top(n)));
        for node in chain {
            self.rollup.recompute(org, node);
        }
    }

    /// The place in tree order where the team of `node` begins in `org`, from the post
    /// before it there (the team of its previous sibling, or its manager), which must be in
    /// the index where it stands in `org`.
    #[must_use]
    pub fn place_of(&self, org: &Org, node: NodeIndex) -> usize {
        let siblings = org.manager(node).map_or(org.tops(), |m| org.reports(m));
        let at = org.position(node);
        match at.checked_sub(1).map(|before| siblings[before]) {
            Some(previous) => self.rank(previous) + self.team_posts(previous) + 1,
            None => org.manager(node).map_or(0, |m| self.rank(m) + 1),
        }
    }

    /// Moves the `len` posts from place `from` in tree order to place `to` (a place of the
    /// order as it is, not inside the posts moved): the posts between shift by `len`.
    pub fn move_block(&mut self, from: usize, len: usize, to: usize) {
        if to < from {
            self.order[to..from + len].rotate_right(len);
            self.renumber(to..from + len);
        } else if to > from + len {
            self.order[from..to].rotate_left(len);
            self.renumber(from..to);
        }
    }

    /// Takes the `len` posts at place `from` out of tree order.
    pub fn remove_block(&mut self, from: usize, len: usize) {
        self.order.drain(from..from + len);
        self.renumber(from..self.order.len());
    }

    /// Puts `posts` in tree order at place `at`.
    pub fn insert_block(&mut self, at: usize, posts: &[NodeIndex]) {
        self.order.splice(at..at, posts.iter().copied());
        self.renumber(at..self.order.len());
    }

    /// The ranks of the posts at `places` in tree order.
    fn renumber(&mut self, places: std::ops::Range<usize>) {
        for at in places {
            self.rank[self.order[at].index()] = u32::try_from(at).unwrap_or(u32::MAX);
        }
    }

    /// Finds again the dotted lines that point at each post: from the posts that have
    /// dotted lines only, which on a large chart are few.
    pub fn refresh_dotted(&mut self, org: &Org) {
        (self.dotted_in, self.dangling) = dotted_in(org, org.with_dotted_lines().into_iter());
    }

    /// Whether some dotted line points at no post.
    #[must_use]
    pub fn has_dangling_lines(&self) -> bool {
        self.dangling > 0
    }

    /// The index of `merged`, the chart this index describes with `ghosts` added (the
    /// removed posts of a comparison, under their old managers), leaving the ghosts out of
    /// the totals shown: what [`ChartIndex::of`] and [`ChartIndex::leave_out`] give, but
    /// from this index's totals, which stand for every post but the ghosts and the posts
    /// above them. Only for an index that leaves nothing out.
    #[must_use]
    pub fn with_ghosts(&self, merged: &Org, ghosts: &[NodeIndex]) -> Self {
        let mut counted = self.rollup.clone();
        counted.grow(merged);
        for &ghost in ghosts {
            counted.leave_out(ghost);
        }
        let mut index = Self {
            rollup: counted.clone(),
            counted: Some(counted),
            order: tree_order(merged),
            rank: vec![0; merged.index_bound()],
            // The lines from ghosts are left out, and none lead to them (they have no id to
            // be found by): the lines of the chart without them.
            dotted_in: self.dotted_in.clone(),
            dangling: self.dangling,
        };
        index.renumber(0..index.order.len());
        // The ghosts' teams, each after the ghosts below it; then the chains above them.
        let mut ghosts = ghosts.to_vec();
        ghosts.sort_unstable_by_key(|&ghost| std::cmp::Reverse(index.rank(ghost)));
        for &ghost in &ghosts {
            index.rollup.recompute(merged, ghost);
        }
        let is_ghost = |node: NodeIndex| {
            ghosts
                .binary_search_by_key(&std::cmp::Reverse(index.rank(node)), |&g| {
                    std::cmp::Reverse(index.rank(g))
                })
                .is_ok()
        };
        let mut above: Vec<NodeIndex> = ghosts
            .iter()
            .filter_map(|&ghost| merged.manager(ghost))
            .filter(|&manager| !is_ghost(manager))
            .collect();
        above.sort_unstable();
        above.dedup();
        for manager in above {
            index.recompute_up(merged, Some(manager));
        }
        index
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

type DottedIn = FxHashMap<NodeIndex, Vec<(NodeIndex, usize)>>;

/// The dotted lines from `sources` (in storage order) to each post they point at, and how
/// many point at no post.
fn dotted_in(org: &Org, sources: impl Iterator<Item = NodeIndex>) -> (DottedIn, usize) {
    let mut dotted_in = DottedIn::default();
    let mut dangling = 0;
    for node in sources {
        for (line, dotted) in org.post(node).dotted.iter().enumerate() {
            match org.find(dotted.to.as_str()) {
                Some(to) => dotted_in.entry(to).or_default().push((node, line)),
                None => dangling += 1,
            }
        }
    }
    (dotted_in, dangling)
}

fn tree_order(org: &Org) -> Vec<NodeIndex> {
    org.tree_order().map(|(node, _)| node).collect()
}
