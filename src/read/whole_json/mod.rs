//! Reading JSON from other org-chart tools with the place of every value, so that each
//! problem is reported at its line and column: shared by the nested and the flat formats.
//!
//! The text is checked as JSON once, as a whole; its objects and arrays are then walked
//! without reading any part twice: the closing bracket of each is found in one pass, so
//! that a value inside (the children of a node, with all the tree below) is stepped over
//! at once. Places are counted on from the last one found, as posts are read in file
//! order, so that a file on one line (minified) costs no more than one post a line.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde_json::value::RawValue;

use super::{Found, Imported, build};
use crate::org::builder::Builder;
use crate::org::position::LineIndex;
use crate::org::post::Interner;
use crate::org::{Meta, Position};
use crate::text::Escaped;

pub(super) use crate::org::json::JsonKind;
use crate::org::json::{self as text, JsonText, reason, skip_space};

/// A JSON value: a part of the text being read, which [`Json::parse`] found valid.
#[derive(Clone, Copy, Debug)]
pub(super) struct Raw<'t>(&'t str);

impl<'t> Raw<'t> {
    /// The value's text.
    pub(super) fn get(self) -> &'t str {
        self.0
    }
}

impl<'t> JsonText<'t> for Raw<'t> {
    fn json(self) -> &'t str {
        self.0
    }
}

pub(super) fn kind(raw: Raw) -> JsonKind {
    JsonKind::of(raw)
}

pub(super) use crate::org::json::{found, integer_text};
pub(super) use post::{Id, Keys, ReadPost, id_text, label};

mod post;

/// JSON text being read, with the place of every problem found in it.
pub(super) struct Json<'t> {
    file: &'t str,
    text: &'t str,
    lines: LineIndex<'t>,
    /// The offset of every `{` and `[` of the text, in order, with that of its closing
    /// bracket; filled by [`Json::parse`].
    closes: Vec<(usize, usize)>,
    shared: Interner,
    pub(super) problems: Vec<Found>,
}

impl<'t> Json<'t> {
    pub(super) fn new(file: &'t str, text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            file,
            text,
            lines: LineIndex::new(text),
            closes: Vec::new(),
            shared: Interner::default(),
            problems: Vec::new(),
        }
    }

    /// Warns of each lone surrogate [`repaired`] rewrote, at its offset in the text.
    pub(super) fn lone_surrogates(&mut self, offsets: &[usize]) {
        for &at in offsets {
            self.warning_at(
                self.lines.position(at),
                crate::org::surrogates::WARNING.to_owned(),
            );
        }
    }

    /// The whole text as one JSON value, or the syntax error at its place.
    pub(super) fn parse(&mut self) -> Result<Raw<'t>, Vec<Found>> {
        match serde_json::from_str::<&RawValue>(self.text) {
            Ok(top) => {
                self.closes = brackets(self.text);
                // The value without the white space around it, as a part of the text.
                let start = skip_space(self.text.as_bytes(), 0);
                Ok(Raw(&self.text[start..start + top.get().len()]))
            }
            Err(error) => {
                let at = self.lines.offset_of(error.line(), error.column());
                Err(vec![Found::error(
                    self.file,
                    Some(self.lines.position(at)),
                    format!("not valid JSON: {}", Escaped(&reason(&error))),
                )])
            }
        }
    }

    /// The byte offset in the text where `raw`, a part of it, starts.
    fn offset(&self, raw: Raw) -> usize {
        (raw.0.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// Where `raw`, a part of the text, starts.
    pub(super) fn position(&self, raw: Raw) -> Position {
        self.lines.position(self.offset(raw))
    }

    pub(super) fn error(&mut self, raw: Raw, message: String) {
        let position = self.position(raw);
        self.error_at(position, message);
    }

    pub(super) fn error_at(&mut self, position: Position, message: String) {
        self.problems
            .push(Found::error(self.file, Some(position), message));
    }

    pub(super) fn warning(&mut self, raw: Raw, message: String) {
        let position = self.position(raw);
        self.warning_at(position, message);
    }

    pub(super) fn warning_at(&mut self, position: Position, message: String) {
        self.problems
            .push(Found::warning(self.file, Some(position), message));
    }

    /// Calls `each` with every member of object `raw`, its key as written (quotes and
    /// escapes included), or with every item of array `raw` and no key, in file order.
    /// Values are stepped over, never read.
    fn walk(&self, raw: Raw<'t>, mut each: impl FnMut(Option<&'t str>, Raw<'t>)) {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = self.offset(raw);
        let object = match bytes.get(start) {
            Some(b'{') => true,
            Some(b'[') => false,
            _ => return,
        };
        // The closing bracket.
        let end = start + raw.0.len() - 1;
        let mut at = skip_space(bytes, start + 1);
        while at < end {
            let key = if object {
                let key_end = string_end(bytes, at);
                let Some(key) = text.get(at..key_end) else {
                    return;
                };
                // Past the colon.
                at = skip_space(bytes, skip_space(bytes, key_end) + 1);
                Some(key)
            } else {
                None
            };
            let value_end = self.value_end(at);
            let Some(value) = text.get(at..value_end).filter(|value| !value.is_empty()) else {
                return;
            };
            each(key, Raw(value));
            at = skip_space(bytes, value_end);
            if bytes.get(at) == Some(&b',') {
                at = skip_space(bytes, at + 1);
            }
        }
    }

    /// The offset just after the value that starts at `start`.
    fn value_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        match bytes.get(start) {
            Some(b'{' | b'[') => {
                let close = self
                    .closes
                    .binary_search_by_key(&start, |&(open, _)| open)
                    .map_or(bytes.len(), |i| self.closes[i].1);
                (close + 1).min(bytes.len())
            }
            Some(b'"') => string_end(bytes, start),
            _ => bytes
                .get(start..)
                .and_then(|rest| {
                    rest.iter().position(|b| {
                        matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    })
                })
                .map_or(bytes.len(), |length| start + length),
        }
    }

    /// The items of array `raw` (none for any other value).
    pub(super) fn items(&self, raw: Raw<'t>) -> Vec<Raw<'t>> {
        let mut items = Vec::new();
        if kind(raw) == JsonKind::Array {
            self.walk(raw, |_, item| items.push(item));
        }
        items
    }

    /// The keys of object `raw`, in file order, repeats included (and none that cannot be
    /// read).
    pub(super) fn keys(&self, raw: Raw<'t>) -> Vec<Cow<'t, str>> {
        let mut keys = Vec::new();
        if kind(raw) == JsonKind::Object {
            self.walk(raw, |key, _| {
                if let Some(key) = key.and_then(|key| key_text(key).ok()) {
                    keys.push(key);
                }
            });
        }
        keys
    }

    /// Calls `each` with every item of array `raw` (none for any other value), in file
    /// order.
    pub(super) fn each_item(&self, raw: Raw<'t>, mut each: impl FnMut(Raw<'t>)) {
        if kind(raw) == JsonKind::Array {
            self.walk(raw, |_, item| each(item));
        }
    }

    /// The value of member `name` of object `raw`, the last one if it is repeated.
    pub(super) fn member(&self, raw: Raw<'t>, name: &str) -> Option<Raw<'t>> {
        let [found] = self.members_named(raw, [name]);
        found
    }

    /// The values of the members `names` of object `raw`, each the last one if it is
    /// repeated: all found in one walk over the object.
    pub(super) fn members_named<const N: usize>(
        &self,
        raw: Raw<'t>,
        names: [&str; N],
    ) -> [Option<Raw<'t>>; N] {
        let mut found = [None; N];
        if kind(raw) == JsonKind::Object {
            self.walk(raw, |key, value| {
                if let Some(key) = key.and_then(|key| key_text(key).ok())
                    && let Some(i) = names.iter().position(|name| *name == key)
                {
                    found[i] = Some(value);
                }
            });
        }
        found
    }

    /// The members of object `raw`, post number `number`, a repeated key given once with
    /// its last value (and a warning at the repeat).
    fn members(&mut self, raw: Raw<'t>, number: usize) -> Option<Vec<(Cow<'t, str>, Raw<'t>)>> {
        /// Objects with more members than this find repeats through a table.
        const FEW: usize = 16;
        let mut all = Vec::new();
        self.walk(raw, |key, value| all.push((key.unwrap_or_default(), value)));
        let mut members: Vec<(Cow<'t, str>, Raw<'t>)> = Vec::with_capacity(all.len());
        let mut table: Option<FxHashMap<Cow<'t, str>, usize>> = None;
        for (key, value) in all {
            let key = match key_text(key) {
                Ok(key) => key,
                Err(error) => {
                    self.error(
                        raw,
                        format!(
                            "post #{number} cannot be read: {}",
                            Escaped(&reason(&error))
                        ),
                    );
                    return None;
                }
            };
            if table.is_none() && members.len() > FEW {
                let keys = members.iter().enumerate().map(|(i, (k, _))| (k.clone(), i));
                table = Some(keys.collect());
            }
            let earlier = match &table {
                Some(table) => table.get(&key).copied(),
                None => members.iter().position(|(k, _)| *k == key),
            };
            if let Some(first) = earlier {
                let at = self.position(members[first].1);
                self.warning(
                    value,
                    format!(
                        "field \"{}\" appears twice (first at {at}); the last one is used",
                        Escaped(&key)
                    ),
                );
                members[first].1 = value;
            } else {
                if let Some(table) = &mut table {
                    table.insert(key.clone(), members.len());
                }
                members.push((key, value));
            }
        }
        Some(members)
    }

    /// The chart made by `builder` from the posts added to it (every problem refused, or
    /// with a lenient policy recovered from as `--lenient` does for orgtree JSON), with the
    /// warnings found; or every problem found, in file order. What was kept to read the
    /// text (the brackets, the lines, the shared titles) is let go of first.
    pub(super) fn finish(
        self,
        meta: Meta,
        builder: Builder<Position>,
    ) -> Result<Imported, Vec<Found>> {
        let Self {
            file,
            problems,
            closes,
            lines,
            shared,
            text: _,
        } = self;
        drop((closes, lines, shared));
        build(file, meta, builder, problems)
    }
}

/// `text` without its byte order mark, with its lone surrogate escapes rewritten as
/// `\ufffd` (see [`crate::org::surrogates`]), and where each was.
pub(super) fn repaired(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match crate::org::surrogates::repaired(text) {
        Some((copy, offsets)) => (Cow::Owned(copy), offsets),
        None => (Cow::Borrowed(text), Vec::new()),
    }
}

/// The text of a JSON string.
pub(super) fn string(raw: Raw) -> Option<String> {
    text::string(raw).map(std::borrow::Cow::into_owned)
}

/// The text of a key, `key` as written with its quotes.
fn key_text(key: &str) -> Result<Cow<'_, str>, serde_json::Error> {
    match key.strip_prefix('"').and_then(|key| key.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => Ok(Cow::Borrowed(plain)),
        _ => serde_json::from_str::<String>(key).map(Cow::Owned),
    }
}

/// The offset of every `{` and `[` of valid JSON `text`, in order, with that of its
/// closing bracket.
fn brackets(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut closes: Vec<(usize, usize)> = Vec::new();
    // The indices in `closes` of the brackets not closed yet.
    let mut open: Vec<usize> = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                at = string_end(bytes, at);
                continue;
            }
            b'{' | b'[' => {
                open.push(closes.len());
                closes.push((at, at));
            }
            b'}' | b']' => {
                if let Some(i) = open.pop() {
                    closes[i].1 = at;
                }
            }
            _ => {}
        }
        at += 1;
    }
    closes
}

/// The offset just after the string that starts (with its quote) at `start` of a text
/// already checked as JSON.
fn string_end(bytes: &[u8], start: usize) -> usize {
    text::string_end(bytes, start).unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn parsed(text: &str) -> (Json<'_>, Raw<'_>) {
        let mut json = Json::new("t.json", text);
        let top = json
            .parse()
            .unwrap_or_else(|problems| panic!("{problems:?}"));
        (json, top)
    }

    #[test]
    fn members_and_items_are_stepped_over_whatever_they_hold() {
        let text = r#" {"a\"]": "x]}\\", "b" : [ 1 , {"c": "}"}, [] ] ,"c":-1.5e3,
            "d":true, "e" :null, "f": {}, "\u00e9": "é"} "#;
        let (json, top) = parsed(text);
        assert_eq!(top.get(), text.trim());
        let mut members = Vec::new();
        json.walk(top, |key, value| members.push((key.unwrap(), value.get())));
        assert_eq!(
            members,
            [
                (r#""a\"]""#, r#""x]}\\""#),
                (r#""b""#, r#"[ 1 , {"c": "}"}, [] ]"#),
                (r#""c""#, "-1.5e3"),
                (r#""d""#, "true"),
                (r#""e""#, "null"),
                (r#""f""#, "{}"),
                (r#""\u00e9""#, r#""é""#),
            ]
        );
        let keys = json.keys(top);
        assert_eq!(keys, ["a\"]", "b", "c", "d", "e", "f", "é"]);
        let b = json.member(top, "b").unwrap();
        let items: Vec<&str> = json.items(b).iter().map(|item| item.get()).collect();
        assert_eq!(items, ["1", r#"{"c": "}"}"#, "[]"]);
        assert!(json.items(json.member(top, "f").unwrap()).is_empty());
        assert!(json.items(top).is_empty());
        assert!(json.member(top, "none").is_none());
    }
}
