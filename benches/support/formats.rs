//! One chart written in each format orgtree reads besides its own JSON, so that the readers
//! can be timed on the same posts: an HR export CSV, the organogram CSV pair, an LDIF
//! directory and an `.xlsx` workbook of the HR export.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use orgtree::org::{Org, save};
use orgtree::report::export::write_organogram;

/// The HR export's columns: managers by email.
const HR_HEADER: [&str; 6] = [
    "Employee ID",
    "Name",
    "Email",
    "Job Title",
    "Department",
    "Manager Email",
];

/// The HR export's rows, the header first: one row a post, managers by email.
fn hr_rows(org: &Org) -> impl Iterator<Item = [String; 6]> + '_ {
    let email = |node| format!("{}@example.org", org.post(node).id().as_str());
    let header = HR_HEADER.map(str::to_owned);
    std::iter::once(header).chain(org.posts().map(move |node| {
        let post = org.post(node);
        [
            post.id().as_str().to_owned(),
            post.holder.name().unwrap_or_default().to_owned(),
            email(node),
            post.title.to_string(),
            post.unit.as_deref().unwrap_or_default().to_owned(),
            org.manager(node).map(email).unwrap_or_default(),
        ]
    }))
}

/// The chart as an HR export CSV.
pub fn hr_csv(org: &Org) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in hr_rows(org) {
        writer.write_record(&row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// The chart as the organogram pair: the senior file as `orgtree export --to organogram`
/// writes it, and a junior file of its staff groups.
pub fn organogram_pair(org: &Org) -> (String, String) {
    let mut senior = Vec::new();
    write_organogram(org, &mut senior).unwrap();
    let mut junior = csv::Writer::from_writer(Vec::new());
    junior
        .write_record([
            "Parent Department",
            "Organisation",
            "Unit",
            "Reporting Senior Post",
            "Grade",
            "Payscale Minimum (£)",
            "Payscale Maximum (£)",
            "Generic Job Title",
            "Number of Posts in FTE",
            "Professional/Occupational Group",
        ])
        .unwrap();
    for node in org.posts() {
        let post = org.post(node);
        for group in &post.staff {
            let pay = |f: fn(orgtree::org::Cost) -> f64| {
                group.cost.map(|c| f(c).to_string()).unwrap_or_default()
            };
            junior
                .write_record([
                    "Generated",
                    "Generated",
                    post.unit.as_deref().unwrap_or_default(),
                    post.id().as_str(),
                    group.grade.as_deref().unwrap_or_default(),
                    &pay(orgtree::org::Cost::low),
                    &pay(orgtree::org::Cost::high),
                    group.title.as_deref().unwrap_or_default(),
                    &group.fte.unwrap_or(1.0).to_string(),
                    "",
                ])
                .unwrap();
        }
    }
    let text = |bytes| String::from_utf8(bytes).unwrap();
    (text(senior), text(junior.into_inner().unwrap()))
}

/// The chart as `ldapsearch -LLL` would print its directory: a person a post.
pub fn directory(org: &Org) -> String {
    let dn = |id: &str| format!("uid={id},ou=People,dc=example,dc=com");
    let mut text = String::new();
    for node in org.posts() {
        let post = org.post(node);
        let id = post.id().as_str();
        let name = post.holder.name().unwrap_or("Vacant");
        let _ = write!(
            text,
            "dn: {}\nobjectClass: top\nobjectClass: person\nobjectClass: inetOrgPerson\nuid: {id}\ncn: {name}\ntitle: {}\nmail: {id}@example.com\n",
            dn(id),
            post.title
        );
        if let Some(unit) = &post.unit {
            let _ = writeln!(text, "department: {unit}");
        }
        if let Some(manager) = org.manager(node) {
            let _ = writeln!(text, "manager: {}", dn(org.post(manager).id().as_str()));
        }
        text.push('\n');
    }
    text
}

/// The HR export as an `.xlsx` workbook of one sheet, written a row at a time.
pub fn write_xlsx(org: &Org, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    for (row, cells) in hr_rows(org).enumerate() {
        let row = u32::try_from(row).unwrap();
        for (column, text) in (0u16..).zip(&cells) {
            if !text.is_empty() {
                sheet.write_string(row, column, text).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// The files of one chart, in a folder of their own.
pub struct Files {
    pub json: PathBuf,
    pub hr_csv: PathBuf,
    /// The senior file; the junior file is beside it.
    pub organogram: PathBuf,
    pub ldif: PathBuf,
    /// `None` when not asked for.
    pub xlsx: Option<PathBuf>,
}

/// Writes `org` in every format into `folder`; the workbook only when `xlsx` says so.
pub fn write_all(org: &Org, folder: &Path, xlsx: bool) -> Files {
    let json = folder.join("chart.json");
    save::save_atomic(org, &json).unwrap();
    let hr_csv = folder.join("people.csv");
    std::fs::write(&hr_csv, self::hr_csv(org)).unwrap();
    let (senior, junior) = organogram_pair(org);
    let organogram = folder.join("chart-senior.csv");
    std::fs::write(&organogram, senior).unwrap();
    std::fs::write(folder.join("chart-junior.csv"), junior).unwrap();
    let ldif = folder.join("people.ldif");
    std::fs::write(&ldif, directory(org)).unwrap();
    let xlsx = xlsx.then(|| {
        let path = folder.join("people.xlsx");
        write_xlsx(org, &path);
        path
    });
    Files {
        json,
        hr_csv,
        organogram,
        ldif,
        xlsx,
    }
}
