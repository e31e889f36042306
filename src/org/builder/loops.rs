//! Finding reporting loops in one pass over the chart.

use crate::org::graph::NO_MANAGER;

/// The reporting loops among posts where `managers[i]` is the manager of post `i`, or
/// [`NO_MANAGER`].
///
/// Each loop lists its posts in reporting order (each reports to the next, the last to the
/// first), starting with the one that comes first in the file. Posts that merely report into
/// a loop are not part of it. Every post is visited once: no recursion, no rescans.
#[must_use]
pub(crate) fn find_loops(managers: &[u32]) -> Vec<Vec<u32>> {
    const UNSEEN: u32 = u32::MAX;
    let mut walk_of = vec![UNSEEN; managers.len()];
    let mut loops = Vec::new();
    for start in 0..managers.len() {
        if walk_of[start] != UNSEEN {
            continue;
        }
        let walk = u32::try_from(start).unwrap_or(UNSEEN);
        let mut at = start;
        walk_of[at] = walk;
        while let Some(next) = manager(managers, at) {
            if walk_of[next] == UNSEEN {
                walk_of[next] = walk;
                at = next;
                continue;
            }
            if walk_of[next] == walk {
                loops.push(members_from(next, managers));
            }
            break;
        }
    }
    loops
}

fn manager(managers: &[u32], post: usize) -> Option<usize> {
    let manager = managers[post];
    (manager != NO_MANAGER).then_some(manager as usize)
}

fn members_from(first: usize, managers: &[u32]) -> Vec<u32> {
    let mut members = vec![first];
    let mut at = first;
    while let Some(next) = manager(managers, at).filter(|&next| next != first) {
        members.push(next);
        at = next;
    }
    let earliest = (0..members.len()).min_by_key(|&i| members[i]).unwrap_or(0);
    members.rotate_left(earliest);
    members
        .into_iter()
        .map(|m| u32::try_from(m).unwrap_or(NO_MANAGER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO: u32 = NO_MANAGER;

    #[test]
    fn a_tree_has_no_loops() {
        assert!(find_loops(&[NO, 0, 0, 1]).is_empty());
    }

    #[test]
    fn loops_are_named_in_reporting_order_from_the_first_in_the_file() {
        // 3 -> 1 -> 4 -> 3 is a loop; 0 and 2 report into it; 5 is a self-loop.
        let managers = [1, 4, 3, 1, 3, 5];
        assert_eq!(find_loops(&managers), vec![vec![1, 4, 3], vec![5]]);
    }

    #[test]
    fn a_loop_a_hundred_thousand_posts_long_is_found_in_one_pass() {
        let n: u32 = 100_000;
        let managers: Vec<u32> = (0..n).map(|i| (i + 1) % n).collect();
        let loops = find_loops(&managers);
        assert_eq!(loops.len(), 1);
        assert_eq!(loops[0].len(), n as usize);
        assert_eq!(loops[0][..3], [0, 1, 2]);
    }
}
