//! The before and after trees side by side: the rows of the merged tree, each drawn twice,
//! the before post on the left (at its place in the before chart) and the after post on the
//! right, so that a post matched in both stands on the same row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::tree::{self, marker_style};
use crate::report::tree::{holder, title};
use crate::text::{Escaped, fit, width};
use crate::tui::app::App;
use crate::tui::compare_screen::Marker;

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
    tree::draw_after(frame, app, right);
    let before = &compare.before;
    let rows = app.rows_on_screen(area.height);
    let buffer = frame.buffer_mut();
    for (y, (at, row)) in (area.y..).zip(rows) {
        let Some(b) = compare.before_post(row.node) else {
            continue;
        };
        let post = before.post(b);
        let depth = before.chain_to_top(b).count();
        let marker = compare.marker(row.node);
        let indent = " ".repeat((depth * 2).min(usize::from(left.width) / 2));
        let sign = format!("{} ", marker.sign());
        let room = usize::from(left.width).saturating_sub(width(&indent) + width(&sign));
        let text = fit(
            &format!("{} ({})", title(post), holder(post)),
            room,
            theme.glyphs.ellipsis,
        )
        .into_owned();
        let selected = at == app.selected;
        let text_style = if marker == Marker::Removed && !selected {
            theme.removed()
        } else {
            Style::new()
        };
        let sign_style = if selected {
            Style::new()
        } else {
            marker_style(theme, marker)
        };
        let start = left.x + u16::try_from(indent.len()).unwrap_or(0);
        let line = Line::from(vec![
            Span::raw(indent),
            Span::styled(sign, sign_style),
            Span::styled(text.clone(), text_style),
        ]);
        buffer.set_line(left.x, y, &line, left.width);
        if selected {
            let end = start + u16::try_from(2 + width(&text)).unwrap_or(0);
            buffer.set_style(
                Rect {
                    x: start,
                    y,
                    width: end.min(left.right()).saturating_sub(start),
                    height: 1,
                },
                theme.selected(),
            );
        }
    }
}
