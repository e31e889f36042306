//! Nested JSON trees, as the dabeng `OrgChart` and many scripts write them: one object for the
//! top post (or an array of them), each with its reports in a list of children:
//!
//! ```json
//! { "name": "Sarah Wilkinson", "title": "Chief Technology Officer",
//!   "children": [ { "name": null, "title": "Chief Operating Officer, Technology" } ] }
//! ```
//!
//! Nodes without an id get one made from their title (`chief-technology-officer`, then
//! `chief-technology-officer-2`, ...), in file order and never one the file gives, so the same
//! file always gives the same ids. Every member of a node that is not read as part of the post
//! is kept as a field of the post, so nothing is lost.
//!
use rustc_hash::{FxHashMap, FxHashSet};

use super::whole_json::{Id, Json, JsonKind, Keys, Raw, found, kind, label, repaired};
use super::{Found, Imported};
use crate::org::builder::{IdRead, PostRead};
use crate::org::{Meta, Position, Post, PostId, Text};
use crate::text::Escaped;

/// Which members of a node hold what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NestedOptions {
    /// The list of a node's reports.
    pub children_key: String,
    /// The post's title.
    pub title_key: String,
    /// The person in post.
    pub holder_key: String,
    /// The post's id, where the file gives one.
    pub id_key: String,
    /// Load what can be loaded: a duplicate id gets a new one, with a warning.
    pub lenient: bool,
}

impl Default for NestedOptions {
    fn default() -> Self {
        Self {
            children_key: "children".into(),
            title_key: "title".into(),
            holder_key: "name".into(),
            id_key: "id".into(),
            lenient: false,
        }
    }
}

/// Reads a nested JSON tree: a top post, or an array of top posts, each node an object with
/// its reports under `options.children_key`. Every problem is reported at once, each at its
/// line and column in `text`; `file` names the file in them.
pub fn nested(file: &str, text: &str, options: &NestedOptions) -> Result<Imported, Vec<Found>> {
    let (text, lone) = repaired(text);
    let mut json = Json::new(file, &text);
    let top = json.parse()?;
    json.lone_surrogates(&lone);
    let keys = Keys {
        id: &options.id_key,
        title: &options.title_key,
        holder: &options.holder_key,
        structure: &options.children_key,
    };

    // The roots, then every node in file order (a node before its children).
    let roots: Vec<Raw> = match kind(top) {
        JsonKind::Object => vec![top],
        JsonKind::Array => json.items(top),
        _ => {
            json.error(
                top,
                format!(
                    "a nested chart is a JSON object (the top post, with its reports under \"{}\") or an array of them, found {}",
                    Escaped(&options.children_key),
                    kind(top)
                ),
            );
            return Err(json.problems);
        }
    };
    let mut nodes: Vec<Node> = Vec::new();
    let in_list = kind(top) == JsonKind::Array;
    let mut stack: Vec<(Raw, Place)> = roots
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &root)| (root, Place::Top { item: i + 1 }))
        .collect();
    while let Some((raw, place)) = stack.pop() {
        if kind(raw) != JsonKind::Object {
            let message = match place {
                Place::Top { item } if in_list => format!("item #{item} of the top list"),
                Place::Top { .. } => "the top".to_owned(),
                Place::Child { parent, item } => {
                    let parent = &nodes[parent];
                    let label = label(parent.number, &parent.id, Some(&parent.post.title));
                    let key = Escaped(&options.children_key);
                    format!("{label}: \"{key}\" item #{item}")
                }
            };
            json.error(
                raw,
                format!("{message} is {}, not an object (a post)", kind(raw)),
            );
            continue;
        }
        let number = nodes.len() + 1;
        let Some(read) = json.post(raw, number, &keys) else {
            continue;
        };
        let this = nodes.len();
        if let Some(children) = read.structure {
            match kind(children) {
                JsonKind::Null => {}
                JsonKind::Array => {
                    let items = json.items(children);
                    stack.extend(items.iter().enumerate().rev().map(|(i, &child)| {
                        let place = Place::Child {
                            parent: this,
                            item: i + 1,
                        };
                        (child, place)
                    }));
                }
                _ => {
                    let found = found(children);
                    json.error(
                        children,
                        format!(
                            "{}: \"{}\" must be an array of posts, found {found}",
                            read.label,
                            Escaped(&options.children_key)
                        ),
                    );
                }
            }
        }
        let parent = match place {
            Place::Top { .. } => None,
            Place::Child { parent, .. } => Some(parent),
        };
        nodes.push(Node {
            number,
            id: read.id,
            post: read.post,
            parent,
            position: read.position,
            id_at: read.id_at.unwrap_or(read.position),
        });
    }

    // Ids for the nodes without one: from the title, never one the file gives.
    let mut made = IdMaker::new(nodes.iter().filter_map(|node| match &node.id {
        Id::Given(id) => Some(id.as_str()),
        Id::Missing | Id::Unusable => None,
    }));
    let ids: Vec<Text> = nodes
        .iter()
        .map(|node| match &node.id {
            Id::Given(id) => id.clone(),
            Id::Missing | Id::Unusable => made.id(&node.post.title),
        })
        .collect();
    let posts = nodes
        .into_iter()
        .zip(&ids)
        .map(|(node, id)| {
            let mut read = PostRead::new(
                node.post,
                node.number,
                node.position,
                IdRead::Given(PostId::new(id.clone()), node.id_at),
            );
            read.reports_to = node
                .parent
                .map(|parent| (PostId::new(ids[parent].clone()), node.position));
            read
        })
        .collect();
    let meta = Meta {
        source: Some(format!("imported from {file} (nested JSON)").into()),
        ..Meta::default()
    };
    json.finish(meta, posts, options.lenient)
}

/// Where a node stands in the tree: a top post, or a child of a node read before.
#[derive(Clone, Copy)]
enum Place {
    /// Item `item` (from 1) of the top list, or the one top object.
    Top { item: usize },
    /// Item `item` (from 1) of the children of node `parent` (an index among the nodes).
    Child { parent: usize, item: usize },
}

/// A node as read, before ids are made for the nodes without one.
struct Node {
    /// Its number among the posts, from 1 in file order.
    number: usize,
    id: Id,
    post: Post,
    /// The index of its parent among the nodes read.
    parent: Option<usize>,
    position: Position,
    /// Where its id was given, or where it starts when it gave none.
    id_at: Position,
}

/// The longest id made from a title, in characters.
const LONGEST_MADE_ID: usize = 48;

/// Makes ids from titles, each one new.
pub(super) struct IdMaker {
    /// Every id given or made so far.
    taken: FxHashSet<String>,
    /// For each id made from a title, the number to try next after it.
    next: FxHashMap<String, usize>,
}

impl IdMaker {
    /// An id maker that will never make one of the ids `given`.
    pub(super) fn new<'a>(given: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: given.into_iter().map(str::to_owned).collect(),
            next: FxHashMap::default(),
        }
    }

    /// An id made from `title`: its letters and digits in lower case, other runs of
    /// characters as one `-` (`Chief Technology Officer` gives `chief-technology-officer`),
    /// followed by `-2`, `-3`, ... when that is taken. Ids are made in turn, so the same
    /// titles in the same order always give the same ids.
    pub(super) fn id(&mut self, title: &str) -> Text {
        let mut slug = String::new();
        let (mut length, mut dash) = (0, false);
        for c in title.chars() {
            if length >= LONGEST_MADE_ID {
                break;
            }
            if c.is_alphanumeric() {
                if dash && !slug.is_empty() {
                    slug.push('-');
                    length += 1;
                }
                dash = false;
                for lower in c.to_lowercase() {
                    slug.push(lower);
                    length += 1;
                }
            } else {
                dash = true;
            }
        }
        if slug.is_empty() {
            slug.push_str("post");
        }
        let counter = self.next.entry(slug.clone()).or_insert(1);
        let mut id = if *counter == 1 {
            slug.clone()
        } else {
            format!("{slug}-{counter}")
        };
        while self.taken.contains(&id) {
            *counter += 1;
            id = format!("{slug}-{counter}");
        }
        *counter += 1;
        self.taken.insert(id.clone());
        Text::from(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_from_titles_and_never_repeat_one_taken() {
        let mut maker = IdMaker::new(["cto-2"]);
        let mut make = |title: &str| maker.id(title).to_string();
        assert_eq!(make("Chief Technology Officer"), "chief-technology-officer");
        assert_eq!(make("  CTO (acting) "), "cto-acting");
        assert_eq!(make("CTO"), "cto");
        assert_eq!(make("cto"), "cto-3");
        assert_eq!(
            make("Directeur général adjoint"),
            "directeur-général-adjoint"
        );
        assert_eq!(make("—"), "post");
        assert_eq!(make(""), "post-2");
        // A title that looks like a made id takes that id; the next one made skips it.
        assert_eq!(make("Engineer 2"), "engineer-2");
        assert_eq!(make("Engineer"), "engineer");
        assert_eq!(make("Engineer"), "engineer-3");
        let long = make(&"word ".repeat(30));
        assert!(long.chars().count() <= LONGEST_MADE_ID, "{long}");
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn a_post_is_read_with_its_fields_and_everything_else_kept() {
        let text = r#"{"id": 7, "title": "T", "name": "", "unit": "U", "fte": 0.5,
            "tags": ["a"], "cost": "lots", "holder": "x", "className": "top"}"#;
        let mut json = Json::new("f", text);
        let raw = json.parse().unwrap();
        let keys = Keys {
            id: "id",
            title: "title",
            holder: "name",
            structure: "children",
        };
        let read = json.post(raw, 1, &keys).unwrap();
        assert!(matches!(&read.id, Id::Given(id) if id == "7"));
        assert!(read.post.is_vacant());
        assert_eq!(read.post.unit.as_deref(), Some("U"));
        assert_eq!(read.post.fte, Some(0.5));
        assert_eq!(read.post.tags.as_slice(), [Text::from("a")]);
        let extra: Vec<&str> = read.post.extra.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(extra, ["imported_cost", "imported_holder", "className"]);
        let messages: Vec<&str> = json
            .problems
            .iter()
            .map(|found| found.problem.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "post '7': \"cost\" must be a non-negative number, or {\"min\": N, \"max\": N} with min at most max, found \"lots\"; kept as \"imported_cost\"",
                "post '7': \"holder\" has another meaning in orgtree; kept as \"imported_holder\"",
            ]
        );
    }
}
