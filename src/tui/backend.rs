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

use std::hash::{Hash, Hasher};
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use rustc_hash::{FxHashMap, FxHasher};
use unicode_width::UnicodeWidthStr;

/// Columns compared at a time when looking for rows that moved.
const SEGMENT: usize = 16;

/// The colours and attributes the terminal writes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

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

/// SGR parameters that set `pen` from nothing (after a reset).
fn fresh_pen(pen: Pen) -> String {
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
fn pen_change(from: Pen, to: Pen) -> String {
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

fn modifier_on(modifier: Modifier) -> Vec<String> {
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
enum Layer {
    Fore,
    Back,
    Under,
}

/// The SGR parameter that sets `colour` on `layer`.
fn colour(colour: Color, layer: Layer) -> String {
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
fn named_index(colour: Color) -> Option<u8> {
    const NAMED: [Color; 16] = [
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

fn extended(layer: Layer) -> &'static str {
    match layer {
        Layer::Fore => "38",
        Layer::Back => "48",
        Layer::Under => "58",
    }
}

/// How many rows of `target` differ from those shown.
fn rows_changed(shown: &Buffer, target: &Buffer) -> usize {
    if shown.area != target.area {
        return usize::from(target.area.height);
    }
    let width = usize::from(target.area.width).max(1);
    shown
        .content
        .chunks(width)
        .zip(target.content.chunks(width))
        .filter(|(before, after)| before != after)
        .count()
}

/// Rows `top..=bottom` (from 0) to scroll by `lines`, up when positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scroll {
    top: usize,
    bottom: usize,
    lines: isize,
}

/// The scroll that saves the most drawing, if one saves any worth having: for each likely
/// shift, the run of rows where the target matches the shown screen shifted more than
/// unshifted, counted in segments of a row.
fn find_scroll(shown: &Buffer, target: &Buffer) -> Option<Scroll> {
    if shown.area != target.area {
        return None;
    }
    let height = usize::from(target.area.height);
    let before = segments(shown);
    let after = segments(target);
    let per_row = before.len() / height.max(1);
    let blank = segments(&Buffer::empty(Rect::new(0, 0, target.area.width, 1)));
    // Segments of target row `y` already right when the shown row there is `from`.
    let right = |y: usize, from: Option<usize>| -> isize {
        let want = &after[y * per_row..(y + 1) * per_row];
        let have = from.map_or(&blank[..], |from| {
            &before[from * per_row..(from + 1) * per_row]
        });
        want.iter()
            .zip(have)
            .filter(|(a, b)| a == b)
            .count()
            .cast_signed()
    };
    let mut best: Option<(isize, Scroll)> = None;
    for lines in likely_shifts(&before, &after, &blank, per_row) {
        let (count, up) = (lines.unsigned_abs(), lines > 0);
        if count >= height {
            continue;
        }
        // Rows that show another row after the scroll, and what each gains.
        let moved: Vec<(usize, isize)> = (0..height - count)
            .map(|i| {
                let (y, from) = if up { (i, i + count) } else { (i + count, i) };
                (y, right(y, Some(from)) - right(y, Some(y)))
            })
            .collect();
        let Some((start, end, gain)) = best_run(&moved) else {
            continue;
        };
        let (top, bottom) = if up {
            (moved[start].0, moved[end].0 + count)
        } else {
            (moved[start].0 - count, moved[end].0)
        };
        // The rows scrolled in are blank until drawn again.
        let blanked = if up {
            bottom + 1 - count..=bottom
        } else {
            top..=top + count - 1
        };
        let loss: isize = blanked.map(|y| right(y, Some(y)) - right(y, None)).sum();
        let gain = gain - loss;
        if best.is_none_or(|(most, _)| gain > most) {
            best = Some((gain, Scroll { top, bottom, lines }));
        }
    }
    // Setting the margins and scrolling cost about as much as a segment drawn again.
    best.filter(|&(gain, _)| gain >= 2)
        .map(|(_, scroll)| scroll)
}

/// The shifts (positive when rows moved up) that whole rows of the target show, the three
/// that most rows show, from row hashes. Blank rows, and rows shown in several places (a
/// row of nothing but a divider), say nothing of where rows moved.
fn likely_shifts(before: &[u64], after: &[u64], blank: &[u64], per_row: usize) -> Vec<isize> {
    let row_hash = |segments: &[u64]| {
        let mut hasher = FxHasher::default();
        segments.hash(&mut hasher);
        hasher.finish()
    };
    let blank = row_hash(blank);
    let mut shown_at: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (y, row) in before.chunks(per_row.max(1)).enumerate() {
        let hash = row_hash(row);
        if hash != blank {
            shown_at.entry(hash).or_default().push(y);
        }
    }
    let mut votes: FxHashMap<isize, usize> = FxHashMap::default();
    for (y, row) in after.chunks(per_row.max(1)).enumerate() {
        if let Some(&[from]) = shown_at.get(&row_hash(row)).map(Vec::as_slice)
            && from != y
        {
            *votes
                .entry(from.cast_signed() - y.cast_signed())
                .or_default() += 1;
        }
    }
    let mut shifts: Vec<(isize, usize)> = votes.into_iter().collect();
    shifts.sort_unstable_by_key(|&(shift, count)| (std::cmp::Reverse(count), shift));
    shifts.into_iter().take(3).map(|(shift, _)| shift).collect()
}

/// The run of consecutive entries with the largest total gain: its first and last index
/// and the total, if any total is above zero.
fn best_run(gains: &[(usize, isize)]) -> Option<(usize, usize, isize)> {
    let mut best: Option<(usize, usize, isize)> = None;
    let (mut start, mut sum) = (0, 0);
    for (i, &(_, gain)) in gains.iter().enumerate() {
        if sum <= 0 {
            (start, sum) = (i, 0);
        }
        sum += gain;
        if sum > 0 && best.is_none_or(|(_, _, most)| sum > most) {
            best = Some((start, i, sum));
        }
    }
    best
}

/// A hash of each segment of each row, row by row.
fn segments(buffer: &Buffer) -> Vec<u64> {
    let width = usize::from(buffer.area.width).max(1);
    buffer
        .content
        .chunks(width)
        .flat_map(|row| {
            row.chunks(SEGMENT).map(|segment| {
                let mut hasher = FxHasher::default();
                segment.hash(&mut hasher);
                hasher.finish()
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use proptest::prelude::*;
    use ratatui::style::Style;

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
}
