//! What the compare screen knows of a series of three or more releases: the charts, each
//! held once, in date order; the timeline's figures, worked out once; which consecutive
//! pair is on screen; and the merged chart of a pair, built when it is shown. No drawing
//! here.

use crate::compare::{Comparison, MatchBy, compare};
use crate::org::Org;
use crate::timeline::{Chart, Timeline, build_keeping_last};

use super::compare_screen::CompareState;

/// A series of releases on the compare screen, which shows one consecutive pair at a time.
pub struct Series {
    /// The releases in date order. Only these are kept: a pair's merged chart is built from
    /// copies of its two when it is shown, and dropped when another is.
    pub charts: Vec<Chart>,
    /// The figures of each release and the churn of each step, for the timeline view.
    pub timeline: Timeline,
    /// The pair on screen: `charts[shown]` to `charts[shown + 1]`.
    pub shown: usize,
    /// The comparison of the last pair, made for the timeline and kept for the screen to
    /// open on, until it does.
    opening: Option<Comparison>,
}

impl Series {
    /// The series of `charts`, which are in date order (two at least), on its last pair:
    /// the latest change. Compares each consecutive pair once, for the timeline.
    #[must_use]
    pub fn new(charts: Vec<Chart>, by: MatchBy) -> Self {
        assert!(charts.len() >= 2, "a series has two releases at least");
        let (timeline, opening) = build_keeping_last(&charts, by);
        Self {
            shown: charts.len() - 2,
            charts,
            timeline,
            opening,
        }
    }

    /// How many consecutive pairs (steps) the series has.
    #[must_use]
    pub fn pairs(&self) -> usize {
        self.charts.len() - 1
    }

    /// The merged chart and the compare state of pair `at` (`charts[at]` to
    /// `charts[at + 1]`), compared as the timeline compared them. The two charts are
    /// copied: the series keeps its own.
    #[must_use]
    pub fn pair(&mut self, at: usize) -> (Org, CompareState) {
        let (before, after) = (&self.charts[at], &self.charts[at + 1]);
        let kept = self.opening.take().filter(|_| at + 2 == self.charts.len());
        let comparison = kept.unwrap_or_else(|| compare(&before.org, &after.org, self.timeline.by));
        CompareState::merge(
            before.org.clone(),
            after.org.clone(),
            comparison,
            (before.label.clone(), after.label.clone()),
        )
    }

    /// The date of release `at`, as the series shows it.
    #[must_use]
    pub fn date(&self, at: usize) -> &str {
        &self.charts[at].as_of
    }

    /// Pair `at` as its dates: `2011-09-30 -> 2012-09-30`.
    #[must_use]
    pub fn pair_name(&self, at: usize) -> String {
        format!(
            "{} -> {}",
            crate::text::Escaped(self.date(at)),
            crate::text::Escaped(self.date(at + 1))
        )
    }
}
