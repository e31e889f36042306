//! The timeline of a series, in place of the tree: two bar charts (posts and headcount per
//! release) and the churn table, one row a step, the selected step marked by `>` as well as
//! by its highlight.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart};

use crate::report::timeline::{CHURN, share};
use crate::report::{thousands, thousands_of};
use crate::text::{Escaped, fit, width};
use crate::timeline::{Release, Step};
use crate::tui::app::App;
use crate::tui::series::Series;
use crate::tui::theme::Theme;

/// Bars drawn with ASCII characters, for `--ascii` and terminals without UTF-8: `#` a whole
/// cell, `=` about half of one, `_` a sliver.
const ASCII_BARS: bar::Set = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "=",
    half: "=",
    three_eighths: "=",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

/// The churn table's column headings where the full ones do not fit, in the order of
/// [`CHURN`], and the share changed.
const SHORT: [&str; 6] = ["add", "rem", "mov", "ret", "hold", "vac"];

/// The bar charts are at most this tall, labels included.
const CHARTS_TALLEST: u16 = 12;

pub fn draw(frame: &mut Frame, app: &App, series: &Series, selected: usize, area: Rect) {
    let theme = app.options.theme;
    let timeline = &series.timeline;
    // The charts take what the table leaves (its heading, a row a step and two lines of
    // notes), two fifths of the screen at least, so that a long series scrolls its table.
    let table = u16::try_from(timeline.steps.len() + 4).unwrap_or(u16::MAX);
    let charts = (area.height * 2 / 5)
        .max(area.height.saturating_sub(table + 1))
        .min(CHARTS_TALLEST);
    let mut y = area.y;
    if charts >= 5 {
        let half = area.width.saturating_sub(2) / 2;
        let left = Rect::new(area.x, y, half, charts);
        let right = Rect::new(area.x + half + 2, y, half, charts);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let fte = |r: &Release| r.stats.headcount_fte.max(0.0).round() as u64;
        chart(
            frame,
            theme,
            left,
            ("Posts", &|r: &Release| r.stats.posts as u64),
            &|r| thousands_of(r.stats.posts),
            &timeline.releases,
        );
        chart(
            frame,
            theme,
            right,
            ("Headcount (FTE)", &fte),
            &|r| thousands(r.stats.headcount_fte, 0),
            &timeline.releases,
        );
        y += charts + 1;
    }
    let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
    churn(frame, app, series, selected, rest);
}

/// One bar chart: its heading, a bar a release (its figure on it where it fits) and the
/// dates under them, as many as the bars' width allows.
fn chart(
    frame: &mut Frame,
    theme: Theme,
    area: Rect,
    (heading, value): (&str, &dyn Fn(&Release) -> u64),
    shown: &dyn Fn(&Release) -> String,
    releases: &[Release],
) {
    if area.width < 4 || releases.is_empty() {
        return;
    }
    // As many of the latest releases as have a column each.
    let skip = releases.len().saturating_sub(usize::from(area.width));
    let releases = &releases[skip..];
    let count = u16::try_from(releases.len()).unwrap_or(u16::MAX).max(1);
    let (bar_width, gap) = match (area.width + 1) / count {
        0 | 1 => (1, 0),
        each => ((each - 1).min(12), 1),
    };
    let label = |r: &Release| -> Option<String> {
        let date = Escaped(&r.as_of).to_string();
        let cut = match bar_width {
            10.. => date.len(),
            7..=9 => 7,
            5 | 6 => 5,
            _ => return None,
        };
        // 2011-03-31 as 2011-03 or 11-03; another text, cut.
        let short = if cut == 5 && date.len() >= 7 {
            date[2..7].to_owned()
        } else {
            date.get(..cut).unwrap_or(&date).to_owned()
        };
        Some(short)
    };
    let on_bars = bar_width >= 5;
    let highest = releases.iter().map(value).max().unwrap_or(0);
    let title = if skip > 0 {
        format!("{heading}, the latest {}", releases.len())
    } else if on_bars {
        heading.to_owned()
    } else {
        format!(
            "{heading} (highest {})",
            releases
                .iter()
                .max_by_key(|r| value(r))
                .map(shown)
                .unwrap_or_default()
        )
    };
    let buffer = frame.buffer_mut();
    buffer.set_line(
        area.x,
        area.y,
        &Line::from(Span::styled(
            fit(&title, usize::from(area.width), theme.glyphs.ellipsis).into_owned(),
            theme.heading(),
        )),
        area.width,
    );
    let bars: Vec<Bar> = releases
        .iter()
        .map(|r| {
            let bar = Bar::default().value(value(r)).text_value(shown(r));
            match label(r).filter(|_| on_bars) {
                Some(label) => bar.label(Line::from(label)),
                None => bar,
            }
        })
        .collect();
    let (bar_style, value_style) = bar_styles(theme);
    let widget = BarChart::default()
        .data(ratatui::widgets::BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(gap)
        .max(highest.max(1))
        .bar_set(if theme.ascii {
            ASCII_BARS
        } else {
            bar::NINE_LEVELS
        })
        .bar_style(bar_style)
        .value_style(value_style)
        .label_style(theme.label());
    let mut bars_area = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    if !on_bars {
        // The first and last dates under the bars, at their ends.
        bars_area.height -= 1;
        let under = area.bottom() - 1;
        let (first, last) = (
            Escaped(&releases[0].as_of).to_string(),
            Escaped(&releases[releases.len() - 1].as_of).to_string(),
        );
        let span = usize::from(count * (bar_width + gap) - gap);
        let line = if width(&first) + width(&last) < span {
            format!(
                "{first}{}{last}",
                " ".repeat(span - width(&first) - width(&last))
            )
        } else {
            format!("{first} to {last}")
        };
        buffer.set_string(
            area.x,
            under,
            fit(&line, usize::from(area.width), "."),
            theme.label(),
        );
    }
    frame.render_widget(widget, bars_area);
}

/// The bars' style and that of the figures on them: the figures in reverse, so that they
/// read on a bar in colour or without.
fn bar_styles(theme: Theme) -> (Style, Style) {
    if theme.colour {
        (
            Style::new().fg(Color::Cyan),
            Style::new().bg(Color::Cyan).fg(Color::Black),
        )
    } else {
        (Style::new(), Style::new().add_modifier(Modifier::REVERSED))
    }
}

/// The churn table: a row a step, as `orgtree timeline` prints it; the full headings where
/// they fit, else short ones with a key under the table.
fn churn(frame: &mut Frame, app: &App, series: &Series, selected: usize, area: Rect) {
    let theme = app.options.theme;
    let timeline = &series.timeline;
    let steps = &timeline.steps;
    let room = usize::from(area.width);
    let pairs: Vec<String> = (0..steps.len()).map(|at| series.pair_name(at)).collect();
    let renumbered = steps.iter().any(Step::renumbered);
    let layout = [false, true]
        .into_iter()
        .map(|short| Columns::of(steps, &pairs, short, renumbered))
        .find(|columns| columns.width() <= room)
        .unwrap_or_else(|| Columns::of(steps, &pairs, true, renumbered));
    let mut lines: Vec<(Line, Style)> = Vec::new();
    let heading = format!(
        "Churn from each release to the next{}on screen: pair {} of {}",
        theme.glyphs.separator,
        series.shown + 1,
        series.pairs()
    );
    lines.push((Line::from(heading), theme.heading()));
    lines.push((Line::from(layout.header()), theme.label()));
    let height = usize::from(area.height);
    let visible = height.saturating_sub(2).min(steps.len());
    let offset = selected
        .saturating_sub(visible / 2)
        .min(steps.len() - visible);
    for at in offset..offset + visible {
        let mark = if at == selected { "> " } else { "  " };
        let text = format!("{mark}{}", layout.row(&steps[at], &pairs[at]));
        let style = if at == selected {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push((Line::from(text), style));
    }
    let mut notes = vec![
        "changed: the share of posts added, removed, moved, retitled, given a new holder, vacated or filled".to_owned(),
    ];
    if layout.short {
        notes.push(
            "add added, rem removed, mov moved, ret retitled, hold a new holder, vac vacated or filled"
                .to_owned(),
        );
    }
    if renumbered {
        notes.push("renumbered: most posts matched by content, their ids changed".to_owned());
    }
    let wrap = textwrap::Options::new(room.saturating_sub(2).max(10))
        .initial_indent("  ")
        .subsequent_indent("  ");
    for note in notes {
        for piece in textwrap::wrap(&note, &wrap) {
            lines.push((Line::from(piece.into_owned()), theme.label()));
        }
    }
    let buffer = frame.buffer_mut();
    for (y, (line, style)) in (area.y..area.bottom()).zip(lines) {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        buffer.set_style(row, style);
        buffer.set_line(area.x, y, &line, area.width);
    }
}

/// The churn table's columns: the pair, a count per kind, the share changed and, when a
/// step was renumbered, a column that says which.
struct Columns {
    short: bool,
    renumbered: bool,
    pair: usize,
    counts: Vec<usize>,
    changed: usize,
}

impl Columns {
    fn of(steps: &[Step], pairs: &[String], short: bool, renumbered: bool) -> Self {
        let heading = |at: usize| if short { SHORT[at] } else { CHURN[at].name() };
        let wide = |heading: &str, value: &dyn Fn(&Step) -> String| {
            steps
                .iter()
                .map(|s| width(&value(s)))
                .chain([width(heading)])
                .max()
                .unwrap_or(0)
        };
        Self {
            short,
            renumbered,
            pair: pairs.iter().map(|p| width(p)).max().unwrap_or(0).max(5),
            counts: (0..CHURN.len())
                .map(|at| wide(heading(at), &|s| thousands_of(s.count(CHURN[at]))))
                .collect(),
            changed: wide(if short { "chg" } else { "changed" }, &share),
        }
    }

    /// Columns, marks of the selection included.
    fn width(&self) -> usize {
        2 + self.pair
            + self.counts.iter().map(|w| w + 1).sum::<usize>()
            + self.changed
            + 1
            + if self.renumbered { 11 } else { 0 }
    }

    fn header(&self) -> String {
        let mut text = format!("  {:w$}", "step", w = self.pair);
        for (at, w) in self.counts.iter().enumerate() {
            let heading = if self.short {
                SHORT[at]
            } else {
                CHURN[at].name()
            };
            let _ = write!(text, " {heading:>w$}");
        }
        let changed = if self.short { "chg" } else { "changed" };
        let _ = write!(text, " {changed:>w$}", w = self.changed);
        if self.renumbered {
            text.push_str(" renumbered");
        }
        text
    }

    fn row(&self, step: &Step, pair: &str) -> String {
        let mut text = format!(
            "{pair}{}",
            " ".repeat(self.pair.saturating_sub(width(pair)))
        );
        for (kind, w) in CHURN.iter().zip(&self.counts) {
            let _ = write!(text, " {:>w$}", thousands_of(step.count(*kind)));
        }
        let _ = write!(text, " {:>w$}", share(step), w = self.changed);
        if step.renumbered() {
            text.push_str(" renumbered");
        }
        text
    }
}
