//! The posts the edit benchmarks edit: the head of a team of about 100 posts (the one nearest
//! 100, the first in tree order on a tie) and another manager of its manager's layer (the
//! last in tree order, far from it in the chart), to move it under.

use orgtree::org::{NodeIndex, Org, Text};

/// The number of posts in each post's team (itself included), indexed by node index.
fn team_sizes(org: &Org) -> Vec<usize> {
    let mut sizes = vec![0; org.index_bound()];
    let order: Vec<NodeIndex> = org.tree_order().map(|(node, _)| node).collect();
    for &node in order.iter().rev() {
        sizes[node.index()] = 1 + org
            .reports(node)
            .iter()
            .map(|r| sizes[r.index()])
            .sum::<usize>();
    }
    sizes
}

/// The posts edited: the head of a team of about 100 and another manager in its manager's
/// layer, to move it under.
pub struct Targets {
    pub team: Text,
    pub team_size: usize,
    pub reports: usize,
    pub new_manager: Text,
}

pub fn targets(org: &Org) -> Targets {
    let sizes = team_sizes(org);
    let mut layer_of = vec![0; org.index_bound()];
    let mut best: Option<NodeIndex> = None;
    for (node, layer) in org.tree_order() {
        layer_of[node.index()] = layer;
        let off = |n: NodeIndex| sizes[n.index()].abs_diff(100);
        if org.manager(node).is_some() && best.is_none_or(|b| off(node) < off(b)) {
            best = Some(node);
        }
    }
    let head = best.expect("a chart with more than one post");
    let manager = org.manager(head).expect("not a top post");
    let new_manager = org
        .tree_order()
        .filter(|&(node, layer)| {
            layer == layer_of[manager.index()] && node != manager && !org.reports(node).is_empty()
        })
        .last()
        .map(|(node, _)| node)
        .expect("another manager in the layer");
    let id = |n: NodeIndex| Text::from(org.post(n).id().as_str());
    Targets {
        team: id(head),
        team_size: sizes[head.index()],
        reports: org.reports(head).len(),
        new_manager: id(new_manager),
    }
}
