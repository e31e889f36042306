//! What changed between two charts: which posts are the same post ([`Matching`]), the
//! changes of each ([`Change`]), the merged tree that lists them in order ([`Merged`]), and
//! the figures before and after ([`Summary`]). No terminal code here.

mod align;
mod changes;
mod matching;
mod merged;

use rustc_hash::FxHashMap;

pub use align::align;
pub use changes::{Change, ChangeKind, FieldChange, What};
pub use matching::{MatchBy, Matching};
pub use merged::{Entry, Merged};

use crate::org::metrics::Stats;
use crate::org::{NodeIndex, Org};

/// Two charts compared.
pub struct Comparison {
    pub matching: Matching,
    pub merged: Merged,
    /// Every change, in the merged tree's order (the after chart's tree order, removed posts
    /// where they used to be); a post's changes in the order of [`ChangeKind`].
    pub changes: Vec<Change>,
    pub summary: Summary,
}

/// The figures of a comparison.
pub struct Summary {
    /// Number of changes of each kind, in the order of [`ChangeKind::ALL`].
    pub counts: [usize; ChangeKind::ALL.len()],
    /// Number of posts matched by content rather than by id.
    pub inferred: usize,
    pub before: Stats,
    pub after: Stats,
    /// The managers with the most changes among their direct reports (a move counts for the
    /// old manager and the new), most first.
    pub busiest: Vec<(Entry, usize)>,
}

impl Summary {
    /// How many teams [`Summary::busiest`] lists at most.
    pub const BUSIEST: usize = 5;

    #[must_use]
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.counts[kind as usize]
    }

    /// Number of changes of every kind.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Compares `before` with `after`.
#[must_use]
pub fn compare(before: &Org, after: &Org, by: MatchBy) -> Comparison {
    // The figures of each chart do not depend on the matching: they are worked out on a
    // second thread meanwhile.
    let (stats, (matching, merged, changes)) = std::thread::scope(|scope| {
        let stats = scope.spawn(|| (Stats::of(before), Stats::of(after)));
        let matching = Matching::of(before, after, by);
        let merged = Merged::of(before, after, &matching);
        let changes = ordered_changes(before, after, &matching, &merged, after.posts());
        let stats = stats
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (stats, (matching, merged, changes))
    });
    comparison(before, after, matching, merged, changes, stats)
}

/// Compares by id `before` with `after`, which edits made from `before` (or the other way
/// round) touching only the posts with the ids in `touched`: every other post is the same
/// post under the same node in both charts, with the same fields, manager and dotted lines.
/// Gives what [`compare`] by id gives, working out the changes of the touched posts alone,
/// which on a large chart is far quicker. `stats` are the figures of the two charts.
#[must_use]
pub fn compare_edited(
    before: &Org,
    after: &Org,
    touched: &[&str],
    stats: (Stats, Stats),
) -> Comparison {
    let matching = Matching::edited(before, after, touched);
    let merged = Merged::of(before, after, &matching);
    let mut posts: Vec<NodeIndex> = touched.iter().filter_map(|id| after.find(id)).collect();
    // In storage order, as `compare` looks at them.
    posts.sort_unstable();
    posts.dedup();
    let changes = ordered_changes(before, after, &matching, &merged, posts.into_iter());
    comparison(before, after, matching, merged, changes, stats)
}

fn comparison(
    before: &Org,
    after: &Org,
    matching: Matching,
    merged: Merged,
    changes: Vec<Change>,
    stats: (Stats, Stats),
) -> Comparison {
    let mut counts = [0; ChangeKind::ALL.len()];
    for change in &changes {
        counts[change.kind() as usize] += 1;
    }
    let summary = Summary {
        counts,
        inferred: matching.inferred().len(),
        busiest: busiest(before, after, &matching, &changes),
        before: stats.0,
        after: stats.1,
    };
    Comparison {
        matching,
        merged,
        changes,
        summary,
    }
}

/// The changes of the after posts `posts` and of the removed posts, in the merged tree's
/// order.
fn ordered_changes(
    before: &Org,
    after: &Org,
    matching: &Matching,
    merged: &Merged,
    posts: impl Iterator<Item = NodeIndex>,
) -> Vec<Change> {
    let mut changes = changes::of_after_posts(before, after, matching, posts);
    changes.extend(
        matching
            .unmatched_before(before)
            .into_iter()
            .map(|b| Change {
                before: Some(b),
                after: None,
                what: What::Removed,
            }),
    );
    if changes.is_empty() {
        return changes;
    }
    let rank = Ranks::new(after, merged);
    changes.sort_by_key(|change| (rank.of(change.entry()), change.kind()));
    changes
}

/// The place of each post in the merged tree's order.
struct Ranks {
    after: Vec<u32>,
    removed: FxHashMap<NodeIndex, u32>,
}

impl Ranks {
    fn new(after: &Org, merged: &Merged) -> Self {
        let mut ranks = Self {
            after: vec![0; after.index_bound()],
            removed: FxHashMap::default(),
        };
        for (rank, entry) in merged.order(after).into_iter().enumerate() {
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            match entry {
                Entry::After(a) => ranks.after[a.index()] = rank,
                Entry::Removed(b) => {
                    ranks.removed.insert(b, rank);
                }
            }
        }
        ranks
    }

    fn of(&self, entry: Entry) -> u32 {
        match entry {
            Entry::After(a) => self.after[a.index()],
            Entry::Removed(b) => self.removed.get(&b).copied().unwrap_or(u32::MAX),
        }
    }
}

/// The managers whose direct reports changed most.
fn busiest(
    before: &Org,
    after: &Org,
    matching: &Matching,
    changes: &[Change],
) -> Vec<(Entry, usize)> {
    let old_manager = |b: NodeIndex| {
        before.manager(b).map(|m| match matching.to_after(m) {
            Some(a) => Entry::After(a),
            None => Entry::Removed(m),
        })
    };
    let mut counts: FxHashMap<Entry, (usize, usize)> = FxHashMap::default();
    for (at, change) in changes.iter().enumerate() {
        let mut count = |manager: Option<Entry>| {
            if let Some(manager) = manager {
                counts.entry(manager).or_insert((0, at)).0 += 1;
            }
        };
        match (&change.what, change.before, change.after) {
            (What::Removed, Some(b), _) => count(old_manager(b)),
            (What::Moved { .. }, Some(b), Some(a)) => {
                count(old_manager(b));
                count(after.manager(a).map(Entry::After));
            }
            (_, _, Some(a)) => count(after.manager(a).map(Entry::After)),
            _ => {}
        }
    }
    let mut teams: Vec<(Entry, (usize, usize))> = counts.into_iter().collect();
    // Most changes first; among equals, the team whose first change comes first.
    teams.sort_unstable_by_key(|&(_, (count, first))| (std::cmp::Reverse(count), first));
    teams.truncate(Summary::BUSIEST);
    teams
        .into_iter()
        .map(|(entry, (count, _))| (entry, count))
        .collect()
}
