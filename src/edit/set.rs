//! Setting one field: a post's field the format knows (through the field table), one it
//! does not know (kept in place, in its order), and a field of the chart's description.
//! `null` removes a field, unless `keep_null` keeps an unknown one as `null`.

use serde_json::Value;

use super::EditError;
use super::read::{read_chart_field, read_field};
use crate::org::fields::ChartField;
use crate::org::{Field, List, Meta, NodeIndex, Org, Post, Text};

pub(super) fn dotted_targets_exist(org: &Org, post: &Post) -> Result<(), EditError> {
    for line in &post.dotted {
        if line.to != *post.id() && org.find(line.to.as_str()).is_none() {
            return Err(EditError::UnknownPost(Text::from(line.to.as_str())));
        }
    }
    Ok(())
}

/// A post that gives field `known` of post `id` the value `value` (`null`: none), as a
/// chart file would give it, and nothing else of note; or why the field cannot be set so.
pub(super) fn known_value(
    org: &Org,
    id: &str,
    known: Field,
    value: &Value,
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
        read_field(id, known.name(), value).map_err(EditError::Invalid)?
    };
    if known == Field::Dotted {
        dotted_targets_exist(org, &from)?;
    }
    Ok(from)
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
) -> Result<Option<(Text, Value)>, EditError> {
    if value.is_null() {
        return Ok(keep_null.then(|| (Text::from(field), Value::Null)));
    }
    let mut read = read_field(post, field, value).map_err(EditError::Invalid)?;
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
/// knows, or one it does not know (none: taken out).
pub(super) enum ChartValue {
    Known(ChartField, Option<Text>),
    Unknown(Option<(Text, Value)>),
}

/// What setting `field` of the chart's description to `value` gives it (`null` removes it,
/// unless `keep_null` keeps an unknown field as `null`), or why it cannot be set so.
pub(super) fn chart_value(
    field: &str,
    value: &Value,
    keep_null: bool,
) -> Result<ChartValue, EditError> {
    let known = ChartField::named(field);
    if matches!(known, Some(ChartField::Version | ChartField::Posts)) {
        return Err(EditError::FixedChartField(Text::from(field)));
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
