//! Reading the chart's own fields and each post's fields, type by type, with a problem for
//! every value of the wrong kind (or, leniently, a note of how it was kept).

use std::fmt::Display;

use rustc_hash::FxHashMap;
use serde_json::value::RawValue;

use super::{Loader, PostsRead, Stop};
use crate::org::FORMAT_VERSION;
use crate::org::build::{IdRead, Label, Message, PostRead};
use crate::org::json::{self, Kind, Members};
use crate::org::post::{Extra, Post, PostId, Shared, Text};
use crate::text::Escaped;

/// Reading values from the window of the document that holds them.
pub(super) struct Reader<'l, 't> {
    pub(super) loader: &'l mut Loader,
    window: &'t str,
    base: usize,
}

impl Loader {
    /// Notes a key of the chart object, and reports one given twice.
    pub(super) fn key(&mut self, key: &str, at: usize) {
        if let Some((first, repeated)) = self.keys.get_mut(key) {
            *repeated = true;
            let message = Message::mentioning(
                format!("field \"{}\" appears twice (first at ", Escaped(key)),
                *first,
                false,
                ")",
            );
            self.recoverable(at, message, "the last one is used");
        } else {
            self.keys.insert(key.to_owned(), (at, false));
        }
    }

    /// Reads a member of the chart object other than the posts array.
    pub(super) fn member(
        &mut self,
        key: &str,
        value: &RawValue,
        window: &str,
        base: usize,
    ) -> Result<(), Stop> {
        let mut reader = Reader {
            loader: self,
            window,
            base,
        };
        let at = reader.at(value);
        let mut meta = std::mem::take(&mut reader.loader.meta);
        match key {
            "orgtree" => reader.version(value)?,
            "name" => reader.chart_text(key, value, &mut meta.name, &mut meta.extra),
            "source" => reader.chart_text(key, value, &mut meta.source, &mut meta.extra),
            "as_of" => {
                reader.chart_text(key, value, &mut meta.as_of, &mut meta.extra);
                if let Some(date) = meta.as_of.as_deref().filter(|d| !is_iso_date(d)) {
                    let message =
                        format!("as_of '{}' is not an ISO date (YYYY-MM-DD)", Escaped(date));
                    reader.loader.warning(at, message);
                }
            }
            "posts" => {
                reader.loader.forget_posts();
                reader.loader.posts = Some(PostsRead::Other {
                    at,
                    kind: Kind::of(value),
                });
            }
            _ => {
                let repeated = reader.loader.keys.get(key).is_some_and(|&(_, again)| again);
                let kept = if repeated {
                    keep(&mut meta.extra, key, value)
                } else {
                    keep_new(&mut meta.extra, key, value)
                };
                kept.unwrap_or_else(|m| reader.loader.error(at, m));
            }
        }
        self.meta = meta;
        Ok(())
    }

    /// Reads one post and passes it on to be built into the chart.
    pub(super) fn post(&mut self, fields: &Members, at: usize, window: &str, base: usize) {
        let number = self.next_number();
        let post = Reader {
            loader: self,
            window,
            base,
        }
        .post(number, at, fields);
        self.build(post);
    }

    /// Reports a post that is well-formed JSON but cannot be read as a post: an object with
    /// a key that is not text (a lone surrogate escape).
    pub(super) fn unreadable_post(&mut self, at: usize, error: &serde_json::Error) {
        let number = self.next_number();
        let reason = json::reason(error);
        self.recoverable(
            at,
            format!("post #{number} cannot be read: {reason}"),
            "skipped",
        );
    }

    /// Reports an item of the posts list that is not an object.
    pub(super) fn not_a_post(&mut self, value: &RawValue, at: usize) {
        let number = self.next_number();
        let found = Kind::of(value);
        self.recoverable(
            at,
            format!("post #{number} is {found}, not an object"),
            "skipped",
        );
    }
}

impl<'t> Reader<'_, 't> {
    pub(super) fn at(&self, raw: &RawValue) -> usize {
        self.base + json::offset(self.window, raw)
    }

    fn version(&mut self, value: &RawValue) -> Result<(), Stop> {
        let at = self.at(value);
        match json::integer_text(value).map(str::parse::<u64>) {
            Some(Ok(FORMAT_VERSION)) => Ok(()),
            Some(Ok(newer)) if newer > FORMAT_VERSION => Err(Stop::Unusable {
                at,
                message: format!(
                    "this chart is orgtree format version {newer}, but this orgtree reads only version {FORMAT_VERSION}: a newer orgtree is needed"
                ),
            }),
            _ => {
                let found = json::text(value);
                self.loader.recoverable(
                    at,
                    format!(
                        "format version must be {FORMAT_VERSION}, found {}",
                        Escaped(found)
                    ),
                    "read as version 1",
                );
                Ok(())
            }
        }
    }

    fn chart_text(
        &mut self,
        key: &str,
        value: &RawValue,
        slot: &mut Option<Text>,
        extra: &mut Extra,
    ) {
        match Kind::of(value) {
            Kind::Null => *slot = None,
            Kind::String => *slot = json::string(value).map(Text::from),
            _ => {
                let at = self.at(value);
                let found = json::found(value);
                self.loader.recoverable(
                    at,
                    format!("\"{key}\" must be a string, found {found}"),
                    "kept as an unknown field",
                );
                keep(extra, key, value).unwrap_or_else(|m| self.loader.error(at, m));
            }
        }
    }

    /// Reads the members of one post object, which starts at offset `at`.
    fn post(&mut self, number: usize, at: usize, fields: &Members<'t>) -> PostRead<usize> {
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
            let value: &'t RawValue = value;
            let at = self.at(value);
            if let Some(first) = repeats.earlier(i) {
                let first = self.at(fields[first].1);
                let message = Message::mentioning(
                    format!(
                        "{label}: field \"{}\" appears twice (first at ",
                        Escaped(key)
                    ),
                    first,
                    false,
                    ")",
                );
                self.loader.recoverable(at, message, "the last one is used");
            }
            let post = &mut read.post;
            let kept = match key.as_ref() {
                "id" => Ok(()),
                "title" => {
                    title = match Kind::of(value) {
                        Kind::Null => None,
                        Kind::String => json::string(value).map(|text| self.loader.shared(&text)),
                        _ => {
                            let found = json::found(value);
                            self.loader.recoverable(
                                at,
                                format!("{label}: \"title\" must be a string, found {found}"),
                                "its JSON text is used as the title",
                            );
                            Some(self.loader.shared(json::text(value)))
                        }
                    };
                    Ok(())
                }
                "reports_to" => {
                    read.reports_to = self.reports_to(&label, value, &mut post.extra);
                    Ok(())
                }
                "holder" if json::string(value).is_some_and(|h| h.trim().is_empty()) => {
                    let message = format!("{label}: \"holder\" is blank; read as vacant");
                    self.loader.warning(at, message);
                    post.holder = None;
                    Ok(())
                }
                "holder" => {
                    self.optional_text(&label, key, value, &mut post.holder, &mut post.extra)
                }
                "unit" => self.optional_shared(&label, key, value, &mut post.unit, &mut post.extra),
                "grade" => {
                    self.optional_shared(&label, key, value, &mut post.grade, &mut post.extra)
                }
                "note" => {
                    let (note, extra) = (&mut post.note, &mut post.extra);
                    self.optional_string(&label, key, value, note, extra, |_, text| text.into())
                }
                "fte" => self.optional_number(&label, key, value, &mut post.fte, &mut post.extra),
                "cost" => self.optional_number(&label, key, value, &mut post.cost, &mut post.extra),
                "staff" => self.staff(&label, value, post),
                "dotted" => self.dotted(&label, value, post, &mut read.dotted_at),
                "tags" => self.tags(&label, value, post),
                _ => repeats.keep(i, &mut post.extra),
            };
            if let Err(message) = kept {
                self.loader.error(at, format!("{label}: {message}"));
            }
        }
        read.post.title = title.unwrap_or_else(|| {
            self.loader.recoverable(
                at,
                format!("{label} has no title"),
                "loaded with an empty title",
            );
            self.loader.shared("")
        });
        read
    }

    fn id(&mut self, number: usize, title: Option<&str>, value: &RawValue) -> IdRead<usize> {
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
        if Kind::of(value) == Kind::Null {
            return IdRead::Missing;
        }
        let found = json::found(value);
        let label = Label {
            number,
            id: None,
            title,
        };
        self.loader.recoverable(
            at,
            format!("{label}: \"id\" must be a string or an integer, found {found}"),
            "its JSON text is used as the id",
        );
        if self.loader.lenient {
            IdRead::Given(PostId::new(json::text(value)), at)
        } else {
            IdRead::Reported
        }
    }

    fn reports_to(
        &mut self,
        label: &dyn Display,
        value: &RawValue,
        extra: &mut Extra,
    ) -> Option<(PostId, usize)> {
        let at = self.at(value);
        if let Some(text) = json::string(value) {
            if text.is_empty() {
                self.loader.warning(
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
        if Kind::of(value) != Kind::Null {
            let found = json::found(value);
            self.loader.recoverable(
                at,
                format!("{label}: \"reports_to\" must be a post id (a string or an integer), found {found}"),
                "kept as an unknown field and loaded as a top post",
            );
            if self.loader.lenient {
                keep(extra, "reports_to", value).unwrap_or_else(|m| self.loader.error(at, m));
            }
        }
        None
    }

    /// A wrong type in a field of known meaning: an error, or with `--lenient` the value is
    /// kept under its key as an unknown field, so it is written back as it was.
    pub(super) fn wrong_type(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &RawValue,
        expected: &str,
        extra: &mut Extra,
    ) -> Result<(), String> {
        let at = self.at(value);
        let found = json::found(value);
        self.loader.recoverable(
            at,
            format!("{label}: \"{key}\" must be {expected}, found {found}"),
            "kept as an unknown field",
        );
        if self.loader.lenient {
            keep(extra, key, value)
        } else {
            Ok(())
        }
    }

    pub(super) fn optional_text(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &RawValue,
        slot: &mut Option<Text>,
        extra: &mut Extra,
    ) -> Result<(), String> {
        self.optional_string(label, key, value, slot, extra, |_, text| Text::from(text))
    }

    /// A text field whose values repeat across posts, each value stored once.
    pub(super) fn optional_shared(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &RawValue,
        slot: &mut Option<Shared>,
        extra: &mut Extra,
    ) -> Result<(), String> {
        self.optional_string(label, key, value, slot, extra, Loader::shared)
    }

    /// A field that is a string or null, stored in `slot` as `store` makes it.
    pub(super) fn optional_string<T>(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &RawValue,
        slot: &mut Option<T>,
        extra: &mut Extra,
        store: impl FnOnce(&mut Loader, &str) -> T,
    ) -> Result<(), String> {
        match Kind::of(value) {
            Kind::Null => *slot = None,
            Kind::String => *slot = json::string(value).map(|text| store(self.loader, &text)),
            _ => return self.wrong_type(label, key, value, "a string", extra),
        }
        Ok(())
    }

    pub(super) fn optional_number(
        &mut self,
        label: &dyn Display,
        key: &str,
        value: &RawValue,
        slot: &mut Option<f64>,
        extra: &mut Extra,
    ) -> Result<(), String> {
        match (Kind::of(value), json::number(value)) {
            (Kind::Null, _) => *slot = None,
            (_, Some(n)) if n >= 0.0 => *slot = Some(n),
            _ => return self.wrong_type(label, key, value, "a non-negative number", extra),
        }
        Ok(())
    }
}

/// Keeps an unknown field to write it back; a repeated key replaces the earlier value.
pub(super) fn keep(extra: &mut Extra, key: &str, value: &RawValue) -> Result<(), String> {
    match extra.iter_mut().find(|(k, _)| k == key) {
        Some((_, slot)) => *slot = kept_value(key, value)?,
        None => keep_new(extra, key, value)?,
    }
    Ok(())
}

/// Keeps an unknown field whose key the object has not given before.
pub(super) fn keep_new(extra: &mut Extra, key: &str, value: &RawValue) -> Result<(), String> {
    extra.push((key.into(), kept_value(key, value)?));
    Ok(())
}

fn kept_value(key: &str, value: &RawValue) -> Result<serde_json::Value, String> {
    json::value(value)
        .map_err(|error| format!("field \"{}\" cannot be kept: {error}", Escaped(key)))
}

/// Which members of an object repeat the key of an earlier one.
pub(super) struct Repeats<'m> {
    members: &'m Members<'m>,
    /// The first member of each key, for objects with more keys than are quickly compared
    /// one by one.
    firsts: Option<FxHashMap<&'m str, usize>>,
}

impl<'m> Repeats<'m> {
    const FEW: usize = 16;

    pub(super) fn of(members: &'m Members<'m>) -> Self {
        let firsts = (members.len() > Self::FEW).then(|| {
            let mut firsts = FxHashMap::default();
            for (i, (key, _)) in members.iter().enumerate() {
                firsts.entry(key.as_ref()).or_insert(i);
            }
            firsts
        });
        Self { members, firsts }
    }

    /// The first member with the key of member `i`, when that is an earlier one.
    pub(super) fn earlier(&self, i: usize) -> Option<usize> {
        let key = &self.members[i].0;
        match &self.firsts {
            Some(firsts) => firsts.get(key.as_ref()).copied().filter(|&first| first < i),
            None => self.members[..i].iter().position(|(k, _)| k == key),
        }
    }

    /// Keeps member `i` as an unknown field, replacing an earlier one of the same key.
    pub(super) fn keep(&self, i: usize, extra: &mut Extra) -> Result<(), String> {
        let (key, value) = &self.members[i];
        if self.earlier(i).is_some() {
            keep(extra, key, value)
        } else {
            keep_new(extra, key, value)
        }
    }
}

fn is_iso_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| date[range].parse::<u32>().ok())
            .flatten()
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}
