//! Properties of the what-if engine on generated charts: random sequences of edits (refused
//! ones among them), undos and redos, driven through a history, keep the chart a forest
//! with unique ids after every step; undo and redo retrace the same charts; the start comes
//! back when everything is undone; the result saves and loads back as it is; and the script
//! worked out between the start and the end turns one into the other, as it does between
//! any two charts built at random from a shared pool of ids.

use std::collections::HashSet;

use orgtree::edit::{Edit, History, Reports, script};
use orgtree::org::{NodeIndex, Org, save};
use orgtree::read::{LoadOptions, load_str};
use petgraph::Direction;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

use crate::charts::pooled_chart;

/// A post of the chart as it is when the step is done (by its place in `Org::posts`), or
/// (`None`) an id no post has.
type Pick = Option<Index>;

const UNKNOWN: &str = "no-such-post";

#[derive(Debug, Clone)]
enum NewId {
    Fresh,
    InUse(Index),
    Empty,
}

#[derive(Debug, Clone)]
enum Op {
    Move {
        post: Pick,
        /// `None`: to the top.
        under: Option<Pick>,
        position: Option<usize>,
    },
    /// Under itself or a post of its own team: always refused.
    MoveIntoOwnTeam {
        post: Index,
        below: Index,
    },
    Add {
        under: Option<Pick>,
        position: Option<usize>,
        id: NewId,
        title: String,
        holder: Option<String>,
        dotted_to: Option<Pick>,
        reports_to: bool,
    },
    Close {
        post: Pick,
        up: bool,
    },
    Retitle {
        post: Pick,
        title: String,
    },
    Holder {
        post: Pick,
        holder: Option<String>,
    },
    Set {
        post: Pick,
        field: &'static str,
        value: Value,
    },
    SetDotted {
        post: Pick,
        to: Vec<Pick>,
    },
    Dotted {
        post: Pick,
        to: Pick,
        label: Option<String>,
    },
    /// With `existing`, one of the chart's dotted lines (`line`) when it has any; else from
    /// `post` to `to`, a line that is most often not there.
    Undotted {
        existing: bool,
        line: Index,
        post: Pick,
        to: Pick,
    },
    Chart {
        field: &'static str,
        value: Value,
    },
    Undo,
    Redo,
}

const FIELDS: [&str; 14] = [
    "unit",
    "grade",
    "note",
    "fte",
    "cost",
    "tags",
    "staff",
    "holder",
    "title",
    "x_one",
    "x_two",
    "id",
    "reports_to",
    "dotted",
];

const CHART_FIELDS: [&str; 7] = [
    "name", "as_of", "source", "x_meta", "x_other", "orgtree", "posts",
];

fn pick() -> impl Strategy<Value = Pick> {
    proptest::option::weighted(0.95, any::<Index>())
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z ,]{0,15}",
        1 => "[ \t]{0,2}",
        1 => any::<String>(),
    ]
}

/// A holder for the holder edit, blank ones included (read as vacant, as a file reads them).
fn holder() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
        1 => "[ \t]{0,2}",
        1 => any::<String>(),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => Just(Value::Null),
        2 => "[A-Za-z ]{0,8}".prop_map(Value::String),
        2 => (0u32..250_000).prop_map(|n| json!(n)),
        1 => (0u32..1000).prop_map(|n| json!(f64::from(n) / 8.0)),
        1 => proptest::collection::vec("[a-z]{1,4}", 0..3).prop_map(|v| json!(v)),
        1 => Just(json!(-1)),
        1 => Just(json!([1])),
        1 => Just(json!(true)),
        1 => Just(json!({"k": [true, null, 2.5]})),
        1 => Just(json!([{"title": "Analysts", "grade": "HEO", "fte": 3, "x": 1}])),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let position = || proptest::option::of(0usize..14);
    prop_oneof![
        6 => (pick(), proptest::option::weighted(0.9, pick()), position())
            .prop_map(|(post, under, position)| Op::Move { post, under, position }),
        2 => (any::<Index>(), any::<Index>())
            .prop_map(|(post, below)| Op::MoveIntoOwnTeam { post, below }),
        4 => (
            proptest::option::weighted(0.9, pick()),
            position(),
            prop_oneof![8 => Just(NewId::Fresh), 1 => any::<Index>().prop_map(NewId::InUse),
                        1 => Just(NewId::Empty)],
            title(),
            proptest::option::of("[A-Za-z ]{0,10}"),
            proptest::option::weighted(0.2, pick()),
            proptest::bool::weighted(0.05),
        )
            .prop_map(|(under, position, id, title, holder, dotted_to, reports_to)| Op::Add {
                under,
                position,
                id,
                title,
                holder,
                dotted_to,
                reports_to,
            }),
        3 => (pick(), proptest::bool::weighted(0.7)).prop_map(|(post, up)| Op::Close { post, up }),
        2 => (pick(), title()).prop_map(|(post, title)| Op::Retitle { post, title }),
        2 => (pick(), proptest::option::weighted(0.7, holder()))
            .prop_map(|(post, holder)| Op::Holder { post, holder }),
        4 => (pick(), proptest::sample::select(&FIELDS[..]), value())
            .prop_map(|(post, field, value)| Op::Set { post, field, value }),
        1 => (pick(), proptest::collection::vec(pick(), 0..3))
            .prop_map(|(post, to)| Op::SetDotted { post, to }),
        3 => (pick(), pick(), proptest::option::of("[a-z]{1,8}"))
            .prop_map(|(post, to, label)| Op::Dotted { post, to, label }),
        3 => (proptest::bool::weighted(0.8), any::<Index>(), pick(), pick())
            .prop_map(|(existing, line, post, to)| Op::Undotted { existing, line, post, to }),
        1 => (proptest::sample::select(&CHART_FIELDS[..]), value())
            .prop_map(|(field, value)| Op::Chart { field, value }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn ids(org: &Org) -> Vec<String> {
    org.posts()
        .map(|node| org.post(node).id().as_str().to_owned())
        .collect()
}

fn id_of(ids: &[String], pick: &Pick) -> String {
    match pick {
        Some(index) if !ids.is_empty() => ids[index.index(ids.len())].clone(),
        _ => UNKNOWN.to_owned(),
    }
}

/// The edit `op` stands for on `org` (`None` for undo and redo).
fn edit_for(org: &Org, op: &Op, fresh: &mut usize) -> Option<Edit> {
    let ids = ids(org);
    let id = |pick: &Pick| id_of(&ids, pick).into();
    Some(match op {
        Op::Move {
            post,
            under,
            position,
        } => Edit::Move {
            post: id(post),
            under: under.as_ref().map(id),
            position: *position,
        },
        Op::MoveIntoOwnTeam { post, below } => {
            if ids.is_empty() {
                return Some(Edit::Move {
                    post: UNKNOWN.into(),
                    under: None,
                    position: None,
                });
            }
            let head = org.find(&ids[post.index(ids.len())]).expect("a post");
            let team: Vec<NodeIndex> = org.team(head).map(|(node, _)| node).collect();
            let under = team[below.index(team.len())];
            Edit::Move {
                post: org.post(head).id().as_str().into(),
                under: Some(org.post(under).id().as_str().into()),
                position: None,
            }
        }
        Op::Add {
            under,
            position,
            id: new_id,
            title,
            holder,
            dotted_to,
            reports_to,
        } => {
            let new_id = match new_id {
                NewId::Fresh => {
                    *fresh += 1;
                    format!("new-{fresh}")
                }
                NewId::InUse(index) => id_of(&ids, &Some(*index)),
                NewId::Empty => String::new(),
            };
            let mut post = json!({"id": new_id, "title": title});
            if let Some(holder) = holder {
                post["holder"] = json!(holder);
            }
            if let Some(to) = dotted_to {
                post["dotted"] = json!([{"to": id_of(&ids, to), "label": "new"}]);
            }
            if *reports_to {
                post["reports_to"] = json!(ids.first().map_or(UNKNOWN, String::as_str));
            }
            Edit::Add {
                under: under.as_ref().map(id),
                position: *position,
                post,
            }
        }
        Op::Close { post, up } => Edit::Close {
            post: id(post),
            reports: if *up { Reports::Up } else { Reports::Close },
        },
        Op::Retitle { post, title } => Edit::Retitle {
            post: id(post),
            title: title.as_str().into(),
        },
        Op::Holder { post, holder } => Edit::Holder {
            post: id(post),
            holder: holder.as_deref().map(Into::into),
        },
        Op::Set { post, field, value } => Edit::Set {
            post: id(post),
            field: (*field).into(),
            value: value.clone(),
            // A null kept in a field orgtree does not know, as often as one removed.
            keep_null: value.is_null() && post.as_ref().is_some_and(|p| p.index(2) == 0),
            as_written: false,
        },
        Op::SetDotted { post, to } => Edit::Set {
            post: id(post),
            field: "dotted".into(),
            value: Value::Array(to.iter().map(|to| json!({"to": id_of(&ids, to)})).collect()),
            keep_null: false,
            as_written: false,
        },
        Op::Dotted { post, to, label } => Edit::Dotted {
            post: id(post),
            to: id(to),
            label: label.as_deref().map(Into::into),
        },
        Op::Undotted {
            existing,
            line,
            post,
            to,
        } => {
            let lines: Vec<(String, String)> = org
                .posts()
                .flat_map(|node| {
                    let from = org.post(node).id().as_str();
                    org.post(node)
                        .dotted
                        .iter()
                        .map(move |line| (from.to_owned(), line.to.as_str().to_owned()))
                })
                .collect();
            let (from, to) = if *existing && !lines.is_empty() {
                lines[line.index(lines.len())].clone()
            } else {
                (id_of(&ids, post), id_of(&ids, to))
            };
            Edit::Undotted {
                post: from.into(),
                to: to.into(),
            }
        }
        Op::Chart { field, value } => Edit::Chart {
            field: (*field).into(),
            value: value.clone(),
            keep_null: false,
            as_written: false,
        },
        Op::Undo | Op::Redo => return None,
    })
}

/// What must hold of any chart: ids unique, non-empty and each found by `find` (titles may be
/// blank, as in a chart file); every post
/// has at most one manager and stands exactly once in its manager's reports or among the
/// top posts; no reporting loop; the tree order visits every post once; dotted lines lead to
/// posts of the chart.
fn check(org: &Org) -> Result<(), TestCaseError> {
    let len = org.len();
    let nodes: Vec<NodeIndex> = org.posts().collect();
    prop_assert_eq!(nodes.len(), len);
    prop_assert_eq!(org.is_empty(), len == 0);

    let mut seen = HashSet::new();
    for &node in &nodes {
        let id = org.post(node).id().as_str();
        prop_assert!(!id.is_empty(), "an empty id");
        prop_assert!(seen.insert(id.to_owned()), "id {:?} twice", id);
        prop_assert_eq!(org.find(id), Some(node), "find({:?})", id);
    }

    let mut places = vec![0usize; org.index_bound()];
    for &top in org.tops() {
        places[top.index()] += 1;
        prop_assert_eq!(org.manager(top), None);
    }
    for &node in &nodes {
        for &report in org.reports(node) {
            places[report.index()] += 1;
            prop_assert_eq!(org.manager(report), Some(node));
        }
    }
    for &node in &nodes {
        let id = org.post(node).id().as_str();
        let managers = org
            .graph()
            .neighbors_directed(node, Direction::Incoming)
            .count();
        prop_assert!(managers <= 1, "{:?} has {} managers", id, managers);
        prop_assert_eq!(
            places[node.index()],
            1,
            "{:?} is in {} places",
            id,
            places[node.index()]
        );
        let above = org.chain_to_top(node).take(len).count();
        prop_assert!(above < len, "{:?} is in a reporting loop", id);
        for line in &org.post(node).dotted {
            prop_assert!(
                org.find(line.to.as_str()).is_some(),
                "{:?} has a dotted line to {:?}, which is not in the chart",
                id,
                line.to.as_str()
            );
        }
    }
    prop_assert_eq!(org.graph().edge_count(), len - org.tops().len());

    let order: Vec<NodeIndex> = org
        .tree_order()
        .take(len + 1)
        .map(|(node, _)| node)
        .collect();
    prop_assert_eq!(order.len(), len, "tree order and len disagree");
    prop_assert_eq!(order.iter().collect::<HashSet<_>>().len(), len);
    Ok(())
}

fn same(a: &Org, b: &Org, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        a == b,
        "{}:\n{}\n-- against --\n{}",
        what,
        save::to_json(a),
        save::to_json(b)
    );
    Ok(())
}

fn saved_and_loaded(org: &Org) -> Result<Org, TestCaseError> {
    let text = save::to_json(org);
    match load_str(&text, LoadOptions::default()) {
        Ok(loaded) => Ok(loaded.org),
        Err(error) => Err(TestCaseError::fail(format!(
            "the chart does not load back: {:?}\n{text}",
            error.problems()
        ))),
    }
}

/// Runs `ops` on a copy of `start` through a history, checking every step; gives the chart
/// at the end, the history, and the chart after each number of done edits.
fn run(start: &Org, ops: &[Op]) -> Result<(Org, History, Vec<Org>), TestCaseError> {
    let mut org = start.clone();
    let mut history = History::default();
    // states[k]: the chart with the first k edits of the history done.
    let mut states = vec![start.clone()];
    let mut fresh = 0;
    for (i, op) in ops.iter().enumerate() {
        let before = org.clone();
        let (done, undone) = (history.len(), history.redoable());
        match edit_for(&org, op, &mut fresh) {
            Some(edit) => {
                let refused = matches!(op, Op::MoveIntoOwnTeam { .. });
                match history.edit(&mut org, edit.clone()) {
                    Ok(step) => {
                        prop_assert!(!refused, "step {}: {:?} was done", i, edit);
                        prop_assert_eq!(&step.edit, &edit);
                        prop_assert_eq!(history.len(), done + 1);
                        prop_assert_eq!(history.redoable(), 0);
                        states.truncate(done + 1);
                        states.push(org.clone());
                    }
                    Err(error) => {
                        same(
                            &org,
                            &before,
                            &format!("step {i}: refused {edit:?} ({error})"),
                        )?;
                        prop_assert_eq!((history.len(), history.redoable()), (done, undone));
                    }
                }
            }
            None if matches!(op, Op::Undo) => {
                let undid = history
                    .undo(&mut org)
                    .map_err(|e| TestCaseError::fail(format!("step {i}: undo: {e}")))?
                    .is_some();
                prop_assert_eq!(undid, done > 0);
                same(&org, &states[history.len()], &format!("step {i}: undo"))?;
            }
            None => {
                let redid = history
                    .redo(&mut org)
                    .map_err(|e| TestCaseError::fail(format!("step {i}: redo: {e}")))?
                    .is_some();
                prop_assert_eq!(redid, undone > 0);
                same(&org, &states[history.len()], &format!("step {i}: redo"))?;
            }
        }
        check(&org)?;
    }
    states.truncate(history.len() + 1);
    Ok((org, history, states))
}

fn case() -> impl Strategy<Value = (usize, u64, Vec<Op>, Index)> {
    (
        20usize..=200,
        any::<u64>(),
        proptest::collection::vec(op(), 1..40),
        any::<Index>(),
    )
}

proptest! {
    // No regression file: failures print the case to reproduce it.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_edits_keep_the_chart_whole_and_undo_redo_retrace_it(
        (posts, seed, ops, back) in case()
    ) {
        let start = orgtree::generate::generate(posts, seed);
        check(&start)?;
        let (end, mut history, states) = run(&start, &ops)?;
        let mut org = end.clone();
        let (n, pending) = (history.len(), history.redoable());
        prop_assert_eq!(states.len(), n + 1);

        // Undo k, then redo k: the same charts on the way, the same chart at the end.
        let k = back.index(n + 1);
        for j in 1..=k {
            prop_assert!(history.undo(&mut org).unwrap().is_some());
            same(&org, &states[n - j], &format!("undo {j} of {k}"))?;
            check(&org)?;
        }
        for j in (0..k).rev() {
            prop_assert!(history.redo(&mut org).unwrap().is_some());
            same(&org, &states[n - j], &format!("redo to {} of {n}", n - j))?;
        }
        same(&org, &end, "undo k then redo k")?;

        // Undo everything: the start; redo everything: the end.
        while history.undo(&mut org).unwrap().is_some() {}
        same(&org, &start, "everything undone")?;
        prop_assert_eq!(history.redoable(), n + pending);
        for _ in 0..n {
            prop_assert!(history.redo(&mut org).unwrap().is_some());
        }
        same(&org, &end, "everything redone")?;
        prop_assert_eq!(history.redoable(), pending);

        // The history's own script replays to the end.
        let mut replayed = start.clone();
        script::replay(&mut replayed, history.script())
            .map_err(|r| TestCaseError::fail(format!("history script step {}: {}", r.step, r.error)))?;
        same(&replayed, &end, "the history's script replayed")?;
    }

    #[test]
    fn the_result_of_random_edits_saves_loads_and_diffs_back(
        (posts, seed, ops, _back) in case()
    ) {
        let start = orgtree::generate::generate(posts, seed);
        let (end, _, _) = run(&start, &ops)?;

        // Save then load gives the identical chart, and saves to the same text.
        let loaded = saved_and_loaded(&end)?;
        same(&loaded, &end, "saved then loaded")?;
        prop_assert_eq!(save::to_json(&loaded), save::to_json(&end));

        // The script between the start and the end, written and read back, turns one into
        // the other; and the other way.
        for (from, to, what) in [(&start, &end, "start -> end"), (&end, &start, "end -> start")] {
            let edits = script::between(from, to)
                .map_err(|e| TestCaseError::fail(format!("{what}: between: {e}")))?;
            let mut text = Vec::new();
            script::write(&edits, &mut text).unwrap();
            let text = String::from_utf8(text).unwrap();
            let read: Vec<Edit> = script::read(&text)
                .map_err(|p| TestCaseError::fail(format!("{what}: {p:?}\n{text}")))?
                .into_iter()
                .map(|step| step.edit)
                .collect();
            prop_assert_eq!(&read, &edits);
            let mut work = from.clone();
            script::replay(&mut work, &read).map_err(|r| {
                TestCaseError::fail(format!("{what}: step {} {}\n{text}", r.step, r.error))
            })?;
            same(&work, to, &format!("{what}: between replayed\n{text}"))?;
        }
        prop_assert!(script::between(&end, &end).unwrap().is_empty());
    }

    #[test]
    fn the_script_between_any_two_random_charts_turns_one_into_the_other(
        before in pooled_chart(),
        after in pooled_chart(),
    ) {
        check(&before)?;
        check(&after)?;
        for (from, to, what) in [(&before, &after, "a -> b"), (&after, &before, "b -> a")] {
            let edits = script::between(from, to)
                .map_err(|e| TestCaseError::fail(format!("{what}: between: {e}")))?;
            let mut work = from.clone();
            script::replay(&mut work, &edits)
                .map_err(|r| TestCaseError::fail(format!("{what}: step {} {}", r.step, r.error)))?;
            same(&work, to, what)?;
        }
        prop_assert!(script::between(&before, &before).unwrap().is_empty());
    }
}
