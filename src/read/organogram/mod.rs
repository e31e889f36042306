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
//!   holder "N/D"; so is a blank cell, with a warning), `Grade (or equivalent)` the grade, `Unit`, `FTE`, `Notes` the note and
//!   `Reports to Senior Post` the manager (`XX` in any case: a top post). Every other column
//!   is kept as a field of the post named by its header, so nothing is lost; the pay and cost
//!   columns as numbers where they are numbers.
//! - Junior rows become staff groups of their reporting senior post: `Generic Job Title` the
//!   title, `Grade`, and `Number of Posts in FTE` the FTE; the other columns (the pay range
//!   among them) are kept as fields of the group.
//! - Markers (`Eliminated`, `Vacant`, `N/D`, `ND`, `Not disclosed`) are read in any case,
//!   in quotes or apostrophes, with a full stop (`cells::marker`). A cell wrapped in
//!   apostrophes loses them.
//! - Rows whose `Name` (or reference) is `Eliminated` are left out, each with a warning;
//!   posts and junior staff that report to one move up to its manager, with a warning.
//! - References match without leading zeros (`00196904` is `196904`).
//! - A job share is published as two (or more) rows with the same `Post Unique Reference`,
//!   `Job Title` and `Reports to Senior Post`: they make one post whose holder is the
//!   holders joined with " / " (a vacant half as "Vacant"), whose FTE is the sum of theirs
//!   (1 where a row gives none; none when a row gives text), and whose other fields are
//!   joined with " / " where the rows differ. A row given again (the same holder and FTE)
//!   is one post. Rows that share a reference but not the title or manager, and the
//!   placeholder reference `0` of "not in post" rows, are posts of their own: the builder
//!   gives the later ones derived ids.
//! - Numbers may be written `360510.0`, `£60,000` or ` 1.0 `. `N/D`, `N/A` and `-` in a
//!   number column are no error: the value is left unset and the text kept as a field named
//!   by the column. Ids that look like numbers stay text, with `360510.0` read as `360510`
//!   in the id and reports-to columns alike. Grades that are codes (`Of-6`, `scs1`) are
//!   written in capitals; every other value is trimmed.
//! - A post that reports to itself is read as a top post, with a warning: some departments
//!   mark the heads of their services that way. So is a post that reports to a post not in
//!   the file (a department's top post reports to a post in its parent department's file),
//!   its reference kept as the field `Reports to Senior Post`, which the organogram export
//!   writes back. Junior staff reporting to no post of the senior file (blank, `-1`, `XX`,
//!   unknown) are kept under a post added for them (`junior::UNPLACED_ID`). Ids, managers
//!   and loops are checked by the chart builder, as for every format; the organogram's
//!   policy recovers from each with a warning.
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
//! Every problem is reported at once, each at its line (where the row starts) and column
//! (counted from 1, as in the file), naming the column by its header, and with the
//! spreadsheet's row where a cell holding a line break makes it another.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::{Found, Imported};
use crate::org::builder::{Builder, Handling, Policy};
use crate::org::{Meta, Position, Problem, Severity, Text};
use columns::SheetKind;
use posts::{OUTSIDE_MANAGER, Posts};
use sheet::Sheet;

pub use decode::{decode, decode_with_note};
pub use recognise::{PairFile, sheet_of};

/// Reads a senior file and, if given, its junior file, each as (name for messages, text).
///
/// On success, the chart and the warnings; otherwise every problem found, warnings
/// included, senior file first, in row order.
pub fn organogram(
    senior: (&str, &str),
    junior: Option<(&str, &str)>,
) -> Result<Imported, Vec<Found>> {
    organogram_with(senior, junior, false)
}

/// As [`organogram`]; with `lenient`, every problem the chart builder finds is recovered
/// from, as `--lenient` does for orgtree JSON ([`POLICY`] already recovers from most).
pub fn organogram_with(
    senior: (&str, &str),
    junior: Option<(&str, &str)>,
    lenient: bool,
) -> Result<Imported, Vec<Found>> {
    let mut report = Report::default();
    let read = Sheet::read(senior.0, senior.1, SheetKind::Senior, &mut report);
    if let Some(sheet) = &read {
        sheet.report_empty("senior posts", &mut report);
    }
    let mut chart = read.map(|sheet| Posts::read(sheet, &mut report));
    if let Some((file, text)) = junior {
        report.file = 1;
        if let Some(sheet) = Sheet::read(file, text, SheetKind::Junior, &mut report) {
            sheet.report_empty("junior staff", &mut report);
            if let Some(chart) = &mut chart {
                chart.add_junior(&sheet, senior.0, &mut report);
            }
        }
    }
    let Some(chart) = chart else {
        return Err(report.into_sorted());
    };
    if chart.entries.is_empty() {
        report.file = 0;
        report.error(
            senior.0,
            at(1, 1),
            "no posts: there is nothing to make a chart of".to_owned(),
        );
        return Err(report.into_sorted());
    }
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
    let mut builder = Builder::new(if lenient { LENIENT } else { POLICY });
    for post in chart.into_posts() {
        builder.add(post);
    }
    let built = builder.finish(meta);
    let places = super::post_positions(&built.id_at, <[Position]>::to_vec);
    for problem in built.findings.problems() {
        let file = senior.0.to_owned();
        report.found.push((0, Found { file, problem }));
    }
    match built.org {
        Some(org) if !report.has_errors() => Ok(Imported {
            notes: Vec::new(),
            org,
            warnings: report.into_sorted(),
            places,
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
    ids: Handling::Recover,
    unknown_manager: Handling::Recover,
    self_report: Handling::Recover,
    loops: Handling::Recover,
    manager_field: OUTSIDE_MANAGER,
    keep_self_reports: false,
    ..Policy::STRICT
};

/// [`POLICY`], recovering from every problem (`--lenient`).
const LENIENT: Policy = Policy {
    ids: Handling::Recover,
    unknown_manager: Handling::Recover,
    self_report: Handling::Recover,
    loops: Handling::Recover,
    unknown_dotted: Handling::Recover,
    ..POLICY
};

/// The problems found so far, each with the file it is in (0 senior, 1 junior) for sorting.
#[derive(Default)]
struct Report {
    file: u8,
    found: Vec<(u8, Found)>,
    /// For each file, the spreadsheet row of each line that starts a row elsewhere.
    rows: [FxHashMap<usize, usize>; 2],
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

    fn row_at(&mut self, line: usize, row: usize) {
        self.rows[usize::from(self.file.min(1))].insert(line, row);
    }

    fn has_errors(&self) -> bool {
        self.found
            .iter()
            .any(|(_, found)| found.problem.severity == Severity::Error)
    }

    fn into_sorted(mut self) -> Vec<Found> {
        for (file, found) in &mut self.found {
            let problem = &mut found.problem;
            let row = problem
                .position
                .and_then(|at| self.rows[usize::from((*file).min(1))].get(&at.line));
            if let Some(row) = row {
                problem.message = format!("{} (spreadsheet row {row})", problem.message);
            }
        }
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
mod entry;
mod junior;
mod pay;
mod posts;
mod quoting;
mod recognise;
mod shares;
mod sheet;
