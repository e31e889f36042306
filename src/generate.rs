//! Generated charts of any size for benchmarks and tests, deterministic by seed.
//!
//! The shape is what large employers look like: 10 to 15 layers, spans of control from 1
//! to 12, about one post in twelve vacant, part-time posts, staff groups and dotted lines,
//! and posts listed in shuffled order so that reports often come before their managers.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::org::links::NO_MANAGER;
use crate::org::post::Interner;
use crate::org::{Dotted, Extra, Meta, NodeIndex, Org, Post, PostId, Staff};

const MAX_SPAN: usize = 12;

const AREAS: [&str; 12] = [
    "Digital",
    "Finance",
    "People",
    "Operations",
    "Policy",
    "Commercial",
    "Data",
    "Security",
    "Estates",
    "Legal",
    "Communications",
    "Strategy",
];
const ROLES: [&str; 15] = [
    "Chief Executive",
    "Director General",
    "Director",
    "Deputy Director",
    "Head",
    "Senior Lead",
    "Lead",
    "Team Leader",
    "Senior Officer",
    "Officer",
    "Assistant Officer",
    "Analyst",
    "Associate",
    "Administrator",
    "Assistant",
];
const GRADES: [&str; 15] = [
    "SCS4", "SCS3", "SCS2", "SCS1", "G6", "G7", "G7", "SEO", "SEO", "HEO", "HEO", "EO", "EO", "AO",
    "AA",
];
const FIRST: [&str; 16] = [
    "Helen", "Raj", "Amara", "Tom", "Mei", "Oliver", "Priya", "Kwame", "Sofia", "James", "Aisha",
    "Liam", "Chen", "Fatima", "Owen", "Zara",
];
const LAST: [&str; 16] = [
    "Okafor", "Patel", "Nguyen", "Smith", "Khan", "Jones", "Evans", "Mensah", "Rossi", "Brown",
    "Ali", "Walsh", "Wong", "Hughes", "Begum", "Taylor",
];

/// A chart of `posts` posts (at least one), the same for the same `posts` and `seed`.
#[must_use]
pub fn generate(posts: usize, seed: u64) -> Org {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let posts = posts.max(1);
    let layer_sizes = layer_sizes(posts, rng.random_range(10..=15));

    // Posts are numbered in tree order by layer; managers[i] is the manager of post i.
    let mut managers: Vec<Option<usize>> = vec![None];
    let mut layer_of = vec![0usize];
    let mut layer_start = 0;
    for (layer, pair) in layer_sizes.windows(2).enumerate() {
        let (managers_here, reports) = (pair[0], pair[1]);
        let spans = spans(&mut rng, managers_here, reports);
        for (offset, span) in spans.into_iter().enumerate() {
            managers.extend(std::iter::repeat_n(Some(layer_start + offset), span));
            layer_of.extend(std::iter::repeat_n(layer + 1, span));
        }
        layer_start += managers_here;
    }

    let mut file_order: Vec<usize> = (0..posts).collect();
    file_order.shuffle(&mut rng);
    let mut org = Org::new(Meta {
        name: Some(format!("Generated organisation ({posts} posts, seed {seed})").into()),
        as_of: Some("2026-01-01".into()),
        source: Some("orgtree generate: synthetic data for benchmarks".into()),
        extra: Extra::new(),
    });
    // Titles, units and grades are shared between posts, as a loaded chart shares them.
    let mut shared = Interner::default();
    let mut node_of = vec![NodeIndex::end(); posts];
    for &i in &file_order {
        let post = post(&mut rng, i, layer_of[i], posts, &mut shared);
        node_of[i] = org
            .add_post(post)
            .unwrap_or_else(|_| unreachable!("generated ids are unique"));
    }
    let mut manager_of_node = vec![NO_MANAGER; org.index_bound()];
    for (i, manager) in managers.into_iter().enumerate() {
        if let Some(m) = manager {
            manager_of_node[node_of[i].index()] =
                u32::try_from(node_of[m].index()).unwrap_or(NO_MANAGER);
        }
    }
    org.attach_all(&manager_of_node);
    org
}

/// How many posts stand in each layer: growing by a steady factor from one top post, with
/// no layer more than `MAX_SPAN` times the one above.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn layer_sizes(posts: usize, layers: i32) -> Vec<usize> {
    let total = |growth: f64| (0..layers).map(|l| growth.powi(l)).sum::<f64>();
    let target = posts as f64;
    let (mut low, mut high) = (1.0, 12.0);
    for _ in 0..60 {
        let mid = f64::midpoint(low, high);
        if total(mid) < target {
            low = mid;
        } else {
            high = mid;
        }
    }
    let mut sizes = Vec::new();
    let mut left = posts;
    for layer in 0.. {
        if left == 0 {
            break;
        }
        let wanted = (low.powi(layer).round() as usize).max(1);
        let cap = sizes.last().map_or(1, |&above: &usize| above * MAX_SPAN);
        let size = if layer + 1 >= layers {
            left
        } else {
            wanted.min(left)
        }
        .min(cap);
        sizes.push(size);
        left -= size;
    }
    sizes
}

/// Spans for `managers` posts sharing `reports` reports: most teams of 1 to 8, topped up to
/// at most `MAX_SPAN` when the layer below is large; some posts manage nobody.
fn spans(rng: &mut ChaCha8Rng, managers: usize, reports: usize) -> Vec<usize> {
    let mut spans = vec![0; managers];
    let mut order: Vec<usize> = (0..managers).collect();
    order.shuffle(rng);
    let mut left = reports;
    for &m in &order {
        if left == 0 {
            break;
        }
        let span = rng.random_range(1..=8).min(left);
        spans[m] = span;
        left -= span;
    }
    while left > 0 {
        for &m in &order {
            if left > 0 && spans[m] < MAX_SPAN {
                spans[m] += 1;
                left -= 1;
            }
        }
    }
    spans
}

fn post(rng: &mut ChaCha8Rng, i: usize, layer: usize, posts: usize, shared: &mut Interner) -> Post {
    let area = AREAS[rng.random_range(0..AREAS.len())];
    let role = ROLES[layer.min(ROLES.len() - 1)];
    let title = if layer == 0 {
        role.to_owned()
    } else {
        format!("{role}, {area}")
    };
    let mut post = Post::new(PostId::new(format!("P{i:07}")), shared.get(&title));
    if rng.random_ratio(11, 12) {
        let first = FIRST[rng.random_range(0..FIRST.len())];
        let last = LAST[rng.random_range(0..LAST.len())];
        post.holder = Some(format!("{first} {last}").into());
    }
    post.unit = Some(shared.get(area));
    post.grade = Some(shared.get(GRADES[layer.min(GRADES.len() - 1)]));
    if rng.random_ratio(1, 10) {
        post.fte = Some([0.5, 0.6, 0.8][rng.random_range(0..3)]);
    }
    #[allow(clippy::cast_precision_loss)]
    let base = 160_000.0 / (1.0 + layer as f64 * 0.35);
    post.cost = Some((base * rng.random_range(0.9..1.1) / 100.0).round() * 100.0);
    if rng.random_ratio(1, 30) {
        post.staff.push(Staff {
            title: Some("Support staff".into()),
            grade: Some(shared.get("AO")),
            fte: Some(f64::from(rng.random_range(2..40_u32))),
            ..Staff::default()
        });
    }
    if rng.random_ratio(1, 100) && i > 0 {
        post.dotted.push(Dotted {
            to: PostId::new(format!("P{:07}", rng.random_range(0..i.min(posts)))),
            label: Some("functional".into()),
            extra: Extra::new(),
        });
    }
    if rng.random_ratio(1, 50) {
        post.tags.push("critical".into());
    }
    post
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::metrics::Stats;

    #[test]
    fn the_same_seed_gives_the_same_chart() {
        assert!(generate(2_000, 7) == generate(2_000, 7));
        assert!(generate(2_000, 7) != generate(2_000, 8));
    }

    #[test]
    fn generated_charts_have_a_realistic_shape() {
        for (posts, seed) in [(10_000, 1), (50_000, 2), (100, 3)] {
            let org = generate(posts, seed);
            let stats = Stats::of(&org);
            assert_eq!(stats.posts, posts);
            assert_eq!(stats.top_posts, 1);
            let span = stats.span.unwrap();
            assert!(span.min >= 1 && span.max <= MAX_SPAN, "{span:?}");
            if posts >= 10_000 {
                assert!((10..=15).contains(&stats.layers), "{} layers", stats.layers);
                assert!(stats.vacant > posts / 20 && stats.vacant < posts / 8);
            }
        }
    }

    #[test]
    fn the_file_order_is_not_the_tree_order() {
        let org = generate(1_000, 5);
        let first = org.posts().next().unwrap();
        assert_ne!(Some(first), org.tops().first().copied());
        let forward = org
            .posts()
            .filter(|&n| org.manager(n).is_some_and(|m| m > n))
            .count();
        assert!(forward > 100, "{forward} posts come before their manager");
    }
}
