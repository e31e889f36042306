//! A sheet written as CSV text (RFC 4180), for the CSV readers to read: one row of text a
//! row of the sheet from row 1 and one cell a cell from column A, so that the text's rows
//! and cells are the sheet's; the line each row starts on is kept, since a cell holding a
//! line break makes a row span lines.

use calamine::Data;

/// The most text a sheet may make: a sheet whose cells stand far apart (one at `XFD1048576`)
/// would otherwise make gigabytes of empty cells.
const MOST: usize = 1 << 30;

/// A sheet as CSV text.
#[derive(Debug)]
pub(super) struct SheetText {
    pub(super) text: String,
    /// The byte offset at which each row of the sheet starts (row 1 first), and one past the
    /// end of the text.
    pub(super) starts: Vec<usize>,
    /// The line each row starts on (from 1).
    pub(super) lines: Vec<usize>,
    /// The cells holding an error (`#N/A`), each as (row, column) from 0, and its text.
    pub(super) errors: Vec<(u32, u32, String)>,
}

impl SheetText {
    /// The text of `cells` (row, column from 0, value), in any order; of a cell given twice,
    /// the last.
    pub(super) fn write(mut cells: Vec<(u32, u32, Data)>) -> Result<Self, String> {
        cells.retain(|(.., value)| *value != Data::Empty);
        // Stable: a cell given twice keeps its order, and the last is written.
        cells.sort_by_key(|(row, column, _)| (*row, *column));
        cells.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0 && later.1 == earlier.1;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        let mut sheet = Self {
            text: String::new(),
            starts: Vec::new(),
            lines: Vec::new(),
            errors: Vec::new(),
        };
        let mut line = 1;
        let mut cells = cells.into_iter().peekable();
        while let Some(&(row, ..)) = cells.peek() {
            // The rows before this one, empty.
            while sheet.starts.len() < row as usize {
                sheet.starts.push(sheet.text.len());
                sheet.lines.push(line);
                sheet.text.push('\n');
                line += 1;
            }
            sheet.starts.push(sheet.text.len());
            sheet.lines.push(line);
            // A cell at column `at` has `at` commas before it in its row.
            let mut commas = 0;
            while let Some((_, at, value)) = cells.next_if(|(r, ..)| *r == row) {
                for _ in commas..at {
                    sheet.text.push(',');
                }
                commas = at;
                let text = text_of(&value);
                if let Data::Error(_) = value {
                    sheet.errors.push((row, at, text.clone()));
                }
                line += quoted(&mut sheet.text, &text);
                if sheet.text.len() > MOST {
                    return Err(format!(
                        "the sheet is too large to read: its cells, to row {}, make more than {} MiB of text",
                        row + 1,
                        MOST >> 20
                    ));
                }
            }
            sheet.text.push('\n');
            line += 1;
        }
        sheet.starts.push(sheet.text.len());
        Ok(sheet)
    }

    /// The text of row `row` (from 0), without its line end; empty past the last row.
    pub(super) fn row(&self, row: usize) -> &str {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&start), Some(&end)) => &self.text[start..end - 1],
            _ => "",
        }
    }
}

/// Writes `text` as a CSV cell, in quotes if it holds a comma, a quote or a line end (a
/// quote doubled); the number of line breaks it holds.
fn quoted(out: &mut String, text: &str) -> usize {
    if !text.contains([',', '"', '\n', '\r']) {
        out.push_str(text);
        return 0;
    }
    out.push('"');
    let mut breaks = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\"\""),
            // A line end in a cell is LF, as the CSV readers count lines by it.
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
                breaks += 1;
            }
            '\n' => {
                out.push('\n');
                breaks += 1;
            }
            c => out.push(c),
        }
    }
    out.push('"');
    breaks
}

/// A cell's value as text: strings as they are, numbers without a trailing `.0` (`360510`)
/// and otherwise in full, booleans `TRUE` and `FALSE`, dates `YYYY-MM-DD` (with the time,
/// `YYYY-MM-DDTHH:MM:SS`, when it is not midnight), durations `H:MM:SS`, errors as the
/// spreadsheet shows them (`#N/A`).
pub(super) fn text_of(value: &Data) -> String {
    match value {
        Data::Int(number) => number.to_string(),
        // The shortest text that reads back as the same number, with no exponent.
        Data::Float(number) => number.to_string(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(date) if date.is_duration() => {
            let seconds = (date.as_f64() * 86_400.0).round();
            let sign = if seconds < 0.0 { "-" } else { "" };
            // Saturates for a value out of range, which no sheet holds.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let seconds = seconds.abs() as u64;
            format!(
                "{sign}{}:{:02}:{:02}",
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60
            )
        }
        Data::DateTime(date) => {
            let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        Data::Error(error) => error.to_string(),
        Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    fn cell(row: u32, column: u32, text: &str) -> (u32, u32, Data) {
        (row, column, Data::String(text.into()))
    }

    #[test]
    fn values_are_written_as_the_spreadsheet_shows_them() {
        let date = |serial| {
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            ))
        };
        assert_eq!(text_of(&Data::Float(360_510.0)), "360510");
        assert_eq!(text_of(&Data::Float(0.1)), "0.1");
        assert_eq!(text_of(&Data::Float(0.5)), "0.5");
        assert_eq!(text_of(&Data::Float(-2.0)), "-2");
        assert_eq!(text_of(&Data::Float(1e20)), "100000000000000000000");
        assert_eq!(text_of(&Data::Int(42)), "42");
        assert_eq!(text_of(&Data::Bool(true)), "TRUE");
        assert_eq!(text_of(&Data::Bool(false)), "FALSE");
        // 2013-09-30 is day 41547 of the 1900 system; noon is half a day.
        assert_eq!(text_of(&date(41_547.0)), "2013-09-30");
        assert_eq!(text_of(&date(41_547.5)), "2013-09-30T12:00:00");
        let duration = Data::DateTime(ExcelDateTime::new(
            1.25,
            ExcelDateTimeType::TimeDelta,
            false,
        ));
        assert_eq!(text_of(&duration), "30:00:00");
        assert_eq!(text_of(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(text_of(&Data::String(" as is ".into())), " as is ");
        assert_eq!(
            text_of(&Data::DateTimeIso("2013-09-30".into())),
            "2013-09-30"
        );
    }

    #[test]
    fn rows_start_at_row_one_and_cells_at_column_a() {
        // The used range starts at B3; a cell holds a line break, so row 4 starts on line 5.
        let sheet = SheetText::write(vec![
            cell(3, 2, "x"),
            cell(2, 1, "Id"),
            cell(2, 3, "a, \"b\"\nc"),
            cell(4, 1, "z"),
        ])
        .unwrap();
        assert_eq!(sheet.text, "\n\n,Id,,\"a, \"\"b\"\"\nc\"\n,,x\n,z\n");
        assert_eq!(sheet.lines, [1, 2, 3, 5, 6]);
        assert_eq!(sheet.row(2), ",Id,,\"a, \"\"b\"\"\nc\"");
        assert_eq!(sheet.row(3), ",,x");
        assert_eq!(sheet.row(9), "");
    }

    #[test]
    fn a_cell_given_twice_is_its_last_value_and_errors_are_kept() {
        let sheet = SheetText::write(vec![
            cell(0, 0, "first"),
            (0, 1, Data::Error(CellErrorType::NA)),
            cell(0, 0, "last"),
            (0, 2, Data::Empty),
            cell(0, 3, "d"),
        ])
        .unwrap();
        assert_eq!(sheet.text, "last,#N/A,,d\n");
        assert_eq!(sheet.errors, [(0, 1, "#N/A".to_owned())]);
    }

    #[test]
    fn a_carriage_return_in_a_cell_is_a_line_break() {
        let sheet = SheetText::write(vec![cell(0, 0, "a\r\nb\rc"), cell(1, 0, "d")]).unwrap();
        assert_eq!(sheet.text, "\"a\nb\nc\"\nd\n");
        assert_eq!(sheet.lines, [1, 4]);
    }
}
