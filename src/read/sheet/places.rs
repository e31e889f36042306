//! Places in a sheet's CSV text turned back into the sheet's cells, so that a message names
//! the cell (`book.xlsx:Sheet1!C14`) rather than a line of a text the user never saw.

use super::text::SheetText;
use crate::org::Position;
use crate::read::Found;

/// What the column of a reader's positions counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Columns {
    /// The cell of the row (from 1), the row given by the line it starts on: the organogram
    /// reader's positions.
    Cells,
    /// The character of the line (from 1), as an editor shows it.
    Characters,
}

impl SheetText {
    /// The row (from 0) whose text holds line `line`.
    fn row_of_line(&self, line: usize) -> Option<usize> {
        self.lines
            .partition_point(|&start| start <= line)
            .checked_sub(1)
    }

    /// The cell (row and column, from 0) at `at`, a position in the text whose column counts
    /// as `columns` says; `None` for a position that is nowhere (line or column 0).
    pub(super) fn cell_at(&self, at: Position, columns: Columns) -> Option<(usize, usize)> {
        if at.column == 0 {
            return None;
        }
        let row = self.row_of_line(at.line)?;
        match columns {
            Columns::Cells => Some((row, at.column - 1)),
            Columns::Characters => {
                let line = at.line - self.lines[row];
                Some((row, cell_in_row(self.row(row), line, at.column - 1)))
            }
        }
    }
}

/// The cell (from 0) of a CSV row's text that holds the character at `column` (from 0) of
/// its line `line` (from 0), told by walking the row as RFC 4180 quotes it: a `"` at the
/// start of a cell opens a quoted cell, in which `""` is a quote and commas and line breaks
/// are text, and another `"` closes it. A place past the end of the row is in its last cell.
pub(super) fn cell_in_row(row: &str, line: usize, column: usize) -> usize {
    let (mut at_line, mut at_column) = (0, 0);
    let mut cell = 0;
    let mut quoted = false;
    let mut cell_start = true;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        if (at_line, at_column) >= (line, column) {
            break;
        }
        match c {
            '"' if cell_start => quoted = true,
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    at_column += 1;
                } else {
                    quoted = false;
                }
            }
            ',' if !quoted => {
                cell += 1;
                cell_start = true;
                at_column += 1;
                continue;
            }
            '\n' => {
                at_line += 1;
                at_column = 0;
                cell_start = false;
                continue;
            }
            _ => {}
        }
        cell_start = false;
        at_column += 1;
    }
    cell
}

/// The name of a cell (row and column from 0) as a spreadsheet writes it: `C14`.
pub(super) fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// `found`, if it is in the sheet's text read as `name`, named by its cell: its file
/// becomes `name!C14` and its position none; the lines its message names become rows.
pub(super) fn in_cell(found: &mut Found, name: &str, sheet: &SheetText, columns: Columns) {
    if found.file != name {
        return;
    }
    let problem = &mut found.problem;
    if let Some(at) = problem.position.take()
        && let Some((row, column)) = sheet.cell_at(at, columns)
    {
        found.file = format!("{name}!{}", cell_name(row, column));
        // The organogram reader gives the spreadsheet's row when a line break in a cell
        // makes it differ from the line: the cell says it now.
        let row_note = format!(" (spreadsheet row {})", row + 1);
        if let Some(message) = problem.message.strip_suffix(&row_note) {
            problem.message = message.to_owned();
        }
    }
    problem.message = lines_as_rows(&problem.message, sheet);
}

/// `message` with each line it names (`first used on line 4`, `the row at line 4`) named as
/// the sheet's row.
fn lines_as_rows(message: &str, sheet: &SheetText) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = ["on line ", "at line "]
        .iter()
        .filter_map(|words| rest.find(words).map(|at| (at, words.len())))
        .min()
    {
        let (before, after) = rest.split_at(at.0);
        let digits = after[at.1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len() - at.1);
        let row = after[at.1..at.1 + digits]
            .parse::<usize>()
            .ok()
            .and_then(|line| sheet.row_of_line(line));
        out.push_str(before);
        match row {
            Some(row) => {
                out.push_str(&after[..3]);
                out.push_str("row ");
                out.push_str(&(row + 1).to_string());
            }
            None => out.push_str(&after[..at.1 + digits]),
        }
        rest = &after[at.1 + digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{Problem, Severity};
    use calamine::Data;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn a_place_in_a_row_is_found_in_its_cell_through_quotes_commas_and_line_breaks() {
        //         cells: 0    1             2    3
        let row = "ab,\"x, \"\"y\"\"\nz,\",,\"q\"";
        assert_eq!(cell_in_row(row, 0, 0), 0);
        assert_eq!(cell_in_row(row, 0, 2), 0, "the comma ends cell 0");
        assert_eq!(cell_in_row(row, 0, 3), 1, "the opening quote");
        assert_eq!(cell_in_row(row, 0, 5), 1, "a comma in quotes");
        assert_eq!(cell_in_row(row, 0, 8), 1, "a doubled quote");
        assert_eq!(cell_in_row(row, 1, 0), 1, "the next line, still quoted");
        assert_eq!(cell_in_row(row, 1, 1), 1, "a comma in quotes");
        assert_eq!(cell_in_row(row, 1, 2), 1, "the closing quote");
        assert_eq!(cell_in_row(row, 1, 3), 1, "the comma that ends it");
        assert_eq!(cell_in_row(row, 1, 4), 2, "an empty cell");
        assert_eq!(cell_in_row(row, 1, 5), 3);
        assert_eq!(cell_in_row(row, 1, 40), 3, "past the end: the last cell");
        assert_eq!(cell_in_row("é,ü", 0, 2), 1, "columns count characters");
    }

    #[test]
    fn positions_of_the_text_are_the_cells_of_the_sheet() {
        let cells = vec![
            (0, 0, Data::String("Id".into())),
            (0, 1, Data::String("Note".into())),
            (1, 1, Data::String("two\nlines, \"quoted\"".into())),
            (1, 2, Data::String("c".into())),
            (2, 2, Data::String("z".into())),
        ];
        let sheet = SheetText::write(cells).unwrap();
        // Row 2 is lines 2 and 3; row 3 is line 4.
        assert_eq!(sheet.cell_at(at(2, 2), Columns::Cells), Some((1, 1)));
        assert_eq!(sheet.cell_at(at(4, 3), Columns::Cells), Some((2, 2)));
        assert_eq!(sheet.cell_at(at(2, 1), Columns::Characters), Some((1, 0)));
        assert_eq!(sheet.cell_at(at(2, 2), Columns::Characters), Some((1, 1)));
        assert_eq!(sheet.cell_at(at(3, 3), Columns::Characters), Some((1, 1)));
        assert_eq!(sheet.cell_at(at(3, 20), Columns::Characters), Some((1, 2)));
        assert_eq!(sheet.cell_at(at(4, 3), Columns::Characters), Some((2, 2)));
        assert_eq!(sheet.cell_at(at(0, 0), Columns::Cells), None);
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 2), "C14");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn a_problem_in_the_text_names_its_cell_and_rows() {
        let sheet = SheetText::write(vec![
            (0, 0, Data::String("a\nb".into())),
            (1, 3, Data::String("x".into())),
            (2, 0, Data::String("y".into())),
        ])
        .unwrap();
        let found = |file: &str, line: usize, message: &str| Found {
            file: file.into(),
            problem: Problem {
                severity: Severity::Error,
                position: Some(at(line, 4)),
                message: message.into(),
            },
        };
        let mut moved = found(
            "b.xlsx:S",
            3,
            "duplicate id 'x' (first used on line 4) (spreadsheet row 2)",
        );
        in_cell(&mut moved, "b.xlsx:S", &sheet, Columns::Cells);
        assert_eq!(moved.file, "b.xlsx:S!D2");
        assert_eq!(moved.problem.position, None);
        assert_eq!(
            moved.problem.message,
            "duplicate id 'x' (first used on row 3)"
        );
        let mut other = found("other.csv", 3, "the row at line 3");
        in_cell(&mut other, "b.xlsx:S", &sheet, Columns::Cells);
        assert_eq!(other, found("other.csv", 3, "the row at line 3"));
    }
}
