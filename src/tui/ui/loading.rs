//! The box shown while the chart is read, before its first frame: the step, how far it has
//! got (with a bar when the whole is known), and the key that stops it.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};

use super::centred;
use super::overlay::border_for;
use crate::progress::Snapshot;

/// Draws the progress of `shown` in a box in the middle of the screen.
pub fn draw(frame: &mut Frame, shown: &Snapshot, ascii: bool) {
    let area = centred(frame.area(), 64, 5);
    let inner = usize::from(area.width.saturating_sub(4));
    let mut lines = vec![Line::from(shown.line(inner))];
    if let Some(fraction) = shown.fraction() {
        lines.push(Line::from(bar(fraction, inner)));
    }
    lines.push(Line::from("Ctrl-C stops"));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border_for(ascii))
        .padding(Padding::horizontal(1))
        .title(" orgtree ");
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A bar `width` columns wide, filled for `fraction` of it, in ASCII so that it reads on any
/// terminal and without colour: `[#####.....]`.
fn bar(fraction: f64, width: usize) -> String {
    let inside = width.saturating_sub(2);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let filled = ((fraction.clamp(0.0, 1.0) * inside as f64) as usize).min(inside);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(inside - filled))
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn the_bar_fills_its_share_of_the_width() {
        assert_eq!(bar(0.0, 12), "[..........]");
        assert_eq!(bar(0.5, 12), "[#####.....]");
        assert_eq!(bar(1.0, 12), "[##########]");
        assert_eq!(bar(2.0, 4), "[##]");
        assert_eq!(bar(0.5, 1), "[]");
    }
}
