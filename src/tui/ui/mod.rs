//! Drawing: one function per pane, each reading the app and writing its part of the frame.
//! Nothing here changes the app's state; a draw only records what it found out that the next
//! update needs (how far a wrapped text can scroll), in `app.drawn`.

mod bars;
mod change_list;
mod details;
mod form;
pub mod loading;
mod overlay;
mod side;
mod timeline;
pub(crate) mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::layout;
use super::overlay::Overlay;

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
    let timeline = app.overlays.timeline().zip(app.series.as_ref());
    match (app.details(), timeline, screen.details) {
        (Some(scroll), _, _) => {
            let area = full_details_area(&screen);
            let most = details::full(frame, app, area, scroll);
            app.drawn.details_most.set(most);
        }
        (None, Some((step, series)), _) => {
            timeline::draw(frame, app, series, step, full_details_area(&screen));
        }
        (None, None, beside) => {
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
    // The overlays, each over the ones opened before it. The full-screen details are drawn
    // above in the tree's place, and the prompt in the status bar.
    for (i, open) in app.overlays.iter().enumerate() {
        match open {
            Overlay::Dotted(choice) => overlay::dotted(frame, app, choice, screen.area),
            // A question about a form (write over this file?) stands in its place.
            Overlay::Form(open)
                if !app
                    .overlays
                    .iter()
                    .skip(i + 1)
                    .any(|above| matches!(above, Overlay::Choice(_))) =>
            {
                form::form(frame, app, open, screen.area);
            }
            Overlay::Choice(question) => form::choice(frame, app, question, screen.area),
            Overlay::Help { scroll } => {
                let most = overlay::help(frame, app, *scroll, screen.area);
                app.drawn.help_most.set(most);
            }
            Overlay::Form(_)
            | Overlay::Details { .. }
            | Overlay::Prompt(_)
            | Overlay::Timeline { .. } => {}
        }
    }
}

/// Where the details go when shown full screen: the tree's place and the pane beside it.
fn full_details_area(screen: &layout::Screen) -> Rect {
    screen
        .details
        .map_or(screen.tree, |beside| screen.tree.union(beside))
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
