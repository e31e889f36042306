//! The syntax of LDIF (RFC 2849): records told apart by blank lines, lines continued on the
//! next one (which starts with one space) folded back exactly, comments left out, and each
//! line read as an attribute and its value: plain (`cn: Jane Doe`), base64 (`cn:: SmFuZQ==`)
//! or a URL (`jpegPhoto:< file:///photo.jpg`), never fetched.
//!
//! No well-kept crate reads LDIF with the place of each line, which every message needs; the
//! rules are few and line by line.

use std::borrow::Cow;

use base64::Engine as _;

use crate::org::Position;

/// A line as the file gives it, continuations folded back in.
pub(super) struct Line<'t> {
    /// Its number in the file, from 1.
    pub(super) number: usize,
    /// The length of its first physical line: offsets within it are places in the file.
    first_len: usize,
    pub(super) text: Cow<'t, str>,
}

impl Line<'_> {
    /// Where the line starts.
    pub(super) fn start(&self) -> Position {
        Position {
            line: self.number,
            column: 1,
        }
    }
}

/// Something found wrong in the lines: where, and what.
pub(super) struct Slip {
    pub(super) at: Position,
    pub(super) message: String,
}

/// Calls `each` with the lines of each record of `text` in turn (a record is never empty);
/// lines that cannot be read are given to `slip`.
pub(super) fn each_record<'t>(
    text: &'t str,
    mut each: impl FnMut(&[Line<'t>]),
    mut slip: impl FnMut(Slip),
) {
    let mut record: Vec<Line<'t>> = Vec::new();
    let mut in_comment = false;
    let mut start = 0;
    let mut number = 0;
    let mut tally = crate::progress::Tally::new("lines");
    // Stopped (Ctrl-C): what was read is thrown away by the caller.
    while start < text.len() && tally.tick() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        number += 1;
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        start = end + 1;
        if let Some(rest) = line.strip_prefix(' ') {
            match record.last_mut() {
                _ if in_comment => {}
                Some(last) => last.text.to_mut().push_str(rest),
                // A line of spaces alone is taken as the blank line it looks like.
                None if line.trim().is_empty() => {}
                None => slip(Slip {
                    at: Position {
                        line: number,
                        column: 1,
                    },
                    message: "a continued line (starting with a space) with no line before it to continue".into(),
                }),
            }
        } else if line.is_empty() {
            in_comment = false;
            if !record.is_empty() {
                each(&record);
                record.clear();
            }
        } else if line.starts_with('#') {
            in_comment = true;
        } else {
            in_comment = false;
            record.push(Line {
                number,
                first_len: line.len(),
                text: Cow::Borrowed(line),
            });
        }
    }
    if !record.is_empty() {
        each(&record);
    }
}

/// How a value is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Given {
    /// As text (`attr: value`), or in base64 that decodes to UTF-8 text (`attr:: ...`).
    Text,
    /// In base64 that is not UTF-8 text (a photo, a GUID): kept as the base64 text.
    Binary,
    /// By URL (`attr:< URL`): kept as the URL.
    Url,
    /// In base64 that cannot be decoded: kept as written.
    BadBase64,
}

/// An attribute and one of its values, as a line gives them.
pub(super) struct Attribute<'t> {
    /// The attribute's name with its options (`title;lang-fr`), as written.
    pub(super) name: Cow<'t, str>,
    pub(super) value: Cow<'t, str>,
    pub(super) given: Given,
    /// Where the line starts, and where its value starts (the line's start when the value
    /// is on a continued line).
    pub(super) at: Position,
    pub(super) value_at: Position,
}

/// Reads `line` as an attribute and its value, or says why it is not one.
pub(super) fn attribute<'t>(line: &Line<'t>) -> Result<Attribute<'t>, Slip> {
    let text: &str = &line.text;
    let valid_name = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b';' | b'.' | b'_'))
    };
    let colon = text.find(':').filter(|&colon| valid_name(&text[..colon]));
    let Some(colon) = colon else {
        let mut shown: String = text.chars().take(60).collect();
        if shown.len() < text.len() {
            shown.push_str("...");
        }
        return Err(Slip {
            at: line.start(),
            message: format!(
                "not an LDIF line (an attribute name, a colon and a value): \"{}\"",
                crate::text::Escaped(&shown)
            ),
        });
    };
    let (given, value_start) = match text.as_bytes().get(colon + 1) {
        Some(b':') => (Given::Text, colon + 2),
        Some(b'<') => (Given::Url, colon + 2),
        _ => (Given::Text, colon + 1),
    };
    let base64 = text.as_bytes().get(colon + 1) == Some(&b':');
    let value_start =
        value_start + text[value_start..].len() - text[value_start..].trim_start_matches(' ').len();
    // The name and what follows it up to the value are ASCII: a byte is a column.
    let value_at = if value_start <= line.first_len {
        Position {
            line: line.number,
            column: value_start + 1,
        }
    } else {
        line.start()
    };
    let part = |range: std::ops::Range<usize>| -> Cow<'t, str> {
        match &line.text {
            Cow::Borrowed(text) => Cow::Borrowed(&text[range]),
            Cow::Owned(text) => Cow::Owned(text[range].to_owned()),
        }
    };
    let name = part(0..colon);
    let written = part(value_start..text.len());
    let (value, given) = if base64 {
        decoded(written)
    } else {
        (written, given)
    };
    Ok(Attribute {
        name,
        value,
        given,
        at: line.start(),
        value_at,
    })
}

/// The text a base64 value stands for, and how it was given: as UTF-8 text, or (kept as
/// written) binary data or not base64 at all.
fn decoded(written: Cow<str>) -> (Cow<str>, Given) {
    const ENGINE: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    match ENGINE.decode(written.trim_end().as_bytes()) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => (Cow::Owned(text), Given::Text),
            Err(_) => (written, Given::Binary),
        },
        Err(_) => (written, Given::BadBase64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> (Vec<Vec<String>>, Vec<(Position, String)>) {
        let mut records = Vec::new();
        let mut slips = Vec::new();
        each_record(
            text,
            |lines| records.push(lines.iter().map(|l| l.text.to_string()).collect()),
            |slip| slips.push((slip.at, slip.message)),
        );
        (records, slips)
    }

    #[test]
    fn continued_lines_fold_back_exactly_and_comments_are_left_out() {
        let text = "# a comment\n #  continued\ndn: cn=Jane,\r\n dc=example\ncn: Ja\n ne\n\n\n# between\ndn: cn=B\n  two spaces\n";
        let (records, slips) = records(text);
        assert!(slips.is_empty());
        assert_eq!(
            records,
            [
                vec!["dn: cn=Jane,dc=example", "cn: Jane"],
                vec!["dn: cn=B two spaces"]
            ]
        );
    }

    #[test]
    fn a_continuation_with_nothing_to_continue_is_a_slip_at_its_line() {
        let (records, slips) = records("\n x\ndn: cn=a\n");
        assert_eq!(records, [vec!["dn: cn=a"]]);
        assert_eq!(slips.len(), 1);
        assert_eq!(slips[0].0, Position { line: 2, column: 1 });
    }

    fn read(text: &str) -> Attribute<'_> {
        let line = Line {
            number: 1,
            first_len: text.len(),
            text: Cow::Borrowed(text),
        };
        attribute(&line).unwrap_or_else(|slip| panic!("{}", slip.message))
    }

    #[test]
    fn values_are_read_plain_base64_or_as_urls() {
        let plain = read("Title;lang-en:   Head of Finance");
        assert_eq!(
            (&*plain.name, &*plain.value, plain.given, plain.value_at),
            (
                "Title;lang-en",
                "Head of Finance",
                Given::Text,
                Position {
                    line: 1,
                    column: 18
                }
            )
        );
        let base64 = read("cn:: UmVuw6llIELDtnJr");
        assert_eq!((&*base64.value, base64.given), ("Renée Börk", Given::Text));
        let binary = read("objectGUID:: AP8A/w==");
        assert_eq!((&*binary.value, binary.given), ("AP8A/w==", Given::Binary));
        let bad = read("cn:: not base64!");
        assert_eq!((&*bad.value, bad.given), ("not base64!", Given::BadBase64));
        let url = read("jpegPhoto:< file:///tmp/photo.jpg");
        assert_eq!(
            (&*url.value, url.given),
            ("file:///tmp/photo.jpg", Given::Url)
        );
        assert_eq!(&*read("description:").value, "");
    }

    #[test]
    fn a_line_without_an_attribute_name_is_refused() {
        for text in ["no colon here", ": value", "two words: value", "-"] {
            let line = Line {
                number: 7,
                first_len: text.len(),
                text: Cow::Borrowed(text),
            };
            let slip = attribute(&line).err().expect("refused");
            assert_eq!(slip.at, Position { line: 7, column: 1 });
            assert!(
                slip.message.starts_with("not an LDIF line"),
                "{}",
                slip.message
            );
        }
    }
}
