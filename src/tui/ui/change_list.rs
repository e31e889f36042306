//! The list of changes of the compare screen: one line a change, in tree order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::tree::marker_style;
use crate::text::fit;
use crate::tui::app::{App, ChangeList};
use crate::tui::compare_screen::Marker;

pub fn draw(frame: &mut Frame, app: &App, list: &ChangeList, area: Rect) {
    let Some(compare) = &app.compare else {
        return;
    };
    let theme = app.options.theme;
    let diff = compare.diff(&app.org);
    let changes = &compare.comparison.changes;
    let buffer = frame.buffer_mut();
    for (y, at) in (area.y..area.bottom()).zip(list.offset..changes.len()) {
        let change = &changes[at];
        let marker = Marker::of(change.kind());
        let kind = format!("{:<9}", change.kind().name());
        let room = usize::from(area.width).saturating_sub(2 + kind.len());
        let text = fit(&diff.line(change), room, theme.glyphs.ellipsis).into_owned();
        let selected = at == list.selected;
        let plain = |style: Style| if selected { Style::new() } else { style };
        let line = Line::from(vec![
            Span::styled(
                format!("{} ", marker.sign()),
                plain(marker_style(theme, marker)),
            ),
            Span::styled(kind, plain(theme.label())),
            Span::raw(text),
        ]);
        buffer.set_line(area.x, y, &line, area.width);
        if selected {
            buffer.set_style(
                Rect {
                    height: 1,
                    y,
                    ..area
                },
                theme.selected(),
            );
        }
    }
}
