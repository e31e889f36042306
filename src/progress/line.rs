//! A step's progress as one line of text: the step, then how far it has got, in the terms
//! its counts give (a percentage of the bytes when their total is known, the rows read,
//! the parts done), shortened to fit a width.

use super::Snapshot;
use crate::report::thousands;
use crate::text;

/// A size in bytes as people read it: `512 B`, `48 kB`, `60.2 MB`, `1.3 GB`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn shown_bytes(bytes: u64) -> String {
    let value = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", thousands(value / 1e3, 0))
    } else if bytes < 1_000_000_000 {
        format!("{} MB", thousands(value / 1e6, 1))
    } else {
        format!("{} GB", thousands(value / 1e9, 1))
    }
}

#[allow(clippy::cast_precision_loss)]
pub(super) fn fraction(shown: &Snapshot) -> Option<f64> {
    if shown.size > 0 {
        Some((shown.read as f64 / shown.size as f64).min(1.0))
    } else if shown.parts > 0 {
        Some((shown.parts_done as f64 / shown.parts as f64).min(1.0))
    } else {
        None
    }
}

/// How far the step has got, without the step: `45% (60.2 of 134.0 MB)`.
fn how_far(shown: &Snapshot) -> String {
    let mut parts = Vec::new();
    let all_read = shown.size > 0 && shown.read >= shown.size;
    if shown.size > 0 && !all_read {
        let percent = shown.read.saturating_mul(100) / shown.size;
        parts.push(format!(
            "{percent}% ({} of {})",
            shown_bytes(shown.read)
                .trim_end_matches(unit_of(shown.size))
                .trim_end(),
            shown_bytes(shown.size)
        ));
    } else if shown.read > 0 && shown.rows == 0 {
        parts.push(format!("{} read", shown_bytes(shown.read)));
    }
    #[allow(clippy::cast_precision_loss)]
    if shown.rows > 0 {
        parts.push(format!(
            "{} {}",
            thousands(shown.rows as f64, 0),
            shown.unit
        ));
    } else if all_read && shown.parts == 0 {
        // Every byte is in; what is left is making the chart of them.
        parts.push("building the chart".to_owned());
    }
    if shown.parts > 0 {
        parts.push(format!("{} of {} done", shown.parts_done, shown.parts));
    }
    if parts.is_empty() {
        parts.push(format!("{} s", shown.elapsed.as_secs()));
    }
    parts.join(", ")
}

/// The unit `shown_bytes` gives `bytes`, so that `60.2 of 134.0 MB` says it once.
fn unit_of(bytes: u64) -> &'static str {
    match bytes {
        0..1_000 => "B",
        1_000..1_000_000 => "kB",
        1_000_000..1_000_000_000 => "MB",
        _ => "GB",
    }
}

pub(super) fn line(shown: &Snapshot, width: usize) -> String {
    let counts = how_far(shown);
    let text = format!("{}: {counts}", shown.step);
    if text::width(&text) <= width {
        return text;
    }
    // Too wide: the step loses its start (a long folder), the counts stay whole.
    let room = width.saturating_sub(text::width(&counts) + 2);
    let text = format!("{}: {counts}", text::fit_end(&shown.step, room, "…"));
    if text::width(&text) <= width {
        return text;
    }
    text::fit(&text, width, "").into_owned()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::Snapshot;
    use super::shown_bytes;

    fn reading(read: u64, size: u64) -> Snapshot {
        Snapshot {
            step: "reading gen1m.json".into(),
            elapsed: Duration::from_secs(1),
            read,
            size,
            rows: 0,
            unit: "rows",
            parts_done: 0,
            parts: 0,
        }
    }

    #[test]
    fn sizes_are_given_in_the_unit_that_reads_best() {
        assert_eq!(shown_bytes(0), "0 B");
        assert_eq!(shown_bytes(999), "999 B");
        assert_eq!(shown_bytes(48_200), "48 kB");
        assert_eq!(shown_bytes(60_240_000), "60.2 MB");
        assert_eq!(shown_bytes(1_349_000_000), "1.3 GB");
    }

    #[test]
    fn bytes_read_of_a_known_size_are_a_percentage() {
        assert_eq!(
            reading(60_240_000, 134_000_000).line(80),
            "reading gen1m.json: 44% (60.2 of 134.0 MB)"
        );
        // The sizes are in different units: each says its own.
        assert_eq!(
            reading(900_000, 134_000_000).line(80),
            "reading gen1m.json: 0% (900 kB of 134.0 MB)"
        );
        assert_eq!(reading(1, 3).fraction(), Some(1.0 / 3.0));
    }

    #[test]
    fn once_every_byte_is_read_the_chart_is_being_built() {
        assert_eq!(
            reading(134_000_000, 134_000_000).line(80),
            "reading gen1m.json: 134.0 MB read, building the chart"
        );
        // More than the size (a file that grew): never more than all of it.
        assert_eq!(reading(200, 100).fraction(), Some(1.0));
    }

    #[test]
    fn bytes_of_an_unknown_size_are_counted() {
        let mut shown = reading(12_300_000, 0);
        shown.step = "reading <stdin>".into();
        assert_eq!(shown.line(80), "reading <stdin>: 12.3 MB read");
        assert_eq!(shown.fraction(), None);
    }

    #[test]
    fn rows_and_parts_are_counted_with_thousands_grouped() {
        let mut shown = reading(5_000_000, 5_000_000);
        shown.step = "reading staff.csv".into();
        shown.rows = 850_000;
        assert_eq!(shown.line(80), "reading staff.csv: 850,000 rows");
        shown.unit = "entries";
        assert_eq!(shown.line(80), "reading staff.csv: 850,000 entries");

        let mut pairs = reading(0, 0);
        pairs.step = "comparing releases".into();
        (pairs.parts_done, pairs.parts) = (3, 11);
        assert_eq!(pairs.line(80), "comparing releases: 3 of 11 done");
        assert_eq!(pairs.fraction(), Some(3.0 / 11.0));
    }

    #[test]
    fn a_step_without_counts_says_how_long_it_has_taken() {
        let mut shown = reading(0, 0);
        shown.step = "comparing".into();
        shown.elapsed = Duration::from_millis(2_400);
        assert_eq!(shown.line(80), "comparing: 2 s");
    }

    #[test]
    fn a_line_too_wide_loses_the_start_of_its_step_and_keeps_its_counts() {
        let mut shown = reading(60_240_000, 134_000_000);
        shown.step = "reading /a/very/long/folder/of/charts/gen1m.json".into();
        let line = shown.line(50);
        assert_eq!(line, "…lder/of/charts/gen1m.json: 44% (60.2 of 134.0 MB)");
        assert_eq!(line.chars().count(), 50);
        // Narrower than the counts: cut at the width.
        assert_eq!(shown.line(10).chars().count(), 10);
        // Wide characters count two columns each.
        shown.step = "reading 組織図組織図組織図組織図.json".into();
        let line = shown.line(45);
        assert!(
            unicode_width::UnicodeWidthStr::width(line.as_str()) <= 45,
            "{line}"
        );
    }
}
