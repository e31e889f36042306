//! The frugal backend checked by a terminal emulator: every frame it sends shows exactly
//! what ratatui drew, in fewer bytes than a redraw.

use std::num::NonZeroU16;

use proptest::prelude::*;
use ratatui::style::Style;

use ratatui::style::{Color, Modifier};

use super::pen::named_index;
use super::*;

/// Draws each frame in turn and checks, with a terminal emulator reading the bytes,
/// that the screen shows it; the bytes each frame took.
fn draw_checked(frames: &[Buffer]) -> Vec<usize> {
    let area = frames[0].area;
    let mut backend = FrugalBackend::with_size(Vec::new(), area.width, area.height);
    let mut terminal = vt100::Parser::new(
        NonZeroU16::new(area.height).unwrap(),
        NonZeroU16::new(area.width).unwrap(),
        0,
    );
    let mut sizes = Vec::new();
    for frame in frames {
        let before = backend.out.len();
        let changed = changed_cells(&backend.screen.shown, frame);
        backend.update(frame.clone(), changed).unwrap();
        terminal.process(&backend.out[before..]);
        sizes.push(backend.out.len() - before);
        assert_shows(&terminal, frame);
    }
    sizes
}

fn vt100_colour(colour: Color) -> vt100::Color {
    match colour {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(index) => vt100::Color::Idx(index),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        named => vt100::Color::Idx(named_index(named).unwrap()),
    }
}

fn assert_shows(terminal: &vt100::Parser, frame: &Buffer) {
    let screen = terminal.screen();
    for y in 0..frame.area.height {
        for x in 0..frame.area.width {
            let want = &frame[(x, y)];
            let have = screen.cell(y, x).unwrap();
            if have.is_wide_continuation() {
                continue;
            }
            let text = if have.has_contents() {
                have.contents()
            } else {
                " "
            };
            let seen = (
                text,
                have.fgcolor(),
                have.bgcolor(),
                have.bold(),
                have.italic(),
                have.underline(),
                have.inverse(),
            );
            let wanted = (
                want.symbol(),
                vt100_colour(want.fg),
                vt100_colour(want.bg),
                want.modifier.contains(Modifier::BOLD),
                want.modifier.contains(Modifier::ITALIC),
                want.modifier.contains(Modifier::UNDERLINED),
                want.modifier.contains(Modifier::REVERSED),
            );
            assert_eq!(seen, wanted, "at column {x}, row {y}");
        }
    }
}

fn frame(lines: &[(&str, Style)], width: u16) -> Buffer {
    let height = u16::try_from(lines.len()).unwrap();
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    for (y, (text, style)) in (0..).zip(lines) {
        buffer.set_string(0, y, text, *style);
    }
    buffer
}

/// A tree of `rows` rows from row `first` on, each row's text its number; the `selected`
/// one highlighted over its text.
fn tree(first: usize, rows: usize, selected: usize) -> Buffer {
    let lines: Vec<(String, Style)> = (first..first + rows)
        .map(|n| {
            let style = if n == selected {
                Style::new().bg(Color::Blue).fg(Color::White)
            } else {
                Style::new().fg(Color::DarkGray)
            };
            (format!("├── Post number {n} (Holder {n})"), style)
        })
        .collect();
    let lines: Vec<(&str, Style)> = lines.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    frame(&lines, 80)
}

#[test]
fn moving_a_highlight_rewrites_the_two_rows_and_nothing_else() {
    let sizes = draw_checked(&[tree(0, 22, 5), tree(0, 22, 6)]);
    assert!(sizes[1] < 120, "{} bytes", sizes[1]);
}

#[test]
fn rows_moved_up_by_one_are_scrolled_not_drawn_again() {
    let sizes = draw_checked(&[tree(0, 22, 21), tree(1, 22, 22)]);
    // The margins, the scroll, the new bottom row and the old highlight.
    assert!(sizes[1] < 200, "{} bytes", sizes[1]);
    let full = draw_checked(&[tree(0, 22, 21)])[0];
    assert!(full > 700, "{full} bytes for a whole screen");
}

#[test]
fn rows_moved_down_and_by_half_a_screen_are_scrolled_too() {
    let sizes = draw_checked(&[tree(30, 22, 30), tree(29, 22, 29), tree(18, 22, 18)]);
    assert!(sizes[1] < 200, "{} bytes", sizes[1]);
    assert!(sizes[2] < 900, "{} bytes", sizes[2]);
}

#[test]
fn the_cursor_is_shown_again_after_the_screen_was_cleared() {
    let mut backend = FrugalBackend::with_size(Vec::new(), 10, 2);
    backend.show_cursor().unwrap();
    backend.show_cursor().unwrap();
    assert_eq!(backend.out, b"\x1b[?25h", "said once while nothing changed");
    // After a clear (a resume from Ctrl-Z), someone else may have hidden it.
    backend.clear().unwrap();
    backend.out.clear();
    backend.show_cursor().unwrap();
    assert_eq!(backend.out, b"\x1b[?25h");
}

#[test]
fn a_row_that_gets_shorter_is_cleared_with_one_erase() {
    let long = frame(&[("a long line of text that ends here", Style::new())], 40);
    let short = frame(&[("a long", Style::new())], 40);
    let sizes = draw_checked(&[long, short]);
    assert!(sizes[1] <= 8, "{} bytes", sizes[1]);
}

#[test]
fn attributes_are_turned_off_and_on_as_the_cells_want() {
    let styles = [
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Style::new().add_modifier(Modifier::BOLD),
        Style::new()
            .add_modifier(Modifier::REVERSED)
            .fg(Color::Indexed(200)),
        Style::new()
            .bg(Color::Rgb(1, 2, 3))
            .add_modifier(Modifier::ITALIC),
        Style::new(),
    ];
    let frames: Vec<Buffer> = styles
        .iter()
        .map(|&style| frame(&[("styled", style), ("wide 情報 text", style)], 20))
        .collect();
    draw_checked(&frames);
}

fn any_style() -> impl Strategy<Value = Style> {
    let colour = prop_oneof![
        Just(Color::Reset),
        Just(Color::Blue),
        Just(Color::DarkGray),
        Just(Color::White),
        Just(Color::Indexed(123)),
    ];
    // Dim is left out: bold and dim together are one attribute in some terminals (and
    // in the emulator here), two in others.
    (colour.clone(), colour, 0_u16..512).prop_map(|(fg, bg, bits)| {
        Style::new()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(bits) - Modifier::DIM)
    })
}

/// A change from one frame to the next: text written somewhere, or rows moved.
#[derive(Clone, Debug)]
enum Change {
    Write(u16, u16, String, Style),
    Move { top: u16, rows: u16, by: i16 },
}

fn any_change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0_u16..24, 0_u16..12, "[a-c ─情]{0,12}", any_style())
            .prop_map(|(x, y, text, style)| Change::Write(x, y, text, style)),
        (0_u16..12, 2_u16..12, -5_i16..6).prop_map(|(top, rows, by)| Change::Move {
            top,
            rows,
            by
        }),
    ]
}

fn apply(frame: &Buffer, change: &Change) -> Buffer {
    let mut next = frame.clone();
    let width = usize::from(frame.area.width);
    let height = frame.area.height;
    match change {
        Change::Write(x, y, text, style) => {
            next.set_string(*x, *y, text, *style);
        }
        Change::Move { top, rows, by } => {
            let bottom = (top + rows).min(height);
            for y in *top..bottom {
                let from = i32::from(y) + i32::from(*by);
                let row = usize::from(y) * width..(usize::from(y) + 1) * width;
                match u16::try_from(from).ok().filter(|&from| from < height) {
                    Some(from) => {
                        let from = usize::from(from) * width;
                        next.content[row].clone_from_slice(&frame.content[from..from + width]);
                    }
                    None => next.content[row].fill(Cell::EMPTY),
                }
            }
        }
    }
    next
}

proptest! {
    #[test]
    fn any_sequence_of_frames_is_shown_exactly(
        changes in proptest::collection::vec(any_change(), 1..12),
    ) {
        let mut frames = vec![Buffer::empty(Rect::new(0, 0, 24, 12))];
        for change in &changes {
            frames.push(apply(frames.last().unwrap(), change));
        }
        draw_checked(&frames);
    }
}
