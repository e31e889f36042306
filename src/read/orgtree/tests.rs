//! The loader read whole, in blocks of any size, with lone surrogates and odd documents.

use super::*;

/// The outcome of a load, to compare two loads of the same document.
pub(super) fn outcome(result: Result<Loaded, LoadError>) -> Result<(Org, Vec<Problem>), String> {
    match result {
        Ok(Loaded { org, warnings }) => Ok((org, warnings)),
        Err(LoadError::Invalid { problems, posts }) => Err(format!("{posts} posts: {problems:?}")),
        Err(LoadError::Unusable(problem)) => Err(format!("unusable: {problem:?}")),
    }
}

/// Loading a file a few bytes at a time, so that every kind of token is cut somewhere
/// between two blocks, gives what loading the whole text at once gives.
fn same_in_any_blocks(text: &str, blocks: &[usize]) {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    for lenient in [false, true] {
        let options = LoadOptions { lenient };
        let whole = outcome(load_str(text, options));
        for &block in blocks {
            let in_blocks = outcome(load_in_blocks(
                Source::File(file.path()),
                options,
                block,
                &[],
            ));
            match (&whole, &in_blocks) {
                (Ok((a, wa)), Ok((b, wb))) => {
                    assert!(a == b, "block {block}: the charts differ for {text:.200}");
                    assert_eq!(wa, wb, "block {block}");
                }
                _ => assert_eq!(whole, in_blocks, "block {block}, lenient {lenient}"),
            }
        }
    }
}

#[test]
fn every_fixture_loads_the_same_whatever_the_blocks() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(folder).unwrap() {
        // The charts; fixtures/organograms holds CSV files.
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(path).unwrap();
            same_in_any_blocks(&text, &[1, 2, 5, 64]);
        }
    }
}

#[test]
fn odd_documents_load_the_same_whatever_the_blocks() {
    for text in [
        "\u{feff}{\"posts\": [{\"id\": \"é\\u00e9\\n\", \"title\": \"Caf\u{e9} ☕\", \"fte\": 0.25e1}]}",
        "{\"posts\": [1, \"two\", {\"id\": 3, \"title\": \"T\", \"cost\": 12345678901234}]}",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}], \"posts\": [{\"id\": \"b\"}]}",
        "{\"name\": 5, \"posts\": [], \"extra\": {\"deep\": [[[1e-5]]]}, \"orgtree\": 1}",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"} {\"id\": \"b\"}]}",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\", \"fte\": 1.}]}",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"},]}",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}]} trailing",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}]",
        "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}\u{c}]}",
        "{\"orgtree\": 2, \"posts\": []}",
        "{\"posts\": {}}",
        "[1, 2]",
        "",
        "   ",
    ] {
        same_in_any_blocks(text, &[1, 2, 3, 7]);
    }
}

#[test]
fn lone_surrogates_are_read_as_replacement_characters_wherever_they_are() {
    // A lone half of a UTF-16 pair in a key, an id, a holder, a staff group, a dotted
    // line's member and a chart field; a whole pair stays the character it stands for.
    let text = concat!(
        r#"{"name": "n\udc00", "\ud800k": "\ud800", "posts": ["#,
        r#"{"id": "a", "title": "A", "\udbff": 1, "holder": "\ud83d\ude00 x\ud83d"},"#,
        r#"{"id": "b\udfff", "title": "B", "reports_to": "a","#,
        r#""staff": [{"title": "S\ud800", "fte": 1}], "dotted": [{"to": "a", "y": "\ud800"}]}]}"#
    );
    let lone: Vec<usize> = text
        .match_indices("\\u")
        .map(|(at, _)| at)
        .filter(|&at| !text[at..].starts_with("\\ud83d\\ude00") && !text[..at].ends_with("\\ud83d"))
        .collect();
    assert_eq!(lone.len(), 8);
    for lenient in [false, true] {
        let loaded = load_str(text, LoadOptions { lenient }).unwrap();
        let org = &loaded.org;
        let b = org
            .find("b\u{fffd}")
            .expect("b's id has its replacement character");
        let a = org.find("a").unwrap();
        assert_eq!(org.manager(b), Some(a));
        assert_eq!(org.post(a).holder.name(), Some("\u{1f600} x\u{fffd}"));
        assert_eq!(org.post(b).staff[0].title.as_deref(), Some("S\u{fffd}"));
        assert_eq!(org.meta.name.as_deref(), Some("n\u{fffd}"));
        let columns: Vec<usize> = loaded
            .warnings
            .iter()
            .map(|w| w.position.unwrap().column - 1)
            .collect();
        assert_eq!(columns, lone, "one warning at each lone surrogate");
        assert!(
            loaded
                .warnings
                .iter()
                .all(|w| w.message.contains("lone UTF-16 surrogate"))
        );
        // Written and read again, the chart is the same, with nothing more to report.
        let again = load_str(&crate::org::save::to_json(org), LoadOptions::default()).unwrap();
        assert!(again.org == loaded.org);
        assert!(again.warnings.is_empty());
    }
    same_in_any_blocks(text, &[1, 2, 3, 7, 64]);
}

#[test]
fn a_chart_field_given_twice_is_reported_at_its_value() {
    let text = "{\"name\": \"a\", \"name\": \"b\", \"posts\": []}";
    let loaded = load_str(text, LoadOptions { lenient: true }).unwrap();
    assert_eq!(loaded.org.meta.name.as_deref(), Some("b"));
    let warning = &loaded.warnings[0];
    assert_eq!(
        warning.position,
        Some(Position {
            line: 1,
            column: 23
        })
    );
    assert_eq!(
        warning.message,
        "field \"name\" appears twice (first at 1:10); the last one is used"
    );
}

#[test]
fn white_space_is_json_white_space_only() {
    let text = "{\"posts\": [{\"id\": \"a\", \"title\": \"A\"}\u{c}]}";
    let refused = outcome(load_str(text, LoadOptions::default()));
    assert_eq!(
        refused.err().as_deref(),
        Some(
            "unusable: Problem { severity: Error, position: Some(Position { line: 1, column: 37 }), message: \"not valid JSON: expected `,` or `]`\" }"
        )
    );
}

#[test]
fn a_large_chart_loads_the_same_from_a_file_as_from_text() {
    let text = crate::org::save::to_json(&crate::generate::generate(3_000, 9));
    same_in_any_blocks(&text, &[4093, 65_536]);
}
