//! Flat JSON lists of other org-chart tools: an array of objects, each with an id and the id
//! of its manager, in any order:
//!
//! ```json
//! [ { "id": 1, "name": "Sarah Wilkinson", "title": "Chief Technology Officer" },
//!   { "id": 2, "pid": 1, "title": "Chief Operating Officer, Technology" } ]
//! ```
//!
//! The manager field is `pid` for BALKAN `OrgChart` JS, `parentId` for d3-org-chart, and
//! `managerId`, `parent` or `reports_to` elsewhere: unless told, it is found from the first
//! objects. A null, empty or missing manager makes a top post; integer ids are read as
//! their decimal text. Every other member is kept as a field of the post, as for nested trees.
//! A manager or id field that is named but that no post has is refused, with the fields the
//! posts do have. BALKAN's sub-tree parent (`stpid`) has no meaning in orgtree: a post with
//! one and no manager is a top post, with a warning, and the field is kept.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::whole_json::{Json, JsonKind, Keys, Raw, found, integer_text, kind, repaired, string};
use super::{Found, Imported};
use crate::org::builder::{Builder, Policy};
use crate::org::{Meta, PostId};
use crate::text::Escaped;

/// Which members of an object hold what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlatOptions {
    /// The post's id; `None` for `id`.
    pub id_key: Option<String>,
    /// The manager's id; `None` to find it among [`PARENT_KEYS`].
    pub parent_key: Option<String>,
    /// The post's title.
    pub title_key: String,
    /// The person in post.
    pub holder_key: String,
    /// Load what can be loaded, as `--lenient` does for orgtree JSON: unknown managers and
    /// loops become top posts, a duplicate id gets a new one, each with a warning.
    pub lenient: bool,
}

impl Default for FlatOptions {
    fn default() -> Self {
        Self {
            id_key: None,
            parent_key: None,
            title_key: "title".into(),
            holder_key: "name".into(),
            lenient: false,
        }
    }
}

/// The manager fields looked for when none is named, in this order: BALKAN `OrgChart` JS,
/// d3-org-chart, then other tools and scripts.
pub const PARENT_KEYS: [&str; 5] = ["pid", "parentId", "managerId", "parent", "reports_to"];

/// Reads a flat JSON list of posts, each with its manager's id. Every problem is reported at
/// once, each at its line and column in `text`; `file` names the file in them.
pub fn flat(file: &str, text: &str, options: &FlatOptions) -> Result<Imported, Vec<Found>> {
    let (text, lone) = repaired(text);
    let mut json = Json::new(file, &text);
    let top = json.parse()?;
    json.lone_surrogates(&lone);
    let id_key = options.id_key.as_deref().unwrap_or("id");
    if kind(top) != JsonKind::Array {
        json.error(
            top,
            format!(
                "a flat chart is a JSON array of posts (objects with an id and their manager's id), found {}",
                kind(top)
            ),
        );
        return Err(json.problems);
    }
    let items = json.items(top);

    // A field named for the id or the manager that no post has is surely a mistake: said
    // once, with the fields the posts have, rather than as a problem at every post (or,
    // for the manager, not at all, every post being read as a top post).
    if items.len() > 1 {
        let lacking = |key: &str| !items.iter().any(|&item| has_key(&json, item, key));
        let id_lacking = options.id_key.as_deref().filter(|key| lacking(key));
        let parent_lacking = options.parent_key.as_deref().filter(|key| lacking(key));
        if id_lacking.is_some() || parent_lacking.is_some() {
            let keys = all_keys(&json, &items);
            if let Some(key) = id_lacking {
                let have = field_list(&keys, None);
                let message = format!("no post has the id field \"{}\"; {have}", Escaped(key));
                json.error(top, message);
            }
            if let Some(key) = parent_lacking {
                let have = field_list(&keys, Some(&PARENT_KEYS));
                let message = format!("no post has the manager field \"{}\"; {have}", Escaped(key));
                json.error(top, message);
            }
            return Err(json.problems);
        }
    }

    let parent_key = match &options.parent_key {
        Some(key) => key.clone(),
        None => match detect_parent_key(&json, &items) {
            Some(key) => key.to_owned(),
            None if items.len() > 1 => {
                let names = PARENT_KEYS.map(|key| format!("\"{key}\"")).join(", ");
                json.error(
                    top,
                    format!(
                        "no post has a manager field ({names}): name the field that holds the manager's id"
                    ),
                );
                return Err(json.problems);
            }
            // One post or none: no manager to find.
            None => "reports_to".to_owned(),
        },
    };
    let keys = Keys {
        id: id_key,
        title: &options.title_key,
        holder: &options.holder_key,
        structure: &parent_key,
    };

    // Each post goes to the builder as it is read: none is held twice.
    let mut builder = Builder::new(Policy::lenient(options.lenient));
    for (i, &item) in items.iter().enumerate() {
        let number = i + 1;
        if kind(item) != JsonKind::Object {
            json.error(
                item,
                format!("post #{number} is {}, not an object", kind(item)),
            );
            continue;
        }
        let Some(read) = json.post(item, number, &keys) else {
            continue;
        };
        let manager = read.structure.and_then(|value| {
            let id = manager(&mut json, &read.label, &parent_key, value)?;
            Some((PostId::new(id), json.position(value)))
        });
        if manager.is_none() && parent_key != SUB_TREE_PARENT {
            sub_tree_link(&mut json, item, &read.label, &parent_key);
        }
        builder.add(read.for_builder(number, manager));
    }
    let meta = Meta {
        source: Some(
            format!("imported from {file} (flat JSON, manager in \"{parent_key}\")").into(),
        ),
        ..Meta::default()
    };
    drop(items);
    json.finish(meta, builder)
}

/// The manager field of the list: the first of [`PARENT_KEYS`] that the first object having
/// any of them has.
fn detect_parent_key(json: &Json, items: &[Raw]) -> Option<&'static str> {
    items.iter().find_map(|&item| {
        let keys = json.keys(item);
        PARENT_KEYS
            .into_iter()
            .find(|key| keys.iter().any(|k| k == key))
    })
}

/// Whether `item` is an object with a member `key`.
fn has_key(json: &Json, item: Raw, key: &str) -> bool {
    json.keys(item).iter().any(|k| k == key)
}

/// The keys of the objects among `items`, each once, in the order first found.
fn all_keys<'t>(json: &Json<'t>, items: &[Raw<'t>]) -> Vec<Cow<'t, str>> {
    let mut seen = FxHashSet::default();
    let mut keys = Vec::new();
    for &item in items {
        for key in json.keys(item) {
            if seen.insert(key.clone()) {
                keys.push(key);
            }
        }
    }
    keys
}

/// What a message says of the fields the posts have, `keys`: those among `usual` if any,
/// else all of them (the first few, if there are many).
fn field_list(keys: &[Cow<str>], usual: Option<&[&str]>) -> String {
    const FEW: usize = 12;
    let quoted = |keys: &[&str]| {
        keys.iter()
            .map(|key| format!("\"{}\"", Escaped(key)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found: Vec<&str> = usual
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|name| keys.iter().any(|key| key == name))
        .collect();
    if !found.is_empty() {
        return format!("manager fields the posts have: {}", quoted(&found));
    }
    let all: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
    match all.len() {
        0 => "the posts have no fields".to_owned(),
        n if n > FEW => format!(
            "fields the posts have: {} and {} more",
            quoted(&all[..FEW]),
            n - FEW
        ),
        _ => format!("fields the posts have: {}", quoted(&all)),
    }
}

/// BALKAN `OrgChart` JS's member that places a node as the top of a sub-tree shown within
/// another node: orgtree has no such thing.
const SUB_TREE_PARENT: &str = "stpid";

/// Warns when `item`, a post with no manager, has a sub-tree parent: it is read as a top
/// post, its link kept as a field only.
fn sub_tree_link(json: &mut Json, item: Raw, label: &str, parent_key: &str) {
    let Some(value) = json.member(item, SUB_TREE_PARENT) else {
        return;
    };
    let none = match kind(value) {
        JsonKind::Null => true,
        JsonKind::String => string(value).is_some_and(|id| id.is_empty()),
        _ => false,
    };
    if !none {
        let found = found(value);
        json.warning(
            value,
            format!(
                "{label} has a sub-tree parent (\"{SUB_TREE_PARENT}\": {found}) and no manager (\"{}\"): orgtree has no sub-trees, so it is read as a top post; \"{SUB_TREE_PARENT}\" is kept as a field",
                Escaped(parent_key)
            ),
        );
    }
}

/// The manager's id in `value`: a string or an integer; null or an empty string for none.
fn manager(json: &mut Json, label: &str, key: &str, value: Raw) -> Option<String> {
    match kind(value) {
        JsonKind::Null => None,
        JsonKind::String => string(value).filter(|id| !id.is_empty()),
        JsonKind::Number if integer_text(value).is_some() => Some(value.get().to_owned()),
        _ => {
            let found = found(value);
            json.error(
                value,
                format!(
                    "{label}: \"{}\" (the manager) must be a post id (a string or an integer), found {found}",
                    Escaped(key)
                ),
            );
            None
        }
    }
}
