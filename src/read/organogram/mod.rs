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

use std::cmp::Ordering;

use super::{Found, Imported};
use crate::org::builder::{Builder, Handling, Policy};
use crate::org::{Meta, Position, Problem, Severity, Text};
use columns::SheetKind;
use posts::{OUTSIDE_MANAGER, Posts};
use sheet::Sheet;

pub use decode::{decode, decode_with_note};

/// Reads a senior file and, if given, its junior file, each as (name for messages, text).
///
/// On success, the chart and the warnings; otherwise every problem found, warnings
/// included, senior file first, in row order.
pub fn organogram(
    senior: (&str, &str),
    junior: Option<(&str, &str)>,
) -> Result<Imported, Vec<Found>> {
    let mut report = Report::default();
    let read = Sheet::read(senior.0, senior.1, SheetKind::Senior, &mut report);
    let mut chart = read.map(|sheet| Posts::read(sheet, &mut report));
    if let Some((file, text)) = junior {
        report.file = 1;
        if let Some(sheet) = Sheet::read(file, text, SheetKind::Junior, &mut report)
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
    let mut builder = Builder::new(POLICY);
    for post in chart.into_posts() {
        builder.add(post);
    }
    let built = builder.finish(meta);
    for problem in built.findings.problems() {
        let file = senior.0.to_owned();
        report.found.push((0, Found { file, problem }));
    }
    match built.org {
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

mod cells;
mod columns;
mod decode;
mod junior;
mod pay;
mod posts;
mod quoting;
mod shares;
mod sheet;
