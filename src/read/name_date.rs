//! The date a file's name gives, for a chart whose file does not say what date it describes:
//! published organograms are named `home_office-2011-03-31-senior.csv`,
//! `130930-Home-Office-Organogram-Data-senior.csv` or `...-September-2013-FINAL-senior.csv`.
//!
//! The name is cut into words at every character that is not a letter or a digit, and
//! between letters and digits. These are read as dates:
//!
//! - a year, a month and a day in that order (`2011-03-31`, `2011_3_31`);
//! - eight digits, as year, month and day (`20131114`), or else as day, month and year;
//! - six digits, as day, month and year (`300913`) or as year, month and day (`130930`):
//!   when both are dates, the one on the last day of its month (organogram snapshots are
//!   taken on 31 March and 30 September), and when that does not tell, day, month and year,
//!   with a note that it could be the other;
//! - a month in words, in full or cut short (`Sept`, `September`, `Oct`), with a year of
//!   four digits after it, and a day before it if there is one (`30-Sept-2013`); without a
//!   day, the last day of the month (`September-2013` is 2013-09-30).
//!
//! When the name gives two different dates, the last one written with the month in words
//! is taken, and if there is none the first: a release is named by its month in words, and
//! a run of digits beside it is more often the day the file was made
//! (`20131114-HOCS-Consolidated-September-2013`). A note says which was taken and why.

/// A date read from a file name, and what the user should be told about how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameDate {
    /// The date, as `YYYY-MM-DD`.
    pub date: String,
    /// Set when the name could be read otherwise: which date was taken, and why.
    pub note: Option<String>,
}

/// The date `name` (a file name, with or without its folder) gives, if it gives one.
#[must_use]
pub fn date_in_name(name: &str) -> Option<NameDate> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let words = words(name);
    let mut readings: Vec<Reading> = Vec::new();
    let mut ambiguous = None;
    let mut at = 0;
    while at < words.len() {
        if let Some((reading, used)) = read_at(&words, at, &mut ambiguous) {
            readings.push(reading);
            at += used;
        } else {
            at += 1;
        }
    }
    let chosen = readings
        .iter()
        .rev()
        .find(|r| r.in_words)
        .or_else(|| readings.first())?;
    let others: Vec<&Reading> = readings.iter().filter(|r| r.date != chosen.date).collect();
    let note = if others.is_empty() {
        ambiguous.filter(|(date, _)| *date == chosen.date).map(|(date, other)| {
            format!(
                "the file name's \"{}\" is read as {date} (day, month, year); it could also be {other}: give --as-of if it is",
                chosen.text
            )
        })
    } else {
        let why = if chosen.in_words {
            "the one with the month in words"
        } else {
            "the first"
        };
        let others: Vec<String> = others
            .iter()
            .map(|r| format!("{} (\"{}\")", r.date, r.text))
            .collect();
        Some(format!(
            "the file name gives more than one date: {} (\"{}\") and {}; as_of is taken as {}, {why} (give --as-of to say otherwise)",
            chosen.date,
            chosen.text,
            others.join(" and "),
            chosen.date
        ))
    };
    Some(NameDate {
        date: chosen.date.clone(),
        note,
    })
}

/// One date found in a name: the date, the words it was read from, and whether its month
/// is written in words.
struct Reading {
    date: String,
    text: String,
    in_words: bool,
}

/// The words of a name: runs of letters and runs of digits.
fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut digits = false;
    for (i, c) in name.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (start, kind) {
            (Some(s), Some(d)) if d != digits => {
                words.push(&name[s..i]);
                start = Some(i);
                digits = d;
            }
            (Some(s), None) => {
                words.push(&name[s..i]);
                start = None;
            }
            (None, Some(d)) => {
                start = Some(i);
                digits = d;
            }
            (Some(_), Some(_)) | (None, None) => {}
        }
    }
    if let Some(s) = start {
        words.push(&name[s..]);
    }
    words
}

/// A date starting at word `at`, and how many words it takes. A six-digit word that reads
/// both ways, with nothing to choose between them, is noted in `ambiguous` (the date taken,
/// the other).
fn read_at(
    words: &[&str],
    at: usize,
    ambiguous: &mut Option<(String, String)>,
) -> Option<(Reading, usize)> {
    let word = words[at];
    let number = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let reading = |date: String, used: usize, in_words: bool| {
        let text = words[at..at + used].join("-");
        Some((
            Reading {
                date,
                text,
                in_words,
            },
            used,
        ))
    };
    // A day before a month in words.
    if digits(word)
        && word.len() <= 2
        && at + 2 < words.len()
        && let (Some(day), Some(month), Some(year)) = (
            number(word),
            month(words[at + 1]),
            four_digit_year(words[at + 2]),
        )
        && let Some(date) = date(year, month, day)
    {
        return reading(date, 3, true);
    }
    if let Some(month) = month(word)
        && let Some(year) = words.get(at + 1).and_then(|w| four_digit_year(w))
    {
        return reading(date(year, month, last_day(year, month))?, 2, true);
    }
    if !digits(word) {
        return None;
    }
    match word.len() {
        4 if at + 2 < words.len()
            && digits(words[at + 1])
            && digits(words[at + 2])
            && words[at + 1].len() <= 2
            && words[at + 2].len() <= 2 =>
        {
            let (year, month, day) = (
                number(word)?,
                number(words[at + 1])?,
                number(words[at + 2])?,
            );
            reading(date(year, month, day)?, 3, false)
        }
        8 => {
            let part = |range: std::ops::Range<usize>| number(&word[range]);
            let (a, b, c) = (part(0..4)?, part(4..6)?, part(6..8)?);
            let date = date(a, b, c).or_else(|| date(part(4..8)?, part(2..4)?, part(0..2)?))?;
            reading(date, 1, false)
        }
        6 => {
            let part = |range: std::ops::Range<usize>| number(&word[range]);
            let (first, month, last) = (part(0..2)?, part(2..4)?, part(4..6)?);
            let day_first = date(2000 + last, month, first);
            let year_first = date(2000 + first, month, last);
            let chosen = match (day_first, year_first) {
                (Some(day_first), Some(year_first)) => {
                    let day_first_ends = first == last_day(2000 + last, month);
                    let year_first_ends = last == last_day(2000 + first, month);
                    if year_first_ends && !day_first_ends {
                        year_first
                    } else {
                        if day_first_ends == year_first_ends && day_first != year_first {
                            *ambiguous = Some((day_first.clone(), year_first));
                        }
                        day_first
                    }
                }
                (Some(one), None) | (None, Some(one)) => one,
                (None, None) => return None,
            };
            reading(chosen, 1, false)
        }
        _ => None,
    }
}

fn four_digit_year(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The month a word names, in full or cut short, in any case.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let found = MONTHS
        .iter()
        .position(|name| name.starts_with(word.as_str()))?;
    u32::try_from(found + 1).ok()
}

/// `YYYY-MM-DD` if it is a day of the calendar.
fn date(year: u32, month: u32, day: u32) -> Option<String> {
    ((1..=12).contains(&month) && (1..=last_day(year, month)).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The last day of a month (0 for a month that is none).
pub(crate) fn last_day(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `text` is an ISO date (`YYYY-MM-DD`) of the calendar.
#[must_use]
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| text[range].parse::<u32>().ok())
            .flatten()
    };
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), Some(month), Some(day)) => date(year, month, day).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_name_gives_a_calendar_date_or_none(name in "[-_ .a-zA-Z0-9é]{0,40}") {
            if let Some(read) = date_in_name(&name) {
                prop_assert!(is_iso_date(&read.date), "{} from {name}", read.date);
            }
        }
    }

    fn date_of(name: &str) -> Option<String> {
        date_in_name(name).map(|d| d.date)
    }

    /// Every file name of the real organograms the project was tried on, and the date of
    /// its snapshot as the publisher's own records give it (31 March or 30 September).
    #[test]
    fn every_real_organogram_name_gives_its_date() {
        let names = [
            (
                "130930-Home-Office-Organogram-Data-senior.csv",
                "2013-09-30",
            ),
            (
                "130930-Home-Office-Organogram-Data-junior.csv",
                "2013-09-30",
            ),
            (
                "20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv",
                "2013-09-30",
            ),
            (
                "20131114-HOCS-Consolidated-September-2013-FINAL-junior.csv",
                "2013-09-30",
            ),
            ("300913-NHSEngland-Organogram-ver4-senior.csv", "2013-09-30"),
            ("300913-NHSEngland-Organogram-ver4-junior.csv", "2013-09-30"),
            (
                "Cabinet-Office-FINAL--30-Sept-2013-senior.csv",
                "2013-09-30",
            ),
            (
                "Cabinet-Office-FINAL--30-Sept-2013-junior.csv",
                "2013-09-30",
            ),
            (
                "Copy-of-HEE-organogram---September-2013-cleaned-senior.csv",
                "2013-09-30",
            ),
            (
                "Copy-of-HEE-organogram---September-2013-cleaned-junior.csv",
                "2013-09-30",
            ),
            (
                "DCLG-Government-staff-and-salary-data-blank-template---September-2013-FINAL-senior.csv",
                "2013-09-30",
            ),
            (
                "DCLG-Government-staff-and-salary-data-blank-template---September-2013-FINAL-junior.csv",
                "2013-09-30",
            ),
            (
                "HM-Treasury-Government-staff-and-salary-data---September-2013-V5-senior.csv",
                "2013-09-30",
            ),
            (
                "HM-Treasury-Government-staff-and-salary-data---September-2013-V5-junior.csv",
                "2013-09-30",
            ),
            ("cabinet_office-2011-03-31-senior.csv", "2011-03-31"),
            ("cabinet_office-2011-03-31-junior.csv", "2011-03-31"),
            ("cabinet_office-2011-09-30-senior.csv", "2011-09-30"),
            ("cabinet_office-2011-09-30-junior.csv", "2011-09-30"),
            ("cabinet_office-2012-03-31-senior.csv", "2012-03-31"),
            (
                "committee_on_climate_change-2011-09-30-senior.csv",
                "2011-09-30",
            ),
            (
                "committee_on_climate_change-2011-09-30-junior.csv",
                "2011-09-30",
            ),
            (
                "council_for_healthcare_regulatory_excellence-2011-09-30-senior.csv",
                "2011-09-30",
            ),
            (
                "council_for_healthcare_regulatory_excellence-2011-09-30-junior.csv",
                "2011-09-30",
            ),
            ("hm_treasury-2011-03-31-senior.csv", "2011-03-31"),
            ("hm_treasury-2011-03-31-junior.csv", "2011-03-31"),
            ("hm_treasury-2011-09-30-senior.csv", "2011-09-30"),
            ("hm_treasury-2011-09-30-junior.csv", "2011-09-30"),
            ("home_office-2011-03-31-senior.csv", "2011-03-31"),
            ("home_office-2011-03-31-junior.csv", "2011-03-31"),
            ("home_office-2011-09-30-senior.csv", "2011-09-30"),
            ("home_office-2011-09-30-junior.csv", "2011-09-30"),
            ("home_office-2012-09-30-senior.csv", "2012-09-30"),
            ("home_office-2012-09-30-junior.csv", "2012-09-30"),
            ("human_tissue_authority-2011-03-31-senior.csv", "2011-03-31"),
            ("human_tissue_authority-2011-03-31-junior.csv", "2011-03-31"),
            ("human_tissue_authority-2011-09-30-senior.csv", "2011-09-30"),
            ("human_tissue_authority-2011-09-30-junior.csv", "2011-09-30"),
            ("human_tissue_authority-2012-09-30-senior.csv", "2012-09-30"),
            ("human_tissue_authority-2012-09-30-junior.csv", "2012-09-30"),
            ("ministry_of_defence-2014-03-31-senior.csv", "2014-03-31"),
            ("ministry_of_defence-2014-03-31-junior.csv", "2014-03-31"),
            ("ministry_of_defence-2014-09-30-senior.csv", "2014-09-30"),
            ("ministry_of_defence-2014-09-30-junior.csv", "2014-09-30"),
            ("national_army_museum-2011-03-31-senior.csv", "2011-03-31"),
            ("national_army_museum-2011-03-31-junior.csv", "2011-03-31"),
            ("national_army_museum-2011-09-30-senior.csv", "2011-09-30"),
            ("national_army_museum-2011-09-30-junior.csv", "2011-09-30"),
            ("national_army_museum-2014-03-31-senior.csv", "2014-03-31"),
            ("national_army_museum-2014-03-31-junior.csv", "2014-03-31"),
            (
                "national_offender_management_service-2011-03-31-senior.csv",
                "2011-03-31",
            ),
            (
                "national_offender_management_service-2011-03-31-junior.csv",
                "2011-03-31",
            ),
        ];
        for (name, date) in names {
            assert_eq!(date_of(name).as_deref(), Some(date), "{name}");
        }
    }

    #[test]
    fn a_name_without_a_date_gives_none() {
        assert_eq!(date_of("National-Army-Museum-copy-senior.csv"), None);
        assert_eq!(date_of("National-Army-Museum-copy-junior.csv"), None);
        assert_eq!(date_of("chart.json"), None);
        assert_eq!(date_of("team-v2.json"), None);
    }

    #[test]
    fn two_dates_that_disagree_take_the_month_in_words_and_say_so() {
        // 300912 is 30 September 2012, "Oct-2013" the end of October 2013: the release is
        // named by its month.
        let name = "300912-government-staff-and-salary-data-QEIICC---Oct-2013-senior.csv";
        let read = date_in_name(name).unwrap();
        assert_eq!(read.date, "2013-10-31");
        let note = read.note.expect("a note");
        assert!(
            note.contains("2012-09-30") && note.contains("2013-10-31"),
            "{note}"
        );
        let hocs = date_in_name("20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv");
        let note = hocs.unwrap().note.expect("a note");
        assert!(note.contains("2013-11-14"), "{note}");
        // Dates that agree say nothing.
        assert_eq!(
            date_in_name("cabinet_office-2011-03-31-senior.csv")
                .unwrap()
                .note,
            None
        );
    }

    #[test]
    fn months_in_words_end_on_their_last_day() {
        assert_eq!(date_of("x-Sept-2013").as_deref(), Some("2013-09-30"));
        assert_eq!(date_of("x-September-2013").as_deref(), Some("2013-09-30"));
        assert_eq!(date_of("x-Oct-2013").as_deref(), Some("2013-10-31"));
        assert_eq!(date_of("x-feb-2012").as_deref(), Some("2012-02-29"));
        assert_eq!(date_of("x-february-2013").as_deref(), Some("2013-02-28"));
        assert_eq!(date_of("Sept2013").as_deref(), Some("2013-09-30"));
        // Words that only begin like a month are none.
        assert_eq!(date_of("mayor-2013"), None);
    }

    #[test]
    fn six_digits_read_both_ways_prefer_the_end_of_a_month() {
        assert_eq!(date_of("300913-x").as_deref(), Some("2013-09-30"));
        assert_eq!(date_of("130930-x").as_deref(), Some("2013-09-30"));
        assert_eq!(date_of("310311-x").as_deref(), Some("2011-03-31"));
        // Neither is the end of a month: day first, as in Britain, and a note.
        let read = date_in_name("010203-x").unwrap();
        assert_eq!(read.date, "2003-02-01");
        assert!(read.note.unwrap().contains("2001-02-03"));
        // Only one way is a date.
        assert_eq!(date_of("991231-x").as_deref(), Some("2099-12-31"));
        assert_eq!(date_of("123456-x"), None);
    }

    #[test]
    fn iso_dates_are_checked_against_the_calendar() {
        assert!(is_iso_date("2012-02-29"));
        assert!(!is_iso_date("2013-02-29"));
        assert!(!is_iso_date("2013-9-30"));
        assert!(!is_iso_date("30/09/2013"));
    }
}
