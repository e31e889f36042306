//! The before and after trees side by side: on the left the before chart as it was, on the
//! right the after chart, aligned row by row (see [`crate::tui::side_rows`]). A post that
//! moved out of order stands at its place on each side, and says where it went or came
//! from; the selected post is highlighted on both sides.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::tree::{self, Pane, marker_style};
use crate::org::{Holder, NodeIndex};
use crate::report::thousands_of;
use crate::report::tree::{holder, title};
use crate::text::{Escaped, fit, fit_measured, width};
use crate::tui::app::App;
use crate::tui::compare_screen::{CompareState, Marker};
use crate::tui::layout::{guide_levels, marker_column};
use crate::tui::side_rows::{Left, SideRows};

pub fn draw(frame: &mut Frame, app: &App, headings: Option<Rect>, area: Rect) {
    let Some(compare) = &app.compare else {
        return;
    };
    let theme = app.options.theme;
    let left = Rect {
        width: area.width / 2 - 1,
        ..area
    };
    let right = Rect {
        x: left.right() + 1,
        width: area.width - left.width - 1,
        ..area
    };
    if let Some(line) = headings {
        for (pane, side, name) in [
            (left, "before", &compare.names.0),
            (right, "after", &compare.names.1),
        ] {
            let text = fit(
                &format!("{side}: {}", Escaped(name)),
                usize::from(pane.width),
                theme.glyphs.ellipsis,
            )
            .into_owned();
            frame.buffer_mut().set_line(
                pane.x,
                line.y,
                &Line::from(Span::styled(text, theme.heading())),
                pane.width,
            );
        }
    }
    for y in area.top()..area.bottom() {
        frame
            .buffer_mut()
            .set_string(left.right(), y, theme.glyphs.divider, theme.guide());
    }
    let side = app.side_rows();
    let Some(side) = side.as_ref() else {
        return;
    };
    if side.rows.is_empty() {
        tree::draw(frame, app, right);
        return;
    }
    let start = side.first_shown(app.offset, app.selected, usize::from(area.height));
    let home = side.row_of(app.selected);
    let buffer = frame.buffer_mut();
    for (y, at) in (area.y..area.bottom()).zip(start..side.rows.len()) {
        let row = side.rows[at];
        let here = |pane: Rect| Rect {
            y,
            height: 1,
            ..pane
        };
        if let Some(post) = row.left {
            // The selected post, or the other place of the selected post.
            let selected = (home == Some(at) && row.right.is_none_or(|r| r == app.selected))
                || row.other == Some(app.selected);
            let moved_away = row.right.is_none() && row.home.is_none();
            let (line, text) = left_line(app, compare, side, post, left.width, moved_away);
            tree::set_row(buffer, here(left), &line, selected.then_some(text), app);
        }
        if let Some(r) = row.right
            && let Some(view_row) = app.view.row(r)
        {
            let selected = r == app.selected;
            let (line, text) = tree::row_line(
                app,
                view_row,
                usize::from(right.width),
                selected,
                Pane::After,
            );
            tree::set_row(buffer, here(right), &line, selected.then_some(text), app);
        }
    }
    if app.view.is_empty() {
        tree::draw(frame, app, right);
    }
}

/// A before post's line on the left, and the columns of its marker and text. `moved_away`:
/// the post stands elsewhere on the right (or not there at all), so the line says where it
/// went.
fn left_line(
    app: &App,
    compare: &CompareState,
    side: &SideRows,
    row: Left,
    columns: u16,
    moved_away: bool,
) -> (Line<'static>, Range<usize>) {
    let theme = app.options.theme;
    let glyphs = theme.glyphs;
    let columns = usize::from(columns);
    let before = &compare.before;
    let post = before.post(row.post);
    let merged = compare.merged_node(row.post);
    let marker = compare.marker(merged);

    let mut lead = left_guides(app, compare, side, row, columns);
    lead.push_str(if side.reports(before, row.post).next().is_some() {
        if SideRows::is_open(&app.org, &app.view, compare, row.post) {
            glyphs.open
        } else {
            glyphs.closed
        }
    } else if row.depth > 0 {
        glyphs.leaf
    } else {
        " "
    });
    lead.push(' ');

    let direct = before.reports(row.post).len();
    let counts = if direct > 0 {
        let team = compare.before_teams().team_posts(row.post);
        format!(" [{}/{}]", thousands_of(direct), thousands_of(team))
    } else {
        String::new()
    };
    let (text_style, holder_style) = if marker == Marker::Removed {
        (theme.removed(), theme.removed())
    } else {
        (
            Style::new(),
            match post.holder {
                Holder::Vacant => theme.vacant(),
                Holder::Undisclosed => theme.undisclosed(),
                Holder::Named(_) => theme.holder(),
            },
        )
    };
    let mut parts: Vec<(String, Style)> = vec![
        (format!("{} ", marker.sign()), marker_style(theme, marker)),
        (title(post).to_string(), text_style),
        (" (".into(), Style::new()),
        (holder(post).to_string(), holder_style),
        (")".into(), Style::new()),
    ];
    if moved_away && marker == Marker::Moved {
        parts.push((moved_to(app, merged), theme.moved()));
    }
    let (shown, lead_width) = fit_measured(&lead, columns, glyphs.ellipsis);
    let mut spans = vec![Span::styled(shown.into_owned(), theme.guide())];
    let mut text = marker_column(row.depth, columns).min(lead_width)..lead_width;
    let mut room = columns.saturating_sub(width(&lead) + width(&counts));
    for (part, style) in parts {
        if room == 0 {
            break;
        }
        let (shown, shown_width) = fit_measured(&part, room, glyphs.ellipsis);
        let cut = shown != part.as_str();
        room -= shown_width;
        text.end += shown_width;
        spans.push(Span::styled(shown.into_owned(), style));
        if cut {
            room = 0;
        }
    }
    if !counts.is_empty() {
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(counts, theme.counts()));
    }
    (Line::from(spans), text)
}

/// Where a moved post went: its new manager.
fn moved_to(app: &App, merged: NodeIndex) -> String {
    let arrow = app.options.theme.glyphs.moved_to;
    match app.org.manager(merged) {
        Some(manager) => format!(" {arrow} to {}", title(app.org.post(manager))),
        None => format!(" {arrow} to the top"),
    }
}

/// The guides before a left row's marker, as the tree pane draws them.
fn left_guides(
    app: &App,
    compare: &CompareState,
    side: &SideRows,
    row: Left,
    columns: usize,
) -> String {
    let glyphs = app.options.theme.glyphs;
    let (levels, elided) = guide_levels(row.depth, columns);
    let mut pieces = Vec::with_capacity(levels);
    let mut at = row.post;
    for level in 0..levels {
        let last = side.is_last_sibling(&app.view, compare, at);
        pieces.push(match (level, last) {
            (0, false) => glyphs.branch,
            (0, true) => glyphs.last,
            (_, false) => glyphs.through,
            (_, true) => glyphs.blank,
        });
        match compare.before.manager(at) {
            Some(up) => at = up,
            None => break,
        }
    }
    let mut text = String::with_capacity(levels * 4 + 4);
    if elided {
        text.push_str(glyphs.ellipsis);
        text.push(' ');
    }
    for piece in pieces.iter().rev() {
        text.push_str(piece);
    }
    text
}
