//! Starting a what-if, and recovering the edits a journal left from a session cut off.

use super::editing::describe;
use super::{App, Outcome};
use crate::edit::journal::{self, Journal, Op, Stamp};
use crate::report::plural;
use crate::tui::form::{Choice, ChoicePurpose};
use crate::tui::whatif::{Origin, WhatIf};

impl App {
    /// Starts a what-if on a copy of the chart shown. False when it waits for the user to
    /// say what to do with a journal an earlier session left.
    pub(super) fn start_whatif(&mut self, recover: bool) -> bool {
        let origin = self.options.file.clone().map(|path| Origin {
            stamp: Stamp::of(&path).ok(),
            path,
        });
        let journal = origin
            .as_ref()
            .and_then(|origin| Journal::for_chart(&origin.path, &journal::folder()?).ok());
        let found = journal.as_ref().and_then(|j| j.find().ok().flatten());
        self.whatif = Some(WhatIf::new(&self.org, origin, journal));
        // The impact line takes rows from the tree: keep the selection in sight.
        self.select_row(self.selected);
        let Some(found) = found else {
            self.message =
                Some("what-if on a copy: the file changes only if you save over it (w)".into());
            return true;
        };
        if recover {
            self.recover(found);
            return false;
        }
        let when = found.started;
        let mut question = format!(
            "An earlier session of edits to this chart was cut off: its recovery journal holds {} edit{}.",
            found.edits(),
            plural(found.edits())
        );
        if !found.file_unchanged {
            question.push_str(" The file has changed since, so some may not apply.");
        }
        let _ = when;
        self.recovery = Some(found);
        self.ask(Choice {
            purpose: ChoicePurpose::Recover,
            question,
            answers: vec![
                ('r', "recover them and go on editing".into()),
                ('n', "start afresh (the journal is deleted)".into()),
            ],
            escape: "decide later: q quits and keeps the journal",
        });
        false
    }

    /// Does again the steps of a journal left by an earlier session.
    pub(super) fn recover(&mut self, found: journal::Found) {
        let Some(whatif) = self.whatif.as_mut() else {
            return;
        };
        // The old journal is replaced by what the replay writes.
        if let Some(journal) = whatif.journal.as_mut() {
            let _ = journal.remove();
        }
        let total = found.ops.len();
        let mut failed = None;
        for (i, op) in found.ops.into_iter().enumerate() {
            let done = match op {
                Op::Do(edit) => {
                    let text = describe(&self.org, &edit);
                    whatif.edit(&mut self.org, edit, text)
                }
                Op::Undo(_) => whatif.undo(&mut self.org).map(|_| ()),
                Op::Redo(_) => whatif.redo(&mut self.org).map(|_| ()),
            };
            if let Err(error) = done {
                failed = Some((i + 1, error));
                break;
            }
        }
        let edits = whatif.history.len();
        self.after_change(None, None);
        self.message = Some(match failed {
            None => format!(
                "recovered {edits} edit{} from the journal; u undoes them one by one",
                plural(edits)
            ),
            Some((step, error)) => format!(
                "recovered {edits} edit{}; step {step} of {total} could not be done: {error}",
                plural(edits)
            ),
        });
    }

    /// The answer to "recover the edits of the journal?".
    pub(super) fn answer_recovery(&mut self, answer: char) {
        if answer == 'r' {
            if let Some(found) = self.recovery.take() {
                self.recover(found);
            }
            return;
        }
        self.recovery = None;
        if let Some(journal) = self.whatif.as_mut().and_then(|w| w.journal.as_mut()) {
            let _ = journal.remove();
        }
        self.message = Some("started afresh; the old journal is deleted".into());
    }

    /// Esc or q instead of an answer: deciding later is not an answer, and the journal must
    /// not be written over; q quits and keeps it for the next session.
    pub(super) fn recovery_not_answered(&mut self, choice: Choice, quit: bool) -> Outcome {
        self.ask(choice);
        self.message =
            Some("r recovers the edits, n starts afresh; q quits and keeps the journal".into());
        if quit { Outcome::Quit } else { Outcome::Redraw }
    }
}
