//! Closing a post (its reports move up, or its whole team closes) and putting closed posts
//! back, each exactly: the posts, their places among their siblings, and the dotted lines
//! other posts drew to them.

use rustc_hash::FxHashSet;

use super::{Edit, EditError, Reopen, Reports, find};
use crate::org::{NodeIndex, Org, Post, PostId, Text};

/// Closes `node`: its reports move up, or its whole team closes too; dotted lines from
/// other posts to what closes are removed. Gives what was taken, to put it back.
pub(super) fn close(org: &mut Org, node: NodeIndex, reports: Reports) -> Reopen {
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
        returning.extend(org.reports(node).iter().map(|&r| org.post(r).id().clone()));
        org.move_reports_up(node);
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
pub(super) fn reopen_posts(org: &mut Org, reopen: &Reopen) -> Result<Edit, EditError> {
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
