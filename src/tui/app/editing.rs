//! What-if editing on the screen: the edit keys, cut and paste, closing a post, undo and
//! redo, and bringing the screen up to date after an edit. The forms the keys open are done
//! in `forms`, saving in `saving`, recovery in `recovery`.

use crate::tui::keys::Mode;
use serde_json::Value;

use super::App;
use crate::edit::{Edit, Reports};
use crate::org::tally::Tally;
use crate::org::{NodeIndex, Org, Text};
use crate::report::plural;
use crate::report::tree::{holder, title};
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::chart_index::ChartIndex;
use crate::tui::follow::Follow;
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
                if self.whatif.is_none() && self.options.read_only {
                    self.message = Some(READ_ONLY.into());
                    return true;
                }
                if self.whatif.is_none() {
                    // Browsing: a key that changes the chart at once asks first (a form
                    // asks by itself).
                    if !matches!(
                        action,
                        Action::AddReport | Action::Retitle | Action::EditField
                    ) {
                        self.ask_to_start_whatif(action);
                        return true;
                    }
                    if !self.start_whatif(false) {
                        return true;
                    }
                }
                self.edit_key(action);
            }
            _ => return false,
        }
        true
    }

    /// Asks whether to start a what-if with the edit `action`, on the selected post.
    fn ask_to_start_whatif(&mut self, action: Action) {
        let Some(node) = self.selected_post() else {
            self.message = Some("no post selected".into());
            return;
        };
        let post = self.org.post(node);
        let title = crate::text::Escaped(&post.title).to_string();
        let what = match action {
            Action::ClosePost => format!("Close '{title}'"),
            Action::Holder if post.is_vacant() => format!("Fill '{title}'"),
            Action::Holder => format!("Vacate '{title}'"),
            Action::Cut => format!("Cut '{title}' and its team, to paste elsewhere"),
            _ => format!("Paste under '{title}'"),
        };
        self.ask(Choice {
            purpose: ChoicePurpose::StartWhatIf(action),
            question: format!(
                "{what}? This starts a what-if: a restructure rehearsed on a copy of the chart, which {} undoes. The file changes only if you save over it ({}).",
                self.key(Mode::Edit, Action::Undo),
                self.key(Mode::Edit, Action::Save)
            ),
            answers: vec![('y', "yes, start the what-if".into())],
            escape: "no, keep browsing",
        });
    }

    /// Yes to starting a what-if with an edit key.
    pub(super) fn answer_start_whatif(&mut self, action: Action) {
        if self.whatif.is_none() && self.start_whatif(false) {
            self.edit_key(action);
        }
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
                let (paste, beside) = (
                    self.key(Mode::Edit, Action::Paste),
                    self.key(Mode::Edit, Action::PasteSibling),
                );
                self.message = Some(format!(
                    "cut {}{}: {paste} pastes it under the selected post, {beside} beside it",
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
                self.open_form(Form::new(
                    FormPurpose::Retitle(node),
                    format!("Retitle {}", named(&self.org, node)),
                    vec![FormField::new("title", &current, "the new title")],
                ));
            }
            Action::Holder => {
                if self.org.post(node).is_vacant() {
                    self.open_form(Form::new(
                        FormPurpose::Fill(node),
                        format!("Fill {}", named(&self.org, node)),
                        vec![FormField::new("holder", "", "the person in post")],
                    ));
                } else {
                    let edit = Edit::Holder {
                        post: id_text(&self.org, node),
                        holder: None,
                    };
                    let was = holder(self.org.post(node));
                    let text = format!("vacated {} (was {was})", named(&self.org, node));
                    self.do_edit(edit, text);
                }
            }
            Action::EditField => {
                self.open_form(Form::new(
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
            self.message = Some(format!(
                "nothing is cut: {} cuts the selected post with its team",
                self.key(Mode::Edit, Action::Cut)
            ));
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
        let suggested = self.suggested_id(under, "");
        let title = match under {
            Some(m) => format!("Add a report to {}", named(&self.org, m)),
            None => "Add a top post".to_owned(),
        };
        // The unit of the manager, as most reports share it.
        let unit = under
            .and_then(|m| self.org.post(m).unit.as_deref().map(str::to_owned))
            .unwrap_or_default();
        self.open_form(Form::new(
            FormPurpose::AddReport(under),
            title,
            vec![
                FormField::new("title", "", "the title of the new post"),
                FormField::new("holder", "", "the person in post; empty: vacant"),
                FormField::new("grade", "", "its grade; empty: none"),
                FormField::new("unit", &unit, "its unit; empty: none"),
                FormField::new(
                    "id",
                    &suggested,
                    "a new id, unique in the chart (made from the title)",
                ),
            ],
        ));
    }

    /// An id for a new post, unique in the chart: made from its `title` (its words in lower
    /// case, joined by hyphens), or from the manager's id when there is no title yet, with a
    /// number when it is taken.
    pub(super) fn suggested_id(&self, under: Option<NodeIndex>, title: &str) -> String {
        // ASCII letters and digits, which every tool takes in an id.
        let words: Vec<String> = title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .map(str::to_ascii_lowercase)
            .collect();
        let base = if words.is_empty() {
            under.map_or_else(
                || "post".to_owned(),
                |m| format!("{}-report", self.org.post(m).id().as_str()),
            )
        } else {
            words.join("-")
        };
        if self.org.find(&base).is_none() {
            return base;
        }
        (2..=self.org.len() + 2)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.org.find(id).is_none())
            .unwrap_or(base)
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
        self.ask(Choice {
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

    /// The answer to "close how?": its reports move up, or its whole team closes.
    pub(super) fn answer_close(&mut self, node: NodeIndex, answer: char) {
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

    /// Does an edit of the what-if, then shows the chart as it is now, with `text` (what was
    /// done) in the status bar. False, with the reason shown, when it was refused.
    pub(super) fn do_edit(&mut self, edit: Edit, text: String) -> bool {
        let done = format!("{text}; {} undoes", self.key(Mode::Edit, Action::Undo));
        let Some(whatif) = self.whatif.as_mut() else {
            return false;
        };
        let select = edit.post_id().map(std::borrow::Cow::into_owned);
        let follow = Follow::before(&self.org, &self.index, &edit);
        match whatif.edit(&mut self.org, edit, text) {
            Ok(()) => {
                self.after_change(select.as_deref(), Some(follow));
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
        // What undo does is the step's undo; what redo does, its edit.
        let follow = next.map(|step| {
            let edit = if undo { &step.undo } else { &step.edit };
            Follow::before(&self.org, &self.index, edit)
        });
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
                self.after_change(select.as_deref(), follow);
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

    /// After the chart changed: its index, view and figures brought up to date, the search
    /// and filter worked out again, and `select` (an id) selected when it is still there.
    /// `follow` is what the edit was noted to change before it was done: the index and the
    /// figures follow that alone, which keeps every edit quick on a large chart; without it
    /// (a recovery, many edits at once) both are worked out again from the whole chart.
    pub(super) fn after_change(&mut self, select: Option<&str>, follow: Option<Follow>) {
        let before = self.selected_post();
        let came = match (follow, self.whatif.as_mut()) {
            (Some(follow), Some(whatif)) => {
                follow.after(&self.org, &mut self.index, &mut whatif.now)
            }
            _ => None,
        };
        if came.is_none() {
            let org = &self.org;
            let (index, tally) = std::thread::scope(|scope| {
                let tally = scope.spawn(|| Tally::of(org));
                let index = ChartIndex::of(org);
                (
                    index,
                    tally
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                )
            });
            self.index = index;
            if let Some(whatif) = self.whatif.as_mut() {
                whatif.now = tally;
            }
        }
        self.view.after_edit(&self.org, came.as_deref());
        self.refresh_scope();
        let node = select
            .and_then(|id| self.org.find(id))
            .or(before.filter(|&n| self.org.get(n).is_some()));
        match node {
            Some(node) => self.select_post(node),
            None => self.select_row(self.selected),
        }
    }
}

/// Why an edit key does nothing while browsing with `read-only` set.
pub const READ_ONLY: &str = "read-only: browsing starts no what-if (read-only = true in the configuration); orgtree edit FILE rehearses a restructure";

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
        Edit::RestoreKnown(_)
        | Edit::RestoreField(_)
        | Edit::RestoreLine(_)
        | Edit::RestoreChart(_)
        | Edit::Reopen(_) => edit.kind().to_owned(),
    }
}
