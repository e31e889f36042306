//! Inputs for the readers: arbitrary bytes, and seed files changed by a list of mutations
//! that proptest chooses (and, when a case fails, makes shorter and simpler): bytes flipped,
//! cut or copied, JSON values and CSV cells replaced by hostile ones (huge numbers, deep
//! nesting, NUL, lone surrogate escapes, control and bidi characters, very long strings,
//! invalid UTF-8), members and lines given twice, the whole text in UTF-16 or with other
//! line ends.

use std::ops::Range;

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// One change to the bytes of an input.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// One byte xor `mask`.
    Flip {
        at: Index,
        mask: u8,
    },
    /// The input cut short.
    Truncate {
        at: Index,
    },
    Delete {
        at: Index,
        len: u8,
    },
    Insert {
        at: Index,
        piece: Piece,
    },
    /// `len` bytes from `from` copied to `to`.
    Copy {
        from: Index,
        len: u16,
        to: Index,
    },
    /// A JSON string, number or literal replaced.
    Token {
        which: Index,
        piece: Piece,
    },
    /// A CSV cell replaced.
    Cell {
        which: Index,
        piece: Piece,
    },
    /// A JSON member given again right after itself.
    Member {
        which: Index,
    },
    Line {
        which: Index,
        change: LineChange,
    },
    Whole(Whole),
}

#[derive(Clone, Copy, Debug)]
pub enum LineChange {
    Twice,
    Delete,
    SwapWithNext,
}

/// A change to the whole text.
#[derive(Clone, Copy, Debug)]
pub enum Whole {
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
    Crlf,
    Cr,
    Utf8Bom,
    /// Characters below U+0100 as one byte each: Windows-1252 or Latin-1, not UTF-8.
    Latin1,
}

/// What a mutation puts in.
#[derive(Clone, Debug)]
pub enum Piece {
    Text(&'static str),
    Bytes(&'static [u8]),
    /// A string of `len` characters, in JSON quotes or not.
    Long {
        len: u16,
        quoted: bool,
    },
    /// A value nested `depth` deep.
    Deep {
        depth: u16,
        objects: bool,
    },
}

/// Text that readers treat specially, or that has broken them.
const TEXTS: &[&str] = &[
    // Numbers at and beyond the edges of a float and an integer.
    "1e999",
    "-1e999",
    "-0",
    "-0.0",
    "1e23",
    "1e+23",
    "18446744073709551616",
    "-9223372036854775809",
    "1.7976931348623157e308",
    "4.9e-324",
    "1e-400",
    "0.1",
    "-1",
    "NaN",
    "Infinity",
    "0x10",
    // JSON values and framing.
    "true",
    "null",
    "[]",
    "{}",
    "\"\"",
    "\"\\ud800\"",
    "\"a\\udc00b\\ud83d\"",
    "\"\\ud83d\\ude00\"",
    "\"\\u0000\"",
    "\"\\u001b[1m\"",
    "\"\\u001b]0;PWNED\\u0007\"",
    "\"\\u202e\"",
    "\"\\u009b2J\"",
    "\"\\u2028\"",
    "\"a\\nb\\tc\\r\"",
    "\"\u{202e}raw\"",
    "\"\u{1b}[2J\"",
    "\"\u{9b}\"",
    "\"\u{feff}\"",
    "\"\\\"",
    ",",
    ":",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "\"id\": \"cdo\"",
    "\"id\": 42",
    "\"reports_to\": \"cdo\"",
    "\"reports_to\": null",
    "\"title\": null",
    "\"dotted\": [{\"to\": \"cdo\", \"label\": \"x\"}]",
    "\"dotted\": [{\"to\": 42}, {\"to\": \"cdo\"}]",
    "\"staff\": [{\"title\": \"S\", \"fte\": []}]",
    "\"staff\": [{\"fte\": 3, \"fte\": 4}]",
    "\"posts\": []",
    "\"posts\": [{\"id\": \"a\", \"title\": \"A\", \"reports_to\": \"a\"}]",
    "\"orgtree\": 2",
    "\"fte\": -1",
    "\"cost\": [1, 2]",
    "\"tags\": [1, null]",
    "\"name\": \"\u{1b}[31m\"",
    // Steps of a change script.
    "{\"edit\": \"close\", \"post\": \"cdo\"}",
    "{\"edit\": \"move\", \"post\": \"cdo\", \"to\": \"cdo\"}",
    "{\"edit\": \"set\", \"post\": \"cdo\", \"field\": \"x\", \"value\": null}",
    // Organogram cells.
    "N/D",
    "N/A",
    "XX",
    "Vacant",
    "Eliminated",
    "Total",
    "Grand total",
    "£1,234.0",
    "'-",
    "'=1+1",
    "=HYPERLINK(\"x\")",
    "\"a,b\"",
    "\"unclosed",
    "\"\"\"\"",
    "360510.0",
    "scs1",
    "-",
    " ",
    ",,,,,,",
    "Post Unique Reference",
    "Reports to Senior Post",
    "Reporting Senior Post",
    "Number of Posts in FTE",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{fffd}",
    "\u{feff}",
    "é",
    "\u{10ffff}",
];

/// Bytes that are not UTF-8, or not as expected.
const BYTES: &[&[u8]] = &[
    &[0xff],
    &[0xfe, 0xff],
    &[0xff, 0xfe],
    &[0x80],
    &[0xc0, 0x80],
    &[0xc3],
    &[0xe2, 0x82],
    &[0xed, 0xa0, 0x80],
    &[0xf4, 0x90, 0x80, 0x80],
    &[0xef, 0xbb, 0xbf],
    &[0x00, 0x00],
    &[0x93, 0x94],
];

pub fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        12 => select(TEXTS).prop_map(Piece::Text),
        2 => select(BYTES).prop_map(Piece::Bytes),
        1 => (1u16..20_000, any::<bool>()).prop_map(|(len, quoted)| Piece::Long { len, quoted }),
        1 => (1u16..700, any::<bool>()).prop_map(|(depth, objects)| Piece::Deep { depth, objects }),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let whole = prop_oneof![
        (any::<bool>(), any::<bool>())
            .prop_map(|(big_endian, bom)| Whole::Utf16 { big_endian, bom }),
        Just(Whole::Crlf),
        Just(Whole::Cr),
        Just(Whole::Utf8Bom),
        Just(Whole::Latin1),
    ];
    let line = prop_oneof![
        Just(LineChange::Twice),
        Just(LineChange::Delete),
        Just(LineChange::SwapWithNext)
    ];
    prop_oneof![
        3 => (any::<Index>(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        1 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, len)| Mutation::Delete { at, len }),
        3 => (any::<Index>(), piece()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        2 => (any::<Index>(), 1u16..400, any::<Index>())
            .prop_map(|(from, len, to)| Mutation::Copy { from, len, to }),
        6 => (any::<Index>(), piece()).prop_map(|(which, piece)| Mutation::Token { which, piece }),
        4 => (any::<Index>(), piece()).prop_map(|(which, piece)| Mutation::Cell { which, piece }),
        3 => any::<Index>().prop_map(|which| Mutation::Member { which }),
        2 => (any::<Index>(), line).prop_map(|(which, change)| Mutation::Line { which, change }),
        1 => whole.prop_map(Mutation::Whole),
    ]
}

/// A seed (by its place in a list) and the mutations to make to it.
pub fn mutations() -> impl Strategy<Value = (Index, Vec<Mutation>)> {
    (any::<Index>(), proptest::collection::vec(mutation(), 1..6))
}

/// Bytes of any sort: random, from the alphabet of JSON and CSV, or pieces put together.
pub fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    const ALPHABET: &[u8] = b"{}[]\":,,0123456789.eE+-tfnulrsaidXV/ \\\n\r\t'";
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..1024),
        proptest::collection::vec(select(ALPHABET), 0..1024),
        proptest::collection::vec(piece(), 0..24).prop_map(|pieces| {
            let mut bytes = Vec::new();
            for piece in &pieces {
                bytes.extend(render(piece));
            }
            bytes
        }),
    ]
}

/// `seed` with every mutation made in turn.
pub fn mutated(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for mutation in mutations {
        apply(&mut bytes, mutation);
    }
    bytes
}

fn render(piece: &Piece) -> Vec<u8> {
    match *piece {
        Piece::Text(text) => text.as_bytes().to_vec(),
        Piece::Bytes(bytes) => bytes.to_vec(),
        Piece::Long { len, quoted } => {
            let body = "é".repeat(usize::from(len) / 2) + &"x".repeat(usize::from(len) % 2);
            if quoted {
                format!("\"{body}\"").into_bytes()
            } else {
                body.into_bytes()
            }
        }
        Piece::Deep { depth, objects } => {
            let depth = usize::from(depth);
            let (open, close) = if objects {
                ("{\"a\":", "}")
            } else {
                ("[", "]")
            };
            format!("{}1{}", open.repeat(depth), close.repeat(depth)).into_bytes()
        }
    }
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    // A place in the bytes, the end included.
    let place = |at: &Index| at.index(len + 1);
    match mutation {
        Mutation::Flip { at, mask } => {
            if len > 0 {
                bytes[at.index(len)] ^= mask;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(place(at)),
        Mutation::Delete { at, len: n } => {
            let start = place(at);
            bytes.drain(start..(start + usize::from(*n)).min(len));
        }
        Mutation::Insert { at, piece } => {
            let at = place(at);
            bytes.splice(at..at, render(piece));
        }
        Mutation::Copy { from, len: n, to } => {
            let start = place(from);
            let copy = bytes[start..(start + usize::from(*n)).min(len)].to_vec();
            let to = place(to);
            bytes.splice(to..to, copy);
        }
        Mutation::Token { which, piece } => {
            replace_one(bytes, &json_tokens(bytes), *which, piece);
        }
        Mutation::Cell { which, piece } => replace_one(bytes, &csv_cells(bytes), *which, piece),
        Mutation::Member { which } => {
            let members = json_members(bytes);
            if !members.is_empty() {
                let member = members[which.index(members.len())].clone();
                let mut copy = vec![b','];
                copy.extend_from_slice(&bytes[member.clone()]);
                bytes.splice(member.end..member.end, copy);
            }
        }
        Mutation::Line { which, change } => change_line(bytes, *which, *change),
        Mutation::Whole(whole) => *bytes = transformed(bytes, *whole),
    }
}

fn replace_one(bytes: &mut Vec<u8>, spans: &[Range<usize>], which: Index, piece: &Piece) {
    if !spans.is_empty() {
        let span = spans[which.index(spans.len())].clone();
        bytes.splice(span, render(piece));
    }
}

/// The end of the JSON string that starts at `start` (its closing quote included).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(bytes.len())
}

fn is_scalar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.')
}

/// The strings, numbers and literals of a JSON text, as well as a rough scan finds them.
fn json_tokens(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let end = string_end(bytes, i);
            tokens.push(i..end);
            i = end;
        } else if is_scalar(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_scalar(bytes[i]) {
                i += 1;
            }
            tokens.push(start..i);
        } else {
            i += 1;
        }
    }
    tokens
}

/// The members (`"key": value`) of the objects of a JSON text.
fn json_members(bytes: &[u8]) -> Vec<Range<usize>> {
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut members = Vec::new();
    for key in json_tokens(bytes) {
        if bytes[key.start] != b'"' {
            continue;
        }
        let colon = skip_space(key.end);
        if bytes.get(colon) != Some(&b':') {
            continue;
        }
        let mut i = skip_space(colon + 1);
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i = string_end(bytes, i);
                    continue;
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        members.push(key.start..i.min(bytes.len()));
    }
    members
}

/// The cells of a CSV text, split at every comma and line end (quotes are not minded).
fn csv_cells(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let mut start = 0;
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(byte, b',' | b'\n' | b'\r') {
            cells.push(start..i);
            start = i + 1;
        }
    }
    cells.push(start..bytes.len());
    cells
}

fn change_line(bytes: &mut Vec<u8>, which: Index, change: LineChange) {
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        return;
    }
    let at = which.index(lines.len());
    match change {
        LineChange::Twice => {
            let line = lines[at].clone();
            lines.insert(at, line);
        }
        LineChange::Delete => {
            lines.remove(at);
        }
        LineChange::SwapWithNext => {
            if at + 1 < lines.len() {
                lines.swap(at, at + 1);
            }
        }
    }
    *bytes = lines.concat();
}

fn transformed(bytes: &[u8], whole: Whole) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match whole {
        Whole::Utf16 { big_endian, bom } => {
            let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
            if big_endian {
                units.flat_map(u16::to_be_bytes).collect()
            } else {
                units.flat_map(u16::to_le_bytes).collect()
            }
        }
        Whole::Crlf => text
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .into_bytes(),
        Whole::Cr => text.replace("\r\n", "\n").replace('\n', "\r").into_bytes(),
        Whole::Utf8Bom => [&[0xef, 0xbb, 0xbf][..], bytes].concat(),
        Whole::Latin1 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
    }
}
