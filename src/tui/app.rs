//! The state of the interactive program and the one function that changes it,
//! [`App::update`]. No terminal calls here: tests drive it with [`Action`]s.

use ratatui::layout::Rect;

use crate::org::{NodeIndex, Org};
use crate::text::Escaped;

use super::action::Action;
use super::chart_index::ChartIndex;
use super::compare_screen::CompareState;
use super::form::{Choice, Form};
use super::keys::Mode;
use super::search::{self, Scan};
use super::theme::Theme;
use super::tree_view::TreeView;
use super::ui::{
    self,
    layout::{Parts, Screen},
};
use super::whatif::WhatIf;

/// What the program needs to know besides the chart.
#[derive(Clone, Debug)]
pub struct Options {
    /// Shown in the title bar when the chart has no name.
    pub source: String,
    /// A note for the status bar when the screen opens, such as warnings while loading.
    pub notice: Option<String>,
    pub theme: Theme,
    pub mouse: bool,
    /// The file the chart was loaded from, if it was (not the demo, not standard input):
    /// a what-if proposes to save beside it and keeps its recovery journal for it.
    pub file: Option<std::path::PathBuf>,
}

/// What the event loop should do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Redraw,
    Quit,
    Suspend,
}

/// Which text a prompt is typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Filter,
}

/// A search or filter being typed.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// The post selected when the prompt opened, to go back to on Esc.
    origin: Option<NodeIndex>,
}

/// A search and its matches, in tree order.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub text: String,
    pub matches: Vec<NodeIndex>,
    /// Which match is selected, when the selection is on one.
    pub current: Option<usize>,
}

/// One end of a dotted line of the selected post.
#[derive(Clone, Debug, PartialEq)]
pub struct DottedEnd {
    pub post: NodeIndex,
    /// True for a line drawn from another post to the selected one.
    pub incoming: bool,
    pub label: Option<String>,
}

/// The choice of dotted line to follow when there are several.
#[derive(Clone, Debug)]
pub struct DottedChoice {
    pub ends: Vec<DottedEnd>,
    pub selected: usize,
}

pub struct App {
    pub org: Org,
    pub index: ChartIndex,
    pub view: TreeView,
    pub options: Options,
    /// Row of the selection in `view`.
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
    pub size: (u16, u16),
    /// The details of the selection shown in place of the tree, scrolled this far.
    pub details: Option<u16>,
    /// The help overlay, scrolled this far.
    pub help: Option<u16>,
    pub prompt: Option<Prompt>,
    pub search: Option<Search>,
    pub filter: Option<String>,
    pub dotted: Option<DottedChoice>,
    /// A note for the user in the status bar until the next key.
    pub message: Option<String>,
    /// A search or filter being typed whose matches are still being found.
    pub running: Option<Running>,
    /// The comparison shown, on the compare screen; `org` is then the merged chart.
    pub compare: Option<CompareState>,
    /// The list of changes in place of the tree, on the compare screen.
    pub change_list: Option<ChangeList>,
    /// Only changed posts and the posts above them are shown.
    pub changed_only: bool,
    /// The before and after trees side by side.
    pub side_by_side: bool,
    /// The what-if being edited, if one was started.
    pub whatif: Option<WhatIf>,
    /// A form being filled in.
    pub form: Option<Form>,
    /// A question being asked.
    pub choice: Option<Choice>,
    /// The steps of a journal left by an earlier session, while the user decides.
    pub(crate) recovery: Option<crate::edit::journal::Found>,
}

/// The list of changes: the selected change and the first one on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChangeList {
    pub selected: usize,
    pub offset: usize,
}

/// A search or filter still being worked out, a slice at a time between keys.
#[derive(Debug)]
pub struct Running {
    pub kind: PromptKind,
    pub text: String,
    scan: Scan,
}

impl App {
    #[must_use]
    pub fn new(org: Org, options: Options, size: (u16, u16)) -> Self {
        let index = ChartIndex::of(&org);
        let view = TreeView::new(&org);
        let message = options.notice.clone();
        Self {
            org,
            index,
            view,
            options,
            selected: 0,
            offset: 0,
            size,
            details: None,
            help: None,
            prompt: None,
            search: None,
            filter: None,
            dotted: None,
            message,
            running: None,
            compare: None,
            change_list: None,
            changed_only: false,
            side_by_side: false,
            whatif: None,
            form: None,
            choice: None,
            recovery: None,
        }
    }

    /// The compare screen: `merged` is the after chart with the removed posts as ghosts.
    #[must_use]
    pub fn comparing(
        merged: Org,
        compare: CompareState,
        options: Options,
        size: (u16, u16),
    ) -> Self {
        let mut app = Self::new(merged, options, size);
        app.index.leave_out(&app.org, |node| compare.is_ghost(node));
        app.compare = Some(compare);
        app
    }

    /// What the keys do now.
    #[must_use]
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else {
            self.mode_under_help()
        }
    }

    /// The mode the help overlay describes: the one it was opened from.
    #[must_use]
    pub fn mode_under_help(&self) -> Mode {
        if self.choice.is_some() {
            Mode::Choice
        } else if self.form.is_some() {
            Mode::Form
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if self.dotted.is_some() {
            Mode::Dotted
        } else if self.details.is_some() {
            Mode::Details
        } else if self.change_list.is_some() {
            Mode::Changes
        } else if self.compare.is_some() {
            Mode::Compare
        } else if self.whatif.is_some() {
            Mode::Edit
        } else {
            Mode::Browse
        }
    }

    /// Where everything goes on the screen.
    #[must_use]
    pub fn screen(&self) -> Screen {
        Screen::with(
            Rect::new(0, 0, self.size.0, self.size.1),
            Parts {
                breadcrumb: !self.view.focus().is_empty(),
                summary: self.compare.is_some(),
                impact: if self.compare.is_none() && self.whatif.is_some() {
                    ui::impact_rows(self)
                } else {
                    0
                },
                side_by_side: self.side_by_side && self.change_list.is_none(),
            },
        )
    }

    /// The rows on screen in a pane `height` rows tall, with their index in the view.
    pub fn rows_on_screen(
        &self,
        height: u16,
    ) -> impl Iterator<Item = (usize, super::tree_view::Row)> + '_ {
        self.view
            .rows()
            .iter()
            .copied()
            .enumerate()
            .skip(self.offset)
            .take(usize::from(height))
    }

    /// The selected post, if any row is shown: in the list of changes, the post of the
    /// selected change.
    #[must_use]
    pub fn selected_post(&self) -> Option<NodeIndex> {
        if let (Some(list), Some(compare)) = (&self.change_list, &self.compare) {
            let change = compare.comparison.changes.get(list.selected)?;
            return Some(compare.node(change.entry()));
        }
        self.view.row(self.selected).map(|row| row.node)
    }

    /// The reports of `node` in the chart shown: on the compare screen, its after reports,
    /// without the ghosts of removed posts.
    #[must_use]
    pub fn reports(&self, node: NodeIndex) -> std::borrow::Cow<'_, [NodeIndex]> {
        let reports = self.org.reports(node);
        match &self.compare {
            Some(compare) if reports.iter().any(|&r| compare.is_ghost(r)) => reports
                .iter()
                .copied()
                .filter(|&r| !compare.is_ghost(r))
                .collect(),
            _ => std::borrow::Cow::Borrowed(reports),
        }
    }

    /// Whether `node` is a match of the current search.
    #[must_use]
    pub fn is_match(&self, node: NodeIndex) -> bool {
        self.search
            .as_ref()
            .is_some_and(|search| self.place_in(&search.matches, node).is_some())
    }

    /// Where `node` is in `matches` (which are in tree order).
    fn place_in(&self, matches: &[NodeIndex], node: NodeIndex) -> Option<usize> {
        let rank = self.index.rank(node);
        matches
            .binary_search_by_key(&rank, |&m| self.index.rank(m))
            .ok()
    }

    fn tree_height(&self) -> usize {
        usize::from(self.screen().tree.height).max(1)
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        self.message = None;
        match action {
            // An open question decides what quitting does.
            Action::Quit if self.choice.is_some() => {}
            Action::Quit if self.asks_before_quitting() => return Outcome::Redraw,
            Action::Quit => return Outcome::Quit,
            Action::Suspend => return Outcome::Suspend,
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.side_by_side &= width >= ui::layout::SIDE_BY_SIDE_FROM;
                self.scroll_to_selection();
                let height = self.tree_height();
                if let Some(list) = self.change_list.as_mut() {
                    list.offset = list
                        .offset
                        .clamp(list.selected.saturating_sub(height - 1), list.selected);
                }
                return Outcome::Redraw;
            }
            _ => {}
        }
        match self.mode() {
            Mode::Help => self.help_update(action),
            Mode::Choice => return self.choice_update(action),
            Mode::Form => self.form_update(action),
            Mode::Prompt => self.prompt_update(action),
            Mode::Dotted => self.dotted_update(action),
            Mode::Details => self.details_update(action),
            Mode::Changes => self.change_list_update(action),
            Mode::Browse | Mode::Compare | Mode::Edit => {
                if !self.edit_update(action) {
                    self.browse_update(action);
                }
            }
        }
        Outcome::Redraw
    }

    fn help_update(&mut self, action: Action) {
        let most = ui::most_help_scroll(self);
        match action {
            Action::Back | Action::Help => self.help = None,
            _ => self.help = self.help.map(|at| scrolled(at, action, most)),
        }
    }

    fn details_update(&mut self, action: Action) {
        let most = ui::most_details_scroll(self);
        match action {
            Action::Back | Action::Details => self.details = None,
            Action::Help => self.help = Some(0),
            _ => self.details = self.details.map(|at| scrolled(at, action, most)),
        }
    }

    fn browse_update(&mut self, action: Action) {
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
            Action::NextChange => self.next_change(true),
            Action::PreviousChange => self.next_change(false),
            Action::ChangedOnly => self.toggle_changed_only(),
            Action::ChangeList => self.open_change_list(),
            Action::SideBySide => self.toggle_side_by_side(),
            Action::Details if self.selected_post().is_some() => self.details = Some(0),
            Action::Help => self.help = Some(0),
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

    fn scroll_to_selection(&mut self) {
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
    fn keeping_selection(&mut self, change: impl FnOnce(&mut Self)) {
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
            None => self.message = Some("not focused; z focuses on a team".into()),
        }
    }

    /// After the scope changed: the search and the filter look in the new one.
    fn refresh_scope(&mut self) {
        if let Some(text) = self.filter.clone() {
            self.apply_filter(&text);
        } else if self.changed_only {
            self.show_changed_only();
        }
        if let Some(text) = self.search.as_ref().map(|s| s.text.clone()) {
            self.search = Some(self.find(&text));
        }
    }

    fn scope_root(&self) -> Option<NodeIndex> {
        self.view.focus().last().copied()
    }

    fn find(&self, text: &str) -> Search {
        Search {
            text: text.to_owned(),
            matches: search::find(&self.org, &self.index, self.scope_root(), text),
            current: None,
        }
    }

    fn apply_filter(&mut self, text: &str) {
        let matches = search::find(&self.org, &self.index, self.scope_root(), text);
        self.show_filtered(text, &matches);
    }

    /// Shows only `matches` (the posts matching `text`) and their chains to the top.
    fn show_filtered(&mut self, text: &str, matches: &[NodeIndex]) {
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

    fn clear_filter(&mut self) {
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

/// A scroll position after a scrolling action, between 0 and `most`.
fn scrolled(at: u16, action: Action, most: u16) -> u16 {
    let page = 10;
    match action {
        Action::Down | Action::ScrollDown => at.saturating_add(1),
        Action::Up | Action::ScrollUp => at.saturating_sub(1),
        Action::PageDown => at.saturating_add(page),
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        _ => at,
    }
    .min(most)
}

mod comparing;
mod editing;
pub mod find;
mod jump;
mod recovery;
mod saving;
mod start_vs_now;
