//! Reading a post's members through the field table, with a problem for every value of the
//! wrong kind (or, leniently, a note of how it was kept). The loader reads every post so, and
//! an edit reads the one value it sets so.

use std::fmt::Display;

use rustc_hash::FxHashMap;

use crate::org::builder::{Findings, Handling, IdRead, Label, Message, PostRead};
use crate::org::fields::{self, Field, Read};
use crate::org::json::{self, JsonKind, JsonText, Members};
use crate::org::position::LineIndex;
use crate::org::post::{Cost, Extra, Holder, Interner, Post, PostId, Shared, Text};
use crate::text::Escaped;

/// Reading a post's values from the window of the document that holds them, each problem
/// noted at its offset in the document.
pub(crate) struct Reader<'s, 't> {
    pub(super) findings: &'s mut Findings<usize>,
    /// Texts many posts repeat (titles, units, grades), each stored once.
    pub(super) shared: &'s mut Interner,
    /// Whether problems are recovered from (with a warning) rather than refused.
    pub(super) lenient: bool,
    pub(super) window: &'t str,
    /// The document offset of the window's first byte.
    pub(super) base: usize,
}

impl<'t> Reader<'_, 't> {
    pub(super) fn at(&self, value: &str) -> usize {
        self.base + json::offset(self.window, value)
    }

    /// An error, or when lenient a warning saying how the chart was read instead.
    pub(super) fn recoverable(
        &mut self,
        at: usize,
        message: impl Into<Message<usize>>,
        recovery: &str,
    ) {
        let handling = Handling::lenient(self.lenient);
        self.findings.recoverable(handling, at, message, recovery);
    }

    /// Reads the members of one post object, which starts at offset `at`.
    pub(super) fn post(
        &mut self,
        number: usize,
        at: usize,
        fields: &Members<'t>,
    ) -> PostRead<usize> {
        let given_title = fields
            .iter()
            .rev()
            .find(|(key, _)| key == "title")
            .and_then(|(_, value)| json::string(*value));
        let id = match fields.iter().rev().find(|(key, _)| key == "id") {
            Some((_, value)) => self.id(number, given_title.as_deref(), value),
            None => IdRead::Missing,
        };
        let mut read = PostRead::new(Post::new("", ""), number, at, id);
        let label = Label {
            number,
            id: match &read.id {
                IdRead::Given(id, _) => Some(id.as_str()),
                _ => None,
            },
            title: given_title.as_deref(),
        };
        let mut title = None;
        let repeats = Repeats::of(fields);
        for (i, (key, value)) in fields.iter().enumerate() {
            let value: &'t str = value;
            let at = self.at(value);
            if self.repeated(&label, fields, &repeats, i) {
                continue;
            }
            let post = &mut read.post;
            let kept = match Field::named(key) {
                Some(Field::Id) => Ok(()),
                Some(Field::Title) => {
                    title = match JsonKind::of(value) {
                        JsonKind::Null => None,
                        JsonKind::String => json::string(value).map(|text| self.shared.get(&text)),
                        _ => {
                            let found = json::found(value);
                            self.recoverable(
                                at,
                                format!("{label}: \"title\" must be a string, found {found}"),
                                "its JSON text is used as the title",
                            );
                            Some(self.shared.get(json::text(value)))
                        }
                    };
                    Ok(())
                }
                Some(Field::ReportsTo) => {
                    read.reports_to = self.reports_to(&label, value, &mut post.extra);
                    Ok(())
                }
                Some(Field::Staff) => {
                    self.staff(&label, value, post);
                    Ok(())
                }
                Some(Field::Dotted) => {
                    self.dotted(&label, value, post, &mut read.dotted_at);
                    Ok(())
                }
                Some(field) => {
                    self.field(&label, field, value, post);
                    Ok(())
                }
                None => repeats.keep(i, &mut post.extra),
            };
            if let Err(message) = kept {
                self.recoverable(at, format!("{label}: {message}"), "left out");
            }
        }
        read.post.title = title.unwrap_or_else(|| {
            self.recoverable(
                at,
                format!("{label} has no title"),
                "loaded with an empty title",
            );
            self.shared.get("")
        });
        read
    }

    /// Reports member `i` of an object when it repeats the key of an earlier one, and says
    /// whether a later one repeats its key: only the last of a key is read.
    #[inline]
    pub(super) fn repeated(
        &mut self,
        label: &dyn Display,
        fields: &Members,
        repeats: &Repeats,
        i: usize,
    ) -> bool {
        if !repeats.any {
            return false;
        }
        if let Some(first) = repeats.earlier(i) {
            let first = self.at(fields[first].1);
            let message = Message::mentioning(
                format!(
                    "{label}: field \"{}\" appears twice (first at ",
                    Escaped(&fields[i].0)
                ),
                first,
                false,
                ")",
            );
            self.recoverable(self.at(fields[i].1), message, "the last one is used");
        }
        repeats.shadowed(i)
    }

    fn id(&mut self, number: usize, title: Option<&str>, value: &str) -> IdRead<usize> {
        let at = self.at(value);
        if let Some(text) = json::string(value) {
            return if text.is_empty() {
                IdRead::Empty(at)
            } else {
                IdRead::Given(PostId::new(text.as_ref()), at)
            };
        }
        if let Some(digits) = json::integer_text(value) {
            return IdRead::Given(PostId::new(digits), at);
        }
        if JsonKind::of(value) == JsonKind::Null {
            return IdRead::Missing;
        }
        let found = json::found(value);
        let label = Label {
            number,
            id: None,
            title,
        };
        self.recoverable(
            at,
            format!("{label}: \"id\" must be a string or an integer, found {found}"),
            "its JSON text is used as the id",
        );
        if self.lenient {
            IdRead::Given(PostId::new(json::text(value)), at)
        } else {
            IdRead::Reported
        }
    }

    fn reports_to(
        &mut self,
        label: &dyn Display,
        value: &str,
        extra: &mut Extra,
    ) -> Option<(PostId, usize)> {
        let at = self.at(value);
        if let Some(text) = json::string(value) {
            if text.is_empty() {
                self.findings.warning(
                    at,
                    format!("{label}: \"reports_to\" is empty; read as a top post"),
                );
                return None;
            }
            return Some((PostId::new(text.as_ref()), at));
        }
        if let Some(digits) = json::integer_text(value) {
            return Some((PostId::new(digits), at));
        }
        if JsonKind::of(value) != JsonKind::Null {
            let found = json::found(value);
            let message = format!(
                "{label}: \"reports_to\" must be a post id (a string or an integer), found {found}"
            );
            let recovery = match self.keep_leniently(extra, "reports_to", value) {
                Ok(()) => "kept as an unknown field and loaded as a top post".to_owned(),
                Err(why) => format!("left out ({why}) and loaded as a top post"),
            };
            self.recoverable(at, message, &recovery);
        }
        None
    }

    /// A field read through the field table (a text, an amount, tags): a value of another
    /// shape is a wrong type.
    fn field(&mut self, label: &dyn Display, field: Field, value: &str, post: &mut Post) {
        if let Some(read) = field.read(value) {
            // A blank name is no one: the post is vacant, as the file surely means.
            if let (Field::Holder, Read::Text(name)) = (field, &read)
                && name.trim().is_empty()
            {
                let at = self.at(value);
                let message = format!("{label}: \"holder\" is blank; read as vacant");
                self.findings.warning(at, message);
                post.holder = Holder::Vacant;
                return;
            }
            field.set(post, read, self.shared);
        } else {
            let expected = field.spec().expected;
            self.wrong_type(label, field.name(), value, expected, &mut post.extra);
        }
    }

    /// A wrong type in a field of known meaning: an error, or with `--lenient` the value is
    /// kept under its key as an unknown field, so it is written back as it was.
    pub(super) fn wrong_type(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        expected: &str,
        extra: &mut Extra,
    ) {
        let at = self.at(value);
        let found = json::found(value);
        let message = format!("{label}: \"{key}\" must be {expected}, found {found}");
        let recovery = match self.keep_leniently(extra, key, value) {
            Ok(()) => "kept as an unknown field".to_owned(),
            Err(why) => format!("left out ({why})"),
        };
        self.recoverable(at, message, &recovery);
    }

    /// Keeps a value of the wrong type as an unknown field when lenient; or why it cannot
    /// be kept (a number beyond the range of a float, a value nested too deeply).
    fn keep_leniently(&self, extra: &mut Extra, key: &str, value: &str) -> Result<(), String> {
        if !self.lenient {
            return Ok(());
        }
        match json::value(value) {
            Ok(kept) => {
                match extra.iter_mut().find(|(k, _)| k == key) {
                    Some((_, slot)) => *slot = kept,
                    None => extra.push((key.into(), kept)),
                }
                Ok(())
            }
            Err(error) => Err(Escaped(&json::reason(&error)).to_string()),
        }
    }

    pub(super) fn optional_text(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        slot: &mut Option<Text>,
        extra: &mut Extra,
    ) {
        self.optional_string(label, key, value, slot, extra, |_, text| Text::from(text));
    }

    /// A text field whose values repeat across posts, each value stored once.
    pub(super) fn optional_shared(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        slot: &mut Option<Shared>,
        extra: &mut Extra,
    ) {
        self.optional_string(label, key, value, slot, extra, Interner::get);
    }

    /// A field that is a string or null, stored in `slot` as `store` makes it.
    pub(super) fn optional_string<T>(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        slot: &mut Option<T>,
        extra: &mut Extra,
        store: impl FnOnce(&mut Interner, &str) -> T,
    ) {
        match JsonKind::of(value) {
            JsonKind::Null => *slot = None,
            JsonKind::String => *slot = json::string(value).map(|text| store(self.shared, &text)),
            _ => self.wrong_type(label, key, value, "a string", extra),
        }
    }

    pub(super) fn optional_cost(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        slot: &mut Option<Cost>,
        extra: &mut Extra,
    ) {
        match (JsonKind::of(value), fields::cost(value)) {
            (JsonKind::Null, _) => *slot = None,
            (_, Some(cost)) => *slot = Some(cost),
            _ => self.wrong_type(label, key, value, fields::COST_EXPECTED, extra),
        }
    }

    pub(super) fn optional_number(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &str,
        slot: &mut Option<f64>,
        extra: &mut Extra,
    ) {
        match (JsonKind::of(value), json::number(value)) {
            (JsonKind::Null, _) => *slot = None,
            (_, Some(n)) if n >= 0.0 => *slot = Some(n),
            _ => self.wrong_type(label, key, value, "a non-negative number", extra),
        }
    }
}

/// Keeps an unknown field to write it back; a repeated key replaces the earlier value.
pub(super) fn keep<'a>(
    extra: &mut Extra,
    key: &str,
    value: impl JsonText<'a>,
) -> Result<(), String> {
    match extra.iter_mut().find(|(k, _)| k == key) {
        Some((_, slot)) => *slot = kept_value(key, value)?,
        None => keep_new(extra, key, value)?,
    }
    Ok(())
}

/// Keeps an unknown field whose key the object has not given before.
pub(super) fn keep_new<'a>(
    extra: &mut Extra,
    key: &str,
    value: impl JsonText<'a>,
) -> Result<(), String> {
    extra.push((key.into(), kept_value(key, value)?));
    Ok(())
}

fn kept_value<'a>(key: &str, value: impl JsonText<'a>) -> Result<serde_json::Value, String> {
    json::value(value).map_err(|error| {
        format!(
            "field \"{}\" cannot be kept: {}",
            Escaped(key),
            Escaped(&json::reason(&error))
        )
    })
}

/// Which members of an object repeat the key of an earlier one.
pub(super) struct Repeats<'m> {
    members: &'m Members<'m>,
    /// Whether any key is given twice: most objects give none, and then no member need be
    /// looked at again.
    any: bool,
    /// The first and last member of each key, for objects with more keys than are quickly
    /// compared one by one.
    ends: Option<FxHashMap<&'m str, (usize, usize)>>,
}

impl<'m> Repeats<'m> {
    const FEW: usize = 16;

    pub(super) fn of(members: &'m Members<'m>) -> Self {
        if members.len() <= Self::FEW {
            let any = members
                .iter()
                .enumerate()
                .any(|(i, (key, _))| members[..i].iter().any(|(k, _)| k == key));
            return Self {
                members,
                any,
                ends: None,
            };
        }
        let mut ends = FxHashMap::default();
        for (i, (key, _)) in members.iter().enumerate() {
            ends.entry(key.as_ref()).or_insert((i, i)).1 = i;
        }
        Self {
            members,
            any: ends.len() < members.len(),
            ends: Some(ends),
        }
    }

    /// The first member with the key of member `i`, when that is an earlier one.
    pub(super) fn earlier(&self, i: usize) -> Option<usize> {
        if !self.any {
            return None;
        }
        let key = &self.members[i].0;
        match &self.ends {
            Some(ends) => ends
                .get(key.as_ref())
                .map(|e| e.0)
                .filter(|&first| first < i),
            None => self.members[..i].iter().position(|(k, _)| k == key),
        }
    }

    /// Whether a later member has the key of member `i`: its value is not the one used, and
    /// is not read (nor reported on) at all.
    pub(super) fn shadowed(&self, i: usize) -> bool {
        if !self.any {
            return false;
        }
        let key = &self.members[i].0;
        match &self.ends {
            Some(ends) => ends.get(key.as_ref()).is_some_and(|e| e.1 > i),
            None => self.members[i + 1..].iter().any(|(k, _)| k == key),
        }
    }

    /// Keeps member `i` as an unknown field, replacing an earlier one of the same key.
    pub(super) fn keep(&self, i: usize, extra: &mut Extra) -> Result<(), String> {
        let (key, value) = &self.members[i];
        if self.earlier(i).is_some() {
            keep(extra, key, *value)
        } else {
            keep_new(extra, key, *value)
        }
    }
}

/// Reads one post object, given as JSON text, as a chart file would give it: for edits,
/// which take a post or one field's value as a chart file holds it, strictly or as `lenient`
/// loading reads it. Gives the post as read, or every error found, joined.
pub(crate) fn read_one(object: &str, lenient: bool) -> Result<PostRead<usize>, String> {
    let members = match serde_json::from_str::<json::Fields>(object) {
        Ok(json::Fields(members)) => members,
        Err(error) => return Err(Escaped(&json::reason(&error)).to_string()),
    };
    let mut findings = Findings::default();
    let mut shared = Interner::default();
    let read = Reader {
        findings: &mut findings,
        shared: &mut shared,
        lenient,
        window: object,
        base: 0,
    }
    .post(1, 0, &members);
    errors(findings, object).map(|()| read)
}

/// The errors among `findings` (found by offset in `text`), joined, if there are any.
pub(crate) fn errors(findings: Findings<usize>, text: &str) -> Result<(), String> {
    let lines = LineIndex::new(text);
    let resolved: Result<_, std::convert::Infallible> =
        findings.into_problems(|places| Ok(places.iter().map(|&at| lines.position(at)).collect()));
    let problems = resolved.unwrap_or_else(|never| match never {});
    let messages: Vec<String> = problems
        .into_iter()
        .filter(|problem| problem.severity == crate::org::Severity::Error)
        .map(|problem| problem.message)
        .collect();
    if messages.is_empty() {
        Ok(())
    } else {
        Err(messages.join("; "))
    }
}
