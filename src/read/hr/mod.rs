//! HR-system and directory exports kept as spreadsheets: a post per row, an id column and a
//! manager column under any of their usual names (`BambooHR`, Workday, `HiBob`, Rippling and
//! Pingboard reports, Visio's org-chart wizard, orgtree's own CSV export).
//!
//! How a file is read:
//!
//! - The delimiter (comma, tab, semicolon or bar) is told from the first lines; the header
//!   is the first row that names an id or a manager column ([`columns`]), so title rows
//!   above it are passed over, with a warning. Blank rows are passed over; a totals row
//!   (its id `Total`, `Totals` or `Grand total`, or no id and a cell that says so) is left
//!   out with a warning.
//! - The id is the id column's; without one, the email column's, else the name's (as
//!   Visio's "Name, Reports To" gives it).
//! - The manager cell holds the manager's id, email or name: which, the header says
//!   (`Manager Email`, `Supervisor Name`, `Manager ID`) or else the values do (the kind most
//!   of them match). Ids match as written, emails ignoring case, names ignoring case and
//!   spacing. A manager who matches no one (one who left) makes a top post, with a warning,
//!   and the cell is kept as a field under the column's header; a name that matches several
//!   people is an error (a warning and a top post with `--lenient`). An empty cell makes a
//!   top post; several make a forest.
//! - The usual columns give the post's fields ([`columns::Role`]): job title, the person
//!   (full name, or first and last name), unit (department, team), grade (level, band),
//!   FTE, cost (salary), note; orgtree's own export also gives tags, staff groups and dotted
//!   lines. Every other column is kept as a field of the post under its header, so nothing
//!   is lost. A post with no title is titled by its holder's name.
//!
//! Every problem is reported at once, each at its line and column.

mod columns;
mod delimited;
mod managers;
mod values;

use serde_json::Value;

use super::{Found, Imported};
use crate::org::builder::{Builder, Handling, IdRead, Policy, PostRead};
use crate::org::position::LineIndex;
use crate::org::{Meta, Position, Post, PostId};
use crate::text::Escaped;
use columns::{Columns, Role, is_header, listed, manager_hint};
use delimited::Delimited;
use managers::Directory;

/// How the columns of an HR export are read; every choice left out is found from the
/// header and the values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HrOptions {
    /// The column holding each post's id (its header, as written).
    pub id_column: Option<String>,
    /// The column holding each post's manager.
    pub manager_column: Option<String>,
    /// What the manager column holds: an id, an email or a name.
    pub manager_by: Option<ManagerBy>,
    /// Load what can be loaded, as `--lenient` does for orgtree JSON.
    pub lenient: bool,
}

/// What a manager cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagerBy {
    Id,
    Email,
    Name,
}

impl ManagerBy {
    fn word(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Email => "email",
            Self::Name => "name",
        }
    }
}

/// Whether a header names a column of emails (`Email`, `Work Email`, `mail`, ...).
#[must_use]
pub fn is_email_header(header: &str) -> bool {
    columns::role_of(header) == Role::Email
}

/// How many rows at the top may stand above the header.
const HEADER_WITHIN: usize = 20;

/// One data row read, before its manager is found.
struct Row<'t> {
    /// Where the row starts, and the record.
    start: usize,
    record: &'t csv::StringRecord,
    post: Post,
    id: IdRead<usize>,
}

/// A row's manager cell, if it is not empty.
fn manager_cell<'t>(row: &Row<'t>, column: usize) -> Option<&'t str> {
    row.record
        .get(column)
        .map(str::trim)
        .filter(|m| !m.is_empty())
}

/// Whether a text looks like an HR export: one of its first rows names an id or a manager
/// column, as the header of one does.
#[must_use]
pub fn looks_like(text: &str) -> bool {
    Delimited::read_head(text, HEADER_WITHIN)
        .iter()
        .any(|record| is_header(record, &[]))
}

/// Reads an HR export held as delimited text (CSV, TSV, or another delimiter), already
/// decoded. Every problem is reported at once, each at its line and column in `text`;
/// `file` names the file in them. On success, the chart, the warnings, and a note saying
/// which columns were read as what.
pub fn hr(file: &str, text: &str, options: &HrOptions) -> Result<Imported, Vec<Found>> {
    let table = Delimited::read(text).map_err(|(line, message)| {
        vec![Found::error(
            file,
            Some(Position { line, column: 1 }),
            message,
        )]
    })?;
    let lines = LineIndex::new(&table.text);
    let at = |offset: usize| Some(lines.position(offset));
    let mut found = Vec::new();
    let chosen: Vec<&str> = [&options.id_column, &options.manager_column]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let Some(header) = table
        .rows
        .iter()
        .take(HEADER_WITHIN)
        .position(|(_, record)| is_header(record, &chosen))
    else {
        let first = table
            .rows
            .first()
            .map(|(_, r)| r.iter().map(|h| h.trim().to_owned()).collect::<Vec<_>>());
        return Err(vec![Found::error(
            file,
            at(0),
            format!(
                "no id or manager column (such as \"Employee ID\" and \"Manager ID\", or \"Name\" and \"Reports To\") in the first {HEADER_WITHIN} rows; the first row has {}: name them with --id-column and --manager-column",
                listed(&first.unwrap_or_default())
            ),
        )]);
    };
    let (header_start, header_record) = &table.rows[header];
    let header_at = at(*header_start);
    if header > 0 {
        found.push(Found::warning(
            file,
            at(table.rows[0].0),
            format!(
                "{header} row{} above the header (line {}) left out",
                if header == 1 { "" } else { "s" },
                header_at.map_or(0, |p| p.line)
            ),
        ));
    }
    let mut columns = Columns::of(
        header_record,
        options.id_column.as_deref(),
        options.manager_column.as_deref(),
    )
    .map_err(|message| vec![Found::error(file, header_at, message)])?;
    let id_column = columns
        .of_role(Role::Id)
        .or_else(|| columns.of_role(Role::Email))
        .or_else(|| columns.of_role(Role::Name));
    let Some(id_column) = id_column else {
        return Err(vec![Found::error(
            file,
            header_at,
            format!(
                "no id column (such as \"Employee ID\", \"Email\" or \"Name\"); the header has {}: name it with --id-column",
                listed(&columns.headers)
            ),
        )]);
    };
    let Some(manager_column) = columns.of_role(Role::Manager) else {
        return Err(vec![Found::error(
            file,
            header_at,
            format!(
                "no manager column (such as \"Manager ID\", \"Reports To\" or \"Manager Email\"); the header has {}: name it with --manager-column",
                listed(&columns.headers)
            ),
        )]);
    };
    columns.id_column = id_column;
    let columns = columns;
    let manager_header = &columns.headers[manager_column];
    let hint = options.manager_by.or_else(|| manager_hint(manager_header));
    if hint == Some(ManagerBy::Email) && columns.of_role(Role::Email).is_none() {
        return Err(vec![Found::error(
            file,
            at(table.offset(*header_start, manager_column)),
            format!(
                "managers are given by email in \"{}\", but no column holds the people's emails (such as \"Email\" or \"Work Email\"); the header has {}",
                Escaped(manager_header),
                listed(&columns.headers)
            ),
        )]);
    }

    let orgtree_shape = values::is_orgtree_export(&columns.headers);
    let mut cells = values::Cells::new(&columns, orgtree_shape);
    // The field an unmatched manager cell is kept as.
    let manager_field = cells.name(manager_column);
    let mut rows: Vec<Row> = Vec::with_capacity(table.rows.len() - header);
    let mut untitled: Option<(usize, usize)> = None;
    for (start, record) in &table.rows[header + 1..] {
        let start = *start;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let id_text = record.get(id_column).map_or("", str::trim);
        // A totals row: its id says `Total`, or it has none and a cell says so.
        let total = if values::is_total(id_text) {
            Some(id_column)
        } else if id_text.is_empty() {
            record.iter().position(values::is_total)
        } else {
            None
        };
        if let Some(total) = total {
            found.push(Found::warning(
                file,
                at(table.offset(start, total)),
                format!(
                    "'{}': a totals row: left out",
                    Escaped(record.get(total).unwrap_or_default().trim())
                ),
            ));
            continue;
        }
        let mut problems = Vec::new();
        let mut post = cells.post(
            id_text,
            record,
            (id_column, manager_column),
            &mut |cell, message| problems.push((cell, message)),
        );
        for (cell, message) in problems {
            found.push(Found::warning(file, at(table.offset(start, cell)), message));
        }
        if post.title.is_empty() {
            let title = post
                .holder
                .name()
                .map_or_else(|| id_text.to_owned(), str::to_owned);
            post.title = cells.shared(&title);
            if columns.of_role(Role::Title).is_some() {
                untitled = Some(untitled.map_or((start, 1), |(first, n)| (first, n + 1)));
            }
        }
        let id_at = table.offset(start, id_column);
        let id = if id_text.is_empty() {
            IdRead::Empty(id_at)
        } else {
            IdRead::Given(PostId::new(id_text), id_at)
        };
        rows.push(Row {
            start,
            record,
            post,
            id,
        });
    }
    drop(cells);
    if let Some((first, count)) = untitled {
        found.push(Found::warning(
            file,
            at(first),
            format!(
                "{count} row{} with no job title (the first here): {} titled by the person's name",
                if count == 1 { "" } else { "s" },
                if count == 1 {
                    "its post is"
                } else {
                    "their posts are"
                }
            ),
        ));
    }

    // Each row's manager, found before the rows go to the builder.
    let manager_of = |row| manager_cell(row, manager_column);
    let directory = Directory::of(&rows, &columns, hint);
    let by = hint.unwrap_or_else(|| directory.likely(rows.iter().filter_map(&manager_of)));
    let line_of = |index: usize| lines.position(rows[index].start).line;
    let mut reports_to: Vec<Option<(PostId, usize)>> = Vec::with_capacity(rows.len());
    let mut kept: Vec<(usize, String)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let Some(text) = manager_of(row) else {
            reports_to.push(None);
            continue;
        };
        let manager_at = table.offset(row.start, manager_column);
        reports_to.push(match directory.find(text, by) {
            managers::Found::Id(id) => Some((PostId::new(id), manager_at)),
            managers::Found::Row(other) => Some((rows[other].post.id().clone(), manager_at)),
            managers::Found::None => {
                // As the builder words it for every reader, with what the cell held.
                let id = Escaped(row.post.id().as_str());
                let what = match by {
                    ManagerBy::Id => format!("post '{id}' reports to unknown post '{}'", Escaped(text)),
                    _ => format!(
                        "post '{id}' reports to '{}', which is no post's {}",
                        Escaped(text),
                        by.word()
                    ),
                };
                found.push(Found::warning(
                    file,
                    at(manager_at),
                    format!(
                        "{what}; loaded as a top post, its manager kept as the field \"{}\"",
                        Escaped(&manager_field)
                    ),
                ));
                kept.push((index, text.to_owned()));
                None
            }
            managers::Found::Several(others) => {
                let others: Vec<String> =
                    others.iter().map(|&o| line_of(o as usize).to_string()).collect();
                let message = format!(
                    "manager '{}' is the name of {} people (lines {}): give managers by id or email",
                    Escaped(text),
                    others.len(),
                    others.join(", ")
                );
                if options.lenient {
                    found.push(Found::warning(
                        file,
                        at(manager_at),
                        format!(
                            "{message}; a top post, the value kept as the field \"{}\"",
                            Escaped(&manager_field)
                        ),
                    ));
                    kept.push((index, text.to_owned()));
                } else {
                    found.push(Found::error(file, at(manager_at), message));
                }
                None
            }
        });
    }
    drop(directory);

    let mut builder = Builder::new(Policy {
        ids: Handling::lenient(options.lenient),
        // Managers no post is are found above, and said in the builder's words.
        unknown_manager: Handling::Refuse,
        self_report: Handling::Recover,
        loops: Handling::lenient(options.lenient),
        unknown_dotted: Handling::lenient(options.lenient),
        manager_field: "reports_to",
        keep_self_reports: false,
    });
    let mut kept = kept.into_iter().peekable();
    for ((number, row), reports_to) in rows.into_iter().enumerate().zip(reports_to) {
        let Row {
            start,
            mut post,
            id,
            ..
        } = row;
        if let Some((_, text)) = kept.next_if(|(index, _)| *index == number) {
            post.extra
                .push((manager_field.clone(), Value::String(text)));
        }
        let mut read = PostRead::new(post, number + 1, start, id);
        read.reports_to = reports_to;
        builder.add(read);
    }
    let described = format!(
        "ids from \"{}\", managers from \"{}\" (matched by {})",
        Escaped(&columns.headers[id_column]),
        Escaped(manager_header),
        by.word()
    );
    let meta = Meta {
        source: Some(format!("imported from {file} (HR export: {described})").into()),
        ..Meta::default()
    };
    let mut imported = super::build_at(file, meta, builder, found, |offsets| {
        offsets
            .iter()
            .map(|&offset| lines.position(offset))
            .collect()
    })?;
    imported.notes.push(format!("{file}: reading {described}"));
    Ok(imported)
}
