//! The columns of the senior and the junior file: which columns the reader knows, under
//! their names and the variants of older templates, and how headers are matched.

use crate::org::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SheetKind {
    Senior,
    Junior,
}

/// A column whose meaning the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Id,
    Name,
    Grade,
    Title,
    Unit,
    Fte,
    Notes,
    ReportsTo,
}

/// The headers each field is known by, as [`key`] writes them, and its name in messages
/// when the file lacks it.
pub(super) const SENIOR_FIELDS: &[(Column, &str, &[&str])] = &[
    (
        Column::Id,
        "Post Unique Reference",
        &[
            "postuniquereference",
            "postuniqueref",
            "postreference",
            "postref",
        ],
    ),
    (
        Column::Name,
        "Name",
        &["name", "postholder", "nameofpostholder"],
    ),
    (
        Column::Grade,
        "Grade (or equivalent)",
        &["gradeorequivalent", "grade"],
    ),
    (Column::Title, "Job Title", &["jobtitle", "posttitle"]),
    (Column::Unit, "Unit", &["unit"]),
    (Column::Fte, "FTE", &["fte"]),
    (Column::Notes, "Notes", &["notes", "note"]),
    (
        Column::ReportsTo,
        "Reports to Senior Post",
        &["reportstoseniorpost", "reportingseniorpost", "reportsto"],
    ),
];

pub(super) const JUNIOR_FIELDS: &[(Column, &str, &[&str])] = &[
    (
        Column::ReportsTo,
        "Reporting Senior Post",
        &["reportingseniorpost", "reportstoseniorpost", "reportsto"],
    ),
    (Column::Grade, "Grade", &["grade", "gradeorequivalent"]),
    (
        Column::Title,
        "Generic Job Title",
        &["genericjobtitle", "jobtitle"],
    ),
    (
        Column::Fte,
        "Number of Posts in FTE",
        &[
            "numberofpostsinfte",
            "numberofpostsfte",
            "numberofposts",
            "fte",
        ],
    ),
];

/// Other columns whose values are amounts, kept as numbers where they are numbers.
pub(super) const AMOUNTS: &[&str] = &[
    "salarycostofreports",
    "actualpayfloor",
    "actualpayceiling",
    "totalpay",
    "payscaleminimum",
    "payscalemaximum",
];

/// The other columns of the published templates, by [`key`], with their header as the
/// templates write it: a column found under another spelling (`Contact Email`, `Valid`) is
/// kept under the template's header, so that `orgtree export --to organogram` writes it back.
pub(super) const TEMPLATE_HEADERS: &[(&str, &str)] = &[
    ("jobteamfunction", "Job/Team Function"),
    ("parentdepartment", "Parent Department"),
    ("organisation", "Organisation"),
    ("contactphone", "Contact Phone"),
    ("contactemail", "Contact E-mail"),
    ("salarycostofreports", "Salary Cost of Reports (£)"),
    ("actualpayfloor", "Actual Pay Floor (£)"),
    ("actualpayceiling", "Actual Pay Ceiling (£)"),
    (
        "professionaloccupationalgroup",
        "Professional/Occupational Group",
    ),
    ("valid", "Valid?"),
    ("payscaleminimum", "Payscale Minimum (£)"),
    ("payscalemaximum", "Payscale Maximum (£)"),
];

/// A header as it is compared: ASCII letters and digits only, in lower case, so that case,
/// spaces, punctuation and the pound sign (however it was encoded) do not matter.
pub(super) fn key(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl SheetKind {
    pub(super) fn fields(self) -> &'static [(Column, &'static str, &'static [&'static str])] {
        match self {
            Self::Senior => SENIOR_FIELDS,
            Self::Junior => JUNIOR_FIELDS,
        }
    }

    /// The column that finds the header row.
    pub(super) fn marker(self) -> Column {
        match self {
            Self::Senior => Column::Id,
            Self::Junior => Column::ReportsTo,
        }
    }

    pub(super) fn required(self) -> &'static [Column] {
        match self {
            Self::Senior => &[Column::Id, Column::Name, Column::Title, Column::ReportsTo],
            Self::Junior => &[Column::ReportsTo, Column::Fte],
        }
    }
}

/// What a column holds.
#[derive(Clone, Debug)]
pub(super) enum Role {
    Known(Column),
    /// A column kept as a field under `name`; `amount` when its values are numbers.
    Kept {
        name: Text,
        amount: bool,
    },
    /// A column without a header.
    Unnamed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_case_spacing_or_pound_sign() {
        assert_eq!(key(" Reports To Senior Post "), "reportstoseniorpost");
        assert_eq!(key("Salary Cost of Reports (£)"), "salarycostofreports");
        assert_eq!(
            key("Salary Cost of Reports (\u{c2}\u{a3})"),
            "salarycostofreports"
        );
        assert_eq!(key("Contact E-mail"), key("Contact Email"));
    }
}
