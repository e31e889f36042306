//! Importing UK organograms ("Organogram of Staff Roles & Salaries", the senior and junior
//! CSV files of data.gov.uk) through the library: a clean published pair, each quirk real
//! files have, problems at their file, row and column, counts that match the CSV files, and
//! round trips through orgtree JSON; and the same through `orgtree import organogram`.

use crate::common;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use orgtree::org::metrics::Stats;
use orgtree::org::{Cost, Holder, Org, Post, Severity, Staff, save};
use orgtree::read::organogram::{decode, decode_with_note, organogram};
use orgtree::read::{Found, Imported};
use orgtree::read::{LoadOptions, load_str};
use serde_json::{Value, json};

use common::orgtree;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/organogram")
        .join(name)
}

fn input(name: &str) -> String {
    let path = path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Problems as `orgtree check` prints them.
fn lines(problems: &[Found]) -> Vec<String> {
    problems
        .iter()
        .map(|found| found.problem.display_in(&found.file).to_string())
        .collect()
}

fn imported(result: Result<Imported, Vec<Found>>) -> Imported {
    match result {
        Ok(imported) => imported,
        Err(problems) => panic!("refused: {:#?}", lines(&problems)),
    }
}

fn refused(result: Result<Imported, Vec<Found>>) -> Vec<String> {
    match result {
        Ok(imported) => panic!(
            "not refused; {} posts, warnings {:?}",
            imported.org.len(),
            lines(&imported.warnings)
        ),
        Err(problems) => lines(&problems),
    }
}

/// Imports a pair of files of tests/organogram.
fn import(senior: &str, junior: Option<&str>) -> Result<Imported, Vec<Found>> {
    let senior_text = input(senior);
    let junior_text = junior.map(input);
    organogram((senior, &senior_text), junior.zip(junior_text.as_deref()))
}

fn post<'a>(org: &'a Org, id: &str) -> &'a Post {
    org.post(common::node(org, id))
}

fn field<'a>(post: &'a Post, name: &str) -> Option<&'a Value> {
    post.extra
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn staff_field<'a>(group: &'a Staff, name: &str) -> Option<&'a Value> {
    group
        .extra
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A CSV file read independently of the importer: each row as header -> value, both
/// trimmed, rows with no value left out.
fn table(name: &str) -> Vec<HashMap<String, String>> {
    let text = input(name);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV row");
            headers
                .iter()
                .zip(record.iter())
                .filter(|(header, _)| !header.is_empty())
                .map(|(header, value)| (header.clone(), value.trim().to_owned()))
                .collect::<HashMap<_, _>>()
        })
        .filter(|row| row.values().any(|value| !value.is_empty()))
        .collect()
}

fn eliminated(row: &HashMap<String, String>) -> bool {
    row["Name"]
        .trim_matches('"')
        .eq_ignore_ascii_case("eliminated")
}

/// The senior posts of a senior file: distinct references (a job share is one post, and
/// `5.0` is `5`) of the rows that are not eliminated.
fn senior_posts(rows: &[HashMap<String, String>]) -> usize {
    rows.iter()
        .filter(|row| !eliminated(row))
        .map(|row| {
            let id = &row["Post Unique Reference"];
            id.strip_suffix(".0").unwrap_or(id).to_owned()
        })
        .collect::<HashSet<_>>()
        .len()
}

/// The FTE of the senior rows that are not eliminated (1 where a row gives no number) and
/// of every junior row.
fn total_fte(senior: &[HashMap<String, String>], junior: &[HashMap<String, String>]) -> f64 {
    let senior: f64 = senior
        .iter()
        .filter(|row| !eliminated(row))
        .map(|row| row["FTE"].parse::<f64>().unwrap_or(1.0))
        .sum();
    let junior: f64 = junior
        .iter()
        .map(|row| {
            row.get("Number of Posts in FTE")
                .or_else(|| row.get("Number of Posts (FTE)"))
                .expect("an FTE column")
                .parse::<f64>()
                .expect("a junior FTE")
        })
        .sum();
    senior + junior
}

/// The chart saved as orgtree JSON loads back as the same chart, with no problem.
fn assert_round_trip(org: &Org) {
    let json = save::to_json(org);
    let loaded = load_str(&json, LoadOptions::default())
        .unwrap_or_else(|error| panic!("{:?}\n{json}", error.problems()));
    assert!(loaded.warnings.is_empty(), "{:?}\n{json}", loaded.warnings);
    assert_eq!(save::to_json(&loaded.org), json);
    assert_eq!(common::ids(&loaded.org), common::ids(org));
}

/// The pairs that import, with the warnings each gives.
const PAIRS: &[(&str, Option<&str>)] = &[
    ("nswo-senior.csv", Some("nswo-junior.csv")),
    ("index-senior.csv", Some("index-junior.csv")),
    ("bom-crlf-senior.csv", Some("bom-crlf-junior.csv")),
    ("markers-senior.csv", Some("markers-junior.csv")),
    ("nd-senior.csv", None),
];

#[test]
fn a_published_pair_imports_with_no_problem() {
    let Imported { org, warnings, .. } =
        imported(import("nswo-senior.csv", Some("nswo-junior.csv")));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(
        org.meta.name.as_deref(),
        Some("National Space Weather Office")
    );
    assert_eq!(
        org.meta.source.as_deref(),
        Some("imported from nswo-senior.csv and nswo-junior.csv")
    );
    assert_eq!(org.len(), 15);
    assert_eq!(
        org.tops()
            .iter()
            .map(|&n| org.post(n).id().as_str())
            .collect::<Vec<_>>(),
        ["CEO"]
    );
    // Siblings in file order.
    let reports: Vec<&str> = org
        .reports(common::node(&org, "CEO"))
        .iter()
        .map(|&n| org.post(n).id().as_str())
        .collect();
    assert_eq!(
        reports,
        ["DIR-OPS", "DIR-SCI", "DIR-CORP", "CHIEF-SCI", "DD-COMMS"]
    );
    assert_eq!(
        common::manager(&org, "DD-DIGITAL").as_deref(),
        Some("DIR-CORP")
    );

    let ceo = post(&org, "CEO");
    assert_eq!(&*ceo.title, "Chief Executive");
    assert_eq!(ceo.holder.name(), Some("Helen Marsh"));
    assert_eq!(ceo.grade.as_deref(), Some("SCS3"));
    assert_eq!(ceo.unit.as_deref(), Some("Executive Office"));
    assert_eq!(ceo.fte(), Some(1.0));
    assert_eq!(ceo.note, None);
    // The pay floor and ceiling are the post's cost range.
    assert_eq!(ceo.cost, Cost::range(135_000.0, 139_999.0));
    // Every other column is kept under its header, amounts as numbers; the blank Total Pay
    // column and empty cells are not.
    let kept: Vec<(&str, &Value)> = ceo.extra.iter().map(|(k, v)| (k.as_str(), v)).collect();
    assert_eq!(
        kept,
        [
            (
                "Job/Team Function",
                &json!("Leads the Office and is its accounting officer")
            ),
            (
                "Parent Department",
                &json!("Department for Science, Innovation and Technology")
            ),
            ("Organisation", &json!("National Space Weather Office")),
            ("Contact Phone", &json!("020 7946 0000")),
            ("Contact E-mail", &json!("enquiries@nswo.example.gov.uk")),
            ("Salary Cost of Reports (£)", &json!(0)),
            ("Professional/Occupational Group", &json!("Policy")),
            ("Valid?", &json!("1")),
        ]
    );

    let corp = post(&org, "DIR-CORP");
    assert!(corp.is_vacant());
    assert_eq!(
        corp.note.as_deref(),
        Some("Interim cover by Head of Finance")
    );
    assert_eq!(post(&org, "DD-ALERTS").holder, Holder::Undisclosed);
    assert_eq!(post(&org, "CHIEF-SCI").fte(), Some(0.6));

    let alerts = &post(&org, "DD-ALERTS").staff;
    let groups: Vec<(Option<&str>, Option<&str>, Option<f64>)> = alerts
        .iter()
        .map(|g| (g.title.as_deref(), g.grade.as_deref(), g.fte))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("Duty Forecaster"), Some("SEO"), Some(12.0)),
            (Some("Operational Meteorologist"), Some("HEO"), Some(8.4)),
            (Some("Alerts Support Officer"), Some("EO"), Some(4.0)),
        ]
    );
    let forecaster = &alerts[0];
    // The payscale is for one full-time post: 12 FTE at 36,000 to 41,999.
    assert_eq!(forecaster.cost, Cost::range(432_000.0, 503_988.0));
    assert_eq!(staff_field(forecaster, "Payscale Minimum (£)"), None);
    assert_eq!(staff_field(forecaster, "Payscale Maximum (£)"), None);
    assert_eq!(staff_field(forecaster, "Unit"), Some(&json!("Operations")));
    assert_eq!(
        staff_field(forecaster, "Professional/Occupational Group"),
        Some(&json!("Operational Delivery"))
    );
    // The reporting post is the group's place, not a field of it.
    assert_eq!(staff_field(forecaster, "Reporting Senior Post"), None);
    assert_eq!(post(&org, "DIR-SCI").staff.len(), 1);
}

#[test]
fn pay_bands_give_the_cost_range_the_csv_files_add_up_to() {
    // Counted from the files themselves: each senior row's pay floor and ceiling, each
    // junior row's payscale minimum and maximum times its FTE.
    let (senior, junior) = ("nswo-senior.csv", "nswo-junior.csv");
    let org = imported(import(senior, Some(junior))).org;
    let amount = |row: &HashMap<String, String>, column: &str| -> f64 {
        row[column].parse().expect("a number")
    };
    let (mut low, mut high) = (0.0, 0.0);
    for row in table(senior) {
        low += amount(&row, "Actual Pay Floor (£)");
        high += amount(&row, "Actual Pay Ceiling (£)");
    }
    for row in table(junior) {
        let fte = amount(&row, "Number of Posts in FTE");
        low += fte * amount(&row, "Payscale Minimum (£)");
        high += fte * amount(&row, "Payscale Maximum (£)");
    }
    let cost = Stats::of(&org).cost.expect("a cost");
    assert!(close(cost.low(), low), "{cost:?}: {low} in the files");
    assert!(close(cost.high(), high), "{cost:?}: {high} in the files");
    assert!(cost.is_range());
    assert_round_trip(&org);
}

#[test]
fn senior_posts_and_total_fte_match_the_csv_files() {
    for &(senior, junior) in PAIRS {
        let org = imported(import(senior, junior)).org;
        let senior_rows = table(senior);
        let junior_rows = junior.map(table).unwrap_or_default();
        let stats = Stats::of(&org);
        assert_eq!(stats.posts, senior_posts(&senior_rows), "{senior}");
        let expected = total_fte(&senior_rows, &junior_rows);
        assert!(
            close(stats.headcount_fte, expected),
            "{senior}: {} FTE imported, {expected} in the files",
            stats.headcount_fte
        );
        let staff_groups: usize = org.posts().map(|n| org.post(n).staff.len()).sum();
        assert_eq!(staff_groups, junior_rows.len(), "{senior}");
    }
    // The published pair, counted by hand as well.
    let org = imported(import("nswo-senior.csv", Some("nswo-junior.csv"))).org;
    assert!(close(Stats::of(&org).headcount_fte, 14.6 + 69.6));
}

#[test]
fn every_pair_saves_and_loads_back_as_the_same_chart() {
    for &(senior, junior) in PAIRS {
        let org = imported(import(senior, junior)).org;
        assert_round_trip(&org);
    }
}

#[test]
fn an_index_column_a_blank_total_pay_header_numbers_as_floats_and_children_first() {
    let Imported { org, warnings, .. } =
        imported(import("index-senior.csv", Some("index-junior.csv")));
    assert_eq!(
        lines(&warnings),
        [
            "index-senior.csv:1:1: warning: column 1 has no header: its values (first at line 2) are left out",
            "index-senior.csv:1:17: warning: column 17 has no header: its values (first at line 2) are left out",
            "index-junior.csv:1:1: warning: column 1 has no header: its values (first at line 2) are left out",
        ]
    );
    assert_eq!(org.meta.name.as_deref(), Some("Small Satellite Agency"));
    // `2.0` in the id column and `1.0` or `1` in the reports-to column name the same posts;
    // the chief executive comes last in the file but is the top.
    assert_eq!(common::ids(&org), ["1", "2", "3", "5", "6", "4", "7"]);
    assert_eq!(common::manager(&org, "2").as_deref(), Some("1"));
    assert_eq!(common::manager(&org, "4").as_deref(), Some("1"));
    assert_eq!(common::manager(&org, "5").as_deref(), Some("3"));
    assert_eq!(common::manager(&org, "6").as_deref(), Some("3"));
    assert_eq!(common::manager(&org, "1"), None);
    // `Grade` as in older files, codes in capitals whatever their case.
    let grades: Vec<Option<&str>> = ["1", "2", "3", "5", "4"]
        .iter()
        .map(|id| post(&org, id).grade.as_deref())
        .collect();
    assert_eq!(
        grades,
        [
            Some("SCS2"),
            Some("SCS1"),
            Some("OF-6"),
            Some("OF-7"),
            Some("SCS1")
        ]
    );
    // Trailing spaces go.
    assert_eq!(post(&org, "3").holder.name(), Some("Chris Castle"));
    assert_eq!(&*post(&org, "5").title, "Head of Technology Exchange");
    assert_eq!(post(&org, "6").note.as_deref(), Some("Works part time"));
    assert_eq!(
        field(post(&org, "2"), "Contact Phone"),
        Some(&json!("01793 418 056"))
    );
    // Numbers written 360510.0.
    assert_eq!(
        field(post(&org, "2"), "Salary Cost of Reports (£)"),
        Some(&json!(360_510))
    );
    assert_eq!(post(&org, "6").fte(), Some(0.6));
    let kept: Vec<&str> = post(&org, "2")
        .extra
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert!(!kept.contains(&""), "{kept:?}");
    // Junior rows reporting to `5.0` and `3` find posts 5 and 3; grades as codes or as given.
    let staff = |id: &str| -> Vec<(Option<String>, Option<String>, Option<f64>)> {
        post(&org, id)
            .staff
            .iter()
            .map(|g| {
                (
                    g.title.as_deref().map(str::to_owned),
                    g.grade.as_deref().map(str::to_owned),
                    g.fte,
                )
            })
            .collect()
    };
    assert_eq!(
        staff("5"),
        [(
            Some("Knowledge Manager".into()),
            Some("Grade 7".into()),
            Some(1.0)
        )]
    );
    assert_eq!(
        staff("3"),
        [(
            Some("Programme Manager".into()),
            Some("grade 7".into()),
            Some(2.0)
        )]
    );
    assert_eq!(
        staff("2"),
        [(
            Some("Senior Policy Adviser".into()),
            Some("SEO".into()),
            Some(1.0)
        )]
    );
    assert_eq!(
        staff("7"),
        [(
            Some("Support Officer".into()),
            Some("EA (London)".into()),
            Some(0.5)
        )]
    );
}

#[test]
fn a_byte_order_mark_crlf_quoted_fields_and_header_variants() {
    let Imported { org, warnings, .. } =
        imported(import("bom-crlf-senior.csv", Some("bom-crlf-junior.csv")));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(common::ids(&org), ["HO1", "HO2", "HO3"]);
    // `Reports To Senior Post` in another case.
    assert_eq!(common::manager(&org, "HO3").as_deref(), Some("HO1"));
    let ho2 = post(&org, "HO2");
    assert_eq!(ho2.holder.name(), Some("Ben Ward"));
    // A quoted note over two lines keeps its line break (as LF, as the format writes it).
    assert_eq!(ho2.note.as_deref(), Some("Also covers\nregional offices"));
    // Other variants are kept under the template's header, so that an export writes them
    // back in their column.
    assert_eq!(
        field(ho2, "Contact E-mail"),
        Some(&json!("standards@tsa.example.gov.uk"))
    );
    assert_eq!(field(ho2, "Valid?"), Some(&json!("1")));
    assert_eq!(field(ho2, "Contact Email"), None);
    assert_eq!(
        field(ho2, "Salary Cost of Reports (£)"),
        Some(&json!(250_000))
    );
    assert!(post(&org, "HO3").is_vacant());
    // `Number of Posts (FTE)` for `Number of Posts in FTE`.
    let investigators = &post(&org, "HO3").staff;
    assert_eq!(investigators.len(), 1);
    assert_eq!(investigators[0].fte, Some(6.5));
    assert_eq!(investigators[0].title.as_deref(), Some("Investigator"));
}

#[test]
fn job_shares_top_posts_vacancies_undisclosed_names_and_eliminated_posts() {
    let Imported { org, warnings, .. } =
        imported(import("markers-senior.csv", Some("markers-junior.csv")));
    assert_eq!(
        lines(&warnings),
        [
            "markers-senior.csv:6:1: warning: post 'D-FLOOD': a second row (first at line 5) with the same \"Post Unique Reference\", \"Job Title\" and \"Reports to Senior Post\": read as a job share, holders joined and FTE added",
            "markers-senior.csv:7:2: warning: post 'D-OLD' (Director of Canal Transition): \"Name\" is 'Eliminated': the post is left out",
            "markers-senior.csv:8:11: warning: post 'DD-LOCKS': \"Reports to Senior Post\" is 'D-OLD', which is eliminated: moved up to 'DG-OPS'",
            "markers-senior.csv:9:2: warning: post 'D-OLYMPIC' (Olympic Regatta Lead): \"Name\" is '\"Eliminated\"': the post is left out",
            "markers-junior.csv:3:4: warning: junior staff: \"Reporting Senior Post\" is 'D-OLYMPIC', which is eliminated: moved up to 'PS'",
        ]
    );
    // `XX` and `xx`: two top posts.
    let tops: Vec<&str> = org
        .tops()
        .iter()
        .map(|&n| org.post(n).id().as_str())
        .collect();
    assert_eq!(tops, ["PS", "CHAIR"]);
    // `Vacant` in any case.
    let chair = post(&org, "CHAIR");
    assert!(chair.is_vacant());
    assert_eq!(chair.fte(), Some(0.4));
    assert!(post(&org, "DD-LOCKS").is_vacant());
    // `N/D` in any case is a holder not disclosed: neither vacant nor named.
    assert_eq!(post(&org, "DG-OPS").holder, Holder::Undisclosed);
    assert_eq!(post(&org, "DD-WEIRS").holder, Holder::Undisclosed);
    assert!(!post(&org, "DD-WEIRS").is_vacant());
    // The job share: one post, holders joined, FTE added, differing fields joined.
    let flood = post(&org, "D-FLOOD");
    assert_eq!(flood.holder.name(), Some("Ann Lee / Raj Patel"));
    assert!(close(flood.fte().unwrap_or_default(), 1.1));
    assert_eq!(flood.note.as_deref(), Some("Job share"));
    assert_eq!(
        field(flood, "Contact Phone"),
        Some(&json!("0300 100 0003 / 0300 100 0004"))
    );
    assert_eq!(
        field(flood, "Salary Cost of Reports (£)"),
        Some(&json!(640_000))
    );
    assert_eq!(
        common::manager(&org, "DD-WEIRS").as_deref(),
        Some("D-FLOOD")
    );
    assert_eq!(flood.staff.len(), 1);
    // Eliminated posts are left out; their reports and staff move up.
    assert_eq!(org.find("D-OLD"), None);
    assert_eq!(org.find("D-OLYMPIC"), None);
    assert_eq!(common::manager(&org, "DD-LOCKS").as_deref(), Some("DG-OPS"));
    let ps_staff: Vec<Option<&str>> = post(&org, "PS")
        .staff
        .iter()
        .map(|g| g.title.as_deref())
        .collect();
    assert_eq!(ps_staff, [Some("Events Officer")]);
    assert_eq!(org.len(), 6);
}

#[test]
fn not_disclosed_numbers_pound_signs_and_thousands() {
    let Imported { org, warnings, .. } = imported(import("nd-senior.csv", None));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(
        org.meta.source.as_deref(),
        Some("imported from nd-senior.csv")
    );
    // No Organisation or Parent Department column: no name.
    assert_eq!(org.meta.name, None);
    let ce = post(&org, "CE");
    assert_eq!(ce.holder.name(), Some("Lena Ortiz"));
    assert_eq!(&*ce.title, "Chief Executive");
    assert_eq!(
        field(ce, "Salary Cost of Reports (£)"),
        Some(&json!(1_234_567))
    );
    assert_eq!(ce.cost, Cost::range(95_000.0, 99_999.0));
    assert_eq!(
        field(ce, "Actual Pay Floor (£)"),
        None,
        "held once, as the cost"
    );
    // N/D in the FTE column: no FTE, the text kept; in the pay columns, the text kept.
    let dir = post(&org, "DIR");
    assert_eq!(dir.fte(), None);
    assert_eq!(field(dir, "FTE"), Some(&json!("N/D")));
    assert_eq!(field(dir, "Actual Pay Floor (£)"), Some(&json!("N/D")));
    assert_eq!(dir.cost, None, "no pay band, no cost");
    assert_eq!(
        field(dir, "Salary Cost of Reports (£)"),
        Some(&json!("N/D"))
    );
    assert_eq!(dir.note.as_deref(), Some("Pay not disclosed"));
    let dep = post(&org, "DEP");
    assert_eq!(dep.fte(), Some(0.8));
    assert_eq!(
        field(dep, "Salary Cost of Reports (£)"),
        Some(&json!(1_020_000.5))
    );
}

#[test]
fn problems_come_all_at_once_with_file_row_column_and_column_name() {
    let problems = refused(import("problems-senior.csv", Some("problems-junior.csv")));
    // The first cell holds a line break: from there on, rows are a line behind.
    assert_eq!(
        problems,
        [
            "problems-senior.csv:4:11: warning: reporting loop: 'A' -> 'B' -> 'A' (each reports to the next); its posts are loaded as top posts (spreadsheet row 3)",
            "problems-senior.csv:6:11: warning: post 'C' reports to unknown post 'TOPP'; loaded as a top post, its manager kept as the field \"Reports to Senior Post\" (spreadsheet row 5)",
            "problems-senior.csv:8:1: warning: duplicate id 'D' (first used on line 7): with another \"Job Title\": another post; loaded as 'D~2' (spreadsheet row 7)",
            "problems-senior.csv:9:1: warning: post #9 \"Deputy Director E\" has no id; loaded as 'post-9' (spreadsheet row 8)",
            "problems-senior.csv:10:13: error: post 'F': \"FTE\" is '-1', which is negative (spreadsheet row 9)",
            "problems-junior.csv:3:4: warning: junior staff: \"Reporting Senior Post\" is 'X9', which is not a post in problems-senior.csv: kept under the post 'unplaced' (\"Unplaced junior staff\")",
            "problems-junior.csv:3:4: warning: 2 junior rows (3 FTE) with no senior post in problems-senior.csv: kept under the post 'unplaced' (\"Unplaced junior staff\"), a post added to hold them",
            "problems-junior.csv:4:4: warning: junior staff: \"Reporting Senior Post\" is blank: kept under the post 'unplaced' (\"Unplaced junior staff\")",
        ]
    );
}

const SENIOR_HEADER: &str =
    "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE";

fn senior_only(text: &str) -> Result<Imported, Vec<Found>> {
    organogram(("senior.csv", text), None)
}

#[test]
fn a_row_given_again_is_one_post_and_a_reference_reused_for_another_post_is_a_post_of_its_own() {
    let text = format!(
        "{SENIOR_HEADER}\n\
         1,Ann Lee,SCS2,Director,Ops,XX,1\n\
         2,Bo Tan,SCS1,Deputy,Ops,1,0.5\n\
         2,Bo Tan,SCS1,Deputy,Ops,1,0.5\n\
         3,Cy Dale,SCS1,Head,Ops,1,0.5\n\
         3,Di Eng,SCS1,Head,Ops,2,0.5\n\
         4,Ed Fox,SCS1,Lead,Ops,1,0.5\n\
         4,Ed Fox,SCS1,Lead,Ops,1,1\n"
    );
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:4:1: warning: post '2': the row at line 3 given again, with the same \"Post Unique Reference\", \"Job Title\", \"Reports to Senior Post\" and \"Name\": read as one post",
            "senior.csv:6:1: warning: duplicate id '3' (first used on line 5): with another \"Reports to Senior Post\": another post; loaded as '3~2'",
            "senior.csv:8:1: warning: duplicate id '4' (first used on line 7): naming 'Ed Fox' again with another \"FTE\": another post; loaded as '4~2'",
        ]
    );
    // In tree order: the second "3" reports to "2".
    assert_eq!(common::ids(&org), ["1", "2", "3~2", "3", "4", "4~2"]);
    // A row given again is not a job share: its FTE is not added.
    assert_eq!(post(&org, "2").fte(), Some(0.5));
    assert_eq!(post(&org, "2").holder.name(), Some("Bo Tan"));
    assert_eq!(common::manager(&org, "3~2").as_deref(), Some("2"));
    assert_eq!(post(&org, "3~2").holder.name(), Some("Di Eng"));
    assert_eq!(post(&org, "4~2").fte(), Some(1.0));
}

#[test]
fn rows_repeated_by_the_exporter_keep_both_sources_and_placeholder_references_are_posts_of_their_own()
 {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE,source_file\n\
                1,Ann Lee,Director,XX,1,a.xls\n\
                1,Ann Lee,Director,XX,1,b.xls\n\
                0,N/D,Not in post,1,1,a.xls\n\
                0,N/D,Not in post,1,1,a.xls\n\
                0,N/D,Not in Post,1,0.5,a.xls\n";
    let Imported { org, warnings, .. } = imported(senior_only(text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:3:1: warning: post '1': the row at line 2 given again, with the same \"Post Unique Reference\", \"Job Title\", \"Reports to Senior Post\" and \"Name\": read as one post; where they differ (\"source_file\"), both values are kept, joined with \" / \"",
            "senior.csv:5:1: warning: duplicate id '0' (first used on line 4): a placeholder reference, as \"not in post\" rows give: each row is a post of its own; loaded as '0~2'",
            "senior.csv:6:1: warning: duplicate id '0' (first used on line 4): a placeholder reference, as \"not in post\" rows give: each row is a post of its own; loaded as '0~3'",
        ]
    );
    assert_eq!(common::ids(&org), ["1", "0", "0~2", "0~3"]);
    assert_eq!(
        field(post(&org, "1"), "source_file"),
        Some(&json!("a.xls / b.xls"))
    );
    // Never a job share: each "not in post" row keeps its own holder and FTE.
    for id in ["0", "0~2"] {
        assert_eq!(post(&org, id).fte(), Some(1.0), "{id}");
        assert_eq!(post(&org, id).holder, Holder::Undisclosed, "{id}");
    }
    assert_eq!(post(&org, "0~3").fte(), Some(0.5));
}

#[test]
fn references_match_without_leading_zeros_or_a_zero_fraction_and_apostrophes_come_off() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE,Notes\n\
                00196904,'Ann Lee','Head of HR Policy',XX,1,O'Brien's team\n\
                2,Bo Tan,Deputy,196904,1,\n\
                3,Cy Dale,Deputy,196904.0,1,\n\
                4, Di Eng\u{a0},\u{a0}Lead ,00002,1,\n";
    let Imported { org, warnings, .. } = imported(senior_only(text));
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    let head = post(&org, "00196904");
    assert_eq!(head.holder.name(), Some("Ann Lee"));
    assert_eq!(&*head.title, "Head of HR Policy");
    assert_eq!(head.note.as_deref(), Some("O'Brien's team"));
    for id in ["2", "3"] {
        assert_eq!(
            common::manager(&org, id).as_deref(),
            Some("00196904"),
            "{id}"
        );
    }
    assert_eq!(common::manager(&org, "4").as_deref(), Some("2"));
    assert_eq!(post(&org, "4").holder.name(), Some("Di Eng"));
    assert_eq!(&*post(&org, "4").title, "Lead");
}

#[test]
fn every_spelling_of_the_markers_the_published_files_use_is_read() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE\n\
                1,Ann Lee,Director,XX,1\n\
                2,Eliminated.,Old Deputy,1,1\n\
                3,'Eliminated',Old Head,1,1\n\
                Eliminated,N/D,Older Head,1,1\n\
                5,ND,Deputy,1,1\n\
                6,Not disclosed,Deputy,1,1\n\
                7,N/D',Deputy,1,1\n\
                8,'Vacant',Head,1,1\n\
                9,Vacant post,Head,1,1\n\
                10,Elimination Smith,Head,1,1\n";
    let Imported { org, warnings, .. } = imported(senior_only(text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:3:2: warning: post '2' (Old Deputy): \"Name\" is 'Eliminated.': the post is left out",
            "senior.csv:4:2: warning: post '3' (Old Head): \"Name\" is 'Eliminated': the post is left out",
            "senior.csv:5:1: warning: post (Older Head): \"Post Unique Reference\" is 'Eliminated': the post is left out",
        ]
    );
    assert_eq!(common::ids(&org), ["1", "5", "6", "7", "8", "9", "10"]);
    for id in ["5", "6", "7"] {
        assert_eq!(post(&org, id).holder, Holder::Undisclosed, "{id}");
    }
    for id in ["8", "9"] {
        assert!(post(&org, id).is_vacant(), "{id}");
    }
    assert_eq!(post(&org, "10").holder.name(), Some("Elimination Smith"));
}

#[test]
fn a_job_share_a_row_of_which_gives_no_fte_keeps_the_cells_and_has_no_fte_of_its_own() {
    let text = format!(
        "{SENIOR_HEADER}\n\
         1,Ann Lee,SCS2,Director,Ops,XX,1\n\
         2,Bo Tan,SCS1,Deputy,Ops,1,0.5\n\
         2,Cy Dale,SCS1,Deputy,Ops,1,N/D\n\
         3,Di Eng,SCS1,Head,Ops,1,\n\
         3,Ed Fox,SCS1,Head,Ops,1,N/D\n"
    );
    let Imported { org, .. } = imported(senior_only(&text));
    let deputy = post(&org, "2");
    assert_eq!(deputy.holder.name(), Some("Bo Tan / Cy Dale"));
    assert_eq!(deputy.fte(), None);
    assert_eq!(field(deputy, "FTE"), Some(&json!("0.5 / N/D")));
    // A blank cell leaves no space at the start, as a cell read back would not have one.
    assert_eq!(field(post(&org, "3"), "FTE"), Some(&json!("/ N/D")));
    assert_round_trip(&org);
}

#[test]
fn a_header_without_rows_is_a_warning_and_no_posts_at_all_is_an_error() {
    let senior = format!("{SENIOR_HEADER}\n");
    let junior = "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n";
    assert_eq!(
        refused(organogram(("s.csv", &senior), Some(("j.csv", junior)))),
        [
            "s.csv:1:1: warning: no rows under the header: the file gives no senior posts",
            "s.csv:1:1: error: no posts: there is nothing to make a chart of",
            "j.csv:1:1: warning: no rows under the header: the file gives no junior staff",
        ]
    );
    let senior = format!("{SENIOR_HEADER}\n1,Ann Lee,SCS2,Director,Ops,XX,1\n");
    let Imported { warnings, .. } =
        imported(organogram(("s.csv", &senior), Some(("j.csv", junior))));
    assert_eq!(
        lines(&warnings),
        ["j.csv:1:1: warning: no rows under the header: the file gives no junior staff"]
    );
}

#[test]
fn undisclosed_job_sharers_and_a_vacant_half_make_one_post() {
    let text = format!(
        "{SENIOR_HEADER}\n\
         1,Ann Lee,SCS2,Director,Ops,XX,1\n\
         2,N/D,SCS1,Deputy Director ,Ops,1,0.5\n\
         2,N/D,SCS1,deputy  director,Ops,1.0,0.5\n\
         3,Cy Dale,SCS1,Head,Ops,1,0.6\n\
         3,Vacant,SCS1,Head,Ops,1,\n"
    );
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(warnings.len(), 2, "{:?}", lines(&warnings));
    assert_eq!(org.len(), 3);
    let deputy = post(&org, "2");
    // Both halves held by someone not disclosed: the post is held, by no one named.
    assert_eq!(deputy.holder, Holder::Undisclosed);
    assert_eq!(deputy.fte(), Some(1.0));
    assert_eq!(&*deputy.title, "Deputy Director");
    // A row with no FTE counts 1, as it would on its own.
    let head = post(&org, "3");
    assert_eq!(head.holder.name(), Some("Cy Dale / Vacant"));
    assert_eq!(head.fte(), Some(1.6));
    assert_round_trip(&org);
}

#[test]
fn a_post_reporting_to_itself_is_a_top_post_with_a_warning() {
    let text = format!("{SENIOR_HEADER}\nNAVY,Ann Lee,SCS4,First Sea Lord,Navy,NAVY,1\n");
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        ["senior.csv:2:6: warning: post 'NAVY' reports to itself; loaded as a top post"]
    );
    assert_eq!(common::manager(&org, "NAVY"), None);
}

#[test]
fn blank_names_managers_and_titles_are_read_with_warnings() {
    let text = format!("{SENIOR_HEADER}\n1,,SCS2,,Ops,,1\n");
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:2:2: warning: post '1': \"Name\" is blank: read as not disclosed (a vacant post is marked 'Vacant')",
            "senior.csv:2:4: warning: post '1': \"Job Title\" is blank",
            "senior.csv:2:6: warning: post '1': \"Reports to Senior Post\" is blank: read as a top post",
        ]
    );
    assert_eq!(post(&org, "1").holder, Holder::Undisclosed);
}

#[test]
fn an_fte_that_is_no_number_is_kept_as_text_with_a_warning() {
    let text = format!("{SENIOR_HEADER}\n1,Ann Lee,SCS2,Director,Ops,XX,part time\n");
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:2:7: warning: post '1': \"FTE\" is 'part time', which is not a number: left unset and kept as the field \"FTE\""
        ]
    );
    assert_eq!(post(&org, "1").fte(), None);
    assert_eq!(field(post(&org, "1"), "FTE"), Some(&json!("part time")));
}

#[test]
fn missing_columns_and_the_wrong_file_are_reported_at_the_header() {
    assert_eq!(
        refused(senior_only(
            "Post Unique Reference,Grade,Unit\n1,SCS1,Ops\n"
        )),
        [
            "senior.csv:1:1: error: no \"Name\" column in the header",
            "senior.csv:1:1: error: no \"Job Title\" column in the header",
            "senior.csv:1:1: error: no \"Reports to Senior Post\" column in the header",
        ]
    );
    let junior = input("nswo-junior.csv");
    assert_eq!(
        refused(senior_only(&junior)),
        [
            "senior.csv:1:1: error: no \"Post Unique Reference\" column: not an organogram senior file (this looks like a junior file)"
        ]
    );
    assert_eq!(
        refused(senior_only("")),
        [
            "senior.csv:1:1: error: no \"Post Unique Reference\" column: not an organogram senior file"
        ]
    );
}

#[test]
fn a_title_row_above_the_header_and_cr_line_endings() {
    let text = format!(
        "Organogram of Staff Roles & Salaries,,,,,,\r,,,,,,\r{SENIOR_HEADER}\r1,Ann Lee,SCS2,Director,Ops,XX,1\r2,Bo Tan,SCS1,Deputy,Ops,1,1\r"
    );
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        ["senior.csv:1:1: warning: a row above the header: left out"]
    );
    assert_eq!(common::manager(&org, "2").as_deref(), Some("1"));
}

#[test]
fn a_repeated_header_or_one_the_format_uses_is_kept_under_another_name() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Notes,Notes,Grade,Grade (or equivalent),title\n\
                1,Ann Lee,Director,XX,first,second,SCS2,Band A,kept\n";
    let Imported { org, .. } = imported(senior_only(text));
    let director = post(&org, "1");
    assert_eq!(director.note.as_deref(), Some("first"));
    assert_eq!(director.grade.as_deref(), Some("SCS2"));
    let kept: Vec<(&str, &Value)> = director
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    assert_eq!(
        kept,
        [
            ("Notes (column 6)", &json!("second")),
            ("Grade (or equivalent) (column 8)", &json!("Band A")),
            ("title (column 9)", &json!("kept")),
        ]
    );
    assert_round_trip(&org);
}

#[test]
fn junior_staff_with_no_senior_post_are_kept_under_a_post_added_for_them() {
    let senior = format!(
        "{SENIOR_HEADER}\n1,Ann Lee,SCS2,Director,Ops,XX,1\nunplaced,Bo Tan,SCS1,Deputy,Ops,1,1\n"
    );
    let junior = "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n\
                  xx,EO,Officer,1\n\
                  1,EO,Officer,N/D\n\
                  ,AO,Clerk,2.5\n\
                  -1,HEO,Adviser,0.5\n";
    let Imported { org, warnings, .. } =
        imported(organogram(("s.csv", &senior), Some(("j.csv", junior))));
    assert_eq!(
        lines(&warnings),
        [
            "j.csv:2:1: warning: junior staff: \"Reporting Senior Post\" is 'xx', which marks a top post: junior staff report to a senior post: kept under the post 'unplaced-2' (\"Unplaced junior staff\")",
            "j.csv:2:1: warning: 3 junior rows (4 FTE) with no senior post in s.csv: kept under the post 'unplaced-2' (\"Unplaced junior staff\"), a post added to hold them",
            "j.csv:3:4: warning: junior staff: \"Number of Posts in FTE\" is 'N/D': not given: counted as 0, and kept as the field \"Number of Posts in FTE\"",
            "j.csv:4:1: warning: junior staff: \"Reporting Senior Post\" is blank: kept under the post 'unplaced-2' (\"Unplaced junior staff\")",
            "j.csv:5:1: warning: junior staff: \"Reporting Senior Post\" is '-1', which is not a post in s.csv: kept under the post 'unplaced-2' (\"Unplaced junior staff\")",
        ]
    );
    // The added post holds every unplaced row and no FTE of its own.
    let added = post(&org, "unplaced-2");
    assert_eq!(common::manager(&org, "unplaced-2"), None);
    assert_eq!(added.fte(), Some(0.0));
    let fte: Vec<Option<f64>> = added.staff.iter().map(|g| g.fte).collect();
    assert_eq!(fte, [Some(1.0), Some(2.5), Some(0.5)]);
    assert_round_trip(&org);
    let junior =
        "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n1,EO,Officer,N/D\n";
    let org = imported(organogram(("s.csv", &senior), Some(("j.csv", junior)))).org;
    let group = &post(&org, "1").staff[0];
    // Not given counts 0, as the file's totals count it.
    assert_eq!(group.fte, Some(0.0));
    assert_eq!(
        staff_field(group, "Number of Posts in FTE"),
        Some(&json!("N/D"))
    );
}

#[test]
fn windows_1252_files_are_decoded_before_import() {
    let bytes =
        b"Post Unique Reference,Name,Job Title,Reports to Senior Post,Actual Pay Floor (\xa3)\n\
                  1,Ren\xe9e Blanc,Director,XX,\xa370000\n";
    let text = decode(bytes);
    let org = imported(senior_only(&text)).org;
    let director = post(&org, "1");
    assert_eq!(director.holder.name(), Some("Renée Blanc"));
    assert_eq!(
        field(director, "Actual Pay Floor (£)"),
        Some(&json!(70_000))
    );
}

#[test]
fn warnings_come_back_with_errors_when_refused() {
    let text = format!("{SENIOR_HEADER}\n1,,SCS2,Director,Ops,XX,1\n2,Bo,SCS1,Deputy,Ops,1,-1\n");
    let Err(problems) = senior_only(&text) else {
        panic!("not refused")
    };
    let severities: Vec<Severity> = problems.iter().map(|f| f.problem.severity).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Error]);
}

#[test]
fn the_reports_of_an_eliminated_top_post_become_top_posts_and_its_staff_unplaced() {
    let senior = format!(
        "{SENIOR_HEADER}\n\
         OLD,Eliminated,SCS3,Old Chief Executive,Exec,,1\n\
         NEW,Ann Lee,SCS2,Director,Ops,OLD,1\n"
    );
    let junior =
        "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\nOLD,EO,Officer,1\n";
    let Imported { org, warnings, .. } =
        imported(organogram(("s.csv", &senior), Some(("j.csv", junior))));
    assert_eq!(
        lines(&warnings)[..3],
        [
            "s.csv:2:2: warning: post 'OLD' (Old Chief Executive): \"Name\" is 'Eliminated': the post is left out",
            "s.csv:3:6: warning: post 'NEW': \"Reports to Senior Post\" is 'OLD', which is eliminated: read as a top post",
            "j.csv:2:1: warning: junior staff: \"Reporting Senior Post\" is 'OLD', which is eliminated and has no manager to take its staff: kept under the post 'unplaced' (\"Unplaced junior staff\")",
        ]
    );
    assert_eq!(post(&org, "unplaced").staff.len(), 1);
    let Imported { org, warnings, .. } = imported(organogram(("s.csv", &senior), None));
    assert_eq!(warnings.len(), 2);
    assert_eq!(common::ids(&org), ["NEW"]);
    assert_eq!(common::manager(&org, "NEW"), None);
}

/// A file of tests/organogram as the command line, run in the fixtures folder, names it.
fn from_fixtures(name: &str) -> String {
    format!("../tests/organogram/{name}")
}

#[test]
fn the_command_line_imports_a_pair_that_check_passes_and_stats_counts_as_the_csv_files() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (i, &(senior, junior)) in PAIRS.iter().enumerate() {
        let out = folder.path().join(format!("chart-{i}.json"));
        let out = out.to_str().expect("a UTF-8 path");
        let (senior_arg, junior_arg) = (from_fixtures(senior), junior.map(from_fixtures));
        let mut args = vec!["import", "organogram", senior_arg.as_str()];
        args.extend(junior_arg.as_deref());
        args.extend(["-o", out]);
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let senior_rows = table(senior);
        let junior_rows = junior.map(table).unwrap_or_default();
        let posts = senior_posts(&senior_rows);
        let wrote = format!("orgtree: imported {posts} posts from {senior_arg}");
        assert!(run.stderr.contains(&wrote), "{}", run.stderr);

        let check = orgtree(&["check", out]);
        assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
        assert_eq!(check.stderr, "");
        assert!(check.stdout.contains("no problems"), "{}", check.stdout);

        let stats = orgtree(&["stats", "--json", out]);
        assert_eq!(stats.code, 0, "{}", stats.stderr);
        let stats: Value = serde_json::from_str(&stats.stdout).expect("stats as JSON");
        assert_eq!(stats["posts"], json!(posts), "{senior}");
        let fte = stats["headcount_fte"].as_f64().expect("a headcount");
        let expected = total_fte(&senior_rows, &junior_rows);
        assert!(
            close(fte, expected),
            "{senior}: {fte} FTE, {expected} in the files"
        );
    }
}

#[test]
fn the_command_line_prints_every_problem_as_check_does_and_writes_nothing() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let (senior, junior) = (
        from_fixtures("problems-senior.csv"),
        from_fixtures("problems-junior.csv"),
    );
    let run = orgtree(&[
        "import",
        "organogram",
        &senior,
        &junior,
        "-o",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let problems = refused(import("problems-senior.csv", Some("problems-junior.csv")));
    let expected: Vec<String> = problems
        .iter()
        .map(|line| line.replace("problems-", "../tests/organogram/problems-"))
        .chain(["orgtree: nothing was written".to_owned()])
        .collect();
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), expected);
    assert!(run.stderr.starts_with(
        "../tests/organogram/problems-senior.csv:4:11: warning: reporting loop: 'A' -> 'B' -> 'A'"
    ));
    assert!(!out.exists());
}

#[test]
fn the_command_line_reads_a_windows_1252_file_with_warnings_and_the_result_checks_clean() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let senior = folder.path().join("senior.csv");
    std::fs::write(
        &senior,
        b",Post Unique Reference,Name,Grade,Job Title,Reports to Senior Post,FTE,Actual Pay Floor (\xa3)\r\n\
          0,1.0,Ren\xe9e Blanc,scs2,Director,XX,1.0,\xa370000\r\n\
          1,2.0,Vacant,scs1,Deputy,1,0.5,0\r\n",
    )
    .expect("the CSV is written");
    let out = folder.path().join("chart.json");
    let (senior, out) = (
        senior.to_str().expect("a UTF-8 path"),
        out.to_str().expect("a UTF-8 path"),
    );
    let run = orgtree(&["import", "organogram", senior, "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The file's encoding first, then what was found in it.
    assert!(
        run.stderr.starts_with(&format!(
            "{senior}: warning: not UTF-8: read as Windows-1252\n\
             {senior}:1:1: warning: column 1 has no header: its values (first at line 2) are left out\n"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(orgtree(&["check", out]).code, 0);
    let chart: Value =
        serde_json::from_str(&std::fs::read_to_string(out).expect("the chart")).expect("JSON");
    assert_eq!(chart["posts"][0]["holder"], json!("Renée Blanc"));
    assert_eq!(chart["posts"][0]["grade"], json!("SCS2"));
    assert_eq!(chart["posts"][0]["Actual Pay Floor (£)"], json!(70_000));
    assert_eq!(chart["posts"][1]["reports_to"], json!("1"));
    assert_eq!(chart["posts"][1]["holder"], Value::Null);
}

#[test]
fn rows_are_counted_by_line_whatever_the_line_ends_and_quoted_line_breaks() {
    for end in ["\r\n", "\n"] {
        let text = [
            SENIOR_HEADER,
            "1,Ann Lee,SCS2,\"Director,",
            "of everything\",Ops,XX,1",
            "",
            "2,Bo Tan,SCS1,Deputy,Ops,1,-1",
            "3,Cy Dale,SCS1,Head,Ops,1,-2",
            "",
        ]
        .join(end);
        assert_eq!(
            refused(senior_only(&text)),
            [
                "senior.csv:5:7: error: post '2': \"FTE\" is '-1', which is negative (spreadsheet row 4)",
                "senior.csv:6:7: error: post '3': \"FTE\" is '-2', which is negative (spreadsheet row 5)",
            ],
            "{end:?}"
        );
    }
}

#[test]
fn import_then_export_then_import_gives_the_same_chart() {
    for senior in [
        "nswo-senior.csv",
        "index-senior.csv",
        "bom-crlf-senior.csv",
        "markers-senior.csv",
        "nd-senior.csv",
    ] {
        let Imported { org: first, .. } = imported(import(senior, None));
        let mut csv = Vec::new();
        orgtree::report::export::write_organogram(&first, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        let Imported { org: mut again, .. } = imported(orgtree::read::organogram::organogram(
            ("exported.csv", &csv),
            None,
        ));
        // Only the source (the file it was read from) may differ.
        again.meta.source.clone_from(&first.meta.source);
        assert!(
            again == first,
            "{senior}: the chart changed through an export:\n{}\n---\n{}",
            orgtree::org::save::to_json(&first),
            orgtree::org::save::to_json(&again)
        );
    }
}

#[test]
fn text_wrapped_in_apostrophes_comes_back_through_an_export() {
    let chart = r#"{"posts": [{"id": "1", "title": "'Quoted'", "holder": "''", "note": "'x"}]}"#;
    let first = load_str(chart, LoadOptions::default())
        .expect("a chart")
        .org;
    let mut csv = Vec::new();
    orgtree::report::export::write_organogram(&first, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let again = imported(organogram(("exported.csv", &csv), None)).org;
    let post = post(&again, "1");
    assert_eq!(&*post.title, "'Quoted'", "{csv}");
    assert_eq!(post.holder.name(), Some("''"));
    assert_eq!(post.note.as_deref(), Some("'x"));
}

#[test]
fn an_unterminated_quote_is_an_error_where_it_opens_not_the_rest_of_the_file_in_one_cell() {
    assert_eq!(
        refused(import("unclosed-quote-senior.csv", None)),
        [
            "unclosed-quote-senior.csv:3:2: error: a quoted cell opened here never closes: \"Name\" would take in the rest of the file (rows 3 to 5); a closing quote is missing"
        ]
    );
    // A quoted cell further on ends it, with text after the quote: rows are lost all the same.
    let text = format!(
        "{SENIOR_HEADER}\n\
         1,Ann Lee,SCS2,Director,Ops,XX,1\n\
         2,\"Tan, Bo,SCS1,Deputy,Ops,1,1\n\
         3,Cy Dale,SCS1,\"Head, Ops\",Ops,1,1\n"
    );
    assert_eq!(
        refused(senior_only(&text)),
        [
            "senior.csv:3:2: error: a quoted cell opened here runs on to row 4, where a quote with text after it ends it: \"Name\" would take in rows 3 to 4; a closing quote is missing"
        ]
    );
    // In the header row, the column is named by its number; the file is refused.
    let text = "Post Unique Reference,\"Name,Job Title,Reports to Senior Post\n1,Ann,Director,XX\n";
    assert_eq!(
        refused(senior_only(text)),
        [
            "senior.csv:1:2: error: a quoted cell opened here never closes: column 2 would take in the rest of the file (rows 1 to 2); a closing quote is missing"
        ]
    );
    // Text after the closing quote on the same row is read on into the cell, with a warning.
    let text = format!("{SENIOR_HEADER}\n1,\"Ann\" Lee,SCS2,Director,Ops,XX,1\n");
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(
        lines(&warnings),
        [
            "senior.csv:2:2: warning: \"Name\": text follows the closing quote of the quoted cell opened here: read as part of the cell; is a quote missing?"
        ]
    );
    assert_eq!(post(&org, "1").holder.name(), Some("Ann Lee"));
    // Escaped quotes, quoted line breaks, quotes inside unquoted cells, spaces after a
    // closing quote and a last quoted cell with no line end after it are all well formed.
    let text = format!(
        "{SENIOR_HEADER}\n\
         1,\"Ann \"\"Nan\"\" Lee\",SCS2,\"Director,\nof all\",Ops,XX,1\n\
         2,Bo \"Bob\" Tan,SCS1,\"Deputy\"  ,Ops,1,\"1\""
    );
    let Imported { org, warnings, .. } = imported(senior_only(&text));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    assert_eq!(post(&org, "1").holder.name(), Some("Ann \"Nan\" Lee"));
    assert_eq!(post(&org, "2").holder.name(), Some("Bo \"Bob\" Tan"));
    assert_eq!(&*post(&org, "2").title, "Deputy");
}

#[test]
fn totals_rows_are_left_out_and_a_top_post_may_report_to_the_parent_departments_file() {
    let Imported { org, warnings, .. } =
        imported(import("parent-senior.csv", Some("parent-junior.csv")));
    assert_eq!(
        lines(&warnings),
        [
            "parent-senior.csv:2:11: warning: post 'CHA-01' reports to unknown post 'DEPT-PS-01'; loaded as a top post, its manager kept as the field \"Reports to Senior Post\"",
            "parent-senior.csv:4:1: warning: \"Post Unique Reference\" is 'Total': a totals row: left out",
            "parent-junior.csv:3:9: warning: junior staff: \"Number of Posts in FTE\" is 'N/D': not given: counted as 0, and kept as the field \"Number of Posts in FTE\"",
            "parent-junior.csv:5:1: warning: \"Parent Department\" is 'Total': a totals row: left out",
        ]
    );
    assert_eq!(common::ids(&org), ["CHA-01", "CHA-02"]);
    let top = post(&org, "CHA-01");
    assert_eq!(common::manager(&org, "CHA-01"), None);
    assert_eq!(
        field(top, "Reports to Senior Post"),
        Some(&json!("DEPT-PS-01"))
    );
    // A title with the word "Total" in it is a post like any other.
    assert_eq!(&*post(&org, "CHA-02").title, "Total Rewards Director");
    let groups = &post(&org, "CHA-02").staff;
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].fte, Some(0.0));
    assert_eq!(
        staff_field(&groups[0], "Number of Posts in FTE"),
        Some(&json!("N/D"))
    );
    // As the totals rows count them: 2 senior, 3 junior.
    assert!(close(Stats::of(&org).headcount_fte, 2.0 + 3.0));
    assert_round_trip(&org);

    // The command line imports it, `stats` counts as the totals rows, and the export names
    // the other file's post again, which an import reads back as before.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("chart.json");
    let out = out.to_str().expect("a UTF-8 path");
    let (senior, junior) = (
        from_fixtures("parent-senior.csv"),
        from_fixtures("parent-junior.csv"),
    );
    let run = orgtree(&["import", "organogram", &senior, &junior, "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(orgtree(&["check", out]).code, 0);
    let stats = orgtree(&["stats", "--json", out]);
    let stats: Value = serde_json::from_str(&stats.stdout).expect("stats as JSON");
    assert!(close(
        stats["headcount_fte"].as_f64().expect("a headcount"),
        5.0
    ));
    let export = orgtree(&["export", out, "--to", "organogram"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let row = export.stdout.lines().nth(1).expect("a row");
    assert!(row.starts_with("CHA-01,Ruth Dale,"), "{row}");
    assert!(row.contains(",DEPT-PS-01,"), "{row}");
    let Imported {
        org: mut again,
        warnings,
        ..
    } = imported(organogram(("exported.csv", &export.stdout), None));
    assert_eq!(
        lines(&warnings),
        [
            "exported.csv:2:11: warning: post 'CHA-01' reports to unknown post 'DEPT-PS-01'; loaded as a top post, its manager kept as the field \"Reports to Senior Post\""
        ]
    );
    // The staff groups are not in the senior file.
    let mut first = org.clone();
    for node in first.posts().collect::<Vec<_>>() {
        first.post_mut(node).staff.clear();
    }
    again.meta.source.clone_from(&first.meta.source);
    assert!(
        again == first,
        "{}\n---\n{}",
        orgtree::org::save::to_json(&first),
        orgtree::org::save::to_json(&again)
    );
}

#[test]
fn a_totals_row_with_a_blank_id_is_left_out_but_a_post_titled_total_is_not() {
    let senior = format!(
        "{SENIOR_HEADER}\n\
         1,Ann Lee,SCS2,Total Quality Director,Ops,XX,1\n\
         2,Bo Tan,SCS1,Total,Ops,1,1\n\
         ,,TOTAL,,,,2\n\
         ,,,Grand Total,,,2\n"
    );
    let junior = "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n\
                  1,EO,Total Support,1\n\
                  ,Totals,,1\n";
    let Imported { org, warnings, .. } =
        imported(organogram(("s.csv", &senior), Some(("j.csv", junior))));
    assert_eq!(
        lines(&warnings),
        [
            "s.csv:4:3: warning: \"Grade\" is 'TOTAL': a totals row: left out",
            "s.csv:5:4: warning: \"Job Title\" is 'Grand Total': a totals row: left out",
            "j.csv:3:2: warning: \"Grade\" is 'Totals': a totals row: left out",
        ]
    );
    assert_eq!(common::ids(&org), ["1", "2"]);
    assert_eq!(&*post(&org, "2").title, "Total");
    assert_eq!(
        post(&org, "1").staff[0].title.as_deref(),
        Some("Total Support")
    );
}

#[test]
fn a_post_reporting_outside_the_file_through_an_eliminated_post_is_a_top_post() {
    let senior = format!(
        "{SENIOR_HEADER}\n\
         OLD,Eliminated,SCS3,Old Director,Ops,DEPT-PS,1\n\
         NEW,Ann Lee,SCS2,Director,Ops,OLD,1\n"
    );
    let Imported { org, warnings, .. } = imported(organogram(("s.csv", &senior), None));
    assert_eq!(
        lines(&warnings),
        [
            "s.csv:2:2: warning: post 'OLD' (Old Director): \"Name\" is 'Eliminated': the post is left out",
            "s.csv:3:6: warning: post 'NEW': \"Reports to Senior Post\" is 'OLD', which is eliminated: moved up to 'DEPT-PS'",
            "s.csv:3:6: warning: post 'NEW' reports to unknown post 'DEPT-PS'; loaded as a top post, its manager kept as the field \"Reports to Senior Post\"",
        ]
    );
    assert_eq!(common::manager(&org, "NEW"), None);
    assert_eq!(
        field(post(&org, "NEW"), "Reports to Senior Post"),
        Some(&json!("DEPT-PS"))
    );
    // Junior staff of the eliminated post have no senior post in the file to go to.
    let junior =
        "Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\nOLD,EO,Officer,1\n";
    let imported = imported(organogram(("s.csv", &senior), Some(("j.csv", junior))));
    assert_eq!(
        lines(&imported.warnings)[3],
        "j.csv:2:1: warning: junior staff: \"Reporting Senior Post\" is 'OLD', which is eliminated and has no manager to take its staff: kept under the post 'unplaced' (\"Unplaced junior staff\")"
    );
    assert_eq!(post(&imported.org, "unplaced").staff.len(), 1);
}

#[test]
fn cells_guarded_by_a_csv_export_come_back_as_they_were() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Contact Phone,FTE,Notes\n\
                1,Ann Lee,Director,XX,'+44 300 000 0000,'-,'Quoted' note\n\
                2,'@ann,'=Deputy,1,''=1+1,0.5,'\tTabbed\n";
    let Imported { org, warnings, .. } = imported(senior_only(text));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    let director = post(&org, "1");
    assert_eq!(
        field(director, "Contact Phone"),
        Some(&json!("+44 300 000 0000"))
    );
    // `-` is again "not given".
    assert_eq!(director.fte(), None);
    assert_eq!(field(director, "FTE"), Some(&json!("-")));
    // A `'` before anything else stays.
    assert_eq!(director.note.as_deref(), Some("'Quoted' note"));
    let deputy = post(&org, "2");
    assert_eq!(deputy.holder.name(), Some("@ann"));
    assert_eq!(&*deputy.title, "=Deputy");
    // Only a `'` just before such a character goes.
    assert_eq!(field(deputy, "Contact Phone"), Some(&json!("''=1+1")));
    assert_eq!(deputy.note.as_deref(), Some("Tabbed"));

    // Import, export, import again: the same chart.
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Contact Phone,FTE,Actual Pay Floor (£)\n\
                1,Ann Lee,Director,XX,+44 300 000 0000,N/D,-\n\
                2,@ann,=Deputy,1,-1,0.5,-\n";
    let Imported { org: first, .. } = imported(senior_only(text));
    let mut csv = Vec::new();
    orgtree::report::export::write_organogram(&first, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("'+44 300 000 0000"), "{csv}");
    let Imported {
        org: mut again,
        warnings,
        ..
    } = imported(organogram(("exported.csv", &csv), None));
    assert_eq!(lines(&warnings), Vec::<String>::new());
    again.meta.source.clone_from(&first.meta.source);
    assert!(
        again == first,
        "{}\n---\n{}",
        orgtree::org::save::to_json(&first),
        orgtree::org::save::to_json(&again)
    );
}

#[test]
fn utf_16_files_are_decoded_and_a_windows_1252_file_comes_with_a_note() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Actual Pay Floor (£)\n\
                1,Renée Blanc,Director,XX,£70000\n";
    let units = || text.encode_utf16();
    let little: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(units().flat_map(u16::to_le_bytes))
        .collect();
    let big: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(units().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [&little, &big] {
        let (decoded, note) = decode_with_note(bytes);
        assert_eq!(decoded.trim_start_matches('\u{feff}'), text);
        assert_eq!(note, None);
        assert_eq!(decode(bytes), decoded);
        let org = imported(senior_only(&decoded)).org;
        assert_eq!(post(&org, "1").holder.name(), Some("Renée Blanc"));
        assert_eq!(
            field(post(&org, "1"), "Actual Pay Floor (£)"),
            Some(&json!(70_000))
        );
    }
    // Without a byte order mark, told by the zero bytes of its ASCII header.
    let (decoded, note) = decode_with_note(&little[2..]);
    assert_eq!(decoded, text);
    assert_eq!(note, Some("no byte order mark: read as UTF-16"));
    // An unpaired surrogate is replaced, with a note.
    let (decoded, note) = decode_with_note(&[0xff, 0xfe, b'a', 0, 0x00, 0xd8, b'b', 0]);
    assert_eq!(decoded, "a\u{fffd}b");
    assert_eq!(
        note,
        Some("not valid UTF-16: what is not was read as \u{fffd}")
    );

    assert_eq!(
        decode_with_note(b"Pay (\xa3)"),
        (
            Cow::from("Pay (£)"),
            Some("not UTF-8: read as Windows-1252")
        )
    );
    assert_eq!(decode_with_note("Pay (£)".as_bytes()).1, None);
    // A UTF-8 byte order mark says UTF-8, whatever bytes follow.
    assert_eq!(
        decode_with_note(b"\xef\xbb\xbfPay \xa3"),
        (
            Cow::from("\u{feff}Pay \u{fffd}"),
            Some(
                "not valid UTF-8, though it starts with a UTF-8 byte order mark: what is not was read as \u{fffd}"
            )
        )
    );
}

#[test]
fn a_senior_file_given_as_the_junior_file_is_named_as_such() {
    let senior = input("nswo-senior.csv");
    assert_eq!(
        refused(organogram(("s.csv", &senior), Some(("j.csv", &senior)))),
        [
            "j.csv:1:1: error: a \"Post Unique Reference\" column: not an organogram junior file (this looks like a senior file)"
        ]
    );
}

/// What the senior organogram form carries comes back exactly: every senior file that
/// imports, exported as an organogram and imported again, is the same chart (its `source`
/// aside), with no new warning. Staff groups are left out, as the senior file has no place
/// for them.
#[test]
fn every_senior_file_comes_back_the_same_through_an_organogram_export() {
    let regression = format!(
        "{}/tests/regressions/organogram-blank-title-and-manager-senior.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<(String, String)> = PAIRS
        .iter()
        .map(|(senior, _)| ((*senior).to_owned(), input(senior)))
        .collect();
    files.push((
        regression.clone(),
        std::fs::read_to_string(&regression).unwrap(),
    ));
    for (name, text) in files {
        let first = imported(organogram((&name, &text), None)).org;
        let mut csv = Vec::new();
        orgtree::report::export::write_organogram(&first, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        let again = imported(organogram(("again.csv", &csv), None));
        let mut second = again.org;
        second.meta.source.clone_from(&first.meta.source);
        assert!(second == first, "{name}: the chart changed\n{csv}");
        // In the same order too, as a chart file lists it.
        assert_eq!(save::to_json(&second), save::to_json(&first), "{name}");
        let warnings = lines(&again.warnings);
        assert!(
            warnings
                .iter()
                .all(|w| w.contains("\"Job Title\" is blank")),
            "{name}: {warnings:?}"
        );
    }
}

#[test]
fn the_chart_is_named_the_same_whatever_the_order_of_its_rows() {
    let header = "Post Unique Reference,Name,Job Title,Reports to Senior Post,Organisation";
    let rows = [
        "1,Ann Lee,Director,XX,Moorland Agency",
        "2,Bo Tan,Deputy,1,Cabinet Office",
        "3,Cy Dale,Deputy,1,Moorland Agency",
        "4,Di Eng,Head,1,Cabinet Office",
    ];
    let name = |order: &[usize]| {
        let text: Vec<&str> = std::iter::once(header)
            .chain(order.iter().map(|&i| rows[i]))
            .collect();
        imported(senior_only(&text.join("\n"))).org.meta.name
    };
    assert_eq!(name(&[0, 1, 2]).as_deref(), Some("Moorland Agency"));
    // A job share's rows name the organisation of one post.
    let share = [
        header,
        rows[0],
        rows[1],
        "2,Ed Fox,Deputy,1,Cabinet Office",
        rows[2],
    ]
    .join("\n");
    assert_eq!(
        imported(senior_only(&share)).org.meta.name.as_deref(),
        Some("Moorland Agency")
    );
    // As many posts give each: the first in alphabetical order, in any order of rows.
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2]] {
        assert_eq!(name(&order).as_deref(), Some("Cabinet Office"), "{order:?}");
    }
}

#[test]
fn a_job_share_is_paid_both_its_holders_bands_and_a_row_given_again_once() {
    let text = "Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE,Actual Pay Floor (£),Actual Pay Ceiling (£)\n\
                1,Ann Lee,Director,XX,1,90000,94999\n\
                1,Ann Lee,Director,XX,1,90000,94999\n\
                2,Bo Tan,Deputy,1,0.5,40000,44999\n\
                2,Cy Dale,Deputy,1,0.5,35000,39999\n\
                3,Di Eng,Head,1,0.5,40000,44999\n\
                3,Ed Fox,Head,1,0.5,N/D,N/D\n";
    let Imported { org, .. } = imported(senior_only(text));
    let range = |id: &str| post(&org, id).cost.map(|c| (c.low(), c.high()));
    assert_eq!(range("1"), Some((90_000.0, 94_999.0)));
    assert_eq!(range("2"), Some((75_000.0, 84_998.0)));
    // A half whose pay is not disclosed: no cost, and both halves' cells kept.
    assert_eq!(range("3"), None);
    assert_eq!(
        field(post(&org, "3"), "Actual Pay Floor (£)"),
        Some(&json!("40000 / N/D"))
    );
}

/// Titles, grades and units many senior posts repeat are stored once for them all: every
/// post of the real Home Office file with the same title holds the same text, not a copy.
#[test]
fn repeated_titles_grades_and_units_are_stored_once() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/organograms");
    let name = "130930-Home-Office-Organogram-Data-senior.csv";
    let text = decode(&std::fs::read(folder.join(name)).unwrap()).into_owned();
    let Imported { org, .. } = imported(organogram((name, &text), None));
    let mut first: HashMap<String, *const u8> = HashMap::new();
    let mut repeats = 0;
    for node in org.posts() {
        let post = org.post(node);
        let texts = [Some(&post.title), post.grade.as_ref(), post.unit.as_ref()];
        for (kind, text) in texts.into_iter().enumerate() {
            let Some(text) = text else { continue };
            let at = orgtree::org::Shared::as_ptr(text);
            let kept = *first.entry(format!("{kind}:{}", &**text)).or_insert(at);
            if kept == at && !text.is_empty() {
                repeats += 1;
            } else {
                assert_eq!(kept, at, "{:?} is stored twice", &**text);
            }
        }
    }
    // Every grade and unit, and many titles, appear more than once in the file.
    assert!(
        repeats > first.len(),
        "{repeats} texts for {} distinct",
        first.len()
    );
}
