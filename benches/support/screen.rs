//! What the screen benchmarks share: the app's options and a terminal that keeps the bytes
//! of each frame in memory.

use orgtree::tui::app::{App, Options};
use orgtree::tui::backend::FrugalBackend;
use orgtree::tui::theme::Theme;
use orgtree::tui::ui;
use ratatui::Terminal;

pub type Screen = Terminal<FrugalBackend<Vec<u8>>>;

pub fn options() -> Options {
    Options::plain("generated", Theme::new(true, false))
}

/// A terminal of `size` whose output goes to memory.
pub fn screen(size: (u16, u16)) -> Screen {
    Terminal::new(FrugalBackend::with_size(Vec::new(), size.0, size.1)).unwrap()
}

/// One frame drawn and encoded, as the program sends it.
pub fn draw(screen: &mut Screen, app: &App) {
    screen.backend_mut().writer_mut().clear();
    screen.draw(|frame| ui::draw(frame, app)).unwrap();
}
