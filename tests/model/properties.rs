//! Properties that hold for any chart: writing it and reading it back gives the same chart,
//! whatever its text, shape, order of reports or unknown fields.

use orgtree::org::{Extra, Meta, Org, Post, save};
use orgtree::read::{LoadOptions, load_str};
use proptest::prelude::*;
use proptest::sample::Index;

#[derive(Debug, Clone)]
struct PostSpec {
    id: String,
    title: String,
    holder: Option<String>,
    unit: Option<String>,
    fte: Option<f64>,
    cost: Option<u32>,
    tags: Vec<String>,
    extra: Vec<(String, i64)>,
    manager: Option<Index>,
    position: Index,
}

fn post_spec() -> impl Strategy<Value = PostSpec> {
    (
        any::<String>(),
        any::<String>(),
        // A blank holder is read as vacant, so holders here always have a visible character.
        proptest::option::of(any::<String>().prop_filter("not blank", |h| !h.trim().is_empty())),
        proptest::option::of("[A-Za-z ]{0,12}"),
        proptest::option::of(0.0..50.0f64),
        proptest::option::of(any::<u32>()),
        proptest::collection::vec(any::<String>(), 0..3),
        proptest::collection::vec(("x_[a-z]{1,6}", any::<i64>()), 0..3),
        proptest::option::weighted(0.8, any::<Index>()),
        any::<Index>(),
    )
        .prop_map(
            |(id, title, holder, unit, fte, cost, tags, extra, manager, position)| PostSpec {
                id,
                title,
                holder,
                unit,
                fte,
                cost,
                tags,
                extra,
                manager,
                position,
            },
        )
}

/// Builds a chart through the API: posts added in order, each then placed under an earlier
/// post (or at the top) at an arbitrary position among its siblings.
fn build(name: Option<String>, specs: Vec<PostSpec>) -> Org {
    let mut org = Org::new(Meta {
        name: name.map(Into::into),
        ..Meta::default()
    });
    let mut nodes = Vec::new();
    for (i, spec) in specs.into_iter().enumerate() {
        let mut post = Post::new(format!("{}#{i}", spec.id).as_str(), spec.title);
        post.holder = spec.holder.map(Into::into);
        post.unit = spec.unit.map(Into::into);
        post.fte = spec.fte;
        post.cost = spec.cost.map(f64::from);
        post.tags = spec.tags.into_iter().map(Into::into).collect();
        let mut extra = Extra::new();
        for (key, value) in spec.extra {
            if !extra.iter().any(|(k, _)| k == key.as_str()) {
                extra.push((key.into(), value.into()));
            }
        }
        post.extra = extra;
        let node = org.add_post(post).unwrap();
        let manager = spec
            .manager
            .filter(|_| !nodes.is_empty())
            .map(|m| nodes[m.index(nodes.len())]);
        let siblings = manager.map_or(org.tops().len(), |m| org.reports(m).len());
        org.set_manager(node, manager, Some(spec.position.index(siblings + 1)))
            .unwrap();
        nodes.push(node);
    }
    org
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn saving_then_loading_gives_the_same_chart(
        name in proptest::option::of(any::<String>()),
        specs in proptest::collection::vec(post_spec(), 1..40),
    ) {
        let org = build(name, specs);
        let written = save::to_json(&org);
        let loaded = load_str(&written, LoadOptions::default());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.problems().to_vec()));
        let loaded = loaded.unwrap();
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert!(loaded.org == org, "the chart changed on the round trip:\n{written}");
        prop_assert_eq!(save::to_json(&loaded.org), written);
    }

    #[test]
    fn generated_charts_round_trip(posts in 1usize..3_000, seed in any::<u64>()) {
        let org = orgtree::generate::generate(posts, seed);
        let loaded = load_str(&save::to_json(&org), LoadOptions::default()).unwrap();
        prop_assert!(loaded.org == org);
    }
}
