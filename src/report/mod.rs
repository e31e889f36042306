//! Output for people and scripts, without a terminal user interface: the tree as text, and
//! the figures of a chart.

pub mod diff;
pub mod export;
pub mod stats;
pub mod tree;

use crate::org::Cost;

/// "s" after a count other than one: `format!("{n} post{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

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

/// A figure with thousands separators and at most two decimals: `1,200`, `0.5`.
#[must_use]
pub fn figure(value: f64) -> String {
    if value.fract() == 0.0 {
        thousands(value, 0)
    } else {
        let text = thousands(value, 2);
        text.trim_end_matches('0').to_owned()
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

/// A count with thousands separators: `1,234,567`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn thousands_of(count: usize) -> String {
    thousands(count as f64, 0)
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1_234_567.5, 1), "1,234,567.5");
        assert_eq!(thousands(90_000.0, 0), "90,000");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-1_000.0, 0), "-1,000");
        assert_eq!(thousands(0.0, 1), "0.0");
    }
}
