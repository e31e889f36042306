//! Places in a text: byte offsets turned into lines and columns, for every reader and for
//! whatever a message names. Columns count characters, not bytes, as editors show them.
//!
//! A text in memory is indexed by line ([`LineIndex`]); a file too large to keep is read
//! again from its start, once, for all the offsets asked ([`in_file`]). A byte order mark is
//! not part of the text: offsets count from just after it.

use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// A place in a text file, both counted from 1; columns count characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// How much of a file is read at a time when looking for positions in it.
const BLOCK: usize = 1 << 20;

/// Turns byte offsets of a text into lines and columns.
///
/// Offsets asked in the order of the text (as readers find problems, post after post) are
/// counted on from the last one, so that even a text on one line (minified JSON) costs no
/// more than a pass over it.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset asked and its position.
    cursor: Cell<(usize, Position)>,
}

impl<'a> LineIndex<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        Self {
            text,
            starts,
            cursor: Cell::new((0, Position { line: 1, column: 1 })),
        }
    }

    /// The position of byte `offset` (the end of the text for an offset past it).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let (last, at) = self.cursor.get();
        let position = match (self.text.get(last..offset), self.text.get(offset..last)) {
            // On the same line as the last offset, after or before it: count the
            // characters between them only.
            (Some(between), _) if !between.contains('\n') => Position {
                line: at.line,
                column: at.column + between.chars().count(),
            },
            (_, Some(between)) if !between.contains('\n') => Position {
                line: at.line,
                column: at.column - between.chars().count(),
            },
            _ => {
                let line = self.starts.partition_point(|&start| start <= offset);
                let start = self.starts[line - 1];
                let column = self
                    .text
                    .get(start..offset)
                    .map_or(offset - start, |before| before.chars().count())
                    + 1;
                Position { line, column }
            }
        };
        self.cursor.set((offset, position));
        position
    }

    /// The byte offset of a 1-based line and byte column, as `serde_json` reports them.
    #[must_use]
    pub fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + byte_column.saturating_sub(1)).min(self.text.len())
    }
}

/// The positions of `offsets` (in any order) in the file at `path`, read once from its
/// start; offsets count from after a byte order mark.
pub fn in_file(path: &Path, offsets: &[usize]) -> io::Result<Vec<Position>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut counter = Counter::default();
    let mut file = io::BufReader::with_capacity(BLOCK, File::open(path)?);
    let mut skipped_bom = false;
    let mut positions = vec![Position { line: 1, column: 1 }; offsets.len()];
    let mut next = order.iter().peekable();
    let mut block = vec![0; BLOCK];
    while next.peek().is_some() {
        let mut n = file.read(&mut block)?;
        let mut bytes = &block[..n];
        if !skipped_bom {
            skipped_bom = true;
            if bytes.starts_with(BOM) {
                bytes = &bytes[BOM.len()..];
                n -= BOM.len();
            }
        }
        let end = counter.offset + n;
        while let Some(&&i) = next.peek() {
            if offsets[i] >= end && n > 0 {
                break;
            }
            let upto = offsets[i].min(end) - counter.offset;
            counter.count(&bytes[..upto]);
            bytes = &bytes[upto..];
            positions[i] = counter.position();
            next.next();
        }
        counter.count(bytes);
    }
    Ok(positions)
}

/// Lines and characters counted so far in a forward pass over a text.
#[derive(Default)]
struct Counter {
    offset: usize,
    /// Newlines passed.
    lines: usize,
    /// Characters since the last newline.
    column: usize,
}

impl Counter {
    fn count(&mut self, bytes: &[u8]) {
        self.offset += bytes.len();
        let after_last_line = match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.lines += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 0;
                &bytes[last + 1..]
            }
            None => bytes,
        };
        // A character starts at every byte that does not continue one.
        self.column += after_last_line
            .iter()
            .filter(|&&b| b.cast_signed() >= -0x40)
            .count();
    }

    fn position(&self) -> Position {
        Position {
            line: self.lines + 1,
            column: self.column + 1,
        }
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

    /// The position of `offset` counted the slow way, from the start of the text.
    fn counted(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |at| at + 1);
        Position {
            line,
            column: before[start..].chars().count() + 1,
        }
    }

    #[test]
    fn offsets_asked_in_any_order_agree_with_counting_from_the_start() {
        let text =
            "[{\"a\": \"Café\", \"b\": [1, 2]},\n {\"c\": \"ü\"},  {\"d\": 3},\n\n\"été\", 4]";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        // Forward, back on the same line, back to an earlier line, forward over several.
        let mut order = offsets.clone();
        order.extend(offsets.iter().rev());
        order.extend(offsets.iter().step_by(3));
        order.extend(offsets.iter().rev().step_by(2));
        for at in order {
            assert_eq!(index.position(at), counted(text, at), "at {at}");
        }
    }

    #[test]
    fn positions_in_a_file_match_those_in_the_text() {
        let text = "\u{feff}{\n  \"title\": \"Café ☕\",\n\n  \"x\": 1\n}";
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        let body = text.strip_prefix('\u{feff}').unwrap();
        let offsets: Vec<usize> = vec![body.len(), 0, body.find("\"x\"").unwrap(), 5, 24];
        let index = LineIndex::new(body);
        let from_text: Vec<Position> = offsets.iter().map(|&at| index.position(at)).collect();
        let from_file = in_file(file.path(), &offsets).unwrap();
        assert_eq!(from_file, from_text);
        assert_eq!(from_file[2], Position { line: 4, column: 3 });
    }
}
