//! A CSV of posts, one row each, for spreadsheets and scripts.

use std::borrow::Cow;
use std::io::{self, Write};

use rustc_hash::FxHashMap;

use super::{UNDISCLOSED, csv_cell, io_error, number_text, value_text};
use crate::org::Org;
use crate::org::fields::{Field, FieldValue};
use crate::org::save::{dotted_value, staff_value};

/// The fields every CSV export has a column for, in order, before those orgtree does not
/// know.
const CSV_FIELDS: [Field; 12] = [
    Field::Id,
    Field::ReportsTo,
    Field::Title,
    Field::Holder,
    Field::Unit,
    Field::Grade,
    Field::Fte,
    Field::Cost,
    Field::Note,
    Field::Tags,
    Field::Staff,
    Field::Dotted,
];

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
pub fn write_csv(org: &Org, out: impl Write) -> io::Result<()> {
    let mut columns: Vec<&str> = CSV_COLUMNS.to_vec();
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
                (Field::ReportsTo, _) => Cow::Borrowed(
                    org.manager(node)
                        .map_or("", |manager| org.post(manager).id().as_str()),
                ),
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
                *cell = value_text(value);
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

/// A list as a compact JSON array, or nothing when it is empty.
fn json_list(values: impl ExactSizeIterator<Item = serde_json::Value>) -> Cow<'static, str> {
    if values.len() == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(serde_json::Value::Array(values.collect()).to_string())
}
