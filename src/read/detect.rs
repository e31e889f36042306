//! Which format a file is in, told by its content, so that every command opens any chart
//! orgtree reads: orgtree JSON (an object with a `posts` list, or an `orgtree` version), a
//! nested JSON tree (an object, or a list of them, with `children`), a flat JSON list (of
//! objects with a manager field, [`super::flat::PARENT_KEYS`]), an organogram CSV (by its
//! header, as the organogram reader finds it), an HR export (a CSV or TSV with an id or a
//! manager column), a spreadsheet (`.xlsx`, `.xlsm`, `.ods`, `.xls`: a ZIP archive with the
//! parts of one, or an Office compound file), or LDIF (its first line that is no comment
//! `dn:` or `version:`). Anything else is said in words: what it looks like.

use super::flat::PARENT_KEYS;
use super::organogram::{self, PairFile};

/// A format orgtree reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Orgtree,
    Nested,
    Flat,
    OrganogramSenior,
    OrganogramJunior,
    /// An HR export: a CSV (or TSV) with an id and a manager column.
    Hr,
    Spreadsheet,
    Ldif,
}

impl Format {
    /// The format in words, for messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Orgtree => "orgtree JSON",
            Self::Nested => "a nested JSON tree",
            Self::Flat => "a flat JSON list",
            Self::OrganogramSenior => "an organogram senior CSV",
            Self::OrganogramJunior => "an organogram junior CSV",
            Self::Hr => "an HR export (CSV or TSV with an id and a manager column)",
            Self::Spreadsheet => "a spreadsheet",
            Self::Ldif => "an LDIF directory export",
        }
    }
}

/// What the formats orgtree reads are, for a refusal.
pub const READ: &str = "orgtree reads orgtree JSON, nested JSON trees (nodes with \"children\"), flat JSON lists (objects with an id and a manager field: pid, parentId, managerId, parent or reports_to), UK organogram CSV files (the senior file, with its junior file), HR exports (CSV or TSV with an id column and a manager column, such as \"Employee ID\" and \"Manager ID\"), spreadsheets (.xlsx, .xlsm, .ods, .xls) and LDAP or Active Directory exports in LDIF (entries with a manager DN)";

/// The format of the file at `path`, if it is a file in a format orgtree reads, as far as
/// its first bytes tell (a JSON object they do not tell is taken as orgtree JSON).
#[must_use]
pub fn format_of_file(path: &std::path::Path) -> Option<Format> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut head = Vec::new();
    file.take(HEAD as u64).read_to_end(&mut head).ok()?;
    match recognise(&head, head.len() < HEAD) {
        Verdict::Known(format) => Some(format),
        Verdict::More => Some(Format::Orgtree),
        Verdict::Unknown(_) => None,
    }
}

/// How much of a file is read to tell its format.
pub(crate) const HEAD: usize = 64 * 1024;

/// What the first bytes of a file say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Known(Format),
    /// None orgtree reads: what it looks like ("an XML file", "binary data").
    Unknown(String),
    /// JSON that these bytes do not tell apart: more of the file is needed.
    More,
}

/// The format of a file that starts with `head`; `whole` says whether `head` is the whole
/// file. A JSON object whose first members tell nothing is orgtree JSON, whose loader says
/// what is missing.
#[must_use]
pub fn recognise(head: &[u8], whole: bool) -> Verdict {
    let bytes = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Verdict::Unknown(if head.is_empty() {
            "an empty file".into()
        } else {
            "only white space".into()
        });
    };
    match bytes[start] {
        b'{' => json_verdict(&bytes[start..], whole, true),
        b'[' => json_verdict(&bytes[start..], whole, false),
        _ => not_json(head),
    }
}

fn json_verdict(bytes: &[u8], whole: bool, object: bool) -> Verdict {
    let mut found = None;
    // The members of the top object, or of the objects of the top list.
    let depth = if object { 1 } else { 2 };
    scan_keys(bytes, depth, |key| {
        found = if object {
            match key {
                b"posts" | b"orgtree" => Some(Format::Orgtree),
                b"children" => Some(Format::Nested),
                _ => None,
            }
        } else if PARENT_KEYS.iter().any(|k| k.as_bytes() == key) {
            Some(Format::Flat)
        } else if key == b"children" {
            Some(Format::Nested)
        } else {
            None
        };
        found.is_some()
    });
    match found {
        Some(format) => Verdict::Known(format),
        None if !whole => Verdict::More,
        // Its loader says what an orgtree chart lacks.
        None if object => Verdict::Known(Format::Orgtree),
        None => Verdict::Unknown(list(bytes)),
    }
}

/// What a JSON list that is no chart holds.
fn list(bytes: &[u8]) -> String {
    let first = bytes[1..].iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b']') => "an empty JSON list".into(),
        Some(b'{') => format!(
            "a JSON list of objects with no manager field ({}) and no \"children\" (orgtree import flat --parent-key KEY reads a list whose manager field is named otherwise)",
            PARENT_KEYS.join(", ")
        ),
        _ => "a JSON list whose items are not objects".into(),
    }
}

/// Calls `key` with each member name at `depth` (1: the members of the top object) until
/// it returns true. Only strings and brackets are followed: the JSON is checked by the
/// reader that reads it.
fn scan_keys(bytes: &[u8], depth: usize, mut key: impl FnMut(&[u8]) -> bool) {
    let mut level = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' | b'[' => level += 1,
            b'}' | b']' => level = level.saturating_sub(1),
            b'"' => {
                let Some(end) = string_end(bytes, at + 1) else {
                    return;
                };
                let next = bytes[end + 1..].iter().find(|b| !b.is_ascii_whitespace());
                if level == depth && next == Some(&b':') && key(&bytes[at + 1..end]) {
                    return;
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
}

/// The index of the quote that closes a string whose text starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b'"' => return Some(from),
            _ => from += 1,
        }
    }
    None
}

/// The first bytes of a ZIP archive, and of an Office compound file (an `.xls` workbook).
pub(crate) const ZIP: &[u8] = b"PK\x03\x04";
pub(crate) const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// What a ZIP archive holds, told by the names of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zipped {
    /// An `OpenDocument` spreadsheet (`.ods`): its first part, `mimetype`, says so.
    Ods,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`): `[Content_Types].xml` and `xl/`.
    Xlsx,
    /// Anything else: what it looks like.
    Other(&'static str),
}

/// What the ZIP archive starting with `bytes` holds. The part names stand in their local
/// headers, the first of them at the start: spreadsheet programs write `mimetype` (ODS) and
/// `[Content_Types].xml` (Office) first.
pub(crate) fn zipped(bytes: &[u8]) -> Zipped {
    use memchr::memmem::find;
    let start = &bytes[..bytes.len().min(256)];
    if start.get(30..38) == Some(b"mimetype") {
        return if find(start, b"application/vnd.oasis.opendocument.spreadsheet").is_some() {
            Zipped::Ods
        } else {
            Zipped::Other("an OpenDocument file that is not a spreadsheet (a text or a drawing)")
        };
    }
    if find(bytes, b"[Content_Types].xml").is_some() {
        // The longer names first: three bytes may stand in compressed data by chance.
        if find(bytes, b"word/document").is_some() {
            return Zipped::Other("a Word document");
        }
        if find(bytes, b"ppt/presentation").is_some() {
            return Zipped::Other("a PowerPoint presentation");
        }
        if find(bytes, b"xl/").is_some() {
            return Zipped::Xlsx;
        }
    }
    Zipped::Other("a ZIP archive that is not a spreadsheet (.xlsx or .ods)")
}

/// An organogram CSV, a spreadsheet, or what a file that is not JSON looks like.
fn not_json(bytes: &[u8]) -> Verdict {
    if bytes.starts_with(ZIP) {
        return match zipped(bytes) {
            Zipped::Ods | Zipped::Xlsx => Verdict::Known(Format::Spreadsheet),
            Zipped::Other(what) => Verdict::Unknown(what.into()),
        };
    }
    // Told apart from a Word or PowerPoint file when it is read.
    if bytes.starts_with(OLE) {
        return Verdict::Known(Format::Spreadsheet);
    }
    let magic: [(&[u8], &str); 3] = [
        (b"%PDF", "a PDF document"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x89PNG", "a PNG image"),
    ];
    if let Some((_, what)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Verdict::Unknown((*what).into());
    }
    let text = organogram::decode(bytes);
    let binary = text
        .chars()
        .take(4096)
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    if binary > 0 {
        return Verdict::Unknown("binary data".into());
    }
    if super::ldif::looks_like_ldif(&text) {
        return Verdict::Known(Format::Ldif);
    }
    match organogram::sheet_of(&text) {
        Some(PairFile::Senior) => return Verdict::Known(Format::OrganogramSenior),
        Some(PairFile::Junior) => return Verdict::Known(Format::OrganogramJunior),
        None => {}
    }
    if super::hr::looks_like(&text) {
        return Verdict::Known(Format::Hr);
    }
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with('<') {
        return Verdict::Unknown("an XML or HTML file".into());
    }
    let shown = |cells: Vec<&str>| {
        let mut shown: Vec<String> = cells
            .iter()
            .take(6)
            .map(|c| crate::text::Escaped(c.trim().trim_matches('"')).to_string())
            .collect();
        if cells.len() > 6 {
            shown.push("...".into());
        }
        shown.join(", ")
    };
    for separator in [',', '\t', ';'] {
        if first.contains(separator) {
            return Verdict::Unknown(format!(
                "a CSV file whose header has neither organogram columns (\"Post Unique Reference\" or \"Reporting Senior Post\") nor an id or manager column (such as \"Employee ID\", \"Manager ID\" or \"Reports To\"): {}",
                shown(first.split(separator).collect())
            ));
        }
    }
    let mut line: String = first.chars().take(60).collect();
    if line.len() < first.len() {
        line.push_str("...");
    }
    Verdict::Unknown(format!(
        "text that is neither JSON nor CSV, starting \"{}\"",
        crate::text::Escaped(&line)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_get_a_verdict_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300), whole: bool) {
            let verdict = recognise(&bytes, whole);
            prop_assert!(!whole || verdict != Verdict::More);
        }
    }

    fn verdict(text: &str) -> Verdict {
        recognise(text.as_bytes(), true)
    }

    fn unknown(text: &[u8]) -> String {
        match recognise(text, true) {
            Verdict::Unknown(what) => what,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn json_is_told_by_its_members() {
        let known = |f| Verdict::Known(f);
        assert_eq!(
            verdict("{\"name\": \"x\", \"posts\": []}"),
            known(Format::Orgtree)
        );
        assert_eq!(verdict("\u{feff} {\"orgtree\": 1}"), known(Format::Orgtree));
        assert_eq!(
            verdict("{\"title\": \"CEO\", \"children\": [{\"posts\": 1}]}"),
            known(Format::Nested)
        );
        assert_eq!(
            verdict("[{\"id\": 1, \"title\": \"CEO\"}, {\"id\": 2, \"pid\": 1}]"),
            known(Format::Flat)
        );
        assert_eq!(
            verdict("[{\"title\": \"CEO\", \"children\": []}]"),
            known(Format::Nested)
        );
        // A string that holds a member name is not one.
        assert_eq!(
            verdict("{\"note\": \"\\\"posts\\\": x\", \"children\": []}"),
            known(Format::Nested)
        );
        // Nothing tells: the loader of orgtree JSON says what is missing.
        assert_eq!(verdict("{\"name\": \"x\"}"), known(Format::Orgtree));
        assert_eq!(verdict("[]"), Verdict::Unknown("an empty JSON list".into()));
        assert!(
            matches!(verdict("[1, 2]"), Verdict::Unknown(what) if what.contains("not objects"))
        );
        assert!(
            matches!(verdict("[{\"id\": 1}, {\"id\": 2, \"boss\": 1}]"), Verdict::Unknown(what) if what.contains("--parent-key"))
        );
        assert_eq!(recognise(b"{\"name\": \"x\"", false), Verdict::More);
    }

    #[test]
    fn organogram_files_are_told_by_their_header() {
        let senior = "Post Unique Reference,Name,Job Title,Reports to Senior Post\n";
        assert_eq!(verdict(senior), Verdict::Known(Format::OrganogramSenior));
        let junior = "Parent Department,Reporting Senior Post,Grade\n";
        assert_eq!(verdict(junior), Verdict::Known(Format::OrganogramJunior));
        // UTF-16 with its byte order mark, as spreadsheets write "Unicode text".
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(senior.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            recognise(&utf16, true),
            Verdict::Known(Format::OrganogramSenior)
        );
        // Windows-1252, with a pound sign.
        let cp1252 = b"Reporting Senior Post,Payscale Minimum (\xa3)\n1,2\n";
        assert_eq!(
            recognise(cp1252, true),
            Verdict::Known(Format::OrganogramJunior)
        );
    }

    #[test]
    fn other_files_are_said_to_be_what_they_look_like() {
        assert_eq!(unknown(b""), "an empty file");
        assert_eq!(unknown(b" \n"), "only white space");
        assert!(unknown(b"<?xml version=\"1.0\"?>\n<chart/>").contains("XML"));
        assert!(unknown(b"PK\x03\x04rest").contains("ZIP"));
        assert_eq!(
            recognise(b"PK\x03\x04..[Content_Types].xml..xl/workbook.xml", true),
            Verdict::Known(Format::Spreadsheet)
        );
        assert_eq!(
            unknown(b"PK\x03\x04..[Content_Types].xml..word/document.xml"),
            "a Word document"
        );
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(recognise(&ods, true), Verdict::Known(Format::Spreadsheet));
        let odt = String::from_utf8(ods.clone())
            .unwrap()
            .replace("spreadsheet", "text");
        assert!(unknown(odt.as_bytes()).contains("not a spreadsheet"));
        assert_eq!(
            recognise(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", true),
            Verdict::Known(Format::Spreadsheet)
        );
        assert_eq!(unknown(b"\x00\x01\x02\x03abc"), "binary data");
        let csv = unknown(b"Name,Boss,Title\nA,B,C\n");
        assert!(
            csv.contains("CSV") && csv.contains("Name, Boss, Title"),
            "{csv}"
        );
        // With a manager column it is an HR export, whatever the delimiter.
        for text in [
            "Name,Manager,Title\nA,B,C\n",
            "Title\tEmployee ID\tSupervisor ID\n",
        ] {
            assert_eq!(verdict(text), Verdict::Known(Format::Hr), "{text}");
        }
        assert!(unknown(b"hello there").contains("neither JSON nor CSV"));
    }
}
