//! The data rows of an HR export as posts, a piece of the text at a time (the pieces are
//! read on both cores, [`super::rows`]): each row's post, what its id, email and manager
//! cells say, and the warnings of its cells, by byte offset.

use std::borrow::Cow;

use super::columns::{Columns, Role};
use super::delimited::Delimited;
use super::rows::Record;
use super::values::{self, Cells};
use crate::org::builder::IdRead;
use crate::org::{Post, PostId};
use crate::text::Escaped;

/// The columns a row is read by.
pub(super) struct Layout<'c> {
    pub(super) columns: &'c Columns,
    pub(super) id_column: usize,
    pub(super) manager_column: usize,
    /// The column of the people's emails, when managers may be matched by email.
    pub(super) email_column: Option<usize>,
    pub(super) orgtree_shape: bool,
}

/// One data row read, before its manager is found.
pub(super) struct Row<'t> {
    /// Where the row starts.
    pub(super) start: usize,
    pub(super) id: IdRead<usize>,
    /// Its email cell in lower case and its manager cell (trimmed; `None` when empty),
    /// and where the manager cell starts.
    pub(super) email: Option<Cow<'t, str>>,
    pub(super) manager: Option<(Cow<'t, str>, usize)>,
}

/// The rows of a piece of the text, in order.
pub(super) struct Piece<'c, 't> {
    cells: Cells<'c>,
    pub(super) rows: Vec<Row<'t>>,
    /// The posts of the rows, in the same order.
    pub(super) posts: Vec<Post>,
    /// Warnings, by byte offset, in order.
    pub(super) warnings: Vec<(usize, String)>,
    /// The first row with no title that took its holder's name (where it starts), and how
    /// many did.
    pub(super) untitled: Option<(usize, usize)>,
}

impl<'c> Piece<'c, '_> {
    /// A piece of at most `rows` rows.
    pub(super) fn new(layout: &Layout<'c>, rows: usize) -> Self {
        Self {
            cells: Cells::new(layout.columns, layout.orgtree_shape),
            rows: Vec::with_capacity(rows),
            posts: Vec::with_capacity(rows),
            warnings: Vec::new(),
            untitled: None,
        }
    }
}

/// A cell trimmed, borrowed from the text where it is as written (not quoted); `None`
/// when empty.
fn cell<'t>(
    table: &Delimited,
    text: &'t str,
    start: usize,
    record: &Record,
    at: usize,
) -> Option<Cow<'t, str>> {
    let read = record.get(at)?;
    if read.trim().is_empty() {
        return None;
    }
    let begin = offset(table, start, record, at);
    Some(match text.get(begin..begin + read.len()) {
        Some(written) if written == read => Cow::Borrowed(written.trim()),
        _ => Cow::Owned(read.trim().to_owned()),
    })
}

/// Where cell `at` of a row starts in the text.
fn offset(table: &Delimited, start: usize, record: &Record, at: usize) -> usize {
    record
        .plain_offset(at)
        .map_or_else(|| table.offset(start, at), |offset| start + offset)
}

/// Reads the row starting at `start` into `piece`.
pub(super) fn read_row<'t>(
    piece: &mut Piece<'_, 't>,
    table: &Delimited,
    text: &'t str,
    layout: &Layout,
    start: usize,
    record: &Record,
) {
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return;
    }
    let columns = layout.columns;
    let id_column = layout.id_column;
    let id_text = record.get(id_column).map_or("", str::trim);
    // A totals row: its id says `Total`, or it has none and a cell says so.
    let total = if values::is_total(id_text) {
        Some(id_column)
    } else if id_text.is_empty() {
        record.iter().position(values::is_total)
    } else {
        None
    };
    if let Some(total) = total {
        piece.warnings.push((
            offset(table, start, record, total),
            format!(
                "'{}': a totals row: left out",
                Escaped(record.get(total).unwrap_or_default().trim())
            ),
        ));
        return;
    }
    let mut problems = Vec::new();
    let mut post = piece.cells.post(
        id_text,
        record,
        (id_column, layout.manager_column),
        &mut |cell, message| problems.push((cell, message)),
    );
    for (cell, message) in problems {
        piece
            .warnings
            .push((offset(table, start, record, cell), message));
    }
    if post.title.is_empty() {
        let title = post
            .holder
            .name()
            .map_or_else(|| id_text.to_owned(), str::to_owned);
        post.title = piece.cells.shared(&title);
        if columns.of_role(Role::Title).is_some() {
            piece.untitled = Some(
                piece
                    .untitled
                    .map_or((start, 1), |(first, n)| (first, n + 1)),
            );
        }
    }
    let id_at = offset(table, start, record, id_column);
    let id = if id_text.is_empty() {
        IdRead::Empty(id_at)
    } else {
        IdRead::Given(PostId::new(id_text), id_at)
    };
    let email = layout
        .email_column
        .and_then(|at| cell(table, text, start, record, at))
        .map(|email| match email {
            Cow::Borrowed(email) => super::managers::lower(email),
            Cow::Owned(email) => Cow::Owned(super::managers::lower(&email).into_owned()),
        });
    let manager = cell(table, text, start, record, layout.manager_column)
        .map(|manager| (manager, offset(table, start, record, layout.manager_column)));
    piece.rows.push(Row {
        start,
        id,
        email,
        manager,
    });
    piece.posts.push(post);
}
