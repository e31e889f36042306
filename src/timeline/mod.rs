//! A body's structure across a series of releases: the figures of each release, the churn
//! between each release and the next, and one post's life across them. Built from the same
//! pieces as `stats` and `diff` ([`Stats`], [`compare`]), so that a timeline's figures are
//! those of `stats` on each release and its churn that of `diff` on each pair.
//! No terminal code here.

mod life;

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use crate::compare::{ChangeKind, Comparison, Entry, MatchBy, Matching, compare};
use crate::org::metrics::Stats;
use crate::org::{NodeIndex, Org};

pub use life::{Life, Moment, Seen, follow};

/// One release of the series.
#[derive(Clone, Debug)]
pub struct Release {
    /// How the release is named in output: its file, as given.
    pub label: String,
    /// The chart's own name, when it has one.
    pub name: Option<String>,
    /// The date the chart describes.
    pub as_of: String,
    pub stats: Stats,
    /// The number of posts of each grade (`None`: posts without one), by grade.
    pub grades: BTreeMap<Option<String>, usize>,
}

impl Release {
    /// The figures of `org`, which describes `as_of`, read from `label`.
    #[must_use]
    pub fn of(org: &Org, label: String, as_of: String) -> Self {
        Self::with_stats(org, label, as_of, Stats::of(org))
    }

    /// As [`Release::of`], with the figures `stats` of `org` already worked out (by the
    /// comparison of a pair).
    fn with_stats(org: &Org, label: String, as_of: String, stats: Stats) -> Self {
        let mut grades = BTreeMap::new();
        for node in org.posts() {
            let grade = org.post(node).grade.as_deref().map(str::to_owned);
            *grades.entry(grade).or_insert(0) += 1;
        }
        Self {
            label,
            name: org.meta.name.as_deref().map(str::to_owned),
            as_of,
            stats,
            grades,
        }
    }
}

/// The kinds of change that make up the churn between releases.
pub const CHURN: [ChangeKind; 6] = [
    ChangeKind::Added,
    ChangeKind::Removed,
    ChangeKind::Moved,
    ChangeKind::Retitled,
    ChangeKind::Holder,
    ChangeKind::Vacancy,
];

/// What changed from one release to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The changes of each kind, in the order of [`ChangeKind::ALL`]: what `diff` counts.
    pub counts: [usize; ChangeKind::ALL.len()],
    /// Posts with at least one change of the churn's kinds ([`CHURN`]): added, removed,
    /// moved, retitled, a new holder, vacated or filled. Other fields leave a post out.
    pub changed: usize,
    /// Posts in either release: matched, removed or added.
    pub posts: usize,
    /// Posts matched by their id, and by what they hold (title, holder, manager) when the
    /// id did not match: a release whose posts were renumbered is matched mostly so.
    pub by_id: usize,
    pub by_content: usize,
}

impl Step {
    /// The step from `before` to `after`, from their comparison.
    #[must_use]
    pub fn of(before: &Org, comparison: &Comparison) -> Self {
        let summary = &comparison.summary;
        let changed: FxHashSet<Entry> = comparison
            .changes
            .iter()
            .filter(|c| CHURN.contains(&c.kind()))
            .map(crate::compare::Change::entry)
            .collect();
        let matched = before
            .posts()
            .filter(|&b| comparison.matching.to_after(b).is_some())
            .count();
        let removed = summary.count(ChangeKind::Removed);
        let added = summary.count(ChangeKind::Added);
        Self {
            counts: summary.counts,
            changed: changed.len(),
            posts: matched + removed + added,
            by_id: matched - summary.inferred,
            by_content: summary.inferred,
        }
    }

    #[must_use]
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.counts[kind as usize]
    }

    /// The share of posts that changed, from 0 to 1.
    #[must_use]
    pub fn share(&self) -> f64 {
        if self.posts == 0 {
            0.0
        } else {
            #[allow(clippy::cast_precision_loss)] // counts of posts: far below 2^52
            {
                self.changed as f64 / self.posts as f64
            }
        }
    }

    /// Whether most matched posts were matched by content: the ids were renumbered.
    #[must_use]
    pub fn renumbered(&self) -> bool {
        self.by_content > self.by_id
    }
}

/// The series: its releases in date order, and a step between each and the next.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub releases: Vec<Release>,
    /// `steps[i]` goes from `releases[i]` to `releases[i + 1]`.
    pub steps: Vec<Step>,
    /// How posts were matched: by id and content, as `diff` does, or by id only.
    pub by: MatchBy,
}

/// A chart of the series, with what names it.
pub struct Chart {
    pub org: Org,
    pub label: String,
    pub as_of: String,
}

/// The timeline of `charts`, which are in date order, and with `keep_matchings` the
/// matching of each consecutive pair (to follow a post across them).
///
/// Both cores share the work: each thread takes the next pair not yet compared. A
/// comparison is dropped as soon as its figures are taken (its step, and the figures of the
/// releases it measured), so that only the charts are held throughout, and two comparisons
/// at most besides.
#[must_use]
pub fn build(charts: &[Chart], by: MatchBy, keep_matchings: bool) -> (Timeline, Vec<Matching>) {
    let (timeline, matchings, _) = building(charts, by, keep_matchings, false);
    (timeline, matchings)
}

/// As [`build`], keeping the comparison of the last pair too (the pair the compare screen
/// opens on), so that it need not be made again.
#[must_use]
pub fn build_keeping_last(charts: &[Chart], by: MatchBy) -> (Timeline, Option<Comparison>) {
    let (timeline, _, last) = building(charts, by, false, true);
    (timeline, last)
}

fn building(
    charts: &[Chart],
    by: MatchBy,
    keep_matchings: bool,
    keep_last: bool,
) -> (Timeline, Vec<Matching>, Option<Comparison>) {
    /// What a task gives: a step (with its matching when kept, and the comparison itself
    /// when it is the last pair's, kept) and the figures of the releases it measured, or the
    /// figures of a release alone.
    enum Done {
        Step(
            Step,
            Option<Matching>,
            Vec<Release>,
            Option<Box<Comparison>>,
        ),
        Release(Release),
    }
    let pairs = charts.len().saturating_sub(1);
    // A comparison works out the figures of both its charts: the releases take them from
    // there (the first chart of each pair, and the last chart from the last pair), and only
    // a lone release is measured on its own.
    let tasks = if pairs > 0 { pairs } else { charts.len() };
    let release = |at: usize, stats: Stats| {
        let chart = &charts[at];
        Release::with_stats(&chart.org, chart.label.clone(), chart.as_of.clone(), stats)
    };
    crate::progress::parts(tasks as u64);
    let done = crate::work::on_both_cores(tasks, |task| {
        let _counted = crate::progress::PartDone;
        if pairs == 0 {
            return Done::Release(release(task, Stats::of(&charts[task].org)));
        }
        let (before, after) = (&charts[task].org, &charts[task + 1].org);
        let comparison = compare(before, after, by);
        let step = Step::of(before, &comparison);
        let last = task + 1 == pairs;
        if last && keep_last {
            let summary = &comparison.summary;
            let releases = vec![
                release(task, summary.before.clone()),
                release(task + 1, summary.after.clone()),
            ];
            return Done::Step(step, None, releases, Some(Box::new(comparison)));
        }
        let summary = comparison.summary;
        let mut releases = vec![release(task, summary.before)];
        if last {
            releases.push(release(task + 1, summary.after));
        }
        Done::Step(
            step,
            keep_matchings.then_some(comparison.matching),
            releases,
            None,
        )
    });
    let mut timeline = Timeline {
        releases: Vec::with_capacity(charts.len()),
        steps: Vec::with_capacity(pairs),
        by,
    };
    let mut matchings = Vec::new();
    let mut kept = None;
    for done in done {
        match done {
            Done::Step(step, matching, releases, last) => {
                timeline.steps.push(step);
                matchings.extend(matching);
                timeline.releases.extend(releases);
                kept = kept.or(last.map(|last| *last));
            }
            Done::Release(release) => timeline.releases.push(release),
        }
    }
    (timeline, matchings, kept)
}

/// The post whose id is `id` in the first release that has one, as (release, post).
#[must_use]
pub fn find_id(charts: &[Chart], id: &str) -> Option<(usize, NodeIndex)> {
    charts
        .iter()
        .enumerate()
        .find_map(|(at, chart)| chart.org.find(id).map(|node| (at, node)))
}
