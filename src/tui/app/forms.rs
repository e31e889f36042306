//! Forms: the keys that fill one in, and what Enter does, by what the form is for. The edit
//! forms of a what-if (a new report, a title, a holder, a field) are done here; a form that
//! saves is the saving module's.

use serde_json::{Map, Value};

use super::App;
use super::editing::{describe, id_text, named};
use crate::edit::Edit;
use crate::org::{Field, NodeIndex, Org, Text};
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::form::{Form, FormPurpose};
use crate::tui::overlay::Overlay;

impl App {
    /// Opens `form` over the screen.
    pub(super) fn open_form(&mut self, form: Form) {
        self.overlays.push(Overlay::Form(form));
    }

    /// Puts `form` back with `error` shown in it: what was typed is kept to be corrected.
    pub(super) fn refuse_form(&mut self, mut form: Form, error: String) {
        form.error = Some(error);
        self.open_form(form);
    }

    /// Keys in a form: editing its fields, Enter to accept, Esc to cancel.
    pub(super) fn form_update(&mut self, action: Action) {
        // Tab on the name of the field to set completes it, as a shell does: to the one field
        // it begins, or as far as the fields it begins agree.
        let naming = self
            .overlays
            .form()
            .is_some_and(|f| matches!(f.purpose, FormPurpose::SetField(_)) && f.focus == 0);
        if action == Action::NextField && naming && self.complete_field_name() {
            return;
        }
        let Some(form) = self.overlays.form_mut() else {
            return;
        };
        match action {
            Action::Back => {
                self.overlays.take_form();
                self.message = Some("cancelled".into());
            }
            Action::Help => self.open_help(),
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
                    if let Some(form) = self.overlays.form_mut() {
                        form.fields[1].input = tui_input::Input::new(value);
                    }
                }
            }
            other => {
                // In the add form, the id follows the title while it is the one suggested.
                let adding = match form.purpose {
                    FormPurpose::AddReport(under) if form.focus == 0 => Some((
                        under,
                        form.value(0).trim().to_owned(),
                        form.value(4).to_owned(),
                    )),
                    _ => None,
                };
                let follows = adding.and_then(|(under, title, id)| {
                    (id == self.suggested_id(under, &title)).then_some(under)
                });
                let Some(form) = self.overlays.form_mut() else {
                    return;
                };
                form.edit(other);
                if let Some(under) = follows {
                    let title = form.value(0).trim().to_owned();
                    let id = self.suggested_id(under, &title);
                    if let Some(form) = self.overlays.form_mut() {
                        form.fields[4].input = tui_input::Input::new(id);
                    }
                }
            }
        }
    }

    /// Completes the field name typed in the "set a field" form; true when the name stays
    /// to be finished (several fields begin so), false to go on to the value.
    fn complete_field_name(&mut self) -> bool {
        let Some(form) = self.overlays.form() else {
            return false;
        };
        let FormPurpose::SetField(node) = form.purpose else {
            return false;
        };
        let typed = form.value(0).trim().to_owned();
        let post = self.org.post(node);
        let mut names: Vec<String> = crate::org::fields::FIELDS
            .iter()
            .map(|spec| spec.field.name().to_owned())
            .chain(post.extra.iter().map(|(key, _)| key.to_string()))
            .collect();
        names.sort();
        names.dedup();
        if typed.is_empty() || names.contains(&typed) {
            return false;
        }
        let lower = typed.to_lowercase();
        let found: Vec<&String> = names
            .iter()
            .filter(|n| n.to_lowercase().starts_with(&lower))
            .collect();
        let completed = match found.as_slice() {
            [] => return false,
            [one] => (*one).clone(),
            [first, rest @ ..] => {
                let mut common: String = (*first).clone();
                for other in rest {
                    while !other.to_lowercase().starts_with(&common.to_lowercase()) {
                        common.pop();
                    }
                }
                let shown: Vec<String> = found
                    .iter()
                    .map(|n| crate::text::Escaped(n).to_string())
                    .collect();
                self.message = Some(format!("fields beginning so: {}", shown.join(", ")));
                common
            }
        };
        let finished = found.len() == 1;
        if let Some(form) = self.overlays.form_mut() {
            form.fields[0].input = tui_input::Input::new(completed);
        }
        // One field: on to its value (with Tab again, as Enter would).
        if finished {
            self.form_update(Action::NextField);
        }
        true
    }

    /// Enter in a form: done by the module that owns what the form is for.
    fn accept_form(&mut self) {
        let Some(form) = self.overlays.take_form() else {
            return;
        };
        match form.purpose.clone() {
            FormPurpose::SaveChart => self.accept_save_form(form, false),
            FormPurpose::SaveScript => self.accept_save_form(form, true),
            FormPurpose::AddReport(under) => self.accept_add(form, under),
            FormPurpose::Retitle(node) => self.accept_retitle(form, node),
            FormPurpose::Fill(node) => self.accept_fill(form, node),
            FormPurpose::SetField(node) => self.accept_set_field(form, node),
        }
    }

    fn accept_add(&mut self, form: Form, under: Option<NodeIndex>) {
        let value = |i: usize| form.value(i).trim().to_owned();
        let (title, holder, grade, unit, id) = (value(0), value(1), value(2), value(3), value(4));
        if title.is_empty() {
            return self.refuse_form(form, "a title is needed".into());
        }
        if id.is_empty() {
            return self.refuse_form(form, "an id is needed".into());
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
        for (field, value) in [("grade", grade), ("unit", unit)] {
            if !value.is_empty() {
                post.insert(field.into(), Value::String(value));
            }
        }
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

    fn accept_retitle(&mut self, form: Form, node: NodeIndex) {
        let new = form.value(0).trim().to_owned();
        if new.is_empty() {
            return self.refuse_form(form, "a title cannot be empty".into());
        }
        let edit = Edit::Retitle {
            post: id_text(&self.org, node),
            title: Text::from(new),
        };
        let text = describe(&self.org, &edit);
        self.edit_from_form(form, edit, text);
    }

    fn accept_fill(&mut self, form: Form, node: NodeIndex) {
        let holder = form.value(0).trim().to_owned();
        if holder.is_empty() {
            return self.refuse_form(form, "type the holder's name (Esc cancels)".into());
        }
        let edit = Edit::Holder {
            post: id_text(&self.org, node),
            holder: Some(Text::from(holder)),
        };
        let text = describe(&self.org, &edit);
        self.edit_from_form(form, edit, text);
    }

    fn accept_set_field(&mut self, form: Form, node: NodeIndex) {
        let field = form.value(0).trim().to_owned();
        if field.is_empty() {
            return self.refuse_form(form, "name the field to set".into());
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
            keep_null: false,
            as_written: false,
        };
        self.edit_from_form(form, edit, text);
    }

    /// An edit from a form: the form closes when it is done, and stays open with the reason
    /// when it is refused.
    fn edit_from_form(&mut self, form: Form, edit: Edit, text: String) {
        if !self.do_edit(edit, text) {
            let error = self.message.take().unwrap_or_default();
            self.refuse_form(form, error);
        }
    }
}

/// The value typed for a field, as the edit takes it: empty removes the field; JSON where
/// it reads as JSON (a number, a list, a quoted text), else the text itself. Titles, holders
/// and the other text fields are taken as text whatever they look like, but for a holder
/// typed as an object (`{"undisclosed": true}`).
fn typed_value(field: &str, typed: &str) -> Value {
    if typed.trim().is_empty() {
        return Value::Null;
    }
    let known = Field::named(field);
    let text_field = known.is_some_and(Field::typed_as_text);
    let object = known == Some(Field::Holder) && typed.trim_start().starts_with('{');
    if (!text_field || object)
        && let Ok(value) = serde_json::from_str::<Value>(typed)
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holder_is_typed_as_a_name_or_as_the_object_saying_it_is_not_disclosed() {
        assert_eq!(typed_value("holder", "2024"), Value::from("2024"));
        assert_eq!(typed_value("holder", "Ann Lee"), Value::from("Ann Lee"));
        assert_eq!(
            typed_value("holder", r#"{"undisclosed": true}"#),
            serde_json::json!({"undisclosed": true})
        );
        assert_eq!(
            typed_value("cost", r#"{"min": 1, "max": 2}"#),
            serde_json::json!({"min": 1, "max": 2})
        );
        assert_eq!(typed_value("title", "{x}"), Value::from("{x}"));
    }
}
