//! The bytes terminals send for each key orgtree uses, for the mouse and for pastes, read
//! into crossterm's events (`keys`); and junk of every kind, after which the keys still
//! work (`junk`).

mod junk;
mod keys;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::Parser;

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// Every event `bytes` give, read in one piece, with nothing more after them.
fn read(bytes: &[u8]) -> Vec<Event> {
    let mut parser = Parser::default();
    parser.advance(bytes);
    parser.pause();
    drain(&mut parser)
}

fn drain(parser: &mut Parser) -> Vec<Event> {
    std::iter::from_fn(|| parser.next_event()).collect()
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn char_key(c: char) -> Event {
    let modifiers = if c.is_uppercase() { SHIFT } else { NONE };
    key(KeyCode::Char(c), modifiers)
}

fn text(text: &str) -> Vec<Event> {
    text.chars().map(char_key).collect()
}

fn mouse(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    })
}
