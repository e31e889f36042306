//! Doing an edit: every precondition is checked before the chart changes, so a refused edit
//! leaves it exactly as it was; a done edit gives back the edit that undoes it.

use serde_json::Value;

use super::close::{close, reopen_posts};
use super::find;
use super::read::read_post;
use super::set::{
    ChartValue, chart_value, dotted_targets_exist, kept_value, known_value, put_chart_text,
    put_field, put_known, unknown_field,
};
use super::{Edit, EditError, FieldBack, KnownBack, LineBack, Reports};
use crate::org::{Dotted, Field, Holder, List, NodeIndex, Org, Post, PostId, Shared, Text};

/// Does `edit` to `org` and gives the edit that undoes it, or says why it cannot be done.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<Edit, EditError> {
    apply_with(org, edit, false)
}

/// Whether post `node` keeps a value of the wrong type as written under the name `field`.
pub(super) fn keeps(org: &Org, node: NodeIndex, field: Field) -> bool {
    let name = field.name();
    org.post(node).extra.iter().any(|(key, _)| key == name)
}

/// As [`apply`]; when `lenient`, what a lenient load keeps is kept too: a dotted line to a
/// post that is not in the chart, a value of the wrong type inside a post added, a staff
/// group or a dotted line, and a value kept as written under a field's name (`as_written`).
pub(super) fn apply_with(org: &mut Org, edit: &Edit, lenient: bool) -> Result<Edit, EditError> {
    match edit {
        Edit::Move {
            post,
            under,
            position,
        } => {
            let node = find(org, post)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            if manager.is_some() && keeps(org, node, Field::ReportsTo) {
                return Err(EditError::KeptReportsTo(post.clone()));
            }
            let undo = Edit::Move {
                post: post.clone(),
                under: id_of(org, org.manager(node)),
                position: Some(org.position(node)),
            };
            org.set_manager(node, manager, *position)?;
            Ok(undo)
        }
        Edit::Add {
            under,
            position,
            post,
        } => {
            let post = new_post(org, post, lenient)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            let id = Text::from(post.id().as_str());
            org.insert_post(post, manager, *position)?;
            Ok(Edit::Close {
                post: id,
                reports: Reports::Up,
            })
        }
        Edit::Close { post, reports } => {
            let node = find(org, post)?;
            Ok(Edit::Reopen(Box::new(close(org, node, *reports))))
        }
        Edit::Retitle { post, title } => {
            if title.trim().is_empty() {
                return Err(EditError::EmptyTitle);
            }
            let node = find(org, post)?;
            let back = KnownBack::of(org, node, Field::Title);
            org.post_mut(node).title = Shared::from(title.as_str());
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::Holder { post, holder } => {
            let node = find(org, post)?;
            let mut back = KnownBack::of(org, node, Field::Holder);
            // A blank name is no one, as a chart file reads it.
            org.post_mut(node).holder = match holder {
                Some(name) if !name.trim().is_empty() => Holder::Named(name.clone()),
                _ => Holder::Vacant,
            };
            // A holder of the wrong type a lenient load kept goes, as with a `set`.
            let name = Field::Holder.name();
            let taken = put_field(&mut org.post_mut(node).extra, name, None, None);
            if taken.is_some() {
                back.kept = Some(taken);
            }
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::Set {
            post,
            field,
            value,
            keep_null,
            as_written,
        } => {
            let node = find(org, post)?;
            let Some(known) = Field::named(field) else {
                let new = unknown_field(post, field, value, *keep_null, *as_written)?;
                let was = put_field(&mut org.post_mut(node).extra, field, new, None);
                return Ok(Edit::RestoreField(Box::new(FieldBack {
                    post: post.clone(),
                    field: field.clone(),
                    was,
                })));
            };
            if *as_written {
                let kept = kept_value(org, node, known, value, lenient)?;
                let mut back = KnownBack::of(org, node, known);
                if kept.is_some() {
                    // What a lenient load keeps as written, it does not read as the field.
                    put_known(org, node, known, &Post::new(post.as_str(), ""));
                }
                let kept = kept.map(|value| (Text::from(known.name()), value));
                back.kept = Some(put_field(
                    &mut org.post_mut(node).extra,
                    known.name(),
                    kept,
                    None,
                ));
                return Ok(Edit::RestoreKnown(Box::new(back)));
            }
            if known == Field::ReportsTo {
                return Err(EditError::ManagerBySet);
            }
            let from = known_value(org, post, known, value, lenient)?;
            let mut back = KnownBack::of(org, node, known);
            put_known(org, node, known, &from);
            // A value of the wrong type a lenient load kept under the field's name goes.
            back.kept = Some(put_field(
                &mut org.post_mut(node).extra,
                known.name(),
                None,
                None,
            ));
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::RestoreKnown(back) => {
            let node = find(org, &back.post)?;
            let mut undo = KnownBack::of(org, node, back.field);
            put_known(org, node, back.field, &back.was);
            undo.kept = back.kept.as_ref().map(|kept| {
                let name = back.field.name();
                let new = kept
                    .as_ref()
                    .map(|(_, value)| (Text::from(name), value.clone()));
                let at = kept.as_ref().map(|(at, _)| *at);
                put_field(&mut org.post_mut(node).extra, name, new, at)
            });
            Ok(Edit::RestoreKnown(Box::new(undo)))
        }
        Edit::RestoreField(back) => {
            let node = find(org, &back.post)?;
            let (at, new) = match &back.was {
                Some((at, value)) => (Some(*at), Some((back.field.clone(), value.clone()))),
                None => (None, None),
            };
            let was = put_field(&mut org.post_mut(node).extra, &back.field, new, at);
            Ok(Edit::RestoreField(Box::new(FieldBack {
                post: back.post.clone(),
                field: back.field.clone(),
                was,
            })))
        }
        Edit::Dotted { post, to, label } => {
            let node = find(org, post)?;
            if !lenient {
                find(org, to)?;
            }
            if keeps(org, node, Field::Dotted) {
                return Err(EditError::KeptDotted(post.clone()));
            }
            let lines = org.dotted_mut(node);
            lines.push(Dotted {
                to: PostId::new(to.as_str()),
                label: label.clone(),
                extra: List::new(),
            });
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: post.clone(),
                at: lines.len() - 1,
                line: None,
            })))
        }
        Edit::Undotted { post, to } => {
            let node = find(org, post)?;
            let at = org
                .post(node)
                .dotted
                .iter()
                .position(|line| line.to.as_str() == to.as_str())
                .ok_or_else(|| EditError::NoDottedLine {
                    post: post.clone(),
                    to: to.clone(),
                })?;
            let line = org.dotted_mut(node).remove(at);
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: post.clone(),
                at,
                line: Some(line),
            })))
        }
        Edit::RestoreLine(back) => {
            let node = find(org, &back.post)?;
            let lines = org.dotted_mut(node);
            let line = match &back.line {
                Some(line) => {
                    lines.insert(back.at.min(lines.len()), line.clone());
                    None
                }
                None if back.at < lines.len() => Some(lines.remove(back.at)),
                None => {
                    return Err(EditError::NoDottedLine {
                        post: back.post.clone(),
                        to: Text::default(),
                    });
                }
            };
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: back.post.clone(),
                at: back.at,
                line,
            })))
        }
        Edit::Chart {
            field,
            value,
            keep_null,
            as_written,
        } => {
            let new = chart_value(field, value, *keep_null, *as_written, lenient)?;
            let old = org.meta.clone();
            match new {
                ChartValue::Known(known, text) => {
                    put_chart_text(&mut org.meta, known, text);
                    // A value of the wrong type a lenient load kept under the name goes.
                    put_field(&mut org.meta.extra, field, None, None);
                }
                ChartValue::AsWritten(known, kept) => {
                    if kept.is_some() {
                        put_chart_text(&mut org.meta, known, None);
                    }
                    put_field(&mut org.meta.extra, field, kept, None);
                }
                ChartValue::Unknown(new) => {
                    put_field(&mut org.meta.extra, field, new, None);
                }
            }
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::RestoreChart(meta) => {
            let old = std::mem::replace(&mut org.meta, (**meta).clone());
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::Reopen(reopen) => reopen_posts(org, reopen),
    }
}

fn id_of(org: &Org, node: Option<NodeIndex>) -> Option<Text> {
    node.map(|n| Text::from(org.post(n).id().as_str()))
}

/// The post an `add` gives, checked: an object as a chart file holds it, with a new id and
/// dotted lines to posts of the chart (read as a lenient load reads it when `lenient`). A
/// `reports_to` in it is refused, as the edit says where the post goes.
fn new_post(org: &Org, value: &Value, lenient: bool) -> Result<Post, EditError> {
    if value.get("reports_to").is_some_and(|v| !v.is_null()) {
        return Err(EditError::ManagerBySet);
    }
    if value
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(str::is_empty)
    {
        return Err(EditError::EmptyId);
    }
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.shift_remove("reports_to");
    }
    let post = read_post(&value, lenient).map_err(EditError::Invalid)?;
    if org.find(post.id().as_str()).is_some() {
        return Err(crate::org::OrgError::DuplicateId(post.id().clone()).into());
    }
    dotted_targets_exist(org, &post, lenient)?;
    Ok(post)
}

#[cfg(test)]
#[path = "apply_tests.rs"]
mod tests;
