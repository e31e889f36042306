//! Two lists set side by side, the way a side-by-side diff sets two files: items that stand
//! in the same order on both sides share a row, and the rest get a row of their own with a
//! gap on the other side. The items kept on shared rows are a longest run that is in order
//! on both sides (a longest increasing subsequence, found in `O(n log n)`).

/// One row of the alignment: an item of the left list, of the right list, or of both.
pub type Pair = (Option<usize>, Option<usize>);

/// Aligns a left list of `partners.len()` items with a right list of `right` items, where
/// `partners[i]` is the place in the right list of the left item `i`'s counterpart (each
/// right place at most once). Both lists keep their order; as many pairs as possible share
/// a row; between two shared rows the left items come first.
#[must_use]
pub fn align(partners: &[Option<usize>], right: usize) -> Vec<Pair> {
    let kept = in_order(partners);
    let mut rows = Vec::with_capacity(partners.len() + right - kept.len().min(right));
    let (mut l, mut r) = (0, 0);
    for &(kl, kr) in kept.iter().chain(std::iter::once(&(partners.len(), right))) {
        rows.extend((l..kl).map(|i| (Some(i), None)));
        rows.extend((r..kr).map(|i| (None, Some(i))));
        if kl < partners.len() {
            rows.push((Some(kl), Some(kr)));
        }
        (l, r) = (kl + 1, kr + 1);
    }
    rows
}

/// The longest list of (left, right) pairs increasing on both sides.
fn in_order(partners: &[Option<usize>]) -> Vec<(usize, usize)> {
    // tails[k]: the left item ending the best run of length k + 1 found so far (the one with
    // the smallest right place); before[i]: the item before i in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<usize> = vec![usize::MAX; partners.len()];
    let place = |i: usize| partners[i].unwrap_or(usize::MAX);
    for (i, partner) in partners.iter().enumerate() {
        let Some(p) = *partner else { continue };
        let k = tails.partition_point(|&t| place(t) < p);
        if k > 0 {
            before[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        run.push((at, place(at)));
        at = before[at];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows as text: `a|a` for a shared row, `b|` and `|c` for one side only.
    fn shown(left: &str, right: &str) -> Vec<String> {
        let l: Vec<char> = left.chars().collect();
        let r: Vec<char> = right.chars().collect();
        let partners: Vec<Option<usize>> =
            l.iter().map(|c| r.iter().position(|d| d == c)).collect();
        align(&partners, r.len())
            .into_iter()
            .map(|(a, b)| {
                format!(
                    "{}|{}",
                    a.map_or(String::new(), |i| l[i].to_string()),
                    b.map_or(String::new(), |i| r[i].to_string())
                )
            })
            .collect()
    }

    #[test]
    fn equal_lists_share_every_row() {
        assert_eq!(shown("abc", "abc"), ["a|a", "b|b", "c|c"]);
    }

    #[test]
    fn an_item_that_moved_down_stands_at_its_place_on_each_side() {
        assert_eq!(shown("abcd", "acdb"), ["a|a", "b|", "c|c", "d|d", "|b"]);
    }

    #[test]
    fn items_on_one_side_only_get_a_gap_on_the_other() {
        assert_eq!(shown("axb", "ayb"), ["a|a", "x|", "|y", "b|b"]);
        assert_eq!(shown("", "ab"), ["|a", "|b"]);
        assert_eq!(shown("ab", ""), ["a|", "b|"]);
    }

    #[test]
    fn every_item_of_both_sides_is_shown_once_in_its_order() {
        // A reversed list keeps one shared row and shows the others once on each side.
        let rows = shown("abcde", "edcba");
        assert_eq!(rows.len(), 9);
        let left: String = rows.iter().filter_map(|r| r.split('|').next()).collect();
        let right: String = rows.iter().filter_map(|r| r.split('|').nth(1)).collect();
        assert_eq!((left.as_str(), right.as_str()), ("abcde", "edcba"));
    }
}
