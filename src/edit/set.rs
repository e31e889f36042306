//! Setting one field: a post's field the format knows (through the field table), one it
//! does not know (kept in place, in its order), and a field of the chart's description.
//! `null` removes a field, unless `keep_null` keeps an unknown one as `null`. A value of the
//! wrong type kept as written under a known field's name, as a lenient load keeps it
//! (`as_written`), is set only when a script is replayed leniently.

use serde_json::Value;

use super::EditError;
use super::read::{read_chart_field, read_field};
use crate::org::fields::ChartField;
use crate::org::{Field, List, Meta, NodeIndex, Org, Post, Text};

/// Whether every dotted line of `post` leads to a post of `org` (or to itself); a `lenient`
/// edit keeps a line to a post that is not there, as a lenient load does.
pub(super) fn dotted_targets_exist(org: &Org, post: &Post, lenient: bool) -> Result<(), EditError> {
    if lenient {
        return Ok(());
    }
    for line in &post.dotted {
        if line.to != *post.id() && org.find(line.to.as_str()).is_none() {
            return Err(EditError::UnknownPost(Text::from(line.to.as_str())));
        }
    }
    Ok(())
}

/// A post that gives field `known` of post `id` the value `value` (`null`: none), as a
/// chart file would give it (read as a lenient load reads it when `lenient`), and nothing else
/// of note; or why the field cannot be set so. A value a lenient read keeps as written rather
/// than as the field is refused: that is what `as_written` says.
pub(super) fn known_value(
    org: &Org,
    id: &str,
    known: Field,
    value: &Value,
    lenient: bool,
) -> Result<Post, EditError> {
    match known {
        Field::Id => return Err(EditError::FixedId),
        Field::ReportsTo => return Err(EditError::ManagerBySet),
        Field::Title if value.is_null() => return Err(EditError::EmptyTitle),
        _ => {}
    }
    // `null` takes the value of a post that does not give the field.
    let from = if value.is_null() {
        Post::new(id, "")
    } else {
        let from = read_field(id, known.name(), value, lenient).map_err(EditError::Invalid)?;
        if from.extra.iter().any(|(key, _)| key == known.name()) {
            // Only a lenient read keeps a value of the wrong type: the strict read says why.
            let why = read_field(id, known.name(), value, false).err();
            return Err(EditError::Invalid(why.unwrap_or_default()));
        }
        from
    };
    if known == Field::Dotted {
        dotted_targets_exist(org, &from, lenient)?;
    }
    Ok(from)
}

/// The value field `known` of post `node` keeps as written when a `set` with `as_written`
/// gives it `value`: the value itself, which must be one a lenient load keeps under the
/// field's name rather than reads as the field; or none (`null`), to take out such a value.
pub(super) fn kept_value(
    org: &Org,
    node: NodeIndex,
    known: Field,
    value: &Value,
    lenient: bool,
) -> Result<Option<Value>, EditError> {
    let name = known.name();
    if known == Field::Id {
        return Err(EditError::FixedId);
    }
    if value.is_null() {
        return Ok(None);
    }
    if !lenient {
        return Err(EditError::AsWritten(Text::from(name)));
    }
    let id = org.post(node).id().as_str();
    let read = read_field(id, name, value, true).map_err(EditError::Invalid)?;
    // A manager whose line a lenient load does not draw (unknown, the post itself, a loop)
    // is kept as written too, whatever its type.
    let kept = known == Field::ReportsTo
        || read.extra.len() == 1 && read.extra[0].0 == name && read.extra[0].1 == *value;
    if !kept {
        return Err(EditError::NotKept(Text::from(name)));
    }
    if known == Field::ReportsTo
        && let Some(manager) = org.manager(node)
    {
        return Err(EditError::KeptManager {
            post: Text::from(id),
            manager: Text::from(org.post(manager).id().as_str()),
        });
    }
    Ok(Some(value.clone()))
}

/// Gives post `node` the value of field `known` that `from` has, in place. A value of the
/// wrong type a lenient load kept under the field's name is the caller's to take out:
/// left beside the new value, the post would give the field twice.
pub(super) fn put_known(org: &mut Org, node: NodeIndex, known: Field, from: &Post) {
    if known == Field::Dotted && !from.dotted.is_empty() {
        // Through `dotted_mut`, so that the chart knows the post has dotted lines.
        let _ = org.dotted_mut(node);
    }
    known.copy(from, org.post_mut(node));
}

/// A field the format does not know, read as a chart file would give it (`null`: none,
/// unless `keep_null` keeps it with the value `null`).
pub(super) fn unknown_field(
    post: &str,
    field: &str,
    value: &Value,
    keep_null: bool,
    as_written: bool,
) -> Result<Option<(Text, Value)>, EditError> {
    if as_written {
        return Err(EditError::NotKept(Text::from(field)));
    }
    if value.is_null() {
        return Ok(keep_null.then(|| (Text::from(field), Value::Null)));
    }
    let mut read = read_field(post, field, value, false).map_err(EditError::Invalid)?;
    let i = read.extra.iter().position(|(key, _)| key == field);
    Ok(i.map(|i| read.extra.remove(i)))
}

/// Makes `new` the field `field` of `extra` (the first of that name), or takes the field
/// out when `new` is none; a field not there yet goes at `at` (last when none). Gives where
/// the field was and its value.
pub(super) fn put_field(
    extra: &mut List<(Text, Value)>,
    field: &str,
    new: Option<(Text, Value)>,
    at: Option<usize>,
) -> Option<(usize, Value)> {
    let found = extra.iter().position(|(key, _)| key == field);
    match (found, new) {
        (Some(i), Some(new)) => Some((i, std::mem::replace(&mut extra[i], new).1)),
        (Some(i), None) => Some((i, extra.remove(i).1)),
        (None, Some(new)) => {
            let at = at.map_or(extra.len(), |at| at.min(extra.len()));
            extra.insert(at, new);
            None
        }
        (None, None) => None,
    }
}

/// What a `chart` edit gives a field of the chart's description: the text of one the format
/// knows (which takes out a value kept as written under its name), a value of the wrong type
/// kept as written under its name (none: taken out), or one it does not know (none: taken
/// out).
pub(super) enum ChartValue {
    Known(ChartField, Option<Text>),
    AsWritten(ChartField, Option<(Text, Value)>),
    Unknown(Option<(Text, Value)>),
}

/// What setting `field` of the chart's description to `value` gives it (`null` removes it,
/// unless `keep_null` keeps an unknown field as `null`; with `as_written`, `value` is kept as
/// written under the name of a field the format knows, as a lenient load keeps a value of the
/// wrong type, which only a `lenient` replay does), or why it cannot be set so.
pub(super) fn chart_value(
    field: &str,
    value: &Value,
    keep_null: bool,
    as_written: bool,
    lenient: bool,
) -> Result<ChartValue, EditError> {
    let known = ChartField::named(field);
    if matches!(known, Some(ChartField::Version | ChartField::Posts)) {
        return Err(EditError::FixedChartField(Text::from(field)));
    }
    if as_written {
        let Some(known) = known else {
            return Err(EditError::NotKept(Text::from(field)));
        };
        if value.is_null() {
            return Ok(ChartValue::AsWritten(known, None));
        }
        if !lenient {
            return Err(EditError::AsWritten(Text::from(field)));
        }
        // A lenient load keeps what a strict one refuses (the text fields take any string).
        if read_chart_field(field, value).is_ok() {
            return Err(EditError::NotKept(Text::from(field)));
        }
        return Ok(ChartValue::AsWritten(
            known,
            Some((Text::from(field), value.clone())),
        ));
    }
    let read = if value.is_null() {
        None
    } else {
        Some(read_chart_field(field, value).map_err(EditError::Invalid)?)
    };
    Ok(match known {
        Some(known @ ChartField::Name) => ChartValue::Known(known, read.and_then(|r| r.name)),
        Some(known @ ChartField::AsOf) => ChartValue::Known(known, read.and_then(|r| r.as_of)),
        Some(known @ ChartField::Source) => ChartValue::Known(known, read.and_then(|r| r.source)),
        _ => ChartValue::Unknown(
            read.and_then(|mut r| {
                let i = r.extra.iter().position(|(key, _)| key == field)?;
                Some(r.extra.remove(i))
            })
            .or_else(|| keep_null.then(|| (field.into(), Value::Null))),
        ),
    })
}

/// Gives the chart's description the text `text` for the field `known`.
pub(super) fn put_chart_text(meta: &mut Meta, known: ChartField, text: Option<Text>) {
    match known {
        ChartField::Name => meta.name = text,
        ChartField::AsOf => meta.as_of = text,
        ChartField::Source => meta.source = text,
        ChartField::Version | ChartField::Posts => {}
    }
}
