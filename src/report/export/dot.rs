//! Graphviz DOT: a digraph with a box for each post and an edge for each reporting line.

use std::io::{self, Write};

use std::fmt::Write as _;

use super::{Piece, chart_label, for_each_piece, title};
use crate::org::{Holder, Org};

/// Writes `org` as a Graphviz digraph, for `dot -Tsvg`.
///
/// Each post is a node named by its id and labelled `Title\nHolder`; a vacant post is
/// labelled `Title\n(vacant)` and drawn with a dashed border. A reporting line is a solid
/// edge from manager to report; a dotted line is a dashed edge with its label that does not
/// change the layout (`constraint=false`). The chart's name and date, when it has them, are
/// the graph's label. Nodes and edges come in tree order.
///
/// Every text is written as a quoted DOT string: quotes and backslashes are escaped, a line
/// break becomes `\n`, and other control characters, escape sequences and bidi overrides are
/// written as visible `\u{..}` escapes, never raw.
pub fn write_dot(org: &Org, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, "digraph orgtree {{")?;
    if let Some(label) = chart_label(org) {
        writeln!(out, "  label={};", quoted(&label))?;
        writeln!(out, "  labelloc=t;")?;
    }
    writeln!(out, "  node [shape=box, style=rounded];")?;
    for (node, _) in org.tree_order() {
        let post = org.post(node);
        let id = quoted(post.id().as_str());
        let holder = match &post.holder {
            Holder::Vacant => "(vacant)",
            Holder::Undisclosed => "(not disclosed)",
            Holder::Named(name) => name,
        };
        let label = quoted(&format!("{}\n{holder}", title(post)));
        if post.is_vacant() {
            writeln!(out, "  {id} [label={label}, style=\"rounded,dashed\"];")?;
        } else {
            writeln!(out, "  {id} [label={label}];")?;
        }
    }
    for (node, _) in org.tree_order() {
        if let Some(manager) = org.manager(node) {
            let (from, to) = (org.post(manager).id(), org.post(node).id());
            writeln!(
                out,
                "  {} -> {};",
                quoted(from.as_str()),
                quoted(to.as_str())
            )?;
        }
    }
    for (node, _) in org.tree_order() {
        let post = org.post(node);
        for line in &post.dotted {
            // A line to a post the chart does not have (kept by a lenient load) would make
            // Graphviz invent a node for it.
            if org.find(line.to.as_str()).is_none() {
                continue;
            }
            let (from, to) = (quoted(post.id().as_str()), quoted(line.to.as_str()));
            write!(out, "  {from} -> {to} [style=dashed, constraint=false")?;
            if let Some(label) = &line.label {
                write!(out, ", label={}", quoted(label))?;
            }
            writeln!(out, "];")?;
        }
    }
    writeln!(out, "}}")?;
    out.flush()
}

/// `text` as a quoted DOT string, safe to write and to show.
fn quoted(text: &str) -> String {
    let mut dot = String::with_capacity(text.len() + 2);
    dot.push('"');
    for_each_piece(text, |piece| match piece {
        Piece::Char('"') => dot.push_str("\\\""),
        Piece::Char('\\') => dot.push_str("\\\\"),
        Piece::Char(c) => dot.push(c),
        // The escape's backslash is doubled, so that Graphviz shows it rather than taking it
        // for an escape of its own.
        Piece::Unsafe(_) => {
            let _ = write!(dot, "\\{piece}");
        }
        Piece::LineBreak => dot.push_str("\\n"),
    });
    dot.push('"');
    dot
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn text_is_quoted_and_escaped() {
        assert_eq!(quoted("plain"), r#""plain""#);
        assert_eq!(quoted(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(quoted("two\nlines\r\nthree"), r#""two\nlines\nthree""#);
        assert_eq!(quoted("\u{1b}[2J\u{202e}"), r#""\\u{1b}[2J\\u{202e}""#);
        assert_eq!(quoted("ends in \\"), r#""ends in \\""#);
    }
}
