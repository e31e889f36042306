//! The state of the interactive program and the one function that changes it,
//! [`App::update`]. No terminal calls and no drawing here: tests drive it with [`Action`]s,
//! and what is open over the screen is data ([`Overlays`]) that drawing reads too.

use crate::org::{NodeIndex, Org};

use super::action::Action;
use super::chart_index::ChartIndex;
use super::compare_screen::CompareState;
use super::form::{Choice, Form};
use super::impact;
use super::keys::Mode;
use super::layout::{Drawn, Parts, Screen};
use super::overlay::{DottedChoice, Overlay, Overlays, Prompt, PromptKind};
use super::search::Scan;
use super::side_rows::SideRows;
use super::theme::Theme;
use super::tree_view::TreeView;
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
    /// The folder of recovery journals, or why there is none (said when a what-if starts).
    pub journals: Result<std::path::PathBuf, String>,
    /// The keys in force: the tables', with those the configuration changed.
    pub keymap: super::keys::Keymap,
    /// Browsing never starts a what-if: the edit keys say so (`read-only` in the
    /// configuration). `orgtree edit` still edits.
    pub read_only: bool,
}

impl Options {
    /// Options with nothing but the source and the theme: no notice, no mouse, no file
    /// and no recovery journal, the default keys; for tests and benchmarks, which change
    /// what they need with `..Options::plain(...)`.
    #[must_use]
    pub fn plain(source: impl Into<String>, theme: Theme) -> Self {
        Self {
            source: source.into(),
            notice: None,
            theme,
            mouse: false,
            file: None,
            journals: Err("no recovery journal here".into()),
            keymap: super::keys::Keymap::default(),
            read_only: false,
        }
    }
}

/// What the event loop should do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Redraw,
    Quit,
    Suspend,
}

/// A search and its matches, in tree order.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub text: String,
    pub matches: Vec<NodeIndex>,
    /// Which match is selected, when the selection is on one.
    pub current: Option<usize>,
}

/// How many messages the app keeps for the help to list.
pub const MESSAGES_KEPT: usize = 50;

/// Whether the program is to quit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quitting {
    No,
    /// Once the chart is saved.
    AfterSave,
    /// At the end of this update.
    Now,
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
    /// What is open over the screen (details, help, a prompt, a form, a question, the
    /// choice of dotted line), the last on top.
    pub overlays: Overlays,
    pub search: Option<Search>,
    pub filter: Option<String>,
    /// A note for the user in the status bar until the next key.
    pub message: Option<String>,
    /// The messages shown so far, oldest first (at most [`MESSAGES_KEPT`]): the help lists
    /// the latest, whole, when the status bar had to cut them or they are gone.
    pub messages: std::collections::VecDeque<String>,
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
    /// The series whose pair is on the compare screen, when three or more charts were
    /// given.
    pub series: Option<super::series::Series>,
    /// Text to copy to the clipboard, which the event loop sends to the terminal (an OSC 52
    /// sequence) after the update.
    pub to_copy: Option<String>,
    /// Whether the program is to quit: once the chart is saved (the answer to "quit
    /// without saving?" was to save), or at the end of this update.
    quitting: Quitting,
    /// The rows of the side-by-side view, built again when the view's rows change.
    side_rows: std::cell::RefCell<Option<SideRows>>,
    /// The what-if being edited, if one was started.
    pub whatif: Option<WhatIf>,
    /// The steps of a journal left by an earlier session, while the user decides.
    pub(crate) recovery: Option<crate::edit::journal::Found>,
    /// What the last draw found that updates need (how far scrolled texts go).
    pub drawn: Drawn,
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
            overlays: Overlays::default(),
            search: None,
            filter: None,
            // A notice's lines after the first (the warnings of the load) are kept for the
            // help, in their order, the first line last, as the latest.
            messages: message
                .iter()
                .flat_map(|notice| {
                    let lines: Vec<&str> = notice.lines().collect();
                    let rest = lines.iter().skip(1).rev();
                    rest.chain(lines.first())
                        .map(|&line| line.to_owned())
                        .collect::<Vec<_>>()
                })
                .collect(),
            message: message.map(|notice| notice.lines().next().unwrap_or_default().to_owned()),
            running: None,
            compare: None,
            change_list: None,
            changed_only: false,
            side_by_side: false,
            series: None,
            to_copy: None,
            quitting: Quitting::No,
            side_rows: std::cell::RefCell::new(None),
            whatif: None,
            recovery: None,
            drawn: Drawn::default(),
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
        app.open_on_changes();
        app
    }

    /// The key in force for `action` on the screen of `mode`, as the help writes it: for the
    /// messages that name a key, so that they name the one the configuration gave.
    #[must_use]
    pub fn key(&self, mode: Mode, action: super::action::Action) -> String {
        self.options
            .keymap
            .key_for(mode, action, self.options.theme.ascii)
            .unwrap_or_else(|| format!("(no key for {})", super::keys::names::action_name(action)))
    }

    /// What the keys do now: the overlay on top, else the screen's own mode.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.overlays
            .top()
            .map_or_else(|| self.screen_mode(), Overlay::mode)
    }

    /// The mode the help overlay describes: the one it was opened from.
    #[must_use]
    pub fn mode_under_help(&self) -> Mode {
        self.overlays
            .mode_under_help()
            .unwrap_or_else(|| self.screen_mode())
    }

    /// The mode of the screen under any overlay.
    fn screen_mode(&self) -> Mode {
        if self.change_list.is_some() {
            Mode::Changes
        } else if self.compare.is_some() {
            Mode::Compare
        } else if self.whatif.is_some() {
            Mode::Edit
        } else {
            Mode::Browse
        }
    }

    /// How far the full-screen details are scrolled, when they are open.
    #[must_use]
    pub fn details(&self) -> Option<u16> {
        self.overlays.details()
    }

    /// How far the help is scrolled, when it is open.
    #[must_use]
    pub fn help(&self) -> Option<u16> {
        self.overlays.help()
    }

    /// The search or filter being typed.
    #[must_use]
    pub fn prompt(&self) -> Option<&Prompt> {
        self.overlays.prompt()
    }

    /// The choice of dotted line to follow, when it is open.
    #[must_use]
    pub fn dotted(&self) -> Option<&DottedChoice> {
        self.overlays.dotted()
    }

    /// The form being filled in.
    #[must_use]
    pub fn form(&self) -> Option<&Form> {
        self.overlays.form()
    }

    /// The question being asked.
    #[must_use]
    pub fn choice(&self) -> Option<&Choice> {
        self.overlays.choice()
    }

    /// Opens the help over whatever is shown.
    pub(super) fn open_help(&mut self) {
        self.overlays.push(Overlay::Help { scroll: 0 });
    }

    /// Where everything goes on the screen.
    #[must_use]
    pub fn screen(&self) -> Screen {
        let impact = match (&self.whatif, &self.compare) {
            (Some(whatif), None) => {
                impact::rows(whatif, self.size.0, self.options.theme.glyphs.separator)
            }
            _ => 0,
        };
        Screen::with(
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
            Parts {
                breadcrumb: !self.view.focus().is_empty(),
                summary: self.compare.is_some(),
                impact,
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

    /// The rows of the two trees side by side, for the view's rows as they are now. Empty
    /// off the compare screen.
    pub fn side_rows(&self) -> std::cell::Ref<'_, Option<SideRows>> {
        let stale = self
            .side_rows
            .borrow()
            .as_ref()
            .is_none_or(|rows| !rows.follows(&self.view));
        if stale && let Some(compare) = &self.compare {
            *self.side_rows.borrow_mut() = Some(SideRows::of(&self.org, &self.view, compare));
        }
        self.side_rows.borrow()
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

    /// Keeps the message shown now, if it is new, for the help to list.
    fn keep_message(&mut self) {
        if let Some(message) = &self.message
            && self.messages.back() != Some(message)
        {
            self.messages.push_back(message.clone());
            if self.messages.len() > MESSAGES_KEPT {
                self.messages.pop_front();
            }
        }
    }

    fn tree_height(&self) -> usize {
        usize::from(self.screen().tree.height).max(1)
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        self.message = None;
        match action {
            // An open question decides what quitting does.
            Action::Quit if self.overlays.choice().is_some() => {}
            Action::Quit if self.asks_before_quitting() => return Outcome::Redraw,
            Action::Quit => return Outcome::Quit,
            Action::Suspend => return Outcome::Suspend,
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.side_by_side &= width >= super::layout::SIDE_BY_SIDE_FROM;
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
            Mode::Timeline => self.timeline_update(action),
            Mode::Browse | Mode::Compare | Mode::Edit => {
                if !self.edit_update(action) {
                    self.browse_update(action);
                }
            }
        }
        self.keep_message();
        match self.quitting {
            Quitting::Now => return Outcome::Quit,
            // The save form that would have quit was closed without saving: stay.
            Quitting::AfterSave if self.overlays.form().is_none() => {
                self.quitting = Quitting::No;
            }
            _ => {}
        }
        Outcome::Redraw
    }
}

mod browse;
mod comparing;
mod editing;
pub mod find;
mod forms;
mod jump;
mod questions;
mod recovery;
mod saving;
mod scrolling;
mod start_vs_now;
mod stepping;
mod timeline;
