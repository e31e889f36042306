//! A comparison as Markdown for a pull request or a merge request: the figures table, then
//! the changes grouped by kind, each post with its chain from the top, long groups folded
//! in `<details>`. Every text from the charts is made literal ([`inline`]), so a title
//! cannot open a link, a tag or a table cell.

use std::io::{self, Write};

use super::summary::rows;
use super::{Diff, counts_text};
use crate::compare::{Change, ChangeKind, Entry};
use crate::org::{NodeIndex, Org};
use crate::report::markdown::{inline, table};
use crate::report::{plural, thousands_of};

/// Groups longer than this are folded.
const FOLD_OVER: usize = 10;

/// The heading of each kind's group.
fn heading(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "Added",
        ChangeKind::Removed => "Removed",
        ChangeKind::Moved => "Moved",
        ChangeKind::Retitled => "Retitled",
        ChangeKind::Holder => "New holder",
        ChangeKind::Vacancy => "Filled or vacated (holder not disclosed)",
        ChangeKind::Fields => "Other fields",
        ChangeKind::Dotted => "Dotted lines",
    }
}

pub fn write_markdown(out: &mut impl Write, diff: &Diff, full: bool) -> io::Result<()> {
    let comparison = diff.comparison;
    let summary = &comparison.summary;
    writeln!(
        out,
        "### orgtree diff: {} → {}",
        described(diff.before, "before"),
        described(diff.after, "after")
    )?;
    writeln!(out)?;
    let total = comparison.changes.len();
    if total == 0 {
        writeln!(
            out,
            "**No changes**: the two charts hold the same posts in the same places."
        )?;
    } else {
        writeln!(
            out,
            "**{} change{}**: {}",
            thousands_of(total),
            plural(total),
            counts_text(&summary.counts)
        )?;
    }
    writeln!(out)?;
    let header = ["", "before", "after", "change"].map(str::to_owned);
    let figures: Vec<Vec<String>> = rows(diff)
        .into_iter()
        .map(|row| {
            vec![
                row.label.to_owned(),
                row.before,
                row.after,
                row.change.unwrap_or_default(),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        table(&header, &figures, &[false, true, true, true])
    )?;
    for kind in ChangeKind::ALL {
        let changes: Vec<&Change> = comparison
            .changes
            .iter()
            .filter(|c| c.kind() == kind)
            .collect();
        if changes.is_empty() {
            continue;
        }
        writeln!(out)?;
        let title = format!("{} ({})", heading(kind), thousands_of(changes.len()));
        let fold = changes.len() > FOLD_OVER;
        if fold {
            // A blank line after the summary, so that the list inside renders as Markdown.
            writeln!(out, "<details><summary>{title}</summary>")?;
            writeln!(out)?;
        } else {
            writeln!(out, "#### {title}")?;
            writeln!(out)?;
        }
        for change in changes {
            // The arrows of the text list, as arrows: `->` in the text is `-&gt;` here.
            let line = inline(&diff.line_with(change, full)).replace(" -&gt; ", " → ");
            writeln!(out, "- {line}")?;
            let (org, node) = match change.entry() {
                Entry::After(a) => (diff.after, a),
                Entry::Removed(b) => (diff.before, b),
            };
            let chain = chain(org, node);
            if !chain.is_empty() {
                writeln!(out, "  <br><sub>in {}</sub>", chain.join(" › "))?;
            }
        }
        if fold {
            writeln!(out)?;
            writeln!(out, "</details>")?;
        }
    }
    if summary.inferred > 0 {
        writeln!(out)?;
        writeln!(out, "{}.", super::inferred_text(summary.inferred))?;
    }
    Ok(())
}

/// The titles above `node`, from the top post down to its manager, each made literal.
fn chain(org: &Org, node: NodeIndex) -> Vec<String> {
    let mut above: Vec<String> = org
        .chain_to_top(node)
        .map(|manager| inline(&org.post(manager).title))
        .collect();
    above.reverse();
    above
}

/// A chart's name and date, made literal.
fn described(org: &Org, otherwise: &str) -> String {
    let name = org.meta.name.as_deref().unwrap_or(otherwise);
    match &org.meta.as_of {
        Some(as_of) => format!("{} ({})", inline(name), inline(as_of)),
        None => inline(name),
    }
}
