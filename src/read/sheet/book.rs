//! A workbook opened from its bytes with calamine, its kind told by its first bytes (so that
//! a damaged file gets the error of its own kind, not "no format matched"), and the cells
//! of one of its sheets.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, SheetType, SheetVisible, Xls, Xlsx};

use crate::read::detect::{OLE, ZIP, Zipped, zipped};

type Bytes<'a> = Cursor<&'a [u8]>;

/// An open workbook.
pub(super) enum Book<'a> {
    Xlsx(Box<Xlsx<Bytes<'a>>>),
    Ods(Box<Ods<Bytes<'a>>>),
    Xls(Box<Xls<Bytes<'a>>>),
}

impl<'a> Book<'a> {
    /// Opens the workbook `bytes` hold; what is wrong with it in words otherwise.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let cursor = Cursor::new(bytes);
        let kind = if bytes.starts_with(ZIP) {
            zipped(bytes)
        } else if bytes.starts_with(OLE) {
            super::compound::check(bytes)?;
            // calamine reads a whole .xls when it opens it, and some damaged records make
            // it panic rather than fail: that is one more way for the file to be damaged.
            let opened = std::panic::catch_unwind(|| Xls::new(cursor)).map_err(|_| {
                "not a readable .xls workbook: the spreadsheet reader failed on a damaged record"
                    .to_owned()
            })?;
            return opened
                .map(|book| Self::Xls(Box::new(book)))
                .map_err(|error| format!("not a readable .xls workbook: {error}"));
        } else {
            Zipped::Other("not a spreadsheet (an .xlsx, .xlsm, .ods or .xls file)")
        };
        match kind {
            Zipped::Xlsx => Xlsx::new(cursor)
                .map(|book| Self::Xlsx(Box::new(book)))
                .map_err(|error| format!("not a readable .xlsx workbook: {error}")),
            Zipped::Ods => Ods::new(cursor)
                .map(|book| Self::Ods(Box::new(book)))
                .map_err(|error| format!("not a readable .ods spreadsheet: {error}")),
            Zipped::Other(what) => Err(what.to_owned()),
        }
    }

    fn sheets(&self) -> &[calamine::Sheet] {
        match self {
            Self::Xlsx(book) => book.sheets_metadata(),
            Self::Ods(book) => book.sheets_metadata(),
            Self::Xls(book) => book.sheets_metadata(),
        }
    }

    /// The names of its worksheets (not its chart sheets or macro sheets), in order.
    pub(super) fn names(&self) -> Vec<String> {
        self.sheets()
            .iter()
            .filter(|sheet| sheet.typ == SheetType::WorkSheet)
            .map(|sheet| sheet.name.clone())
            .collect()
    }

    /// Its first worksheet that is not hidden (or its first, if all are).
    pub(super) fn first(&self) -> Option<String> {
        let sheets = || {
            self.sheets()
                .iter()
                .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        };
        sheets()
            .find(|sheet| sheet.visible == SheetVisible::Visible)
            .or_else(|| sheets().next())
            .map(|sheet| sheet.name.clone())
    }

    /// The cells of the sheet `name` that hold something: row and column (from 0) and
    /// value. An `.xlsx` sheet is read a cell at a time: made into a grid, a sheet with a
    /// cell at `A1` and another at `XFD1048576` would take billions of cells.
    pub(super) fn cells(&mut self, name: &str) -> Result<Vec<(u32, u32, Data)>, String> {
        let failed = |error: &dyn std::fmt::Display| format!("cannot read the sheet: {error}");
        let range = match self {
            Self::Xlsx(book) => {
                let mut reader = book.worksheet_cells_reader(name).map_err(|e| failed(&e))?;
                let mut cells = Vec::new();
                while let Some(cell) = reader.next_cell().map_err(|e| failed(&e))? {
                    let (row, column) = cell.get_position();
                    cells.push((row, column, Data::from(cell.get_value().clone())));
                }
                return Ok(cells);
            }
            Self::Ods(book) => book.worksheet_range(name).map_err(|e| failed(&e))?,
            Self::Xls(book) => book.worksheet_range(name).map_err(|e| failed(&e))?,
        };
        let (top, left) = range.start().unwrap_or_default();
        let cells = range
            .used_cells()
            .map(|(row, column, value)| {
                let at = |start: u32, offset: usize| start + u32::try_from(offset).unwrap_or(0);
                (at(top, row), at(left, column), value.clone())
            })
            .collect();
        Ok(cells)
    }
}
