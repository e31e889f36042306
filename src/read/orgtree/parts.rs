//! The parts of the posts list read ahead on a second thread while the main reading reads
//! the others (see [`super::split`] for where the parts are cut, and
//! [`super::load_in_blocks`] for how they are taken).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;

use super::document::{self, Reached, Reading};
use super::input::Input;
use super::{LoadOptions, Loader};
use crate::org::builder::PostRead;
use crate::org::post::Interner;

/// A part of the posts list read ahead, from the item at `start`.
pub(super) struct Part {
    pub(super) start: usize,
    /// What was read, if it can be used.
    pub(super) read: Option<Ahead>,
}

/// The posts of a part read ahead, usable as they are.
pub(super) struct Ahead {
    /// The posts, numbered from 1 in the part, in batches.
    pub(super) batches: Vec<Vec<PostRead<usize>>>,
    /// How many items of the posts list the part has.
    pub(super) items: usize,
    pub(super) end: PartEnd,
}

/// Where a part read ahead ends.
#[derive(Clone, Copy)]
pub(super) enum PartEnd {
    /// At the next split, an item of the posts list.
    Split(usize),
    /// At the `]` that closes the posts list.
    Posts(usize),
}

impl PartEnd {
    pub(super) fn at(self) -> usize {
        match self {
            Self::Split(at) | Self::Posts(at) => at,
        }
    }
}

/// Reads every other part of the posts list of the file at `path`, cut at `splits`: from
/// the first split to the second, from the third to the fourth, and so on; sends each on
/// as it is read, until `abandon` is set or nobody takes them.
pub(super) fn read_ahead(
    path: &Path,
    splits: &[usize],
    options: LoadOptions,
    block: usize,
    abandon: &Arc<AtomicBool>,
    parts: &SyncSender<Part>,
) {
    let mut shared = Interner::default();
    for pair in splits.chunks(2) {
        if abandon.load(Ordering::Relaxed) {
            return;
        }
        let (start, end) = (pair[0], pair.get(1).copied());
        let part = Part {
            start,
            read: read_part(path, start, end, options, block, abandon, &mut shared),
        };
        if parts.send(part).is_err() {
            return;
        }
    }
}

/// Reads the items of the posts list from offset `start` to the item at `end` (or to the
/// end of the list). Gives nothing when what was read cannot be used as it is: `end` was
/// not an item of the list, something in the posts read is to be reported (its message
/// would number the post from the start of the part), or anything stopped the reading.
fn read_part(
    path: &Path,
    start: usize,
    end: Option<usize>,
    options: LoadOptions,
    block: usize,
    abandon: &Arc<AtomicBool>,
    shared: &mut Interner,
) -> Option<Ahead> {
    let mut input = Input::open_at(path, start, block).ok()?;
    // Its bytes count for the progress shown once the part is used.
    input.leave_uncounted();
    let mut loader = Loader::new(options, None);
    loader.abandon = Arc::clone(abandon);
    // Texts the parts before gave are stored once for them all.
    loader.shared = std::mem::take(shared);
    let mut reading = Reading::posts_only(end);
    let read = document::read(&mut input, &mut loader, &mut reading);
    *shared = std::mem::take(&mut loader.shared);
    let end = match read {
        Ok(Reached::Split(at)) => PartEnd::Split(at),
        Ok(Reached::PostsEnd(at)) => PartEnd::Posts(at),
        _ => return None,
    };
    if loader.findings.count() > 0 {
        return None;
    }
    loader.send_posts();
    Some(Ahead {
        batches: loader.kept,
        items: loader.items,
        end,
    })
}
