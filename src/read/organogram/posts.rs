//! The senior posts: one a row, job shares joined, eliminated posts passed over, and the
//! junior staff added to their senior posts; then handed to the chart builder.

use rustc_hash::{FxHashMap, FxHashSet};

use super::cells::{Holder, UNDISCLOSED, fte, grade, holder, kept, post_id};
use super::columns::Column;
use super::pay;
use super::shares::Share;
use super::sheet::Sheet;
use super::sheet::cell;
use super::{Report, at};
use crate::org::builder::{IdRead, PostRead};
use crate::org::{self, Extra, Position, Post, PostId, Shared, Staff};
use crate::text::Escaped;

/// A senior post as read from its row (or the rows of a job share).
pub(super) struct Entry {
    pub(super) id: String,
    /// The line of its (first) row, and the columns of its id and manager cells.
    pub(super) line: usize,
    pub(super) id_column: usize,
    pub(super) reports_column: usize,
    /// The manager's id, as written (after `360510.0` is read as `360510`); `None` for a top.
    pub(super) manager: Option<String>,
    pub(super) title: String,
    /// One holder for each row: `None` for vacant.
    pub(super) holders: Vec<Option<String>>,
    pub(super) grade: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) note: Option<String>,
    /// One FTE for each row, where the row gives one.
    pub(super) fte: Vec<Option<f64>>,
    pub(super) extra: Extra,
    pub(super) staff: Vec<Staff>,
    /// Why the row is no job share of an earlier row with its id, if it is not.
    pub(super) if_duplicate: Option<String>,
    /// What the rows of a job share gave, once there is a second row.
    pub(super) share: Option<Box<Share>>,
}

impl Entry {
    /// The post of this entry, its text moved rather than copied: a large file's posts
    /// would otherwise be held twice while the chart is built.
    pub(super) fn into_post(self) -> Post {
        let mut post = Post::new(PostId::new(self.id), Shared::from(self.title));
        post.holder = if self.holders.iter().all(Option::is_none) {
            org::Holder::Vacant
        } else if self
            .holders
            .iter()
            .all(|h| h.as_deref() == Some(UNDISCLOSED))
        {
            // Every row of the post says N/D: held by someone not disclosed.
            org::Holder::Undisclosed
        } else {
            let names: Vec<&str> = self
                .holders
                .iter()
                .map(|h| h.as_deref().unwrap_or("Vacant"))
                .collect();
            org::Holder::named(names.join(" / "))
        };
        post.grade = self.grade.map(Shared::from);
        post.unit = self.unit.map(Shared::from);
        post.note = self.note.map(Box::from);
        post.fte = match self.fte.as_slice() {
            [one] => *one,
            rows => Some(rows.iter().map(|fte| fte.unwrap_or(1.0)).sum()),
        };
        post.extra = self.extra;
        post.cost = pay::take_cost(&mut post.extra, pay::SENIOR, 1.0);
        post.extra.shrink_to_fit();
        post.staff = self.staff.into_iter().collect();
        post
    }

    /// Takes in another row of the same job share.
    pub(super) fn merge(&mut self, other: Entry) {
        let share = self
            .share
            .get_or_insert_with(|| Box::new(Share::new(&self.holders, &self.extra)));
        share.add_holders(&other.holders);
        self.holders.extend(other.holders);
        self.fte.extend(other.fte);
        share.grade.join(&mut self.grade, other.grade);
        share.unit.join(&mut self.unit, other.unit);
        share.note.join(&mut self.note, other.note);
        for (name, value) in other.extra {
            share.join_field(&mut self.extra, name, value);
        }
    }

    /// Whether a row of this post names `holder` (in any case).
    fn names(&self, holder: &str) -> bool {
        match &self.share {
            Some(share) => share.names(holder),
            None => self
                .holders
                .iter()
                .flatten()
                .any(|h| h.eq_ignore_ascii_case(holder)),
        }
    }
}

/// The senior posts read, before they are made a chart.
pub(super) struct Posts {
    pub(super) entries: Vec<Entry>,
    /// Each id's entry.
    pub(super) index: FxHashMap<String, usize>,
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

/// The field that keeps a reference to a post not in the file, of a post read as a top post.
pub(super) const OUTSIDE_MANAGER: &str = "Reports to Senior Post";

impl Posts {
    /// Reads the posts of the rows of `sheet`, letting go of each row once it is read.
    pub(super) fn read(mut sheet: Sheet, report: &mut Report) -> Self {
        let mut posts = Posts {
            entries: Vec::new(),
            index: FxHashMap::default(),
            eliminated: FxHashMap::default(),
            passed_over: FxHashMap::default(),
            name: None,
        };
        let [id_column, name_column, reports_column] =
            [Column::Id, Column::Name, Column::ReportsTo].map(|f| sheet.column(f));
        let reports_header = sheet.header(Column::ReportsTo);
        // The names rows give, in the order first given, with how many give each.
        let mut names: Vec<(String, usize)> = Vec::new();
        let mut named_at: FxHashMap<String, usize> = FxHashMap::default();
        let organisation = sheet.column_keyed(&["organisation", "organization"]);
        let department = sheet.column_keyed(&["parentdepartment"]);
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
            let holder = holder(name);
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
                report.warning(
                    sheet.file,
                    place(name_column),
                    format!(
                        "{label} ({}): \"{}\" is '{}': the post is left out",
                        Escaped(&title),
                        sheet.header(Column::Name),
                        Escaped(name)
                    ),
                );
                if !id.is_empty() {
                    posts.eliminated.insert(id, manager);
                }
                continue;
            }
            let holder = match holder {
                Holder::Named(name) if name.is_empty() => {
                    report.warning(
                        sheet.file,
                        place(name_column),
                        format!(
                            "{label}: \"{}\" is blank: read as vacant",
                            sheet.header(Column::Name)
                        ),
                    );
                    None
                }
                Holder::Named(name) => Some(name),
                _ => None,
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
            for column in [organisation, department] {
                let given = cell(record, column);
                if !given.is_empty() {
                    if let Some(&i) = named_at.get(given) {
                        names[i].1 += 1;
                    } else {
                        named_at.insert(given.to_owned(), names.len());
                        names.push((given.to_owned(), 1));
                    }
                    break;
                }
            }
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
        posts.name = names
            .iter()
            .fold(None::<&(String, usize)>, |best, named| match best {
                Some(best) if best.1 >= named.1 => Some(best),
                _ => Some(named),
            })
            .map(|(name, _)| name.clone());
        posts.pass_over_eliminated(sheet, report);
        posts
    }

    /// Adds the post of a row, or joins it to the post of a job share. A row that gives
    /// the id of an earlier row but cannot be a job share is added as it is, with what
    /// makes it no job share, for the builder to report the id given twice.
    pub(super) fn add(&mut self, mut entry: Entry, sheet: &Sheet, report: &mut Report) {
        if entry.id.is_empty() {
            self.entries.push(entry);
            return;
        }
        let Some(&first) = self.index.get(&entry.id) else {
            self.index.insert(entry.id.clone(), self.entries.len());
            self.entries.push(entry);
            return;
        };
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
        if earlier.manager != entry.manager {
            differ.push(sheet.header(Column::ReportsTo));
        }
        let named_twice = entry.holders[0]
            .as_ref()
            .filter(|name| *name != "N/D" && earlier.names(name));
        let why = if differ.is_empty() {
            named_twice.map(|name| format!("naming '{}' again", Escaped(name)))
        } else {
            let differ: Vec<String> = differ.iter().map(|h| format!("\"{h}\"")).collect();
            Some(format!("with another {}", differ.join(" and ")))
        };
        if let Some(why) = why {
            entry.if_duplicate = Some(format!("{why}, not a job share"));
            self.entries.push(entry);
            return;
        }
        report.warning(
            sheet.file,
            at(entry.line, entry.id_column),
            format!(
                "post '{}': a second row (first at row {}) with the same \"{}\", \"{}\" and \"{}\": read as a job share, holders joined and FTE added",
                Escaped(&entry.id),
                earlier.line,
                sheet.header(Column::Id),
                sheet.header(Column::Title),
                sheet.header(Column::ReportsTo)
            ),
        );
        self.entries[first].merge(entry);
    }

    /// Where a line to `id` leads, passing over eliminated posts, and whether it passed one.
    pub(super) fn leads(&self, id: &str) -> (Leads, bool) {
        if self.index.contains_key(id) {
            return (Leads::To(id.to_owned()), false);
        }
        match self.passed_over.get(id) {
            Some(leads) => (leads.clone(), true),
            None => (Leads::Outside(id.to_owned()), false),
        }
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
                if self.index.contains_key(at) {
                    break Leads::To(at.to_owned());
                }
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
    pub(super) fn pass_over_eliminated(&mut self, sheet: &Sheet, report: &mut Report) {
        if self.eliminated.is_empty() {
            return;
        }
        self.settle_eliminated();
        let header = sheet.header(Column::ReportsTo);
        for i in 0..self.entries.len() {
            let Some(manager) = self.entries[i].manager.clone() else {
                continue;
            };
            let (leads, passed) = self.leads(&manager);
            if !passed {
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
        self.entries.into_iter().map(|entry| {
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
            let mut read = PostRead::new(entry.into_post(), line, id_at, id);
            read.reports_to = reports_to;
            read.if_duplicate = if_duplicate;
            read
        })
    }
}
