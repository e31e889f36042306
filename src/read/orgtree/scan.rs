//! Reading a post object's members in one pass over its text, when they are what posts are
//! made of: keys, strings, numbers, `true`, `false` and `null`, with any array or object
//! among them handed to `serde_json` whole. Anything else, and anything not plainly
//! well-formed, is left to `serde_json`, which then reads the object as before and says what
//! is wrong with it: this pass only ever gives the members `serde_json` would give.
//!
//! Hand-written because the loader spends most of its time reading posts: measured side by
//! side on a generated million-post chart, `orgtree check` takes about 13% less user time
//! with this pass than with `serde_json`'s map visitor (a `RawValue` a member), whose
//! values the field table then read again.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::org::json::{self, Members};

/// How deeply an array or object member may nest before the object is left to `serde_json`,
/// whose limit counts the levels around it too.
const DEEP: usize = 64;

/// The members of the object whose `{` is at `pos` in `window`, and the offset just after its
/// `}`; `None` when `serde_json` is to read it (something other than plain, well-formed
/// members, or the window ends first).
pub(super) fn object(window: &str, pos: usize) -> Option<(Members<'_>, usize)> {
    let bytes = window.as_bytes();
    debug_assert_eq!(bytes.get(pos), Some(&b'{'));
    let mut members = Members::with_capacity(8);
    let mut at = json::skip_space(bytes, pos + 1);
    if *bytes.get(at)? == b'}' {
        return Some((members, at + 1));
    }
    loop {
        if *bytes.get(at)? != b'"' {
            return None;
        }
        let (key_end, escaped) = string(bytes, at)?;
        let key = key(window, at, key_end, escaped)?;
        at = json::skip_space(bytes, key_end);
        if *bytes.get(at)? != b':' {
            return None;
        }
        at = json::skip_space(bytes, at + 1);
        let value_end = value(window, at)?;
        members.push((key, &window[at..value_end]));
        at = json::skip_space(bytes, value_end);
        match *bytes.get(at)? {
            b',' => at = json::skip_space(bytes, at + 1),
            b'}' => return Some((members, at + 1)),
            _ => return None,
        }
    }
}

/// The text of a key, borrowed when it has no escapes.
fn key(window: &str, start: usize, end: usize, escaped: bool) -> Option<Cow<'_, str>> {
    if !escaped {
        return Some(Cow::Borrowed(&window[start + 1..end - 1]));
    }
    // A lone surrogate escape cannot be text: serde_json refuses it, and so the document
    // reader repairs it.
    serde_json::from_str::<String>(&window[start..end])
        .ok()
        .map(Cow::Owned)
}

/// The offset just after the value at `at`.
fn value(window: &str, at: usize) -> Option<usize> {
    let bytes = window.as_bytes();
    match *bytes.get(at)? {
        b'"' => string(bytes, at).map(|(end, _)| end),
        b'-' | b'0'..=b'9' => number(bytes, at),
        b't' => literal(bytes, at, b"true"),
        b'f' => literal(bytes, at, b"false"),
        b'n' => literal(bytes, at, b"null"),
        b'[' | b'{' => nested(window, at),
        _ => None,
    }
}

/// The offset of the first byte from `at` on that a string's text cannot hold as it is (its
/// end, an escape, a control character), eight bytes at a time: most strings of a chart are
/// a word or two long.
fn stop(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Marks the bytes of `word` below `n`; the first marked byte is always the first such
    // byte (a later one may be marked wrongly, which does not matter).
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let marks =
            below(word, 0x20) | below(word ^ (ONES * 0x22), 1) | below(word ^ (ONES * 0x5c), 1);
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|found| at + found)
}

/// The offset just after the well-formed string at `start`, and whether it has escapes: no control characters, every
/// escape one JSON has (a `\u` escape may be half a pair: it is text to `serde_json` here
/// too, and the document reader looks for lone ones). The strings of a post are short: a
/// byte at a time does better than a search that sets up for long ones.
fn string(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut at = start + 1;
    let mut escaped = false;
    loop {
        at = stop(bytes, at)?;
        match bytes[at] {
            b'"' => return Some((at + 1, escaped)),
            b'\\' => {}
            _ => return None,
        }
        at += 2;
        escaped = true;
        match *bytes.get(at - 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
            b'u' if bytes.get(at..at + 4)?.iter().all(u8::is_ascii_hexdigit) => at += 4,
            _ => return None,
        }
    }
}

/// The offset just after the number at `start`, in JSON's grammar; `None` when it is not
/// one, or may go on past the window.
fn number(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut at = start + usize::from(bytes[start] == b'-');
    at = match *bytes.get(at)? {
        b'0' => at + 1,
        b'1'..=b'9' => digits(at + 1),
        _ => return None,
    };
    if bytes.get(at) == Some(&b'.') {
        let after = digits(at + 1);
        if after == at + 1 {
            return None;
        }
        at = after;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let after = digits(at);
        if after == at {
            return None;
        }
        at = after;
    }
    // A digit here is a zero with digits after it, which JSON refuses; the end of the
    // window may cut the number short.
    match bytes.get(at) {
        Some(b) if !b.is_ascii_digit() => Some(at),
        _ => None,
    }
}

fn literal(bytes: &[u8], at: usize, word: &[u8]) -> Option<usize> {
    (bytes.get(at..at + word.len())? == word).then_some(at + word.len())
}

/// The offset just after the array or object at `at`, as `serde_json` reads it.
fn nested(window: &str, at: usize) -> Option<usize> {
    let text = &window[at..];
    let mut parser = serde_json::Deserializer::from_str(text);
    let raw = <&RawValue>::deserialize(&mut parser).ok()?.get();
    (json::depth(raw.as_bytes()) <= DEEP).then_some(at + raw.len())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::org::json::Fields;

    /// Members as keys and the place and length of each value, and the end of the object.
    type Read = (Vec<(String, usize, usize)>, usize);

    fn places(window: &str, (members, end): (Members<'_>, usize)) -> Read {
        let members = members
            .into_iter()
            .map(|(key, value)| (key.into_owned(), json::offset(window, value), value.len()))
            .collect();
        (members, end)
    }

    /// What `serde_json` reads of the object at the start of `text`, followed by more text,
    /// as the document reader asked it before this pass.
    fn by_serde(text: &str) -> Option<Read> {
        let mut parser = serde_json::Deserializer::from_str(text);
        let Fields(members) = Fields::deserialize(&mut parser).ok()?;
        let end = parser.into_iter::<serde::de::IgnoredAny>().byte_offset();
        Some(places(text, (members, end)))
    }

    fn by_scan(text: &str) -> Option<Read> {
        object(text, 0).map(|read| places(text, read))
    }

    /// The pass either leaves the object to `serde_json` or reads what it reads.
    fn agrees(object: &str) -> Option<Read> {
        // What follows a post in a document, so that a number at the end is not cut.
        let text = format!("{object} ,");
        let scanned = by_scan(&text);
        if let Some(scanned) = &scanned {
            assert_eq!(Some(scanned), by_serde(&text).as_ref(), "{object:?}");
        }
        scanned
    }

    #[test]
    fn plain_posts_are_read_in_one_pass_as_serde_json_reads_them() {
        for object in [
            "{}",
            "{ }",
            r#"{"id":"P1","title":"Officer, People","reports_to":"P0","cost":35000}"#,
            " {\n  \"id\" :\t\"a\" ,\r\n \"fte\": 0.5e-3 }".trim(),
            r#"{"id": 3, "id": "x", "title": null, "holder": true, "x": false}"#,
            r#"{"a\"b": "c\\d\/\b\f\n\r\t\u00e9\uD83D\uDE00", "": ""}"#,
            r#"{"caf\u00e9": "\ud800 lone", "n": -0, "m": -0.0E+0, "big": 1e999}"#,
            r#"{"n": 123456789012345678901234567890, "s": "é☕"}"#,
            r#"{"staff": [{"title": "S", "fte": 2}], "dotted": [], "cost": {"min": 1, "max": 2}}"#,
            r#"{"deep": [[[[[[[[[[1]]]]]]]]]], "e": {}}"#,
        ] {
            assert!(agrees(object).is_some(), "{object} is read in one pass");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde_json() {
        let deep = format!(r#"{{"x": {}1{}}}"#, "[".repeat(200), "]".repeat(200));
        for object in [
            r#"{"a": 01}"#,
            r#"{"a": 1.}"#,
            r#"{"a": .5}"#,
            r#"{"a": 1e}"#,
            r#"{"a": 1e+}"#,
            r#"{"a": -}"#,
            r#"{"a": +1}"#,
            r#"{"a": NaN}"#,
            r#"{"a": tru}"#,
            r#"{"a": nul}"#,
            r#"{"a": "\x"}"#,
            r#"{"a": "\u12"}"#,
            r#"{"a": "\u12g4"}"#,
            "{\"a\": \"tab\there\"}",
            "{\"a\u{1}\": 1}",
            r#"{"\ud800": 1}"#,
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1 "b": 2}"#,
            r"{a: 1}",
            r#"{"a": [1,]}"#,
            r#"{"a": {"b"}}"#,
            r#"{"a": 1"#,
            r#"{"a": "cut"#,
            &deep,
        ] {
            assert_eq!(agrees(object), None, "{object}");
        }
    }

    #[test]
    fn a_number_or_object_the_window_ends_in_is_left_to_serde_json() {
        assert_eq!(object(r#"{"a": 12"#, 0), None);
        assert_eq!(object(r#"{"a": 1}"#, 0).map(|(_, end)| end), Some(8));
        assert_eq!(object(r#"{"a": [1"#, 0), None);
        assert_eq!(object(r#"{"a": "x\"#, 0), None);
    }

    #[test]
    fn the_end_of_a_string_is_found_wherever_it_is_in_a_word() {
        for len in 0..40 {
            for stop_byte in [b'"', b'\\', 0, 0x1f] {
                for filler in ["a", "é", "\u{7f}", " "] {
                    let mut text = filler.repeat(len).into_bytes();
                    let at = text.len();
                    text.push(stop_byte);
                    text.extend_from_slice(b"x\"y");
                    assert_eq!(stop(&text, 0), Some(at), "{len} {stop_byte} {filler}");
                    assert_eq!(stop(&text[..at], 0), None);
                }
            }
        }
    }

    /// Pieces of JSON, well-formed and not, from which objects are put together.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            " ",
            "\n",
            "\t",
            "\u{c}",
            "\"",
            "\"id\"",
            "\"a\"",
            "\"\\u00e9\"",
            "\"\\ud800\"",
            "\"\\u0g00\"",
            "\"\\x\"",
            "\"\\\"",
            "\\",
            "\"x\\n\"",
            "\u{1}",
            "0",
            "01",
            "-",
            "1.5",
            "1e5",
            "-0.0e-7",
            "1e999",
            ".",
            "e",
            "E+",
            "true",
            "false",
            "null",
            "nul",
            "é",
            "☕",
            "[[1]]",
            "{\"b\": 2}",
        ])
    }

    fn key() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"id\"",
            "\"title\"",
            "\"\"",
            "\"\\u0069d\"",
            "\"\\ud800\"",
            "\"a\\\"\"",
            "\"\u{1}\"",
        ])
    }

    /// Values, most of them well-formed.
    fn value() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"x\"",
            "\"\\u00e9\\n\\/\"",
            "\"\\u0g00\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\ud800\"",
            "\"\\x\"",
            "\"a\u{7}\"",
            "\"é☕\"",
            "0",
            "-0",
            "01",
            "-",
            "1.5",
            "1.",
            "1e5",
            "1e",
            "-0.0e-7",
            "1E+9",
            "1e999",
            "18446744073709551616",
            "true",
            "false",
            "null",
            "nul",
            "[]",
            "[1, [2, {}]]",
            "[1,]",
            "{\"min\": 1, \"max\": 2}",
            "{\"a\"}",
            "[[[[[[[[1]]]]]]]]",
        ])
    }

    fn space() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", " ", "\n\t", "\r\n ", "\u{c}"])
    }

    proptest! {
        #[test]
        fn objects_put_together_at_random_are_read_as_serde_json_reads_them(
            pieces in prop::collection::vec(piece(), 0..24),
        ) {
            agrees(&format!("{{{}", pieces.concat()));
        }

        #[test]
        fn members_put_together_at_random_are_read_as_serde_json_reads_them(
            members in prop::collection::vec((key(), value(), space()), 0..8),
        ) {
            let members: Vec<String> =
                members.iter().map(|(k, v, s)| format!("{k}:{s}{v}{s}")).collect();
            agrees(&format!("{{{}}}", members.join(",")));
        }
    }
}
