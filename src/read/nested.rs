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
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::whole_json::{
    Id, Json, JsonKind, Keys, Raw, ReadPost, found, id_text, kind, label, repaired,
};
use super::{Found, Imported};
use crate::org::builder::{Builder, IdRead, Policy, PostRead};
use crate::org::post::Shared;
use crate::org::{Meta, PostId, Text};
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
    // Ids for the nodes without one are made from their titles, never one the file gives:
    // the ids given are gathered first, so that each node goes to the builder as it is read
    // (a million nodes held as read, then as posts, took ten times the file).
    let mut made = IdMaker::new([]);
    given_ids(&json, &roots, &keys, &mut made);
    let mut builder = Builder::new(Policy::lenient(options.lenient));

    // Every node in file order, a node before its children.
    let in_list = kind(top) == JsonKind::Array;
    let mut stack: Vec<(Raw, Place)> = roots
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &root)| (root, Place::Top { item: i + 1 }))
        .collect();
    drop(roots);
    let mut read_so_far = 0;
    while let Some((raw, place)) = stack.pop() {
        if kind(raw) != JsonKind::Object {
            let message = match &place {
                Place::Top { item } if in_list => format!("item #{item} of the top list"),
                Place::Top { .. } => "the top".to_owned(),
                Place::Child { parent, item } => {
                    let label = label(parent.number, &parent.given, Some(&parent.title));
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
        let number = read_so_far + 1;
        let Some(read) = json.post(raw, number, &keys) else {
            continue;
        };
        read_so_far = number;
        let ReadPost {
            id: given,
            post,
            structure,
            label: post_label,
            position,
            id_at,
        } = read;
        let id = match &given {
            Id::Given(id) => id.clone(),
            Id::Missing | Id::Unusable => made.id(&post.title),
        };
        if let Some(children) = structure {
            match kind(children) {
                JsonKind::Null => {}
                JsonKind::Array => {
                    let items = json.items(children);
                    let parent = Rc::new(Parent {
                        number,
                        id: id.clone(),
                        given,
                        title: post.title.clone(),
                    });
                    stack.extend(items.iter().enumerate().rev().map(|(i, &child)| {
                        let place = Place::Child {
                            parent: Rc::clone(&parent),
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
                            "{post_label}: \"{}\" must be an array of posts, found {found}",
                            Escaped(&options.children_key)
                        ),
                    );
                }
            }
        }
        let id = IdRead::Given(PostId::new(id), id_at.unwrap_or(position));
        let mut post = PostRead::new(post, number, position, id);
        if let Place::Child { parent, .. } = place {
            post.reports_to = Some((PostId::new(parent.id.clone()), position));
        }
        builder.add(post);
    }
    drop(made);
    let meta = Meta {
        source: Some(format!("imported from {file} (nested JSON)").into()),
        ..Meta::default()
    };
    json.finish(meta, builder)
}

/// Gives `made` every id that a node under `roots` gives, walking the tree as [`nested`]
/// does, but reading only each node's id and children.
fn given_ids<'t>(json: &Json<'t>, roots: &[Raw<'t>], keys: &Keys, made: &mut IdMaker) {
    let mut stack = roots.to_vec();
    while let Some(node) = stack.pop() {
        let [id, children] = json.members_named(node, [keys.id, keys.structure]);
        if let Some(id) = id.and_then(id_text) {
            made.give(&id);
        }
        if let Some(children) = children {
            json.each_item(children, |child| stack.push(child));
        }
    }
}

/// Where a node stands in the tree: a top post, or a child of a node read before.
enum Place {
    /// Item `item` (from 1) of the top list, or the one top object.
    Top { item: usize },
    /// Item `item` (from 1) of the children of `parent`.
    Child { parent: Rc<Parent>, item: usize },
}

/// What a node's children need of it: its id for their reporting line, and how it is
/// named in their messages.
struct Parent {
    /// Its number among the posts, from 1 in file order.
    number: usize,
    /// Its id, given or made.
    id: Text,
    /// Its id as the file gives it.
    given: Id,
    title: Shared,
}

/// The longest id made from a title, in characters.
const LONGEST_MADE_ID: usize = 48;

/// Makes ids from titles, each one new.
pub(super) struct IdMaker {
    /// Every id given or made so far, each with the number to try next after it when it is
    /// made from a title again (0 for an id not yet made from a title): one table for both,
    /// short ids held in place.
    taken: FxHashMap<Text, usize>,
}

impl IdMaker {
    /// An id maker that will never make one of the ids `given`.
    pub(super) fn new<'a>(given: impl IntoIterator<Item = &'a str>) -> Self {
        let mut maker = Self {
            taken: FxHashMap::default(),
        };
        for id in given {
            maker.give(id);
        }
        maker
    }

    /// Takes `id`, given by the file, so that it is never made.
    pub(super) fn give(&mut self, id: &str) {
        if !self.taken.contains_key(id) {
            self.taken.insert(Text::from(id), 0);
        }
    }

    /// An id made from `title`: its letters and digits in lower case, other runs of
    /// characters as one `-` (`Chief Technology Officer` gives `chief-technology-officer`),
    /// followed by `-2`, `-3`, ... when that is taken. Ids are made in turn, so the same
    /// titles in the same order always give the same ids.
    pub(super) fn id(&mut self, title: &str) -> Text {
        let mut slug = Text::default();
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
        let Some(&next) = self.taken.get(&slug) else {
            self.taken.insert(slug.clone(), 2);
            return slug;
        };
        let mut counter = next.max(2);
        let id = loop {
            let id = compact_str::format_compact!("{slug}-{counter}");
            counter += 1;
            if !self.taken.contains_key(&id) {
                break id;
            }
        };
        self.taken.insert(slug, counter);
        self.taken.insert(id.clone(), 0);
        id
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
        // A title whose id was made for another title takes the next number after it, and
        // that other title goes on from where it was.
        assert_eq!(make("Engineer 3"), "engineer-3-2");
        assert_eq!(make("Engineer"), "engineer-4");
        assert_eq!(make("Engineer 3"), "engineer-3-3");
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
        assert_eq!(read.post.fte(), Some(0.5));
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
