//! Starting a what-if, and recovering the edits a journal left from a session cut off.

use super::editing::describe;
use super::{App, Outcome};
use crate::edit::History;
use crate::edit::journal::{self, Journal, Op, Stamp, Survey};
use crate::report::plural;
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::form::{Choice, ChoicePurpose};
use crate::tui::keys::Mode;
use crate::tui::whatif::{Origin, WhatIf};

/// How many of the edits of a journal the question about recovering names.
const NAMED: usize = 5;

impl App {
    /// Starts a what-if on a copy of the chart shown. False when it waits for the user to
    /// say what to do with a journal an earlier session left.
    pub(super) fn start_whatif(&mut self, recover: bool) -> bool {
        let origin = self.options.file.clone().map(|path| Origin {
            stamp: Stamp::of(&path).ok(),
            path,
        });
        let (journal, survey, warning) = match &origin {
            Some(origin) => self.journal_for(&origin.path),
            None => (None, Survey::default(), None),
        };
        self.whatif = Some(WhatIf::new(&self.org, origin, journal));
        // The impact line takes rows from the tree: keep the selection in sight.
        self.select_row(self.selected);
        let others = match survey.live {
            0 => None,
            1 => Some("another orgtree session is editing this chart: each keeps its own recovery journal".to_owned()),
            n => Some(format!("{n} other orgtree sessions are editing this chart: each keeps its own recovery journal")),
        };
        let Some(found) = survey.left else {
            self.message = Some(warning.or(others).unwrap_or_else(|| {
                format!(
                    "what-if on a copy: the file changes only if you save over it ({})",
                    self.key(Mode::Edit, Action::Save)
                )
            }));
            return true;
        };
        if recover {
            self.recover(found);
            return false;
        }
        let edits = found.edits();
        let mut lines = vec![format!(
            "An earlier session of edits to this chart was cut off: its recovery journal holds {edits} edit{}:",
            plural(edits)
        )];
        let named = self.described(&found.ops);
        lines.extend(named.iter().take(NAMED).map(|text| format!("- {text}")));
        let unnamed = edits.saturating_sub(named.len().min(NAMED));
        if unnamed > 0 {
            lines.push(format!("- ... and {unnamed} more"));
        }
        if !found.file_unchanged {
            lines.push("The file has changed since, so some may not apply.".into());
        }
        if let Some(others) = others {
            lines.push(format!("Note: {others}."));
        }
        let question = lines.join("\n");
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

    /// The journals of the chart file `chart`: this session's, what the others left or
    /// hold, and the warning to give when edits cannot be journalled.
    fn journal_for(&self, chart: &std::path::Path) -> (Option<Journal>, Survey, Option<String>) {
        let cannot = |why: &str| format!("no recovery journal: {why}; save your work");
        let folder = match &self.options.journals {
            Ok(folder) => folder,
            Err(reason) => return (None, Survey::default(), Some(cannot(reason))),
        };
        let Ok(mut journal) = Journal::for_chart(chart, folder) else {
            return (None, Survey::default(), None);
        };
        match journal.survey() {
            Ok(survey) => (Some(journal), survey, None),
            Err(error) => {
                let shown = Escaped(&folder.to_string_lossy()).to_string();
                let warning = cannot(&format!("{error} in {shown}"));
                (None, Survey::default(), Some(warning))
            }
        }
    }

    /// What the edits in effect at the end of `ops` do, in words, as far as they can be done
    /// on the chart now.
    fn described(&self, ops: &[Op]) -> Vec<String> {
        let mut org = self.org.clone();
        let mut history = History::default();
        let (mut done, mut undone) = (Vec::new(), Vec::new());
        for op in ops {
            match op {
                Op::Do(edit) => {
                    let text = describe(&org, edit);
                    if history.edit(&mut org, edit.clone()).is_err() {
                        break;
                    }
                    done.push(text);
                    undone.clear();
                }
                Op::Undo(_) => match history.undo(&mut org) {
                    Ok(Some(_)) => undone.extend(done.pop()),
                    Ok(None) => {}
                    Err(_) => break,
                },
                Op::Redo(_) => match history.redo(&mut org) {
                    Ok(Some(_)) => done.extend(undone.pop()),
                    Ok(None) => {}
                    Err(_) => break,
                },
            }
        }
        done
    }

    /// Does again the steps of a journal left by an earlier session.
    pub(super) fn recover(&mut self, found: journal::Found) {
        let Some(whatif) = self.whatif.as_mut() else {
            return;
        };
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
        // The replay is journalled afresh: only now is the old journal not needed.
        if let Some(journal) = whatif.journal.as_mut() {
            let _ = journal.drop_left();
        }
        let edits = whatif.history.len();
        let message = match failed {
            Some((step, error)) => format!(
                "recovered {edits} edit{}; step {step} of {total} could not be done: {error}",
                plural(edits)
            ),
            // Recovered, but not journalled again: that matters more.
            None => whatif.journal_failed.take().unwrap_or_else(|| {
                format!(
                    "recovered {edits} edit{} from the journal; {} undoes them one by one",
                    plural(edits),
                    self.key(Mode::Edit, Action::Undo)
                )
            }),
        };
        self.after_change(None, None);
        self.message = Some(message);
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
            let _ = journal.drop_left();
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
