//! Text from a chart made safe inside Markdown (as GitHub and GitLab render it): no
//! character of it can open a link, an emphasis, a code span, an HTML tag or a new table
//! cell, and control characters are escaped as in every other output.

use std::fmt::Write as _;

use crate::text::Escaped;

/// `text` as literal Markdown inline text, also inside a table cell.
#[must_use]
pub fn inline(text: &str) -> String {
    // Line breaks would end the cell or the paragraph: spaces, before the escaping that
    // would write them as `\u{a}`.
    let flat: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let safe = Escaped(&flat).to_string();
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            // HTML: as entities, which Markdown leaves alone and renderers show as the
            // character.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("&#124;"),
            // Emphasis, code, links and images, strike-through, maths, mentions and issue
            // references: backslash-escaped, as CommonMark allows for any punctuation.
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '~' | '$' | '@' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // The text may open a list item ("- Title"): a list mark of its own at its start
    // ("- x", "+ x", "1. x", "2) x") would open a list inside it.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let mark = match out[digits..].chars().next() {
        Some('-' | '+') if digits == 0 => Some(0),
        Some('.' | ')') if digits > 0 => Some(digits),
        _ => None,
    };
    if let Some(at) = mark
        && out[at + 1..].starts_with(' ')
    {
        out.insert(at, '\\');
    }
    out
}

/// A Markdown table: a header row, then `rows`, every cell already made safe; the columns
/// whose `figures` entry is true aligned right.
#[must_use]
pub fn table(header: &[String], rows: &[Vec<String>], figures: &[bool]) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    };
    line(&mut out, header);
    let rule: Vec<String> = (0..header.len())
        .map(|at| {
            if figures.get(at).copied().unwrap_or(false) {
                "---:".into()
            } else {
                "---".into()
            }
        })
        .collect();
    line(&mut out, &rule);
    for row in rows {
        line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_made_literal() {
        assert_eq!(inline("a|b"), "a&#124;b");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(inline("@team #12 $x$"), "\\@team \\#12 \\$x\\$");
        assert_eq!(
            inline("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(inline("a\nb"), "a b");
        assert!(!inline("\u{1b}[2J").contains('\u{1b}'));
        assert_eq!(inline("Head of IT"), "Head of IT");
        // A list mark at the start, but not a figure or a dash inside the text.
        assert_eq!(inline("- Head"), "\\- Head");
        assert_eq!(inline("12. Head"), "12\\. Head");
        assert_eq!(inline("3) Head"), "3\\) Head");
        assert_eq!(inline("2,396.5"), "2,396.5");
        assert_eq!(inline("Head - IT"), "Head - IT");
    }
}
