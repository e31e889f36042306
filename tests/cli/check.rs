//! `orgtree check` on a broken fixture for every validation rule: the exact message, the
//! post it names, its line and column, the summary line and the exit code; and what
//! `--lenient` makes of the same file.

use crate::common;

use common::orgtree;

/// Checks `file` and expects exactly `problems` on stderr (in order) and `code`.
fn expect_check(file: &str, lenient: bool, code: i32, problems: &[&str]) {
    let mut args = vec!["check", file];
    if lenient {
        args.push("--lenient");
    }
    let run = orgtree(&args);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines, problems, "stderr of orgtree {args:?}");
    assert_eq!(run.code, code, "exit code of orgtree {args:?}");
    assert!(
        run.stdout.starts_with(&format!("{file}: ")),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "one summary line: {}",
        run.stdout
    );
}

#[test]
fn every_real_fixture_is_clean() {
    let files = common::charts();
    assert!(files.len() >= 9, "{files:?}");
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let run = orgtree(&args);
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), files.len());
    assert!(
        run.stdout
            .contains("home-office-technology-after-coo.json: 14 posts, 1 top post, no problems\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("cddo-missions.json: 21 posts, 7 top posts, no problems\n")
    );
}

#[test]
fn a_duplicate_id_points_at_the_second_and_names_the_line_of_the_first() {
    expect_check(
        "broken-duplicate-id.json",
        false,
        1,
        &["broken-duplicate-id.json:8:13: error: duplicate id 'coo' (first used on line 7)"],
    );
    expect_check(
        "broken-duplicate-id.json",
        true,
        0,
        &[
            "broken-duplicate-id.json:8:13: warning: duplicate id 'coo' (first used on line 7); loaded as 'coo~2'",
        ],
    );
}

#[test]
fn missing_and_empty_ids_name_the_post_by_place_and_title() {
    expect_check(
        "broken-missing-id.json",
        false,
        1,
        &[
            "broken-missing-id.json:6:5: error: post #2 \"Chief Operating Officer, Technology\" has no id",
            "broken-missing-id.json:7:13: error: post #3 \"Chief Architect\" has an empty id",
        ],
    );
    expect_check(
        "broken-missing-id.json",
        true,
        0,
        &[
            "broken-missing-id.json:6:5: warning: post #2 \"Chief Operating Officer, Technology\" has no id; loaded as 'post-2'",
            "broken-missing-id.json:7:13: warning: post #3 \"Chief Architect\" has an empty id; loaded as 'post-3'",
        ],
    );
}

#[test]
fn a_missing_title_points_at_the_post() {
    expect_check(
        "broken-missing-title.json",
        false,
        1,
        &["broken-missing-title.json:6:5: error: post 'cdo' has no title"],
    );
}

#[test]
fn an_unknown_manager_points_at_reports_to() {
    expect_check(
        "broken-unknown-manager.json",
        false,
        1,
        &["broken-unknown-manager.json:6:82: error: post 'coo' reports to unknown post 'ctoo'"],
    );
    expect_check(
        "broken-unknown-manager.json",
        true,
        0,
        &[
            "broken-unknown-manager.json:6:82: warning: post 'coo' reports to unknown post 'ctoo'; loaded as a top post",
        ],
    );
}

#[test]
fn a_post_reporting_to_itself_is_an_error() {
    expect_check(
        "broken-reports-to-self.json",
        false,
        1,
        &["broken-reports-to-self.json:6:68: error: post 'cdo' reports to itself"],
    );
}

#[test]
fn a_reporting_loop_names_every_post_in_reporting_order() {
    expect_check(
        "broken-reporting-loop.json",
        false,
        1,
        &[
            "broken-reporting-loop.json:6:73: error: reporting loop: 'gds-ed' -> 'gds-coo' -> 'gds-cto' -> 'gds-ed' (each reports to the next)",
        ],
    );
    expect_check(
        "broken-reporting-loop.json",
        true,
        0,
        &[
            "broken-reporting-loop.json:6:73: warning: reporting loop: 'gds-ed' -> 'gds-coo' -> 'gds-cto' -> 'gds-ed' (each reports to the next); its posts are loaded as top posts",
        ],
    );
}

#[test]
fn a_dotted_line_to_an_unknown_post_points_at_its_target() {
    expect_check(
        "broken-unknown-dotted.json",
        false,
        1,
        &[
            "broken-unknown-dotted.json:8:73: error: post 'mission-1' has a dotted line to unknown post 'hmrc-perm-sec'",
        ],
    );
}

#[test]
fn wrong_types_are_all_reported_at_their_values() {
    expect_check(
        "broken-wrong-types.json",
        false,
        1,
        &[
            "broken-wrong-types.json:5:93: error: post 'cto': \"fte\" must be a non-negative number, found \"full\"",
            "broken-wrong-types.json:6:25: error: post '7': \"title\" must be a string, found an array",
            "broken-wrong-types.json:6:85: error: post '7': \"holder\" must be a string, or {\"undisclosed\": true}, found false",
            "broken-wrong-types.json:7:83: error: post 'dir': \"cost\" must be a non-negative number, or {\"min\": N, \"max\": N} with min at most max, found -5",
            "broken-wrong-types.json:7:95: error: post 'dir': \"tags\" must be an array of strings, found \"live\"",
            "broken-wrong-types.json:8:13: error: post #4 \"Chief Architect\": \"id\" must be a string or an integer, found an object",
            "broken-wrong-types.json:8:96: error: post #4 \"Chief Architect\", staff group 1: \"fte\" must be a non-negative number, found \"ten\"",
            "broken-wrong-types.json:9:5: error: post #5 is a string, not an object",
        ],
    );
}

#[test]
fn a_field_given_twice_is_an_error() {
    expect_check(
        "broken-duplicate-field.json",
        false,
        1,
        &[
            "broken-duplicate-field.json:6:86: error: post 'coo': field \"title\" appears twice (first at 6:29)",
        ],
    );
}

#[test]
fn a_newer_format_version_is_refused_as_unusable() {
    let message = "broken-newer-version.json:2:14: error: this chart is orgtree format version 2, but this orgtree reads only version 1: a newer orgtree is needed";
    expect_check("broken-newer-version.json", false, 2, &[message]);
    expect_check("broken-newer-version.json", true, 2, &[message]);
}

#[test]
fn a_json_syntax_error_gives_its_line_and_column() {
    expect_check(
        "broken-syntax.json",
        false,
        2,
        &["broken-syntax.json:6:5: error: not valid JSON: expected `,` or `]`"],
    );
}

#[test]
fn the_worst_file_decides_the_exit_code_and_every_file_gets_a_summary() {
    let run = orgtree(&[
        "check",
        "cabinet-office-after-cdo.json",
        "broken-unknown-manager.json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "cabinet-office-after-cdo.json: 18 posts, 1 top post, no problems\n\
         broken-unknown-manager.json: 3 posts, 1 error\n"
    );
    let run = orgtree(&[
        "check",
        "broken-syntax.json",
        "broken-unknown-manager.json",
        "no-such-file.json",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 3);
    assert!(
        run.stderr
            .contains("no-such-file.json: error: cannot read the file: "),
        "{}",
        run.stderr
    );
}

#[test]
fn warnings_alone_do_not_fail_a_check() {
    let run = common::orgtree_with_input(
        &["check", "-"],
        r#"{"as_of": "26 June 2015", "posts": [{"id": "cto", "title": "CTO"}]}"#,
    );
    assert_eq!(
        run.stderr,
        "<stdin>:1:11: warning: as_of '26 June 2015' is not an ISO date (YYYY-MM-DD)\n"
    );
    assert_eq!(run.stdout, "<stdin>: 1 post, 1 top post, 1 warning\n");
    assert_eq!(run.code, 0);
}

#[test]
fn input_that_is_not_a_chart_is_unusable() {
    for (input, message) in [
        (
            "[1, 2]",
            "<stdin>: error: not a chart orgtree can open: this looks like a JSON list whose items are not objects; orgtree reads orgtree JSON, nested JSON trees (nodes with \"children\"), flat JSON lists (objects with an id and a manager field: pid, parentId, managerId, parent or reports_to), UK organogram CSV files (the senior file, with its junior file), HR exports (CSV or TSV with an id column and a manager column, such as \"Employee ID\" and \"Manager ID\"), spreadsheets (.xlsx, .xlsm, .ods, .xls) and LDAP or Active Directory exports in LDIF (entries with a manager DN)",
        ),
        (
            "{\"name\": \"x\"}",
            "<stdin>:1:1: error: not an orgtree chart: there is no \"posts\" list",
        ),
        (
            "{\"posts\": {}}",
            "<stdin>:1:11: error: not an orgtree chart: \"posts\" must be an array of posts, found an object",
        ),
        (
            "{\"posts\": [",
            "<stdin>:1:11: error: not valid JSON: EOF while parsing a list",
        ),
        (
            "",
            "<stdin>: error: not a chart orgtree can open: this looks like an empty file; orgtree reads orgtree JSON, nested JSON trees (nodes with \"children\"), flat JSON lists (objects with an id and a manager field: pid, parentId, managerId, parent or reports_to), UK organogram CSV files (the senior file, with its junior file), HR exports (CSV or TSV with an id column and a manager column, such as \"Employee ID\" and \"Manager ID\"), spreadsheets (.xlsx, .xlsm, .ods, .xls) and LDAP or Active Directory exports in LDIF (entries with a manager DN)",
        ),
    ] {
        let run = common::orgtree_with_input(&["check", "-"], input);
        assert_eq!(run.stderr.trim_end(), message, "for input {input:?}");
        assert_eq!(run.code, 2);
    }
}

#[test]
fn lenient_may_come_before_or_after_the_command() {
    for args in [
        ["--lenient", "check", "broken-unknown-manager.json"],
        ["check", "--lenient", "broken-unknown-manager.json"],
    ] {
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "orgtree {args:?}: {}", run.stderr);
        assert_eq!(
            run.stdout,
            "broken-unknown-manager.json: 3 posts, 2 top posts, 1 warning\n"
        );
    }
}

#[test]
fn a_mistyped_command_is_not_mistaken_for_a_missing_file() {
    let run = orgtree(&["chekc", "cddo-missions.json"]);
    assert_eq!(run.code, 2);
    let run = orgtree(&["chekc"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "orgtree: error: 'chekc' is neither a file nor a command; the commands are check, print, stats, diff, compare, timeline, edit, apply, export and config (see orgtree --help)\n"
    );
}
