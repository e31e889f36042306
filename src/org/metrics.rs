//! Roll-ups over a chart: team sizes, headcount, cost, layers and spans of control.

use super::cost::Cost;
use super::graph::{NO_MANAGER, NodeIndex, Org};
use super::post::Post;

/// Per-post totals over each post's whole team.
#[derive(Clone)]
pub struct Rollup {
    /// Posts in the team below each post (not counting the post itself), by node index.
    team_posts: Vec<u32>,
    /// FTE of each post, its staff groups and its whole team.
    headcount_fte: Vec<f64>,
    /// The cost of each post and its whole team (its low end where it is a range); NaN
    /// where none of them gives one (a NaN here takes half the room of an `Option`, which
    /// counts at a million posts).
    cost_low: Vec<f64>,
    /// The high ends, made only when some cost is a range: most charts give none.
    cost_high: Option<Vec<f64>>,
}

impl Rollup {
    /// One pass down the tree to order it, one pass back up in which each post adds its
    /// team to its manager's. The posts' own figures are read in the order the chart stores
    /// them, which is far quicker on a large chart than reading them in tree order.
    #[must_use]
    pub fn of(org: &Org) -> Self {
        Self::ordered(org).0
    }

    /// As [`Rollup::of`], with the tree order the totals were added up in (every post, as
    /// [`Org::tree_order`] gives them): on a large chart, the posts' own figures are read
    /// on a second thread while this one walks the tree.
    #[must_use]
    pub fn ordered(org: &Org) -> (Self, Vec<NodeIndex>) {
        const SPLIT_ABOVE: usize = 50_000;
        let (own, (order, managers)) = if org.len() > SPLIT_ABOVE {
            std::thread::scope(|scope| {
                let own = scope.spawn(|| Own::of(org, |_| true));
                let walked = walk(org);
                let own = own
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (own, walked)
            })
        } else {
            (Own::of(org, |_| true), walk(org))
        };
        (own.added_up(org, &order, &managers), order)
    }

    /// As [`Rollup::of`], but the posts for which `counted` is false add nothing to their
    /// managers' totals (the ghosts of removed posts on the compare screen).
    #[must_use]
    pub fn counting(org: &Org, counted: impl Fn(NodeIndex) -> bool) -> Self {
        let own = Own::of(org, counted);
        let (order, managers) = walk(org);
        own.added_up(org, &order, &managers)
    }

    /// Room for the posts of `org` whose nodes are new since the totals were made (a
    /// post added by an edit), each with no team and no figures until it is worked out
    /// again.
    pub fn grow(&mut self, org: &Org) {
        let size = org.index_bound().max(self.team_posts.len());
        self.team_posts.resize(size, 0);
        self.headcount_fte.resize(size, 0.0);
        self.cost_low.resize(size, f64::NAN);
        if let Some(high) = &mut self.cost_high {
            high.resize(size, f64::NAN);
        }
    }

    /// No team and no figures for `node`: a post left out of the totals (see
    /// [`Rollup::counting`]).
    pub fn leave_out(&mut self, node: NodeIndex) {
        let i = node.index();
        self.team_posts[i] = 0;
        self.headcount_fte[i] = 0.0;
        self.cost_low[i] = f64::NAN;
        if let Some(high) = &mut self.cost_high {
            high[i] = f64::NAN;
        }
    }

    /// Works out again the totals of `node` from its own figures and its reports' totals
    /// (which must be right), adding in the same order as [`Rollup::of`] (its last report
    /// first), so that the sums are the same to the bit as a roll-up of the whole chart.
    /// Every post counts: this is for the totals of [`Rollup::of`], not of
    /// [`Rollup::counting`].
    pub fn recompute(&mut self, org: &Org, node: NodeIndex) {
        let post = org.post(node);
        let own = post.own_cost();
        if own.is_some_and(Cost::is_range) && self.cost_high.is_none() {
            // The first range: until now every high end was its low end.
            self.cost_high = Some(self.cost_low.clone());
        }
        let reports = org.reports(node);
        let i = node.index();
        let mut team = 0_u32;
        let mut fte = post.own_headcount_fte();
        let mut low = own.map_or(f64::NAN, Cost::low);
        for report in reports.iter().rev().map(|r| r.index()) {
            team += self.team_posts[report] + 1;
            fte += self.headcount_fte[report];
            low = add(low, self.cost_low[report]);
        }
        self.team_posts[i] = team;
        self.headcount_fte[i] = fte;
        self.cost_low[i] = low;
        if let Some(high) = &mut self.cost_high {
            let mut sum = own.map_or(f64::NAN, Cost::high);
            for report in reports.iter().rev() {
                sum = add(sum, high[report.index()]);
            }
            high[i] = sum;
        }
    }

    /// Posts in the team below `node`, not counting it.
    #[must_use]
    pub fn team_posts(&self, node: NodeIndex) -> usize {
        self.team_posts[node.index()] as usize
    }

    /// FTE of `node`, its staff groups and its whole team.
    #[must_use]
    pub fn headcount_fte(&self, node: NodeIndex) -> f64 {
        self.headcount_fte[node.index()]
    }

    /// Cost of `node` and its whole team, where any of them gives one: a range where any
    /// of them gives a range.
    #[must_use]
    pub fn cost(&self, node: NodeIndex) -> Option<Cost> {
        let low = self.cost_low[node.index()];
        let high = self
            .cost_high
            .as_ref()
            .map_or(low, |high| high[node.index()]);
        (!low.is_nan()).then(|| Cost::range(low, high).unwrap_or(Cost::one(low)))
    }
}

/// Each post's own figures, by node index, before the teams are added up.
struct Own {
    headcount_fte: Vec<f64>,
    cost_low: Vec<f64>,
    cost_high: Option<Vec<f64>>,
    /// How many posts each counts as (0 for a post left out); none when every post counts
    /// as one, as on every screen but the compare screen's.
    weight: Option<Vec<u32>>,
}

impl Own {
    fn of(org: &Org, counted: impl Fn(NodeIndex) -> bool) -> Self {
        let size = org.index_bound();
        let mut own = Self {
            headcount_fte: vec![0.0; size],
            cost_low: vec![f64::NAN; size],
            cost_high: None,
            weight: None,
        };
        for node in org.posts() {
            if !counted(node) {
                own.weight.get_or_insert_with(|| vec![1; size])[node.index()] = 0;
                continue;
            }
            let post = org.post(node);
            own.headcount_fte[node.index()] = post.own_headcount_fte();
            if let Some(cost) = post.own_cost() {
                own.cost_low[node.index()] = cost.low();
                if cost.is_range() && own.cost_high.is_none() {
                    own.cost_high = Some(own.cost_low.clone());
                }
                if let Some(high) = &mut own.cost_high {
                    high[node.index()] = cost.high();
                }
            }
        }
        own
    }

    /// The totals: each post, from the last in tree order (`order`, with each post's
    /// manager in `managers`), adds its team to its manager's.
    fn added_up(self, org: &Org, order: &[NodeIndex], managers: &[u32]) -> Rollup {
        let Self {
            mut headcount_fte,
            mut cost_low,
            mut cost_high,
            weight,
        } = self;
        let mut team_posts = vec![0; org.index_bound()];
        for (&post, &manager) in order.iter().zip(managers).rev() {
            if manager != NO_MANAGER {
                let (i, m) = (post.index(), manager as usize);
                let weight = weight.as_ref().map_or(1, |weight| weight[i]);
                team_posts[m] += team_posts[i] + weight;
                headcount_fte[m] += headcount_fte[i];
                cost_low[m] = add(cost_low[m], cost_low[i]);
                if let Some(high) = &mut cost_high {
                    high[m] = add(high[m], high[i]);
                }
            }
        }
        Rollup {
            team_posts,
            headcount_fte,
            cost_low,
            cost_high,
        }
    }
}

/// Every post in tree order, and the manager of each as a node index ([`NO_MANAGER`] for
/// a top post): one walk down the tree, with a stack rather than recursion.
fn walk(org: &Org) -> (Vec<NodeIndex>, Vec<u32>) {
    let index = |node: NodeIndex| u32::try_from(node.index()).unwrap_or(NO_MANAGER);
    let mut order = Vec::with_capacity(org.len());
    let mut managers = Vec::with_capacity(org.len());
    let mut stack: Vec<(NodeIndex, u32)> = org
        .tops()
        .iter()
        .rev()
        .map(|&top| (top, NO_MANAGER))
        .collect();
    while let Some((post, manager)) = stack.pop() {
        order.push(post);
        managers.push(manager);
        let reports = org.reports(post);
        stack.extend(reports.iter().rev().map(|&report| (report, index(post))));
    }
    (order, managers)
}

/// The sum of two costs, either of which may be missing (NaN).
fn add(a: f64, b: f64) -> f64 {
    match (a.is_nan(), b.is_nan()) {
        (true, _) => b,
        (false, true) => a,
        (false, false) => a + b,
    }
}

/// Span of control over the managers of a chart (posts with at least one direct report).
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub managers: usize,
    pub min: usize,
    pub median: f64,
    pub mean: f64,
    pub max: usize,
}

/// The figures of a whole chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub posts: usize,
    pub vacant: usize,
    /// Posts held by someone whose name is not disclosed (they are not vacant).
    pub undisclosed: usize,
    pub top_posts: usize,
    /// Levels of the deepest reporting line, top posts counted as 1.
    pub layers: u32,
    /// Post FTE (1 unless given) plus staff group FTE, over every post.
    pub headcount_fte: f64,
    /// Total of every cost given, on posts and staff groups (a range where any is a range);
    /// `None` when none is.
    pub cost: Option<Cost>,
    /// Posts that give their own cost.
    pub posts_with_cost: usize,
    /// `None` when no post has a report.
    pub span: Option<Span>,
    /// The managers with the most direct reports, widest first (file order among equals).
    pub widest: Vec<(NodeIndex, usize)>,
}

impl Stats {
    pub const WIDEST: usize = 5;

    #[must_use]
    pub fn of(org: &Org) -> Self {
        let mut spans: Vec<(NodeIndex, usize)> = org
            .posts()
            .map(|node| (node, org.reports(node).len()))
            .filter(|&(_, span)| span > 0)
            .collect();
        let span = summarise(spans.iter().map(|&(_, span)| span).collect());
        spans.sort_by_key(|&(_, span)| std::cmp::Reverse(span));
        spans.truncate(Self::WIDEST);
        // The posts' own figures in one pass, in the order the chart stores them.
        let mut figures = Figures::default();
        for node in org.posts() {
            figures.add(org.post(node));
        }
        Self {
            posts: org.len(),
            vacant: figures.vacant,
            undisclosed: figures.undisclosed,
            top_posts: org.tops().len(),
            layers: org.tree_order().map(|(_, layer)| layer).max().unwrap_or(0),
            // Adding 0.0 turns the -0.0 that an empty sum gives into 0.0.
            headcount_fte: figures.headcount_fte + 0.0,
            cost: figures.cost,
            posts_with_cost: figures.posts_with_cost,
            span,
            widest: spans,
        }
    }
}

/// What the posts give, added up post by post.
#[derive(Default)]
struct Figures {
    vacant: usize,
    undisclosed: usize,
    headcount_fte: f64,
    cost: Option<Cost>,
    posts_with_cost: usize,
}

impl Figures {
    fn add(&mut self, post: &Post) {
        self.vacant += usize::from(post.holder.is_vacant());
        self.undisclosed += usize::from(post.holder.is_undisclosed());
        self.headcount_fte += post.own_headcount_fte();
        if let Some(cost) = post.own_cost() {
            self.cost = Some(self.cost.map_or(cost, |total| total + cost));
        }
        self.posts_with_cost += usize::from(post.cost.is_some());
    }
}

#[allow(clippy::cast_precision_loss)]
fn summarise(mut spans: Vec<usize>) -> Option<Span> {
    spans.sort_unstable();
    let (&min, &max) = (spans.first()?, spans.last()?);
    let n = spans.len();
    let median = if n % 2 == 1 {
        spans[n / 2] as f64
    } else {
        (spans[n / 2 - 1] + spans[n / 2]) as f64 / 2.0
    };
    Some(Span {
        managers: n,
        min,
        median,
        mean: spans.iter().sum::<usize>() as f64 / n as f64,
        max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The totals of every team, worked out by walking each post's team on its own.
    fn walked_totals(org: &Org, node: NodeIndex) -> (usize, f64) {
        let mut posts = 0;
        let mut fte = 0.0;
        for (member, _) in org.team(node) {
            posts += 1;
            fte += org.post(member).own_headcount_fte();
        }
        (posts - 1, fte)
    }

    #[test]
    fn the_order_totals_are_added_up_in_is_the_tree_order_and_the_totals_are_each_teams() {
        // Large enough for the own figures to be read on a second thread.
        for size in [300, 60_000] {
            let mut org = crate::generate::generate(size, 5);
            // A second top post with a team of its own.
            let top = org.tops()[0];
            let moved = org.reports(top)[0];
            org.set_manager(moved, None, None).unwrap();
            let (rollup, order) = Rollup::ordered(&org);
            let expected: Vec<NodeIndex> = org.tree_order().map(|(node, _)| node).collect();
            assert_eq!(order, expected);
            for node in org.posts().step_by(97) {
                let (posts, fte) = walked_totals(&org, node);
                assert_eq!(rollup.team_posts(node), posts);
                assert!((rollup.headcount_fte(node) - fte).abs() < 1e-6 * fte.max(1.0));
            }
        }
    }

    #[test]
    fn spans_are_summarised_over_managers_only() {
        let span = summarise(vec![1, 4, 2, 6]).unwrap();
        assert_eq!((span.managers, span.min, span.max), (4, 1, 6));
        assert!((span.median - 3.0).abs() < 1e-9);
        assert!((span.mean - 3.25).abs() < 1e-9);
        assert!(summarise(Vec::new()).is_none());
    }

    #[test]
    fn team_totals_roll_up_to_every_manager() {
        let mut org = Org::default();
        let ps = org
            .add_post(Post::new("ps", "Permanent Secretary"))
            .unwrap();
        let cdo = org
            .add_post(Post::new("cdo", "Chief Digital Officer"))
            .unwrap();
        let it = org.add_post(Post::new("it", "Head of IT")).unwrap();
        org.post_mut(cdo).cost = Some(Cost::one(90_000.0));
        org.post_mut(it).set_fte(Some(0.5));
        org.set_manager(cdo, Some(ps), None).unwrap();
        org.set_manager(it, Some(cdo), None).unwrap();
        let rollup = Rollup::of(&org);
        assert_eq!(rollup.team_posts(ps), 2);
        assert_eq!(rollup.team_posts(it), 0);
        assert!((rollup.headcount_fte(ps) - 2.5).abs() < 1e-9);
        assert_eq!(rollup.cost(ps), Some(Cost::one(90_000.0)));
        assert_eq!(rollup.cost(it), None);
    }
}
