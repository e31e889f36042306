//! Input made to be slow: many posts with one id, one title, one manager, one chain, and
//! posts or rows with a hundred thousand parts. Every path stays linear, so each of these
//! finishes in seconds even in a debug build, where a quadratic path would take minutes.

use std::fmt::Write as _;

use orgtree::compare::{MatchBy, What, compare};
use orgtree::edit::script::{between, replay};
use orgtree::edit::{Edit, Reports, apply};
use orgtree::org::Position;
use orgtree::read::organogram::organogram;
use orgtree::read::{LoadOptions, load_str};
use orgtree::report::export::{ORGANOGRAM_COLUMNS, write_organogram};

/// `posts` posts that all give the id `dup`.
fn one_id(posts: usize) -> String {
    let mut text = String::from("{\"posts\": [");
    for i in 0..posts {
        let comma = if i == 0 { "" } else { "," };
        write!(text, "{comma}\n{{\"id\": \"dup\", \"title\": \"T\"}}").unwrap();
    }
    text.push_str("\n]}");
    text
}

#[test]
fn a_hundred_thousand_posts_with_one_id_are_each_named_and_reported() {
    let posts = 100_000;
    let loaded = load_str(&one_id(posts), LoadOptions { lenient: true }).expect("loads leniently");
    assert_eq!(loaded.org.len(), posts);
    // The first keeps the id; the others are named dup~2, dup~3... in file order.
    let ids: Vec<&str> = loaded
        .org
        .posts()
        .map(|node| loaded.org.post(node).id().as_str())
        .collect();
    assert_eq!(ids[0], "dup");
    for (i, id) in ids.iter().enumerate().skip(1) {
        assert_eq!(*id, format!("dup~{}", i + 1));
    }
    assert_eq!(loaded.warnings.len(), posts - 1);
    // Post i (from 1) is on line i+1, its id from column 8.
    assert_eq!(
        loaded.warnings[posts - 2].display_in("t").to_string(),
        format!(
            "t:{}:8: warning: duplicate id 'dup' (first used on line 2); loaded as 'dup~{posts}'",
            posts + 1
        )
    );
}

#[test]
fn ids_taken_by_later_posts_are_stepped_over_when_naming_duplicates() {
    let text = r#"{"posts": [
        {"id": "a", "title": "A"},
        {"id": "a", "title": "A2"},
        {"id": "a~2", "title": "Given"},
        {"id": "a", "title": "A3"},
        {"id": "a~4", "title": "Given too"},
        {"id": "a", "title": "A4"}
    ]}"#;
    let loaded = load_str(text, LoadOptions { lenient: true }).expect("loads leniently");
    let ids: Vec<&str> = loaded
        .org
        .posts()
        .map(|node| loaded.org.post(node).id().as_str())
        .collect();
    assert_eq!(ids, ["a", "a~3", "a~2", "a~5", "a~4", "a~6"]);
}

const SENIOR_HEADER: &str = "Post Unique Reference,Name,Grade (or equivalent),Job Title,Unit,Organisation,Reports to Senior Post,FTE,Contact Phone\n";

#[test]
fn a_hundred_thousand_rows_of_one_job_share_make_one_post() {
    let rows = 100_000;
    let mut senior = String::from(SENIOR_HEADER);
    for i in 0..rows {
        // Each row another holder, unit and phone: every value is joined.
        writeln!(senior, "1,Holder {i},SCS1,Director,Unit {i},Org,XX,0.5,{i}").unwrap();
    }
    let imported = organogram(("senior.csv", &senior), None).expect("imports");
    let org = &imported.org;
    assert_eq!(org.len(), 1);
    let post = org.post(org.find("1").unwrap());
    let joined = |prefix: &str| {
        (0..rows)
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    assert_eq!(post.holder.name(), Some(joined("Holder ").as_str()));
    assert_eq!(post.unit.as_deref(), Some(joined("Unit ").as_str()));
    let phone = post.extra.iter().find(|(name, _)| name == "Contact Phone");
    assert_eq!(phone.unwrap().1, serde_json::Value::from(joined("")));
    assert!((post.fte().unwrap() - 50_000.0).abs() < 1e-6);
    // A warning for each row after the first, at its line.
    assert_eq!(imported.warnings.len(), rows - 1);
    assert_eq!(
        imported.warnings[rows - 2].problem.position,
        Some(Position {
            line: rows + 1,
            column: 1
        })
    );
}

#[test]
fn a_chain_of_fifty_thousand_eliminated_posts_is_passed_over_once() {
    let half = 50_000;
    let mut senior = String::from(SENIOR_HEADER);
    senior.push_str("top,Ann,SCS3,Chief,U,Org,XX,1,\n");
    // e1 reports to the top post, e2 to e1, and so on; all eliminated.
    for i in 1..=half {
        let above = if i == 1 {
            "top".to_owned()
        } else {
            format!("e{}", i - 1)
        };
        writeln!(senior, "e{i},Eliminated,SCS2,Gone,U,Org,{above},1,").unwrap();
    }
    // Posts of organisations all named apart, each reporting to the last eliminated post.
    for i in 0..half {
        writeln!(senior, "p{i},Holder {i},SCS1,Director,U,Org {i},e{half},1,").unwrap();
    }
    let imported = organogram(("senior.csv", &senior), None).expect("imports");
    let org = &imported.org;
    assert_eq!(org.len(), half + 1);
    assert_eq!(org.reports(org.find("top").unwrap()).len(), half);
    // A warning for each eliminated post, and one for each post moved up.
    assert_eq!(imported.warnings.len(), 2 * half);
    let last = &imported.warnings[2 * half - 1].problem;
    assert_eq!(
        last.message,
        format!(
            "post 'p{}': \"Reports to Senior Post\" is 'e{half}', which is eliminated: moved up to 'top'",
            half - 1
        )
    );
    // When none is named more often, the first name in alphabetical order.
    assert_eq!(org.meta.name.as_deref(), Some("Org"));
}

/// One post with `fields` fields orgtree does not know, `f0` to `f{fields-1}`, valued `i`.
fn one_wide_post(fields: usize, plus: usize) -> String {
    let mut text = String::from("{\"posts\": [{\"id\": \"p\", \"title\": \"P\"");
    for i in 0..fields {
        write!(text, ", \"f{i}\": {}", i + plus).unwrap();
    }
    text.push_str("}]}");
    text
}

#[test]
fn a_post_with_a_hundred_thousand_fields_exports_as_an_organogram_row() {
    let fields = 100_000;
    let org = load_str(&one_wide_post(fields, 0), LoadOptions::default())
        .expect("loads")
        .org;
    let mut out = Vec::new();
    write_organogram(&org, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(lines.next(), None);
    let published = ORGANOGRAM_COLUMNS.len();
    assert_eq!(header.len(), published + fields);
    assert_eq!(row.len(), published + fields);
    for i in 0..fields {
        assert_eq!(header[published + i], format!("f{i}"));
        assert_eq!(row[published + i], i.to_string());
    }
}

#[test]
fn a_post_with_a_hundred_thousand_changed_fields_is_compared_in_one_pass() {
    let fields = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let (before, after) = (
        load(&one_wide_post(fields, 0)),
        load(&one_wide_post(fields, 1)),
    );
    let comparison = compare(&before, &after, MatchBy::Id);
    assert_eq!(comparison.changes.len(), 1);
    let What::Fields(changed) = &comparison.changes[0].what else {
        panic!("{:?}", comparison.changes[0].what);
    };
    assert_eq!(changed.len(), fields);
    for (i, change) in changed.iter().enumerate() {
        assert_eq!(change.field, format!("f{i}"));
        assert_eq!(change.old, Some(serde_json::Value::from(i)));
        assert_eq!(change.new, Some(serde_json::Value::from(i + 1)));
    }
}

#[test]
fn a_script_of_a_hundred_thousand_sets_of_one_post_is_worked_out_and_replayed_in_one_pass() {
    let fields = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let (before, after, bare) = (
        load(&one_wide_post(fields, 0)),
        load(&one_wide_post(fields, 1)),
        load(&one_wide_post(0, 0)),
    );
    // Every field changed; every field taken out (each the first of the post's fields when
    // it goes); every field added.
    for (from, to) in [(&before, &after), (&before, &bare), (&bare, &after)] {
        let edits = between(from, to).expect("a script");
        assert_eq!(edits.len(), fields);
        let mut work = from.clone();
        replay(&mut work, &edits).expect("replays");
        assert!(work == *to);
    }
    // Written by hand: the fields set last to first, each followed by a set of a known field
    // and a retitle of the same post.
    let p = orgtree::org::Text::from("p");
    let mut script = Vec::new();
    for i in (0..fields).rev() {
        script.push(Edit::Set {
            post: p.clone(),
            field: format!("f{i}").into(),
            value: serde_json::Value::from(i + 1),
            keep_null: false,
            as_written: false,
        });
        script.push(Edit::Set {
            post: p.clone(),
            field: "grade".into(),
            value: serde_json::Value::from(format!("G{i}")),
            keep_null: false,
            as_written: false,
        });
        script.push(Edit::Retitle {
            post: p.clone(),
            title: format!("P{i}").into(),
        });
    }
    let mut work = before.clone();
    replay(&mut work, &script).expect("replays");
    let post = work.post(work.find("p").unwrap());
    assert_eq!((&*post.title, post.grade.as_deref()), ("P0", Some("G0")));
    assert_eq!(post.extra.len(), fields);
    for (i, (key, value)) in post.extra.iter().enumerate() {
        assert_eq!(
            (key.as_str(), value),
            (format!("f{i}").as_str(), &serde_json::Value::from(i + 1))
        );
    }
}

/// A chart with `fields` fields of its own that orgtree does not know, `m0` to
/// `m{fields-1}`, valued `i + plus`.
fn wide_chart(fields: usize, plus: usize) -> String {
    let mut text = String::from("{\"name\": \"C\"");
    for i in 0..fields {
        write!(text, ", \"m{i}\": {}", i + plus).unwrap();
    }
    text.push_str(", \"posts\": [{\"id\": \"p\", \"title\": \"P\"}]}");
    text
}

#[test]
fn a_script_of_a_hundred_thousand_fields_of_the_chart_is_worked_out_and_replayed_in_one_pass() {
    let fields = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let (before, after, bare) = (
        load(&wide_chart(fields, 0)),
        load(&wide_chart(fields, 1)),
        load(&wide_chart(0, 0)),
    );
    for (from, to) in [(&before, &after), (&before, &bare), (&bare, &after)] {
        let edits = between(from, to).expect("a script");
        assert_eq!(edits.len(), fields);
        let mut work = from.clone();
        replay(&mut work, &edits).expect("replays");
        assert!(work == *to);
    }
}

/// One post with a dotted line to itself for each of `labels`, in that order.
fn dotted_to_itself(labels: impl Iterator<Item = usize>) -> String {
    let lines: Vec<String> = labels
        .map(|i| format!("{{\"to\": \"p\", \"label\": \"L{i}\"}}"))
        .collect();
    format!(
        "{{\"posts\": [{{\"id\": \"p\", \"title\": \"P\", \"dotted\": [{}]}}]}}",
        lines.join(", ")
    )
}

#[test]
fn a_hundred_thousand_dotted_lines_in_another_order_are_matched_in_one_pass() {
    let lines = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let before = load(&dotted_to_itself(0..lines));
    // The same lines backwards, but the first left out and one new.
    let after = load(&dotted_to_itself((1..=lines).rev()));
    let comparison = compare(&before, &after, MatchBy::Id);
    assert_eq!(comparison.changes.len(), 1);
    let What::Dotted { added, removed } = &comparison.changes[0].what else {
        panic!("{:?}", comparison.changes[0].what);
    };
    assert_eq!(removed, &[0]);
    assert_eq!(added, &[0]);
}

#[test]
fn a_hundred_thousand_dotted_lines_taken_out_are_scripted_in_one_step() {
    let lines = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let (all, none, last) = (
        load(&dotted_to_itself(0..lines)),
        load(&dotted_to_itself(0..0)),
        load(&dotted_to_itself(lines - 1..lines)),
    );
    for (from, to) in [(&all, &none), (&all, &last), (&none, &all)] {
        let edits = between(from, to).expect("a script");
        // Lines added at the end are a step each; taken out, the list is set at once.
        let steps = if from == &none { lines } else { 1 };
        assert_eq!(edits.len(), steps);
        let mut work = from.clone();
        replay(&mut work, &edits).expect("replays");
        assert!(work == *to);
    }
}

/// Either `top` and `posts` posts reporting to it, or `posts` posts each reporting to the
/// one before it (a chain `posts` deep).
fn wide_or_chain(posts: usize, chain: bool) -> String {
    let mut text = String::from("{\"posts\": [");
    if !chain {
        text.push_str("{\"id\": \"top\", \"title\": \"Top\"},\n");
    }
    for i in 0..posts {
        let manager = match (chain, i) {
            (false, _) => "\"top\"".to_owned(),
            (true, 0) => "null".to_owned(),
            (true, i) => format!("\"p{}\"", i - 1),
        };
        let comma = if i == 0 { "" } else { ",\n" };
        write!(
            text,
            "{comma}{{\"id\": \"p{i}\", \"title\": \"P{i}\", \"reports_to\": {manager}}}"
        )
        .unwrap();
    }
    text.push_str("]}");
    text
}

#[test]
fn a_script_from_a_hundred_thousand_reports_of_one_post_to_a_chain_and_back_replays() {
    let posts = 100_000;
    let load = |text: &str| load_str(text, LoadOptions::default()).expect("loads").org;
    let (wide, chain) = (
        load(&wide_or_chain(posts, false)),
        load(&wide_or_chain(posts, true)),
    );
    for (before, after) in [(&wide, &chain), (&chain, &wide)] {
        let edits = between(before, after).expect("a script");
        let mut work = before.clone();
        replay(&mut work, &edits).expect("replays");
        assert!(work == *after);
    }
    // Closing the top post of the wide chart moves its reports up, in order, as top posts.
    let mut closed = wide.clone();
    let undo = apply(
        &mut closed,
        &Edit::Close {
            post: "top".into(),
            reports: Reports::Up,
        },
    )
    .unwrap();
    assert_eq!(closed.tops().len(), posts);
    assert_eq!(
        closed.post(closed.tops()[posts - 1]).id().as_str(),
        format!("p{}", posts - 1)
    );
    apply(&mut closed, &undo).unwrap();
    assert!(closed == wide);
}
