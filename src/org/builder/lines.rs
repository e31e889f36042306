//! Settling reporting lines: each post's manager found by id, in one pass over the chart;
//! managers that are no post, posts that report to themselves and reporting loops reported;
//! and dotted lines to posts that are not in the chart.

use super::{Builder, Place, find_loops, node};
use crate::org::graph::{NO_MANAGER, NodeIndex};
use crate::org::post::PostId;
use crate::text::Escaped;

/// In the table of managers while it is being filled: the post names a manager that is not
/// in the chart.
const UNKNOWN: u32 = u32::MAX - 1;

/// The reporting lines, settled.
pub(super) struct Lines {
    /// Each post's manager as a node index, or [`NO_MANAGER`].
    pub(super) managers: Vec<u32>,
    /// Lines that are not drawn (to the post itself, to an unknown post, or in a loop)
    /// although the chart is made: the post and the manager id it gave.
    pub(super) undrawn: Vec<(NodeIndex, PostId)>,
}

impl<P: Place> Builder<P> {
    /// The manager id that post `i` gives, if any.
    fn manager_id(&self, i: usize) -> Option<&str> {
        let links = &self.links;
        if links.reports_to_at[i] == P::NOWHERE {
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

    /// How a post that is made a top post says so.
    fn as_top_post(&self) -> String {
        let field = self.policy.manager_field;
        if field == "reports_to" {
            "loaded as a top post".to_owned()
        } else {
            format!(
                "loaded as a top post, its manager kept as the field \"{}\"",
                Escaped(field)
            )
        }
    }

    /// Finds every post's manager, and reports those that cannot be drawn.
    pub(super) fn settle_lines(&mut self) -> Lines {
        let mut managers = self.look_up_managers();
        let mut undrawn = Vec::new();
        let top = self.as_top_post();
        for (i, manager) in managers.iter_mut().enumerate() {
            let post = node(i);
            let at = self.links.reports_to_at[i];
            match *manager {
                NO_MANAGER => {}
                UNKNOWN => {
                    *manager = NO_MANAGER;
                    let given = PostId::new(self.manager_id(i).unwrap_or_default());
                    let message = format!(
                        "post '{}' reports to unknown post '{}'",
                        Escaped(self.org.post(post).id().as_str()),
                        Escaped(given.as_str())
                    );
                    self.findings
                        .recoverable(self.policy.unknown_manager, at, message, &top);
                    undrawn.push((post, given));
                }
                m if m as usize == i => {
                    *manager = NO_MANAGER;
                    let id = self.org.post(post).id().clone();
                    let message = format!("post '{}' reports to itself", Escaped(id.as_str()));
                    if self.policy.keep_self_reports {
                        self.findings
                            .recoverable(self.policy.self_report, at, message, &top);
                        undrawn.push((post, id));
                    } else {
                        let recovery = "loaded as a top post";
                        self.findings
                            .recoverable(self.policy.self_report, at, message, recovery);
                    }
                }
                _ => {}
            }
        }
        for members in find_loops(&managers) {
            let ids: Vec<String> = members
                .iter()
                .chain(members.first())
                .map(|&m| {
                    format!(
                        "'{}'",
                        Escaped(self.org.post(node(m as usize)).id().as_str())
                    )
                })
                .collect();
            let at = self.links.reports_to_at[members[0] as usize];
            let message = format!(
                "reporting loop: {} (each reports to the next)",
                ids.join(" -> ")
            );
            self.findings.recoverable(
                self.policy.loops,
                at,
                message,
                "its posts are loaded as top posts",
            );
            for m in members {
                let manager = managers[m as usize];
                let id = self.org.post(node(manager as usize)).id().clone();
                undrawn.push((node(m as usize), id));
                managers[m as usize] = NO_MANAGER;
            }
        }
        Lines { managers, undrawn }
    }

    /// Reports dotted lines to posts that are not in the chart; they are kept as they are.
    pub(super) fn check_dotted_lines(&mut self) {
        for (node, places) in std::mem::take(&mut self.links.dotted_at) {
            for (i, at) in places.into_iter().enumerate() {
                let to = &self.org.post(node).dotted[i].to;
                if self.org.find(to.as_str()).is_none() {
                    let message = format!(
                        "post '{}' has a dotted line to unknown post '{}'",
                        Escaped(self.org.post(node).id().as_str()),
                        Escaped(to.as_str())
                    );
                    self.findings.recoverable(
                        self.policy.unknown_dotted,
                        at,
                        message,
                        "kept as it is",
                    );
                }
            }
        }
    }
}

fn index_u32(node: NodeIndex) -> u32 {
    u32::try_from(node.index()).unwrap_or(NO_MANAGER)
}
