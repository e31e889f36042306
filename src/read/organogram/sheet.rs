//! One CSV file read as a sheet: its header row found, its columns named, its rows with the
//! lines they start on, and its totals rows told apart.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::columns::{AMOUNTS, Column, Role, SENIOR_FIELDS, SheetKind, TEMPLATE_HEADERS, key};
use super::quoting::quoting;
use super::{Report, at};
use crate::org::Text;
use crate::org::position::LineIndex;
use crate::text::Escaped;

/// One CSV file: its header and its rows, with their lines.
pub(super) struct Sheet<'a> {
    pub(super) file: &'a str,
    pub(super) kind: SheetKind,
    pub(super) header_line: usize,
    /// Each column's header (trimmed) and role; rows longer than the header have more.
    pub(super) columns: Vec<(String, Role)>,
    pub(super) rows: Vec<(usize, csv::StringRecord)>,
}

impl<'a> Sheet<'a> {
    pub(super) fn read(
        file: &'a str,
        text: &str,
        kind: SheetKind,
        report: &mut Report,
    ) -> Option<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Lines end in LF from here on: CRLF (Windows) becomes LF, as does a CR alone (old
        // spreadsheets on the Mac), also inside a quoted cell, whose line break is then the
        // one the orgtree format writes. Rows are counted by LF.
        let text: Cow<str> = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let quotes = quoting(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let lines = LineIndex::new(&text);
        let mut records = Vec::new();
        // The line breaks within cells so far.
        let mut breaks = 0;
        let mut tally = crate::progress::Tally::new("rows");
        // Stopped (Ctrl-C): what was read is thrown away by the caller.
        for record in reader.records().take_while(|_| tally.tick()) {
            match record {
                Ok(record) => {
                    let line = record
                        .position()
                        .map_or(1, |p| row_line(&lines, &text, p.byte()));
                    // A cell holding a line break makes the rows after it start on later
                    // lines than a spreadsheet numbers them: messages give that row too.
                    if breaks > 0 {
                        report.row_at(line, line - breaks);
                    }
                    breaks += record
                        .iter()
                        .map(|cell| cell.bytes().filter(|&b| b == b'\n').count())
                        .sum::<usize>();
                    records.push((line, record));
                }
                Err(error) => {
                    let line = error
                        .position()
                        .map_or(1, |p| row_line(&lines, &text, p.byte()));
                    report.error(file, at(line, 1), format!("unreadable CSV: {error}"));
                    return None;
                }
            }
        }
        let (marker, marker_name) = kind
            .fields()
            .iter()
            .find(|(field, ..)| *field == kind.marker())
            .map(|(_, name, aliases)| (*aliases, *name))
            .unwrap_or_default();
        let header = records.iter().position(|(_, record)| {
            record
                .iter()
                .any(|cell| marker.contains(&key(cell).as_str()))
        });
        if !quotes.is_empty() {
            let header = header.map(|h| &records[h]);
            // A line end at the end of the text ends the last line, not a new one.
            let last_line = lines.position(text.len().saturating_sub(1)).line;
            let mut refused = false;
            for quote in &quotes {
                refused |= quote.report(file, header, last_line, report);
            }
            if refused {
                return None;
            }
        }
        let Some(header) = header else {
            let hint = match kind {
                SheetKind::Senior
                    if records
                        .iter()
                        .any(|(_, r)| r.iter().any(|c| key(c) == "reportingseniorpost")) =>
                {
                    " (this looks like a junior file)"
                }
                _ => "",
            };
            report.error(
                file,
                at(records.first().map_or(1, |(line, _)| *line), 1),
                format!(
                    "no \"{marker_name}\" column: not an organogram {} file{hint}",
                    match kind {
                        SheetKind::Senior => "senior",
                        SheetKind::Junior => "junior",
                    }
                ),
            );
            return None;
        };
        let mut rows = records.split_off(header + 1);
        let (header_line, header) = records.pop().unwrap_or_default();
        for (line, record) in &records {
            if !record.iter().all(|cell| cell.trim().is_empty()) {
                report.warning(
                    file,
                    at(*line, 1),
                    "a row above the header: left out".to_owned(),
                );
            }
        }
        if kind == SheetKind::Junior {
            let senior_marker = SENIOR_FIELDS
                .iter()
                .find(|(field, ..)| *field == SheetKind::Senior.marker())
                .map(|(_, _, aliases)| *aliases)
                .unwrap_or_default();
            if let Some(i) = header
                .iter()
                .position(|cell| senior_marker.contains(&key(cell).as_str()))
            {
                report.error(
                    file,
                    at(header_line, i + 1),
                    format!(
                        "a \"{}\" column: not an organogram junior file (this looks like a senior file)",
                        Escaped(header[i].trim())
                    ),
                );
                return None;
            }
        }
        let columns = columns(&header, kind);
        let mut missing = false;
        for &(field, name, _) in kind.fields() {
            let found = columns
                .iter()
                .any(|(_, role)| matches!(role, Role::Known(f) if *f == field));
            if !found && kind.required().contains(&field) {
                report.error(
                    file,
                    at(header_line, 1),
                    format!("no \"{name}\" column in the header"),
                );
                missing = true;
            }
        }
        if missing {
            return None;
        }
        // Rows with nothing under a named column (the blank rows a spreadsheet leaves at
        // the end, or only an index) carry nothing.
        rows.retain(|(_, record)| {
            record.iter().enumerate().any(|(i, cell)| {
                !cell.trim().is_empty()
                    && !matches!(columns.get(i), None | Some((_, Role::Unnamed)))
            })
        });
        let mut sheet = Sheet {
            file,
            kind,
            header_line,
            columns,
            rows,
        };
        sheet.report_unnamed(report);
        Some(sheet)
    }

    /// Warns of each column without a header that holds values, which are left out.
    /// Says so when the file has a header and no rows under it.
    pub(super) fn report_empty(&self, what: &str, report: &mut Report) {
        if self.rows.is_empty() {
            report.warning(
                self.file,
                at(self.header_line, 1),
                format!("no rows under the header: the file gives no {what}"),
            );
        }
    }

    pub(super) fn report_unnamed(&mut self, report: &mut Report) {
        let widest = self.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        if widest > self.columns.len() {
            self.columns.resize(widest, (String::new(), Role::Unnamed));
        }
        for (i, (_, role)) in self.columns.iter().enumerate() {
            if !matches!(role, Role::Unnamed) {
                continue;
            }
            let first = self
                .rows
                .iter()
                .find(|(_, record)| record.get(i).is_some_and(|cell| !cell.trim().is_empty()));
            if let Some((line, _)) = first {
                report.warning(
                    self.file,
                    at(self.header_line, i + 1),
                    format!(
                        "column {} has no header: its values (first at line {line}) are left out",
                        i + 1
                    ),
                );
            }
        }
    }

    /// The index of the column of `field`, if the file has one.
    pub(super) fn column(&self, field: Column) -> Option<usize> {
        self.columns
            .iter()
            .position(|(_, role)| matches!(role, Role::Known(f) if *f == field))
    }

    /// The header of the column of `field`, for messages.
    pub(super) fn header(&self, field: Column) -> String {
        self.column(field)
            .map(|i| Escaped(&self.columns[i].0).to_string())
            .unwrap_or_default()
    }

    /// A column as messages name it: by its header, or by its number if it has none.
    pub(super) fn named(&self, column: usize) -> String {
        match self.columns.get(column) {
            Some((header, _)) if !header.is_empty() => format!("\"{}\"", Escaped(header)),
            _ => format!("column {}", column + 1),
        }
    }

    /// The cell of a totals row that says so (`Total`), if `record` is one: the cell of
    /// `field` (the senior id, the junior reporting post) is such a cell, or is blank with such
    /// a cell elsewhere.
    pub(super) fn totals(&self, record: &csv::StringRecord, field: Column) -> Option<usize> {
        let column = self.column(field);
        let own = cell(record, column);
        if is_total(own) {
            return column;
        }
        if !own.is_empty() {
            return None;
        }
        (0..record.len()).find(|&i| is_total(cell(record, Some(i))))
    }

    /// Warns of a totals row, which is left out.
    pub(super) fn report_totals(
        &self,
        line: usize,
        record: &csv::StringRecord,
        at_column: usize,
        report: &mut Report,
    ) {
        report.warning(
            self.file,
            at(line, at_column + 1),
            format!(
                "{} is '{}': a totals row: left out",
                self.named(at_column),
                Escaped(cell(record, Some(at_column)))
            ),
        );
    }
}

/// The roles of the columns of `header`: the first column of a field's header takes it; the
/// others are kept under their header, made unique.
pub(super) fn columns(header: &csv::StringRecord, kind: SheetKind) -> Vec<(String, Role)> {
    let mut taken: FxHashSet<String> = FxHashSet::default();
    let mut columns: Vec<(String, Role)> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        // A header is a cell too: an export guards one that starts like a formula.
        let name = unguarded(cell.trim()).to_owned();
        let key = key(&name);
        if name.is_empty() {
            columns.push((name, Role::Unnamed));
            continue;
        }
        let field = kind.fields().iter().find_map(|&(field, _, aliases)| {
            let free = !columns
                .iter()
                .any(|(_, role)| matches!(role, Role::Known(f) if *f == field));
            (free && aliases.contains(&key.as_str())).then_some(field)
        });
        let role = if let Some(field) = field {
            Role::Known(field)
        } else {
            let mut kept = TEMPLATE_HEADERS
                .iter()
                .find(|(template, _)| *template == key)
                .map_or_else(|| name.clone(), |(_, header)| (*header).to_owned());
            // A second column of a field under the field's own header (two manager
            // columns) is kept under a name of its own: under that header, the export
            // would write it as the field. Under another header that only reads as the
            // field, it keeps its header, which the export writes in a column of its own.
            let another = kind
                .fields()
                .iter()
                .any(|&(_, header, _)| header.eq_ignore_ascii_case(&kept));
            if another || taken.contains(&kept) || crate::org::Field::named(&kept).is_some() {
                kept = format!("{name} (column {})", i + 1);
            }
            Role::Kept {
                name: Text::from(kept),
                amount: AMOUNTS.iter().any(|amount| key.starts_with(amount)),
            }
        };
        if let Role::Kept { name, .. } = &role {
            taken.insert(name.to_string());
        }
        taken.insert(name.clone());
        columns.push((name, role));
    }
    columns
}

/// The line, counted from 1, of the row the `csv` crate places at byte `offset`: it places
/// a row at the line end before it, which is passed over. (Its own line numbers are one short
/// after CRLF line ends.)
fn row_line(lines: &LineIndex, text: &str, offset: u64) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
    while bytes.get(at).is_some_and(|&b| b == b'\r' || b == b'\n') {
        at += 1;
    }
    lines.position(at).line
}

/// A cell of `record`, trimmed and [`unguarded`]; empty where the row is short.
pub(super) fn cell(record: &csv::StringRecord, column: Option<usize>) -> &str {
    column
        .and_then(|i| record.get(i))
        .map_or("", |text| unwrapped(unguarded(text.trim())))
}

/// A cell without the apostrophes a spreadsheet's text marker left around it
/// (`'Head of HR Policy'`); an apostrophe on one side only stays (`O'Brien`, `'t Hooft`).
pub(super) fn unwrapped(text: &str) -> &str {
    match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(inner) if !inner.is_empty() => inner.trim(),
        _ => text,
    }
}

/// A cell without the `'` a CSV export put in front of it so that a spreadsheet would not
/// read it as a formula: one `'` before `=`, `+`, `-`, `@`, a tab or a carriage return (a
/// line break here, where line ends are LF).
pub(super) fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest.trim(),
        _ => text,
    }
}

/// Whether a cell says its row is a totals row: `Total`, `Totals`, `Grand total` in any
/// case, perhaps with a colon.
pub(super) fn is_total(text: &str) -> bool {
    if text.len() > "grand totals:".len() + 4 {
        return false;
    }
    let words: Vec<String> = text
        .trim_end_matches(':')
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["total" | "totals"] | ["grand", "total" | "totals"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_cells_are_whole_words() {
        for total in [
            "Total",
            "TOTALS",
            " grand  total ",
            "Total:",
            "Grand Totals",
        ] {
            assert!(is_total(total), "{total}");
        }
        for other in [
            "",
            "Total Rewards",
            "Subtotal",
            "Totally",
            "Head of Total Quality",
        ] {
            assert!(!is_total(other), "{other}");
        }
    }

    #[test]
    fn one_guarding_quote_is_taken_off() {
        assert_eq!(unguarded("'+44 1"), "+44 1");
        assert_eq!(unguarded("'-"), "-");
        assert_eq!(unguarded("'=A1"), "=A1");
        assert_eq!(unguarded("'@x"), "@x");
        assert_eq!(unguarded("'\tx"), "x");
        assert_eq!(unguarded("''=A1"), "''=A1");
        assert_eq!(unguarded("'quoted'"), "'quoted'");
        assert_eq!(unguarded("'"), "'");
    }

    #[test]
    fn apostrophes_around_a_cell_are_taken_off_and_one_alone_stays() {
        assert_eq!(unwrapped("'Head of HR Policy'"), "Head of HR Policy");
        assert_eq!(unwrapped("''x''"), "'x'");
        assert_eq!(unwrapped("O'Brien"), "O'Brien");
        assert_eq!(unwrapped("'t Hooft"), "'t Hooft");
        assert_eq!(unwrapped("'"), "'");
        assert_eq!(unwrapped("''"), "''");
        assert_eq!(
            cell(&csv::StringRecord::from(vec!["' N/D '"]), Some(0)),
            "N/D"
        );
    }
}
