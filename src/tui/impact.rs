//! The impact line of a what-if: what the edits did to the chart's figures (posts, vacant,
//! layers, FTE, cost, widest span), each now and its change against the start. Worked out
//! here for both the layout, which gives it rows, and the drawing.

use super::whatif::WhatIf;
use crate::org::Cost;
use crate::report::{cost_text, figure, plural, signed_count, thousands, thousands_of};
use crate::text::width;

/// The parts of the impact line: the number of edits, then each figure now with its change
/// against the start where it changed.
#[must_use]
pub fn parts(whatif: &WhatIf) -> Vec<String> {
    let edits = whatif.history.len();
    let mut parts = vec![format!(
        "{} edit{}{}",
        thousands_of(edits),
        plural(edits),
        if whatif.unsaved() { ", unsaved" } else { "" }
    )];
    let (start, now) = (&whatif.start, &whatif.now.headline());
    let count = |label: &str, old: usize, new: usize| {
        if new == old {
            format!("{label} {}", thousands_of(new))
        } else {
            format!("{label} {} ({})", thousands_of(new), signed_count(old, new))
        }
    };
    let amount = |label: &str, old: Option<f64>, new: Option<f64>| match (old, new) {
        (_, None) => format!("{label} not given"),
        (Some(old), Some(new)) if (new - old).abs() > 1e-9 => {
            let change = figure(new - old);
            let sign = if new > old { "+" } else { "" };
            format!("{label} {} ({sign}{change})", figure(new))
        }
        (_, Some(new)) => format!("{label} {}", figure(new)),
    };
    parts.push(count("posts", start.posts, now.posts));
    parts.push(count("vacant", start.vacant, now.vacant));
    if start.undisclosed > 0 || now.undisclosed > 0 {
        let (old, new) = (start.undisclosed, now.undisclosed);
        parts.push(count("not disclosed", old, new));
    }
    parts.push(count("layers", start.layers as usize, now.layers as usize));
    parts.push(amount(
        "FTE",
        Some(start.headcount_fte),
        Some(now.headcount_fte),
    ));
    parts.push(cost(start.cost, now.cost));
    parts.push(count("widest span", start.widest_span, now.widest_span));
    parts
}

/// The cost now, and its change against the start where it changed: one figure, or the
/// change of each end where the ends changed by different amounts.
fn cost(start: Option<Cost>, now: Option<Cost>) -> String {
    let signed = |change: f64| {
        let sign = if change > 0.0 { "+" } else { "" };
        format!("{sign}{}", thousands(change, 0))
    };
    match (start, now) {
        (_, None) => "cost not given".to_owned(),
        (Some(old), Some(new)) if old != new => {
            let (low, high) = (new.low() - old.low(), new.high() - old.high());
            let change = if (low - high).abs() < 0.5 {
                signed(low)
            } else {
                format!("{} to {}", signed(low), signed(high))
            };
            format!("cost {} ({change})", cost_text(new))
        }
        (_, Some(new)) => format!("cost {}", cost_text(new)),
    }
}

/// The impact parts laid out in lines of at most `room` columns, `separator` between them.
#[must_use]
pub fn lines(whatif: &WhatIf, room: usize, separator: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts(whatif) {
        match lines.last_mut() {
            Some(line) if width(line) + width(separator) + width(&part) <= room => {
                line.push_str(separator);
                line.push_str(&part);
            }
            _ => lines.push(part),
        }
    }
    lines
}

/// How many rows the impact line needs on a screen `columns` wide: one, or two on a narrow
/// screen.
#[must_use]
pub fn rows(whatif: &WhatIf, columns: u16, separator: &str) -> u16 {
    let lines = lines(whatif, usize::from(columns).saturating_sub(1), separator);
    u16::try_from(lines.len().clamp(1, 2)).unwrap_or(1)
}
