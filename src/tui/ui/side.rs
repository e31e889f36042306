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
use crate::org::NodeIndex;
use crate::report::tree::{holder, title};
use crate::text::{Escaped, fit};
use crate::tui::app::App;
use crate::tui::compare_screen::{CompareState, Marker};
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

    let mut lead = tree::guide_text(
        theme,
        row.post,
        row.depth,
        columns,
        |at| side.is_last_sibling(&app.view, compare, at),
        |at| before.manager(at),
    );
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

    let counts = tree::counts_text(
        before.reports(row.post).len(),
        compare.before_teams().team_posts(row.post),
    );
    let (text_style, holder_style) = if marker == Marker::Removed {
        (theme.removed(), theme.removed())
    } else {
        (Style::new(), tree::holder_style(theme, &post.holder))
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
    tree::lay_out(theme, &lead, row.depth, columns, parts, counts, false)
}

/// Where a moved post went: its new manager.
fn moved_to(app: &App, merged: NodeIndex) -> String {
    let arrow = app.options.theme.glyphs.moved_to;
    match app.org.manager(merged) {
        Some(manager) => format!(" {arrow} to {}", title(app.org.post(manager))),
        None => format!(" {arrow} to the top"),
    }
}
