//! Structural rules a team agrees on, read from a TOML file and checked on a chart: spans of
//! control within bounds, at most so many layers, no long chains of one-to-one reporting, a
//! vacancy share at most so much, no manager of a lower grade than a report, and fields
//! every post must give. No terminal code here.

mod check;
mod read;

pub use check::{Violation, check};
pub use read::read;

/// The rules of a file; a rule left out is not checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rules {
    pub span: Option<SpanRule>,
    /// At most this many layers (top posts are layer 1).
    pub max_layers: Option<usize>,
    /// No chain of more than this many posts that each have exactly one report.
    pub max_one_to_one: Option<usize>,
    /// At most this share of posts vacant, in percent.
    pub max_vacant_percent: Option<f64>,
    /// Grades from the lowest to the highest: no manager of a lower grade than a report.
    pub grade_order: Vec<String>,
    /// Fields every post must give (`unit`, `grade`, …).
    pub required: Vec<crate::org::fields::Field>,
}

/// Spans of control: the direct reports of every manager (a post with at least one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpanRule {
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Posts the rule leaves alone: by id, or every post with a tag (`tag:NAME`).
    pub except: Vec<Except>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Except {
    Id(String),
    Tag(String),
}

/// A problem in a rules file, at its line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The violations `after` has that `before` had not (added), and those `before` had that
/// `after` has not (fixed): a violation is the same when its rule and its post (by id) are.
#[must_use]
pub fn difference<'a>(
    before: &'a [Violation],
    after: &'a [Violation],
) -> (Vec<&'a Violation>, Vec<&'a Violation>) {
    let key = |v: &Violation| (v.rule, v.post.clone());
    let before_keys: std::collections::HashSet<_> = before.iter().map(key).collect();
    let after_keys: std::collections::HashSet<_> = after.iter().map(key).collect();
    let fixed = before
        .iter()
        .filter(|v| !after_keys.contains(&key(v)))
        .collect();
    let added = after
        .iter()
        .filter(|v| !before_keys.contains(&key(v)))
        .collect();
    (fixed, added)
}

impl Violation {
    /// `span: post 'cto' (Chief Technology Officer): 9 direct reports, more than 8`.
    #[must_use]
    pub fn line(&self) -> String {
        use crate::text::Escaped;
        match (&self.post, &self.title) {
            (Some(id), Some(title)) => format!(
                "{}: post '{}' ({}): {}",
                self.rule,
                Escaped(id),
                Escaped(title),
                self.message
            ),
            _ => format!("{}: the chart: {}", self.rule, self.message),
        }
    }

    /// The violation as JSON: `rule`, `post` (id, or `null` for the chart), `title`,
    /// `message`.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule,
            "post": self.post,
            "title": self.title,
            "message": self.message,
        })
    }
}
