//! `orgtree compare` with three or more charts: the compare screen on a series, one pair at
//! a time, opening on the latest; the timeline as text when standard output is not a
//! terminal.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Result;

use orgtree::compare::MatchBy;
use orgtree::report::timeline::write_text;
use orgtree::timeline::Chart;
use orgtree::tui::{self, series::Series};

use super::{Display, exit_code, settings, with_stdout};

pub(super) fn compare_series(
    charts: Vec<Chart>,
    by: MatchBy,
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    let source = format!(
        "{} releases, {} to {}",
        charts.len(),
        charts.first().map_or("", |c| c.as_of.as_str()),
        charts.last().map_or("", |c| c.as_of.as_str())
    );
    let series = Series::new(charts, by);
    if !io::stdout().is_terminal() {
        return with_stdout(|out| write_text(out, &series.timeline, None, 80));
    }
    let options = settings::options(
        config,
        screen,
        source,
        None,
        None,
        Err("the compare screen has no what-if".into()),
    );
    Ok(exit_code(tui::run(
        tui::Start::Series(Box::new(series)),
        options,
    )?))
}
