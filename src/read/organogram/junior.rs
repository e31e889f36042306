//! The junior file: each row a staff group of the senior post it reports to.

use super::cells::{Holder, fte, grade, kept, post_id};
use super::columns::Column;
use super::entry::Entry;
use super::pay;
use super::posts::{Leads, Posts};
use super::sheet::Sheet;
use super::sheet::cell;
use super::{Report, at};
use crate::org::{Extra, Shared, Staff, Text};

/// The post added to hold junior staff whose reporting senior post is blank or not in the
/// senior file: its id (another if the file has it), its title and its note.
pub(super) const UNPLACED_ID: &str = "unplaced";
const UNPLACED_TITLE: &str = "Unplaced junior staff";
const UNPLACED_NOTE: &str = "Added on import: the junior staff under this post have a \"Reporting Senior Post\" that is blank or not in the senior file. It is no post of the file: it has no FTE of its own.";
use crate::text::Escaped;

impl Posts {
    /// Adds the junior staff groups to their senior posts.
    pub(super) fn add_junior(&mut self, sheet: &Sheet, senior_file: &str, report: &mut Report) {
        let reports_column = sheet.column(Column::ReportsTo);
        let header = sheet.header(Column::ReportsTo);
        let mut unplaced: Vec<Staff> = Vec::new();
        let mut first_unplaced = None;
        let unplaced_id = self.unplaced_id();
        let kept_under = format!("kept under the post '{unplaced_id}' (\"{UNPLACED_TITLE}\")");
        for (line, record) in &sheet.rows {
            let line = *line;
            if let Some(total) = sheet.totals(record, Column::ReportsTo) {
                sheet.report_totals(line, record, total, report);
                continue;
            }
            let place = at(line, reports_column.map_or(1, |c| c + 1));
            let reports = cell(record, reports_column);
            let label = "junior staff";
            let mut fields = kept(sheet, record);
            let fte = fte(sheet, record, line, label, &mut fields, report);
            fields.shrink_to_fit();
            let manager = post_id(reports);
            let staff = Staff {
                title: Some(cell(record, sheet.column(Column::Title)))
                    .filter(|t| !t.is_empty())
                    .map(Text::from),
                grade: grade(cell(record, sheet.column(Column::Grade)))
                    .map(|g| Shared::from(g.as_str())),
                cost: pay::take_cost(&mut fields, pay::JUNIOR, fte.unwrap_or(1.0)),
                fte,
                extra: fields,
            };
            let mut unplace = |problem: String, staff: Staff| {
                report.warning(sheet.file, place, format!("{problem}: {kept_under}"));
                first_unplaced.get_or_insert(place);
                unplaced.push(staff);
            };
            if reports.is_empty() {
                unplace(format!("{label}: \"{header}\" is blank"), staff);
                continue;
            }
            if reports.eq_ignore_ascii_case("xx") {
                unplace(
                    format!(
                        "{label}: \"{header}\" is '{}', which marks a top post: junior staff report to a senior post",
                        Escaped(reports)
                    ),
                    staff,
                );
                continue;
            }
            let senior = match self.leads(&manager) {
                (Leads::To(senior), passed) => {
                    if passed {
                        report.warning(
                            sheet.file,
                            place,
                            format!(
                                "{label}: \"{header}\" is '{}', which is eliminated: moved up to '{}'",
                                Escaped(&manager),
                                Escaped(&senior)
                            ),
                        );
                    }
                    senior
                }
                (Leads::Top, _) | (Leads::Outside(_), true) => {
                    unplace(
                        format!(
                            "{label}: \"{header}\" is '{}', which is eliminated and has no manager to take its staff",
                            Escaped(&manager)
                        ),
                        staff,
                    );
                    continue;
                }
                (Leads::Outside(_), false) => {
                    unplace(
                        format!(
                            "{label}: \"{header}\" is '{}', which is not a post in {}",
                            Escaped(&manager),
                            Escaped(senior_file)
                        ),
                        staff,
                    );
                    continue;
                }
            };
            let i = self.index[&senior];
            self.entries[i].staff.push(staff);
        }
        if let Some(place) = first_unplaced {
            let fte: f64 = unplaced.iter().map(Staff::fte_or_default).sum();
            report.warning(
                sheet.file,
                place,
                format!(
                    "{} junior row{} ({} FTE) with no senior post in {}: {kept_under}, a post added to hold them",
                    unplaced.len(),
                    if unplaced.len() == 1 { "" } else { "s" },
                    fte_text(fte),
                    Escaped(senior_file)
                ),
            );
            self.push_unplaced(unplaced_id, place.line, unplaced);
        }
    }

    /// An id for the post of unplaced staff that no post of the file has.
    fn unplaced_id(&self) -> String {
        let mut id = UNPLACED_ID.to_owned();
        let mut n = 1;
        while self.index.contains_key(id.as_str()) {
            n += 1;
            id = format!("{UNPLACED_ID}-{n}");
        }
        id
    }

    fn push_unplaced(&mut self, id: String, line: usize, staff: Vec<Staff>) {
        self.entries.push(Entry {
            id,
            line,
            id_column: 1,
            reports_column: 1,
            manager: None,
            title: UNPLACED_TITLE.to_owned(),
            holders: vec![Holder::Vacant],
            grade: None,
            unit: None,
            note: Some(UNPLACED_NOTE.to_owned()),
            fte: vec![Some(0.0)],
            extra: Extra::new(),
            staff,
            if_duplicate: None,
            share: None,
        });
    }
}

/// An FTE as a message gives it: `12`, `3.5`, `0.25`.
fn fte_text(fte: f64) -> String {
    let rounded = (fte * 100.0).round() / 100.0;
    format!("{rounded}")
}
