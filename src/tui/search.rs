//! Finding posts by text: a case-insensitive substring of the title, holder, unit or id.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::org::{NodeIndex, Org, Post, Shared};
use crate::text::contains_ignoring_case;

use super::chart_index::ChartIndex;
use super::tree_view::Shown;

/// What the user typed, ready to match: words (a case-insensitive substring of the title,
/// holder, unit or id) and terms that ask about a field (`is:vacant`, `grade:scs1`,
/// `unit:digital`, `tag:from-article`, `has:dotted`, `is:changed`, ...), all of which a post
/// must meet. See [`TERMS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    lower: String,
    terms: Vec<Term>,
}

/// A term of a query: what it asks of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Term {
    Vacant,
    Undisclosed,
    Named,
    /// Changed on the compare screen (its own change, or reports moved out of it).
    Changed,
    HasDotted,
    HasStaff,
    HasNote,
    HasReports,
    /// The grade, the same ignoring case.
    Grade(String),
    /// A tag, the same ignoring case.
    Tag(String),
    /// Text in the unit, title, holder or id, ignoring case.
    Unit(String),
    Title(String),
    Holder(String),
    Id(String),
}

/// The terms a query may hold, and what each asks: for the help and the guide.
pub const TERMS: &[(&str, &str)] = &[
    ("is:vacant", "no holder in post"),
    ("is:undisclosed", "held, the holder's name not disclosed"),
    ("is:filled", "a named holder in post"),
    ("is:changed", "changed (on the compare screen)"),
    ("has:dotted", "draws a dotted line"),
    ("has:staff", "has staff groups"),
    ("has:note", "has a note"),
    ("has:reports", "manages someone"),
    ("grade:SCS1", "of that grade (any case)"),
    ("tag:TAG", "with that tag (any case)"),
    ("unit:TEXT", "TEXT in the unit"),
    ("title:TEXT", "TEXT in the title"),
    ("holder:TEXT", "TEXT in the holder's name"),
    ("id:TEXT", "TEXT in the id"),
];

impl Query {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut words = Vec::new();
        let mut terms = Vec::new();
        for token in text.split_whitespace() {
            match term(token) {
                Some(term) => terms.push(term),
                None => words.push(token),
            }
        }
        Self {
            lower: words.join(" ").to_lowercase(),
            terms,
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty() && self.terms.is_empty()
    }

    /// Whether the query asks which posts changed, which only the compare screen knows.
    #[must_use]
    pub fn asks_for_changes(&self) -> bool {
        self.terms.contains(&Term::Changed)
    }

    /// Whether the post's title, holder, unit or id contains the query's words, ignoring
    /// case, and the post meets every term (`changed`: whether it changed).
    #[must_use]
    pub fn matches(&self, post: &Post) -> bool {
        self.matches_remembering(post, false, &mut SharedAnswers::default())
    }

    /// As [`Query::matches`], looking at each distinct title and unit only once: they are
    /// shared between posts, so a search of a large chart asks about a few thousand of them
    /// rather than a million.
    fn matches_remembering(&self, post: &Post, changed: bool, answers: &mut SharedAnswers) -> bool {
        if !self.terms.iter().all(|term| meets(post, term, changed)) {
            return false;
        }
        if self.lower.is_empty() {
            return true;
        }
        let mut shared = |text: &Shared| {
            *answers
                .entry(Shared::as_ptr(text).cast::<u8>() as usize)
                .or_insert_with(|| contains_ignoring_case(text, &self.lower))
        };
        shared(&post.title)
            || post.unit.as_ref().is_some_and(&mut shared)
            || post
                .holder
                .name()
                .is_some_and(|holder| contains_ignoring_case(holder, &self.lower))
            || contains_ignoring_case(post.id().as_str(), &self.lower)
    }
}

impl Query {
    /// Where the query's words match a post, when that is not in what its row shows (the
    /// title and the holder): `unit` or `id`.
    #[must_use]
    pub fn unseen_match(&self, post: &Post) -> Option<&'static str> {
        if self.lower.is_empty()
            || contains_ignoring_case(&post.title, &self.lower)
            || post
                .holder
                .name()
                .is_some_and(|h| contains_ignoring_case(h, &self.lower))
        {
            return None;
        }
        if post
            .unit
            .as_deref()
            .is_some_and(|u| contains_ignoring_case(u, &self.lower))
        {
            return Some("unit");
        }
        contains_ignoring_case(post.id().as_str(), &self.lower).then_some("id")
    }
}

/// The term a token of a query is, if it is one (`key:value` with a key and value known).
fn term(token: &str) -> Option<Term> {
    let (key, value) = token.split_once(':')?;
    let (key, value) = (key.to_lowercase(), value.to_lowercase());
    Some(match (key.as_str(), value.as_str()) {
        ("is", "vacant") => Term::Vacant,
        ("is", "undisclosed" | "nd") => Term::Undisclosed,
        ("is", "filled" | "named") => Term::Named,
        ("is", "changed") => Term::Changed,
        ("has", "dotted") => Term::HasDotted,
        ("has", "staff") => Term::HasStaff,
        ("has", "note") => Term::HasNote,
        ("has", "reports") => Term::HasReports,
        (_, "") => return None,
        ("grade", _) => Term::Grade(value),
        ("tag", _) => Term::Tag(value),
        ("unit", _) => Term::Unit(value),
        ("title", _) => Term::Title(value),
        ("holder" | "name", _) => Term::Holder(value),
        ("id", _) => Term::Id(value),
        _ => return None,
    })
}

/// Whether a post meets a term.
fn meets(post: &Post, term: &Term, changed: bool) -> bool {
    let has =
        |text: Option<&str>, lower: &str| text.is_some_and(|t| contains_ignoring_case(t, lower));
    match term {
        Term::Vacant => post.holder.is_vacant(),
        Term::Undisclosed => post.holder.is_undisclosed(),
        Term::Named => post.holder.name().is_some(),
        Term::Changed => changed,
        Term::HasDotted => !post.dotted.is_empty(),
        Term::HasStaff => !post.staff.is_empty(),
        Term::HasNote => post.note.is_some(),
        // Asked of the chart, not the post: see `Scan`.
        Term::HasReports => true,
        Term::Grade(grade) => post
            .grade
            .as_deref()
            .is_some_and(|g| g.to_lowercase() == *grade),
        Term::Tag(tag) => post.tags.iter().any(|t| t.to_lowercase() == *tag),
        Term::Unit(text) => has(post.unit.as_deref(), text),
        Term::Title(text) => has(Some(&post.title), text),
        Term::Holder(text) => has(post.holder.name(), text),
        Term::Id(text) => has(Some(post.id().as_str()), text),
    }
}

/// Whether each shared text seen so far (by address) contains the query. Valid while the
/// chart does not change, which it does not while a search runs.
type SharedAnswers = FxHashMap<usize, bool>;

/// How many posts one slice of a search looks at: a few milliseconds' work even on a large
/// chart, so that a key pressed meanwhile waits no longer than that. A chart of this size or
/// less is searched in one slice, within the keystroke that asked.
pub const SLICE: usize = 100_000;

/// A search of the scope, done a slice at a time. The whole chart, or most of it, is read in
/// the order the chart stores its posts, which reads memory in order and on a large chart
/// goes several times faster than tree order; the matches are put in tree order at the end.
/// A smaller scope (a focused team) is read through, in tree order.
#[derive(Debug)]
pub struct Scan {
    query: Query,
    /// The scope, as places in tree order.
    scope: Range<usize>,
    /// Whether the scope is read through in tree order rather than the whole chart in the
    /// order it is stored.
    through_scope: bool,
    /// The next post to look at: by node index, or by place in the scope.
    next: usize,
    /// The places in tree order of the matches found so far.
    found: Vec<u32>,
    answers: SharedAnswers,
    /// The changed posts, when the query asks for them, by node index.
    changed: Vec<bool>,
    /// Whether the query asks for posts that manage someone.
    managers: bool,
}

impl Scan {
    /// A search for `text` in `root`'s team, or in the whole chart.
    #[must_use]
    pub fn new(text: &str, org: &Org, index: &ChartIndex, root: Option<NodeIndex>) -> Self {
        let scope = match root {
            Some(root) => index.rank(root)..index.rank(root) + index.team_posts(root) + 1,
            None => 0..org.len(),
        };
        let query = Query::new(text);
        let through_scope = scope.len() < org.len() / 4;
        let next = match (query.is_empty(), through_scope) {
            (false, _) => 0,
            (true, true) => scope.len(),
            (true, false) => org.index_bound(),
        };
        let managers = query.terms.contains(&Term::HasReports);
        Self {
            query,
            scope,
            through_scope,
            next,
            found: Vec::new(),
            answers: SharedAnswers::default(),
            changed: Vec::new(),
            managers,
        }
    }

    /// The posts that changed, for `is:changed` (on the compare screen).
    #[must_use]
    pub fn with_changed(mut self, org: &Org, changed: &[NodeIndex]) -> Self {
        if self.query.asks_for_changes() {
            self.changed = vec![false; org.index_bound()];
            for node in changed {
                self.changed[node.index()] = true;
            }
        }
        self
    }

    /// Whether the post at `node` matches.
    fn takes(&mut self, org: &Org, node: NodeIndex, post: &Post) -> bool {
        let changed = self.changed.get(node.index()).copied().unwrap_or(false);
        (!self.managers || !org.reports(node).is_empty())
            && self
                .query
                .matches_remembering(post, changed, &mut self.answers)
    }

    /// Looks at up to `budget` more posts; true when every post has been looked at.
    pub fn step(&mut self, org: &Org, index: &ChartIndex, budget: usize) -> bool {
        if self.through_scope {
            let end = self.next.saturating_add(budget).min(self.scope.len());
            let places = self.scope.start + self.next..self.scope.start + end;
            for rank in places {
                let node = index.at_rank(rank);
                if self.takes(org, node, org.post(node)) {
                    self.found.push(u32::try_from(rank).unwrap_or(u32::MAX));
                }
            }
            self.next = end;
            return self.is_done(org);
        }
        let end = self.next.saturating_add(budget).min(org.index_bound());
        for at in self.next..end {
            let node = NodeIndex::new(at);
            let Some(post) = org.get(node) else {
                continue;
            };
            let rank = index.rank(node);
            if self.scope.contains(&rank) && self.takes(org, node, post) {
                self.found.push(u32::try_from(rank).unwrap_or(u32::MAX));
            }
        }
        self.next = end;
        self.is_done(org)
    }

    #[must_use]
    pub fn is_done(&self, org: &Org) -> bool {
        if self.through_scope {
            self.next >= self.scope.len()
        } else {
            self.next >= org.index_bound()
        }
    }

    /// The matches, in tree order.
    #[must_use]
    pub fn matches(mut self, index: &ChartIndex) -> Vec<NodeIndex> {
        self.found.sort_unstable();
        self.found
            .into_iter()
            .map(|rank| index.at_rank(rank as usize))
            .collect()
    }
}

/// The posts of the scope (`root`'s team, or the whole chart) that match, in tree order,
/// found at once.
#[must_use]
pub fn find(org: &Org, index: &ChartIndex, root: Option<NodeIndex>, query: &str) -> Vec<NodeIndex> {
    find_among(org, index, root, query, &[])
}

/// As [`find`], with the posts that changed, for `is:changed`.
#[must_use]
pub fn find_among(
    org: &Org,
    index: &ChartIndex,
    root: Option<NodeIndex>,
    query: &str,
    changed: &[NodeIndex],
) -> Vec<NodeIndex> {
    let mut scan = Scan::new(query, org, index, root).with_changed(org, changed);
    scan.step(org, index, usize::MAX);
    scan.matches(index)
}

/// What a filter shows: the `matches` (in tree order) and every post above them up to the
/// scope's root.
///
/// One pass down the scope in tree order, keeping the chain of posts above the current one
/// (each post's team ends a known number of places further on): a match shows itself and
/// the posts of the chain not yet shown. No manager is looked up in the chart, which on a
/// large chart costs a cache miss each.
#[must_use]
pub fn shown(
    org: &Org,
    index: &ChartIndex,
    root: Option<NodeIndex>,
    matches: &[NodeIndex],
) -> Shown {
    let mut shown = Shown {
        posts: vec![false; org.index_bound()],
        matches: matches.len(),
        ..Shown::default()
    };
    let scope = index.in_tree_order(root);
    let Some(&first) = scope.first() else {
        return shown;
    };
    let start = index.rank(first);
    let mut matches = matches.iter().peekable();
    // The chain above the current post, outermost first: each post and where its team ends.
    let mut chain: Vec<(NodeIndex, usize)> = Vec::new();
    for (rank, &node) in (start..).zip(scope) {
        while chain.last().is_some_and(|&(_, end)| rank >= end) {
            chain.pop();
        }
        chain.push((node, rank + index.team_posts(node) + 1));
        if matches.next_if(|&&found| found == node).is_none() {
            continue;
        }
        for at in (0..chain.len()).rev() {
            let post = chain[at].0;
            if std::mem::replace(&mut shown.posts[post.index()], true) {
                break;
            }
            // Posts are shown in tree order, so the last one written for a manager is its
            // last shown report.
            match at.checked_sub(1) {
                Some(above) => {
                    shown.last_report.insert(chain[above].0, post);
                }
                None => shown.last_root = Some(post),
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Holder;

    #[test]
    fn matching_ignores_case_in_every_searched_field() {
        let mut post = Post::new("cto-1", "Chief Technology Officer");
        post.holder = Holder::named("Sarah Wilkinson");
        post.unit = Some("Home Office Technology".into());
        for text in ["chief", "WILKINSON", "home office", "CTO-1", "y off"] {
            assert!(Query::new(text).matches(&post), "{text}");
        }
        assert!(!Query::new("digital").matches(&post));
    }

    #[test]
    fn matching_finds_the_text_anywhere_and_nowhere_else() {
        for (haystack, needle, found) in [
            ("Head of Data", "data", true),
            ("Head of Data", "dd", false),
            ("aaab", "aab", true),
            ("Data", "datas", false),
            ("", "a", false),
            ("ABC", "", true),
            ("xYz", "yz", true),
            ("Zoë Smith", "zoë", true),
        ] {
            assert_eq!(
                contains_ignoring_case(haystack, needle),
                found,
                "{needle:?} in {haystack:?}"
            );
        }
    }

    #[test]
    fn matching_works_beyond_ascii() {
        let post = Post::new("wide", "情報技術部長 Café ÉQUIPE");
        assert!(Query::new("café").matches(&post));
        assert!(Query::new("équipe").matches(&post));
        assert!(Query::new("技術").matches(&post));
    }

    /// What a filter shows, worked out the plain way: each match and its managers up to the
    /// scope's root; each shown manager's last shown report in order.
    fn shown_plainly(org: &Org, root: Option<NodeIndex>, matches: &[NodeIndex]) -> Shown {
        let mut shown = Shown {
            posts: vec![false; org.index_bound()],
            matches: matches.len(),
            ..Shown::default()
        };
        for &found in matches {
            let mut at = Some(found);
            while let Some(node) = at.filter(|&node| !shown.posts[node.index()]) {
                shown.posts[node.index()] = true;
                at = org.manager(node).filter(|_| Some(node) != root);
            }
        }
        let scope = root.map_or_else(|| org.tree_order(), |root| org.team(root));
        for (node, _) in scope.filter(|&(node, _)| shown.posts[node.index()]) {
            match org.manager(node).filter(|_| Some(node) != root) {
                Some(manager) => {
                    shown.last_report.insert(manager, node);
                }
                None => shown.last_root = Some(node),
            }
        }
        shown
    }

    #[test]
    fn a_filter_shows_the_matches_and_the_chains_above_them() {
        let org = crate::generate::generate(3_000, 11);
        let index = ChartIndex::of(&org);
        let focus = index.at_rank(1);
        for root in [None, Some(focus)] {
            for text in ["a", "zara", "p00001", "officer, data", "nothing like this"] {
                let matches = find(&org, &index, root, text);
                let fast = shown(&org, &index, root, &matches);
                let plain = shown_plainly(&org, root, &matches);
                assert_eq!(fast.posts, plain.posts, "{text:?} in {root:?}");
                assert_eq!(fast.last_report, plain.last_report, "{text:?} in {root:?}");
                assert_eq!(fast.last_root, plain.last_root, "{text:?} in {root:?}");
            }
        }
    }
}
