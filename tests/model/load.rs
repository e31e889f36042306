//! Loading charts through the library: ids, byte order marks, every problem in one pass,
//! lenient recovery, round trips that lose nothing, and charts at the edges of scale.

use std::fmt::Write as _;

use orgtree::org::metrics::Stats;
use orgtree::org::{Cost, Holder, Org, Severity, save};
use orgtree::read::{LoadError, LoadOptions, load_path, load_str};
use orgtree::report::tree::{TreeOptions, write_tree};

use crate::common;

fn strict(text: &str) -> Org {
    load_str(text, LoadOptions::default())
        .expect("the chart loads")
        .org
}

fn lenient(text: &str) -> (Org, Vec<String>) {
    let loaded = load_str(text, LoadOptions { lenient: true }).expect("the chart loads leniently");
    let warnings = loaded
        .warnings
        .iter()
        .map(|p| p.display_in("t").to_string())
        .collect();
    (loaded.org, warnings)
}

fn problems(text: &str) -> Vec<String> {
    match load_str(text, LoadOptions::default()) {
        Err(error) => error
            .problems()
            .iter()
            .map(|p| p.display_in("t").to_string())
            .collect(),
        Ok(_) => panic!("expected the chart to be refused"),
    }
}

fn ids(org: &Org, nodes: &[orgtree::org::NodeIndex]) -> Vec<String> {
    nodes
        .iter()
        .map(|&n| org.post(n).id().as_str().to_owned())
        .collect()
}

#[test]
fn integer_ids_are_read_as_their_decimal_text() {
    let org = strict(
        r#"{"posts": [
            {"id": 3, "title": "Three"},
            {"id": "4", "title": "Four", "reports_to": 3},
            {"id": 5, "title": "Five", "reports_to": "3", "dotted": [{"to": 4}]}
        ]}"#,
    );
    let three = org.find("3").unwrap();
    assert_eq!(ids(&org, org.reports(three)), ["4", "5"]);
    assert_eq!(org.post(org.find("5").unwrap()).dotted[0].to.as_str(), "4");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted_and_positions_ignore_it() {
    let org = strict("\u{feff}{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}]}");
    assert_eq!(org.len(), 1);
    let found = problems("\u{feff}{\"posts\": [{\"id\": \"a\"}]}");
    assert_eq!(found, ["t:1:12: error: post 'a' has no title"]);
}

#[test]
fn every_problem_is_reported_in_one_pass_in_file_order() {
    let text = r#"{
  "posts": [
    {"id": "a", "title": "A", "reports_to": "nobody"},
    {"id": "b", "title": "B", "reports_to": "c", "dotted": [{"to": "zz"}]},
    {"id": "c", "title": "C", "reports_to": "b"},
    {"id": "a", "title": 12},
    {"title": "No id"}
  ]
}"#;
    assert_eq!(
        problems(text),
        [
            "t:3:45: error: post 'a' reports to unknown post 'nobody'",
            "t:4:45: error: reporting loop: 'b' -> 'c' -> 'b' (each reports to the next)",
            "t:4:68: error: post 'b' has a dotted line to unknown post 'zz'",
            "t:6:12: error: duplicate id 'a' (first used on line 3)",
            "t:6:26: error: post 'a': \"title\" must be a string, found 12",
            "t:7:5: error: post #5 \"No id\" has no id",
        ]
    );
}

#[test]
fn invalid_charts_report_how_many_posts_were_read() {
    let error = load_str(
        r#"{"posts": [{"id": "a"}, {"id": "b", "title": "B"}]}"#,
        LoadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, LoadError::Invalid { posts: 2, .. }));
    assert!(
        error
            .problems()
            .iter()
            .all(|p| p.severity == Severity::Error)
    );
}

#[test]
fn lenient_loading_makes_unknown_managers_and_loop_members_top_posts() {
    let (org, warnings) = lenient(
        r#"{"posts": [
            {"id": "ps", "title": "Permanent Secretary"},
            {"id": "cdo", "title": "Chief Digital Officer", "reports_to": "ps"},
            {"id": "orphan", "title": "Orphan", "reports_to": "gone"},
            {"id": "x", "title": "X", "reports_to": "y"},
            {"id": "y", "title": "Y", "reports_to": "x"},
            {"id": "under-x", "title": "Under X", "reports_to": "x"}
        ]}"#,
    );
    assert_eq!(ids(&org, org.tops()), ["ps", "orphan", "x", "y"]);
    assert_eq!(ids(&org, org.reports(org.find("x").unwrap())), ["under-x"]);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|w| w.contains(": warning: ")));
}

#[test]
fn lenient_loading_keeps_wrongly_typed_values_and_writes_them_back() {
    let path = common::fixtures().join("broken-wrong-types.json");
    let loaded = load_path(&path, LoadOptions { lenient: true }).unwrap();
    assert_eq!(loaded.warnings.len(), 8);
    let written: serde_json::Value = serde_json::from_str(&save::to_json(&loaded.org)).unwrap();
    let posts = written["posts"].as_array().unwrap();
    assert_eq!(posts[0]["fte"], "full");
    assert_eq!(posts[1]["holder"], false);
    assert_eq!(posts[1]["title"], r#"["Chief Operating Officer"]"#);
    assert_eq!(posts[2]["cost"], -5);
    assert_eq!(posts[2]["tags"], "live");
    assert_eq!(posts[2]["reports_to"], "7");
    assert_eq!(posts[3]["staff"][0]["fte"], "ten");
    assert_eq!(
        posts.len(),
        4,
        "the string that is not a post is skipped, with a warning"
    );
}

#[test]
fn export_then_load_gives_the_same_chart_for_every_fixture() {
    for name in common::loadable_fixtures() {
        let path = common::fixtures().join(name);
        let loaded = load_path(&path, LoadOptions::default()).expect("a loadable fixture");
        let written = save::to_json(&loaded.org);
        let again = strict(&written);
        assert!(
            again == loaded.org,
            "{} changed on the round trip",
            path.display()
        );
        assert_eq!(
            save::to_json(&again),
            written,
            "{} is not written the same twice",
            path.display()
        );
    }
}

#[test]
fn unknown_fields_survive_a_round_trip_in_order() {
    let text = r#"{
        "orgtree": 1, "currency": "GBP", "roadmap": {"missions": [1, 2], "year": 2025},
        "posts": [
            {"id": "a", "title": "A", "organogram_ref": "CO-0042", "location": null,
             "staff": [{"title": "Juniors", "fte": 3, "pay_band": "B"}],
             "dotted": [{"to": "a2", "label": "sponsor", "since": "2022"}]},
            {"id": "a2", "title": "A2", "reports_to": "a", "z": [true], "b": {"deep": {"er": 1.5}}}
        ]
    }"#;
    let org = strict(text);
    let written = save::to_json(&org);
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["currency"], "GBP");
    assert_eq!(value["roadmap"]["missions"][1], 2);
    let a = &value["posts"][0];
    assert_eq!(a["organogram_ref"], "CO-0042");
    assert!(a["location"].is_null());
    assert_eq!(a["staff"][0]["pay_band"], "B");
    assert_eq!(a["dotted"][0]["since"], "2022");
    let keys: Vec<&String> = value["posts"][1].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "title", "reports_to", "holder", "z", "b"]);
    assert!(strict(&written) == org);
}

#[test]
fn whole_numbers_are_written_without_a_fraction() {
    let org = strict(r#"{"posts": [{"id": "cdo", "title": "CDO", "cost": 90000.0, "fte": 0.5}]}"#);
    let written = save::to_json(&org);
    assert!(
        written.contains("\"cost\": 90000\n") || written.contains("\"cost\": 90000,"),
        "{written}"
    );
    assert!(written.contains("\"fte\": 0.5"), "{written}");
}

/// A chart where post i reports to post i-1: one reporting line `posts` deep.
fn chain(posts: usize) -> String {
    let mut text = String::from("{\"posts\": [\n{\"id\": \"p0\", \"title\": \"Top\"}");
    for i in 1..posts {
        write!(
            text,
            ",\n{{\"id\": \"p{i}\", \"title\": \"Layer {i}\", \"reports_to\": \"p{}\"}}",
            i - 1
        )
        .unwrap();
    }
    text.push_str("\n]}");
    text
}

#[test]
fn a_reporting_chain_a_hundred_thousand_deep_loads_prints_and_counts() {
    let org = strict(&chain(100_000));
    let stats = Stats::of(&org);
    assert_eq!(stats.layers, 100_000);
    assert_eq!(stats.span.unwrap().max, 1);
    let mut out = Vec::new();
    write_tree(
        &mut out,
        &org,
        TreeOptions {
            depth: Some(3),
            ..TreeOptions::default()
        },
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Top (vacant)  [1/99,999]\n└── Layer 1 (vacant)  [1/99,998]\n    └── Layer 2 (vacant)  [1/99,997]\n"), "{text}");
    assert!(strict(&save::to_json(&org)) == org);

    // The whole chain prints in lines of bounded length: a line past MAX_GUIDES layers
    // names its layer and draws the guides of the nearest ones only.
    let mut out = Vec::new();
    write_tree(&mut out, &org, TreeOptions::default()).unwrap();
    let text = String::from_utf8(out).unwrap();
    let widest = orgtree::report::tree::MAX_GUIDES * "    ".len() + 60;
    assert!(
        text.lines().all(|line| line.len() <= widest),
        "a line is wider than {widest}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let guides = |line: &str| line.matches("└── ").count();
    assert_eq!(guides(lines[64]), 1);
    assert!(lines[64].starts_with(&" ".repeat(63 * 4)), "{}", lines[64]);
    assert!(
        !lines[64].contains("[layer"),
        "layer 65 still has all its guides"
    );
    assert_eq!(
        lines[65].trim_end(),
        format!(
            "…[layer 66] {}└── Layer 65 (vacant)  [1/99,934]",
            " ".repeat(63 * 4)
        )
    );
    assert!(
        lines[99_999].starts_with("…[layer 100,000] "),
        "{}",
        lines[99_999]
    );
    assert!(
        lines[99_999].ends_with("└── Layer 99999 (vacant)"),
        "{}",
        lines[99_999]
    );
}

#[test]
fn guides_past_the_deepest_drawn_still_show_siblings() {
    // A chain 70 deep whose post at layer 68 has two reports.
    let mut text = chain(70);
    text = text.replace(
        "\n]}",
        ",\n{\"id\": \"side\", \"title\": \"Side\", \"reports_to\": \"p67\"}\n]}",
    );
    let org = strict(&text);
    let mut out = Vec::new();
    write_tree(&mut out, &org, TreeOptions::default()).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // Layer 69 holds p68 (with its team below) and then Side, the last report of p67.
    assert!(lines[68].starts_with("…[layer 69] "), "{}", lines[68]);
    assert!(
        lines[68].ends_with("├── Layer 68 (vacant)  [1/1]"),
        "{}",
        lines[68]
    );
    assert!(
        lines[69].ends_with("│   └── Layer 69 (vacant)"),
        "{}",
        lines[69]
    );
    assert!(lines[70].ends_with("└── Side (vacant)"), "{}", lines[70]);
}

#[test]
fn a_loop_through_a_hundred_thousand_posts_is_reported_once() {
    let text = chain(100_000).replacen(
        r#"{"id": "p0", "title": "Top"}"#,
        r#"{"id": "p0", "title": "Top", "reports_to": "p99999"}"#,
        1,
    );
    let found = problems(&text);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("t:2:44: error: reporting loop: 'p0' -> 'p99999' -> 'p99998'"),
        "{}",
        &found[0][..80]
    );
    let (org, warnings) = lenient(&text);
    assert_eq!(warnings.len(), 1);
    assert_eq!(org.tops().len(), 100_000);
}

#[test]
fn a_manager_with_two_hundred_thousand_direct_reports_is_legal() {
    let mut text = String::from("{\"posts\": [{\"id\": \"boss\", \"title\": \"Boss\"}");
    for i in 0..200_000 {
        write!(text, ",{{\"id\": {i}, \"title\": \"Officer\", \"reports_to\": \"boss\", \"holder\": \"H {i}\"}}").unwrap();
    }
    text.push_str("]}");
    let org = strict(&text);
    let boss = org.find("boss").unwrap();
    assert_eq!(org.reports(boss).len(), 200_000);
    assert_eq!(org.post(org.reports(boss)[199_999]).id().as_str(), "199999");
    let stats = Stats::of(&org);
    assert_eq!(stats.span.unwrap().max, 200_000);
    assert_eq!(stats.layers, 2);
}

#[test]
fn lines_that_could_not_be_drawn_are_written_back_as_the_file_gave_them() {
    for (fixture, error) in [
        (
            "broken-unknown-manager.json",
            "reports to unknown post 'ctoo'",
        ),
        (
            "broken-reporting-loop.json",
            "reporting loop: 'gds-ed' -> 'gds-coo' -> 'gds-cto' -> 'gds-ed'",
        ),
        (
            "broken-reports-to-self.json",
            "post 'cdo' reports to itself",
        ),
    ] {
        let loaded = load_path(
            &common::fixtures().join(fixture),
            LoadOptions { lenient: true },
        )
        .unwrap();
        let written = save::to_json(&loaded.org);
        let again = problems(&written);
        assert_eq!(again.len(), 1, "{fixture}: {again:?}");
        assert!(again[0].contains(error), "{fixture}: {}", again[0]);
        let (reloaded, _) = lenient(&written);
        assert!(
            reloaded == loaded.org,
            "{fixture} changed on a lenient round trip"
        );
    }
}

#[test]
fn a_blank_holder_is_read_as_vacant_with_a_warning() {
    let loaded = load_str(
        r#"{"posts": [{"id": "a", "title": "A", "holder": " "}]}"#,
        LoadOptions::default(),
    )
    .unwrap();
    assert!(loaded.org.post(loaded.org.find("a").unwrap()).is_vacant());
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|p| p.display_in("t").to_string())
        .collect();
    assert_eq!(
        warnings,
        ["t:1:48: warning: post 'a': \"holder\" is blank; read as vacant"]
    );
}

/// What a lenient load keeps comes back as it was read: loading its export gives the same
/// chart, counted the same (headcount, cost, posts), for every file `--lenient` loads.
#[test]
fn a_lenient_load_exported_and_loaded_again_is_the_same_chart_with_the_same_figures() {
    let regressions = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut paths: Vec<std::path::PathBuf> = common::broken_but_lenient()
        .into_iter()
        .map(|name| common::fixtures().join(name))
        .collect();
    paths.extend(
        std::fs::read_dir(&regressions)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json")),
    );
    let mut tried = 0;
    for path in paths {
        let Ok(first) = load_path(&path, LoadOptions { lenient: true }) else {
            continue;
        };
        tried += 1;
        let written = save::to_json(&first.org);
        let again = load_str(&written, LoadOptions { lenient: true })
            .unwrap_or_else(|e| panic!("{}: the export does not load: {e:?}", path.display()));
        let (a, b) = (Stats::of(&first.org), Stats::of(&again.org));
        assert_eq!(
            (a.posts, a.headcount_fte, a.cost, a.vacant),
            (b.posts, b.headcount_fte, b.cost, b.vacant),
            "{}: the figures changed",
            path.display()
        );
        assert!(
            again.org == first.org,
            "{}: the chart changed",
            path.display()
        );
        assert_eq!(save::to_json(&again.org), written, "{}", path.display());
    }
    assert!(tried >= 12, "only {tried} files loaded");
}

#[test]
fn a_holder_not_disclosed_loads_saves_and_counts_apart_from_vacant_and_named() {
    let text = r#"{
  "orgtree": 1,
  "posts": [
    {
      "id": "ps",
      "title": "Permanent Secretary",
      "holder": "Alex Grey"
    },
    {
      "id": "dg",
      "title": "Director General",
      "reports_to": "ps",
      "holder": {
        "undisclosed": true
      }
    },
    {
      "id": "dd",
      "title": "Deputy Director",
      "reports_to": "dg",
      "holder": null
    }
  ]
}
"#;
    let org = strict(text);
    let holder = |id: &str| org.post(org.find(id).unwrap()).holder.clone();
    assert_eq!(holder("ps"), Holder::named("Alex Grey"));
    assert_eq!(holder("dg"), Holder::Undisclosed);
    assert_eq!(holder("dd"), Holder::Vacant);
    let stats = Stats::of(&org);
    assert_eq!((stats.vacant, stats.undisclosed), (1, 1));
    assert_eq!(save::to_json(&org), text, "saved as it was read");
}

#[test]
fn a_holder_of_any_other_shape_is_a_wrong_type_at_its_place() {
    let text = r#"{"posts": [
{"id": "a", "title": "A", "holder": {"undisclosed": false}},
{"id": "b", "title": "B", "holder": {"undisclosed": true, "name": "Bo"}},
{"id": "c", "title": "C", "holder": {}}
]}"#;
    let expected = "must be a string, or {\"undisclosed\": true}, found an object";
    assert_eq!(
        problems(text),
        [
            format!("t:2:37: error: post 'a': \"holder\" {expected}"),
            format!("t:3:37: error: post 'b': \"holder\" {expected}"),
            format!("t:4:37: error: post 'c': \"holder\" {expected}"),
        ]
    );
    // Leniently, each is kept as it was, and written back so.
    let (org, warnings) = lenient(text);
    assert_eq!(warnings.len(), 3);
    let a = org.post(org.find("a").unwrap());
    assert!(a.is_vacant());
    let saved: serde_json::Value = serde_json::from_str(&save::to_json(&org)).unwrap();
    assert_eq!(
        saved["posts"][0]["holder"],
        serde_json::json!({"undisclosed": false})
    );
    assert_eq!(
        saved["posts"][1]["holder"],
        serde_json::json!({"undisclosed": true, "name": "Bo"})
    );
}

#[test]
fn a_cost_range_loads_saves_and_adds_up_end_by_end() {
    let org = strict(
        r#"{"posts": [
{"id": "a", "title": "A", "cost": {"min": 120000, "max": 145000}},
{"id": "b", "title": "B", "reports_to": "a", "cost": 30000.5,
 "staff": [{"title": "Officers", "fte": 3, "cost": {"min": 60000, "max": 75000}}]},
{"id": "c", "title": "C", "reports_to": "a", "cost": {"min": 7, "max": 7}}
]}"#,
    );
    let post = |id: &str| org.post(org.find(id).unwrap());
    assert_eq!(post("a").cost, Cost::range(120_000.0, 145_000.0));
    assert_eq!(
        post("c").cost,
        Some(Cost::one(7.0)),
        "equal ends are one figure"
    );
    let cost = Stats::of(&org).cost.unwrap();
    assert_eq!((cost.low(), cost.high()), (210_007.5, 250_007.5));
    let saved: serde_json::Value = serde_json::from_str(&save::to_json(&org)).unwrap();
    let posts = &saved["posts"];
    assert_eq!(
        posts[0]["cost"],
        serde_json::json!({"min": 120_000, "max": 145_000})
    );
    assert_eq!(posts[1]["cost"], serde_json::json!(30000.5));
    assert_eq!(
        posts[1]["staff"][0]["cost"],
        serde_json::json!({"min": 60000, "max": 75000})
    );
    assert_eq!(posts[2]["cost"], serde_json::json!(7));
    assert!(strict(&save::to_json(&org)) == org, "loads back the same");
}

#[test]
fn a_cost_of_any_other_shape_is_a_wrong_type_at_its_place() {
    let text = r#"{"posts": [
{"id": "a", "title": "A", "cost": {"min": 9, "max": 5}},
{"id": "b", "title": "B", "cost": {"min": 5}},
{"id": "c", "title": "C", "cost": {"min": 1, "max": 2, "currency": "GBP"}},
{"id": "d", "title": "D", "cost": [1, 2]},
{"id": "e", "title": "E", "staff": [{"cost": {"min": -1, "max": 2}}]}
]}"#;
    let expected =
        "must be a non-negative number, or {\"min\": N, \"max\": N} with min at most max";
    assert_eq!(
        problems(text),
        [
            format!("t:2:35: error: post 'a': \"cost\" {expected}, found an object"),
            format!("t:3:35: error: post 'b': \"cost\" {expected}, found an object"),
            format!("t:4:35: error: post 'c': \"cost\" {expected}, found an object"),
            format!("t:5:35: error: post 'd': \"cost\" {expected}, found an array"),
            format!("t:6:46: error: post 'e', staff group 1: \"cost\" {expected}, found an object"),
        ]
    );
}
