//! Where each pane goes for a terminal size, and where a tree row's guides end: the sizes
//! both the update (how many rows a page is, which row and marker a click hit, whether side
//! by side fits) and the drawing use. What only a draw can find out (how far a wrapped
//! text scrolls) the draw records in [`Drawn`] for the next update.

use std::cell::Cell;

use ratatui::layout::Rect;

/// The smallest terminal the program draws its panes in.
pub const MIN_SIZE: (u16, u16) = (32, 6);
/// From this width on, the details pane stands beside the tree.
pub const DETAILS_BESIDE_FROM: u16 = 100;
/// From this width on, the compare screen can show the two trees side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 160;

/// Columns a title keeps however deep its post is: deeper guides are cut short instead.
const TITLE_ROOM: usize = 24;

/// How many levels of guides a row at `depth` shows in `width` columns, and whether deeper
/// ones were left out (drawn as an ellipsis).
#[must_use]
pub fn guide_levels(depth: u32, width: usize) -> (usize, bool) {
    let room = width.saturating_sub(TITLE_ROOM) / 2;
    let depth = depth as usize;
    if depth <= room {
        (depth, false)
    } else {
        (room.saturating_sub(1), true)
    }
}

/// The column of a row's fold marker, from the pane's left edge.
#[must_use]
pub fn marker_column(depth: u32, width: usize) -> usize {
    let (levels, elided) = guide_levels(depth, width);
    levels * 2 + if elided { 2 } else { 0 }
}

/// What the last draw found out that the next update needs: how far the full-screen
/// details and the help can scroll at the size they were drawn (their text is wrapped to
/// the screen). Until the first draw, nothing limits them.
#[derive(Debug)]
pub struct Drawn {
    pub details_most: Cell<u16>,
    pub help_most: Cell<u16>,
    /// The full-screen details' lines on screen (first and last, from 1) and in all.
    pub details_lines: Cell<(usize, usize, usize)>,
}

impl Default for Drawn {
    fn default() -> Self {
        Self {
            details_most: Cell::new(u16::MAX),
            help_most: Cell::new(u16::MAX),
            details_lines: Cell::new((0, 0, 0)),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Rect,
    /// The counts of changes, on the compare screen; the impact of a what-if's edits.
    pub summary: Option<Rect>,
    /// The path above a focused team.
    pub breadcrumb: Option<Rect>,
    /// The names of the two charts above the trees side by side.
    pub headings: Option<Rect>,
    pub tree: Rect,
    /// The details pane beside the tree, on wide terminals; its left column is a divider.
    pub details: Option<Rect>,
    pub status: Rect,
    /// Below [`MIN_SIZE`]: only a short message is drawn.
    pub too_small: bool,
}

/// The optional parts of the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// A breadcrumb line, for a focus.
    pub breadcrumb: bool,
    /// A summary line, for a comparison.
    pub summary: bool,
    /// Rows for the impact of a what-if's edits (0 for none).
    pub impact: u16,
    /// The before and after trees side by side: a line for their names, and no details
    /// pane beside them.
    pub side_by_side: bool,
}

impl Screen {
    /// The browse screen, with a breadcrumb line when `focused`.
    #[must_use]
    pub fn new(area: Rect, focused: bool) -> Self {
        Self::with(
            area,
            Parts {
                breadcrumb: focused,
                ..Parts::default()
            },
        )
    }

    #[must_use]
    pub fn with(area: Rect, parts: Parts) -> Self {
        let too_small = area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1;
        if too_small {
            return Self {
                area,
                title: Rect::default(),
                summary: None,
                breadcrumb: None,
                headings: None,
                tree: Rect::default(),
                details: None,
                status: Rect::default(),
                too_small,
            };
        }
        let title = Rect { height: 1, ..area };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let mut body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        let mut line = |wanted: bool| {
            // A line is taken only while the body keeps a row.
            (wanted && body.height > 1).then(|| {
                let line = Rect { height: 1, ..body };
                body.y += 1;
                body.height -= 1;
                line
            })
        };
        let mut summary = line(parts.summary);
        for _ in 0..parts.impact {
            if let Some(row) = line(true) {
                summary = Some(summary.map_or(row, |above| above.union(row)));
            }
        }
        let breadcrumb = line(parts.breadcrumb);
        let headings = line(parts.side_by_side);
        let details = (area.width >= DETAILS_BESIDE_FROM && !parts.side_by_side).then(|| {
            let width = area.width * 2 / 5;
            body.width -= width;
            Rect {
                x: body.right(),
                width,
                ..body
            }
        });
        Self {
            area,
            title,
            summary,
            breadcrumb,
            headings,
            tree: body,
            details,
            status,
            too_small,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_stand_beside_the_tree_only_on_wide_terminals() {
        let narrow = Screen::new(Rect::new(0, 0, 80, 24), false);
        assert_eq!(narrow.tree, Rect::new(0, 1, 80, 22));
        assert_eq!(narrow.details, None);
        let wide = Screen::new(Rect::new(0, 0, 120, 40), true);
        assert_eq!(wide.breadcrumb, Some(Rect::new(0, 1, 120, 1)));
        assert_eq!(wide.tree, Rect::new(0, 2, 72, 37));
        assert_eq!(wide.details, Some(Rect::new(72, 2, 48, 37)));
        assert_eq!(wide.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn tiny_terminals_get_no_panes() {
        for (w, h) in [(0, 0), (1, 1), (31, 24), (80, 5)] {
            assert!(Screen::new(Rect::new(0, 0, w, h), false).too_small);
        }
    }
}
