//! Importing LDAP and Active Directory exports (LDIF) through the library and through
//! `orgtree import ldif`, and opening them directly: which entries are posts, ids, titles,
//! holders, units and kept attributes, managers matched by DN the LDAP way, every problem
//! at its line and column, and round trips through orgtree JSON. Expected figures are
//! counted from the files' text here, or by hand in the comments.

use std::fmt::Write as _;
use std::path::PathBuf;

use orgtree::org::{Org, Post, save};
use orgtree::read::ldif::{LdifOptions, ldif, looks_like_ldif};
use orgtree::read::organogram::decode_with_note;
use orgtree::read::{Found, Imported, LoadOptions, load_str};
use serde_json::{Value, json};

use crate::common;
use common::orgtree;

const COMPANY: &str = "ldif/example-company.ldif";
const CONTOSO: &str = "ldif/contoso-ldifde.ldif";
const MESSY: &str = "ldif/messy-cp1252.ldif";

fn path(name: &str) -> PathBuf {
    common::fixtures().join(name)
}

/// A fixture's text, decoded as `orgtree` decodes it.
fn text(name: &str) -> String {
    let bytes = std::fs::read(path(name)).expect("the fixture can be read");
    decode_with_note(&bytes).0.into_owned()
}

fn lines(problems: &[Found]) -> Vec<String> {
    problems
        .iter()
        .map(|found| found.problem.display_in(&found.file).to_string())
        .collect()
}

fn read(name: &str, text: &str, lenient: bool) -> Result<Imported, Vec<Found>> {
    ldif(name, text, &LdifOptions { lenient })
}

fn imported(name: &str, text: &str) -> Imported {
    read(name, text, false).unwrap_or_else(|problems| panic!("refused: {:#?}", lines(&problems)))
}

fn refused(name: &str, text: &str) -> Vec<String> {
    match read(name, text, false) {
        Ok(imported) => panic!(
            "not refused; {} posts, warnings {:?}",
            imported.org.len(),
            lines(&imported.warnings)
        ),
        Err(problems) => lines(&problems),
    }
}

fn post<'a>(org: &'a Org, id: &str) -> &'a Post {
    org.post(common::node(org, id))
}

fn field<'a>(org: &'a Org, id: &str, name: &str) -> Option<&'a Value> {
    post(org, id)
        .extra
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn field_names(org: &Org, id: &str) -> Vec<String> {
    post(org, id)
        .extra
        .iter()
        .map(|(key, _)| key.to_string())
        .collect()
}

/// The line (from 1) of the `nth` (from 0) line of `text` that starts with `start`.
fn line_of(text: &str, start: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with(start))
        .nth(nth)
        .unwrap_or_else(|| panic!("no line {nth} starting {start:?}"))
        .0
        + 1
}

fn count_lines(text: &str, start: &str) -> usize {
    text.lines().filter(|line| line.starts_with(start)).count()
}

#[test]
fn an_ldapsearch_export_gives_its_people_as_posts_under_their_managers() {
    let text = text(COMPANY);
    let chart = imported(COMPANY, &text);
    let org = &chart.org;
    // Every person is an inetOrgPerson; the other entries are the base, two
    // organisational units and a group.
    let people = count_lines(&text, "objectClass: inetOrgPerson");
    let entries = count_lines(&text, "dn:");
    assert_eq!((people, entries), (8, 12));
    assert_eq!(org.len(), people);
    // Ids are employeeNumber, and uid for the one person without one (jmurphy).
    let mut ids = common::ids(org);
    ids.sort();
    assert_eq!(
        ids,
        [
            "1001", "1002", "1003", "1004", "1005", "1006", "1007", "jmurphy"
        ]
    );
    // Managers as the file's manager lines give them, by hand.
    for (id, manager) in [
        ("1001", None),
        ("1002", Some("1001")),
        ("1003", Some("1001")),
        ("1004", Some("1002")),
        ("1005", Some("1002")),
        ("1006", Some("1003")),
        ("1007", Some("1004")),
        ("jmurphy", Some("1005")),
    ] {
        assert_eq!(common::manager(org, id).as_deref(), manager, "{id}");
    }
    // A name given in base64, and the mapped fields.
    let bork = post(org, "1004");
    assert_eq!(bork.holder.name(), Some("Renée Börk"));
    assert_eq!(&*bork.title, "Head of Platform Engineering");
    assert_eq!(bork.unit.as_deref(), Some("Technology"));
    assert_eq!(field(org, "1004", "cn"), Some(&json!("Renée Börk")));
    // A continued line folds back exactly: the space that ends the first part is kept.
    assert_eq!(
        field(org, "1007", "description"),
        Some(&json!(
            "Keeps the platform running: on call one week in four, owns the incident review process and the runbooks for every production service"
        ))
    );
    // The DN first, then every attribute not read into the post, in the file's order;
    // several values make a list.
    assert_eq!(
        field_names(org, "1002"),
        [
            "dn",
            "objectClass",
            "uid",
            "cn",
            "sn",
            "givenName",
            "mail",
            "telephoneNumber"
        ]
    );
    assert_eq!(
        field(org, "1002", "dn"),
        Some(&json!("uid=rpatel,ou=People,dc=example,dc=com"))
    );
    assert_eq!(
        field(org, "1002", "objectClass"),
        Some(&json!([
            "top",
            "person",
            "organizationalPerson",
            "inetOrgPerson"
        ]))
    );
    // The four entries that are not people, said once, at the first, naming it.
    let warnings = lines(&chart.warnings);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!("{COMPANY}:1:1: warning: 4 entries are not people"))
            && warnings[0].contains("\"dc=example,dc=com\"")
            && warnings[0].ends_with("and 1 more"),
        "{warnings:?}"
    );
}

#[test]
fn an_ldifde_export_matches_escaped_dns_and_attribute_names_in_any_case() {
    let text = text(CONTOSO);
    let chart = imported(CONTOSO, &text);
    let org = &chart.org;
    // Six users; the computer is a user too, but no one.
    assert_eq!(count_lines(&text, "objectClass: user"), 7);
    assert_eq!(count_lines(&text, "objectClass: computer"), 1);
    assert_eq!(org.len(), 6);
    for (id, manager) in [
        ("E0001", None),
        ("E0002", Some("E0001")),
        ("E0003", Some("E0001")),
        // García's DN is in base64 (dn::); his manager Smith is named with an escaped comma.
        ("E0004", Some("E0002")),
        // Lee's attributes are spelt Title, Department, Manager and EmployeeID.
        ("E0005", Some("E0002")),
        ("E0006", Some("E0003")),
    ] {
        assert_eq!(common::manager(org, id).as_deref(), manager, "{id}");
    }
    let garcia = post(org, "E0004");
    assert_eq!(garcia.holder.name(), Some("Tomás García"));
    assert_eq!(
        field(org, "E0004", "dn"),
        Some(&json!(r"CN=García\, Tomás,OU=Staff,DC=contoso,DC=local"))
    );
    let lee = post(org, "E0005");
    assert_eq!(&*lee.title, "Accounts Assistant");
    assert_eq!(lee.unit.as_deref(), Some("Finance"));
    // The attribute names spelt otherwise are read as the same attributes, not kept.
    let names = field_names(org, "E0005");
    for read in [
        "Title",
        "Department",
        "Manager",
        "EmployeeID",
        "title",
        "manager",
    ] {
        assert!(!names.iter().any(|n| n == read), "{read} in {names:?}");
    }
    // objectGUID is binary in every entry that has one: one warning, at the first.
    let guids = count_lines(&text, "objectGUID::");
    let warnings = lines(&chart.warnings);
    let binary = format!(
        "{CONTOSO}:{}:14: warning: \"objectGUID\" is binary data (base64 that is not UTF-8 text) in {guids} entries: kept as the base64 the file gives",
        line_of(&text, "objectGUID::", 0)
    );
    assert!(warnings.contains(&binary), "{warnings:?}");
    let guid = field(org, "E0001", "objectGUID").and_then(Value::as_str);
    let in_file = text
        .lines()
        .filter_map(|line| line.strip_prefix("objectGUID:: "))
        .nth(3);
    assert_eq!(guid, in_file, "the fourth GUID is the first person's");
    // Three organisational units, the computer and the group are left out.
    let left_out = warnings
        .iter()
        .find(|w| w.contains("are not people"))
        .expect("a warning of entries left out");
    assert!(left_out.contains("5 entries"), "{left_out}");
}

#[test]
fn a_messy_export_reports_every_problem_at_once_at_its_line() {
    let text = text(MESSY);
    let manager_line = |uid: &str| line_of(&text, &format!("manager: uid={uid},"), 0);
    let problems = refused(MESSY, &text);
    let expected = [
        format!(
            "{MESSY}:{}:10: warning: post 'boss' reports to itself; loaded as a top post",
            manager_line("boss")
        ),
        format!(
            "{MESSY}:{}:10: warning: post 'zoe': its manager \"uid=left,ou=People,dc=example,dc=com\" is no entry of the file; loaded as a top post, the DN kept as the field \"manager\"",
            manager_line("left")
        ),
        format!(
            "{MESSY}:{}:1: warning: post 'kim' has no \"title\"; the holder's name (\"cn\") is used as its title",
            line_of(&text, "dn: uid=kim", 0)
        ),
        format!(
            "{MESSY}:{}:10: error: reporting loop: 'lead1' -> 'lead2' -> 'lead1' (each reports to the next)",
            manager_line("lead2")
        ),
        format!(
            "{MESSY}:{}:1: warning: 1 change record (changetype: modify) is not an entry of a directory: left out: \"uid=ann,ou=People,dc=example,dc=com\"",
            line_of(&text, "dn: uid=ann", 1)
        ),
    ];
    assert_eq!(problems, expected);

    // Loaded leniently: the loop's posts are top posts too.
    let chart = read(MESSY, &text, true).expect("loaded leniently");
    let org = &chart.org;
    assert_eq!(org.len(), count_lines(&text, "objectClass: inetOrgPerson"));
    let mut tops: Vec<String> = org
        .tops()
        .iter()
        .map(|&n| org.post(n).id().as_str().to_owned())
        .collect();
    tops.sort();
    assert_eq!(tops, ["boss", "lead1", "lead2", "zoe"]);
    // "UID=Boss , OU=people,DC=Example, dc=COM" names uid=boss,ou=People,dc=example,dc=com.
    assert_eq!(common::manager(org, "ann").as_deref(), Some("boss"));
    assert_eq!(
        field(org, "zoe", "manager"),
        Some(&json!("uid=left,ou=People,dc=example,dc=com"))
    );
    // Windows-1252 text read as it was written.
    assert_eq!(post(org, "zoe").holder.name(), Some("Zoë Dupré"));
    assert_eq!(&*post(org, "zoe").title, "Café Manager");
}

/// One entry, in LDIF.
fn entry(dn: &str, lines: &[&str]) -> String {
    let mut entry = format!("dn: {dn}\n");
    for line in lines {
        entry.push_str(line);
        entry.push('\n');
    }
    entry
}

fn person(uid: &str, manager: Option<&str>) -> String {
    let manager = manager.map(|m| format!("manager: uid={m},dc=x"));
    let mut lines = vec![
        "objectClass: person".to_owned(),
        format!("uid: {uid}"),
        format!("cn: {uid}"),
        "title: T".to_owned(),
    ];
    lines.extend(manager);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    entry(&format!("uid={uid},dc=x"), &lines)
}

#[test]
fn the_id_is_the_first_of_employee_id_employee_number_uid_account_name_else_the_dn() {
    let text = [
        entry(
            "cn=a,dc=x",
            &[
                "cn: a",
                "sAMAccountName: sa",
                "uid: ua",
                "employeeNumber: na",
                "employeeID: ea",
            ],
        ),
        entry(
            "cn=b,dc=x",
            &[
                "cn: b",
                "sAMAccountName: sb",
                "uid: ub",
                "employeeNumber: nb",
            ],
        ),
        entry("cn=c,dc=x", &["cn: c", "sAMAccountName: sc", "uid: uc"]),
        entry("cn=d,dc=x", &["cn: d", "sAMAccountName: sd"]),
        entry("cn=e,dc=x", &["cn: e"]),
    ]
    .join("\n");
    let org = imported("ids.ldif", &text).org;
    assert_eq!(common::ids(&org), ["ea", "nb", "uc", "sd", "cn=e,dc=x"]);
    // What is not the id is kept; the DN always.
    assert_eq!(
        field_names(&org, "ea"),
        ["dn", "sAMAccountName", "uid", "employeeNumber"]
    );
    assert_eq!(field(&org, "cn=e,dc=x", "dn"), Some(&json!("cn=e,dc=x")));
}

#[test]
fn a_duplicate_id_is_the_builders_error_and_a_duplicate_dn_is_named_with_both_lines() {
    let text = format!("{}\n{}", person("a", None), person("a", None));
    assert_eq!(
        refused("d.ldif", &text),
        [
            "d.ldif:7:1: error: the DN \"uid=a,dc=x\" is given twice (first on line 1)",
            "d.ldif:9:6: error: duplicate id 'a' (first used on line 3)",
        ]
    );
    let text = format!(
        "{}\n{}",
        person("a", None),
        person("b", None).replace("uid: b", "uid: a")
    );
    assert_eq!(
        refused("d.ldif", &text),
        ["d.ldif:9:6: error: duplicate id 'a' (first used on line 3)"]
    );
}

#[test]
fn manager_dns_match_in_any_case_spacing_and_escaping() {
    let text = [
        entry(
            r"cn=Smith\, John,ou=Staff,dc=x",
            &["objectClass: user", "employeeID: 1"],
        ),
        entry(
            "cn=a,dc=x",
            &[
                "objectClass: user",
                "employeeID: 2",
                r"manager: CN=SMITH\2C JOHN , OU = staff,DC=X",
            ],
        ),
        entry(
            "cn=b,dc=x",
            &[
                "objectClass: user",
                "employeeID: 3",
                r#"manager: cn="Smith, John",ou=Staff,dc=x"#,
            ],
        ),
        entry(
            "cn=c,dc=x",
            &[
                "objectClass: user",
                "employeeID: 4",
                "manager: cn=Smith John,ou=Staff,dc=x",
            ],
        ),
    ]
    .join("\n");
    let chart = imported("m.ldif", &text);
    let org = &chart.org;
    assert_eq!(common::manager(org, "2").as_deref(), Some("1"));
    assert_eq!(common::manager(org, "3").as_deref(), Some("1"));
    // Without the escaped comma it is another DN: a warning naming it.
    assert_eq!(common::manager(org, "4"), None);
    let warnings = lines(&chart.warnings);
    assert!(
        warnings.iter().any(|w| w.starts_with("m.ldif:18:10: warning: post '4': its manager \"cn=Smith John,ou=Staff,dc=x\" is no entry of the file")),
        "{warnings:?}"
    );
}

#[test]
fn an_entry_named_as_a_manager_is_a_post_and_others_that_are_not_people_are_left_out() {
    let text = [
        entry(
            "ou=People,dc=x",
            &["objectClass: organizationalUnit", "ou: People"],
        ),
        entry(
            "cn=Board,dc=x",
            &["objectClass: organizationalRole", "cn: Board"],
        ),
        entry(
            "cn=staff,dc=x",
            &[
                "objectClass: groupOfNames",
                "cn: staff",
                "member: uid=a,dc=x",
            ],
        ),
        entry(
            "cn=pc1,dc=x",
            &["objectClass: user", "objectClass: computer", "cn: pc1"],
        ),
        // No object class (an export of a few attributes only), but a name.
        entry("uid=n,dc=x", &["uid: n", "cn: Nadia"]),
        person("a", None).replace("uid: a", "uid: a\nmanager: cn=board,dc=x"),
        // A title alone makes a post.
        entry(
            "cn=t,dc=x",
            &["objectClass: organizationalRole", "cn: t", "title: Clerk"],
        ),
    ]
    .join("\n");
    let chart = imported("p.ldif", &text);
    // In tree order: the board, its report, then the other top posts.
    assert_eq!(
        common::ids(&chart.org),
        ["cn=Board,dc=x", "a", "n", "cn=t,dc=x"]
    );
    assert_eq!(
        common::manager(&chart.org, "a").as_deref(),
        Some("cn=Board,dc=x")
    );
    let warnings = lines(&chart.warnings);
    let left_out = warnings
        .iter()
        .find(|w| w.contains("not people"))
        .expect("left out");
    assert!(
        left_out.starts_with("p.ldif:1:1: warning: 3 entries are not people")
            && left_out.ends_with("\"ou=People,dc=x\", \"cn=staff,dc=x\", \"cn=pc1,dc=x\""),
        "{left_out}"
    );
}

#[test]
fn a_missing_title_is_the_holders_name_else_the_dns_first_value() {
    let text = [
        entry(
            "uid=a,dc=x",
            &[
                "objectClass: person",
                "uid: a",
                "cn: Ann",
                "displayName: Ann Lee",
            ],
        ),
        entry(r"cn=Lee\, Bo,dc=x", &["objectClass: person", "uid: b"]),
        entry("", &["objectClass: person", "uid: c"]),
    ]
    .join("\n");
    let chart = imported("t.ldif", &text);
    let org = &chart.org;
    assert_eq!(&*post(org, "a").title, "Ann Lee");
    assert_eq!(post(org, "a").holder.name(), Some("Ann Lee"));
    assert_eq!(field(org, "a", "cn"), Some(&json!("Ann")));
    assert_eq!(&*post(org, "b").title, "Lee, Bo");
    assert!(post(org, "b").holder.is_vacant());
    assert_eq!(&*post(org, "c").title, "");
    assert_eq!(
        lines(&chart.warnings),
        [
            "t.ldif:1:1: warning: post 'a' has no \"title\"; the holder's name (\"displayName\") is used as its title",
            "t.ldif:7:1: warning: post 'b' has no \"title\"; the first value of its DN is used as its title",
            "t.ldif:11:1: warning: post 'c' has no \"title\"; nothing else names it: its title is empty",
        ]
    );
}

#[test]
fn values_in_base64_by_url_and_with_several_values_are_kept_with_one_warning_each() {
    let text = [
        entry(
            "uid=a,dc=x",
            &[
                "objectClass: person",
                "uid: a",
                "title: Head",
                "title;lang-fr: Chef",
                "title: Lead",
                "jpegPhoto:< file:///photos/a.jpg",
                "objectSid:: AQUAAAAAAAUVAAAA/w==",
            ],
        ),
        entry(
            "uid=b,dc=x",
            &[
                "objectClass: person",
                "uid: b",
                "title: X",
                "objectSid:: AQUAAAAAAAUVAAAA/g==",
            ],
        ),
    ]
    .join("\n");
    let chart = imported("v.ldif", &text);
    let org = &chart.org;
    assert_eq!(&*post(org, "a").title, "Head");
    // orgtree's own field name is not taken: all the values are kept under another.
    assert_eq!(
        field(org, "a", "imported_title"),
        Some(&json!(["Head", "Lead"]))
    );
    assert_eq!(field(org, "a", "title;lang-fr"), Some(&json!("Chef")));
    assert_eq!(
        field(org, "a", "jpegPhoto"),
        Some(&json!("file:///photos/a.jpg"))
    );
    assert_eq!(
        field(org, "b", "objectSid"),
        Some(&json!("AQUAAAAAAAUVAAAA/g=="))
    );
    assert_eq!(
        lines(&chart.warnings),
        [
            "v.ldif:4:8: warning: \"title\" has several values in 1 entry: the first is read as the post's title; all are kept as the field \"imported_title\"",
            "v.ldif:7:13: warning: \"jpegPhoto\" is given by URL (\"jpegPhoto:< URL\") in 1 entry: kept as the URL, which is not fetched",
            "v.ldif:8:13: warning: \"objectSid\" is binary data (base64 that is not UTF-8 text) in 2 entries: kept as the base64 the file gives",
        ]
    );
}

#[test]
fn change_records_other_than_add_are_left_out_and_an_add_is_an_entry() {
    let text = "version: 1\n\n\
        dn: uid=a,dc=x\nchangetype: add\nobjectClass: person\nuid: a\ntitle: T\n\n\
        dn: uid=b,dc=x\nchangetype: delete\n\n\
        dn: uid=a,dc=x\nchangetype: modify\nreplace: title\ntitle: U\n-\n\n\
        dn: uid=c,dc=x\nchangetype: moddn\nnewrdn: uid=d\ndeleteoldrdn: 1\n";
    let chart = imported("c.ldif", text);
    assert_eq!(common::ids(&chart.org), ["a"]);
    assert_eq!(field_names(&chart.org, "a"), ["dn", "objectClass"]);
    assert_eq!(
        lines(&chart.warnings),
        [
            "c.ldif:9:1: warning: 3 change records (changetype: delete, modify, moddn) are not entries of a directory: left out: \"uid=b,dc=x\", \"uid=a,dc=x\", \"uid=c,dc=x\""
        ]
    );
}

#[test]
fn lines_that_are_not_ldif_are_all_reported_at_their_place() {
    let text = "version: 2\n\
        dn: uid=a,dc=x\nobjectClass: person\nuid: a\nthis line has no colon\n\n \
        stray continuation\n\n\
        cn: no dn\n\n\
        dn: uid=b,dc=x\nuid: b\ndn: uid=c,dc=x\nuid: c\n\n\
        dn: uid=d,dc=x\nuid: d\ncn:: !!not base64!!\n";
    assert_eq!(
        refused("s.ldif", text),
        [
            "s.ldif:1:10: warning: LDIF version \"2\": read as version 1",
            "s.ldif:5:1: error: not an LDIF line (an attribute name, a colon and a value): \"this line has no colon\"",
            "s.ldif:7:1: error: a continued line (starting with a space) with no line before it to continue",
            "s.ldif:9:1: error: an entry starts with \"dn:\" (its distinguished name), found \"cn:\"",
            "s.ldif:13:1: error: a second \"dn:\" in one entry: entries are separated by a blank line",
            "s.ldif:16:1: warning: post 'd' has no \"title\"; the first value of its DN is used as its title",
            "s.ldif:18:6: error: \"cn\" is given in base64 (after \"::\") that cannot be decoded",
        ]
    );
}

#[test]
fn ldif_is_told_by_its_first_line_that_is_not_a_comment() {
    assert!(looks_like_ldif("dn: cn=a\n"));
    assert!(looks_like_ldif(
        "\u{feff}# extended LDIF\n#  continued\n\nversion: 1\n"
    ));
    assert!(looks_like_ldif("DN:: Y249YQ==\r\n"));
    assert!(!looks_like_ldif("Name,Manager\nA,B\n"));
    assert!(!looks_like_ldif("cn: a\ndn: cn=a\n"));
    assert!(!looks_like_ldif("# only a comment\n"));
}

#[test]
fn ldapsearch_trailer_lines_are_no_entry() {
    let text = "# extended LDIF\nversion: 1\n\n# a, x\ndn: uid=a,dc=x\nobjectClass: person\nuid: a\ntitle: T\n\n# search result\nsearch: 2\nresult: 0 Success\n\n# numResponses: 2\n";
    let chart = imported("l.ldif", text);
    assert_eq!(common::ids(&chart.org), ["a"]);
    assert!(chart.warnings.is_empty(), "{:?}", lines(&chart.warnings));
}

/// A directory of `people` people, each the report of person `(i - 1) / 8`, listed from
/// the last so that reports come before their managers.
fn directory(people: usize) -> String {
    let mut text = String::new();
    for i in (0..people).rev() {
        let _ = write!(
            text,
            "dn: uid=p{i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: p{i}\ncn: Person {i}\ntitle: Role {}\nmail: p{i}@example.com\n",
            i % 40
        );
        if i > 0 {
            let _ = writeln!(
                text,
                "manager: uid=p{},ou=People,dc=example,dc=com",
                (i - 1) / 8
            );
        }
        text.push('\n');
    }
    text
}

#[test]
fn a_directory_of_a_hundred_thousand_people_imports_whole() {
    // Quadratic matching of DNs would take minutes here.
    let people = 100_000;
    let chart = imported("big.ldif", &directory(people));
    assert_eq!(chart.org.len(), people);
    assert_eq!(chart.org.tops().len(), 1);
    assert_eq!(
        common::manager(&chart.org, "p99999").as_deref(),
        Some("p12499")
    );
    assert!(chart.warnings.is_empty());
}

/// Saving `org` and loading it again gives the same chart; the messages of the problems
/// loading it finds (leniently when `lenient`).
fn round_trips(org: &Org, lenient: bool) -> Vec<String> {
    let text = save::to_json(org);
    let loaded = load_str(&text, LoadOptions { lenient })
        .unwrap_or_else(|error| panic!("the saved chart does not load: {error:?}"));
    assert!(loaded.org == *org, "the chart changed on the way");
    loaded.warnings.into_iter().map(|p| p.message).collect()
}

#[test]
fn every_fixture_round_trips_through_orgtree_json() {
    for name in [COMPANY, CONTOSO] {
        assert!(round_trips(&imported(name, &text(name)).org, false).is_empty());
    }
    // Read leniently, the loop's posts are top posts that keep their manager's id as
    // reports_to: the chart saved still names the loop, to be settled, and opens
    // leniently as it was.
    let messy = read(MESSY, &text(MESSY), true).expect("lenient").org;
    assert_eq!(
        round_trips(&messy, true),
        [
            "reporting loop: 'lead1' -> 'lead2' -> 'lead1' (each reports to the next); its posts are loaded as top posts"
        ]
    );
    assert_eq!(field(&messy, "lead1", "reports_to"), Some(&json!("lead2")));
}

#[test]
fn orgtree_import_ldif_writes_a_chart_that_checks_clean() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("contoso.json");
    let out = out.to_str().unwrap();
    let run = orgtree(&["import", "ldif", CONTOSO, "-o", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "orgtree: imported 6 posts from {CONTOSO}; wrote {out}\n"
        )),
        "{}",
        run.stderr
    );
    let check = orgtree(&["check", out]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("6 posts, 1 top post, no problems"),
        "{}",
        check.stdout
    );
    // The file is what the library makes of the same input.
    let written = std::fs::read_to_string(out).unwrap();
    assert_eq!(
        written,
        save::to_json(&imported(CONTOSO, &text(CONTOSO)).org)
    );

    // A chart with errors: all said, nothing written; --lenient writes it.
    let messy = folder.path().join("messy.json");
    let messy = messy.to_str().unwrap();
    let run = orgtree(&["import", "ldif", MESSY, "-o", messy]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: reporting loop"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: not UTF-8: read as Windows-1252"),
        "{}",
        run.stderr
    );
    assert!(!std::path::Path::new(messy).exists());
    let run = orgtree(&["import", "ldif", MESSY, "-o", messy, "--lenient"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = orgtree(&["check", "--lenient", messy]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("6 posts, 4 top posts, 1 warning"),
        "{}",
        check.stdout
    );
}

#[test]
fn every_command_opens_ldif_directly() {
    let check = orgtree(&["check", COMPANY, CONTOSO]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .contains(&format!("{COMPANY}: 8 posts, 1 top post, 1 warning")),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains(&format!("{CONTOSO}: 6 posts, 1 top post, 2 warnings")),
        "{}",
        check.stdout
    );

    let stats = orgtree(&["stats", "--json", COMPANY]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    let stats: Value = serde_json::from_str(&stats.stdout).expect("JSON");
    assert_eq!(stats["posts"], json!(8), "{stats}");

    let print = orgtree(&["print", "--ascii", COMPANY]);
    assert_eq!(print.code, 0, "{}", print.stderr);
    assert!(
        print.stdout.starts_with("Chief Executive (Margaret Hill)"),
        "{}",
        print.stdout
    );

    // The same directory after a move: Li Chen reports to the CTO, with a new title.
    let folder = tempfile::tempdir().unwrap();
    let after = folder.path().join("after.ldif");
    let changed = text(COMPANY)
        .replace(
            "title: Financial Controller\ndepartment: Finance\nmail: lchen@example.com\ntelephoneNumber: +44 20 7946 0006\nmanager: uid=cobrien",
            "title: Data Controller\ndepartment: Finance\nmail: lchen@example.com\ntelephoneNumber: +44 20 7946 0006\nmanager: uid=rpatel",
        );
    assert_ne!(changed, text(COMPANY));
    std::fs::write(&after, changed).unwrap();
    let diff = orgtree(&["diff", COMPANY, after.to_str().unwrap()]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    for said in [
        "moved  Data Controller (Li Chen): Chief Financial Officer -> Chief Technology Officer",
        "retitled  Financial Controller -> Data Controller (Li Chen)",
        "1 moved, 1 retitled",
    ] {
        assert!(diff.stdout.contains(said), "{said}\n{}", diff.stdout);
    }
}

#[test]
fn the_help_names_ldif_with_an_example() {
    let import = orgtree(&["import", "--help"]);
    assert!(
        import.stdout.contains("ldif (an LDAP or Active"),
        "{}",
        import.stdout
    );
    assert!(
        import
            .stdout
            .contains("orgtree import ldif people.ldif -o chart.json")
    );
    let ldif = orgtree(&["import", "ldif", "--help"]);
    assert!(
        ldif.stdout
            .contains("orgtree import ldif people.ldif -o chart.json"),
        "{}",
        ldif.stdout
    );
    let top = orgtree(&["--help"]);
    assert!(
        top.stdout
            .contains("orgtree import ldif people.ldif -o chart.json")
    );
}

#[test]
fn an_attribute_named_as_a_field_already_kept_is_kept_beside_it() {
    let text = entry(
        "uid=a,dc=x",
        &[
            "objectClass: person",
            "uid: a",
            "imported_title: mine",
            "title: Head",
            "title: Lead",
            "id: 7",
        ],
    );
    let chart = imported("k.ldif", &text);
    let org = &chart.org;
    assert_eq!(
        field_names(org, "a"),
        [
            "dn",
            "objectClass",
            "imported_title",
            "imported_title (2)",
            "imported_id"
        ]
    );
    assert_eq!(field(org, "a", "imported_title"), Some(&json!("mine")));
    assert_eq!(
        field(org, "a", "imported_title (2)"),
        Some(&json!(["Head", "Lead"]))
    );
    assert_eq!(field(org, "a", "imported_id"), Some(&json!("7")));
    round_trips(org, false);
}
