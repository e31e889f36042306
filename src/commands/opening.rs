//! Opening the charts a command reads, in any format, and reporting what was found in
//! them on standard error: the one place that decides the exit code of a chart that
//! cannot be used.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use orgtree::org::{Org, Problem, Severity};
use orgtree::read::{Found, Junior, OpenError, OpenOptions, Opened};
use orgtree::report::plural;
use orgtree::timeline::Chart;

use super::progress_line::{begin, end, interrupted};
use super::{PROBLEMS, UNUSABLE, note, shown};
use crate::cli::ChartArgs;

pub(super) fn opening(lenient: bool, chart: &ChartArgs) -> OpenOptions {
    let junior = match (&chart.junior, chart.no_junior) {
        (Some(file), _) => Junior::File(file.clone()),
        (None, true) => Junior::Without,
        (None, false) => Junior::Beside,
    };
    OpenOptions {
        lenient,
        junior,
        as_of: chart.as_of.clone(),
        hr: chart.hr.options(lenient),
        sheet: chart.sheet.clone(),
        places: false,
    }
}

/// Loads the two charts of a comparison. Problems in either make it unusable (exit 2), so
/// that `diff --exit-code` keeps 1 for "changes found".
/// The two are read at once, on two threads: on large charts that takes little more than
/// reading one.
pub(super) fn open_pair(
    before: &Path,
    after: &Path,
    options: &(OpenOptions, OpenOptions),
) -> Result<(Org, Org), ExitCode> {
    if before.as_os_str() == "-" && after.as_os_str() == "-" {
        let _ = writeln!(
            io::stderr(),
            "orgtree: error: standard input (-) can give only one of the two charts"
        );
        return Err(ExitCode::from(UNUSABLE));
    }
    let (old, new) = read_pair(before, after, options);
    if end() {
        return Err(interrupted(&pair_step(before, after)));
    }
    let old = reported(before, old).map(|loaded| loaded.org);
    let new = reported(after, new).map(|loaded| loaded.org);
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        _ => Err(ExitCode::from(UNUSABLE)),
    }
}

/// The step of reading two charts.
pub(super) fn pair_step(before: &Path, after: &Path) -> String {
    format!("reading {} and {}", shown(before), shown(after))
}

/// Reads the two charts of a comparison at once, on two threads, as one step; reports
/// nothing.
pub(super) fn read_pair(
    before: &Path,
    after: &Path,
    options: &(OpenOptions, OpenOptions),
) -> (Result<Opened, OpenError>, Result<Opened, OpenError>) {
    begin(pair_step(before, after));
    let pair = std::thread::scope(|scope| {
        let new = scope.spawn(|| orgtree::read::open(after, &options.1));
        let old = orgtree::read::open(before, &options.0);
        (
            old,
            new.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    orgtree::progress::finish();
    pair
}

/// Reads a chart as the step "reading FILE"; reports nothing.
pub(super) fn read(file: &Path, options: &OpenOptions) -> Result<Opened, OpenError> {
    begin(format!("reading {}", shown(file)));
    let opened = orgtree::read::open(file, options);
    orgtree::progress::finish();
    opened
}

/// The step of reading the charts of a series.
pub(super) fn many_step(files: &[PathBuf]) -> String {
    format!("reading {} charts", files.len())
}

/// Reads the charts of a series on both cores, as one step; reports nothing.
pub(super) fn read_many(
    files: &[PathBuf],
    options: &OpenOptions,
) -> Vec<Result<Opened, OpenError>> {
    begin(many_step(files));
    let opened = orgtree::read::open_each(files, options);
    orgtree::progress::finish();
    opened
}

/// Opens a chart, in any format orgtree reads, for a command that needs one, reporting its
/// problems on stderr; when it cannot be used, the exit code to end with.
pub(super) fn open(file: &Path, options: &OpenOptions) -> Result<Org, ExitCode> {
    open_with_warnings(file, options).map(|opened| opened.org)
}

/// As [`open`], keeping the warnings.
pub(super) fn open_with_warnings(file: &Path, options: &OpenOptions) -> Result<Opened, ExitCode> {
    let opened = read(file, options);
    if end() {
        return Err(interrupted(&format!("reading {}", shown(file))));
    }
    reported(file, opened)
}

/// Loads the charts of a series, on both cores: each thread takes the next file not yet
/// taken. What each file holds is reported in the order given, after all are read; a chart
/// that cannot be used makes the whole series unusable (exit 2).
pub(super) fn open_many(files: &[PathBuf], options: &OpenOptions) -> Result<Vec<Org>, ExitCode> {
    let opened = read_many(files, options);
    if end() {
        return Err(interrupted(&many_step(files)));
    }
    report_many(files, opened)
}

/// Reports what each chart of a series holds, in the order given; a chart that cannot be
/// used makes the whole series unusable (exit 2).
pub(super) fn report_many(
    files: &[PathBuf],
    opened: Vec<Result<Opened, OpenError>>,
) -> Result<Vec<Org>, ExitCode> {
    let mut charts = Vec::with_capacity(files.len());
    let mut unusable = false;
    for (file, opened) in files.iter().zip(opened) {
        match reported(file, opened) {
            Ok(opened) => charts.push(opened.org),
            Err(_) => unusable = true,
        }
    }
    if unusable {
        Err(ExitCode::from(UNUSABLE))
    } else {
        Ok(charts)
    }
}

/// Loads the releases of a series (as [`open_many`] does) and puts them in date order:
/// `timeline` and `compare` with three or more charts. A chart with no date is refused
/// (exit 2) with a message that says how to give it one; releases of one date stay in the
/// order given. `what` names the command's use of the order, for that message.
pub(super) fn open_series(
    files: &[PathBuf],
    options: &OpenOptions,
    what: &str,
) -> Result<Vec<Chart>, ExitCode> {
    in_date_order(open_many(files, options)?, files, what)
}

/// The charts of a series as releases in date order; exit 2 for one with no date.
pub(super) fn in_date_order(
    orgs: Vec<Org>,
    files: &[PathBuf],
    what: &str,
) -> Result<Vec<Chart>, ExitCode> {
    let mut charts = Vec::with_capacity(orgs.len());
    for (org, file) in orgs.into_iter().zip(files) {
        let Some(as_of) = org.meta.as_of.as_deref().map(str::to_owned) else {
            note(format_args!(
                "orgtree: error: {}: no date: {what} puts releases in date order; give the chart an as_of (orgtree JSON) or name its file with the date it describes, as home_office-2013-09-30-senior.csv",
                shown(file)
            ));
            return Err(ExitCode::from(UNUSABLE));
        };
        charts.push(Chart {
            org,
            label: shown(file),
            as_of,
        });
    }
    // Stable: releases of one date stay in the order given.
    charts.sort_by(|a, b| a.as_of.cmp(&b.as_of));
    Ok(charts)
}

/// Says which junior file was read with an organogram, and reports the warnings.
pub(super) fn report_opened(opened: &Opened) {
    for text in &opened.notes {
        note(format_args!("orgtree: {text}"));
    }
    if let Some(junior) = &opened.junior {
        note(format_args!(
            "orgtree: reading junior staff from {}",
            shown(junior)
        ));
    }
    report_found(&opened.warnings);
}

/// Reports the warnings of an opened chart, or the problems that stopped it opening.
pub(super) fn reported(file: &Path, result: Result<Opened, OpenError>) -> Result<Opened, ExitCode> {
    let name = shown(file);
    match result {
        Ok(opened) => {
            report_opened(&opened);
            Ok(opened)
        }
        Err(error) => {
            report_found(error.problems());
            match &error {
                OpenError::Invalid { problems, posts } => {
                    let errors = problems
                        .iter()
                        .filter(|p| p.problem.severity == Severity::Error)
                        .count();
                    // `--lenient` loads an orgtree chart (whose posts are counted) whatever
                    // its errors; the errors left in another format's file it does not mend.
                    let lenient = if posts.is_some() {
                        " or use --lenient to load what can be loaded"
                    } else {
                        ""
                    };
                    note(format_args!(
                        "orgtree: {name} has {errors} error{}; fix {}{lenient}",
                        plural(errors),
                        if errors == 1 { "it" } else { "them" }
                    ));
                    Err(ExitCode::from(PROBLEMS))
                }
                OpenError::Unusable(_) => Err(ExitCode::from(UNUSABLE)),
            }
        }
    }
}

pub(super) fn report(name: &str, problems: &[Problem]) {
    // Buffered: standard error is not, and a write a part costs a system call each.
    let mut err = io::BufWriter::new(io::stderr().lock());
    for problem in problems {
        let _ = writeln!(err, "{}", problem.display_in(name));
    }
}

/// Problems, each in its file, as `orgtree check` prints them.
pub(super) fn report_found(found: &[Found]) {
    // Buffered: standard error is not, and a write a part costs a system call each.
    let mut err = io::BufWriter::new(io::stderr().lock());
    for item in found {
        let _ = writeln!(err, "{}", item.problem.display_in(&item.file));
    }
}

pub(super) fn counts(problems: &[Found]) -> String {
    let errors = problems
        .iter()
        .filter(|p| p.problem.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    match (errors, warnings) {
        (0, 0) => "no problems".into(),
        (e, 0) => format!("{e} error{}", plural(e)),
        (0, w) => format!("{w} warning{}", plural(w)),
        (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
    }
}
