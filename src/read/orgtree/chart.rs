//! Reading the chart object around the posts: the format version, the chart's description
//! (name, date, source), fields orgtree does not know, and the items of the posts list, each
//! handed to the post reader.

use serde_json::value::RawValue;

use super::reader::{Reader, keep, keep_new};
use super::{Loader, PostsRead, Stop};
use crate::org::FORMAT_VERSION;
use crate::org::builder::Message;
use crate::org::fields::ChartField;
use crate::org::json::{self, JsonKind, Members};
use crate::org::post::{Extra, Text};
use crate::text::Escaped;

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
        let at = base + json::offset(window, value);
        let mut meta = std::mem::take(&mut self.meta);
        match ChartField::named(key) {
            Some(ChartField::Version) => self.version(value, at)?,
            Some(ChartField::Name) => {
                self.chart_text(key, value, at, &mut meta.name, &mut meta.extra);
            }
            Some(ChartField::Source) => {
                self.chart_text(key, value, at, &mut meta.source, &mut meta.extra);
            }
            Some(ChartField::AsOf) => {
                self.chart_text(key, value, at, &mut meta.as_of, &mut meta.extra);
                if let Some(date) = meta
                    .as_of
                    .as_deref()
                    .filter(|d| !crate::read::name_date::is_iso_date(d))
                {
                    let message =
                        format!("as_of '{}' is not an ISO date (YYYY-MM-DD)", Escaped(date));
                    self.warning(at, message);
                }
            }
            Some(ChartField::Posts) => {
                self.forget_posts();
                self.posts = Some(PostsRead::Other {
                    at,
                    kind: JsonKind::of(value),
                });
            }
            None => {
                let repeated = self.keys.get(key).is_some_and(|&(_, again)| again);
                let kept = if repeated {
                    keep(&mut meta.extra, key, value)
                } else {
                    keep_new(&mut meta.extra, key, value)
                };
                kept.unwrap_or_else(|m| self.recoverable(at, m, "left out"));
            }
        }
        self.meta = meta;
        Ok(())
    }

    /// Reads one post and passes it on to be built into the chart.
    pub(super) fn post(&mut self, fields: &Members, at: usize, window: &str, base: usize) {
        let number = self.next_number();
        let post = Reader {
            findings: &mut self.findings,
            shared: &mut self.shared,
            lenient: self.lenient,
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

    /// Reports a lone surrogate escape, read as the replacement character.
    pub(super) fn lone_surrogate(&mut self, at: usize) {
        self.warning(at, crate::org::surrogates::WARNING.to_owned());
    }

    /// Reports an item of the posts list that is not an object.
    pub(super) fn not_a_post(&mut self, value: &RawValue, at: usize) {
        let number = self.next_number();
        let found = JsonKind::of(value);
        self.recoverable(
            at,
            format!("post #{number} is {found}, not an object"),
            "skipped",
        );
    }
}

impl Loader {
    fn version(&mut self, value: &RawValue, at: usize) -> Result<(), Stop> {
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
        at: usize,
        slot: &mut Option<Text>,
        extra: &mut Extra,
    ) {
        // Given twice, the last one is used: what an earlier one left is dropped.
        extra.retain(|(k, _)| k != key);
        *slot = None;
        match chart_text(key, value) {
            Ok(text) => *slot = text,
            Err(message) => match keep(extra, key, value) {
                Ok(()) => self.recoverable(at, message, "kept as an unknown field"),
                Err(why) => self.recoverable(at, format!("{message}; {why}"), "left out"),
            },
        }
    }
}

/// The value of a text field of the chart's description (`name`, `as_of`, `source`): a
/// string, or null for none; otherwise what it must be.
pub(crate) fn chart_text(key: &str, value: &RawValue) -> Result<Option<Text>, String> {
    match JsonKind::of(value) {
        JsonKind::Null => Ok(None),
        JsonKind::String => Ok(json::string(value).map(Text::from)),
        _ => Err(format!(
            "\"{}\" must be a string, found {}",
            Escaped(key),
            json::found(value)
        )),
    }
}
