//! The pen: the colours and attributes the terminal writes with, and the shortest SGR
//! sequence that changes one pen into another.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The colours and attributes the terminal writes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pen {
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) underline: Color,
    pub(super) modifier: Modifier,
}

impl Pen {
    pub(super) const PLAIN: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub(super) fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// SGR parameters that set `pen` from nothing (after a reset).
pub(super) fn fresh_pen(pen: Pen) -> String {
    let mut params = vec!["0".to_string()];
    params.extend(modifier_on(pen.modifier));
    for (value, layer) in [
        (pen.fg, Layer::Fore),
        (pen.bg, Layer::Back),
        (pen.underline, Layer::Under),
    ] {
        if value != Color::Reset {
            params.push(colour(value, layer));
        }
    }
    params.join(";")
}

/// SGR parameters that change `from` into `to` step by step.
pub(super) fn pen_change(from: Pen, to: Pen) -> String {
    let mut params = Vec::new();
    let off = from.modifier - to.modifier;
    let mut on = to.modifier - from.modifier;
    // Some attributes are turned off in pairs; turn the one that stays on again.
    for (pair, code) in [
        (Modifier::BOLD | Modifier::DIM, "22"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
    ] {
        if off.intersects(pair) {
            params.push(code.to_string());
            on |= to.modifier & pair;
        }
    }
    for (modifier, code) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if off.contains(modifier) {
            params.push(code.to_string());
        }
    }
    params.extend(modifier_on(on));
    for (from, to, layer) in [
        (from.fg, to.fg, Layer::Fore),
        (from.bg, to.bg, Layer::Back),
        (from.underline, to.underline, Layer::Under),
    ] {
        if from != to {
            params.push(colour(to, layer));
        }
    }
    params.join(";")
}

pub(super) fn modifier_on(modifier: Modifier) -> Vec<String> {
    [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ]
    .into_iter()
    .filter(|(bit, _)| modifier.contains(*bit))
    .map(|(_, code)| code.to_string())
    .collect()
}

#[derive(Clone, Copy)]
pub(super) enum Layer {
    Fore,
    Back,
    Under,
}

/// The SGR parameter that sets `colour` on `layer`.
pub(super) fn colour(colour: Color, layer: Layer) -> String {
    let index = match colour {
        Color::Reset => {
            return match layer {
                Layer::Fore => "39",
                Layer::Back => "49",
                Layer::Under => "59",
            }
            .to_string();
        }
        Color::Indexed(index) => return format!("{};5;{index}", extended(layer)),
        Color::Rgb(r, g, b) => return format!("{};2;{r};{g};{b}", extended(layer)),
        named => named_index(named).unwrap_or_default(),
    };
    // The sixteen named colours have codes of their own, shorter than their index.
    match (layer, index) {
        (Layer::Fore, 0..=7) => (30 + index).to_string(),
        (Layer::Fore, _) => (90 + index - 8).to_string(),
        (Layer::Back, 0..=7) => (40 + index).to_string(),
        (Layer::Back, _) => (100 + index - 8).to_string(),
        (Layer::Under, _) => format!("58;5;{index}"),
    }
}

/// The place of one of the sixteen named colours in the terminal's palette.
pub(super) fn named_index(colour: Color) -> Option<u8> {
    pub(super) const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    (0..)
        .zip(NAMED)
        .find(|&(_, named)| named == colour)
        .map(|(index, _)| index)
}

pub(super) fn extended(layer: Layer) -> &'static str {
    match layer {
        Layer::Fore => "38",
        Layer::Back => "48",
        Layer::Under => "58",
    }
}
