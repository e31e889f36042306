//! Spreadsheets read as they are (`.xlsx`, `.xlsm`, `.ods`, `.xls`, with calamine): a sheet
//! is written as CSV text (`text`) and read by the CSV reader its shape calls for, and every
//! place a message names is turned back into the sheet's cell (`places`):
//! `book.xlsx:Sheet1!C14: error: ...`.
//!
//! Which sheet is read (`choice`): the one the user names; else the UK organogram template's
//! "(final data) senior-staff" sheet (or another whose name says "senior" and that holds an
//! organogram's senior header), read with the "(final data) junior-staff" sheet as its junior
//! file; else the first sheet. A sheet holding an organogram's senior header is read as one;
//! any other as an HR export ([`crate::read::hr`]).

use super::hr::{HrOptions, hr};
use super::organogram::{self, PairFile};
use super::{Found, Imported};
use crate::text::Escaped;
use book::Book;
use places::{Columns, cell_name, in_cell};
use text::SheetText;

mod book;
mod choice;
mod compound;
mod places;
mod text;

/// How a workbook is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetOptions {
    /// The sheet to read, by its name; the first, or the organogram template's, when none.
    pub sheet: Option<String>,
    /// Read an organogram's senior sheet without its junior sheet.
    pub no_junior: bool,
    /// Load what can be loaded, as `--lenient` does for orgtree JSON.
    pub lenient: bool,
    /// Which columns of a sheet shaped like an HR export hold what.
    pub hr: HrOptions,
}

/// Why a workbook gave no chart.
#[derive(Debug)]
pub enum Refused {
    /// The workbook, or the sheet to read, could not be read (or is none orgtree reads).
    Unreadable(Vec<Found>),
    /// The sheet was read, and the chart in it has errors: every problem found.
    Invalid(Vec<Found>),
}

impl Refused {
    #[must_use]
    pub fn problems(&self) -> &[Found] {
        match self {
            Self::Unreadable(found) | Self::Invalid(found) => found,
        }
    }

    fn at(file: &str, message: String) -> Self {
        Self::Unreadable(vec![Found::error(file, None, message)])
    }
}

/// Reads the chart in the workbook `bytes` hold; `file` names it in messages, and
/// `file:SHEET!CELL` a cell of it. Every problem is reported at once.
pub fn workbook(file: &str, bytes: &[u8], options: &SheetOptions) -> Result<Imported, Refused> {
    let refused = |message: String| Refused::at(file, message);
    let mut book = Book::open(bytes)
        .map_err(|what| refused(format!("cannot read the spreadsheet: {what}")))?;
    let names = book.names();
    let mut read = Read {
        file,
        found: Vec::new(),
    };
    if let Some(wanted) = &options.sheet {
        if !names.contains(wanted) {
            return Err(refused(format!(
                "no sheet named \"{}\": the workbook has {}",
                Escaped(wanted),
                choice::listed(&names)
            )));
        }
        let sheet = read.sheet(&mut book, wanted)?;
        return read.by_content(&mut book, &names, wanted, &sheet, options);
    }
    if let Some(senior) = choice::part(&names, "senior") {
        let sheet = read.sheet(&mut book, senior)?;
        if choice::is_final(senior) || organogram::sheet_of(&sheet.text) == Some(PairFile::Senior) {
            return read.organogram(&mut book, &names, senior, &sheet, options);
        }
    }
    let Some(first) = book.first() else {
        return Err(refused("the workbook has no worksheet".into()));
    };
    read.found.clear();
    let sheet = read.sheet(&mut book, &first)?;
    read.by_content(&mut book, &names, &first, &sheet, options)
}

/// A workbook being read, and the warnings of the sheets read so far.
struct Read<'a> {
    file: &'a str,
    found: Vec<Found>,
}

impl Read<'_> {
    /// A sheet as messages name it: `book.xlsx:Sheet1`.
    fn name(&self, sheet: &str) -> String {
        format!("{}:{}", self.file, Escaped(sheet))
    }

    /// The text of the sheet `name`, its error cells noted.
    fn sheet(&mut self, book: &mut Book, name: &str) -> Result<SheetText, Refused> {
        let shown = self.name(name);
        let cells = book
            .cells(name)
            .map_err(|message| Refused::at(&shown, message))?;
        let sheet = SheetText::write(cells).map_err(|message| Refused::at(&shown, message))?;
        for (row, column, error) in &sheet.errors {
            let cell = format!("{shown}!{}", cell_name(*row as usize, *column as usize));
            self.found.push(Found::warning(
                &cell,
                None,
                format!("the cell shows the error {error}: read as that text"),
            ));
        }
        Ok(sheet)
    }

    /// Reads the sheet `name` as its header says: an organogram's senior sheet, or an HR
    /// export; an organogram's junior sheet alone is refused.
    fn by_content(
        self,
        book: &mut Book,
        names: &[String],
        name: &str,
        sheet: &SheetText,
        options: &SheetOptions,
    ) -> Result<Imported, Refused> {
        match organogram::sheet_of(&sheet.text) {
            Some(PairFile::Senior) => self.organogram(book, names, name, sheet, options),
            Some(PairFile::Junior) => {
                let senior = choice::part(names, "senior")
                    .filter(|senior| *senior != name)
                    .map_or_else(String::new, |senior| {
                        format!(": read its senior-staff sheet, \"{}\"", Escaped(senior))
                    });
                Err(Refused::at(
                    &self.name(name),
                    format!(
                        "this is the junior-staff sheet of an organogram (groups of junior staff, not posts){senior}"
                    ),
                ))
            }
            None => {
                let shown = self.name(name);
                let hr_options = HrOptions {
                    lenient: options.lenient,
                    ..options.hr.clone()
                };
                let result = hr(&shown, &sheet.text, &hr_options);
                self.finish(result, &[(&shown, sheet)], Columns::Characters)
            }
        }
    }

    /// Reads the organogram whose senior sheet is `senior`, with its junior sheet unless
    /// the options say not to.
    fn organogram(
        mut self,
        book: &mut Book,
        names: &[String],
        senior: &str,
        sheet: &SheetText,
        options: &SheetOptions,
    ) -> Result<Imported, Refused> {
        let senior_name = self.name(senior);
        let junior = if options.no_junior {
            None
        } else {
            choice::part(names, "junior").filter(|junior| *junior != senior)
        };
        if junior.is_none() && !options.no_junior {
            self.found.push(Found::warning(
                self.file,
                None,
                "no junior-staff sheet (a sheet named with \"junior\"): the chart has the senior posts alone",
            ));
        }
        let junior = match junior {
            Some(junior) => Some((self.name(junior), self.sheet(book, junior)?)),
            None => None,
        };
        let result = organogram::organogram_with(
            (&senior_name, &sheet.text),
            junior
                .as_ref()
                .map(|(name, sheet)| (name.as_str(), sheet.text.as_str())),
            options.lenient,
        );
        let mut sheets = vec![(senior_name.as_str(), sheet)];
        if let Some((name, sheet)) = &junior {
            sheets.push((name.as_str(), sheet));
        }
        self.finish(result, &sheets, Columns::Cells)
    }

    /// What a reader gave, its places named by cells, after the warnings of the sheets.
    fn finish(
        self,
        result: Result<Imported, Vec<Found>>,
        sheets: &[(&str, &SheetText)],
        columns: Columns,
    ) -> Result<Imported, Refused> {
        let in_cells = |mut found: Vec<Found>| {
            for item in &mut found {
                for (name, sheet) in sheets {
                    in_cell(item, name, sheet, columns);
                }
            }
            let mut all = self.found;
            all.append(&mut found);
            all
        };
        match result {
            Ok(imported) => Ok(Imported {
                warnings: in_cells(imported.warnings),
                org: imported.org,
                notes: imported.notes,
                // Its places are in the text made of the sheet's cells, not in the file.
                places: Vec::new(),
            }),
            Err(problems) => Err(Refused::Invalid(in_cells(problems))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text an HR export's sheet makes, for the HR reader: the merged title in `A1`
    /// alone, dates as dates, whole numbers without `.0`, the totals row with its sum.
    #[test]
    fn a_sheet_is_the_csv_text_its_cells_make() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/sheets/hr-export.xlsx"
        );
        let bytes = std::fs::read(path).unwrap();
        let mut book = Book::open(&bytes).unwrap();
        assert_eq!(book.names(), ["Staff"]);
        let sheet = SheetText::write(book.cells("Staff").unwrap()).unwrap();
        let expected = r#""Northwind Trading: staff list, 31 March 2024"
Employee ID,Full Name,Job Title,Manager ID,Department,Start Date,Salary
E001,Alice Moreno,Chief Executive,,Executive,2015-04-01,180000
E002,Ben Okafor,Finance Director,E001,Finance,2017-09-12,120000
E003,Chloe Park,Operations Director,E001,Operations,2018-01-08,118000
E004,Dev Shah,Financial Controller,E002,Finance,2019-03-04,78000
E005,Ellen Ryan,Payroll Officer,E004,Finance,2021-06-21,41000
E006,Farid Haddad,Logistics Manager,E003,Operations,2016-11-14,64000
E007,Grace Liu,Warehouse Supervisor,E006,Operations,2022-02-01,38500
E008,Hamish Byrne,Customer Service Lead,E003,Operations,2020-08-17,39750.5
Total,,,,,,679250.5
"#;
        assert_eq!(sheet.text, expected);
    }
}
