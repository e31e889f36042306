//! The one way JSON is read, by the loader, the importers and the edits: values kept as
//! their text (a borrowed `&RawValue`, or a part of a text already checked), so that each
//! one's place in the input is its distance from the input's start; objects as ordered lists
//! of (key, value) with repeats kept; leaves read from their text when they are needed; and
//! the few lexical steps (strings, white space) that finding values in a text needs.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// A JSON value given as its text: a `&RawValue` from `serde_json`, or a part of a text
/// already checked as JSON.
pub trait JsonText<'a>: Copy {
    fn json(self) -> &'a str;
}

impl<'a> JsonText<'a> for &'a RawValue {
    fn json(self) -> &'a str {
        self.get()
    }
}

impl<'a> JsonText<'a> for &'a str {
    fn json(self) -> &'a str {
        self
    }
}

/// The members of a JSON object, in file order, duplicates included, each value as its
/// JSON text (a part of the input, so that its place is its distance from the input's start).
pub(crate) type Members<'a> = Vec<(Cow<'a, str>, &'a str)>;

/// A JSON object read as its [`Members`].
pub(crate) struct Fields<'a>(pub(crate) Members<'a>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(Key(key)) = map.next_key()? {
                    let value: &RawValue = map.next_value()?;
                    fields.push((key, value.get()));
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// An object key, borrowed from the input unless it had escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The JSON type of a value, named as in messages ("found a string").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    pub(crate) fn of<'a>(value: impl JsonText<'a>) -> Self {
        Self::of_text(value.json())
    }

    /// The type of the JSON value whose (valid) text is `text`.
    pub(crate) fn of_text(text: &str) -> Self {
        match text.as_bytes().first() {
            Some(b'n') => Self::Null,
            Some(b't' | b'f') => Self::Bool,
            Some(b'"') => Self::String,
            Some(b'[') => Self::Array,
            Some(b'{') => Self::Object,
            _ => Self::Number,
        }
    }
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        })
    }
}

/// What a message says was found instead: the value itself when it is short and simple
/// (`-5`, `"full"`, `false`), otherwise its type ("an array").
pub(crate) fn found<'a>(value: impl JsonText<'a>) -> String {
    const SHORT: usize = 40;
    let text = value.json();
    match JsonKind::of(value) {
        JsonKind::Array | JsonKind::Object => JsonKind::of(value).to_string(),
        _ if text.chars().count() > SHORT => JsonKind::of(value).to_string(),
        _ => crate::text::escape(text).into_owned(),
    }
}

/// Byte offset of `value` in `base`, the text it was parsed from.
pub(crate) fn offset<'a>(base: &str, value: impl JsonText<'a>) -> usize {
    (value.json().as_ptr() as usize)
        .saturating_sub(base.as_ptr() as usize)
        .min(base.len())
}

/// The text of a JSON string, borrowed from the input when it has no escapes.
pub(crate) fn string<'a>(value: impl JsonText<'a>) -> Option<Cow<'a, str>> {
    let text = value.json();
    if JsonKind::of(value) != JsonKind::String {
        return None;
    }
    let inner = &text[1..text.len() - 1];
    if memchr::memchr(b'\\', inner.as_bytes()).is_some() {
        serde_json::from_str::<String>(text).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

/// A finite JSON number.
pub(crate) fn number<'a>(value: impl JsonText<'a>) -> Option<f64> {
    if JsonKind::of(value) != JsonKind::Number {
        return None;
    }
    value.json().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The decimal text of a JSON integer (`3`, `-12`), as ids accept it.
pub(crate) fn integer_text<'a>(value: impl JsonText<'a>) -> Option<&'a str> {
    let text = value.json();
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// The JSON text of a value, as written in the file (for messages and lenient recovery).
pub(crate) fn text<'a>(value: impl JsonText<'a>) -> &'a str {
    value.json()
}

/// How deeply a value orgtree keeps may nest: arrays and objects within each other, 500
/// levels, well beyond what a chart needs and `serde_json`'s own limit of 128. Reading,
/// writing, comparing and freeing a value recurse once a level, and this many levels fit in
/// the smallest stack orgtree runs on (a thread's 2 MiB) with room to spare.
pub const MAX_DEPTH: usize = 500;

/// A value the format does not know, kept to be written back: any JSON value nested at
/// most [`MAX_DEPTH`] levels deep.
pub(crate) fn value<'a>(value: impl JsonText<'a>) -> Result<Value, serde_json::Error> {
    parse_deep(value.json())
}

/// Parses `text` as `T`, with values nested up to [`MAX_DEPTH`] levels; deeper ones are
/// refused with an error that says so.
pub fn parse_deep<'de, T: serde::Deserialize<'de>>(text: &'de str) -> Result<T, serde_json::Error> {
    parse_deep_in(text, 0)
}

/// As [`parse_deep`], for a text that puts `around` levels of its own (objects, arrays)
/// around the values it holds, such as a step of a change script: those values may nest
/// [`MAX_DEPTH`] levels deep too.
pub fn parse_deep_in<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
    around: usize,
) -> Result<T, serde_json::Error> {
    match serde_json::from_str(text) {
        Err(error) if reason(&error) == "recursion limit exceeded" => {
            if depth(text.as_bytes()) > MAX_DEPTH + around {
                return Err(serde::de::Error::custom(format_args!(
                    "nested more than {MAX_DEPTH} levels deep"
                )));
            }
            let mut parser = serde_json::Deserializer::from_str(text);
            parser.disable_recursion_limit();
            let parsed = T::deserialize(&mut parser)?;
            parser.end()?;
            Ok(parsed)
        }
        result => result,
    }
}

/// How deeply the arrays and objects of the JSON text `bytes` nest (text in strings aside).
#[must_use]
pub fn depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut at) = (0usize, 0, 0);
    while let Some(found) = memchr::memchr3(b'"', b'[', b'{', &bytes[at..]).map(|f| at + f) {
        // Closing brackets between here and what was found.
        depth = depth.saturating_sub(
            bytes[at..found]
                .iter()
                .filter(|&&b| b == b']' || b == b'}')
                .count(),
        );
        if bytes[found] == b'"' {
            match string_end(bytes, found) {
                Some(end) => at = end,
                None => return deepest,
            }
        } else {
            depth += 1;
            deepest = deepest.max(depth);
            at = found + 1;
        }
    }
    deepest
}

/// What a `serde_json` error says, without the place it adds ("at line 1 column 5"): the
/// place is given in its own way, in the whole file.
pub(crate) fn reason(error: &serde_json::Error) -> String {
    let full = error.to_string();
    match full.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => full,
    }
}

/// Whether `byte` is JSON white space (which leaves out the form feed and the other white
/// space Rust's ASCII white space has).
#[inline]
pub(crate) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The offset of the first byte at or after `at` that is not JSON white space (the end of
/// `bytes` when there is none).
#[inline]
pub(crate) fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| is_space(b)) {
        at += 1;
    }
    at
}

/// The offset just after the JSON string that starts (with its quote) at `start`, if
/// `bytes` holds all of it.
#[inline]
pub(crate) fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_order_duplicates_and_offsets() {
        let text = r#"{"b": 1, "a": "x", "b": [true]}"#;
        let Fields(fields) = serde_json::from_str(text).unwrap();
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(offset(text, fields[1].1), text.find("\"x\"").unwrap());
        assert_eq!(JsonKind::of(fields[2].1), JsonKind::Array);
    }

    #[test]
    fn strings_end_at_their_closing_quote_whatever_they_escape() {
        let text = br#""a\"b\\" x"#;
        assert_eq!(string_end(text, 0), Some(8));
        assert_eq!(string_end(br#""cut \""#, 0), None);
        assert_eq!(skip_space(b"  \t\n\x0cx", 0), 4);
        assert_eq!(skip_space(b"  ", 0), 2);
    }

    #[test]
    fn serde_messages_are_given_without_their_place() {
        let error = serde_json::from_str::<Value>("[1,").unwrap_err();
        assert_eq!(reason(&error), "EOF while parsing a value");
    }

    #[test]
    fn values_nest_up_to_the_limit_and_no_further() {
        let nested = |levels: usize| format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(depth(br#"[{"a]]": [1]}, "[[", {}]"#), 3);
        assert_eq!(depth(nested(MAX_DEPTH).as_bytes()), MAX_DEPTH);
        let deep: Value = parse_deep(&nested(MAX_DEPTH)).unwrap();
        let mut levels = 0;
        let mut inner = &deep;
        while let Value::Array(items) = inner {
            levels += 1;
            inner = &items[0];
        }
        assert_eq!((levels, inner), (MAX_DEPTH, &Value::from(1)));
        let error = parse_deep::<Value>(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(reason(&error), "nested more than 500 levels deep");
        assert!(parse_deep::<Value>(&format!("{} x", nested(200))).is_err());
    }

    #[test]
    fn leaves_are_read_from_their_raw_text() {
        let Fields(fields) = serde_json::from_str(
            r#"{"s": "caf\u00e9", "n": 1.5e2, "i": -42, "f": 2.5, "big": 1e999}"#,
        )
        .unwrap();
        assert_eq!(string(fields[0].1).as_deref(), Some("café"));
        assert_eq!(number(fields[1].1), Some(150.0));
        assert_eq!(integer_text(fields[2].1), Some("-42"));
        assert_eq!(integer_text(fields[3].1), None);
        assert_eq!(number(fields[4].1), None);
        assert_eq!(string(fields[1].1), None);
    }
}
