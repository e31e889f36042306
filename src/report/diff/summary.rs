//! The summary of a change list: the figures before and after with their change, and the
//! teams that changed most. One list of rows, which the text and the Markdown both write.

use std::io::{self, Write};

use super::{Diff, counts_text};
use crate::org::Cost;
use crate::org::metrics::{Span, Stats};
use crate::report::{cost_text, thousands, thousands_of};

/// A figure before and after, and its change (`None` where the figure is not given on a
/// side, so that no change can be worked out).
pub(super) struct Row {
    pub label: &'static str,
    pub before: String,
    pub after: String,
    pub change: Option<String>,
}

/// The figures of both charts, in the order the summary gives them.
pub(super) fn rows(diff: &Diff) -> Vec<Row> {
    let summary = &diff.comparison.summary;
    let (b, a) = (&summary.before, &summary.after);
    let mut rows = Vec::new();
    let mut row = |label: &'static str, old: f64, new: f64, decimals: usize| {
        rows.push(Row {
            label,
            before: thousands(old, decimals),
            after: thousands(new, decimals),
            // The change between the figures as shown, so that the three columns agree.
            change: Some(signed(
                rounded(new, decimals) - rounded(old, decimals),
                decimals,
            )),
        });
    };
    row("posts", count(b.posts), count(a.posts), 0);
    row("vacant posts", count(b.vacant), count(a.vacant), 0);
    if b.undisclosed > 0 || a.undisclosed > 0 {
        row(
            "not disclosed",
            count(b.undisclosed),
            count(a.undisclosed),
            0,
        );
    }
    row("layers", f64::from(b.layers), f64::from(a.layers), 0);
    row("headcount (FTE)", b.headcount_fte, a.headcount_fte, 1);
    let costs = (b.cost, a.cost);
    match costs {
        (Some(old), Some(new)) if old.is_range() || new.is_range() => {
            // A range in either chart: each end a row of its own, so that the columns stay
            // aligned and each change is one figure.
            row("cost, low", old.low(), new.low(), 0);
            row("cost, high", old.high(), new.high(), 0);
        }
        (Some(old), Some(new)) => row("cost", old.low(), new.low(), 0),
        _ => {}
    }
    let span = |stats: &Stats, pick: fn(&Span) -> f64| stats.span.as_ref().map_or(0.0, pick);
    row(
        "span, median",
        span(b, |s| s.median),
        span(a, |s| s.median),
        1,
    );
    row("span, mean", span(b, |s| s.mean), span(a, |s| s.mean), 1);
    row(
        "span, widest",
        span(b, |s| count(s.max)),
        span(a, |s| count(s.max)),
        0,
    );
    if let (old, new) = costs
        && (old.is_none() || new.is_none())
    {
        let given = |cost: Option<Cost>| cost.map_or_else(|| "not given".into(), cost_text);
        // After the headcount, where the cost row stands when both give one.
        let at = rows
            .iter()
            .position(|r| r.label == "headcount (FTE)")
            .map_or(rows.len(), |at| at + 1);
        rows.insert(
            at,
            Row {
                label: "cost",
                before: given(old),
                after: given(new),
                change: None,
            },
        );
    }
    rows
}

pub(super) fn write_summary(out: &mut impl Write, diff: &Diff) -> io::Result<()> {
    let summary = &diff.comparison.summary;
    writeln!(out, "Summary")?;
    writeln!(out, "  changes          {}", counts_text(&summary.counts))?;
    writeln!(
        out,
        "  {:<17}{:>14}  {:>14}  {:>12}",
        "", "before", "after", "change"
    )?;
    for row in rows(diff) {
        match &row.change {
            Some(change) => writeln!(
                out,
                "  {:<17}{:>14}  {:>14}  {:>12}",
                row.label, row.before, row.after, change
            )?,
            None => writeln!(
                out,
                "  {:<17}{:>14}  {:>14}",
                row.label, row.before, row.after
            )?,
        }
    }
    if !summary.busiest.is_empty() {
        writeln!(out, "  most changed teams")?;
        for &(team, changes) in &summary.busiest {
            writeln!(
                out,
                "  {:>6} change{}  {}",
                thousands_of(changes),
                if changes == 1 { " " } else { "s" },
                diff.team(team)
            )?;
        }
    }
    Ok(())
}

fn rounded(value: f64, decimals: usize) -> f64 {
    let scale = 10_f64.powi(i32::try_from(decimals).unwrap_or(0));
    (value * scale).round() / scale
}

fn signed(value: f64, decimals: usize) -> String {
    let text = thousands(value, decimals);
    if value > 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("+{text}")
    } else if text.bytes().all(|b| !b.is_ascii_digit() || b == b'0') {
        // No change, whatever rounding left.
        thousands(0.0, decimals)
    } else {
        text
    }
}

#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}
