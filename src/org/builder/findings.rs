//! What a reader or the builder found wrong, found by place and worded once: the place
//! becomes a line and column only at the end, and only for what is reported, so that a
//! streaming reader can note byte offsets and a CSV reader rows and columns alike.

use std::fmt;

use crate::org::position::Position;
use crate::org::problems::{Problem, Severity};
use crate::text::Escaped;

/// Where something was found in a reader's input: a byte offset that is turned into a line
/// and column at the end (the streaming loader, the JSON importers), or a position known at
/// once (a CSV row and column).
pub trait Place: Copy + Ord + Send + Sync + 'static {
    /// A place that is nowhere, for the parts of a post its input did not give.
    const NOWHERE: Self;
}

impl Place for usize {
    const NOWHERE: Self = usize::MAX;
}

impl Place for Position {
    const NOWHERE: Self = Position { line: 0, column: 0 };
}

/// What happens to a problem that could be recovered from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    /// An error: the chart is not made.
    Refuse,
    /// A warning that says how the chart was made instead.
    Recover,
}

impl Handling {
    /// What `--lenient` asks of every problem: recovered from when `lenient`, else refused.
    #[must_use]
    pub fn lenient(lenient: bool) -> Self {
        if lenient { Self::Recover } else { Self::Refuse }
    }
}

/// A message whose text may name another place of the input ("first used on line 4"),
/// filled in at the end, when places are known as lines and columns.
#[derive(Clone, Debug)]
pub struct Message<P> {
    pub text: String,
    /// Boxed: few messages name a second place, and a chart can have millions of problems
    /// (a boxed mention costs a pointer a problem, an unboxed one three words).
    mention: Option<Box<Mention<P>>>,
}

/// A place named inside a message.
#[derive(Clone, Copy, Debug)]
struct Mention<P> {
    /// Where in the message's text the place goes.
    insert_at: usize,
    place: P,
    line_only: bool,
}

impl<P> Message<P> {
    /// `before`, the place `place` (`LINE:COLUMN`, or its line alone), then `after`.
    pub fn mentioning(before: String, place: P, line_only: bool, after: &str) -> Self {
        let insert_at = before.len();
        let mut text = before;
        text.push_str(after);
        Self {
            text,
            mention: Some(Box::new(Mention {
                insert_at,
                place,
                line_only,
            })),
        }
    }
}

impl<P> From<String> for Message<P> {
    fn from(text: String) -> Self {
        Self {
            text,
            mention: None,
        }
    }
}

/// One problem, at its place.
#[derive(Clone, Debug)]
pub struct Finding<P> {
    pub at: P,
    pub severity: Severity,
    pub message: Message<P>,
}

/// The problems found in one input, in the order found.
#[derive(Clone, Debug)]
pub struct Findings<P> {
    list: Vec<Finding<P>>,
}

impl<P> Default for Findings<P> {
    fn default() -> Self {
        Self { list: Vec::new() }
    }
}

impl<P: Place> Findings<P> {
    pub fn push(&mut self, at: P, severity: Severity, message: impl Into<Message<P>>) {
        self.list.push(Finding {
            at,
            severity,
            message: message.into(),
        });
    }

    pub fn error(&mut self, at: P, message: impl Into<Message<P>>) {
        self.push(at, Severity::Error, message);
    }

    pub fn warning(&mut self, at: P, message: impl Into<Message<P>>) {
        self.push(at, Severity::Warning, message);
    }

    /// A problem that `handling` refuses (an error) or recovers from (a warning ending with
    /// `recovery`, which says how the chart was made instead).
    pub fn recoverable(
        &mut self,
        handling: Handling,
        at: P,
        message: impl Into<Message<P>>,
        recovery: &str,
    ) {
        let mut message = message.into();
        match handling {
            Handling::Refuse => self.push(at, Severity::Error, message),
            Handling::Recover => {
                message.text.push_str("; ");
                message.text.push_str(recovery);
                self.push(at, Severity::Warning, message);
            }
        }
    }

    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity == Severity::Error)
    }

    /// How many problems have been found so far.
    #[must_use]
    pub fn count(&self) -> usize {
        self.list.len()
    }

    /// Keeps only the findings for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Finding<P>) -> bool) {
        self.list.retain(keep);
    }

    pub fn append(&mut self, other: &mut Self) {
        self.list.append(&mut other.list);
    }

    /// The findings as problems in input order, each at its line and column and with the
    /// places its message names filled in; `positions` gives the positions of places, in
    /// the order asked, all at once (a file is read again from its start to find them).
    pub fn into_problems<E>(
        self,
        positions: impl FnOnce(&[P]) -> Result<Vec<Position>, E>,
    ) -> Result<Vec<Problem>, E> {
        let mut findings = self.list;
        if findings.is_empty() {
            return Ok(Vec::new());
        }
        findings.sort_by_key(|finding| finding.at);
        let mut places: Vec<P> = findings.iter().map(|f| f.at).collect();
        places.extend(
            findings
                .iter()
                .filter_map(|f| Some(f.message.mention.as_ref()?.place)),
        );
        let found = positions(&places)?;
        let (own, mentioned) = found.split_at(findings.len().min(found.len()));
        let mut mentioned = mentioned.iter();
        Ok(findings
            .into_iter()
            .zip(own)
            .map(|(finding, &position)| {
                let Message { mut text, mention } = finding.message;
                if let Some(mention) = mention
                    && let Some(at) = mentioned.next()
                {
                    let place = if mention.line_only {
                        at.line.to_string()
                    } else {
                        at.to_string()
                    };
                    text.insert_str(mention.insert_at, &place);
                }
                Problem {
                    severity: finding.severity,
                    position: (finding.at != P::NOWHERE).then_some(position),
                    message: text,
                }
            })
            .collect())
    }
}

impl Findings<Position> {
    /// The findings as problems, for a reader whose places are positions already.
    #[must_use]
    pub fn problems(self) -> Vec<Problem> {
        let resolved: Result<_, std::convert::Infallible> =
            self.into_problems(|places| Ok(places.to_vec()));
        resolved.unwrap_or_else(|never| match never {})
    }
}

/// How messages name a post: by its id, or by its place in the list of posts and its title
/// when it has no usable id.
#[derive(Clone, Copy, Debug)]
pub struct Label<'p> {
    /// The post's place in its input's list of posts, from 1.
    pub number: usize,
    pub id: Option<&'p str>,
    pub title: Option<&'p str>,
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.id, self.title) {
            (Some(id), _) => write!(f, "post '{}'", Escaped(id)),
            (None, Some(title)) if !title.is_empty() => {
                write!(f, "post #{} \"{}\"", self.number, Escaped(title))
            }
            (None, _) => write!(f, "post #{}", self.number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_become_positions_in_input_order_with_mentions_filled_in() {
        let mut findings: Findings<usize> = Findings::default();
        findings.warning(30, "second".to_owned());
        findings.recoverable(
            Handling::Refuse,
            10,
            Message::mentioning("first (see line ".into(), 20, true, ")"),
            "never said",
        );
        findings.recoverable(Handling::Recover, 40, "third".to_owned(), "loaded anyway");
        let lines = |places: &[usize]| -> Result<Vec<Position>, ()> {
            Ok(places
                .iter()
                .map(|&at| Position {
                    line: at / 10,
                    column: 1,
                })
                .collect())
        };
        let problems = findings.into_problems(lines).unwrap();
        let shown: Vec<String> = problems
            .iter()
            .map(|p| p.display_in("f").to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "f:1:1: error: first (see line 2)",
                "f:3:1: warning: second",
                "f:4:1: warning: third; loaded anyway",
            ]
        );
    }

    #[test]
    fn posts_are_named_by_id_else_by_number_and_title() {
        let label = |id, title| {
            Label {
                number: 3,
                id,
                title,
            }
            .to_string()
        };
        assert_eq!(label(Some("cdo"), Some("CDO")), "post 'cdo'");
        assert_eq!(
            label(None, Some("Chief \u{1b}")),
            "post #3 \"Chief \\u{1b}\""
        );
        assert_eq!(label(None, Some("")), "post #3");
        assert_eq!(label(None, None), "post #3");
    }
}
