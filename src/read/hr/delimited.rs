//! Delimited text as HR systems and spreadsheets write it: the delimiter told from the first
//! lines (comma, tab, semicolon or bar), rows with the bytes they start at, and the byte
//! a cell starts at, for messages.

use std::borrow::Cow;

use csv::StringRecord;

/// The delimiters looked for, in the order ties are settled.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// A delimited text: its delimiter, and the rows at its head (the header is among them);
/// the rows after the header are read by [`super::rows`]. Lines end at LF, CRLF or CR.
pub(super) struct Delimited<'t> {
    /// The text, without a byte order mark; a text with a CR alone as a line end has it
    /// made LF, so that lines are counted as the reader counts them.
    pub(super) text: Cow<'t, str>,
    pub(super) delimiter: u8,
}

/// A row at the head of the text: the byte it starts at, the byte after it, its cells.
pub(super) struct HeadRow {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) record: StringRecord,
}

impl<'t> Delimited<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text: Cow<str> = if has_lone_cr(text) {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let delimiter = delimiter_of(&text);
        Self { text, delimiter }
    }

    /// The first `rows` rows, as far as there are.
    pub(super) fn head(&self, rows: usize) -> Vec<HeadRow> {
        let bytes = self.text.as_bytes();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(bytes);
        let mut head = Vec::new();
        let mut record = StringRecord::new();
        // Text read from a `str` is UTF-8, and the rows may have any length: no error.
        while head.len() < rows && reader.read_record(&mut record).unwrap_or(false) {
            let byte = |p: &csv::Position| usize::try_from(p.byte()).unwrap_or(usize::MAX);
            let start = record.position().map_or(0, byte);
            if record.iter().any(|cell| cell.contains('\r')) {
                record = record
                    .iter()
                    .map(|cell| cell.replace("\r\n", "\n").replace('\r', "\n"))
                    .collect();
            }
            head.push(HeadRow {
                start: super::rows::row_start(bytes, start),
                end: byte(reader.position()),
                record: std::mem::take(&mut record),
            });
        }
        head
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
                b'\n' | b'\r' if !quoted => break,
                b if b == self.delimiter && !quoted => seen += 1,
                _ => {}
            }
            at += 1;
        }
        at
    }
}

/// Whether a CR in `text` ends a line alone (not followed by LF).
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
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
        let read = Delimited::new(text);
        let head = read.head(3);
        let start = head[1].start;
        assert_eq!(&read.text[read.offset(start, 1)..], "Zoë\n2,\"a\nb\",c\n");
        let start = head[2].start;
        assert_eq!(
            &read.text[read.offset(start, 2)..],
            "c\n",
            "after a line break"
        );
    }
}
