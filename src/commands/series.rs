//! `orgtree compare` with three or more charts: the compare screen on a series, one pair at
//! a time, opening on the latest; the timeline as text when standard output is not a
//! terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use orgtree::compare::MatchBy;
use orgtree::read::OpenOptions;
use orgtree::report::timeline::write_text;
use orgtree::timeline::Chart;
use orgtree::tui::{self, series::Series};

use super::opening::{in_date_order, read_many, report_many};
use super::progress_line::{self, during};
use super::screens::{open_session, stopped, take_org};
use super::{Display, SERIES, exit_code, report_opened, settings, with_stdout};

/// The timeline of the series as text, for standard output that is not a terminal.
pub(super) fn series_text(charts: &[Chart], by: MatchBy) -> Result<ExitCode> {
    let built = during("comparing the releases", || {
        orgtree::timeline::build(charts, by, false).0
    });
    match built {
        Ok(timeline) => with_stdout(|out| write_text(out, &timeline, None, 80)),
        Err(code) => Ok(code),
    }
}

/// The compare screen on the series: the charts read and compared with the screen's
/// session open, which shows the progress of a long read and stops it on Ctrl-C. What the
/// charts hold is reported when the screen is done, or, when they cannot make a series, at
/// once with the terminal restored.
pub(super) fn series_on_screen(
    files: &[PathBuf],
    options: &OpenOptions,
    by: MatchBy,
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    let mut session = open_session(screen)?;
    let loaded = session.load(|| {
        let read = read_many(files, options);
        let usable = read
            .iter()
            .all(|opened| opened.as_ref().is_ok_and(|o| o.org.meta.as_of.is_some()));
        if !usable {
            return Err(read);
        }
        let mut opened: Vec<_> = read.into_iter().flatten().collect();
        let orgs = opened.iter_mut().map(take_org).collect();
        let charts = in_date_order(orgs, files, SERIES).unwrap_or_default();
        let source = format!(
            "{} releases, {} to {}",
            charts.len(),
            charts.first().map_or("", |c| c.as_of.as_str()),
            charts.last().map_or("", |c| c.as_of.as_str())
        );
        progress_line::begin("comparing the releases");
        let series = Series::new(charts, by);
        orgtree::progress::finish();
        Ok((series, source, opened))
    })?;
    let (series, source, opened) = match loaded {
        tui::Loaded::Done(Ok(done)) => done,
        tui::Loaded::Done(Err(read)) => {
            session.leave();
            // Reported as when there is no screen: the problems, or a chart without a date.
            let code = report_many(files, read)
                .and_then(|orgs| in_date_order(orgs, files, SERIES).map(|_| ExitCode::SUCCESS));
            return Ok(code.unwrap_or_else(|code| code));
        }
        tui::Loaded::Stopped { exit, during } => {
            session.leave();
            return Ok(stopped(exit, during));
        }
    };
    let options = settings::options(
        config,
        screen,
        source,
        None,
        None,
        Err("the compare screen has no what-if".into()),
    );
    let exit = session.show(tui::Start::Series(Box::new(series)), options)?;
    opened.iter().for_each(report_opened);
    Ok(exit_code(exit))
}
