//! Decoding an organogram CSV file as it was published: UTF-8 with or without a byte order
//! mark, UTF-16 as spreadsheets write "Unicode text", or else Windows-1252.

use std::borrow::Cow;

/// The text of a CSV file as published: UTF-8 (with or without a byte order mark), UTF-16
/// (which spreadsheets write as "Unicode text"), or else Windows-1252, which spreadsheets on
/// Windows write (`£` as the byte `0xA3`). As [`decode_with_note`], without the note.
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    decode_with_note(bytes).0
}

/// The text of a CSV file, as [`decode`] reads it, and a note to show the user when it was
/// read as another encoding than UTF-8 or UTF-16 says, or had to be guessed:
///
/// - UTF-16 with a byte order mark (`FF FE` little-endian, `FE FF` big-endian): no note,
///   unless units are not UTF-16 (an unpaired surrogate, an odd byte at the end), which are
///   read as U+FFFD;
/// - UTF-16 without one, told by the zero bytes of its ASCII first characters: a note;
/// - UTF-8: no note; with a UTF-8 byte order mark but bytes that are not UTF-8, those read as
///   U+FFFD, with a note;
/// - anything else: Windows-1252, with the note "not UTF-8: read as Windows-1252".
///
/// The byte order mark of UTF-16 is left out; that of UTF-8 is kept, as in the file.
#[must_use]
pub fn decode_with_note(bytes: &[u8]) -> (Cow<'_, str>, Option<&'static str>) {
    const NOT_UTF_16: &str = "not valid UTF-16: what is not was read as \u{fffd}";
    match bytes {
        [0xff, 0xfe, rest @ ..] => {
            let (text, valid) = utf_16(rest, u16::from_le_bytes);
            return (Cow::Owned(text), (!valid).then_some(NOT_UTF_16));
        }
        [0xfe, 0xff, rest @ ..] => {
            let (text, valid) = utf_16(rest, u16::from_be_bytes);
            return (Cow::Owned(text), (!valid).then_some(NOT_UTF_16));
        }
        _ => {}
    }
    if let Some(from_bytes) = utf_16_without_mark(bytes) {
        let (text, valid) = utf_16(bytes, from_bytes);
        let note = if valid {
            "no byte order mark: read as UTF-16"
        } else {
            "no byte order mark: read as UTF-16, and what is not UTF-16 as \u{fffd}"
        };
        return (Cow::Owned(text), Some(note));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return (
            String::from_utf8_lossy(bytes),
            Some(
                "not valid UTF-8, though it starts with a UTF-8 byte order mark: what is not was read as \u{fffd}",
            ),
        );
    }
    (
        Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
        Some("not UTF-8: read as Windows-1252"),
    )
}

/// UTF-16 text, U+FFFD for what is not UTF-16, and whether all was.
pub(super) fn utf_16(bytes: &[u8], from_bytes: fn([u8; 2]) -> u16) -> (String, bool) {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut valid = !odd;
    let units = pairs.map(|pair| from_bytes([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                valid = false;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, valid)
}

/// How to read the units of UTF-16 without a byte order mark, if the file is that: a header
/// is ASCII, so each of its first characters is a zero byte and another.
pub(super) fn utf_16_without_mark(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(16).collect();
    if pairs.len() < 2 {
        return None;
    }
    if pairs.iter().all(|p| p[0] != 0 && p[1] == 0) {
        Some(u16::from_le_bytes)
    } else if pairs.iter().all(|p| p[0] == 0 && p[1] != 0) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

pub(super) fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_files_are_decoded() {
        assert_eq!(decode(b"Pay (\xa3)"), "Pay (£)");
        assert_eq!(decode(b"\x93quoted\x94"), "\u{201c}quoted\u{201d}");
        assert_eq!(decode("Pay (£)".as_bytes()), "Pay (£)");
    }
}
