//! Settling what posts say about each other: ids made unique, managers found, loops and
//! unknown dotted targets reported, and the reporting lines drawn when nothing stands in the
//! way.
//!
//! Posts join the chart as they are read, on a thread of their own. Their ids are indexed
//! and their managers found once every post has been read, each in one pass.

use super::fields::{IdAsRead, ReadPost};
use super::{Built, Label, Loader, Message, Numbered, PostsRead};
use crate::org::graph::{NodeIndex, Org};
use crate::org::links::{NO_MANAGER, find_loops};
use crate::org::post::PostId;
use crate::org::problems::Severity;
use crate::text::Escaped;

/// The chart as built from the posts read, before their ids and reporting lines are
/// settled.
#[derive(Default)]
pub(super) struct Chart {
    org: Org,
    links: Links,
}

/// What is kept about each post until the reporting lines are drawn; indexed by node.
#[derive(Default)]
struct Links {
    /// The offset of each post's id.
    id_at: Vec<usize>,
    /// The offset of each post's `reports_to`, or `NONE` when it gives none.
    reports_to_at: Vec<usize>,
    /// The manager ids that posts give, one after the other, and where each post's ends.
    /// Managers are looked up once every post is read, in one pass: lookups that do not
    /// wait for each other go several times faster than one per post as it is read.
    manager_ids: String,
    manager_id_end: Vec<usize>,
    /// Each post's manager, as a node index, or [`NO_MANAGER`]; filled in once all are read.
    managers: Vec<u32>,
    /// Posts whose id cannot be used as given (missing, empty, or already taken).
    unnamed: Vec<Unnamed>,
    /// The offsets of the `to` of each dotted line, for the posts that have any.
    dotted_at: Vec<(NodeIndex, Vec<usize>)>,
    /// Reporting lines that cannot be drawn (to the post itself, to an unknown post, or in a
    /// loop): the post and the manager id it gave.
    undrawn: Vec<(NodeIndex, PostId)>,
}

const NONE: usize = usize::MAX;

/// In the table of managers while it is being filled: the post names a manager that is not
/// in the chart.
const UNKNOWN: u32 = u32::MAX - 1;

struct Unnamed {
    node: NodeIndex,
    /// Its place in the posts list, which names it when it has no id.
    number: usize,
    at: usize,
    id: IdAsRead,
}

impl Loader {
    /// Starts a posts array at offset `at`, dropping any read before under the same key.
    pub(super) fn begin_posts(&mut self, at: usize) {
        self.forget_posts();
        self.posts = Some(PostsRead::Array {
            start: at,
            end: NONE,
            count: 0,
        });
    }

    pub(super) fn end_posts(&mut self, at: usize) {
        if let Some(PostsRead::Array { end, count, .. }) = &mut self.posts {
            *end = at;
            *count = self.items;
        }
    }

    /// Forgets the posts read so far, and what was found in them: the chart object gave
    /// "posts" again, and the last one is used.
    pub(super) fn forget_posts(&mut self) {
        if let Some(PostsRead::Array { start, end, .. }) = self.posts.take() {
            self.findings.retain(|f| !(start..=end).contains(&f.at));
            self.items = 0;
            self.batch.clear();
            self.send(Built::Forget);
        }
    }
}

impl Chart {
    /// Adds a post just read.
    pub(super) fn accept(&mut self, read: Numbered) {
        let Numbered {
            number,
            at,
            post:
                ReadPost {
                    post,
                    id,
                    reports_to,
                    dotted_at,
                },
        } = read;
        let node = self.org.add_unindexed(post);
        let links = &mut self.links;
        match id {
            // Indexed, and so checked against the others, once every post is read.
            IdAsRead::Given(id, at) => {
                self.org.post_mut(node).set_id(id);
                links.id_at.push(at);
            }
            id => {
                links.id_at.push(NONE);
                links.unnamed.push(Unnamed {
                    node,
                    number,
                    at,
                    id,
                });
            }
        }
        if !dotted_at.is_empty() {
            links.dotted_at.push((node, dotted_at));
        }
        match reports_to {
            Some((manager, at)) => {
                links.reports_to_at.push(at);
                links.manager_ids.push_str(manager.as_str());
            }
            None => links.reports_to_at.push(NONE),
        }
        links.manager_id_end.push(links.manager_ids.len());
    }

    /// The manager id that post `i` gives, if any.
    fn manager_id(&self, i: usize) -> Option<&str> {
        let links = &self.links;
        if links.reports_to_at[i] == NONE {
            return None;
        }
        let start = i
            .checked_sub(1)
            .map_or(0, |before| links.manager_id_end[before]);
        links.manager_ids.get(start..links.manager_id_end[i])
    }

    /// Each post's manager as a node index: [`NO_MANAGER`] when it names none, [`UNKNOWN`]
    /// when no post has the id it names. Large charts are looked up on two threads: the
    /// lookups only read the chart, and each waits on memory far more than it computes.
    fn look_up_managers(&self) -> Vec<u32> {
        const SPLIT_ABOVE: usize = 50_000;
        let look_up = |posts: std::ops::Range<usize>| -> Vec<u32> {
            posts
                .map(|i| match self.manager_id(i) {
                    Some(id) => self.org.find(id).map_or(UNKNOWN, index_u32),
                    None => NO_MANAGER,
                })
                .collect()
        };
        let posts = self.links.reports_to_at.len();
        if posts <= SPLIT_ABOVE {
            return look_up(0..posts);
        }
        let half = posts / 2;
        std::thread::scope(|scope| {
            let first = scope.spawn(|| look_up(0..half));
            let second = look_up(half..posts);
            let mut managers = first
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            managers.extend(second);
            managers
        })
    }
}

impl Loader {
    /// Settles ids and managers across the chart, and draws the reporting lines when no
    /// error stands in the way.
    pub(super) fn link(&mut self) -> Option<Org> {
        self.index_ids();
        self.name_the_unnamed();
        self.chart.links.managers = self.chart.look_up_managers();
        for i in 0..self.chart.links.managers.len() {
            let post = node(i);
            match self.chart.links.managers[i] {
                NO_MANAGER => {}
                UNKNOWN => {
                    self.chart.links.managers[i] = NO_MANAGER;
                    let manager = PostId::new(self.chart.manager_id(i).unwrap_or_default());
                    let message = format!(
                        "post '{}' reports to unknown post '{}'",
                        Escaped(self.chart.org.post(post).id().as_str()),
                        Escaped(manager.as_str())
                    );
                    self.recoverable(
                        self.chart.links.reports_to_at[i],
                        message,
                        "loaded as a top post",
                    );
                    self.chart.links.undrawn.push((post, manager));
                }
                manager if manager as usize == i => {
                    self.chart.links.managers[i] = NO_MANAGER;
                    let id = self.chart.org.post(post).id().clone();
                    self.recoverable(
                        self.chart.links.reports_to_at[i],
                        format!("post '{}' reports to itself", Escaped(id.as_str())),
                        "loaded as a top post",
                    );
                    self.chart.links.undrawn.push((post, id));
                }
                _ => {}
            }
        }
        for members in find_loops(&self.chart.links.managers) {
            let ids: Vec<String> = members
                .iter()
                .chain(members.first())
                .map(|&m| {
                    format!(
                        "'{}'",
                        Escaped(self.chart.org.post(node(m as usize)).id().as_str())
                    )
                })
                .collect();
            let at = self.chart.links.reports_to_at[members[0] as usize];
            let message = format!(
                "reporting loop: {} (each reports to the next)",
                ids.join(" -> ")
            );
            self.recoverable(at, message, "its posts are loaded as top posts");
            if self.lenient {
                for m in members {
                    let manager = self.chart.links.managers[m as usize];
                    let id = self.chart.org.post(node(manager as usize)).id().clone();
                    self.chart.links.undrawn.push((node(m as usize), id));
                    self.chart.links.managers[m as usize] = NO_MANAGER;
                }
            }
        }
        for (node, offsets) in std::mem::take(&mut self.chart.links.dotted_at) {
            for (i, at) in offsets.into_iter().enumerate() {
                let to = &self.chart.org.post(node).dotted[i].to;
                if self.chart.org.find(to.as_str()).is_none() {
                    let message = format!(
                        "post '{}' has a dotted line to unknown post '{}'",
                        Escaped(self.chart.org.post(node).id().as_str()),
                        Escaped(to.as_str())
                    );
                    self.recoverable(at, message, "kept as it is");
                }
            }
        }

        if self.findings.iter().any(|f| f.severity == Severity::Error) {
            return None;
        }
        let mut org = std::mem::take(&mut self.chart.org);
        org.meta = std::mem::take(&mut self.meta);
        let links = std::mem::take(&mut self.chart.links);
        // A line that could not be drawn is still kept as the file gave it, so that saving
        // the leniently loaded chart writes it back.
        for (post, manager) in links.undrawn {
            let value = serde_json::Value::String(manager.as_str().to_owned());
            org.post_mut(post).extra.push(("reports_to".into(), value));
        }
        org.attach_all(&links.managers);
        Some(org)
    }

    /// Makes every post findable by the id it gave, in file order, so that the first post
    /// to give an id keeps it; the later ones join the posts to be named.
    fn index_ids(&mut self) {
        self.chart.org.reserve_ids(self.chart.links.id_at.len());
        let mut taken = Vec::new();
        for (i, &at) in self.chart.links.id_at.iter().enumerate() {
            if at != NONE && self.chart.org.index_id(node(i)).is_err() {
                let id = self.chart.org.post(node(i)).id().clone();
                taken.push(Unnamed {
                    node: node(i),
                    number: 0,
                    at,
                    id: IdAsRead::Given(id, at),
                });
            }
        }
        if !taken.is_empty() {
            self.chart.links.unnamed.append(&mut taken);
            self.chart.links.unnamed.sort_by_key(|unnamed| unnamed.node);
        }
    }

    /// Gives each post whose id could not be used a new one, unlike every id in the chart,
    /// and says so.
    fn name_the_unnamed(&mut self) {
        for unnamed in std::mem::take(&mut self.chart.links.unnamed) {
            let base = match &unnamed.id {
                IdAsRead::Given(id, _) => id.as_str().to_owned(),
                _ => format!("post-{}", unnamed.number),
            };
            let mut fresh = base.clone();
            let mut n = 1;
            while self.chart.org.find(&fresh).is_some() {
                n += 1;
                fresh = format!("{base}~{n}");
            }
            let recovery = format!("loaded as '{}'", Escaped(&fresh));
            let label = Label {
                number: unnamed.number,
                id: None,
                title: Some(&self.chart.org.post(unnamed.node).title),
            }
            .to_string();
            match &unnamed.id {
                IdAsRead::Given(id, at) => {
                    let first = self.chart.org.find(id.as_str()).map_or(NONE, |first| {
                        self.chart
                            .links
                            .id_at
                            .get(first.index())
                            .copied()
                            .unwrap_or(NONE)
                    });
                    let message = Message::mentioning(
                        format!(
                            "duplicate id '{}' (first used on line ",
                            Escaped(id.as_str())
                        ),
                        if first == NONE { unnamed.at } else { first },
                        true,
                        ")",
                    );
                    self.recoverable(*at, message, &recovery);
                }
                IdAsRead::Missing => {
                    self.recoverable(unnamed.at, format!("{label} has no id"), &recovery);
                }
                IdAsRead::Empty(at) => {
                    self.recoverable(*at, format!("{label} has an empty id"), &recovery);
                }
                IdAsRead::Reported => {}
            }
            // `fresh` is unlike every id in the chart, so the post is always indexed.
            let _ = self
                .chart
                .org
                .set_id(unnamed.node, PostId::new(fresh.as_str()));
        }
    }
}

fn node(index: usize) -> NodeIndex {
    NodeIndex::new(index)
}

fn index_u32(node: NodeIndex) -> u32 {
    u32::try_from(node.index()).unwrap_or(NO_MANAGER)
}
