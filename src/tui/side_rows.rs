//! The rows of the two trees side by side: on the left the before chart as it was (its own
//! order, its own folds through the posts unfolded on screen), on the right the after chart
//! (the view's rows, without the ghosts of removed posts), aligned so that posts in the same
//! order on both sides share a row. A post that moved out of order stands at its place on
//! each side. No drawing here.

use crate::compare::align;
use crate::org::{NodeIndex, Org};
use crate::tui::compare_screen::CompareState;
use crate::tui::tree_view::TreeView;

/// A before post on the left of a row, at its depth below the left roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Left {
    pub post: NodeIndex,
    pub depth: u32,
}

/// One row of the side-by-side view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SideRow {
    pub left: Option<Left>,
    /// The view's row drawn on the right (never a ghost: removed posts are on the left only).
    pub right: Option<usize>,
    /// The view's row this row stands for: the right one, or for a removed post its ghost.
    /// `None` for the other place of a post shown elsewhere (or not shown on the right).
    pub home: Option<usize>,
    /// The view's row of the same post, where this row is the other place of a post that
    /// stands elsewhere on the right.
    pub other: Option<usize>,
}

/// The aligned rows, for one state of the view's rows.
#[derive(Debug)]
pub struct SideRows {
    generation: u64,
    pub rows: Vec<SideRow>,
    /// The row of each view row.
    at: Vec<usize>,
    /// Before posts a filter shows (its matches and their before chains), when one is set.
    shown: Option<Vec<bool>>,
}

impl SideRows {
    /// Aligns the before chart with the view's rows of the merged chart `org`.
    #[must_use]
    pub fn of(org: &Org, view: &TreeView, compare: &CompareState) -> Self {
        let before = &compare.before;
        let shown = view.filter().map(|filter| {
            let mut shown = vec![false; before.index_bound()];
            for b in before.posts() {
                if !filter.contains(compare.merged_node(b)) {
                    continue;
                }
                let mut at = Some(b);
                while let Some(post) = at.filter(|p| !shown[p.index()]) {
                    shown[post.index()] = true;
                    at = before.manager(post);
                }
            }
            shown
        });
        let mut sides = Self {
            generation: view.generation(),
            rows: Vec::new(),
            at: Vec::new(),
            shown,
        };
        let left = sides.left_rows(org, view, compare);
        let rows = view.rows();
        let right: Vec<usize> = (0..rows.len())
            .filter(|&at| !compare.is_ghost(rows[at].node))
            .collect();
        // The place of each merged post among the right rows, and each view row's post.
        let mut place = vec![u32::MAX; org.index_bound()];
        for (at, &row) in right.iter().enumerate() {
            place[rows[row].node.index()] = u32::try_from(at).unwrap_or(u32::MAX);
        }
        let mut view_row = vec![u32::MAX; org.index_bound()];
        for (at, row) in rows.iter().enumerate() {
            view_row[row.node.index()] = u32::try_from(at).unwrap_or(u32::MAX);
        }
        let partners: Vec<Option<usize>> = left
            .iter()
            .map(|l| {
                let p = place[compare.merged_node(l.post).index()];
                (p != u32::MAX).then_some(p as usize)
            })
            .collect();
        let mut at = vec![usize::MAX; rows.len()];
        sides.rows = align(&partners, right.len())
            .into_iter()
            .enumerate()
            .map(|(i, (l, r))| {
                let left = l.map(|l| left[l]);
                let right = r.map(|r| right[r]);
                let merged = left.map(|l| compare.merged_node(l.post));
                let ghost = merged.filter(|&m| compare.is_ghost(m));
                let seen = merged
                    .map(|m| view_row[m.index()])
                    .filter(|&v| v != u32::MAX)
                    .map(|v| v as usize);
                let home = right.or(ghost.and(seen));
                if let Some(home) = home {
                    at[home] = i;
                }
                let other = if home.is_none() { seen } else { None };
                SideRow {
                    left,
                    right,
                    home,
                    other,
                }
            })
            .collect();
        // A ghost whose before place is folded away stands with the row before it.
        let mut last = 0;
        for slot in &mut at {
            if *slot == usize::MAX {
                *slot = last;
            }
            last = *slot;
        }
        sides.at = at;
        sides
    }

    /// Whether these rows still follow the view's rows.
    #[must_use]
    pub fn follows(&self, view: &TreeView) -> bool {
        self.generation == view.generation()
    }

    /// The row of a view row.
    #[must_use]
    pub fn row_of(&self, view_row: usize) -> Option<usize> {
        self.at.get(view_row).copied()
    }

    /// The first row to draw in a pane `height` rows tall: rows from the view's `offset` on,
    /// moved as little as it takes for the selected row to show (and, at either end, the
    /// rows of the other side before or after it).
    #[must_use]
    pub fn first_shown(&self, offset: usize, selected: usize, height: usize) -> usize {
        let (Some(&sel), len) = (self.at.get(selected), self.rows.len()) else {
            return 0;
        };
        let height = height.max(1);
        let mut start = match offset.checked_sub(1) {
            None => 0,
            Some(above) => (self.at[above] + 1).min(self.at.get(offset).copied().unwrap_or(len)),
        };
        let end = if selected + 1 == self.at.len() {
            len - 1
        } else {
            sel
        };
        if end >= start + height {
            start = end + 1 - height;
        }
        start = start.min(len.saturating_sub(height));
        start.min(sel)
    }

    /// Whether the before post is shown (no filter, or the filter keeps it).
    #[must_use]
    pub fn shows(&self, post: NodeIndex) -> bool {
        self.shown
            .as_ref()
            .is_none_or(|shown| shown.get(post.index()).copied().unwrap_or(false))
    }

    /// The before reports of `post` that the left side shows.
    pub fn reports<'a>(
        &'a self,
        before: &'a Org,
        post: NodeIndex,
    ) -> impl DoubleEndedIterator<Item = NodeIndex> + 'a {
        before
            .reports(post)
            .iter()
            .copied()
            .filter(|&r| self.shows(r))
    }

    /// Whether the left side shows the reports of a before post: as the view shows the
    /// post's reports, or always when the view has none to show (its reports all went).
    #[must_use]
    pub fn is_open(org: &Org, view: &TreeView, compare: &CompareState, post: NodeIndex) -> bool {
        let merged = compare.merged_node(post);
        !view.has_children(org, merged) || view.is_open(merged)
    }

    /// The left roots: the before post of the focused one, or the before chart's tops.
    fn roots(&self, view: &TreeView, compare: &CompareState) -> Vec<NodeIndex> {
        match view.focus().last() {
            Some(&root) => compare.before_post(root).into_iter().collect(),
            None => compare.before.tops().to_vec(),
        }
        .into_iter()
        .filter(|&post| self.shows(post))
        .collect()
    }

    /// The left rows: the before tree in its order, through the posts it shows open.
    fn left_rows(&self, org: &Org, view: &TreeView, compare: &CompareState) -> Vec<Left> {
        let before = &compare.before;
        let mut rows = Vec::new();
        let mut stack: Vec<Left> = self
            .roots(view, compare)
            .into_iter()
            .rev()
            .map(|post| Left { post, depth: 0 })
            .collect();
        while let Some(row) = stack.pop() {
            rows.push(row);
            if Self::is_open(org, view, compare, row.post) {
                stack.extend(self.reports(before, row.post).rev().map(|post| Left {
                    post,
                    depth: row.depth + 1,
                }));
            }
        }
        rows
    }

    /// Whether a left post is the last its manager shows (or the last left root).
    #[must_use]
    pub fn is_last_sibling(
        &self,
        view: &TreeView,
        compare: &CompareState,
        post: NodeIndex,
    ) -> bool {
        let before = &compare.before;
        let focused = view
            .focus()
            .last()
            .and_then(|&root| compare.before_post(root));
        match before.manager(post) {
            Some(manager) if focused != Some(post) => {
                self.reports(before, manager).next_back() == Some(post)
            }
            _ => {
                focused == Some(post)
                    || before.tops().iter().rev().find(|&&t| self.shows(t)) == Some(&post)
            }
        }
    }
}
