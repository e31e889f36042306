//! The key map in force: the tables' keys, with those a configuration file changed. The
//! help, the hints and the keys themselves all read it, so a remapped key shows everywhere.

use crossterm::event::KeyEvent;

use super::tables::{
    BROWSE, CHANGES, CHOICE, COMPARE, COMPARE_DETAILS, DETAILS, DOTTED, EDIT, FORM, HELP, PROMPT,
    TIMELINE,
};
use super::{Binding, Key, Mode, matches};
use crate::tui::action::Action;

/// A table of keys, as the configuration names it (`[keys.browse]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Browse,
    Edit,
    Compare,
    Changes,
    Timeline,
    Details,
    Dotted,
    Help,
    Prompt,
    Form,
    Choice,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Browse,
        Section::Edit,
        Section::Compare,
        Section::Changes,
        Section::Timeline,
        Section::Details,
        Section::Dotted,
        Section::Help,
        Section::Prompt,
        Section::Form,
        Section::Choice,
    ];

    /// The name of the section in the configuration file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Section::Browse => "browse",
            Section::Edit => "edit",
            Section::Compare => "compare",
            Section::Changes => "changes",
            Section::Timeline => "timeline",
            Section::Details => "details",
            Section::Dotted => "dotted",
            Section::Help => "help",
            Section::Prompt => "prompt",
            Section::Form => "form",
            Section::Choice => "choice",
        }
    }

    #[must_use]
    pub fn named(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// What the section's keys are for, for the configuration's comments.
    #[must_use]
    pub fn about(self) -> &'static str {
        match self {
            Section::Browse => "moving around the tree (on every screen with a tree)",
            Section::Edit => "the what-if's edit keys",
            Section::Compare => "what the compare screen adds to browsing",
            Section::Changes => "the compare screen's list of changes",
            Section::Timeline => "the timeline of a series on the compare screen",
            Section::Details => "the full-screen details of a post",
            Section::Dotted => "choosing a dotted line to follow",
            Section::Help => "the help screen",
            Section::Prompt => "typing a search or a filter",
            Section::Form => "filling in a form",
            Section::Choice => "answering a question",
        }
    }

    /// The section's bindings, in the order the help lists them. The compare screen's own
    /// Enter (details and changes) is its last.
    #[must_use]
    pub fn table(self) -> Vec<&'static Binding> {
        match self {
            Section::Browse => BROWSE.iter().collect(),
            Section::Edit => EDIT.iter().collect(),
            Section::Compare => COMPARE.iter().chain([&COMPARE_DETAILS]).collect(),
            Section::Changes => CHANGES.iter().collect(),
            Section::Timeline => TIMELINE.iter().collect(),
            Section::Details => DETAILS.iter().collect(),
            Section::Dotted => DOTTED.iter().collect(),
            Section::Help => HELP.iter().collect(),
            Section::Prompt => PROMPT.iter().collect(),
            Section::Form => FORM.iter().collect(),
            Section::Choice => CHOICE.iter().collect(),
        }
    }

    /// The sections whose keys work in `mode`, first the one whose keys win.
    #[must_use]
    pub fn of(mode: Mode) -> &'static [Section] {
        match mode {
            Mode::Browse => &[Section::Browse, Section::Edit],
            Mode::Edit => &[Section::Edit, Section::Browse],
            Mode::Compare => &[Section::Compare, Section::Browse],
            Mode::Changes => &[Section::Changes],
            Mode::Timeline => &[Section::Timeline],
            Mode::Details => &[Section::Details],
            Mode::Prompt => &[Section::Prompt],
            Mode::Dotted => &[Section::Dotted],
            Mode::Help => &[Section::Help],
            Mode::Form => &[Section::Form],
            Mode::Choice => &[Section::Choice],
        }
    }
}

/// A binding with the keys in force for it.
#[derive(Clone, Copy, Debug)]
pub struct Bound<'a> {
    pub binding: &'static Binding,
    pub keys: &'a [Key],
    pub section: Section,
    /// Its place in its section's table.
    pub at: usize,
}

impl Bound<'_> {
    #[must_use]
    pub fn action(&self) -> Action {
        self.binding.action
    }
}

/// The keys of every binding of every section.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// Per section (in [`Section::ALL`] order), the keys of each binding of its table.
    keys: Vec<Vec<Vec<Key>>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = Section::ALL
            .iter()
            .map(|section| {
                section
                    .table()
                    .iter()
                    .map(|binding| binding.keys.to_vec())
                    .collect()
            })
            .collect();
        Self { keys }
    }
}

impl Keymap {
    fn slot(section: Section) -> usize {
        Section::ALL
            .iter()
            .position(|&s| s == section)
            .expect("every section is in ALL")
    }

    /// The bindings of `section` with their keys.
    #[must_use]
    pub fn section(&self, section: Section) -> Vec<Bound<'_>> {
        section
            .table()
            .into_iter()
            .zip(&self.keys[Self::slot(section)])
            .enumerate()
            .map(|(at, (binding, keys))| Bound {
                binding,
                keys,
                section,
                at,
            })
            .collect()
    }

    /// The keys in force for the `at`th binding of `section`.
    #[must_use]
    pub fn keys_of(&self, section: Section, at: usize) -> &[Key] {
        &self.keys[Self::slot(section)][at]
    }

    /// Gives the `at`th binding of `section` these keys, in place of its own.
    pub fn set(&mut self, section: Section, at: usize, keys: Vec<Key>) {
        self.keys[Self::slot(section)][at] = keys;
    }

    /// Takes `key` from the `at`th binding of `section`; whether it had it.
    pub fn take(&mut self, section: Section, at: usize, key: Key) -> bool {
        let keys = &mut self.keys[Self::slot(section)][at];
        let had = keys.contains(&key);
        keys.retain(|&k| k != key);
        had
    }

    /// The bindings of `mode`, in the order the help screen lists them.
    #[must_use]
    pub fn bindings(&self, mode: Mode) -> Vec<Bound<'_>> {
        if mode == Mode::Compare {
            // Browsing, with the compare screen's Enter for the details: Tab is the list of
            // changes there.
            let compare = self.section(Section::Compare);
            let (details, own): (Vec<Bound>, Vec<Bound>) = compare
                .into_iter()
                .partition(|bound| bound.action() == Action::Details);
            let browse =
                self.section(Section::Browse)
                    .into_iter()
                    .map(|bound| match details.first() {
                        Some(&details) if bound.action() == Action::Details => details,
                        _ => bound,
                    });
            return own.into_iter().chain(browse).collect();
        }
        Section::of(mode)
            .iter()
            .flat_map(|&section| self.section(section))
            .collect()
    }

    /// The action `event` gives in `mode`, if any.
    #[must_use]
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        self.bindings(mode).into_iter().find_map(|bound| {
            bound
                .keys
                .iter()
                .find_map(|&key| matches(key, event, bound.action()))
        })
    }

    /// The first key in force for `action` in `mode`, as the help writes it: for the
    /// messages that name a key.
    #[must_use]
    pub fn key_for(&self, mode: Mode, action: Action, ascii: bool) -> Option<String> {
        self.bindings(mode)
            .into_iter()
            .filter(|bound| bound.action() == action)
            .find_map(|bound| bound.keys.first().map(|&k| super::label(k, ascii)))
    }
}
