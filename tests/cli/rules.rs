//! `orgtree check --rules` and `orgtree diff --rules`: each rule with a chart that keeps it
//! and one that breaks it (the expected violations worked out by hand from the charts),
//! the JSON, rules files with mistakes, and what a change fixes and adds.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Run, charts, orgtree};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A chart of `posts`, each `[id, manager, extra fields]`.
fn chart(posts: &[(&str, Option<&str>, Value)]) -> String {
    let posts: Vec<Value> = posts
        .iter()
        .map(|(id, manager, extra)| {
            let mut post = json!({"id": id, "title": format!("Post {id}"), "holder": "Someone"});
            if let Some(manager) = manager {
                post["reports_to"] = json!(manager);
            }
            if let Value::Object(extra) = extra {
                for (key, value) in extra {
                    post[key] = value.clone();
                }
            }
            post
        })
        .collect();
    json!({"orgtree": 1, "name": "Rules test", "posts": posts}).to_string()
}

/// `check --rules` of `rules` on `chart`: the exit code and the violation lines, each
/// without the file's name.
fn checked(rules: &str, chart: &str) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "rules.toml", rules);
    let file = write(dir.path(), "chart.json", chart);
    let run = orgtree(&["check", "--rules", &rules, &file]);
    // Each line: the file, the post's place in it (or none for the chart), the violation.
    let lines = run
        .stdout
        .lines()
        .skip(1)
        .map(|line| {
            let rest = line.strip_prefix(&file).unwrap();
            let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit());
            rest.strip_prefix(' ').unwrap().to_owned()
        })
        .collect();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    (run.code, lines)
}

fn none() -> Value {
    json!({})
}

/// m with `n` reports r1..rn.
fn team(n: usize) -> Vec<(String, Option<&'static str>)> {
    let mut posts = vec![("m".to_owned(), None)];
    posts.extend((1..=n).map(|i| (format!("r{i}"), Some("m"))));
    posts
}

fn team_chart(n: usize, extra: &Value) -> String {
    let posts = team(n);
    let posts: Vec<(&str, Option<&str>, Value)> = posts
        .iter()
        .map(|(id, manager)| {
            let extra = if id == "m" { extra.clone() } else { none() };
            (id.as_str(), *manager, extra)
        })
        .collect();
    chart(&posts)
}

#[test]
fn span_within_bounds_and_its_exceptions() {
    let rules = "[span]\nmin = 3\nmax = 8\n";
    assert_eq!(checked(rules, &team_chart(3, &none())), (0, vec![]));
    assert_eq!(checked(rules, &team_chart(8, &none())), (0, vec![]));
    assert_eq!(
        checked(rules, &team_chart(2, &none())),
        (
            1,
            vec!["span: post 'm' (Post m): 2 direct reports, fewer than 3".to_owned()]
        )
    );
    assert_eq!(
        checked(rules, &team_chart(9, &none())),
        (
            1,
            vec!["span: post 'm' (Post m): 9 direct reports, more than 8".to_owned()]
        )
    );
    // Excepted by id, or by a tag.
    let by_id = "[span]\nmin = 3\nmax = 8\nexcept = [\"m\"]\n";
    assert_eq!(checked(by_id, &team_chart(9, &none())), (0, vec![]));
    let by_tag = "[span]\nmax = 8\nexcept = [\"tag:board\"]\n";
    assert_eq!(
        checked(by_tag, &team_chart(9, &json!({"tags": ["board"]}))),
        (0, vec![])
    );
    assert_eq!(checked(by_tag, &team_chart(9, &none())).0, 1);
}

#[test]
fn layers_at_most_so_many() {
    // a > b > c > d: four layers; d opens the fourth.
    let line = chart(&[
        ("a", None, none()),
        ("b", Some("a"), none()),
        ("c", Some("b"), none()),
        ("d", Some("c"), none()),
    ]);
    assert_eq!(checked("[layers]\nmax = 4\n", &line), (0, vec![]));
    assert_eq!(
        checked("[layers]\nmax = 3\n", &line),
        (
            1,
            vec!["layers: post 'd' (Post d): in layer 4, below the 3 allowed".to_owned()]
        )
    );
}

#[test]
fn chains_of_one_to_one_reporting() {
    // a > b > c each with one report, then c's report d has two: a chain of three.
    let posts = chart(&[
        ("a", None, none()),
        ("b", Some("a"), none()),
        ("c", Some("b"), none()),
        ("d", Some("c"), none()),
        ("e", Some("d"), none()),
        ("f", Some("d"), none()),
    ]);
    assert_eq!(checked("[one-to-one]\nmax = 3\n", &posts), (0, vec![]));
    assert_eq!(
        checked("[one-to-one]\nmax = 2\n", &posts),
        (
            1,
            vec![
                "one-to-one: post 'a' (Post a): a chain of 3 posts with one report each (a > b > c), more than 2"
                    .to_owned()
            ]
        )
    );
}

#[test]
fn vacancy_share_at_most_a_percentage() {
    // One of four vacant: 25%.
    let posts = chart(&[
        ("a", None, none()),
        ("b", Some("a"), none()),
        ("c", Some("a"), none()),
        ("d", Some("a"), json!({"holder": null})),
    ]);
    assert_eq!(
        checked("[vacancy]\nmax-percent = 25\n", &posts),
        (0, vec![])
    );
    assert_eq!(
        checked("[vacancy]\nmax-percent = 20\n", &posts),
        (
            1,
            vec!["vacancy: the chart: 1 of 4 posts vacant (25.0%), more than 20%".to_owned()]
        )
    );
}

#[test]
fn no_manager_of_a_lower_grade_than_a_report() {
    let rules = "[grades]\norder = [\"EO\", \"G7\", \"SCS1\", \"SCS2\"]\n";
    let good = chart(&[
        ("a", None, json!({"grade": "SCS2"})),
        ("b", Some("a"), json!({"grade": "SCS1"})),
        ("c", Some("a"), json!({"grade": "SCS2"})),
        ("d", Some("b"), json!({"grade": "unknown grade"})),
    ]);
    assert_eq!(checked(rules, &good), (0, vec![]));
    let bad = chart(&[
        ("a", None, json!({"grade": "G7"})),
        ("b", Some("a"), json!({"grade": "SCS1"})),
        ("c", Some("a"), json!({"grade": "EO"})),
    ]);
    assert_eq!(
        checked(rules, &bad),
        (
            1,
            vec![
                "grades: post 'a' (Post a): grade G7, lower than its report 'b' (SCS1)".to_owned()
            ]
        )
    );
}

#[test]
fn fields_every_post_must_give() {
    let rules = "[required]\nfields = [\"unit\", \"grade\"]\n";
    let good = chart(&[
        ("a", None, json!({"unit": "HQ", "grade": "SCS2"})),
        ("b", Some("a"), json!({"unit": "HQ", "grade": "SCS1"})),
    ]);
    assert_eq!(checked(rules, &good), (0, vec![]));
    let bad = chart(&[
        ("a", None, json!({"unit": "HQ"})),
        ("b", Some("a"), json!({"grade": "SCS1"})),
    ]);
    assert_eq!(
        checked(rules, &bad),
        (
            1,
            vec![
                "required: post 'b' (Post b): no unit".to_owned(),
                "required: post 'a' (Post a): no grade".to_owned()
            ]
        )
    );
}

#[test]
fn the_violations_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "rules.toml", "[span]\nmax = 8\n");
    let text = team_chart(9, &none());
    let file = write(dir.path(), "chart.json", &text);
    let run = orgtree(&["check", "--rules", &rules, "--json", &file]);
    assert_eq!(run.code, 1);
    let value: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["violations"], 1);
    // The chart is one line: m's object opens where its text does.
    let column = text.find("{\"id\":\"m\"").unwrap() + 1;
    assert_eq!(
        value["files"][0]["violations"][0],
        json!({"rule": "span", "post": "m", "title": "Post m", "message": "9 direct reports, more than 8", "line": 1, "column": column})
    );
}

#[test]
fn a_rules_file_with_mistakes_is_reported_at_its_lines_and_nothing_checked() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        dir.path(),
        "rules.toml",
        "[span]\nmin = 9\nmax = \"eight\"\n[layer]\nmax = 5\n[vacancy]\nmax-percent = 120\n[required]\nfields = [\"colour\"]\n",
    );
    let file = write(dir.path(), "chart.json", &team_chart(3, &none()));
    let run = orgtree(&["check", "--rules", &rules, &file]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = |line: &str| {
        line.split(": error:")
            .next()
            .unwrap()
            .rsplit(".toml:")
            .next()
            .unwrap()
            .to_owned()
    };
    let places: Vec<String> = lines
        .iter()
        .filter(|l| l.contains(": error:"))
        .map(|l| at(l))
        .collect();
    assert_eq!(places, ["3:7", "4:2", "7:15", "9:10"], "{}", run.stderr);
    assert!(run.stderr.contains("unknown rule [layer]"));
    assert!(run.stderr.contains("'colour' is not a field"));
    assert!(
        run.stderr
            .ends_with("has 4 problems; no rule was checked\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_says_what_a_change_fixes_and_what_it_adds() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "rules.toml", "[span]\nmin = 3\nmax = 8\n");
    // Before: m has nine reports. After: two of them under a new n, under m.
    let before = team_chart(9, &none());
    let mut posts: Vec<(String, Option<String>)> = team(7)
        .into_iter()
        .map(|(id, m)| (id, m.map(str::to_owned)))
        .collect();
    posts.push(("n".into(), Some("m".into())));
    posts.push(("r8".into(), Some("n".into())));
    posts.push(("r9".into(), Some("n".into())));
    let after_posts: Vec<(&str, Option<&str>, Value)> = posts
        .iter()
        .map(|(id, m)| (id.as_str(), m.as_deref(), none()))
        .collect();
    let before = write(dir.path(), "before.json", &before);
    let after = write(dir.path(), "after.json", &chart(&after_posts));
    let run = orgtree(&["diff", "--rules", &rules, &before, &after]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  this change fixes 1 violation and adds 1\n  fixed  span: post 'm' (Post m): 9 direct reports, more than 8\n  added  span: post 'n' (Post n): 2 direct reports, fewer than 3\n"
        ),
        "{}",
        run.stdout
    );
    let json = orgtree(&["diff", "--json", "--rules", &rules, &before, &after]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["rules"]["fixed"][0]["post"], "m");
    assert_eq!(value["rules"]["added"][0]["post"], "n");
}

#[test]
fn a_ci_script_checks_every_fixture_against_span_3_to_8_and_5_layers() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        dir.path(),
        "rules.toml",
        "[span]\nmin = 3\nmax = 8\n\n[layers]\nmax = 5\n",
    );
    for name in charts() {
        let run: Run = orgtree(&["check", "--rules", &rules, &name]);
        let violations = run.stdout.lines().skip(1).count();
        let summary = run.stdout.lines().next().unwrap();
        assert!(
            summary.ends_with(&format!(
                ", {violations} rule violation{}",
                if violations == 1 { "" } else { "s" }
            )),
            "{name}: {summary}"
        );
        assert_eq!(
            run.code,
            i32::from(violations > 0),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn each_violation_of_an_orgtree_chart_is_named_at_its_post_s_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        dir.path(),
        "rules.toml",
        "[span]\nmax = 8\n[vacancy]\nmax-percent = 0\n",
    );
    let value: Value = serde_json::from_str(&team_chart(9, &json!({"holder": null}))).unwrap();
    let text = serde_json::to_string_pretty(&value).unwrap();
    let file = write(dir.path(), "chart.json", &text);
    // Where m's object opens: the last brace before its id.
    let id_at = text.find("\"id\": \"m\"").unwrap();
    let brace = text[..id_at].rfind('{').unwrap();
    let line = text[..brace].matches('\n').count() + 1;
    let column = brace - text[..brace].rfind('\n').map_or(0, |at| at + 1) + 1;
    let run = orgtree(&["check", "--rules", &rules, &file]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{file}:{line}:{column}: span: post 'm' (Post m): 9 direct reports, more than 8"
            ),
            format!("{file}: vacancy: the chart: 1 of 10 posts vacant (10.0%), more than 0%"),
        ]
    );
    let json = orgtree(&["check", "--rules", &rules, "--json", &file]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["files"][0]["violations"][0]["line"], line);
    assert_eq!(value["files"][0]["violations"][0]["column"], column);
    assert_eq!(value["files"][0]["violations"][1]["line"], Value::Null);
}

#[test]
fn each_violation_of_an_organogram_is_named_at_its_post_s_row() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "rules.toml", "[span]\nmax = 12\n");
    let file = "organograms/home_office-2012-09-30-senior.csv";
    let run = orgtree(&["check", "--rules", &rules, file]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The Permanent Secretary, 4PO01: the row whose first cell is its reference.
    let text = std::fs::read_to_string(crate::common::fixtures().join(file)).unwrap();
    let row = text
        .lines()
        .position(|line| line.starts_with("\"4PO01\","))
        .unwrap()
        + 1;
    assert!(
        run.stdout.contains(&format!(
            "{file}:{row}:1: span: post '4PO01' (Permanent Secretary): 13 direct reports, more than 12"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_layer_limit_of_any_size_is_checked_without_overflow() {
    let line = chart(&[("a", None, none()), ("b", Some("a"), none())]);
    for max in ["4294967295", "5000000000", "9223372036854775807"] {
        assert_eq!(
            checked(&format!("[layers]\nmax = {max}\n"), &line),
            (0, vec![]),
            "{max}"
        );
    }
}

#[test]
fn a_grade_order_that_lists_nothing_is_a_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "chart.json", &team_chart(3, &none()));
    for (text, at) in [("[grades]\norder = []\n", "2:9"), ("[grades]\n", "1:2")] {
        let rules = write(dir.path(), "rules.toml", text);
        let run = orgtree(&["check", "--rules", &rules, &file]);
        assert_eq!(run.code, 2, "{text}");
        assert!(
            run.stderr.contains(&format!(
                "rules.toml:{at}: error: [grades] order lists the grades"
            )),
            "{text}: {}",
            run.stderr
        );
    }
}
