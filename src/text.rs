//! Making untrusted text from a chart safe to write to a terminal.
//!
//! Titles, holders and ids come from files typed by hand or exported from other systems.
//! A stray escape sequence could recolour, move the cursor or rewrite what a user sees, and a
//! bidi override could make one id look like another, so such characters are shown as
//! visible escapes (`\u{1b}`) wherever chart text is written.

use std::borrow::Cow;
use std::fmt;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` must not reach the terminal as it is.
///
/// Control characters (C0, DEL, C1 such as U+009B, the 8-bit CSI), bidi embeddings, overrides
/// and isolates, directional marks, and line/paragraph separators that would break a line.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Text shown with every unsafe character written as `\u{XX}`.
///
/// Use it in `format!` and `write!`: `format!("post '{}'", Escaped(id))`.
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_unsafe) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// `s` with unsafe characters escaped; borrowed when nothing needed escaping.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if s.contains(is_unsafe) {
        Cow::Owned(Escaped(s).to_string())
    } else {
        Cow::Borrowed(s)
    }
}

/// The number of terminal columns `s` takes, measured as the terminal and ratatui measure
/// it: a grapheme at a time (`❤️`, a family emoji joined by zero-width joiners, a letter with
/// its combining marks are each one piece), so that what is measured here is what is drawn.
#[must_use]
pub fn width(s: &str) -> usize {
    simple_width(s).unwrap_or_else(|| s.graphemes(true).map(grapheme_width).sum())
}

/// The width of `s` measured a character at a time, if it is simple text.
fn simple_width(s: &str) -> Option<usize> {
    let mut columns = 0;
    for c in s.chars() {
        if !is_simple_char(c) {
            return None;
        }
        columns += char_width(c);
    }
    Some(columns)
}

/// Whether `c` is a character of simple text, each a grapheme of its own and as wide as the
/// character: Latin letters without combining marks, and the punctuation, arrows, box
/// drawing and shapes the screen is drawn with. Nearly all text here is such text, and is measured a character at
/// a time: segmenting it into graphemes made every frame about a tenth slower (the
/// key-to-frame benchmarks).
fn is_simple_char(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x7E
        | 0xA0..=0x2FF
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x2070..=0x20CF
        | 0x2100..=0x27BF)
}

/// The width of a character of simple text (see [`is_simple_char`]).
fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The columns one grapheme takes, as ratatui's buffer gives it: a grapheme holding a control
/// character is not drawn (text here is escaped first, so there is none), and halfwidth
/// katakana sound marks take a column of their own although Unicode calls them combining.
fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        return 0;
    }
    if grapheme.len() == 1 {
        return 1;
    }
    grapheme.width()
        + grapheme
            .chars()
            .filter(|&c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// `s` escaped, then cut to at most `max` columns, ending in `ellipsis` where it was cut.
///
/// A grapheme is kept whole or left out: a wide character that would straddle the limit, an
/// emoji sequence, or a letter with its combining marks is never split.
#[must_use]
pub fn fit<'a>(s: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    fit_measured(s, max, ellipsis).0
}

/// [`fit`], and the columns the fitted text takes: for a row laid out part by part, which
/// would otherwise measure each part again.
#[must_use]
pub fn fit_measured<'a>(s: &'a str, max: usize, ellipsis: &str) -> (Cow<'a, str>, usize) {
    let shown = escape(s);
    let simple = simple_width(&shown);
    let whole = simple.unwrap_or_else(|| width(&shown));
    if whole <= max {
        return (shown, whole);
    }
    let ellipsis_width = width(ellipsis);
    let room = max.saturating_sub(ellipsis_width);
    let mut cut = String::with_capacity(max + ellipsis.len());
    let mut used = 0;
    if simple.is_some() {
        for c in shown.chars() {
            let w = char_width(c);
            if used + w > room {
                break;
            }
            used += w;
            cut.push(c);
        }
    } else {
        for grapheme in shown.graphemes(true) {
            let w = grapheme_width(grapheme);
            if used + w > room {
                break;
            }
            used += w;
            cut.push_str(grapheme);
        }
    }
    if ellipsis_width <= max {
        cut.push_str(ellipsis);
        used += ellipsis_width;
    }
    (Cow::Owned(cut), used)
}

/// `s` cut from the left to at most `max` columns, starting with `ellipsis` where it was cut:
/// for text whose end matters most (a breadcrumb, a prompt being typed). `s` must already be
/// safe to show. Graphemes are kept whole, as in [`fit`].
#[must_use]
pub fn fit_end<'a>(s: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut used = 0;
    let start = s
        .grapheme_indices(true)
        .rev()
        .find(|&(_, grapheme)| {
            used += grapheme_width(grapheme);
            used > room
        })
        .map_or(0, |(at, grapheme)| at + grapheme.len());
    Cow::Owned(format!("{ellipsis}{}", &s[start..]))
}

/// `s` followed by spaces up to `columns` columns (`format!("{s:<n}")` counts characters,
/// not columns).
#[must_use]
pub fn pad(s: &str, columns: usize) -> String {
    let mut padded = s.to_owned();
    padded.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(s))));
    padded
}

/// Whether the user's locale (`LC_ALL`, then `LC_CTYPE`, then `LANG`) asks for UTF-8.
///
/// With none of them set the C locale applies, which is not UTF-8.
#[must_use]
pub fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

/// Whether `haystack` contains `lower` (already lower case), ignoring case. ASCII text, most
/// of any chart, is compared in place: candidates are found by the query's first letter in
/// either case, then compared whole.
#[must_use]
pub fn contains_ignoring_case(haystack: &str, lower: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), lower.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    if !haystack.is_ascii() {
        return haystack.to_lowercase().contains(lower);
    }
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    let mut from = 0;
    while let Some(at) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..=last_start])
    {
        let start = from + at;
        if hay[start..start + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        from = start + 1;
        if from > last_start {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(escape("Chief Digital Officer"), Cow::Borrowed(_)));
        assert_eq!(escape("Ünïcødé 日本 🎉"), "Ünïcødé 日本 🎉");
    }

    #[test]
    fn escape_sequences_and_c1_controls_are_made_visible() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escape("x\u{7f}\u{0}y"), "x\\u{7f}\\u{0}y");
        assert_eq!(escape("line\nbreak\ttab"), "line\\u{a}break\\u{9}tab");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_made_visible() {
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            let shown = escape(&format!("id{c}x")).into_owned();
            assert_eq!(shown, format!("id\\u{{{:x}}}x", u32::from(c)));
        }
    }

    #[test]
    fn fitting_cuts_by_columns_and_never_splits_a_wide_character() {
        assert_eq!(
            fit("Chief Digital Officer", 30, "…"),
            "Chief Digital Officer"
        );
        assert_eq!(fit("Chief Digital Officer", 10, "…"), "Chief Dig…");
        assert_eq!(width(&fit("情報技術部長", 6, "…")), 5);
        assert_eq!(fit("情報技術部長", 6, "…"), "情報…");
        assert_eq!(fit("Cafe\u{301} au lait", 6, "~"), "Cafe\u{301} ~");
        assert_eq!(fit("a\u{1b}[2J", 20, "…"), "a\\u{1b}[2J");
        assert_eq!(fit("anything", 0, "…"), "");
    }

    #[test]
    fn fitting_the_end_keeps_the_last_columns() {
        assert_eq!(fit_end("short", 10, "…"), "short");
        assert_eq!(
            fit_end("Permanent Secretary › CDO ›", 10, "…"),
            "…y › CDO ›"
        );
        assert_eq!(fit_end("情報技術部長", 6, "…"), "…部長");
    }

    #[test]
    fn graphemes_are_measured_and_cut_whole() {
        let heart = "\u{2764}\u{fe0f}";
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let accented = "e\u{301}\u{323}";
        assert_eq!(width(heart), 2);
        assert_eq!(width(family), 2);
        assert_eq!(width(accented), 1);
        let title = format!("I {heart} {family} caf{accented}");
        assert_eq!(width(&title), 2 + 3 + 3 + 4);
        // Cut before the family rather than through it.
        assert_eq!(fit(&title, 6, "…"), format!("I {heart} …"));
        assert_eq!(fit(&title, 7, "…"), format!("I {heart} …"));
        assert_eq!(fit(&title, 8, "…"), format!("I {heart} {family}…"));
        assert_eq!(fit_end(&title, 6, "…"), format!("… caf{accented}"));
        assert_eq!(fit_end(&title, 8, "…"), format!("…{family} caf{accented}"));
        assert_eq!(pad(heart, 4), format!("{heart}  "));
    }

    #[test]
    fn simple_text_measures_as_its_graphemes_do() {
        for text in [
            "Chief Digital Officer",
            "Caf\u{e9} \u{2514}\u{2500}\u{25be} \u{2026} \u{203a} \u{b7}",
            "\u{c6}\u{f8}\u{e5} \u{2190}\u{2192} \u{2588}\u{2591} \u{2122}",
        ] {
            assert!(simple_width(text).is_some(), "{text}");
            let by_grapheme: usize = text.graphemes(true).map(grapheme_width).sum();
            assert_eq!(width(text), by_grapheme, "{text}");
        }
        for text in [
            "e\u{301}",
            "\u{2764}\u{fe0f}",
            "\u{1f44d}\u{1f3fd}",
            "\u{644}\u{627}",
        ] {
            assert!(simple_width(text).is_none(), "{text}");
        }
    }

    #[test]
    fn escaped_output_contains_no_unsafe_character() {
        let hostile = "\u{1b}]0;pwned\u{7}\u{202e}txt.exe\u{9b}\u{2028}";
        let shown = Escaped(hostile).to_string();
        assert!(!shown.contains(is_unsafe), "{shown:?}");
    }
}
