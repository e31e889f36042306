//! The senior posts: one a row, job shares joined, eliminated posts passed over, and the
//! junior staff added to their senior posts; then handed to the chart builder.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;

use super::cells::{
    Holder, fte, grade, holder, is_eliminated, is_placeholder, kept, post_id, reference_key,
};
use super::columns::{Column, key};
use super::entry::Entry;
use super::sheet::Sheet;
use super::sheet::cell;
use super::{Report, at};
use crate::org::builder::{IdRead, PostRead};
use crate::org::post::Interner;
use crate::org::{Extra, Position, PostId, Text};
use crate::text::Escaped;

/// The senior posts read, before they are made a chart.
pub(super) struct Posts {
    pub(super) entries: Vec<Entry>,
    /// Each id's entry.
    pub(super) index: FxHashMap<String, usize>,
    /// Each reference's first entry, by the reference without leading zeros: for lines
    /// given with leading zeros their post has not, or the other way round.
    keys: FxHashMap<String, usize>,
    /// Each eliminated post's manager (`None` for a top post), to move its reports up.
    pub(super) eliminated: FxHashMap<String, Option<String>>,
    /// Where a line to each eliminated post leads, once they are all read.
    passed_over: FxHashMap<String, Leads>,
    /// The chart's name: the organisation most rows give, or else the parent department.
    pub(super) name: Option<String>,
}

/// Where a reporting line leads once eliminated posts are passed over.
#[derive(Clone)]
pub(super) enum Leads {
    To(String),
    Top,
    /// To this id, which is not in the file.
    Outside(String),
}

/// The organisation most posts give (else the parent department); of several that as many
/// give, the first in alphabetical order. Read from the posts' fields, not the rows: the
/// name is the same whatever the order of the rows and columns, and a job share names it
/// once, so that an export reads back under the same name.
fn chart_name(entries: &[Entry]) -> Option<String> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for entry in entries {
        let named = [
            ["Organisation", "Organization"],
            ["Parent Department", "Parent Department"],
        ]
        .into_iter()
        .find_map(|names| field_named(&entry.extra, names));
        if let Some(name) = named {
            *counts.entry(name).or_default() += 1;
        }
    }
    counts
        .into_iter()
        // Alphabetical as the names are written out, control characters escaped (as an
        // export writes them), so that an export reads back under the same name.
        .min_by(|(a, a_count), (b, b_count)| {
            b_count
                .cmp(a_count)
                .then_with(|| Escaped(a).to_string().cmp(&Escaped(b).to_string()))
        })
        .map(|(name, _)| name.to_owned())
}

/// A post's text field under one of `names`, or else the first whose name is one of them
/// in another case or spacing.
fn field_named<'a>(extra: &'a Extra, names: [&str; 2]) -> Option<&'a str> {
    let text = |(_, value): &'a (Text, Value)| value.as_str().filter(|t| !t.is_empty());
    extra
        .iter()
        .find(|(name, _)| names.contains(&name.as_str()))
        .and_then(text)
        .or_else(|| {
            let keys = names.map(key);
            extra
                .iter()
                .find(|(name, _)| keys.contains(&key(name)))
                .and_then(text)
        })
}

/// The field that keeps a reference to a post not in the file, of a post read as a top post.
pub(super) const OUTSIDE_MANAGER: &str = "Reports to Senior Post";

impl Posts {
    /// Reads the posts of the rows of `sheet`, letting go of each row once it is read.
    pub(super) fn read(mut sheet: Sheet, report: &mut Report) -> Self {
        let mut posts = Posts {
            entries: Vec::new(),
            index: FxHashMap::default(),
            keys: FxHashMap::default(),
            eliminated: FxHashMap::default(),
            passed_over: FxHashMap::default(),
            name: None,
        };
        let [id_column, name_column, reports_column] =
            [Column::Id, Column::Name, Column::ReportsTo].map(|f| sheet.column(f));
        let reports_header = sheet.header(Column::ReportsTo);
        let rows = std::mem::take(&mut sheet.rows);
        let sheet = &sheet;
        // At most a post a row: made once, not grown (and copied) by doubling.
        posts.entries.reserve_exact(rows.len());
        for (line, record) in rows {
            let record = &record;
            if let Some(total) = sheet.totals(record, Column::Id) {
                sheet.report_totals(line, record, total, report);
                continue;
            }
            let id = post_id(cell(record, id_column));
            let title = cell(record, sheet.column(Column::Title)).to_owned();
            let place = |column: Option<usize>| at(line, column.map_or(1, |c| c + 1));
            let label = format!("post '{}'", Escaped(&id));
            let name = cell(record, name_column);
            let mut holder = holder(name);
            // An eliminated post marked in its reference rather than its name.
            let mut marked = (name_column, Column::Name, name);
            if is_eliminated(&id) {
                holder = Holder::Eliminated;
                marked = (id_column, Column::Id, cell(record, id_column));
            }
            let reports = cell(record, reports_column);
            let manager = if reports.eq_ignore_ascii_case("xx") {
                None
            } else if reports.is_empty() {
                if !id.is_empty() && holder != Holder::Eliminated {
                    report.warning(
                        sheet.file,
                        place(reports_column),
                        format!("{label}: \"{reports_header}\" is blank: read as a top post"),
                    );
                }
                None
            } else {
                Some(post_id(reports))
            };
            if holder == Holder::Eliminated {
                let (column, field, given) = marked;
                let label = if field == Column::Id {
                    "post"
                } else {
                    label.as_str()
                };
                report.warning(
                    sheet.file,
                    place(column),
                    format!(
                        "{label} ({}): \"{}\" is '{}': the post is left out",
                        Escaped(&title),
                        sheet.header(field),
                        Escaped(given)
                    ),
                );
                if field != Column::Id && !id.is_empty() {
                    posts
                        .eliminated
                        .insert(reference_key(&id).to_owned(), manager);
                }
                continue;
            }
            let holder = match holder {
                Holder::Blank => {
                    report.warning(
                        sheet.file,
                        place(name_column),
                        format!(
                            "{label}: \"{}\" is blank: read as not disclosed (a vacant post is marked 'Vacant')",
                            sheet.header(Column::Name)
                        ),
                    );
                    Holder::Undisclosed
                }
                other => other,
            };
            if title.is_empty() {
                report.warning(
                    sheet.file,
                    place(sheet.column(Column::Title)),
                    format!("{label}: \"{}\" is blank", sheet.header(Column::Title)),
                );
            }
            let mut fields = kept(sheet, record);
            let fte = fte(sheet, record, line, &label, &mut fields, report);
            let text = |field| {
                Some(cell(record, sheet.column(field)).to_owned()).filter(|t| !t.is_empty())
            };
            let entry = Entry {
                id,
                line,
                id_column: id_column.map_or(1, |c| c + 1),
                reports_column: reports_column.map_or(1, |c| c + 1),
                manager,
                title,
                holders: vec![holder],
                grade: grade(cell(record, sheet.column(Column::Grade))),
                unit: text(Column::Unit),
                note: text(Column::Notes),
                fte: vec![fte],
                extra: fields,
                staff: Vec::new(),
                if_duplicate: None,
                share: None,
            };
            posts.add(entry, sheet, report);
        }
        posts.name = chart_name(&posts.entries);
        posts.pass_over_eliminated(sheet, report);
        posts
    }

    /// Adds the post of a row, or joins it to the post of a job share or of a row it
    /// repeats. A row that gives the id of an earlier row but is another post (another
    /// title or manager, a placeholder reference) is added as it is, with why, for the
    /// builder to give it an id of its own.
    pub(super) fn add(&mut self, mut entry: Entry, sheet: &Sheet, report: &mut Report) {
        if entry.id.is_empty() {
            self.entries.push(entry);
            return;
        }
        let Some(&first) = self.index.get(&entry.id) else {
            let key = reference_key(&entry.id).to_owned();
            self.keys.entry(key).or_insert(self.entries.len());
            self.index.insert(entry.id.clone(), self.entries.len());
            self.entries.push(entry);
            return;
        };
        if is_placeholder(&entry.id) {
            entry.if_duplicate = Some(
                "a placeholder reference, as \"not in post\" rows give: each row is a post of its own"
                    .to_owned(),
            );
            self.entries.push(entry);
            return;
        }
        let earlier = &self.entries[first];
        let same = |a: &str, b: &str| {
            a.split_whitespace()
                .map(str::to_lowercase)
                .eq(b.split_whitespace().map(str::to_lowercase))
        };
        let mut differ = Vec::new();
        if !same(&earlier.title, &entry.title) {
            differ.push(sheet.header(Column::Title));
        }
        let manager_key = |entry: &Entry| {
            entry
                .manager
                .as_deref()
                .map(|m| reference_key(m).to_owned())
        };
        if manager_key(earlier) != manager_key(&entry) {
            differ.push(sheet.header(Column::ReportsTo));
        }
        if !differ.is_empty() {
            let differ: Vec<String> = differ.iter().map(|h| format!("\"{h}\"")).collect();
            entry.if_duplicate = Some(format!(
                "with another {}: another post",
                differ.join(" and ")
            ));
            self.entries.push(entry);
            return;
        }
        let fte_header = sheet
            .column(Column::Fte)
            .map(|c| sheet.columns[c].0.clone());
        let named_again = match &entry.holders[0] {
            Holder::Named(name) if earlier.names(name) => Some(name.clone()),
            _ => None,
        };
        if let Some(name) = named_again {
            if earlier.fte.first() != entry.fte.first() || earlier.fte.len() > 1 {
                entry.if_duplicate = Some(format!(
                    "naming '{}' again with another \"{}\": another post",
                    Escaped(&name),
                    fte_header.as_deref().unwrap_or("FTE")
                ));
                self.entries.push(entry);
                return;
            }
            let line = entry.line;
            let column = entry.id_column;
            let id = entry.id.clone();
            let first_line = earlier.line;
            let differ = self.entries[first].repeat(entry);
            let kept = if differ.is_empty() {
                String::new()
            } else {
                let differ: Vec<String> = differ
                    .iter()
                    .map(|h| format!("\"{}\"", Escaped(h)))
                    .collect();
                format!(
                    "; where they differ ({}), both values are kept, joined with \" / \"",
                    differ.join(", ")
                )
            };
            report.warning(
                sheet.file,
                at(line, column),
                format!(
                    "post '{}': the row at line {first_line} given again, with the same \"{}\", \"{}\", \"{}\" and \"{}\": read as one post{kept}",
                    Escaped(&id),
                    sheet.header(Column::Id),
                    sheet.header(Column::Title),
                    sheet.header(Column::ReportsTo),
                    sheet.header(Column::Name),
                ),
            );
            return;
        }
        report.warning(
            sheet.file,
            at(entry.line, entry.id_column),
            format!(
                "post '{}': a second row (first at line {}) with the same \"{}\", \"{}\" and \"{}\": read as a job share, holders joined and FTE added",
                Escaped(&entry.id),
                earlier.line,
                sheet.header(Column::Id),
                sheet.header(Column::Title),
                sheet.header(Column::ReportsTo)
            ),
        );
        self.entries[first].merge(entry, fte_header.as_deref());
    }

    /// Where a line to `id` leads, passing over eliminated posts, and whether it passed one.
    /// References are matched without leading zeros (`00196904` leads to `196904`).
    pub(super) fn leads(&self, id: &str) -> (Leads, bool) {
        if let Some(&i) = self.find(id) {
            return (Leads::To(self.entries[i].id.clone()), false);
        }
        match self.passed_over.get(reference_key(id)) {
            Some(leads) => (leads.clone(), true),
            None => (Leads::Outside(id.to_owned()), false),
        }
    }

    /// The entry a reference names: the post with that id, or else the first whose id is
    /// the same number (`00196904` for `196904`).
    fn find(&self, id: &str) -> Option<&usize> {
        self.index
            .get(id)
            .or_else(|| self.keys.get(reference_key(id)))
    }

    /// Finds where the line from each eliminated post leads, once for all: each chain of
    /// eliminated posts is walked once, however many posts and staff report into it.
    fn settle_eliminated(&mut self) {
        let mut settled: FxHashMap<String, Leads> = FxHashMap::default();
        for start in self.eliminated.keys() {
            let mut path: Vec<&str> = Vec::new();
            let mut on_path: FxHashSet<&str> = FxHashSet::default();
            let mut at = start.as_str();
            let leads = loop {
                if let Some(&i) = self.find(at) {
                    break Leads::To(self.entries[i].id.clone());
                }
                // Eliminated posts are known by their references without leading zeros.
                at = reference_key(at);
                if let Some(leads) = settled.get(at) {
                    break leads.clone();
                }
                match self.eliminated.get(at) {
                    // Eliminated posts in a loop among themselves.
                    Some(_) if !on_path.insert(at) => break Leads::Top,
                    Some(Some(above)) => {
                        path.push(at);
                        at = above;
                    }
                    Some(None) => {
                        path.push(at);
                        break Leads::Top;
                    }
                    None => break Leads::Outside(at.to_owned()),
                }
            };
            for id in path {
                settled.insert(id.to_owned(), leads.clone());
            }
        }
        self.passed_over = settled;
    }

    /// Moves the reports of eliminated posts up to the post above them. What is left for
    /// the builder: managers that are no post, posts that report to themselves, loops.
    /// A manager given with leading zeros its post has not (or the other way round) is
    /// read as that post.
    pub(super) fn pass_over_eliminated(&mut self, sheet: &Sheet, report: &mut Report) {
        self.settle_eliminated();
        let header = sheet.header(Column::ReportsTo);
        for i in 0..self.entries.len() {
            let Some(manager) = self.entries[i].manager.clone() else {
                continue;
            };
            let (leads, passed) = self.leads(&manager);
            if !passed {
                if let Leads::To(id) = leads
                    && id != manager
                {
                    self.entries[i].manager = Some(id);
                }
                continue;
            }
            let entry = &self.entries[i];
            let (moved, manager_now) = match leads {
                Leads::To(above) | Leads::Outside(above) => {
                    (format!("moved up to '{}'", Escaped(&above)), Some(above))
                }
                Leads::Top => ("read as a top post".to_owned(), None),
            };
            report.warning(
                sheet.file,
                at(entry.line, entry.reports_column),
                format!(
                    "post '{}': \"{header}\" is '{}', which is eliminated: {moved}",
                    Escaped(&entry.id),
                    Escaped(&manager)
                ),
            );
            self.entries[i].manager = manager_now;
        }
    }

    /// The posts in row order, for the chart builder, each let go of as it is taken.
    pub(super) fn into_posts(self) -> impl Iterator<Item = PostRead<Position>> {
        let mut shared = Interner::default();
        self.entries.into_iter().map(move |entry| {
            let id_at = at(entry.line, entry.id_column);
            let id = if entry.id.is_empty() {
                IdRead::Missing
            } else {
                IdRead::Given(PostId::new(entry.id.as_str()), id_at)
            };
            let line = entry.line;
            let reports_to = entry.manager.as_ref().map(|manager| {
                (
                    PostId::new(manager.as_str()),
                    at(entry.line, entry.reports_column),
                )
            });
            let if_duplicate = entry.if_duplicate.as_deref().map(Box::from);
            // A post is named by its row when it has no id.
            let mut read = PostRead::new(entry.into_post(&mut shared), line, id_at, id);
            read.reports_to = reports_to;
            read.if_duplicate = if_duplicate;
            read
        })
    }
}
