//! A change script replayed on a chart other than the one it was made on: a move planned
//! on the Home Office release of September 2011, rebased onto September 2012. The script
//! says which chart it was made on; `apply` says when the target differs, reports each step
//! that no longer fits at its line, writes nothing unless `--keep-going`, and then writes
//! what fits with a report of what it left out.

use std::path::Path;

use serde_json::Value;

use crate::common::{Run, fixtures, orgtree, pairs};

const SEPT_2011: &str = "organograms/home_office-2011-09-30-senior.csv";
const SEPT_2012: &str = "organograms/home_office-2012-09-30-senior.csv";

/// The plan, made on September 2011 as a user would: five edits on the release, saved,
/// and the script worked out with `diff --script`. In September 2012 (the files say):
/// EQV03 and 2HOS03 are gone and 1HOS09 is another post's id; 2HOS01, 3CPG01, 3HR01 and
/// 4PO01 are still there.
const PLAN: &str = r#"[
  {"edit": "move", "post": "2HOS01", "under": "3CPG01"},
  {"edit": "move", "post": "EQV03", "under": "3HR01"},
  {"edit": "move", "post": "3HR01", "under": "2HOS03"},
  {"edit": "add", "under": "4PO01", "post": {"id": "1HOS09", "title": "Head of Rehearsals"}},
  {"edit": "retitle", "post": "3HR01", "title": "Director General, People"}
]"#;

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_owned()
}

/// The script of the plan, as `diff --script` writes it, in `dir`.
fn script(dir: &Path) -> String {
    let plan = path(dir, "plan.json");
    std::fs::write(&plan, PLAN).unwrap();
    let planned = path(dir, "planned.json");
    let run = orgtree(&["apply", SEPT_2011, &plan, "-o", &planned]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = orgtree(&["diff", "--script", SEPT_2011, &planned]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = path(dir, "script.json");
    std::fs::write(&file, &run.stdout).unwrap();
    file
}

/// The number (from 1) and line of the step of the script that does `edit` to `post`:
/// `diff --script` gives the plan's edits, with moves of their own to keep siblings in
/// order, so steps are found by what they do.
fn step_of(script: &str, edit: &str, post: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(script).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let at = value["steps"]
        .as_array()
        .unwrap()
        .iter()
        .position(|step| {
            step["edit"] == edit && (step["post"] == post || step["post"]["id"] == post)
        })
        .unwrap_or_else(|| panic!("no {edit} of {post} in {text}"));
    // Steps are written one object after the other, each opening a line of its own.
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end() == "    {")
        .nth(at)
        .map(|(line, _)| line + 1)
        .unwrap();
    (at + 1, line)
}

#[test]
fn the_script_records_the_chart_it_was_made_on() {
    let dir = tempfile::tempdir().unwrap();
    let script = script(dir.path());
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&script).unwrap()).unwrap();
    assert_eq!(value["orgtree_script"], 1);
    assert_eq!(value["made_on"]["name"], "Home Office");
    assert_eq!(value["made_on"]["as_of"], "2011-09-30");
    let content = value["made_on"]["content"].as_str().unwrap();
    assert!(
        content.starts_with("sha256:") && content.len() == 7 + 64,
        "{content}"
    );
    // Replayed on its own chart, it says nothing of another chart and every step is done.
    let out = path(dir.path(), "again.json");
    let run = orgtree(&["apply", SEPT_2011, &script, "-o", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("was made on"), "{}", run.stderr);
}

fn rebase(extra: &[&str]) -> (tempfile::TempDir, String, String, Run) {
    let dir = tempfile::tempdir().unwrap();
    let script = script(dir.path());
    let out = path(dir.path(), "rebased.json");
    let mut args = vec!["apply", SEPT_2012, &script, "-o", &out];
    args.extend_from_slice(extra);
    let run = orgtree(&args);
    (dir, script, out, run)
}

#[test]
fn on_the_next_release_each_step_that_no_longer_fits_is_reported_and_nothing_written() {
    let (_dir, script, out, run) = rebase(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!Path::new(&out).exists(), "nothing written");
    assert!(
        run.stderr
            .contains("was made on 'Home Office' as of 2011-09-30 (content ")
            && run
                .stderr
                .contains("is 'Home Office' as of 2012-09-30 (content "),
        "{}",
        run.stderr
    );
    for (edit, post, found) in [
        ("move", "EQV03", "there is no post 'EQV03'"),
        ("move", "3HR01", "there is no post '2HOS03'"),
        ("add", "1HOS09", "a post with id '1HOS09' already exists"),
    ] {
        let (step, line) = step_of(&script, edit, post);
        let want = format!(":{line}:5: error: step {step} (");
        let reported = run
            .stderr
            .lines()
            .find(|l| l.contains(&want))
            .unwrap_or_else(|| panic!("no {want:?} in\n{}", run.stderr));
        assert!(reported.ends_with(found), "{reported}");
    }
    assert!(
        run.stderr
            .contains("3 of 7 steps refused; nothing was written (--keep-going writes what fits)"),
        "{}",
        run.stderr
    );
}

#[test]
fn keep_going_writes_what_fits_and_reports_what_it_left_out() {
    let (_dir, script, out, run) = rebase(&["--keep-going", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["rebased"], true);
    assert_eq!(report["steps"], 7);
    assert_eq!(report["done"], 4);
    let left: Vec<u64> = report["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_u64().unwrap())
        .collect();
    let mut want: Vec<u64> = [("move", "EQV03"), ("move", "3HR01"), ("add", "1HOS09")]
        .iter()
        .map(|(edit, post)| step_of(&script, edit, post).0 as u64)
        .collect();
    want.sort_unstable();
    assert_eq!(left, want);
    assert_eq!(report["made_on"]["as_of"], "2011-09-30");
    assert_eq!(report["chart_is"]["as_of"], "2012-09-30");
    assert_eq!(report["output"], Value::from(out.clone()));
    // The result: the steps that fit are done, on the 2012 chart.
    let written = orgtree(&["textconv", &out]);
    let line = |id: &str| {
        written
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id}: ")))
            .unwrap_or_else(|| panic!("no {id}"))
            .to_owned()
    };
    assert!(line("2HOS01").contains(" <- 3CPG01"), "{}", line("2HOS01"));
    assert!(
        line("3HR01").starts_with("3HR01: Director General, People ("),
        "{}",
        line("3HR01")
    );
    // 1HOS09 is still the 2012 post, not the one the plan added.
    let before = orgtree(&["textconv", SEPT_2012]);
    let original = before
        .stdout
        .lines()
        .find(|l| l.starts_with("1HOS09: "))
        .unwrap();
    assert_eq!(line("1HOS09"), original);
    // Everything else as in September 2012: two lines differ.
    let differing = written
        .stdout
        .lines()
        .zip(before.stdout.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 2, "{}", written.stdout);
}

#[test]
fn json_needs_the_chart_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let script = script(dir.path());
    let run = orgtree(&["apply", SEPT_2012, &script, "-o", "-", "--json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--json prints the report on standard output")
    );
}

#[test]
fn every_pair_takes_every_other_pair_s_script_and_writes_nothing_half_done() {
    let pairs = pairs();
    let dir = tempfile::tempdir().unwrap();
    for (at, (before, after)) in pairs.iter().enumerate() {
        let script = path(dir.path(), &format!("script-{at}.json"));
        let run = orgtree(&["diff", "--script", before, after]);
        std::fs::write(&script, &run.stdout).unwrap();
        for (other, _) in pairs.iter().filter(|(b, _)| b != before) {
            let out = path(dir.path(), "out.json");
            let _ = std::fs::remove_file(&out);
            let run = orgtree(&["apply", other, &script, "-o", &out]);
            assert!(
                run.stderr.contains("was made on"),
                "{other} with {before}'s script: {}",
                run.stderr
            );
            let refused = run
                .stderr
                .lines()
                .filter(|l| l.contains(": error: step "))
                .count();
            match run.code {
                0 => assert_eq!(refused, 0),
                1 => {
                    assert!(refused > 0, "{}", run.stderr);
                    assert!(!Path::new(&out).exists(), "{other}: half written");
                }
                code => panic!(
                    "{other} with {before}'s script: exit {code}: {}",
                    run.stderr
                ),
            }
            let kept = orgtree(&[
                "apply",
                other,
                &script,
                "-o",
                &out,
                "--force",
                "--keep-going",
                "--json",
            ]);
            assert!(Path::new(&out).exists(), "{other}: {}", kept.stderr);
            let report: Value = serde_json::from_str(&kept.stdout).unwrap();
            assert_eq!(report["left_out"].as_array().unwrap().len(), refused);
            let check = orgtree(&["check", &out]);
            assert_eq!(check.code, 0, "{other}: {}", check.stderr);
        }
    }
    assert!(fixtures().join(&pairs[0].0).exists());
}

#[test]
fn moves_the_chart_has_already_are_said_among_the_refusals() {
    // The script from before the new COO post to after it, replayed on the after chart:
    // its three moves are done already there, and its two posts added are there too.
    let dir = tempfile::tempdir().unwrap();
    let script = path(dir.path(), "steps.json");
    let run = orgtree(&[
        "diff",
        "--script",
        "home-office-technology-before-coo.json",
        "home-office-technology-after-coo.json",
    ]);
    std::fs::write(&script, &run.stdout).unwrap();
    let out = path(dir.path(), "again.json");
    let run = orgtree(&[
        "apply",
        "home-office-technology-after-coo.json",
        &script,
        "-o",
        &out,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|line| line.split_once(".json:").map(|(_, rest)| rest))
        .filter(|rest| rest.contains("error: step") || rest.contains("warning: step"))
        .collect();
    let kinds: Vec<&str> = said
        .iter()
        .map(|rest| {
            if rest.contains("error:") {
                "error"
            } else {
                "warning"
            }
        })
        .collect();
    assert_eq!(
        kinds,
        ["error", "warning", "warning", "warning", "error"],
        "{}",
        run.stderr
    );
    for moved in ["dir-commercial", "head-finance", "head-bizmgmt"] {
        assert!(
            run.stderr.contains(&format!(
                "(move): already so on this chart: '{moved}' reports to 'coo'"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_move_is_judged_already_done_on_the_chart_as_the_steps_before_left_it() {
    let dir = tempfile::tempdir().unwrap();
    let chart = path(dir.path(), "chart.json");
    std::fs::write(
        &chart,
        r#"{"orgtree": 1, "posts": [
  {"id": "a", "title": "A"},
  {"id": "b", "title": "B", "reports_to": "a"},
  {"id": "c", "title": "C", "reports_to": "a"},
  {"id": "d", "title": "D", "reports_to": "c"}]}"#,
    )
    .unwrap();
    // Made on another chart: d is closed, then moved (refused: it is gone); and e moved
    // under b then back under c (not done already when its turn comes).
    let script = path(dir.path(), "script.json");
    std::fs::write(
        &script,
        r#"{"orgtree_script": 1,
  "made_on": {"name": "elsewhere", "as_of": null, "content": "sha256:00"},
  "steps": [
    {"edit": "close", "post": "d", "reports": "up"},
    {"edit": "move", "post": "d", "under": "c"},
    {"edit": "move", "post": "b", "under": "c"},
    {"edit": "move", "post": "b", "under": "a"}
  ]}"#,
    )
    .unwrap();
    let out = path(dir.path(), "out.json");
    let run = orgtree(&["apply", &chart, &script, "-o", &out]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: step 2 (move): there is no post 'd'"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}
