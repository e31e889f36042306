//! One post's life across a series: where it is in each release, found by following the
//! matching of each consecutive pair (the matching `diff` uses) forward and back from the
//! release where it was named, so that a post renumbered between two releases is still
//! followed, and each such step is said.

use crate::compare::Matching;
use crate::org::{Cost, Holder, NodeIndex, Org};

use super::Chart;

/// How the post was found in a release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The release where the post was named (by its id, or by the search).
    Named,
    /// The same id as in the release before (or after, going back).
    ById,
    /// Matched by what it holds, not by its id: its id there was `other_id`.
    ByContent { other_id: String },
}

/// The post in one release, with what a reader asks of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub id: String,
    pub title: String,
    pub holder: Holder,
    /// The manager's id and title; `None` for a top post.
    pub manager: Option<(String, String)>,
    pub grade: Option<String>,
    /// The post's cost: its pay band where the chart gives a range.
    pub cost: Option<Cost>,
    /// Direct reports, and every post below it.
    pub reports: usize,
    pub team: usize,
    pub seen: Seen,
}

/// A post across the releases: `moments[i]` is the post in release `i`, or `None` where it
/// is not (before it appeared, after it went).
#[derive(Clone, Debug)]
pub struct Life {
    /// The release where the post was named.
    pub named_in: usize,
    pub moments: Vec<Option<Moment>>,
}

impl Life {
    /// The releases where the post was found by content rather than by id.
    #[must_use]
    pub fn inferred(&self) -> usize {
        self.moments
            .iter()
            .flatten()
            .filter(|m| matches!(m.seen, Seen::ByContent { .. }))
            .count()
    }
}

/// The life of the post `node` of release `named_in`, following `matchings` (`matchings[i]`
/// pairs release `i` with release `i + 1`).
#[must_use]
pub fn follow(charts: &[Chart], matchings: &[Matching], named_in: usize, node: NodeIndex) -> Life {
    let mut found: Vec<Option<(NodeIndex, Seen)>> = vec![None; charts.len()];
    found[named_in] = Some((node, Seen::Named));
    // Forward: the post the matching pairs it with in each next release.
    let mut at = Some(node);
    for i in named_in..charts.len().saturating_sub(1) {
        at = at.and_then(|before| {
            let after = matchings[i].to_after(before)?;
            let seen = seen(matchings[i].is_inferred(after), &charts[i].org, before);
            found[i + 1] = Some((after, seen));
            Some(after)
        });
    }
    // Back: the post it was in each earlier release.
    let mut at = Some(node);
    for i in (0..named_in).rev() {
        at = at.and_then(|after| {
            let before = matchings[i].to_before(after)?;
            let seen = seen(matchings[i].is_inferred(after), &charts[i + 1].org, after);
            found[i] = Some((before, seen));
            Some(before)
        });
    }
    let moments = found
        .into_iter()
        .zip(charts)
        .map(|(found, chart)| found.map(|(node, seen)| moment(&chart.org, node, seen)))
        .collect();
    Life { named_in, moments }
}

/// How a post was reached from `from` in the neighbouring release `org`.
fn seen(inferred: bool, org: &Org, from: NodeIndex) -> Seen {
    if inferred {
        Seen::ByContent {
            other_id: org.post(from).id().as_str().to_owned(),
        }
    } else {
        Seen::ById
    }
}

fn moment(org: &Org, node: NodeIndex, seen: Seen) -> Moment {
    let post = org.post(node);
    let manager = org.manager(node).map(|m| {
        let manager = org.post(m);
        (manager.id().as_str().to_owned(), manager.title.to_string())
    });
    Moment {
        id: post.id().as_str().to_owned(),
        title: post.title.to_string(),
        holder: post.holder.clone(),
        manager,
        grade: post.grade.as_deref().map(str::to_owned),
        cost: post.cost,
        reports: org.reports(node).len(),
        team: org.team(node).count() - 1,
        seen,
    }
}
