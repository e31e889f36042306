//! Reading the chart's own fields and each post's fields, type by type, with a problem for
//! every value of the wrong kind (or, leniently, a note of how it was kept).

use rustc_hash::FxHashMap;
use serde_json::value::RawValue;

use super::{Draft, FORMAT_VERSION, IdAsRead, LoadError, Loader, unusable};
use crate::org::graph::Meta;
use crate::org::post::{Extra, Post, PostId, Text};
use crate::org::raw::{self, Fields, Kind};
use crate::text::Escaped;

impl<'a> Loader<'a> {
    /// Reads the top-level object: version, description, unknown fields and the posts list.
    pub(super) fn chart(
        &mut self,
        Fields(fields): Fields<'a>,
    ) -> Result<(Meta, &'a RawValue), LoadError> {
        let mut meta = Meta::default();
        let mut posts = None;
        let mut seen = KeysSeen::default();
        for (key, value) in &fields {
            let value: &'a RawValue = value;
            let at = self.at(value);
            if let Some(first) = seen.first(key, at) {
                let first = self.lines().position(first);
                self.recoverable(
                    at,
                    format!(
                        "field \"{}\" appears twice (first at {first})",
                        Escaped(key)
                    ),
                    "the last one is used",
                );
            }
            match key.as_ref() {
                "orgtree" => self.version(value)?,
                "name" => self.chart_text(key, value, &mut meta.name, &mut meta.extra),
                "source" => self.chart_text(key, value, &mut meta.source, &mut meta.extra),
                "as_of" => {
                    self.chart_text(key, value, &mut meta.as_of, &mut meta.extra);
                    if let Some(date) = meta.as_of.as_deref().filter(|d| !is_iso_date(d)) {
                        let message =
                            format!("as_of '{}' is not an ISO date (YYYY-MM-DD)", Escaped(date));
                        self.warning(at, message);
                    }
                }
                "posts" => posts = Some(value),
                _ => keep(&mut meta.extra, key, value).unwrap_or_else(|m| self.error(at, m)),
            }
        }
        let Some(posts) = posts else {
            return Err(unusable(
                Some(self.lines().position(0)),
                "not an orgtree chart: there is no \"posts\" list".into(),
            ));
        };
        if Kind::of(posts) != Kind::Array {
            let found = Kind::of(posts);
            return Err(unusable(
                Some(self.lines().position(self.at(posts))),
                format!("not an orgtree chart: \"posts\" must be an array of posts, found {found}"),
            ));
        }
        Ok((meta, posts))
    }

    fn version(&mut self, value: &RawValue) -> Result<(), LoadError> {
        let at = self.at(value);
        match raw::integer_text(value).map(str::parse::<u64>) {
            Some(Ok(FORMAT_VERSION)) => Ok(()),
            Some(Ok(newer)) if newer > FORMAT_VERSION => Err(unusable(
                Some(self.lines().position(at)),
                format!(
                    "this chart is orgtree format version {newer}, but this orgtree reads only version {FORMAT_VERSION}: a newer orgtree is needed"
                ),
            )),
            _ => {
                let found = raw::text(value);
                self.recoverable(
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
            Kind::String => *slot = raw::string(value).map(Text::from),
            _ => {
                let at = self.at(value);
                let found = raw::found(value);
                self.recoverable(
                    at,
                    format!("\"{key}\" must be a string, found {found}"),
                    "kept as an unknown field",
                );
                keep(extra, key, value).unwrap_or_else(|m| self.error(at, m));
            }
        }
    }

    /// Reads one post. `None` when it is not an object at all.
    pub(super) fn post(&mut self, number: usize, raw: &'a RawValue) -> Option<Draft> {
        let at = self.at(raw);
        let Ok(Fields(fields)) = serde_json::from_str::<Fields>(raw.get()) else {
            let found = Kind::of(raw);
            self.recoverable(
                at,
                format!("post #{number} is {found}, not an object"),
                "skipped",
            );
            return None;
        };
        let given_title = fields
            .iter()
            .rev()
            .find(|(key, _)| key == "title")
            .and_then(|(_, value)| raw::string(value));
        let id = match fields.iter().rev().find(|(key, _)| key == "id") {
            Some((_, value)) => self.id(number, given_title.as_deref(), value),
            None => IdAsRead::Missing,
        };
        let mut draft = Draft {
            number,
            at,
            id,
            reports_to: None,
            dotted_at: Vec::new(),
            post: Post::new("", ""),
        };
        let label = draft.label(given_title.as_deref());
        let mut title = None;
        let mut seen = KeysSeen::default();
        for (key, value) in &fields {
            let value: &'a RawValue = value;
            let at = self.at(value);
            if let Some(first) = seen.first(key, at) {
                let first = self.lines().position(first);
                self.recoverable(
                    at,
                    format!(
                        "{label}: field \"{}\" appears twice (first at {first})",
                        Escaped(key)
                    ),
                    "the last one is used",
                );
            }
            let post = &mut draft.post;
            let kept = match key.as_ref() {
                "id" => Ok(()),
                "title" => {
                    title = match Kind::of(value) {
                        Kind::Null => None,
                        Kind::String => raw::string(value).map(Text::from),
                        _ => {
                            let found = raw::found(value);
                            self.recoverable(
                                at,
                                format!("{label}: \"title\" must be a string, found {found}"),
                                "its JSON text is used as the title",
                            );
                            Some(raw::text(value).into())
                        }
                    };
                    Ok(())
                }
                "reports_to" => {
                    draft.reports_to = self.reports_to(&label, value, &mut post.extra);
                    Ok(())
                }
                "holder" if raw::string(value).is_some_and(|h| h.trim().is_empty()) => {
                    let message = format!("{label}: \"holder\" is blank; read as vacant");
                    self.warning(at, message);
                    post.holder = None;
                    Ok(())
                }
                "holder" => {
                    self.optional_text(&label, key, value, &mut post.holder, &mut post.extra)
                }
                "unit" => self.optional_text(&label, key, value, &mut post.unit, &mut post.extra),
                "grade" => self.optional_text(&label, key, value, &mut post.grade, &mut post.extra),
                "note" => self.optional_text(&label, key, value, &mut post.note, &mut post.extra),
                "fte" => self.optional_number(&label, key, value, &mut post.fte, &mut post.extra),
                "cost" => self.optional_number(&label, key, value, &mut post.cost, &mut post.extra),
                "staff" => self.staff(&label, value, post),
                "dotted" => self.dotted(&label, value, post, &mut draft.dotted_at),
                "tags" => self.tags(&label, value, post),
                _ => keep(&mut post.extra, key, value),
            };
            if let Err(message) = kept {
                self.error(at, format!("{label}: {message}"));
            }
        }
        draft.post.title = title.unwrap_or_else(|| {
            self.recoverable(
                at,
                format!("{label} has no title"),
                "loaded with an empty title",
            );
            Text::default()
        });
        Some(draft)
    }

    fn id(&mut self, number: usize, title: Option<&str>, value: &RawValue) -> IdAsRead {
        let at = self.at(value);
        if let Some(text) = raw::string(value) {
            return if text.is_empty() {
                IdAsRead::Empty(at)
            } else {
                IdAsRead::Given(PostId::new(text.as_ref()), at)
            };
        }
        if let Some(digits) = raw::integer_text(value) {
            return IdAsRead::Given(PostId::new(digits), at);
        }
        if Kind::of(value) == Kind::Null {
            return IdAsRead::Missing;
        }
        let found = raw::found(value);
        self.recoverable(
            at,
            format!(
                "{}: \"id\" must be a string or an integer, found {found}",
                Draft::unnamed(number, title)
            ),
            "its JSON text is used as the id",
        );
        if self.lenient {
            IdAsRead::Given(PostId::new(raw::text(value)), at)
        } else {
            IdAsRead::Reported
        }
    }

    fn reports_to(
        &mut self,
        label: &str,
        value: &RawValue,
        extra: &mut Extra,
    ) -> Option<(PostId, usize)> {
        let at = self.at(value);
        if let Some(text) = raw::string(value) {
            if text.is_empty() {
                self.warning(
                    at,
                    format!("{label}: \"reports_to\" is empty; read as a top post"),
                );
                return None;
            }
            return Some((PostId::new(text.as_ref()), at));
        }
        if let Some(digits) = raw::integer_text(value) {
            return Some((PostId::new(digits), at));
        }
        if Kind::of(value) != Kind::Null {
            let found = raw::found(value);
            self.recoverable(
                at,
                format!("{label}: \"reports_to\" must be a post id (a string or an integer), found {found}"),
                "kept as an unknown field and loaded as a top post",
            );
            if self.lenient {
                keep(extra, "reports_to", value).unwrap_or_else(|m| self.error(at, m));
            }
        }
        None
    }

    /// A wrong type in a field of known meaning: an error, or with `--lenient` the value is
    /// kept under its key as an unknown field, so it is written back as it was.
    pub(super) fn wrong_type(
        &mut self,
        label: &str,
        key: &str,
        value: &RawValue,
        expected: &str,
        extra: &mut Extra,
    ) -> Result<(), String> {
        let at = self.at(value);
        let found = raw::found(value);
        self.recoverable(
            at,
            format!("{label}: \"{key}\" must be {expected}, found {found}"),
            "kept as an unknown field",
        );
        if self.lenient {
            keep(extra, key, value)
        } else {
            Ok(())
        }
    }

    pub(super) fn optional_text(
        &mut self,
        label: &str,
        key: &str,
        value: &RawValue,
        slot: &mut Option<Text>,
        extra: &mut Extra,
    ) -> Result<(), String> {
        match Kind::of(value) {
            Kind::Null => *slot = None,
            Kind::String => *slot = raw::string(value).map(Text::from),
            _ => return self.wrong_type(label, key, value, "a string", extra),
        }
        Ok(())
    }

    pub(super) fn optional_number(
        &mut self,
        label: &str,
        key: &str,
        value: &RawValue,
        slot: &mut Option<f64>,
        extra: &mut Extra,
    ) -> Result<(), String> {
        match (Kind::of(value), raw::number(value)) {
            (Kind::Null, _) => *slot = None,
            (_, Some(n)) if n >= 0.0 => *slot = Some(n),
            _ => return self.wrong_type(label, key, value, "a non-negative number", extra),
        }
        Ok(())
    }
}

/// Keeps an unknown field to write it back; a repeated key replaces the earlier value.
pub(super) fn keep(extra: &mut Extra, key: &str, value: &RawValue) -> Result<(), String> {
    let value = raw::value(value)
        .map_err(|error| format!("field \"{}\" cannot be kept: {error}", Escaped(key)))?;
    match extra.iter_mut().find(|(k, _)| k == key) {
        Some((_, slot)) => *slot = value,
        None => extra.push((key.into(), value)),
    }
    Ok(())
}

/// The keys of one object seen so far, to catch one given twice. Objects have a handful of
/// keys, so a short list is searched first; a map takes over for unusually large objects.
#[derive(Default)]
struct KeysSeen<'k> {
    few: Vec<(&'k str, usize)>,
    many: FxHashMap<&'k str, usize>,
}

impl<'k> KeysSeen<'k> {
    const FEW: usize = 16;

    /// The offset of the earlier occurrence of `key`, if there was one.
    fn first(&mut self, key: &'k str, at: usize) -> Option<usize> {
        if let Some(&(_, first)) = self.few.iter().find(|(k, _)| *k == key) {
            return Some(first);
        }
        if self.few.len() < Self::FEW {
            self.few.push((key, at));
            return None;
        }
        if let Some(&first) = self.many.get(key) {
            Some(first)
        } else {
            self.many.insert(key, at);
            None
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
