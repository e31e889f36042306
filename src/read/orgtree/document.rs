//! The shape of the document around the posts: the chart object, its members and the posts
//! array, read a window at a time. Each post is read by `scan.rs` (or, when it is not plainly
//! well-formed, by `serde_json`), and each other member's value parsed by `serde_json`, as
//! soon as the window holds all of it; the brackets, commas, colons and keys
//! between them are checked here. Anything out of place stops the reading, and
//! [`super::syntax_verdict`] then asks `serde_json` to describe it.

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
    Done,
    /// The window ends before the next thing to read is whole; it held this many bytes of
    /// it.
    NeedMore(usize),
    /// What comes next cannot be read, and may hold lone surrogate escapes: repair them
    /// and read it again.
    Repair,
}

/// Reads the whole document into `loader`.
pub(super) fn read(input: &mut Input, loader: &mut Loader) -> Result<(), Stop> {
    let mut reading = Reading {
        expect: Expect::Chart,
        pos: 0,
        key: None,
        repaired_at: None,
    };
    loop {
        match reading.steps(input.window(), input.base(), input.at_end(), loader)? {
            Progress::Done => return Ok(()),
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
struct Reading {
    expect: Expect,
    pos: usize,
    key: Option<String>,
    /// Where lone surrogates were looked for, and none found: what cannot be read there is
    /// reported.
    repaired_at: Option<usize>,
}

impl Reading {
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
                    (true, Expect::End) => Ok(Progress::Done),
                    (true, _) => Err(self.syntax(base)),
                    (false, _) => Ok(Progress::NeedMore(0)),
                };
            };
            let cut = Progress::NeedMore(window.len() - self.pos);
            let at = base + self.pos;
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
