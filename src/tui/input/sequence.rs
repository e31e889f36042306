//! What a whole control sequence from the terminal means: a key with its modifiers, a mouse
//! report, a change of focus. The encodings are xterm's, with those of rxvt, the Linux
//! console and the `CSI u` of fixterms and kitty; the events are crossterm's, read the way
//! crossterm reads them.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// How a sequence starts after its ESC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Introducer {
    /// `ESC [`: a control sequence.
    Csi,
    /// `ESC O`: a single shift, which some terminals use for arrows and F1 to F4.
    Ss3,
}

/// One parameter: its value and its first sub-parameter (after `:`), either absent.
#[derive(Clone, Copy, Debug, Default)]
struct Parameter {
    value: Option<u32>,
    sub: Option<u32>,
}

/// The event of the sequence `introducer`, `body` (its parameter and intermediate bytes)
/// and `last` (its final byte), or `None` for one orgtree does not know.
pub fn event(introducer: Introducer, body: &[u8], last: u8) -> Option<Event> {
    // No sequence a key or the mouse sends has intermediate bytes.
    if body.iter().any(|byte| (0x20..=0x2f).contains(byte)) {
        return None;
    }
    let (private, body) = match body.first() {
        Some(&marker @ b'<'..=b'?') => (Some(marker), &body[1..]),
        _ => (None, body),
    };
    let parameters = parameters(body)?;
    let value = |index: usize| parameters.get(index).and_then(|p| p.value);
    match (introducer, private, last) {
        (Introducer::Csi, Some(b'<'), b'M' | b'm') => {
            let (kind, modifiers) = mouse_button(value(0)?)?;
            let kind = match (kind, last) {
                (MouseEventKind::Down(button), b'm') => MouseEventKind::Up(button),
                (kind, _) => kind,
            };
            Some(mouse(kind, modifiers, value(1)?, value(2)?))
        }
        (_, Some(_), _) => None,
        (Introducer::Csi, None, b'M') => {
            let (kind, modifiers) = mouse_button(value(0)?.checked_sub(32)?)?;
            Some(mouse(kind, modifiers, value(1)?, value(2)?))
        }
        (Introducer::Csi, None, b'I') if parameters.is_empty() => Some(Event::FocusGained),
        (Introducer::Csi, None, b'O') if parameters.is_empty() => Some(Event::FocusLost),
        (Introducer::Csi, None, b'~') => {
            let code = match value(0)? {
                // xterm's modifyOtherKeys: `CSI 27 ; modifiers ; code ~`.
                27 => return key_of_codepoint(value(2)?, modifier_parameter(&parameters, 1)),
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                n @ 11..=15 => function(n - 10),
                n @ 17..=21 => function(n - 11),
                n @ 23..=26 => function(n - 12),
                n @ 28..=29 => function(n - 15),
                n @ 31..=34 => function(n - 17),
                _ => return None,
            };
            Some(Event::Key(key(code, modifier_parameter(&parameters, 1))))
        }
        (Introducer::Csi, None, b'u') => {
            key_of_codepoint(value(0)?, modifier_parameter(&parameters, 1))
        }
        (Introducer::Csi, None, b'Z') => {
            let mut back_tab = key(KeyCode::BackTab, modifier_parameter(&parameters, 1));
            back_tab.modifiers |= KeyModifiers::SHIFT;
            Some(Event::Key(back_tab))
        }
        // A report of where the cursor is (`CSI row ; column R`), which orgtree never asks
        // for; F3 with modifiers is `CSI 1 ; modifiers R`.
        (Introducer::Csi, None, b'R') if value(0).is_some_and(|row| row != 1) => None,
        (Introducer::Csi, None, _) => Some(Event::Key(key(
            cursor_key(last)?,
            modifier_parameter(&parameters, 1),
        ))),
        // Some terminals send the modifiers of `ESC O` keys as its only parameter.
        (Introducer::Ss3, None, _) => Some(Event::Key(key(
            cursor_key(last)?,
            parameters.last().copied().unwrap_or_default(),
        ))),
    }
}

/// A mouse report in the X10 form: the three bytes after `ESC [ M`, each 32 more than its
/// value, the column and row counted from 1.
pub fn x10_mouse(report: [u8; 3]) -> Option<Event> {
    let [button, column, row] = report.map(u32::from);
    let (kind, modifiers) = mouse_button(button.checked_sub(32)?)?;
    Some(mouse(
        kind,
        modifiers,
        column.saturating_sub(32),
        row.saturating_sub(32),
    ))
}

/// The parameters of a body without its private marker: numbers separated by `;`, each
/// with sub-parameters after `:`. `None` if a byte other than a digit, `;` or `:` is there.
fn parameters(body: &[u8]) -> Option<Vec<Parameter>> {
    if body.is_empty() {
        return Some(Vec::new());
    }
    if !body
        .iter()
        .all(|&byte| byte.is_ascii_digit() || byte == b';' || byte == b':')
    {
        return None;
    }
    let parameters = body.split(|&byte| byte == b';').map(|parameter| {
        let mut parts = parameter.split(|&byte| byte == b':');
        Parameter {
            value: parts.next().and_then(number),
            sub: parts.next().and_then(number),
        }
    });
    Some(parameters.collect())
}

/// Decimal digits as a number, as large as `u32` holds; `None` for none.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    Some(digits.iter().fold(0u32, |number, &digit| {
        number
            .saturating_mul(10)
            .saturating_add(u32::from(digit - b'0'))
    }))
}

/// The modifier parameter at `index`, or none.
fn modifier_parameter(parameters: &[Parameter], index: usize) -> Parameter {
    parameters.get(index).copied().unwrap_or_default()
}

fn cursor_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(last - b'P' + 1),
        _ => return None,
    })
}

fn function(number: u32) -> KeyCode {
    KeyCode::F(u8::try_from(number).unwrap_or(u8::MAX))
}

/// A key with the modifiers and the kind (press, repeat, release) of `modifiers`, which
/// gives 1 plus a bit each for Shift, Alt, Ctrl, Super, Hyper and Meta.
fn key(code: KeyCode, modifiers: Parameter) -> KeyEvent {
    let bits = modifiers.value.unwrap_or(1).saturating_sub(1);
    let mut held = KeyModifiers::NONE;
    for (bit, modifier) in [
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL,
        KeyModifiers::SUPER,
        KeyModifiers::HYPER,
        KeyModifiers::META,
    ]
    .into_iter()
    .enumerate()
    {
        if bits & (1 << bit) != 0 {
            held |= modifier;
        }
    }
    let kind = match modifiers.sub {
        Some(2) => KeyEventKind::Repeat,
        Some(3) => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    };
    KeyEvent::new_with_kind(code, held, kind)
}

/// A key given by its Unicode code point, as `CSI u` and modifyOtherKeys give it.
fn key_of_codepoint(codepoint: u32, modifiers: Parameter) -> Option<Event> {
    let code = match codepoint {
        9 => KeyCode::Tab,
        13 => KeyCode::Enter,
        27 => KeyCode::Esc,
        8 | 127 => KeyCode::Backspace,
        _ => KeyCode::Char(char::from_u32(codepoint).filter(|c| !c.is_control())?),
    };
    let mut key = key(code, modifiers);
    if key.code == KeyCode::Tab && key.modifiers.contains(KeyModifiers::SHIFT) {
        key.code = KeyCode::BackTab;
    }
    if let KeyCode::Char(c) = key.code
        && c.is_uppercase()
    {
        key.modifiers |= KeyModifiers::SHIFT;
    }
    Some(Event::Key(key))
}

/// The button byte of a mouse report: which button, pressed, dragged or moved, or the wheel,
/// with the modifiers held.
fn mouse_button(button: u32) -> Option<(MouseEventKind, KeyModifiers)> {
    let button = u8::try_from(button).ok()?;
    let number = (button & 0b0000_0011) | ((button & 0b1100_0000) >> 4);
    let dragging = button & 0b0010_0000 != 0;
    let kind = match (number, dragging) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (0b0000_0100, KeyModifiers::SHIFT),
        (0b0000_1000, KeyModifiers::ALT),
        (0b0001_0000, KeyModifiers::CONTROL),
    ] {
        if button & bit != 0 {
            modifiers |= modifier;
        }
    }
    Some((kind, modifiers))
}

/// A mouse event at a column and a row counted from 1.
fn mouse(kind: MouseEventKind, modifiers: KeyModifiers, column: u32, row: u32) -> Event {
    let from_zero = |n: u32| u16::try_from(n.saturating_sub(1)).unwrap_or(u16::MAX);
    Event::Mouse(MouseEvent {
        kind,
        column: from_zero(column),
        row: from_zero(row),
        modifiers,
    })
}
