//! Doing an edit: every precondition is checked before the chart changes, so a refused edit
//! leaves it exactly as it was; a done edit gives back the edit that undoes it.

use rustc_hash::FxHashSet;
use serde_json::Value;

use super::fields::{read_chart_field, read_field, read_post};
use super::{Edit, EditError, Reopen, Reports};
use crate::org::{Dotted, List, NodeIndex, Org, Post, PostId, Shared, Text};

/// Does `edit` to `org` and gives the edit that undoes it, or says why it cannot be done.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::Move {
            post,
            under,
            position,
        } => {
            let node = find(org, post)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            let undo = Edit::Move {
                post: post.clone(),
                under: id_of(org, org.manager(node)),
                position: Some(org.position(node)),
            };
            org.set_manager(node, manager, *position)?;
            Ok(undo)
        }
        Edit::Add {
            under,
            position,
            post,
        } => {
            let post = new_post(org, post)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            let id = Text::from(post.id().as_str());
            org.insert_post(post, manager, *position)?;
            Ok(Edit::Close {
                post: id,
                reports: Reports::Up,
            })
        }
        Edit::Close { post, reports } => {
            let node = find(org, post)?;
            Ok(Edit::Reopen(Box::new(close(org, node, *reports))))
        }
        Edit::Retitle { post, title } => {
            if title.trim().is_empty() {
                return Err(EditError::EmptyTitle);
            }
            let node = find(org, post)?;
            let old = org.post(node).clone();
            org.post_mut(node).title = Shared::from(title.as_str());
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::Holder { post, holder } => {
            let node = find(org, post)?;
            let old = org.post(node).clone();
            // A blank name is no one, as a chart file reads it.
            org.post_mut(node).holder = holder.clone().filter(|name| !name.trim().is_empty());
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::Set { post, field, value } => {
            let node = find(org, post)?;
            let changed = set_field(org, node, field, value)?;
            let old = org.replace_post(node, changed);
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::Dotted { post, to, label } => {
            let node = find(org, post)?;
            find(org, to)?;
            let old = org.post(node).clone();
            org.dotted_mut(node).push(Dotted {
                to: PostId::new(to.as_str()),
                label: label.clone(),
                extra: List::new(),
            });
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::Undotted { post, to } => {
            let node = find(org, post)?;
            let at = org
                .post(node)
                .dotted
                .iter()
                .position(|line| line.to.as_str() == to.as_str())
                .ok_or_else(|| EditError::NoDottedLine {
                    post: post.clone(),
                    to: to.clone(),
                })?;
            let old = org.post(node).clone();
            org.dotted_mut(node).remove(at);
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::Chart { field, value } => {
            let meta = chart_field(&org.meta, field, value)?;
            let old = std::mem::replace(&mut org.meta, meta);
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::Restore(post) => {
            let node = find(org, post.id().as_str())?;
            let old = org.replace_post(node, (**post).clone());
            Ok(Edit::Restore(Box::new(old)))
        }
        Edit::RestoreChart(meta) => {
            let old = std::mem::replace(&mut org.meta, (**meta).clone());
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::Reopen(reopen) => reopen_posts(org, reopen),
    }
}

fn find(org: &Org, id: &str) -> Result<NodeIndex, EditError> {
    org.find(id)
        .ok_or_else(|| EditError::UnknownPost(Text::from(id)))
}

fn id_of(org: &Org, node: Option<NodeIndex>) -> Option<Text> {
    node.map(|n| Text::from(org.post(n).id().as_str()))
}

/// The post an `add` gives, checked: an object as a chart file holds it, with a new id and
/// dotted lines to posts of the chart. A `reports_to` in it is refused, as the edit says
/// where the post goes.
fn new_post(org: &Org, value: &Value) -> Result<Post, EditError> {
    if value.get("reports_to").is_some_and(|v| !v.is_null()) {
        return Err(EditError::ManagerBySet);
    }
    if value
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(str::is_empty)
    {
        return Err(EditError::EmptyId);
    }
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.shift_remove("reports_to");
    }
    let post = read_post(&value).map_err(EditError::Invalid)?;
    if org.find(post.id().as_str()).is_some() {
        return Err(crate::org::OrgError::DuplicateId(post.id().clone()).into());
    }
    dotted_targets_exist(org, &post)?;
    Ok(post)
}

fn dotted_targets_exist(org: &Org, post: &Post) -> Result<(), EditError> {
    for line in &post.dotted {
        if line.to != *post.id() && org.find(line.to.as_str()).is_none() {
            return Err(EditError::UnknownPost(Text::from(line.to.as_str())));
        }
    }
    Ok(())
}

/// Post `node` with `field` set to `value` (`null` removes it).
fn set_field(org: &Org, node: NodeIndex, field: &str, value: &Value) -> Result<Post, EditError> {
    let mut post = org.post(node).clone();
    let id = post.id().as_str().to_owned();
    match field {
        "id" => return Err(EditError::FixedId),
        "reports_to" => return Err(EditError::ManagerBySet),
        "title" if value.is_null() => return Err(EditError::EmptyTitle),
        _ => {}
    }
    let read = if value.is_null() {
        None
    } else {
        Some(read_field(&id, field, value).map_err(EditError::Invalid)?)
    };
    match field {
        "title" => post.title = read.expect("a title was read").title,
        "holder" => post.holder = read.and_then(|r| r.holder),
        "unit" => post.unit = read.and_then(|r| r.unit),
        "grade" => post.grade = read.and_then(|r| r.grade),
        "note" => post.note = read.and_then(|r| r.note),
        "fte" => post.fte = read.and_then(|r| r.fte),
        "cost" => post.cost = read.and_then(|r| r.cost),
        "staff" => post.staff = read.map(|r| r.staff).unwrap_or_default(),
        "tags" => post.tags = read.map(|r| r.tags).unwrap_or_default(),
        "dotted" => {
            post.dotted = read.map(|r| r.dotted).unwrap_or_default();
            dotted_targets_exist(org, &post)?;
        }
        _ => {
            let at = post.extra.iter().position(|(key, _)| key == field);
            let new = read.and_then(|mut r| {
                let i = r.extra.iter().position(|(key, _)| key == field)?;
                Some(r.extra.remove(i))
            });
            match (at, new) {
                (Some(at), Some(new)) => post.extra[at] = new,
                (Some(at), None) => {
                    post.extra.remove(at);
                }
                (None, Some(new)) => post.extra.push(new),
                (None, None) => {}
            }
        }
    }
    Ok(post)
}

/// The chart's description with `field` set to `value` (`null` removes it).
fn chart_field(
    meta: &crate::org::Meta,
    field: &str,
    value: &Value,
) -> Result<crate::org::Meta, EditError> {
    if matches!(field, "orgtree" | "posts") {
        return Err(EditError::FixedChartField(Text::from(field)));
    }
    let mut meta = meta.clone();
    let read = if value.is_null() {
        None
    } else {
        Some(read_chart_field(field, value).map_err(EditError::Invalid)?)
    };
    match field {
        "name" => meta.name = read.and_then(|r| r.name),
        "as_of" => meta.as_of = read.and_then(|r| r.as_of),
        "source" => meta.source = read.and_then(|r| r.source),
        _ => {
            let at = meta.extra.iter().position(|(key, _)| key == field);
            let new = read.and_then(|mut r| {
                let i = r.extra.iter().position(|(key, _)| key == field)?;
                Some(r.extra.remove(i))
            });
            match (at, new) {
                (Some(at), Some(new)) => meta.extra[at] = new,
                (Some(at), None) => {
                    meta.extra.remove(at);
                }
                (None, Some(new)) => meta.extra.push(new),
                (None, None) => {}
            }
        }
    }
    Ok(meta)
}

/// Closes `node`: its reports move up, or its whole team closes too; dotted lines from
/// other posts to what closes are removed. Gives what was taken, to put it back.
fn close(org: &mut Org, node: NodeIndex, reports: Reports) -> Reopen {
    let closing: Vec<NodeIndex> = match reports {
        Reports::Up => vec![node],
        Reports::Close => org.team(node).map(|(n, _)| n).collect(),
    };
    let closed: FxHashSet<NodeIndex> = closing.iter().copied().collect();
    let mut dotted_in = Vec::new();
    let sources: Vec<NodeIndex> = org
        .with_dotted_lines()
        .into_iter()
        .filter(|n| !org.post(*n).dotted.is_empty() && !closed.contains(n))
        .collect();
    for source in sources {
        let post = org.post(source);
        let taken: Vec<usize> = post
            .dotted
            .iter()
            .enumerate()
            .filter(|(_, line)| {
                org.find(line.to.as_str())
                    .is_some_and(|t| closed.contains(&t))
            })
            .map(|(i, _)| i)
            .collect();
        if taken.is_empty() {
            continue;
        }
        let id = post.id().clone();
        let lines = org.dotted_mut(source);
        for &i in taken.iter().rev() {
            let line = lines.remove(i);
            dotted_in.push((id.clone(), i, line));
        }
    }
    // Put back in increasing place, each line back where it was.
    dotted_in.reverse();

    let mut returning = Vec::new();
    if reports == Reports::Up {
        let manager = org.manager(node);
        let at = org.position(node);
        let moving = org.reports(node).to_vec();
        for (i, &report) in moving.iter().enumerate() {
            returning.push(org.post(report).id().clone());
            org.set_manager(report, manager, Some(at + 1 + i))
                .expect("a report moves up to its own manager's manager");
        }
    }
    let placed: Vec<(Option<PostId>, usize)> = closing
        .iter()
        .map(|&n| {
            (
                org.manager(n).map(|m| org.post(m).id().clone()),
                org.position(n),
            )
        })
        .collect();
    let mut posts: Vec<(Post, Option<PostId>, usize)> = Vec::with_capacity(closing.len());
    for (&n, (manager, at)) in closing.iter().zip(placed).rev() {
        let post = org.remove_post(n).expect("closed leaves first");
        posts.push((post, manager, at));
    }
    posts.reverse();
    Reopen {
        posts,
        returning,
        dotted_in,
    }
}

/// Puts closed posts back: the posts, the reports that moved up, the dotted lines to them.
fn reopen_posts(org: &mut Org, reopen: &Reopen) -> Result<Edit, EditError> {
    let first = reopen
        .posts
        .first()
        .map(|(post, ..)| Text::from(post.id().as_str()))
        .ok_or_else(|| EditError::Invalid("nothing to reopen".into()))?;
    for (post, manager, at) in &reopen.posts {
        let manager = manager
            .as_ref()
            .map(|id| find(org, id.as_str()))
            .transpose()?;
        org.insert_post(post.clone(), manager, Some(*at))?;
    }
    let head = find(org, &first)?;
    for (i, id) in reopen.returning.iter().enumerate() {
        let report = find(org, id.as_str())?;
        org.set_manager(report, Some(head), Some(i))?;
    }
    for (source, at, line) in &reopen.dotted_in {
        let source = find(org, source.as_str())?;
        let lines = org.dotted_mut(source);
        let at = (*at).min(lines.len());
        lines.insert(at, line.clone());
    }
    // A team closes again as a team; a single post (with no reports of its own left, or
    // with reports that go up again) as itself.
    let reports = if reopen.posts.len() > 1 {
        Reports::Close
    } else {
        Reports::Up
    };
    Ok(Edit::Close {
        post: first,
        reports,
    })
}
