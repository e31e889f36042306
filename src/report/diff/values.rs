//! A field's old and new values as a change line gives them: in a few words (a long text
//! cut, from a little before where the values differ; staff groups by name), or whole.

use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

use super::super::{cost_text, figure, plural};
use crate::compare::FieldChange;
use crate::org::Cost;
use crate::org::fields::{Field, Shape};
use crate::text::Escaped;

/// Longest text value shown in a change line; longer ones (notes) are cut.
pub(super) const VALUE_MAX: usize = 60;

/// A field change as `grade SCS2 -> SCS3`.
pub(super) fn field_text(change: &FieldChange) -> String {
    format!("{} {}", Escaped(&change.field), field_values(change))
}

/// The old and new values of a field change in full, as `SCS2 -> SCS3`, for a pane that
/// wraps them.
#[must_use]
pub fn field_values_in_full(change: &FieldChange) -> String {
    let text = |value: Option<&Value>| match value {
        None => "none".to_owned(),
        Some(Value::String(text)) => format!("\"{}\"", Escaped(text)),
        Some(Value::Number(number)) => figure(number.as_f64().unwrap_or_default()),
        // Staff groups and dotted lines in words, not JSON.
        Some(Value::Array(items)) if !items.is_empty() && items.iter().all(Value::is_object) => {
            items.iter().map(item_text).collect::<Vec<_>>().join("; ")
        }
        Some(other) => Escaped(&other.to_string()).to_string(),
    };
    format!(
        "{} -> {}",
        text(change.old.as_ref()),
        text(change.new.as_ref())
    )
}

/// A staff group (`Officers: 12 FTE, grade EO, cost 360,000`) or a dotted line (`to cdo,
/// sponsor`) in words; any other member as `name value`.
fn item_text(item: &Value) -> String {
    let Value::Object(members) = item else {
        return Escaped(&item.to_string()).to_string();
    };
    let value = |value: &Value| match value {
        Value::String(text) => Escaped(text).to_string(),
        Value::Number(number) => figure(number.as_f64().unwrap_or_default()),
        other => Escaped(&other.to_string()).to_string(),
    };
    let mut head = String::new();
    let mut rest = Vec::new();
    for (name, member) in members {
        match name.as_str() {
            "title" => head = value(member),
            "to" => head = format!("to {}", value(member)),
            "fte" => rest.push(format!("{} FTE", value(member))),
            _ => rest.push(format!("{} {}", Escaped(name), value(member))),
        }
    }
    match (head.is_empty(), rest.is_empty()) {
        (_, true) => head,
        (true, false) => rest.join(", "),
        (false, false) => format!("{head}: {}", rest.join(", ")),
    }
}

/// The old and new values of a field change as `SCS2 -> SCS3`. Long texts that begin alike
/// (notes) are shown from a little before where they differ.
#[must_use]
pub fn field_values(change: &FieldChange) -> String {
    let (mut old, mut new) = (change.old.clone(), change.new.clone());
    if let (Some(Value::String(a)), Some(Value::String(b))) = (&mut old, &mut new)
        && a.graphemes(true).count().max(b.graphemes(true).count()) > VALUE_MAX
    {
        // Graphemes, not characters, so that an emoji sequence or a letter with its accents
        // is never cut in two.
        let same = a
            .as_str()
            .graphemes(true)
            .zip(b.graphemes(true))
            .take_while(|(x, y)| x == y)
            .count();
        if same > 20 {
            // Start at a word a little before the difference.
            let head: Vec<&str> = a.graphemes(true).take(same.saturating_sub(12)).collect();
            let skip = head
                .iter()
                .rposition(|g| g.chars().all(char::is_whitespace))
                .map_or(same - 12, |at| at + 1);
            let from =
                |text: &str| format!("…{}", text.graphemes(true).skip(skip).collect::<String>());
            (*a, *b) = (from(a), from(b));
        }
    }
    format!(
        "{} -> {}",
        value_text(&change.field, old.as_ref()),
        value_text(&change.field, new.as_ref())
    )
}

/// A field's value in a few words.
fn value_text(field: &str, value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "none".into();
    };
    match (Field::named(field).map(Field::shape), value) {
        (Some(Shape::Staff), Value::Array(groups)) => {
            let fte_of = |g: &Value| g.get("fte").and_then(Value::as_f64).unwrap_or(1.0);
            let fte: f64 = groups.iter().map(fte_of).sum();
            // The groups by name, so that the reader sees which came, went or changed.
            let named: Vec<String> = groups
                .iter()
                .map(|g| {
                    let title = g
                        .get("title")
                        .and_then(Value::as_str)
                        .unwrap_or("(untitled)");
                    format!("{} {}", title, figure(fte_of(g)))
                })
                .collect();
            let named = named.join(", ");
            let named = crate::text::fit(&named, VALUE_MAX, "…");
            format!(
                "{} group{} ({} FTE: {})",
                groups.len(),
                plural(groups.len()),
                figure(fte),
                Escaped(&named)
            )
        }
        (Some(Shape::Cost), Value::Object(range)) => {
            let end = |key: &str| range.get(key).and_then(Value::as_f64).unwrap_or_default();
            // A range of another shape a lenient load kept is shown as written, made safe.
            Cost::range(end("min"), end("max"))
                .map_or_else(|| Escaped(&value.to_string()).to_string(), cost_text)
        }
        (Some(Shape::Tags), Value::Array(tags)) => tags
            .iter()
            .map(|t| Escaped(t.as_str().unwrap_or_default()).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(text)) => {
            let shown = crate::text::fit(text, VALUE_MAX, "…");
            format!("\"{}\"", Escaped(&shown))
        }
        (_, Value::Number(number)) => figure(number.as_f64().unwrap_or_default()),
        (_, other) => {
            let text = other.to_string();
            Escaped(&crate::text::fit(&text, VALUE_MAX, "…")).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_shortened_without_splitting_a_grapheme() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        // The values share a long start, then differ: the start is left out from a word
        // a little before the difference, and the family emoji there stays whole.
        let shared =
            format!("The {family}{family} team for people, places and {family} wellbeing ");
        let change = FieldChange {
            field: "note".into(),
            old: Some(Value::String(format!("{shared}in the north west region"))),
            new: Some(Value::String(format!("{shared}in the south east region"))),
        };
        let text = field_values(&change);
        for piece in text.split('\u{1f468}').skip(1) {
            assert!(
                piece.starts_with("\u{200d}\u{1f469}\u{200d}\u{1f467}"),
                "a family emoji was split: {text}"
            );
        }
        assert!(text.contains("north west"), "{text}");
        assert!(text.contains("south east"), "{text}");
        assert!(text.starts_with("\"…"), "{text}");

        // A value cut at the end keeps the emoji at the cut whole.
        let change = FieldChange {
            field: "note".into(),
            old: Some(Value::String(format!("{}{family}and more", "x".repeat(57)))),
            new: None,
        };
        let text = field_values(&change);
        assert!(text.contains(&format!("{family}…")), "{text}");
    }
}

#[cfg(test)]
mod words_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn staff_groups_and_dotted_lines_are_told_in_words_not_json() {
        let change = FieldChange {
            field: "staff".into(),
            old: Some(json!([{"title": "Officers", "fte": 12, "grade": "EO"}])),
            new: Some(json!([
                {"title": "Officers", "fte": 10},
                {"title": "Graduates", "fte": 3, "cost": 90000}
            ])),
        };
        assert_eq!(
            field_values_in_full(&change),
            "Officers: 12 FTE, grade EO -> Officers: 10 FTE; Graduates: 3 FTE, cost 90,000"
        );
        let change = FieldChange {
            field: "dotted".into(),
            old: None,
            new: Some(json!([{"to": "cdo", "kind": "sponsor"}])),
        };
        assert_eq!(
            field_values_in_full(&change),
            "none -> to cdo: kind sponsor"
        );
    }
}
