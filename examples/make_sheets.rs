//! Writes the spreadsheets of `fixtures/sheets/` (see its README): the UK organogram template
//! filled in with the `committee_on_climate_change-2011-09-30` pair of `fixtures/organograms/`,
//! as an `.xlsx` workbook and as an `.ods` spreadsheet, and an HR export with a title row
//! merged across its header and a totals row.
//!
//! Run: `cargo run --example make_sheets`

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};

/// The pair the template is filled in with.
const PAIR: &str = "committee_on_climate_change-2011-09-30";

/// Columns a person filling in the template types numbers in.
const NUMBERS: [&str; 7] = [
    "Salary Cost of Reports (£)",
    "FTE",
    "Actual Pay Floor (£)",
    "Actual Pay Ceiling (£)",
    "Payscale Minimum (£)",
    "Payscale Maximum (£)",
    "Number of Posts in FTE",
];

/// A sheet: its name and its rows of cells, the header first.
struct Sheet {
    name: &'static str,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    /// Whether the cell at `column` is typed as a number.
    fn number(&self, column: usize, text: &str) -> Option<f64> {
        let header = self.rows.first()?.get(column)?;
        if NUMBERS.contains(&header.as_str()) {
            text.parse().ok()
        } else {
            None
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("fixtures/sheets");
    std::fs::create_dir_all(&out)?;
    let csv = |part: &str| read_csv(&root.join(format!("fixtures/organograms/{PAIR}-{part}.csv")));
    // The template's reference sheets come first, and have "senior" in a name too.
    let sheets = [
        Sheet {
            name: "(reference) senior-staff-grades",
            rows: vec![
                vec!["Grade".into(), "Description".into()],
                vec!["SCS1".into(), "Deputy Director".into()],
                vec!["SCS2".into(), "Director".into()],
                vec!["SCS3".into(), "Director General".into()],
            ],
        },
        Sheet {
            name: "(final data) senior-staff",
            rows: csv("senior")?,
        },
        Sheet {
            name: "(final data) junior-staff",
            rows: csv("junior")?,
        },
        Sheet {
            name: "(reference) units",
            rows: vec![
                vec!["Unit".into()],
                vec!["Committee on Climate Change".into()],
            ],
        },
    ];
    write_xlsx(&sheets, &out.join(format!("{PAIR}.xlsx")))?;
    write_ods(&sheets, &out.join(format!("{PAIR}.ods")))?;
    write_hr(&out.join("hr-export.xlsx"))?;
    Ok(())
}

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record?.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// A workbook whose properties do not change from run to run.
fn workbook() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let made = ExcelDateTime::from_ymd(2024, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    Ok(book)
}

fn write_xlsx(sheets: &[Sheet], path: &Path) -> Result<(), XlsxError> {
    let mut book = workbook()?;
    for sheet in sheets {
        let worksheet = book.add_worksheet();
        worksheet.set_name(sheet.name)?;
        for (row, cells) in sheet.rows.iter().enumerate() {
            let row = u32::try_from(row).expect("a small sheet");
            for (column, text) in cells.iter().enumerate() {
                let at = u16::try_from(column).expect("a small sheet");
                if text.is_empty() {
                    continue;
                }
                match sheet.number(column, text) {
                    Some(number) if row > 0 => worksheet.write_number(row, at, number)?,
                    _ => worksheet.write_string(row, at, text)?,
                };
            }
        }
    }
    book.save(path)
}

/// An `OpenDocument` spreadsheet, as small as it may be: `mimetype` first and stored, the
/// manifest, and the content.
fn write_ods(sheets: &[Sheet], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use zip::write::SimpleFileOptions;
    let mut content = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>\n",
    );
    for sheet in sheets {
        let _ = writeln!(content, "<table:table table:name=\"{}\">", xml(sheet.name));
        for (row, cells) in sheet.rows.iter().enumerate() {
            content.push_str("<table:table-row>");
            for (column, text) in cells.iter().enumerate() {
                match sheet.number(column, text) {
                    _ if text.is_empty() => content.push_str("<table:table-cell/>"),
                    Some(number) if row > 0 => {
                        let _ = write!(
                            content,
                            "<table:table-cell office:value-type=\"float\" office:value=\"{number}\"><text:p>{}</text:p></table:table-cell>",
                            xml(text)
                        );
                    }
                    _ => {
                        let _ = write!(
                            content,
                            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                            xml(text)
                        );
                    }
                }
            }
            content.push_str("</table:table-row>\n");
        }
        content.push_str("</table:table>\n");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n</manifest:manifest>\n";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(content.as_bytes())?;
    zip.finish()?;
    Ok(())
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Id, name, title, manager's id, department, start date (year, month, day), salary.
type Person = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (u16, u8, u8),
    f64,
);

/// An HR system's staff list as people keep it: a title merged across the header, then the
/// header, a row a person, and a totals row.
fn write_hr(path: &Path) -> Result<(), XlsxError> {
    let staff: [Person; 8] = [
        (
            "E001",
            "Alice Moreno",
            "Chief Executive",
            "",
            "Executive",
            (2015, 4, 1),
            180_000.0,
        ),
        (
            "E002",
            "Ben Okafor",
            "Finance Director",
            "E001",
            "Finance",
            (2017, 9, 12),
            120_000.0,
        ),
        (
            "E003",
            "Chloe Park",
            "Operations Director",
            "E001",
            "Operations",
            (2018, 1, 8),
            118_000.0,
        ),
        (
            "E004",
            "Dev Shah",
            "Financial Controller",
            "E002",
            "Finance",
            (2019, 3, 4),
            78_000.0,
        ),
        (
            "E005",
            "Ellen Ryan",
            "Payroll Officer",
            "E004",
            "Finance",
            (2021, 6, 21),
            41_000.0,
        ),
        (
            "E006",
            "Farid Haddad",
            "Logistics Manager",
            "E003",
            "Operations",
            (2016, 11, 14),
            64_000.0,
        ),
        (
            "E007",
            "Grace Liu",
            "Warehouse Supervisor",
            "E006",
            "Operations",
            (2022, 2, 1),
            38_500.0,
        ),
        (
            "E008",
            "Hamish Byrne",
            "Customer Service Lead",
            "E003",
            "Operations",
            (2020, 8, 17),
            39_750.5,
        ),
    ];
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    sheet.set_name("Staff")?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.merge_range(
        0,
        0,
        0,
        6,
        "Northwind Trading: staff list, 31 March 2024",
        &bold,
    )?;
    let header = [
        "Employee ID",
        "Full Name",
        "Job Title",
        "Manager ID",
        "Department",
        "Start Date",
        "Salary",
    ];
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string_with_format(1, column, name, &bold)?;
    }
    let mut total = 0.0;
    for (row, (id, name, title, manager, unit, (y, m, d), salary)) in (2u32..).zip(staff) {
        sheet.write_string(row, 0, id)?;
        sheet.write_string(row, 1, name)?;
        sheet.write_string(row, 2, title)?;
        if !manager.is_empty() {
            sheet.write_string(row, 3, manager)?;
        }
        sheet.write_string(row, 4, unit)?;
        sheet.write_date_with_format(row, 5, ExcelDateTime::from_ymd(y, m, d)?, &date)?;
        sheet.write_number(row, 6, salary)?;
        total += salary;
    }
    sheet.write_string_with_format(10, 0, "Total", &bold)?;
    sheet.write_formula(
        10,
        6,
        Formula::new("=SUM(G3:G10)").set_result(total.to_string()),
    )?;
    book.save(path)
}
