//! Every command opens any chart orgtree reads, told by its content: real organogram CSV
//! files (the senior file, with the junior file beside it or named), nested and flat JSON;
//! a file in no format orgtree reads is refused with what it looks like; a chart's date
//! comes from its file's name or `--as-of`.
//!
//! Expected figures are counted from the files here, with a CSV or JSON reader of their
//! own, never taken from orgtree.

use crate::common;

use std::path::PathBuf;

use common::{Run, orgtree};
use serde_json::Value;

const HTA_MARCH: &str = "organograms/human_tissue_authority-2011-03-31-senior.csv";
const HTA_MARCH_JUNIOR: &str = "organograms/human_tissue_authority-2011-03-31-junior.csv";
const HTA_SEPTEMBER: &str = "organograms/human_tissue_authority-2011-09-30-senior.csv";
const HTA_SEPTEMBER_JUNIOR: &str = "organograms/human_tissue_authority-2011-09-30-junior.csv";
/// A pandas export (an index column, `360510.0` numbers) whose name gives no date.
const NAM: &str = "organograms/National-Army-Museum-copy-senior.csv";

fn fixture(name: &str) -> PathBuf {
    common::fixtures().join(name)
}

/// The rows of a CSV file under its header, each as (header, value) pairs.
fn rows(name: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = csv::Reader::from_path(fixture(name)).expect("the CSV file opens");
    let headers: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a row");
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn column_sum(rows: &[Vec<(String, String)>], header: &str) -> f64 {
    rows.iter()
        .map(|row| {
            let (_, value) = row.iter().find(|(h, _)| h == header).expect("the column");
            value.trim().parse::<f64>().expect("a number")
        })
        .sum()
}

fn stats_json(args: &[&str]) -> (Value, Run) {
    let mut all = vec!["stats", "--json"];
    all.extend_from_slice(args);
    let run = orgtree(&all);
    assert_eq!(run.code, 0, "{:?}: {}", args, run.stderr);
    (serde_json::from_str(&run.stdout).expect("JSON"), run)
}

fn reading_junior(file: &str) -> String {
    format!("orgtree: reading junior staff from {file}\n")
}

#[test]
fn an_organogram_senior_csv_opens_with_the_junior_file_beside_it() {
    let senior = rows(HTA_MARCH);
    let junior = rows(HTA_MARCH_JUNIOR);
    let (stats, run) = stats_json(&[HTA_MARCH]);
    assert!(
        run.stderr.starts_with(&reading_junior(HTA_MARCH_JUNIOR)),
        "{}",
        run.stderr
    );
    assert_eq!(stats["posts"], senior.len());
    assert_eq!(stats["name"], "Human Tissue Authority");
    // The date from the file's name.
    assert_eq!(stats["as_of"], "2011-03-31");
    let fte = column_sum(&senior, "FTE") + column_sum(&junior, "Number of Posts in FTE");
    assert!(
        (stats["headcount_fte"].as_f64().unwrap() - fte).abs() < 1e-9,
        "{stats}"
    );
}

#[test]
fn every_command_that_reads_a_chart_opens_an_organogram() {
    let posts = rows(HTA_MARCH).len();
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), "[]").unwrap();
    let script = script.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("hta.json");
    let json = json.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec![HTA_MARCH],
        vec!["check", HTA_MARCH],
        vec!["print", HTA_MARCH],
        vec!["stats", HTA_MARCH],
        vec!["export", HTA_MARCH, "--to", "json", "-o", json],
        vec!["apply", HTA_MARCH, script, "-o", "-"],
        vec!["diff", HTA_MARCH, HTA_SEPTEMBER],
        vec!["compare", HTA_MARCH, HTA_SEPTEMBER],
    ];
    for args in &commands {
        let run = orgtree(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&reading_junior(HTA_MARCH_JUNIOR)),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
    let check = orgtree(&["check", HTA_MARCH]);
    assert_eq!(
        check.stdout,
        format!("{HTA_MARCH}: {posts} posts, 1 top post, no problems\n")
    );
    // The export is orgtree JSON with every post, dated.
    let written: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(written["posts"].as_array().unwrap().len(), posts);
    assert_eq!(written["as_of"], "2011-03-31");
    // Not a terminal: the tree, and the changes.
    assert!(
        orgtree(&[HTA_MARCH])
            .stdout
            .contains("Chief Executive (Craig Muir)")
    );
    let compare = orgtree(&["compare", HTA_MARCH, HTA_SEPTEMBER]);
    assert_eq!(
        compare.stdout,
        orgtree(&["diff", HTA_MARCH, HTA_SEPTEMBER]).stdout
    );
}

#[test]
fn the_diff_header_names_each_release_and_its_date() {
    let run = orgtree(&["diff", HTA_MARCH, HTA_SEPTEMBER]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head: Vec<&str> = run.stdout.lines().take(2).collect();
    assert_eq!(
        head,
        [
            "Changes from Human Tissue Authority, as of 2011-03-31",
            "          to Human Tissue Authority, as of 2011-09-30",
        ]
    );
    // Both junior files are read, each said once.
    assert_eq!(
        run.stderr
            .matches(&reading_junior(HTA_MARCH_JUNIOR))
            .count(),
        1
    );
    assert_eq!(
        run.stderr
            .matches(&reading_junior(HTA_SEPTEMBER_JUNIOR))
            .count(),
        1
    );
}

#[test]
fn the_junior_file_can_be_named_or_left_out() {
    let senior = rows(HTA_MARCH);
    let (without, run) = stats_json(&["--no-junior", HTA_MARCH]);
    assert!(!run.stderr.contains("junior staff from"), "{}", run.stderr);
    let senior_fte = column_sum(&senior, "FTE");
    assert!((without["headcount_fte"].as_f64().unwrap() - senior_fte).abs() < 1e-9);
    // Another junior file, named: its staff are counted, and it is the one said.
    let named = rows(HTA_SEPTEMBER_JUNIOR);
    let (with, run) = stats_json(&[HTA_MARCH, "--junior", HTA_SEPTEMBER_JUNIOR]);
    assert!(
        run.stderr
            .starts_with(&reading_junior(HTA_SEPTEMBER_JUNIOR)),
        "{}",
        run.stderr
    );
    let fte = senior_fte + column_sum(&named, "Number of Posts in FTE");
    assert!(
        (with["headcount_fte"].as_f64().unwrap() - fte).abs() < 1e-9,
        "{with}"
    );
    // Given before the command, as --lenient may be.
    let (before, _) = stats_json(&["--no-junior", HTA_MARCH]);
    let run = orgtree(&["--no-junior", "stats", "--json", HTA_MARCH]);
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), before);
    // Each side of a comparison has its own.
    let run = orgtree(&[
        "diff",
        HTA_MARCH,
        HTA_SEPTEMBER,
        "--before-junior",
        HTA_SEPTEMBER_JUNIOR,
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches(&reading_junior(HTA_SEPTEMBER_JUNIOR))
            .count(),
        2
    );
    assert!(!run.stderr.contains(HTA_MARCH_JUNIOR), "{}", run.stderr);
}

#[test]
fn a_senior_file_alone_says_its_junior_staff_are_not_counted() {
    let folder = tempfile::tempdir().unwrap();
    let alone = folder.path().join("hta-senior.csv");
    std::fs::copy(fixture(HTA_MARCH), &alone).unwrap();
    let run = orgtree(&["stats", alone.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: no junior file beside it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--no-junior"), "{}", run.stderr);
    let quiet = orgtree(&["stats", "--no-junior", alone.to_str().unwrap()]);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn a_junior_file_given_as_the_chart_names_its_senior_file() {
    for command in [vec![HTA_MARCH_JUNIOR], vec!["stats", HTA_MARCH_JUNIOR]] {
        let run = orgtree(&command);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "{HTA_MARCH_JUNIOR}: error: this is the junior file of an organogram (groups of junior staff, not posts): open its senior file, {HTA_MARCH}\n"
            )
        );
    }
    // None beside it: it says how to read it.
    let folder = tempfile::tempdir().unwrap();
    let alone = folder.path().join("x-junior.csv");
    std::fs::copy(fixture(HTA_MARCH_JUNIOR), &alone).unwrap();
    let run = orgtree(&["print", alone.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("with --junior naming this one"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_reader_s_warnings_keep_their_file_and_place() {
    let run = orgtree(&["print", NAM]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // pandas wrote an index column without a header, in both files.
    assert!(
        run.stderr
            .contains(&format!("{NAM}:1:1: warning: column 1 has no header")),
        "{}",
        run.stderr
    );
    let junior = NAM.replace("senior", "junior");
    assert!(
        run.stderr.contains(&format!("{junior}:1:1: warning:")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_in_no_format_orgtree_reads_is_refused_with_what_it_looks_like() {
    let folder = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "chart.xml",
            b"<?xml version=\"1.0\"?>\n<org/>\n",
            "an XML or HTML file",
        ),
        (
            "people.csv",
            b"Name,Boss,Title\nAnn,,Director\n",
            "a CSV file whose header has neither organogram columns (\"Post Unique Reference\" or \"Reporting Senior Post\") nor an id or manager column (such as \"Employee ID\", \"Manager ID\" or \"Reports To\"): Name, Boss, Title",
        ),
        ("data.bin", b"\x00\x01\x02\x03\x04", "binary data"),
        ("empty.json", b"", "an empty file"),
        ("book.xlsx", b"PK\x03\x04\x14\x00", "a ZIP archive"),
        (
            "list.json",
            b"[1, 2, 3]",
            "a JSON list whose items are not objects",
        ),
    ];
    for (name, bytes, looks) in cases {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_str().unwrap();
        for args in [
            vec![path],
            vec!["check", path],
            vec!["diff", path, "gds-after-bracken.json"],
        ] {
            let run = orgtree(&args);
            assert_eq!(run.code, 2, "{args:?}");
            let first = run.stderr.lines().next().unwrap_or_default();
            assert!(
                first.starts_with(&format!(
                    "{path}: error: not a chart orgtree can open: this looks like {looks}"
                )),
                "{args:?}: {}",
                run.stderr
            );
            assert!(
                first.contains("orgtree reads orgtree JSON, nested JSON trees"),
                "{first}"
            );
        }
    }
}

/// The posts of a nested tree, counted by walking it.
fn nested_posts(node: &Value) -> usize {
    match node {
        Value::Array(items) => items.iter().map(nested_posts).sum(),
        Value::Object(members) => 1 + members.get("children").map_or(0, nested_posts),
        _ => 0,
    }
}

#[test]
fn nested_and_flat_json_open_directly() {
    for (name, posts) in [
        ("../tests/import/dabeng.json", None),
        ("../tests/import/balkan.json", Some(())),
    ] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let expected = match posts {
            None => nested_posts(&value),
            Some(()) => value.as_array().unwrap().len(),
        };
        let (stats, run) = stats_json(&[name]);
        assert_eq!(stats["posts"], expected, "{name}: {}", run.stderr);
        let print = orgtree(&["print", name]);
        assert_eq!(print.code, 0, "{name}: {}", print.stderr);
        // One line a post, then a blank line and a summary.
        let tree = print.stdout.lines().take_while(|line| !line.is_empty());
        assert_eq!(tree.count(), expected, "{name}");
        // From standard input too.
        let piped = common::orgtree_with_input(&["stats", "--json", "-"], &text);
        assert_eq!(piped.stdout, run.stdout, "{name}");
    }
}

#[test]
fn as_of_gives_the_date_over_the_file_and_its_name() {
    // The name gives none.
    let (stats, _) = stats_json(&["--no-junior", NAM]);
    assert_eq!(stats["as_of"], Value::Null);
    let (stats, _) = stats_json(&["--no-junior", NAM, "--as-of", "2013-09-30"]);
    assert_eq!(stats["as_of"], "2013-09-30");
    // Over the name's, and over the file's own.
    let (stats, _) = stats_json(&["--no-junior", HTA_MARCH, "--as-of", "2011-04-01"]);
    assert_eq!(stats["as_of"], "2011-04-01");
    let (stats, _) = stats_json(&["gds-after-bracken.json", "--as-of", "2016-01-01"]);
    assert_eq!(stats["as_of"], "2016-01-01");
    // A date that is none is a usage error.
    for bad in ["30/09/2013", "2013-02-29"] {
        let run = orgtree(&["stats", NAM, "--as-of", bad]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    }
    // Each side of a comparison.
    let run = orgtree(&[
        "diff",
        "--no-junior",
        NAM,
        HTA_MARCH,
        "--before-as-of",
        "2013-09-30",
        "--after-as-of",
        "2014-03-31",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head: Vec<&str> = run.stdout.lines().take(2).collect();
    assert_eq!(
        head,
        [
            "Changes from Ministry of Defence, as of 2013-09-30",
            "          to Human Tissue Authority, as of 2014-03-31",
        ]
    );
}

#[test]
fn an_import_takes_its_date_from_the_file_name_or_as_of() {
    let run = orgtree(&[
        "import",
        "organogram",
        HTA_MARCH,
        HTA_MARCH_JUNIOR,
        "-o",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let chart: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(chart["as_of"], "2011-03-31");
    let run = orgtree(&[
        "import",
        "organogram",
        NAM,
        "-o",
        "-",
        "--as-of",
        "2013-09-30",
    ]);
    let chart: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(chart["as_of"], "2013-09-30");
}
