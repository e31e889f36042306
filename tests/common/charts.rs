//! Charts built at random through the library's API, shared by the property tests and the
//! fuzz tests: charts of arbitrary text, charts whose ids come from a small pool (so that
//! two of them share many posts, in other places and with other fields), and the same with
//! hostile text and values (control and bidi characters, lone words the organogram reads
//! specially, huge numbers, `null`, values nested hundreds deep).

// Each test binary uses its own part of these strategies.
#![allow(dead_code)]

use orgtree::org::{Cost, Dotted, Extra, Holder, Meta, Org, Post, Staff};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
pub struct PostSpec {
    id: String,
    title: String,
    holder: Holder,
    unit: Option<String>,
    fte: Option<f64>,
    /// A figure, or a range from the first to the first plus the second.
    cost: Option<(u32, Option<u32>)>,
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
        holder(any::<String>().prop_filter("not blank", |h| !h.trim().is_empty())),
        proptest::option::of("[A-Za-z ]{0,12}"),
        proptest::option::of(0.0..50.0f64),
        proptest::option::of((any::<u32>(), proptest::option::of(any::<u32>()))),
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

/// A holder: often a name from `names`, often vacant, sometimes not disclosed.
fn holder(names: impl Strategy<Value = String>) -> impl Strategy<Value = Holder> {
    prop_oneof![
        4 => Just(Holder::Vacant),
        1 => Just(Holder::Undisclosed),
        5 => names.prop_map(Holder::named),
    ]
}

/// A chart of arbitrary text: its name, and `posts` posts added in order, each then placed
/// under an earlier post (or at the top) at an arbitrary position among its siblings.
pub fn any_text_chart(posts: std::ops::Range<usize>) -> impl Strategy<Value = Org> {
    (
        proptest::option::of(any::<String>()),
        proptest::collection::vec(post_spec(), posts),
    )
        .prop_map(|(name, specs)| build_any_text(name, specs))
}

fn build_any_text(name: Option<String>, specs: Vec<PostSpec>) -> Org {
    let mut org = Org::new(Meta {
        name: name.map(Into::into),
        ..Meta::default()
    });
    let mut nodes = Vec::new();
    for (i, spec) in specs.into_iter().enumerate() {
        let mut post = Post::new(format!("{}#{i}", spec.id).as_str(), spec.title);
        post.holder = spec.holder;
        post.unit = spec.unit.map(Into::into);
        post.set_fte(spec.fte);
        post.cost = spec.cost.map(|(low, more)| {
            let low = f64::from(low);
            Cost::range(low, low + more.map_or(0.0, f64::from)).unwrap()
        });
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

/// A post of a pooled chart: its id is one of [`IDS`] (or of [`HOSTILE_IDS`]).
#[derive(Debug, Clone)]
pub struct Spec {
    id: Index,
    title: String,
    holder: Holder,
    grade: Option<String>,
    fte: Option<u8>,
    /// In thousands: a figure, or a range of a pay band.
    cost: Option<(u8, u8)>,
    tags: Vec<String>,
    staff: Option<Staff>,
    extra: Vec<(String, Value)>,
    manager: Option<Index>,
    position: Index,
    dotted: Vec<(Index, Option<String>, Option<Value>)>,
}

pub const IDS: [&str; 24] = [
    "ps", "cdo", "cto", "coo", "cfo", "hr", "dev", "ops", "sre", "data", "sec", "legal", "comms",
    "estates", "policy", "1", "2", "10", "a b", "é", "x.y", "UPPER", "lower", "-",
];

/// Ids a hostile file may give: bidi overrides, escape sequences, the organogram's own words.
pub const HOSTILE_IDS: [&str; 12] = [
    "\u{202e}cdo",
    "cdo\u{1b}[1m",
    "\u{9b}2J",
    "tab\there",
    "line\nbreak",
    " spaced ",
    "XX",
    "N/D",
    "Total",
    "360510.0",
    "=1+1",
    "\u{fffd}",
];

/// Pieces of text that have broken, or could break, a writer or a reader.
pub const HOSTILE_TEXT: [&str; 28] = [
    "\u{1b}[1m",
    "\u{1b}]0;title\u{7}",
    "\u{202e}",
    "\u{9b}2J",
    "\u{0}",
    "\u{7f}",
    "\u{2028}",
    "\u{fffd}",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{61c}",
    "\u{2066}",
    "\u{200f}",
    "\u{feff}",
    "\"",
    "\\",
    "'",
    "=1+1",
    "-",
    "N/D",
    "Vacant",
    ",",
    "<br/>",
    "#quot;",
    "]",
    "é\u{301}",
];

/// Text of any sort, often plain, sometimes with a hostile piece in it.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][A-Za-z ,]{0,12}",
        2 => any::<String>(),
        3 => ("[a-z]{0,3}", proptest::sample::select(&HOSTILE_TEXT[..]), "[a-z]{0,3}")
            .prop_map(|(a, h, b)| format!("{a}{h}{b}")),
    ]
}

/// A value nested `depth` deep, in arrays or objects.
pub fn deep(depth: usize, objects: bool) -> Value {
    let mut value = json!(1);
    for _ in 0..depth {
        value = if objects {
            json!({ "a": value })
        } else {
            json!([value])
        };
    }
    value
}

/// A value for a field orgtree does not know: any JSON, with the extremes.
pub fn hostile_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        2 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n)),
        1 => proptest::sample::select(&[1e23, -0.0, f64::MAX, f64::MIN_POSITIVE, 0.1, 1e-300][..])
            .prop_map(|n| json!(n)),
        3 => hostile_text().prop_map(Value::String),
    ];
    let tree = leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((hostile_text(), inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    });
    prop_oneof![
        30 => tree,
        1 => (100usize..=500, any::<bool>()).prop_map(|(depth, objects)| deep(depth, objects)),
    ]
}

/// Names of fields orgtree does not know, the organogram's columns among them.
const EXTRA_KEYS: [&str; 9] = [
    "x_a",
    "x_b",
    "x_c",
    "\u{1b}[1mkey",
    "\u{202e}",
    "Parent Department",
    "Contact E-mail",
    "Reports to Senior Post",
    "Job Title",
];

/// One strategy or the other, as the chart is to be hostile or not.
fn either<T: std::fmt::Debug + 'static>(
    hostile: bool,
    plain: impl Strategy<Value = T> + 'static,
    other: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    if hostile {
        other.boxed()
    } else {
        plain.boxed()
    }
}

fn staff(hostile: bool) -> BoxedStrategy<Staff> {
    let analysts = Just(Staff {
        title: Some("Analysts".into()),
        fte: Some(3.0),
        ..Staff::default()
    });
    let any_group = (
        proptest::option::of(hostile_text()),
        proptest::option::of(0u8..20),
        proptest::option::of((0u32..10_000_000, 0u32..1_000_000)),
        proptest::collection::vec(
            (proptest::sample::select(&EXTRA_KEYS[..]), hostile_value()),
            0..2,
        ),
    )
        .prop_map(|(title, fte, cost, extra)| {
            let mut group = Staff {
                title: title.map(Into::into),
                fte: fte.map(f64::from),
                cost: cost.and_then(|(low, more)| {
                    Cost::range(f64::from(low), f64::from(low) + f64::from(more))
                }),
                ..Staff::default()
            };
            push_extra(&mut group.extra, extra);
            group
        });
    either(hostile, analysts, any_group)
}

fn spec(hostile: bool) -> impl Strategy<Value = Spec> {
    let title = prop_oneof![3 => "[A-Z][A-Za-z ,]{0,12}", 1 => any::<String>()];
    let name = "[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}";
    let grades = proptest::sample::select(&["SCS1", "SCS2", "G6", "G7"][..]).prop_map(String::from);
    let tags = proptest::sample::select(&["a", "b", "c"][..]).prop_map(String::from);
    let labels = proptest::sample::select(&["matrix", "sponsor"][..]).prop_map(String::from);
    let keys: &'static [&'static str] = if hostile {
        &EXTRA_KEYS
    } else {
        &["x_a", "x_b", "x_c", "x_d"]
    };
    (
        (
            any::<Index>(),
            either(hostile, title, hostile_text()),
            holder(either(
                hostile,
                name,
                prop_oneof![3 => name, 1 => hostile_text().prop_filter("not blank", |h| !h.trim().is_empty())],
            )),
            proptest::option::of(either(hostile, grades.clone(), prop_oneof![3 => grades, 1 => hostile_text()])),
            proptest::option::of(0u8..8),
            proptest::option::of((0u8..100, prop_oneof![Just(0u8), 1u8..20])),
            proptest::collection::vec(either(hostile, tags.clone(), prop_oneof![3 => tags, 1 => hostile_text()]), 0..3),
            proptest::option::weighted(0.2, staff(hostile)),
        ),
        (
            proptest::collection::vec(
                (
                    proptest::sample::select(keys).prop_map(String::from),
                    either(hostile, (-3i32..3).prop_map(|n| json!(n)), hostile_value()),
                ),
                0..4,
            ),
            proptest::option::weighted(0.85, any::<Index>()),
            any::<Index>(),
            proptest::collection::vec(
                (
                    any::<Index>(),
                    proptest::option::of(either(hostile, labels.clone(), prop_oneof![3 => labels, 1 => hostile_text()])),
                    proptest::option::weighted(0.1, either(hostile, Just(json!(2020)), hostile_value())),
                ),
                0..3,
            ),
        ),
    )
        .prop_map(
            |((id, title, holder, grade, fte, cost, tags, staff), (extra, manager, position, dotted))| {
                Spec {
                    id,
                    title,
                    holder,
                    grade,
                    fte,
                    cost,
                    tags,
                    staff,
                    extra,
                    manager,
                    position,
                    dotted,
                }
            },
        )
}

fn push_extra<K: AsRef<str>>(extra: &mut Extra, members: Vec<(K, Value)>) {
    for (key, value) in members {
        if !extra.iter().any(|(k, _)| k == key.as_ref()) {
            extra.push((key.as_ref().into(), value));
        }
    }
}

/// A chart built through the API from `specs` (posts whose id is already taken are left
/// out), with a description.
fn build_pooled(
    name: Option<String>,
    meta_extra: Vec<(&'static str, Value)>,
    ids: &[&str],
    specs: &[Spec],
) -> Org {
    let mut extra = Extra::new();
    push_extra(&mut extra, meta_extra);
    let mut org = Org::new(Meta {
        name: name.map(Into::into),
        extra,
        ..Meta::default()
    });
    let mut nodes = Vec::new();
    let mut kept = Vec::new();
    for spec in specs {
        let id = ids[spec.id.index(ids.len())];
        if org.find(id).is_some() {
            continue;
        }
        let mut post = Post::new(id, spec.title.as_str());
        post.holder = spec.holder.clone();
        post.grade = spec.grade.as_deref().map(Into::into);
        post.set_fte(spec.fte.map(|f| f64::from(f) / 4.0));
        post.cost = spec.cost.map(|(low, more)| {
            let low = f64::from(low) * 1000.0;
            Cost::range(low, low + f64::from(more) * 1000.0).unwrap()
        });
        post.tags = spec.tags.iter().map(|t| t.as_str().into()).collect();
        post.staff.extend(spec.staff.clone());
        push_extra(&mut post.extra, spec.extra.clone());
        let node = org.add_post(post).unwrap();
        let manager = spec
            .manager
            .filter(|_| !nodes.is_empty())
            .map(|m| nodes[m.index(nodes.len())]);
        let siblings = manager.map_or(org.tops().len(), |m| org.reports(m).len());
        org.set_manager(node, manager, Some(spec.position.index(siblings + 1)))
            .unwrap();
        nodes.push(node);
        kept.push(spec);
    }
    for (&node, spec) in nodes.iter().zip(kept) {
        for (to, label, extra) in &spec.dotted {
            let to = org.post(nodes[to.index(nodes.len())]).id().clone();
            let mut members = Extra::new();
            if let Some(value) = extra {
                members.push(("x_since".into(), value.clone()));
            }
            org.post_mut(node).dotted.push(Dotted {
                to,
                label: label.as_deref().map(Into::into),
                extra: members,
            });
        }
    }
    org
}

/// A chart whose ids come from [`IDS`], so that two such charts share many posts.
pub fn pooled_chart() -> impl Strategy<Value = Org> {
    (
        proptest::option::of("[A-Za-z ]{1,10}"),
        proptest::collection::vec(
            (
                proptest::sample::select(&["x_a", "currency", "x_c"][..]),
                (-2i32..2).prop_map(|n| json!(n)),
            ),
            0..3,
        ),
        proptest::collection::vec(spec(false), 0..24),
    )
        .prop_map(|(name, extra, specs)| build_pooled(name, extra, &IDS, &specs))
}

/// As [`pooled_chart`], with hostile ids, text and values among the plain ones.
pub fn hostile_chart() -> impl Strategy<Value = Org> {
    (
        proptest::option::of(hostile_text()),
        proptest::collection::vec(
            (
                proptest::sample::select(&["x_a", "currency", "\u{1b}]0;x\u{7}"][..]),
                hostile_value(),
            ),
            0..3,
        ),
        proptest::collection::vec(spec(true), 0..10),
    )
        .prop_map(|(name, extra, specs)| {
            let ids: Vec<&str> = IDS.iter().chain(&HOSTILE_IDS).copied().collect();
            build_pooled(name, extra, &ids, &specs)
        })
}
