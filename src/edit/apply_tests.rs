//! The tests of `apply`: each edit, its preconditions and its undo.

use serde_json::json;

use super::*;
use crate::org::{OrgError, save};
use crate::read::{LoadOptions, load_str};

/// ```text
/// ceo (Ann)           board  ..> dev, ceo, ops, cfo
/// ├── cto
/// │   ├── dev
/// │   └── ops  ..> cfo
/// └── cfo
/// ```
const CHART: &str = r#"{"name": "Test", "posts": [
    {"id": "ceo", "title": "Chief Executive", "holder": "Ann"},
    {"id": "cto", "title": "CTO", "reports_to": "ceo"},
    {"id": "dev", "title": "Developer", "reports_to": "cto"},
    {"id": "ops", "title": "Operations", "reports_to": "cto", "dotted": [{"to": "cfo"}]},
    {"id": "cfo", "title": "CFO", "reports_to": "ceo", "x_code": 7},
    {"id": "board", "title": "Board",
     "dotted": [{"to": "dev"}, {"to": "ceo"}, {"to": "ops"}, {"to": "cfo"}]}
]}"#;

fn chart() -> Org {
    let loaded = load_str(CHART, LoadOptions::default()).expect("the test chart loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.org
}

fn node(org: &Org, id: &str) -> NodeIndex {
    org.find(id).unwrap_or_else(|| panic!("no post {id}"))
}

fn post<'o>(org: &'o Org, id: &str) -> &'o Post {
    org.post(node(org, id))
}

fn ids(org: &Org, nodes: &[NodeIndex]) -> Vec<String> {
    nodes
        .iter()
        .map(|&n| org.post(n).id().as_str().to_owned())
        .collect()
}

fn reports(org: &Org, id: &str) -> Vec<String> {
    ids(org, org.reports(node(org, id)))
}

fn manager(org: &Org, id: &str) -> Option<String> {
    org.manager(node(org, id))
        .map(|m| org.post(m).id().as_str().to_owned())
}

fn dotted(org: &Org, id: &str) -> Vec<(String, Option<String>)> {
    post(org, id)
        .dotted
        .iter()
        .map(|line| {
            (
                line.to.as_str().to_owned(),
                line.label.as_deref().map(str::to_owned),
            )
        })
        .collect()
}

/// Where the dotted lines of a post go.
fn lines(org: &Org, id: &str) -> Vec<String> {
    dotted(org, id).into_iter().map(|(to, _)| to).collect()
}

/// Does `edit` to the test chart, checks that the edit it gives back undoes it exactly,
/// and gives the chart as the edit left it.
fn done(edit: &Edit) -> Org {
    let start = chart();
    let mut org = start.clone();
    let undo = apply(&mut org, edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    let after = org.clone();
    assert!(after != start, "{edit:?} changed nothing");
    apply(&mut org, &undo).unwrap_or_else(|e| panic!("undo of {edit:?}: {e}"));
    assert!(org == start, "{undo:?} did not undo {edit:?}");
    assert_eq!(save::to_json(&org), save::to_json(&start), "{edit:?}");
    after
}

/// Checks that `edit` is refused with `error` and leaves the test chart as it was.
fn refused(edit: &Edit, error: &EditError) {
    let start = chart();
    let mut org = start.clone();
    assert_eq!(apply(&mut org, edit).as_ref(), Err(error), "{edit:?}");
    assert!(org == start, "{edit:?} was refused but changed the chart");
    assert_eq!(save::to_json(&org), save::to_json(&start), "{edit:?}");
}

fn move_to(post: &str, under: Option<&str>, position: Option<usize>) -> Edit {
    Edit::Move {
        post: post.into(),
        under: under.map(Text::from),
        position,
    }
}

#[test]
fn a_move_takes_the_team_along_and_its_undo_puts_it_back_in_its_place() {
    let org = done(&move_to("cto", Some("cfo"), None));
    assert_eq!(manager(&org, "cto").as_deref(), Some("cfo"));
    assert_eq!(reports(&org, "ceo"), ["cfo"]);
    assert_eq!(reports(&org, "cfo"), ["cto"]);
    assert_eq!(reports(&org, "cto"), ["dev", "ops"]);

    // The first of two reports, so its undo must put it first again.
    let org = done(&move_to("dev", None, Some(0)));
    assert_eq!(ids(&org, org.tops()), ["dev", "ceo", "board"]);
    assert_eq!(manager(&org, "dev"), None);
    assert_eq!(reports(&org, "cto"), ["ops"]);
}

#[test]
fn an_add_places_a_new_post_and_its_undo_closes_it() {
    let org = done(&Edit::Add {
        under: Some("cto".into()),
        position: Some(1),
        post: json!({"id": "sec", "title": "Security", "dotted": [{"to": "cfo"}]}),
    });
    assert_eq!(org.len(), 7);
    assert_eq!(reports(&org, "cto"), ["dev", "sec", "ops"]);
    assert_eq!(&*post(&org, "sec").title, "Security");
    assert_eq!(dotted(&org, "sec"), [("cfo".to_owned(), None)]);
}

#[test]
fn a_close_moves_the_reports_up_or_closes_the_team_and_its_undo_reopens_it() {
    let close = |post: &str, reports: Reports| Edit::Close {
        post: post.into(),
        reports,
    };
    // The reports take the closed post's place under its manager.
    let org = done(&close("cto", Reports::Up));
    assert_eq!(org.len(), 5);
    assert_eq!(reports(&org, "ceo"), ["dev", "ops", "cfo"]);
    assert_eq!(manager(&org, "ops").as_deref(), Some("ceo"));

    let org = done(&close("cto", Reports::Close));
    assert_eq!(org.len(), 3);
    assert_eq!(reports(&org, "ceo"), ["cfo"]);
    assert!(org.find("dev").is_none() && org.find("ops").is_none());
    // Two of board's four lines go; the undo puts each back where it was.
    assert_eq!(lines(&org, "board"), ["ceo", "cfo"]);

    // The dotted line to a closed post goes with it, and comes back with the undo.
    let org = done(&close("cfo", Reports::Up));
    assert!(org.find("cfo").is_none());
    assert_eq!(dotted(&org, "ops"), []);
    assert_eq!(lines(&org, "board"), ["dev", "ceo", "ops"]);
}

#[test]
fn retitle_holder_and_set_change_one_post_and_their_undo_restores_it() {
    let org = done(&Edit::Retitle {
        post: "cto".into(),
        title: "Chief Technology Officer".into(),
    });
    assert_eq!(&*post(&org, "cto").title, "Chief Technology Officer");

    let org = done(&Edit::Holder {
        post: "cto".into(),
        holder: Some("Bob".into()),
    });
    assert_eq!(post(&org, "cto").holder.name(), Some("Bob"));
    // A blank name is no one: the post is vacated.
    for holder in [None, Some("  ".into())] {
        let org = done(&Edit::Holder {
            post: "ceo".into(),
            holder,
        });
        assert!(post(&org, "ceo").is_vacant());
    }

    let set = |field: &str, value| Edit::Set {
        post: "cfo".into(),
        field: field.into(),
        value,
        keep_null: false,
        as_written: false,
    };
    let org = done(&set("grade", json!("SCS2")));
    assert_eq!(post(&org, "cfo").grade.as_deref(), Some("SCS2"));
    let org = done(&set("x_code", json!(8)));
    assert_eq!(
        post(&org, "cfo").extra.to_vec(),
        [("x_code".into(), json!(8))]
    );
    let org = done(&set("x_code", json!(null)));
    assert!(post(&org, "cfo").extra.is_empty());
}

#[test]
fn a_dotted_line_is_added_or_taken_away_and_its_undo_restores_the_lines() {
    let org = done(&Edit::Dotted {
        post: "board".into(),
        to: "ceo".into(),
        label: Some("oversight".into()),
    });
    assert_eq!(lines(&org, "board"), ["dev", "ceo", "ops", "cfo", "ceo"]);
    assert_eq!(
        dotted(&org, "board")[4],
        ("ceo".to_owned(), Some("oversight".to_owned()))
    );

    let org = done(&Edit::Undotted {
        post: "ops".into(),
        to: "cfo".into(),
    });
    assert_eq!(dotted(&org, "ops"), []);
    let org = done(&Edit::Undotted {
        post: "board".into(),
        to: "ops".into(),
    });
    assert_eq!(lines(&org, "board"), ["dev", "ceo", "cfo"]);
}

#[test]
fn a_chart_edit_changes_the_description_and_its_undo_restores_it() {
    let chart_field = |field: &str, value| Edit::Chart {
        field: field.into(),
        value,
        keep_null: false,
        as_written: false,
    };
    let org = done(&chart_field("name", json!("Renamed")));
    assert_eq!(org.meta.name.as_deref(), Some("Renamed"));
    let org = done(&chart_field("name", json!(null)));
    assert_eq!(org.meta.name, None);
    let org = done(&chart_field("x_year", json!(2025)));
    assert_eq!(org.meta.extra.to_vec(), [("x_year".into(), json!(2025))]);
}

#[test]
fn a_refused_edit_leaves_the_chart_as_it_was() {
    let unknown = |id: &str| EditError::UnknownPost(id.into());
    refused(&move_to("nobody", None, None), &unknown("nobody"));
    refused(&move_to("dev", Some("nobody"), None), &unknown("nobody"));
    refused(
        &Edit::Retitle {
            post: "cto".into(),
            title: " ".into(),
        },
        &EditError::EmptyTitle,
    );
    refused(
        &Edit::Add {
            under: Some("ceo".into()),
            position: None,
            post: json!({"id": "cto", "title": "Second CTO"}),
        },
        &EditError::Org(OrgError::DuplicateId(PostId::new("cto"))),
    );
    refused(
        &Edit::Add {
            under: Some("nobody".into()),
            position: None,
            post: json!({"id": "new", "title": "New"}),
        },
        &unknown("nobody"),
    );
    let set = |field: &str| Edit::Set {
        post: "cto".into(),
        field: field.into(),
        value: json!("x"),
        keep_null: false,
        as_written: false,
    };
    refused(&set("id"), &EditError::FixedId);
    refused(&set("reports_to"), &EditError::ManagerBySet);
    refused(
        &Edit::Dotted {
            post: "dev".into(),
            to: "nobody".into(),
            label: None,
        },
        &unknown("nobody"),
    );
    refused(
        &Edit::Undotted {
            post: "dev".into(),
            to: "cfo".into(),
        },
        &EditError::NoDottedLine {
            post: "dev".into(),
            to: "cfo".into(),
        },
    );
    refused(
        &Edit::Chart {
            field: "posts".into(),
            value: json!([]),
            keep_null: false,
            as_written: false,
        },
        &EditError::FixedChartField("posts".into()),
    );
}

#[test]
fn moving_a_post_under_its_own_team_is_refused() {
    let into_own_team = |post: &str, manager: &str| {
        EditError::Org(OrgError::IntoOwnTeam {
            post: PostId::new(post),
            manager: PostId::new(manager),
        })
    };
    refused(
        &move_to("cto", Some("ops"), None),
        &into_own_team("cto", "ops"),
    );
    refused(
        &move_to("ceo", Some("dev"), Some(0)),
        &into_own_team("ceo", "dev"),
    );
    refused(
        &move_to("cto", Some("cto"), None),
        &into_own_team("cto", "cto"),
    );
}
