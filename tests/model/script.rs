//! Change scripts through the library: the script between two charts turns the first into
//! the second, for every pair of fixtures.

use crate::common;

use orgtree::edit::Edit;
use orgtree::edit::script::{ReadStep, between, read, replay, replay_all, replay_with, write};
use orgtree::org::Org;
use orgtree::read::{LoadOptions, load_path};

fn load(name: &str) -> Org {
    load_path(&common::fixtures().join(name), LoadOptions::default())
        .expect("the fixture loads")
        .org
}

#[test]
fn the_script_between_any_two_fixtures_turns_one_into_the_other() {
    let names = common::loadable_fixtures();
    assert!(names.len() >= 9, "{names:?}");
    for before in &names {
        for after in &names {
            let (old, new) = (load(before), load(after));
            let edits = between(&old, &new).unwrap_or_else(|e| panic!("{before} -> {after}: {e}"));
            let mut text = Vec::new();
            write(&edits, &mut text).unwrap();
            let text = String::from_utf8(text).unwrap();
            let read_back: Vec<_> = read(&text).unwrap().into_iter().map(|s| s.edit).collect();
            assert_eq!(read_back, edits, "{before} -> {after}");
            let mut work = old.clone();
            replay(&mut work, &read_back)
                .unwrap_or_else(|r| panic!("{before} -> {after}: step {} {}", r.step, r.error));
            assert!(work == new, "{before} -> {after}:\n{text}");
            if before == after {
                assert!(edits.is_empty(), "{before}: {text}");
            }
        }
    }
}

/// The script from `before` to `after` (chart texts), written and read back, replayed on
/// `before`: the chart it gives, and the script's text.
fn replayed(before: &str, after: &str) -> (Org, Org, String) {
    let old = orgtree::read::load_str(before, LoadOptions::default())
        .unwrap()
        .org;
    let new = orgtree::read::load_str(after, LoadOptions::default())
        .unwrap()
        .org;
    let edits = between(&old, &new).unwrap();
    let mut text = Vec::new();
    write(&edits, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    let steps: Vec<_> = read(&text).unwrap().into_iter().map(|s| s.edit).collect();
    let mut work = old;
    replay(&mut work, &steps).unwrap();
    (work, new, text)
}

#[test]
fn unknown_fields_whose_value_is_null_survive_a_script() {
    let before = r#"{"orgtree": 1, "k": 1, "posts": [
        {"id": "a", "title": "A", "y": 1, "gone": 2}]}"#;
    let after = r#"{"orgtree": 1, "k": null, "j": null, "posts": [
        {"id": "a", "title": "A", "y": null, "x": null},
        {"id": "b", "title": "B", "reports_to": "a", "z": null}]}"#;
    let (replayed, after_chart, text) = replayed(before, after);
    assert!(replayed == after_chart, "{text}");
    let extra: Vec<(String, serde_json::Value)> = replayed
        .post(replayed.find("a").unwrap())
        .extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    assert_eq!(
        extra,
        [
            ("y".to_owned(), serde_json::Value::Null),
            ("x".to_owned(), serde_json::Value::Null)
        ]
    );
    // Back again: the nulls go, and `gone` comes back.
    let (replayed, before_chart, text) = self::replayed(after, before);
    assert!(replayed == before_chart, "{text}");
}

#[test]
fn hostile_text_in_ids_and_the_chart_description_replays_exactly() {
    let before = "{\"orgtree\": 1, \"name\": \"N1\\u202e\", \"posts\": [
        {\"id\": \"a\\u202e\\u001b[2J\", \"title\": \"A\\u009b\"}]}";
    let after = "{\"orgtree\": 1, \"name\": \"N2\\u001b]0;x\\u0007\", \"as_of\": \"2021-01-01\", \"posts\": [
        {\"id\": \"a\\u202e\\u001b[2J\", \"title\": \"A2\\u2066\"},
        {\"id\": \"\\u202eb\", \"title\": \"B\", \"reports_to\": \"a\\u202e\\u001b[2J\"}]}";
    let (replayed, after_chart, text) = replayed(before, after);
    assert!(replayed == after_chart, "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}

#[test]
fn a_step_holding_a_value_deeper_than_orgtree_keeps_is_refused_with_the_limit() {
    let deep = |levels: usize| format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
    let chart = r#"{"posts": [{"id": "a", "title": "A"}]}"#;
    let mut org = orgtree::read::load_str(chart, LoadOptions::default())
        .unwrap()
        .org;
    // 500 levels in a staff group of a post added: read and done.
    let step = |levels: usize| {
        format!(
            r#"[{{"edit": "add", "under": "a", "post": {{"id": "b", "title": "B", "staff": [{{"y": {}}}]}}}}]"#,
            deep(levels)
        )
    };
    let steps = read(&step(500)).expect("a value 500 levels deep is read");
    replay(&mut org, steps.iter().map(|s| &s.edit)).expect("and kept");
    // 501 levels: refused when read, in the words the loader uses.
    let problems = read(&step(501)).unwrap_err();
    assert_eq!(
        problems[0].message,
        "step 1: nested more than 500 levels deep"
    );
    // 501 levels in a field set: read (the step is shallower), refused when done.
    let set = format!(
        r#"[{{"edit": "set", "post": "a", "field": "x", "value": {}}}]"#,
        deep(501)
    );
    let steps = read(&set).expect("read");
    let refused = replay(&mut org, steps.iter().map(|s| &s.edit)).unwrap_err();
    assert!(
        refused
            .error
            .to_string()
            .contains("nested more than 500 levels deep"),
        "{}",
        refused.error
    );
}

#[test]
fn a_value_kept_leniently_under_a_known_name_is_replaced_by_a_set_of_that_field() {
    let old = lenient(r#"{"orgtree": 1, "posts": [{"id": "a", "title": "A", "fte": [1]}]}"#);
    let new = lenient(r#"{"orgtree": 1, "posts": [{"id": "a", "title": "A", "fte": 2}]}"#);
    let edits = between(&old, &new).unwrap();
    let mut work = old.clone();
    replay(&mut work, &edits).unwrap();
    assert!(work == new, "{edits:?}");
    // Its result loads as any chart does: the field is given once.
    let saved = orgtree::org::save::to_json(&work);
    assert!(
        orgtree::read::load_str(&saved, LoadOptions::default()).is_ok(),
        "{saved}"
    );
}

fn lenient(text: &str) -> Org {
    orgtree::read::load_str(text, LoadOptions { lenient: true })
        .unwrap_or_else(|e| panic!("{text}: {:?}", e.problems()))
        .org
}

/// The script from `old` to `new` as `diff --script` writes it, read back.
fn script(old: &Org, new: &Org) -> (Vec<ReadStep>, String) {
    let edits = between(old, new).unwrap_or_else(|e| panic!("no script: {e}"));
    let mut text = Vec::new();
    write(&edits, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    let steps = read(&text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
    (steps, text)
}

/// Replays `steps` on `org`, leniently or not.
fn replayed_on(org: &Org, steps: &[ReadStep], lenient: bool) -> Result<Org, String> {
    let mut work = org.clone();
    replay_with(&mut work, steps.iter().map(|s| &s.edit), lenient)
        .map_err(|refused| refused.problem(steps).message)?;
    Ok(work)
}

/// The messages of every step a strict replay of `steps` on `org` refuses.
fn strictly_refused(org: &Org, steps: &[ReadStep]) -> Vec<String> {
    let mut work = org.clone();
    replay_all(&mut work, steps.iter().map(|s| &s.edit), false)
        .iter()
        .map(|refused| refused.problem(steps).message)
        .collect()
}

const LENIENTLY: &str = "use orgtree apply --lenient to keep it, as a lenient load does";

/// A strict chart, and the same chart where values of the wrong type for fields orgtree
/// knows are kept as written (as only a lenient load keeps them): the chart's name, a
/// post's FTE and holder, and a post's manager (which makes it a top post).
const STRICT_CHART: &str = r#"{"orgtree": 1, "name": "Digital", "posts": [
    {"id": "a", "title": "A", "holder": "Ann", "fte": 2},
    {"id": "b", "title": "B", "reports_to": "a", "x": 1}]}"#;
const KEPT_AS_WRITTEN: &str = r#"{"orgtree": 1, "name": 5, "posts": [
    {"id": "a", "title": "A", "holder": 5, "fte": [1, 2]},
    {"id": "b", "title": "B", "reports_to": ["a"], "x": 1}]}"#;

#[test]
fn values_of_the_wrong_type_kept_as_written_are_set_so_and_only_by_a_lenient_replay() {
    let (old, new) = (lenient(STRICT_CHART), lenient(KEPT_AS_WRITTEN));
    let (steps, text) = script(&old, &new);
    // One step for each value kept, each saying so.
    let kept: Vec<(&str, &str)> = steps
        .iter()
        .filter_map(|step| match &step.edit {
            Edit::Set {
                post,
                field,
                as_written: true,
                ..
            } => Some((post.as_str(), field.as_str())),
            Edit::Chart {
                field,
                as_written: true,
                ..
            } => Some(("", field.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("", "name"),
            ("a", "holder"),
            ("a", "fte"),
            ("b", "reports_to")
        ],
        "{text}"
    );
    // A strict replay refuses each, naming it and saying what does it.
    let refused = strictly_refused(&old, &steps);
    assert_eq!(refused.len(), 4, "{refused:?}");
    assert_eq!(
        refused[0],
        format!("step 1 (chart): the value is kept as written under \"name\"; {LENIENTLY}")
    );
    assert!(
        refused.iter().all(|message| message.ends_with(LENIENTLY)),
        "{refused:?}"
    );
    // A lenient one gives the after chart: the values as written, the fields not given.
    let work = replayed_on(&old, &steps, true).unwrap();
    assert!(work == new, "{text}");
    let a = work.post(work.find("a").unwrap());
    assert_eq!((a.fte(), a.is_vacant()), (None, true));
    let b = work.find("b").unwrap();
    assert_eq!(work.manager(b), None);
    let saved = orgtree::org::save::to_json(&work);
    let text_back = serde_json::from_str::<serde_json::Value>(&saved).unwrap();
    assert_eq!(text_back["name"], serde_json::json!(5));
    assert_eq!(text_back["posts"][0]["fte"], serde_json::json!([1, 2]));
    assert_eq!(text_back["posts"][0]["holder"], serde_json::json!(5));
    assert_eq!(
        text_back["posts"][1]["reports_to"],
        serde_json::json!(["a"])
    );
}

#[test]
fn values_kept_as_written_in_the_before_chart_only_are_replaced_by_a_strict_replay() {
    let (old, new) = (lenient(KEPT_AS_WRITTEN), lenient(STRICT_CHART));
    let (steps, text) = script(&old, &new);
    // The after chart needs no leniency: nothing is set as written (a manager kept as
    // written is taken out as such before the post moves).
    assert!(
        steps.iter().all(|step| match &step.edit {
            Edit::Set {
                as_written, value, ..
            } => !as_written || value.is_null(),
            Edit::Chart { as_written, .. } => !as_written,
            _ => true,
        }),
        "{text}"
    );
    for lenient in [false, true] {
        let work = replayed_on(&old, &steps, lenient).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(work == new, "{text}");
        let saved = orgtree::org::save::to_json(&work);
        assert!(
            orgtree::read::load_str(&saved, LoadOptions::default()).is_ok(),
            "{saved}"
        );
    }
}

/// A strict chart, and the same chart with dotted lines to posts that are not in it: one
/// of a post there, one of a post added.
const DOTTED_BEFORE: &str = r#"{"orgtree": 1, "posts": [
    {"id": "a", "title": "A"}, {"id": "b", "title": "B", "reports_to": "a"}]}"#;
const DOTTED_AFTER: &str = r#"{"orgtree": 1, "posts": [
    {"id": "a", "title": "A", "dotted": [{"to": "ghost", "label": "board"}]},
    {"id": "b", "title": "B", "reports_to": "a"},
    {"id": "c", "title": "C", "reports_to": "a", "dotted": [{"to": "b"}, {"to": "gone"}]}]}"#;

#[test]
fn dotted_lines_to_posts_not_in_the_chart_are_drawn_only_by_a_lenient_replay() {
    let (old, new) = (lenient(DOTTED_BEFORE), lenient(DOTTED_AFTER));
    let (steps, text) = script(&old, &new);
    let refused = strictly_refused(&old, &steps);
    assert_eq!(refused.len(), 2, "{refused:?}\n{text}");
    assert!(
        refused[0].contains("there is no post 'ghost'") && refused[0].ends_with(LENIENTLY),
        "{refused:?}"
    );
    assert!(refused[1].contains("'gone'"), "{refused:?}");
    let work = replayed_on(&old, &steps, true).unwrap();
    assert!(work == new, "{text}");
    let lines = |id: &str| -> Vec<String> {
        work.post(work.find(id).unwrap())
            .dotted
            .iter()
            .map(|line| line.to.as_str().to_owned())
            .collect()
    };
    assert_eq!(lines("a"), ["ghost"]);
    assert_eq!(lines("c"), ["b", "gone"]);

    // The other way, the after chart has no such line: a strict replay does it.
    let (steps, text) = script(&new, &old);
    let work = replayed_on(&new, &steps, false).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(work == old, "{text}");
}

#[test]
fn as_written_is_refused_where_a_lenient_load_keeps_no_value_so() {
    let org = lenient(KEPT_AS_WRITTEN);
    let step = |edit: &str| {
        let steps = read(&format!("[{edit}]")).unwrap();
        replayed_on(&org, &steps, true).map(|_| ())
    };
    // A value the field can hold reads as the field; an unknown field is kept as written
    // anyway; a title a lenient load reads as text.
    for (field, value) in [("fte", "3"), ("x", "[1]"), ("title", "7")] {
        let message = step(&format!(
            r#"{{"edit": "set", "post": "a", "field": "{field}", "value": {value}, "as_written": true}}"#
        ))
        .unwrap_err();
        assert_eq!(
            message,
            format!(
                "step 1 (set): \"as_written\" keeps only a value a lenient load keeps as written under \"{field}\" (one of the wrong type for a field orgtree knows); leave it out here"
            )
        );
    }
    // Without it, a value of the wrong type is refused, even leniently.
    let message =
        step(r#"{"edit": "set", "post": "a", "field": "fte", "value": [3]}"#).unwrap_err();
    assert!(
        message.contains("\"fte\" must be a non-negative number"),
        "{message}"
    );
    // A post keeping a manager as written is a top post: it moves under one only once that
    // is taken out.
    let message = step(r#"{"edit": "move", "post": "b", "under": "a"}"#).unwrap_err();
    assert!(
        message.contains("keeps a \"reports_to\" as written"),
        "{message}"
    );
    step(
        r#"{"edit": "set", "post": "b", "field": "reports_to", "value": null, "as_written": true},
           {"edit": "move", "post": "b", "under": "a"}"#,
    )
    .unwrap();
}

/// Found by the fuzzing: a lenient load keeps the manager of a post whose line it does not
/// draw (an unknown post, the post itself, a loop) as written, though it is an id.
#[test]
fn managers_whose_lines_a_lenient_load_does_not_draw_are_kept_as_written() {
    let before = lenient(DOTTED_BEFORE);
    let after = lenient(
        r#"{"orgtree": 1, "posts": [
        {"id": "a", "title": "A"}, {"id": "b", "title": "B", "reports_to": "nobody"},
        {"id": "c", "title": "C", "reports_to": "c"},
        {"id": "d", "title": "D", "reports_to": "e"}, {"id": "e", "title": "E", "reports_to": "d"}]}"#,
    );
    for (from, to) in [(&before, &after), (&after, &before)] {
        let (steps, text) = script(from, to);
        let work = replayed_on(from, &steps, true).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(work == *to, "{text}");
    }
    let kept = |id: &str| after.post(after.find(id).unwrap()).extra.to_vec();
    assert_eq!(
        kept("b"),
        [("reports_to".into(), serde_json::json!("nobody"))]
    );
    assert_eq!(kept("d"), [("reports_to".into(), serde_json::json!("e"))]);
}
