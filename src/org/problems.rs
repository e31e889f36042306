//! Findings about a chart file: what is wrong, how bad it is, and where in the file.

use std::fmt;

/// How bad a finding is. Errors stop a strict load; warnings never do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// A place in a text file, both counted from 1; columns count characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One finding. The message names the post(s) concerned, with any text from the file
/// already escaped, so it is safe to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub position: Option<Position>,
    pub message: String,
}

impl Problem {
    /// The finding as one line, `FILE:LINE:COL: error: MESSAGE`.
    #[must_use]
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        InFile(file, self)
    }
}

struct InFile<'a>(&'a str, &'a Problem);

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let InFile(file, problem) = self;
        match problem.position {
            Some(at) => write!(f, "{file}:{at}: ")?,
            None => write!(f, "{file}: ")?,
        }
        write!(f, "{}: {}", problem.severity, problem.message)
    }
}

/// Turns byte offsets into lines and columns. Built only when there is something to report.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |before| before.chars().count())
            + 1;
        Position { line, column }
    }

    /// The byte offset of a 1-based line and byte column, as `serde_json` reports them.
    pub(crate) fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + byte_column.saturating_sub(1)).min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "{\n  \"title\": \"Café\", \"x\": 1\n}";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let x = text.find("\"x\"").unwrap();
        // "Café" has a two-byte character: the column counts characters.
        assert_eq!(
            index.position(x),
            Position {
                line: 2,
                column: 20
            }
        );
        assert_eq!(index.position(text.len()), Position { line: 3, column: 2 });
        assert_eq!(index.offset_of(2, 3), 4);
    }

    #[test]
    fn a_problem_reads_file_line_column_severity_message() {
        let problem = Problem {
            severity: Severity::Error,
            position: Some(Position {
                line: 7,
                column: 19,
            }),
            message: "post 'coo' reports to unknown post 'ctoo'".into(),
        };
        assert_eq!(
            problem.display_in("ho.json").to_string(),
            "ho.json:7:19: error: post 'coo' reports to unknown post 'ctoo'"
        );
    }
}
