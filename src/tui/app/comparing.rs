//! The compare screen's own commands: going from change to change, showing only changed
//! posts, the list of changes, and the two trees side by side.

use super::{App, ChangeList};
use crate::org::NodeIndex;
use crate::tui::action::Action;
use crate::tui::layout::SIDE_BY_SIDE_FROM;
use crate::tui::search;

impl App {
    /// How the compare screen opens: the chains to the changes unfolded, in tree order, as
    /// long as the tree pane holds every row, and the first change selected, so that the
    /// first screen of a small pair shows every change and a large one shows where to start.
    /// Posts folded round them still mark changes in their teams (`•`).
    pub(super) fn open_on_changes(&mut self) {
        let Some(compare) = &self.compare else {
            return;
        };
        let Some(&first) = compare.changed().first() else {
            return;
        };
        let room = self.tree_height();
        // Only as many changes as can show are looked at: a large pair stops at once. Then
        // the posts reports moved out of, unfolded where they can be, so that a move shows
        // where it came from as well as where it went.
        let changed: Vec<NodeIndex> = compare.changed().iter().take(room).copied().collect();
        let mut left: Vec<NodeIndex> = compare.lost_reports().collect();
        left.sort_unstable_by_key(|&node| self.index.rank(node));
        left.truncate(room);
        let mut fits = true;
        for &node in &changed {
            fits = self.view.reveal_within(&self.org, node, room);
            if !fits {
                break;
            }
        }
        for node in left {
            if !fits
                || !self.view.reveal_within(&self.org, node, room)
                || !self.unfold_within(node, room)
            {
                break;
            }
        }
        self.select_post(first);
    }

    /// Unfolds a visible post if the rows then number at most `room`, and says whether it
    /// did (or it was open already).
    fn unfold_within(&mut self, node: NodeIndex, room: usize) -> bool {
        let Some(at) = self.view.position(node) else {
            return false;
        };
        if self.view.is_open(node) {
            return true;
        }
        self.view.unfold(&self.org, at);
        if self.view.len() <= room {
            return true;
        }
        self.view.fold(at);
        false
    }

    /// Selects the next changed post after the selection (or the previous one before it),
    /// unfolding what hides it, and wrapping round at the ends.
    pub(super) fn next_change(&mut self, forward: bool) {
        let Some(compare) = &self.compare else {
            return;
        };
        let changed = compare.changed();
        if changed.is_empty() {
            self.message = Some("no changes: the two charts are the same".into());
            return;
        }
        let here = self.selected_post().map(|node| self.index.rank(node));
        let rank = |node: &NodeIndex| self.index.rank(*node);
        let (at, wrapped) = if forward {
            let next = here.map_or(0, |here| changed.partition_point(|n| rank(n) <= here));
            if next < changed.len() {
                (next, false)
            } else {
                (0, true)
            }
        } else {
            let next = here.map_or(0, |here| changed.partition_point(|n| rank(n) < here));
            if next > 0 {
                (next - 1, false)
            } else {
                (changed.len() - 1, true)
            }
        };
        let (node, count) = (changed[at], changed.len());
        self.select_post(node);
        if self.message.is_none() {
            self.message = Some(if wrapped && count > 1 {
                format!(
                    "changed post {} of {count}; wrapped to the {}",
                    at + 1,
                    if forward { "first" } else { "last" }
                )
            } else {
                format!("changed post {} of {count}", at + 1)
            });
        }
    }

    /// `c`: only changed posts and their chains to the top, or every post again.
    pub(super) fn toggle_changed_only(&mut self) {
        let Some(compare) = &self.compare else {
            return;
        };
        if compare.changed().is_empty() {
            self.message = Some("no changes: the two charts are the same".into());
            return;
        }
        if self.changed_only {
            self.clear_filter();
            return;
        }
        self.show_changed_only();
        if self.changed_only && self.view.is_empty() {
            self.message = Some("no changes here".into());
        }
    }

    /// Applies the changed-only view to the current scope.
    pub(super) fn show_changed_only(&mut self) {
        let Some(compare) = &self.compare else {
            return;
        };
        let root = self.scope_root();
        // The changed posts and those that reports moved out of, in tree order.
        let mut kept: Vec<NodeIndex> = compare.changed().to_vec();
        kept.extend(compare.lost_reports());
        kept.sort_unstable_by_key(|&node| self.index.rank(node));
        kept.dedup();
        let in_scope: Vec<NodeIndex> = match root {
            None => kept,
            Some(root) => {
                let first = self.index.rank(root);
                let last = first + self.index.team_posts(root);
                kept.into_iter()
                    .filter(|&n| (first..=last).contains(&self.index.rank(n)))
                    .collect()
            }
        };
        let shown = search::shown(&self.org, &self.index, root, &in_scope);
        self.keeping_selection(|app| app.view.set_filter(&app.org, shown));
        self.filter = None;
        self.changed_only = true;
        let on_a_change = self
            .selected_post()
            .is_some_and(|node| self.place_in(&in_scope, node).is_some());
        if !on_a_change && let Some(row) = in_scope.first().and_then(|&n| self.view.position(n)) {
            self.select_row(row);
        }
    }

    /// Tab: the list of changes in place of the tree, starting at the selected post's first
    /// change (or the next one after it).
    pub(super) fn open_change_list(&mut self) {
        let Some(compare) = &self.compare else {
            return;
        };
        let changes = &compare.comparison.changes;
        if changes.is_empty() {
            self.message = Some("no changes: the two charts are the same".into());
            return;
        }
        let here = self.selected_post().map_or(0, |node| self.index.rank(node));
        let selected = changes
            .iter()
            .position(|change| self.index.rank(compare.node(change.entry())) >= here)
            .unwrap_or(changes.len() - 1);
        self.change_list = Some(ChangeList {
            selected,
            offset: selected.saturating_sub(self.tree_height() / 2),
        });
    }

    pub(super) fn change_list_update(&mut self, action: Action) {
        let (Some(mut list), Some(compare)) = (self.change_list, &self.compare) else {
            return;
        };
        let height = self.tree_height();
        let end = compare.comparison.changes.len().saturating_sub(1);
        list.selected = match action {
            Action::Down | Action::ScrollDown => (list.selected + 1).min(end),
            Action::Up | Action::ScrollUp => list.selected.saturating_sub(1),
            Action::PageDown => (list.selected + height).min(end),
            Action::PageUp => list.selected.saturating_sub(height),
            Action::Top => 0,
            Action::Bottom => end,
            Action::Accept => {
                let node = compare.node(compare.comparison.changes[list.selected].entry());
                self.change_list = None;
                self.select_post(node);
                return;
            }
            Action::Back | Action::ChangeList => {
                self.change_list = None;
                return;
            }
            Action::Help => {
                self.open_help();
                return;
            }
            _ => list.selected,
        };
        if list.selected < list.offset {
            list.offset = list.selected;
        } else if list.selected >= list.offset + height {
            list.offset = list.selected + 1 - height;
        }
        self.change_list = Some(list);
    }

    /// `s`: the before and after trees side by side, on terminals wide enough for both.
    pub(super) fn toggle_side_by_side(&mut self) {
        if self.compare.is_none() {
            return;
        }
        if self.side_by_side {
            self.side_by_side = false;
        } else if self.size.0 < SIDE_BY_SIDE_FROM {
            self.message = Some(format!(
                "side by side needs a terminal {SIDE_BY_SIDE_FROM} columns wide; this one has {}",
                self.size.0
            ));
            return;
        } else {
            self.side_by_side = true;
        }
        self.scroll_to_selection();
    }
}
