//! Checking quoting as RFC 4180 has it, so that a quote that never closes is reported at
//! the row and column where it opens, rather than taking in the rest of the file.

use super::{Report, at};
use crate::text::Escaped;

/// A quoted cell that does not end as RFC 4180 has it end.
#[derive(Debug)]
pub(super) struct Quote {
    /// Where it opens: the line, and the cell in its row (from 0).
    pub(super) line: usize,
    pub(super) cell: usize,
    /// The line of the quote that ends it, with text after it; `None` if it never closes.
    pub(super) ends: Option<usize>,
}

impl Quote {
    /// Reports the problem, naming the column by the header if the header is above it;
    /// true if the file is refused.
    pub(super) fn report(
        &self,
        file: &str,
        header: Option<&(usize, csv::StringRecord)>,
        last_line: usize,
        report: &mut Report,
    ) -> bool {
        let column = header
            .filter(|(line, _)| *line < self.line)
            .and_then(|(_, record)| record.get(self.cell))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map_or_else(
                || format!("column {}", self.cell + 1),
                |name| format!("\"{}\"", Escaped(name)),
            );
        let rows = |to: usize| {
            if to > self.line {
                format!("rows {} to {to}", self.line)
            } else {
                format!("row {to}")
            }
        };
        let place = at(self.line, self.cell + 1);
        match self.ends {
            None => report.error(
                file,
                place,
                format!(
                    "a quoted cell opened here never closes: {column} would take in the rest of the file ({}); a closing quote is missing",
                    rows(last_line)
                ),
            ),
            Some(end) if end > self.line => report.error(
                file,
                place,
                format!(
                    "a quoted cell opened here runs on to row {end}, where a quote with text after it ends it: {column} would take in {}; a closing quote is missing",
                    rows(end)
                ),
            ),
            Some(_) => {
                report.warning(
                    file,
                    place,
                    format!(
                        "{column}: text follows the closing quote of the quoted cell opened here: read as part of the cell; is a quote missing?"
                    ),
                );
                return false;
            }
        }
        true
    }
}

/// The quoted cells of `text` (whose lines end in LF) that do not end as RFC 4180 has it,
/// read as the `csv` crate reads them: a `"` at the start of a cell opens a quoted cell, `""`
/// in it is a quote, and another `"` ends it, which should come before a comma or a line end
/// (spaces between are let pass).
pub(super) fn quoting(text: &str) -> Vec<Quote> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let (mut line, mut cell, mut start) = (1, 0, true);
    let mut i = 0;
    while i < bytes.len() {
        if start && bytes[i] == b'"' {
            let (opens, opens_cell) = (line, cell);
            i += 1;
            loop {
                match bytes.get(i) {
                    None => {
                        found.push(Quote {
                            line: opens,
                            cell: opens_cell,
                            ends: None,
                        });
                        return found;
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        line += 1;
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
            // Spaces after the closing quote are only read into the cell, which is trimmed.
            let after = bytes[i..].iter().position(|&b| b != b' ' && b != b'\t');
            if !matches!(after.map(|k| bytes[i + k]), None | Some(b',' | b'\n')) {
                found.push(Quote {
                    line: opens,
                    cell: opens_cell,
                    ends: Some(line),
                });
            }
            start = false;
            continue;
        }
        match bytes[i] {
            b',' => {
                cell += 1;
                start = true;
            }
            b'\n' => {
                line += 1;
                cell = 0;
                start = true;
            }
            _ => start = false,
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_is_checked_as_the_csv_crate_reads_it() {
        let found = |text: &str| -> Vec<(usize, usize, Option<usize>)> {
            quoting(text)
                .iter()
                .map(|q| (q.line, q.cell, q.ends))
                .collect()
        };
        assert_eq!(found("a,\"b\nc\",d\n\"e\"\"f\"\n"), []);
        assert_eq!(found("a,b\"c,d\n"), []);
        assert_eq!(found("a,\"b\" ,c"), []);
        assert_eq!(found("a\nb,c,\"d\ne\n"), [(2, 2, None)]);
        assert_eq!(found("a,\"b\nc,\"d\n"), [(1, 1, Some(2))]);
        assert_eq!(found("\"a\"b,\"c\"\n"), [(1, 0, Some(1))]);
    }
}
