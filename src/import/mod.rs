//! Reading charts kept in other formats: the UK "Organogram of Staff Roles & Salaries" CSV
//! files, nested JSON trees and flat JSON lists of other org-chart tools. Each reader turns
//! its input into [`Record`]s, found where the input gives them, and [`build`] makes the
//! chart, reporting every problem at once with its place, as the loader does.

use rustc_hash::FxHashMap;

use crate::org::links::{NO_MANAGER, find_loops};
use crate::org::{Meta, NodeIndex, Org, Position, Post, Problem, Severity};
use crate::text::Escaped;

pub mod flat;
mod json;
pub mod nested;
pub mod organogram;

/// A problem found in one of the files read.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The file, as it is to be named in messages.
    pub file: String,
    pub problem: Problem,
}

impl Found {
    #[must_use]
    pub fn error(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            problem: Problem {
                severity: Severity::Error,
                position,
                message: message.into(),
            },
        }
    }

    #[must_use]
    pub fn warning(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            problem: Problem {
                severity: Severity::Warning,
                position,
                message: message.into(),
            },
        }
    }
}

/// A chart read from another format, and the warnings found on the way (rows left out,
/// values read in another way).
#[derive(Debug)]
pub struct Imported {
    pub org: Org,
    pub warnings: Vec<Found>,
}

/// One post as an input gives it: the post, the id of its manager if any, and where it is.
#[derive(Clone, Debug)]
pub struct Record {
    pub post: Post,
    pub manager: Option<String>,
    pub file: String,
    pub position: Option<Position>,
}

/// A post added to the chart, with what placing it needs: its manager and where it was read.
struct Placed {
    node: NodeIndex,
    id: String,
    manager: Option<String>,
    file: String,
    position: Option<Position>,
}

/// Makes the chart from `records`, in their order (which gives the order of siblings):
/// every problem is reported at once, each at its record's place. Problems: an empty id, an
/// id given twice, a manager that is no post, a post that reports to itself, a reporting
/// loop. Dotted lines are not looked at (the readers give none to unknown posts).
pub fn build(meta: Meta, records: Vec<Record>) -> Result<Org, Vec<Found>> {
    let mut problems = Vec::new();
    let mut org = Org::new(meta);
    let mut placed: Vec<Placed> = Vec::with_capacity(records.len());
    let mut first_at: FxHashMap<String, Option<Position>> = FxHashMap::default();
    for record in records {
        let Record {
            post,
            manager,
            file,
            position,
        } = record;
        let id = post.id().as_str().to_owned();
        if id.is_empty() {
            let message = format!("post \"{}\" has an empty id", Escaped(&post.title));
            problems.push(Found::error(&file, position, message));
            continue;
        }
        if let Some(first) = first_at.get(&id) {
            let place = first.map_or_else(String::new, |p| format!(" (first at {p})"));
            let message = format!("post id '{}' is given twice{place}", Escaped(&id));
            problems.push(Found::error(&file, position, message));
            continue;
        }
        // Posts are placed all at once at the end: adding each as a top post, then moving
        // it, would look through all the top posts for every post.
        let node = org.add_unindexed(post);
        let _ = org.index_id(node);
        first_at.insert(id.clone(), position);
        placed.push(Placed {
            node,
            id,
            manager,
            file,
            position,
        });
    }
    // Managers first, loops after, in one pass over the whole table (as the loader does):
    // walking up from every post as it is placed would cost the depth of the chart each time.
    let mut managers = vec![NO_MANAGER; org.index_bound()];
    let mut placed_at: Vec<Option<(String, Option<Position>)>> = vec![None; org.index_bound()];
    for Placed {
        node,
        id,
        manager,
        file,
        position,
    } in placed
    {
        let Some(manager) = manager else {
            continue;
        };
        if manager == id {
            let message = format!("post '{}' reports to itself", Escaped(&id));
            problems.push(Found::error(&file, position, message));
            continue;
        }
        let Some(above) = org.find(&manager) else {
            let message = format!(
                "post '{}' reports to '{}', which is not a post",
                Escaped(&id),
                Escaped(&manager)
            );
            problems.push(Found::error(&file, position, message));
            continue;
        };
        managers[node.index()] = u32::try_from(above.index()).unwrap_or(NO_MANAGER);
        placed_at[node.index()] = Some((file, position));
    }
    for cycle in find_loops(&managers) {
        let names: Vec<String> = cycle
            .iter()
            .map(|&n| {
                format!(
                    "'{}'",
                    Escaped(org.post(NodeIndex::new(n as usize)).id().as_str())
                )
            })
            .collect();
        // Reported at the first post of the loop, which the loop then leaves as it stands.
        let first = cycle[0] as usize;
        if let Some((file, position)) = &placed_at[first] {
            let message = format!(
                "a reporting loop: {} (each reports to the next, the last to the first)",
                names.join(" -> ")
            );
            problems.push(Found::error(file, *position, message));
        }
        managers[first] = NO_MANAGER;
    }
    org.attach_all(&managers);
    if problems.is_empty() {
        Ok(org)
    } else {
        Err(problems)
    }
}
