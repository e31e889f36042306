//! Delimited text as HR systems and spreadsheets write it: the delimiter told from the first
//! lines (comma, tab, semicolon or bar), rows with the lines they start on, and the column
//! a cell starts at, for messages.

use std::borrow::Cow;

use csv::StringRecord;

use crate::org::Position;

/// The delimiters looked for, in the order ties are settled.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The rows of a delimited text, each with the line it starts on (lines end at LF; CRLF and
/// CR alone are read as LF).
pub(super) struct Delimited<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) delimiter: u8,
    pub(super) rows: Vec<(usize, usize, StringRecord)>,
}

impl<'t> Delimited<'t> {
    /// Reads `text`; the error is a CSV error at a line.
    pub(super) fn read(text: &'t str) -> Result<Self, (usize, String)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text: Cow<str> = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let delimiter = delimiter_of(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut record = StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    let (line, byte) = record.position().map_or((1, 0), |p| {
                        (usize::try_from(p.line()).unwrap_or(1), p.byte())
                    });
                    let byte = usize::try_from(byte).unwrap_or(0);
                    rows.push((line, byte, record.clone()));
                }
                Ok(false) => break,
                Err(error) => {
                    let line = error
                        .position()
                        .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
                    return Err((line, format!("unreadable CSV: {error}")));
                }
            }
        }
        Ok(Self {
            text,
            delimiter,
            rows,
        })
    }

    /// The first `rows` rows of a text, as far as they read (a file's head may end in the
    /// middle of a row).
    pub(super) fn read_head(text: &str, rows: usize) -> Vec<StringRecord> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter_of(text))
            .from_reader(text.as_bytes())
            .records()
            .take(rows)
            .map_while(Result::ok)
            .collect()
    }

    /// Where cell `cell` of the row starting at byte `start`, on line `line`, begins.
    pub(super) fn position(&self, line: usize, start: usize, cell: usize) -> Position {
        let text = self.text.get(start..).unwrap_or_default();
        let (mut line, mut column) = (line, 1);
        let mut quoted = false;
        let mut seen = 0;
        for c in text.chars() {
            if seen == cell {
                break;
            }
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => break,
                '\n' => {
                    line += 1;
                    column = 0;
                }
                c if u32::from(c) == u32::from(self.delimiter) && !quoted => seen += 1,
                _ => {}
            }
            column += 1;
        }
        Position { line, column }
    }
}

/// The delimiter of a text: the one that splits its first lines (outside quotes) into the
/// most columns, the same number on each line where it can; a comma when none splits.
fn delimiter_of(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let mut best = (b',', 0usize, false);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| unquoted(l, delimiter)).collect();
        let Some(&first) = counts.iter().max() else {
            continue;
        };
        let steady = counts.iter().all(|&c| c == counts[0]);
        // A steady count beats a larger unsteady one; then the larger count wins.
        let better = match (steady, best.2) {
            (true, false) => first > 0,
            (false, true) => false,
            _ => first > best.1,
        };
        if better {
            best = (delimiter, first, steady);
        }
    }
    best.0
}

/// How many times `delimiter` stands outside quotes in `line`.
fn unquoted(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delimiter && !quoted
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_told_from_the_first_lines() {
        assert_eq!(delimiter_of("a,b,c\n1,2,3\n"), b',');
        assert_eq!(delimiter_of("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(delimiter_of("Name;Salary\nAnn;1,5\nBob;2,5\n"), b';');
        assert_eq!(delimiter_of("\"a,b\"|c\n\"1,2\"|3\n"), b'|');
        assert_eq!(delimiter_of("one column\nvalue\n"), b',');
    }

    #[test]
    fn a_cell_column_counts_characters_from_the_row_start_past_quoted_delimiters() {
        let text = "id,name\n\"x,1\",Zoë\n2,\"a\nb\",c\n";
        let read = Delimited::read(text).unwrap();
        let at = |line, column| Position { line, column };
        let (line, start, _) = read.rows[1].clone();
        assert_eq!(line, 2);
        assert_eq!(read.position(line, start, 1), at(2, 7));
        let (line, start, _) = read.rows[2].clone();
        assert_eq!(line, 3);
        assert_eq!(
            read.position(line, start, 2),
            at(4, 4),
            "after a line break"
        );
    }
}
