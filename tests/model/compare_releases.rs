//! Two releases of one body compare as one structure: a reference that lost its leading
//! zeros (or gained a `.0`) is the same post, and a title that changed only in its spacing
//! is the same title.

use orgtree::compare::{ChangeKind, MatchBy, compare};
use orgtree::org::Org;
use orgtree::read::{LoadOptions, load_str};

fn chart(posts: &[(&str, &str, Option<&str>)]) -> Org {
    let posts: Vec<serde_json::Value> = posts
        .iter()
        .map(|(id, title, manager)| {
            serde_json::json!({"id": id, "title": title, "reports_to": manager, "holder": "N/D"})
        })
        .collect();
    let text = serde_json::json!({ "posts": posts }).to_string();
    load_str(&text, LoadOptions::default())
        .expect("the chart loads")
        .org
}

fn kinds(before: &Org, after: &Org, by: MatchBy) -> Vec<(ChangeKind, String)> {
    let comparison = compare(before, after, by);
    comparison
        .changes
        .iter()
        .map(|change| {
            let post = change
                .after
                .map(|a| after.post(a))
                .or(change.before.map(|b| before.post(b)))
                .expect("a post");
            (change.kind(), post.id().as_str().to_owned())
        })
        .collect()
}

#[test]
fn references_that_lost_their_leading_zeros_are_the_same_posts() {
    let before = chart(&[
        ("00106000", "Chief of Defence Materiel", None),
        ("00196904", "Head of Land Equipment", Some("00106000")),
        ("007", "Head of Air", Some("00106000")),
    ]);
    let after = chart(&[
        ("106000", "Chief of Defence Materiel", None),
        ("196904.0", "Head of Land Equipment", Some("106000")),
        ("7", "Head of Sea", Some("106000")),
    ]);
    for by in [MatchBy::Id, MatchBy::Content] {
        let comparison = compare(&before, &after, by);
        // Matched by id, as the same references: none of them inferred.
        assert!(comparison.matching.inferred().is_empty(), "{by:?}");
        assert_eq!(
            kinds(&before, &after, by),
            [(ChangeKind::Retitled, "7".to_owned())],
            "{by:?}"
        );
    }
}

#[test]
fn a_number_two_posts_of_a_side_write_matches_neither() {
    let before = chart(&[("1", "Director", None), ("01", "Deputy", Some("1"))]);
    let after = chart(&[("0001", "Director", None)]);
    let changes = kinds(&before, &after, MatchBy::Id);
    assert_eq!(
        changes,
        [
            (ChangeKind::Removed, "1".to_owned()),
            (ChangeKind::Removed, "01".to_owned()),
            (ChangeKind::Added, "0001".to_owned()),
        ]
    );
}

#[test]
fn a_title_that_changed_only_in_its_spacing_is_not_retitled() {
    let before = chart(&[("1", "Head of Strategy & Programmes ", None)]);
    let after = chart(&[("1", "Head of\u{a0}Strategy  &  Programmes", None)]);
    assert!(kinds(&before, &after, MatchBy::Id).is_empty());
    let after = chart(&[("1", "Head of Strategy and Programmes", None)]);
    assert_eq!(
        kinds(&before, &after, MatchBy::Id),
        [(ChangeKind::Retitled, "1".to_owned())]
    );
}
