//! The comparison as JSON for scripts (`orgtree diff --json`): the summary, every change
//! with its post's place in both charts, and the matches inferred by content.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use super::Diff;
use crate::compare::{Change, ChangeKind, Entry, What};
use crate::org::save::{dotted_value, holder_value, post_value};
use crate::org::{Holder, NodeIndex, Org};
use crate::report::stats;

/// The comparison as JSON, keys as `docs/json-output.md` documents them.
#[must_use]
pub fn to_json(diff: &Diff) -> Value {
    serde_json::to_value(DiffJson(*diff)).unwrap_or(Value::Null)
}

/// The comparison as [`to_json`] has it, serialized change by change as it is written: a
/// diff of two large charts is never held whole as a JSON value (100,000 changed posts took
/// over a gigabyte that way).
pub struct DiffJson<'a>(pub Diff<'a>);

impl Serialize for DiffJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let diff = &self.0;
        let positions = positions(diff);
        let mut object = serializer.serialize_map(Some(6))?;
        object.serialize_entry("before", &chart(diff.before))?;
        object.serialize_entry("after", &chart(diff.after))?;
        object.serialize_entry("changes", &Changes { diff, positions })?;
        object.serialize_entry("inferred", &Inferred(diff))?;
        object.serialize_entry("disclosure", &Disclosure(diff))?;
        object.serialize_entry("summary", &summary(diff))?;
        object.end()
    }
}

/// Every change, each made a JSON value only while it is written.
struct Changes<'a> {
    diff: &'a Diff<'a>,
    positions: FxHashMap<NodeIndex, usize>,
}

impl Serialize for Changes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let changes = self.diff.comparison.changes.iter();
        serializer
            .collect_seq(changes.map(|change| change_json(self.diff, &self.positions, change)))
    }
}

/// The matches inferred by content, each written as it is made.
struct Inferred<'a>(&'a Diff<'a>);

impl Serialize for Inferred<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let diff = self.0;
        let matching = &diff.comparison.matching;
        serializer.collect_seq(matching.inferred().iter().map(|&a| {
            json!({
                "before": matching
                    .to_before(a)
                    .map(|b| diff.before.post(b).id().as_str()),
                "after": diff.after.post(a).id().as_str(),
            })
        }))
    }
}

/// The matched posts whose holder is named on one side and not disclosed on the other: no
/// change (it may be the same person), but listed so that the JSON rebuilds the after chart.
struct Disclosure<'a>(&'a Diff<'a>);

impl Serialize for Disclosure<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let diff = self.0;
        let matching = &diff.comparison.matching;
        let pairs = diff.after.posts().filter_map(|a| {
            let b = matching.to_before(a)?;
            let (old, new) = (&diff.before.post(b).holder, &diff.after.post(a).holder);
            let disclosure = matches!(
                (old, new),
                (Holder::Undisclosed, Holder::Named(_)) | (Holder::Named(_), Holder::Undisclosed)
            );
            disclosure.then(|| {
                json!({
                    "before": diff.before.post(b).id().as_str(),
                    "after": diff.after.post(a).id().as_str(),
                    "old": holder_value(old),
                    "new": holder_value(new),
                })
            })
        });
        serializer.collect_seq(pairs)
    }
}

fn chart(org: &Org) -> Value {
    let mut fields = Map::new();
    for (key, value) in [
        ("name", &org.meta.name),
        ("as_of", &org.meta.as_of),
        ("source", &org.meta.source),
    ] {
        fields.insert(key.into(), value.as_deref().into());
    }
    for (key, value) in &org.meta.extra {
        fields.insert(key.to_string(), value.clone());
    }
    Value::Object(fields)
}

fn summary(diff: &Diff) -> Value {
    let summary = &diff.comparison.summary;
    let counts: Map<String, Value> = ChangeKind::ALL
        .iter()
        .map(|kind| (kind.name().to_owned(), json!(summary.count(*kind))))
        .collect();
    let busiest: Vec<Value> = summary
        .busiest
        .iter()
        .map(|&(team, changes)| {
            let post = diff.entry_post(team);
            json!({
                "id": post.id().as_str(),
                "title": &*post.title,
                "holder": holder_value(&post.holder),
                "removed": matches!(team, Entry::Removed(_)),
                "changes": changes,
            })
        })
        .collect();
    json!({
        "changes": summary.total(),
        "counts": counts,
        "inferred": summary.inferred,
        "before": stats::to_json(diff.before, &summary.before),
        "after": stats::to_json(diff.after, &summary.after),
        "busiest_teams": busiest,
    })
}

/// Where each added or moved post stands among its siblings in the after chart: each list of
/// siblings read once, however many of its posts changed.
fn positions(diff: &Diff) -> FxHashMap<NodeIndex, usize> {
    let after = diff.after;
    let mut positions = FxHashMap::default();
    let mut read: FxHashSet<Option<NodeIndex>> = FxHashSet::default();
    for change in &diff.comparison.changes {
        if let (What::Added | What::Moved { .. }, Some(a)) = (&change.what, change.after) {
            let manager = after.manager(a);
            if read.insert(manager) {
                let siblings = manager.map_or(after.tops(), |m| after.reports(m));
                positions.extend(siblings.iter().enumerate().map(|(at, &s)| (s, at)));
            }
        }
    }
    positions
}

fn change_json(diff: &Diff, positions: &FxHashMap<NodeIndex, usize>, change: &Change) -> Value {
    let (before, after) = (diff.before, diff.after);
    let post = diff.post(change);
    let mut object = Map::new();
    object.insert("kind".into(), change.kind().name().into());
    if let Some(b) = change.before {
        object.insert("before".into(), before.post(b).id().as_str().into());
    }
    if let Some(a) = change.after {
        object.insert("after".into(), after.post(a).id().as_str().into());
    }
    object.insert("title".into(), (*post.title).into());
    object.insert("holder".into(), holder_value(&post.holder));
    let id = |org: &Org, node: Option<NodeIndex>| -> Value {
        node.map_or(Value::Null, |n| org.post(n).id().as_str().into())
    };
    let position = |a: NodeIndex| -> Value { positions.get(&a).copied().into() };
    let (old, new) = diff.pair(change);
    match &change.what {
        What::Added => {
            let a = change.after.expect("an added post is in the after chart");
            object.insert("manager".into(), id(after, after.manager(a)));
            object.insert("position".into(), position(a));
            object.insert("post".into(), post_value(after, a));
        }
        What::Removed => {
            let b = change
                .before
                .expect("a removed post is in the before chart");
            object.insert("manager".into(), id(before, before.manager(b)));
        }
        What::Moved { from, to } => {
            object.insert("from".into(), id(before, *from));
            object.insert("to".into(), id(after, *to));
            let manager_title = |org: &Org, m: &Option<NodeIndex>| -> Value {
                m.map_or(Value::Null, |m| (*org.post(m).title).into())
            };
            object.insert("from_title".into(), manager_title(before, from));
            object.insert("to_title".into(), manager_title(after, to));
            if let Some(a) = change.after {
                object.insert("position".into(), position(a));
            }
        }
        What::Retitled => {
            object.insert("old".into(), (*old.title).into());
            object.insert("new".into(), (*new.title).into());
        }
        What::Holder | What::Vacancy => {
            object.insert("old".into(), holder_value(&old.holder));
            object.insert("new".into(), holder_value(&new.holder));
        }
        What::Fields(fields) => {
            let fields: Vec<Value> = fields
                .iter()
                .map(|field| {
                    let mut entry = Map::new();
                    entry.insert("field".into(), field.field.as_str().into());
                    if let Some(old) = &field.old {
                        entry.insert("old".into(), old.clone());
                    }
                    if let Some(new) = &field.new {
                        entry.insert("new".into(), new.clone());
                    }
                    Value::Object(entry)
                })
                .collect();
            object.insert("fields".into(), fields.into());
        }
        What::Dotted { added, removed } => {
            let added: Vec<Value> = added
                .iter()
                .map(|&i| dotted_value(&new.dotted[i]))
                .collect();
            let removed: Vec<Value> = removed
                .iter()
                .map(|&i| dotted_value(&old.dotted[i]))
                .collect();
            object.insert("added".into(), added.into());
            object.insert("removed".into(), removed.into());
        }
    }
    Value::Object(object)
}
