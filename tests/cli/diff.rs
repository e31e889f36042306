//! `orgtree diff` through the real binary: the change list as text and as JSON, the exit
//! codes with and without `--exit-code`, broken files reported as `orgtree check` reports
//! them, and `--match id` against matching by content on a renumbered chart.

use crate::common;

use common::{Run, orgtree, orgtree_with_input};
use serde_json::Value;

const HOME_BEFORE: &str = "home-office-technology-before-coo.json";
const HOME_AFTER: &str = "home-office-technology-after-coo.json";

const KINDS: [&str; 8] = [
    "added", "removed", "moved", "retitled", "holder", "vacancy", "fields", "dotted",
];

fn ok(run: &Run) -> &str {
    assert_eq!(run.stderr, "", "stderr");
    assert_eq!(run.code, 0, "exit code");
    &run.stdout
}

fn json(run: &Run) -> Value {
    serde_json::from_str(ok(run)).expect("the output is JSON")
}

/// The change lines of a text diff (`kind  what`), with the kind's place in `KINDS`.
fn change_lines(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .filter_map(|line| {
            let kind = KINDS.iter().position(|kind| {
                line.strip_prefix(kind)
                    .is_some_and(|rest| rest.starts_with("  "))
            })?;
            Some((kind, line))
        })
        .collect()
}

/// The cells of the summary row `label` (`posts 12 14 +2` gives `["12", "14", "+2"]`).
fn summary_row<'t>(text: &'t str, label: &str) -> Vec<&'t str> {
    let summary = text.split("\nSummary\n").nth(1).expect("a Summary section");
    let line = summary
        .lines()
        .find(|line| line.trim_start().starts_with(&format!("{label}  ")))
        .unwrap_or_else(|| panic!("no row {label} in {summary}"));
    line.trim_start()[label.len()..]
        .split_whitespace()
        .collect()
}

#[test]
fn the_text_lists_the_home_office_changes_by_kind_then_a_summary() {
    let run = orgtree(&["diff", HOME_BEFORE, HOME_AFTER]);
    let text = ok(&run);
    assert!(
        text.starts_with(
            "Changes from Home Office Technology (before the technology COO post), as of 2015-03-01\n          to Home Office Technology, as of 2015-06-26\n\n"
        ),
        "{text}"
    );
    assert!(
        text.lines().any(|line| line
            == "moved  Director of Commercial Technology (Gareth Lindqvist): Chief Technology Officer -> Chief Operating Officer, Technology"),
        "{text}"
    );
    let lines: Vec<&str> = change_lines(text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        lines,
        [
            "added  Chief Operating Officer, Technology (vacant), under Chief Technology Officer",
            "added  Head of Workforce and Recruitment (vacant), under Chief Operating Officer, Technology",
            "moved  Director of Commercial Technology (Gareth Lindqvist): Chief Technology Officer -> Chief Operating Officer, Technology",
            "moved  Head of Technology Finance (Malcolm Ferris): Chief Technology Officer -> Chief Operating Officer, Technology",
            "moved  Head of Technology Business Management (Yasmin Kettering): Chief Technology Officer -> Chief Operating Officer, Technology",
            "fields  Director of Commercial Technology (Gareth Lindqvist): note \"…contracts expire.\" -> \"…contracts expire. Moved under the new COO.\"",
        ]
    );
    // Each added post says what it brings, which the summary's figures add up.
    assert!(
        text.contains(
            "added  Head of Workforce and Recruitment (vacant), under Chief Operating Officer, Technology\n       brings FTE 1, cost 68,000, staff 9 FTE (Resourcing team 9), staff cost 315,000\n"
        ),
        "{text}"
    );
    // Each group ends with a blank line.
    assert!(
        text.contains("staff cost 315,000\n\nmoved  Director"),
        "{text}"
    );
    assert!(text.contains("new COO.\"\n\nSummary\n"), "{text}");
    assert_eq!(
        summary_row(text, "changes"),
        ["2", "added,", "3", "moved,", "1", "fields"]
    );
    assert_eq!(summary_row(text, "posts"), ["12", "14", "+2"]);
    assert_eq!(summary_row(text, "vacant posts"), ["0", "2", "+2"]);
    assert_eq!(summary_row(text, "layers"), ["3", "4", "+1"]);
    assert_eq!(
        summary_row(text, "headcount (FTE)"),
        ["1,159.0", "1,200.0", "+41.0"]
    );
    assert_eq!(
        summary_row(text, "cost"),
        ["43,544,000", "44,797,000", "+1,253,000"]
    );
    let teams = text.split("  most changed teams\n").nth(1).expect("teams");
    assert_eq!(
        teams,
        "       5 changes  Chief Operating Officer, Technology (vacant)\n       4 changes  Chief Technology Officer (Sarah Wilkinson)\n"
    );
}

#[test]
fn every_pair_lists_its_changes_grouped_in_kind_order() {
    let mut kinds_seen = [false; KINDS.len()];
    for (before, after) in &common::pairs() {
        let text_run = orgtree(&["diff", before, after]);
        let text = ok(&text_run);
        let lines = change_lines(text);
        assert!(!lines.is_empty(), "{text}");
        for pair in lines.windows(2) {
            assert!(
                pair[0].0 <= pair[1].0,
                "{before}: {:?} after {:?}",
                pair[1],
                pair[0]
            );
        }
        // Groups are separated by a blank line, and change lines come before the summary.
        let all: Vec<&str> = text.lines().collect();
        for (at, line) in all.iter().enumerate() {
            if let Some((kind, _)) = change_lines(line).first() {
                // An added or removed post's line is followed by what it brings or takes.
                let mut next = all[at + 1];
                if next.trim_start().starts_with("brings ")
                    || next.trim_start().starts_with("takes ")
                {
                    assert!(
                        matches!(KINDS[*kind], "added" | "removed"),
                        "{before}: {line:?} then {next:?}"
                    );
                    next = all[at + 2];
                }
                let same_group = change_lines(next).first().map(|&(k, _)| k) == Some(*kind);
                assert!(
                    same_group || next.is_empty(),
                    "{before}: {line:?} then {next:?}"
                );
            }
        }
        let summary_at = text.find("\nSummary\n").expect("a summary");
        assert!(
            text[summary_at..]
                .lines()
                .all(|l| change_lines(l).is_empty())
        );

        // The same number of each kind as the JSON says.
        let value = json(&orgtree(&["diff", before, after, "--json"]));
        for (index, kind) in KINDS.iter().enumerate() {
            let count = lines.iter().filter(|&&(k, _)| k == index).count();
            assert_eq!(value["summary"]["counts"][kind], count, "{before}: {kind}");
            kinds_seen[index] |= count > 0;
        }
    }
    assert_eq!(
        kinds_seen,
        [true; KINDS.len()],
        "the pairs show every kind between them"
    );
}

#[test]
fn json_gives_every_change_with_its_kind_and_a_summary_with_counts() {
    for (before, after) in &common::pairs() {
        let value = json(&orgtree(&["diff", before, after, "--json"]));
        let changes = value["changes"].as_array().expect("a changes list");
        assert!(!changes.is_empty());
        for change in changes {
            let kind = change["kind"].as_str().expect("a kind");
            assert!(KINDS.contains(&kind), "{change}");
            assert!(change["title"].is_string(), "{change}");
            match kind {
                "added" => assert!(change["after"].is_string() && change["before"].is_null()),
                "removed" => assert!(change["before"].is_string() && change["after"].is_null()),
                _ => assert!(change["before"].is_string() && change["after"].is_string()),
            }
        }
        let summary = &value["summary"];
        let counts = summary["counts"].as_object().expect("counts");
        assert_eq!(counts.len(), KINDS.len());
        for kind in KINDS {
            let listed = changes.iter().filter(|c| c["kind"] == kind).count();
            assert_eq!(counts[kind], listed, "{before}: {kind}");
        }
        assert_eq!(summary["changes"], changes.len());
        assert_eq!(summary["inferred"], 0);
        assert_eq!(value["inferred"], serde_json::json!([]));
        assert!(
            summary["busiest_teams"]
                .as_array()
                .is_some_and(|t| !t.is_empty())
        );
    }

    let value = json(&orgtree(&["diff", HOME_BEFORE, HOME_AFTER, "--json"]));
    let summary = &value["summary"];
    assert_eq!(
        (&summary["before"]["posts"], &summary["after"]["posts"]),
        (&Value::from(12), &Value::from(14))
    );
    assert_eq!(summary["after"]["vacant"], 2);
    let moved = &value["changes"][1];
    assert_eq!(moved["kind"], "moved");
    assert_eq!(
        (&moved["before"], &moved["from"], &moved["to"]),
        (
            &Value::from("dir-commercial"),
            &Value::from("cto"),
            &Value::from("coo")
        )
    );
    assert_eq!(moved["to_title"], "Chief Operating Officer, Technology");
    assert_eq!(value["after"]["name"], "Home Office Technology");
}

#[test]
fn a_holder_not_disclosed_is_never_a_change_of_holder() {
    // By hand, fixtures/organogram-before-release.json -> organogram-after-release.json:
    // dir-fin not disclosed -> Priya Shah (no change: it may be the same person); dir-hr
    // vacant -> not disclosed (filled); dd-estates not disclosed -> vacant (vacated);
    // dd-policy Sam Lee -> Jo Park (the one change of holder); dg-ops not disclosed on both.
    let (before, after) = (
        "organogram-before-release.json",
        "organogram-after-release.json",
    );
    let run = orgtree(&["diff", before, after]);
    let text = ok(&run);
    let lines: Vec<&str> = change_lines(text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        lines,
        [
            "holder  Deputy Director, Policy: Sam Lee -> Jo Park",
            "vacancy  Deputy Director, Estates: vacated (the holder was not disclosed)",
            "vacancy  Director of People: filled (the holder is not disclosed)",
            "fields  Director General, Operations (not disclosed): cost 120,000 to 124,999 -> 125,000 to 129,999",
        ]
    );
    // By hand: 490,000 to 519,998 before; dg-ops's band rises by 5,000 at both ends.
    assert_eq!(
        summary_row(text, "cost, low"),
        ["490,000", "495,000", "+5,000"]
    );
    assert_eq!(
        summary_row(text, "cost, high"),
        ["519,998", "524,998", "+5,000"]
    );
    assert_eq!(summary_row(text, "vacant posts"), ["1", "1", "0"]);
    assert_eq!(summary_row(text, "not disclosed"), ["3", "2", "-1"]);

    let value = json(&orgtree(&["diff", before, after, "--json"]));
    let counts = &value["summary"]["counts"];
    assert_eq!(
        (&counts["holder"], &counts["vacancy"]),
        (&1.into(), &2.into())
    );
    assert_eq!(counts["fields"], 1, "a changed range is one change");
    assert_eq!(value["summary"]["changes"], 4);
    assert_eq!(
        value["disclosure"],
        serde_json::json!([{
            "before": "dir-fin", "after": "dir-fin",
            "old": {"undisclosed": true}, "new": "Priya Shah"
        }])
    );
    let filled = value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["after"] == "dir-hr")
        .unwrap();
    assert_eq!(filled["kind"], "vacancy");
    assert_eq!(filled["old"], Value::Null);
    assert_eq!(filled["new"], serde_json::json!({"undisclosed": true}));

    // The script still turns one into the other, the name disclosed included.
    let folder = tempfile::tempdir().unwrap();
    let script = folder.path().join("steps.json");
    std::fs::write(&script, ok(&orgtree(&["diff", before, after, "--script"]))).unwrap();
    let out = folder.path().join("out.json");
    let (script, out) = (script.to_str().unwrap(), out.to_str().unwrap());
    let applied = orgtree(&["apply", before, script, "-o", out]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let same = orgtree(&["diff", out, after, "--json"]);
    let same = json(&same);
    assert_eq!(same["summary"]["changes"], 0);
    assert_eq!(same["disclosure"], serde_json::json!([]));
}

#[test]
fn exit_code_says_whether_anything_changed_only_when_asked() {
    let changed = orgtree(&["diff", HOME_BEFORE, HOME_AFTER, "--exit-code"]);
    assert_eq!(changed.code, 1);
    assert_eq!(changed.stderr, "");
    assert!(
        changed
            .stdout
            .contains("moved  Director of Commercial Technology")
    );

    let changed_json = orgtree(&["diff", HOME_BEFORE, HOME_AFTER, "--exit-code", "--json"]);
    assert_eq!(changed_json.code, 1);
    let value: Value = serde_json::from_str(&changed_json.stdout).unwrap();
    assert_eq!(value["summary"]["changes"], 6);

    // Without the flag, changes are not a failure.
    assert_eq!(orgtree(&["diff", HOME_BEFORE, HOME_AFTER]).code, 0);
    assert_eq!(
        orgtree(&["diff", HOME_BEFORE, HOME_AFTER, "--json"]).code,
        0
    );

    // Identical charts: the same file twice, and a copy of it elsewhere.
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("copy.json");
    std::fs::copy(common::fixtures().join(HOME_AFTER), &copy).unwrap();
    let copy = copy.to_str().unwrap();
    for (before, after) in [(HOME_AFTER, HOME_AFTER), (HOME_AFTER, copy)] {
        let same = orgtree(&["diff", before, after, "--exit-code"]);
        assert_eq!(same.code, 0, "{}", same.stdout);
        assert_eq!(same.stderr, "");
        assert!(
            same.stdout
                .contains("\nNo changes: the two charts hold the same posts in the same places.\n"),
            "{}",
            same.stdout
        );
        assert_eq!(change_lines(&same.stdout), []);
        assert_eq!(summary_row(&same.stdout, "changes"), ["none"]);
        let value = json(&orgtree(&["diff", before, after, "--exit-code", "--json"]));
        assert_eq!(value["changes"], serde_json::json!([]));
        assert_eq!(value["summary"]["changes"], 0);
    }
}

#[test]
fn a_chart_loaded_leniently_has_no_change_against_itself() {
    // The lenient load keeps the dotted line to the unknown post 'hmrc-perm-sec'; the same
    // file on both sides must still give no change.
    for broken in &common::broken_but_lenient() {
        let run = orgtree(&["diff", "--lenient", "--exit-code", broken, broken]);
        assert_eq!(change_lines(&run.stdout), [], "{broken}: {}", run.stdout);
        assert_eq!(run.code, 0, "{broken}");
    }
}

/// The `file:line:col: ...` lines `orgtree check` prints for `file`.
fn check_problems(file: &str) -> Vec<String> {
    let run = orgtree(&["check", file]);
    assert_ne!(run.code, 0, "{file} is broken");
    let lines: Vec<String> = run.stderr.lines().map(str::to_owned).collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(line.starts_with(&format!("{file}:")), "{line}");
        assert!(line.contains(": error: "), "{line}");
    }
    lines
}

#[test]
fn a_broken_file_is_reported_as_check_reports_it_and_exits_2() {
    let good = HOME_AFTER;
    for broken in &common::broken() {
        let broken = broken.as_str();
        let problems = check_problems(broken);
        for args in [
            vec!["diff", broken, good],
            vec!["diff", good, broken],
            vec!["diff", good, broken, "--exit-code"],
            vec!["diff", broken, good, "--json"],
        ] {
            let run = orgtree(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert_eq!(run.stdout, "", "{args:?}");
            let located: Vec<String> = run
                .stderr
                .lines()
                .filter(|line| line.starts_with(&format!("{broken}:")))
                .map(str::to_owned)
                .collect();
            assert_eq!(located, problems, "{args:?}");
            // Anything else is orgtree's own advice, never a problem of the good file.
            for line in run.stderr.lines() {
                assert!(
                    line.starts_with(&format!("{broken}:")) || line.starts_with("orgtree: "),
                    "{args:?}: {line}"
                );
            }
        }
    }
    // Both broken: both reported.
    let run = orgtree(&["diff", "broken-syntax.json", "broken-duplicate-id.json"]);
    assert_eq!(run.code, 2);
    let mut wanted = check_problems("broken-syntax.json");
    wanted.extend(check_problems("broken-duplicate-id.json"));
    let located: Vec<String> = run
        .stderr
        .lines()
        .filter(|line| !line.starts_with("orgtree: "))
        .map(str::to_owned)
        .collect();
    assert_eq!(located, wanted);
}

/// A fixture with every id `x` written as `r-x`, in a temporary folder.
fn renumbered_copy(folder: &tempfile::TempDir, name: &str) -> String {
    let path = common::renumbered_copy(folder.path(), name);
    path.to_str().unwrap().to_owned()
}

#[test]
fn matching_by_content_sees_through_renumbered_ids_and_match_id_does_not() {
    let folder = tempfile::tempdir().unwrap();
    let after = renumbered_copy(&folder, HOME_AFTER);

    // By content (the default): the same change lines as with the original ids, and the 12
    // posts kept from before reported as matched by content.
    let original = orgtree(&["diff", HOME_BEFORE, HOME_AFTER]);
    let default = orgtree(&["diff", HOME_BEFORE, &after]);
    let content = orgtree(&["diff", HOME_BEFORE, &after, "--match", "content"]);
    assert_eq!(default.stdout, content.stdout);
    let text = ok(&default);
    assert_eq!(change_lines(text), change_lines(ok(&original)));
    assert!(
        text.contains(
            "\n12 posts matched by content although their ids differ (--match id turns this off):\n  cto -> r-cto  Chief Technology Officer (Sarah Wilkinson)\n"
        ),
        "{text}"
    );
    assert!(text.contains("\n  … 2 more\n"), "{text}");
    let value = json(&orgtree(&["diff", HOME_BEFORE, &after, "--json"]));
    assert_eq!(value["summary"]["inferred"], 12);
    let inferred = value["inferred"].as_array().unwrap();
    assert_eq!(inferred.len(), 12);
    for pair in inferred {
        assert_eq!(
            pair["after"].as_str().unwrap(),
            format!("r-{}", pair["before"].as_str().unwrap())
        );
    }
    assert_eq!(value["summary"]["counts"]["added"], 2);
    assert_eq!(value["summary"]["counts"]["moved"], 3);
    assert_eq!(value["summary"]["changes"], 6);

    // By id: every post removed and added, nothing matched.
    let by_id = orgtree(&["diff", HOME_BEFORE, &after, "--match", "id"]);
    let text = ok(&by_id);
    assert!(!text.contains("matched by title and holder"), "{text}");
    let lines = change_lines(text);
    assert_eq!(lines.iter().filter(|&&(k, _)| k == 0).count(), 14);
    assert_eq!(lines.iter().filter(|&&(k, _)| k == 1).count(), 12);
    assert_eq!(lines.len(), 26);
    let value = json(&orgtree(&[
        "diff",
        HOME_BEFORE,
        &after,
        "--match",
        "id",
        "--json",
    ]));
    assert_eq!(value["summary"]["inferred"], 0);
    assert_eq!(value["inferred"], serde_json::json!([]));
    assert_eq!(value["summary"]["counts"]["added"], 14);
    assert_eq!(value["summary"]["counts"]["removed"], 12);
    assert_eq!(
        orgtree(&["diff", HOME_BEFORE, &after, "--match", "id", "--exit-code"]).code,
        1
    );

    // A renumbered copy of the same chart: no change by content, everything by id.
    let same = renumbered_copy(&folder, HOME_BEFORE);
    let run = orgtree(&["diff", HOME_BEFORE, &same, "--exit-code"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(change_lines(&run.stdout), []);
    let run = orgtree(&["diff", HOME_BEFORE, &same, "--exit-code", "--match", "id"]);
    assert_eq!(run.code, 1);
    assert_eq!(change_lines(&run.stdout).len(), 24);
}

#[test]
fn the_before_chart_can_come_from_standard_input() {
    let text = std::fs::read_to_string(common::fixtures().join(HOME_BEFORE)).unwrap();
    let piped = orgtree_with_input(&["diff", "-", HOME_AFTER], &text);
    let named = orgtree(&["diff", HOME_BEFORE, HOME_AFTER]);
    assert_eq!(ok(&piped), ok(&named));
}

#[test]
fn standard_input_cannot_give_both_charts() {
    let text = std::fs::read_to_string(common::fixtures().join(HOME_BEFORE)).unwrap();
    let run = orgtree_with_input(&["diff", "-", "-"], &text);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("standard input (-) can give only one of the two charts"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_move_between_two_managers_with_one_title_and_no_holder_names_them_by_id() {
    let folder = tempfile::tempdir().unwrap();
    let chart = |analyst_under: &str| {
        format!(
            r#"{{"posts": [
                {{"id": "d", "title": "Director"}},
                {{"id": "dd1", "title": "Deputy Director", "reports_to": "d"}},
                {{"id": "dd2", "title": "Deputy Director", "reports_to": "d"}},
                {{"id": "an", "title": "Analyst", "holder": "Zed", "reports_to": "{analyst_under}"}}
            ]}}"#
        )
    };
    let before = folder.path().join("before.json");
    let after = folder.path().join("after.json");
    std::fs::write(&before, chart("dd1")).unwrap();
    std::fs::write(&after, chart("dd2")).unwrap();
    let run = orgtree(&["diff", before.to_str().unwrap(), after.to_str().unwrap()]);
    let lines: Vec<&str> = change_lines(ok(&run))
        .into_iter()
        .map(|(_, line)| line)
        .collect();
    assert_eq!(
        lines,
        ["moved  Analyst (Zed): Deputy Director [dd1] -> Deputy Director [dd2]"]
    );
}

#[test]
fn compare_without_a_terminal_prints_the_change_list_and_takes_the_screen_options() {
    let pair = [
        "home-office-technology-before-coo.json",
        "home-office-technology-after-coo.json",
    ];
    let diff = orgtree(&["diff", pair[0], pair[1]]);
    for options in [&[][..], &["--ascii"], &["--mouse", "--match", "id"]] {
        let mut args = vec!["compare"];
        args.extend_from_slice(options);
        args.extend_from_slice(&pair);
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "orgtree {args:?}: {}", run.stderr);
        assert_eq!(run.stdout, diff.stdout, "orgtree {args:?}");
    }
}

#[test]
fn a_script_with_content_matching_is_refused_and_without_it_pairs_by_id() {
    let run = orgtree(&[
        "diff",
        "--script",
        "--match",
        "content",
        HOME_BEFORE,
        HOME_AFTER,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("--script pairs posts by id: a change script gives the after chart's ids"),
        "{}",
        run.stderr
    );
    for matching in [&["--match", "id"][..], &[]] {
        let mut args = vec!["diff", "--script", HOME_BEFORE, HOME_AFTER];
        args.extend_from_slice(matching);
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "{matching:?}: {}", run.stderr);
        let script: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(
            !script["steps"].as_array().unwrap().is_empty(),
            "{}",
            run.stdout
        );
    }
}

/// A figure as the diff writes it (`1,159.0`, `+41.0`, `-2`).
fn number(text: &str) -> f64 {
    text.trim()
        .trim_start_matches('+')
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a figure: {text:?}"))
}

/// The number after `label ` in `text`, up to the next space or comma.
fn figure_after<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let at = text.find(label)? + label.len();
    let rest = &text[at..];
    Some(rest.split([' ', ',', ')']).next().unwrap_or(rest))
}

/// The FTE of a staff value as a fields line writes it: `3 groups (13 FTE: ...)`, or none.
fn staff_fte(value: &str) -> f64 {
    match value.find(" FTE") {
        Some(end) => number(&value[value[..end].rfind('(').map_or(0, |at| at + 1)..end]),
        None => 0.0,
    }
}

#[test]
fn the_summary_figures_add_up_from_the_lines_above_them() {
    for (before, after) in common::pairs() {
        let (before, after) = (
            common::fixtures().join(&before),
            common::fixtures().join(&after),
        );
        let run = orgtree(&["diff", &before.to_string_lossy(), &after.to_string_lossy()]);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let (mut fte, mut posts) = (0.0, 0i32);
        for (i, line) in lines.iter().enumerate() {
            let sign: i32 = if line.starts_with("added  ") {
                1
            } else if line.starts_with("removed  ") {
                -1
            } else {
                if line.starts_with("fields  ") {
                    // Each field change of an FTE: `fte 1 -> 0.5` (none is the 1 it means),
                    // and of staff groups: `staff 1 group (12 FTE: ...) -> ...`.
                    for part in line.split("; ") {
                        if let Some(at) = part.find("fte ").filter(|&at| {
                            at == 0 || part[..at].ends_with(": ") || part[..at].ends_with(' ')
                        }) {
                            let (old, new) = part[at + 4..].split_once(" -> ").unwrap();
                            let value = |v: &str| if v == "none" { 1.0 } else { number(v) };
                            fte += value(new) - value(old);
                        }
                        if let Some(at) = part.find("staff ") {
                            let (old, new) = part[at + 6..].split_once(" -> ").unwrap();
                            fte += staff_fte(new) - staff_fte(old);
                        }
                    }
                }
                continue;
            };
            posts += sign;
            let with = lines[i + 1].trim_start();
            assert!(
                with.starts_with("brings ") || with.starts_with("takes "),
                "{line}\n{with}"
            );
            let own = number(figure_after(with, "FTE ").expect("the post's FTE"));
            let staff = figure_after(with, "staff ").map_or(0.0, number);
            fte += f64::from(sign) * (own + staff);
        }
        let summary = |label: &str| {
            let line = lines
                .iter()
                .find(|l| l.trim_start().starts_with(label))
                .unwrap_or_else(|| panic!("no {label} line:\n{}", run.stdout));
            number(line.split_whitespace().last().unwrap())
        };
        let name = before.display();
        assert!(
            (summary("headcount (FTE)") - fte).abs() < 0.05,
            "{name}: the lines add up to {fte} FTE\n{}",
            run.stdout
        );
        assert!(
            (summary("posts ") - f64::from(posts)).abs() < 0.5,
            "{name}\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_cost_of_another_shape_kept_by_a_lenient_load_is_written_safely() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let before = folder.path().join("before.json");
    let after = folder.path().join("after.json");
    std::fs::write(&before, r#"{"posts": [{"id": "a", "title": "A"}]}"#).unwrap();
    std::fs::write(
        &after,
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\", \"cost\": {\"min\": 1, \"\\u202e\": 2}}]}",
    )
    .unwrap();
    let run = orgtree(&[
        "diff",
        "--lenient",
        &before.to_string_lossy(),
        &after.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!common::acts_on_terminal(&run.stdout), "{}", run.stdout);
    assert!(run.stdout.contains("\\u{202e}"), "{}", run.stdout);
}
