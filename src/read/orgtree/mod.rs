//! Reading an orgtree JSON chart into an [`Org`], reporting every problem at once, each with
//! its line and column and the post it concerns.
//!
//! Strict loading refuses a chart with errors. Lenient loading turns each error into a
//! warning that says how the post was loaded instead (a top post, an unknown field kept as
//! it is, a new id), so that nothing is dropped without a word.
//!
//! A file is read a block at a time and each post joins the chart as soon as it is read, so
//! loading costs little more memory than the chart itself, whatever the size of the file.
//! Problems are found by byte offset; lines and columns are worked out at the end, and only
//! for what is reported.

use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, SyncSender};

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::org::builder::{Builder, Findings, Handling, Message, Policy, PostRead};
use crate::org::graph::{Meta, Org};
use crate::org::json::{Fields, JsonKind};
use crate::org::position::{LineIndex, Position};
use crate::org::post::Interner;
use crate::org::problems::{Problem, Severity};
use document::{Reached, Reading};
use input::{Input, ReadError, Source};
use parts::{Ahead, Part, PartEnd, read_ahead};

mod chart;
mod document;
mod input;
mod lists;
mod parts;
mod reader;
mod scan;
mod split;
#[cfg(test)]
mod split_tests;

pub(crate) use chart::chart_text;
pub(crate) use reader::{errors, read_one};

#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Load what can be loaded, turning errors into warnings.
    pub lenient: bool,
}

/// A loaded chart and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub org: Org,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    /// Nothing could be loaded: the file is unreadable, not JSON, not an orgtree chart, or
    /// of a newer format version.
    #[error("{}", .0.message)]
    Unusable(Problem),
    /// The chart has errors. Every problem found, warnings included, in file order, and the
    /// number of posts read.
    #[error("the chart has errors")]
    Invalid {
        problems: Vec<Problem>,
        posts: usize,
    },
}

impl LoadError {
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Unusable(problem) => std::slice::from_ref(problem),
            Self::Invalid { problems, .. } => problems,
        }
    }
}

/// Loads a chart from a file, or from standard input when `path` is `-`.
///
/// A regular file is read a block at a time, and read again if a problem needs its line and
/// column. Standard input, a pipe or a device can be read only once: it is read whole.
pub fn load_path(path: &Path, options: LoadOptions) -> Result<Loaded, LoadError> {
    let stdin = path.as_os_str() == "-";
    if !stdin && std::fs::metadata(path).is_ok_and(|file| file.is_file()) {
        return load(Source::File(path), options);
    }
    let mut bytes = Vec::new();
    if stdin {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(|_| ()))
    }
    .map_err(|error| unusable(None, format!("cannot read the file: {error}")))?;
    load_bytes(bytes, options)
}

/// Loads a chart from the bytes of a file read whole (standard input, a pipe): UTF-8 JSON,
/// with a byte that is not UTF-8 placed at its line and column.
pub fn load_bytes(bytes: Vec<u8>, options: LoadOptions) -> Result<Loaded, LoadError> {
    let text = String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&error.as_bytes()[..at]).unwrap_or_default();
        // Positions leave out a byte order mark, as everywhere.
        let bom = if before.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let position = LineIndex::new(&before[bom..]).position(at - bom);
        not_utf8(Some(position), error.as_bytes()[at])
    })?;
    load_str(&text, options)
}

/// Loads a chart from JSON text. A leading UTF-8 byte order mark is skipped.
pub fn load_str(text: &str, options: LoadOptions) -> Result<Loaded, LoadError> {
    load(Source::Text(text), options)
}

/// As [`load_path`] for a regular file, read `block` bytes at a time rather than a
/// megabyte: the fuzz tests load small files this way so that every kind of token is cut
/// somewhere between two blocks.
#[doc(hidden)]
pub fn load_file_in_blocks(
    path: &Path,
    options: LoadOptions,
    block: usize,
) -> Result<Loaded, LoadError> {
    load_in_blocks(Source::File(path), options, block.max(1), &[])
}

fn load(source: Source, options: LoadOptions) -> Result<Loaded, LoadError> {
    let splits = match source {
        Source::File(path) => split::guesses(path),
        Source::Text(_) => Vec::new(),
    };
    load_in_blocks(source, options, input::BLOCK, &splits)
}

/// As [`load_path`] for a regular file, with its posts list split at document offsets
/// `splits` (in order; they need not be items of it): the tests try many offsets of small
/// files.
#[doc(hidden)]
pub fn load_file_split_at(
    path: &Path,
    options: LoadOptions,
    splits: &[usize],
    block: usize,
) -> Result<Loaded, LoadError> {
    load_in_blocks(Source::File(path), options, block.max(1), splits)
}

/// Parses the document on this thread (a file is read `block` bytes at a time, on a thread
/// of its own until the first part read ahead is used, then on this one) while another
/// thread builds the chart from the posts parsed, then settles what the posts say about
/// each other.
///
/// When `splits` are given (a file only), they cut the posts list into parts, every other one
/// read ahead on a thread of its own: this thread reads the first part, takes the next from
/// that thread once it reaches where it starts, reads the one after, and so on (see
/// [`split`]). A part read ahead is used only when this thread reaches its start as an item
/// of the posts list and it was read to its end with nothing to report; otherwise this
/// thread reads it itself, so the chart and every problem are as a reading alone finds them.
fn load_in_blocks(
    source: Source,
    options: LoadOptions,
    block: usize,
    splits: &[usize],
) -> Result<Loaded, LoadError> {
    let mut input = match Input::open(source, block) {
        Ok(input) => input,
        Err(error) => return Err(read_failure(source, error)),
    };
    let (to_builder, posts) = mpsc::sync_channel::<Built>(4);
    let (read, loader) = std::thread::scope(|scope| {
        let policy = Policy::lenient(options.lenient);
        let builder = scope.spawn(move || {
            let mut builder = Builder::new(policy);
            for message in posts {
                match message {
                    Built::Posts(batch) => {
                        for post in batch {
                            builder.add(post);
                        }
                    }
                    Built::Forget => builder = Builder::new(policy),
                }
            }
            builder
        });
        let mut loader = Loader::new(options, Some(to_builder));
        let (parts, ahead) = match source {
            Source::File(path) if !splits.is_empty() => {
                let (sender, parts) = mpsc::sync_channel(0);
                let abandon = Arc::clone(&loader.abandon);
                let ahead = splits.to_vec();
                scope.spawn(move || read_ahead(path, &ahead, options, block, &abandon, &sender));
                (Some(parts), splits.iter().copied().step_by(2).collect())
            }
            _ => (None, VecDeque::new()),
        };
        let mut reading = Reading::document(ahead);
        let mut read = document::read(&mut input, &mut loader, &mut reading);
        while let (Ok(Reached::Split(at)), Some(parts), Source::File(path)) =
            (&read, &parts, source)
        {
            // The parts read ahead come in order: those of splits passed over are not used.
            let part = parts.iter().find(|part| part.start >= *at);
            read = match part {
                Some(Part {
                    start,
                    read: Some(ahead),
                    ..
                }) if start == *at => {
                    let end = loader.adopt(ahead);
                    count_read(end.at() - start);
                    let splits = reading.take_splits();
                    Input::open_at(path, end.at(), block)
                        .map_err(Stop::from)
                        .and_then(|rest| {
                            input = rest;
                            reading = match end {
                                PartEnd::Split(_) => Reading::at_item(splits),
                                PartEnd::Posts(_) => Reading::after_posts(),
                            };
                            document::read(&mut input, &mut loader, &mut reading)
                        })
                }
                // Not usable: read on from here alone, up to the next part read ahead.
                _ => document::read(&mut input, &mut loader, &mut reading),
            };
        }
        loader.stop_reading_ahead();
        drop(parts);
        loader.send_posts();
        loader.to_builder = None;
        loader.builder = Some(
            builder
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        (read, loader)
    });
    let Err(stopped) = read else {
        return loader.finish(&input);
    };
    Err(match stopped {
        Stop::Syntax { at } => syntax_verdict(source, at),
        Stop::Read(error) => read_failure(source, error),
        Stop::Unusable { at, message } => unusable(position(source, at), message),
    })
}

#[cfg(test)]
thread_local! {
    /// How many parts read ahead loads on this thread have used.
    static ADOPTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many bytes loads on this thread have counted for the progress shown.
    static COUNTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `bytes` parsed for the progress shown.
fn count_read(bytes: usize) {
    #[cfg(test)]
    COUNTED.with(|counted| counted.set(counted.get() + bytes));
    crate::progress::read(bytes as u64);
}

/// Why reading the document stopped before its end.
enum Stop {
    /// The document is not well-formed JSON, or not a JSON object; reading stopped at `at`.
    Syntax {
        at: usize,
    },
    Read(ReadError),
    /// Not a chart this program can use, for the reason given.
    Unusable {
        at: usize,
        message: String,
    },
}

impl From<ReadError> for Stop {
    fn from(error: ReadError) -> Self {
        Self::Read(error)
    }
}

fn unusable(position: Option<Position>, message: String) -> LoadError {
    LoadError::Unusable(Problem {
        severity: Severity::Error,
        position,
        message,
    })
}

fn not_utf8(position: Option<Position>, byte: u8) -> LoadError {
    unusable(
        position,
        format!(
            "not UTF-8 text: byte 0x{byte:02x} cannot start a character (orgtree reads UTF-8 JSON)"
        ),
    )
}

/// The position of one offset, if the document can be read again to find it.
fn position(source: Source, at: usize) -> Option<Position> {
    input::positions(source, &[at]).ok()?.pop()
}

fn read_failure(source: Source, error: ReadError) -> LoadError {
    match error {
        ReadError::Io(error) => unusable(None, format!("cannot read the file: {error}")),
        ReadError::NotUtf8 { at, byte } => not_utf8(position(source, at), byte),
    }
}

/// What is wrong with a document that is not well-formed JSON, in `serde_json`'s words and
/// at its position, as it says when it reads the whole document; reading stopped at `at`.
fn syntax_verdict(source: Source, at: usize) -> LoadError {
    let text = match input::whole(source) {
        Ok(text) => text,
        Err(error) => return read_failure(source, error),
    };
    let lines = LineIndex::new(&text);
    // Only fails if the framing here were stricter than serde_json.
    let Err(error) = serde_json::from_str::<Fields>(&text) else {
        return unusable(Some(lines.position(at)), "not valid JSON".into());
    };
    let at = lines.offset_of(error.line(), error.column());
    let message = crate::org::json::reason(&error);
    let message = if error.is_data() {
        // The only data error at this level: the top level is not an object.
        let found = match text.trim_start().as_bytes().first() {
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        format!(
            "not an orgtree chart: the top level is {found}, not an object with a \"posts\" list"
        )
    } else {
        format!("not valid JSON: {message}")
    };
    unusable(Some(lines.position(at)), message)
}

/// What the reading sends to the thread building the chart.
enum Built {
    Posts(Vec<PostRead<usize>>),
    /// Start again: the chart object gave its posts twice, and the last ones count.
    Forget,
}

/// How many posts go to the builder at a time.
const BATCH: usize = 1024;

/// The posts list as read.
enum PostsRead {
    /// An array from offset `start` to `end`, of `count` items.
    Array {
        start: usize,
        end: usize,
        count: usize,
    },
    /// Something else, unusable.
    Other { at: usize, kind: JsonKind },
}

/// Everything read so far, and what was found wrong.
struct Loader {
    lenient: bool,
    /// What the reading found wrong, by byte offset; the builder's findings join them.
    findings: Findings<usize>,
    /// Titles, units and grades, each stored once.
    shared: Interner,
    meta: Meta,
    posts: Option<PostsRead>,
    /// Items of the posts list read so far, posts or not, to number posts in messages.
    items: usize,
    /// Posts read and not yet sent to the builder.
    batch: Vec<PostRead<usize>>,
    /// While reading, where posts go to be built; then none.
    to_builder: Option<SyncSender<Built>>,
    /// The builder holding every post, once all are read.
    builder: Option<Builder<usize>>,
    /// The chart's own keys: where each was first given, and whether it was given again.
    keys: FxHashMap<String, (usize, bool)>,
    /// With no builder (a part read ahead), the posts read, kept in batches.
    kept: Vec<Vec<PostRead<usize>>>,
    /// Set when the parts read ahead are not needed any more: the reading ahead stops.
    abandon: Arc<AtomicBool>,
}

impl Loader {
    fn new(options: LoadOptions, to_builder: Option<SyncSender<Built>>) -> Self {
        Self {
            lenient: options.lenient,
            findings: Findings::default(),
            shared: Interner::default(),
            meta: Meta::default(),
            posts: None,
            items: 0,
            batch: Vec::with_capacity(BATCH),
            to_builder,
            builder: None,
            keys: FxHashMap::default(),
            kept: Vec::new(),
            abandon: Arc::default(),
        }
    }

    /// The number of the next item of the posts list, from 1.
    fn next_number(&mut self) -> usize {
        self.items += 1;
        self.items
    }

    /// Passes a post just read to the builder.
    fn build(&mut self, post: PostRead<usize>) {
        self.batch.push(post);
        if self.batch.len() == BATCH {
            self.send_posts();
        }
    }

    fn send_posts(&mut self) {
        if !self.batch.is_empty() {
            let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            self.send(Built::Posts(batch));
        }
    }

    fn send(&mut self, message: Built) {
        // The builder only stops when this side hangs up, or when it panics, which the
        // join after reading passes on.
        match (&self.to_builder, message) {
            (Some(to_builder), message) => {
                let _ = to_builder.send(message);
            }
            (None, Built::Posts(batch)) => self.kept.push(batch),
            (None, Built::Forget) => self.kept.clear(),
        }
    }

    /// The parts read ahead are not needed any more: the reading ahead stops.
    fn stop_reading_ahead(&self) {
        self.abandon.store(true, Ordering::Relaxed);
    }

    /// Whether this reading is of a part read ahead that is no longer needed.
    pub(super) fn abandoned(&self) -> bool {
        self.abandon.load(Ordering::Relaxed)
    }

    /// Takes the posts of a part read ahead as the items that follow those read so far;
    /// gives where the part ends, where the reading goes on.
    fn adopt(&mut self, part: Ahead) -> PartEnd {
        #[cfg(test)]
        ADOPTED.with(|adopted| adopted.set(adopted.get() + 1));
        self.send_posts();
        let before = self.items;
        for mut batch in part.batches {
            for post in &mut batch {
                post.number += before;
            }
            self.send(Built::Posts(batch));
        }
        self.items += part.items;
        part.end
    }

    pub(super) fn warning(&mut self, at: usize, message: impl Into<Message<usize>>) {
        self.findings.warning(at, message);
    }

    /// An error for a strict load; for a lenient one, a warning saying how it was loaded.
    pub(super) fn recoverable(
        &mut self,
        at: usize,
        message: impl Into<Message<usize>>,
        recovery: &str,
    ) {
        self.findings
            .recoverable(Handling::lenient(self.lenient), at, message, recovery);
    }

    /// Starts a posts array at offset `at`, dropping any read before under the same key.
    pub(super) fn begin_posts(&mut self, at: usize) {
        self.forget_posts();
        self.posts = Some(PostsRead::Array {
            start: at,
            end: usize::MAX,
            count: 0,
        });
    }

    pub(super) fn end_posts(&mut self, at: usize) {
        if let Some(PostsRead::Array { end, count, .. }) = &mut self.posts {
            *end = at;
            *count = self.items;
        }
    }

    /// Forgets the posts read so far, and what was found in them: the chart object gave
    /// "posts" again, and the last one is used.
    pub(super) fn forget_posts(&mut self) {
        if let Some(PostsRead::Array { start, end, .. }) = self.posts.take() {
            self.findings.retain(|f| !(start..=end).contains(&f.at));
            self.items = 0;
            self.batch.clear();
            self.send(Built::Forget);
        }
    }

    fn finish(mut self, input: &Input) -> Result<Loaded, LoadError> {
        let posts_read = match self.posts {
            Some(PostsRead::Array { count, .. }) => count,
            Some(PostsRead::Other { at, kind }) => {
                return Err(unusable(
                    position(input.source(), at),
                    format!(
                        "not an orgtree chart: \"posts\" must be an array of posts, found {kind}"
                    ),
                ));
            }
            None => {
                return Err(unusable(
                    Some(Position { line: 1, column: 1 }),
                    "not an orgtree chart: there is no \"posts\" list".into(),
                ));
            }
        };
        let meta = std::mem::take(&mut self.meta);
        let built = self
            .builder
            .take()
            .unwrap_or_else(|| Builder::new(Policy::lenient(self.lenient)))
            .finish(meta);
        let mut findings = std::mem::take(&mut self.findings);
        let mut found = built.findings;
        findings.append(&mut found);
        let problems = findings
            .into_problems(|offsets| input::positions(input.source(), offsets))
            .map_err(|error| read_failure(input.source(), ReadError::Io(error)))?;
        match built.org {
            Some(org) if !problems.iter().any(|p| p.severity == Severity::Error) => Ok(Loaded {
                org,
                warnings: problems,
            }),
            _ => Err(LoadError::Invalid {
                problems,
                posts: posts_read,
            }),
        }
    }
}

#[cfg(test)]
mod tests;
