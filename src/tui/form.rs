//! The small dialogs of a what-if: forms of text fields, each a line editor, and questions
//! answered with a letter. State only; `app/editing.rs` acts on them and `ui/form.rs` draws.

use tui_input::{Input, InputRequest};

use super::action::Action;
use crate::org::NodeIndex;

/// What a form is for: what Enter does with its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormPurpose {
    /// A new report under this post (a new top post when `None`): title, holder, id.
    AddReport(Option<NodeIndex>),
    /// A new title for the post.
    Retitle(NodeIndex),
    /// A holder for the vacant post.
    Fill(NodeIndex),
    /// A field of the post and its value.
    SetField(NodeIndex),
    /// A file to save the chart to.
    SaveChart,
    /// A file to save the change script to.
    SaveScript,
}

/// One labelled text field.
#[derive(Clone, Debug)]
pub struct FormField {
    pub label: &'static str,
    pub input: Input,
    /// What the field is for, shown under the form while it has the cursor.
    pub hint: &'static str,
}

impl FormField {
    #[must_use]
    pub fn new(label: &'static str, value: &str, hint: &'static str) -> Self {
        Self {
            label,
            input: Input::new(value.to_owned()),
            hint,
        }
    }

    #[must_use]
    pub fn value(&self) -> &str {
        self.input.value()
    }
}

/// A form: a title, fields, the one with the cursor, and a note on what went wrong last.
#[derive(Clone, Debug)]
pub struct Form {
    pub purpose: FormPurpose,
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Form {
    #[must_use]
    pub fn new(purpose: FormPurpose, title: String, fields: Vec<FormField>) -> Self {
        Self {
            purpose,
            title,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The text of field `i`.
    #[must_use]
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", FormField::value)
    }

    /// Edits the field with the cursor, or moves between fields. True when the action was
    /// one of those.
    pub fn edit(&mut self, action: Action) -> bool {
        let request = match action {
            Action::Insert(c) => InputRequest::InsertChar(c),
            Action::DeleteBack => InputRequest::DeletePrevChar,
            Action::DeleteForward => InputRequest::DeleteNextChar,
            Action::ClearLine => InputRequest::DeleteLine,
            Action::CursorLeft => InputRequest::GoToPrevChar,
            Action::CursorRight => InputRequest::GoToNextChar,
            Action::CursorHome => InputRequest::GoToStart,
            Action::CursorEnd => InputRequest::GoToEnd,
            Action::NextField => {
                self.focus = (self.focus + 1) % self.fields.len().max(1);
                return true;
            }
            Action::PreviousField => {
                self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1);
                return true;
            }
            _ => return false,
        };
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.input.handle(request);
            self.error = None;
        }
        true
    }
}

/// What a question is for: what its answers do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChoicePurpose {
    /// How to close a post with reports.
    Close(NodeIndex),
    /// Quit with unsaved edits.
    Quit,
    /// Save the chart (or the script) to this file, which needs a yes first.
    Overwrite {
        path: std::path::PathBuf,
        script: bool,
    },
    /// Resume the edits a journal holds, or start afresh.
    Recover,
    /// While browsing, a key that would change the chart: start a what-if and do it?
    StartWhatIf(crate::tui::action::Action),
}

/// A question, its answers (a letter and what it does), and the letter Enter gives.
#[derive(Clone, Debug)]
pub struct Choice {
    pub purpose: ChoicePurpose,
    pub question: String,
    pub answers: Vec<(char, String)>,
    /// What Esc does, shown with the answers.
    pub escape: &'static str,
}

impl Choice {
    /// The answer a letter gives, if it is one of the answers.
    #[must_use]
    pub fn answer(&self, letter: char) -> Option<char> {
        self.answers
            .iter()
            .map(|(key, _)| *key)
            .find(|key| key.eq_ignore_ascii_case(&letter))
    }
}
