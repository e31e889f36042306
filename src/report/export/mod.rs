//! Writing a chart in formats other tools read: Graphviz DOT, Mermaid flowcharts for
//! Markdown, a CSV of posts, and the UK senior organogram CSV. [`part`] cuts a chart down to
//! one team or a number of layers first, for any of them (orgtree JSON included).
//!
//! Text from the chart is untrusted: every writer quotes and escapes it for its format, and
//! none writes control characters, escape sequences or bidi overrides raw (they are shown as
//! `\u{..}` escapes, as everywhere else). The CSV writers also guard against formula
//! injection: see [`write_csv`].

mod csv;
mod dot;
mod mermaid;
mod organogram;

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::org::{NodeIndex, Org, Post};
use crate::text::is_unsafe;

/// How the CSV and organogram exports write a holder who is not disclosed, as published
/// organograms do.
pub(crate) const UNDISCLOSED: &str = "N/D";

pub use self::csv::{CSV_COLUMNS, manager_by_problems, manager_header, write_csv, write_csv_by};
pub use dot::write_dot;
pub use mermaid::write_mermaid;
pub use organogram::{ORGANOGRAM_COLUMNS, organogram_losses, write_organogram};

/// The part of `org` to export: the team of `root` (which becomes a top post) when given,
/// cut to `depth` layers when given (1 = the top posts alone, or `root` alone; `Some(0)`
/// keeps no post). Without either, the whole chart.
///
/// The result keeps the chart's description (`meta`), the order of the posts and of each
/// post's reports, and every field of the posts it keeps. Dotted lines between two kept
/// posts are kept; **dotted lines to posts left out are dropped**, since they would name a
/// post the result does not have. (A dotted line that already named no post of `org`, which
/// a lenient load keeps, is kept as it was.)
///
/// `root` must be a post of `org`.
#[must_use]
pub fn part(org: &Org, root: Option<NodeIndex>, depth: Option<u32>) -> Org {
    let depth = depth.unwrap_or(u32::MAX);
    let walk = match root {
        Some(root) => org.team(root),
        None => org.tree_order(),
    };
    let kept_in_tree_order: Vec<NodeIndex> = walk
        .filter(|&(_, layer)| layer <= depth)
        .map(|(node, _)| node)
        .collect();
    let bound = org.index_bound();
    let mut kept = vec![false; bound];
    for &node in &kept_in_tree_order {
        kept[node.index()] = true;
    }
    let is_kept = |id: &str| org.find(id).is_none_or(|node| kept[node.index()]);

    let mut result = Org::new(org.meta.clone());
    result.reserve_ids(kept_in_tree_order.len());
    let mut new_node = vec![NodeIndex::end(); bound];
    // Posts in the chart's own order (file order for a loaded chart), so that the result is
    // written in the same order.
    for node in org.posts().filter(|node| kept[node.index()]) {
        let mut post = org.post(node).clone();
        post.dotted.retain(|line| is_kept(line.to.as_str()));
        let added = result.add_unindexed(post);
        let _ = result.index_id(added);
        new_node[node.index()] = added;
    }
    let tops: Vec<NodeIndex> = match root {
        Some(root) => kept_in_tree_order
            .first()
            .map(|_| new_node[root.index()])
            .into_iter()
            .collect(),
        None => org
            .tops()
            .iter()
            .filter(|top| kept[top.index()])
            .map(|top| new_node[top.index()])
            .collect(),
    };
    result.adopt(None, tops);
    // In tree order, a manager is placed before its reports, which have no reports of their
    // own yet when they are adopted.
    for &node in &kept_in_tree_order {
        let reports: Vec<NodeIndex> = org
            .reports(node)
            .iter()
            .filter(|report| kept[report.index()])
            .map(|report| new_node[report.index()])
            .collect();
        if !reports.is_empty() {
            result.adopt(Some(new_node[node.index()]), reports);
        }
    }
    result
}

/// The title to show for a post: its title, or `(no title)` when blank.
fn title(post: &Post) -> &str {
    if post.title.trim().is_empty() {
        "(no title)"
    } else {
        &post.title
    }
}

/// The text of a chart's label: its name and date, one a line, when it has either.
fn chart_label(org: &Org) -> Option<String> {
    let meta = &org.meta;
    match (meta.name.as_deref(), meta.as_of.as_deref()) {
        (None, None) => None,
        (Some(name), None) => Some(name.to_owned()),
        (None, Some(date)) => Some(format!("as of {date}")),
        (Some(name), Some(date)) => Some(format!("{name}\nas of {date}")),
    }
}

/// A piece of chart text, for a format that takes line breaks but no other control character.
enum Piece {
    /// A character that is safe to write, though it may need quoting in the format.
    Char(char),
    /// An unsafe character, to be written as the visible escape `\u{..}` (`Display`).
    Unsafe(char),
    /// A line break: `\n` or `\r\n`.
    LineBreak,
}

impl std::fmt::Display for Piece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Piece::Char(c) => write!(f, "{c}"),
            Piece::Unsafe(c) => write!(f, "\\u{{{:x}}}", u32::from(*c)),
            Piece::LineBreak => writeln!(f),
        }
    }
}

/// Each piece of `text`, in order.
fn for_each_piece(text: &str, mut piece: impl FnMut(Piece)) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() == Some(&'\n')) {
            if c == '\r' {
                chars.next();
            }
            piece(Piece::LineBreak);
        } else if is_unsafe(c) {
            piece(Piece::Unsafe(c));
        } else {
            piece(Piece::Char(c));
        }
    }
}

/// A CSV cell: unsafe characters written as visible `\u{..}` escapes (line breaks and tabs,
/// which a quoted cell holds, are kept), and a `'` put before a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, which a spreadsheet could read as a formula.
fn csv_cell(text: &str) -> Cow<'_, str> {
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let formula = text.starts_with(FORMULA);
    if !formula && !text.contains(|c: char| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut cell = String::with_capacity(text.len() + 1);
    if formula {
        cell.push('\'');
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_unsafe(c) && c != '\n' && c != '\t' {
            let _ = write!(cell, "{}", Piece::Unsafe(c));
        } else {
            cell.push(c);
        }
    }
    Cow::Owned(cell)
}

/// A JSON value as a CSV cell's text: a string as it is, `null` as nothing, a number as the
/// file writes it, anything else as compact JSON.
fn value_text(value: &serde_json::Value) -> Cow<'_, str> {
    match value {
        serde_json::Value::String(text) => Cow::Borrowed(text),
        serde_json::Value::Null => Cow::Borrowed(""),
        serde_json::Value::Number(number) if number.is_f64() => {
            Cow::Owned(number_text(number.as_f64().unwrap_or_default()))
        }
        other => Cow::Owned(other.to_string()),
    }
}

/// An amount as a spreadsheet cell: in decimal, never with an exponent (`1e+23` is text to
/// a spreadsheet and to the organogram reader), as short as reads back as the same number:
/// `90000`, `0.5`, `100000000000000000000000`.
fn number_text(amount: f64) -> String {
    format!("{amount}")
}

/// A `csv` error as the I/O error it mostly is, so that a closed pipe is still seen as one.
fn io_error(error: ::csv::Error) -> std::io::Error {
    if error.is_io_error()
        && let ::csv::ErrorKind::Io(error) = error.into_kind()
    {
        return error;
    }
    std::io::Error::other("could not write CSV")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_prefixed_and_control_characters_escaped() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(start).starts_with('\''), "{start:?}");
        }
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell("line\r\nbreak\tand tab"), "line\nbreak\tand tab");
        assert_eq!(csv_cell("\u{1b}[2J\u{202e}"), "\\u{1b}[2J\\u{202e}");
        assert!(matches!(csv_cell("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn values_are_written_as_text() {
        assert_eq!(value_text(&serde_json::json!("Croydon")), "Croydon");
        assert_eq!(value_text(&serde_json::json!(null)), "");
        assert_eq!(value_text(&serde_json::json!(2.5)), "2.5");
        assert_eq!(value_text(&serde_json::json!({"a": [1]})), r#"{"a":[1]}"#);
        assert_eq!(number_text(90_000.0), "90000");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(1e23), "100000000000000000000000");
        assert_eq!(number_text(2.5e-7), "0.00000025");
        assert_eq!(
            value_text(&serde_json::json!(1e23)),
            "100000000000000000000000"
        );
        for amount in [1e23, 2.5e-7, 0.1, 123_456.789, f64::MAX] {
            assert_eq!(number_text(amount).parse::<f64>(), Ok(amount));
        }
    }
}
