//! The shape of the document around the posts: the chart object, its members and the posts
//! array, read a window at a time. Each post is read by `scan.rs` (or, when it is not plainly
//! well-formed, by `serde_json`), and each other member's value parsed by `serde_json`, as
//! soon as the window holds all of it; the brackets, commas, colons and keys
//! between them are checked here. Anything out of place stops the reading, and
//! [`super::syntax_verdict`] then asks `serde_json` to describe it.

use std::collections::VecDeque;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::input::Input;
use super::{Loader, Stop};
use crate::org::json::{self, Fields, Members};
use crate::org::surrogates;

/// What the reading expects next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// The `{` that opens the chart.
    Chart,
    /// A member's key, or `}` when `first`.
    Key {
        first: bool,
    },
    Colon,
    Value,
    /// `,` or the `}` that closes the chart.
    MemberEnd,
    /// A post, or `]` when `first`.
    Post {
        first: bool,
    },
    /// `,` or the `]` that closes the posts.
    PostEnd,
    /// Nothing but white space.
    End,
}

/// How far a step got through the window.
enum Progress {
    Done(Reached),
    /// The window ends before the next thing to read is whole; it held this many bytes of
    /// it.
    NeedMore(usize),
    /// What comes next cannot be read, and may hold lone surrogate escapes: repair them
    /// and read it again.
    Repair,
}

/// How far [`read`] went.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Reached {
    /// The end of the document.
    End,
    /// The split at this offset: an item of the posts list starts there, and is not read.
    Split(usize),
    /// The `]` that closes the posts list, at this offset, when reading only posts; not read.
    PostsEnd(usize),
    /// Reading only posts, and told to stop: what was read is not needed.
    Abandoned,
}

/// Reads the document into `loader` from where `reading` stands, up to its end, or up to
/// where `reading` was asked to stop.
pub(super) fn read(
    input: &mut Input,
    loader: &mut Loader,
    reading: &mut Reading,
) -> Result<Reached, Stop> {
    loop {
        let progress = reading.steps(input.window(), input.base(), input.at_end(), loader)?;
        // A split passed over was not an item of the posts list; when it was to end the
        // posts read alone, what they give cannot be used.
        if reading.passed_splits(input.base()) && reading.posts_only {
            return Ok(Reached::Abandoned);
        }
        if reading.posts_only && loader.abandoned() {
            return Ok(Reached::Abandoned);
        }
        match progress {
            Progress::Done(reached) => {
                input.count_to(input.base() + reading.pos);
                return Ok(reached);
            }
            Progress::Repair => {
                let lone = input.repair_surrogates(reading.pos);
                if lone.is_empty() {
                    // Nothing to repair: read it again to report why it cannot be read.
                    reading.repaired_at = Some(input.base() + reading.pos);
                }
                for at in lone {
                    loader.lone_surrogate(at);
                }
            }
            // At the end, a step never asks for more: it finishes or finds an error.
            Progress::NeedMore(had) => {
                // A value is parsed again from its start once more of it is read: read until
                // the window holds twice as much, so that a value of many blocks is parsed a
                // few times over rather than once a block.
                reading.pos = input.refill(reading.pos)?;
                while !input.at_end() && input.window().len() < had.saturating_mul(2) {
                    reading.pos = input.refill(reading.pos)?;
                }
            }
        }
    }
}

/// Where the reading is: what it expects next, at which byte of the window, and the key of
/// the member whose value comes next.
pub(super) struct Reading {
    expect: Expect,
    pos: usize,
    key: Option<String>,
    /// Where lone surrogates were looked for, and none found: what cannot be read there is
    /// reported.
    repaired_at: Option<usize>,
    /// The offsets, in order, of items of the posts list to stop at, when the reading
    /// reaches them as such (see [`super::split`]).
    splits: VecDeque<usize>,
    /// Whether only items of the posts list are read, up to the `]` that closes it.
    posts_only: bool,
}

impl Reading {
    /// From the start of a document, stopping at each of `splits` that is an item of the
    /// posts list.
    pub(super) fn document(splits: VecDeque<usize>) -> Self {
        Self {
            expect: Expect::Chart,
            pos: 0,
            key: None,
            repaired_at: None,
            splits,
            posts_only: false,
        }
    }

    /// From an item of the posts list (after its `,`), stopping at each of `splits`.
    pub(super) fn at_item(splits: VecDeque<usize>) -> Self {
        Self {
            expect: Expect::Post { first: false },
            ..Self::document(splits)
        }
    }

    /// From an item of the posts list, reading only posts, up to the item at `end` (or the
    /// `]` that closes the list): a part of the list read on another thread.
    pub(super) fn posts_only(end: Option<usize>) -> Self {
        Self {
            posts_only: true,
            ..Self::at_item(end.into_iter().collect())
        }
    }

    /// From the `]` that closes the posts list, to read the rest of the document.
    pub(super) fn after_posts() -> Self {
        Self {
            expect: Expect::PostEnd,
            ..Self::document(VecDeque::new())
        }
    }

    /// The splits not reached yet.
    pub(super) fn take_splits(&mut self) -> VecDeque<usize> {
        std::mem::take(&mut self.splits)
    }

    /// Drops the splits the reading has passed without reaching them as items: they were
    /// not. Whether there were any.
    fn passed_splits(&mut self, base: usize) -> bool {
        let at = base + self.pos;
        let before = self.splits.len();
        while self.splits.front().is_some_and(|&split| split < at) {
            self.splits.pop_front();
        }
        self.splits.len() < before
    }

    /// Reads as far as the window allows.
    fn steps(
        &mut self,
        window: &str,
        base: usize,
        at_end: bool,
        loader: &mut Loader,
    ) -> Result<Progress, Stop> {
        let bytes = window.as_bytes();
        loop {
            self.pos = json::skip_space(bytes, self.pos);
            let Some(&byte) = bytes.get(self.pos) else {
                return match (at_end, self.expect) {
                    (true, Expect::End) => Ok(Progress::Done(Reached::End)),
                    (true, _) => Err(self.syntax(base)),
                    (false, _) => Ok(Progress::NeedMore(0)),
                };
            };
            let cut = Progress::NeedMore(window.len() - self.pos);
            let at = base + self.pos;
            if self.splits.front() == Some(&at) && self.expect == (Expect::Post { first: false }) {
                self.splits.pop_front();
                return Ok(Progress::Done(Reached::Split(at)));
            }
            let repair = self.repaired_at != Some(at);
            let (expect, end) = match (self.expect, byte) {
                (Expect::Chart, b'{') => (Expect::Key { first: true }, self.pos + 1),
                (Expect::Key { first: true } | Expect::MemberEnd, b'}') => {
                    (Expect::End, self.pos + 1)
                }
                (Expect::Key { .. }, b'"') => {
                    let Some(end) = json::string_end(bytes, self.pos) else {
                        return if at_end {
                            Err(self.syntax(base))
                        } else {
                            Ok(cut)
                        };
                    };
                    let Ok(key) = serde_json::from_str::<String>(&window[self.pos..end]) else {
                        return if repair {
                            Ok(Progress::Repair)
                        } else {
                            Err(self.syntax(base))
                        };
                    };
                    self.key = Some(key);
                    (Expect::Colon, end)
                }
                (Expect::Colon, b':') => (Expect::Value, self.pos + 1),
                (Expect::Value, b'[') if self.key.as_deref() == Some("posts") => {
                    loader.key("posts", at);
                    self.key = None;
                    loader.begin_posts(at);
                    (Expect::Post { first: true }, self.pos + 1)
                }
                (Expect::Value, _) => match value(window, self.pos, at_end) {
                    // serde_json lets some lone surrogates through here and refuses them
                    // later: look first.
                    Parsed::Whole(_, end)
                        if repair && surrogates::may_hold(&bytes[self.pos..end]) =>
                    {
                        return Ok(Progress::Repair);
                    }
                    Parsed::Whole(value, end) => {
                        let key = self.key.take().unwrap_or_default();
                        loader.key(&key, at);
                        loader.member(&key, value, window, base)?;
                        (Expect::MemberEnd, end)
                    }
                    Parsed::Cut => return Ok(cut),
                    Parsed::Invalid(_) if repair => return Ok(Progress::Repair),
                    Parsed::Invalid(_) => return Err(self.syntax(base)),
                },
                (Expect::MemberEnd, b',') => (Expect::Key { first: false }, self.pos + 1),
                (Expect::PostEnd, b']') if self.posts_only => {
                    return Ok(Progress::Done(Reached::PostsEnd(at)));
                }
                (Expect::Post { first: true } | Expect::PostEnd, b']') => {
                    loader.end_posts(at);
                    (Expect::MemberEnd, self.pos + 1)
                }
                (Expect::Post { .. }, b'{') => match post(window, self.pos, at_end) {
                    Parsed::Whole(_, end)
                        if repair && surrogates::may_hold(&bytes[self.pos..end]) =>
                    {
                        return Ok(Progress::Repair);
                    }
                    Parsed::Whole(fields, end) => {
                        loader.post(&fields, at, window, base);
                        // Ctrl-C: text read whole (standard input) is parsed without a
                        // pause, so it is asked here, a post at a time.
                        if crate::progress::cancelled() {
                            let stop = std::io::Error::from(std::io::ErrorKind::Interrupted);
                            return Err(Stop::Read(stop.into()));
                        }
                        (Expect::PostEnd, end)
                    }
                    Parsed::Cut => return Ok(cut),
                    Parsed::Invalid(_) if repair => return Ok(Progress::Repair),
                    // Well-formed JSON whose keys cannot be read as text (a lone surrogate
                    // escape): a post that cannot be read, not a broken document.
                    Parsed::Invalid(error) => match value(window, self.pos, at_end) {
                        Parsed::Whole(_, end) => {
                            loader.unreadable_post(at, &error);
                            (Expect::PostEnd, end)
                        }
                        _ => return Err(self.syntax(base)),
                    },
                },
                (Expect::Post { .. }, _) => match value(window, self.pos, at_end) {
                    Parsed::Whole(value, end) => {
                        loader.not_a_post(value, at);
                        (Expect::PostEnd, end)
                    }
                    Parsed::Cut => return Ok(cut),
                    Parsed::Invalid(_) if repair => return Ok(Progress::Repair),
                    Parsed::Invalid(_) => return Err(self.syntax(base)),
                },
                (Expect::PostEnd, b',') => (Expect::Post { first: false }, self.pos + 1),
                _ => return Err(self.syntax(base)),
            };
            self.expect = expect;
            self.pos = end;
        }
    }

    /// Stops at what could not be read, at the current place.
    fn syntax(&self, base: usize) -> Stop {
        Stop::Syntax {
            at: base + self.pos,
        }
    }
}

/// A value parsed from the window, or why not.
enum Parsed<T> {
    /// The value and the offset in the window just after it.
    Whole(T, usize),
    /// The window ends inside the value.
    Cut,
    /// Not well-formed JSON, or not of the kind asked for.
    Invalid(serde_json::Error),
}

impl<T> Parsed<T> {
    /// Judges a parse of the window from `pos` on: a value that ends where the window ends
    /// may go on in the next block (a number), and an error there may be the cut itself.
    fn of(
        result: Result<(T, usize), serde_json::Error>,
        window: &str,
        pos: usize,
        at_end: bool,
    ) -> Self {
        match result {
            Ok((_, end)) if end >= window.len() && !at_end => Self::Cut,
            Ok((value, end)) => Self::Whole(value, end),
            Err(error) if !at_end && (error.is_eof() || near_the_end(&error, &window[pos..])) => {
                Self::Cut
            }
            Err(error) => Self::Invalid(error),
        }
    }
}

/// Whether `serde_json` stopped within a few bytes of the end of `text`, as it does when a
/// number or an escape is cut short there.
fn near_the_end(error: &serde_json::Error, text: &str) -> bool {
    const NEAR: usize = 8;
    let line_start = if error.line() <= 1 {
        Some(0)
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(error.line() - 2)
            .map(|at| at + 1)
    };
    line_start.is_some_and(|start| start + error.column() + NEAR >= text.len())
}

/// Any JSON value at `pos`.
fn value(window: &str, pos: usize, at_end: bool) -> Parsed<&RawValue> {
    let mut parser = serde_json::Deserializer::from_str(&window[pos..]);
    let result = <&RawValue>::deserialize(&mut parser).map(|value| {
        let end = json::offset(window, value) + value.get().len();
        (value, end)
    });
    Parsed::of(result, window, pos, at_end)
}

/// The object at `pos` as its members: read in one pass when it is plain, as posts are.
fn post(window: &str, pos: usize, at_end: bool) -> Parsed<Members<'_>> {
    if let Some(read) = super::scan::object(window, pos) {
        return Parsed::of(Ok(read), window, pos, at_end);
    }
    let mut parser = serde_json::Deserializer::from_str(&window[pos..]);
    let result = Fields::deserialize(&mut parser).map(|Fields(members)| {
        // The object ends at the `}` after its last value (or after its `{`).
        let after = members.last().map_or(pos + 1, |(_, value)| {
            json::offset(window, *value) + value.len()
        });
        let close = after
            + window.as_bytes()[after..]
                .iter()
                .position(|&b| b == b'}')
                .unwrap_or(0);
        (members, close + 1)
    });
    Parsed::of(result, window, pos, at_end)
}
