//! The chart: posts in a petgraph `StableDiGraph` with one edge per solid reporting line
//! (manager -> report), an index from id to post, and the order of siblings.

use petgraph::Direction;
use petgraph::stable_graph::StableDiGraph;
use petgraph::visit::EdgeRef;
use thiserror::Error;

use super::ids::IdIndex;
use super::post::{Extra, List, Post, PostId, Text};
use crate::text::Escaped;

pub use petgraph::stable_graph::NodeIndex;

/// In a table of managers (see [`Org::attach_all`]), a post with no manager.
pub(crate) const NO_MANAGER: u32 = u32::MAX;

/// The description of the whole chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub name: Option<Text>,
    /// ISO date the chart describes.
    pub as_of: Option<Text>,
    pub source: Option<Text>,
    /// Top-level fields the format does not know, kept for saving.
    pub extra: Extra,
}

/// A change the chart refused, leaving it as it was.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum OrgError {
    #[error("a post with id '{}' already exists", Escaped(.0.as_str()))]
    DuplicateId(PostId),
    #[error("post '{}' cannot report to '{}', which is in its own team", Escaped(.post.as_str()), Escaped(.manager.as_str()))]
    IntoOwnTeam { post: PostId, manager: PostId },
    #[error("post '{}' still has reports", Escaped(.0.as_str()))]
    HasReports(PostId),
}

/// An organisation chart: a forest of posts joined by reporting lines.
///
/// Every post has at most one manager and the lines never form a loop; the methods that
/// change the structure keep it so. Reports keep their order (file order when loaded).
#[derive(Clone, Debug, Default)]
pub struct Org {
    pub meta: Meta,
    graph: StableDiGraph<Post, ()>,
    index: IdIndex,
    tops: List<NodeIndex>,
    /// Direct reports of each post, in order, indexed by `NodeIndex::index()`.
    reports: Vec<List<NodeIndex>>,
    /// Every post that has dotted lines (and perhaps some that had them): what to look
    /// through for the lines to a post, rather than the whole chart.
    dotted_from: rustc_hash::FxHashSet<NodeIndex>,
}

impl Org {
    #[must_use]
    pub fn new(meta: Meta) -> Self {
        Self {
            meta,
            ..Self::default()
        }
    }

    /// Adds a post as the last top post.
    pub fn add_post(&mut self, post: Post) -> Result<NodeIndex, OrgError> {
        self.insert_post(post, None, None)
    }

    /// Adds a post that cannot be found by its id until [`Org::set_id`] gives it one, and
    /// that is not yet a top post: for the loader, which settles ids and managers once the
    /// whole chart is read, then calls [`Org::attach_all`].
    pub(crate) fn add_unindexed(&mut self, post: Post) -> NodeIndex {
        let has_dotted = !post.dotted.is_empty();
        let node = self.graph.add_node(post);
        if has_dotted {
            self.dotted_from.insert(node);
        }
        if self.reports.len() <= node.index() {
            self.reports.resize_with(node.index() + 1, List::new);
        }
        node
    }

    /// Makes `node` findable by its id, unless another post has it: then that post.
    pub(crate) fn index_id(&mut self, node: NodeIndex) -> Result<(), NodeIndex> {
        let graph = &self.graph;
        self.index
            .insert(graph[node].id().as_str(), node, |n| graph[n].id().as_str())
    }

    /// Gives an unindexed post the id `id`, unless another post has it: then that post.
    pub(crate) fn set_id(&mut self, node: NodeIndex, id: PostId) -> Result<(), NodeIndex> {
        self.graph[node].set_id(id);
        self.index_id(node)
    }

    /// Makes room for the ids of `posts` more posts at once, rather than growing the index
    /// step by step while a large chart is indexed.
    pub(crate) fn reserve_ids(&mut self, posts: usize) {
        let graph = &self.graph;
        self.index.reserve(posts, |n| graph[n].id().as_str());
    }

    /// Makes `post`, with its whole team, report to `manager` (or become a top post), placed
    /// at `position` among its new siblings (or last). Refuses a move under its own team.
    pub fn set_manager(
        &mut self,
        post: NodeIndex,
        manager: Option<NodeIndex>,
        position: Option<usize>,
    ) -> Result<(), OrgError> {
        if let Some(manager) = manager
            && self.in_team(manager, post)
        {
            return Err(OrgError::IntoOwnTeam {
                post: self.post(post).id().clone(),
                manager: self.post(manager).id().clone(),
            });
        }
        self.detach(post);
        let siblings = match manager {
            Some(manager) => {
                self.graph.add_edge(manager, post, ());
                &mut self.reports[manager.index()]
            }
            None => &mut self.tops,
        };
        let at = position.map_or(siblings.len(), |p| p.min(siblings.len()));
        siblings.insert(at, post);
        Ok(())
    }

    /// Takes a post with no reports out of the chart, with its reporting line, and gives it
    /// back. Refuses a post that still has reports, which would be left without a place.
    pub fn remove_post(&mut self, node: NodeIndex) -> Result<Post, OrgError> {
        if !self.reports(node).is_empty() {
            return Err(OrgError::HasReports(self.post(node).id().clone()));
        }
        self.detach(node);
        self.dotted_from.remove(&node);
        let graph = &self.graph;
        self.index
            .remove(graph[node].id().as_str(), |n| graph[n].id().as_str());
        let post = self.graph.remove_node(node).expect("a post of this chart");
        Ok(post)
    }

    /// Adds `post` under `manager` (or as a top post) at `position` among its siblings (or
    /// last). Refuses an id that another post has.
    pub fn insert_post(
        &mut self,
        post: Post,
        manager: Option<NodeIndex>,
        position: Option<usize>,
    ) -> Result<NodeIndex, OrgError> {
        if self.find(post.id().as_str()).is_some() {
            return Err(OrgError::DuplicateId(post.id().clone()));
        }
        let node = self.add_unindexed(post);
        let _ = self.index_id(node);
        let siblings = match manager {
            Some(manager) => {
                self.graph.add_edge(manager, node, ());
                &mut self.reports[manager.index()]
            }
            None => &mut self.tops,
        };
        let at = position.map_or(siblings.len(), |p| p.min(siblings.len()));
        siblings.insert(at, node);
        Ok(node)
    }

    /// Where `post` stands among its siblings (the reports of its manager, or the top posts).
    #[must_use]
    pub fn position(&self, post: NodeIndex) -> usize {
        let siblings = match self.manager(post) {
            Some(manager) => self.reports(manager),
            None => self.tops(),
        };
        siblings
            .iter()
            .position(|&sibling| sibling == post)
            .expect("a post is among its siblings")
    }

    /// Makes `children` the reports of `manager` (or the top posts), in that order: the
    /// posts it has now, with new posts among them that have no place yet (added with
    /// [`Org::add_unindexed`]) and no reports, which cannot make a loop and so are attached
    /// without looking for one. For placing many new leaves at once (the ghosts of removed
    /// posts on the compare screen).
    pub(crate) fn adopt(&mut self, manager: Option<NodeIndex>, children: Vec<NodeIndex>) {
        match manager {
            Some(manager) => {
                for &child in &children {
                    if self.manager(child).is_none() {
                        self.graph.add_edge(manager, child, ());
                    }
                }
                self.reports[manager.index()] = children.into_iter().collect();
            }
            None => self.tops = children.into_iter().collect(),
        }
    }

    /// Draws every reporting line of a chart whose posts were added but not yet placed:
    /// post `i` reports to `managers[i]` (a node index, or [`NO_MANAGER`] for a top post),
    /// each manager's reports in post order. Loops are not looked for: this is for the
    /// loader and the generator, which rule them out for the whole chart in one pass. On a
    /// large chart the graph's edges and the lists of reports are built on two threads.
    pub(crate) fn attach_all(&mut self, managers: &[u32]) {
        const SPLIT_ABOVE: usize = 50_000;
        let mut reports = vec![0_u32; managers.len()];
        for &manager in managers.iter().filter(|&&m| m != NO_MANAGER) {
            reports[manager as usize] += 1;
        }
        let lines = || {
            managers
                .iter()
                .enumerate()
                .filter(|&(_, &m)| m != NO_MANAGER)
                .map(|(i, &m)| (NodeIndex::new(m as usize), NodeIndex::new(i)))
        };
        let (graph, lists) = (&mut self.graph, &mut self.reports);
        let add_reports = |lists: &mut Vec<List<NodeIndex>>| {
            for (list, &count) in lists.iter_mut().zip(&reports) {
                list.reserve_exact(count as usize);
            }
            for (manager, post) in lines() {
                lists[manager.index()].push(post);
            }
        };
        let add_edges = |graph: &mut StableDiGraph<Post, ()>| {
            graph.reserve_edges(managers.len());
            for (manager, post) in lines() {
                graph.add_edge(manager, post, ());
            }
        };
        if managers.len() > SPLIT_ABOVE {
            std::thread::scope(|scope| {
                scope.spawn(|| add_edges(graph));
                add_reports(lists);
            });
        } else {
            add_edges(graph);
            add_reports(lists);
        }
        self.tops = managers
            .iter()
            .enumerate()
            .filter(|&(_, &m)| m == NO_MANAGER)
            .map(|(i, _)| NodeIndex::new(i))
            .filter(|&node| self.graph.contains_node(node))
            .collect();
    }

    /// Moves every report of `post`, in order and with their teams, to just after it among
    /// its siblings (its manager's reports, or the top posts). All at once: one by one, each
    /// would be taken from the front of the list of reports, a shift of all the others.
    pub fn move_reports_up(&mut self, post: NodeIndex) {
        let manager = self.manager(post);
        let moving = std::mem::take(&mut self.reports[post.index()]);
        // Taken out in the order the graph lists them, each then first in the list: taken
        // out in any other order, each would be looked for along the list.
        let lines: Vec<_> = self
            .graph
            .edges_directed(post, Direction::Outgoing)
            .map(|edge| edge.id())
            .collect();
        for line in lines {
            self.graph.remove_edge(line);
        }
        if let Some(manager) = manager {
            for &report in &moving {
                self.graph.add_edge(manager, report, ());
            }
        }
        let siblings = match manager {
            Some(manager) => &mut self.reports[manager.index()],
            None => &mut self.tops,
        };
        let at = siblings
            .iter()
            .position(|&sibling| sibling == post)
            .map_or(siblings.len(), |at| at + 1);
        let after = siblings.split_off(at);
        siblings.extend(moving);
        siblings.extend(after);
    }

    /// Whether `post` is `root` or in its team. The chain above `post` and the team below
    /// `root` are walked by turns, so the answer costs no more than twice the shorter walk:
    /// moving a post to the foot of a chain a hundred thousand deep does not climb it.
    fn in_team(&self, post: NodeIndex, root: NodeIndex) -> bool {
        let mut up = std::iter::once(post).chain(self.chain_to_top(post));
        let mut down = self.team(root).map(|(node, _)| node);
        loop {
            match up.next() {
                Some(above) if above == root => return true,
                Some(_) => {}
                None => return false,
            }
            match down.next() {
                Some(below) if below == post => return true,
                Some(_) => {}
                None => return false,
            }
        }
    }

    fn detach(&mut self, post: NodeIndex) {
        // The post's one reporting line, found from the post: from the manager it would be
        // a search of all its reports.
        let line = self
            .graph
            .edges_directed(post, Direction::Incoming)
            .next()
            .map(|edge| (edge.id(), edge.source()));
        let siblings = match line {
            Some((edge, manager)) => {
                self.graph.remove_edge(edge);
                &mut self.reports[manager.index()]
            }
            None => &mut self.tops,
        };
        if let Some(at) = siblings.iter().position(|&sibling| sibling == post) {
            siblings.remove(at);
        }
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One more than the highest `NodeIndex::index()` of any post: the length of a table
    /// indexed by post.
    #[must_use]
    pub fn index_bound(&self) -> usize {
        petgraph::visit::NodeIndexable::node_bound(&self.graph)
    }

    /// The post with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.index.find(id, |n| self.graph[n].id().as_str())
    }

    /// The post at `node`. Panics if `node` is not a post of this chart.
    #[must_use]
    pub fn post(&self, node: NodeIndex) -> &Post {
        &self.graph[node]
    }

    /// The post at `node`, if `node` is a post of this chart.
    #[must_use]
    pub fn get(&self, node: NodeIndex) -> Option<&Post> {
        self.graph.node_weight(node)
    }

    /// The post at `node`, to change its fields (its id stays fixed). Its dotted lines are
    /// changed through [`Org::dotted_mut`] or [`Org::replace_post`], which keep track of the
    /// posts that have any.
    #[must_use]
    pub fn post_mut(&mut self, node: NodeIndex) -> &mut Post {
        &mut self.graph[node]
    }

    /// The dotted lines of the post at `node`, to change them.
    #[must_use]
    pub fn dotted_mut(&mut self, node: NodeIndex) -> &mut List<super::post::Dotted> {
        self.dotted_from.insert(node);
        &mut self.graph[node].dotted
    }

    /// Puts `post` (with the same id) in the place of the post at `node`, and gives back the
    /// post it replaces.
    pub fn replace_post(&mut self, node: NodeIndex, post: Post) -> Post {
        debug_assert_eq!(
            post.id(),
            self.graph[node].id(),
            "a replacement keeps the id"
        );
        if !post.dotted.is_empty() {
            self.dotted_from.insert(node);
        }
        std::mem::replace(&mut self.graph[node], post)
    }

    /// The posts with dotted lines, in the order they were added; perhaps with a few whose
    /// lines were all taken away since.
    #[must_use]
    pub fn with_dotted_lines(&self) -> Vec<NodeIndex> {
        let mut posts: Vec<NodeIndex> = self.dotted_from.iter().copied().collect();
        posts.sort_unstable();
        posts
    }

    /// Every post, in the order they were added (file order for a loaded chart).
    pub fn posts(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    /// The posts with no manager, in order.
    #[must_use]
    pub fn tops(&self) -> &[NodeIndex] {
        &self.tops
    }

    #[must_use]
    pub fn manager(&self, post: NodeIndex) -> Option<NodeIndex> {
        self.graph
            .neighbors_directed(post, Direction::Incoming)
            .next()
    }

    /// The posts reporting directly to `post`, in order.
    #[must_use]
    pub fn reports(&self, post: NodeIndex) -> &[NodeIndex] {
        &self.reports[post.index()]
    }

    /// The managers above `post`, nearest first, ending at a top post.
    pub fn chain_to_top(&self, post: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        std::iter::successors(self.manager(post), |&above| self.manager(above))
    }

    /// The underlying graph, for petgraph's algorithms. Edges run from manager to report.
    #[must_use]
    pub fn graph(&self) -> &StableDiGraph<Post, ()> {
        &self.graph
    }
}

/// Charts are equal when they describe the same structure: the same description, the same
/// posts with the same fields, managers and order of reports, and the same top posts in the
/// same order. Where the posts stand in the file does not matter beyond that.
impl PartialEq for Org {
    fn eq(&self, other: &Self) -> bool {
        let ids = |org: &Self, nodes: &[NodeIndex]| -> Vec<PostId> {
            nodes.iter().map(|&n| org.post(n).id().clone()).collect()
        };
        self.meta == other.meta
            && self.len() == other.len()
            && ids(self, &self.tops) == ids(other, &other.tops)
            && self.posts().all(|node| {
                let post = self.post(node);
                other.find(post.id().as_str()).is_some_and(|theirs| {
                    other.post(theirs) == post
                        && self.manager(node).map(|m| self.post(m).id())
                            == other.manager(theirs).map(|m| other.post(m).id())
                        && ids(self, self.reports(node)) == ids(other, other.reports(theirs))
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(lines: &[(&str, Option<&str>)]) -> Org {
        let mut org = Org::default();
        for (id, _) in lines {
            org.add_post(Post::new(*id, id.to_uppercase())).unwrap();
        }
        for (id, manager) in lines {
            if let Some(manager) = manager {
                let (post, manager) = (org.find(id).unwrap(), org.find(manager).unwrap());
                org.set_manager(post, Some(manager), None).unwrap();
            }
        }
        org
    }

    fn ids(org: &Org, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<String> {
        nodes
            .into_iter()
            .map(|n| org.post(n).id().as_str().to_owned())
            .collect()
    }

    #[test]
    fn reports_keep_their_order_and_know_their_manager() {
        let org = chart(&[
            ("ps", None),
            ("cdo", Some("ps")),
            ("hr", Some("ps")),
            ("it", Some("cdo")),
        ]);
        let ps = org.find("ps").unwrap();
        assert_eq!(ids(&org, org.reports(ps).to_vec()), ["cdo", "hr"]);
        assert_eq!(ids(&org, org.tops().to_vec()), ["ps"]);
        let it = org.find("it").unwrap();
        assert_eq!(ids(&org, org.chain_to_top(it)), ["cdo", "ps"]);
        assert_eq!(
            org.tree_order()
                .map(|(n, layer)| format!("{}@{layer}", org.post(n).id().as_str()))
                .collect::<Vec<_>>(),
            ["ps@1", "cdo@2", "it@3", "hr@2"]
        );
    }

    #[test]
    fn moving_a_post_under_its_own_team_is_refused() {
        let mut org = chart(&[("ps", None), ("cdo", Some("ps")), ("it", Some("cdo"))]);
        let (cdo, it) = (org.find("cdo").unwrap(), org.find("it").unwrap());
        let before = org.clone();
        assert!(matches!(
            org.set_manager(cdo, Some(it), None),
            Err(OrgError::IntoOwnTeam { .. })
        ));
        assert!(matches!(
            org.set_manager(cdo, Some(cdo), None),
            Err(OrgError::IntoOwnTeam { .. })
        ));
        assert!(org == before);
    }

    #[test]
    fn a_moved_post_takes_its_team_and_its_place() {
        let mut org = chart(&[
            ("cto", None),
            ("coo", Some("cto")),
            ("dev", Some("cto")),
            ("com", Some("cto")),
            ("buyer", Some("com")),
        ]);
        let (coo, com) = (org.find("coo").unwrap(), org.find("com").unwrap());
        org.set_manager(com, Some(coo), Some(0)).unwrap();
        let cto = org.find("cto").unwrap();
        assert_eq!(ids(&org, org.reports(cto).to_vec()), ["coo", "dev"]);
        assert_eq!(ids(&org, org.reports(coo).to_vec()), ["com"]);
        let buyer = org.find("buyer").unwrap();
        assert_eq!(ids(&org, org.chain_to_top(buyer)), ["com", "coo", "cto"]);
        org.set_manager(com, None, Some(0)).unwrap();
        assert_eq!(ids(&org, org.tops().to_vec()), ["com", "cto"]);
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut org = chart(&[("a", None)]);
        assert_eq!(
            org.add_post(Post::new("a", "Again")),
            Err(OrgError::DuplicateId("a".into()))
        );
        assert_eq!(org.len(), 1);
    }

    #[test]
    fn a_very_deep_chain_is_walked_without_recursion() {
        let mut org = Org::default();
        let mut above = None;
        let mut managers = Vec::new();
        for i in 0..200_000 {
            let node = org
                .add_post(Post::new(i.to_string().as_str(), "Post"))
                .unwrap();
            managers
                .push(above.map_or(NO_MANAGER, |m: NodeIndex| u32::try_from(m.index()).unwrap()));
            above = Some(node);
        }
        org.attach_all(&managers);
        assert_eq!(org.tops().len(), 1);
        assert_eq!(
            org.tree_order().last().map(|(_, layer)| layer),
            Some(200_000)
        );
        assert_eq!(org.chain_to_top(above.unwrap()).count(), 199_999);
        let copy = org.clone();
        assert!(org == copy);
    }
}
