//! Input made to be slow: many posts with one id, one title, one manager, one chain, and
//! posts or rows with a hundred thousand parts. Every path stays linear, so each of these
//! finishes in seconds even in a debug build, where a quadratic path would take minutes.

use std::fmt::Write as _;

use orgtree::read::{LoadOptions, load_str};

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
