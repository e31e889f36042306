//! Finding rows that moved between two frames (a tree scrolled by a row), so that the
//! terminal's scrolling region moves them rather than drawing them again.

use std::hash::{Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rustc_hash::{FxHashMap, FxHasher};

/// Columns compared at a time when looking for rows that moved.
pub(super) const SEGMENT: usize = 16;

/// How many rows of `target` differ from those shown.
pub(super) fn rows_changed(shown: &Buffer, target: &Buffer) -> usize {
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
pub(super) struct Scroll {
    pub(super) top: usize,
    pub(super) bottom: usize,
    pub(super) lines: isize,
}

/// The scroll that saves the most drawing, if one saves any worth having: for each likely
/// shift, the run of rows where the target matches the shown screen shifted more than
/// unshifted, counted in segments of a row.
pub(super) fn find_scroll(shown: &Buffer, target: &Buffer) -> Option<Scroll> {
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
pub(super) fn likely_shifts(
    before: &[u64],
    after: &[u64],
    blank: &[u64],
    per_row: usize,
) -> Vec<isize> {
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
pub(super) fn best_run(gains: &[(usize, isize)]) -> Option<(usize, usize, isize)> {
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
pub(super) fn segments(buffer: &Buffer) -> Vec<u64> {
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
