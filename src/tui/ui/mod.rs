//! Drawing: one function per pane, each reading the app and writing its part of the frame.
//! Nothing here changes the app.

mod bars;
mod change_list;
mod details;
mod form;
pub mod layout;
mod overlay;
mod side;
pub(crate) mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let screen = app.screen();
    if screen.too_small {
        let (w, h) = layout::MIN_SIZE;
        let text = format!("too small: need {w}x{h}");
        frame.render_widget(
            Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
            screen.area,
        );
        return;
    }
    bars::title_bar(frame, app, screen.title);
    if let Some(area) = screen.summary {
        if app.compare.is_none() && app.whatif.is_some() {
            form::impact(frame, app, area);
        } else {
            bars::summary(frame, app, area);
        }
    }
    if let Some(area) = screen.breadcrumb {
        bars::breadcrumb(frame, app, area);
    }
    match (app.details, screen.details) {
        (Some(scroll), _) => details::full(frame, app, full_details_area(&screen), scroll),
        (None, beside) => {
            if let Some(list) = &app.change_list {
                change_list::draw(frame, app, list, screen.tree);
            } else if app.side_by_side {
                side::draw(frame, app, screen.headings, screen.tree);
            } else {
                tree::draw(frame, app, screen.tree);
            }
            if let Some(beside) = beside {
                details::beside(frame, app, beside);
            }
        }
    }
    bars::status(frame, app, screen.status);
    if let Some(choice) = &app.dotted {
        overlay::dotted(frame, app, choice, screen.area);
    }
    // A question about a form (write over this file?) stands in its place.
    if let (Some(open), None) = (&app.form, &app.choice) {
        form::form(frame, app, open, screen.area);
    }
    if let Some(question) = &app.choice {
        form::choice(frame, app, question, screen.area);
    }
    if let Some(scroll) = app.help {
        overlay::help(frame, app, scroll, screen.area);
    }
}

/// How many rows the impact line of a what-if takes at the app's width.
#[must_use]
pub fn impact_rows(app: &App) -> u16 {
    form::impact_rows(app)
}

/// Where the details go when shown full screen: the tree's place and the pane beside it.
fn full_details_area(screen: &layout::Screen) -> Rect {
    screen
        .details
        .map_or(screen.tree, |beside| screen.tree.union(beside))
}

/// How far the details shown full screen can scroll at the app's size.
#[must_use]
pub fn most_details_scroll(app: &App) -> u16 {
    details::most_scroll(app, full_details_area(&app.screen()))
}

/// How far the help can scroll at the app's size.
#[must_use]
pub fn most_help_scroll(app: &App) -> u16 {
    overlay::most_help_scroll(app, app.screen().area)
}

/// A box of at most `width` by `height` in the middle of `area`, leaving a margin of two
/// columns and a row where it can.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width
        .min(area.width.saturating_sub(4))
        .max(area.width.min(4));
    let height = height
        .min(area.height.saturating_sub(2))
        .max(area.height.min(3));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
