//! A comparison as a change list people read like a changelog, or as JSON for scripts.

use std::io::{self, Write};

use super::tree::{holder, title};
use super::{cost_text, figure, plural, thousands_of};
use crate::compare::{Change, ChangeKind, Comparison, Entry, What};
use crate::org::{Cost, NodeIndex, Org, Post};
use crate::text::Escaped;

mod json;
mod markdown;
mod summary;
mod values;

pub use json::{DiffJson, to_json};
pub use markdown::write_markdown;
use summary::write_summary;
use values::field_text;
pub use values::{field_values, field_values_in_full};

/// The two charts and their comparison, for describing changes.
#[derive(Clone, Copy)]
pub struct Diff<'a> {
    pub before: &'a Org,
    pub after: &'a Org,
    pub comparison: &'a Comparison,
}

impl<'a> Diff<'a> {
    /// The post a change is about: the after post, or the removed before post.
    #[must_use]
    pub fn post(&self, change: &Change) -> &'a Post {
        self.entry_post(change.entry())
    }

    /// The post of an entry of the merged tree.
    #[must_use]
    pub fn entry_post(&self, entry: Entry) -> &'a Post {
        match entry {
            Entry::After(a) => self.after.post(a),
            Entry::Removed(b) => self.before.post(b),
        }
    }

    /// "Title (holder)" of a post.
    #[must_use]
    pub fn named(post: &Post) -> String {
        format!("{} ({})", title(post), holder(post))
    }

    /// What a change did, after the post's name: for example `: Chief Technology Officer ->
    /// Chief Operating Officer, Technology` for a move.
    #[must_use]
    pub fn detail(&self, change: &Change) -> String {
        let manager = |org: &Org, node: Option<NodeIndex>| match node {
            Some(m) => title(org.post(m)).to_string(),
            None => "(top)".into(),
        };
        match &change.what {
            What::Added => match change.after.and_then(|a| self.after.manager(a)) {
                Some(m) => format!(", under {}", title(self.after.post(m))),
                None => ", a top post".into(),
            },
            What::Removed => match change.before.and_then(|b| self.before.manager(b)) {
                Some(m) => format!(", was under {}", title(self.before.post(m))),
                None => ", was a top post".into(),
            },
            What::Moved { from, to } => {
                let (old, new) = (manager(self.before, *from), manager(self.after, *to));
                if old != new {
                    return format!(": {old} -> {new}");
                }
                // Two managers with one title: their holders tell them apart, or else
                // their ids.
                let named = |org: &Org, node: Option<NodeIndex>| {
                    node.map_or_else(|| "(top)".into(), |m| Self::named(org.post(m)))
                };
                let (old, new) = (named(self.before, *from), named(self.after, *to));
                if old != new {
                    return format!(": {old} -> {new}");
                }
                let with_id = |org: &Org, node: Option<NodeIndex>| {
                    node.map_or_else(
                        || "(top)".into(),
                        |m| {
                            format!(
                                "{} [{}]",
                                title(org.post(m)),
                                Escaped(org.post(m).id().as_str())
                            )
                        },
                    )
                };
                format!(
                    ": {} -> {}",
                    with_id(self.before, *from),
                    with_id(self.after, *to)
                )
            }
            What::Retitled => String::new(),
            What::Holder => {
                let (old, new) = self.pair(change);
                let what = match (old.is_vacant(), new.is_vacant()) {
                    (true, false) => " (filled)",
                    (false, true) => " (vacated)",
                    _ => "",
                };
                format!(": {} -> {}{what}", holder(old), holder(new))
            }
            What::Vacancy => {
                let (_, new) = self.pair(change);
                if new.is_vacant() {
                    ": vacated (the holder was not disclosed)".to_owned()
                } else {
                    ": filled (the holder is not disclosed)".to_owned()
                }
            }
            What::Fields(fields) => {
                let parts: Vec<String> = fields.iter().map(field_text).collect();
                format!(": {}", parts.join("; "))
            }
            What::Dotted { added, removed } => {
                let (old, new) = self.pair(change);
                let mut parts: Vec<String> = added
                    .iter()
                    .map(|&i| format!("+ {}", Self::dotted_text(self.after, &new.dotted[i])))
                    .collect();
                parts.extend(
                    removed
                        .iter()
                        .map(|&i| format!("- {}", Self::dotted_text(self.before, &old.dotted[i]))),
                );
                format!(": {}", parts.join("; "))
            }
        }
    }

    /// As [`Diff::line`]; `full` gives field values whole rather than cut.
    #[must_use]
    pub fn line_with(&self, change: &Change, full: bool) -> String {
        match &change.what {
            What::Fields(fields) if full => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {}", Escaped(&f.field), field_values_in_full(f)))
                    .collect();
                format!("{}: {}", Self::named(self.post(change)), parts.join("; "))
            }
            _ => self.line(change),
        }
    }

    /// The line of a change without its kind: the post named, then what changed.
    #[must_use]
    pub fn line(&self, change: &Change) -> String {
        let post = self.post(change);
        match change.what {
            What::Retitled => {
                let (old, new) = self.pair(change);
                format!("{} -> {} ({})", title(old), title(new), holder(new))
            }
            What::Holder | What::Vacancy => format!("{}{}", title(post), self.detail(change)),
            _ => format!("{}{}", Self::named(post), self.detail(change)),
        }
    }

    fn pair(&self, change: &Change) -> (&'a Post, &'a Post) {
        let post = self.post(change);
        (
            change.before.map_or(post, |b| self.before.post(b)),
            change.after.map_or(post, |a| self.after.post(a)),
        )
    }

    fn dotted_text(org: &Org, line: &crate::org::Dotted) -> String {
        let target = org.find(line.to.as_str()).map_or_else(
            || Escaped(line.to.as_str()).to_string(),
            |t| title(org.post(t)).to_string(),
        );
        match &line.label {
            Some(label) => format!("{target} ({})", Escaped(label)),
            None => target,
        }
    }

    /// A team in the summary: its manager's title and holder, marked when it was removed.
    fn team(&self, entry: Entry) -> String {
        let named = Self::named(self.entry_post(entry));
        match entry {
            Entry::After(_) => named,
            Entry::Removed(_) => format!("{named}, removed"),
        }
    }
}

/// Writes the change list, grouped by kind, then the summary.
pub fn write_text(out: &mut impl Write, diff: &Diff) -> io::Result<()> {
    write_text_with(out, diff, false)
}

/// What an added or removed post brings or takes with it, so that the summary's figures
/// can be traced line by line: its own FTE and cost, its staff groups by name, its dotted
/// lines, and the team below it.
fn comes_with(org: &Org, node: NodeIndex) -> String {
    let post = org.post(node);
    let mut parts = vec![format!("FTE {}", figure(post.fte_or_default()))];
    if let Some(cost) = post.cost {
        parts.push(format!("cost {}", cost_text(cost)));
    }
    if !post.staff.is_empty() {
        let fte: f64 = post
            .staff
            .iter()
            .map(crate::org::Staff::fte_or_default)
            .sum();
        let groups: Vec<String> = post.staff.iter().map(group_text).collect();
        parts.push(format!("staff {} FTE ({})", figure(fte), groups.join(", ")));
        let costs: Vec<Cost> = post.staff.iter().filter_map(|g| g.cost).collect();
        if let Some(first) = costs.first() {
            let total = costs[1..].iter().fold(*first, |sum, &cost| sum + cost);
            parts.push(format!("staff cost {}", cost_text(total)));
        }
    }
    for line in &post.dotted {
        parts.push(format!("dotted line to {}", Diff::dotted_text(org, line)));
    }
    let team = org.team(node).count().saturating_sub(1);
    if team > 0 {
        parts.push(format!(
            "a team of {} post{} below",
            thousands_of(team),
            plural(team)
        ));
    }
    parts.join(", ")
}

/// A staff group as `Graduates and apprentices 30`.
fn group_text(group: &crate::org::Staff) -> String {
    format!(
        "{} {}",
        Escaped(group.title.as_deref().unwrap_or("(untitled)")),
        figure(group.fte_or_default())
    )
}

/// As [`write_text`]; `full` shows long values whole rather than cut.
pub fn write_text_with(out: &mut impl Write, diff: &Diff, full: bool) -> io::Result<()> {
    let comparison = diff.comparison;
    let summary = &comparison.summary;
    writeln!(
        out,
        "Changes from {}",
        described(diff.before, "the before chart")
    )?;
    writeln!(
        out,
        "          to {}",
        described(diff.after, "the after chart")
    )?;
    writeln!(out)?;
    if comparison.changes.is_empty() {
        writeln!(
            out,
            "No changes: the two charts hold the same posts in the same places."
        )?;
        writeln!(out)?;
    }
    for kind in ChangeKind::ALL {
        let changes: Vec<&Change> = comparison
            .changes
            .iter()
            .filter(|c| c.kind() == kind)
            .collect();
        let lines: Vec<String> = changes
            .iter()
            .map(|change| diff.line_with(change, full))
            .collect();
        // Lines that would read the same (two posts of one title under one manager) are
        // told apart by their ids.
        let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for line in &lines {
            *seen.entry(line.as_str()).or_default() += 1;
        }
        for (change, line) in changes.iter().zip(&lines) {
            if seen[line.as_str()] > 1 {
                let id = diff.post(change).id().as_str();
                writeln!(out, "{}  {line} [{}]", kind.name(), Escaped(id))?;
            } else {
                writeln!(out, "{}  {line}", kind.name())?;
            }
            let with = match (&change.what, change.after, change.before) {
                (What::Added, Some(a), _) => Some(format!("brings {}", comes_with(diff.after, a))),
                (What::Removed, _, Some(b)) => {
                    Some(format!("takes {}", comes_with(diff.before, b)))
                }
                _ => None,
            };
            if let Some(with) = with {
                writeln!(out, "{:width$}  {with}", "", width = kind.name().len())?;
            }
        }
        if !changes.is_empty() {
            writeln!(out)?;
        }
    }
    if summary.inferred > 0 {
        writeln!(
            out,
            "{} (--match id turns this off):",
            inferred_text(summary.inferred)
        )?;
        for &a in comparison.matching.inferred().iter().take(10) {
            let b = comparison.matching.to_before(a).unwrap_or(a);
            writeln!(
                out,
                "  {} -> {}  {}",
                Escaped(diff.before.post(b).id().as_str()),
                Escaped(diff.after.post(a).id().as_str()),
                Diff::named(diff.after.post(a))
            )?;
        }
        if summary.inferred > 10 {
            writeln!(out, "  … {} more", summary.inferred - 10)?;
        }
        writeln!(out)?;
    }
    write_summary(out, diff)
}

/// `3 posts matched by content although their ids differ`.
fn inferred_text(inferred: usize) -> String {
    let one = inferred == 1;
    format!(
        "{} post{} matched by content although {} id{} differ{}",
        thousands_of(inferred),
        plural(inferred),
        if one { "its" } else { "their" },
        plural(inferred),
        if one { "s" } else { "" },
    )
}

/// A chart's name and date, for the heading of a change list.
fn described(org: &Org, otherwise: &str) -> String {
    let mut text = org
        .meta
        .name
        .as_deref()
        .map_or_else(|| otherwise.to_owned(), |name| Escaped(name).to_string());
    if let Some(as_of) = &org.meta.as_of {
        text.push_str(", as of ");
        text.push_str(&Escaped(as_of).to_string());
    }
    text
}

/// `2 added, 1 moved, ...`, or `none`.
#[must_use]
pub fn counts_text(counts: &[usize; ChangeKind::ALL.len()]) -> String {
    let parts: Vec<String> = ChangeKind::ALL
        .iter()
        .zip(counts)
        .filter(|&(_, &n)| n > 0)
        .map(|(kind, &n)| format!("{} {}", thousands_of(n), kind.name()))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}
