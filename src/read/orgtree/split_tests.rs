//! A chart read in parts on two threads is the chart read alone, with the same problems at
//! the same places, wherever the splits fall: on items of the posts list, inside posts,
//! inside strings, in lists of objects within a post, after the posts list.

use super::tests::outcome;
use super::{ADOPTED, COUNTED, LoadOptions, load_file_split_at, load_str};

/// How many parts read ahead the loads `run` does use.
fn adopted_by(run: impl FnOnce()) -> usize {
    let before = ADOPTED.with(std::cell::Cell::get);
    run();
    ADOPTED.with(std::cell::Cell::get) - before
}

/// Loads `text` from a file with its posts list split at each set of `splits`, and checks
/// that the outcome is the one of reading it alone. Gives how many parts read ahead were
/// used.
fn same_split(text: &str, splits: &[Vec<usize>], blocks: &[usize]) -> usize {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    let mut used = 0;
    for lenient in [false, true] {
        let options = LoadOptions { lenient };
        let alone = outcome(load_str(text, options));
        for splits in splits {
            for &block in blocks {
                let counted_before = COUNTED.with(std::cell::Cell::get);
                used += adopted_by(|| {
                    let split = outcome(load_file_split_at(file.path(), options, splits, block));
                    match (&alone, &split) {
                        (Ok((a, wa)), Ok((b, wb))) => {
                            assert!(a == b, "splits {splits:?}: the charts differ");
                            assert_eq!(wa, wb, "splits {splits:?}, block {block}");
                        }
                        _ => assert_eq!(alone, split, "splits {splits:?}, block {block}"),
                    }
                });
                // Every byte parsed is counted once for the progress shown, whichever
                // parts were used; a load that stops early counts no more than the text.
                let counted = COUNTED.with(std::cell::Cell::get) - counted_before;
                let whole = text.strip_prefix('\u{feff}').unwrap_or(text).len();
                if alone.is_ok() {
                    assert_eq!(counted, whole, "splits {splits:?}, block {block}");
                } else {
                    assert!(counted <= whole, "splits {splits:?}, block {block}");
                }
            }
        }
    }
    used
}

/// The offsets of `byte` in `text`.
fn offsets_of(text: &str, byte: u8) -> Vec<usize> {
    memchr::memchr_iter(byte, text.as_bytes()).collect()
}

#[test]
fn every_fixture_reads_the_same_split_at_any_object() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut clean = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let objects = offsets_of(&text, b'{');
            // One split at each object, then every object a split (many parts).
            let mut splits: Vec<Vec<usize>> = objects.iter().map(|&at| vec![at]).collect();
            splits.push(objects.clone());
            splits.push(objects.iter().copied().step_by(3).collect());
            let used = same_split(&text, &splits, &[4096]);
            // A chart with nothing to report uses the parts read ahead from its posts.
            let posts = text.matches("\"id\"").count();
            if load_str(&text, LoadOptions::default()).is_ok_and(|l| l.warnings.is_empty()) {
                assert!(used >= posts, "{}: {used} parts used", path.display());
                clean += 1;
            }
        }
    }
    assert!(clean > 10);
}

#[test]
fn small_documents_read_the_same_split_at_any_byte() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in [
        "broken-duplicate-field.json",
        "broken-duplicate-id.json",
        "broken-missing-id.json",
        "broken-syntax.json",
        "broken-unknown-dotted.json",
        "broken-wrong-types.json",
        "hostile-text.json",
    ] {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        let splits: Vec<Vec<usize>> = (0..=text.len()).map(|at| vec![at]).collect();
        same_split(&text, &splits, &[4096, 7]);
    }
}

#[test]
fn odd_documents_read_the_same_split_anywhere() {
    for text in [
        // Strings that look like the gap between two posts.
        r#"{"posts": [{"id": "a", "title": "}, {"}, {"id": "b", "title": "x\"}, {\"y", "reports_to": "a"}, {"id": "c", "title": "C"}, {"id": "d", "title": "D"}, {"id": "e", "title": "E"}, {"id": "f", "title": "F"}]}"#,
        // Lists of objects inside posts, long enough to look like the posts list.
        r#"{"posts": [{"id": "a", "title": "A", "staff": [{"title": "S", "fte": 1}, {"title": "T", "fte": 2}, {"title": "U", "fte": 3}, {"title": "V", "fte": 4}, {"title": "W", "fte": 5}, {"title": "X", "fte": 6}]}, {"id": "b", "title": "B", "reports_to": "a", "x": [{}, {}, {}, {}, {}, {}]}, {"id": "c", "title": "C"}]}"#,
        // Members after the posts list, and a second posts list.
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}], "name": "N", "extra": [{"a": 1}, {"b": 2}, {"c": 3}, {"d": 4}, {"e": 5}]}"#,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}], "posts": [{"id": "c", "title": "C"}, {"id": "d", "title": "D"}, {"id": "e", "title": "E"}]}"#,
        // Problems in a later part: its posts are numbered from the start of the list.
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"title": "no id"}, {"id": "d", "title": 4}, 5, {"id": "f", "title": "F", "reports_to": "zz"}, {"id": "g", "title": "G"}]}"#,
        // Lone surrogates, and a syntax error after the split.
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b\ud800", "title": "B"}, {"id": "c", "title": "C"}, {"id": "d", "title": "D"}]}"#,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"} {"id": "d", "title": "D"}]}"#,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"},]}"#,
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}"#,
        // A byte order mark: offsets count after it.
        "\u{feff}{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\", \"reports_to\": \"a\"}, {\"id\": \"c\", \"title\": 3}]}",
    ] {
        let text_without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut splits: Vec<Vec<usize>> = (0..=text_without_bom.len()).map(|at| vec![at]).collect();
        let objects = offsets_of(text_without_bom, b'{');
        splits.push(objects.clone());
        for pair in objects.windows(2) {
            splits.push(pair.to_vec());
        }
        same_split(text, &splits, &[4096, 5]);
    }
}

#[test]
fn a_large_chart_with_a_problem_in_every_post_reads_the_same_in_parts_it_cannot_use() {
    let text = crate::org::save::to_json(&crate::generate::generate(3_000, 9))
        .replace("\"title\": \"", "\"title\": \"\\ud800");
    assert!(text.matches("\\ud800").count() >= 3_000);
    let posts: Vec<usize> = text
        .match_indices("\n    {")
        .map(|(at, _)| at + 5)
        .collect();
    let every: Vec<usize> = posts.iter().copied().step_by(200).skip(1).collect();
    // Each part has something to report: none is used, and the bytes are counted once.
    assert_eq!(
        same_split(&text, std::slice::from_ref(&every), &[65_536]),
        0
    );
}

#[test]
fn a_large_chart_read_in_parts_uses_them_and_is_the_same() {
    let text = crate::org::save::to_json(&crate::generate::generate(3_000, 9));
    // The start of every 200th post, and guesses made from the text as from a file.
    let posts: Vec<usize> = text
        .match_indices("\n    {")
        .map(|(at, _)| at + 5)
        .collect();
    let every: Vec<usize> = posts.iter().copied().step_by(200).skip(1).collect();
    let used = same_split(&text, std::slice::from_ref(&every), &[65_536]);
    // Every other part is read ahead, and every one is used, under both policies.
    assert_eq!(used, 2 * every.len().div_ceil(2));
    let guessed: Vec<usize> = (1..8)
        .filter_map(|part| {
            let from = text.len() * part / 8;
            super::split::in_bytes(&text.as_bytes()[from..]).map(|at| from + at)
        })
        .collect();
    assert!(guessed.iter().all(|at| posts.contains(at)), "{guessed:?}");
    assert_eq!(
        same_split(&text, std::slice::from_ref(&guessed), &[4093]),
        2 * guessed.len().div_ceil(2)
    );
}
