//! Working out a change script between two charts: the edits that turn one into the
//! other, posts matched by id, each worked out against the chart the edits before it made.

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use super::batch::Batch;
use super::field_slots::FieldSlots;
use super::{Edit, EditError, Reports};
use crate::org::fields::{ChartField, undisclosed_value};
use crate::org::save::post_value;
use crate::org::{Dotted, Extra, Field, Holder, NodeIndex, Org, Text};

/// The edits that turn `before` into `after`, posts matched by id: the chart's description,
/// then the posts that close, the posts added and moved (in the after chart's tree order, so
/// that siblings end in its order), then the fields and the dotted lines that differ.
pub fn between(before: &Org, after: &Org) -> Result<Vec<Edit>, EditError> {
    let mut work = before.clone();
    // Each edit is worked out against the chart the edits before it made; leniently, as
    // either chart may hold what only a lenient load keeps.
    let mut work = Batch::new(&mut work, true);
    let mut edits = Vec::new();
    let mut push = |work: &mut Batch, edit: Edit| -> Result<(), EditError> {
        work.apply(&edit)?;
        edits.push(edit);
        Ok(())
    };
    for edit in chart_edits(&before.meta, &after.meta) {
        push(&mut work, edit)?;
    }

    // Posts that close: the highest first; a team with nothing left in the after chart closes
    // whole, any other post alone, its reports going up (and on to their places later).
    let kept_below = kept_in_teams(before, after);
    let closing: Vec<NodeIndex> = before
        .tree_order()
        .map(|(node, _)| node)
        .filter(|&node| after.find(before.post(node).id().as_str()).is_none())
        .collect();
    for node in closing {
        let id = before.post(node).id().as_str();
        if work.org().find(id).is_none() {
            continue;
        }
        let reports = if kept_below[node.index()] {
            Reports::Up
        } else {
            Reports::Close
        };
        push(
            &mut work,
            Edit::Close {
                post: id.into(),
                reports,
            },
        )?;
    }

    // A post that keeps a `reports_to` as written is a top post: that goes before the post
    // moves under a manager.
    for (node, _) in before.tree_order() {
        let id = before.post(node).id().as_str();
        if before
            .post(node)
            .extra
            .iter()
            .any(|(key, _)| key == "reports_to")
            && after
                .find(id)
                .is_some_and(|there| after.manager(there).is_some())
        {
            push(&mut work, as_written(id, "reports_to", Value::Null))?;
        }
    }

    // Posts added and moved, each put at its place among its siblings. Siblings are visited
    // in order, so the ones before a post are in place when it is placed.
    let mut stack: Vec<(NodeIndex, Option<NodeIndex>, usize)> = after
        .tops()
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &top)| (top, None, i))
        .collect();
    while let Some((node, manager, at)) = stack.pop() {
        stack.extend(
            after
                .reports(node)
                .iter()
                .enumerate()
                .rev()
                .map(|(i, &report)| (report, Some(node), i)),
        );
        let id = after.post(node).id().as_str();
        let under = manager.map(|m| Text::from(after.post(m).id().as_str()));
        let now = work.org();
        let target = manager.map(|m| {
            now.find(after.post(m).id().as_str())
                .expect("managers are placed before their reports")
        });
        let siblings = target.map_or(now.tops(), |m| now.reports(m));
        let (count, here) = (siblings.len(), siblings.get(at).copied());
        let edit = match now.find(id) {
            None => Edit::Add {
                under,
                position: (at != count).then_some(at),
                post: new_post_value(after, node, now),
            },
            Some(current) if here != Some(current) => {
                let in_list = now.manager(current) == target;
                Edit::Move {
                    post: id.into(),
                    under,
                    position: (in_list || at != count).then_some(at),
                }
            }
            Some(_) => continue,
        };
        push(&mut work, edit)?;
    }

    // Fields, then dotted lines (whose targets may only now exist).
    for (node, _) in after.tree_order() {
        let now = work.org();
        let current = now.find(after.post(node).id().as_str()).expect("placed");
        for edit in field_edits(now, current, after, node) {
            push(&mut work, edit)?;
        }
    }
    for (node, _) in after.tree_order() {
        let now = work.org();
        let current = now.find(after.post(node).id().as_str()).expect("placed");
        let id = after.post(node).id().as_str();
        for edit in dotted_edits(id, &now.post(current).dotted, &after.post(node).dotted) {
            push(&mut work, edit)?;
        }
    }
    Ok(edits)
}

/// For each post of `before`, whether its team (itself included) holds a post that is in
/// `after`. Indexed by node index.
fn kept_in_teams(before: &Org, after: &Org) -> Vec<bool> {
    let mut kept = vec![false; before.index_bound()];
    let order: Vec<NodeIndex> = before.tree_order().map(|(node, _)| node).collect();
    for &node in order.iter().rev() {
        if after.find(before.post(node).id().as_str()).is_some() {
            kept[node.index()] = true;
        }
        if kept[node.index()]
            && let Some(manager) = before.manager(node)
        {
            kept[manager.index()] = true;
        }
    }
    kept
}

/// The post `node` of `after` as an `add` gives it: without its manager, and without the
/// dotted lines to posts `work` does not have yet (they are drawn once every post is in).
fn new_post_value(after: &Org, node: NodeIndex, work: &Org) -> Value {
    let mut value = post_value(after, node);
    if let Some(object) = value.as_object_mut() {
        object.shift_remove("reports_to");
        let own = after.post(node).id();
        let all_there = after
            .post(node)
            .dotted
            .iter()
            .all(|line| line.to == *own || work.find(line.to.as_str()).is_some());
        if !all_there {
            object.shift_remove("dotted");
        }
    }
    value
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The edits that make the fields of post `current` of `work` those of post `node` of
/// `after`, dotted lines aside.
fn field_edits(work: &Org, current: NodeIndex, after: &Org, node: NodeIndex) -> Vec<Edit> {
    let (old, new) = (work.post(current), after.post(node));
    let mut edits = Vec::new();
    if old == new {
        return edits;
    }
    let id = Text::from(new.id().as_str());
    if old.title != new.title {
        edits.push(if new.title.trim().is_empty() {
            Edit::Set {
                post: id.clone(),
                field: "title".into(),
                value: Value::String(new.title.to_string()),
                keep_null: false,
                as_written: false,
            }
        } else {
            Edit::Retitle {
                post: id.clone(),
                title: Text::from(&*new.title),
            }
        });
    }
    if old.holder != new.holder {
        edits.push(match &new.holder {
            // The `holder` step fills with a name or vacates; a holder not disclosed is set
            // as a chart file gives it.
            Holder::Undisclosed => Edit::Set {
                post: id.clone(),
                field: Field::Holder.name().into(),
                value: undisclosed_value(),
                keep_null: false,
                as_written: false,
            },
            holder => Edit::Holder {
                post: id.clone(),
                holder: holder.name().map(Text::from),
            },
        });
    }
    // The fields the format knows, as read (a value of the wrong type that a lenient load
    // kept under a field's name is among the fields it does not know), but those with edits
    // of their own (or none: the id, the manager).
    let typed = |org: &Org, node: NodeIndex| {
        let post = org.post(node);
        let mut fields = object(post_value(org, node));
        fields.retain(|key, _| {
            Field::named(key).is_some_and(|field| {
                !matches!(
                    field,
                    Field::Id | Field::Title | Field::ReportsTo | Field::Holder | Field::Dotted
                )
            }) && !has(&post.extra, key)
        });
        fields
    };
    let (old_fields, new_fields) = (typed(work, current), typed(after, node));
    for (key, value) in &new_fields {
        if old_fields.get(key) != Some(value) {
            edits.push(set(&id, key, value.clone(), false));
        }
    }
    for key in old_fields.keys() {
        // A value kept as written under the name takes the field's place.
        if !new_fields.contains_key(key) && !has(&new.extra, key) {
            edits.push(remove(&id, key));
        }
    }
    // Fields the format does not know (and values kept as written under the names of those
    // it knows) are kept in their order: when setting them one by one would leave them in
    // another order, they are all taken out and set again in order.
    let mut left = FieldSlots::new(old.extra.clone());
    for edit in &edits {
        match edit {
            // A set of a field the format knows, and a holder, take out a value kept as
            // written under its name (apply).
            Edit::Set { field, .. } => left.put(field, None),
            Edit::Holder { .. } => left.put(Field::Holder.name(), None),
            _ => {}
        }
    }
    let left = left.into_extra();
    // Looked up by name, once: a post can have a hundred thousand fields.
    let mut left_first: rustc_hash::FxHashMap<&str, &Value> = rustc_hash::FxHashMap::default();
    for (key, value) in &left {
        left_first.entry(key.as_str()).or_insert(value);
    }
    let new_names: rustc_hash::FxHashSet<&str> =
        new.extra.iter().map(|(key, _)| key.as_str()).collect();
    let mut extra_edits = Vec::new();
    for (key, value) in &new.extra {
        if left_first.get(key.as_str()) != Some(&value) {
            extra_edits.push(set(&id, key, value.clone(), true));
        }
    }
    for (key, _) in &left {
        if !new_names.contains(key.as_str()) {
            extra_edits.push(remove(&id, key));
        }
    }
    let mut replayed = FieldSlots::new(left.clone());
    for edit in &extra_edits {
        if let Edit::Set {
            field,
            value,
            keep_null,
            ..
        } = edit
        {
            let kept = !value.is_null() || *keep_null;
            replayed.put(field, kept.then(|| (field.clone(), value.clone())));
        }
    }
    if replayed.into_extra() != new.extra {
        extra_edits = left.iter().map(|(key, _)| remove(&id, key)).collect();
        for (key, value) in &new.extra {
            extra_edits.push(set(&id, key, value.clone(), true));
        }
    }
    edits.extend(extra_edits);
    edits
}

/// Whether `extra` has a field named `key`.
fn has(extra: &Extra, key: &str) -> bool {
    extra.iter().any(|(k, _)| k == key)
}

/// A `set` of field `field` of post `id` to `value`: a field the format knows; or, from
/// the fields it does not know (`extra`), one kept as it is (`null` too), which under the
/// name of a field the format knows is a value of the wrong type kept as written.
fn set(id: &Text, field: &str, value: Value, extra: bool) -> Edit {
    let known = is_known(field);
    Edit::Set {
        post: id.clone(),
        field: field.into(),
        keep_null: value.is_null() && !known,
        as_written: extra && known,
        value,
    }
}

/// A `set` that takes field `field` of post `id` out; a `reports_to` kept as written is
/// taken out as such, as the post's manager is not set but by a move.
fn remove(id: &Text, field: &str) -> Edit {
    Edit::Set {
        post: id.clone(),
        field: field.into(),
        value: Value::Null,
        keep_null: false,
        as_written: field == Field::ReportsTo.name(),
    }
}

/// A `set` of a value kept as written.
fn as_written(id: &str, field: &str, value: Value) -> Edit {
    Edit::Set {
        post: Text::from(id),
        field: field.into(),
        value,
        keep_null: false,
        as_written: true,
    }
}

fn is_known(field: &str) -> bool {
    Field::named(field).is_some()
}

/// The edits that turn the dotted lines `old` of post `id` into `new`: lines added at the
/// end, or a few lines taken out, or else the whole list set.
fn dotted_edits(id: &str, old: &[Dotted], new: &[Dotted]) -> Vec<Edit> {
    const FEW: usize = 16;
    if old == new {
        return Vec::new();
    }
    let post = Text::from(id);
    if new.len() > old.len()
        && new[..old.len()] == *old
        && new[old.len()..].iter().all(|line| line.extra.is_empty())
    {
        return new[old.len()..]
            .iter()
            .map(|line| Edit::Dotted {
                post: post.clone(),
                to: Text::from(line.to.as_str()),
                label: line.label.clone(),
            })
            .collect();
    }
    // Taking out the first line to each target, in turn: does it leave `new`? Each such
    // step looks for its line along the list and shifts the rest: for more than a few, the
    // whole list set at once is one step.
    let mut left = old.to_vec();
    let mut edits = Vec::new();
    let mut j = 0;
    let mut i = 0;
    while i < left.len() && edits.len() <= FEW {
        if j < new.len() && left[i] == new[j] {
            i += 1;
            j += 1;
        } else {
            let to = left[i].to.clone();
            let first = left.iter().position(|line| line.to == to).unwrap_or(i);
            left.remove(first);
            edits.push(Edit::Undotted {
                post: post.clone(),
                to: Text::from(to.as_str()),
            });
            i = 0;
            j = 0;
        }
    }
    if edits.len() <= FEW && left == new {
        return edits;
    }
    let lines: Vec<Value> = new.iter().map(crate::org::save::dotted_value).collect();
    vec![Edit::Set {
        post,
        field: "dotted".into(),
        value: Value::Array(lines),
        keep_null: false,
        as_written: false,
    }]
}

/// The edits that turn one chart description into another.
fn chart_edits(old: &crate::org::Meta, new: &crate::org::Meta) -> Vec<Edit> {
    let mut edits = Vec::new();
    let text = |value: &Option<Text>| {
        value
            .as_ref()
            .map_or(Value::Null, |t| Value::String(t.to_string()))
    };
    // A field the format knows takes out a value kept as written under its name (and such
    // a value, set, takes the field out).
    let mut taken = Vec::new();
    for (field, old, new_text) in [
        ("name", &old.name, &new.name),
        ("as_of", &old.as_of, &new.as_of),
        ("source", &old.source, &new.source),
    ] {
        if old != new_text && !has(&new.extra, field) {
            edits.push(Edit::Chart {
                field: field.into(),
                value: text(new_text),
                keep_null: false,
                as_written: false,
            });
            taken.push(field);
        }
    }
    let old_extra: Extra = old
        .extra
        .iter()
        .filter(|(key, _)| !taken.contains(&key.as_str()))
        .cloned()
        .collect();
    let (old_extra, new_extra) = (&old_extra, &new.extra);
    // A field of the chart: kept as it is (`null` too), or under the name of one the format
    // knows, a value of the wrong type kept as written.
    let chart = |key: &Text, value: Value| {
        let known = ChartField::named(key).is_some();
        Edit::Chart {
            field: key.clone(),
            keep_null: value.is_null() && !known,
            as_written: known,
            value,
        }
    };
    let remove = |key: &Text| Edit::Chart {
        field: key.clone(),
        value: Value::Null,
        keep_null: false,
        as_written: false,
    };
    if old_extra != new_extra {
        // Each key's value, found by name: looked for along the lists, a chart with many
        // fields would take the square of their number.
        fn values(extra: &Extra) -> FxHashMap<&str, &Value> {
            // The first of a name, as a lookup along the list finds it.
            extra.iter().rev().map(|(k, v)| (k.as_str(), v)).collect()
        }
        fn kept<'a>(extra: &'a Extra, other: &FxHashMap<&str, &Value>) -> Vec<&'a str> {
            extra
                .iter()
                .map(|(key, _)| key.as_str())
                .filter(|key| other.contains_key(key))
                .collect()
        }
        let (old_values, new_values) = (values(old_extra), values(new_extra));
        // The keys kept are in the same order, and every new key comes after the last of
        // them (a new key goes at the end).
        let last_kept = new_extra
            .iter()
            .rposition(|(key, _)| old_values.contains_key(key.as_str()));
        let keep_order = kept(old_extra, &new_values) == kept(new_extra, &old_values)
            && new_extra.iter().enumerate().all(|(i, (key, _))| {
                old_values.contains_key(key.as_str()) || last_kept.is_none_or(|last| i > last)
            });
        if !keep_order {
            for (key, _) in old_extra {
                edits.push(remove(key));
            }
        }
        for (key, value) in new_extra {
            let unchanged = keep_order && old_values.get(key.as_str()) == Some(&value);
            if !unchanged {
                edits.push(chart(key, value.clone()));
            }
        }
        if keep_order {
            for (key, _) in old_extra {
                if !new_values.contains_key(key.as_str()) {
                    edits.push(remove(key));
                }
            }
        }
    }
    edits
}
