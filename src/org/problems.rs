//! Problems found in a chart file: what is wrong, how bad it is, and where in the file.

use std::fmt;

use super::position::Position;

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

#[cfg(test)]
mod tests {
    use super::*;

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
