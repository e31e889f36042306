//! The inputs in `tests/regressions`, each of which once broke orgtree, run through every
//! command that reads a chart: no panic, no raw control character written, nothing kept
//! dropped without a word, and the figures and exit codes they should give.

use crate::common::{Run, acts_on_terminal, orgtree};

/// The path of a regression input, as an argument.
fn input(name: &str) -> String {
    format!("{}/tests/regressions/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Every command that reads one chart, with `chart` as its input.
fn commands(chart: &str) -> Vec<Vec<String>> {
    let other = "cabinet-office-after-cdo.json".to_owned();
    let chart = chart.to_owned();
    let mut all: Vec<Vec<String>> = vec![
        vec!["check".into(), chart.clone()],
        vec!["print".into(), chart.clone()],
        vec!["stats".into(), chart.clone()],
        vec!["stats".into(), "--json".into(), chart.clone()],
        vec!["diff".into(), chart.clone(), other.clone()],
        vec!["diff".into(), other.clone(), chart.clone()],
        vec!["diff".into(), "--json".into(), chart.clone(), other.clone()],
        vec![
            "diff".into(),
            "--script".into(),
            chart.clone(),
            other.clone(),
        ],
        vec![
            "diff".into(),
            "--script".into(),
            other.clone(),
            chart.clone(),
        ],
        vec![
            "apply".into(),
            chart.clone(),
            input("empty-script.json"),
            "-o".into(),
            "-".into(),
        ],
    ];
    for format in ["json", "csv", "dot", "mermaid", "organogram"] {
        all.push(vec![
            "export".into(),
            chart.clone(),
            "--to".into(),
            format.into(),
        ]);
    }
    let lenient: Vec<Vec<String>> = all
        .iter()
        .map(|args| {
            let mut args = args.clone();
            args.insert(1, "--lenient".into());
            args
        })
        .collect();
    all.extend(lenient);
    all
}

fn run(args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    orgtree(&args)
}

#[test]
fn no_regression_input_makes_any_command_panic_or_write_raw_control_characters() {
    let names: Vec<String> =
        std::fs::read_dir(format!("{}/tests/regressions", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| {
                std::path::Path::new(name)
                    .extension()
                    .is_some_and(|e| e == "json")
                    && name != "empty-script.json"
            })
            .collect();
    assert!(names.len() >= 6, "{names:?}");
    for name in names {
        for args in commands(&input(&name)) {
            let run = run(&args);
            assert!(
                [0, 1, 2].contains(&run.code) && !run.stderr.contains("panicked"),
                "{args:?}: exit {}\n{}",
                run.code,
                run.stderr
            );
            assert!(!acts_on_terminal(&run.stdout), "{args:?}: {:?}", run.stdout);
            assert!(!acts_on_terminal(&run.stderr), "{args:?}: {:?}", run.stderr);
        }
    }
}

#[test]
fn a_post_reporting_to_itself_with_a_member_twice_is_reported_not_a_panic() {
    let run = orgtree(&["check", &input("self-report-member-twice.json")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("post 'cdo' reports to itself"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("field \"dotted\" appears twice"),
        "{}",
        run.stderr
    );
}

#[test]
fn member_names_are_escaped_in_the_csv_header() {
    let run = orgtree(&[
        "export",
        &input("member-names-with-escapes.json"),
        "--to",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let header = run.stdout.lines().next().unwrap();
    assert!(header.ends_with(",x\\u{1b}[1m"), "{header}");
}

/// A JSON value of any depth, as `serde_json` reads it with no limit on depth.
fn deep_value(text: &str) -> serde_json::Value {
    let mut parser = serde_json::Deserializer::from_str(text);
    parser.disable_recursion_limit();
    serde::Deserialize::deserialize(&mut parser).unwrap()
}

#[test]
fn values_nested_hundreds_deep_load_save_and_replay_whole() {
    let path = input("nested-300-deep.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let check = orgtree(&["check", &path]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    // Written back, every post is as it was (vacant posts gain `"holder": null`).
    let export = orgtree(&["export", &path, "--to", "json"]);
    let mut written = deep_value(&export.stdout);
    for post in written["posts"].as_array_mut().unwrap() {
        post.as_object_mut().unwrap().remove("holder");
    }
    assert!(
        written == deep_value(&text),
        "the export differs from the file"
    );
    // A change deep inside each kept value travels through a change script.
    let dir = tempfile::tempdir().unwrap();
    let after = dir.path().join("after.json");
    let changed = text.replace("[1]", "[2]");
    assert_eq!(changed.matches("[2]").count(), 3);
    std::fs::write(&after, &changed).unwrap();
    let script = orgtree(&["diff", "--script", &path, after.to_str().unwrap()]);
    assert_eq!(script.code, 0, "{}", script.stderr);
    let script_file = dir.path().join("script.json");
    std::fs::write(&script_file, &script.stdout).unwrap();
    let applied = orgtree(&["apply", &path, script_file.to_str().unwrap(), "-o", "-"]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let mut result = deep_value(&applied.stdout);
    for post in result["posts"].as_array_mut().unwrap() {
        post.as_object_mut().unwrap().remove("holder");
    }
    assert!(
        result == deep_value(&changed),
        "the replay differs from the after chart"
    );
}

#[test]
fn values_nested_deeper_than_orgtree_keeps_are_never_dropped_silently() {
    let path = input("nested-501-deep.json");
    let strict = orgtree(&["check", &path]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    let errors: Vec<&str> = strict
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{}", strict.stderr);
    assert!(
        errors[0].contains(
            "staff group 1: field \"y\" cannot be kept: nested more than 500 levels deep"
        )
    );
    assert!(
        errors[1].contains(
            "dotted line 1: field \"z\" cannot be kept: nested more than 500 levels deep"
        )
    );
    let lenient = orgtree(&["check", "--lenient", &path]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    let warnings: Vec<&str> = lenient.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", lenient.stderr);
    assert!(
        warnings
            .iter()
            .all(|w| w.contains(": warning: ") && w.ends_with("; left out"))
    );
}

#[test]
fn numbers_beyond_a_float_are_left_out_leniently_with_a_warning_only() {
    let path = input("numbers-beyond-float.json");
    let lenient = orgtree(&["check", "--lenient", &path]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(!lenient.stderr.contains("error"), "{}", lenient.stderr);
    assert!(!lenient.stderr.contains("kept as"), "{}", lenient.stderr);
    assert!(
        !lenient.stderr.contains("use --lenient"),
        "{}",
        lenient.stderr
    );
    assert_eq!(
        lenient.stderr.matches("left out").count(),
        3,
        "{}",
        lenient.stderr
    );
    let strict = orgtree(&["check", &path]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        !strict.stderr.contains("line 1 column"),
        "no place of serde's own: {}",
        strict.stderr
    );
}

#[test]
fn generate_replaces_a_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.json");
    std::fs::write(&out, "keep me\n").unwrap();
    let out_text = out.to_str().unwrap();
    let run = orgtree(&["generate", "--posts", "5", "-o", out_text]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("already exists; use --force to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");
    let run = orgtree(&["generate", "--posts", "5", "-o", out_text, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = orgtree(&["check", out_text]);
    assert!(check.stdout.contains(": 5 posts,"), "{}", check.stdout);
}

#[test]
fn values_as_deep_as_orgtree_keeps_travel_through_a_change_script() {
    // Values 500 levels deep (the most orgtree keeps) in a post, a staff group and a dotted
    // line, of a post that moves and of one added: a step of the script holds each inside
    // its own object, a list and a group, and must still be read.
    let after = input("nested-500-deep-in-lists.json");
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.json");
    std::fs::write(
        &before,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]}"#,
    )
    .unwrap();
    let before = before.to_str().unwrap();
    let script = orgtree(&["diff", "--script", before, &after]);
    assert_eq!(script.code, 0, "{}", script.stderr);
    let script_file = dir.path().join("script.json");
    std::fs::write(&script_file, &script.stdout).unwrap();
    let applied = orgtree(&["apply", before, script_file.to_str().unwrap(), "-o", "-"]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let mut result = deep_value(&applied.stdout);
    for post in result["posts"].as_array_mut().unwrap() {
        post.as_object_mut().unwrap().remove("holder");
    }
    assert!(
        result == deep_value(&std::fs::read_to_string(&after).unwrap()),
        "the replay differs from the after chart"
    );
}

#[test]
fn columns_named_like_formulas_come_back_through_an_organogram_export() {
    // The export guards a header that starts like a formula (`'-01`), as it guards every
    // cell; the import takes the guard off headers as it does off cells.
    let senior = input("formula-headers-senior.csv");
    let fields = |chart: &str| -> Vec<String> {
        let chart: serde_json::Value = serde_json::from_str(chart).unwrap();
        chart["posts"][0]
            .as_object()
            .unwrap()
            .keys()
            .filter(|key| !key.chars().next().unwrap().is_ascii_lowercase())
            .cloned()
            .collect()
    };
    let imported = orgtree(&["import", "organogram", &senior, "-o", "-"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(fields(&imported.stdout), ["-01", "=x", "@team", "+44"]);
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("chart.json");
    std::fs::write(&chart, &imported.stdout).unwrap();
    let exported = orgtree(&["export", chart.to_str().unwrap(), "--to", "organogram"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert!(
        exported.stdout.contains(",'-01,'=x,'@team,'+44\n"),
        "{}",
        exported.stdout
    );
    let again = crate::common::orgtree_with_input(
        &["import", "organogram", "-", "-o", "-"],
        &exported.stdout,
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(fields(&again.stdout), fields(&imported.stdout));
}

#[test]
fn a_list_holding_what_is_kept_and_what_is_left_out_reloads_the_same() {
    // A staff group with an FTE that is no number (kept) and a cost beyond a float (left
    // out), and a dotted line alike: leniently loaded, written and loaded again, the chart
    // and its figures are the same, and so is what it writes.
    let chart = input("kept-and-left-out-in-one-list.json");
    let first = orgtree(&["--lenient", "export", &chart, "--to", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("written.json");
    std::fs::write(&written, &first.stdout).unwrap();
    let written = written.to_str().unwrap();
    let again = orgtree(&["--lenient", "export", written, "--to", "json"]);
    assert_eq!(again.stdout, first.stdout);
    let stats = |file: &str| orgtree(&["--lenient", "stats", "--json", file]).stdout;
    assert_eq!(stats(written), stats(&chart));
    let diff = orgtree(&["--lenient", "diff", "--exit-code", &chart, written]);
    assert_eq!(diff.code, 0, "{}", diff.stdout);
}

#[test]
fn a_chart_field_given_twice_keeps_only_the_last_one() {
    // "name" first an object (kept as an unknown field) then a string (used), "source"
    // the other way round: the last one of each is the one loaded, written and read back.
    let chart = input("chart-field-twice-one-unusable.json");
    let first = orgtree(&["--lenient", "export", &chart, "--to", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(written["name"], "GDS");
    assert_eq!(written["source"], serde_json::json!(["two"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("written.json");
    std::fs::write(&path, &first.stdout).unwrap();
    let path = path.to_str().unwrap();
    let again = orgtree(&["--lenient", "export", path, "--to", "json"]);
    assert_eq!(again.stdout, first.stdout);
    let diff = orgtree(&["--lenient", "diff", "--exit-code", &chart, path]);
    assert_eq!(diff.code, 0, "{}{}", diff.stdout, diff.stderr);
}

#[test]
fn a_second_manager_column_comes_back_the_same_through_an_organogram_export() {
    // Two columns name the manager: the first is read as it; the second is kept under a
    // name of its own, not under the name an export writes the manager column from.
    let senior = input("two-manager-columns-senior.csv");
    let imported = orgtree(&["import", "organogram", &senior, "-o", "-"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("chart.json");
    std::fs::write(&chart, &imported.stdout).unwrap();
    let exported = orgtree(&["export", chart.to_str().unwrap(), "--to", "organogram"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let again = crate::common::orgtree_with_input(
        &["import", "organogram", "-", "-o", "-"],
        &exported.stdout,
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    let posts =
        |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap()["posts"].clone();
    assert_eq!(posts(&again.stdout), posts(&imported.stdout));
}

#[test]
fn a_dotted_line_without_a_usable_to_is_kept_when_the_list_holds_what_cannot_be() {
    let path = input("dotted-line-without-to-beside-a-number-beyond-float.json");
    let run = orgtree(&["export", "--lenient", &path, "--to", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lines = written["posts"][0]["dotted"].as_array().unwrap();
    // Both lines, as written, less the one value that cannot be kept (and is said so).
    assert_eq!(
        lines,
        &[
            serde_json::json!({"to": [1], "label": [1]}),
            serde_json::json!({"to": "a", "label": "ok"})
        ]
    );
    assert!(
        run.stderr
            .contains("field \"x\" cannot be kept: number out of range; left out"),
        "{}",
        run.stderr
    );
}
