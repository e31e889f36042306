//! Lone UTF-16 surrogates in JSON text (`"\ud800"`): half of a character pair, standing for
//! no character, which files cut from JavaScript or UTF-16 strings can hold. Rust text cannot
//! hold one, so each is read as U+FFFD, the replacement character, and reported; the
//! escape is rewritten in place as `\ufffd`, which has the same length, so every position
//! in the document stays exact.

use super::json::{skip_space, string_end};

/// The warning given at each lone surrogate read, whatever the reader.
pub const WARNING: &str =
    "a lone UTF-16 surrogate (half of a character pair, no character on its own) is read as U+FFFD";

/// The length of a `\uXXXX` escape, and of its replacement.
const ESCAPE: usize = 6;

/// Rewrites every lone surrogate escape in the JSON value that starts at `from` (after any
/// white space) as `\ufffd`, and returns the offset of each. Paired surrogates (a character
/// beyond the Basic Multilingual Plane) are left alone; so is text after the value. A value
/// cut short at the end of `text` is repaired as far as it goes.
pub fn repair(text: &mut String, from: usize) -> Vec<usize> {
    let lone = find(text.as_bytes(), from);
    for &at in &lone {
        text.replace_range(at..at + ESCAPE, "\\ufffd");
    }
    lone
}

/// Whether `bytes` may hold a surrogate escape (`\ud800` to `\udfff`, or one after an
/// escaped backslash, which is none): a quick test before [`repair`] looks closer.
#[must_use]
pub fn may_hold(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\\', bytes).any(|at| {
        matches!(bytes.get(at + 1..at + 4), Some(&[b'u', d, third])
            if d.eq_ignore_ascii_case(&b'd') && matches!(third.to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f'))
    })
}

/// As [`repair`], on a copy when there is something to repair.
#[must_use]
pub fn repaired(text: &str) -> Option<(String, Vec<usize>)> {
    let lone = find(text.as_bytes(), 0);
    if lone.is_empty() {
        return None;
    }
    let mut copy = text.to_owned();
    for &at in &lone {
        copy.replace_range(at..at + ESCAPE, "\\ufffd");
    }
    Some((copy, lone))
}

/// The offsets of the lone surrogate escapes in the value at `from`.
fn find(bytes: &[u8], from: usize) -> Vec<usize> {
    let mut lone = Vec::new();
    let mut depth = 0usize;
    let mut at = skip_space(bytes, from);
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                let end = string_end(bytes, at).unwrap_or(bytes.len());
                in_string(&bytes[..end], at + 1, &mut lone);
                at = end;
            }
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                at += 1;
            }
            _ => at += 1,
        }
        if depth == 0 {
            break;
        }
    }
    lone
}

/// Notes the lone surrogate escapes of the string whose text runs from `at` to the end of
/// `bytes` (its closing quote included, when it has one).
fn in_string(bytes: &[u8], mut at: usize, lone: &mut Vec<usize>) {
    while let Some(found) = memchr::memchr(b'\\', bytes.get(at..).unwrap_or_default()) {
        at += found;
        if bytes.get(at + 1) != Some(&b'u') {
            at += 2;
            continue;
        }
        match unit(bytes, at) {
            Some(0xD800..=0xDBFF) => {
                if matches!(unit(bytes, at + ESCAPE), Some(0xDC00..=0xDFFF)) {
                    at += 2 * ESCAPE;
                } else {
                    lone.push(at);
                    at += ESCAPE;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                lone.push(at);
                at += ESCAPE;
            }
            _ => at += 2,
        }
    }
}

/// The code unit of the `\uXXXX` escape at `at`, if there is one.
fn unit(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + ESCAPE)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> (String, Vec<usize>) {
        let mut text = text.to_owned();
        let lone = repair(&mut text, 0);
        (text, lone)
    }

    #[test]
    fn lone_halves_become_replacement_characters_in_place() {
        let (text, lone) = fixed(r#"{"a\ud800": ["x\udc00y", "\ud83d\ude00"], "b": "\uD83D"}"#);
        assert_eq!(
            text,
            r#"{"a\ufffd": ["x\ufffdy", "\ud83d\ude00"], "b": "\ufffd"}"#
        );
        assert_eq!(lone, [3, 15, 48]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["a\u{fffd}"][1], "\u{1f600}");
    }

    #[test]
    fn escaped_backslashes_and_text_after_the_value_are_left_alone() {
        let (text, lone) = fixed(r#""\\ud800" "\ud800""#);
        assert_eq!(text, r#""\\ud800" "\ud800""#);
        assert!(lone.is_empty());
        let (text, _) = fixed(r#"  ["\ud800"] "\ud800""#);
        assert_eq!(text, r#"  ["\ufffd"] "\ud800""#);
    }

    #[test]
    fn only_text_with_a_surrogate_escape_may_hold_one() {
        assert!(may_hold(br#""\uDBFF""#));
        assert!(
            may_hold(br#""\\udc00""#),
            "a false alarm, cleared by repair"
        );
        assert!(!may_hold(br#""\u00e9 \ud7ff \n""#));
        assert!(!may_hold(b"plain"));
    }

    #[test]
    fn a_value_cut_short_is_repaired_as_far_as_it_goes() {
        assert_eq!(fixed(r#"{"a": "\udbff"#).0, r#"{"a": "\ufffd"#);
        assert_eq!(fixed(r#"{"a": "\udbff\u"#).0, r#"{"a": "\ufffd\u"#);
        assert_eq!(fixed("12").1, Vec::<usize>::new());
        assert_eq!(fixed("").1, Vec::<usize>::new());
    }
}
