//! Which post of the before chart is which post of the after chart: by id first, then, for
//! the posts left over on both sides, by what they hold (inferred matches), so that two
//! organograms whose post references were renumbered still compare as one structure.

use rustc_hash::FxHashMap;

use crate::org::{NodeIndex, Org, Post};

/// How posts are paired.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatchBy {
    /// By id, then the posts left over by title and holder, title under the same manager,
    /// then holder.
    #[default]
    Content,
    /// By id only: a post whose id changed is removed and added.
    Id,
}

const NONE: u32 = u32::MAX;

/// The pairs of posts that are the same post in both charts.
#[derive(Clone, Debug)]
pub struct Matching {
    /// For each before post (by node index), its after post, or [`NONE`].
    to_after: Vec<u32>,
    /// For each after post (by node index), its before post, or [`NONE`].
    to_before: Vec<u32>,
    /// The after posts matched by content rather than by id, in after storage order.
    inferred: Vec<NodeIndex>,
}

impl Matching {
    /// Pairs the posts of `before` and `after`.
    #[must_use]
    pub fn of(before: &Org, after: &Org, by: MatchBy) -> Self {
        let mut matching = Self::by_id(before, after);
        if matching.unmatched_both_sides(before, after) {
            matching.by_reference(before, after);
        }
        if by == MatchBy::Content && matching.unmatched_both_sides(before, after) {
            Inference::new(before, after, &mut matching).run();
            matching.inferred.sort_unstable();
        }
        matching
    }

    /// Pairs by id the posts of `before` and `after`, which edits made one from the other
    /// touching only the posts with the ids in `touched` (see [`super::compare_edited`]):
    /// every other post is itself, under the same node, so only the touched ones are looked
    /// up. The same pairs as [`Matching::of`] by id.
    #[must_use]
    pub fn edited(before: &Org, after: &Org, touched: &[&str]) -> Self {
        let mut to_after = vec![NONE; before.index_bound()];
        let mut to_before = vec![NONE; after.index_bound()];
        for node in after.posts() {
            let i = node.index();
            if i < to_after.len() {
                to_after[i] = index(node);
                to_before[i] = index(node);
            }
        }
        // A touched post may stand under a node that holds another post on the other side.
        let found: Vec<(Option<NodeIndex>, Option<NodeIndex>)> = touched
            .iter()
            .map(|id| (before.find(id), after.find(id)))
            .collect();
        for &(_, a) in &found {
            if let Some(a) = a {
                to_before[a.index()] = NONE;
                if let Some(slot) = to_after.get_mut(a.index()) {
                    *slot = NONE;
                }
            }
        }
        for &(b, a) in &found {
            if let (Some(b), Some(a)) = (b, a) {
                to_after[b.index()] = index(a);
                to_before[a.index()] = index(b);
            }
        }
        let mut matching = Self {
            to_after,
            to_before,
            inferred: Vec::new(),
        };
        if matching.unmatched_both_sides(before, after) {
            matching.by_reference(before, after);
        }
        matching
    }

    fn by_id(before: &Org, after: &Org) -> Self {
        const SPLIT_ABOVE: usize = 50_000;
        let mut to_after = vec![NONE; before.index_bound()];
        let mut to_before = vec![NONE; after.index_bound()];
        let look_up = |slots: &mut [u32], first: usize| {
            for (at, slot) in slots.iter_mut().enumerate() {
                let node = NodeIndex::new(first + at);
                if let Some(post) = before.get(node) {
                    *slot = after.find(post.id().as_str()).map_or(NONE, index);
                }
            }
        };
        if to_after.len() > SPLIT_ABOVE {
            let half = to_after.len() / 2;
            let (low, high) = to_after.split_at_mut(half);
            std::thread::scope(|scope| {
                scope.spawn(|| look_up(high, half));
                look_up(low, 0);
            });
        } else {
            look_up(&mut to_after, 0);
        }
        for (b, &a) in to_after.iter().enumerate() {
            if a != NONE {
                to_before[a as usize] = u32::try_from(b).unwrap_or(NONE);
            }
        }
        Self {
            to_after,
            to_before,
            inferred: Vec::new(),
        }
    }

    /// Pairs posts left over whose ids are the same number written another way
    /// (`00196904` and `196904`, `360510.0` and `360510`), as one release of an organogram
    /// writes a reference with leading zeros and the next without. Such a pair is matched
    /// by id, not inferred; an id so written by two posts of a side matches neither.
    fn by_reference(&mut self, before: &Org, after: &Org) {
        let numbers = |org: &Org, open: Vec<NodeIndex>| {
            let mut seen: FxHashMap<String, Option<NodeIndex>> = FxHashMap::default();
            for n in open {
                if let Some(number) = reference_number(org.post(n).id().as_str()) {
                    seen.entry(number)
                        .and_modify(|only| *only = None)
                        .or_insert(Some(n));
                }
            }
            seen
        };
        let after_numbers = numbers(after, open_posts(after, &self.to_before));
        if after_numbers.is_empty() {
            return;
        }
        for (number, b) in numbers(before, open_posts(before, &self.to_after)) {
            if let (Some(b), Some(Some(a))) = (b, after_numbers.get(&number)) {
                self.to_after[b.index()] = index(*a);
                self.to_before[a.index()] = index(b);
            }
        }
    }

    fn unmatched_both_sides(&self, before: &Org, after: &Org) -> bool {
        let open = |org: &Org, table: &[u32]| {
            table
                .iter()
                .enumerate()
                .any(|(i, &m)| m == NONE && org.get(NodeIndex::new(i)).is_some())
        };
        open(before, &self.to_after) && open(after, &self.to_before)
    }

    /// The before posts with no after post, in storage order: read from the table, which is
    /// far quicker on a large chart than visiting every post.
    pub(crate) fn unmatched_before(&self, before: &Org) -> Vec<NodeIndex> {
        open_posts(before, &self.to_after)
    }

    fn pair(&mut self, before: NodeIndex, after: NodeIndex) {
        self.to_after[before.index()] = index(after);
        self.to_before[after.index()] = index(before);
        self.inferred.push(after);
    }

    /// The after post that `before` became, if it is still there.
    #[must_use]
    pub fn to_after(&self, before: NodeIndex) -> Option<NodeIndex> {
        node(self.to_after.get(before.index()).copied().unwrap_or(NONE))
    }

    /// The before post that `after` was, if it was there.
    #[must_use]
    pub fn to_before(&self, after: NodeIndex) -> Option<NodeIndex> {
        node(self.to_before.get(after.index()).copied().unwrap_or(NONE))
    }

    /// The after posts matched by content, in the after chart's storage order.
    #[must_use]
    pub fn inferred(&self) -> &[NodeIndex] {
        &self.inferred
    }

    /// Whether `after` was matched by content rather than by id.
    #[must_use]
    pub fn is_inferred(&self, after: NodeIndex) -> bool {
        self.inferred.binary_search(&after).is_ok()
    }
}

/// The posts of `org` whose entry in `table` is [`NONE`], in storage order.
fn open_posts(org: &Org, table: &[u32]) -> Vec<NodeIndex> {
    table
        .iter()
        .enumerate()
        .filter(|&(_, &m)| m == NONE)
        .map(|(i, _)| NodeIndex::new(i))
        .filter(|&n| org.get(n).is_some())
        .collect()
}

/// An id that is a whole number, as that number without leading zeros or a zero fraction:
/// `00196904` and `196904.0` are `196904`. Other ids are none.
fn reference_number(id: &str) -> Option<String> {
    let id = id.trim();
    let whole = match id.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') => {
            whole
        }
        Some(_) => return None,
        None => id,
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = whole.trim_start_matches('0');
    Some(if digits.is_empty() { "0" } else { digits }.to_owned())
}

fn index(node: NodeIndex) -> u32 {
    u32::try_from(node.index()).unwrap_or(NONE)
}

fn node(index: u32) -> Option<NodeIndex> {
    (index != NONE).then(|| NodeIndex::new(index as usize))
}

/// The passes that pair posts left unmatched by id. Within a pass, candidates are taken in
/// the order of their chart, so the same files always give the same pairs.
struct Inference<'a> {
    before: &'a Org,
    after: &'a Org,
    matching: &'a mut Matching,
}

impl<'a> Inference<'a> {
    fn new(before: &'a Org, after: &'a Org, matching: &'a mut Matching) -> Self {
        Self {
            before,
            after,
            matching,
        }
    }

    fn run(mut self) {
        self.by_title_and_holder();
        self.by_title_under_the_same_manager();
        self.by_unique_holder();
    }

    fn open_before(&self) -> Vec<NodeIndex> {
        open_posts(self.before, &self.matching.to_after)
    }

    fn open_after(&self) -> Vec<NodeIndex> {
        open_posts(self.after, &self.matching.to_before)
    }

    /// Posts held by the same person under the same title, where that pair of title and
    /// holder belongs to one post left over on each side. Vacant posts, posts whose holder is
    /// not disclosed (which says nothing of who holds them), and pairs several posts share
    /// are left to the next pass, which tells them apart by where they sit.
    fn by_title_and_holder(&mut self) {
        self.pair_unique(|post| post.holder.name().map(|holder| (&*post.title, holder)));
    }

    /// Posts with the same title whose managers are matched (or which are both top posts).
    /// The before chart is walked from the top, so that a manager paired here lets its
    /// reports pair too.
    fn by_title_under_the_same_manager(&mut self) {
        let (before, after) = (self.before, self.after);
        // Keyed by the after manager (NONE for a top post) and the title.
        let mut candidates: FxHashMap<(u32, &str), Vec<NodeIndex>> = FxHashMap::default();
        for a in self.open_after().into_iter().rev() {
            let manager = after.manager(a).map_or(NONE, index);
            candidates
                .entry((manager, &after.post(a).title))
                .or_default()
                .push(a);
        }
        if candidates.is_empty() {
            return;
        }
        let order: Vec<NodeIndex> = before.tree_order().map(|(n, _)| n).collect();
        for b in order {
            if self.matching.to_after(b).is_some() {
                continue;
            }
            let manager = match before.manager(b) {
                None => NONE,
                Some(m) => match self.matching.to_after(m) {
                    Some(am) => index(am),
                    None => continue,
                },
            };
            if let Some(a) = candidates
                .get_mut(&(manager, &*before.post(b).title))
                .and_then(Vec::pop)
            {
                self.matching.pair(b, a);
            }
        }
    }

    /// Posts held by the same person, when that person holds one post left over on each
    /// side: a name shared by several posts (a job share) says nothing, nor does a holder who is
    /// not disclosed.
    fn by_unique_holder(&mut self) {
        self.pair_unique(|post| post.holder.name());
    }

    /// Pairs the posts left over whose `key` belongs to one post on each side.
    fn pair_unique<K: Eq + std::hash::Hash>(&mut self, key: impl Fn(&'a Post) -> Option<K>) {
        let unique = |org: &'a Org, open: Vec<NodeIndex>| {
            let mut seen: FxHashMap<K, Option<NodeIndex>> = FxHashMap::default();
            for n in open {
                if let Some(key) = key(org.post(n)) {
                    seen.entry(key)
                        .and_modify(|only| *only = None)
                        .or_insert(Some(n));
                }
            }
            seen
        };
        let after_keys = unique(self.after, self.open_after());
        if after_keys.is_empty() {
            return;
        }
        let mut pairs: Vec<(NodeIndex, NodeIndex)> = unique(self.before, self.open_before())
            .into_iter()
            .filter_map(|(key, b)| Some((b?, after_keys.get(&key).copied()??)))
            .collect();
        pairs.sort_unstable();
        for (b, a) in pairs {
            self.matching.pair(b, a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(posts: &[(&str, &str, Option<&str>, Option<&str>)]) -> Org {
        let mut org = Org::default();
        for &(id, title, holder, manager) in posts {
            let mut post = Post::new(id, title);
            post.holder = holder.into();
            let node = org.add_post(post).unwrap();
            if let Some(manager) = manager {
                let manager = org.find(manager).unwrap();
                org.set_manager(node, Some(manager), None).unwrap();
            }
        }
        org
    }

    fn pairs(before: &Org, after: &Org, m: &Matching) -> Vec<(String, String, bool)> {
        before
            .posts()
            .filter_map(|b| {
                let a = m.to_after(b)?;
                Some((
                    before.post(b).id().as_str().to_owned(),
                    after.post(a).id().as_str().to_owned(),
                    m.is_inferred(a),
                ))
            })
            .collect()
    }

    #[test]
    fn ids_match_first_and_content_pairs_the_rest() {
        let before = chart(&[
            ("1", "Permanent Secretary", Some("Richard Heaton"), None),
            ("2", "Director", Some("Ann"), Some("1")),
            ("3", "Analyst", None, Some("2")),
            ("4", "Head of IT", Some("Bo"), Some("1")),
        ]);
        let after = chart(&[
            ("1", "Permanent Secretary", Some("Richard Heaton"), None),
            ("20", "Director", Some("Ann"), Some("1")),
            ("30", "Analyst", None, Some("20")),
            ("40", "Chief Digital Officer", Some("Bo"), Some("1")),
            ("50", "Analyst", None, Some("20")),
        ]);
        let m = Matching::of(&before, &after, MatchBy::Content);
        assert_eq!(
            pairs(&before, &after, &m),
            [
                ("1".into(), "1".into(), false),
                ("2".into(), "20".into(), true),
                ("3".into(), "30".into(), true),
                ("4".into(), "40".into(), true),
            ]
        );
        assert_eq!(m.inferred().len(), 3);
        assert_eq!(m.to_before(after.find("50").unwrap()), None);

        let by_id = Matching::of(&before, &after, MatchBy::Id);
        assert_eq!(
            pairs(&before, &after, &by_id),
            [("1".into(), "1".into(), false)]
        );
        assert!(by_id.inferred().is_empty());
    }

    #[test]
    fn a_holder_shared_by_several_posts_pairs_nothing() {
        let before = chart(&[
            ("a", "Clerk", Some("N/D"), None),
            ("b", "Typist", Some("N/D"), None),
        ]);
        let after = chart(&[("x", "Officer", Some("N/D"), None)]);
        let m = Matching::of(&before, &after, MatchBy::Content);
        assert!(m.inferred().is_empty());
    }

    #[test]
    fn a_title_and_holder_several_posts_share_pairs_by_place() {
        // Two "Policy Adviser (N/D)" posts in two teams, both renumbered: each pairs with the
        // one in its own team, not the first one found.
        let before = chart(&[
            ("1", "Director", Some("Ann"), None),
            ("2", "Head of Policy", Some("Bob"), Some("1")),
            ("3", "Head of Delivery", Some("Cy"), Some("1")),
            ("4", "Policy Adviser", Some("N/D"), Some("2")),
            ("5", "Policy Adviser", Some("N/D"), Some("3")),
        ]);
        let after = chart(&[
            ("1", "Director", Some("Ann"), None),
            ("2", "Head of Policy", Some("Bob"), Some("1")),
            ("3", "Head of Delivery", Some("Cy"), Some("1")),
            ("15", "Policy Adviser", Some("N/D"), Some("3")),
            ("14", "Policy Adviser", Some("N/D"), Some("2")),
        ]);
        let m = Matching::of(&before, &after, MatchBy::Content);
        let p = pairs(&before, &after, &m);
        assert!(p.contains(&("4".into(), "14".into(), true)), "{p:?}");
        assert!(p.contains(&("5".into(), "15".into(), true)), "{p:?}");
    }
}
