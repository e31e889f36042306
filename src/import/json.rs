//! Reading JSON from other org-chart tools with the place of every value, so that each
//! problem is reported at its line and column: shared by the nested and the flat formats.

use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Found, Imported, Record, build};
use crate::org::post::Interner;
use crate::org::problems::LineIndex;
use crate::org::{List, Meta, Position, Post, Severity, Text};
use crate::text::Escaped;

/// The JSON type of a value, named as in messages ("found a string").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
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

pub(super) fn kind(raw: &RawValue) -> Kind {
    match raw.get().as_bytes().first() {
        Some(b'n') => Kind::Null,
        Some(b't' | b'f') => Kind::Bool,
        Some(b'"') => Kind::String,
        Some(b'[') => Kind::Array,
        Some(b'{') => Kind::Object,
        _ => Kind::Number,
    }
}

/// What a message says was found instead: the value itself when it is short and simple
/// (`-5`, `"full"`, `false`), otherwise its type ("an array").
pub(super) fn found(raw: &RawValue) -> String {
    const SHORT: usize = 40;
    let text = raw.get();
    match kind(raw) {
        Kind::Array | Kind::Object => kind(raw).to_string(),
        _ if text.chars().count() > SHORT => kind(raw).to_string(),
        _ => Escaped(text).to_string(),
    }
}

/// The decimal text of a JSON integer (`3`, `-12`), as ids accept it.
pub(super) fn integer_text(raw: &RawValue) -> Option<&str> {
    let text = raw.get();
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// The members of a JSON object, in file order, repeated keys included.
struct Members<'t>(Vec<(String, &'t RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value()?));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// An id as a node or row gives it.
pub(super) enum Id {
    Given(Text),
    /// Absent, null or empty.
    Missing,
    /// Of a type that cannot be an id, and reported.
    Unusable,
}

/// The member names that say what a post is.
pub(super) struct Keys<'k> {
    pub(super) id: &'k str,
    pub(super) title: &'k str,
    pub(super) holder: &'k str,
    /// The member that places the post in the tree: the children of a nested node, the
    /// manager of a flat row.
    pub(super) structure: &'k str,
}

/// A post as read from one object.
pub(super) struct ReadPost<'t> {
    pub(super) id: Id,
    /// The post, with an empty id.
    pub(super) post: Post,
    /// The value of the `structure` member, if the object has one.
    pub(super) structure: Option<&'t RawValue>,
    /// How messages name the post.
    pub(super) label: String,
    /// Where the object starts.
    pub(super) position: Position,
}

/// Fields that orgtree reads in its own way: a member of the input under one of these names
/// that cannot be read as that field is kept under another name, or it would be read as the
/// field when the chart is loaded again.
const ORGTREE_FIELDS: [&str; 12] = [
    "id",
    "title",
    "reports_to",
    "holder",
    "unit",
    "grade",
    "note",
    "fte",
    "cost",
    "staff",
    "dotted",
    "tags",
];

/// JSON text being read, with the place of every problem found in it.
pub(super) struct Json<'t> {
    file: &'t str,
    text: &'t str,
    lines: LineIndex<'t>,
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
            shared: Interner::default(),
            problems: Vec::new(),
        }
    }

    /// The whole text as one JSON value, or the syntax error at its place.
    pub(super) fn parse(&self) -> Result<&'t RawValue, Vec<Found>> {
        serde_json::from_str::<&RawValue>(self.text).map_err(|error| {
            let at = self.lines.offset_of(error.line(), error.column());
            let full = error.to_string();
            let message = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(message, _)| message);
            vec![Found::error(
                self.file,
                Some(self.lines.position(at)),
                format!("not valid JSON: {}", Escaped(message)),
            )]
        })
    }

    /// Where `raw`, a part of the text, starts.
    pub(super) fn position(&self, raw: &RawValue) -> Position {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.lines.position(offset)
    }

    pub(super) fn error(&mut self, raw: &RawValue, message: String) {
        let position = self.position(raw);
        self.problems
            .push(Found::error(self.file, Some(position), message));
    }

    pub(super) fn warning(&mut self, raw: &RawValue, message: String) {
        let position = self.position(raw);
        self.problems
            .push(Found::warning(self.file, Some(position), message));
    }

    /// The members of object `raw`, post number `number`, a repeated key given once with
    /// its last value (and a warning at the repeat).
    fn members(&mut self, raw: &'t RawValue, number: usize) -> Option<Vec<(String, &'t RawValue)>> {
        /// Objects with more members than this find repeats through a table.
        const FEW: usize = 16;
        let all = match serde_json::from_str::<Members>(raw.get()) {
            Ok(Members(all)) => all,
            Err(error) => {
                let full = error.to_string();
                let reason = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(message, _)| message);
                self.error(
                    raw,
                    format!("post #{number} cannot be read: {}", Escaped(reason)),
                );
                return None;
            }
        };
        let mut members: Vec<(String, &'t RawValue)> = Vec::with_capacity(all.len());
        let mut table: Option<FxHashMap<String, usize>> = None;
        for (key, value) in all {
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

    /// Reads the object `raw` as a post: its id, title and holder under the names `keys`
    /// gives, the fields orgtree knows under their own names when their values fit, and
    /// every other member as a field kept as it is. `number` counts posts from 1 in file
    /// order, to name a post without an id in messages.
    pub(super) fn post(
        &mut self,
        raw: &'t RawValue,
        number: usize,
        keys: &Keys,
    ) -> Option<ReadPost<'t>> {
        let members = self.members(raw, number)?;
        let get = |key: &str| {
            members
                .iter()
                .find(|(k, _)| k == key)
                .map(|&(_, value)| value)
        };
        let id_value = get(keys.id);
        let title_value = get(keys.title);
        let holder_value = get(keys.holder);
        let structure = get(keys.structure);

        let title_text = title_value
            .and_then(string)
            .filter(|title| !title.trim().is_empty());
        let id = match id_value {
            Some(value) => match (kind(value), string(value), integer_text(value)) {
                (_, Some(text), _) if !text.is_empty() => Id::Given(text.into()),
                (_, _, Some(digits)) => Id::Given(digits.into()),
                (Kind::Null | Kind::String, _, _) => Id::Missing,
                _ => {
                    let found = found(value);
                    self.error(
                        value,
                        format!(
                            "post #{number}: \"{}\" must be a string or an integer, found {found}",
                            Escaped(keys.id)
                        ),
                    );
                    Id::Unusable
                }
            },
            None => Id::Missing,
        };
        let label = label(number, &id, title_text.as_deref());

        let mut post = Post::new("", "");
        if let Some(value) = holder_value {
            match (kind(value), string(value)) {
                (Kind::Null, _) => {}
                (_, Some(holder)) if holder.trim().is_empty() => {}
                (_, Some(holder)) => post.holder = Some(holder.into()),
                _ => {
                    let found = found(value);
                    self.error(
                        value,
                        format!(
                            "{label}: \"{}\" (the holder) must be a string or null, found {found}",
                            Escaped(keys.holder)
                        ),
                    );
                }
            }
        }
        let title_key = Escaped(keys.title);
        post.title = match (title_text, title_value) {
            (Some(title), _) => self.shared.get(&title),
            (None, Some(value)) if !matches!(kind(value), Kind::Null | Kind::String) => {
                let found = found(value);
                self.error(
                    value,
                    format!("{label}: \"{title_key}\" must be a string, found {found}"),
                );
                self.shared.get("")
            }
            (None, _) => {
                let (title, what) = match (&post.holder, &id) {
                    (Some(holder), _) => (holder.as_str(), "the holder's name"),
                    (None, Id::Given(id)) => (id.as_str(), "its id"),
                    (None, _) => ("(untitled)", "\"(untitled)\""),
                };
                let title = self.shared.get(title);
                self.warning(
                    raw,
                    format!("{label} has no \"{title_key}\"; {what} is used as its title"),
                );
                title
            }
        };

        let read = [keys.id, keys.title, keys.holder, keys.structure];
        for (key, value) in &members {
            if !read.contains(&key.as_str()) {
                self.field(&label, key, value, &members, &mut post);
            }
        }
        Some(ReadPost {
            id,
            post,
            structure,
            label,
            position: self.position(raw),
        })
    }

    /// Reads a member that is not the id, title, holder or place in the tree: as the field
    /// of that name when orgtree knows it and the value fits, else kept as it is, under
    /// another name if orgtree gives its name another meaning.
    fn field(
        &mut self,
        label: &str,
        key: &str,
        value: &'t RawValue,
        members: &[(String, &RawValue)],
        post: &mut Post,
    ) {
        let null = kind(value) == Kind::Null;
        let number = value
            .get()
            .parse::<f64>()
            .ok()
            .filter(|n| kind(value) == Kind::Number && n.is_finite() && *n >= 0.0);
        let text = string(value);
        let fits = match key {
            "unit" | "grade" | "note" | "fte" | "cost" if null => true,
            "unit" => text.is_some_and(|t| {
                post.unit = Some(self.shared.get(&t));
                true
            }),
            "grade" => text.is_some_and(|t| {
                post.grade = Some(self.shared.get(&t));
                true
            }),
            "note" => text.is_some_and(|t| {
                post.note = Some(t.into());
                true
            }),
            "fte" => number.is_some_and(|n| {
                post.fte = Some(n);
                true
            }),
            "cost" => number.is_some_and(|n| {
                post.cost = Some(n);
                true
            }),
            "tags" => tags(value).is_some_and(|tags| {
                post.tags = tags;
                true
            }),
            _ => false,
        };
        if fits {
            return;
        }
        let kept = match serde_json::from_str::<Value>(value.get()) {
            Ok(kept) => kept,
            Err(error) => {
                let full = error.to_string();
                let reason = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(message, _)| message);
                self.error(
                    value,
                    format!(
                        "{label}: field \"{}\" cannot be kept: {}",
                        Escaped(key),
                        Escaped(reason)
                    ),
                );
                return;
            }
        };
        if !ORGTREE_FIELDS.contains(&key) {
            post.extra.push((key.into(), kept));
            return;
        }
        let mut name = format!("imported_{key}");
        let mut counter = 1;
        while members.iter().any(|(k, _)| *k == name) || post.extra.iter().any(|(k, _)| *k == name)
        {
            counter += 1;
            name = format!("imported_{key}_{counter}");
        }
        let why = match key {
            "unit" | "grade" | "note" => format!("must be a string, found {}", found(value)),
            "fte" | "cost" => format!("must be a non-negative number, found {}", found(value)),
            "tags" => format!("must be an array of strings, found {}", found(value)),
            _ => "has another meaning in orgtree".to_owned(),
        };
        self.warning(
            value,
            format!("{label}: \"{key}\" {why}; kept as \"{name}\""),
        );
        post.extra.push((name.into(), kept));
    }

    /// The chart made from `records`, with the warnings found; or every problem found,
    /// in file order.
    pub(super) fn finish(self, meta: Meta, records: Vec<Record>) -> Result<Imported, Vec<Found>> {
        let mut problems = self.problems;
        let refused = problems
            .iter()
            .any(|found| found.problem.severity == Severity::Error);
        let built = build(meta, records);
        let result = match built {
            Ok(org) if !refused => Ok(org),
            Ok(_) => Err(()),
            Err(more) => {
                problems.extend(more);
                Err(())
            }
        };
        problems.sort_by_key(|found| found.problem.position);
        match result {
            Ok(org) => Ok(Imported {
                org,
                warnings: problems,
            }),
            Err(()) => Err(problems),
        }
    }
}

/// How messages name a post: by its id, or else by its number (from 1, in file order) and
/// its title.
pub(super) fn label(number: usize, id: &Id, title: Option<&str>) -> String {
    match (id, title) {
        (Id::Given(id), _) => format!("post '{}'", Escaped(id)),
        (_, Some(title)) if !title.is_empty() => format!("post #{number} \"{}\"", Escaped(title)),
        (_, _) => format!("post #{number}"),
    }
}

/// The items of a JSON array (none for any other value).
pub(super) fn items(raw: &RawValue) -> Vec<&RawValue> {
    serde_json::from_str(raw.get()).unwrap_or_default()
}

/// The text of a JSON string.
pub(super) fn string(raw: &RawValue) -> Option<String> {
    if kind(raw) != Kind::String {
        return None;
    }
    serde_json::from_str::<String>(raw.get()).ok()
}

/// An array of strings, as tags.
fn tags(raw: &RawValue) -> Option<List<Text>> {
    if kind(raw) != Kind::Array {
        return None;
    }
    let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
    items
        .into_iter()
        .map(|item| string(item).map(Text::from))
        .collect()
}
