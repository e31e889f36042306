//! The spreadsheet reader: the workbooks of fixtures/sheets damaged by random mutations
//! (ZIP archives and compound files cut, changed, run together), and workbooks whose cells
//! hold any text, after which every cell must still be named right.

use orgtree::read::Found;
use orgtree::read::sheet::{Refused, SheetOptions, workbook};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_xlsxwriter::Workbook;

use crate::mutate::{mutated, mutations};
use crate::outputs::check_chart;
use crate::support::{config, guarded, safe, sheet_seeds};

/// Every problem, with the file and sheet it names, safe to print.
fn safe_found(found: &[Found]) -> Result<(), TestCaseError> {
    for item in found {
        safe(
            "a problem",
            &item.problem.display_in(&item.file).to_string(),
            &[],
        )?;
    }
    Ok(())
}

/// Reads `bytes` as a workbook: no panic, no hang, problems safe to print, and a chart read
/// checked as every chart is.
pub fn reads_soundly(target: &str, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        match workbook("book.xlsx", &bytes, &SheetOptions::default()) {
            Ok(imported) => {
                safe_found(&imported.warnings)?;
                check_chart(&imported.org, false)
            }
            Err(Refused::Unreadable(found) | Refused::Invalid(found)) => safe_found(&found),
        }
    })
}

/// A senior-staff sheet whose director's notes (`H2`) hold `notes`, and whose deputy (row 3)
/// reports to a post that is not there.
fn template(notes: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("(final data) senior-staff").unwrap();
    let rows: [[&str; 8]; 3] = [
        [
            "Post Unique Reference",
            "Name",
            "Grade (or equivalent)",
            "Job Title",
            "Unit",
            "Reports to Senior Post",
            "FTE",
            "Notes",
        ],
        ["1", "N/D", "SCS2", "Director", "Policy", "XX", "1", notes],
        ["2", "N/D", "SCS1", "Deputy", "Policy", "9", "1", ""],
    ];
    for (row, cells) in (0u32..).zip(rows) {
        for (column, text) in (0u16..).zip(cells) {
            if !text.is_empty() {
                sheet.write_string(row, column, text).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn mutated_workbooks_read_soundly((seed, changes) in mutations()) {
        let seeds = sheet_seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        reads_soundly("sheet-mutated", mutated(seed, &changes))?;
    }

    #[test]
    fn any_text_in_a_cell_leaves_the_cells_after_it_named_right(
        notes in "[\\n\\r\",' a=]{0,12}|\\PC{0,40}",
    ) {
        let bytes = template(&notes);
        // Only the places: what the organogram reader makes of a cell's text is the
        // organogram targets' to check.
        let found = match workbook("book.xlsx", &bytes, &SheetOptions::default()) {
            Ok(imported) => imported.warnings,
            Err(refused) => refused.problems().to_vec(),
        };
        safe_found(&found)?;
        let unknown = found
            .iter()
            .find(|f| f.problem.message.contains("unknown post '9'"))
            .map(|f| f.file.clone());
        prop_assert_eq!(
            unknown.as_deref(),
            Some("book.xlsx:(final data) senior-staff!F3"),
            "{:?}",
            found
        );
    }
}
