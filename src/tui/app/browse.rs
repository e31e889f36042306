//! Moving around the tree: rows, pages, folds, siblings, focus on a team, and the filter and
//! search results kept in step with the scope.

use super::{App, PromptKind, Search};
use crate::org::NodeIndex;
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::overlay::Overlay;
use crate::tui::search;

impl App {
    pub(super) fn browse_update(&mut self, action: Action) {
        let height = self.tree_height();
        match action {
            Action::Down | Action::ScrollDown => self.select_row(self.selected + 1),
            Action::Up | Action::ScrollUp => self.select_row(self.selected.saturating_sub(1)),
            Action::FoldOrManager => self.fold_or_manager(),
            Action::UnfoldOrFirstReport => self.unfold_or_first_report(),
            Action::NextSibling => self.sibling(true),
            Action::PreviousSibling => self.sibling(false),
            Action::Top => self.select_row(0),
            Action::Bottom => self.select_row(self.view.len().saturating_sub(1)),
            Action::PageDown => self.page(height, true),
            Action::PageUp => self.page(height, false),
            Action::HalfPageDown => self.page(height.div_ceil(2), true),
            Action::HalfPageUp => self.page(height.div_ceil(2), false),
            Action::UnfoldToLayer(layer) => {
                self.keeping_selection(|app| app.view.unfold_to_layer(&app.org, layer.into()));
            }
            Action::FoldAll => self.keeping_selection(|app| app.view.fold_all(&app.org)),
            Action::Focus => self.focus(),
            Action::Unfocus => self.unfocus(),
            Action::StartSearch => self.open_prompt(PromptKind::Search),
            Action::StartFilter => self.open_prompt(PromptKind::Filter),
            Action::NextMatch => self.next_match(true),
            Action::PreviousMatch => self.next_match(false),
            Action::FollowDotted => self.follow_dotted(),
            Action::CopyId | Action::CopyChain => self.copy(action == Action::CopyChain),
            Action::NextChange => self.next_change(true),
            Action::PreviousChange => self.next_change(false),
            Action::ChangedOnly => self.toggle_changed_only(),
            Action::ChangeList => self.open_change_list(),
            Action::SideBySide => self.toggle_side_by_side(),
            Action::NextPair => self.step_pair(true),
            Action::PreviousPair => self.step_pair(false),
            Action::Timeline => self.open_timeline(),
            Action::Details if self.selected_post().is_some() => {
                self.overlays.push(Overlay::Details { scroll: 0 });
            }
            Action::Help => self.open_help(),
            Action::Back => self.back(),
            Action::Click(column, row) => self.click(column, row),
            _ => {}
        }
    }

    /// Esc in the tree: clears the search, then the filter (or the changed-only view).
    fn back(&mut self) {
        if self.search.take().is_some() {
            return;
        }
        if self.filter.is_some() || self.changed_only {
            self.clear_filter();
        }
    }

    /// Selects row `row` (or the last), scrolling as little as needed to show it.
    pub fn select_row(&mut self, row: usize) {
        self.selected = row.min(self.view.len().saturating_sub(1));
        let current = match (&self.search, self.selected_post()) {
            (Some(search), Some(node)) => self.place_in(&search.matches, node),
            _ => None,
        };
        if let Some(search) = self.search.as_mut() {
            search.current = current;
        }
        self.scroll_to_selection();
    }

    pub(super) fn scroll_to_selection(&mut self) {
        let height = self.tree_height();
        let last_offset = self.view.len().saturating_sub(height);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(last_offset);
    }

    fn page(&mut self, rows: usize, down: bool) {
        if down {
            let last_offset = self.view.len().saturating_sub(self.tree_height());
            self.offset = (self.offset + rows).min(last_offset);
            self.select_row(self.selected + rows);
        } else {
            self.offset = self.offset.saturating_sub(rows);
            self.select_row(self.selected.saturating_sub(rows));
        }
    }

    /// Runs a change of the whole view, then selects the same post again, or the nearest
    /// post above it that is still shown.
    pub(super) fn keeping_selection(&mut self, change: impl FnOnce(&mut Self)) {
        let before = self.selected_post();
        change(self);
        let row = before.and_then(|node| {
            std::iter::once(node)
                .chain(self.org.chain_to_top(node))
                .find_map(|n| self.view.position(n))
        });
        self.select_row(row.unwrap_or(0));
    }

    /// Selects `node`, unfolding what hides it and leaving a focus or a filter that does.
    pub fn select_post(&mut self, node: NodeIndex) {
        if !self.view.in_scope(&self.org, node) {
            self.view.clear_focus(&self.org);
            self.refresh_scope();
            self.message = Some("left the focus to show the post".into());
        }
        if self.view.filter().is_some() && self.view.reveal(&self.org, node).is_none() {
            self.clear_filter();
            self.message = Some("cleared the filter to show the post".into());
        }
        if let Some(row) = self.view.reveal(&self.org, node) {
            self.select_row(row);
        }
    }

    fn fold_or_manager(&mut self) {
        if self.view.fold(self.selected) {
            self.scroll_to_selection();
            return;
        }
        let Some(depth) = self.view.row(self.selected).map(|row| row.depth) else {
            return;
        };
        if depth > 0
            && let Some(up) = self.view.rows()[..self.selected]
                .iter()
                .rposition(|row| row.depth < depth)
        {
            self.select_row(up);
        }
    }

    fn unfold_or_first_report(&mut self) {
        if self.view.unfold(&self.org, self.selected) {
            self.scroll_to_selection();
        } else if let Some(row) = self.view.row(self.selected)
            && self.view.is_open(row.node)
            && self.view.has_children(&self.org, row.node)
        {
            self.select_row(self.selected + 1);
        }
    }

    fn sibling(&mut self, next: bool) {
        let Some(depth) = self.view.row(self.selected).map(|row| row.depth) else {
            return;
        };
        let rows = self.view.rows();
        let found = if next {
            rows[self.selected + 1..]
                .iter()
                .position(|row| row.depth <= depth)
                .map(|at| self.selected + 1 + at)
        } else {
            rows[..self.selected]
                .iter()
                .rposition(|row| row.depth <= depth)
        };
        match found.filter(|&at| rows[at].depth == depth) {
            Some(at) => self.select_row(at),
            None => {
                self.message = Some(
                    if next {
                        "no next sibling"
                    } else {
                        "no previous sibling"
                    }
                    .into(),
                );
            }
        }
    }

    fn focus(&mut self) {
        let Some(node) = self.selected_post() else {
            return;
        };
        if self.org.reports(node).is_empty() {
            self.message = Some(format!(
                "{} has no reports to focus on",
                Escaped(&self.org.post(node).title)
            ));
            return;
        }
        self.view.push_focus(&self.org, node);
        self.refresh_scope();
        self.select_post(node);
    }

    fn unfocus(&mut self) {
        match self.view.pop_focus(&self.org) {
            Some(node) => {
                self.refresh_scope();
                self.select_post(node);
            }
            None => {
                self.message = Some(format!(
                    "not focused; {} focuses on a team",
                    self.key(Mode::Browse, Action::Focus)
                ));
            }
        }
    }

    /// After the scope changed: the search and the filter look in the new one.
    pub(super) fn refresh_scope(&mut self) {
        if let Some(text) = self.filter.clone() {
            self.apply_filter(&text);
        } else if self.changed_only {
            self.show_changed_only();
        }
        if let Some(text) = self.search.as_ref().map(|s| s.text.clone()) {
            self.search = Some(self.find(&text));
        }
    }

    /// On the compare screen, the posts that changed or that reports moved out of (what
    /// `is:changed` finds); elsewhere none.
    pub(super) fn changed_posts(&self) -> Vec<NodeIndex> {
        let Some(compare) = &self.compare else {
            return Vec::new();
        };
        let mut changed = compare.changed().to_vec();
        changed.extend(compare.lost_reports());
        changed
    }

    /// `y`: the selected post's id to the clipboard; `Y`: its chain, from the top. The
    /// message gives the text too, for a terminal that does not take it.
    fn copy(&mut self, chain: bool) {
        let Some(node) = self.selected_post() else {
            self.message = Some("no post selected".into());
            return;
        };
        let text = if chain {
            let mut titles: Vec<String> = std::iter::once(node)
                .chain(self.org.chain_to_top(node))
                .map(|n| self.org.post(n).title.to_string())
                .collect();
            titles.reverse();
            titles.join(" > ")
        } else {
            self.org.post(node).id().as_str().to_owned()
        };
        self.message = Some(format!(
            "copied to the clipboard (where the terminal allows): {}",
            crate::text::Escaped(&text)
        ));
        self.to_copy = Some(text);
    }

    pub(super) fn scope_root(&self) -> Option<NodeIndex> {
        self.view.focus().last().copied()
    }

    pub(super) fn find(&self, text: &str) -> Search {
        Search {
            text: text.to_owned(),
            matches: search::find_among(
                &self.org,
                &self.index,
                self.scope_root(),
                text,
                &self.changed_posts(),
            ),
            current: None,
        }
    }

    pub(super) fn apply_filter(&mut self, text: &str) {
        let matches = search::find_among(
            &self.org,
            &self.index,
            self.scope_root(),
            text,
            &self.changed_posts(),
        );
        self.show_filtered(text, &matches);
    }

    /// Shows only `matches` (the posts matching `text`) and their chains to the top.
    pub(super) fn show_filtered(&mut self, text: &str, matches: &[NodeIndex]) {
        let shown = search::shown(&self.org, &self.index, self.scope_root(), matches);
        self.keeping_selection(|app| app.view.set_filter(&app.org, shown));
        let on_a_match = self
            .selected_post()
            .is_some_and(|node| self.place_in(matches, node).is_some());
        if !matches.is_empty() && !on_a_match {
            // Start on the first match rather than on a post above it.
            if let Some(row) = self.view.position(matches[0]) {
                self.select_row(row);
            }
        }
        self.filter = Some(text.to_owned());
        self.changed_only = false;
    }

    pub(super) fn clear_filter(&mut self) {
        self.filter = None;
        self.changed_only = false;
        let before = self.selected_post();
        self.view.clear_filter(&self.org);
        match before {
            Some(node) => self.select_post(node),
            None => self.select_row(0),
        }
    }
}
