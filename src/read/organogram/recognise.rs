//! Telling an organogram file by its header, with the reader's own column names: what
//! opening a file of unknown format asks.

use super::columns::{SheetKind, key};

/// Which file of the organogram pair a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairFile {
    /// The senior file: one row per senior post.
    Senior,
    /// The junior file: one row per group of junior staff.
    Junior,
}

/// How many rows a header may have above it (the title rows of a spreadsheet).
const ROWS_ABOVE: usize = 50;

/// The file of the pair `text` is, told by the first row that names the senior file's
/// post reference column (senior) or the junior file's reporting post column and no post
/// reference (junior), as the reader finds the header.
#[must_use]
pub fn sheet_of(text: &str) -> Option<PairFile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let markers = |kind: SheetKind| {
        kind.fields()
            .iter()
            .find(|(field, ..)| *field == kind.marker())
            .map(|(_, _, aliases)| *aliases)
            .unwrap_or_default()
    };
    let (senior, junior) = (markers(SheetKind::Senior), markers(SheetKind::Junior));
    for record in reader.records().take(ROWS_ABOVE) {
        let Ok(record) = record else {
            return None;
        };
        let keys: Vec<String> = record.iter().map(key).collect();
        if keys.iter().any(|k| senior.contains(&k.as_str())) {
            return Some(PairFile::Senior);
        }
        // "Reports To" alone is every HR export's manager column: a junior file says so
        // with a column of its own beside it.
        let own = |k: &String| {
            matches!(
                k.as_str(),
                "genericjobtitle"
                    | "numberofpostsinfte"
                    | "numberofpostsfte"
                    | "payscaleminimum"
                    | "payscalemaximum"
                    | "parentdepartment"
            )
        };
        if keys
            .iter()
            .any(|k| junior.contains(&k.as_str()) && (k != "reportsto" || keys.iter().any(own)))
        {
            return Some(PairFile::Junior);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pair_is_told_by_its_header_below_any_title_rows() {
        let senior =
            "Organogram,,\n,,\n\"Post Unique Reference\",Name,Reports to Senior Post\n1,N/D,XX\n";
        assert_eq!(sheet_of(senior), Some(PairFile::Senior));
        let junior = "\u{feff}Parent Department,Reporting Senior Post,Grade\nX,1,EO\n";
        assert_eq!(sheet_of(junior), Some(PairFile::Junior));
        assert_eq!(sheet_of(",Post Ref,Name\n"), Some(PairFile::Senior));
        assert_eq!(sheet_of("Name,Manager,Title\nA,B,C\n"), None);
        // An HR export's "Reports To" is no junior file's, unless a junior column stands by.
        assert_eq!(sheet_of("Name,Reports To,Title\nA,B,C\n"), None);
        assert_eq!(
            sheet_of("Reports To,Generic Job Title,Grade\n1,Officer,EO\n"),
            Some(PairFile::Junior)
        );
    }
}
