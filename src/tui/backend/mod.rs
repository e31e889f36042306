//! A ratatui backend that sends each frame's changes to the terminal in as few bytes as it
//! can: over a slow SSH link, the bytes of a redraw are what a keystroke costs.
//!
//! It keeps its own copy of what the terminal shows and, for each frame:
//! - scrolls part of the screen with the terminal's scrolling region when rows have moved up
//!   or down (a tree scrolled by a row), so that only what is new is drawn;
//! - moves the cursor by the shortest of the absolute and relative moves;
//! - sets colours and attributes with one short sequence, only when they change, and keeps
//!   them from one frame to the next;
//! - clears the end of a row that has become blank with one erase.
//!
//! Everything it sends is plain VT100/ECMA-48 (cursor moves, SGR, erase in line, scrolling
//! margins, index and reverse index) that every terminal in use understands.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

mod pen;
mod scroll;
#[cfg(test)]
mod tests;

use pen::{Pen, fresh_pen, pen_change};
use scroll::{Scroll, find_scroll, rows_changed};

pub struct FrugalBackend<W: Write> {
    out: W,
    screen: OnScreen,
    cursor_visible: Option<bool>,
    /// A fixed size, for tests; otherwise the terminal is asked.
    fixed_size: Option<Size>,
}

impl<W: Write> FrugalBackend<W> {
    /// A backend for the terminal on standard output, writing to `out`.
    pub fn new(out: W) -> Self {
        Self {
            out,
            screen: OnScreen::blank(Size::default()),
            cursor_visible: None,
            fixed_size: None,
        }
    }

    /// A backend for a terminal of a fixed size that starts blank, writing to `out`.
    pub fn with_size(out: W, width: u16, height: u16) -> Self {
        let mut backend = Self::new(out);
        backend.fixed_size = Some(Size::new(width, height));
        backend.screen = OnScreen::blank(Size::new(width, height));
        backend
    }

    /// Where the bytes go.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Sends what it takes to turn the screen shown into `target`, whose cells `changed`
    /// differ from it: scrolling rows that moved when that takes fewer bytes than drawing
    /// them again.
    fn update(&mut self, target: Buffer, changed: Vec<Position>) -> io::Result<()> {
        // A scroll only pays when several rows changed: a move changes two.
        let scroll = (rows_changed(&self.screen.shown, &target) > 2)
            .then(|| find_scroll(&self.screen.shown, &target))
            .flatten();
        let shown = std::mem::replace(&mut self.screen, OnScreen::blank(Size::default()));
        let (bytes, after) = match scroll {
            None => shown.paint(target, Paint::Changed(changed)),
            Some(scroll) => {
                let drawn = shown.clone().paint(target.clone(), Paint::Changed(changed));
                let scrolled = shown.paint(target, Paint::Scrolled(scroll));
                if scrolled.0.len() < drawn.0.len() {
                    scrolled
                } else {
                    drawn
                }
            }
        };
        self.screen = after;
        self.out.write_all(&bytes)
    }
}

/// How to turn the screen into the next frame.
enum Paint {
    /// Write these cells, the ones that differ.
    Changed(Vec<Position>),
    /// Scroll, then write the cells that still differ.
    Scrolled(Scroll),
}

/// The cells of `target` that differ from `shown`, row by row, as ratatui sees them (a wide
/// character's hidden column is not one of them).
fn changed_cells(shown: &Buffer, target: &Buffer) -> Vec<Position> {
    shown
        .diff(target)
        .into_iter()
        .map(|(x, y, _)| Position::new(x, y))
        .collect()
}

/// What the terminal shows, as far as this backend has drawn it.
#[derive(Clone)]
struct OnScreen {
    shown: Buffer,
    /// Where the cursor is, when known for sure.
    cursor: Option<Position>,
    /// The pen the terminal writes with, when known.
    pen: Option<Pen>,
}

impl OnScreen {
    /// A blank screen of `size`, with the cursor and the pen unknown.
    fn blank(size: Size) -> Self {
        Self {
            shown: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            cursor: None,
            pen: None,
        }
    }

    /// The bytes that turn this screen into `frame`, and the screen they leave.
    fn paint(mut self, frame: Buffer, how: Paint) -> (Vec<u8>, Self) {
        let mut bytes = Vec::new();
        let differing = match how {
            Paint::Changed(cells) => cells,
            Paint::Scrolled(scroll) => {
                self.scroll(&mut bytes, scroll);
                changed_cells(&self.shown, &frame)
            }
        };
        let target = &frame;
        let changes = self.cells_to_write(target, differing);
        let width = target.area.width;
        let mut at = 0;
        while at < changes.len() {
            let Position { x, y } = changes[at];
            let cell = &target[(x, y)];
            // The rest of the row is blank, and more than a few cells of it change: erase it.
            let on_row = changes[at..].iter().take_while(|p| p.y == y).count();
            if on_row > 3 && is_blank(cell) && blank_from(target, y) <= x {
                self.move_to(&mut bytes, Position::new(x, y), target);
                self.set_pen(&mut bytes, Pen::PLAIN);
                bytes.extend_from_slice(b"\x1b[K");
                at += on_row;
                continue;
            }
            self.move_to(&mut bytes, Position::new(x, y), target);
            self.set_pen(&mut bytes, Pen::of(cell));
            let symbol = cell.symbol();
            bytes.extend_from_slice(symbol.as_bytes());
            // Wide and zero-width text moves the cursor by amounts terminals disagree on, and
            // the last column leaves it waiting to wrap: in those cases, move absolutely next.
            let advance = symbol.width();
            self.cursor = (advance == 1 && x + 1 < width).then(|| Position::new(x + 1, y));
            at += 1;
        }
        self.shown = frame;
        (bytes, self)
    }

    /// The cells to write, row by row: those that differ from what is shown, and those a
    /// terminal blanks on its own when a wide character is written over half of another.
    fn cells_to_write(&self, target: &Buffer, mut cells: Vec<Position>) -> Vec<Position> {
        let shown = &self.shown;
        let width = target.area.width;
        let wide = |buffer: &Buffer, x: u16, y: u16| buffer[(x, y)].symbol().width() > 1;
        // Whether the cell is the hidden second column of a wide character in the target.
        let covered = |x: u16, y: u16| x > 0 && wide(target, x - 1, y);
        let mut broken = Vec::new();
        for &Position { x, y } in &cells {
            let last = x + u16::try_from(target[(x, y)].symbol().width().max(1)).unwrap_or(1) - 1;
            // An old wide character that began just before, or that began in the last column
            // written and went on past it.
            if x > 0 && wide(shown, x - 1, y) && !covered(x - 1, y) {
                broken.push(Position::new(x - 1, y));
            }
            if last + 1 < width && wide(shown, last.min(width - 1), y) && !covered(last + 1, y) {
                broken.push(Position::new(last + 1, y));
            }
        }
        if !broken.is_empty() {
            cells.extend(broken);
            cells.sort_unstable_by_key(|p| (p.y, p.x));
            cells.dedup();
        }
        cells
    }

    /// Scrolls rows `top..=bottom` by `lines` (up when positive), and the copy of the screen
    /// with them.
    fn scroll(&mut self, bytes: &mut Vec<u8>, scroll: Scroll) {
        let Scroll { top, bottom, lines } = scroll;
        // Rows scrolled in take the current background; make it the plain one.
        self.set_pen(bytes, Pen::PLAIN);
        let _ = write!(bytes, "\x1b[{};{}r", top + 1, bottom + 1);
        let count = lines.unsigned_abs();
        if lines > 0 {
            let _ = write!(bytes, "\x1b[{}H", bottom + 1);
            bytes.extend(std::iter::repeat_n(b'\n', count));
        } else {
            let _ = write!(bytes, "\x1b[{}H", top + 1);
            for _ in 0..count {
                bytes.extend_from_slice(b"\x1bM");
            }
        }
        bytes.extend_from_slice(b"\x1b[r");
        self.cursor = None;
        let width = usize::from(self.shown.area.width);
        let rows = &mut self.shown.content[top * width..(bottom + 1) * width];
        if lines > 0 {
            rows.rotate_left(count * width);
            let blank = rows.len() - count * width;
            rows[blank..].fill(Cell::EMPTY);
        } else {
            rows.rotate_right(count * width);
            rows[..count * width].fill(Cell::EMPTY);
        }
    }

    /// Moves the cursor to `to` by the shortest sequence.
    fn move_to(&mut self, bytes: &mut Vec<u8>, to: Position, target: &Buffer) {
        let absolute = if to.x == 0 {
            format!("\x1b[{}H", to.y + 1)
        } else {
            format!("\x1b[{};{}H", to.y + 1, to.x + 1)
        };
        let Some(from) = self.cursor else {
            bytes.extend_from_slice(absolute.as_bytes());
            self.cursor = Some(to);
            return;
        };
        if from == to {
            return;
        }
        let mut relative = Vec::new();
        match to.y.cmp(&from.y) {
            std::cmp::Ordering::Greater => {
                let down = to.y - from.y;
                if down <= 2 {
                    relative.extend(std::iter::repeat_n(b'\n', usize::from(down)));
                } else {
                    let _ = write!(relative, "\x1b[{down}B");
                }
            }
            std::cmp::Ordering::Less => {
                let _ = write!(relative, "\x1b[{}A", from.y - to.y);
            }
            std::cmp::Ordering::Equal => {}
        }
        match to.x.cmp(&from.x) {
            std::cmp::Ordering::Greater => {
                let gap = to.x - from.x;
                // Writing a few cells again costs less than a move when they are plain text
                // in the current pen, on the row the cursor is on.
                let again = (to.y == from.y && gap <= 3)
                    .then(|| self.rewrite(from, to, target))
                    .flatten();
                match again {
                    Some(text) => relative.extend_from_slice(&text),
                    None if gap == 1 => relative.extend_from_slice(b"\x1b[C"),
                    None => {
                        let _ = write!(relative, "\x1b[{gap}C");
                    }
                }
            }
            std::cmp::Ordering::Less if to.x == 0 => relative.push(b'\r'),
            std::cmp::Ordering::Less => {
                let back = format!("\x1b[{}D", from.x - to.x);
                let over = format!("\r\x1b[{}C", to.x);
                relative.extend_from_slice(shorter(&back, &over).as_bytes());
            }
            std::cmp::Ordering::Equal => {}
        }
        if relative.len() < absolute.len() {
            bytes.extend_from_slice(&relative);
        } else {
            bytes.extend_from_slice(absolute.as_bytes());
        }
        self.cursor = Some(to);
    }

    /// The text of the cells between `from` and `to` on one row, when writing it again moves
    /// the cursor there without changing anything: cells already shown, one column each, in
    /// the current pen.
    fn rewrite(&self, from: Position, to: Position, target: &Buffer) -> Option<Vec<u8>> {
        let mut text = Vec::new();
        for x in from.x..to.x {
            let cell = &target[(x, from.y)];
            let symbol = cell.symbol();
            if *cell != self.shown[(x, from.y)]
                || Some(Pen::of(cell)) != self.pen
                || !symbol.is_ascii()
                || symbol.len() != 1
            {
                return None;
            }
            text.extend_from_slice(symbol.as_bytes());
        }
        Some(text)
    }

    /// Changes the pen to `pen` with one SGR sequence, if it is not that already.
    fn set_pen(&mut self, bytes: &mut Vec<u8>, pen: Pen) {
        if self.pen == Some(pen) {
            return;
        }
        let params = match self.pen {
            Some(from) => {
                let step = pen_change(from, pen);
                let fresh = fresh_pen(pen);
                if step.len() <= fresh.len() {
                    step
                } else {
                    fresh
                }
            }
            None => fresh_pen(pen),
        };
        let _ = write!(bytes, "\x1b[{params}m");
        self.pen = Some(pen);
    }
}

fn shorter<'a>(a: &'a str, b: &'a str) -> &'a str {
    if b.len() < a.len() { b } else { a }
}

fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell) == Pen::PLAIN
}

/// The first column from which row `y` of `buffer` is blank to its end.
fn blank_from(buffer: &Buffer, y: u16) -> u16 {
    let width = usize::from(buffer.area.width);
    let row = &buffer.content[usize::from(y) * width..(usize::from(y) + 1) * width];
    let blank = row.iter().rev().take_while(|cell| is_blank(cell)).count();
    u16::try_from(width - blank).unwrap_or(u16::MAX)
}

impl<W: Write> Backend for FrugalBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        if self.screen.shown.area != Rect::new(0, 0, size.width, size.height) {
            // The first frame, or a new size: the screen is blank (or about to be cleared).
            self.screen = OnScreen::blank(size);
        }
        // The cells ratatui sends are those that changed since the frame before, which is
        // the one this backend showed.
        let mut target = self.screen.shown.clone();
        let mut changed = Vec::new();
        for (x, y, cell) in content {
            let position = Position::new(x, y);
            if let Some(slot) = target.cell_mut(position) {
                *slot = cell.clone();
                changed.push(position);
            }
        }
        self.update(target, changed)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.screen.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.screen.cursor != Some(position) {
            write!(self.out, "\x1b[{};{}H", position.y + 1, position.x + 1)?;
            self.screen.cursor = Some(position);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // A full-screen program only clears the whole screen (ratatui does on a resize); a
        // partial clear would leave the copy of the screen unsure, so it clears all too.
        let _ = clear_type;
        self.out.write_all(b"\x1b[0m\x1b[2J")?;
        self.screen = OnScreen::blank(self.size()?);
        self.screen.pen = Some(Pen::PLAIN);
        // Whoever had the terminal meanwhile (a shell, after Ctrl-Z) may have shown or
        // hidden the cursor.
        self.cursor_visible = None;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(size) => Ok(size),
            None => crossterm::terminal::size().map(|(width, height)| Size::new(width, height)),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize {
            columns_rows,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
