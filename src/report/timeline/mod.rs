//! A timeline as text, JSON or Markdown: the figures of each release, the churn from each
//! release to the next, and one post's life across them.

mod json;
mod markdown;

use std::io::{self, Write};

use super::{figure, thousands, thousands_of};
use crate::compare::MatchBy;
use crate::org::Holder;
use crate::text::Escaped;
use crate::timeline::{Life, Moment, Release, Seen, Step, Timeline};

pub use json::to_json;
pub use markdown::write_markdown;

/// One row of the figures table: its label and the value of each release.
pub(super) struct Row {
    pub label: String,
    pub values: Vec<String>,
}

/// The rows of the figures table, one value per release: what `stats` gives of each.
pub(super) fn figure_rows(releases: &[Release]) -> Vec<Row> {
    let row = |label: &str, value: &dyn Fn(&Release) -> String| Row {
        label: label.to_owned(),
        values: releases.iter().map(value).collect(),
    };
    let mut rows = vec![
        row("posts", &|r| thousands_of(r.stats.posts)),
        row("vacant", &|r| thousands_of(r.stats.vacant)),
    ];
    if releases.iter().any(|r| r.stats.undisclosed > 0) {
        rows.push(row("not disclosed", &|r| thousands_of(r.stats.undisclosed)));
    }
    rows.push(row("layers", &|r| thousands_of(r.stats.layers as usize)));
    rows.push(row("headcount (FTE)", &|r| {
        thousands(r.stats.headcount_fte, 1)
    }));
    // A range in two rows, so that the columns stay narrow.
    let ranges = releases
        .iter()
        .any(|r| r.stats.cost.is_some_and(|c| c.figure().is_none()));
    let cost = |high: bool| {
        move |r: &Release| {
            r.stats.cost.map_or_else(
                || "-".to_owned(),
                |c| thousands(if high { c.high() } else { c.low() }, 0),
            )
        }
    };
    if ranges {
        rows.push(row("cost, from", &cost(false)));
        rows.push(row("cost, to", &cost(true)));
    } else {
        rows.push(row("cost", &cost(false)));
    }
    rows.push(row("median span", &|r| {
        r.stats
            .span
            .as_ref()
            .map_or_else(|| "-".to_owned(), |s| figure(s.median))
    }));
    rows.push(row("widest span", &|r| {
        r.stats
            .span
            .as_ref()
            .map_or_else(|| "-".to_owned(), |s| thousands_of(s.max))
    }));
    let mut grades: Vec<&Option<String>> = releases.iter().flat_map(|r| r.grades.keys()).collect();
    grades.sort();
    grades.dedup();
    for grade in grades {
        let label = match grade {
            Some(grade) => format!("grade {}", Escaped(grade)),
            None => "no grade".to_owned(),
        };
        rows.push(row(&label, &|r| {
            thousands_of(r.grades.get(grade).copied().unwrap_or(0))
        }));
    }
    rows
}

/// The kinds of change the churn table shows, each headed by its name (the screen's
/// timeline shows the same).
pub use crate::timeline::CHURN;

/// The share of posts changed, as a percentage with one decimal.
#[must_use]
pub fn share(step: &Step) -> String {
    format!("{:.1}%", step.share() * 100.0)
}

/// The name of the series: the charts' name when they all give the same, else none.
pub(super) fn series_name(timeline: &Timeline) -> Option<&str> {
    let first = timeline.releases.first()?.name.as_deref()?;
    timeline
        .releases
        .iter()
        .all(|r| r.name.as_deref() == Some(first))
        .then_some(first)
}

/// Writes the timeline as text that reads at `width` columns: the figures table in blocks
/// of as many releases as fit, then the churn and the matching of each step, then the
/// post's life when one was asked for.
pub fn write_text(
    out: &mut impl Write,
    timeline: &Timeline,
    life: Option<&Life>,
    width: usize,
) -> io::Result<()> {
    let releases = &timeline.releases;
    let (Some(first), Some(last)) = (releases.first(), releases.last()) else {
        return Ok(());
    };
    let name = series_name(timeline).map_or_else(String::new, |n| format!("{}: ", Escaped(n)));
    if releases.len() == 1 {
        writeln!(out, "{name}1 release, {}", Escaped(&first.as_of))?;
    } else {
        writeln!(
            out,
            "{name}{} releases, {} to {}",
            releases.len(),
            Escaped(&first.as_of),
            Escaped(&last.as_of)
        )?;
    }
    for (at, release) in releases.iter().enumerate() {
        writeln!(
            out,
            "  {}  {}",
            release_date(release, at, releases),
            Escaped(&release.label)
        )?;
    }
    writeln!(out)?;
    write_figures(out, releases, width)?;
    if !timeline.steps.is_empty() {
        writeln!(out)?;
        write_churn(out, timeline)?;
    }
    if let Some(life) = life {
        writeln!(out)?;
        write_life(out, timeline, life)?;
    }
    Ok(())
}

/// A release's date as its column heading: with a number where two releases share a date.
fn release_date(release: &Release, at: usize, releases: &[Release]) -> String {
    let twins = releases.iter().filter(|r| r.as_of == release.as_of).count();
    if twins > 1 {
        let nth = releases[..=at]
            .iter()
            .filter(|r| r.as_of == release.as_of)
            .count();
        format!("{} ({nth})", Escaped(&release.as_of))
    } else {
        Escaped(&release.as_of).to_string()
    }
}

fn write_figures(out: &mut impl Write, releases: &[Release], width: usize) -> io::Result<()> {
    let rows = figure_rows(releases);
    let headings: Vec<String> = releases
        .iter()
        .enumerate()
        .map(|(at, r)| release_date(r, at, releases))
        .collect();
    let label_width = rows
        .iter()
        .map(|r| crate::text::width(&r.label))
        .max()
        .unwrap_or(0)
        .max(7);
    // One width for every release's column, so that the table reads as a grid.
    let widest = (0..releases.len())
        .map(|at| {
            rows.iter()
                .map(|r| r.values[at].len())
                .chain([crate::text::width(&headings[at])])
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    let column = widest + 2;
    let mut start = 0;
    while start < releases.len() {
        // As many releases as fit beside the labels, one at least.
        let mut end = start + 1;
        let mut used = 2 + label_width + column;
        while end < releases.len() && used + column <= width {
            used += column;
            end += 1;
        }
        if start > 0 {
            writeln!(out)?;
        }
        write!(out, "  {:label_width$}", "figures")?;
        for heading in &headings[start..end] {
            write!(out, "{heading:>column$}")?;
        }
        writeln!(out)?;
        for row in &rows {
            let pad = label_width.saturating_sub(crate::text::width(&row.label));
            write!(out, "  {}{}", row.label, " ".repeat(pad))?;
            for value in &row.values[start..end] {
                write!(out, "{value:>column$}")?;
            }
            writeln!(out)?;
        }
        start = end;
    }
    Ok(())
}

fn write_churn(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    let releases = &timeline.releases;
    let pair = |at: usize| format!("{} -> {}", releases[at].as_of, releases[at + 1].as_of);
    let pairs: Vec<String> = (0..timeline.steps.len()).map(pair).collect();
    let pair_width = pairs
        .iter()
        .map(|p| crate::text::width(p))
        .max()
        .unwrap_or(0)
        .max(5);
    // Each column as wide as its heading or its widest figure.
    let steps = &timeline.steps;
    let wide = |heading: &str, value: &dyn Fn(&Step) -> String| {
        steps
            .iter()
            .map(|s| value(s).len())
            .chain([heading.len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = CHURN
        .iter()
        .map(|&kind| wide(kind.name(), &|s| thousands_of(s.count(kind))))
        .collect();
    let changed_width = wide("changed", &share);
    write!(out, "  {:pair_width$}", "churn")?;
    for (kind, w) in CHURN.iter().zip(&widths) {
        write!(out, " {:>w$}", kind.name())?;
    }
    writeln!(out, " {:>changed_width$}", "changed")?;
    for (step, pair) in steps.iter().zip(&pairs) {
        write!(
            out,
            "  {}{}",
            Escaped(pair),
            " ".repeat(pair_width - crate::text::width(pair))
        )?;
        for (kind, w) in CHURN.iter().zip(&widths) {
            write!(out, " {:>w$}", thousands_of(step.count(*kind)))?;
        }
        writeln!(out, " {:>changed_width$}", share(step))?;
    }
    writeln!(
        out,
        "  (changed: the share of posts added, removed, moved, retitled, given a new\n  holder, vacated or filled; changes to other fields are left out)"
    )?;
    writeln!(out)?;
    let how = match timeline.by {
        MatchBy::Content => "by id, then by content (title, holder, manager) where ids differ",
        MatchBy::Id => "by id only (--match id)",
    };
    writeln!(out, "  posts matched {how}")?;
    writeln!(
        out,
        "  {:pair_width$} {:>8} {:>10}",
        "matching", "by id", "by content"
    )?;
    for (step, pair) in timeline.steps.iter().zip(&pairs) {
        write!(
            out,
            "  {}{} {:>8} {:>10}",
            Escaped(pair),
            " ".repeat(pair_width - crate::text::width(pair)),
            thousands_of(step.by_id),
            thousands_of(step.by_content)
        )?;
        if step.renumbered() {
            write!(out, "   renumbered: most posts matched by content")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The holder as a reader says it.
pub(super) fn holder_text(holder: &Holder) -> String {
    crate::report::tree::holder_of(holder).to_string()
}

/// How the post was found in a release, in words; `None` when by its id, as expected.
pub(super) fn seen_text(moment: &Moment, neighbour: Option<&Release>) -> Option<String> {
    match &moment.seen {
        Seen::Named => Some("named here".to_owned()),
        Seen::ById => None,
        Seen::ByContent { other_id } => Some(format!(
            "matched by content, not by id: it was {} in {}",
            Escaped(other_id),
            neighbour.map_or_else(
                || "the release beside".to_owned(),
                |r| Escaped(&r.as_of).to_string()
            )
        )),
    }
}

/// The release next to `at` on the side the post was followed from.
pub(super) fn neighbour<'a>(timeline: &'a Timeline, life: &Life, at: usize) -> Option<&'a Release> {
    if at > life.named_in {
        timeline.releases.get(at - 1)
    } else {
        timeline.releases.get(at + 1)
    }
}

fn write_life(out: &mut impl Write, timeline: &Timeline, life: &Life) -> io::Result<()> {
    let named = life.moments[life.named_in]
        .as_ref()
        .expect("the post is in the release it was named in");
    let found = life.moments.iter().flatten().count();
    writeln!(
        out,
        "Post {} '{}'",
        Escaped(&named.id),
        Escaped(&named.title)
    )?;
    writeln!(
        out,
        "  in {} of {} releases{}",
        found,
        life.moments.len(),
        match life.inferred() {
            0 => String::new(),
            n => format!("; found by content, not by id, in {n} (its id changed)"),
        }
    )?;
    for (at, (moment, release)) in life.moments.iter().zip(&timeline.releases).enumerate() {
        let date = Escaped(&release.as_of);
        let Some(moment) = moment else {
            writeln!(out, "  {date}  not in this release")?;
            continue;
        };
        writeln!(
            out,
            "  {date}  {} '{}'",
            Escaped(&moment.id),
            Escaped(&moment.title)
        )?;
        let mut facts = vec![holder_text(&moment.holder)];
        if let Some(grade) = &moment.grade {
            facts.push(format!("grade {}", Escaped(grade)));
        }
        if let Some(cost) = moment.cost {
            facts.push(format!("pay {}", super::cost_text(cost)));
        }
        writeln!(out, "              {}", facts.join(" · "))?;
        let manager = moment.manager.as_ref().map_or_else(
            || "a top post".to_owned(),
            |(id, title)| format!("reports to {} '{}'", Escaped(id), Escaped(title)),
        );
        writeln!(
            out,
            "              {manager} · {} direct report{}, team of {}",
            thousands_of(moment.reports),
            super::plural(moment.reports),
            thousands_of(moment.team)
        )?;
        if let Some(seen) = seen_text(moment, neighbour(timeline, life, at)) {
            writeln!(out, "              {seen}")?;
        }
    }
    Ok(())
}
