//! Figures as people read them, on screen and in text output, all grouped by [`thousands`]
//! (`1,030`, `38,847,000`); and figures worked out for `--json`, rounded so that a sum of
//! fractions reads as the data wrote it.

use crate::org::Cost;

/// `value` with thousands separators and `decimals` places: `1,234,567.5`.
#[must_use]
pub fn thousands(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        grouped.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// A figure with thousands separators and at most two decimals, trailing zeros left out:
/// `1,200`, `0.5`, `1` (for 0.999).
#[must_use]
pub fn figure(value: f64) -> String {
    let text = thousands(value, 2);
    match text.split_once('.') {
        Some((whole, fraction)) => match fraction.trim_end_matches('0') {
            "" => whole.to_owned(),
            fraction => format!("{whole}.{fraction}"),
        },
        None => text,
    }
}

/// A count with thousands separators: `1,234,567`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn thousands_of(count: usize) -> String {
    thousands(count as f64, 0)
}

/// The change between two counts, signed and grouped: `+1,000`, `-3`, `0`.
#[must_use]
pub fn signed_count(old: usize, new: usize) -> String {
    if new >= old {
        let change = thousands_of(new - old);
        if new == old {
            change
        } else {
            format!("+{change}")
        }
    } else {
        format!("-{}", thousands_of(old - new))
    }
}

/// A cost as a whole figure with thousands separators, or a range `120,000 to 145,000`
/// where the data gives a range.
#[must_use]
pub fn cost_text(cost: Cost) -> String {
    match cost.figure() {
        Some(one) => thousands(one, 0),
        None => format!(
            "{} to {}",
            thousands(cost.low(), 0),
            thousands(cost.high(), 0)
        ),
    }
}

/// A figure orgtree worked out (a sum, a mean), rounded to `decimals` places for `--json`:
/// adding up FTEs and costs in floating point leaves tails (`23353.100000000002`) that no
/// file gave. What a chart file holds is never rounded: saving writes it exactly.
#[must_use]
pub fn for_json(value: f64, decimals: i32) -> f64 {
    let scale = 10_f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    // Adding 0.0 turns a -0.0 into 0.0.
    if rounded.is_finite() {
        rounded + 0.0
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1_234_567.5, 1), "1,234,567.5");
        assert_eq!(thousands(90_000.0, 0), "90,000");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-1_000.0, 0), "-1,000");
        assert_eq!(thousands(0.0, 1), "0.0");
    }

    #[test]
    fn figures_keep_at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(figure(1_030.0), "1,030");
        assert_eq!(figure(38_847_000.0), "38,847,000");
        assert_eq!(figure(0.5), "0.5");
        assert_eq!(figure(23_353.100_000_000_002), "23,353.1");
        // Rounding up to a whole number leaves no dangling point.
        assert_eq!(figure(0.999), "1");
        assert_eq!(figure(1_999.996), "2,000");
        assert_eq!(figure(-0.001), "0");
    }

    #[test]
    fn changes_of_counts_are_signed_and_grouped() {
        assert_eq!(signed_count(13, 1_013), "+1,000");
        assert_eq!(signed_count(7, 4), "-3");
        assert_eq!(signed_count(5, 5), "0");
    }

    #[test]
    fn json_figures_lose_the_tails_of_floating_point_sums() {
        assert_eq!(for_json(23_353.100_000_000_002, 2).to_string(), "23353.1");
        assert_eq!(for_json(0.1 + 0.2, 2).to_string(), "0.3");
        assert_eq!(for_json(1.0 / 3.0, 2).to_string(), "0.33");
        assert_eq!(for_json(-0.0001, 2).to_string(), "0");
        assert_eq!(for_json(f64::MAX, 2).to_bits(), f64::MAX.to_bits());
    }
}
