//! `orgtree apply` and `orgtree diff --script` through the real binary: the script printed
//! between any two fixtures, applied, gives the second; OUT is never written over without
//! `--force`, and never at all when a step cannot be done; problems in the script are
//! reported at their line and column with the right exit code.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Run, fixtures, orgtree, orgtree_with_input};
use orgtree::org::Org;
use orgtree::read::{LoadOptions, load_path, load_str};

const BEFORE: &str = "home-office-technology-before-coo.json";
const AFTER: &str = "home-office-technology-after-coo.json";

fn load(path: &Path) -> Org {
    load_path(path, LoadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e.problems()))
        .org
}

fn fixture(name: &str) -> Org {
    load(&fixtures().join(name))
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The script between two fixtures, from `orgtree diff --script`.
fn script_between(before: &str, after: &str) -> String {
    let run = orgtree(&["diff", before, after, "--script"]);
    assert_eq!(run.stderr, "", "{before} -> {after}");
    assert_eq!(run.code, 0, "{before} -> {after}");
    run.stdout
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn applied(run: &Run, file: &str, out: &Path, edits: usize, posts: usize) {
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let plural = if edits == 1 { "" } else { "s" };
    assert_eq!(
        run.stderr,
        format!(
            "orgtree: applied {edits} edit{plural} to {file}; wrote {} ({posts} posts)\n",
            text(out)
        )
    );
}

#[test]
fn the_printed_script_applied_gives_the_after_chart_for_every_pair_of_fixtures() {
    let names = common::loadable_fixtures();
    assert!(names.len() >= 9, "{names:?}");
    let dir = tempfile::tempdir().unwrap();
    // A thread for each BEFORE: some four hundred runs of the binary in all.
    std::thread::scope(|scope| {
        for (i, before) in names.iter().enumerate() {
            let (names, dir) = (&names, dir.path());
            scope.spawn(move || {
                for (j, after) in names.iter().enumerate() {
                    round_trip(dir, &format!("{i}-{j}"), before, after);
                }
            });
        }
    });
}

/// `diff --script` from `before` to `after`, then `apply` on `before`, gives `after`.
fn round_trip(dir: &Path, name: &str, before: &str, after: &str) {
    let script = script_between(before, after);
    let edits = steps_of(&script);
    let script_file = write(dir, &format!("{name}.steps.json"), &script);
    let out = dir.join(format!("{name}.json"));
    let run = orgtree(&["apply", before, text(&script_file), "-o", text(&out)]);
    let expected = fixture(after);
    applied(&run, before, &out, edits.len(), expected.len());
    assert!(load(&out) == expected, "{before} -> {after}");

    let same = orgtree(&["diff", "--exit-code", after, text(&out)]);
    assert_eq!(same.code, 0, "{before} -> {after}:\n{}", same.stdout);
    assert!(
        same.stdout.contains("No changes"),
        "{before} -> {after}:\n{}",
        same.stdout
    );
    let none = orgtree(&["diff", "--script", "--exit-code", text(&out), after]);
    assert_eq!(none.code, 0, "{before} -> {after}");
    assert!(steps_of(&none.stdout).is_empty(), "{before} -> {after}");
    if before == after {
        assert!(steps_of(&script).is_empty());
    }
}

#[test]
fn an_existing_out_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(dir.path(), "steps.json", &script_between(BEFORE, AFTER));
    let out = write(dir.path(), "out.json", "keep me\n");
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out)]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "orgtree: error: {} already exists; use --force to replace it\n",
            text(&out)
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");

    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out), "--force"]);
    applied(&run, BEFORE, &out, 9, fixture(AFTER).len());
    assert!(load(&out) == fixture(AFTER));
}

#[test]
fn the_chart_itself_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(fixtures().join(BEFORE)).unwrap();
    let chart = write(dir.path(), "chart.json", &original);
    let script = write(dir.path(), "steps.json", &script_between(BEFORE, AFTER));
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let roundabout = sub.join("..").join("chart.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&chart, &link).unwrap();

    for out in [&chart, &roundabout, &link] {
        let run = orgtree(&["apply", text(&chart), text(&script), "-o", text(out)]);
        assert_eq!(run.code, 2, "{}", out.display());
        assert_eq!(
            run.stderr,
            format!(
                "orgtree: error: {} is the chart the script starts from; write elsewhere, or use --force to replace it\n",
                text(out)
            )
        );
        assert_eq!(std::fs::read_to_string(&chart).unwrap(), original);
    }

    let run = orgtree(&[
        "apply",
        text(&chart),
        text(&script),
        "-o",
        text(&chart),
        "--force",
    ]);
    applied(&run, text(&chart), &chart, 9, fixture(AFTER).len());
    assert!(load(&chart) == fixture(AFTER));
}

#[test]
fn out_dash_writes_the_chart_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(dir.path(), "steps.json", &script_between(BEFORE, AFTER));
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", "-"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let written = load_str(&run.stdout, LoadOptions::default()).unwrap();
    assert!(written.warnings.is_empty());
    assert!(written.org == fixture(AFTER));
    // Written as orgtree writes charts: the same text as export of the after chart.
    let exported = orgtree(&["export", AFTER, "--to", "json"]);
    assert_eq!(exported.code, 0);
    let export_of_written = orgtree_with_input(&["export", "-", "--to", "json"], &run.stdout);
    assert_eq!(export_of_written.stdout, exported.stdout);
}

#[test]
fn the_script_and_the_chart_can_come_from_standard_input() {
    let script = script_between(BEFORE, AFTER);
    let run = orgtree_with_input(&["apply", BEFORE, "-", "-o", "-"], &script);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(load_str(&run.stdout, LoadOptions::default()).unwrap().org == fixture(AFTER));

    let dir = tempfile::tempdir().unwrap();
    let steps = write(dir.path(), "steps.json", &script);
    let chart = std::fs::read_to_string(fixtures().join(BEFORE)).unwrap();
    let run = orgtree_with_input(&["apply", "-", text(&steps), "-o", "-"], &chart);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(load_str(&run.stdout, LoadOptions::default()).unwrap().org == fixture(AFTER));

    let run = orgtree_with_input(&["apply", "-", "-", "-o", "-"], &chart);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "orgtree: error: standard input (-) can give the chart or the script, not both\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_step_that_cannot_be_done_is_reported_at_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let cases = [
        (
            "[\n  {\"edit\": \"holder\", \"post\": \"cto\", \"holder\": null},\n    {\"edit\": \"retitle\", \"post\": \"nope\", \"title\": \"x\"}\n]\n",
            "3:5: error: step 2 (retitle): there is no post 'nope'",
        ),
        (
            "[{\"edit\": \"move\", \"post\": \"cto\", \"under\": \"head-supplier\"}]",
            "1:2: error: step 1 (move): post 'cto' cannot report to 'head-supplier', which is in its own team",
        ),
        (
            "[\n{\"edit\": \"add\", \"under\": \"cto\", \"post\": {\"id\": \"cto\", \"title\": \"Again\"}}]",
            "2:1: error: step 1 (add): a post with id 'cto' already exists",
        ),
        (
            "[{\"edit\": \"close\", \"post\": \"dir-commercial\", \"reports\": \"close\"},\n {\"edit\": \"close\", \"post\": \"head-supplier\", \"reports\": \"up\"}]",
            "2:2: error: step 2 (close): there is no post 'head-supplier'",
        ),
        (
            "[{\"edit\": \"set\", \"post\": \"cto\", \"field\": \"fte\", \"value\": \"abc\"}]",
            "1:2: error: step 1 (set): post 'cto': \"fte\" must be a non-negative number, found \"abc\"",
        ),
        (
            "[{\"edit\": \"undotted\", \"post\": \"cto\", \"to\": \"dir-commercial\"}]",
            "1:2: error: step 1 (undotted): post 'cto' has no dotted line to 'dir-commercial'",
        ),
        (
            "[{\"edit\": \"chart\", \"field\": \"orgtree\", \"value\": 2}]",
            "1:2: error: step 1 (chart): \"orgtree\" is not a field of the chart's description that can be set",
        ),
    ];
    for (i, (steps, message)) in cases.into_iter().enumerate() {
        let script = write(dir.path(), &format!("steps-{i}.json"), steps);
        let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out)]);
        assert_eq!(run.code, 1, "{steps}\n{}", run.stderr);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            format!(
                "{}:{message}\norgtree: 1 of {} refused; nothing was written (--keep-going writes what fits)\n",
                text(&script),
                match steps.matches("\"edit\"").count() {
                    1 => "1 step".to_owned(),
                    n => format!("{n} steps"),
                }
            )
        );
        assert!(!out.exists(), "{steps}");
    }

    // Nor is an existing OUT touched, even with --force.
    let out = write(dir.path(), "existing.json", "keep me\n");
    let script = write(
        dir.path(),
        "late.json",
        "[{\"edit\": \"holder\", \"post\": \"cto\", \"holder\": null},\n {\"edit\": \"close\", \"post\": \"nope\", \"reports\": \"up\"}]",
    );
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out), "--force"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(":2:2: error: step 2 (close): there is no post 'nope'")
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");

    // Every step refused is reported, not just the first; the steps between are done.
    let script = write(
        dir.path(),
        "several.json",
        concat!(
            "[{\"edit\": \"close\", \"post\": \"nope\", \"reports\": \"up\"},\n",
            " {\"edit\": \"retitle\", \"post\": \"cto\", \"title\": \"CTO\"},\n",
            " {\"edit\": \"retitle\", \"post\": \"gone\", \"title\": \"X\"},\n",
            " {\"edit\": \"holder\", \"post\": \"cto\", \"holder\": \"A\"}]"
        ),
    );
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out), "--force"]);
    assert_eq!(run.code, 1);
    let script = text(&script);
    assert_eq!(
        run.stderr,
        format!(
            "{script}:1:2: error: step 1 (close): there is no post 'nope'\n\
             {script}:3:2: error: step 3 (retitle): there is no post 'gone'\n\
             orgtree: 2 of 4 steps refused; nothing was written (--keep-going writes what fits)\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");
}

#[test]
fn a_script_that_cannot_be_read_is_unusable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let cases = [
        (
            "[\n  {\"edit\": \"retitle\",",
            "2:21: error: not a change script: EOF while parsing an object",
        ),
        ("steps", "1:1: error: not a change script: expected value"),
        (
            "{\"edit\": \"move\", \"post\": \"cto\", \"under\": null}",
            "1:1: error: a change script is a JSON array of edits, or the object orgtree writes (\"orgtree_script\", \"made_on\", \"steps\")",
        ),
        (
            "[\n  {\"edit\": \"move\", \"post\": \"cto\", \"under\": null},\n  {\"edit\": \"retitle\", \"post\": \"cto\", \"title\": \"x\", \"titel\": \"y\"}\n]",
            "3:3: error: step 2: unknown field `titel`, expected `post` or `title`",
        ),
    ];
    for (i, (steps, message)) in cases.into_iter().enumerate() {
        let script = write(dir.path(), &format!("bad-{i}.json"), steps);
        let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out)]);
        assert_eq!(run.code, 2, "{steps}\n{}", run.stderr);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            format!("{}:{message}\n", text(&script)),
            "{steps}"
        );
        assert!(!out.exists());
    }

    let missing = dir.path().join("missing.json");
    let run = orgtree(&["apply", BEFORE, text(&missing), "-o", text(&out)]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "orgtree: error: cannot read {}: No such file or directory (os error 2)\n",
            text(&missing)
        )
    );
    assert!(!out.exists());

    let binary = write(dir.path(), "binary.json", "");
    std::fs::write(&binary, [b'[', 0xff, b']']).unwrap();
    let run = orgtree(&["apply", BEFORE, text(&binary), "-o", text(&out)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with(&format!("orgtree: error: cannot read {}: ", text(&binary))),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_chart_with_errors_is_not_applied_to() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let script = write(dir.path(), "steps.json", "[]");
    let run = orgtree(&[
        "apply",
        "broken-duplicate-id.json",
        text(&script),
        "-o",
        text(&out),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("broken-duplicate-id.json:"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let run = orgtree(&[
        "apply",
        "no-such-chart.json",
        text(&script),
        "-o",
        text(&out),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn an_empty_script_writes_the_chart_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let script = write(dir.path(), "steps.json", "[]\n");
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out)]);
    applied(&run, BEFORE, &out, 0, fixture(BEFORE).len());
    assert!(load(&out) == fixture(BEFORE));
}

#[test]
fn a_hand_written_script_rehearses_the_home_office_reorganisation() {
    // The issue's "done when": add the COO under the CTO, move two teams under it, fill a
    // vacancy; then diff shows exactly those changes.
    let dir = tempfile::tempdir().unwrap();
    let script = write(
        dir.path(),
        "steps.json",
        r#"[
  {"edit": "add", "under": "cto", "position": 0,
   "post": {"id": "coo", "title": "Chief Operating Officer, Technology", "grade": "SCS2"}},
  {"edit": "move", "post": "dir-commercial", "under": "coo"},
  {"edit": "move", "post": "head-finance", "under": "coo"},
  {"edit": "holder", "post": "coo", "holder": "Jo Example"}
]"#,
    );
    let out = dir.path().join("out.json");
    let run = orgtree(&["apply", BEFORE, text(&script), "-o", text(&out)]);
    applied(&run, BEFORE, &out, 4, fixture(BEFORE).len() + 1);
    let after = load(&out);
    let coo = after.find("coo").unwrap();
    let reports: Vec<&str> = after
        .reports(coo)
        .iter()
        .map(|&n| after.post(n).id().as_str())
        .collect();
    assert_eq!(reports, ["dir-commercial", "head-finance"]);
    assert_eq!(after.post(coo).holder.name(), Some("Jo Example"));

    let diff = orgtree(&["diff", "--json", BEFORE, text(&out)]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    let json: serde_json::Value = serde_json::from_str(&diff.stdout).unwrap();
    let mut kinds: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["kind"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["added", "moved", "moved"], "{}", diff.stdout);
}

#[test]
fn diff_script_exit_code_says_whether_the_charts_differ() {
    let run = orgtree(&["diff", BEFORE, AFTER, "--script", "--exit-code"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, script_between(BEFORE, AFTER));
    let steps = steps_of(&run.stdout);
    assert!(!steps.is_empty());

    let run = orgtree(&["diff", BEFORE, BEFORE, "--script", "--exit-code"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(steps_of(&run.stdout).is_empty());

    // Without --exit-code, differing charts are not an error.
    let run = orgtree(&["diff", BEFORE, AFTER, "--script"]);
    assert_eq!(run.code, 0);
}

#[test]
fn diff_script_with_json_is_a_usage_error() {
    for args in [
        ["diff", BEFORE, AFTER, "--script", "--json"],
        ["diff", "--json", "--script", BEFORE, AFTER],
    ] {
        let run = orgtree(&args);
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr
                .starts_with("error: the argument '--script' cannot be used with '--json'")
                || run
                    .stderr
                    .starts_with("error: the argument '--json' cannot be used with '--script'"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Usage: orgtree diff"), "{}", run.stderr);
    }
}

#[test]
fn diff_script_of_a_broken_chart_is_unusable() {
    let run = orgtree(&["diff", "broken-reporting-loop.json", AFTER, "--script"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("broken-reporting-loop.json:"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_script_handles_a_chart_with_a_blank_title() {
    // The loader accepts a blank title, so a script must be able to give one.
    let dir = tempfile::tempdir().unwrap();
    let before = write(
        dir.path(),
        "before.json",
        r#"{"posts": [{"id": "a", "title": "A"}]}"#,
    );
    let after = write(
        dir.path(),
        "after.json",
        r#"{"posts": [{"id": "a", "title": ""}]}"#,
    );
    let check = orgtree(&["check", text(&after)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let run = orgtree(&["diff", text(&before), text(&after), "--script"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let script = write(dir.path(), "steps.json", &run.stdout);
    let out = dir.path().join("out.json");
    let run = orgtree(&["apply", text(&before), text(&script), "-o", text(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let same = orgtree(&["diff", "--script", "--exit-code", text(&out), text(&after)]);
    assert_eq!(same.code, 0);
    assert!(steps_of(&same.stdout).is_empty());
}

#[test]
fn problems_in_a_result_written_to_standard_output_name_it_so() {
    // A lenient chart keeps an FTE it cannot use; the result of any script then keeps it
    // too, which a lenient apply reads back leniently, with a warning: the message names the
    // result, not standard input.
    let dir = tempfile::tempdir().unwrap();
    let chart = write(
        dir.path(),
        "chart.json",
        r#"{"posts": [{"id": "a", "title": "A", "fte": [1]}]}"#,
    );
    let script = write(dir.path(), "script.json", "[]");
    let run = orgtree(&["--lenient", "apply", text(&chart), text(&script), "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("standard output (the result):8:14: warning: post 'a': \"fte\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("<stdin>"), "{}", run.stderr);
}

/// A chart loaded with `--lenient` that keeps what only a lenient load keeps: a value of the
/// wrong type under a known field's name, and a dotted line to a post not in the chart.
const KEPT_BEFORE: &str = r#"{"orgtree": 1, "posts": [
  {"id": "ceo", "title": "Chief Executive"},
  {"id": "cto", "title": "Chief Technology Officer", "reports_to": "ceo", "fte": 0.5}]}"#;
const KEPT_AFTER: &str = r#"{"orgtree": 1, "posts": [
  {"id": "ceo", "title": "Chief Executive", "dotted": [{"to": "board", "label": "reports"}]},
  {"id": "cto", "title": "Chief Technology Officer", "reports_to": "ceo", "fte": [1, 2]}]}"#;

#[test]
fn a_lenient_script_is_refused_by_a_strict_apply_and_replayed_by_a_lenient_one() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.json", KEPT_BEFORE);
    let after = write(dir.path(), "after.json", KEPT_AFTER);
    let run = orgtree(&["--lenient", "diff", "--script", text(&before), text(&after)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let steps = serde_json::Value::Array(steps_of(&run.stdout));
    assert_eq!(
        steps,
        serde_json::json!([
            {"edit": "set", "post": "cto", "field": "fte", "value": [1, 2], "as_written": true},
            {"edit": "dotted", "post": "ceo", "to": "board", "label": "reports"}
        ])
    );
    let script = write(dir.path(), "steps.json", &run.stdout);
    let out = dir.path().join("out.json");

    let run = orgtree(&["apply", text(&before), text(&script), "-o", text(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let name = text(&script);
    assert_eq!(
        run.stderr,
        format!(
            "{name}:9:5: error: step 1 (set): the value is kept as written under \"fte\"; use orgtree apply --lenient to keep it, as a lenient load does\n\
             {name}:19:5: error: step 2 (dotted): there is no post 'board'; use orgtree apply --lenient to keep it, as a lenient load does\n\
             orgtree: 2 of 2 steps refused; nothing was written (--keep-going writes what fits)\n"
        )
    );
    assert!(!out.exists());

    let run = orgtree(&[
        "apply",
        "--lenient",
        text(&before),
        text(&script),
        "-o",
        text(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "orgtree: applied 2 edits to {}; wrote {} (2 posts)\n",
            text(&before),
            text(&out)
        )),
        "{}",
        run.stderr
    );
    let lenient = LoadOptions { lenient: true };
    let (written, expected) = (
        load_path(&out, lenient).unwrap().org,
        load_path(&after, lenient).unwrap().org,
    );
    assert!(
        written == expected,
        "{}",
        std::fs::read_to_string(&out).unwrap()
    );
    // As written: the FTE as the array it was, the line to the post not in the chart.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["posts"][1]["fte"], serde_json::json!([1, 2]));
    assert_eq!(json["posts"][0]["dotted"][0]["to"], "board");
}

/// The steps of a script `diff --script` printed: the object orgtree writes.
fn steps_of(script: &str) -> Vec<serde_json::Value> {
    let script: serde_json::Value = serde_json::from_str(script).unwrap();
    assert_eq!(script["orgtree_script"], 1, "{script}");
    script["steps"].as_array().unwrap().clone()
}
