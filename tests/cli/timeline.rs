//! `orgtree timeline` on the real Home Office series (four releases, 2011 to 2013): its
//! figures are those of `stats` on each release, its churn that of `diff` on each pair,
//! and `--post` follows a post through a renumbering, saying so.

use serde_json::Value;

use crate::common::{Run, markdown_html, orgtree};

/// The Home Office releases, senior CSVs (the junior files beside them), given out of
/// date order on purpose.
const HOME_OFFICE: [&str; 4] = [
    "organograms/130930-Home-Office-Organogram-Data-senior.csv",
    "organograms/home_office-2011-09-30-senior.csv",
    "organograms/home_office-2011-03-31-senior.csv",
    "organograms/home_office-2012-09-30-senior.csv",
];

/// The same in date order: 2011-03-31, 2011-09-30, 2012-09-30, 2013-09-30.
const IN_ORDER: [usize; 4] = [2, 1, 3, 0];

fn run(extra: &[&str]) -> Run {
    let mut args = vec!["timeline"];
    args.extend(HOME_OFFICE);
    args.extend(extra);
    orgtree(&args)
}

fn json(extra: &[&str]) -> Value {
    let mut args = vec!["--json"];
    args.extend(extra);
    let run = run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("timeline --json prints JSON")
}

#[test]
fn releases_come_in_date_order_with_the_figures_stats_gives_each() {
    let timeline = json(&[]);
    let releases = timeline["releases"].as_array().unwrap();
    let dates: Vec<&str> = releases
        .iter()
        .map(|r| r["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2011-03-31", "2011-09-30", "2012-09-30", "2013-09-30"]
    );
    for (release, &file) in releases.iter().zip(&IN_ORDER) {
        let stats = orgtree(&["stats", "--json", HOME_OFFICE[file]]);
        assert_eq!(stats.code, 0, "{}", stats.stderr);
        let stats: Value = serde_json::from_str(&stats.stdout).unwrap();
        for key in [
            "name",
            "as_of",
            "posts",
            "vacant",
            "undisclosed",
            "top_posts",
            "layers",
            "headcount_fte",
            "cost",
            "posts_with_cost",
            "span",
        ] {
            assert_eq!(release[key], stats[key], "{key} of {}", HOME_OFFICE[file]);
        }
        assert_eq!(release["file"], HOME_OFFICE[file]);
        // Every post counted under one grade or none.
        let graded: u64 = release["grades"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let all = graded + release["no_grade"].as_u64().unwrap();
        assert_eq!(all, stats["posts"].as_u64().unwrap());
    }
}

#[test]
fn the_posts_of_each_grade_are_those_of_the_exported_chart() {
    let timeline = json(&[]);
    for (release, &file) in timeline["releases"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&IN_ORDER)
    {
        let export = orgtree(&["export", "--to", "csv", HOME_OFFICE[file]]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        let mut reader = csv::Reader::from_reader(export.stdout.as_bytes());
        let grade_at = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "grade")
            .expect("a grade column");
        let mut counts = std::collections::BTreeMap::<String, u64>::new();
        for record in reader.records() {
            let grade = record.unwrap()[grade_at].to_owned();
            if !grade.is_empty() {
                *counts.entry(grade).or_default() += 1;
            }
        }
        let grades: std::collections::BTreeMap<String, u64> = release["grades"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(g, n)| (g.clone(), n.as_u64().unwrap()))
            .collect();
        assert_eq!(grades, counts, "{}", HOME_OFFICE[file]);
    }
}

#[test]
fn the_churn_of_each_step_is_what_diff_counts_for_the_pair() {
    let timeline = json(&[]);
    let steps = timeline["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    for (at, step) in steps.iter().enumerate() {
        let (before, after) = (HOME_OFFICE[IN_ORDER[at]], HOME_OFFICE[IN_ORDER[at + 1]]);
        let diff = orgtree(&["diff", "--json", before, after]);
        let diff: Value = serde_json::from_str(&diff.stdout).unwrap();
        let counts = &diff["summary"]["counts"];
        for kind in [
            "added", "removed", "moved", "retitled", "holder", "vacancy", "fields", "dotted",
        ] {
            assert_eq!(step[kind], counts[kind], "{kind} from {before} to {after}");
        }
        assert_eq!(step["matched_by_content"], diff["summary"]["inferred"]);
        // The share: posts with a change of the churn's kinds, of the posts in either.
        let changed = step["changed_posts"].as_f64().unwrap();
        let posts = step["posts"].as_f64().unwrap();
        let share = step["share_changed"].as_f64().unwrap();
        assert!((share - changed / posts).abs() < 1e-4, "{step}");
        // Posts in either release: those after, and those removed.
        let after_posts = diff["summary"]["after"]["posts"].as_u64().unwrap();
        assert_eq!(
            step["posts"].as_u64().unwrap(),
            after_posts + counts["removed"].as_u64().unwrap()
        );
    }
}

#[test]
fn a_post_is_followed_through_a_renumbering_and_the_inference_is_said() {
    // Bernard Silverman's post is 2SRG01 in the March 2011 file and 2HOS01 from September
    // 2011 on (the files' "Post Unique Reference" column).
    let timeline = json(&["--post", "2SRG01"]);
    let post = &timeline["post"];
    assert_eq!(post["named_in"], "2011-03-31");
    let seen: Vec<(&str, &str, &str)> = post["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["holder"].as_str().unwrap(),
                r["matched"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2SRG01", "Bernard Silverman", "named"),
            ("2HOS01", "Bernard Silverman", "content"),
            ("2HOS01", "Bernard Silverman", "id"),
            ("2HOS01", "Bernard Silverman", "id"),
        ]
    );
    assert_eq!(post["releases"][1]["other_id"], "2SRG01");
    // Named by its later id, or by words of its title, it is the same post.
    let by_later_id = json(&["--post", "2HOS01"]);
    assert_eq!(by_later_id["post"]["named_in"], "2011-09-30");
    assert_eq!(by_later_id["post"]["releases"][0]["id"], "2SRG01");
    assert_eq!(by_later_id["post"]["releases"][0]["matched"], "content");
    let by_words = json(&["--post", "chief scientific silverman"]);
    assert_eq!(by_words["post"]["releases"][0]["id"], "2SRG01");
    // And the text says where it was inferred.
    let text = run(&["--post", "2SRG01"]);
    assert!(
        text.stdout
            .contains("matched by content, not by id: it was 2SRG01 in 2011-03-31"),
        "{}",
        text.stdout
    );
}

#[test]
fn words_that_match_several_posts_are_refused_with_the_candidates() {
    let run = run(&["--post", "director general"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("match 'director general'; give one's id"),
        "{}",
        run.stderr
    );
    let missing = self::run(&["--post", "no such post anywhere"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no post has the id"),
        "{}",
        missing.stderr
    );
}

#[test]
fn the_text_reads_at_80_columns_and_does_not_depend_on_the_order_given() {
    let text = run(&[]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    for line in text.stdout.lines() {
        assert!(
            orgtree::text::width(line) <= 80,
            "{} columns: {line}",
            orgtree::text::width(line)
        );
    }
    let mut args = vec!["timeline"];
    args.extend(IN_ORDER.iter().map(|&at| HOME_OFFICE[at]));
    let in_order = orgtree(&args);
    // The same but for the list of files, which names each as given.
    let body = |out: &str| out.lines().skip(6).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&text.stdout), body(&in_order.stdout));
    assert!(
        text.stdout
            .starts_with("Home Office: 4 releases, 2011-03-31 to 2013-09-30")
    );
    // Whole releases, in date order, in the figures' heading.
    assert!(
        text.stdout
            .contains("figures           2011-03-31   2011-09-30   2012-09-30   2013-09-30"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_chart_without_a_date_is_refused_with_how_to_give_one() {
    let run = orgtree(&["timeline", "cddo-missions.json", "timeline/undated.json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("timeline/undated.json: no date")
            && run.stderr.contains("give the chart an as_of"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn markdown_renders_as_tables_and_hostile_text_stays_text() {
    let run = run(&["--format", "markdown", "--post", "2SRG01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = markdown_html(&run.stdout);
    assert_eq!(html.matches("<table>").count(), 3, "{html}");
    assert!(html.contains("<td>2HOS01</td>"), "{html}");
    // A title with markup in it.
    let hostile = orgtree(&[
        "timeline",
        "--format",
        "markdown",
        "timeline/markup-2024-07-01.json",
        "timeline/markup-2024-01-01.json",
        "--post",
        "boss",
    ]);
    assert_eq!(hostile.code, 0, "{}", hostile.stderr);
    let html = markdown_html(&hostile.stdout);
    for tag in [
        "<script", "<a ", "<img", "<em>", "<strong>", "<del>", "<b>", "<h1",
    ] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    // No code span: not the grade's backticks, nor the file names, which are text too.
    assert_eq!(html.matches("<code>").count(), 0, "{html}");
    // Each table keeps its columns: no pipe from a title made a cell.
    let rows_of = |table: &str| table.matches("<tr>").count();
    let tables: Vec<&str> = html.split("<table>").skip(1).collect();
    assert_eq!(tables.len(), 3, "{html}");
    for table in tables {
        let cells = table.matches("<td").count();
        let headers = table.matches("<th>").count() + table.matches("<th ").count();
        assert_eq!(cells, headers * (rows_of(table) - 1), "{table}");
    }
    // The text is all there, as text.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Director"),
        "{html}"
    );
    assert!(
        html.contains("| and [links](http://example.com): 2 releases</h2>"),
        "{html}"
    );
}
