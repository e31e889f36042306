//! The UK "Organogram of Staff Roles & Salaries": the pair of CSV files that departments
//! publish twice a year on data.gov.uk. The senior file has one row per senior post; the
//! junior file has one row per group of junior staff, each reporting to a senior post.
//!
//! How the files are read:
//!
//! - Columns are found by their header, not their place: trimmed, case and punctuation
//!   ignored (`Reports To Senior Post`, `Contact Email` and `Valid` match), with the known
//!   variants (`Grade` in older files for `Grade (or equivalent)`, `Number of Posts (FTE)`).
//!   The header is the first row that names the post reference column, so title rows above
//!   it are passed over (with a warning). Columns without a header (a spreadsheet's index
//!   column, the blanked `Total Pay` column) are left out, with a warning when they hold
//!   values.
//! - Senior rows become posts: `Post Unique Reference` the id, `Job Title` the title, `Name`
//!   the holder (`Vacant` in any case: a vacant post; `N/D`, not disclosed, is kept as the
//!   holder "N/D"), `Grade (or equivalent)` the grade, `Unit`, `FTE`, `Notes` the note and
//!   `Reports to Senior Post` the manager (`XX` in any case: a top post). Every other column
//!   is kept as a field of the post named by its header, so nothing is lost; the pay and cost
//!   columns as numbers where they are numbers.
//! - Junior rows become staff groups of their reporting senior post: `Generic Job Title` the
//!   title, `Grade`, and `Number of Posts in FTE` the FTE; the other columns (the pay range
//!   among them) are kept as fields of the group.
//! - Rows whose `Name` is `Eliminated` are left out, each with a warning; posts and junior
//!   staff that report to one move up to its manager, with a warning.
//! - A job share is published as two (or more) rows with the same `Post Unique Reference`,
//!   `Job Title` and `Reports to Senior Post`: they make one post whose holder is the
//!   holders joined with " / " (a vacant half as "Vacant"), whose FTE is the sum of theirs
//!   (1 where a row gives none), and whose other fields are joined with " / " where the rows
//!   differ. Rows that share a reference but not the title or manager, or that name the
//!   same person twice, are an error.
//! - Numbers may be written `360510.0`, `£60,000` or ` 1.0 `. `N/D`, `N/A` and `-` in a
//!   number column are no error: the value is left unset and the text kept as a field named
//!   by the column. Ids that look like numbers stay text, with `360510.0` read as `360510`
//!   in the id and reports-to columns alike. Grades that are codes (`Of-6`, `scs1`) are
//!   written in capitals; every other value is trimmed.
//! - A post that reports to itself is read as a top post, with a warning: some departments
//!   mark the heads of their services that way. So is a post that reports to a post not in
//!   the file (a department's top post reports to a post in its parent department's file),
//!   its reference kept as the field `Reports to Senior Post`, which the organogram export
//!   writes back. Junior staff reporting to a post not in the senior file
//!   are an error: they would be lost. Ids, managers and loops are checked by the chart
//!   builder, as for every format.
//! - Totals rows, which many files end with, are left out with a warning: a senior row
//!   whose `Post Unique Reference` is `Total` (or `Totals`, `Grand total`, in any case), or
//!   is blank with such a cell elsewhere; a junior row whose `Reporting Senior Post` is
//!   blank (or `Total`) with such a cell. A post whose title has the word in it is a post.
//! - Junior staff whose `Number of Posts in FTE` is not given (`N/D`) are counted as 0, with
//!   a warning, so that the chart's total is the file's; the text is kept as a field of the
//!   group. (A senior post's `FTE` that is not given is left unset.)
//! - CSV exports, orgtree's among them, put a `'` before a cell that starts with `=`, `+`,
//!   `-`, `@`, a tab or a carriage return, so that a spreadsheet does not read it as a
//!   formula. One such `'` is taken off (`'+44 300 000 0000` is `+44 300 000 0000`, `'-` is
//!   `-`, not given); a `'` before anything else stays. (A cell that really starts with
//!   `'=` is read without its `'`.)
//! - Quoting is checked as RFC 4180 has it: a `"` at the start of a cell opens a quoted
//!   cell, `""` in it is a quote, and a `"` before a comma or a line end closes it. A quoted
//!   cell that never closes, or runs on over lines to a quote with text after it (a closing
//!   quote is missing, and the rows after it would be read into one cell), is an error at the
//!   row and column where it opens; a quote with text after it on the same row, a warning.
//! - A junior file given as the senior one, or the other way round, is said to be so.
//!
//! Every problem is reported at once, each at its row (the line where the row starts) and
//! column (counted from 1, as in the file), naming the column by its header.

use std::borrow::Cow;
use std::cmp::Ordering;

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;

use super::{Found, Imported, build};
use crate::org::build::{Handling, IdRead, Policy, PostRead};
use crate::org::save::number_value;
use crate::org::{Extra, Meta, Position, Post, PostId, Problem, Severity, Shared, Staff, Text};
use crate::text::Escaped;

/// Reads a senior file and, if given, its junior file, each as (name for messages, text).
///
/// On success, the chart and the warnings; otherwise every problem found, warnings
/// included, senior file first, in row order.
pub fn organogram(
    senior: (&str, &str),
    junior: Option<(&str, &str)>,
) -> Result<Imported, Vec<Found>> {
    let mut report = Report::default();
    let read = Sheet::read(senior.0, senior.1, Kind::Senior, &mut report);
    let mut chart = read.map(|sheet| Posts::read(&sheet, &mut report));
    if let Some((file, text)) = junior {
        report.file = 1;
        if let Some(sheet) = Sheet::read(file, text, Kind::Junior, &mut report)
            && let Some(chart) = &mut chart
        {
            chart.add_junior(&sheet, senior.0, &mut report);
        }
    }
    let Some(chart) = chart else {
        return Err(report.into_sorted());
    };
    let source = match junior {
        Some((junior, _)) => format!("imported from {} and {junior}", senior.0),
        None => format!("imported from {}", senior.0),
    };
    let meta = Meta {
        name: chart.name.as_deref().map(Text::from),
        source: Some(source.into()),
        ..Meta::default()
    };
    // The builder's problems join the reader's, so that all are reported at once.
    let built = build(senior.0, meta, POLICY, chart.posts(), Vec::new());
    let (org, found) = match built {
        Ok(imported) => (Some(imported.org), imported.warnings),
        Err(problems) => (None, problems),
    };
    report
        .found
        .extend(found.into_iter().map(|found| (0, found)));
    match org {
        Some(org) if !report.has_errors() => Ok(Imported {
            org,
            warnings: report.into_sorted(),
        }),
        _ => Err(report.into_sorted()),
    }
}

/// What the builder does with an organogram's posts: a post that reports to itself (as some
/// departments mark their heads) or to a post not in the file (a department's top post
/// reports to a post in its parent department's file) is read as a top post with a
/// warning; a reference outside the file is kept under the column's name, so that an
/// export writes it back.
const POLICY: Policy = Policy {
    unknown_manager: Handling::Recover,
    self_report: Handling::Recover,
    manager_field: OUTSIDE_MANAGER,
    keep_self_reports: false,
    ..Policy::STRICT
};

/// The text of a CSV file as published: UTF-8 (with or without a byte order mark), UTF-16
/// (which spreadsheets write as "Unicode text"), or else Windows-1252, which spreadsheets on
/// Windows write (`£` as the byte `0xA3`). As [`decode_with_note`], without the note.
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    decode_with_note(bytes).0
}

/// The text of a CSV file, as [`decode`] reads it, and a note to show the user when it was
/// read as another encoding than UTF-8 or UTF-16 says, or had to be guessed:
///
/// - UTF-16 with a byte order mark (`FF FE` little-endian, `FE FF` big-endian): no note,
///   unless units are not UTF-16 (an unpaired surrogate, an odd byte at the end), which are
///   read as U+FFFD;
/// - UTF-16 without one, told by the zero bytes of its ASCII first characters: a note;
/// - UTF-8: no note; with a UTF-8 byte order mark but bytes that are not UTF-8, those read as
///   U+FFFD, with a note;
/// - anything else: Windows-1252, with the note "not UTF-8: read as Windows-1252".
///
/// The byte order mark of UTF-16 is left out; that of UTF-8 is kept, as in the file.
#[must_use]
pub fn decode_with_note(bytes: &[u8]) -> (Cow<'_, str>, Option<&'static str>) {
    const NOT_UTF_16: &str = "not valid UTF-16: what is not was read as \u{fffd}";
    match bytes {
        [0xff, 0xfe, rest @ ..] => {
            let (text, valid) = utf_16(rest, u16::from_le_bytes);
            return (Cow::Owned(text), (!valid).then_some(NOT_UTF_16));
        }
        [0xfe, 0xff, rest @ ..] => {
            let (text, valid) = utf_16(rest, u16::from_be_bytes);
            return (Cow::Owned(text), (!valid).then_some(NOT_UTF_16));
        }
        _ => {}
    }
    if let Some(from_bytes) = utf_16_without_mark(bytes) {
        let (text, valid) = utf_16(bytes, from_bytes);
        let note = if valid {
            "no byte order mark: read as UTF-16"
        } else {
            "no byte order mark: read as UTF-16, and what is not UTF-16 as \u{fffd}"
        };
        return (Cow::Owned(text), Some(note));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return (
            String::from_utf8_lossy(bytes),
            Some(
                "not valid UTF-8, though it starts with a UTF-8 byte order mark: what is not was read as \u{fffd}",
            ),
        );
    }
    (
        Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
        Some("not UTF-8: read as Windows-1252"),
    )
}

/// UTF-16 text, U+FFFD for what is not UTF-16, and whether all was.
fn utf_16(bytes: &[u8], from_bytes: fn([u8; 2]) -> u16) -> (String, bool) {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut valid = !odd;
    let units = pairs.map(|pair| from_bytes([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                valid = false;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, valid)
}

/// How to read the units of UTF-16 without a byte order mark, if the file is that: a header
/// is ASCII, so each of its first characters is a zero byte and another.
fn utf_16_without_mark(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(16).collect();
    if pairs.len() < 2 {
        return None;
    }
    if pairs.iter().all(|p| p[0] != 0 && p[1] == 0) {
        Some(u16::from_le_bytes)
    } else if pairs.iter().all(|p| p[0] == 0 && p[1] != 0) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The problems found so far, each with the file it is in (0 senior, 1 junior) for sorting.
#[derive(Default)]
struct Report {
    file: u8,
    found: Vec<(u8, Found)>,
}

impl Report {
    fn error(&mut self, file: &str, at: Position, message: String) {
        self.found
            .push((self.file, Found::error(file, Some(at), message)));
    }

    fn warning(&mut self, file: &str, at: Position, message: String) {
        self.found
            .push((self.file, Found::warning(file, Some(at), message)));
    }

    fn has_errors(&self) -> bool {
        self.found
            .iter()
            .any(|(_, found)| found.problem.severity == Severity::Error)
    }

    fn into_sorted(mut self) -> Vec<Found> {
        self.found.sort_by(|(a_file, a), (b_file, b)| {
            a_file
                .cmp(b_file)
                .then_with(|| order(&a.problem, &b.problem))
        });
        self.found.into_iter().map(|(_, found)| found).collect()
    }
}

fn order(a: &Problem, b: &Problem) -> Ordering {
    a.position.cmp(&b.position)
}

fn at(line: usize, column: usize) -> Position {
    Position { line, column }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Senior,
    Junior,
}

/// A column whose meaning the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    Grade,
    Title,
    Unit,
    Fte,
    Notes,
    ReportsTo,
}

/// The headers each field is known by, as [`key`] writes them, and its name in messages
/// when the file lacks it.
const SENIOR_FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Id,
        "Post Unique Reference",
        &[
            "postuniquereference",
            "postuniqueref",
            "postreference",
            "postref",
        ],
    ),
    (
        Field::Name,
        "Name",
        &["name", "postholder", "nameofpostholder"],
    ),
    (
        Field::Grade,
        "Grade (or equivalent)",
        &["gradeorequivalent", "grade"],
    ),
    (Field::Title, "Job Title", &["jobtitle", "posttitle"]),
    (Field::Unit, "Unit", &["unit"]),
    (Field::Fte, "FTE", &["fte"]),
    (Field::Notes, "Notes", &["notes", "note"]),
    (
        Field::ReportsTo,
        "Reports to Senior Post",
        &["reportstoseniorpost", "reportingseniorpost", "reportsto"],
    ),
];

const JUNIOR_FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::ReportsTo,
        "Reporting Senior Post",
        &["reportingseniorpost", "reportstoseniorpost", "reportsto"],
    ),
    (Field::Grade, "Grade", &["grade", "gradeorequivalent"]),
    (
        Field::Title,
        "Generic Job Title",
        &["genericjobtitle", "jobtitle"],
    ),
    (
        Field::Fte,
        "Number of Posts in FTE",
        &[
            "numberofpostsinfte",
            "numberofpostsfte",
            "numberofposts",
            "fte",
        ],
    ),
];

/// Other columns whose values are amounts, kept as numbers where they are numbers.
const AMOUNTS: &[&str] = &[
    "salarycostofreports",
    "actualpayfloor",
    "actualpayceiling",
    "totalpay",
    "payscaleminimum",
    "payscalemaximum",
];

/// The other columns of the published templates, by [`key`], with their header as the
/// templates write it: a column found under another spelling (`Contact Email`, `Valid`) is
/// kept under the template's header, so that `orgtree export --to organogram` writes it back.
const TEMPLATE_HEADERS: &[(&str, &str)] = &[
    ("jobteamfunction", "Job/Team Function"),
    ("parentdepartment", "Parent Department"),
    ("organisation", "Organisation"),
    ("contactphone", "Contact Phone"),
    ("contactemail", "Contact E-mail"),
    ("salarycostofreports", "Salary Cost of Reports (£)"),
    ("actualpayfloor", "Actual Pay Floor (£)"),
    ("actualpayceiling", "Actual Pay Ceiling (£)"),
    (
        "professionaloccupationalgroup",
        "Professional/Occupational Group",
    ),
    ("valid", "Valid?"),
    ("payscaleminimum", "Payscale Minimum (£)"),
    ("payscalemaximum", "Payscale Maximum (£)"),
];

/// A header as it is compared: ASCII letters and digits only, in lower case, so that case,
/// spaces, punctuation and the pound sign (however it was encoded) do not matter.
fn key(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Kind {
    fn fields(self) -> &'static [(Field, &'static str, &'static [&'static str])] {
        match self {
            Self::Senior => SENIOR_FIELDS,
            Self::Junior => JUNIOR_FIELDS,
        }
    }

    /// The column that finds the header row.
    fn marker(self) -> Field {
        match self {
            Self::Senior => Field::Id,
            Self::Junior => Field::ReportsTo,
        }
    }

    fn required(self) -> &'static [Field] {
        match self {
            Self::Senior => &[Field::Id, Field::Name, Field::Title, Field::ReportsTo],
            Self::Junior => &[Field::ReportsTo, Field::Fte],
        }
    }
}

/// What a column holds.
#[derive(Clone, Debug)]
enum Role {
    Field(Field),
    /// A column kept as a field under `name`; `amount` when its values are numbers.
    Kept {
        name: String,
        amount: bool,
    },
    /// A column without a header.
    Unnamed,
}

/// The lines of a text, to say on which line a row starts. (The `csv` crate's own line
/// numbers are one short after CRLF line ends.)
struct Lines<'t> {
    text: &'t [u8],
    /// The offset of each LF.
    ends: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.as_bytes();
        let ends = (0..text.len()).filter(|&i| text[i] == b'\n').collect();
        Self { text, ends }
    }

    /// The line, counted from 1, of the last character (a line end at the end of the text
    /// ends that line, not a new one).
    fn last(&self) -> usize {
        let before = self.text.len().saturating_sub(1);
        self.ends.partition_point(|&end| end < before) + 1
    }

    /// The line, counted from 1, of the row `csv` places at byte `offset`: it places a row
    /// at the line end before it, which is passed over.
    fn line(&self, offset: u64) -> usize {
        let mut at = usize::try_from(offset).map_or(self.text.len(), |o| o.min(self.text.len()));
        while self.text.get(at).is_some_and(|&b| b == b'\r' || b == b'\n') {
            at += 1;
        }
        self.ends.partition_point(|&end| end < at) + 1
    }
}

/// A quoted cell that does not end as RFC 4180 has it end.
#[derive(Debug)]
struct Quote {
    /// Where it opens: the line, and the cell in its row (from 0).
    line: usize,
    cell: usize,
    /// The line of the quote that ends it, with text after it; `None` if it never closes.
    ends: Option<usize>,
}

impl Quote {
    /// Reports the problem, naming the column by the header if the header is above it;
    /// true if the file is refused.
    fn report(
        &self,
        file: &str,
        header: Option<&(usize, csv::StringRecord)>,
        last_line: usize,
        report: &mut Report,
    ) -> bool {
        let column = header
            .filter(|(line, _)| *line < self.line)
            .and_then(|(_, record)| record.get(self.cell))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map_or_else(
                || format!("column {}", self.cell + 1),
                |name| format!("\"{}\"", Escaped(name)),
            );
        let rows = |to: usize| {
            if to > self.line {
                format!("rows {} to {to}", self.line)
            } else {
                format!("row {to}")
            }
        };
        let place = at(self.line, self.cell + 1);
        match self.ends {
            None => report.error(
                file,
                place,
                format!(
                    "a quoted cell opened here never closes: {column} would take in the rest of the file ({}); a closing quote is missing",
                    rows(last_line)
                ),
            ),
            Some(end) if end > self.line => report.error(
                file,
                place,
                format!(
                    "a quoted cell opened here runs on to row {end}, where a quote with text after it ends it: {column} would take in {}; a closing quote is missing",
                    rows(end)
                ),
            ),
            Some(_) => {
                report.warning(
                    file,
                    place,
                    format!(
                        "{column}: text follows the closing quote of the quoted cell opened here: read as part of the cell; is a quote missing?"
                    ),
                );
                return false;
            }
        }
        true
    }
}

/// The quoted cells of `text` (whose lines end in LF) that do not end as RFC 4180 has it,
/// read as the `csv` crate reads them: a `"` at the start of a cell opens a quoted cell, `""`
/// in it is a quote, and another `"` ends it, which should come before a comma or a line end
/// (spaces between are let pass).
fn quoting(text: &str) -> Vec<Quote> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let (mut line, mut cell, mut start) = (1, 0, true);
    let mut i = 0;
    while i < bytes.len() {
        if start && bytes[i] == b'"' {
            let (opens, opens_cell) = (line, cell);
            i += 1;
            loop {
                match bytes.get(i) {
                    None => {
                        found.push(Quote {
                            line: opens,
                            cell: opens_cell,
                            ends: None,
                        });
                        return found;
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        line += 1;
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
            // Spaces after the closing quote are only read into the cell, which is trimmed.
            let after = bytes[i..].iter().position(|&b| b != b' ' && b != b'\t');
            if !matches!(after.map(|k| bytes[i + k]), None | Some(b',' | b'\n')) {
                found.push(Quote {
                    line: opens,
                    cell: opens_cell,
                    ends: Some(line),
                });
            }
            start = false;
            continue;
        }
        match bytes[i] {
            b',' => {
                cell += 1;
                start = true;
            }
            b'\n' => {
                line += 1;
                cell = 0;
                start = true;
            }
            _ => start = false,
        }
        i += 1;
    }
    found
}

/// One CSV file: its header and its rows, with their lines.
struct Sheet<'a> {
    file: &'a str,
    kind: Kind,
    header_line: usize,
    /// Each column's header (trimmed) and role; rows longer than the header have more.
    columns: Vec<(String, Role)>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl<'a> Sheet<'a> {
    fn read(file: &'a str, text: &str, kind: Kind, report: &mut Report) -> Option<Self> {
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
        let lines = Lines::new(&text);
        let mut records = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(1, |p| lines.line(p.byte()));
                    records.push((line, record));
                }
                Err(error) => {
                    let line = error.position().map_or(1, |p| lines.line(p.byte()));
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
            let last_line = lines.last();
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
                Kind::Senior
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
                        Kind::Senior => "senior",
                        Kind::Junior => "junior",
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
        if kind == Kind::Junior {
            let senior_marker = SENIOR_FIELDS
                .iter()
                .find(|(field, ..)| *field == Kind::Senior.marker())
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
                .any(|(_, role)| matches!(role, Role::Field(f) if *f == field));
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
    fn report_unnamed(&mut self, report: &mut Report) {
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
                        "column {} has no header: its values (first at row {line}) are left out",
                        i + 1
                    ),
                );
            }
        }
    }

    /// The index of the column of `field`, if the file has one.
    fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .position(|(_, role)| matches!(role, Role::Field(f) if *f == field))
    }

    /// The header of the column of `field`, for messages.
    fn header(&self, field: Field) -> String {
        self.column(field)
            .map(|i| Escaped(&self.columns[i].0).to_string())
            .unwrap_or_default()
    }

    /// A column as messages name it: by its header, or by its number if it has none.
    fn named(&self, column: usize) -> String {
        match self.columns.get(column) {
            Some((header, _)) if !header.is_empty() => format!("\"{}\"", Escaped(header)),
            _ => format!("column {}", column + 1),
        }
    }

    /// The cell of a totals row that says so (`Total`), if `record` is one: the cell of
    /// `field` (the senior id, the junior reporting post) is such a cell, or is blank with such
    /// a cell elsewhere.
    fn totals(&self, record: &csv::StringRecord, field: Field) -> Option<usize> {
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
    fn report_totals(
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

    /// The first column with one of these header keys, if any.
    fn column_keyed(&self, keys: &[&str]) -> Option<usize> {
        self.columns
            .iter()
            .position(|(header, _)| keys.contains(&key(header).as_str()))
    }
}

/// The roles of the columns of `header`: the first column of a field's header takes it; the
/// others are kept under their header, made unique.
fn columns(header: &csv::StringRecord, kind: Kind) -> Vec<(String, Role)> {
    let mut taken: FxHashSet<String> = FxHashSet::default();
    let mut columns: Vec<(String, Role)> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        let name = cell.trim().to_owned();
        let key = key(&name);
        if name.is_empty() {
            columns.push((name, Role::Unnamed));
            continue;
        }
        let field = kind.fields().iter().find_map(|&(field, _, aliases)| {
            let free = !columns
                .iter()
                .any(|(_, role)| matches!(role, Role::Field(f) if *f == field));
            (free && aliases.contains(&key.as_str())).then_some(field)
        });
        let role = if let Some(field) = field {
            Role::Field(field)
        } else {
            let mut kept = TEMPLATE_HEADERS
                .iter()
                .find(|(template, _)| *template == key)
                .map_or_else(|| name.clone(), |(_, header)| (*header).to_owned());
            if taken.contains(&kept) || crate::org::Field::named(&kept).is_some() {
                kept = format!("{name} (column {})", i + 1);
            }
            Role::Kept {
                name: kept,
                amount: AMOUNTS.iter().any(|amount| key.starts_with(amount)),
            }
        };
        if let Role::Kept { name, .. } = &role {
            taken.insert(name.clone());
        }
        taken.insert(name.clone());
        columns.push((name, role));
    }
    columns
}

/// A number as organograms write them.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Number {
    Blank,
    /// `N/D`, `N/A`, `-` and the like: no value, and no error.
    NotGiven,
    Value(f64),
    Text,
}

fn number(text: &str) -> Number {
    let text = text.trim();
    if text.is_empty() {
        return Number::Blank;
    }
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if matches!(
        bare.as_str(),
        "n/d" | "nd" | "n/a" | "na" | "-" | "--" | "notdisclosed" | "notapplicable"
    ) {
        return Number::NotGiven;
    }
    let digits = bare.trim_start_matches('£');
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start_matches('£')),
        None => (false, digits),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3);
        if !grouped {
            return Number::Text;
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !plain(&whole) || !plain(fraction) {
        return Number::Text;
    }
    match format!("{whole}.{fraction}0").parse::<f64>() {
        Ok(n) if n.is_finite() => Number::Value(if negative { -n } else { n }),
        _ => Number::Text,
    }
}

/// A post id as written in either column: trimmed, and `360510.0` read as `360510`.
fn post_id(text: &str) -> String {
    let text = text.trim();
    if let Some((whole, fraction)) = text.split_once('.')
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b == b'0')
    {
        return whole.to_owned();
    }
    text.to_owned()
}

/// A grade, trimmed with its spaces made single; codes such as `Of-6` or `scs1` in capitals.
fn grade(text: &str) -> Option<String> {
    const CODES: &[&str] = &["AA", "AO", "EO", "HEO", "SEO", "EA", "SCS", "SMS", "PB"];
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let grade = words.join(" ");
    let upper = grade.to_ascii_uppercase();
    let code = words.len() == 1
        && grade.len() <= 8
        && grade
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && (grade.bytes().any(|b| b.is_ascii_digit()) || CODES.contains(&upper.as_str()));
    Some(if code { upper } else { grade })
}

/// What the `Name` column says about the post.
#[derive(Clone, Debug, PartialEq)]
enum Holder {
    Named(String),
    Vacant,
    Eliminated,
}

fn holder(text: &str) -> Holder {
    let text = text.trim();
    // Some files quote the marker within the cell: `"Eliminated"`.
    let marker: String = text
        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .to_lowercase();
    match marker.as_str() {
        "vacant" | "vacancy" | "vacant post" => Holder::Vacant,
        "eliminated" | "elimenated" | "post eliminated" => Holder::Eliminated,
        "n/d" | "n / d" => Holder::Named("N/D".to_owned()),
        _ => Holder::Named(text.to_owned()),
    }
}

/// A senior post as read from its row (or the rows of a job share).
struct Entry {
    id: String,
    /// The line of its (first) row, and the columns of its id and manager cells.
    line: usize,
    id_column: usize,
    reports_column: usize,
    /// The manager's id, as written (after `360510.0` is read as `360510`); `None` for a top.
    manager: Option<String>,
    title: String,
    /// One holder for each row: `None` for vacant.
    holders: Vec<Option<String>>,
    grade: Option<String>,
    unit: Option<String>,
    note: Option<String>,
    /// One FTE for each row, where the row gives one.
    fte: Vec<Option<f64>>,
    extra: Vec<(String, Value)>,
    staff: Vec<Staff>,
    /// Why the row is no job share of an earlier row with its id, if it is not.
    if_duplicate: Option<String>,
}

impl Entry {
    fn post(&self) -> Post {
        let mut post = Post::new(
            PostId::new(self.id.as_str()),
            Shared::from(self.title.as_str()),
        );
        post.holder = if self.holders.iter().all(Option::is_none) {
            None
        } else {
            let names: Vec<&str> = self
                .holders
                .iter()
                .map(|h| h.as_deref().unwrap_or("Vacant"))
                .collect();
            Some(Text::from(names.join(" / ")))
        };
        post.grade = self.grade.as_deref().map(Shared::from);
        post.unit = self.unit.as_deref().map(Shared::from);
        post.note = self.note.as_deref().map(Box::from);
        post.fte = match self.fte.as_slice() {
            [one] => *one,
            rows => Some(rows.iter().map(|fte| fte.unwrap_or(1.0)).sum()),
        };
        post.extra = extra(&self.extra);
        post.staff = self.staff.iter().cloned().collect();
        post
    }

    /// Takes in another row of the same job share.
    fn merge(&mut self, other: Entry) {
        self.holders.extend(other.holders);
        self.fte.extend(other.fte);
        join(&mut self.grade, other.grade);
        join(&mut self.unit, other.unit);
        join(&mut self.note, other.note);
        for (name, value) in other.extra {
            match self.extra.iter_mut().find(|(n, _)| *n == name) {
                Some((_, mine)) if *mine == value => {}
                Some((_, mine)) => {
                    let mut text = Some(value_text(mine));
                    join(&mut text, Some(value_text(&value)));
                    *mine = Value::String(text.unwrap_or_default());
                }
                None => self.extra.push((name, value)),
            }
        }
    }
}

/// Joins the value of another row of a job share to `mine` with " / ", unless it is there.
fn join(mine: &mut Option<String>, other: Option<String>) {
    let Some(other) = other else { return };
    match mine {
        Some(text) if text.split(" / ").any(|part| part == other) => {}
        Some(text) => {
            text.push_str(" / ");
            text.push_str(&other);
        }
        None => *mine = Some(other),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn extra(fields: &[(String, Value)]) -> Extra {
    fields
        .iter()
        .map(|(name, value)| (Text::from(name.as_str()), value.clone()))
        .collect()
}

/// A cell of `record`, trimmed and [`unguarded`]; empty where the row is short.
fn cell(record: &csv::StringRecord, column: Option<usize>) -> &str {
    column
        .and_then(|i| record.get(i))
        .map_or("", |text| unguarded(text.trim()))
}

/// A cell without the `'` a CSV export put in front of it so that a spreadsheet would not
/// read it as a formula: one `'` before `=`, `+`, `-`, `@`, a tab or a carriage return (a
/// line break here, where line ends are LF).
fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest.trim(),
        _ => text,
    }
}

/// Whether a cell says its row is a totals row: `Total`, `Totals`, `Grand total` in any
/// case, perhaps with a colon.
fn is_total(text: &str) -> bool {
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

/// The kept columns of a row: text as text, amounts as numbers where they are numbers.
fn kept(sheet: &Sheet, record: &csv::StringRecord) -> Vec<(String, Value)> {
    let mut fields = Vec::new();
    for (i, (_, role)) in sheet.columns.iter().enumerate() {
        let Role::Kept { name, amount } = role else {
            continue;
        };
        let text = cell(record, Some(i));
        if text.is_empty() {
            continue;
        }
        let value = match number(text) {
            Number::Value(n) if *amount => number_value(n),
            _ => Value::String(text.to_owned()),
        };
        fields.push((name.clone(), value));
    }
    fields
}

/// The FTE of a row, reporting what is wrong with it; the text is kept in `fields` under
/// the column's header when it is no number.
///
/// Not given (`N/D`) is left unset for a senior post; junior staff are counted as 0, with a
/// warning, as a file's totals count them (unset would count 1).
fn fte(
    sheet: &Sheet,
    record: &csv::StringRecord,
    line: usize,
    label: &str,
    fields: &mut Vec<(String, Value)>,
    report: &mut Report,
) -> Option<f64> {
    let column = sheet.column(Field::Fte)?;
    let text = cell(record, Some(column));
    let header = &sheet.columns[column].0;
    let keep = |fields: &mut Vec<(String, Value)>| {
        fields.push((header.clone(), Value::String(text.to_owned())));
    };
    match number(text) {
        Number::Blank => None,
        Number::Value(n) if n < 0.0 => {
            report.error(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}', which is negative",
                    Escaped(header),
                    Escaped(text)
                ),
            );
            None
        }
        Number::Value(n) => Some(n),
        Number::NotGiven => {
            keep(fields);
            if sheet.kind == Kind::Senior {
                return None;
            }
            report.warning(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}': not given: counted as 0, and kept as the field \"{}\"",
                    Escaped(header),
                    Escaped(text),
                    Escaped(header)
                ),
            );
            Some(0.0)
        }
        Number::Text => {
            report.warning(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}', which is not a number: left unset and kept as the field \"{}\"",
                    Escaped(header),
                    Escaped(text),
                    Escaped(header)
                ),
            );
            keep(fields);
            None
        }
    }
}

/// The senior posts read, before they are made a chart.
struct Posts {
    entries: Vec<Entry>,
    /// Each id's entry.
    index: FxHashMap<String, usize>,
    /// Each eliminated post's manager (`None` for a top post), to move its reports up.
    eliminated: FxHashMap<String, Option<String>>,
    /// The chart's name: the organisation most rows give, or else the parent department.
    name: Option<String>,
}

/// Where a reporting line leads once eliminated posts are passed over.
enum Leads {
    To(String),
    Top,
    /// To this id, which is not in the file.
    Outside(String),
}

/// The field that keeps a reference to a post not in the file, of a post read as a top post.
const OUTSIDE_MANAGER: &str = "Reports to Senior Post";

impl Posts {
    fn read(sheet: &Sheet, report: &mut Report) -> Self {
        let mut posts = Posts {
            entries: Vec::new(),
            index: FxHashMap::default(),
            eliminated: FxHashMap::default(),
            name: None,
        };
        let [id_column, name_column, reports_column] =
            [Field::Id, Field::Name, Field::ReportsTo].map(|f| sheet.column(f));
        let reports_header = sheet.header(Field::ReportsTo);
        let mut names: Vec<(String, usize)> = Vec::new();
        let organisation = sheet.column_keyed(&["organisation", "organization"]);
        let department = sheet.column_keyed(&["parentdepartment"]);
        for (line, record) in &sheet.rows {
            let line = *line;
            if let Some(total) = sheet.totals(record, Field::Id) {
                sheet.report_totals(line, record, total, report);
                continue;
            }
            let id = post_id(cell(record, id_column));
            let title = cell(record, sheet.column(Field::Title)).to_owned();
            let place = |column: Option<usize>| at(line, column.map_or(1, |c| c + 1));
            let label = format!("post '{}'", Escaped(&id));
            let name = cell(record, name_column);
            let holder = holder(name);
            let reports = cell(record, reports_column);
            let manager = if reports.eq_ignore_ascii_case("xx") {
                None
            } else if reports.is_empty() {
                if !id.is_empty() && holder != Holder::Eliminated {
                    report.warning(
                        sheet.file,
                        place(reports_column),
                        format!("{label}: \"{reports_header}\" is blank: read as a top post"),
                    );
                }
                None
            } else {
                Some(post_id(reports))
            };
            if holder == Holder::Eliminated {
                report.warning(
                    sheet.file,
                    place(name_column),
                    format!(
                        "{label} ({}): \"{}\" is '{}': the post is left out",
                        Escaped(&title),
                        sheet.header(Field::Name),
                        Escaped(name)
                    ),
                );
                if !id.is_empty() {
                    posts.eliminated.insert(id, manager);
                }
                continue;
            }
            let holder = match holder {
                Holder::Named(name) if name.is_empty() => {
                    report.warning(
                        sheet.file,
                        place(name_column),
                        format!(
                            "{label}: \"{}\" is blank: read as vacant",
                            sheet.header(Field::Name)
                        ),
                    );
                    None
                }
                Holder::Named(name) => Some(name),
                _ => None,
            };
            if title.is_empty() {
                report.warning(
                    sheet.file,
                    place(sheet.column(Field::Title)),
                    format!("{label}: \"{}\" is blank", sheet.header(Field::Title)),
                );
            }
            let mut fields = kept(sheet, record);
            let fte = fte(sheet, record, line, &label, &mut fields, report);
            let text = |field| {
                Some(cell(record, sheet.column(field)).to_owned()).filter(|t| !t.is_empty())
            };
            for column in [organisation, department] {
                let given = cell(record, column);
                if !given.is_empty() {
                    match names.iter_mut().find(|(name, _)| name == given) {
                        Some((_, count)) => *count += 1,
                        None => names.push((given.to_owned(), 1)),
                    }
                    break;
                }
            }
            let entry = Entry {
                id,
                line,
                id_column: id_column.map_or(1, |c| c + 1),
                reports_column: reports_column.map_or(1, |c| c + 1),
                manager,
                title,
                holders: vec![holder],
                grade: grade(cell(record, sheet.column(Field::Grade))),
                unit: text(Field::Unit),
                note: text(Field::Notes),
                fte: vec![fte],
                extra: fields,
                staff: Vec::new(),
                if_duplicate: None,
            };
            posts.add(entry, sheet, report);
        }
        posts.name = names
            .iter()
            .fold(None::<&(String, usize)>, |best, named| match best {
                Some(best) if best.1 >= named.1 => Some(best),
                _ => Some(named),
            })
            .map(|(name, _)| name.clone());
        posts.pass_over_eliminated(sheet, report);
        posts
    }

    /// Adds the post of a row, or joins it to the post of a job share. A row that gives
    /// the id of an earlier row but cannot be a job share is added as it is, with what
    /// makes it no job share, for the builder to report the id given twice.
    fn add(&mut self, mut entry: Entry, sheet: &Sheet, report: &mut Report) {
        if entry.id.is_empty() {
            self.entries.push(entry);
            return;
        }
        let Some(&first) = self.index.get(&entry.id) else {
            self.index.insert(entry.id.clone(), self.entries.len());
            self.entries.push(entry);
            return;
        };
        let earlier = &self.entries[first];
        let same = |a: &str, b: &str| {
            a.split_whitespace()
                .map(str::to_lowercase)
                .eq(b.split_whitespace().map(str::to_lowercase))
        };
        let mut differ = Vec::new();
        if !same(&earlier.title, &entry.title) {
            differ.push(sheet.header(Field::Title));
        }
        if earlier.manager != entry.manager {
            differ.push(sheet.header(Field::ReportsTo));
        }
        let named_twice = entry.holders[0].as_ref().filter(|name| {
            *name != "N/D"
                && earlier
                    .holders
                    .iter()
                    .flatten()
                    .any(|h| h.eq_ignore_ascii_case(name))
        });
        let why = if differ.is_empty() {
            named_twice.map(|name| format!("naming '{}' again", Escaped(name)))
        } else {
            let differ: Vec<String> = differ.iter().map(|h| format!("\"{h}\"")).collect();
            Some(format!("with another {}", differ.join(" and ")))
        };
        if let Some(why) = why {
            entry.if_duplicate = Some(format!("{why}, not a job share"));
            self.entries.push(entry);
            return;
        }
        report.warning(
            sheet.file,
            at(entry.line, entry.id_column),
            format!(
                "post '{}': a second row (first at row {}) with the same \"{}\", \"{}\" and \"{}\": read as a job share, holders joined and FTE added",
                Escaped(&entry.id),
                earlier.line,
                sheet.header(Field::Id),
                sheet.header(Field::Title),
                sheet.header(Field::ReportsTo)
            ),
        );
        self.entries[first].merge(entry);
    }

    /// Where a line to `id` leads, passing over eliminated posts, and whether it passed one.
    fn leads(&self, id: &str) -> (Leads, bool) {
        let mut at = id.to_owned();
        let mut passed = false;
        for _ in 0..=self.eliminated.len() {
            if self.index.contains_key(&at) {
                return (Leads::To(at), passed);
            }
            match self.eliminated.get(&at) {
                Some(Some(above)) => {
                    at.clone_from(above);
                    passed = true;
                }
                Some(None) => return (Leads::Top, true),
                None => return (Leads::Outside(at), passed),
            }
        }
        // Eliminated posts in a loop among themselves.
        (Leads::Top, true)
    }

    /// Moves the reports of eliminated posts up to the post above them. What is left for
    /// the builder: managers that are no post, posts that report to themselves, loops.
    fn pass_over_eliminated(&mut self, sheet: &Sheet, report: &mut Report) {
        if self.eliminated.is_empty() {
            return;
        }
        let header = sheet.header(Field::ReportsTo);
        for i in 0..self.entries.len() {
            let Some(manager) = self.entries[i].manager.clone() else {
                continue;
            };
            let (leads, passed) = self.leads(&manager);
            if !passed {
                continue;
            }
            let entry = &self.entries[i];
            let (moved, manager_now) = match leads {
                Leads::To(above) | Leads::Outside(above) => {
                    (format!("moved up to '{}'", Escaped(&above)), Some(above))
                }
                Leads::Top => ("read as a top post".to_owned(), None),
            };
            report.warning(
                sheet.file,
                at(entry.line, entry.reports_column),
                format!(
                    "post '{}': \"{header}\" is '{}', which is eliminated: {moved}",
                    Escaped(&entry.id),
                    Escaped(&manager)
                ),
            );
            self.entries[i].manager = manager_now;
        }
    }

    /// Adds the junior staff groups to their senior posts.
    fn add_junior(&mut self, sheet: &Sheet, senior_file: &str, report: &mut Report) {
        let reports_column = sheet.column(Field::ReportsTo);
        let header = sheet.header(Field::ReportsTo);
        for (line, record) in &sheet.rows {
            let line = *line;
            if let Some(total) = sheet.totals(record, Field::ReportsTo) {
                sheet.report_totals(line, record, total, report);
                continue;
            }
            let place = at(line, reports_column.map_or(1, |c| c + 1));
            let reports = cell(record, reports_column);
            let label = "junior staff";
            let mut fields = kept(sheet, record);
            let fte = fte(sheet, record, line, label, &mut fields, report);
            let manager = post_id(reports);
            let problem = if reports.is_empty() {
                Some(format!("{label}: \"{header}\" is blank"))
            } else if reports.eq_ignore_ascii_case("xx") {
                Some(format!(
                    "{label}: \"{header}\" is '{}': junior staff report to a senior post",
                    Escaped(reports)
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                report.error(sheet.file, place, problem);
                continue;
            }
            let senior = match self.leads(&manager) {
                (Leads::To(senior), passed) => {
                    if passed {
                        report.warning(
                            sheet.file,
                            place,
                            format!(
                                "{label}: \"{header}\" is '{}', which is eliminated: moved up to '{}'",
                                Escaped(&manager),
                                Escaped(&senior)
                            ),
                        );
                    }
                    senior
                }
                (Leads::Top, _) | (Leads::Outside(_), true) => {
                    report.error(
                        sheet.file,
                        place,
                        format!(
                            "{label}: \"{header}\" is '{}', which is eliminated and has no manager to take its staff",
                            Escaped(&manager)
                        ),
                    );
                    continue;
                }
                (Leads::Outside(_), false) => {
                    report.error(
                        sheet.file,
                        place,
                        format!(
                            "{label}: \"{header}\" is '{}', which is not a post in {}",
                            Escaped(&manager),
                            Escaped(senior_file)
                        ),
                    );
                    continue;
                }
            };
            let staff = Staff {
                title: Some(cell(record, sheet.column(Field::Title)))
                    .filter(|t| !t.is_empty())
                    .map(Text::from),
                grade: grade(cell(record, sheet.column(Field::Grade)))
                    .map(|g| Shared::from(g.as_str())),
                fte,
                cost: None,
                extra: extra(&fields),
            };
            let i = self.index[&senior];
            self.entries[i].staff.push(staff);
        }
    }

    /// The posts in row order, for the chart builder.
    fn posts(&self) -> Vec<PostRead<Position>> {
        self.entries
            .iter()
            .map(|entry| {
                let id_at = at(entry.line, entry.id_column);
                let id = if entry.id.is_empty() {
                    IdRead::Missing
                } else {
                    IdRead::Given(PostId::new(entry.id.as_str()), id_at)
                };
                // A post is named by its row when it has no id.
                let mut read = PostRead::new(entry.post(), entry.line, id_at, id);
                read.reports_to = entry.manager.as_ref().map(|manager| {
                    (
                        PostId::new(manager.as_str()),
                        at(entry.line, entry.reports_column),
                    )
                });
                read.if_duplicate.clone_from(&entry.if_duplicate);
                read
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_organograms_write_them() {
        assert_eq!(number("360510.0"), Number::Value(360_510.0));
        assert_eq!(number(" £1,234,567.50 "), Number::Value(1_234_567.5));
        assert_eq!(number("£ 60,000"), Number::Value(60_000.0));
        assert_eq!(number("0.6"), Number::Value(0.6));
        assert_eq!(number(".5"), Number::Value(0.5));
        assert_eq!(number("-1"), Number::Value(-1.0));
        assert_eq!(number(""), Number::Blank);
        for not_given in ["N/D", "n/d", "N / D", "N/A", "-", "Not disclosed"] {
            assert_eq!(number(not_given), Number::NotGiven, "{not_given}");
        }
        for text in ["1,5", "12,34", "abc", "1e5", "inf", "1.2.3", "£", "."] {
            assert_eq!(number(text), Number::Text, "{text}");
        }
    }

    #[test]
    fn ids_that_look_like_numbers_stay_text_but_lose_a_zero_fraction() {
        assert_eq!(post_id(" 360510.0 "), "360510");
        assert_eq!(post_id("1.00"), "1");
        assert_eq!(post_id("1.5"), "1.5");
        assert_eq!(post_id("007"), "007");
        assert_eq!(post_id("4PO01"), "4PO01");
        assert_eq!(post_id(".0"), ".0");
    }

    #[test]
    fn grade_codes_are_written_in_capitals_and_other_grades_as_given() {
        assert_eq!(grade(" Of-6 ").as_deref(), Some("OF-6"));
        assert_eq!(grade("scs1").as_deref(), Some("SCS1"));
        assert_eq!(grade("heo").as_deref(), Some("HEO"));
        assert_eq!(grade("Grade  7").as_deref(), Some("Grade 7"));
        assert_eq!(grade("EA (London)").as_deref(), Some("EA (London)"));
        assert_eq!(grade("Director").as_deref(), Some("Director"));
        assert_eq!(grade("  "), None);
    }

    #[test]
    fn names_mark_vacant_not_disclosed_and_eliminated_posts() {
        assert_eq!(holder("VACANT"), Holder::Vacant);
        assert_eq!(holder(" vacant "), Holder::Vacant);
        assert_eq!(holder("\"Eliminated\""), Holder::Eliminated);
        assert_eq!(holder("ELIMINATED"), Holder::Eliminated);
        assert_eq!(holder("n/d"), Holder::Named("N/D".into()));
        assert_eq!(holder(" Ann Smith "), Holder::Named("Ann Smith".into()));
    }

    #[test]
    fn headers_match_whatever_their_case_spacing_or_pound_sign() {
        assert_eq!(key(" Reports To Senior Post "), "reportstoseniorpost");
        assert_eq!(key("Salary Cost of Reports (£)"), "salarycostofreports");
        assert_eq!(
            key("Salary Cost of Reports (\u{c2}\u{a3})"),
            "salarycostofreports"
        );
        assert_eq!(key("Contact E-mail"), key("Contact Email"));
    }

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
    fn quoting_is_checked_as_the_csv_crate_reads_it() {
        let found = |text: &str| -> Vec<(usize, usize, Option<usize>)> {
            quoting(text)
                .iter()
                .map(|q| (q.line, q.cell, q.ends))
                .collect()
        };
        assert_eq!(found("a,\"b\nc\",d\n\"e\"\"f\"\n"), []);
        assert_eq!(found("a,b\"c,d\n"), []);
        assert_eq!(found("a,\"b\" ,c"), []);
        assert_eq!(found("a\nb,c,\"d\ne\n"), [(2, 2, None)]);
        assert_eq!(found("a,\"b\nc,\"d\n"), [(1, 1, Some(2))]);
        assert_eq!(found("\"a\"b,\"c\"\n"), [(1, 0, Some(1))]);
    }

    #[test]
    fn windows_1252_files_are_decoded() {
        assert_eq!(decode(b"Pay (\xa3)"), "Pay (£)");
        assert_eq!(decode(b"\x93quoted\x94"), "\u{201c}quoted\u{201d}");
        assert_eq!(decode("Pay (£)".as_bytes()), "Pay (£)");
    }
}
