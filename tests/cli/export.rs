//! Export to other formats: DOT, Mermaid, CSV and the UK senior organogram CSV, and `part`,
//! which cuts a chart down to a team or a number of layers. Each format's output is read back
//! (with a small DOT reader, line by line for Mermaid, with the `csv` crate for the CSVs) and
//! checked against the chart, on real fixtures and on a chart of hostile text.

use crate::common;

use std::collections::{BTreeMap, HashMap};

use orgtree::org::save::{dotted_value, staff_value, to_json};
use orgtree::org::{NodeIndex, Org};
use orgtree::read::{LoadOptions, load_path, load_str};
use orgtree::report::export::{
    CSV_COLUMNS, ORGANOGRAM_COLUMNS, part, write_csv, write_dot, write_mermaid, write_organogram,
};
use orgtree::text::{escape, is_unsafe};

fn fixture(name: &str) -> Org {
    load_path(&common::fixtures().join(name), LoadOptions::default())
        .expect("the fixture loads")
        .org
}

/// A chart whose text tries everything: quotes, backslashes, line breaks, escape sequences,
/// bidi overrides, formulas, Mermaid and HTML syntax, a vacant post and dotted lines.
const HOSTILE: &str = r#"{
  "orgtree": 1,
  "name": "Hostile \"export\" \u001b[2J chart",
  "posts": [
    { "id": "boss\"1\\", "title": "Chief \"Quoted\" \\ Officer\nsecond line",
      "holder": "=HYPERLINK(\"http://evil.example\",\"click\")",
      "location": "@SUM(A1:A9)", "tags": ["-x", "ok"] },
    { "id": "dep\u202e", "title": "+Deputy <b>bold</b> & #35; `code` |pipe|",
      "reports_to": "boss\"1\\", "holder": "\u001b]0;pwned\u0007Bob",
      "unit": "-Unit", "grade": "\tG7", "note": "\rnote",
      "dotted": [ { "to": "vac", "label": "works \"with\"\n|x|" } ] },
    { "id": "vac", "title": "Vacant ]\"] post", "reports_to": "boss\"1\\", "holder": null,
      "fte": 0.5, "cost": 90000,
      "dotted": [ { "to": "boss\"1\\" } ] }
  ]
}"#;

fn hostile() -> Org {
    load_str(HOSTILE, LoadOptions::default())
        .expect("the hostile chart loads")
        .org
}

fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory works");
    String::from_utf8(out).expect("the output is UTF-8")
}

fn ids(org: &Org, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<String> {
    nodes
        .into_iter()
        .map(|node| org.post(node).id().as_str().to_owned())
        .collect()
}

fn tree_ids(org: &Org) -> Vec<String> {
    ids(org, org.tree_order().map(|(node, _)| node))
}

/// Every reporting line as (manager id, report id), in tree order.
fn reporting_lines(org: &Org) -> Vec<(String, String)> {
    org.tree_order()
        .filter_map(|(node, _)| {
            let manager = org.manager(node)?;
            Some((
                org.post(manager).id().as_str().to_owned(),
                org.post(node).id().as_str().to_owned(),
            ))
        })
        .collect()
}

/// Every dotted line as (from id, to id, label), in tree order.
fn dotted_lines(org: &Org) -> Vec<(String, String, Option<String>)> {
    org.tree_order()
        .flat_map(|(node, _)| {
            let post = org.post(node);
            post.dotted.iter().map(|line| {
                (
                    post.id().as_str().to_owned(),
                    line.to.as_str().to_owned(),
                    line.label.as_ref().map(ToString::to_string),
                )
            })
        })
        .collect()
}

/// Chart text as a drawing shows it: line breaks kept, other unsafe characters escaped.
fn drawn(text: &str) -> String {
    escape(&text.replace("\r\n", "\n")).replace("\\u{a}", "\n")
}

fn assert_no_raw_control_characters(output: &str) {
    let bad: Vec<char> = output
        .chars()
        .filter(|&c| is_unsafe(c) && c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "raw unsafe characters {bad:?} in:\n{output}"
    );
}

// ---------------------------------------------------------------------------------------
// DOT

/// A DOT file read back: its statements, with quoted strings as Graphviz's scanner reads
/// them (`\"` is a quote, a backslash pair stays a pair).
#[derive(Debug, Default)]
struct Dot {
    graph_attrs: BTreeMap<String, String>,
    nodes: Vec<(String, BTreeMap<String, String>)>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Id(String),
    Punct(&'static str),
}

fn dot_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' => {
                let mut id = String::new();
                loop {
                    match chars.next().expect("a quoted string is closed") {
                        '"' => break,
                        '\\' => match chars.next().expect("a quoted string is closed") {
                            '"' => id.push('"'),
                            '\n' => {}
                            other => {
                                id.push('\\');
                                id.push(other);
                            }
                        },
                        '\n' => panic!("a raw line break inside a quoted string"),
                        other => id.push(other),
                    }
                }
                tokens.push(Token::Id(id));
            }
            '-' => {
                assert_eq!(chars.next(), Some('>'), "only -> edges in a digraph");
                tokens.push(Token::Punct("->"));
            }
            '{' => tokens.push(Token::Punct("{")),
            '}' => tokens.push(Token::Punct("}")),
            '[' => tokens.push(Token::Punct("[")),
            ']' => tokens.push(Token::Punct("]")),
            ';' => tokens.push(Token::Punct(";")),
            ',' => tokens.push(Token::Punct(",")),
            '=' => tokens.push(Token::Punct("=")),
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_alphanumeric() || next == '_' || next == '.' {
                        word.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Id(word));
            }
            other => panic!("unexpected character {other:?} in DOT"),
        }
    }
    tokens
}

fn parse_dot(text: &str) -> Dot {
    let tokens = dot_tokens(text);
    let id = |token: &Token| match token {
        Token::Id(id) => id.clone(),
        Token::Punct(p) => panic!("expected an id, found {p}"),
    };
    assert_eq!(tokens[0], Token::Id("digraph".into()));
    assert!(matches!(tokens[1], Token::Id(_)));
    assert_eq!(tokens[2], Token::Punct("{"));
    assert_eq!(
        tokens.last(),
        Some(&Token::Punct("}")),
        "the graph is closed"
    );
    let body = &tokens[3..tokens.len() - 1];
    let mut dot = Dot::default();
    for statement in body.split(|token| *token == Token::Punct(";")) {
        if statement.is_empty() {
            continue;
        }
        let (head, attrs) = match statement.iter().position(|t| *t == Token::Punct("[")) {
            Some(at) => {
                assert_eq!(statement.last(), Some(&Token::Punct("]")), "{statement:?}");
                (
                    &statement[..at],
                    attributes(&statement[at + 1..statement.len() - 1]),
                )
            }
            None => (statement, BTreeMap::new()),
        };
        match head {
            [name, Token::Punct("="), value] => {
                dot.graph_attrs.insert(id(name), id(value));
            }
            [Token::Id(keyword)] if keyword == "node" || keyword == "edge" => {}
            [name] => dot.nodes.push((id(name), attrs)),
            [from, Token::Punct("->"), to] => dot.edges.push((id(from), id(to), attrs)),
            other => panic!("not a DOT statement: {other:?}"),
        }
    }
    dot
}

fn attributes(tokens: &[Token]) -> BTreeMap<String, String> {
    tokens
        .split(|token| *token == Token::Punct(","))
        .map(|pair| match pair {
            [Token::Id(key), Token::Punct("="), Token::Id(value)] => (key.clone(), value.clone()),
            other => panic!("not an attribute: {other:?}"),
        })
        .collect()
}

/// A DOT string as Graphviz shows it in a label: `\n` is a line break, `\\` a backslash.
fn shown(raw: &str) -> String {
    let mut text = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => text.push('\n'),
                Some(other) => text.push(other),
                None => panic!("a lone backslash at the end of {raw:?}"),
            }
        } else {
            text.push(c);
        }
    }
    text
}

/// Checks that the DOT output of `org` has every post, reporting line and dotted line of
/// the chart with the right labels and styles, and nothing else.
fn check_dot(org: &Org, output: &str) {
    assert_no_raw_control_characters(output);
    let dot = parse_dot(output);
    let expected_nodes: Vec<String> = tree_ids(org).iter().map(|id| escape(id).into()).collect();
    let nodes: Vec<String> = dot.nodes.iter().map(|(name, _)| shown(name)).collect();
    assert_eq!(nodes, expected_nodes);
    for ((_, attrs), (node, _)) in dot.nodes.iter().zip(org.tree_order()) {
        let post = org.post(node);
        let title = if post.title.trim().is_empty() {
            "(no title)"
        } else {
            &post.title
        };
        let holder = holder_or(post, "(vacant)", "(not disclosed)");
        assert_eq!(
            shown(&attrs["label"]),
            format!("{}\n{}", drawn(title), drawn(holder))
        );
        assert_eq!(
            attrs.get("style").map(String::as_str),
            post.is_vacant().then_some("rounded,dashed"),
            "{}",
            post.id().as_str()
        );
    }
    let solid: Vec<(String, String)> = dot
        .edges
        .iter()
        .filter(|(_, _, attrs)| !attrs.contains_key("style"))
        .map(|(from, to, _)| (shown(from), shown(to)))
        .collect();
    let expected: Vec<(String, String)> = reporting_lines(org)
        .into_iter()
        .map(|(from, to)| (escape(&from).into(), escape(&to).into()))
        .collect();
    assert_eq!(solid, expected);
    let dashed: Vec<(String, String, Option<String>)> = dot
        .edges
        .iter()
        .filter(|(_, _, attrs)| attrs.contains_key("style"))
        .map(|(from, to, attrs)| {
            assert_eq!(attrs["style"], "dashed");
            assert_eq!(attrs["constraint"], "false");
            (shown(from), shown(to), attrs.get("label").map(|l| shown(l)))
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = dotted_lines(org)
        .into_iter()
        .map(|(from, to, label)| {
            (
                escape(&from).into(),
                escape(&to).into(),
                label.as_deref().map(drawn),
            )
        })
        .collect();
    assert_eq!(dashed, expected);
}

#[test]
fn dot_has_every_post_and_line_of_the_home_office() {
    let org = fixture("home-office-technology-after-coo.json");
    let output = written(|out| write_dot(&org, out));
    check_dot(&org, &output);
    let dot = parse_dot(&output);
    assert_eq!(dot.nodes.len(), 14);
    assert_eq!(dot.edges.len(), 13);
    assert_eq!(
        shown(&dot.graph_attrs["label"]),
        "Home Office Technology\nas of 2015-06-26"
    );
    assert!(output.contains(
        r#"  "coo" [label="Chief Operating Officer, Technology\n(vacant)", style="rounded,dashed"];"#
    ));
    assert!(output.contains(r#"  "cto" -> "coo";"#));
}

#[test]
fn dot_draws_dotted_lines_dashed_with_their_label() {
    let org = fixture("cddo-missions.json");
    let output = written(|out| write_dot(&org, out));
    check_dot(&org, &output);
    assert!(output.contains(
        r#"  "mission-1" -> "dwp-perm-sec" [style=dashed, constraint=false, label="sponsor"];"#
    ));
    assert_eq!(parse_dot(&output).edges.len(), 14 + 9);
}

#[test]
fn dot_escapes_hostile_text() {
    for org in [hostile(), fixture("hostile-text.json")] {
        let output = written(|out| write_dot(&org, out));
        check_dot(&org, &output);
    }
    let output = written(|out| write_dot(&hostile(), out));
    // Quotes and backslashes escaped, a line break as \n, an escape sequence shown.
    assert!(
        output.contains(r#"  "boss\"1\\" [label="Chief \"Quoted\" \\ Officer\nsecond line\n=HYPERLINK(\"http://evil.example\",\"click\")"];"#),
        "{output}"
    );
    assert!(
        output.contains(r#""dep\\u{202e}" [label="+Deputy"#),
        "{output}"
    );
    assert!(
        output.contains(r#"\n\\u{1b}]0;pwned\\u{7}Bob"]"#),
        "{output}"
    );
    assert!(output.contains(r#"label="Hostile \"export\" \\u{1b}[2J chart""#));
    assert!(output.contains(r#"[style=dashed, constraint=false, label="works \"with\"\n|x|"];"#));
    assert!(output.contains(r#"  "vac" -> "boss\"1\\" [style=dashed, constraint=false];"#));
}

/// Graphviz itself, when it is installed (it is not needed to run the tests): every chart's
/// DOT parses, with one node per post and one edge per line, and the labels drawn are the
/// chart's text.
#[test]
fn graphviz_reads_the_dot_when_it_is_installed() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    if Command::new("dot").arg("-V").output().is_err() {
        // CI installs graphviz (.ci/run), so there this test always runs.
        assert!(
            std::env::var_os("CI").is_none(),
            "graphviz (dot) is missing in CI"
        );
        eprintln!("graphviz is not installed: skipped");
        return;
    }
    let mut charts = vec![hostile()];
    charts.extend(common::charts().iter().map(|name| fixture(name)));
    for org in charts {
        let output = written(|out| write_dot(&org, out));
        let mut child = Command::new("dot")
            .arg("-Tplain")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(output.as_bytes())
            .unwrap();
        let result = child.wait_with_output().unwrap();
        let plain = String::from_utf8_lossy(&result.stdout);
        // Graphviz may warn about how it routed a line; it must not find a syntax error.
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            result.status.success() && !stderr.contains("rror"),
            "{stderr}\n{output}"
        );
        let count = |kind: &str| plain.lines().filter(|l| l.starts_with(kind)).count();
        assert_eq!(count("node "), org.len(), "{plain}");
        assert_eq!(
            count("edge "),
            reporting_lines(&org).len() + dotted_lines(&org).len(),
            "{plain}"
        );
    }
    // The labels Graphviz draws: quotes, backslashes and line breaks as the chart has them,
    // an escape sequence shown as an escape.
    let output = written(|out| write_dot(&hostile(), out));
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(output.as_bytes())
        .unwrap();
    let svg = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    for line in [
        ">Chief &quot;Quoted&quot; \\ Officer</text>",
        ">second line</text>",
        ">\\u{1b}]0;pwned\\u{7}Bob</text>",
        ">(vacant)</text>",
    ] {
        assert!(svg.contains(line), "{line} in {svg}");
    }
}

#[test]
fn dot_of_the_home_office() {
    let org = fixture("home-office-technology-after-coo.json");
    insta::assert_snapshot!(
        "dot-home-office-after-coo",
        written(|out| write_dot(&org, out))
    );
}

// ---------------------------------------------------------------------------------------
// Mermaid

/// A Mermaid flowchart read back, line by line: nodes (name, label, vacant), solid edges
/// and dotted edges (with their label).
#[derive(Debug, Default)]
struct Mermaid {
    nodes: Vec<(String, String, bool)>,
    edges: Vec<(String, String)>,
    dotted: Vec<(String, String, Option<String>)>,
    class_defs: Vec<String>,
}

fn is_name(text: &str) -> bool {
    text.strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_mermaid(text: &str) -> Mermaid {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart TD"));
    let mut chart = Mermaid::default();
    for line in lines {
        let line = line.strip_prefix("    ").expect("statements are indented");
        if let Some(class) = line.strip_prefix("classDef ") {
            chart.class_defs.push(class.to_owned());
        } else if let Some((from, rest)) = line.split_once(" --> ") {
            assert!(is_name(from) && is_name(rest), "{line}");
            chart.edges.push((from.to_owned(), rest.to_owned()));
        } else if let Some((from, rest)) = line.split_once(" -.->") {
            let (label, to) = match rest.strip_prefix("|\"") {
                Some(rest) => {
                    let (label, to) = rest.split_once("\"| ").expect("a closed edge label");
                    assert!(!label.contains(['"', '|']), "{line}");
                    (Some(label.to_owned()), to)
                }
                None => (
                    None,
                    rest.strip_prefix(' ').expect("a space before the target"),
                ),
            };
            assert!(is_name(from) && is_name(to), "{line}");
            chart.dotted.push((from.to_owned(), to.to_owned(), label));
        } else {
            let (name, rest) = line.split_once("[\"").expect("a node with a quoted label");
            assert!(is_name(name), "{line}");
            let (label, rest) = rest.split_once("\"]").expect("a closed label");
            assert!(!label.contains('"'), "a raw quote in {line}");
            let vacant = match rest {
                "" => false,
                ":::vacant" => true,
                other => panic!("unexpected {other:?} after a node"),
            };
            chart
                .nodes
                .push((name.to_owned(), label.to_owned(), vacant));
        }
    }
    chart
}

/// A Mermaid label as it is drawn: entity codes and `<br/>` decoded.
fn mermaid_shown(label: &str) -> String {
    label
        .replace("<br/>", "\n")
        .replace("#quot;", "\"")
        .replace("#lt;", "<")
        .replace("#gt;", ">")
        .replace("#96;", "`")
        .replace("#124;", "|")
        .replace("#amp;", "&")
        .replace("#35;", "#")
}

fn check_mermaid(org: &Org, output: &str) {
    assert_no_raw_control_characters(output);
    let chart = parse_mermaid(output);
    let order: Vec<NodeIndex> = org.tree_order().map(|(node, _)| node).collect();
    assert_eq!(chart.nodes.len(), org.len(), "one node per post");
    let mut post_of = HashMap::new();
    for (i, ((name, label, vacant), &node)) in chart.nodes.iter().zip(&order).enumerate() {
        assert_eq!(*name, format!("p{i}"), "posts are named in tree order");
        post_of.insert(name.clone(), org.post(node).id().as_str().to_owned());
        let post = org.post(node);
        let holder = holder_or(post, "(vacant)", "(not disclosed)");
        assert!(!label.contains(['<', '>']) || label.contains("<br/>"));
        assert_eq!(
            mermaid_shown(label),
            format!("{}\n{}", drawn(&post.title), drawn(holder))
        );
        assert_eq!(*vacant, post.is_vacant());
    }
    let any_vacant = org.posts().any(|node| org.post(node).is_vacant());
    assert_eq!(
        chart.class_defs,
        if any_vacant {
            vec!["vacant stroke-dasharray: 5 5".to_owned()]
        } else {
            vec![]
        }
    );
    let edges: Vec<(String, String)> = chart
        .edges
        .iter()
        .map(|(from, to)| (post_of[from].clone(), post_of[to].clone()))
        .collect();
    assert_eq!(edges, reporting_lines(org), "one edge per reporting line");
    let dotted: Vec<(String, String, Option<String>)> = chart
        .dotted
        .iter()
        .map(|(from, to, label)| {
            (
                post_of[from].clone(),
                post_of[to].clone(),
                label.as_deref().map(mermaid_shown),
            )
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = dotted_lines(org)
        .into_iter()
        .map(|(from, to, label)| (from, to, label.as_deref().map(drawn)))
        .collect();
    assert_eq!(dotted, expected);
}

#[test]
fn mermaid_has_one_node_per_post_and_one_edge_per_line() {
    for name in &common::charts() {
        let org = fixture(name);
        check_mermaid(&org, &written(|out| write_mermaid(&org, out)));
    }
    let org = fixture("cddo-missions.json");
    let output = written(|out| write_mermaid(&org, out));
    assert!(
        output.contains("    p2 -.->|\"sponsor\"| p10\n"),
        "{output}"
    );
}

#[test]
fn mermaid_escapes_hostile_text() {
    let org = hostile();
    let output = written(|out| write_mermaid(&org, out));
    check_mermaid(&org, &output);
    assert!(
        output.contains(
            "    p0[\"Chief #quot;Quoted#quot; \\ Officer<br/>second line<br/>=HYPERLINK(#quot;http://evil.example#quot;,#quot;click#quot;)\"]\n"
        ),
        "{output}"
    );
    assert!(output.contains(
        "    p1[\"+Deputy #lt;b#gt;bold#lt;/b#gt; #amp; #35;35; #96;code#96; #124;pipe#124;<br/>\\u{1b}]0;pwned\\u{7}Bob\"]\n"
    ));
    assert!(output.contains("    p2[\"Vacant ]#quot;] post<br/>(vacant)\"]:::vacant\n"));
    assert!(output.contains("    p1 -.->|\"works #quot;with#quot;<br/>#124;x#124;\"| p2\n"));
    assert!(output.contains("    p2 -.-> p0\n"));
}

#[test]
fn mermaid_of_the_home_office() {
    let org = fixture("home-office-technology-after-coo.json");
    insta::assert_snapshot!(
        "mermaid-home-office-after-coo",
        written(|out| write_mermaid(&org, out))
    );
}

// ---------------------------------------------------------------------------------------
// CSV

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            record
                .expect("a well-formed row")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, rows)
}

/// The CSV rows of a chart, by column name.
fn csv_rows(org: &Org) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let output = written(|out| write_csv(org, out));
    assert_no_raw_control_characters(&output.replace('\t', " "));
    let (header, rows) = read_csv(&output);
    let rows = rows
        .into_iter()
        .map(|row| {
            assert_eq!(row.len(), header.len());
            header.iter().cloned().zip(row).collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_has_one_row_per_post_with_its_manager_title_and_holder() {
    // Every chart but the one of control characters, which the CSV writes escaped (see
    // csv_cells_that_look_like_formulas_are_prefixed and
    // export_of_hostile_text_to_csv_protects_the_spreadsheet).
    let escaped = "hostile-text.json";
    let charts = common::charts();
    assert!(charts.iter().any(|name| name == escaped), "no {escaped}");
    for name in charts.iter().filter(|name| *name != escaped) {
        let org = fixture(name);
        let (header, rows) = csv_rows(&org);
        assert_eq!(header[..12], CSV_COLUMNS, "{name}");
        assert_eq!(rows.len(), org.len(), "{name}");
        for (row, (node, _)) in rows.iter().zip(org.tree_order()) {
            let post = org.post(node);
            assert_eq!(row["id"], post.id().as_str());
            assert_eq!(
                row["reports_to"],
                org.manager(node)
                    .map_or("", |manager| org.post(manager).id().as_str())
            );
            assert_eq!(row["title"], &*post.title);
            assert_eq!(row["holder"], holder_or(post, "", "N/D"));
        }
    }
}

#[test]
fn csv_writes_numbers_lists_and_unknown_fields() {
    let org = fixture("home-office-technology-after-coo.json");
    let (header, rows) = csv_rows(&org);
    assert_eq!(
        header,
        [
            "id",
            "reports_to",
            "title",
            "holder",
            "unit",
            "grade",
            "fte",
            "cost",
            "note",
            "tags",
            "staff",
            "dotted",
            "location"
        ]
    );
    let coo = &rows[1];
    assert_eq!(coo["id"], "coo");
    assert_eq!(coo["cost"], "120000");
    assert_eq!(coo["fte"], "");
    assert_eq!(coo["grade"], "SCS2");
    assert_eq!(coo["tags"], "from-article");
    assert_eq!(coo["location"], "2 Marsham Street");
    assert_eq!(coo["dotted"], "");
    assert_eq!(
        coo["staff"],
        r#"[{"title":"Graduates and apprentices","grade":"EO","fte":30,"cost":750000}]"#
    );
    let node = org.find("coo").unwrap();
    let staff: serde_json::Value = serde_json::from_str(&coo["staff"]).unwrap();
    assert_eq!(
        staff,
        serde_json::Value::Array(org.post(node).staff.iter().map(staff_value).collect())
    );
    let supplier = rows
        .iter()
        .find(|row| row["id"] == "head-supplier")
        .unwrap();
    assert_eq!(supplier["location"], "");

    let org = fixture("cddo-missions.json");
    let (header, rows) = csv_rows(&org);
    assert_eq!(header[12..], ["mission_no"]);
    let mission = rows.iter().find(|row| row["id"] == "mission-3").unwrap();
    assert_eq!(mission["mission_no"], "3");
    let node = org.find("mission-3").unwrap();
    let dotted: serde_json::Value = serde_json::from_str(&mission["dotted"]).unwrap();
    assert_eq!(
        dotted,
        serde_json::Value::Array(org.post(node).dotted.iter().map(dotted_value).collect())
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_prefixed() {
    let org = hostile();
    let (header, rows) = csv_rows(&org);
    assert_eq!(header[12..], ["location"]);
    assert_eq!(rows.len(), 3);
    let boss = &rows[0];
    assert_eq!(boss["id"], "boss\"1\\");
    assert_eq!(boss["title"], "Chief \"Quoted\" \\ Officer\nsecond line");
    assert_eq!(
        boss["holder"],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(boss["location"], "'@SUM(A1:A9)");
    assert_eq!(boss["tags"], "'-x; ok");
    let deputy = &rows[1];
    assert_eq!(deputy["id"], "dep\\u{202e}");
    assert_eq!(deputy["reports_to"], "boss\"1\\");
    assert_eq!(deputy["title"], "'+Deputy <b>bold</b> & #35; `code` |pipe|");
    assert_eq!(deputy["holder"], "\\u{1b}]0;pwned\\u{7}Bob");
    assert_eq!(deputy["unit"], "'-Unit");
    assert_eq!(deputy["grade"], "'\tG7");
    assert_eq!(deputy["note"], "'\\u{d}note");
    let vacant = &rows[2];
    assert_eq!(vacant["holder"], "");
    assert_eq!(vacant["fte"], "0.5");
    assert_eq!(vacant["cost"], "90000");
    assert_eq!(vacant["dotted"], r#"[{"to":"boss\"1\\"}]"#);
    for row in &rows {
        for (column, cell) in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column}: {cell:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Organogram

#[test]
fn organogram_has_the_published_columns_and_a_row_per_post() {
    let org = fixture("home-office-technology-after-coo.json");
    let output = written(|out| write_organogram(&org, out));
    assert!(output.starts_with(
        "Post Unique Reference,Name,Grade (or equivalent),Job Title,Job/Team Function,Parent Department,Organisation,Unit,Contact Phone,Contact E-mail,Reports to Senior Post,Salary Cost of Reports (£),FTE,Actual Pay Floor (£),Actual Pay Ceiling (£),Professional/Occupational Group,Notes,Valid?,location\n"
    ));
    let (header, rows) = read_csv(&output);
    // The published columns, then the chart's own fields ("location").
    assert_eq!(header[..ORGANOGRAM_COLUMNS.len()], ORGANOGRAM_COLUMNS);
    assert_eq!(header[ORGANOGRAM_COLUMNS.len()..], ["location"]);
    assert_eq!(rows.len(), org.len());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, (node, _)) in rows.iter().zip(org.tree_order()) {
        let post = org.post(node);
        assert_eq!(row[column("Post Unique Reference")], post.id().as_str());
        assert_eq!(row[column("Job Title")], &*post.title);
        assert_eq!(row[column("Name")], holder_or(post, "Vacant", "N/D"));
        assert_eq!(
            row[column("Reports to Senior Post")],
            org.manager(node)
                .map_or("XX", |manager| org.post(manager).id().as_str())
        );
        assert_eq!(
            row[column("Grade (or equivalent)")],
            post.grade.as_deref().unwrap_or("")
        );
        assert_eq!(row[column("Unit")], post.unit.as_deref().unwrap_or(""));
        assert_eq!(row[column("Notes")], post.note.as_deref().unwrap_or(""));
        assert_eq!(row[column("Parent Department")], "");
    }
    let coo = &rows[1];
    assert_eq!(
        coo[..4],
        [
            "coo",
            "Vacant",
            "SCS2",
            "Chief Operating Officer, Technology"
        ]
    );
    assert_eq!(coo[column("Reports to Senior Post")], "cto");
    assert_eq!(coo[column("FTE")], "1");
    assert_eq!(rows[0][column("Reports to Senior Post")], "XX");
}

#[test]
fn organogram_columns_without_an_orgtree_field_come_from_fields_of_that_name() {
    // As `orgtree import organogram` leaves a published file: the columns orgtree has no
    // field for kept as fields named as the column.
    let chart = r#"{
      "posts": [
        { "id": "1", "title": "Permanent Secretary", "holder": "N/D", "grade": "SCS4",
          "unit": "Private Office", "fte": 1,
          "Job/Team Function": "Leads the department", "Parent Department": "Cabinet Office",
          "Organisation": "Cabinet Office", "Contact Phone": "0300 000 0000",
          "Contact E-mail": "ps@example.gov.uk", "Salary Cost of Reports (£)": 360510,
          "Actual Pay Floor (£)": 180000, "Actual Pay Ceiling (£)": 184999,
          "Professional/Occupational Group": "Policy", "Valid?": 1 },
        { "id": "2", "title": "Chief Digital Officer", "reports_to": "1", "holder": null,
          "fte": 0.5, "note": "=1+1", "Organisation": "-Cabinet Office" }
      ]
    }"#;
    let org = load_str(chart, LoadOptions::default()).unwrap().org;
    let (header, rows) = read_csv(&written(|out| write_organogram(&org, out)));
    let cells = |row: &Vec<String>| -> BTreeMap<String, String> {
        header.iter().cloned().zip(row.iter().cloned()).collect()
    };
    let first = cells(&rows[0]);
    let expected: BTreeMap<String, String> = [
        ("Post Unique Reference", "1"),
        ("Name", "N/D"),
        ("Grade (or equivalent)", "SCS4"),
        ("Job Title", "Permanent Secretary"),
        ("Job/Team Function", "Leads the department"),
        ("Parent Department", "Cabinet Office"),
        ("Organisation", "Cabinet Office"),
        ("Unit", "Private Office"),
        ("Contact Phone", "0300 000 0000"),
        ("Contact E-mail", "ps@example.gov.uk"),
        ("Reports to Senior Post", "XX"),
        ("Salary Cost of Reports (£)", "360510"),
        ("FTE", "1"),
        ("Actual Pay Floor (£)", "180000"),
        ("Actual Pay Ceiling (£)", "184999"),
        ("Professional/Occupational Group", "Policy"),
        ("Notes", ""),
        ("Valid?", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(first, expected);
    let second = cells(&rows[1]);
    assert_eq!(second["Name"], "Vacant");
    assert_eq!(second["Reports to Senior Post"], "1");
    assert_eq!(second["FTE"], "0.5");
    assert_eq!(second["Notes"], "'=1+1");
    assert_eq!(second["Organisation"], "'-Cabinet Office");
    assert_eq!(second["Parent Department"], "");
}

#[test]
fn organogram_cells_that_look_like_formulas_are_prefixed() {
    let org = hostile();
    let output = written(|out| write_organogram(&org, out));
    assert_no_raw_control_characters(&output.replace('\t', " "));
    let (header, rows) = read_csv(&output);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        rows[0][column("Name")],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(
        rows[1][column("Job Title")],
        "'+Deputy <b>bold</b> & #35; `code` |pipe|"
    );
    assert_eq!(rows[1][column("Unit")], "'-Unit");
    assert_eq!(rows[1][column("Grade (or equivalent)")], "'\tG7");
    assert_eq!(rows[1][column("Reports to Senior Post")], "boss\"1\\");
    assert_eq!(rows[2][column("Name")], "Vacant");
}

// ---------------------------------------------------------------------------------------
// part

fn part_of(org: &Org, root: Option<&str>, depth: Option<u32>) -> Org {
    let root = root.map(|id| org.find(id).expect("the root is a post"));
    part(org, root, depth)
}

#[test]
fn part_with_a_root_keeps_its_team_with_the_root_on_top() {
    let org = fixture("home-office-technology-after-coo.json");
    let team = part_of(&org, Some("coo"), None);
    assert_eq!(
        tree_ids(&team),
        [
            "coo",
            "dir-commercial",
            "head-supplier",
            "head-finance",
            "head-bizmgmt",
            "head-workforce"
        ]
    );
    assert_eq!(ids(&team, team.tops().to_vec()), ["coo"]);
    assert_eq!(team.meta, org.meta);
    for node in team.posts() {
        let original = org.find(team.post(node).id().as_str()).unwrap();
        assert_eq!(team.post(node), org.post(original), "fields are kept");
    }
    let warnings = load_str(&to_json(&team), LoadOptions::default())
        .expect("the part is a valid chart")
        .warnings;
    assert!(warnings.is_empty(), "{warnings:?}");

    let shallow = part_of(&org, Some("coo"), Some(2));
    assert_eq!(
        tree_ids(&shallow),
        [
            "coo",
            "dir-commercial",
            "head-finance",
            "head-bizmgmt",
            "head-workforce"
        ]
    );
    assert_eq!(tree_ids(&part_of(&org, Some("coo"), Some(1))), ["coo"]);
    assert_eq!(
        tree_ids(&part_of(&org, Some("dir-live"), None)),
        ["dir-live", "head-hosting"]
    );
    assert_eq!(
        tree_ids(&part_of(&org, Some("head-security"), Some(3))),
        ["head-security"]
    );
}

#[test]
fn part_with_a_depth_keeps_the_top_layers() {
    let org = fixture("home-office-technology-after-coo.json");
    assert_eq!(tree_ids(&part_of(&org, None, Some(1))), ["cto"]);
    assert_eq!(
        tree_ids(&part_of(&org, None, Some(2))),
        [
            "cto",
            "coo",
            "dir-delivery",
            "dir-live",
            "chief-architect",
            "head-security"
        ]
    );
    assert_eq!(part_of(&org, None, Some(0)).len(), 0);
    assert!(part_of(&org, None, Some(4)) == org);
    assert!(part_of(&org, None, None) == org);
    // The whole chart comes back in the same order, field for field.
    assert_eq!(to_json(&part_of(&org, None, None)), to_json(&org));
    assert_eq!(
        to_json(&part_of(&org, Some("cto"), None)),
        to_json(&org),
        "the root of a one-top chart is the whole chart"
    );
}

#[test]
fn part_keeps_a_forest_in_order_and_only_the_dotted_lines_it_can() {
    let org = fixture("cddo-missions.json");
    let top = part_of(&org, None, Some(2));
    assert_eq!(
        tree_ids(&top),
        [
            "cs-coo",
            "cddo-head",
            "dwp-perm-sec",
            "dwp-cdio",
            "hmrc-perm-sec",
            "hmrc-cdio",
            "national-statistician",
            "mod-perm-sec",
            "mod-2nd-perm-sec",
            "ho-perm-sec",
            "ho-cdio",
            "hmt-perm-sec",
            "hmt-dg-spending"
        ]
    );
    assert_eq!(
        ids(&top, top.tops().to_vec()),
        [
            "cs-coo",
            "dwp-perm-sec",
            "hmrc-perm-sec",
            "national-statistician",
            "mod-perm-sec",
            "ho-perm-sec",
            "hmt-perm-sec"
        ]
    );
    // The CDIOs' lines to the CDDO head stay; the missions, and their sponsor lines, go.
    let lines: Vec<(String, String)> = dotted_lines(&top)
        .into_iter()
        .map(|(from, to, _)| (from, to))
        .collect();
    assert_eq!(
        lines,
        [
            ("dwp-cdio".to_owned(), "cddo-head".to_owned()),
            ("hmrc-cdio".to_owned(), "cddo-head".to_owned()),
            ("ho-cdio".to_owned(), "cddo-head".to_owned()),
        ]
    );

    let cddo = part_of(&org, Some("cddo-head"), None);
    assert_eq!(
        tree_ids(&cddo),
        [
            "cddo-head",
            "mission-1",
            "mission-2",
            "one-login-programme",
            "mission-3",
            "mission-4",
            "mission-5",
            "ddat-capability",
            "mission-6"
        ]
    );
    assert!(dotted_lines(&cddo).is_empty(), "every sponsor is outside");
    let mission = cddo.post(cddo.find("mission-1").unwrap());
    assert!(mission.dotted.is_empty());
    assert_eq!(mission.tags.as_slice(), ["illustrative"]);
    assert_eq!(
        cddo.with_dotted_lines(),
        Vec::<NodeIndex>::new(),
        "no post is left with an empty list of dotted lines tracked"
    );
    // The DOT of a part has no edge to a post left out.
    check_dot(&cddo, &written(|out| write_dot(&cddo, out)));
}

#[test]
fn part_keeps_dotted_lines_that_named_no_post_already() {
    let chart = r#"{ "posts": [
        { "id": "a", "title": "A", "dotted": [ { "to": "nowhere" }, { "to": "b" } ] },
        { "id": "b", "title": "B", "reports_to": "a" } ] }"#;
    let loaded = load_str(chart, LoadOptions { lenient: true }).unwrap();
    let org = loaded.org;
    assert!(part_of(&org, None, None) == org);
    let top = part_of(&org, None, Some(1));
    let a = top.post(top.find("a").unwrap());
    assert_eq!(
        a.dotted
            .iter()
            .map(|line| line.to.as_str())
            .collect::<Vec<_>>(),
        ["nowhere"]
    );
    // The writers draw no line to a post the chart does not have.
    let dot = written(|out| write_dot(&org, out));
    assert!(!dot.contains("nowhere"), "{dot}");
    let mermaid = written(|out| write_mermaid(&org, out));
    assert_eq!(parse_mermaid(&mermaid).dotted.len(), 1);
}

// ---------------------------------------------------------------------------------------
// The command line

const HOME_OFFICE: &str = "home-office-technology-after-coo.json";

/// What the library writes for `format`, for the part of `org` given.
fn library_output(org: &Org, format: &str) -> String {
    match format {
        "dot" => written(|out| write_dot(org, out)),
        "mermaid" => written(|out| write_mermaid(org, out)),
        "csv" => written(|out| write_csv(org, out)),
        "organogram" => written(|out| write_organogram(org, out)),
        "json" => to_json(org),
        other => panic!("no format {other}"),
    }
}

fn export(args: &[&str]) -> common::Run {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    common::orgtree(&all)
}

#[test]
fn export_writes_every_format_to_standard_output() {
    let org = fixture(HOME_OFFICE);
    for format in ["dot", "mermaid", "csv", "organogram", "json"] {
        let run = export(&[HOME_OFFICE, "--to", format]);
        // The senior organogram file has no place for staff groups or posts' tags, and says
        // so (counted from the fixture: 14 groups, 14 posts with tags); a post's cost is
        // its pay floor and ceiling.
        let warned = if format == "organogram" {
            concat!(
                "orgtree: warning: the 14 staff groups (junior staff): not written, the senior organogram file has no place for them\n",
                "orgtree: warning: the tags of 14 posts: not written, the senior organogram file has no place for them\n",
            )
        } else {
            ""
        };
        assert_eq!(
            (run.code, run.stderr.as_str()),
            (0, warned),
            "--to {format}"
        );
        assert_eq!(run.stdout, library_output(&org, format), "--to {format}");
    }
    let run = export(&[HOME_OFFICE, "--to", "dot"]);
    check_dot(&org, &run.stdout);
    assert!(run.stdout.contains("  \"cto\" -> \"coo\";\n"));
}

#[test]
fn export_root_and_depth_write_part_of_the_chart() {
    let org = fixture(HOME_OFFICE);
    let run = export(&[HOME_OFFICE, "--to", "dot", "--root", "coo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dot = parse_dot(&run.stdout);
    let nodes: Vec<&str> = dot.nodes.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        nodes,
        [
            "coo",
            "dir-commercial",
            "head-supplier",
            "head-finance",
            "head-bizmgmt",
            "head-workforce"
        ]
    );
    assert_eq!(dot.edges.len(), 5);
    assert_eq!(
        run.stdout,
        library_output(&part_of(&org, Some("coo"), None), "dot")
    );

    let run = export(&[
        HOME_OFFICE,
        "--to",
        "mermaid",
        "--root",
        "coo",
        "--depth",
        "2",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let chart = parse_mermaid(&run.stdout);
    assert_eq!(chart.nodes.len(), 5);
    assert_eq!(
        chart.edges,
        [("p0", "p1"), ("p0", "p2"), ("p0", "p3"), ("p0", "p4")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );

    let run = export(&[HOME_OFFICE, "--to", "csv", "--depth", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = read_csv(&run.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][..4],
        ["cto", "", "Chief Technology Officer", "Sarah Wilkinson"]
    );

    let run = export(&[HOME_OFFICE, "--to", "organogram", "--root", "dir-live"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = read_csv(&run.stdout);
    let references: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| (row[0].as_str(), row[10].as_str()))
        .collect();
    assert_eq!(
        references,
        [("dir-live", "XX"), ("head-hosting", "dir-live")]
    );

    // The part as orgtree JSON is a chart of its own.
    let run = export(&[
        HOME_OFFICE,
        "--to",
        "json",
        "--root",
        "dir-delivery",
        "--depth",
        "2",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let part = load_str(&run.stdout, LoadOptions::default()).unwrap();
    assert!(part.warnings.is_empty());
    assert_eq!(
        tree_ids(&part.org),
        ["dir-delivery", "head-borders", "head-policing"]
    );
    assert_eq!(part.org.meta, org.meta);
}

#[test]
fn export_of_a_part_drops_dotted_lines_to_posts_left_out() {
    let run = export(&["cddo-missions.json", "--to", "dot", "--depth", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dot = parse_dot(&run.stdout);
    let dashed: Vec<(&str, &str)> = dot
        .edges
        .iter()
        .filter(|(_, _, attrs)| attrs.contains_key("style"))
        .map(|(from, to, _)| (from.as_str(), to.as_str()))
        .collect();
    assert_eq!(
        dashed,
        [
            ("dwp-cdio", "cddo-head"),
            ("hmrc-cdio", "cddo-head"),
            ("ho-cdio", "cddo-head")
        ]
    );
    assert!(!run.stdout.contains("\"mission-"), "{}", run.stdout);
}

#[test]
fn export_of_an_unknown_root_is_an_error() {
    let run = export(&[HOME_OFFICE, "--to", "dot", "--root", "head"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(
            "orgtree: error: no post with id 'head' in home-office-technology-after-coo.json"
        ),
        "{}",
        run.stderr
    );
    let run = export(&[HOME_OFFICE, "--to", "csv", "--root", "\u{1b}[2J"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("'\\u{1b}[2J'"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'));
}

#[test]
fn export_to_a_file_is_refused_over_an_existing_one_unless_forced() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("chart.dot");
    let out = path.to_str().unwrap();
    let run = export(&[HOME_OFFICE, "--to", "dot", "-o", out]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let org = fixture(HOME_OFFICE);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        library_output(&org, "dot")
    );
    let run = export(&[HOME_OFFICE, "--to", "mermaid", "-o", out]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("already exists; use --force"),
        "{}",
        run.stderr
    );
    let run = export(&[
        HOME_OFFICE,
        "--to",
        "mermaid",
        "--root",
        "coo",
        "-o",
        out,
        "--force",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        library_output(&part_of(&org, Some("coo"), None), "mermaid")
    );
}

#[test]
fn export_of_hostile_text_to_csv_protects_the_spreadsheet() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("hostile.json");
    std::fs::write(&path, HOSTILE).unwrap();
    let run = export(&[path.to_str().unwrap(), "--to", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'));
    let (_, rows) = read_csv(&run.stdout);
    assert_eq!(rows[0][3], "'=HYPERLINK(\"http://evil.example\",\"click\")");
}

#[test]
fn an_exported_organogram_imports_and_exports_again_unchanged() {
    let folder = tempfile::tempdir().unwrap();
    let path = |name: &str| folder.path().join(name).to_str().unwrap().to_owned();
    let run = export(&[HOME_OFFICE, "--to", "organogram", "-o", &path("first.csv")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = common::orgtree(&[
        "import",
        "organogram",
        &path("first.csv"),
        "-o",
        &path("first.json"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let imported = load_path(
        folder.path().join("first.json").as_path(),
        LoadOptions::default(),
    )
    .unwrap()
    .org;
    let org = fixture(HOME_OFFICE);
    assert_eq!(tree_ids(&imported), tree_ids(&org));
    assert_eq!(reporting_lines(&imported), reporting_lines(&org));
    for (node, _) in org.tree_order() {
        let (post, theirs) = (
            org.post(node),
            imported.post(imported.find(org.post(node).id().as_str()).unwrap()),
        );
        assert_eq!(
            (
                &theirs.title,
                &theirs.holder,
                &theirs.grade,
                &theirs.unit,
                &theirs.note
            ),
            (
                &post.title,
                &post.holder,
                &post.grade,
                &post.unit,
                &post.note
            )
        );
    }
    let run = export(&[
        &path("first.json"),
        "--to",
        "organogram",
        "-o",
        &path("second.csv"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(path("second.csv")).unwrap(),
        std::fs::read_to_string(path("first.csv")).unwrap()
    );
}

#[test]
fn an_organogram_keeps_a_files_own_columns_through_an_export() {
    use orgtree::read::organogram::organogram;
    let senior = "\
Post Unique Reference,Name,Grade (or equivalent),Job Title,Reports to Senior Post,FTE,Comments
PS,Ann Lee,SCS4,Permanent Secretary,XX,1,Appointed 2024
DG,Vacant,SCS3,Director General,PS,1,
";
    let first = organogram(("senior.csv", senior), None)
        .unwrap_or_else(|problems| panic!("{problems:?}"))
        .org;
    let exported = written(|out| write_organogram(&first, out));
    let header = exported.lines().next().unwrap();
    assert!(header.ends_with(",Valid?,Comments"), "{header}");
    let mut again = organogram(("exported.csv", &exported), None)
        .unwrap_or_else(|problems| panic!("{problems:?}\n{exported}"))
        .org;
    again.meta.source.clone_from(&first.meta.source);
    assert!(
        again == first,
        "{}\n---\n{}",
        to_json(&first),
        to_json(&again)
    );
}

#[test]
fn an_organogram_export_names_everything_it_cannot_write() {
    let folder = tempfile::tempdir().unwrap();
    let chart = folder.path().join("chart.json");
    std::fs::write(
        &chart,
        r#"{"orgtree": 1, "posts": [
            {"id": "a", "title": "A", "cost": 5, "tags": ["x"], "Job Title": "shadowed",
             "dotted": [{"to": "b"}, {"to": "c"}]},
            {"id": "b", "title": "B", "reports_to": "a", "grade": "G7",
             "Grade (or equivalent)": "shadowed", "Reports to Senior Post": "shadowed"},
            {"id": "c", "title": "C", "Reports to Senior Post": "OTHER", "Unit": "kept"}]}"#,
    )
    .unwrap();
    let run = export(&[chart.to_str().unwrap(), "--to", "organogram"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let subjects: Vec<&str> = run
        .stderr
        .lines()
        .map(|line| {
            line.strip_prefix("orgtree: warning: ")
                .and_then(|l| {
                    l.strip_suffix(
                        ": not written, the senior organogram file has no place for them",
                    )
                })
                .unwrap_or_else(|| panic!("{line}"))
        })
        .collect();
    assert_eq!(
        subjects,
        [
            "the tags of 1 post",
            "2 dotted lines",
            "the field \"Job Title\" of 1 post (its column holds the post's own value)",
            "the field \"Grade (or equivalent)\" of 1 post (its column holds the post's own value)",
            "the field \"Reports to Senior Post\" of 1 post (its column holds the post's own value)",
        ]
    );
}

#[test]
fn numbers_are_exported_to_spreadsheets_without_an_exponent_and_read_back() {
    let folder = tempfile::tempdir().unwrap();
    let path = |name: &str| folder.path().join(name).to_str().unwrap().to_owned();
    std::fs::write(
        path("chart.json"),
        r#"{"orgtree": 1, "posts": [{"id": "a", "title": "A", "fte": 1e23,
            "Actual Pay Floor (£)": 2.5e-7}]}"#,
    )
    .unwrap();
    let run = export(&[
        &path("chart.json"),
        "--to",
        "organogram",
        "-o",
        &path("a.csv"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(path("a.csv")).unwrap();
    assert!(
        text.contains(",100000000000000000000000,0.00000025,"),
        "{text}"
    );
    let run = common::orgtree(&[
        "import",
        "organogram",
        &path("a.csv"),
        "-o",
        &path("b.json"),
    ]);
    assert_eq!(
        (run.code, run.stderr.contains("warning")),
        (0, false),
        "{}",
        run.stderr
    );
    let back = load_path(
        std::path::Path::new(&path("b.json")),
        LoadOptions::default(),
    )
    .unwrap()
    .org;
    let post = back.post(back.find("a").unwrap());
    assert_eq!(post.fte(), Some(1e23));
    let floor = post
        .extra
        .iter()
        .find(|(k, _)| k == "Actual Pay Floor (£)")
        .unwrap();
    assert_eq!(floor.1.as_f64(), Some(2.5e-7));
}

/// The holder's name, or what an export writes for a vacant post and for a holder whose
/// name is not disclosed.
fn holder_or<'p>(post: &'p orgtree::org::Post, vacant: &'p str, undisclosed: &'p str) -> &'p str {
    match &post.holder {
        orgtree::org::Holder::Vacant => vacant,
        orgtree::org::Holder::Undisclosed => undisclosed,
        orgtree::org::Holder::Named(name) => name,
    }
}
