//! The data rows of a delimited text, read on both cores: the text is cut into pieces at
//! line ends, each piece read on its own as if a row started there, and a piece whose
//! guess was wrong (its first line end was inside a quoted cell) read again after the
//! piece before it, so that every row is the one a reading from the start gives.
//!
//! Rows are read with `csv_core` into one buffer a piece, with no allocation a row: the
//! `csv` crate's record a row cost an eighth of a million-row load.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// How many bytes a piece holds at least: smaller texts are read in one.
const PIECE: usize = 1 << 20;
/// How many pieces a text is cut into at most: enough for both cores to stay busy to the
/// end, each taking the next.
const PIECES: usize = 16;

/// One row's cells, as the reader unquoted them.
pub(super) struct Record {
    /// The cells one after the other.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
    /// Whether the row, as written, has no quote: then each cell is as written, and its
    /// place is counted from the row's start.
    plain: bool,
}

impl Record {
    fn new() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            plain: true,
        }
    }

    /// The cell at `at`, if the row has one.
    pub(super) fn get(&self, at: usize) -> Option<&str> {
        let end = *self.ends.get(at)?;
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        Some(&self.text[start..end])
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|at| self.get(at))
    }

    /// Where cell `at` starts in the text, counted from the row's start, when the row
    /// has no quote and has that cell (each cell is then as long as written).
    pub(super) fn plain_offset(&self, at: usize) -> Option<usize> {
        if !self.plain || at >= self.len() {
            return None;
        }
        Some(if at == 0 { 0 } else { self.ends[at - 1] } + at)
    }
}

/// The byte where the row after `at` starts: line ends are passed over, as the reader
/// passes over blank lines.
pub(super) fn row_start(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| b == b'\r' || b == b'\n') {
        at += 1;
    }
    at
}

/// Reads the rows of a piece: those that start at `first` or after and before `bound`.
/// Each row is handed to `row` with the byte it starts at; gives where the next row starts.
fn read_piece<S>(
    text: &str,
    delimiter: u8,
    first: usize,
    bound: usize,
    state: &mut S,
    row: &(impl Fn(&mut S, usize, &Record) + Sync),
) -> usize {
    let bytes = text.as_bytes();
    let mut reader = reader(delimiter);
    let mut record = Record::new();
    let mut output: Vec<u8> = vec![0; 256];
    let mut at = first;
    let mut tally = crate::progress::Tally::new("rows");
    while at < bound && at < bytes.len() {
        // Stopped (Ctrl-C): what was read is thrown away by the caller.
        if !tally.tick() {
            break;
        }
        let start = at;
        let (mut written, mut ended) = (0, 0);
        record.ends.clear();
        record.ends.resize(16, 0);
        loop {
            let (result, read, wrote, ends) = reader.read_record(
                &bytes[at..],
                &mut output[written..],
                &mut record.ends[ended..],
            );
            at += read;
            written += wrote;
            ended += ends;
            match result {
                // The end of the text: an empty input says so.
                ReadRecordResult::InputEmpty if at < bytes.len() => {}
                ReadRecordResult::InputEmpty => {
                    let (result, _, wrote, ends) =
                        reader.read_record(&[], &mut output[written..], &mut record.ends[ended..]);
                    written += wrote;
                    ended += ends;
                    if matches!(result, ReadRecordResult::Record) {
                        break;
                    }
                    if matches!(result, ReadRecordResult::End) {
                        // Only line ends were left.
                        ended = usize::MAX;
                        break;
                    }
                    grow(&mut output, &mut record.ends, &result);
                }
                ReadRecordResult::Record => break,
                ReadRecordResult::End => {
                    ended = usize::MAX;
                    break;
                }
                full => grow(&mut output, &mut record.ends, &full),
            }
        }
        if ended == usize::MAX {
            break;
        }
        record.ends.truncate(ended);
        let written_text = &output[..written];
        record.plain = !bytes[start..at].contains(&b'"');
        record.text.clear();
        // Unquoting only takes ASCII bytes out of UTF-8 text: what is left is UTF-8.
        record
            .text
            .push_str(std::str::from_utf8(written_text).unwrap_or_default());
        if written_text.contains(&b'\r') {
            line_ends_as_lf(&mut record);
        }
        row(state, start, &record);
        at = row_start(bytes, at);
    }
    at
}

/// A bigger buffer for what did not fit.
fn grow(output: &mut Vec<u8>, ends: &mut Vec<usize>, full: &ReadRecordResult) {
    match full {
        ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
        ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
        _ => {}
    }
}

/// CRLF and CR alone in a quoted cell read as LF, as in the rest of the text.
fn line_ends_as_lf(record: &mut Record) {
    let cells: Vec<String> = record
        .iter()
        .map(|cell| cell.replace("\r\n", "\n").replace('\r', "\n"))
        .collect();
    record.text.clear();
    record.ends.clear();
    for cell in cells {
        record.text.push_str(&cell);
        record.ends.push(record.text.len());
    }
}

fn reader(delimiter: u8) -> Reader {
    ReaderBuilder::new().delimiter(delimiter).build()
}

/// Reads the rows of `text` from byte `from` (where a row starts) to its end, on both
/// cores: `row` is given each row with the byte it starts at, and the state of the piece
/// it is in (`new` makes one a piece, given how many lines the piece has at most). Gives
/// the states of the pieces, in order.
pub(super) fn read_rows<S: Send>(
    text: &str,
    delimiter: u8,
    from: usize,
    new: impl Fn(usize) -> S + Sync,
    row: impl Fn(&mut S, usize, &Record) + Sync,
) -> Vec<S> {
    let pieces = ((text.len() - from.min(text.len())) / PIECE).clamp(1, PIECES);
    let size = (text.len() - from.min(text.len())) / pieces;
    let bounds: Vec<usize> = (1..pieces)
        .map(|piece| line_after(text.as_bytes(), from + piece * size))
        .collect();
    read_split(text, delimiter, from, &bounds, new, row)
}

/// The byte after the first line end at or after `at`; the text's end when there is none.
fn line_after(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |end| at + end + 1)
}

/// [`read_rows`], the pieces cut at `bounds` (each just after a line end, in order).
pub(super) fn read_split<S: Send>(
    text: &str,
    delimiter: u8,
    from: usize,
    bounds: &[usize],
    new: impl Fn(usize) -> S + Sync,
    row: impl Fn(&mut S, usize, &Record) + Sync,
) -> Vec<S> {
    let bytes = text.as_bytes();
    let first = row_start(bytes, from);
    let starts: Vec<usize> = std::iter::once(first)
        .chain(bounds.iter().map(|&bound| row_start(bytes, bound)))
        .collect();
    let ends: Vec<usize> = bounds.iter().copied().chain([bytes.len()]).collect();
    let lines = |from: usize, to: usize| {
        1 + memchr::memchr_iter(b'\n', bytes.get(from..to).unwrap_or_default()).count()
    };
    let read = crate::work::on_both_cores(starts.len(), |piece| {
        let mut state = new(lines(starts[piece], ends[piece]));
        let next = read_piece(
            text,
            delimiter,
            starts[piece],
            ends[piece],
            &mut state,
            &row,
        );
        (state, next)
    });
    // A piece is right when the one before it ended where it started; else its first
    // line end was inside a quoted cell, and it is read again from where the rows before
    // it end.
    let mut states = Vec::with_capacity(read.len());
    let mut next = first;
    for (piece, (state, after)) in read.into_iter().enumerate() {
        if starts[piece] == next {
            states.push(state);
            next = after;
        } else {
            drop(state);
            let mut state = new(lines(next, ends[piece]));
            next = read_piece(text, delimiter, next, ends[piece], &mut state, &row);
            states.push(state);
        }
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row as the `csv` crate reads the text from its start: where it starts (its
    /// line ends passed over) and its cells.
    fn sequential(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.unwrap();
            let start = row_start(
                text.as_bytes(),
                usize::try_from(record.position().unwrap().byte()).unwrap(),
            );
            let cells = record
                .iter()
                .map(|c| c.replace("\r\n", "\n").replace('\r', "\n"))
                .collect();
            rows.push((start, cells));
        }
        rows
    }

    fn split(text: &str, bounds: &[usize]) -> Vec<(usize, Vec<String>)> {
        read_split(
            text,
            b',',
            0,
            bounds,
            |_| Vec::new(),
            |rows, start, record| {
                rows.push((start, record.iter().map(str::to_owned).collect()));
            },
        )
        .concat()
    }

    #[test]
    fn rows_cut_anywhere_read_as_from_the_start() {
        let text = "id,note,manager\r\n1,\"a\nb\n\",\r\n\n2,\"x,\"\"y\"\"\r\nz\",1\n3,,2\n\"4\n\",\"\n5,no\n\",\n6,\"\",4\r\n7";
        let expected = sequential(text);
        assert_eq!(expected.len(), 7, "{expected:?}");
        let line_ends: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes())
            .map(|at| at + 1)
            .collect();
        // Every single cut, and every pair of cuts.
        for &cut in &line_ends {
            assert_eq!(split(text, &[cut]), expected, "cut at {cut}");
            for &other in line_ends.iter().filter(|&&o| o > cut) {
                assert_eq!(
                    split(text, &[cut, other]),
                    expected,
                    "cut at {cut}, {other}"
                );
            }
        }
        assert_eq!(split(text, &line_ends), expected, "cut at every line end");
    }

    #[test]
    fn a_cell_of_a_row_without_quotes_is_placed_by_counting() {
        let mut read = None;
        read_piece(
            "a,bc,,d\n",
            b',',
            0,
            8,
            &mut read,
            &|read, _, r: &Record| {
                *read = Some(Record {
                    text: r.text.clone(),
                    ends: r.ends.clone(),
                    plain: r.plain,
                });
            },
        );
        let record = read.unwrap();
        assert_eq!(record.plain_offset(1), Some(2));
        assert_eq!(record.plain_offset(3), Some(6));
        assert_eq!(record.plain_offset(4), None);
    }
}
