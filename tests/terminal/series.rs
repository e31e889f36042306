//! `orgtree compare` on a series, in a real terminal: the Home Office's four releases, given
//! out of date order as senior CSVs (their junior files beside them). The screen opens on
//! the latest pair, `<` and `>` step, `T` shows the timeline with a bar a release, and `q`
//! leaves the terminal as it was.

use crate::browse::Browse;
use crate::pty::{Session, assert_terminal_restored, last_row, row};

const HOME_OFFICE: [&str; 4] = [
    "fixtures/organograms/130930-Home-Office-Organogram-Data-senior.csv",
    "fixtures/organograms/home_office-2011-09-30-senior.csv",
    "fixtures/organograms/home_office-2011-03-31-senior.csv",
    "fixtures/organograms/home_office-2012-09-30-senior.csv",
];

/// Runs the series in an 80x24 terminal with `extra` arguments and environment, and checks
/// what a user sees; `bar` is the glyph a whole cell of a bar is drawn with.
fn steps_and_shows_the_timeline(extra: &[&str], env: &[(&str, &str)], bar: char) {
    let mut args = vec!["compare"];
    args.extend(HOME_OFFICE);
    args.extend(extra);
    let mut session = Session::start(80, 24, &args, env);
    session.wait_for("the latest pair", |screen| {
        row(screen, 0).contains("2012-09-30 -> 2013-09-30 (pair 3 of 3)")
    });
    session.type_keys(b"<");
    session.wait_for("the pair before", |screen| {
        row(screen, 0).contains("2011-09-30 -> 2012-09-30 (pair 2 of 3)")
    });
    session.type_keys(b">");
    session.wait_for("the latest pair again", |screen| {
        row(screen, 0).contains("(pair 3 of 3)")
    });
    session.type_keys(b"T");
    session.wait_for("the timeline", |screen| {
        row(screen, 0).contains("timeline") && last_row(screen).contains("step 3/3")
    });
    let screen = session.screen_text();
    // Two charts of four bars: a date under each, a figure on each.
    let labels = screen
        .lines()
        .find(|line| line.trim_start().starts_with("2011-03"))
        .unwrap_or_else(|| panic!("no dates under the bars:\n{screen}"));
    for month in ["2011-03", "2011-09", "2012-09", "2013-09"] {
        assert_eq!(labels.matches(month).count(), 2, "{labels}");
    }
    let figures = screen
        .lines()
        .find(|line| line.contains("110") && line.contains("178"))
        .unwrap_or_else(|| panic!("no figures on the bars:\n{screen}"));
    assert_eq!(
        figures.split_whitespace().count(),
        8,
        "four bars a chart: {figures}"
    );
    assert!(figures.contains(bar), "{figures}");
    session.type_keys(b"k\r");
    session.wait_for("the step chosen", |screen| {
        row(screen, 0).contains("2011-09-30 -> 2012-09-30 (pair 2 of 3)")
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn a_series_steps_from_pair_to_pair_and_shows_its_timeline() {
    steps_and_shows_the_timeline(&[], &[], '█');
}

#[test]
fn a_series_without_colour_or_unicode_draws_its_bars_in_ascii() {
    steps_and_shows_the_timeline(&["--ascii"], &[("NO_COLOR", "1")], '#');
}
