//! Change scripts through the library: the script between two charts turns the first into
//! the second, for every pair of fixtures.

use crate::common;

use orgtree::edit::script::{between, read, replay, write};
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
    let lenient = LoadOptions { lenient: true };
    let old = orgtree::read::load_str(
        r#"{"orgtree": 1, "posts": [{"id": "a", "title": "A", "fte": [1]}]}"#,
        lenient,
    )
    .unwrap()
    .org;
    let new = orgtree::read::load_str(
        r#"{"orgtree": 1, "posts": [{"id": "a", "title": "A", "fte": 2}]}"#,
        lenient,
    )
    .unwrap()
    .org;
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
    // The other way needs a value no edit can give (a wrong type): refused, with the reason.
    let error = between(&new, &old).unwrap_err().to_string();
    assert!(
        error.contains("\"fte\" must be a non-negative number"),
        "{error}"
    );
}
