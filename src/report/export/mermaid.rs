//! Mermaid: a flowchart to put in a Markdown document.

use std::io::{self, Write};

use std::fmt::Write as _;

use super::{Piece, for_each_piece, title};
use crate::org::{Holder, Org};

/// Writes `org` as a Mermaid `flowchart TD`, for a ```` ```mermaid ```` block in Markdown.
///
/// Mermaid node ids cannot be arbitrary text, so the posts are named `p0`, `p1`, ... in
/// tree order; each is labelled `Title<br/>Holder`, or `Title<br/>(vacant)` with the class
/// `vacant` (a dashed border) for a vacant post. A reporting line is `-->`, from manager to
/// report; a dotted line is `-.->` with its label.
///
/// Labels are quoted, with the characters Mermaid or the HTML it draws would read written as
/// entity codes (`"` as `#quot;`, `#` as `#35;`, `<` as `#lt;`, `>` as `#gt;`, `&` as
/// `#amp;`, a backtick as `#96;`, `|` as `#124;`), a line break as `<br/>`, and control
/// characters, escape sequences and bidi overrides as visible `\u{..}` escapes.
pub fn write_mermaid(org: &Org, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut names = vec![u32::MAX; org.index_bound()];
    let mut vacant = false;
    writeln!(out, "flowchart TD")?;
    for (number, (node, _)) in (0_u32..).zip(org.tree_order()) {
        names[node.index()] = number;
        let post = org.post(node);
        let holder = match &post.holder {
            Holder::Vacant => "(vacant)",
            Holder::Undisclosed => "(not disclosed)",
            Holder::Named(name) => name,
        };
        let label = text(title(post)) + "<br/>" + &text(holder);
        write!(out, "    p{number}[\"{label}\"]")?;
        if post.is_vacant() {
            vacant = true;
            write!(out, ":::vacant")?;
        }
        writeln!(out)?;
    }
    for (node, _) in org.tree_order() {
        if let Some(manager) = org.manager(node) {
            let (from, to) = (names[manager.index()], names[node.index()]);
            writeln!(out, "    p{from} --> p{to}")?;
        }
    }
    for (node, _) in org.tree_order() {
        for line in &org.post(node).dotted {
            let Some(target) = org.find(line.to.as_str()) else {
                continue;
            };
            let (from, to) = (names[node.index()], names[target.index()]);
            // Mermaid refuses an empty label between the bars: a line without one has none.
            match line
                .label
                .as_deref()
                .filter(|label| !label.trim().is_empty())
            {
                Some(label) => writeln!(out, "    p{from} -.->|\"{}\"| p{to}", text(label))?,
                None => writeln!(out, "    p{from} -.-> p{to}")?,
            }
        }
    }
    if vacant {
        writeln!(out, "    classDef vacant stroke-dasharray: 5 5")?;
    }
    out.flush()
}

/// `text` as the inside of a quoted Mermaid label.
fn text(text: &str) -> String {
    let mut label = String::with_capacity(text.len());
    for_each_piece(text, |piece| match piece {
        Piece::Char('"') => label.push_str("#quot;"),
        Piece::Char('#') => label.push_str("#35;"),
        Piece::Char('<') => label.push_str("#lt;"),
        Piece::Char('>') => label.push_str("#gt;"),
        Piece::Char('&') => label.push_str("#amp;"),
        Piece::Char('`') => label.push_str("#96;"),
        Piece::Char('|') => label.push_str("#124;"),
        Piece::Char(c) => label.push(c),
        Piece::Unsafe(_) => {
            let _ = write!(label, "{piece}");
        }
        Piece::LineBreak => label.push_str("<br/>"),
    });
    label
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn labels_are_escaped_for_mermaid() {
        assert_eq!(text("plain text"), "plain text");
        assert_eq!(text(r#"say "hi""#), "say #quot;hi#quot;");
        assert_eq!(
            text("<b>A&B</b> #1 `x` a|b"),
            "#lt;b#gt;A#amp;B#lt;/b#gt; #35;1 #96;x#96; a#124;b"
        );
        assert_eq!(text("two\r\nlines"), "two<br/>lines");
        assert_eq!(text("\u{1b}[2J\u{202e}"), "\\u{1b}[2J\\u{202e}");
    }
}
