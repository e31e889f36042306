//! Drawing: one function per pane, each reading the app and writing its part of the frame.
//! Nothing here changes the app.

mod bars;
mod details;
pub mod layout;
mod overlay;
pub(crate) mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;

pub use details::lines as details_lines;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let screen = app.screen();
    if screen.too_small {
        let (w, h) = layout::MIN_SIZE;
        let text = format!("terminal too small: {w}x{h} at least");
        frame.render_widget(
            Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
            screen.area,
        );
        return;
    }
    bars::title_bar(frame, app, screen.title);
    if let Some(area) = screen.breadcrumb {
        bars::breadcrumb(frame, app, area);
    }
    match app.details {
        Some(scroll) => details::full(frame, app, screen.tree, scroll),
        None => tree::draw(frame, app, screen.tree),
    }
    if let Some(area) = screen.details {
        details::beside(frame, app, area);
    }
    bars::status(frame, app, screen.status);
    if let Some(choice) = &app.dotted {
        overlay::dotted(frame, app, choice, screen.area);
    }
    if let Some(scroll) = app.help {
        overlay::help(frame, app, scroll, screen.area);
    }
}

/// `area` less `margin` columns on each side and rows at top and bottom.
fn inset(area: Rect, columns: u16, rows: u16) -> Rect {
    Rect {
        x: area.x + columns.min(area.width / 2),
        y: area.y + rows.min(area.height / 2),
        width: area.width.saturating_sub(2 * columns),
        height: area.height.saturating_sub(2 * rows),
    }
}
