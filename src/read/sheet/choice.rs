//! Which sheet of a workbook is what: the UK organogram template keeps its posts in sheets
//! named "(final data) senior-staff" and "(final data) junior-staff", beside reference sheets
//! whose names have the same words ("(reference) senior-staff-grades").

use crate::text::Escaped;

/// The sheet whose name has `word` ("senior", "junior") in it, in any case: the first that
/// also says "final data", or else the first.
pub(super) fn part<'a>(names: &'a [String], word: &str) -> Option<&'a String> {
    let with = |name: &String| name.to_lowercase().contains(word);
    names
        .iter()
        .find(|name| with(name) && is_final(name))
        .or_else(|| names.iter().find(|name| with(name)))
}

/// Whether a sheet's name says it holds the template's final data.
pub(super) fn is_final(name: &str) -> bool {
    name.to_lowercase().contains("final data")
}

/// The sheets of a workbook, for a message: `"Posts", "Notes"`.
pub(super) fn listed(names: &[String]) -> String {
    if names.is_empty() {
        return "no worksheet".into();
    }
    let quoted: Vec<String> = names
        .iter()
        .map(|name| format!("\"{}\"", Escaped(name)))
        .collect();
    format!(
        "the sheet{} {}",
        if names.len() == 1 { "" } else { "s" },
        quoted.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|&name| name.to_owned()).collect()
    }

    #[test]
    fn the_final_data_sheets_are_chosen_over_reference_sheets() {
        let template = names(&[
            "(reference) senior-staff-grades",
            "(reference) units",
            "(final data) junior-staff",
            "(Final Data) Senior-Staff",
        ]);
        assert_eq!(
            part(&template, "senior").map(String::as_str),
            Some("(Final Data) Senior-Staff")
        );
        assert_eq!(
            part(&template, "junior").map(String::as_str),
            Some("(final data) junior-staff")
        );
        let plain = names(&["Junior staff", "SENIOR STAFF", "Senior notes"]);
        assert_eq!(
            part(&plain, "senior").map(String::as_str),
            Some("SENIOR STAFF")
        );
        assert_eq!(part(&names(&["Sheet1"]), "senior"), None);
    }

    #[test]
    fn the_sheets_are_listed_in_quotes() {
        assert_eq!(listed(&names(&["Posts"])), "the sheet \"Posts\"");
        assert_eq!(
            listed(&names(&["Posts", "Notes"])),
            "the sheets \"Posts\", \"Notes\""
        );
        assert_eq!(listed(&[]), "no worksheet");
    }
}
