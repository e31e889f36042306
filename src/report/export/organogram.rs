//! The senior staff CSV of the UK "Organogram of Staff Roles & Salaries", the format
//! departments publish on data.gov.uk.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{UNDISCLOSED, csv_cell, io_error, number_text, value_text};
use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::org::{Holder, Org};

/// The columns of the senior organogram file, in the published order.
pub const ORGANOGRAM_COLUMNS: [&str; 18] = [
    "Post Unique Reference",
    "Name",
    "Grade (or equivalent)",
    "Job Title",
    "Job/Team Function",
    "Parent Department",
    "Organisation",
    "Unit",
    "Contact Phone",
    "Contact E-mail",
    "Reports to Senior Post",
    "Salary Cost of Reports (£)",
    "FTE",
    "Actual Pay Floor (£)",
    "Actual Pay Ceiling (£)",
    "Professional/Occupational Group",
    "Notes",
    "Valid?",
];

/// Writes `org` as the senior CSV of a UK organogram: the [`ORGANOGRAM_COLUMNS`] header,
/// then one row per post in the order a chart file lists them, so that an import reads
/// the chart back in its own order.
///
/// A post's id is its `Post Unique Reference`; its holder is its `Name` (`Vacant` for a
/// vacant post); its grade, title, unit and note fill `Grade (or equivalent)`, `Job Title`,
/// `Unit` and `Notes`; `Reports to Senior Post` is its manager's id, or `XX` for a top post;
/// `FTE` is its FTE (1 unless given). The other columns have no orgtree field: each is taken
/// from the post's field of the same name (`"Parent Department": "Cabinet Office"`), which is
/// where `orgtree import organogram` keeps them, and left empty otherwise. Staff groups (the
/// junior staff file) are not written.
///
/// Cells are protected as by [`super::write_csv`]: one that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a `'` in front, and control characters are escaped.
pub fn write_organogram<'a>(org: &'a Org, out: impl Write) -> io::Result<()> {
    // Fields of no published column (a file's own extra columns, kept by the import) go in
    // columns of their own after the published ones, so that nothing is lost.
    let mut columns: Vec<&str> = ORGANOGRAM_COLUMNS.to_vec();
    let mut column_of: FxHashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, &column)| (column, i))
        .collect();
    for node in org.posts() {
        for (key, _) in &org.post(node).extra {
            column_of.entry(key.as_str()).or_insert_with(|| {
                columns.push(key.as_str());
                columns.len() - 1
            });
        }
    }
    let mut writer = ::csv::Writer::from_writer(out);
    let header: Vec<String> = columns.iter().map(|c| csv_cell(c).into_owned()).collect();
    writer.write_record(&header).map_err(io_error)?;
    // A row's fields by column, the first of a name as a post's field is found by name.
    let mut fields: Vec<Option<&Value>> = vec![None; columns.len()];
    for node in crate::org::save::writing_order(org) {
        let post = org.post(node);
        fields.fill(None);
        for (key, value) in post.extra.iter().rev() {
            fields[column_of[key.as_str()]] = Some(value);
        }
        let extra = |i: usize| fields[i].map_or(Cow::Borrowed(""), value_text);
        let known =
            |value: Option<&'a str>, i: usize| value.map_or_else(|| extra(i), Cow::Borrowed);
        for (i, &column) in columns.iter().enumerate() {
            let cell: Cow<'_, str> = match column {
                "Post Unique Reference" => post.id().as_str().into(),
                "Name" => match &post.holder {
                    Holder::Vacant => "Vacant",
                    Holder::Undisclosed => UNDISCLOSED,
                    Holder::Named(name) => name,
                }
                .into(),
                "Grade (or equivalent)" => known(post.grade.as_deref(), i),
                "Job Title" => post.title.as_ref().into(),
                "Unit" => known(post.unit.as_deref(), i),
                // A top post reports to `XX`, or to the post of another file it named.
                "Reports to Senior Post" => org.manager(node).map_or_else(
                    || {
                        let named = extra(i);
                        if named.is_empty() { "XX".into() } else { named }
                    },
                    |manager| org.post(manager).id().as_str().into(),
                ),
                // Not given: the text the import kept ("N/D"), else the default of 1.
                "FTE" => post.fte().map_or_else(
                    || {
                        let kept = extra(i);
                        if kept.is_empty() {
                            number_text(post.fte_or_default()).into()
                        } else {
                            kept
                        }
                    },
                    |fte| number_text(fte).into(),
                ),
                "Notes" => known(post.note.as_deref(), i),
                // The post's cost is its pay band: one figure is both floor and ceiling.
                "Actual Pay Floor (£)" => post
                    .cost
                    .map_or_else(|| extra(i), |cost| number_text(cost.low()).into()),
                "Actual Pay Ceiling (£)" => post
                    .cost
                    .map_or_else(|| extra(i), |cost| number_text(cost.high()).into()),
                _ => extra(i),
            };
            writer
                .write_field(csv_cell(&wrapped(&cell)).as_bytes())
                .map_err(io_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    writer.flush()
}

/// What the senior organogram file has no place for in `org`, each as the subject of a
/// warning ("the tags of 3 posts"): posts' tags, dotted lines, staff groups, and
/// fields named like a column that a field of the post fills. Empty when the file carries
/// the whole chart.
#[must_use]
pub fn organogram_losses(org: &Org) -> Vec<String> {
    let (mut tags, mut dotted, mut staff) = (0, 0, 0);
    // Fields named as a column the post's own field fills, by name: how many posts.
    let mut shadowed: Vec<(&str, usize)> = Vec::new();
    for node in org.posts() {
        let post = org.post(node);
        tags += usize::from(!post.tags.is_empty());
        dotted += post.dotted.len();
        staff += post.staff.len();
        for (key, _) in &post.extra {
            let filled = match key.as_str() {
                "Post Unique Reference" | "Name" | "Job Title" => true,
                "Grade (or equivalent)" => post.grade.is_some(),
                "Unit" => post.unit.is_some(),
                "Notes" => post.note.is_some(),
                "FTE" => post.fte().is_some(),
                "Actual Pay Floor (£)" | "Actual Pay Ceiling (£)" => post.cost.is_some(),
                "Reports to Senior Post" => org.manager(node).is_some(),
                _ => false,
            };
            if filled {
                match shadowed.iter_mut().find(|(name, _)| name == key) {
                    Some((_, count)) => *count += 1,
                    None => shadowed.push((key.as_str(), 1)),
                }
            }
        }
    }
    let posts = |n: usize| format!("{n} post{}", crate::report::plural(n));
    let mut losses = Vec::new();
    if staff > 0 {
        let s = crate::report::plural(staff);
        losses.push(format!("the {staff} staff group{s} (junior staff)"));
    }
    if tags > 0 {
        losses.push(format!("the tags of {}", posts(tags)));
    }
    if dotted > 0 {
        let s = crate::report::plural(dotted);
        losses.push(format!("{dotted} dotted line{s}"));
    }
    for (name, count) in shadowed {
        losses.push(format!(
            "the field \"{}\" of {} (its column holds the post's own value)",
            crate::text::Escaped(name),
            posts(count)
        ));
    }
    losses
}

/// A cell the organogram reader would take apostrophes off (`'x'`, a spreadsheet's text
/// marker) gets one more pair, so that it reads back as it is.
fn wrapped(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.len() > 2 && cell.starts_with('\'') && cell.ends_with('\'') {
        std::borrow::Cow::Owned(format!("'{cell}'"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
