//! What-if editing on the screen: the edit keys, their forms and questions, undo and redo,
//! the comparison with the start, saving, quitting with unsaved edits, and recovery.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::{App, Outcome};
use crate::edit::{Edit, Reports};
use crate::org::fields::Field;
use crate::org::metrics::Stats;
use crate::org::{NodeIndex, Org, Post, Text};
use crate::report::plural;
use crate::report::tree::title;
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::chart_index::ChartIndex;
use crate::tui::form::{Choice, ChoicePurpose, Form, FormField, FormPurpose};

/// A post named for a message: its title, quoted.
pub(super) fn named(org: &Org, node: NodeIndex) -> String {
    format!("'{}'", title(org.post(node)))
}

pub(super) fn id_text(org: &Org, node: NodeIndex) -> Text {
    Text::from(org.post(node).id().as_str())
}

impl App {
    /// Starts a what-if on the chart shown, as `orgtree edit` does; with `recover`, the
    /// edits a journal left are done again without asking.
    pub fn begin_whatif(&mut self, recover: bool) {
        if self.whatif.is_none() && self.recovery.is_none() {
            self.start_whatif(recover);
        }
    }

    /// The edit keys, on the tree of a what-if (or of browsing, where the first edit key
    /// starts one). False when the action is not an edit key.
    pub(super) fn edit_update(&mut self, action: Action) -> bool {
        let editing = self.compare.is_none();
        match action {
            Action::CompareStart => self.toggle_compare_start(),
            Action::Undo | Action::Redo if editing => self.undo_or_redo(action == Action::Undo),
            Action::Save | Action::SaveScript if editing => {
                if self.whatif.is_none() {
                    self.message = Some("nothing to save: no edits yet".into());
                } else {
                    self.open_save_form(action == Action::SaveScript);
                }
            }
            Action::Cut
            | Action::Paste
            | Action::PasteSibling
            | Action::AddReport
            | Action::ClosePost
            | Action::Retitle
            | Action::Holder
            | Action::EditField
                if editing =>
            {
                if self.whatif.is_none() && !self.start_whatif(false) {
                    return true;
                }
                self.edit_key(action);
            }
            _ => return false,
        }
        true
    }

    pub(super) fn edit_key(&mut self, action: Action) {
        let Some(node) = self.selected_post() else {
            if action == Action::AddReport {
                self.open_add_form(None);
            } else {
                self.message = Some("no post selected".into());
            }
            return;
        };
        match action {
            Action::Cut => {
                // The posts below it, which move with it.
                let team = self.index.team_posts(node);
                let whatif = self.whatif.as_mut().expect("a what-if");
                whatif.clipboard = Some(self.org.post(node).id().clone());
                self.message = Some(format!(
                    "cut {}{}: p pastes it under the selected post, P beside it",
                    named(&self.org, node),
                    if team > 0 {
                        format!(" with its team of {team}")
                    } else {
                        String::new()
                    }
                ));
            }
            Action::Paste | Action::PasteSibling => self.paste(node, action == Action::Paste),
            Action::AddReport => self.open_add_form(Some(node)),
            Action::ClosePost => self.ask_close(node),
            Action::Retitle => {
                let current = self.org.post(node).title.to_string();
                self.form = Some(Form::new(
                    FormPurpose::Retitle(node),
                    format!("Retitle {}", named(&self.org, node)),
                    vec![FormField::new("title", &current, "the new title")],
                ));
            }
            Action::Holder => {
                if self.org.post(node).is_vacant() {
                    self.form = Some(Form::new(
                        FormPurpose::Fill(node),
                        format!("Fill {}", named(&self.org, node)),
                        vec![FormField::new("holder", "", "the person in post")],
                    ));
                } else {
                    let edit = Edit::Holder {
                        post: id_text(&self.org, node),
                        holder: None,
                    };
                    let was = self.org.post(node).holder.clone().unwrap_or_default();
                    let text =
                        format!("vacated {} (was {})", named(&self.org, node), Escaped(&was));
                    self.do_edit(edit, text);
                }
            }
            Action::EditField => {
                self.form = Some(Form::new(
                    FormPurpose::SetField(node),
                    format!("Set a field of {}", named(&self.org, node)),
                    vec![
                        FormField::new(
                            "field",
                            "",
                            "unit, grade, fte, cost, note, tags, staff, or any other name",
                        ),
                        FormField::new(
                            "value",
                            "",
                            "text, or JSON (0.8, [\"a\", \"b\"]); empty removes the field",
                        ),
                    ],
                ));
            }
            _ => {}
        }
    }

    pub(super) fn paste(&mut self, target: NodeIndex, under: bool) {
        let whatif = self.whatif.as_ref().expect("a what-if");
        let Some(cut) = whatif.clipboard.clone() else {
            self.message = Some("nothing is cut: x cuts the selected post with its team".into());
            return;
        };
        let Some(post) = self.org.find(cut.as_str()) else {
            self.message = Some("the cut post is no longer in the chart".into());
            return;
        };
        if !under && post == target {
            self.message = Some("that is the cut post itself".into());
            return;
        }
        let (manager, position) = if under {
            (Some(target), None)
        } else {
            let manager = self.org.manager(target);
            let at = self.org.position(target);
            // Taking the post out first moves the target up one place if it came after.
            let shift =
                usize::from(self.org.manager(post) == manager && self.org.position(post) < at);
            (manager, Some(at + 1 - shift))
        };
        let edit = Edit::Move {
            post: Text::from(cut.as_str()),
            under: manager.map(|m| id_text(&self.org, m)),
            position,
        };
        let text = describe(&self.org, &edit);
        if self.do_edit(edit, text)
            && let Some(whatif) = self.whatif.as_mut()
        {
            whatif.clipboard = None;
        }
    }

    pub(super) fn open_add_form(&mut self, under: Option<NodeIndex>) {
        let base = under.map_or_else(
            || "post".to_owned(),
            |m| self.org.post(m).id().as_str().to_owned(),
        );
        let suggested = (1..=self.org.len() + 1)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.org.find(id).is_none())
            .unwrap_or_default();
        let title = match under {
            Some(m) => format!("Add a report to {}", named(&self.org, m)),
            None => "Add a top post".to_owned(),
        };
        self.form = Some(Form::new(
            FormPurpose::AddReport(under),
            title,
            vec![
                FormField::new("title", "", "the title of the new post"),
                FormField::new("holder", "", "the person in post; empty: vacant"),
                FormField::new("id", &suggested, "a new id, unique in the chart"),
            ],
        ));
    }

    pub(super) fn ask_close(&mut self, node: NodeIndex) {
        let reports = self.org.reports(node).len();
        if reports == 0 {
            let edit = Edit::Close {
                post: id_text(&self.org, node),
                reports: Reports::Up,
            };
            let text = format!("closed {}", named(&self.org, node));
            self.do_edit(edit, text);
            return;
        }
        // The posts below it, not counting it.
        let team = self.index.team_posts(node);
        let up = match self.org.manager(node) {
            Some(m) => format!("its reports move up to {}", named(&self.org, m)),
            None => "its reports become top posts".to_owned(),
        };
        self.choice = Some(Choice {
            purpose: ChoicePurpose::Close(node),
            question: format!(
                "Close {}? It has {reports} direct report{} and {team} post{} in its team.",
                named(&self.org, node),
                plural(reports),
                plural(team)
            ),
            answers: vec![
                ('u', up),
                (
                    't',
                    format!(
                        "close the whole team ({} post{})",
                        team + 1,
                        plural(team + 1)
                    ),
                ),
            ],
            escape: "cancel",
        });
    }

    /// Does an edit of the what-if, then shows the chart as it is now, with `text` (what was
    /// done) in the status bar. False, with the reason shown, when it was refused.
    pub(super) fn do_edit(&mut self, edit: Edit, text: String) -> bool {
        let done = format!("{text}; u undoes");
        let Some(whatif) = self.whatif.as_mut() else {
            return false;
        };
        let select = edit.post_id().map(std::borrow::Cow::into_owned);
        let old = fields_only(&self.org, &edit);
        match whatif.edit(&mut self.org, edit, text) {
            Ok(()) => {
                self.after_change(select.as_deref(), old);
                self.message = Some(self.journal_warning().unwrap_or(done));
                true
            }
            Err(error) => {
                self.message = Some(format!("refused: {error}"));
                false
            }
        }
    }

    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        let Some(whatif) = self.whatif.as_mut() else {
            self.message = Some(format!(
                "nothing to {}: no edits yet",
                if undo { "undo" } else { "redo" }
            ));
            return;
        };
        let next = if undo {
            whatif.history.last_done()
        } else {
            whatif.history.last_undone()
        };
        let old = next.and_then(|step| fields_only(&self.org, &step.edit));
        let result = if undo {
            whatif.undo(&mut self.org)
        } else {
            whatif.redo(&mut self.org)
        };
        match result {
            Ok(Some((edit, text))) => {
                let left = if undo {
                    whatif.history.len()
                } else {
                    whatif.history.redoable()
                };
                let select = edit.post_id().map(std::borrow::Cow::into_owned);
                self.after_change(select.as_deref(), old);
                let done = format!(
                    "{}: {text} ({left} more to {})",
                    if undo { "undone" } else { "redone" },
                    if undo { "undo" } else { "redo" }
                );
                self.message = Some(self.journal_warning().unwrap_or(done));
            }
            Ok(None) => {
                self.message = Some(
                    if undo {
                        "nothing to undo"
                    } else {
                        "nothing to redo"
                    }
                    .into(),
                );
            }
            Err(error) => self.message = Some(format!("cannot: {error}")),
        }
    }

    /// Why the recovery journal stopped, once, if it just did.
    pub(super) fn journal_warning(&mut self) -> Option<String> {
        self.whatif.as_mut()?.journal_failed.take()
    }

    /// After the chart changed: its index, view and figures again, the search and filter
    /// worked out again, and `select` (an id) selected when it is still there. `old` is the
    /// post as it was before an edit of its fields alone: when the edit changed nothing the
    /// team totals or the dotted lines depend on (a title, a holder, a grade), the index
    /// stands and the figures are brought up to date from that post alone, which keeps such
    /// edits instant on a large chart.
    pub(super) fn after_change(&mut self, select: Option<&str>, old: Option<Post>) {
        let before = self.selected_post();
        let light = old.and_then(|old| {
            let new = self.org.post(self.org.find(old.id().as_str())?);
            let same_totals = old.own_headcount_fte().to_bits()
                == new.own_headcount_fte().to_bits()
                && old.cost == new.cost
                && old.own_cost().map(f64::to_bits) == new.own_cost().map(f64::to_bits)
                && old.dotted == new.dotted;
            same_totals.then(|| (old.is_vacant(), new.is_vacant()))
        });
        match (light, self.whatif.as_mut()) {
            (Some((was, is)), Some(whatif)) => {
                whatif.now.vacant = whatif.now.vacant + usize::from(is) - usize::from(was);
            }
            (_, whatif) => {
                let org = &self.org;
                let (index, stats) = std::thread::scope(|scope| {
                    let stats = scope.spawn(|| Stats::of(org));
                    let index = ChartIndex::of(org);
                    (
                        index,
                        stats
                            .join()
                            .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                    )
                });
                self.index = index;
                if let Some(whatif) = whatif {
                    whatif.now = stats;
                }
            }
        }
        self.view.after_edit(&self.org);
        self.refresh_scope();
        let node = select
            .and_then(|id| self.org.find(id))
            .or(before.filter(|&n| self.org.get(n).is_some()));
        match node {
            Some(node) => self.select_post(node),
            None => self.select_row(self.selected),
        }
    }

    /// Keys in a form: editing its fields, Enter to accept, Esc to cancel.
    pub(super) fn form_update(&mut self, action: Action) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        match action {
            Action::Back => {
                self.form = None;
                self.message = Some("cancelled".into());
            }
            Action::Help => self.help = Some(0),
            // Enter on the name of the field to set goes on to its value, rather than
            // setting it to nothing (which would remove it).
            Action::Accept
                if matches!(form.purpose, FormPurpose::SetField(_)) && form.focus == 0 =>
            {
                self.form_update(Action::NextField);
            }
            Action::Accept => self.accept_form(),
            Action::NextField | Action::PreviousField => {
                let leaving = form.focus;
                form.edit(action);
                // Leaving the field name of "set a field": show the field's value now.
                if let FormPurpose::SetField(node) = form.purpose
                    && leaving == 0
                    && form.value(1).is_empty()
                {
                    let value = current_value(&self.org, node, form.value(0).trim());
                    let form = self.form.as_mut().expect("open");
                    form.fields[1].input = tui_input::Input::new(value);
                }
            }
            other => {
                form.edit(other);
            }
        }
    }

    pub(super) fn accept_form(&mut self) {
        let Some(form) = self.form.take() else {
            return;
        };
        let value = |i: usize| form.value(i).trim().to_owned();
        let refused = |app: &mut Self, mut form: Form, error: String| {
            form.error = Some(error);
            app.form = Some(form);
        };
        match form.purpose.clone() {
            FormPurpose::AddReport(under) => {
                let (title, holder, id) = (value(0), value(1), value(2));
                if title.is_empty() {
                    return refused(self, form, "a title is needed".into());
                }
                if id.is_empty() {
                    return refused(self, form, "an id is needed".into());
                }
                let mut post = Map::new();
                post.insert("id".into(), Value::String(id));
                post.insert("title".into(), Value::String(title.clone()));
                post.insert(
                    "holder".into(),
                    if holder.is_empty() {
                        Value::Null
                    } else {
                        Value::String(holder)
                    },
                );
                let edit = Edit::Add {
                    under: under.map(|m| id_text(&self.org, m)),
                    position: None,
                    post: Value::Object(post),
                };
                let text = match under {
                    Some(m) => format!("added '{}' under {}", Escaped(&title), named(&self.org, m)),
                    None => format!("added '{}' as a top post", Escaped(&title)),
                };
                self.edit_from_form(form, edit, text);
            }
            FormPurpose::Retitle(node) => {
                let new = value(0);
                if new.is_empty() {
                    return refused(self, form, "a title cannot be empty".into());
                }
                let edit = Edit::Retitle {
                    post: id_text(&self.org, node),
                    title: Text::from(new),
                };
                let text = describe(&self.org, &edit);
                self.edit_from_form(form, edit, text);
            }
            FormPurpose::Fill(node) => {
                let holder = value(0);
                if holder.is_empty() {
                    return refused(self, form, "type the holder's name (Esc cancels)".into());
                }
                let edit = Edit::Holder {
                    post: id_text(&self.org, node),
                    holder: Some(Text::from(holder)),
                };
                let text = describe(&self.org, &edit);
                self.edit_from_form(form, edit, text);
            }
            FormPurpose::SetField(node) => {
                let field = value(0);
                if field.is_empty() {
                    return refused(self, form, "name the field to set".into());
                }
                let typed = form.value(1).to_owned();
                let value = typed_value(&field, &typed);
                let text = if value.is_null() {
                    format!("removed {} of {}", Escaped(&field), named(&self.org, node))
                } else {
                    format!("set {} of {}", Escaped(&field), named(&self.org, node))
                };
                let edit = Edit::Set {
                    post: id_text(&self.org, node),
                    field: Text::from(field),
                    value,
                };
                self.edit_from_form(form, edit, text);
            }
            FormPurpose::SaveChart | FormPurpose::SaveScript => {
                let script = form.purpose == FormPurpose::SaveScript;
                let typed = value(0);
                if typed.is_empty() {
                    return refused(self, form, "type a file name".into());
                }
                let path = expand_home(&typed);
                if path.is_dir() {
                    return refused(self, form, "that is a folder: type a file name".into());
                }
                if let Some(question) = self.save_question(&path, script) {
                    self.choice = Some(Choice {
                        purpose: ChoicePurpose::Overwrite { path, script },
                        question,
                        answers: vec![('y', "yes, write over it".into())],
                        escape: "cancel (and change the file name)",
                    });
                    self.form = Some(form);
                    return;
                }
                if let Err(error) = self.save(&path, script) {
                    refused(self, form, error);
                }
            }
        }
    }

    /// An edit from a form: the form closes when it is done, and stays open with the reason
    /// when it is refused.
    pub(super) fn edit_from_form(&mut self, mut form: Form, edit: Edit, text: String) {
        if !self.do_edit(edit, text) {
            form.error = self.message.take();
            self.form = Some(form);
        }
    }

    /// Keys while a question is asked: the letter of an answer, or Esc.
    pub(super) fn choice_update(&mut self, action: Action) -> Outcome {
        let Some(choice) = self.choice.as_ref() else {
            return Outcome::Redraw;
        };
        let answer = match action {
            Action::Insert(c) => choice.answer(c),
            Action::Back | Action::Quit => None,
            Action::Help => {
                self.help = Some(0);
                return Outcome::Redraw;
            }
            _ => return Outcome::Redraw,
        };
        let Some(choice) = self.choice.take() else {
            return Outcome::Redraw;
        };
        let Some(answer) = answer else {
            if matches!(action, Action::Back | Action::Quit) {
                match choice.purpose {
                    // Deciding later is not an answer: the journal must not be written over.
                    ChoicePurpose::Recover => {
                        self.choice = Some(choice);
                        self.message = Some(
                            "r recovers the edits, n starts afresh; q quits and keeps the journal"
                                .into(),
                        );
                        if action == Action::Quit {
                            return Outcome::Quit;
                        }
                    }
                    _ => self.message = Some("cancelled".into()),
                }
            } else {
                self.message = Some("press one of the letters shown, or Esc".into());
                self.choice = Some(choice);
            }
            return Outcome::Redraw;
        };
        match (choice.purpose, answer) {
            (ChoicePurpose::Quit, 'y') => {
                if let Some(journal) = self.whatif.as_mut().and_then(|w| w.journal.as_mut()) {
                    let _ = journal.remove();
                }
                return Outcome::Quit;
            }
            (ChoicePurpose::Quit, 'w') => self.open_save_form(false),
            (ChoicePurpose::Close(node), answer) => {
                let reports = if answer == 't' {
                    Reports::Close
                } else {
                    Reports::Up
                };
                let team = self.index.team_posts(node);
                let text = if reports == Reports::Close {
                    format!("closed {} with its team of {team}", named(&self.org, node))
                } else {
                    format!(
                        "closed {}; its {} report{} moved up",
                        named(&self.org, node),
                        self.org.reports(node).len(),
                        plural(self.org.reports(node).len())
                    )
                };
                let edit = Edit::Close {
                    post: id_text(&self.org, node),
                    reports,
                };
                self.do_edit(edit, text);
            }
            (ChoicePurpose::Overwrite { path, script }, _) => {
                let form = self.form.take();
                if let Err(error) = self.save(&path, script) {
                    self.form = form.map(|mut form| {
                        form.error = Some(error.clone());
                        form
                    });
                    self.message = Some(error);
                }
            }
            (ChoicePurpose::Recover, 'r') => {
                if let Some(found) = self.recovery.take() {
                    self.recover(found);
                }
            }
            (ChoicePurpose::Recover, _) => {
                self.recovery = None;
                if let Some(journal) = self.whatif.as_mut().and_then(|w| w.journal.as_mut()) {
                    let _ = journal.remove();
                }
                self.message = Some("started afresh; the old journal is deleted".into());
            }
            _ => {}
        }
        Outcome::Redraw
    }
}

/// What `edit` does to `org`, in words, as the messages say it: for the edits of a journal,
/// which come without the words they were made with.
pub(super) fn describe(org: &Org, edit: &Edit) -> String {
    let post = |id: &str| {
        org.find(id)
            .map_or_else(|| format!("'{}'", Escaped(id)), |n| named(org, n))
    };
    match edit {
        Edit::Move {
            post: id, under, ..
        } => match under {
            Some(manager) => format!("moved {} under {}", post(id), post(manager)),
            None => format!("moved {} to the top", post(id)),
        },
        Edit::Add { post: value, .. } => format!(
            "added '{}'",
            Escaped(
                value
                    .get("title")
                    .and_then(Value::as_str)
                    .unwrap_or("a post")
            )
        ),
        Edit::Close { post: id, .. } => format!("closed {}", post(id)),
        Edit::Retitle { post: id, title } => {
            format!("retitled {} as '{}'", post(id), Escaped(title))
        }
        Edit::Holder {
            post: id,
            holder: None,
        } => format!("vacated {}", post(id)),
        Edit::Holder {
            post: id,
            holder: Some(holder),
        } => format!("filled {} with {}", post(id), Escaped(holder)),
        Edit::Set {
            post: id, field, ..
        } => format!("set {} of {}", Escaped(field), post(id)),
        Edit::Dotted { post: id, to, .. } => {
            format!("drew a dotted line from {} to {}", post(id), post(to))
        }
        Edit::Undotted { post: id, to } => {
            format!("removed the dotted line from {} to {}", post(id), post(to))
        }
        Edit::Chart { field, .. } => format!("set the chart's {}", Escaped(field)),
        Edit::Restore(_) | Edit::RestoreChart(_) | Edit::Reopen(_) => edit.kind().to_owned(),
    }
}

/// For an edit of one post's fields (not its place, not the chart's description), that post
/// as it is before the edit.
fn fields_only(org: &Org, edit: &Edit) -> Option<Post> {
    let id = match edit {
        Edit::Retitle { post, .. } | Edit::Holder { post, .. } | Edit::Set { post, .. } => {
            post.as_str()
        }
        _ => return None,
    };
    org.find(id).map(|node| org.post(node).clone())
}

/// The value typed for a field, as the edit takes it: empty removes the field; JSON where
/// it reads as JSON (a number, a list, a quoted text), else the text itself. Titles, holders
/// and the other text fields are taken as text whatever they look like.
fn typed_value(field: &str, typed: &str) -> Value {
    if typed.trim().is_empty() {
        return Value::Null;
    }
    let text_field = Field::named(field).is_some_and(Field::typed_as_text);
    if !text_field && let Ok(value) = serde_json::from_str::<Value>(typed) {
        return value;
    }
    Value::String(typed.to_owned())
}

/// The value of field `field` of post `node` as it would be typed: text as it is, anything
/// else as JSON; empty when the post does not have it.
fn current_value(org: &Org, node: NodeIndex, field: &str) -> String {
    let post = org.post(node);
    // A value a lenient load kept as it was (of the wrong type) is shown as it was.
    let kept = || {
        post.extra
            .iter()
            .find(|(key, _)| key == field)
            .map(|(_, value)| value.clone())
    };
    let value = match Field::named(field) {
        Some(Field::ReportsTo) => org
            .manager(node)
            .map(|manager| Value::from(org.post(manager).id().as_str())),
        Some(known) => known.to_json(post).or_else(kept),
        None => kept(),
    };
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text,
        Some(other) => other.to_string(),
    }
}

/// `~/x` as the file `x` in the home folder.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}
