//! Search and filter: the prompt, incremental matching as the user types, and `n`/`N`.

use super::{App, Prompt, PromptKind, Search};
use crate::tui::action::Action;

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let text = match kind {
            PromptKind::Search => String::new(),
            PromptKind::Filter => self.filter.clone().unwrap_or_default(),
        };
        self.prompt = Some(Prompt {
            kind,
            text,
            origin: self.selected_post(),
        });
        // One kind of highlight at a time: a new search or filter replaces the old search.
        self.search = None;
    }

    pub(super) fn prompt_update(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
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
        match kind {
            PromptKind::Search => self.search_as_typed(&text),
            PromptKind::Filter if text.is_empty() => {
                if self.filter.is_some() {
                    self.clear_filter();
                }
            }
            PromptKind::Filter => self.apply_filter(&text),
        }
    }

    /// Finds the text typed so far and selects the first match from where the search began.
    fn search_as_typed(&mut self, text: &str) {
        let origin = self.prompt.as_ref().and_then(|p| p.origin);
        let mut search = self.find(text);
        let from = origin.map_or(0, |node| self.index.rank(node));
        let first = search
            .matches
            .iter()
            .position(|&m| self.index.rank(m) >= from)
            .or((!search.matches.is_empty()).then_some(0));
        search.current = first;
        let target = first.map(|at| search.matches[at]).or(origin);
        self.search = (!text.is_empty()).then_some(search);
        if let Some(node) = target {
            self.select_post(node);
        }
    }

    fn accept_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
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
        let Some(prompt) = self.prompt.take() else {
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
            self.message = Some("no search; / starts one".into());
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
