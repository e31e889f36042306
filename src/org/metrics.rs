//! Roll-ups over a chart: team sizes, headcount, cost, layers and spans of control.

use super::graph::{NodeIndex, Org};

/// Per-post totals over each post's whole team, indexed by `NodeIndex::index()`.
pub struct Rollup {
    /// Posts in the team below the post (not counting the post itself).
    pub team_posts: Vec<u32>,
    /// FTE of the post, its staff groups and its whole team.
    pub headcount_fte: Vec<f64>,
    /// Cost of the post and its whole team, where any is given.
    pub cost: Vec<Option<f64>>,
}

impl Rollup {
    /// One pass up the tree: each post adds itself to its manager after its own team.
    #[must_use]
    pub fn of(org: &Org) -> Self {
        let size = org.index_bound();
        let mut rollup = Self {
            team_posts: vec![0; size],
            headcount_fte: vec![0.0; size],
            cost: vec![None; size],
        };
        let order: Vec<NodeIndex> = org.tree_order().map(|(node, _)| node).collect();
        for &node in order.iter().rev() {
            let post = org.post(node);
            let i = node.index();
            rollup.headcount_fte[i] += post.own_headcount_fte();
            rollup.cost[i] = add(rollup.cost[i], post.own_cost());
            if let Some(manager) = org.manager(node) {
                let m = manager.index();
                rollup.team_posts[m] += rollup.team_posts[i] + 1;
                rollup.headcount_fte[m] += rollup.headcount_fte[i];
                rollup.cost[m] = add(rollup.cost[m], rollup.cost[i]);
            }
        }
        rollup
    }
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
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
    pub top_posts: usize,
    /// Levels of the deepest reporting line, top posts counted as 1.
    pub layers: u32,
    /// Post FTE (1 unless given) plus staff group FTE, over every post.
    pub headcount_fte: f64,
    /// Total of every cost given, on posts and staff groups; `None` when none is.
    pub cost: Option<f64>,
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
        Self {
            posts: org.len(),
            vacant: org.posts().filter(|&n| org.post(n).is_vacant()).count(),
            top_posts: org.tops().len(),
            layers: org.tree_order().map(|(_, layer)| layer).max().unwrap_or(0),
            // Adding 0.0 turns the -0.0 that an empty sum gives into 0.0.
            headcount_fte: org
                .posts()
                .map(|n| org.post(n).own_headcount_fte())
                .sum::<f64>()
                + 0.0,
            cost: org
                .posts()
                .filter_map(|n| org.post(n).own_cost())
                .reduce(|a, b| a + b),
            posts_with_cost: org.posts().filter(|&n| org.post(n).cost.is_some()).count(),
            span,
            widest: spans,
        }
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
    use crate::org::Post;

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
        org.post_mut(cdo).cost = Some(90_000.0);
        org.post_mut(it).fte = Some(0.5);
        org.set_manager(cdo, Some(ps), None).unwrap();
        org.set_manager(it, Some(cdo), None).unwrap();
        let rollup = Rollup::of(&org);
        assert_eq!(rollup.team_posts[ps.index()], 2);
        assert_eq!(rollup.team_posts[it.index()], 0);
        assert!((rollup.headcount_fte[ps.index()] - 2.5).abs() < 1e-9);
        assert_eq!(rollup.cost[ps.index()], Some(90_000.0));
        assert_eq!(rollup.cost[it.index()], None);
    }
}
