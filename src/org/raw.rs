//! Reading JSON while keeping track of where each value stands in the file.
//!
//! `serde_json` does not report positions of values, but a borrowed `&RawValue` is a slice of
//! the input, so its distance from the start of the input is its byte offset. Objects are
//! read as ordered lists of (key, raw value); leaves are then read from their raw text, which
//! `serde_json` gives without white space around it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// The members of a JSON object, in file order, duplicates included.
pub(crate) type Members<'a> = Vec<(Cow<'a, str>, &'a RawValue)>;

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
                    fields.push((key, map.next_value()?));
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
pub(crate) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    pub(crate) fn of(raw: &RawValue) -> Self {
        Self::of_text(raw.get())
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

impl fmt::Display for Kind {
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
pub(crate) fn found(raw: &RawValue) -> String {
    const SHORT: usize = 40;
    let text = text(raw);
    match Kind::of(raw) {
        Kind::Array | Kind::Object => Kind::of(raw).to_string(),
        _ if text.chars().count() > SHORT => Kind::of(raw).to_string(),
        _ => crate::text::escape(text).into_owned(),
    }
}

/// Byte offset of `raw` in `base`, the text it was parsed from.
pub(crate) fn offset(base: &str, raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize)
        .saturating_sub(base.as_ptr() as usize)
        .min(base.len())
}

/// The text of a JSON string, borrowed from the input when it has no escapes.
pub(crate) fn string(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    if Kind::of(raw) != Kind::String {
        return None;
    }
    let inner = &text[1..text.len() - 1];
    if inner.contains('\\') {
        serde_json::from_str::<String>(text).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

/// A finite JSON number.
pub(crate) fn number(raw: &RawValue) -> Option<f64> {
    if Kind::of(raw) != Kind::Number {
        return None;
    }
    raw.get().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The decimal text of a JSON integer (`3`, `-12`), as ids accept it.
pub(crate) fn integer_text(raw: &RawValue) -> Option<&str> {
    let text = raw.get();
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// The JSON text of a value, as written in the file (for messages and lenient recovery).
pub(crate) fn text(raw: &RawValue) -> &str {
    raw.get()
}

/// A value the format does not know, kept to be written back.
pub(crate) fn value(raw: &RawValue) -> Result<Value, serde_json::Error> {
    serde_json::from_str(raw.get())
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
        assert_eq!(Kind::of(fields[2].1), Kind::Array);
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
