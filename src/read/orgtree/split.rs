//! Where to cut the posts list of a large file into parts, so that they are parsed on two
//! cores at once.
//!
//! Each cut is guessed from 64 KB of the file, about every 2 MB: an object that follows `}`
//! and `,` and is followed by more of its kind at the same depth, never by the end of a
//! list. It is only a guess (a string may hold `}, {`, a post may hold a list of objects):
//! the main reading confirms it by reaching that offset as an item of the posts list, and
//! the part read ahead from it is dropped otherwise, so a wrong guess costs time, never the
//! result.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::input::BOM;
use crate::org::json;

/// Files smaller than this are read on one thread: parts would save a few milliseconds.
const SMALLEST: u64 = 8 << 20;
/// About how long a part is: small, so that a part read ahead, held until its turn, takes
/// little memory; large enough that starting one costs little.
const PART: u64 = 2 << 20;
/// At most this many parts.
const MOST: u64 = 1024;
/// How much of the file is looked at for each split.
const LOOK: usize = 64 << 10;
/// How many items must follow a split at its depth, within what is looked at, for it to be
/// taken as an item of a long list.
const SIBLINGS: usize = 4;

/// The document offsets (after any byte order mark), in order, of objects in the posts list
/// about [`PART`] apart, if the file at `path` is large enough to be worth reading in parts.
pub(super) fn guesses(path: &Path) -> Vec<usize> {
    guesses_in(path).unwrap_or_default()
}

fn guesses_in(path: &Path) -> Option<Vec<usize>> {
    let mut file = File::open(path).ok()?;
    let length = file.metadata().ok()?.len();
    if length < SMALLEST {
        return None;
    }
    let mut head = [0; BOM.len()];
    file.read_exact(&mut head).ok()?;
    let bom = if head == *BOM { BOM.len() as u64 } else { 0 };
    let parts = (length / PART).clamp(2, MOST);
    let mut splits: Vec<usize> = Vec::new();
    let mut look = Vec::with_capacity(LOOK);
    for part in 1..parts {
        let after_last = splits.last().map_or(0, |&at| at as u64 + bom + 1);
        let from = (length * part / parts).max(after_last);
        file.seek(SeekFrom::Start(from)).ok()?;
        look.clear();
        (&mut file).take(LOOK as u64).read_to_end(&mut look).ok()?;
        if let Some(at) = in_bytes(&look) {
            splits.push(usize::try_from(from + at as u64 - bom).ok()?);
        }
    }
    Some(splits)
}

/// The offset in `bytes` of the first object that looks like an item of a long list of
/// objects.
pub(super) fn in_bytes(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'{', bytes)
        .find(|&at| after_an_object(&bytes[..at]) && leads_a_list(&bytes[at..]))
}

/// Whether `before` ends with `}` and `,`, with white space around.
fn after_an_object(before: &[u8]) -> bool {
    let mut rest = trim_end(before);
    let Some((b',', front)) = rest.split_last() else {
        return false;
    };
    rest = trim_end(front);
    rest.last() == Some(&b'}')
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let kept = bytes
        .iter()
        .rposition(|&b| !json::is_space(b))
        .map_or(0, |at| at + 1);
    &bytes[..kept]
}

/// Whether the object `bytes` starts with is followed, at its depth, by [`SIBLINGS`] more
/// items before any bracket closes the list they are in. Read as JSON outside any string.
fn leads_a_list(bytes: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut siblings = 0;
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => match depth.checked_sub(1) {
                Some(less) => depth = less,
                None => return false,
            },
            b',' if depth == 0 => {
                siblings += 1;
                if siblings == SIBLINGS {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_is_an_object_of_a_long_list() {
        let posts = r#"{"id": "a", "staff": [{"n": 1}, {"n": 2}]}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}, {"id": "f"}]}"#;
        // Inside the first post, its staff list is short: the split is the second post.
        let text = format!("{{\"posts\": [{posts}");
        let at = in_bytes(text.as_bytes()).unwrap();
        assert!(text[at..].starts_with(r#"{"id": "b"}"#), "{}", &text[at..]);
        // Too few posts after any object: no split.
        assert_eq!(in_bytes(br#"{"a": 1}, {"b": 2}, {"c": 3}]}"#), None);
        // White space of every kind between the objects.
        let at = in_bytes(b"x}\r\n\t,\n  {\"a\":1},{},{},{},{}]").unwrap();
        assert_eq!(at, 9);
    }

    #[test]
    fn brackets_in_strings_are_not_counted() {
        let text = br#"}, {"t": "] } ] \" ]"}, {"u": "["}, {}, {}, {}"#;
        assert_eq!(in_bytes(text), Some(3));
    }
}
