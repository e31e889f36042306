//! What `print`, `stats`, `export` and the bare `orgtree` write, checked through the real
//! binary: the tree at 80 columns for every fixture, figures against a hand count, JSON for
//! scripts, hostile text made harmless everywhere, and files never overwritten by surprise.

use crate::common;

use common::{Run, fixtures, orgtree, orgtree_with_input};

/// The chart of control characters and bidi overrides: shown escaped, its lines grow past
/// 80 columns, so it has a test of its own.
const HOSTILE: &str = "hostile-text.json";

/// Every chart but [`HOSTILE`].
fn real_fixtures() -> Vec<String> {
    let charts = common::charts();
    assert!(charts.iter().any(|name| name == HOSTILE), "no {HOSTILE}");
    charts.into_iter().filter(|name| name != HOSTILE).collect()
}

/// A fixture as a JSON value, to compare what orgtree writes with the file it read.
fn fixture_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join(name)).unwrap()).unwrap()
}

fn ok(run: &Run) -> &str {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    &run.stdout
}

#[test]
fn print_shows_every_fixture_as_a_tree_within_80_columns() {
    for fixture in &real_fixtures() {
        let run = orgtree(&["print", fixture]);
        let text = ok(&run);
        for line in text.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{fixture}: {width} columns: {line}");
        }
        insta::assert_snapshot!(format!("print-{fixture}"), text);
    }
}

#[test]
fn print_draws_ascii_guides_when_asked_or_when_the_locale_is_not_utf8() {
    let asked = orgtree(&[
        "print",
        "home-office-technology-after-coo.json",
        "--ascii",
        "--depth",
        "2",
    ]);
    insta::assert_snapshot!("print-ascii-depth-2", ok(&asked));
    let output = assert_cmd::Command::cargo_bin("orgtree")
        .unwrap()
        .current_dir(fixtures())
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C")
        .args([
            "print",
            "home-office-technology-after-coo.json",
            "--depth",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), asked.stdout);
}

#[test]
fn print_root_shows_one_team_and_an_unknown_root_is_explained() {
    let run = orgtree(&[
        "print",
        "home-office-technology-after-coo.json",
        "--root",
        "coo",
    ]);
    let text = ok(&run);
    assert!(
        text.starts_with(
            "Chief Operating Officer, Technology (vacant)  [4/5]\n├── Director of Commercial"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\n6 posts, 2 vacant; [direct/total] reports\n"),
        "{text}"
    );

    let run = orgtree(&[
        "print",
        "home-office-technology-after-coo.json",
        "--root",
        "head",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "orgtree: error: no post with id 'head' in home-office-technology-after-coo.json \
         (similar ids: 'head-supplier', 'head-finance', 'head-bizmgmt', 'head-workforce', 'head-borders')\n"
    );
}

#[test]
fn stats_agree_with_a_hand_count() {
    // Hand count of fixtures/home-office-technology-after-coo.json:
    // 14 posts; vacant: coo and head-workforce; one top post (cto); layers: cto > coo >
    // dir-commercial > head-supplier = 4. FTE: 14 posts at 1 plus staff groups
    // 6+30+14+8+11+22+9+150+265+170+270+135+56+40 = 1,186, so 1,200. Cost: 13 posts give
    // 1,127,000 and the staff groups 43,670,000, so 44,797,000. Spans: cto 5, coo 4,
    // dir-delivery 2, dir-commercial 1, dir-live 1: min 1, median 2, mean 2.6, max 5.
    let run = orgtree(&["stats", "home-office-technology-after-coo.json", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(stats["posts"], 14);
    assert_eq!(stats["vacant"], 2);
    assert_eq!(stats["top_posts"], 1);
    assert_eq!(stats["layers"], 4);
    assert_eq!(stats["headcount_fte"], 1200.0);
    assert_eq!(stats["cost"], 44_797_000.0);
    assert_eq!(stats["posts_with_cost"], 13);
    assert_eq!(
        stats["span"],
        serde_json::json!({"managers": 5, "min": 1, "median": 2.0, "mean": 2.6, "max": 5})
    );
    assert_eq!(stats["widest_spans"][0]["id"], "cto");
    assert_eq!(stats["widest_spans"][0]["span"], 5);

    let run = orgtree(&["stats", "home-office-technology-after-coo.json"]);
    insta::assert_snapshot!("stats-home-office-after", ok(&run));
}

#[test]
fn stats_and_print_count_holders_not_disclosed_apart_from_vacant_posts() {
    // Hand count of fixtures/organogram-before-release.json: 6 posts; holder null: dir-hr;
    // holder {"undisclosed": true}: dg-ops, dir-fin, dd-estates; named: ps, dd-policy.
    let file = "organogram-before-release.json";
    let run = orgtree(&["stats", file, "--json"]);
    let stats: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(stats["posts"], 6);
    assert_eq!(stats["vacant"], 1);
    assert_eq!(stats["undisclosed"], 3);
    let run = orgtree(&["stats", file]);
    let text = ok(&run);
    assert!(text.contains("\n  vacant posts     1 (16.7%)\n"), "{text}");
    assert!(text.contains("\n  not disclosed    3 (50.0%)\n"), "{text}");
    assert!(text.contains("Director General, Operations (not disclosed) [dg-ops]"));
    // Cost by hand: 160,000-164,999 (ps) + 120,000-124,999 (dg-ops) + 90,000 (dir-fin) on
    // posts, 120,000-140,000 on the policy officers.
    assert!(
        text.contains("\n  cost             490,000 to 519,998 (3 of 6 posts give a cost)\n"),
        "{text}"
    );
    let run = orgtree(&["stats", file, "--json"]);
    let stats: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(
        stats["cost"],
        serde_json::json!({"min": 490_000, "max": 519_998})
    );
    let run = orgtree(&["print", file]);
    let text = ok(&run);
    assert!(text.contains("Director of People (vacant)\n"), "{text}");
    assert!(
        text.contains("Director of Finance (not disclosed)  [1/1]\n"),
        "{text}"
    );
    assert!(text.ends_with("6 posts, 1 vacant, 3 not disclosed; [direct/total] reports\n"));
    // A chart with none says nothing of them, as before.
    let run = orgtree(&["stats", "home-office-technology-after-coo.json"]);
    assert!(!ok(&run).contains("not disclosed"));
}

#[test]
fn figures_are_grouped_in_text() {
    // A manager with 1,030 direct reports, each of 1 FTE (the default).
    let mut posts = vec![r#"{"id": "top", "title": "Top"}"#.to_owned()];
    for i in 0..1_030 {
        posts.push(format!(
            r#"{{"id": "r{i}", "title": "Report", "reports_to": "top", "cost": 1000}}"#
        ));
    }
    let chart = format!(r#"{{"posts": [{}]}}"#, posts.join(","));
    let run = orgtree_with_input(&["stats", "-"], &chart);
    let text = ok(&run);
    for expected in [
        "\n  posts            1,031\n",
        "\n  headcount (FTE)  1,031.0\n",
        "\n  cost             1,030,000 (1,030 of 1,031 posts give a cost)\n",
        "min 1,030, median 1,030, mean 1,030.0, max 1,030 (over 1 manager)",
        "\n   1,030  Top (vacant) [top]\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let run = orgtree_with_input(&["print", "-", "--depth", "1"], &chart);
    assert!(
        ok(&run).starts_with("Top (vacant)  [1,030/1,030]\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_figures_are_rounded_but_the_chart_is_saved_exactly() {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point, in the FTE and in the cost.
    let chart = r#"{"posts": [
        {"id": "a", "title": "A", "fte": 0.1, "cost": 0.1},
        {"id": "b", "title": "B", "reports_to": "a", "fte": 0.2,
         "cost": {"min": 0.2, "max": 1234.5678}}]}"#;
    let run = orgtree_with_input(&["stats", "-", "--json"], chart);
    let stats: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(stats["headcount_fte"].to_string(), "0.3");
    assert_eq!(stats["cost"].to_string(), r#"{"min":0.3,"max":1234.67}"#);
    let run = orgtree_with_input(&["export", "-", "--to", "json"], chart);
    let saved: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(
        saved["posts"][1]["cost"].to_string(),
        r#"{"min":0.2,"max":1234.5678}"#
    );
}

#[test]
fn stats_json_has_nulls_where_nothing_is_given() {
    let run = orgtree_with_input(
        &["stats", "-", "--json"],
        r#"{"posts": [{"id": "a", "title": "A"}]}"#,
    );
    let stats: serde_json::Value = serde_json::from_str(ok(&run)).unwrap();
    assert!(stats["cost"].is_null());
    assert!(stats["span"]["median"].is_null());
    assert_eq!(stats["span"]["managers"], 0);
    assert_eq!(stats["layers"], 1);

    let run = orgtree_with_input(&["stats", "-", "--json"], r#"{"posts": []}"#);
    assert!(
        ok(&run).contains("\"headcount_fte\": 0.0,"),
        "{}",
        run.stdout
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let unsafe_char = |c: char| {
        c.is_control() && c != '\n'
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    let commands: [&[&str]; 5] = [
        &["print", "hostile-text.json"],
        &["stats", "hostile-text.json"],
        &["stats", "hostile-text.json", "--json"],
        &["export", "hostile-text.json", "--to", "json"],
        &["print", "hostile-text.json", "--root", "\u{1b}[2J"],
    ];
    for args in commands {
        let run = orgtree(args);
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let bad: Vec<char> = text.chars().filter(|&c| unsafe_char(c)).collect();
            assert!(bad.is_empty(), "orgtree {args:?} wrote {bad:?} to {stream}");
        }
    }
    let run = orgtree(&["print", "hostile-text.json"]);
    insta::assert_snapshot!("print-hostile-text", ok(&run));

    let run = orgtree_with_input(
        &["check", "-"],
        "{\"posts\": [{\"id\": \"x\\u001b[31m\", \"title\": \"T\", \"reports_to\": \"\\u202e\"}]}",
    );
    assert_eq!(
        run.stderr,
        "<stdin>:1:62: error: post 'x\\u{1b}[31m' reports to unknown post '\\u{202e}'\n"
    );
}

#[test]
fn exported_json_keeps_hostile_text_as_json_escapes() {
    let run = orgtree(&["export", "hostile-text.json", "--to", "json"]);
    let text = ok(&run);
    assert!(text.contains(r#""id": "boss\u202e""#), "{text}");
    assert!(text.contains(r"Ann \u009b2J Lee"), "{text}");
    let original = fixture_json("hostile-text.json");
    let exported: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(exported, original, "the escapes mean the same text");
}

#[test]
fn export_writes_a_file_only_when_it_may() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("copy.json");
    let target_arg = target.to_str().unwrap();
    let run = orgtree(&[
        "export",
        "cddo-missions.json",
        "--to",
        "json",
        "-o",
        target_arg,
    ]);
    ok(&run);
    let written = std::fs::read_to_string(&target).unwrap();
    let original: serde_json::Value = fixture_json("cddo-missions.json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&written).unwrap(),
        original
    );

    std::fs::write(&target, "precious").unwrap();
    let run = orgtree(&[
        "export",
        "cddo-missions.json",
        "--to",
        "json",
        "-o",
        target_arg,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("already exists; use --force to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");

    ok(&orgtree(&[
        "export",
        "cddo-missions.json",
        "--to",
        "json",
        "-o",
        target_arg,
        "--force",
    ]));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
    let leftovers = std::fs::read_dir(folder.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn exported_files_get_the_permissions_of_the_file_they_replace_or_of_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let folder = tempfile::tempdir().unwrap();
    let ordinary = folder.path().join("ordinary.txt");
    std::fs::write(&ordinary, "made the usual way").unwrap();

    let fresh = folder.path().join("fresh.json");
    ok(&orgtree(&[
        "export",
        "cddo-missions.json",
        "--to",
        "json",
        "-o",
        fresh.to_str().unwrap(),
    ]));
    assert_eq!(
        mode(&fresh),
        mode(&ordinary),
        "a new file gets the user's usual permissions"
    );

    let shared = folder.path().join("shared.json");
    std::fs::write(&shared, "{}").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    ok(&orgtree(&[
        "export",
        "cddo-missions.json",
        "--to",
        "json",
        "-o",
        shared.to_str().unwrap(),
        "--force",
    ]));
    assert_eq!(
        mode(&shared),
        0o664,
        "a replaced file keeps its permissions"
    );
}

#[test]
fn commands_refuse_a_chart_with_errors_and_say_how_to_load_it_anyway() {
    let run = orgtree(&["print", "broken-unknown-manager.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "broken-unknown-manager.json:6:82: error: post 'coo' reports to unknown post 'ctoo'\n\
         orgtree: broken-unknown-manager.json has 1 error; fix it or use --lenient to load what can be loaded\n"
    );
    let run = orgtree(&["print", "--lenient", "broken-unknown-manager.json"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("warning: post 'coo' reports to unknown post 'ctoo'; loaded as a top post")
    );
    assert!(run.stdout.starts_with("Chief Technology Officer (Sarah Wilkinson)\nChief Operating Officer, Technology (vacant)  [1/1]\n"), "{}", run.stdout);
    assert_eq!(orgtree(&["stats", "broken-syntax.json"]).code, 2);
}

#[test]
fn orgtree_alone_shows_the_demo_and_says_how_to_get_help() {
    let run = orgtree(&[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("Permanent Secretary (Richard Heaton)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Chief Digital Officer (vacant)"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("built-in demo chart") && run.stderr.contains("orgtree --help"));
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["check", "print", "stats", "export"] {
        let run = orgtree(&[command, "--help"]);
        let text = ok(&run);
        assert!(
            text.contains("Example"),
            "{command} --help has no example:\n{text}"
        );
        assert!(
            text.contains(&format!("orgtree {command} ")),
            "{command} --help:\n{text}"
        );
    }
    let run = orgtree(&["--help"]);
    for command in ["check", "print", "stats", "export"] {
        assert!(ok(&run).contains(command));
    }
    assert!(
        !run.stdout.contains("generate"),
        "the generator stays hidden"
    );
}

#[test]
fn output_cut_short_by_the_reader_is_not_an_error() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("orgtree"))
        .args(["generate", "--posts", "20000", "--seed", "3"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
