//! Saving a what-if (the chart or its change script), asking before writing over a file,
//! and quitting with unsaved edits.

use std::path::{Path, PathBuf};

use super::{App, Outcome};
use crate::edit::journal::Stamp;
use crate::org::save::{same_file, save_atomic, write_atomic};
use crate::report::plural;
use crate::text::Escaped;
use crate::tui::form::{Choice, ChoicePurpose, Form, FormField, FormPurpose};
use crate::tui::whatif::WhatIf;

impl App {
    pub(super) fn open_save_form(&mut self, script: bool) {
        let whatif = self.whatif.as_ref().expect("a what-if");
        let proposed = whatif.proposed(script).to_string_lossy().into_owned();
        let (purpose, title, hint) = if script {
            (
                FormPurpose::SaveScript,
                "Save the change script".to_owned(),
                "the file for the edits (orgtree apply replays them)",
            )
        } else {
            (
                FormPurpose::SaveChart,
                "Save the chart".to_owned(),
                "the file to write the chart to",
            )
        };
        let mut form = Form::new(
            purpose,
            title,
            vec![FormField::new("file", &proposed, hint)],
        );
        form.fields[0]
            .input
            .handle(tui_input::InputRequest::GoToEnd);
        self.open_form(form);
    }

    /// Enter in a form that saves: asks first when the file should not be written over
    /// without a word.
    pub(super) fn accept_save_form(&mut self, form: Form, script: bool) {
        let typed = form.value(0).trim().to_owned();
        if typed.is_empty() {
            return self.refuse_form(form, "type a file name".into());
        }
        let path = expand_home(&typed);
        if path.is_dir() {
            return self.refuse_form(form, "that is a folder: type a file name".into());
        }
        if !script && let Some(format) = crate::read::detect::format_of_file(&path) {
            // A chart opened from a CSV (or another tool's JSON) is saved as orgtree JSON,
            // which must not take the place of the file it was read from.
            if format != crate::read::detect::Format::Orgtree {
                return self.refuse_form(
                    form,
                    format!(
                        "that file is {}: the chart is saved as orgtree JSON, never over a file of another format; type a new name (a .json file)",
                        format.name()
                    ),
                );
            }
        }
        if let Some(question) = self.save_question(&path, script) {
            self.open_form(form);
            self.ask(Choice {
                purpose: ChoicePurpose::Overwrite { path, script },
                question,
                answers: vec![('y', "yes, write over it".into())],
                escape: "cancel (and change the file name)",
            });
            return;
        }
        if let Err(error) = self.save(&path, script) {
            self.refuse_form(form, error);
        }
    }

    /// Yes to writing over a file: the form that asked closes when the save is done, and
    /// stays with the reason when it fails.
    pub(super) fn answer_overwrite(&mut self, path: &Path, script: bool) {
        let form = self.overlays.take_form();
        if let Err(error) = self.save(path, script) {
            if let Some(form) = form {
                self.refuse_form(form, error.clone());
            }
            self.message = Some(error);
        }
    }

    /// What to ask before writing `path`, if anything: over the chart's own file, over
    /// another file, or over a file changed on disk since it was read or written.
    pub(super) fn save_question(&self, path: &Path, script: bool) -> Option<String> {
        let whatif = self.whatif.as_ref()?;
        let shown = Escaped(&path.to_string_lossy()).to_string();
        let resaving = whatif
            .saved_to
            .as_ref()
            .is_some_and(|(saved, _)| same_file(saved, path));
        if resaving && !script && !whatif.changed_on_disk(path) && !whatif.is_origin(path) {
            // Saving again where this session saved before, and nobody changed it since.
            return None;
        }
        let mut question = if whatif.is_origin(path) {
            if script {
                format!("{shown} is the chart you are editing. Write the script over it?")
            } else {
                format!("{shown} is the file you loaded. Save over the original?")
            }
        } else if path.exists() {
            format!("{shown} exists. Replace it?")
        } else {
            return None;
        };
        if whatif.changed_on_disk(path) {
            question.push_str(" It has changed on disk since this session read or wrote it.");
        }
        Some(question)
    }

    /// Writes the chart, or the change script, to `path`. The reason when it cannot.
    pub(super) fn save(&mut self, path: &Path, script: bool) -> Result<(), String> {
        let shown = Escaped(&path.to_string_lossy()).to_string();
        let whatif = self.whatif.as_ref().ok_or("no what-if")?;
        if script {
            let edits = whatif.history.len();
            // The chart the script starts from, named in it: the what-if's start.
            let now = whatif.stash.as_ref().map_or(&self.org, |stash| &stash.org);
            let start = whatif
                .start_chart(now)
                .map_err(|error| format!("cannot work out the start: {error}"))?;
            let made_on = crate::edit::script::MadeOn::of(&start);
            write_atomic(path, |out| {
                crate::edit::script::write_made_on(whatif.history.script(), &made_on, out)
            })
            .map_err(|error| format!("cannot write {shown}: {error}"))?;
            self.message = Some(format!(
                "saved the change script ({edits} edit{}) to {shown}",
                plural(edits)
            ));
            return Ok(());
        }
        // While the comparison is shown, the chart on screen is the merged one.
        let org = whatif.stash.as_ref().map_or(&self.org, |stash| &stash.org);
        save_atomic(org, path).map_err(|error| format!("cannot write {shown}: {error}"))?;
        let posts = org.len();
        let whatif = self.whatif.as_mut().ok_or("no what-if")?;
        whatif.mark_saved();
        whatif.saved_to = Some((path.to_path_buf(), Stamp::of(path).ok()));
        if whatif.is_origin(path) {
            if let Some(origin) = whatif.origin.as_mut() {
                origin.stamp = Stamp::of(path).ok();
            }
            whatif.saved_over_origin();
        }
        if let Some(journal) = whatif.journal.as_mut() {
            // Saved: nothing to recover until the next edit.
            let _ = journal.remove();
        }
        self.message = Some(format!("saved {posts} post{} to {shown}", plural(posts)));
        if self.quitting == super::Quitting::AfterSave {
            self.quitting = super::Quitting::Now;
        }
        Ok(())
    }

    /// On quitting: a clean end removes the journal, unless its recovery is still to be
    /// decided (then it is kept for the next session).
    pub fn finish(&mut self) {
        if self.recovery.is_some() {
            return;
        }
        if let Some(journal) = self.whatif.as_mut().and_then(|w| w.journal.as_mut()) {
            let _ = journal.remove();
        }
    }

    /// Quitting with unsaved edits asks first. True when it asked.
    pub(super) fn asks_before_quitting(&mut self) -> bool {
        let unsaved = self.whatif.as_ref().is_some_and(WhatIf::unsaved);
        if !unsaved
            || self
                .overlays
                .choice()
                .is_some_and(|c| c.purpose == ChoicePurpose::Quit)
        {
            return false;
        }
        let edits = self.whatif.as_ref().map_or(0, WhatIf::unsaved_edits);
        self.overlays.take_form();
        let question = match edits {
            // Edits undone since the save: the chart differs from the file all the same.
            0 => "The chart differs from the one last saved (edits were undone since). Quit without saving it?".to_owned(),
            1 => "The chart has 1 unsaved edit. Quit without saving it?".to_owned(),
            n => format!("The chart has {n} unsaved edits. Quit without saving them?"),
        };
        self.ask(Choice {
            purpose: ChoicePurpose::Quit,
            question,
            answers: vec![
                ('y', "quit; the edits are lost".into()),
                ('w', "save the chart, then quit".into()),
            ],
            escape: "stay",
        });
        true
    }

    /// The answer to "quit without saving?": quit (the journal goes with the edits), or
    /// save first.
    pub(super) fn answer_quit(&mut self, answer: char) -> Outcome {
        match answer {
            'y' => {
                if let Some(journal) = self.whatif.as_mut().and_then(|w| w.journal.as_mut()) {
                    let _ = journal.remove();
                }
                Outcome::Quit
            }
            'w' => {
                // Saved, the program quits, as the answer promised.
                self.open_save_form(false);
                self.quitting = super::Quitting::AfterSave;
                Outcome::Redraw
            }
            _ => Outcome::Redraw,
        }
    }
}

/// `~/x` as the file `x` in the home folder.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}
