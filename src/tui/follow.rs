//! Bringing the screen's index of the chart and the what-if's figures up to date after an
//! edit, from what the edit touches rather than from every post: what it will change is
//! noted before it is done ([`Follow::before`]), then the index and the figures follow it
//! ([`Follow::after`]). A team that moves, comes or goes is moved, put or taken out in tree
//! order as a block; the team totals are worked out again along the chains above the places
//! it left and reached; the posts per layer and the spans are counted again over that team
//! and the managers it left and joined. So an edit costs the size of the team it touches and
//! the length of those chains, not the size of the chart.

use crate::edit::{Edit, Reports};
use crate::org::tally::Tally;
use crate::org::{Field, NodeIndex, Org, Post, Text};

use super::chart_index::ChartIndex;

/// What an edit is about to change, noted before it is done.
pub struct Follow {
    change: Change,
    /// What the chart loses to the edit, tallied before it: the posts that go, the layers and
    /// spans of the teams that move, the spans of the managers they leave or join.
    gone: Tally,
    /// The managers whose number of reports the edit changes (their spans are tallied again
    /// after it).
    managers: Vec<NodeIndex>,
}

enum Change {
    /// The chart's description: nothing the index or the figures hold.
    Nothing,
    /// An edit the index does not follow: both are worked out again from the whole chart.
    Everything,
    /// Fields of one post, as it was before.
    Fields { node: NodeIndex, was: Box<Post> },
    /// A team moves: its root, and its place and length in tree order before.
    Move {
        node: NodeIndex,
        from: usize,
        len: usize,
    },
    /// A post closes, alone (its reports move up into its place) or with its team: its
    /// place and the posts that go in tree order, and the reports that move up.
    Close {
        from: usize,
        len: usize,
        lifted: Vec<NodeIndex>,
        layer: u32,
        /// Whether dotted lines lead from or to the posts that close.
        dotted: bool,
    },
    /// Posts come (an add, or a reopen of closed posts): the first of them (the head of
    /// those that come together), and whether the reports of its manager that move under it
    /// come back with it.
    Insert {
        head: Text,
        alone: bool,
        /// Whether dotted lines to the posts that come are put back (a reopen).
        dotted: bool,
    },
}

/// The layer of `node`: 1 for a top post.
fn layer_of(org: &Org, node: NodeIndex) -> u32 {
    u32::try_from(org.chain_to_top(node).count() + 1).unwrap_or(u32::MAX)
}

impl Follow {
    /// Notes what `edit` will change in `org`, which `index` describes, before it is done.
    #[must_use]
    pub fn before(org: &Org, index: &ChartIndex, edit: &Edit) -> Self {
        let mut follow = Self {
            change: Change::Everything,
            gone: Tally::default(),
            managers: Vec::new(),
        };
        if index.leaves_out() {
            return follow;
        }
        let find = |id: &str| org.find(id);
        follow.change = match edit {
            Edit::Chart { .. } | Edit::RestoreChart(_) => Change::Nothing,
            // A value kept as written may be a manager's id; a rare edit, not followed.
            Edit::Set {
                as_written: true, ..
            } => Change::Everything,
            Edit::RestoreKnown(back) if back.field == Field::ReportsTo => Change::Everything,
            Edit::Retitle { post, .. }
            | Edit::Holder { post, .. }
            | Edit::Set { post, .. }
            | Edit::Dotted { post, .. }
            | Edit::Undotted { post, .. } => follow.fields(org, find(post)),
            Edit::RestoreKnown(back) => follow.fields(org, find(&back.post)),
            Edit::RestoreField(back) => follow.fields(org, find(&back.post)),
            Edit::RestoreLine(back) => follow.fields(org, find(&back.post)),
            Edit::Move { post, under, .. } => match find(post) {
                Some(node) => {
                    let new = under.as_deref().and_then(find);
                    follow.managers.extend(org.manager(node));
                    follow.managers.extend(new);
                    follow.gone.team(org, node, layer_of(org, node));
                    Change::Move {
                        node,
                        from: index.rank(node),
                        len: index.team_posts(node) + 1,
                    }
                }
                None => Change::Everything,
            },
            Edit::Close { post, reports } => match find(post) {
                Some(node) => follow.close(org, index, node, *reports),
                None => Change::Everything,
            },
            Edit::Add { under, .. } => match edit.post_id() {
                Some(id) => {
                    follow.managers.extend(under.as_deref().and_then(find));
                    Change::Insert {
                        head: Text::from(id.as_ref()),
                        alone: true,
                        dotted: false,
                    }
                }
                None => Change::Everything,
            },
            Edit::Reopen(reopen) => match reopen.posts.first() {
                Some((head, manager, _)) => {
                    let manager = manager.as_ref().and_then(|id| find(id.as_str()));
                    follow.managers.extend(manager);
                    // The reports that come back under the head leave their layer.
                    let layer = manager.map_or(1, |m| layer_of(org, m) + 1);
                    for report in reopen.returning.iter().filter_map(|id| find(id.as_str())) {
                        follow.gone.team(org, report, layer);
                    }
                    Change::Insert {
                        head: Text::from(head.id().as_str()),
                        alone: reopen.posts.len() == 1,
                        dotted: !reopen.dotted_in.is_empty(),
                    }
                }
                None => Change::Everything,
            },
        };
        follow.managers.sort_unstable();
        follow.managers.dedup();
        for &manager in &follow.managers {
            follow.gone.span(org.reports(manager).len());
        }
        follow
    }

    fn fields(&mut self, org: &Org, node: Option<NodeIndex>) -> Change {
        match node {
            Some(node) => {
                let was = org.post(node).clone();
                self.gone.post(&was);
                Change::Fields {
                    node,
                    was: Box::new(was),
                }
            }
            None => Change::Everything,
        }
    }

    fn close(
        &mut self,
        org: &Org,
        index: &ChartIndex,
        node: NodeIndex,
        reports: Reports,
    ) -> Change {
        let layer = layer_of(org, node);
        self.managers.extend(org.manager(node));
        self.gone.team(org, node, layer);
        let has_lines = |post: NodeIndex| {
            !org.post(post).dotted.is_empty() || !index.dotted_in(post).is_empty()
        };
        let (len, lifted, dotted) = match reports {
            Reports::Up => {
                self.gone.post(org.post(node));
                (1, org.reports(node).to_vec(), has_lines(node))
            }
            Reports::Close => {
                let mut dotted = false;
                for (post, _) in org.team(node) {
                    self.gone.post(org.post(post));
                    dotted |= has_lines(post);
                }
                (index.team_posts(node) + 1, Vec::new(), dotted)
            }
        };
        Change::Close {
            from: index.rank(node),
            len,
            lifted,
            layer,
            dotted,
        }
    }

    /// Brings `index` and `tally` up to date with `org` after the edit was done, and gives
    /// the posts that came (new nodes). `None` when the edit is not one the index follows:
    /// the caller works both out again.
    #[must_use]
    pub fn after(
        self,
        org: &Org,
        index: &mut ChartIndex,
        tally: &mut Tally,
    ) -> Option<Vec<NodeIndex>> {
        let mut came = Tally::default();
        let mut new_posts = Vec::new();
        match self.change {
            Change::Nothing => return Some(new_posts),
            Change::Everything => return None,
            Change::Fields { node, was } => {
                let post = org.post(node);
                came.post(post);
                let same_totals = was.own_headcount_fte().to_bits()
                    == post.own_headcount_fte().to_bits()
                    && same_cost(&was, post);
                if !same_totals {
                    index.recompute_up(org, Some(node));
                }
                if was.dotted != post.dotted {
                    index.refresh_dotted(org);
                }
            }
            Change::Move { node, from, len } => {
                let to = index.place_of(org, node);
                index.move_block(from, len, to);
                // The chains above the place left and above the place reached.
                for &manager in &self.managers {
                    index.recompute_up(org, Some(manager));
                }
                came.team(org, node, layer_of(org, node));
            }
            Change::Close {
                from,
                len,
                lifted,
                layer,
                dotted,
            } => {
                index.remove_block(from, len);
                index.recompute_up(org, self.managers.first().copied());
                if dotted {
                    index.refresh_dotted(org);
                }
                for report in lifted {
                    came.team(org, report, layer);
                }
            }
            Change::Insert {
                head,
                alone,
                dotted,
            } => {
                let head = org.find(head.as_str())?;
                index.grow(org);
                // The posts that come: the head alone when reports came back under it,
                // which are in the index already; else its whole team.
                let coming: Vec<NodeIndex> = if alone && !org.reports(head).is_empty() {
                    vec![head]
                } else {
                    org.team(head).map(|(node, _)| node).collect()
                };
                let at = index.place_of(org, head);
                index.insert_block(at, &coming);
                for &node in coming.iter().rev() {
                    index.recompute(org, node);
                    came.post(org.post(node));
                }
                index.recompute_up(org, org.manager(head));
                // Lines from the posts that come, lines put back to them, or lines that
                // pointed at no post and may point at one of them now.
                let lines_from = coming.iter().any(|&n| !org.post(n).dotted.is_empty());
                if dotted || lines_from || index.has_dangling_lines() {
                    index.refresh_dotted(org);
                }
                came.team(org, head, layer_of(org, head));
                new_posts = coming;
            }
        }
        for &manager in &self.managers {
            came.span(org.reports(manager).len());
        }
        tally.take(&self.gone);
        tally.add(&came);
        Some(new_posts)
    }
}

/// Whether two posts' own costs are the same to the bit (so that a roll-up of either is).
fn same_cost(a: &Post, b: &Post) -> bool {
    let bits = |post: &Post| {
        post.own_cost()
            .map(|c| (c.low().to_bits(), c.high().to_bits()))
    };
    bits(a) == bits(b)
}
