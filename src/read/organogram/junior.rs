//! The junior file: each row a staff group of the senior post it reports to.

use super::cells::{fte, grade, kept, post_id};
use super::columns::Column;
use super::pay;
use super::posts::{Leads, Posts};
use super::sheet::Sheet;
use super::sheet::cell;
use super::{Report, at};
use crate::org::{Shared, Staff, Text};
use crate::text::Escaped;

impl Posts {
    /// Adds the junior staff groups to their senior posts.
    pub(super) fn add_junior(&mut self, sheet: &Sheet, senior_file: &str, report: &mut Report) {
        let reports_column = sheet.column(Column::ReportsTo);
        let header = sheet.header(Column::ReportsTo);
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
            let problem = if reports.is_empty() {
                Some(format!("{label}: \"{header}\" is blank"))
            } else if reports.eq_ignore_ascii_case("xx") {
                Some(format!(
                    "{label}: \"{header}\" is '{}': junior staff report to a senior post",
                    Escaped(reports)
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                report.error(sheet.file, place, problem);
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
                    report.error(
                        sheet.file,
                        place,
                        format!(
                            "{label}: \"{header}\" is '{}', which is eliminated and has no manager to take its staff",
                            Escaped(&manager)
                        ),
                    );
                    continue;
                }
                (Leads::Outside(_), false) => {
                    report.error(
                        sheet.file,
                        place,
                        format!(
                            "{label}: \"{header}\" is '{}', which is not a post in {}",
                            Escaped(&manager),
                            Escaped(senior_file)
                        ),
                    );
                    continue;
                }
            };
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
            let i = self.index[&senior];
            self.entries[i].staff.push(staff);
        }
    }
}
