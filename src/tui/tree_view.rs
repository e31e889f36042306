//! The rows of the tree as the user sees them: the posts of the view's scope, in tree order,
//! through the posts that are unfolded. Kept as a flat list that fold and unfold update in
//! place, so that drawing a screen costs the rows on it and not the size of the chart.

use rustc_hash::FxHashMap;

use crate::org::{NodeIndex, Org};

/// One visible row: a post and its depth below the view's roots (roots are depth 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub node: NodeIndex,
    pub depth: u32,
}

/// A filter's result: the posts to show (the matches and their chains up to the view's
/// roots) and, for drawing guides, the last shown report of each shown manager and the last
/// shown root.
#[derive(Debug, Default)]
pub struct Shown {
    pub posts: Vec<bool>,
    pub last_report: FxHashMap<NodeIndex, NodeIndex>,
    pub last_root: Option<NodeIndex>,
    pub matches: usize,
}

impl Shown {
    pub(crate) fn contains(&self, node: NodeIndex) -> bool {
        self.posts.get(node.index()).copied().unwrap_or(false)
    }
}

/// The flattened, folded view of a chart.
#[derive(Debug)]
pub struct TreeView {
    rows: Vec<Row>,
    /// Unfolded posts, indexed by `NodeIndex::index()`.
    open: Vec<bool>,
    /// The fold state to go back to when a filter is cleared (a filter unfolds what it shows).
    open_before_filter: Option<Vec<bool>>,
    /// Focus roots, innermost last; empty for the whole chart.
    focus: Vec<NodeIndex>,
    filter: Option<Shown>,
    /// Counts every change of the rows, for views derived from them to know when to follow.
    generation: u64,
}

/// A number no view's rows had before: views derived from rows know them by it.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl TreeView {
    /// A view of the whole chart with the top posts unfolded one layer.
    #[must_use]
    pub fn new(org: &Org) -> Self {
        let size = org.index_bound();
        let mut view = Self {
            rows: Vec::new(),
            open: vec![false; size],
            open_before_filter: None,
            focus: Vec::new(),
            filter: None,
            generation: next_generation(),
        };
        for &top in org.tops() {
            view.open[top.index()] = true;
        }
        view.rebuild(org);
        view
    }

    #[must_use]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    #[must_use]
    pub fn row(&self, index: usize) -> Option<Row> {
        self.rows.get(index).copied()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// A number that changes whenever the rows do.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    #[must_use]
    pub fn is_open(&self, node: NodeIndex) -> bool {
        self.open[node.index()]
    }

    /// The focus roots, outermost first.
    #[must_use]
    pub fn focus(&self) -> &[NodeIndex] {
        &self.focus
    }

    #[must_use]
    pub fn filter(&self) -> Option<&Shown> {
        self.filter.as_ref()
    }

    /// The posts the rows start from: the focused post, or the top posts, less those a
    /// filter hides.
    pub fn roots<'a>(&'a self, org: &'a Org) -> impl Iterator<Item = NodeIndex> + 'a {
        let all = match self.focus.last() {
            Some(root) => std::slice::from_ref(root),
            None => org.tops(),
        };
        all.iter().copied().filter(|&n| self.shows(n))
    }

    fn shows(&self, node: NodeIndex) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|shown| shown.contains(node))
    }

    /// The reports of `node` that the view shows, in order.
    pub fn children<'a>(
        &'a self,
        org: &'a Org,
        node: NodeIndex,
    ) -> impl DoubleEndedIterator<Item = NodeIndex> + 'a {
        org.reports(node)
            .iter()
            .copied()
            .filter(move |&n| self.shows(n))
    }

    /// Whether `node` has reports to show when it is unfolded: under a filter too, where
    /// unfolding a post whose reports the filter hid shows them.
    #[must_use]
    pub fn has_children(&self, org: &Org, node: NodeIndex) -> bool {
        !org.reports(node).is_empty()
    }

    /// Whether `node` is drawn as the last of its siblings (for the `└` guide).
    #[must_use]
    pub fn is_last_sibling(&self, org: &Org, node: NodeIndex) -> bool {
        match org.manager(node) {
            Some(manager) if self.focus.last() != Some(&node) => match &self.filter {
                Some(shown) => shown.last_report.get(&manager) == Some(&node),
                None => org.reports(manager).last() == Some(&node),
            },
            _ => match (&self.filter, self.focus.last()) {
                (_, Some(&root)) => root == node,
                (Some(shown), None) => shown.last_root == Some(node),
                (None, None) => org.tops().last() == Some(&node),
            },
        }
    }

    /// Whether `node` is inside the view's scope: the focused team, or anywhere.
    #[must_use]
    pub fn in_scope(&self, org: &Org, node: NodeIndex) -> bool {
        self.focus
            .last()
            .is_none_or(|&root| node == root || org.chain_to_top(node).any(|up| up == root))
    }

    /// Rebuilds every row from the roots through the unfolded posts.
    fn rebuild(&mut self, org: &Org) {
        let roots: Vec<NodeIndex> = self.roots(org).collect();
        let mut rows = Vec::new();
        for root in roots {
            self.push_subtree(org, root, 0, &mut rows);
        }
        self.rows = rows;
        self.generation = next_generation();
    }

    /// Appends `node` at `depth` and its visible team below it, in tree order.
    fn push_subtree(&self, org: &Org, node: NodeIndex, depth: u32, rows: &mut Vec<Row>) {
        let mut stack = vec![(node, depth)];
        while let Some((node, depth)) = stack.pop() {
            rows.push(Row { node, depth });
            if self.open[node.index()] {
                stack.extend(self.children(org, node).rev().map(|n| (n, depth + 1)));
            }
        }
    }

    /// The end (exclusive) of the rows below row `index`: its visible team.
    fn team_end(&self, index: usize) -> usize {
        let depth = self.rows[index].depth;
        self.rows[index + 1..]
            .iter()
            .position(|row| row.depth <= depth)
            .map_or(self.rows.len(), |offset| index + 1 + offset)
    }

    /// Unfolds the post at row `index`, showing its reports. False when there was nothing to
    /// unfold.
    pub fn unfold(&mut self, org: &Org, index: usize) -> bool {
        let Some(Row { node, depth }) = self.row(index) else {
            return false;
        };
        if self.open[node.index()] || !self.has_children(org, node) {
            return false;
        }
        if let Some(shown) = &mut self.filter
            && !shown.last_report.contains_key(&node)
        {
            // The filter hid its reports (it matched, they did not): they show now, so that
            // a manager found by a filter can be opened.
            for &report in org.reports(node) {
                shown.posts[report.index()] = true;
            }
            if let Some(&last) = org.reports(node).last() {
                shown.last_report.insert(node, last);
            }
        }
        self.open[node.index()] = true;
        let mut below = Vec::new();
        for child in self.children(org, node) {
            self.push_subtree(org, child, depth + 1, &mut below);
        }
        self.rows.splice(index + 1..=index, below);
        self.generation = next_generation();
        true
    }

    /// Folds the post at row `index`, hiding its team. False when it was not unfolded.
    pub fn fold(&mut self, index: usize) -> bool {
        let Some(Row { node, .. }) = self.row(index) else {
            return false;
        };
        if !self.open[node.index()] {
            return false;
        }
        let end = self.team_end(index);
        self.open[node.index()] = false;
        self.rows.drain(index + 1..end);
        self.generation = next_generation();
        end > index + 1
    }

    /// Unfolds every post of the scope above `layer` (roots are layer 1) and folds the rest.
    pub fn unfold_to_layer(&mut self, org: &Org, layer: u32) {
        let roots: Vec<NodeIndex> = self.roots(org).collect();
        for root in roots {
            for (node, at) in org.team(root) {
                self.open[node.index()] = at < layer;
            }
        }
        self.rebuild(org);
    }

    /// Folds every post: only the roots stay.
    pub fn fold_all(&mut self, org: &Org) {
        self.unfold_to_layer(org, 1);
    }

    /// Makes `node`'s team the whole view.
    pub fn push_focus(&mut self, org: &Org, node: NodeIndex) {
        self.focus.push(node);
        self.open[node.index()] = true;
        self.rebuild(org);
    }

    /// Steps out of the innermost focus; the post that was focused, if any.
    pub fn pop_focus(&mut self, org: &Org) -> Option<NodeIndex> {
        let node = self.focus.pop()?;
        self.rebuild(org);
        Some(node)
    }

    /// Leaves every focus.
    pub fn clear_focus(&mut self, org: &Org) {
        if !self.focus.is_empty() {
            self.focus.clear();
            self.rebuild(org);
        }
    }

    /// Shows only the posts in `shown`, every one unfolded.
    pub fn set_filter(&mut self, org: &Org, shown: Shown) {
        let saved = self.open_before_filter.take();
        let mut open = vec![false; self.open.len()];
        for node in shown.last_report.keys() {
            open[node.index()] = true;
        }
        let before = std::mem::replace(&mut self.open, open);
        self.open_before_filter = Some(saved.unwrap_or(before));
        self.filter = Some(shown);
        self.rebuild(org);
    }

    /// Goes back to the whole scope, with the folds from before the filter.
    pub fn clear_filter(&mut self, org: &Org) {
        if self.filter.take().is_some() {
            if let Some(open) = self.open_before_filter.take() {
                self.open = open;
            }
            self.rebuild(org);
        }
    }

    /// After the chart changed (a what-if edit): keeps the folds of the posts still there,
    /// leaves a focus on a post that is gone and drops the filter (the app works it out
    /// again), then builds the rows anew. `came` are the posts the edit added, which start
    /// folded (a node of a post that went may be used again); when they are not known, the
    /// folds of every post that went are dropped.
    pub fn after_edit(&mut self, org: &Org, came: Option<&[NodeIndex]>) {
        if self.filter.take().is_some()
            && let Some(open) = self.open_before_filter.take()
        {
            self.open = open;
        }
        self.open
            .resize(org.index_bound().max(self.open.len()), false);
        match came {
            Some(came) => {
                for node in came {
                    self.open[node.index()] = false;
                }
            }
            None => {
                for (at, open) in self.open.iter_mut().enumerate() {
                    *open &= org.get(NodeIndex::new(at)).is_some();
                }
            }
        }
        if let Some(gone) = self.focus.iter().position(|&n| org.get(n).is_none()) {
            self.focus.truncate(gone);
        }
        self.rebuild(org);
    }

    /// Folds or unfolds `node` without building the rows again: for a post new to the view.
    pub fn set_open(&mut self, node: NodeIndex, open: bool) {
        if let Some(slot) = self.open.get_mut(node.index()) {
            *slot = open;
        }
    }

    /// The row of `node`, if it is visible.
    #[must_use]
    pub fn position(&self, node: NodeIndex) -> Option<usize> {
        self.rows.iter().position(|row| row.node == node)
    }

    /// Unfolds the chain above `node` if the rows then number at most `room`, and says
    /// whether it did; otherwise the view stays as it was.
    pub fn reveal_within(&mut self, org: &Org, node: NodeIndex, room: usize) -> bool {
        let opened: Vec<NodeIndex> = org
            .chain_to_top(node)
            .filter(|&up| !self.is_open(up))
            .collect();
        if self.reveal(org, node).is_none() {
            return false;
        }
        if self.rows.len() <= room {
            return true;
        }
        // Folded back from the highest post opened, the others closed as they were.
        for &up in &opened {
            self.set_open(up, false);
        }
        if let Some(&top) = opened.last()
            && let Some(at) = self.position(top)
        {
            self.set_open(top, true);
            self.fold(at);
        }
        false
    }

    /// Unfolds the chain above `node` so that it is visible, and returns its row. `None` when
    /// `node` is outside the scope or hidden by the filter.
    pub fn reveal(&mut self, org: &Org, node: NodeIndex) -> Option<usize> {
        if !self.shows(node) || !self.in_scope(org, node) {
            return None;
        }
        let root = self.focus.last().copied();
        let mut chain = vec![node];
        if root != Some(node) {
            for up in org.chain_to_top(node) {
                chain.push(up);
                if root == Some(up) {
                    break;
                }
            }
        }
        // From the top down, each post is found after the row of the one above it.
        let mut from = 0;
        while let Some(post) = chain.pop() {
            let at = from + self.rows[from..].iter().position(|row| row.node == post)?;
            if !chain.is_empty() {
                self.unfold(org, at);
            }
            from = at;
        }
        Some(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Post;

    /// ps > (cdo > (it, data), hr > pay), and a second top post `board`.
    fn chart() -> Org {
        let mut org = Org::default();
        for (id, manager) in [
            ("ps", None),
            ("cdo", Some("ps")),
            ("it", Some("cdo")),
            ("data", Some("cdo")),
            ("hr", Some("ps")),
            ("pay", Some("hr")),
            ("board", None),
        ] {
            let node = org.add_post(Post::new(id, id.to_uppercase())).unwrap();
            if let Some(manager) = manager {
                let manager = org.find(manager).unwrap();
                org.set_manager(node, Some(manager), None).unwrap();
            }
        }
        org
    }

    fn shown(org: &Org, view: &TreeView) -> Vec<String> {
        view.rows()
            .iter()
            .map(|row| {
                format!(
                    "{}{}",
                    "  ".repeat(row.depth as usize),
                    org.post(row.node).id().as_str()
                )
            })
            .collect()
    }

    #[test]
    fn a_new_view_shows_the_top_posts_and_their_reports() {
        let org = chart();
        let view = TreeView::new(&org);
        assert_eq!(shown(&org, &view), ["ps", "  cdo", "  hr", "board"]);
    }

    #[test]
    fn unfold_inserts_the_team_and_fold_removes_it() {
        let org = chart();
        let mut view = TreeView::new(&org);
        assert!(view.unfold(&org, 1));
        assert_eq!(
            shown(&org, &view),
            ["ps", "  cdo", "    it", "    data", "  hr", "board"]
        );
        assert!(!view.unfold(&org, 1), "already unfolded");
        assert!(!view.unfold(&org, 2), "a post with no reports");
        assert!(view.fold(0));
        assert_eq!(shown(&org, &view), ["ps", "board"]);
        // Unfolding again brings back the team as it was, cdo still unfolded.
        assert!(view.unfold(&org, 0));
        assert_eq!(
            shown(&org, &view),
            ["ps", "  cdo", "    it", "    data", "  hr", "board"]
        );
    }

    #[test]
    fn layers_unfold_and_fold_the_whole_scope() {
        let org = chart();
        let mut view = TreeView::new(&org);
        view.unfold_to_layer(&org, 9);
        assert_eq!(view.len(), 7);
        view.fold_all(&org);
        assert_eq!(shown(&org, &view), ["ps", "board"]);
        view.unfold_to_layer(&org, 2);
        assert_eq!(shown(&org, &view), ["ps", "  cdo", "  hr", "board"]);
    }

    #[test]
    fn focus_makes_a_team_the_view_and_steps_back_out() {
        let org = chart();
        let mut view = TreeView::new(&org);
        let cdo = org.find("cdo").unwrap();
        view.push_focus(&org, cdo);
        assert_eq!(shown(&org, &view), ["cdo", "  it", "  data"]);
        assert!(view.in_scope(&org, org.find("it").unwrap()));
        assert!(!view.in_scope(&org, org.find("pay").unwrap()));
        assert_eq!(view.reveal(&org, org.find("pay").unwrap()), None);
        assert_eq!(view.pop_focus(&org), Some(cdo));
        assert_eq!(view.len(), 7 - 1, "cdo stays unfolded after the focus");
    }

    #[test]
    fn reveal_unfolds_the_chain_above_a_post() {
        let org = chart();
        let mut view = TreeView::new(&org);
        view.fold_all(&org);
        let pay = org.find("pay").unwrap();
        assert_eq!(view.reveal(&org, pay), Some(3));
        assert_eq!(
            shown(&org, &view),
            ["ps", "  cdo", "  hr", "    pay", "board"]
        );
    }

    #[test]
    fn a_filter_shows_matches_with_their_chains_and_clearing_restores_the_folds() {
        let org = chart();
        let mut view = TreeView::new(&org);
        let (ps, hr, pay) = (
            org.find("ps").unwrap(),
            org.find("hr").unwrap(),
            org.find("pay").unwrap(),
        );
        let mut posts = vec![false; org.len()];
        for node in [ps, hr, pay] {
            posts[node.index()] = true;
        }
        let last_report = [(ps, hr), (hr, pay)].into_iter().collect();
        view.set_filter(
            &org,
            Shown {
                posts,
                last_report,
                last_root: Some(ps),
                matches: 1,
            },
        );
        assert_eq!(shown(&org, &view), ["ps", "  hr", "    pay"]);
        assert!(view.is_last_sibling(&org, hr));
        // Unfolding a post whose reports the filter hid shows them.
        let mut view = TreeView::new(&org);
        let mut posts = vec![false; org.len()];
        let cdo = org.find("cdo").unwrap();
        for node in [ps, cdo] {
            posts[node.index()] = true;
        }
        view.set_filter(
            &org,
            Shown {
                posts,
                last_report: [(ps, cdo)].into_iter().collect(),
                last_root: Some(ps),
                matches: 1,
            },
        );
        assert_eq!(shown(&org, &view), ["ps", "  cdo"]);
        assert!(view.has_children(&org, cdo), "drawn as a folded manager");
        assert!(view.unfold(&org, 1));
        assert_eq!(shown(&org, &view), ["ps", "  cdo", "    it", "    data"]);
        assert!(view.is_last_sibling(&org, org.find("data").unwrap()));
        view.clear_filter(&org);
        assert_eq!(shown(&org, &view), ["ps", "  cdo", "  hr", "board"]);
    }
}
