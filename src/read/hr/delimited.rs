//! Delimited text as HR systems and spreadsheets write it: the delimiter told from the first
//! lines (comma, tab, semicolon or bar), rows with the bytes they start at, and the byte
//! a cell starts at, for messages.

use std::borrow::Cow;

use csv::StringRecord;

/// The delimiters looked for, in the order ties are settled.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The rows of a delimited text, each with the byte it starts at (lines end at LF; CRLF and
/// CR alone are read as LF).
pub(super) struct Delimited<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) delimiter: u8,
    /// Each row with the byte offset it starts at.
    pub(super) rows: Vec<(usize, StringRecord)>,
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
        let mut tally = crate::progress::Tally::new("rows");
        loop {
            // Each row is read into a record of its own, kept as it is: no copy.
            let mut record = StringRecord::new();
            match reader.read_record(&mut record) {
                // Stopped (Ctrl-C): what was read is thrown away by the caller.
                Ok(true) if !tally.tick() => break,
                Ok(true) => {
                    let byte = record.position().map_or(0, csv::Position::byte);
                    rows.push((usize::try_from(byte).unwrap_or(0), record));
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

    /// The byte offset where cell `cell` of the row starting at byte `start` begins.
    pub(super) fn offset(&self, start: usize, cell: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = start.min(bytes.len());
        let mut quoted = false;
        let mut seen = 0;
        while seen < cell && at < bytes.len() {
            match bytes[at] {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => break,
                b if b == self.delimiter && !quoted => seen += 1,
                _ => {}
            }
            at += 1;
        }
        at
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
    fn a_cell_offset_counts_bytes_from_the_row_start_past_quoted_delimiters() {
        let text = "id,name\n\"x,1\",Zoë\n2,\"a\nb\",c\n";
        let read = Delimited::read(text).unwrap();
        let (start, _) = &read.rows[1];
        assert_eq!(&read.text[read.offset(*start, 1)..], "Zoë\n2,\"a\nb\",c\n");
        let (start, _) = &read.rows[2];
        assert_eq!(
            &read.text[read.offset(*start, 2)..],
            "c\n",
            "after a line break"
        );
    }
}
