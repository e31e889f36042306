//! The figures a what-if shows for the whole chart (posts, vacant, not disclosed, layers,
//! FTE, cost, widest span), kept up to date edit by edit rather than worked out again from
//! every post: the figures of the posts an edit adds or takes away, the posts per layer of a
//! team that moves, and the managers per span, are added and taken away.

use std::collections::BTreeMap;

use super::cost::Cost;
use super::graph::{NodeIndex, Org};
use super::metrics::Stats;
use super::post::Post;

/// One unit of the sums of FTE and cost: 2^-60. Each figure is rounded to a unit once, the
/// same way whenever it is added or taken away, so that the sums are whole numbers: an edit
/// and its undo bring them back exactly, in whatever order posts come and go. (Sums of
/// floating-point figures would drift a little with every edit undone, and the impact line
/// would end by showing a change of nothing.) A figure from about 0.004 up is a whole number
/// of units, so the sums are exact, and read back rounded once; they hold totals up to about
/// 10^20, far above any chart's (above that the figure shown is wrong, not a crash: the sums
/// wrap).
const UNIT: f64 = 1_152_921_504_606_846_976.0;

#[allow(clippy::cast_possible_truncation)]
fn units(figure: f64) -> i128 {
    (figure * UNIT).round() as i128
}

#[allow(clippy::cast_precision_loss)]
fn figure(units: i128) -> f64 {
    // Adding 0.0 turns a -0.0 into 0.0.
    units as f64 / UNIT + 0.0
}

/// The figures of a chart the impact line of a what-if shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub posts: usize,
    pub vacant: usize,
    pub undisclosed: usize,
    /// Levels of the deepest reporting line, top posts counted as 1.
    pub layers: u32,
    pub headcount_fte: f64,
    pub cost: Option<Cost>,
    /// The most direct reports of any post (0 when none has any).
    pub widest_span: usize,
}

impl From<&Stats> for Headline {
    fn from(stats: &Stats) -> Self {
        Self {
            posts: stats.posts,
            vacant: stats.vacant,
            undisclosed: stats.undisclosed,
            layers: stats.layers,
            headcount_fte: stats.headcount_fte,
            cost: stats.cost,
            widest_span: stats.span.as_ref().map_or(0, |span| span.max),
        }
    }
}

/// The figures of a chart, kept as counts and whole sums that edits add to and take from:
/// an edit tallies what it takes away and what it adds, and the chart's tally takes the one
/// and adds the other.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    posts: usize,
    vacant: usize,
    undisclosed: usize,
    fte: i128,
    /// Posts whose own cost (with their staff groups') is given, and the sums of its ends.
    costed: usize,
    cost_low: i128,
    cost_high: i128,
    /// Posts in each layer (top posts are layer 1; index 0 is unused).
    layers: Vec<usize>,
    /// Managers by their number of direct reports (only posts that have reports).
    spans: BTreeMap<usize, usize>,
}

impl Tally {
    /// The figures of `org`, from every post.
    #[must_use]
    pub fn of(org: &Org) -> Self {
        let mut tally = Self::default();
        for (node, layer) in org.tree_order() {
            tally.post(org.post(node));
            tally.layer(layer);
            tally.span(org.reports(node).len());
        }
        tally
    }

    /// Adds the own figures of `post`: the post itself, its holder, FTE and cost.
    pub fn post(&mut self, post: &Post) {
        self.posts += 1;
        self.vacant += usize::from(post.holder.is_vacant());
        self.undisclosed += usize::from(post.holder.is_undisclosed());
        self.fte = self.fte.wrapping_add(units(post.own_headcount_fte()));
        if let Some(cost) = post.own_cost() {
            self.costed += 1;
            self.cost_low = self.cost_low.wrapping_add(units(cost.low()));
            self.cost_high = self.cost_high.wrapping_add(units(cost.high()));
        }
    }

    /// Adds one post in `layer`.
    pub fn layer(&mut self, layer: u32) {
        let at = layer as usize;
        if self.layers.len() <= at {
            self.layers.resize(at + 1, 0);
        }
        self.layers[at] += 1;
    }

    /// Adds a post of `span` direct reports (nothing for a span of 0: not a manager).
    pub fn span(&mut self, span: usize) {
        if span > 0 {
            *self.spans.entry(span).or_default() += 1;
        }
    }

    /// Adds the layers and spans of the posts of `root`'s team, `root` in `layer` (not
    /// their own figures, which stay the same when a team moves).
    pub fn team(&mut self, org: &Org, root: NodeIndex, layer: u32) {
        for (node, below) in org.team(root) {
            self.layer(layer + below - 1);
            self.span(org.reports(node).len());
        }
    }

    /// Adds what `other` counts.
    pub fn add(&mut self, other: &Tally) {
        self.posts += other.posts;
        self.vacant += other.vacant;
        self.undisclosed += other.undisclosed;
        self.fte = self.fte.wrapping_add(other.fte);
        self.costed += other.costed;
        self.cost_low = self.cost_low.wrapping_add(other.cost_low);
        self.cost_high = self.cost_high.wrapping_add(other.cost_high);
        if self.layers.len() < other.layers.len() {
            self.layers.resize(other.layers.len(), 0);
        }
        for (mine, theirs) in self.layers.iter_mut().zip(&other.layers) {
            *mine += theirs;
        }
        for (&span, &count) in &other.spans {
            *self.spans.entry(span).or_default() += count;
        }
    }

    /// Takes away what `other` counts, which must be part of what this counts.
    pub fn take(&mut self, other: &Tally) {
        self.posts -= other.posts;
        self.vacant -= other.vacant;
        self.undisclosed -= other.undisclosed;
        self.fte = self.fte.wrapping_sub(other.fte);
        self.costed -= other.costed;
        self.cost_low = self.cost_low.wrapping_sub(other.cost_low);
        self.cost_high = self.cost_high.wrapping_sub(other.cost_high);
        for (mine, theirs) in self.layers.iter_mut().zip(&other.layers) {
            *mine -= theirs;
        }
        // No empty layers at the end, as a tally of the chart would have none.
        while self.layers.last() == Some(&0) {
            self.layers.pop();
        }
        for (&span, &count) in &other.spans {
            if let Some(mine) = self.spans.get_mut(&span) {
                *mine -= count;
                if *mine == 0 {
                    self.spans.remove(&span);
                }
            }
        }
    }

    /// The figures to show.
    #[must_use]
    pub fn headline(&self) -> Headline {
        let layers = self
            .layers
            .iter()
            .rposition(|&posts| posts > 0)
            .unwrap_or(0);
        Headline {
            posts: self.posts,
            vacant: self.vacant,
            undisclosed: self.undisclosed,
            layers: u32::try_from(layers).unwrap_or(u32::MAX),
            headcount_fte: figure(self.fte),
            cost: (self.costed > 0).then(|| {
                let (low, high) = (figure(self.cost_low), figure(self.cost_high));
                Cost::range(low, high).unwrap_or(Cost::one(low))
            }),
            widest_span: self.spans.keys().next_back().copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Cost;

    #[test]
    fn a_post_added_and_taken_away_leaves_the_sums_exactly_as_they_were() {
        let mut org = Org::default();
        let mut post = Post::new("a", "A");
        post.set_fte(Some(0.1));
        post.cost = Some(Cost::range(10.2, 10.7).unwrap());
        org.add_post(post.clone()).unwrap();
        let mut tally = Tally::of(&org);
        let start = tally.clone();
        let mut one = Tally::default();
        one.post(&post);
        for _ in 0..1000 {
            tally.add(&one);
        }
        for _ in 0..1000 {
            tally.take(&one);
        }
        assert_eq!(tally, start);
        let headline = tally.headline();
        assert!((headline.headcount_fte - 0.1).abs() < 1e-9);
        assert_eq!(headline.cost, Cost::range(10.2, 10.7));
        assert_eq!((headline.layers, headline.widest_span), (1, 0));
    }
}
