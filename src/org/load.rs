//! Reading an orgtree JSON chart into an [`Org`], reporting every problem at once, each with
//! its line and column and the post it concerns.
//!
//! Strict loading refuses a chart with errors. Lenient loading turns each error into a
//! warning that says how the post was loaded instead (a top post, an unknown field kept as
//! it is, a new id), so that nothing is dropped without a word.

use std::cell::OnceCell;
use std::io::Read;
use std::path::Path;

use serde_json::value::RawValue;
use thiserror::Error;

use super::graph::Org;
use super::post::{Post, PostId};
use super::problems::{LineIndex, Position, Problem, Severity};
use super::raw::{self, Fields};
use crate::text::Escaped;

mod fields;
mod link;
mod lists;

/// The newest format version this build reads.
pub const FORMAT_VERSION: u64 = 1;

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
pub fn load_path(path: &Path, options: LoadOptions) -> Result<Loaded, LoadError> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|error| unusable(None, format!("cannot read the file: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&error.as_bytes()[..valid]).unwrap_or_default();
        let byte = error.as_bytes()[valid];
        unusable(
            Some(LineIndex::new(before).position(valid)),
            format!("not UTF-8 text: byte 0x{byte:02x} cannot start a character (orgtree reads UTF-8 JSON)"),
        )
    })?;
    load_str(&text, options)
}

/// Loads a chart from JSON text. A leading UTF-8 byte order mark is skipped.
pub fn load_str(text: &str, options: LoadOptions) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut loader = Loader {
        text,
        lenient: options.lenient,
        findings: Vec::new(),
        lines: OnceCell::new(),
    };
    let top: Fields = serde_json::from_str(text).map_err(|error| loader.not_json(&error))?;
    let (meta, posts) = loader.chart(top)?;
    let posts: Vec<&RawValue> =
        serde_json::from_str(posts.get()).map_err(|error| loader.not_json(&error))?;
    let posts_read = posts.len();
    let drafts = posts
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| loader.post(i + 1, raw))
        .collect();
    let org = loader.link(meta, drafts);
    let problems = loader.finish();
    match org {
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

fn unusable(position: Option<Position>, message: String) -> LoadError {
    LoadError::Unusable(Problem {
        severity: Severity::Error,
        position,
        message,
    })
}

/// A post as read, before ids and reporting lines are resolved across the chart.
struct Draft {
    /// Place in the `posts` list, from 1, to name a post that has no usable id.
    number: usize,
    /// Offset of the post's object.
    at: usize,
    id: IdAsRead,
    reports_to: Option<(PostId, usize)>,
    /// Offset of each dotted line's `to`, in the order of `post.dotted`.
    dotted_at: Vec<usize>,
    /// The post, with its final id set once ids are resolved.
    post: Post,
}

enum IdAsRead {
    Given(PostId, usize),
    Missing,
    Empty(usize),
    /// Unusable and already reported.
    Reported,
}

impl Draft {
    /// How messages name the post: by id, or by its place and title when it has no id.
    fn label(&self, title: Option<&str>) -> String {
        match (&self.id, title) {
            (IdAsRead::Given(id, _), _) => format!("post '{}'", Escaped(id.as_str())),
            _ => Self::unnamed(self.number, title),
        }
    }

    fn unnamed(number: usize, title: Option<&str>) -> String {
        match title {
            Some(title) => format!("post #{number} \"{}\"", Escaped(title)),
            None => format!("post #{number}"),
        }
    }
}

struct Finding {
    at: usize,
    severity: Severity,
    message: String,
}

struct Loader<'a> {
    text: &'a str,
    lenient: bool,
    findings: Vec<Finding>,
    lines: OnceCell<LineIndex<'a>>,
}

impl<'a> Loader<'a> {
    fn at(&self, raw: &RawValue) -> usize {
        raw::offset(self.text, raw)
    }

    fn lines(&self) -> &LineIndex<'a> {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    fn line(&self, at: usize) -> usize {
        self.lines().position(at).line
    }

    fn push(&mut self, at: usize, severity: Severity, message: String) {
        self.findings.push(Finding {
            at,
            severity,
            message,
        });
    }

    fn error(&mut self, at: usize, message: String) {
        self.push(at, Severity::Error, message);
    }

    fn warning(&mut self, at: usize, message: String) {
        self.push(at, Severity::Warning, message);
    }

    /// An error for a strict load; for a lenient one, a warning saying how it was loaded.
    fn recoverable(&mut self, at: usize, message: String, recovery: &str) {
        if self.lenient {
            self.warning(at, format!("{message}; {recovery}"));
        } else {
            self.error(at, message);
        }
    }

    fn finish(self) -> Vec<Problem> {
        let Self { mut findings, .. } = self;
        findings.sort_by_key(|finding| finding.at);
        let lines = self.lines.into_inner();
        let lines = lines.unwrap_or_else(|| LineIndex::new(self.text));
        findings
            .into_iter()
            .map(|finding| Problem {
                severity: finding.severity,
                position: Some(lines.position(finding.at)),
                message: finding.message,
            })
            .collect()
    }

    fn not_json(&self, error: &serde_json::Error) -> LoadError {
        let at = self.lines().offset_of(error.line(), error.column());
        let full = error.to_string();
        let message = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(m, _)| m);
        let message = if error.is_data() {
            // The only data error at this stage: the top level is not an object.
            let found = match self.text.trim_start().as_bytes().first() {
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
        unusable(Some(self.lines().position(at)), message)
    }
}
