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
mod pieces;
mod rows;
mod values;

use std::cell::OnceCell;

use serde_json::Value;

use super::{Found, Imported};
use crate::org::builder::{Builder, Handling, IdRead, Policy, PostRead};
use crate::org::position::LineIndex;
use crate::org::{Meta, PostId};
use crate::text::Escaped;
use columns::{Columns, Role, is_header, listed, manager_hint};
use delimited::Delimited;
use managers::{Directory, Person};
use pieces::{Layout, Piece, Row};

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
    /// Give where each post's id is (`Imported::places`), which only naming a post for
    /// what is found after loading needs.
    pub places: bool,
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
    let table = Delimited::new(text);
    let text: &str = &table.text;
    // Lines are counted only when something is to be placed.
    let lines = OnceCell::new();
    let position = |offset: usize| lines.get_or_init(|| LineIndex::new(text)).position(offset);
    let at = |offset: usize| Some(position(offset));
    let mut found = Vec::new();
    let chosen: Vec<&str> = [&options.id_column, &options.manager_column]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let head = table.head(HEADER_WITHIN);
    let Some(header) = head.iter().position(|row| is_header(&row.record, &chosen)) else {
        let first = head.first().map(|row| {
            row.record
                .iter()
                .map(|h| h.trim().to_owned())
                .collect::<Vec<_>>()
        });
        return Err(vec![Found::error(
            file,
            at(0),
            format!(
                "no id or manager column (such as \"Employee ID\" and \"Manager ID\", or \"Name\" and \"Reports To\") in the first {HEADER_WITHIN} rows; the first row has {}: name them with --id-column and --manager-column",
                listed(&first.unwrap_or_default())
            ),
        )]);
    };
    let header_row = &head[header];
    let header_at = at(header_row.start);
    if header > 0 {
        found.push(Found::warning(
            file,
            at(head[0].start),
            format!(
                "{header} row{} above the header (line {}) left out",
                if header == 1 { "" } else { "s" },
                header_at.map_or(0, |p| p.line)
            ),
        ));
    }
    let mut columns = Columns::of(
        &header_row.record,
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
            at(table.offset(header_row.start, manager_column)),
            format!(
                "managers are given by email in \"{}\", but no column holds the people's emails (such as \"Email\" or \"Work Email\"); the header has {}",
                Escaped(manager_header),
                listed(&columns.headers)
            ),
        )]);
    }

    let layout = Layout {
        columns: &columns,
        id_column,
        manager_column,
        email_column: columns
            .of_role(Role::Email)
            .filter(|_| hint.is_none_or(|by| by == ManagerBy::Email)),
        orgtree_shape: values::is_orgtree_export(&columns.headers),
    };
    // The field an unmatched manager cell is kept as.
    let manager_field = values::Cells::new(&columns, layout.orgtree_shape).name(manager_column);
    let pieces = rows::read_rows(
        text,
        table.delimiter,
        header_row.end,
        |rows| Piece::new(&layout, rows),
        |piece, start, record| pieces::read_row(piece, &table, text, &layout, start, record),
    );
    let mut untitled: Option<(usize, usize)> = None;
    for piece in &pieces {
        found.extend(
            piece
                .warnings
                .iter()
                .map(|(offset, message)| Found::warning(file, at(*offset), message.as_str())),
        );
        if let Some((first, count)) = piece.untitled {
            untitled = Some(untitled.map_or((first, count), |(f, n)| (f, n + count)));
        }
    }
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
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(pieces.iter().scan(0, |end, piece| {
            *end += piece.rows.len();
            Some(*end)
        }))
        .collect();
    let count = bounds[pieces.len()];
    let row_at = |index: usize| {
        let piece = bounds.partition_point(|&start| start <= index) - 1;
        &pieces[piece].rows[index - bounds[piece]]
    };
    let people = pieces
        .iter()
        .flat_map(|piece| piece.rows.iter().zip(&piece.posts))
        .map(|(row, post)| Person {
            id: match &row.id {
                IdRead::Given(id, _) => Some(id.as_str()),
                _ => None,
            },
            email: row.email.as_deref(),
            name: post.holder.name(),
        });
    let directory = Directory::of(people, count, hint);
    let by = hint.unwrap_or_else(|| {
        directory.likely(
            pieces
                .iter()
                .flat_map(|piece| &piece.rows)
                .filter_map(|row| row.manager.as_ref().map(|(m, _)| m.as_ref())),
        )
    });
    let line_of = |index: usize| position(row_at(index).start).line;
    let id_of = |row: &Row| match &row.id {
        IdRead::Given(id, _) => id.clone(),
        _ => PostId::new(""),
    };
    // Managers are found on both cores, a piece of the rows at a time.
    let managers = crate::work::on_both_cores(pieces.len(), |piece| {
        pieces[piece]
            .rows
            .iter()
            .map(|row| {
                let (text, manager_at) = row.manager.as_ref()?;
                Some(match directory.find(text, by) {
                    managers::Found::Id(id) => Ok((PostId::new(id), *manager_at)),
                    managers::Found::Row(other) => Ok((id_of(row_at(other)), *manager_at)),
                    managers::Found::None => Err(None),
                    managers::Found::Several(others) => Err(Some(others)),
                })
            })
            .collect::<Vec<_>>()
    });
    let mut reports_to: Vec<Option<(PostId, usize)>> = Vec::with_capacity(count);
    let mut kept: Vec<(usize, String)> = Vec::new();
    let rows = pieces.iter().flat_map(|piece| &piece.rows);
    for (index, (row, manager)) in rows.zip(managers.into_iter().flatten()).enumerate() {
        let (text, manager_at) = match (manager, &row.manager) {
            (Some(Ok(manager)), _) => {
                reports_to.push(Some(manager));
                continue;
            }
            (None, _) | (_, None) => {
                reports_to.push(None);
                continue;
            }
            (Some(Err(others)), Some((text, manager_at))) => {
                reports_to.push(None);
                match others {
                    None => (text, *manager_at),
                    Some(others) => {
                        let others: Vec<String> = others
                            .iter()
                            .map(|&o| line_of(o as usize).to_string())
                            .collect();
                        let message = format!(
                            "manager '{}' is the name of {} people (lines {}): give managers by id or email",
                            Escaped(text),
                            others.len(),
                            others.join(", ")
                        );
                        if options.lenient {
                            found.push(Found::warning(
                                file,
                                at(*manager_at),
                                format!(
                                    "{message}; a top post, the value kept as the field \"{}\"",
                                    Escaped(&manager_field)
                                ),
                            ));
                            kept.push((index, text.to_string()));
                        } else {
                            found.push(Found::error(file, at(*manager_at), message));
                        }
                        continue;
                    }
                }
            }
        };
        // As the builder words it for every reader, with what the cell held.
        let id = id_of(row);
        let id = Escaped(id.as_str());
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
        kept.push((index, text.to_string()));
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
    let mut reports_to = reports_to.into_iter();
    let mut number = 0;
    // A piece's posts are freed as they go to the chart.
    for piece in pieces {
        for (row, mut post) in piece.rows.into_iter().zip(piece.posts) {
            if let Some((_, text)) = kept.next_if(|(index, _)| *index == number) {
                post.extra
                    .push((manager_field.clone(), Value::String(text)));
            }
            number += 1;
            let mut read = PostRead::new(post, number, row.start, row.id);
            read.reports_to = reports_to.next().flatten();
            builder.add(read);
        }
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
    let mut imported = super::build_at(file, meta, builder, found, options.places, |offsets| {
        offsets.iter().map(|&offset| position(offset)).collect()
    })?;
    imported.notes.push(format!("{file}: reading {described}"));
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Position;

    fn warnings(text: &str) -> Vec<(Position, String)> {
        let imported = hr("h.csv", text, &HrOptions::default()).unwrap();
        imported
            .warnings
            .into_iter()
            .map(|f| (f.problem.position.unwrap(), f.problem.message))
            .collect()
    }

    #[test]
    fn a_row_after_blank_lines_and_crlf_line_ends_is_named_at_its_own_line() {
        // Line 6, column 10: the manager cell of the row `2,Deputy,nobody`.
        let at = Position {
            line: 6,
            column: 10,
        };
        for text in [
            "Employee ID,Job Title,Manager ID\r\n\r\n1,Director,\r\n\r\n\r\n2,Deputy,nobody\r\n",
            "Employee ID,Job Title,Manager ID\n\n1,Director,\n\n\n2,Deputy,nobody\n",
            "Employee ID,Job Title,Manager ID\r\r1,Director,\r\r\r2,Deputy,nobody\r",
        ] {
            let found = warnings(text);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert_eq!(found[0].0, at, "{text:?}: {}", found[0].1);
        }
    }

    #[test]
    fn a_quoted_cell_keeps_its_line_breaks_as_lf_and_later_rows_their_lines() {
        let text =
            "Employee ID,Job Title,Manager ID\r\n1,\"Head,\r\nof all\",\r\n2,Deputy,nobody\r\n";
        let imported = hr("h.csv", text, &HrOptions::default()).unwrap();
        let org = &imported.org;
        let head = org.find("1").unwrap();
        assert_eq!(&*org.post(head).title, "Head,\nof all");
        let found = &imported.warnings[0].problem;
        assert_eq!(
            found.position,
            Some(Position {
                line: 4,
                column: 10
            })
        );
    }

    #[test]
    fn the_places_of_posts_are_given_when_asked() {
        let text = "Employee ID,Job Title,Manager ID\n1,Director,\n\"2\",Deputy,1\n";
        let read = |places| {
            let options = HrOptions {
                places,
                ..HrOptions::default()
            };
            hr("h.csv", text, &options).unwrap().places
        };
        assert!(read(false).is_empty());
        assert_eq!(
            read(true),
            [
                Position { line: 2, column: 1 },
                Position { line: 3, column: 1 }
            ]
        );
    }
}
