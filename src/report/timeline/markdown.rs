//! A timeline as Markdown, for a report or a pull request: the figures table, the churn
//! table and the post's life, every text from the charts made literal.

use std::io::{self, Write};

use super::{CHURN, figure_rows, holder_text, neighbour, seen_text, series_name, share};
use crate::report::markdown::{inline, table};
use crate::report::{cost_text, plural, thousands_of};
use crate::timeline::{Life, Timeline};

pub fn write_markdown(
    out: &mut impl Write,
    timeline: &Timeline,
    life: Option<&Life>,
) -> io::Result<()> {
    let releases = &timeline.releases;
    let title = series_name(timeline).map_or_else(|| "Timeline".to_owned(), inline);
    writeln!(
        out,
        "## {title}: {} release{}",
        releases.len(),
        plural(releases.len())
    )?;
    writeln!(out)?;
    for release in releases {
        writeln!(
            out,
            "- {}: {}",
            inline(&release.as_of),
            inline(&release.label)
        )?;
    }
    writeln!(out)?;
    let mut header = vec!["figures".to_owned()];
    header.extend(releases.iter().map(|r| inline(&r.as_of)));
    let rows: Vec<Vec<String>> = figure_rows(releases)
        .into_iter()
        .map(|row| {
            let mut cells = vec![inline(&row.label)];
            cells.extend(row.values);
            cells
        })
        .collect();
    let figures: Vec<bool> = (0..header.len()).map(|at| at > 0).collect();
    write!(out, "{}", table(&header, &rows, &figures))?;
    if !timeline.steps.is_empty() {
        writeln!(out)?;
        let mut header = vec!["churn".to_owned()];
        header.extend(CHURN.iter().map(|kind| kind.name().to_owned()));
        header.extend([
            "changed".to_owned(),
            "matched by id".to_owned(),
            "by content".to_owned(),
        ]);
        let rows: Vec<Vec<String>> = timeline
            .steps
            .iter()
            .enumerate()
            .map(|(at, step)| {
                let mut cells = vec![format!(
                    "{} → {}{}",
                    inline(&releases[at].as_of),
                    inline(&releases[at + 1].as_of),
                    if step.renumbered() {
                        " (renumbered)"
                    } else {
                        ""
                    }
                )];
                cells.extend(CHURN.iter().map(|&kind| thousands_of(step.count(kind))));
                cells.push(share(step));
                cells.push(thousands_of(step.by_id));
                cells.push(thousands_of(step.by_content));
                cells
            })
            .collect();
        let figures: Vec<bool> = (0..header.len()).map(|at| at > 0).collect();
        write!(out, "{}", table(&header, &rows, &figures))?;
    }
    if let Some(life) = life {
        writeln!(out)?;
        let named = life.moments[life.named_in]
            .as_ref()
            .expect("the post is in the release it was named in");
        writeln!(
            out,
            "### Post {} '{}'",
            inline(&named.id),
            inline(&named.title)
        )?;
        writeln!(out)?;
        let header: Vec<String> = [
            "release",
            "id",
            "title",
            "holder",
            "grade",
            "pay",
            "reports to",
            "team",
            "how found",
        ]
        .map(str::to_owned)
        .to_vec();
        let rows: Vec<Vec<String>> = life
            .moments
            .iter()
            .zip(releases)
            .enumerate()
            .map(|(at, (moment, release))| match moment {
                None => {
                    let mut cells = vec![inline(&release.as_of), "not in this release".to_owned()];
                    cells.resize(header.len(), String::new());
                    cells
                }
                Some(m) => vec![
                    inline(&release.as_of),
                    inline(&m.id),
                    inline(&m.title),
                    inline(&holder_text(&m.holder)),
                    m.grade.as_deref().map(inline).unwrap_or_default(),
                    m.cost.map(cost_text).unwrap_or_default(),
                    m.manager
                        .as_ref()
                        .map(|(_, title)| inline(title))
                        .unwrap_or_default(),
                    thousands_of(m.team),
                    seen_text(m, neighbour(timeline, life, at))
                        .map(|s| inline(&s))
                        .unwrap_or_default(),
                ],
            })
            .collect();
        // Text, but for the team's size.
        let figures: Vec<bool> = header.iter().map(|h| h == "team").collect();
        write!(out, "{}", table(&header, &rows, &figures))?;
    }
    Ok(())
}
