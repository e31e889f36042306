//! `orgtree diff --format markdown`: rendered as GitHub and GitLab render it (`CommonMark` with
//! tables and strike-through), it holds the figures table and every change, grouped and
//! counted as `diff --json` counts them, long groups folded; text from the charts stays
//! text.

use serde_json::Value;

use crate::common::{markdown_html, orgtree, pairs};

/// The headings of the groups, as their kind's words and count, in the rendered HTML.
fn group_counts(html: &str) -> Vec<(String, u64)> {
    let mut counts = Vec::new();
    for piece in html.split("<h4>").skip(1) {
        let heading = &piece[..piece.find("</h4>").unwrap()];
        counts.push(heading.to_owned());
    }
    for piece in html.split("<summary>").skip(1) {
        let heading = &piece[..piece.find("</summary>").unwrap()];
        counts.push(heading.to_owned());
    }
    counts
        .into_iter()
        .map(|heading| {
            let open = heading.rfind(" (").unwrap();
            let n = heading[open + 2..heading.len() - 1].replace(',', "");
            (heading[..open].to_owned(), n.parse().unwrap())
        })
        .collect()
}

#[test]
fn every_fixture_pair_renders_its_changes_counted_as_diff_counts_them() {
    for (before, after) in pairs() {
        let run = orgtree(&["diff", "--format", "markdown", &before, &after]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let json = orgtree(&["diff", "--json", &before, &after]);
        let json: Value = serde_json::from_str(&json.stdout).unwrap();
        let html = markdown_html(&run.stdout);
        // The figures: one table of four columns.
        assert_eq!(html.matches("<table>").count(), 1, "{before}: {html}");
        assert!(html.contains("<th>before</th>") || html.contains(">before</th>"));
        let posts = json["summary"]["after"]["posts"].as_u64().unwrap();
        assert!(html.contains(&format!(">{posts}</td>")), "{before}: {html}");
        // Each kind's group, with its count, and as many items as changes.
        let counts = &json["summary"]["counts"];
        let total: u64 = counts
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let groups = group_counts(&html);
        let listed: u64 = groups.iter().map(|(_, n)| n).sum();
        assert_eq!(listed, total, "{before}: {groups:?}");
        assert_eq!(html.matches("<li>").count() as u64, total, "{before}");
        for (heading, n) in &groups {
            let kind = match heading.as_str() {
                "Added" => "added",
                "Removed" => "removed",
                "Moved" => "moved",
                "Retitled" => "retitled",
                "New holder" => "holder",
                "Filled or vacated (holder not disclosed)" => "vacancy",
                "Other fields" => "fields",
                "Dotted lines" => "dotted",
                other => panic!("a group {other:?}"),
            };
            assert_eq!(counts[kind].as_u64().unwrap(), *n, "{before}: {kind}");
        }
    }
}

#[test]
fn groups_of_more_than_ten_are_folded() {
    let run = orgtree(&[
        "diff",
        "--format",
        "markdown",
        "organograms/home_office-2011-03-31-senior.csv",
        "organograms/home_office-2011-09-30-senior.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = markdown_html(&run.stdout);
    // 29 added, 22 removed, 19 retitled, 88 fields: folded; 8 moved, 1 holder, 3 vacancy: not.
    assert!(
        html.contains("<details><summary>Added (29)</summary>"),
        "{html}"
    );
    assert!(
        html.contains("<details><summary>Other fields (88)</summary>"),
        "{html}"
    );
    assert!(html.contains("<h4>Moved (8)</h4>"), "{html}");
    // The list inside a fold is a list, not text.
    let added = html.split("<summary>Added (29)</summary>").nth(1).unwrap();
    let added = &added[..added.find("</details>").unwrap()];
    assert_eq!(added.matches("<li>").count(), 29, "{added}");
}

#[test]
fn markup_in_the_charts_stays_text() {
    let run = orgtree(&[
        "diff",
        "--format",
        "markdown",
        "timeline/markup-2024-01-01.json",
        "timeline/markup-2024-07-01.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = markdown_html(&run.stdout);
    for tag in [
        "<script", "<a ", "<img", "<em>", "<del>", "<b>", "<code>", "<h1", "<h2",
    ] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    // orgtree's own bold, the count of changes, and no other.
    assert_eq!(html.matches("<strong>").count(), 1, "{html}");
    assert!(html.contains("<strong>3 changes</strong>"), "{html}");
    // Only the figures table, with its four columns in every row.
    assert_eq!(html.matches("<table>").count(), 1);
    let table = html.split("<table>").nth(1).unwrap();
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<td").count(),
        4 * (table.matches("<tr>").count() - 1)
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Director"),
        "{html}"
    );
    assert!(html.contains("[Click here](http://example.com)"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn a_title_that_starts_like_a_list_stays_one_item() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.json");
    let after = dir.path().join("after.json");
    std::fs::write(
        &before,
        r#"{"orgtree": 1, "posts": [{"id": "a", "title": "Head"}]}"#,
    )
    .unwrap();
    std::fs::write(
        &after,
        r#"{"orgtree": 1, "posts": [{"id": "a", "title": "Head"},
          {"id": "b", "title": "- Deputy", "reports_to": "a"},
          {"id": "c", "title": "1. Director", "reports_to": "a"}]}"#,
    )
    .unwrap();
    let run = orgtree(&[
        "diff",
        "--format",
        "markdown",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = markdown_html(&run.stdout);
    assert_eq!(html.matches("<li>").count(), 2, "{html}");
    assert_eq!(html.matches("<ul>").count(), 1, "{html}");
    assert!(!html.contains("<ol"), "{html}");
    assert!(html.contains("<li>- Deputy (vacant), under Head"), "{html}");
    assert!(
        html.contains("<li>1. Director (vacant), under Head"),
        "{html}"
    );
}
