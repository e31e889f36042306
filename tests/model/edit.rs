//! The what-if engine through the library: every refused edit (with its exact error, and the
//! chart left exactly as it was), the effect of each kind of edit and that its undo gives
//! back the chart it started from, undo and redo in a history, and change scripts as JSON.

use crate::common;
use common::manager;

use orgtree::edit::script::{self, read, replay, write};
use orgtree::edit::{Edit, EditError, History, Reports, apply};
use orgtree::org::{Cost, Org, OrgError, Position, Post, PostId, save};
use orgtree::read::{LoadOptions, load_path, load_str};
use serde_json::{Value, json};

/// A small chart with everything the edits touch:
///
/// ```text
/// ceo (Ann)                      board
/// ├── cto (Bob, SCS2, x_a, x_b)
/// │   ├── dev
/// │   └── ops  ..> cfo
/// │       └── sre
/// ├── cfo  ..> ceo "sponsor", ..> dev
/// └── hr   ..> ops, ..> cfo, ..> sre
/// ```
const CHART: &str = r#"{
  "orgtree": 1,
  "name": "Test",
  "as_of": "2020-01-01",
  "x_meta": 1,
  "x_more": "two",
  "posts": [
    {"id": "ceo", "title": "Chief Executive", "holder": "Ann"},
    {"id": "cto", "title": "CTO", "reports_to": "ceo", "holder": "Bob", "grade": "SCS2",
     "x_a": 1, "x_b": "two"},
    {"id": "dev", "title": "Head of Development", "reports_to": "cto"},
    {"id": "ops", "title": "Head of Operations", "reports_to": "cto",
     "dotted": [{"to": "cfo"}]},
    {"id": "sre", "title": "SRE Lead", "reports_to": "ops", "holder": "Sam"},
    {"id": "cfo", "title": "CFO", "reports_to": "ceo",
     "dotted": [{"to": "ceo", "label": "sponsor"}, {"to": "dev"}]},
    {"id": "hr", "title": "HR Director", "reports_to": "ceo",
     "dotted": [{"to": "ops"}, {"to": "cfo"}, {"to": "sre"}]},
    {"id": "board", "title": "Board"}
  ]
}"#;

fn chart() -> Org {
    let loaded = load_str(CHART, LoadOptions::default()).expect("the test chart loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.org
}

fn fixture(name: &str) -> Org {
    load_path(&common::fixtures().join(name), LoadOptions::default())
        .expect("the fixture loads")
        .org
}

fn node(org: &Org, id: &str) -> orgtree::org::NodeIndex {
    org.find(id).unwrap_or_else(|| panic!("no post {id}"))
}

fn post<'o>(org: &'o Org, id: &str) -> &'o Post {
    org.post(node(org, id))
}

fn names(org: &Org, nodes: &[orgtree::org::NodeIndex]) -> Vec<String> {
    nodes
        .iter()
        .map(|&n| org.post(n).id().as_str().to_owned())
        .collect()
}

fn reports(org: &Org, id: &str) -> Vec<String> {
    names(org, org.reports(node(org, id)))
}

fn tops(org: &Org) -> Vec<String> {
    names(org, org.tops())
}

/// The dotted lines of a post, as `to` or `to:label`.
fn dotted(org: &Org, id: &str) -> Vec<String> {
    post(org, id)
        .dotted
        .iter()
        .map(|line| match &line.label {
            Some(label) => format!("{}:{label}", line.to.as_str()),
            None => line.to.as_str().to_owned(),
        })
        .collect()
}

fn extra(org: &Org, id: &str) -> Vec<(String, Value)> {
    post(org, id)
        .extra
        .iter()
        .map(|(key, value)| (key.to_string(), value.clone()))
        .collect()
}

/// Asserts that `edit` is refused on the test chart with `error`, whose message is `message`,
/// and that the chart is left exactly as it was.
fn refused(edit: &Edit, error: &EditError, message: &str) {
    refused_on(chart(), edit, error, message);
}

fn refused_on(mut org: Org, edit: &Edit, error: &EditError, message: &str) {
    let before = org.clone();
    let text = save::to_json(&org);
    let got = apply(&mut org, edit).expect_err("the edit is refused");
    assert_eq!(&got, error, "{edit:?}");
    assert_eq!(got.to_string(), message, "{edit:?}");
    assert!(org == before, "a refused edit changed the chart: {edit:?}");
    assert_eq!(save::to_json(&org), text, "{edit:?}");
}

/// Does `edit` to the test chart and checks that its undo gives back the chart, and that
/// doing the edit again after the undo gives the same result. Gives the chart after the
/// edit, and the undo.
fn done(edit: &Edit) -> (Org, Edit) {
    done_on(&chart(), edit)
}

fn done_on(start: &Org, edit: &Edit) -> (Org, Edit) {
    let mut org = start.clone();
    let undo = apply(&mut org, edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    let after = org.clone();
    assert!(
        after != *start || is_no_op(edit),
        "{edit:?} changed nothing"
    );
    let redo = apply(&mut org, &undo).unwrap_or_else(|e| panic!("undo of {edit:?}: {e}"));
    assert!(
        org == *start,
        "undoing {edit:?} with {undo:?} did not give back the chart"
    );
    assert_eq!(save::to_json(&org), save::to_json(start), "{edit:?}");
    // The undo of the undo does the edit again.
    apply(&mut org, &redo).unwrap_or_else(|e| panic!("redo of {edit:?}: {e}"));
    assert!(
        org == after,
        "redoing {edit:?} with {redo:?} gave another chart"
    );
    // What was done must load back as it is.
    let loaded = load_str(&save::to_json(&after), LoadOptions::default())
        .unwrap_or_else(|e| panic!("{edit:?}: {:?}", e.problems()));
    assert!(
        loaded.org == after,
        "{edit:?}: save then load changed the chart"
    );
    (after, undo)
}

fn is_no_op(edit: &Edit) -> bool {
    matches!(edit, Edit::Set { value: Value::Null, field, .. } if field == "x_none")
}

fn mv(post: &str, under: Option<&str>, position: Option<usize>) -> Edit {
    Edit::Move {
        post: post.into(),
        under: under.map(Into::into),
        position,
    }
}

fn add(under: Option<&str>, position: Option<usize>, post: Value) -> Edit {
    Edit::Add {
        under: under.map(Into::into),
        position,
        post,
    }
}

fn close(post: &str, reports: Reports) -> Edit {
    Edit::Close {
        post: post.into(),
        reports,
    }
}

fn set(post: &str, field: &str, value: Value) -> Edit {
    Edit::Set {
        post: post.into(),
        field: field.into(),
        value,
        keep_null: false,
        as_written: false,
    }
}

fn chart_field(field: &str, value: Value) -> Edit {
    Edit::Chart {
        field: field.into(),
        value,
        keep_null: false,
        as_written: false,
    }
}

fn unknown(id: &str) -> EditError {
    EditError::UnknownPost(id.into())
}

// ---------------------------------------------------------------------------------------
// Refused edits

#[test]
fn every_edit_of_an_unknown_post_is_refused() {
    let edits = [
        mv("nope", Some("ceo"), None),
        mv("nope", None, Some(0)),
        close("nope", Reports::Up),
        close("nope", Reports::Close),
        Edit::Retitle {
            post: "nope".into(),
            title: "New".into(),
        },
        Edit::Holder {
            post: "nope".into(),
            holder: Some("Zoe".into()),
        },
        Edit::Holder {
            post: "nope".into(),
            holder: None,
        },
        set("nope", "grade", json!("G6")),
        Edit::Dotted {
            post: "nope".into(),
            to: "ceo".into(),
            label: None,
        },
        Edit::Undotted {
            post: "nope".into(),
            to: "ceo".into(),
        },
    ];
    for edit in &edits {
        refused(edit, &unknown("nope"), "there is no post 'nope'");
    }
}

#[test]
fn ids_are_matched_exactly() {
    // Not case-folded, not trimmed.
    refused(
        &close("CTO", Reports::Up),
        &unknown("CTO"),
        "there is no post 'CTO'",
    );
    refused(
        &close(" cto", Reports::Up),
        &unknown(" cto"),
        "there is no post ' cto'",
    );
}

#[test]
fn a_move_or_an_add_under_an_unknown_post_is_refused() {
    refused(
        &mv("dev", Some("nope"), None),
        &unknown("nope"),
        "there is no post 'nope'",
    );
    refused(
        &add(Some("nope"), Some(0), json!({"id": "new", "title": "New"})),
        &unknown("nope"),
        "there is no post 'nope'",
    );
}

#[test]
fn a_dotted_line_to_an_unknown_post_is_refused() {
    let message = "there is no post 'nope'";
    refused(
        &Edit::Dotted {
            post: "cto".into(),
            to: "nope".into(),
            label: Some("x".into()),
        },
        &unknown("nope"),
        message,
    );
    refused(
        &set("cto", "dotted", json!([{"to": "ceo"}, {"to": "nope"}])),
        &unknown("nope"),
        message,
    );
    refused(
        &add(
            Some("ceo"),
            None,
            json!({"id": "new", "title": "New", "dotted": [{"to": "nope"}]}),
        ),
        &unknown("nope"),
        message,
    );
}

#[test]
fn a_move_under_its_own_team_or_itself_is_refused() {
    for (under, message) in [
        (
            "dev",
            "post 'cto' cannot report to 'dev', which is in its own team",
        ),
        (
            "sre",
            "post 'cto' cannot report to 'sre', which is in its own team",
        ),
        (
            "cto",
            "post 'cto' cannot report to 'cto', which is in its own team",
        ),
    ] {
        for position in [None, Some(0)] {
            refused(
                &mv("cto", Some(under), position),
                &EditError::Org(OrgError::IntoOwnTeam {
                    post: PostId::from("cto"),
                    manager: PostId::from(under),
                }),
                message,
            );
        }
    }
    // The top of a whole tree under its deepest post.
    refused(
        &mv("ceo", Some("sre"), None),
        &EditError::Org(OrgError::IntoOwnTeam {
            post: PostId::from("ceo"),
            manager: PostId::from("sre"),
        }),
        "post 'ceo' cannot report to 'sre', which is in its own team",
    );
}

#[test]
fn an_add_with_an_id_in_use_is_refused() {
    for id in ["cto", "board", "sre"] {
        refused(
            &add(Some("ceo"), None, json!({"id": id, "title": "Again"})),
            &EditError::Org(OrgError::DuplicateId(PostId::from(id))),
            &format!("a post with id '{id}' already exists"),
        );
    }
    // An integer id is its decimal text, as in a chart file.
    let mut org = chart();
    apply(
        &mut org,
        &add(None, None, json!({"id": "7", "title": "Seven"})),
    )
    .unwrap();
    refused_on(
        org,
        &add(None, None, json!({"id": 7, "title": "Seven again"})),
        &EditError::Org(OrgError::DuplicateId(PostId::from("7"))),
        "a post with id '7' already exists",
    );
}

#[test]
fn an_add_with_an_empty_id_says_so_in_its_own_words() {
    // Said in the edit's own words, not the loader's ("post #1 ..." would name the post's
    // place in the one-post chart built to read it, which the user never sees).
    refused(
        &add(Some("ceo"), None, json!({"id": "", "title": "Nobody"})),
        &EditError::EmptyId,
        "an id cannot be empty",
    );
}

#[test]
fn an_add_without_a_title_is_refused_and_a_blank_one_is_taken_as_a_file_takes_it() {
    // A chart file may give a blank title (the loader takes it), so a script that adds such
    // a post, as `diff --script` may write, must be able to.
    for title in ["", " ", "\t \n"] {
        let (org, _) = done(&add(
            Some("ceo"),
            None,
            json!({"id": "new", "title": title}),
        ));
        assert_eq!(&*org.post(node(&org, "new")).title, title);
    }
    refused(
        &add(Some("ceo"), None, json!({"id": "new"})),
        &EditError::Invalid("post 'new' has no title".into()),
        "post 'new' has no title",
    );
    refused(
        &add(Some("ceo"), None, json!({"id": "new", "title": null})),
        &EditError::Invalid("post 'new' has no title".into()),
        "post 'new' has no title",
    );
}

#[test]
fn an_add_that_names_a_manager_in_the_post_is_refused() {
    let message = "a post's manager is changed by moving it, not by setting \"reports_to\"";
    for reports_to in [json!("cto"), json!("nope"), json!(""), json!(3)] {
        refused(
            &add(
                Some("ceo"),
                None,
                json!({"id": "new", "title": "New", "reports_to": reports_to}),
            ),
            &EditError::ManagerBySet,
            message,
        );
    }
}

#[test]
fn an_add_of_something_other_than_a_post_object_is_refused() {
    refused(
        &add(None, None, json!(["new"])),
        &EditError::Invalid("a post must be a JSON object, not an array".into()),
        "a post must be a JSON object, not an array",
    );
    refused(
        &add(None, None, json!("new")),
        &EditError::Invalid("a post must be a JSON object, not a string".into()),
        "a post must be a JSON object, not a string",
    );
    refused(
        &add(
            None,
            None,
            json!({"id": "new", "title": "New", "fte": "lots"}),
        ),
        &EditError::Invalid(
            "post 'new': \"fte\" must be a non-negative number, found \"lots\"".into(),
        ),
        "post 'new': \"fte\" must be a non-negative number, found \"lots\"",
    );
}

#[test]
fn a_retitle_to_a_blank_title_is_refused() {
    for title in ["", "   ", "\t"] {
        refused(
            &Edit::Retitle {
                post: "cto".into(),
                title: title.into(),
            },
            &EditError::EmptyTitle,
            "a title cannot be empty",
        );
    }
    // Setting the field "title" takes what a chart file may hold, a blank title too; only
    // taking the title away is refused.
    for value in [json!(""), json!("  ")] {
        let (org, _) = done(&set("cto", "title", value.clone()));
        assert_eq!(Some(&*org.post(node(&org, "cto")).title), value.as_str());
    }
    refused(
        &set("cto", "title", Value::Null),
        &EditError::EmptyTitle,
        "a title cannot be empty",
    );
}

#[test]
fn the_id_and_the_manager_cannot_be_set() {
    for value in [json!("cto2"), Value::Null, json!(5)] {
        refused(
            &set("cto", "id", value.clone()),
            &EditError::FixedId,
            "the id of a post cannot be changed; add a new post and close the old one",
        );
        refused(
            &set("cto", "reports_to", value),
            &EditError::ManagerBySet,
            "a post's manager is changed by moving it, not by setting \"reports_to\"",
        );
    }
}

#[test]
fn a_field_of_the_wrong_type_is_refused_with_the_loaders_words() {
    let cases = [
        (
            "fte",
            json!("abc"),
            "post 'cto': \"fte\" must be a non-negative number, found \"abc\"",
        ),
        (
            "fte",
            json!(-1),
            "post 'cto': \"fte\" must be a non-negative number, found -1",
        ),
        (
            "cost",
            json!(true),
            "post 'cto': \"cost\" must be a non-negative number, or {\"min\": N, \"max\": N} with min at most max, found true",
        ),
        (
            "tags",
            json!([1]),
            "post 'cto': \"tags\" must be an array of strings, found an array",
        ),
        (
            "title",
            json!(5),
            "post 'cto': \"title\" must be a string, found 5",
        ),
        (
            "staff",
            json!([{"title": "Analysts", "fte": "x"}]),
            "post 'cto', staff group 1: \"fte\" must be a non-negative number, found \"x\"",
        ),
    ];
    for (field, value, message) in cases {
        refused(
            &set("cto", field, value),
            &EditError::Invalid(message.into()),
            message,
        );
    }
}

#[test]
fn undotted_without_such_a_line_is_refused() {
    // cto has no dotted lines; cfo has one to ceo, but ceo none to cfo; hr none to dev.
    for (from, to) in [
        ("cto", "ceo"),
        ("ceo", "cfo"),
        ("hr", "dev"),
        ("hr", "nope"),
    ] {
        refused(
            &Edit::Undotted {
                post: from.into(),
                to: to.into(),
            },
            &EditError::NoDottedLine {
                post: from.into(),
                to: to.into(),
            },
            &format!("post '{from}' has no dotted line to '{to}'"),
        );
    }
}

#[test]
fn the_format_version_and_the_posts_are_not_chart_fields() {
    for (field, value) in [
        ("orgtree", json!(2)),
        ("orgtree", Value::Null),
        ("posts", json!([])),
        ("posts", Value::Null),
    ] {
        refused(
            &chart_field(field, value),
            &EditError::FixedChartField(field.into()),
            &format!("\"{field}\" is not a field of the chart's description that can be set"),
        );
    }
    refused(
        &chart_field("name", json!(3)),
        &EditError::Invalid("\"name\" must be a string, found 3".into()),
        "\"name\" must be a string, found 3",
    );
}

#[test]
fn messages_escape_text_that_could_act_on_a_terminal() {
    let id = "evil\u{1b}[2J";
    let got = apply(&mut chart(), &close(id, Reports::Up)).unwrap_err();
    assert_eq!(got, unknown(id));
    assert!(!got.to_string().contains('\u{1b}'), "{got}");
}

#[test]
fn a_refused_edit_leaves_a_fixture_unchanged_too() {
    let org = fixture("home-office-technology-before-coo.json");
    let top = names(&org, org.tops())[0].clone();
    let first = names(&org, org.reports(node(&org, &top)))[0].clone();
    refused_on(
        org,
        &mv(&top, Some(&first), None),
        &EditError::Org(OrgError::IntoOwnTeam {
            post: PostId::from(top.as_str()),
            manager: PostId::from(first.as_str()),
        }),
        &format!("post '{top}' cannot report to '{first}', which is in its own team"),
    );
}

// ---------------------------------------------------------------------------------------
// What each edit does, and its undo

#[test]
fn a_move_takes_the_team_to_a_place_among_its_new_siblings() {
    let (org, undo) = done(&mv("ops", Some("ceo"), Some(1)));
    assert_eq!(reports(&org, "ceo"), ["cto", "ops", "cfo", "hr"]);
    assert_eq!(reports(&org, "cto"), ["dev"]);
    assert_eq!(
        reports(&org, "ops"),
        ["sre"],
        "the team moves with its head"
    );
    assert_eq!(manager(&org, "sre").as_deref(), Some("ops"));
    assert_eq!(undo, mv("ops", Some("cto"), Some(1)));
    // Dotted lines do not move with anything.
    assert_eq!(dotted(&org, "ops"), ["cfo"]);
    assert_eq!(dotted(&org, "hr"), ["ops", "cfo", "sre"]);
}

#[test]
fn a_move_without_a_position_goes_last() {
    let (org, undo) = done(&mv("cto", Some("cfo"), None));
    assert_eq!(reports(&org, "cfo"), ["cto"]);
    assert_eq!(reports(&org, "ceo"), ["cfo", "hr"]);
    assert_eq!(
        org.chain_to_top(node(&org, "sre"))
            .map(|n| org.post(n).id().as_str())
            .collect::<Vec<_>>(),
        ["ops", "cto", "cfo", "ceo"]
    );
    assert_eq!(undo, mv("cto", Some("ceo"), Some(0)));

    let (org, _) = done(&mv("dev", Some("ops"), None));
    assert_eq!(reports(&org, "ops"), ["sre", "dev"]);
}

#[test]
fn a_position_past_the_end_means_last() {
    let (org, undo) = done(&mv("dev", Some("ops"), Some(99)));
    assert_eq!(reports(&org, "ops"), ["sre", "dev"]);
    assert_eq!(undo, mv("dev", Some("cto"), Some(0)));
}

#[test]
fn a_move_among_the_same_siblings_reorders_them() {
    let (org, undo) = done(&mv("hr", Some("ceo"), Some(0)));
    assert_eq!(reports(&org, "ceo"), ["hr", "cto", "cfo"]);
    assert_eq!(undo, mv("hr", Some("ceo"), Some(2)));

    let (org, _) = done(&mv("cto", Some("ceo"), None));
    assert_eq!(reports(&org, "ceo"), ["cfo", "hr", "cto"]);
}

#[test]
fn a_move_to_the_top() {
    let (org, undo) = done(&mv("cto", None, Some(0)));
    assert_eq!(tops(&org), ["cto", "ceo", "board"]);
    assert_eq!(manager(&org, "cto"), None);
    assert_eq!(reports(&org, "cto"), ["dev", "ops"]);
    assert_eq!(undo, mv("cto", Some("ceo"), Some(0)));

    let (org, _) = done(&mv("sre", None, None));
    assert_eq!(tops(&org), ["ceo", "board", "sre"]);
    assert!(reports(&org, "ops").is_empty());

    // A top post moved under another post, and back to the top at its place.
    let (org, undo) = done(&mv("ceo", Some("board"), None));
    assert_eq!(tops(&org), ["board"]);
    assert_eq!(reports(&org, "board"), ["ceo"]);
    assert_eq!(undo, mv("ceo", None, Some(0)));
}

#[test]
fn an_add_under_a_manager_at_a_position() {
    let new = json!({
        "id": "coo",
        "title": "Chief Operating Officer",
        "holder": null,
        "grade": "SCS2",
        "fte": 0.8,
        "cost": 120_000,
        "staff": [{"title": "Apprentices", "fte": 100}],
        "tags": ["new"],
        "dotted": [{"to": "cfo", "label": "finance"}],
        "x_new": [1, {"a": null}]
    });
    let (org, undo) = done(&add(Some("cto"), Some(1), new));
    assert_eq!(reports(&org, "cto"), ["dev", "coo", "ops"]);
    assert_eq!(manager(&org, "coo").as_deref(), Some("cto"));
    assert_eq!(org.len(), 9);
    let coo = post(&org, "coo");
    assert_eq!(&*coo.title, "Chief Operating Officer");
    assert!(coo.is_vacant());
    assert_eq!(coo.grade.as_deref(), Some("SCS2"));
    assert_eq!(coo.fte(), Some(0.8));
    assert_eq!(coo.cost, Some(Cost::one(120_000.0)));
    assert_eq!(coo.staff.len(), 1);
    assert_eq!(coo.staff[0].fte, Some(100.0));
    assert_eq!(
        coo.tags
            .iter()
            .map(orgtree::org::Text::as_str)
            .collect::<Vec<_>>(),
        ["new"]
    );
    assert_eq!(dotted(&org, "coo"), ["cfo:finance"]);
    assert_eq!(
        extra(&org, "coo"),
        [("x_new".into(), json!([1, {"a": null}]))]
    );
    assert_eq!(undo, close("coo", Reports::Up));
}

#[test]
fn an_add_as_a_top_post() {
    let (org, undo) = done(&add(None, None, json!({"id": "audit", "title": "Audit"})));
    assert_eq!(tops(&org), ["ceo", "board", "audit"]);
    assert_eq!(manager(&org, "audit"), None);
    assert_eq!(undo, close("audit", Reports::Up));

    let (org, _) = done(&add(
        None,
        Some(0),
        json!({"id": "audit", "title": "Audit"}),
    ));
    assert_eq!(tops(&org), ["audit", "ceo", "board"]);
}

#[test]
fn an_add_reads_the_post_as_a_chart_file_would() {
    // An integer id is its decimal text; a null manager is no manager; a blank holder is
    // vacant (with the loader's warning, not an error); a dotted line to itself is allowed.
    let (org, _) = done(&add(
        Some("ceo"),
        None,
        json!({"id": 42, "title": "Answer", "reports_to": null, "holder": "  ",
               "dotted": [{"to": 42}]}),
    ));
    assert_eq!(reports(&org, "ceo"), ["cto", "cfo", "hr", "42"]);
    assert!(post(&org, "42").is_vacant());
    assert_eq!(dotted(&org, "42"), ["42"]);
}

#[test]
fn a_close_with_reports_up_puts_them_in_its_place_in_order() {
    let (org, undo) = done(&close("cto", Reports::Up));
    assert_eq!(org.len(), 7);
    assert!(org.find("cto").is_none());
    assert_eq!(reports(&org, "ceo"), ["dev", "ops", "cfo", "hr"]);
    assert_eq!(
        reports(&org, "ops"),
        ["sre"],
        "the reports keep their teams"
    );
    assert!(matches!(&undo, Edit::Reopen(reopen) if reopen.returning.len() == 2));

    // A post in the middle of its siblings.
    let (org, _) = done(&close("ops", Reports::Up));
    assert_eq!(reports(&org, "cto"), ["dev", "sre"]);

    // A top post: its reports become top posts where it stood.
    let (org, _) = done(&close("ceo", Reports::Up));
    assert_eq!(tops(&org), ["cto", "cfo", "hr", "board"]);

    // A post with no reports.
    let (org, undo) = done(&close("dev", Reports::Up));
    assert_eq!(reports(&org, "cto"), ["ops"]);
    assert!(matches!(&undo, Edit::Reopen(reopen) if reopen.returning.is_empty()));
}

#[test]
fn a_close_with_reports_up_removes_the_dotted_lines_to_it_and_its_undo_restores_them() {
    let (org, _) = done(&close("ops", Reports::Up));
    // hr's line to ops goes; the one to sre (which stays) is kept; ops's own line went with
    // ops and cfo is untouched.
    assert_eq!(dotted(&org, "hr"), ["cfo", "sre"]);
    assert_eq!(dotted(&org, "cfo"), ["ceo:sponsor", "dev"]);

    // A line in the middle of a list comes back at its index.
    let (org, _) = done(&close("cfo", Reports::Up));
    assert_eq!(dotted(&org, "hr"), ["ops", "sre"]);
    assert_eq!(dotted(&org, "ops"), Vec::<String>::new());

    // The lines of the closed post itself to others come back with it (done() checks that
    // the undo gives the whole chart back, the closed post's fields included).
    let (org, _) = done(&close("ceo", Reports::Up));
    assert_eq!(dotted(&org, "cfo"), ["dev"]);
}

#[test]
fn a_close_of_the_whole_team_removes_it_and_every_dotted_line_into_it() {
    let (org, undo) = done(&close("cto", Reports::Close));
    assert_eq!(org.len(), 4);
    for gone in ["cto", "dev", "ops", "sre"] {
        assert!(org.find(gone).is_none(), "{gone} is still there");
    }
    assert_eq!(reports(&org, "ceo"), ["cfo", "hr"]);
    // hr's lines to ops and sre (around the one to cfo) and cfo's to dev are gone.
    assert_eq!(dotted(&org, "hr"), ["cfo"]);
    assert_eq!(dotted(&org, "cfo"), ["ceo:sponsor"]);
    let Edit::Reopen(reopen) = &undo else {
        panic!("the undo of a close is a reopen: {undo:?}")
    };
    assert_eq!(
        reopen
            .posts
            .iter()
            .map(|(post, manager, at)| format!(
                "{}<{}@{at}",
                post.id().as_str(),
                manager.as_ref().map_or("-", PostId::as_str)
            ))
            .collect::<Vec<_>>(),
        ["cto<ceo@0", "dev<cto@0", "ops<cto@1", "sre<ops@0"]
    );
    assert_eq!(reopen.dotted_in.len(), 3);
    for (source, at, line) in &reopen.dotted_in {
        let original = chart();
        assert_eq!(&post(&original, source.as_str()).dotted[*at], line);
    }

    // A whole tree from the top.
    let (org, _) = done(&close("ceo", Reports::Close));
    assert_eq!(tops(&org), ["board"]);
    assert_eq!(org.len(), 1);

    // A single post closes as a team of one.
    let (org, _) = done(&close("sre", Reports::Close));
    assert!(reports(&org, "ops").is_empty());
    assert_eq!(dotted(&org, "hr"), ["ops", "cfo"]);
}

#[test]
fn closing_any_post_of_a_fixture_either_way_is_undone_exactly() {
    // Close, then undo, on every chart (most have dotted lines), for every post both ways.
    for name in &common::charts() {
        let start = fixture(name);
        let ids: Vec<String> = start
            .posts()
            .map(|n| start.post(n).id().as_str().to_owned())
            .collect();
        for id in &ids {
            for reports in [Reports::Up, Reports::Close] {
                done_on(&start, &close(id, reports));
            }
        }
    }
}

#[test]
fn a_retitle() {
    let (org, undo) = done(&Edit::Retitle {
        post: "cto".into(),
        title: "Chief Technology Officer ✓".into(),
    });
    assert_eq!(&*post(&org, "cto").title, "Chief Technology Officer ✓");
    assert!(matches!(&undo, Edit::RestoreKnown(back) if &*back.was.title == "CTO"));
    // Nothing else of the post changes.
    assert_eq!(post(&org, "cto").holder.name(), Some("Bob"));
    assert_eq!(extra(&org, "cto").len(), 2);
}

#[test]
fn a_holder_set_and_vacated() {
    let (org, _) = done(&Edit::Holder {
        post: "dev".into(),
        holder: Some("Dana Okafor".into()),
    });
    assert_eq!(post(&org, "dev").holder.name(), Some("Dana Okafor"));
    assert!(!post(&org, "dev").is_vacant());

    let (org, undo) = done(&Edit::Holder {
        post: "cto".into(),
        holder: None,
    });
    assert!(post(&org, "cto").is_vacant());
    assert!(matches!(&undo, Edit::RestoreKnown(back) if back.was.holder.name() == Some("Bob")));

    // Vacating a vacant post is done (and undone) too.
    let mut org = chart();
    let undo = apply(
        &mut org,
        &Edit::Holder {
            post: "dev".into(),
            holder: None,
        },
    )
    .unwrap();
    assert!(org == chart());
    apply(&mut org, &undo).unwrap();
    assert!(org == chart());
}

#[test]
fn a_blank_holder_is_vacant_as_a_chart_file_reads_it() {
    // A chart file with a blank holder is read as vacant, so the edit vacates too: else the
    // chart saved after it would load back different.
    for blank in ["", " ", "\t "] {
        let mut org = chart();
        apply(
            &mut org,
            &Edit::Holder {
                post: "cto".into(),
                holder: Some(blank.into()),
            },
        )
        .unwrap();
        let mut by_set = chart();
        apply(&mut by_set, &set("cto", "holder", json!(blank))).unwrap();
        assert!(post(&by_set, "cto").is_vacant());
        let reloaded = load_str(&save::to_json(&org), LoadOptions::default())
            .unwrap()
            .org;
        assert!(
            post(&org, "cto").is_vacant(),
            "holder {blank:?} leaves the post filled by {:?}",
            post(&org, "cto").holder
        );
        assert!(
            reloaded == org,
            "holder {blank:?}: save then load changed the chart"
        );
    }
}

#[test]
fn a_set_of_a_known_field() {
    let (org, undo) = done(&set("cto", "grade", json!("SCS3")));
    assert_eq!(post(&org, "cto").grade.as_deref(), Some("SCS3"));
    assert!(matches!(&undo, Edit::RestoreKnown(back) if back.was.grade.as_deref() == Some("SCS2")));

    let (org, _) = done(&set("dev", "fte", json!(0.5)));
    assert_eq!(post(&org, "dev").fte(), Some(0.5));
    let (org, _) = done(&set("dev", "cost", json!(65000)));
    assert_eq!(post(&org, "dev").cost, Some(Cost::one(65_000.0)));
    // A pay band is a range; one whose ends are equal is one figure.
    let (org, _) = done(&set("dev", "cost", json!({"min": 60000, "max": 65000})));
    assert_eq!(post(&org, "dev").cost, Cost::range(60_000.0, 65_000.0));
    let (org, _) = done(&set("dev", "cost", json!({"min": 6e4, "max": 60000})));
    assert_eq!(post(&org, "dev").cost, Some(Cost::one(60_000.0)));
    let (org, _) = done(&set("dev", "unit", json!("Digital")));
    assert_eq!(post(&org, "dev").unit.as_deref(), Some("Digital"));
    let (org, _) = done(&set("dev", "note", json!("Acting")));
    assert_eq!(post(&org, "dev").note.as_deref(), Some("Acting"));
    let (org, _) = done(&set("dev", "tags", json!(["a", "b"])));
    assert_eq!(
        post(&org, "dev")
            .tags
            .iter()
            .map(orgtree::org::Text::as_str)
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    let (org, _) = done(&set(
        "dev",
        "staff",
        json!([{"title": "Developers", "grade": "SEO", "fte": 12, "cost": 540_000}]),
    ));
    let staff = &post(&org, "dev").staff;
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].title.as_deref(), Some("Developers"));
    assert_eq!(staff[0].fte, Some(12.0));
    let (org, _) = done(&set("cto", "holder", json!("Carol")));
    assert_eq!(post(&org, "cto").holder.name(), Some("Carol"));
    let (org, _) = done(&set("cto", "title", json!("Chief Technology Officer")));
    assert_eq!(&*post(&org, "cto").title, "Chief Technology Officer");
    let (org, _) = done(&set(
        "hr",
        "dotted",
        json!([{"to": "board", "label": "audit"}]),
    ));
    assert_eq!(dotted(&org, "hr"), ["board:audit"]);
    // Only the field set changes.
    let (mut expected, mut changed) = (post(&chart(), "hr").clone(), post(&org, "hr").clone());
    expected.dotted.clear();
    changed.dotted.clear();
    assert_eq!(changed, expected);
}

#[test]
fn a_set_to_null_clears_a_known_field() {
    let (org, _) = done(&set("cto", "grade", Value::Null));
    assert_eq!(post(&org, "cto").grade, None);
    let (org, _) = done(&set("cto", "holder", Value::Null));
    assert!(post(&org, "cto").is_vacant());
    let (org, _) = done(&set("hr", "dotted", Value::Null));
    assert!(dotted(&org, "hr").is_empty());
    let mut org = chart();
    apply(&mut org, &set("dev", "tags", json!(["a"]))).unwrap();
    apply(&mut org, &set("dev", "fte", json!(0.5))).unwrap();
    let (org, _) = done_on(&org, &set("dev", "tags", Value::Null));
    assert!(post(&org, "dev").tags.is_empty());
    let (org, _) = done_on(&org, &set("dev", "fte", Value::Null));
    assert_eq!(post(&org, "dev").fte(), None);
}

#[test]
fn a_set_of_an_unknown_field_keeps_its_place() {
    // Replacing keeps the field where it was.
    let (org, _) = done(&set("cto", "x_a", json!({"n": [1, 2]})));
    assert_eq!(
        extra(&org, "cto"),
        [
            ("x_a".into(), json!({"n": [1, 2]})),
            ("x_b".into(), json!("two"))
        ]
    );
    // A new one goes last.
    let (org, _) = done(&set("cto", "x_c", json!(false)));
    assert_eq!(
        extra(&org, "cto"),
        [
            ("x_a".into(), json!(1)),
            ("x_b".into(), json!("two")),
            ("x_c".into(), json!(false))
        ]
    );
    // Null removes it.
    let (mut org, undo) = done(&set("cto", "x_a", Value::Null));
    assert_eq!(extra(&org, "cto"), [("x_b".into(), json!("two"))]);
    // Its undo puts it back where it was.
    apply(&mut org, &undo).unwrap();
    assert!(org == chart());
    // Null on a field the post does not have changes nothing (and is not refused).
    let (org, _) = done(&set("cto", "x_none", Value::Null));
    assert!(org == chart());
    // Saved where it stands.
    let (org, _) = done(&set("cto", "x_a", json!(2)));
    let text = save::to_json(&org);
    let (a, b) = (
        text.find("\"x_a\": 2").unwrap(),
        text.find("\"x_b\"").unwrap(),
    );
    assert!(a < b, "{text}");
}

#[test]
fn a_dotted_line_added_and_removed() {
    let (org, undo) = done(&Edit::Dotted {
        post: "hr".into(),
        to: "ops".into(),
        label: Some("people partner".into()),
    });
    assert_eq!(
        dotted(&org, "hr"),
        ["ops", "cfo", "sre", "ops:people partner"]
    );
    assert!(matches!(&undo, Edit::RestoreLine(back) if back.at == 3 && back.line.is_none()));

    let (org, _) = done(&Edit::Dotted {
        post: "board".into(),
        to: "board".into(),
        label: None,
    });
    assert_eq!(dotted(&org, "board"), ["board"]);

    // Undotted takes out the first line to the target.
    let (org, _) = done(&Edit::Undotted {
        post: "hr".into(),
        to: "cfo".into(),
    });
    assert_eq!(dotted(&org, "hr"), ["ops", "sre"]);
    let mut twice = org.clone();
    apply(
        &mut twice,
        &Edit::Dotted {
            post: "hr".into(),
            to: "ops".into(),
            label: Some("second".into()),
        },
    )
    .unwrap();
    let (org, _) = done_on(
        &twice,
        &Edit::Undotted {
            post: "hr".into(),
            to: "ops".into(),
        },
    );
    assert_eq!(dotted(&org, "hr"), ["sre", "ops:second"]);
}

#[test]
fn a_chart_field_set_and_cleared() {
    let (org, undo) = done(&chart_field("name", json!("Test, proposed")));
    assert_eq!(org.meta.name.as_deref(), Some("Test, proposed"));
    assert!(matches!(&undo, Edit::RestoreChart(old) if old.name.as_deref() == Some("Test")));
    let (org, _) = done(&chart_field("as_of", json!("2021-04-01")));
    assert_eq!(org.meta.as_of.as_deref(), Some("2021-04-01"));
    let (org, _) = done(&chart_field("source", json!("A proposal")));
    assert_eq!(org.meta.source.as_deref(), Some("A proposal"));
    let (org, _) = done(&chart_field("name", Value::Null));
    assert_eq!(org.meta.name, None);
    let (org, _) = done(&chart_field("as_of", Value::Null));
    assert_eq!(org.meta.as_of, None);

    let meta_extra = |org: &Org| -> Vec<(String, Value)> {
        org.meta
            .extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let (org, _) = done(&chart_field("x_meta", json!([3])));
    assert_eq!(
        meta_extra(&org),
        [
            ("x_meta".into(), json!([3])),
            ("x_more".into(), json!("two"))
        ]
    );
    let (org, _) = done(&chart_field("currency", json!("GBP")));
    assert_eq!(
        meta_extra(&org),
        [
            ("x_meta".into(), json!(1)),
            ("x_more".into(), json!("two")),
            ("currency".into(), json!("GBP"))
        ]
    );
    let (org, _) = done(&chart_field("x_meta", Value::Null));
    assert_eq!(meta_extra(&org), [("x_more".into(), json!("two"))]);
    // The posts are untouched by chart edits.
    let mut expected = chart();
    expected.meta = org.meta.clone();
    assert!(org == expected);
}

#[test]
fn edits_name_their_kind_and_post() {
    let cases = [
        (mv("cto", None, None), "move", Some("cto")),
        (
            add(None, None, json!({"id": "n", "title": "N"})),
            "add",
            Some("n"),
        ),
        (close("cto", Reports::Up), "close", Some("cto")),
        (
            Edit::Retitle {
                post: "a".into(),
                title: "T".into(),
            },
            "retitle",
            Some("a"),
        ),
        (
            Edit::Holder {
                post: "a".into(),
                holder: None,
            },
            "holder",
            Some("a"),
        ),
        (set("a", "grade", Value::Null), "set", Some("a")),
        (
            Edit::Dotted {
                post: "a".into(),
                to: "b".into(),
                label: None,
            },
            "dotted",
            Some("a"),
        ),
        (
            Edit::Undotted {
                post: "a".into(),
                to: "b".into(),
            },
            "undotted",
            Some("a"),
        ),
        (chart_field("name", Value::Null), "chart", None),
    ];
    for (edit, kind, post) in cases {
        assert_eq!(edit.kind(), kind);
        assert_eq!(edit.post_id().as_deref(), post, "{edit:?}");
    }
    let (_, undo) = done(&close("ops", Reports::Up));
    assert_eq!(
        (undo.kind(), undo.post_id().as_deref()),
        ("reopen", Some("ops"))
    );
}

#[test]
fn an_add_names_its_post_when_the_id_is_an_integer() {
    // An integer id is read as its decimal text, as a chart file reads it, so the screen
    // can select the post after doing or undoing the add.
    let edit = add(None, None, json!({"id": 42, "title": "Answer"}));
    let (org, _) = done(&edit);
    assert!(org.find("42").is_some());
    assert_eq!(edit.post_id().as_deref(), Some("42"));
}

// ---------------------------------------------------------------------------------------
// History

#[test]
fn undo_and_redo_over_several_steps() {
    let start = chart();
    let mut org = start.clone();
    let mut history = History::default();
    let edits = [
        add(Some("cto"), Some(0), json!({"id": "coo", "title": "COO"})),
        mv("ops", Some("coo"), None),
        mv("dev", Some("coo"), Some(0)),
        Edit::Holder {
            post: "coo".into(),
            holder: Some("Priya".into()),
        },
        close("cfo", Reports::Up),
        set("cto", "x_b", Value::Null),
    ];
    let mut states = vec![org.clone()];
    for edit in &edits {
        let step = history.edit(&mut org, edit.clone()).unwrap();
        assert_eq!(&step.edit, edit);
        states.push(org.clone());
    }
    assert_eq!(history.len(), 6);
    assert_eq!(reports(&org, "coo"), ["dev", "ops"]);

    for back in (0..6).rev() {
        let step = history.undo(&mut org).unwrap().expect("a step to undo");
        assert_eq!(step.edit, edits[back]);
        assert!(org == states[back], "after undoing to {back}");
        assert_eq!(history.len(), back);
        assert_eq!(history.redoable(), 6 - back);
    }
    assert!(org == start);
    assert!(history.is_empty());
    assert!(history.undo(&mut org).unwrap().is_none());
    assert!(org == start);

    for forward in 1..=4 {
        let step = history.redo(&mut org).unwrap().expect("a step to redo");
        assert_eq!(step.edit, edits[forward - 1]);
        assert!(org == states[forward], "after redoing to {forward}");
    }
    assert_eq!(history.redoable(), 2);
    // Undo and redo one step in the middle.
    history.undo(&mut org).unwrap();
    assert!(org == states[3]);
    history.redo(&mut org).unwrap();
    assert!(org == states[4]);
    history.redo(&mut org).unwrap();
    history.redo(&mut org).unwrap();
    assert!(org == states[6]);
    assert!(history.redo(&mut org).unwrap().is_none());
    assert!(org == states[6]);
}

#[test]
fn a_new_edit_forgets_what_was_undone() {
    let mut org = chart();
    let mut history = History::default();
    history
        .edit(&mut org, mv("dev", Some("ops"), None))
        .unwrap();
    history.edit(&mut org, close("hr", Reports::Up)).unwrap();
    history.undo(&mut org).unwrap();
    assert_eq!(history.redoable(), 1);

    // A refused edit keeps the redo.
    let error = history
        .edit(&mut org, close("nope", Reports::Up))
        .unwrap_err();
    assert_eq!(error, unknown("nope"));
    assert_eq!((history.len(), history.redoable()), (1, 1));

    let after_retitle = {
        history
            .edit(
                &mut org,
                Edit::Retitle {
                    post: "board".into(),
                    title: "Board of Directors".into(),
                },
            )
            .unwrap();
        org.clone()
    };
    assert_eq!(history.redoable(), 0);
    assert!(history.redo(&mut org).unwrap().is_none());
    assert!(org == after_retitle);
    assert!(org.find("hr").is_some(), "the undone close stays undone");
    assert_eq!(history.len(), 2);
}

#[test]
fn undo_and_redo_on_an_empty_history_do_nothing() {
    let mut org = chart();
    let mut history = History::default();
    assert!(history.undo(&mut org).unwrap().is_none());
    assert!(history.redo(&mut org).unwrap().is_none());
    assert!(history.is_empty());
    assert_eq!(history.script().len(), 0);
    assert!(org == chart());
}

#[test]
fn the_script_of_a_history_lists_the_edits_done_only() {
    let start = chart();
    let mut org = start.clone();
    let mut history = History::default();
    let edits = [
        mv("hr", Some("cto"), Some(0)),
        Edit::Retitle {
            post: "hr".into(),
            title: "People".into(),
        },
        close("board", Reports::Up),
    ];
    for edit in &edits {
        history.edit(&mut org, edit.clone()).unwrap();
    }
    assert_eq!(history.script().cloned().collect::<Vec<_>>(), edits);
    history.undo(&mut org).unwrap();
    assert_eq!(history.script().cloned().collect::<Vec<_>>(), edits[..2]);
    // Refused edits are not in it.
    assert!(history.edit(&mut org, mv("ceo", Some("hr"), None)).is_err());
    assert_eq!(history.script().len(), 2);
    // The script replayed on the start gives the chart now; written and read back, too.
    let mut replayed = start.clone();
    replay(&mut replayed, history.script()).unwrap();
    assert!(replayed == org);
    let mut text = Vec::new();
    write(history.script(), &mut text).unwrap();
    let steps = read(std::str::from_utf8(&text).unwrap()).unwrap();
    let mut replayed = start;
    replay(&mut replayed, steps.iter().map(|step| &step.edit)).unwrap();
    assert!(replayed == org);
}

// ---------------------------------------------------------------------------------------
// Change scripts as JSON

const SCRIPT: &str = r#"[
  {"edit": "chart", "field": "name", "value": "Test, proposed"},
  {"edit": "add", "under": "cto", "position": 0,
   "post": {"id": "coo", "title": "COO", "holder": null, "x_new": 1}},
  {"edit": "move", "post": "ops", "under": "coo"},
  {"edit": "move", "post": "board", "under": null, "position": 0},
  {"edit": "close", "post": "cfo", "reports": "close"},
  {"edit": "close", "post": "dev", "reports": "up"},
  {"edit": "retitle", "post": "coo", "title": "Chief Operating Officer"},
  {"edit": "holder", "post": "coo", "holder": "Priya Patel"},
  {"edit": "holder", "post": "ceo", "holder": null},
  {"edit": "set", "post": "cto", "field": "grade", "value": "SCS3"},
  {"edit": "set", "post": "cto", "field": "x_a", "value": null},
  {"edit": "dotted", "post": "coo", "to": "hr", "label": "people"},
  {"edit": "dotted", "post": "sre", "to": "ceo"},
  {"edit": "undotted", "post": "hr", "to": "ops"}
]"#;

fn script_edits() -> Vec<Edit> {
    vec![
        chart_field("name", json!("Test, proposed")),
        add(
            Some("cto"),
            Some(0),
            json!({"id": "coo", "title": "COO", "holder": null, "x_new": 1}),
        ),
        mv("ops", Some("coo"), None),
        mv("board", None, Some(0)),
        close("cfo", Reports::Close),
        close("dev", Reports::Up),
        Edit::Retitle {
            post: "coo".into(),
            title: "Chief Operating Officer".into(),
        },
        Edit::Holder {
            post: "coo".into(),
            holder: Some("Priya Patel".into()),
        },
        Edit::Holder {
            post: "ceo".into(),
            holder: None,
        },
        set("cto", "grade", json!("SCS3")),
        set("cto", "x_a", Value::Null),
        Edit::Dotted {
            post: "coo".into(),
            to: "hr".into(),
            label: Some("people".into()),
        },
        Edit::Dotted {
            post: "sre".into(),
            to: "ceo".into(),
            label: None,
        },
        Edit::Undotted {
            post: "hr".into(),
            to: "ops".into(),
        },
    ]
}

#[test]
fn a_script_holds_every_kind_of_edit_each_at_its_place() {
    let steps = read(SCRIPT).unwrap();
    let edits: Vec<Edit> = steps.iter().map(|step| step.edit.clone()).collect();
    assert_eq!(edits, script_edits());
    let places: Vec<Position> = steps.iter().map(|step| step.position).collect();
    let mut expected: Vec<Position> = (2..=3).map(|line| Position { line, column: 3 }).collect();
    expected.extend((5..=16).map(|line| Position { line, column: 3 }));
    assert_eq!(places, expected);

    let mut org = chart();
    replay(&mut org, &edits).unwrap();
    assert_eq!(org.meta.name.as_deref(), Some("Test, proposed"));
    assert_eq!(tops(&org), ["board", "ceo"]);
    assert_eq!(reports(&org, "ceo"), ["cto", "hr"]);
    assert_eq!(reports(&org, "cto"), ["coo"]);
    assert_eq!(reports(&org, "coo"), ["ops"]);
    assert_eq!(&*post(&org, "coo").title, "Chief Operating Officer");
    assert_eq!(post(&org, "coo").holder.name(), Some("Priya Patel"));
    assert!(post(&org, "ceo").is_vacant());
    assert_eq!(post(&org, "cto").grade.as_deref(), Some("SCS3"));
    assert_eq!(extra(&org, "cto"), [("x_b".into(), json!("two"))]);
    assert_eq!(dotted(&org, "coo"), ["hr:people"]);
    assert_eq!(dotted(&org, "sre"), ["ceo"]);
    assert_eq!(dotted(&org, "hr"), ["sre"], "cfo closed, ops undotted");
    assert_eq!(org.len(), 7);
}

#[test]
fn each_kind_of_edit_is_written_as_a_script_holds_it() {
    let written: Vec<Value> = script_edits()
        .iter()
        .map(|edit| serde_json::to_value(edit).unwrap())
        .collect();
    let expected: Value = serde_json::from_str(SCRIPT).unwrap();
    assert_eq!(Value::Array(written), expected);
    // Written, then read, gives the same edits.
    let mut text = Vec::new();
    write(&script_edits(), &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.starts_with("[\n  {\n    \"edit\": \"chart\""),
        "{text}"
    );
    assert!(text.ends_with("]\n"));
    let read_back: Vec<Edit> = read(&text).unwrap().into_iter().map(|s| s.edit).collect();
    assert_eq!(read_back, script_edits());
}

#[test]
fn the_edits_that_undo_are_never_written() {
    let (_, undo) = done(&Edit::Retitle {
        post: "cto".into(),
        title: "New".into(),
    });
    assert!(serde_json::to_value(&undo).is_err());
    assert!(write([&undo], Vec::new()).is_err());
    let (_, undo) = done(&close("cto", Reports::Close));
    assert!(serde_json::to_value(&undo).is_err());
    for kind in ["restore", "restore_chart", "reopen"] {
        let problems = read(&format!("[{{\"edit\": \"{kind}\"}}]")).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .starts_with(&format!("step 1: unknown variant `{kind}`")),
            "{problems:?}"
        );
    }
}

#[test]
fn an_unknown_member_of_a_step_is_refused_with_the_step_and_its_place() {
    let text = "[\n  {\"edit\": \"move\", \"post\": \"a\", \"under\": null},\n  {\"edit\": \"retitle\", \"post\": \"a\", \"title\": \"x\", \"titel\": \"y\"}\n]";
    let problems = read(text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert_eq!(problem.severity, orgtree::org::Severity::Error);
    assert_eq!(problem.position, Some(Position { line: 3, column: 3 }));
    assert_eq!(
        problem.message,
        "step 2: unknown field `titel`, expected `post` or `title`"
    );
    assert_eq!(
        problem.display_in("steps.json").to_string(),
        "steps.json:3:3: error: step 2: unknown field `titel`, expected `post` or `title`"
    );
}

#[test]
fn every_step_that_cannot_be_read_is_reported() {
    let text = concat!(
        "[{\"edit\": \"frob\", \"post\": \"a\"},\n",
        " {\"edit\": \"holder\", \"post\": \"a\", \"holder\": null},\n",
        "    {\"post\": \"a\"},\n",
        " {\"edit\": \"close\", \"post\": \"a\", \"reports\": \"sideways\"},\n",
        " {\"edit\": \"move\", \"post\": \"a\", \"under\": null, \"position\": -1},\n",
        " {\"edit\": \"set\", \"post\": \"a\", \"field\": \"x\"},\n",
        " {\"edit\": \"retitle\", \"post\": true, \"title\": \"b\"},\n",
        " {\"edit\": \"move\", \"post\": \"a\", \"under\": null, \"post\": \"b\"},\n",
        " 7]"
    );
    let problems = read(text).unwrap_err();
    let got: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.position.unwrap(), p.message))
        .collect();
    assert_eq!(
        got,
        [
            "1:2: step 1: unknown variant `frob`, expected one of `move`, `add`, `close`, `retitle`, `holder`, `set`, `dotted`, `undotted`, `chart`",
            "3:5: step 3: missing field `edit`",
            "4:2: step 4: unknown variant `sideways`, expected `up` or `close`",
            "5:2: step 5: invalid value: integer `-1`, expected usize",
            "6:2: step 6: missing field `value`",
            "7:2: step 7: a post id must be a string or an integer",
            "8:2: step 8: duplicate field `post`",
            "9:2: step 9: invalid type: integer `7`, expected internally tagged enum Edit",
        ]
    );
}

#[test]
fn a_script_that_is_not_an_array_of_edits_is_refused() {
    let cases = [
        (
            "{\"edit\": \"move\"}",
            (1, 1),
            "a change script is a JSON array of edits, or the object orgtree writes (\"orgtree_script\", \"made_on\", \"steps\")",
        ),
        // serde notices a scalar where it ends.
        (
            "\"move\"",
            (1, 6),
            "a change script is a JSON array of edits, or the object orgtree writes (\"orgtree_script\", \"made_on\", \"steps\")",
        ),
        (
            "\n\n  null",
            (3, 6),
            "a change script is a JSON array of edits, or the object orgtree writes (\"orgtree_script\", \"made_on\", \"steps\")",
        ),
        (
            "[\n  {\"edit\": \"move\",",
            (2, 18),
            "not a change script: EOF while parsing an object",
        ),
        ("nope", (1, 2), "not a change script: expected ident"),
        ("", (1, 1), "not a change script: EOF while parsing a value"),
        ("[] []", (1, 4), "not a change script: trailing characters"),
    ];
    for (text, (line, column), message) in cases {
        let problems = read(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{text:?}");
        assert_eq!(
            problems[0].position,
            Some(Position { line, column }),
            "{text:?}"
        );
        assert_eq!(problems[0].message, message, "{text:?}");
    }
}

#[test]
fn an_empty_script_and_a_byte_order_mark_are_fine() {
    assert_eq!(read("[]").unwrap(), []);
    assert_eq!(read(" \n[ ]\n").unwrap(), []);
    let steps =
        read("\u{feff}[{\"edit\": \"holder\", \"post\": \"a\", \"holder\": null}]").unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].position, Position { line: 1, column: 2 });
}

#[test]
fn a_replay_stops_at_the_first_step_that_cannot_be_done() {
    let mut org = chart();
    let edits = [
        mv("dev", Some("ops"), None),
        close("nope", Reports::Up),
        mv("hr", None, None),
    ];
    let refused = replay(&mut org, &edits).unwrap_err();
    assert_eq!(refused.step, 2);
    assert_eq!(refused.error, unknown("nope"));
    // The first step is done, the third not.
    assert_eq!(reports(&org, "ops"), ["sre", "dev"]);
    assert_eq!(manager(&org, "hr").as_deref(), Some("ceo"));
}

#[test]
fn the_script_between_the_test_chart_and_an_edited_copy_gives_the_copy() {
    let start = chart();
    let mut end = start.clone();
    replay(&mut end, &script_edits()).unwrap();
    let edits = script::between(&start, &end).unwrap();
    let mut work = start.clone();
    replay(&mut work, &edits).unwrap();
    assert!(work == end);
    assert!(script::between(&end, &end).unwrap().is_empty());
}

#[test]
fn the_script_between_charts_with_a_blank_title_turns_one_into_the_other() {
    // A chart file may give a post a blank title (the loader takes `"title": ""`), so the
    // script between two charts must be able to give one too.
    let before = load_str(
        r#"{"posts": [{"id": "a", "title": "A"}]}"#,
        LoadOptions::default(),
    )
    .unwrap()
    .org;
    for after in [
        r#"{"posts": [{"id": "a", "title": ""}]}"#,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": " ", "reports_to": "a"}]}"#,
    ] {
        let after = load_str(after, LoadOptions::default()).unwrap();
        assert!(after.warnings.is_empty(), "{:?}", after.warnings);
        let after = after.org;
        let edits = script::between(&before, &after).unwrap_or_else(|e| {
            panic!("between: {e}\n{}", save::to_json(&after));
        });
        let mut work = before.clone();
        replay(&mut work, &edits).unwrap();
        assert!(work == after);
    }
}
