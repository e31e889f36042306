//! Importing the JSON of other org-chart tools: nested trees (dabeng `OrgChart` and scripts)
//! and flat lists (BALKAN `OrgChart` JS, d3-org-chart and others), through the library and
//! `orgtree import nested|flat`, with generated ids, kept fields, problems at their line and
//! column, and round trips through orgtree JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use orgtree::org::{Org, Severity, save};
use orgtree::read::flat::{FlatOptions, flat};
use orgtree::read::nested::{NestedOptions, nested};
use orgtree::read::{Found, Imported};
use orgtree::read::{LoadOptions, load_str};
use serde_json::json;

use crate::common;
use common::orgtree;

fn input(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn imported(result: Result<Imported, Vec<Found>>) -> Imported {
    match result {
        Ok(imported) => imported,
        Err(problems) => panic!("refused: {:#?}", lines(&problems)),
    }
}

/// Problems as `orgtree check` prints them.
fn lines(problems: &[Found]) -> Vec<String> {
    problems
        .iter()
        .map(|found| found.problem.display_in(&found.file).to_string())
        .collect()
}

fn refused(result: Result<Imported, Vec<Found>>) -> Vec<String> {
    match result {
        Ok(imported) => panic!(
            "not refused; {} posts, warnings {:?}",
            imported.org.len(),
            lines(&imported.warnings)
        ),
        Err(problems) => lines(&problems),
    }
}

fn reports_of(org: &Org, id: Option<&str>) -> Vec<String> {
    let nodes = match id {
        Some(id) => org.reports(common::node(org, id)),
        None => org.tops(),
    };
    nodes
        .iter()
        .map(|&n| org.post(n).id().as_str().to_owned())
        .collect()
}

fn extra(org: &Org, id: &str) -> Vec<(String, serde_json::Value)> {
    org.post(common::node(org, id))
        .extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Saving `org` as orgtree JSON and loading it again gives the same chart, with no problems.
fn round_trips(org: &Org) {
    let text = save::to_json(org);
    let loaded = load_str(&text, LoadOptions::default())
        .unwrap_or_else(|error| panic!("the saved chart does not load: {error:?}\n{text}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(loaded.org == *org, "the chart changed on the way:\n{text}");
    assert_eq!(save::to_json(&loaded.org), text);
}

// Nested trees.

#[test]
fn a_dabeng_tree_with_ids_keeps_its_shape_fields_and_order() {
    let text = input("dabeng.json");
    let Imported { org, warnings, .. } =
        imported(nested("dabeng.json", &text, &NestedOptions::default()));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(common::ids(&org), ["cto", "tech-coo", "31", "32", "cio"]);
    assert_eq!(reports_of(&org, None), ["cto"]);
    assert_eq!(reports_of(&org, Some("cto")), ["tech-coo", "cio"]);
    assert_eq!(reports_of(&org, Some("tech-coo")), ["31", "32"]);

    let cto = org.post(common::node(&org, "cto"));
    assert_eq!(&*cto.title, "Chief Technology Officer");
    assert_eq!(cto.holder.name(), Some("Sarah Wilkinson"));
    assert_eq!(cto.unit.as_deref(), Some("Home Office Technology"));
    assert_eq!(cto.grade.as_deref(), Some("SCS3"));
    assert_eq!(
        extra(&org, "cto"),
        [("className".into(), json!("top-level"))]
    );

    // null and blank names are vacancies.
    assert!(org.post(common::node(&org, "tech-coo")).is_vacant());
    assert!(org.post(common::node(&org, "32")).is_vacant());
    assert_eq!(
        extra(&org, "tech-coo"),
        [
            ("className".into(), json!("middle-level")),
            ("relationship".into(), json!("110"))
        ]
    );
    // An integer id is read as its decimal text; known fields of the right type are read.
    let ada = org.post(common::node(&org, "31"));
    assert_eq!(ada.fte(), Some(0.8));
    assert_eq!(ada.tags.as_slice(), ["early careers"]);
    assert_eq!(
        extra(&org, "cio"),
        [("office".into(), json!({ "floor": 3, "room": "3.14" }))]
    );
    assert_eq!(
        org.meta.source.as_deref(),
        Some("imported from dabeng.json (nested JSON)")
    );
}

#[test]
fn a_tree_without_ids_gets_ids_from_titles_stable_and_never_one_the_file_gives() {
    let text = input("dabeng-no-ids.json");
    let options = NestedOptions::default();
    let first = imported(nested("dabeng-no-ids.json", &text, &options));
    let org = &first.org;
    // "engineer" is the id the file gives the Digital Leader: the engineers get others.
    assert_eq!(
        common::ids(org),
        [
            "permanent-secretary",
            "chief-digital-officer",
            "engineer-2",
            "engineer-3",
            "head-of-shared-services",
            "engineer",
            "sam-jones",
        ]
    );
    assert_eq!(
        &*org.post(common::node(org, "engineer")).title,
        "Digital Leader"
    );
    assert_eq!(
        common::manager(org, "engineer-3").as_deref(),
        Some("chief-digital-officer")
    );
    assert!(
        org.post(common::node(org, "head-of-shared-services"))
            .is_vacant()
    );
    // A node with no title is titled with its holder's name, and the import says so.
    assert_eq!(
        &*org.post(common::node(org, "sam-jones")).title,
        "Sam Jones"
    );
    assert_eq!(
        lines(&first.warnings),
        [
            "dabeng-no-ids.json:15:5: warning: post #7 has no \"title\"; the holder's name is used as its title"
        ]
    );

    // The same file gives the same chart again.
    let second = imported(nested("dabeng-no-ids.json", &text, &options));
    assert!(second.org == first.org);
    assert_eq!(save::to_json(&second.org), save::to_json(&first.org));
}

#[test]
fn custom_keys_and_an_array_of_roots_make_a_forest() {
    let text = input("custom-keys.json");
    let options = NestedOptions {
        children_key: "reports".into(),
        title_key: "role".into(),
        holder_key: "person".into(),
        id_key: "key".into(),
        lenient: false,
    };
    let Imported { org, warnings, .. } = imported(nested("custom-keys.json", &text, &options));
    assert_eq!(reports_of(&org, None), ["ps", "coo"]);
    assert_eq!(reports_of(&org, Some("ps")), ["dd"]);
    assert_eq!(reports_of(&org, Some("coo")), ["mission-sponsor"]);
    let sponsor = org.post(common::node(&org, "mission-sponsor"));
    assert_eq!(&*sponsor.title, "Mission sponsor");
    assert_eq!(sponsor.holder.name(), Some("Jim Harra"));
    // "name" means nothing here: it is kept as it is. "title" means the title to orgtree,
    // so the file's "title" (not the post's title here) is kept under another name.
    assert_eq!(
        extra(&org, "mission-sponsor"),
        [("name".into(), json!("HMRC"))]
    );
    assert_eq!(
        &*org.post(common::node(&org, "ps")).title,
        "Permanent Secretary"
    );
    assert_eq!(extra(&org, "ps"), [("imported_title".into(), json!("Sir"))]);
    assert_eq!(
        lines(&warnings),
        [
            "custom-keys.json:6:14: warning: post 'ps': \"title\" has another meaning in orgtree; kept as \"imported_title\""
        ]
    );
    round_trips(&org);
}

#[test]
fn a_single_root_array_and_an_empty_one_are_charts_too() {
    let one = imported(nested(
        "one.json",
        r#"[{"title": "Chief Executive"}]"#,
        &NestedOptions::default(),
    ));
    assert_eq!(common::ids(&one.org), ["chief-executive"]);
    assert!(
        one.org
            .post(common::node(&one.org, "chief-executive"))
            .is_vacant()
    );
    let none = imported(nested("none.json", "[]", &NestedOptions::default()));
    assert!(none.org.is_empty());
}

#[test]
fn known_fields_of_the_wrong_type_are_kept_under_another_name() {
    let text = r#"{"title": "CTO", "fte": "full", "cost": -5, "unit": ["a", "b"],
        "tags": "one", "reports_to": "nobody", "imported_fte": 1, "staff": 100}"#;
    let Imported { org, warnings, .. } =
        imported(nested("t.json", text, &NestedOptions::default()));
    let post = org.post(common::node(&org, "cto"));
    assert_eq!(post.fte(), None);
    assert_eq!(post.cost, None);
    assert_eq!(post.unit, None);
    assert!(post.tags.is_empty());
    assert_eq!(org.manager(common::node(&org, "cto")), None);
    assert_eq!(
        extra(&org, "cto"),
        [
            ("imported_fte_2".into(), json!("full")),
            ("imported_cost".into(), json!(-5)),
            ("imported_unit".into(), json!(["a", "b"])),
            ("imported_tags".into(), json!("one")),
            ("imported_reports_to".into(), json!("nobody")),
            ("imported_fte".into(), json!(1)),
            ("imported_staff".into(), json!(100)),
        ]
    );
    assert_eq!(
        lines(&warnings),
        [
            "t.json:1:25: warning: post #1 \"CTO\": \"fte\" must be a non-negative number, found \"full\"; kept as \"imported_fte_2\"",
            "t.json:1:41: warning: post #1 \"CTO\": \"cost\" must be a non-negative number, or {\"min\": N, \"max\": N} with min at most max, found -5; kept as \"imported_cost\"",
            "t.json:1:53: warning: post #1 \"CTO\": \"unit\" must be a string, found an array; kept as \"imported_unit\"",
            "t.json:2:17: warning: post #1 \"CTO\": \"tags\" must be an array of strings, found \"one\"; kept as \"imported_tags\"",
            "t.json:2:38: warning: post #1 \"CTO\": \"reports_to\" has another meaning in orgtree; kept as \"imported_reports_to\"",
            "t.json:2:76: warning: post #1 \"CTO\": \"staff\" has another meaning in orgtree; kept as \"imported_staff\"",
        ]
    );
    // Loaded again, the kept fields stay fields: the post does not move or change.
    round_trips(&org);
}

#[test]
fn nested_problems_are_all_reported_at_their_line_and_column() {
    let text = input("broken-nested.json");
    assert_eq!(
        refused(nested(
            "broken-nested.json",
            &text,
            &NestedOptions::default()
        )),
        [
            "broken-nested.json:5:29: error: post 'cdo': \"title\" must be a string, found 42",
            "broken-nested.json:6:5: error: post 'ps': \"children\" item #2 is a string, not an object (a post)",
            "broken-nested.json:7:69: error: post 'cto': \"children\" must be an array of posts, found an object",
            "broken-nested.json:8:13: error: post #4: \"id\" must be a string or an integer, found 1.5",
            "broken-nested.json:8:45: error: post #4 \"Odd id\": \"name\" (the holder) must be a string or null, found an array",
            "broken-nested.json:9:13: error: duplicate id 'ps' (first used on line 2)",
        ]
    );
}

#[test]
fn input_that_is_no_tree_is_refused_at_its_place() {
    let options = NestedOptions::default();
    assert_eq!(
        refused(nested("t.json", "{\n  \"title\": \"CTO\",\n}", &options)),
        ["t.json:3:1: error: not valid JSON: key must be a string"]
    );
    assert_eq!(
        refused(nested("t.json", "", &options)),
        ["t.json:1:1: error: not valid JSON: EOF while parsing a value"]
    );
    assert_eq!(
        refused(nested("t.json", "\n  \"CTO\"", &options)),
        [
            "t.json:2:3: error: a nested chart is a JSON object (the top post, with its reports under \"children\") or an array of them, found a string"
        ]
    );
    assert_eq!(
        refused(nested("t.json", "[{\"title\": \"A\"}, 7]", &options)),
        ["t.json:1:18: error: item #2 of the top list is a number, not an object (a post)"]
    );
}

#[test]
fn a_repeated_member_counts_once_with_its_last_value() {
    let text = r#"{"title": "Old", "title": "New", "children": []}"#;
    let Imported { org, warnings, .. } =
        imported(nested("t.json", text, &NestedOptions::default()));
    assert_eq!(common::ids(&org), ["new"]);
    assert_eq!(
        lines(&warnings),
        [
            "t.json:1:27: warning: field \"title\" appears twice (first at 1:11); the last one is used"
        ]
    );
}

#[test]
fn a_repeat_among_many_members_is_found_too() {
    let mut text = String::from("{\"title\": \"CTO\"");
    for i in 0..40 {
        write!(text, ", \"f{i}\": {i}").unwrap();
    }
    text.push_str(", \"f3\": \"again\"}");
    let Imported { org, warnings, .. } =
        imported(nested("t.json", &text, &NestedOptions::default()));
    let kept = extra(&org, "cto");
    assert_eq!(kept.len(), 40);
    assert_eq!(kept[3], ("f3".into(), json!("again")));
    assert_eq!(
        lines(&warnings),
        [format!(
            "t.json:1:{}: warning: field \"f3\" appears twice (first at 1:51); the last one is used",
            text.len() - 7
        )]
    );
}

#[test]
fn a_byte_order_mark_is_skipped_and_not_counted_in_columns() {
    let text = "\u{feff}[{\"id\": \"a\", \"pid\": \"b\", \"title\": \"A\"}]";
    assert_eq!(
        refused(flat("t.json", text, &FlatOptions::default())),
        ["t.json:1:21: error: post 'a' reports to unknown post 'b'"]
    );
}

#[test]
fn a_deep_tree_imports_without_running_out_of_stack() {
    // Far deeper than the 128 levels serde_json allows a value to be read into.
    let depth = 500;
    let mut text = String::new();
    for level in 0..depth {
        write!(
            text,
            "{{\"id\": {level}, \"title\": \"Level\", \"children\": ["
        )
        .unwrap();
    }
    text.push_str(&"]}".repeat(depth));
    let Imported { org, .. } = imported(nested("deep.json", &text, &NestedOptions::default()));
    assert_eq!(org.len(), depth);
    assert_eq!(
        org.chain_to_top(common::node(&org, "499")).count(),
        depth - 1
    );
}

#[test]
fn a_chain_20k_deep_on_one_line_imports_in_time_linear_in_its_length() {
    // Each node was read with all the tree below it, at every level: a chain 20,000 deep
    // took minutes. Now each node is read once, whatever it holds.
    let depth = 20_000;
    let mut text = String::from("[");
    for level in 0..depth {
        write!(
            text,
            "{{\"id\": {level}, \"title\": \"Level {level} – é\", \"children\": ["
        )
        .unwrap();
    }
    // The deepest node has a problem, reported at its column on the one line.
    text.push_str("{\"id\": \"last\", \"title\": \"Last\", \"fte\": \"full\"}");
    text.push_str(&"]}".repeat(depth));
    text.push(']');
    let Imported { org, warnings, .. } =
        imported(nested("deep.json", &text, &NestedOptions::default()));
    assert_eq!(org.len(), depth + 1);
    assert_eq!(org.chain_to_top(common::node(&org, "last")).count(), depth);
    assert_eq!(reports_of(&org, Some("19999")), ["last"]);
    assert_eq!(
        &*org.post(common::node(&org, "19999")).title,
        "Level 19999 – é"
    );
    let at = text.find("\"full\"").unwrap();
    let column = text[..at].chars().count() + 1;
    assert_eq!(
        lines(&warnings),
        [format!(
            "deep.json:1:{column}: warning: post 'last': \"fte\" must be a non-negative number, found \"full\"; kept as \"imported_fte\""
        )]
    );
}

#[test]
fn a_nested_import_round_trips_through_orgtree_json() {
    for name in ["dabeng.json", "dabeng-no-ids.json"] {
        let text = input(name);
        let Imported { org, .. } = imported(nested(name, &text, &NestedOptions::default()));
        round_trips(&org);
    }
}

// Flat lists.

#[test]
fn a_balkan_list_with_pid_numeric_ids_and_children_first() {
    let text = input("balkan.json");
    let Imported { org, warnings, .. } =
        imported(flat("balkan.json", &text, &FlatOptions::default()));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(reports_of(&org, None), ["1"]);
    assert_eq!(reports_of(&org, Some("1")), ["2", "5"]);
    // Siblings keep the order of the list, wherever their manager is.
    assert_eq!(reports_of(&org, Some("2")), ["3", "4"]);
    let ada = org.post(common::node(&org, "3"));
    assert_eq!(&*ada.title, "Head of Graduates");
    assert_eq!(ada.holder.name(), Some("Ada Lovelace"));
    assert_eq!(ada.tags.as_slice(), ["early-careers"]);
    assert_eq!(
        extra(&org, "3"),
        [("img".into(), json!("https://example.org/ada.jpg"))]
    );
    assert!(org.post(common::node(&org, "2")).is_vacant());
    assert_eq!(org.post(common::node(&org, "2")).fte(), Some(1.0));
    assert_eq!(
        org.post(common::node(&org, "4")).cost,
        Some(orgtree::org::Cost::one(65_000.0))
    );
    assert_eq!(extra(&org, "5"), [("stpid".into(), json!(null))]);
    assert_eq!(
        org.meta.source.as_deref(),
        Some("imported from balkan.json (flat JSON, manager in \"pid\")")
    );
    round_trips(&org);
}

#[test]
fn a_d3_list_with_parent_id_and_its_own_title_key() {
    let text = input("d3.json");
    let options = FlatOptions {
        title_key: "positionName".into(),
        ..FlatOptions::default()
    };
    let Imported { org, warnings, .. } = imported(flat("d3.json", &text, &options));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    // An empty parentId is a top post.
    assert_eq!(reports_of(&org, None), ["O-1"]);
    assert_eq!(reports_of(&org, Some("O-1")), ["O-2", "O-3"]);
    assert_eq!(
        &*org.post(common::node(&org, "O-3")).title,
        "Mission sponsor, HMRC"
    );
    assert_eq!(
        extra(&org, "O-1"),
        [
            ("imageUrl".into(), json!("https://example.org/alex.png")),
            ("area".into(), json!("Cabinet Office")),
            ("_directSubordinates".into(), json!(2)),
        ]
    );
    round_trips(&org);
}

#[test]
fn without_its_title_key_a_list_is_titled_by_holders_with_a_warning_each() {
    let text = input("d3.json");
    let Imported { org, warnings, .. } = imported(flat("d3.json", &text, &FlatOptions::default()));
    assert_eq!(
        &*org.post(common::node(&org, "O-2")).title,
        "Peter Schofield"
    );
    assert_eq!(
        lines(&warnings),
        [
            "d3.json:2:3: warning: post 'O-1' has no \"title\"; the holder's name is used as its title",
            "d3.json:11:3: warning: post 'O-2' has no \"title\"; the holder's name is used as its title",
            "d3.json:18:3: warning: post 'O-3' has no \"title\"; the holder's name is used as its title",
        ]
    );
}

#[test]
fn each_known_manager_field_is_found_from_the_first_objects() {
    for key in ["pid", "parentId", "managerId", "parent", "reports_to"] {
        // The top post has no manager field at all; the first report decides.
        let text = format!(
            r#"[{{"id": "a", "title": "A"}},
                {{"id": "b", "{key}": "a", "title": "B", "other": 1}},
                {{"id": "c", "{key}": null, "title": "C"}},
                {{"id": "d", "{key}": "b", "title": "D"}}]"#
        );
        let Imported { org, warnings, .. } =
            imported(flat("t.json", &text, &FlatOptions::default()));
        assert!(warnings.is_empty(), "{key}: {:?}", lines(&warnings));
        assert_eq!(reports_of(&org, None), ["a", "c"], "{key}");
        assert_eq!(common::manager(&org, "d").as_deref(), Some("b"), "{key}");
        // The manager field is read, not kept; the others are kept.
        assert_eq!(extra(&org, "b"), [("other".into(), json!(1))], "{key}");
        assert_eq!(
            org.meta.source.as_deref(),
            Some(format!("imported from t.json (flat JSON, manager in \"{key}\")").as_str())
        );
    }
}

#[test]
fn named_id_and_parent_keys_win_over_the_usual_ones() {
    let text = r#"[
        {"emp": 10, "boss": null, "title": "Chief Executive", "pid": "ignored"},
        {"emp": 11, "boss": 10, "title": "Finance Director", "id": "F1"}
    ]"#;
    let options = FlatOptions {
        id_key: Some("emp".into()),
        parent_key: Some("boss".into()),
        ..FlatOptions::default()
    };
    let Imported { org, warnings, .. } = imported(flat("t.json", text, &options));
    assert_eq!(common::manager(&org, "11").as_deref(), Some("10"));
    assert_eq!(extra(&org, "10"), [("pid".into(), json!("ignored"))]);
    // "id" means the id in orgtree, so the file's other id is kept under another name.
    assert_eq!(extra(&org, "11"), [("imported_id".into(), json!("F1"))]);
    assert_eq!(
        lines(&warnings),
        [
            "t.json:3:68: warning: post '11': \"id\" has another meaning in orgtree; kept as \"imported_id\""
        ]
    );
    round_trips(&org);
}

#[test]
fn unknown_manager_loop_self_report_and_duplicate_id_are_reported_at_their_posts() {
    let text = input("broken-flat.json");
    assert_eq!(
        refused(flat("broken-flat.json", &text, &FlatOptions::default())),
        [
            "broken-flat.json:5:11: error: duplicate id 'cdo' (first used on line 3)",
            "broken-flat.json:6:29: error: post 'dl' reports to unknown post 'pss'",
            "broken-flat.json:7:28: error: reporting loop: 'a' -> 'b' -> 'a' (each reports to the next)",
            "broken-flat.json:9:31: error: post 'self' reports to itself",
        ]
    );
}

#[test]
fn rows_that_cannot_be_posts_are_reported_at_their_place() {
    let text = r#"[
  {"id": "a", "title": "A"},
  "b",
  {"title": "No id", "pid": "a"},
  {"id": true, "title": "Bool id"},
  {"id": "c", "pid": 1.5, "title": "C"},
  {"id": "d", "pid": ["a"], "title": "D"}
]"#;
    assert_eq!(
        refused(flat("t.json", text, &FlatOptions::default())),
        [
            "t.json:3:3: error: post #2 is a string, not an object",
            "t.json:4:3: error: post #3 \"No id\" has no id",
            "t.json:5:10: error: post #4: \"id\" must be a string or an integer, found true",
            "t.json:6:22: error: post 'c': \"pid\" (the manager) must be a post id (a string or an integer), found 1.5",
            "t.json:7:22: error: post 'd': \"pid\" (the manager) must be a post id (a string or an integer), found an array",
        ]
    );
}

#[test]
fn a_list_with_no_manager_field_or_of_another_shape_is_refused() {
    let options = FlatOptions::default();
    assert_eq!(
        refused(flat(
            "t.json",
            r#"[{"id": 1, "title": "A"}, {"id": 2, "title": "B", "boss": 1}]"#,
            &options
        )),
        [
            "t.json:1:1: error: no post has a manager field (\"pid\", \"parentId\", \"managerId\", \"parent\", \"reports_to\"): name the field that holds the manager's id"
        ]
    );
    assert_eq!(
        refused(flat("t.json", r#"{"posts": []}"#, &options)),
        [
            "t.json:1:1: error: a flat chart is a JSON array of posts (objects with an id and their manager's id), found an object"
        ]
    );
    // A single post needs no manager field.
    let one = imported(flat("t.json", r#"[{"id": 1, "title": "A"}]"#, &options));
    assert_eq!(common::ids(&one.org), ["1"]);
}

#[test]
fn a_minified_list_of_20k_posts_imports_with_its_problems_at_their_columns() {
    // All on one line, as JavaScript tools write JSON: each place was counted from the
    // start of the line, so the import took time in the square of the length.
    let posts = 20_000;
    let mut text = String::from("[");
    for i in 1..=posts {
        if i > 1 {
            text.push(',');
        }
        match i {
            1 => write!(text, r#"{{"id":1,"title":"Café 1","name":"Zoë"}}"#),
            // No title: a warning at the start of the object, before the members read.
            7_000 => write!(text, r#"{{"id":{i},"pid":1,"name":"Noé"}}"#),
            // A repeated member: a warning at the repeat, naming the first.
            13_000 => write!(
                text,
                r#"{{"id":{i},"pid":1,"title":"Café {i}","unit":"A","unit":"B"}}"#
            ),
            _ => write!(
                text,
                r#"{{"id":{i},"pid":{},"title":"Café {i}","img":"ü/{i}.png"}}"#,
                i / 2
            ),
        }
        .unwrap();
    }
    text.push(']');
    let Imported { org, warnings, .. } = imported(flat("min.json", &text, &FlatOptions::default()));
    assert_eq!(org.len(), posts);
    assert_eq!(common::manager(&org, "19999").as_deref(), Some("9999"));
    assert_eq!(&*org.post(common::node(&org, "7000")).title, "Noé");
    assert_eq!(
        org.post(common::node(&org, "13000")).unit.as_deref(),
        Some("B")
    );
    let column = |needle: &str| text[..text.find(needle).unwrap()].chars().count() + 1;
    let (untitled, first, repeat) = (
        column(r#"{"id":7000,"#),
        column(r#""A","unit""#),
        column(r#""B"}"#),
    );
    assert_eq!(
        lines(&warnings),
        [
            format!(
                "min.json:1:{untitled}: warning: post '7000' has no \"title\"; the holder's name is used as its title"
            ),
            format!(
                "min.json:1:{repeat}: warning: field \"unit\" appears twice (first at 1:{first}); the last one is used"
            ),
        ]
    );
}

#[test]
fn a_named_manager_field_that_no_post_has_is_refused_with_the_fields_they_have() {
    let text = r#"[
  {"id": 1, "title": "A"},
  {"id": 2, "pid": 1, "title": "B"},
  {"id": 3, "parentId": 1, "title": "C"}
]"#;
    let boss = FlatOptions {
        parent_key: Some("boss".into()),
        ..FlatOptions::default()
    };
    assert_eq!(
        refused(flat("t.json", text, &boss)),
        [
            "t.json:1:1: error: no post has the manager field \"boss\"; manager fields the posts have: \"pid\", \"parentId\""
        ]
    );
    // Without any of the usual manager fields, all the fields found are named.
    let text = r#"[{"id": 1, "title": "A"}, {"id": 2, "title": "B", "chef": 1}]"#;
    assert_eq!(
        refused(flat("t.json", text, &boss)),
        [
            "t.json:1:1: error: no post has the manager field \"boss\"; fields the posts have: \"id\", \"title\", \"chef\""
        ]
    );
    // A single post needs no manager field, named or not.
    let one = imported(flat("t.json", r#"[{"id": 1, "title": "A"}]"#, &boss));
    assert_eq!(common::ids(&one.org), ["1"]);
    // Found on one post is enough: the others are top posts.
    let text = r#"[{"id": 1, "title": "A"}, {"id": 2, "title": "B", "boss": 1}]"#;
    let Imported { org, .. } = imported(flat("t.json", text, &boss));
    assert_eq!(common::manager(&org, "2").as_deref(), Some("1"));
}

#[test]
fn a_named_id_field_that_no_post_has_is_refused_once_with_the_fields_they_have() {
    let text = r#"[
  {"key": "a", "title": "A"},
  {"key": "b", "pid": "a", "title": "B", "x": {"emp": 1}}
]"#;
    let options = FlatOptions {
        id_key: Some("emp".into()),
        ..FlatOptions::default()
    };
    assert_eq!(
        refused(flat("t.json", text, &options)),
        [
            "t.json:1:1: error: no post has the id field \"emp\"; fields the posts have: \"key\", \"title\", \"pid\", \"x\""
        ]
    );
    // Both named fields missing: both said.
    let options = FlatOptions {
        id_key: Some("emp".into()),
        parent_key: Some("boss".into()),
        ..FlatOptions::default()
    };
    assert_eq!(
        refused(flat("t.json", text, &options)),
        [
            "t.json:1:1: error: no post has the id field \"emp\"; fields the posts have: \"key\", \"title\", \"pid\", \"x\"",
            "t.json:1:1: error: no post has the manager field \"boss\"; manager fields the posts have: \"pid\"",
        ]
    );
}

#[test]
fn a_balkan_sub_tree_link_is_read_as_a_top_post_with_a_warning() {
    let text = input("balkan-subtree.json");
    let Imported { org, warnings, .. } =
        imported(flat("balkan-subtree.json", &text, &FlatOptions::default()));
    assert_eq!(reports_of(&org, None), ["1", "10", "12"]);
    assert_eq!(reports_of(&org, Some("10")), ["11"]);
    // The link is kept, to be found again.
    assert_eq!(extra(&org, "10"), [("stpid".into(), json!(2))]);
    assert_eq!(extra(&org, "12"), [("stpid".into(), json!(null))]);
    assert_eq!(
        lines(&warnings),
        [
            "balkan-subtree.json:4:24: warning: post '10' has a sub-tree parent (\"stpid\": 2) and no manager (\"pid\"): orgtree has no sub-trees, so it is read as a top post; \"stpid\" is kept as a field"
        ]
    );
    round_trips(&org);
}

#[test]
fn every_problem_is_an_error_or_a_warning_with_a_place() {
    let text = input("broken-flat.json");
    let problems = flat("broken-flat.json", &text, &FlatOptions::default()).unwrap_err();
    assert!(problems.iter().all(|found| found.problem.position.is_some()
        && found.problem.severity == Severity::Error
        && found.file == "broken-flat.json"));
}

// The command line.

/// The path of an input file from the fixtures folder, where the binary runs.
fn cli_input(name: &str) -> String {
    format!("../tests/import/{name}")
}

#[test]
fn orgtree_import_nested_writes_a_chart_that_checks_clean() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let out = out.to_str().expect("a UTF-8 path");
    let file = cli_input("dabeng-no-ids.json");
    let run = orgtree(&["import", "nested", &file, "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "{file}:15:5: warning: post #7 has no \"title\"; the holder's name is used as its title\n\
             orgtree: imported 7 posts from {file}; wrote {out}\n"
        )
    );
    let check = orgtree(&["check", out]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("7 posts, 1 top post, no problems"),
        "{}",
        check.stdout
    );
    let print = orgtree(&["print", "--ascii", out]);
    assert!(
        print
            .stdout
            .contains("Chief Digital Officer (Liam Maxwell)"),
        "{}",
        print.stdout
    );
    // The file is what the library makes of the same input.
    let library = imported(nested(
        &file,
        &input("dabeng-no-ids.json"),
        &NestedOptions::default(),
    ));
    let written = std::fs::read_to_string(out).expect("the chart");
    assert_eq!(written, save::to_json(&library.org));
}

#[test]
fn orgtree_import_nested_takes_the_keys_it_is_given() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let out = out.to_str().expect("a UTF-8 path");
    let file = cli_input("custom-keys.json");
    let run = orgtree(&[
        "import",
        "nested",
        &file,
        "-o",
        out,
        "--children-key",
        "reports",
        "--title-key",
        "role",
        "--holder-key",
        "person",
        "--id-key",
        "key",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let chart: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).expect("the chart")).expect("JSON");
    assert_eq!(
        chart["posts"][3],
        json!({
            "id": "mission-sponsor",
            "title": "Mission sponsor",
            "reports_to": "coo",
            "holder": "Jim Harra",
            "name": "HMRC"
        })
    );
}

#[test]
fn orgtree_import_flat_finds_the_manager_field_and_takes_a_title_key() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let out = out.to_str().expect("a UTF-8 path");
    let file = cli_input("d3.json");
    let run = orgtree(&[
        "import",
        "flat",
        &file,
        "-o",
        out,
        "--title-key",
        "positionName",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("orgtree: imported 3 posts from {file}; wrote {out}\n")
    );
    assert_eq!(orgtree(&["check", out]).code, 0);
    let print = orgtree(&["print", "--ascii", out]);
    assert!(
        print
            .stdout
            .starts_with("Civil Service Chief Operating Officer (Alex Chisholm)  [2/2]\n"),
        "{}",
        print.stdout
    );
}

#[test]
fn orgtree_import_flat_reports_every_problem_and_writes_nothing() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let out = out.to_str().expect("a UTF-8 path");
    let file = cli_input("broken-flat.json");
    let run = orgtree(&[
        "import",
        "flat",
        &file,
        "-o",
        out,
        "--parent-key",
        "parentId",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected: Vec<String> = refused(flat(
        &file,
        &input("broken-flat.json"),
        &FlatOptions::default(),
    ))
    .into_iter()
    .chain(["orgtree: nothing was written".to_owned()])
    .collect();
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), expected);
    assert!(run.stderr.starts_with(&format!(
        "{file}:5:11: error: duplicate id 'cdo' (first used on line 3)\n"
    )));
    assert!(!std::path::Path::new(out).exists());
}
