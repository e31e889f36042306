//! Reading an orgtree JSON chart into an [`Org`], reporting every problem at once, each with
//! its line and column and the post it concerns.
//!
//! Strict loading refuses a chart with errors. Lenient loading turns each error into a
//! warning that says how the post was loaded instead (a top post, an unknown field kept as
//! it is, a new id), so that nothing is dropped without a word.

use std::cell::OnceCell;
use std::io::Read;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde_json::value::RawValue;
use thiserror::Error;

use super::graph::{Meta, Org};
use super::links::find_loops;
use super::post::{Dotted, Extra, Post, PostId, Staff, Text};
use super::problems::{LineIndex, Problem, Severity};
use super::raw::{self, Fields, Kind, Members};
use crate::text::Escaped;

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

fn unusable(position: Option<super::problems::Position>, message: String) -> LoadError {
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

    /// Reads the top-level object: version, description, unknown fields and the posts list.
    fn chart(&mut self, Fields(fields): Fields<'a>) -> Result<(Meta, &'a RawValue), LoadError> {
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
    fn post(&mut self, number: usize, raw: &'a RawValue) -> Option<Draft> {
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
    fn wrong_type(
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

    fn optional_text(
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

    fn optional_number(
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

    fn tags(&mut self, label: &str, value: &RawValue, post: &mut Post) -> Result<(), String> {
        let tags = match Kind::of(value) {
            Kind::Null => Some(Vec::new()),
            Kind::Array => serde_json::from_str::<Vec<&RawValue>>(value.get())
                .ok()
                .and_then(|items| {
                    items
                        .iter()
                        .map(|&item| raw::string(item).map(Text::from))
                        .collect()
                }),
            _ => None,
        };
        match tags {
            Some(tags) => {
                post.tags = tags;
                Ok(())
            }
            None => self.wrong_type(label, "tags", value, "an array of strings", &mut post.extra),
        }
    }

    /// The objects of an array field, or the problems that make it unusable as such.
    fn objects(&self, value: &'a RawValue) -> Option<Vec<(usize, Members<'a>)>> {
        if Kind::of(value) == Kind::Null {
            return Some(Vec::new());
        }
        let items: Vec<&RawValue> = serde_json::from_str(value.get()).ok()?;
        items
            .into_iter()
            .map(|item| {
                serde_json::from_str::<Fields>(item.get())
                    .ok()
                    .map(|Fields(f)| (self.at(item), f))
            })
            .collect()
    }

    fn staff(&mut self, label: &str, value: &'a RawValue, post: &mut Post) -> Result<(), String> {
        let Some(groups) = self.objects(value) else {
            return self.wrong_type(
                label,
                "staff",
                value,
                "an array of objects",
                &mut post.extra,
            );
        };
        let mut staff = Vec::with_capacity(groups.len());
        let mut problems = 0;
        for (n, (_, fields)) in groups.into_iter().enumerate() {
            let mut group = Staff::default();
            let mut odd = Extra::new();
            let label = format!("{label}, staff group {}", n + 1);
            for (key, value) in fields {
                let before = self.findings.len();
                let kept = match key.as_ref() {
                    "title" => self.optional_text(&label, &key, value, &mut group.title, &mut odd),
                    "grade" => self.optional_text(&label, &key, value, &mut group.grade, &mut odd),
                    "fte" => self.optional_number(&label, &key, value, &mut group.fte, &mut odd),
                    "cost" => self.optional_number(&label, &key, value, &mut group.cost, &mut odd),
                    _ => keep(&mut group.extra, &key, value),
                };
                problems += self.findings.len() - before + usize::from(kept.is_err());
            }
            staff.push(group);
        }
        if problems > 0 && self.lenient {
            // Keep the whole list as written rather than a partly read one.
            return keep(&mut post.extra, "staff", value);
        }
        post.staff = staff;
        Ok(())
    }

    fn dotted(
        &mut self,
        label: &str,
        value: &'a RawValue,
        post: &mut Post,
        dotted_at: &mut Vec<usize>,
    ) -> Result<(), String> {
        let Some(lines) = self.objects(value) else {
            return self.wrong_type(
                label,
                "dotted",
                value,
                "an array of objects",
                &mut post.extra,
            );
        };
        let mut dotted = Vec::with_capacity(lines.len());
        let mut problems = 0;
        for (n, (at, fields)) in lines.into_iter().enumerate() {
            let label = format!("{label}, dotted line {}", n + 1);
            let mut to = None;
            let mut line_label = None;
            let mut extra = Extra::new();
            let mut odd = Extra::new();
            for (key, value) in fields {
                let before = self.findings.len();
                let kept = match key.as_ref() {
                    "to" => {
                        let value_at = self.at(value);
                        match raw::string(value).filter(|s| !s.is_empty()) {
                            Some(id) => to = Some((PostId::new(id.as_ref()), value_at)),
                            None => {
                                if let Some(digits) = raw::integer_text(value) {
                                    to = Some((PostId::new(digits), value_at));
                                } else {
                                    let found = raw::found(value);
                                    self.recoverable(
                                        value_at,
                                        format!("{label}: \"to\" must be a post id, found {found}"),
                                        "the dotted lines are kept as an unknown field",
                                    );
                                }
                            }
                        }
                        Ok(())
                    }
                    "label" => self.optional_text(&label, &key, value, &mut line_label, &mut odd),
                    _ => keep(&mut extra, &key, value),
                };
                problems += self.findings.len() - before + usize::from(kept.is_err());
            }
            match to {
                Some((to, to_at)) => {
                    dotted.push(Dotted {
                        to,
                        label: line_label,
                        extra,
                    });
                    dotted_at.push(to_at);
                }
                None if problems == 0 => {
                    problems += 1;
                    self.recoverable(
                        at,
                        format!("{label} has no \"to\""),
                        "the dotted lines are kept as an unknown field",
                    );
                }
                None => {}
            }
        }
        if problems > 0 && self.lenient {
            dotted_at.clear();
            return keep(&mut post.extra, "dotted", value);
        }
        post.dotted = dotted;
        Ok(())
    }

    /// Resolves ids, managers, loops and dotted lines across the chart; builds it when no
    /// error stands in the way.
    fn link(&mut self, meta: Meta, mut drafts: Vec<Draft>) -> Option<Org> {
        let mut index: FxHashMap<PostId, usize> = FxHashMap::default();
        index.reserve(drafts.len());
        let mut unnamed = Vec::new();
        for (i, draft) in drafts.iter().enumerate() {
            match &draft.id {
                IdAsRead::Given(id, _) if !index.contains_key(id) => {
                    index.insert(id.clone(), i);
                }
                _ => unnamed.push(i),
            }
        }
        for i in unnamed {
            let draft = &drafts[i];
            let base = match &draft.id {
                IdAsRead::Given(id, _) => id.as_str().to_owned(),
                _ => format!("post-{}", draft.number),
            };
            let mut fresh = base.clone();
            let mut n = 1;
            while index.contains_key(fresh.as_str()) {
                n += 1;
                fresh = format!("{base}~{n}");
            }
            let recovery = format!("loaded as '{}'", Escaped(&fresh));
            match &draft.id {
                IdAsRead::Given(id, at) => {
                    let first = match &drafts[index[id.as_str()]].id {
                        IdAsRead::Given(_, first) => *first,
                        _ => draft.at,
                    };
                    let line = self.line(first);
                    let message = format!(
                        "duplicate id '{}' (first used on line {line})",
                        Escaped(id.as_str())
                    );
                    self.recoverable(*at, message, &recovery);
                }
                IdAsRead::Missing => self.recoverable(
                    draft.at,
                    format!("{} has no id", draft.label(Some(&draft.post.title))),
                    &recovery,
                ),
                IdAsRead::Empty(at) => self.recoverable(
                    *at,
                    format!("{} has an empty id", draft.label(Some(&draft.post.title))),
                    &recovery,
                ),
                IdAsRead::Reported => {}
            }
            index.insert(PostId::new(fresh.as_str()), i);
        }
        for (id, &i) in &index {
            drafts[i].post.set_id(id.clone());
        }

        let mut managers: Vec<Option<usize>> = vec![None; drafts.len()];
        for (i, draft) in drafts.iter().enumerate() {
            let Some((manager, at)) = &draft.reports_to else {
                continue;
            };
            let id = Escaped(draft.post.id().as_str());
            if manager == draft.post.id() {
                self.recoverable(
                    *at,
                    format!("post '{id}' reports to itself"),
                    "loaded as a top post",
                );
            } else if let Some(&m) = index.get(manager) {
                managers[i] = Some(m);
            } else {
                let message = format!(
                    "post '{id}' reports to unknown post '{}'",
                    Escaped(manager.as_str())
                );
                self.recoverable(*at, message, "loaded as a top post");
            }
        }
        for members in find_loops(&managers) {
            let mut chain: Vec<String> = members
                .iter()
                .map(|&m| format!("'{}'", Escaped(drafts[m].post.id().as_str())))
                .collect();
            chain.push(chain[0].clone());
            let at = drafts[members[0]]
                .reports_to
                .as_ref()
                .map_or(drafts[members[0]].at, |(_, at)| *at);
            let message = format!(
                "reporting loop: {} (each reports to the next)",
                chain.join(" -> ")
            );
            self.recoverable(at, message, "its posts are loaded as top posts");
            if self.lenient {
                for m in members {
                    managers[m] = None;
                }
            }
        }
        for draft in &drafts {
            for (line, &at) in draft.post.dotted.iter().zip(&draft.dotted_at) {
                if !index.contains_key(&line.to) {
                    let message = format!(
                        "post '{}' has a dotted line to unknown post '{}'",
                        Escaped(draft.post.id().as_str()),
                        Escaped(line.to.as_str())
                    );
                    self.recoverable(at, message, "kept as it is");
                }
            }
        }

        if self.findings.iter().any(|f| f.severity == Severity::Error) {
            return None;
        }
        // A line that could not be drawn is still kept as the file gave it, so that saving
        // the leniently loaded chart writes it back.
        for draft in &mut drafts {
            if let Some((manager, _)) = &draft.reports_to {
                let drawn = draft.post.id() != manager && index.contains_key(manager);
                let drawn = drawn && managers[index[draft.post.id()]].is_some();
                if !drawn {
                    let value = serde_json::Value::String(manager.as_str().to_owned());
                    draft.post.extra.push(("reports_to".into(), value));
                }
            }
        }
        let mut org = Org::new(meta);
        let nodes: Vec<_> = drafts
            .into_iter()
            .map(|draft| org.add_post(draft.post))
            .collect::<Result<_, _>>()
            .ok()?;
        for (i, manager) in managers.into_iter().enumerate() {
            if let Some(m) = manager {
                org.push_report(nodes[m], nodes[i]);
            }
        }
        org.recompute_tops();
        Some(org)
    }
}

/// Keeps an unknown field to write it back; a repeated key replaces the earlier value.
fn keep(extra: &mut Extra, key: &str, value: &RawValue) -> Result<(), String> {
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
