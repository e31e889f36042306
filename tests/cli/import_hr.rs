//! HR exports (CSV and TSV with an id column and a manager column): opened directly by
//! every command and through `orgtree import hr`, every column alias, managers by id, email
//! and name, the problems of messy files at their line and column, and the round trip
//! through `orgtree export --to csv` on every fixture. The expected charts are written out
//! by hand from the fixture files (fixtures/hr/README.md says what each holds).

use std::collections::HashMap;
use std::path::Path;

use orgtree::org::{NodeIndex, Org, save};
use orgtree::read::{OpenOptions, open};
use serde_json::Value;

use crate::common;
use common::orgtree;

/// `orgtree import hr FILE -o -` and more arguments: the chart's posts by id, and the run.
fn imported(file: &str, more: &[&str]) -> (HashMap<String, Value>, common::Run) {
    let mut args = vec!["import", "hr", file, "-o", "-"];
    args.extend(more);
    let run = orgtree(&args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let chart: Value = serde_json::from_str(&run.stdout).unwrap();
    let posts = chart["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|post| (post["id"].as_str().unwrap().to_owned(), post.clone()))
        .collect();
    (posts, run)
}

fn manager(posts: &HashMap<String, Value>, id: &str) -> Option<String> {
    posts[id]["reports_to"].as_str().map(str::to_owned)
}

#[test]
fn managers_by_full_name_ignore_case_and_spacing() {
    let (posts, run) = imported("hr/people-by-name.csv", &[]);
    assert!(
        run.stderr.contains(
            "reading ids from \"Employee Number\", managers from \"Reports To\" (matched by name)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(posts.len(), 7);
    // By hand from the file: 1001 at the top; 1002, 1003 ("sarah wilkinson") and 1004
    // ("Sarah  Wilkinson") under it; 1005 and 1006 under 1002; 1007 under 1003.
    for (id, boss) in [
        ("1001", None),
        ("1002", Some("1001")),
        ("1003", Some("1001")),
        ("1004", Some("1001")),
        ("1005", Some("1002")),
        ("1006", Some("1002")),
        ("1007", Some("1003")),
    ] {
        assert_eq!(manager(&posts, id).as_deref(), boss, "{id}");
    }
    let sarah = &posts["1001"];
    assert_eq!(
        sarah["holder"], "Sarah Wilkinson",
        "first and last name joined"
    );
    assert_eq!(sarah["title"], "Chief Technology Officer");
    assert_eq!(sarah["unit"], "Technology");
    // Columns with no field of their own are kept under their headers.
    assert_eq!(sarah["Hire Date"], "2014-04-01");
    assert_eq!(sarah["Location"], "London");
    assert_eq!(sarah["First Name"], "Sarah");
    assert!(
        sarah.get("Reports To").is_none(),
        "the manager is the reporting line"
    );
}

#[test]
fn a_tab_separated_export_with_amounts_as_people_write_them() {
    let (posts, run) = imported("hr/workers.tsv", &[]);
    assert_eq!(posts.len(), 6);
    assert!(posts.contains_key("E-01"), "the id is trimmed");
    assert_eq!(manager(&posts, "E-03").as_deref(), Some("E-02"));
    assert_eq!(posts["E-03"]["fte"], 0.6);
    assert_eq!(posts["E-01"]["cost"], 145_000);
    assert_eq!(posts["E-04"]["cost"], 88_000.5);
    assert_eq!(
        posts["E-04"]["Supervisory Organization"], "People",
        "kept as it is"
    );
    // A row with no worker is a vacant post; N/A is no salary, and no warning.
    assert_eq!(posts["E-05"]["holder"], Value::Null);
    assert_eq!(posts["E-05"]["Annual Salary"], "N/A");
    // A salary that is not a number is kept as it is, with a warning at its cell.
    assert_eq!(posts["E-06"]["Annual Salary"], "see contract");
    assert!(posts["E-06"].get("cost").is_none());
    assert!(
        run.stderr.contains(
            "hr/workers.tsv:7:56: warning: \"Annual Salary\" is not a number: 'see contract'"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(posts["E-02"]["Cost Center"], "CC110");
}

#[test]
fn managers_by_email_match_in_any_case_and_one_who_left_is_kept() {
    let (posts, run) = imported("hr/by-email.csv", &[]);
    assert!(
        run.stderr.contains(
            "reading ids from \"Email\", managers from \"Manager's Email\" (matched by email)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(posts.len(), 6);
    // The ids are the emails as written; managers match them in any case.
    assert_eq!(
        manager(&posts, "COO@Example.org").as_deref(),
        Some("ceo@example.org")
    );
    assert_eq!(
        manager(&posts, "cfo@example.org").as_deref(),
        Some("ceo@example.org")
    );
    assert_eq!(
        manager(&posts, "ops.lead@example.org").as_deref(),
        Some("COO@Example.org")
    );
    assert_eq!(
        manager(&posts, "analyst@example.org").as_deref(),
        Some("cfo@example.org")
    );
    // A manager who left: a top post, the email kept, a warning at its cell (line 7, after
    // 66 characters).
    assert_eq!(manager(&posts, "former@example.org"), None);
    assert_eq!(
        posts["former@example.org"]["Manager's Email"],
        "gone@example.org"
    );
    assert!(
        run.stderr.contains("hr/by-email.csv:7:67: warning: post 'former@example.org' reports to 'gone@example.org', which is no post's email; loaded as a top post"),
        "{}",
        run.stderr
    );
    // The columns can be chosen: ids from the names, managers still by email.
    let (posts, _) = imported("hr/by-email.csv", &["--id-column", "Name"]);
    assert_eq!(
        manager(&posts, "Tomasz Wren").as_deref(),
        Some("Priya Natarajan")
    );
    assert_eq!(posts["Tomasz Wren"]["Email"], "COO@Example.org");
}

#[test]
fn a_name_two_people_share_is_refused_at_the_cell_that_gives_it() {
    let run = orgtree(&["check", "hr/same-names.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "hr/same-names.csv:6:9: error: manager 'Jo Smith' is the name of 2 people (lines 4, 5): give managers by id or email"
        ),
        "{}",
        run.stderr
    );
    // --lenient loads it: the later Jo Smith gets an id of its own, Pat Doe is a top post.
    let (posts, _) = imported("hr/same-names.csv", &["--lenient"]);
    assert_eq!(posts.len(), 5);
    assert_eq!(manager(&posts, "Pat Doe"), None);
    assert_eq!(posts["Pat Doe"]["Reports To"], "Jo Smith");
}

#[test]
fn a_windows_1252_export_with_title_rows_a_vacancy_an_outside_manager_and_totals() {
    let (posts, run) = imported("hr/positions-1252.csv", &[]);
    let stderr = &run.stderr;
    for wanted in [
        "hr/positions-1252.csv: warning: not UTF-8: read as Windows-1252",
        "hr/positions-1252.csv:1:1: warning: 3 rows above the header (line 4) left out",
        "hr/positions-1252.csv:9:4: warning: post 'P5' reports to unknown post 'P9'; loaded as a top post, its manager kept as the field \"Reports To Position\"",
        "hr/positions-1252.csv:10:3: warning: 'Total': a totals row: left out",
    ] {
        assert!(stderr.contains(wanted), "{wanted}\n{stderr}");
    }
    // Five positions: the totals row is no post.
    assert_eq!(posts.len(), 5);
    assert_eq!(posts["P1"]["title"], "Directeur Général");
    assert_eq!(posts["P1"]["holder"], "Renée Faïsse");
    assert_eq!(posts["P1"]["cost"], 120_000);
    assert_eq!(posts["P2"]["title"], "Head of Café Operations");
    assert_eq!(posts["P3"]["holder"], Value::Null, "Vacant");
    assert_eq!(posts["P4"]["holder"], Value::Null, "no incumbent");
    assert_eq!(manager(&posts, "P4").as_deref(), Some("P2"));
    assert_eq!(manager(&posts, "P5"), None);
    assert_eq!(posts["P5"]["Reports To Position"], "P9");
}

#[test]
fn a_loop_is_refused_and_a_post_reporting_to_itself_is_a_top_post() {
    let run = orgtree(&["check", "hr/loop.csv"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("hr/loop.csv:2:3: error: reporting loop: 'a' -> 'c' -> 'b' -> 'a'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hr/loop.csv:6:3: warning: post 'e' reports to itself"),
        "{}",
        run.stderr
    );
    let (posts, _) = imported("hr/loop.csv", &["--lenient"]);
    assert_eq!(posts.len(), 5);
    assert_eq!(manager(&posts, "e"), None);
}

#[test]
fn every_command_opens_an_hr_export_directly() {
    for args in [
        vec!["check", "hr/people-by-name.csv"],
        vec!["stats", "hr/people-by-name.csv"],
        vec!["print", "hr/people-by-name.csv"],
        vec!["diff", "hr/people-by-name.csv", "hr/people-by-name.csv"],
        vec!["export", "hr/workers.tsv", "--to", "json"],
    ] {
        let run = orgtree(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let print = orgtree(&["print", "hr/people-by-name.csv"]);
    assert!(
        print
            .stdout
            .contains("├── Chief Architect (Anjali Rowntree)  [1/1]\n│   └── Enterprise Architect (Dev Marchetti)"),
        "{}",
        print.stdout
    );
}

#[test]
fn every_usual_name_of_the_id_and_manager_columns_is_read() {
    let folder = tempfile::tempdir().unwrap();
    // The manager cell holds the manager's id, email or name, as the header says.
    let ids = [
        "Employee ID",
        "Employee Number",
        "Employee No.",
        "Emp ID",
        "Person ID",
        "Position ID",
        "Staff Number",
        "Worker ID",
        "User ID",
        "id",
        "Post ID",
    ];
    let managers = [
        ("Manager ID", "id"),
        ("Supervisor ID", "id"),
        ("Reports To", "id"),
        ("reports_to", "id"),
        ("Reports To Position", "id"),
        ("Parent ID", "id"),
        ("Line Manager ID", "id"),
        ("Manager Email", "email"),
        ("Manager's Email", "email"),
        ("Supervisor Email", "email"),
        ("Manager Name", "name"),
        ("Supervisor", "name"),
        ("Line Manager", "name"),
        ("Manager", "name"),
        ("Reporting To", "name"),
    ];
    for id in ids {
        for (manager_header, by) in managers {
            let boss = |who: &str| match (who, by) {
                ("", _) => String::new(),
                (_, "email") => format!("{who}@EXAMPLE.org"),
                (_, "name") => format!("{who} Person"),
                _ => format!("x-{who}"),
            };
            let text = format!(
                "\"{id}\",Job Title,Name,Email,\"{manager_header}\"\n\
                 x-a,Chief,A Person,a@example.org,{}\n\
                 x-b,Deputy,B Person,b@example.org,{}\n\
                 x-c,Analyst,C Person,c@example.org,{}\n",
                boss(""),
                boss("a"),
                boss("b")
            );
            let path = folder.path().join("export.csv");
            std::fs::write(&path, text).unwrap();
            let opened = open(&path, &OpenOptions::default())
                .unwrap_or_else(|e| panic!("{id} / {manager_header}: {:?}", e.problems()));
            let org = opened.org;
            let find = |id: &str| org.find(id).unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(
                org.manager(find("x-c")),
                Some(find("x-b")),
                "{id} / {manager_header}"
            );
            assert_eq!(
                org.manager(find("x-b")),
                Some(find("x-a")),
                "{id} / {manager_header}"
            );
            assert_eq!(opened.notes.len(), 1);
            assert!(
                opened.notes[0].contains(&format!("(matched by {by})")),
                "{id} / {manager_header}: {}",
                opened.notes[0]
            );
        }
    }
}

#[test]
fn choosing_a_column_that_is_not_there_names_those_that_are() {
    let run = orgtree(&[
        "import",
        "hr",
        "hr/workers.tsv",
        "--manager-column",
        "Boss",
        "-o",
        "-",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no column \"Boss\" in the header; it has \"Employee ID\", \"Worker\""),
        "{}",
        run.stderr
    );
    let run = orgtree(&[
        "stats",
        "hr/people-by-name.csv",
        "--match-manager-by",
        "email",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no column holds the people's emails"),
        "{}",
        run.stderr
    );
}

type Shape = (HashMap<String, Value>, Vec<(String, Vec<String>)>);

/// A chart as a comparable value: each post's fields by id, and each post's reports (and
/// the top posts) in order.
fn shape(org: &Org) -> Shape {
    let id = |node: NodeIndex| org.post(node).id().as_str().to_owned();
    let posts = org
        .posts()
        .map(|node| (id(node), save::post_value(org, node)))
        .collect();
    let mut lines = vec![(String::new(), org.tops().iter().map(|&n| id(n)).collect())];
    for node in org.posts() {
        lines.push((id(node), org.reports(node).iter().map(|&n| id(n)).collect()));
    }
    lines.sort();
    (posts, lines)
}

#[test]
fn an_export_to_csv_imports_back_as_the_same_chart_for_every_fixture() {
    let folder = tempfile::tempdir().unwrap();
    let mut charts = common::charts();
    // Control characters and bidi overrides are written as visible escapes, on purpose: a
    // CSV is read in spreadsheets and terminals. That chart cannot come back as it was.
    charts.retain(|name| name != "hostile-text.json");
    charts.extend(
        [
            "hr/people-by-name.csv",
            "hr/workers.tsv",
            "hr/by-email.csv",
            "hr/positions-1252.csv",
        ]
        .map(String::from),
    );
    let mut through = HashMap::new();
    for name in charts {
        let original = open(
            &common::fixtures().join(&name),
            &OpenOptions {
                lenient: true,
                ..OpenOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{name}: {:?}", e.problems()))
        .org;
        for by in ["id", "email", "name"] {
            let csv = folder
                .path()
                .join(format!("{}-{by}.csv", name.replace('/', "-")));
            let run = orgtree(&[
                "export",
                &name,
                "--lenient",
                "--to",
                "csv",
                "--manager-by",
                by,
                "-o",
                csv.to_str().unwrap(),
            ]);
            if by != "id" && run.code != 0 {
                // Managers without an email or a name of their own: refused, and said so.
                assert_eq!(run.code, 1, "{name} by {by}: {}", run.stderr);
                assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
                assert!(!csv.exists());
                continue;
            }
            assert_eq!(run.code, 0, "{name} by {by}: {}", run.stderr);
            let again = open(
                Path::new(&csv),
                &OpenOptions {
                    lenient: true,
                    ..OpenOptions::default()
                },
            )
            .unwrap_or_else(|e| panic!("{name} by {by}: {:?}", e.problems()))
            .org;
            assert_eq!(shape(&again), shape(&original), "{name} by {by}");
            *through.entry(by).or_insert(0) += 1;
        }
    }
    // Every chart by id; by email and by name, at least the exports whose managers have
    // emails and names (by-email.csv; people-by-name.csv, workers.tsv and others).
    assert!(through["id"] >= 15, "{through:?}");
    assert!(through["email"] >= 1 && through["name"] >= 3, "{through:?}");
}

#[test]
fn fields_of_every_kind_come_back_as_they_were_through_a_csv_export() {
    let folder = tempfile::tempdir().unwrap();
    let chart = folder.path().join("kinds.json");
    std::fs::write(
        &chart,
        r#"{"posts": [
            {"id": "a", "title": "Chief", "holder": "A B", "cost": {"min": 50000, "max": 60000},
             "text": "5", "number": 5, "flag": true, "nothing": null, "quoted": "\"hi\"",
             "list": [1, "two"], "object": {"k": 1}, "plain": "words", "formula": "=SUM(A1)"},
            {"id": "b", "title": "Deputy", "reports_to": "a", "text": "true", "number": 2.5,
             "tags": ["x", "y z"], "staff": [{"title": "Officers", "fte": 3}],
             "dotted": [{"to": "a", "kind": "works with"}]}
        ]}"#,
    )
    .unwrap();
    let original = open(&chart, &OpenOptions::default()).unwrap().org;
    let csv = folder.path().join("kinds.csv");
    let run = orgtree(&[
        "export",
        chart.to_str().unwrap(),
        "--to",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = open(&csv, &OpenOptions::default())
        .unwrap_or_else(|e| panic!("{:?}", e.problems()))
        .org;
    assert_eq!(shape(&again), shape(&original));
    // Text that would read as other JSON is written as a JSON string; a plain text as it is.
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(",\"\"\"5\"\"\","), "{text}");
    assert!(text.contains(",words,"), "{text}");
}

#[test]
fn a_column_named_as_a_field_of_orgtree_or_given_twice_is_kept_under_a_name_of_its_own() {
    // Found by fuzzing: a second "title" column, a "staff" cell that is no JSON list, a
    // header given twice and an unknown manager in a column named "reports_to" were kept
    // under names that clash, and the chart saved could not be loaded back.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("clash.csv");
    std::fs::write(
        &path,
        "id,reports_to,title,Worker,Worker,title,staff\n\
         a,,Chief,Ann,Ann B,Boss,[\n\
         b,zz,Deputy,Bob,Bob C,Second,\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let (posts, run) = imported(path, &[]);
    let a = &posts["a"];
    assert_eq!(a["title"], "Chief");
    assert_eq!(a["title (as written)"], "Boss");
    assert_eq!(a["staff (as written)"], "[");
    assert_eq!(a["Worker"], "Ann");
    assert_eq!(a["Worker (column 5)"], "Ann B");
    assert_eq!(posts["b"]["reports_to (as written)"], "zz");
    assert!(
        run.stderr.contains("warning: post 'b' reports to unknown post 'zz'; loaded as a top post, its manager kept as the field \"reports_to (as written)\""),
        "{}",
        run.stderr
    );
    // What was written loads back strictly.
    let out = folder.path().join("clash.json");
    std::fs::write(&out, &run.stdout).unwrap();
    let check = orgtree(&["check", out.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
