//! `orgtree compare` with three or more charts, off a terminal and on bad input: the screen
//! itself is tested in `tests/screens/series.rs` and in a real terminal in
//! `tests/terminal/series.rs`.

use crate::common::{HOME_OFFICE_SERIES, orgtree};

#[test]
fn a_series_compared_off_a_terminal_prints_its_timeline() {
    // Out of date order, as a shell's glob may give them.
    let files = [
        HOME_OFFICE_SERIES[3],
        HOME_OFFICE_SERIES[0],
        HOME_OFFICE_SERIES[2],
        HOME_OFFICE_SERIES[1],
    ];
    let mut args = vec!["compare"];
    args.extend(files);
    let compared = orgtree(&args);
    assert_eq!(compared.code, 0, "{}", compared.stderr);
    args[0] = "timeline";
    let timeline = orgtree(&args);
    assert_eq!(timeline.code, 0, "{}", timeline.stderr);
    assert_eq!(compared.stdout, timeline.stdout);
    assert!(
        compared.stdout.contains(
            "2012-09-30 -> 2013-09-30    82      49    14       22      8       3   74.9%"
        ),
        "{}",
        compared.stdout
    );
}

#[test]
fn two_charts_are_compared_as_before_whatever_their_dates() {
    // AFTER before BEFORE by date: two charts are compared in the order given, and an
    // undated one is fine.
    let run = orgtree(&["compare", HOME_OFFICE_SERIES[1], "timeline/undated.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diff = orgtree(&["diff", HOME_OFFICE_SERIES[1], "timeline/undated.json"]);
    assert_eq!(run.stdout, diff.stdout);
}

#[test]
fn a_release_without_a_date_is_refused_with_how_to_give_one() {
    let mut args = vec!["compare"];
    args.extend(&HOME_OFFICE_SERIES[..2]);
    args.push("timeline/undated.json");
    let run = orgtree(&args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "timeline/undated.json: no date: a compare of three or more charts puts releases in date order"
        ) && run.stderr.contains("give the chart an as_of"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn an_option_for_one_side_of_a_pair_is_refused_for_a_series() {
    let mut args = vec!["compare", "--before-junior", "x-junior.csv"];
    args.extend(HOME_OFFICE_SERIES);
    let run = orgtree(&args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("--before-junior names one side of a pair; a series of 4 charts"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_chart_is_not_a_comparison() {
    let run = orgtree(&["compare", HOME_OFFICE_SERIES[0]]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<CHART> <CHART>..."), "{}", run.stderr);
}
