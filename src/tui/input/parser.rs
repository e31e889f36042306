//! Terminal input bytes to events, one byte at a time, by the grammar of ECMA-48: a control
//! sequence is `ESC [`, parameter bytes (0x30-0x3F), intermediate bytes (0x20-0x2F) and one
//! final byte (0x40-0x7E). Any other byte ends a sequence as invalid and is then read as
//! ordinary input, so a sequence always ends; one cut off is given up after a pause (see
//! [`Parser::waiting`]), and how much of a sequence or a paste is kept is capped.

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::sequence::{self, Introducer};

/// How long the rest of an escape sequence or of a character may take to come. A terminal
/// sends a sequence at once, so a pause this long means it was cut off, or that Esc was
/// pressed alone.
pub const SEQUENCE_PAUSE: Duration = Duration::from_millis(50);
/// How long a bracketed paste may pause before it is taken to have ended without its end
/// marker.
pub const PASTE_PAUSE: Duration = Duration::from_millis(500);
/// The most parameter and intermediate bytes a control sequence keeps; a longer one is read
/// to its end and dropped.
const LONGEST_SEQUENCE: usize = 64;
/// The most bytes of a paste kept; the rest is read to the paste's end and dropped.
const LONGEST_PASTE: usize = 1 << 20;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"200";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Where the parser is in what the terminal sends.
#[derive(Debug)]
enum State {
    /// Between events.
    Ground,
    /// After ESC: the Esc key alone, a sequence, or Alt with a key.
    Escape,
    /// After ESC ESC: the Esc key, then another Esc or Alt with a sequence.
    EscapeEscape,
    /// Some of the bytes of a UTF-8 character; `alt` after ESC.
    Char {
        bytes: [u8; 4],
        len: usize,
        alt: bool,
    },
    /// A control sequence or a single shift, with the bytes after its introducer.
    Sequence {
        introducer: Introducer,
        alt: bool,
        body: Vec<u8>,
        intermediate: bool,
        overlong: bool,
    },
    /// A mouse report in the X10 form: `ESC [ M` and three bytes of any value.
    X10Mouse { bytes: [u8; 3], len: usize },
    /// `ESC [ [` of the Linux console: a letter gives F1 to F5.
    LinuxFunction,
    /// Inside a bracketed paste, with how much of its end marker has been read.
    Paste { text: Vec<u8>, end: usize },
}

/// Whether a byte was taken, or ended what came before it and must be read again.
enum Step {
    Taken,
    Again,
}

/// Turns the bytes a terminal sends into events. Feed it with [`Parser::advance`], take
/// events with [`Parser::next_event`], and call [`Parser::pause`] when nothing more has come for
/// [`Parser::waiting`].
#[derive(Debug)]
pub struct Parser {
    state: State,
    events: VecDeque<Event>,
}

impl Default for Parser {
    fn default() -> Self {
        Self {
            state: State::Ground,
            events: VecDeque::new(),
        }
    }
}

impl Parser {
    /// Reads `bytes`; the events they complete wait in [`Parser::next_event`].
    pub fn advance(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            while let Step::Again = self.step(byte) {}
        }
    }

    /// The oldest event read and not yet taken.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// How long to wait for more before [`Parser::pause`]: `None` when nothing is unfinished.
    pub fn waiting(&self) -> Option<Duration> {
        match self.state {
            State::Ground => None,
            State::Paste { .. } => Some(PASTE_PAUSE),
            _ => Some(SEQUENCE_PAUSE),
        }
    }

    /// Nothing more came: ends what is unfinished. A lone ESC is the Esc key, `ESC [` and
    /// `ESC O` are Alt with that key, a paste ends with what it has; anything else cut off
    /// is dropped.
    pub fn pause(&mut self) {
        match std::mem::replace(&mut self.state, State::Ground) {
            State::Escape => self.key(KeyCode::Esc, KeyModifiers::NONE),
            State::EscapeEscape => {
                self.key(KeyCode::Esc, KeyModifiers::NONE);
                self.key(KeyCode::Esc, KeyModifiers::NONE);
            }
            State::Sequence {
                introducer,
                alt,
                body,
                ..
            } if body.is_empty() => {
                if alt {
                    self.key(KeyCode::Esc, KeyModifiers::NONE);
                }
                let letter = match introducer {
                    Introducer::Csi => '[',
                    Introducer::Ss3 => 'O',
                };
                self.push(char_key(letter, true));
            }
            State::Paste { text, .. } => self.paste(&text),
            _ => {}
        }
    }

    /// How many bytes the parser holds of what is unfinished.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        match &self.state {
            State::Sequence { body, .. } => body.len(),
            State::Paste { text, .. } => text.len(),
            _ => 0,
        }
    }

    fn step(&mut self, byte: u8) -> Step {
        match &mut self.state {
            State::Ground => {
                if byte == ESC {
                    self.state = State::Escape;
                } else {
                    self.ordinary(byte, false);
                }
            }
            State::Escape => match byte {
                b'[' => self.state = State::sequence(Introducer::Csi, false),
                b'O' => self.state = State::sequence(Introducer::Ss3, false),
                ESC => self.state = State::EscapeEscape,
                _ => {
                    self.state = State::Ground;
                    self.ordinary(byte, true);
                }
            },
            State::EscapeEscape => match byte {
                b'[' => self.state = State::sequence(Introducer::Csi, true),
                b'O' => self.state = State::sequence(Introducer::Ss3, true),
                _ => {
                    self.key(KeyCode::Esc, KeyModifiers::NONE);
                    self.state = State::Escape;
                    return Step::Again;
                }
            },
            State::Char { bytes, len, alt } => {
                bytes[*len] = byte;
                *len += 1;
                match std::str::from_utf8(&bytes[..*len]) {
                    Ok(text) => {
                        let c = text.chars().next().unwrap_or_default();
                        let key = char_key(c, *alt);
                        self.state = State::Ground;
                        self.push(key);
                    }
                    // Still a valid start of a character.
                    Err(error) if error.error_len().is_none() => {}
                    // What came before was a valid start: this byte is what does not fit.
                    Err(_) => {
                        self.state = State::Ground;
                        return Step::Again;
                    }
                }
            }
            State::Sequence {
                introducer,
                alt,
                body,
                intermediate,
                overlong,
            } => match byte {
                0x30..=0x3f if !*intermediate => keep(body, overlong, byte),
                0x20..=0x2f => {
                    *intermediate = true;
                    keep(body, overlong, byte);
                }
                0x40..=0x7e => {
                    let (introducer, alt, overlong) = (*introducer, *alt, *overlong);
                    let body = std::mem::take(body);
                    self.state = State::Ground;
                    if !overlong {
                        self.sequence(introducer, alt, &body, byte);
                    }
                }
                _ => {
                    self.state = State::Ground;
                    return Step::Again;
                }
            },
            State::X10Mouse { bytes, len } => {
                bytes[*len] = byte;
                *len += 1;
                if *len == bytes.len() {
                    let report = *bytes;
                    self.state = State::Ground;
                    self.events.extend(sequence::x10_mouse(report));
                }
            }
            State::LinuxFunction => {
                self.state = State::Ground;
                match byte {
                    b'A'..=b'E' => self.key(KeyCode::F(byte - b'A' + 1), KeyModifiers::NONE),
                    _ => return Step::Again,
                }
            }
            State::Paste { text, end } => {
                if byte == PASTE_END[*end] {
                    *end += 1;
                    if *end == PASTE_END.len() {
                        let text = std::mem::take(text);
                        self.state = State::Ground;
                        self.paste(&text);
                    }
                } else {
                    // What looked like the end marker was text after all.
                    for &part in &PASTE_END[..*end] {
                        keep_pasted(text, part);
                    }
                    if byte == ESC {
                        *end = 1;
                    } else {
                        *end = 0;
                        keep_pasted(text, byte);
                    }
                }
            }
        }
        Step::Taken
    }

    /// A byte outside any sequence: a control key, a printable character, or the start of
    /// a character of more bytes. Bytes that cannot start a UTF-8 character are dropped.
    fn ordinary(&mut self, byte: u8, alt: bool) {
        if byte.is_ascii() {
            let mut key = ascii_key(byte);
            if alt {
                key.modifiers |= KeyModifiers::ALT;
            }
            self.push(key);
        } else if matches!(byte, 0xc2..=0xf4) {
            self.state = State::Char {
                bytes: [byte, 0, 0, 0],
                len: 1,
                alt,
            };
        }
    }

    /// A whole sequence: what it means, or nothing if orgtree does not know it.
    fn sequence(&mut self, introducer: Introducer, alt: bool, body: &[u8], last: u8) {
        match (introducer, body, last) {
            (Introducer::Csi, [], b'M') => {
                self.state = State::X10Mouse {
                    bytes: [0; 3],
                    len: 0,
                }
            }
            (Introducer::Csi, [], b'[') => self.state = State::LinuxFunction,
            (Introducer::Csi, PASTE_START, b'~') => {
                self.state = State::Paste {
                    text: Vec::new(),
                    end: 0,
                };
            }
            _ => match sequence::event(introducer, body, last) {
                Some(Event::Key(mut key)) => {
                    if alt {
                        key.modifiers |= KeyModifiers::ALT;
                    }
                    self.push(key);
                }
                Some(event) => self.events.push_back(event),
                None => {}
            },
        }
    }

    fn paste(&mut self, text: &[u8]) {
        let text = String::from_utf8_lossy(text).into_owned();
        self.events.push_back(Event::Paste(text));
    }

    fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.push(KeyEvent::new(code, modifiers));
    }

    fn push(&mut self, key: KeyEvent) {
        self.events.push_back(Event::Key(key));
    }
}

impl State {
    fn sequence(introducer: Introducer, alt: bool) -> Self {
        State::Sequence {
            introducer,
            alt,
            body: Vec::new(),
            intermediate: false,
            overlong: false,
        }
    }
}

fn keep(body: &mut Vec<u8>, overlong: &mut bool, byte: u8) {
    if body.len() < LONGEST_SEQUENCE {
        body.push(byte);
    } else {
        *overlong = true;
    }
}

fn keep_pasted(text: &mut Vec<u8>, byte: u8) {
    if text.len() < LONGEST_PASTE {
        text.push(byte);
    }
}

/// The key of an ASCII byte other than ESC, as crossterm reads it in raw mode.
fn ascii_key(byte: u8) -> KeyEvent {
    let ctrl = |c: u8| KeyEvent::new(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL);
    match byte {
        b'\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        0 => ctrl(b' '),
        0x01..=0x1a => ctrl(byte - 0x01 + b'a'),
        0x1c..=0x1f => ctrl(byte - 0x1c + b'4'),
        _ => char_key(char::from(byte), false),
    }
}

/// A character key: Shift with a capital, as crossterm reports it.
pub(super) fn char_key(c: char, alt: bool) -> KeyEvent {
    let mut modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    if alt {
        modifiers |= KeyModifiers::ALT;
    }
    KeyEvent::new(KeyCode::Char(c), modifiers)
}
