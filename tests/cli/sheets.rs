//! Spreadsheets opened as they are: the organogram template as `.xlsx`, `.ods` and `.xls`
//! (fixtures/sheets, made from a published CSV pair) compares with that pair with no
//! changes; problems name the sheet and cell; the sheet read is the one chosen; a workbook
//! that cannot be read is a clear error, never a panic. Workbooks for single rules are
//! written here with `rust_xlsxwriter`.
//!
//! Expected figures come from the CSV files or from the cells written here, not from orgtree.

use crate::common;

use std::path::{Path, PathBuf};

use orgtree::org::Org;
use orgtree::read::sheet::{Refused, SheetOptions, workbook};
use orgtree::read::{Found, Imported};
use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};
use serde_json::Value;

use common::{Run, orgtree};

const PAIR: &str = "committee_on_climate_change-2011-09-30";

/// A cell of a workbook written by a test.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(u16, u8, u8),
    Bool(bool),
    /// A formula whose cached result is this error (`#N/A`).
    Error(&'a str),
    Empty,
}

use Cell::{Empty, Number, Text};

/// A workbook of `sheets` (name, rows from row 1), as bytes.
fn book(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (row, cells) in (0u32..).zip(rows) {
            for (column, cell) in (0u16..).zip(cells) {
                match *cell {
                    Text(text) => sheet.write_string(row, column, text).map(|_| ()),
                    Number(number) => sheet.write_number(row, column, number).map(|_| ()),
                    Cell::Date(y, m, d) => {
                        let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
                        let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        sheet
                            .write_date_with_format(row, column, date, &format)
                            .map(|_| ())
                    }
                    Cell::Bool(value) => sheet.write_boolean(row, column, value).map(|_| ()),
                    Cell::Error(error) => sheet
                        .write_formula(row, column, Formula::new("=NA()").set_result(error))
                        .map(|_| ()),
                    Empty => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const SENIOR_HEADER: [&str; 8] = [
    "Post Unique Reference",
    "Name",
    "Grade (or equivalent)",
    "Job Title",
    "Unit",
    "Reports to Senior Post",
    "FTE",
    "Notes",
];

const JUNIOR_HEADER: [&str; 5] = [
    "Parent Department",
    "Organisation",
    "Unit",
    "Reporting Senior Post",
    "Number of Posts in FTE",
];

fn texts<'a>(cells: &[&'a str]) -> Vec<Cell<'a>> {
    cells.iter().map(|&text| Text(text)).collect()
}

/// A senior post's row: reference, name, title, manager, FTE, notes.
fn senior<'a>(
    id: &'a str,
    name: &'a str,
    title: &'a str,
    manager: &'a str,
    fte: f64,
    notes: &'a str,
) -> Vec<Cell<'a>> {
    vec![
        Text(id),
        Text(name),
        Text("SCS1"),
        Text(title),
        Text("Policy"),
        Text(manager),
        Number(fte),
        if notes.is_empty() { Empty } else { Text(notes) },
    ]
}

fn junior(manager: &str, fte: f64) -> Vec<Cell<'_>> {
    vec![
        Text("Department for Tests"),
        Text("Test Office"),
        Text("Policy"),
        Text(manager),
        Number(fte),
    ]
}

/// The organogram of two senior posts and six rows of junior staff, the last reporting to
/// a post that is not there; the director's notes hold a line break, so that the text's
/// lines and the sheet's rows differ after it.
fn template() -> Vec<(&'static str, Vec<Vec<Cell<'static>>>)> {
    vec![
        (
            "(reference) senior-staff-grades",
            vec![texts(&["Grade"]), texts(&["SCS1"])],
        ),
        (
            "(final data) senior-staff",
            vec![
                texts(&SENIOR_HEADER),
                senior(
                    "1",
                    "Ada Lovelace",
                    "Director",
                    "XX",
                    1.0,
                    "two\nlines, \"quoted\"",
                ),
                senior("2", "Vacant", "Deputy Director", "9", 0.5, ""),
            ],
        ),
        (
            "(final data) junior-staff",
            vec![
                texts(&JUNIOR_HEADER),
                junior("1", 2.0),
                junior("1", 1.5),
                junior("2", 3.0),
                junior("2", 1.0),
                junior("1", 4.0),
                junior("ZZZ", 2.0),
            ],
        ),
    ]
}

fn lines(found: &[Found]) -> Vec<String> {
    found
        .iter()
        .map(|found| found.problem.display_in(&found.file).to_string())
        .collect()
}

fn read(bytes: &[u8], options: &SheetOptions) -> Result<Imported, Refused> {
    workbook("book.xlsx", bytes, options)
}

fn imported(result: Result<Imported, Refused>) -> Imported {
    result.unwrap_or_else(|refused| panic!("refused: {:#?}", lines(refused.problems())))
}

fn titles(org: &Org) -> Vec<String> {
    common::ids(org)
        .iter()
        .map(|id| org.post(common::node(org, id)).title.to_string())
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    common::fixtures().join("sheets").join(name)
}

/// Runs orgtree in the fixtures folder with `stdin` as its standard input.
fn orgtree_fed(args: &[&str], stdin: Vec<u8>) -> Run {
    let output = assert_cmd::Command::cargo_bin("orgtree")
        .unwrap()
        .current_dir(common::fixtures())
        .env("LANG", "C.UTF-8")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn written(folder: &Path, name: &str, bytes: &[u8]) -> String {
    let path = folder.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn the_organogram_template_compares_with_its_csv_pair_with_no_changes() {
    for kind in ["xlsx", "ods", "xls"] {
        let book = format!("sheets/{PAIR}.{kind}");
        let run = orgtree(&[
            "diff",
            &book,
            &format!("organograms/{PAIR}-senior.csv"),
            "--exit-code",
        ]);
        assert_eq!(run.code, 0, "{kind}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("No changes"), "{kind}: {}", run.stdout);
        // The template's self-reporting chief executive is named by the cell of the sheet.
        assert!(
            run.stderr.contains(&format!(
                "{book}:(final data) senior-staff!K3: warning: post 'CEO' reports to itself"
            )),
            "{kind}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_template_is_read_from_its_final_data_sheets_with_the_junior_staff() {
    // Counted from the CSV pair: 4 senior posts, and the junior file's FTE added to theirs.
    let csv = |part: &str| {
        let path = common::fixtures().join(format!("organograms/{PAIR}-{part}.csv"));
        let mut reader = csv::Reader::from_path(path).unwrap();
        let headers = reader.headers().unwrap().clone();
        let column = headers
            .iter()
            .position(|h| h == "FTE" || h == "Number of Posts in FTE")
            .unwrap();
        reader
            .records()
            .map(|r| r.unwrap()[column].parse::<f64>().unwrap())
            .collect::<Vec<f64>>()
    };
    let (senior_fte, junior_fte) = (csv("senior"), csv("junior"));
    let run = orgtree(&["stats", &format!("sheets/{PAIR}.xlsx"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["posts"], senior_fte.len());
    let total: f64 = senior_fte.iter().chain(&junior_fte).sum();
    assert!(
        (stats["headcount_fte"].as_f64().unwrap() - total).abs() < 1e-9,
        "{stats}"
    );
    // Without the junior sheet, the senior posts alone.
    let run = orgtree(&[
        "stats",
        &format!("sheets/{PAIR}.ods"),
        "--json",
        "--no-junior",
    ]);
    let stats: Value = serde_json::from_str(&run.stdout).unwrap();
    let senior_total: f64 = senior_fte.iter().sum();
    assert!(
        (stats["headcount_fte"].as_f64().unwrap() - senior_total).abs() < 1e-9,
        "{stats}"
    );
}

#[test]
fn every_command_opens_a_workbook() {
    let book = format!("sheets/{PAIR}.xlsx");
    let ods = format!("sheets/{PAIR}.ods");
    for args in [
        vec!["check", book.as_str()],
        vec!["compare", book.as_str(), ods.as_str()],
        vec!["print", book.as_str()],
        vec!["stats", book.as_str()],
        vec!["export", book.as_str(), "--to", "csv"],
        vec![book.as_str()],
    ] {
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
    let print = orgtree(&["print", &book]);
    assert!(
        print
            .stdout
            .starts_with("Chief Executive (David Kennedy)  [3/3]"),
        "{}",
        print.stdout
    );
    // From standard input too, and through import.
    let bytes = std::fs::read(fixture(&format!("{PAIR}.xlsx"))).unwrap();
    let piped = orgtree_fed(&["print", "-"], bytes.clone());
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(piped.stdout, print.stdout);
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("out.json");
    let out = out.to_str().unwrap();
    let run = orgtree_fed(&["import", "sheet", "-", "-o", out], bytes);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("imported 4 posts from <stdin>"),
        "{}",
        run.stderr
    );
    let chart: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(chart["posts"].as_array().unwrap().len(), 4);
}

#[test]
fn a_problem_names_the_sheet_and_the_cell_even_after_a_line_break_in_a_cell() {
    let bytes = book(&template());
    let chart = imported(read(&bytes, &SheetOptions::default()));
    assert_eq!(titles(&chart.org)[..2], ["Director", "Deputy Director"]);
    let warnings = lines(&chart.warnings);
    // Row 3 starts on line 4 of the text: the cell is still F3.
    assert!(
        warnings.contains(&"book.xlsx:(final data) senior-staff!F3: warning: post '2' reports to unknown post '9'; loaded as a top post, its manager kept as the field \"Reports to Senior Post\"".to_owned()),
        "{warnings:#?}"
    );
    let unplaced = warnings
        .iter()
        .find(|w| w.contains("ZZZ"))
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(
        unplaced.starts_with("book.xlsx:(final data) junior-staff!D7: warning: "),
        "{unplaced}"
    );
    // The notes are kept as they were typed, line break, comma and quotes.
    let director = chart.org.post(common::node(&chart.org, "1"));
    assert_eq!(director.note.as_deref(), Some("two\nlines, \"quoted\""));
}

#[test]
fn cells_are_read_as_the_spreadsheet_shows_them() {
    let mut header = texts(&SENIOR_HEADER);
    header.extend(texts(&["Valid from", "Checked", "Lookup", "Cost code"]));
    let mut row = senior("1", "Ada Lovelace", "Director", "XX", 1.0, "");
    row.extend([
        Cell::Date(2013, 9, 30),
        Cell::Bool(true),
        Cell::Error("#N/A"),
        Number(360_510.0),
    ]);
    let bytes = book(&[("Posts", vec![header, row])]);
    let chart = imported(read(&bytes, &SheetOptions::default()));
    let post = chart.org.post(common::node(&chart.org, "1"));
    let field = |name: &str| {
        post.extra.iter().find(|(key, _)| key == name).map_or_else(
            || panic!("no {name} in {:?}", post.extra),
            |(_, value)| value.clone(),
        )
    };
    assert_eq!(field("Valid from"), "2013-09-30");
    assert_eq!(field("Checked"), "TRUE");
    assert_eq!(field("Lookup"), "#N/A");
    assert_eq!(field("Cost code"), "360510");
    assert_eq!(post.fte(), Some(1.0));
    let warnings = lines(&chart.warnings);
    assert!(
        warnings.contains(
            &"book.xlsx:Posts!K2: warning: the cell shows the error #N/A: read as that text"
                .to_owned()
        ),
        "{warnings:#?}"
    );
    // A sheet whose name says nothing: no junior sheet is looked for by its content.
    assert!(
        warnings.iter().any(|w| w.contains("no junior-staff sheet")),
        "{warnings:#?}"
    );
}

#[test]
fn the_first_sheet_is_read_unless_another_is_named() {
    let sheet = |title: &'static str| {
        vec![
            texts(&SENIOR_HEADER),
            senior("1", "N/D", title, "XX", 1.0, ""),
        ]
    };
    let bytes = book(&[("Posts", sheet("First")), ("Other", sheet("Second"))]);
    let first = imported(read(&bytes, &SheetOptions::default()));
    assert_eq!(titles(&first.org), ["First"]);
    let options = SheetOptions {
        sheet: Some("Other".into()),
        ..SheetOptions::default()
    };
    let other = imported(read(&bytes, &options));
    assert_eq!(titles(&other.org), ["Second"]);
    // A named sheet holding the template's senior staff is read with its junior sheet.
    let options = SheetOptions {
        sheet: Some("(final data) senior-staff".into()),
        ..SheetOptions::default()
    };
    let template = imported(read(&book(&template()), &options));
    assert_eq!(
        template.org.len(),
        3,
        "two posts and the one for unplaced junior staff"
    );
}

#[test]
fn a_sheet_that_is_not_there_is_refused_with_the_sheets_there_are() {
    let folder = tempfile::tempdir().unwrap();
    let path = written(folder.path(), "book.xlsx", &book(&template()));
    let run = orgtree(&["print", &path, "--sheet", "Staff"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "{path}: error: no sheet named \"Staff\": the workbook has the sheets \"(reference) senior-staff-grades\", \"(final data) senior-staff\", \"(final data) junior-staff\"\n"
        )
    );
    let out = folder.path().join("out.json");
    let run = orgtree(&[
        "import",
        "sheet",
        &path,
        "--sheet",
        "Staff",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!out.exists());
    // The junior staff alone are no chart: the senior sheet is named.
    let run = orgtree(&["print", &path, "--sheet", "(final data) junior-staff"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("this is the junior-staff sheet of an organogram (groups of junior staff, not posts): read its senior-staff sheet, \"(final data) senior-staff\""),
        "{}",
        run.stderr
    );
    // --sheet on a file that is no spreadsheet.
    let run = orgtree(&["print", "gds-after-bracken.json", "--sheet", "Staff"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--sheet names a sheet of a spreadsheet, and this is orgtree JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_sheets_of_the_two_sides_of_a_diff_are_chosen_apart() {
    let sheet = |title: &'static str| {
        vec![
            texts(&SENIOR_HEADER),
            senior("1", "N/D", title, "XX", 1.0, ""),
        ]
    };
    let folder = tempfile::tempdir().unwrap();
    let path = written(
        folder.path(),
        "book.xlsx",
        &book(&[
            ("Before", sheet("Director")),
            ("After", sheet("Director General")),
        ]),
    );
    let run = orgtree(&["diff", &path, &path, "--after-sheet", "After"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Director -> Director General")
            || run.stdout.contains("\"Director\" -> \"Director General\""),
        "{}",
        run.stdout
    );
    let same = orgtree(&[
        "diff",
        &path,
        &path,
        "--before-sheet",
        "After",
        "--after-sheet",
        "After",
    ]);
    assert!(same.stdout.contains("No changes"), "{}", same.stdout);
}

#[test]
fn a_damaged_workbook_is_a_clear_error_never_a_panic() {
    let folder = tempfile::tempdir().unwrap();
    let whole = book(&template());
    let cases = [
        (
            "truncated.xlsx",
            whole[..whole.len() / 2].to_vec(),
            "cannot read the spreadsheet: not a readable .xlsx workbook",
        ),
        (
            "header.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec(),
            "cannot read the spreadsheet: not a readable .xls workbook",
        ),
    ];
    for (name, bytes, said) in cases {
        let path = written(folder.path(), name, &bytes);
        for args in [
            vec!["check", path.as_str()],
            vec!["import", "sheet", path.as_str(), "-o", "-"],
        ] {
            let run = orgtree(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr.starts_with(&format!("{path}: error: {said}")),
                "{args:?}: {}",
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        }
    }
    // A ZIP archive with no spreadsheet in it says what it is.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let path = written(folder.path(), "notes.zip", &bytes);
    let run = orgtree(&["check", &path]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("a ZIP archive that is not a spreadsheet (.xlsx or .ods)"),
        "{}",
        run.stderr
    );
}

/// The HR export of fixtures/sheets, read by the HR reader: a post per person (rows 3 to
/// 10), the title row above the header and the totals row left out.
#[test]
fn hr_shaped_sheet_reads_a_post_per_person_and_leaves_out_the_totals_row() {
    let bytes = std::fs::read(fixture("hr-export.xlsx")).unwrap();
    let chart = imported(workbook("hr-export.xlsx", &bytes, &SheetOptions::default()));
    let org = &chart.org;
    let mut ids = common::ids(org);
    ids.sort();
    assert_eq!(
        ids,
        [
            "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008"
        ]
    );
    for (id, manager) in [
        ("E001", None),
        ("E002", Some("E001")),
        ("E003", Some("E001")),
        ("E004", Some("E002")),
        ("E005", Some("E004")),
        ("E006", Some("E003")),
        ("E007", Some("E006")),
        ("E008", Some("E003")),
    ] {
        assert_eq!(common::manager(org, id).as_deref(), manager, "{id}");
    }
    assert_eq!(titles(org)[0], "Chief Executive");
    let warnings = lines(&chart.warnings);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("hr-export.xlsx:Staff!A11: warning: ")),
        "the totals row is left out with a warning at its cell: {warnings:#?}"
    );
}
