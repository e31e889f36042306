//! Reading cells as organograms write them: numbers, ids, grades, names, guarded cells,
//! totals, FTE, and the columns kept as they are.

use serde_json::Value;

use super::columns::{Column, Role, SheetKind};
use super::sheet::{Sheet, cell};
use super::{Report, at};
use crate::org::save::number_value;
use crate::org::{Extra, Text};
use crate::text::Escaped;

/// A number as organograms write them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Number {
    Blank,
    /// `N/D`, `N/A`, `-` and the like: no value, and no error.
    NotGiven,
    Value(f64),
    Text,
}

pub(super) fn number(text: &str) -> Number {
    let text = text.trim();
    if text.is_empty() {
        return Number::Blank;
    }
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if matches!(
        bare.as_str(),
        "n/d" | "nd" | "n/a" | "na" | "-" | "--" | "notdisclosed" | "notapplicable"
    ) {
        return Number::NotGiven;
    }
    let digits = bare.trim_start_matches('£');
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start_matches('£')),
        None => (false, digits),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3);
        if !grouped {
            return Number::Text;
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !plain(&whole) || !plain(fraction) {
        return Number::Text;
    }
    match format!("{whole}.{fraction}0").parse::<f64>() {
        Ok(n) if n.is_finite() => Number::Value(if negative { -n } else { n }),
        _ => Number::Text,
    }
}

/// A post id as written in either column: trimmed, and `360510.0` read as `360510`.
pub(super) fn post_id(text: &str) -> String {
    let text = text.trim();
    if let Some((whole, fraction)) = text.split_once('.')
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b == b'0')
    {
        return whole.to_owned();
    }
    text.to_owned()
}

/// A grade, trimmed with its spaces made single; codes such as `Of-6` or `scs1` in capitals.
pub(super) fn grade(text: &str) -> Option<String> {
    const CODES: &[&str] = &["AA", "AO", "EO", "HEO", "SEO", "EA", "SCS", "SMS", "PB"];
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let grade = words.join(" ");
    let upper = grade.to_ascii_uppercase();
    let code = words.len() == 1
        && grade.len() <= 8
        && grade
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && (grade.bytes().any(|b| b.is_ascii_digit()) || CODES.contains(&upper.as_str()));
    Some(if code { upper } else { grade })
}

/// What the `Name` column says about the post.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Holder {
    Named(String),
    Vacant,
    Eliminated,
}

/// How a holder who is not disclosed is named in the sheet; a post whose every row says so
/// is read as held by someone not disclosed.
pub(super) const UNDISCLOSED: &str = "N/D";

pub(super) fn holder(text: &str) -> Holder {
    let text = text.trim();
    // Some files quote the marker within the cell: `"Eliminated"`.
    let marker: String = text
        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .to_lowercase();
    match marker.as_str() {
        "vacant" | "vacancy" | "vacant post" => Holder::Vacant,
        "eliminated" | "elimenated" | "post eliminated" => Holder::Eliminated,
        "n/d" | "n / d" => Holder::Named(UNDISCLOSED.to_owned()),
        _ => Holder::Named(text.to_owned()),
    }
}

/// The kept columns of a row: text as text, amounts as numbers where they are numbers.
///
/// Every row of a large file is held until the chart is built, so the list is made to
/// the size of what the row gives (a list grown one field at a time would be about
/// twice that).
pub(super) fn kept(sheet: &Sheet, record: &csv::StringRecord) -> Extra {
    let given = |&(i, (_, role)): &(usize, &(String, Role))| {
        matches!(role, Role::Kept { .. }) && !cell(record, Some(i)).is_empty()
    };
    let count = sheet.columns.iter().enumerate().filter(given).count();
    let mut fields = Extra::with_capacity(count);
    for (i, (_, role)) in sheet.columns.iter().enumerate() {
        let Role::Kept { name, amount } = role else {
            continue;
        };
        let text = cell(record, Some(i));
        if text.is_empty() {
            continue;
        }
        let value = match number(text) {
            Number::Value(n) if *amount => number_value(n),
            _ => Value::String(text.to_owned()),
        };
        fields.push((name.clone(), value));
    }
    fields
}

/// The FTE of a row, reporting what is wrong with it; the text is kept in `fields` under
/// the column's header when it is no number.
///
/// Not given (`N/D`) is left unset for a senior post; junior staff are counted as 0, with a
/// warning, as a file's totals count them (unset would count 1).
pub(super) fn fte(
    sheet: &Sheet,
    record: &csv::StringRecord,
    line: usize,
    label: &str,
    fields: &mut Extra,
    report: &mut Report,
) -> Option<f64> {
    let column = sheet.column(Column::Fte)?;
    let text = cell(record, Some(column));
    let header = &sheet.columns[column].0;
    let keep = |fields: &mut Extra| {
        fields.push((Text::from(header.as_str()), Value::String(text.to_owned())));
    };
    match number(text) {
        Number::Blank => None,
        Number::Value(n) if n < 0.0 => {
            report.error(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}', which is negative",
                    Escaped(header),
                    Escaped(text)
                ),
            );
            None
        }
        Number::Value(n) => Some(n),
        Number::NotGiven => {
            keep(fields);
            if sheet.kind == SheetKind::Senior {
                return None;
            }
            report.warning(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}': not given: counted as 0, and kept as the field \"{}\"",
                    Escaped(header),
                    Escaped(text),
                    Escaped(header)
                ),
            );
            Some(0.0)
        }
        Number::Text => {
            report.warning(
                sheet.file,
                at(line, column + 1),
                format!(
                    "{label}: \"{}\" is '{}', which is not a number: left unset and kept as the field \"{}\"",
                    Escaped(header),
                    Escaped(text),
                    Escaped(header)
                ),
            );
            keep(fields);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_organograms_write_them() {
        assert_eq!(number("360510.0"), Number::Value(360_510.0));
        assert_eq!(number(" £1,234,567.50 "), Number::Value(1_234_567.5));
        assert_eq!(number("£ 60,000"), Number::Value(60_000.0));
        assert_eq!(number("0.6"), Number::Value(0.6));
        assert_eq!(number(".5"), Number::Value(0.5));
        assert_eq!(number("-1"), Number::Value(-1.0));
        assert_eq!(number(""), Number::Blank);
        for not_given in ["N/D", "n/d", "N / D", "N/A", "-", "Not disclosed"] {
            assert_eq!(number(not_given), Number::NotGiven, "{not_given}");
        }
        for text in ["1,5", "12,34", "abc", "1e5", "inf", "1.2.3", "£", "."] {
            assert_eq!(number(text), Number::Text, "{text}");
        }
    }

    #[test]
    fn ids_that_look_like_numbers_stay_text_but_lose_a_zero_fraction() {
        assert_eq!(post_id(" 360510.0 "), "360510");
        assert_eq!(post_id("1.00"), "1");
        assert_eq!(post_id("1.5"), "1.5");
        assert_eq!(post_id("007"), "007");
        assert_eq!(post_id("4PO01"), "4PO01");
        assert_eq!(post_id(".0"), ".0");
    }

    #[test]
    fn grade_codes_are_written_in_capitals_and_other_grades_as_given() {
        assert_eq!(grade(" Of-6 ").as_deref(), Some("OF-6"));
        assert_eq!(grade("scs1").as_deref(), Some("SCS1"));
        assert_eq!(grade("heo").as_deref(), Some("HEO"));
        assert_eq!(grade("Grade  7").as_deref(), Some("Grade 7"));
        assert_eq!(grade("EA (London)").as_deref(), Some("EA (London)"));
        assert_eq!(grade("Director").as_deref(), Some("Director"));
        assert_eq!(grade("  "), None);
    }

    #[test]
    fn names_mark_vacant_not_disclosed_and_eliminated_posts() {
        assert_eq!(holder("VACANT"), Holder::Vacant);
        assert_eq!(holder(" vacant "), Holder::Vacant);
        assert_eq!(holder("\"Eliminated\""), Holder::Eliminated);
        assert_eq!(holder("ELIMINATED"), Holder::Eliminated);
        assert_eq!(holder("n/d"), Holder::Named("N/D".into()));
        assert_eq!(holder(" Ann Smith "), Holder::Named("Ann Smith".into()));
    }
}
