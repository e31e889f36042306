//! Search and filter: the prompt, incremental matching as the user types, and `n`/`N`.
//!
//! Matching runs a slice at a time ([`search::SLICE`] posts): the keystroke that changes the
//! text starts it and does the first slice, and the event loop does the others while no key
//! is waiting. A new keystroke drops the unfinished search and starts the next one.

use super::{App, Running, Search};
use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::overlay::{Overlay, Prompt, PromptKind};
use crate::tui::search::{self, Scan};

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let text = match kind {
            PromptKind::Search => String::new(),
            PromptKind::Filter => self.filter.clone().unwrap_or_default(),
        };
        self.overlays.push(Overlay::Prompt(Prompt {
            kind,
            text,
            origin: self.selected_post(),
        }));
        // One kind of highlight at a time: a new search or filter replaces the old search.
        self.search = None;
    }

    pub(super) fn prompt_update(&mut self, action: Action) {
        let Some(prompt) = self.overlays.prompt_mut() else {
            return;
        };
        match action {
            Action::Insert(c) => prompt.text.push(c),
            Action::DeleteBack => {
                prompt.text.pop();
            }
            Action::ClearLine => prompt.text.clear(),
            Action::Accept => {
                self.accept_prompt();
                return;
            }
            Action::Back => {
                self.cancel_prompt();
                return;
            }
            _ => return,
        }
        let (kind, text) = (prompt.kind, prompt.text.clone());
        self.running = None;
        match kind {
            PromptKind::Search if text.is_empty() => {
                self.search = None;
                if let Some(origin) = self.overlays.prompt().and_then(|p| p.origin) {
                    self.select_post(origin);
                }
            }
            PromptKind::Filter if text.is_empty() => {
                if self.filter.is_some() {
                    self.clear_filter();
                }
            }
            _ => {
                let scan = Scan::new(&text, &self.org, &self.index, self.scope_root())
                    .with_changed(&self.org, &self.changed_posts());
                self.running = Some(Running { kind, text, scan });
                self.work();
            }
        }
    }

    /// Whether a search or filter is still being worked out.
    #[must_use]
    pub fn has_work(&self) -> bool {
        self.running.is_some()
    }

    /// Does one more slice of the search or filter being worked out. True when it finished,
    /// and so changed what the screen shows.
    pub fn work(&mut self) -> bool {
        let Some(running) = self.running.as_mut() else {
            return false;
        };
        if !running.scan.step(&self.org, &self.index, search::SLICE) {
            return false;
        }
        self.finish_work();
        true
    }

    /// Finishes the search or filter being worked out, at once.
    pub fn finish_work(&mut self) {
        let Some(Running {
            kind,
            text,
            mut scan,
        }) = self.running.take()
        else {
            return;
        };
        scan.step(&self.org, &self.index, usize::MAX);
        let matches = scan.matches(&self.index);
        match kind {
            PromptKind::Search => self.show_search(text, matches),
            PromptKind::Filter => self.show_filtered(&text, &matches),
        }
    }

    /// Shows the matches of the text typed so far, and selects the first one from where
    /// the search began.
    fn show_search(&mut self, text: String, matches: Vec<super::NodeIndex>) {
        let origin = self.overlays.prompt().and_then(|p| p.origin);
        let mut search = Search {
            text,
            matches,
            current: None,
        };
        let from = origin.map_or(0, |node| self.index.rank(node));
        let first = search
            .matches
            .iter()
            .position(|&m| self.index.rank(m) >= from)
            .or((!search.matches.is_empty()).then_some(0));
        search.current = first;
        let target = first.map(|at| search.matches[at]).or(origin);
        self.search = Some(search);
        if let Some(node) = target {
            self.select_post(node);
        }
    }

    fn accept_prompt(&mut self) {
        self.finish_work();
        let Some(prompt) = self.overlays.take_prompt() else {
            return;
        };
        match prompt.kind {
            PromptKind::Search => {
                if let Some(search) = &self.search
                    && search.matches.is_empty()
                {
                    self.message = Some(format!(
                        "nothing matches '{}'",
                        crate::text::Escaped(&search.text)
                    ));
                    self.search = None;
                }
            }
            PromptKind::Filter => {
                if let Some(filter) = &self.filter
                    && self.view.is_empty()
                {
                    self.message = Some(format!(
                        "nothing matches '{}'; filter cleared",
                        crate::text::Escaped(filter)
                    ));
                    self.clear_filter();
                }
            }
        }
    }

    /// Esc while typing: a search goes back to where it began; a filter is cleared.
    fn cancel_prompt(&mut self) {
        self.running = None;
        let Some(prompt) = self.overlays.take_prompt() else {
            return;
        };
        match prompt.kind {
            PromptKind::Search => {
                self.search = None;
                if let Some(origin) = prompt.origin {
                    self.select_post(origin);
                }
            }
            PromptKind::Filter => {
                if self.filter.is_some() {
                    self.clear_filter();
                }
            }
        }
    }

    /// `n` and `N`: the next or previous match after the selection, wrapping around.
    pub(super) fn next_match(&mut self, forward: bool) {
        let Some(search) = self.search.as_ref() else {
            self.message = Some(format!(
                "no search; {} starts one",
                self.key(Mode::Browse, Action::StartSearch)
            ));
            return;
        };
        if search.matches.is_empty() {
            return;
        }
        let count = search.matches.len();
        let here = self.selected_post().map_or(0, |node| self.index.rank(node));
        let at = if forward {
            search
                .matches
                .iter()
                .position(|&m| self.index.rank(m) > here)
                .unwrap_or(0)
        } else {
            search
                .matches
                .iter()
                .rposition(|&m| self.index.rank(m) < here)
                .unwrap_or(count - 1)
        };
        let node = search.matches[at];
        let wrapped = if forward { at == 0 } else { at == count - 1 };
        self.select_post(node);
        if wrapped && count > 1 {
            self.message = Some(
                if forward {
                    "search wrapped to the top"
                } else {
                    "search wrapped to the bottom"
                }
                .into(),
            );
        }
        if let Some(search) = self.search.as_mut() {
            search.current = Some(at);
        }
    }
}

/// The words for a search's state: `3/17 matches`.
#[must_use]
pub fn match_count(search: &Search) -> String {
    let count = search.matches.len();
    match (count, search.current) {
        (0, _) => "no match".into(),
        (n, Some(at)) => format!("{}/{n} match{}", at + 1, if n == 1 { "" } else { "es" }),
        (n, None) => format!("{n} match{}", if n == 1 { "" } else { "es" }),
    }
}
