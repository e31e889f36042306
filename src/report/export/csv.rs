//! A CSV of posts, one row each, for spreadsheets and scripts.

use std::borrow::Cow;
use std::io::{self, Write};

use rustc_hash::FxHashMap;

use super::{UNDISCLOSED, csv_cell, io_error, number_text, value_text};
use crate::org::Org;
use crate::org::fields::{Field, FieldValue};
use crate::org::save::{dotted_value, staff_value};
use crate::read::hr::{ManagerBy, is_email_header};
use crate::text::Escaped;

/// The fields every CSV export has a column for, in order, before those orgtree does not
/// know.
const CSV_FIELDS: [Field; 12] = crate::org::fields::TABLE_ORDER;

/// The columns every CSV export has, before those of the fields orgtree does not know.
pub const CSV_COLUMNS: [&str; 12] = {
    let mut names = [""; 12];
    let mut i = 0;
    while i < names.len() {
        names[i] = CSV_FIELDS[i].name();
        i += 1;
    }
    names
};

/// Writes `org` as CSV: a header row, then one row per post in tree order.
///
/// The columns are [`CSV_COLUMNS`], then one for each field orgtree does not know, named as
/// in the file, in the order they are first met. `reports_to` is the manager's id (empty for
/// a top post), `holder` is empty for a vacant post, `fte` and `cost` are written as the file
/// writes them and left empty when not given, `tags` are joined with `; `, `staff` and
/// `dotted` are compact JSON arrays as the file writes them; an unknown field is written as
/// its text when it is a string, and as compact JSON otherwise.
///
/// Cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a `'` in front,
/// so that a spreadsheet does not run them as formulas. Control characters other than line
/// breaks and tabs, escape sequences and bidi overrides are written as visible `\u{..}`
/// escapes.
///
/// A text field that would read as other JSON (a number, `true`, a quoted text) is written
/// as a JSON string, and a null as `null`, so that `orgtree import hr` reads back the same
/// values.
pub fn write_csv(org: &Org, out: impl Write) -> io::Result<()> {
    write_csv_by(org, ManagerBy::Id, out)
}

/// The header of the manager column when it holds managers given `by` id, email or name:
/// names `orgtree import hr` reads as such.
#[must_use]
pub fn manager_header(by: ManagerBy) -> &'static str {
    match by {
        ManagerBy::Id => Field::ReportsTo.name(),
        ManagerBy::Email => "manager_email",
        ManagerBy::Name => "manager_name",
    }
}

/// Why the managers of `org` cannot be written `by` email or name, if they cannot: a
/// manager with no email field (or no name: a vacant or undisclosed post), or an email or
/// name that two managers share, which could not be read back. Empty for ids.
#[must_use]
pub fn manager_by_problems(org: &Org, by: ManagerBy) -> Vec<String> {
    if by == ManagerBy::Id {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut seen: FxHashMap<String, &str> = FxHashMap::default();
    for node in org.posts() {
        let post = org.post(node);
        let key = person_key(post, by);
        if let Some(key) = &key {
            if let Some(other) = seen.insert(key.clone(), post.id().as_str())
                && org.reports(node).len() + org.reports(org.find(other).unwrap_or(node)).len() > 0
            {
                problems.push(format!(
                    "posts '{}' and '{}' have the same {} '{}': their reports' manager could not be told apart",
                    Escaped(other),
                    Escaped(post.id().as_str()),
                    word(by),
                    Escaped(key)
                ));
            }
        } else if !org.reports(node).is_empty() {
            problems.push(format!(
                "post '{}' manages {} post{} but has no {}",
                Escaped(post.id().as_str()),
                org.reports(node).len(),
                if org.reports(node).len() == 1 {
                    ""
                } else {
                    "s"
                },
                match by {
                    ManagerBy::Email => "email field (such as \"Email\")",
                    _ => "holder's name",
                }
            ));
        }
    }
    problems
}

fn word(by: ManagerBy) -> &'static str {
    match by {
        ManagerBy::Id => "id",
        ManagerBy::Email => "email",
        ManagerBy::Name => "name",
    }
}

/// A post's email or name, as managers are matched by it (lower case).
fn person_key(post: &crate::org::Post, by: ManagerBy) -> Option<String> {
    match by {
        ManagerBy::Id => Some(post.id().as_str().to_owned()),
        ManagerBy::Email => email_of(post).map(str::to_lowercase),
        ManagerBy::Name => post.holder.name().map(|name| {
            name.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        }),
    }
}

/// A post's email: its first field named as HR exports name emails.
fn email_of(post: &crate::org::Post) -> Option<&str> {
    post.extra
        .iter()
        .find(|(key, _)| is_email_header(key))
        .and_then(|(_, value)| value.as_str())
        .map(str::trim)
        .filter(|email| !email.is_empty())
}

/// As [`write_csv`], with each manager given `by` id, email or name in the second column
/// (see [`manager_header`]); [`manager_by_problems`] says first whether they can be.
pub fn write_csv_by(org: &Org, by: ManagerBy, out: impl Write) -> io::Result<()> {
    let mut columns: Vec<&str> = CSV_COLUMNS.to_vec();
    columns[1] = manager_header(by);
    let mut column_of: FxHashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, &name)| (name, i))
        .collect();
    for (node, _) in org.tree_order() {
        for (key, _) in &org.post(node).extra {
            column_of.entry(key.as_str()).or_insert_with(|| {
                columns.push(key.as_str());
                columns.len() - 1
            });
        }
    }
    let mut writer = ::csv::Writer::from_writer(out);
    // The header is written as cells are: an unknown field's name is chart text too.
    let header: Vec<Cow<'_, str>> = columns.iter().map(|name| csv_cell(name)).collect();
    writer
        .write_record(header.iter().map(|name| name.as_bytes()))
        .map_err(io_error)?;
    let mut row: Vec<Cow<'_, str>> = Vec::with_capacity(columns.len());
    for (node, _) in org.tree_order() {
        let post = org.post(node);
        row.clear();
        for field in CSV_FIELDS {
            row.push(match (field, field.get(post)) {
                (Field::ReportsTo, _) => Cow::Borrowed(org.manager(node).map_or("", |manager| {
                    let manager = org.post(manager);
                    match by {
                        ManagerBy::Id => manager.id().as_str(),
                        ManagerBy::Email => email_of(manager).unwrap_or_default(),
                        ManagerBy::Name => manager.holder.name().unwrap_or_default(),
                    }
                })),
                (_, None) => Cow::Borrowed(""),
                (_, Some(FieldValue::Text(text))) => Cow::Borrowed(text),
                (_, Some(FieldValue::Undisclosed)) => Cow::Borrowed(UNDISCLOSED),
                (_, Some(FieldValue::Amount(amount))) => number_text(amount).into(),
                // A range as `min-max`, which a spreadsheet keeps as text and a script splits.
                (_, Some(FieldValue::Cost(cost))) => match cost.figure() {
                    Some(one) => number_text(one).into(),
                    None => {
                        format!("{}-{}", number_text(cost.low()), number_text(cost.high())).into()
                    }
                },
                (_, Some(FieldValue::Tags(tags))) => Cow::Owned(
                    tags.iter()
                        .map(compact_str::CompactString::as_str)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                (_, Some(FieldValue::Staff(groups))) => json_list(groups.iter().map(staff_value)),
                (_, Some(FieldValue::Dotted(lines))) => json_list(lines.iter().map(dotted_value)),
            });
        }
        row.resize(columns.len(), Cow::Borrowed(""));
        for (key, value) in &post.extra {
            // A field of a known name kept as it was (a lenient load keeps a value of the
            // wrong type so) fills its column when the known field is not given.
            let cell = &mut row[column_of[key.as_str()]];
            if cell.is_empty() {
                *cell = extra_text(value);
            }
        }
        for cell in &row {
            writer
                .write_field(csv_cell(cell).as_bytes())
                .map_err(io_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    writer.flush()
}

/// A field orgtree does not know, as a cell: text as it is, unless it would read back as
/// other JSON (then as a JSON string); a null as `null`; other values as compact JSON.
fn extra_text(value: &serde_json::Value) -> Cow<'_, str> {
    match value {
        serde_json::Value::String(text)
            if serde_json::from_str::<serde_json::Value>(text).is_ok() =>
        {
            Cow::Owned(serde_json::Value::String(text.clone()).to_string())
        }
        serde_json::Value::Null => Cow::Borrowed("null"),
        other => value_text(other),
    }
}

/// A list as a compact JSON array, or nothing when it is empty.
fn json_list(values: impl ExactSizeIterator<Item = serde_json::Value>) -> Cow<'static, str> {
    if values.len() == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(serde_json::Value::Array(values.collect()).to_string())
}
