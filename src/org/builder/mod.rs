//! The chart builder. Every reader (the orgtree JSON loader, the organogram, nested, flat
//! and LDIF importers) only parses its input and hands the builder each post with the
//! places its parts were found; the builder enforces the rules of a chart once, for every
//! format, with one wording for each problem:
//!
//! - a post without an id, with an empty id, or with an id an earlier post has;
//! - a manager that is no post, a post that reports to itself, a reporting loop;
//! - a dotted line to a post that is not in the chart.
//!
//! What happens to each problem is the reader's [`Policy`]: refused (an error, and no
//! chart), or recovered from with a warning that says how the chart was made instead
//! (`--lenient`, or an organogram's rules for posts that report outside the file).
//!
//! Posts are added as they are read, each in constant time; ids are indexed and managers
//! found once every post is in, each in one pass, so that a chart of a million posts is
//! settled in well under a second.

mod findings;
mod ids;
mod lines;
mod loops;

pub use findings::{Finding, Findings, Handling, Label, Message, Place};
pub(crate) use loops::find_loops;

use super::graph::{Meta, NodeIndex, Org};
use super::post::{Post, PostId};

/// What happens to each kind of problem the builder finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// A post without an id, with an empty one, or with one an earlier post has: recovered
    /// by giving it a new id.
    pub ids: Handling,
    /// A manager that is no post: recovered as a top post.
    pub unknown_manager: Handling,
    /// A post that reports to itself: recovered as a top post.
    pub self_report: Handling,
    /// A reporting loop: recovered by making its posts top posts.
    pub loops: Handling,
    /// A dotted line to a post that is not in the chart: recovered by keeping it as it is.
    pub unknown_dotted: Handling,
    /// The field under which a post whose reporting line is not drawn keeps its manager's
    /// id, so that nothing is lost: the format's own manager field, or another name.
    pub manager_field: &'static str,
    /// Whether a post that reports to itself keeps that as the field too (where a format
    /// uses it to mark a top post, the field would say nothing).
    pub keep_self_reports: bool,
}

impl Policy {
    /// Every problem refused.
    pub const STRICT: Self = Self {
        ids: Handling::Refuse,
        unknown_manager: Handling::Refuse,
        self_report: Handling::Refuse,
        loops: Handling::Refuse,
        unknown_dotted: Handling::Refuse,
        manager_field: "reports_to",
        keep_self_reports: true,
    };

    /// Every problem recovered from (`--lenient`).
    pub const LENIENT: Self = Self {
        ids: Handling::Recover,
        unknown_manager: Handling::Recover,
        self_report: Handling::Recover,
        loops: Handling::Recover,
        unknown_dotted: Handling::Recover,
        manager_field: "reports_to",
        keep_self_reports: true,
    };

    /// [`Policy::STRICT`] or [`Policy::LENIENT`].
    #[must_use]
    pub fn lenient(lenient: bool) -> Self {
        if lenient { Self::LENIENT } else { Self::STRICT }
    }
}

/// A post's id as its input gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdRead<P> {
    /// An id, and where it was given.
    Given(PostId, P),
    /// No id at all (or null).
    Missing,
    /// An empty id, and where.
    Empty(P),
    /// An id that could not be read, already reported by the reader.
    Reported,
}

/// A post as a reader read it, with the places of its parts.
#[derive(Clone, Debug)]
pub struct PostRead<P> {
    /// The post; its id is the builder's to set.
    pub post: Post,
    /// Its place in the input's list of posts, from 1, to name it when it has no id.
    pub number: usize,
    /// Where the post starts.
    pub at: P,
    pub id: IdRead<P>,
    /// The id of its manager, and where it was given.
    pub reports_to: Option<(PostId, P)>,
    /// Where the `to` of each of its dotted lines was given, in order (a line without a
    /// place of its own is reported at the post).
    pub dotted_at: Vec<P>,
    /// What the reader would add if the post's id turns out to be taken by an earlier post
    /// (an organogram's rows that cannot be a job share say why).
    pub if_duplicate: Option<Box<str>>,
}

impl<P: Place> PostRead<P> {
    /// A post read at `at`, with no manager and no places for its dotted lines.
    #[must_use]
    pub fn new(post: Post, number: usize, at: P, id: IdRead<P>) -> Self {
        Self {
            post,
            number,
            at,
            id,
            reports_to: None,
            dotted_at: Vec::new(),
            if_duplicate: None,
        }
    }
}

/// The chart being built, and what was found wrong on the way.
pub struct Builder<P> {
    org: Org,
    policy: Policy,
    findings: Findings<P>,
    links: Links<P>,
}

/// What is kept about each post until the reporting lines are drawn; indexed by node.
struct Links<P> {
    /// Where each post's id was given, or nowhere.
    id_at: Vec<P>,
    /// Where each post's manager was given, or nowhere when it gives none.
    reports_to_at: Vec<P>,
    /// The manager ids that posts give, one after the other, and where each post's ends:
    /// one buffer rather than a string a post.
    manager_ids: String,
    manager_id_end: Vec<usize>,
    /// Posts whose id cannot be used as given (missing, empty, or already taken).
    unnamed: Vec<Unnamed<P>>,
    /// The places of the `to` of each dotted line, for the posts that have any.
    dotted_at: Vec<(NodeIndex, Vec<P>)>,
    /// What readers said of posts whose id may turn out to be taken.
    if_duplicate: rustc_hash::FxHashMap<NodeIndex, Box<str>>,
}

impl<P> Default for Links<P> {
    fn default() -> Self {
        Self {
            id_at: Vec::new(),
            reports_to_at: Vec::new(),
            manager_ids: String::new(),
            manager_id_end: Vec::new(),
            unnamed: Vec::new(),
            dotted_at: Vec::new(),
            if_duplicate: rustc_hash::FxHashMap::default(),
        }
    }
}

/// A post whose id cannot be used as given.
struct Unnamed<P> {
    node: NodeIndex,
    number: usize,
    /// Where the post starts.
    at: P,
    id: IdRead<P>,
}

/// The chart as built, when nothing refused stood in the way, and every problem found.
pub struct Built<P> {
    pub org: Option<Org>,
    pub findings: Findings<P>,
    /// Where each post's id was given, by node index ([`Place::NOWHERE`] for none): to name
    /// a post at its place for what is found after loading (a rule broken).
    pub id_at: Vec<P>,
}

impl<P: Place> Builder<P> {
    #[must_use]
    pub fn new(policy: Policy) -> Self {
        Self {
            org: Org::default(),
            policy,
            findings: Findings::default(),
            links: Links::default(),
        }
    }

    /// Adds a post just read. Its id and manager are settled by [`Builder::finish`].
    pub fn add(&mut self, read: PostRead<P>) {
        let PostRead {
            post,
            number,
            at,
            id,
            reports_to,
            mut dotted_at,
            if_duplicate,
        } = read;
        let dotted = post.dotted.len();
        let node = self.org.add_unindexed(post);
        let links = &mut self.links;
        if let Some(note) = if_duplicate {
            links.if_duplicate.insert(node, note);
        }
        match id {
            // Indexed, and so checked against the others, once every post is in.
            IdRead::Given(id, at) => {
                self.org.post_mut(node).set_id(id);
                links.id_at.push(at);
            }
            id => {
                links.id_at.push(P::NOWHERE);
                links.unnamed.push(Unnamed {
                    node,
                    number,
                    at,
                    id,
                });
            }
        }
        if dotted > 0 {
            dotted_at.resize(dotted, at);
            links.dotted_at.push((node, dotted_at));
        }
        match reports_to {
            Some((manager, at)) => {
                links.reports_to_at.push(at);
                links.manager_ids.push_str(manager.as_str());
            }
            None => links.reports_to_at.push(P::NOWHERE),
        }
        links.manager_id_end.push(links.manager_ids.len());
    }

    /// Settles ids and managers across the chart and draws the reporting lines, unless a
    /// refused problem stands in the way; gives the chart with `meta` as its description,
    /// and every problem found (those the reader passed in `findings` too).
    #[must_use]
    pub fn finish(mut self, meta: Meta) -> Built<P> {
        self.index_ids();
        self.name_the_unnamed();
        let lines = self.settle_lines();
        // What the lines were settled from is not needed any more: freed before the lines
        // are drawn, so that a large chart's peak of memory holds only one of the two.
        self.links.reports_to_at = Vec::new();
        self.links.manager_id_end = Vec::new();
        self.links.manager_ids = String::new();
        self.check_dotted_lines();
        if self.findings.has_errors() {
            return Built {
                org: None,
                findings: self.findings,
                id_at: Vec::new(),
            };
        }
        let mut org = self.org;
        org.meta = meta;
        // A line that is not drawn is still kept as the input gave it, so that saving the
        // chart writes it back.
        for (post, manager) in lines.undrawn {
            let value = serde_json::Value::String(manager.as_str().to_owned());
            keep_manager(org.post_mut(post), self.policy.manager_field, value);
        }
        org.attach_all(&lines.managers);
        Built {
            org: Some(org),
            findings: self.findings,
            id_at: std::mem::take(&mut self.links.id_at),
        }
    }
}

/// Keeps `manager` as the field `field` of `post`, under another name when the post has a
/// field of that name already with another value.
fn keep_manager(post: &mut Post, field: &str, manager: serde_json::Value) {
    let mut name = field.to_owned();
    let mut n = 1;
    loop {
        match post.extra.iter().find(|(key, _)| key == name.as_str()) {
            Some((_, value)) if *value == manager => return,
            Some(_) => {
                n += 1;
                name = format!("{field} ({n})");
            }
            None => break,
        }
    }
    post.extra.push((name.into(), manager));
}

fn node(index: usize) -> NodeIndex {
    NodeIndex::new(index)
}
