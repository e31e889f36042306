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

use serde_json::value::RawValue;

use super::json::{Id, Json, Keys, Kind, found, integer_text, items, kind, string};
use super::{Found, Imported, Record};
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
}

impl Default for FlatOptions {
    fn default() -> Self {
        Self {
            id_key: None,
            parent_key: None,
            title_key: "title".into(),
            holder_key: "name".into(),
        }
    }
}

/// The manager fields looked for when none is named, in this order: BALKAN `OrgChart` JS,
/// d3-org-chart, then other tools and scripts.
pub const PARENT_KEYS: [&str; 5] = ["pid", "parentId", "managerId", "parent", "reports_to"];

/// Reads a flat JSON list of posts, each with its manager's id. Every problem is reported at
/// once, each at its line and column in `text`; `file` names the file in them.
pub fn flat(file: &str, text: &str, options: &FlatOptions) -> Result<Imported, Vec<Found>> {
    let mut json = Json::new(file, text);
    let top = json.parse()?;
    let id_key = options.id_key.as_deref().unwrap_or("id");
    if kind(top) != Kind::Array {
        json.error(
            top,
            format!(
                "a flat chart is a JSON array of posts (objects with an id and their manager's id), found {}",
                kind(top)
            ),
        );
        return Err(json.problems);
    }
    let items = items(top);

    let parent_key = match &options.parent_key {
        Some(key) => key.clone(),
        None => match detect_parent_key(&items) {
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

    let mut records = Vec::with_capacity(items.len());
    for (i, &item) in items.iter().enumerate() {
        let number = i + 1;
        if kind(item) != Kind::Object {
            json.error(
                item,
                format!("post #{number} is {}, not an object", kind(item)),
            );
            continue;
        }
        let Some(read) = json.post(item, number, &keys) else {
            continue;
        };
        let manager = read
            .structure
            .and_then(|value| manager(&mut json, &read.label, &parent_key, value));
        let id = match read.id {
            Id::Given(id) => id,
            Id::Unusable => continue,
            Id::Missing => {
                json.error(
                    item,
                    format!(
                        "{} has no id (\"{}\"): the posts that report to it could not name it",
                        read.label,
                        Escaped(id_key)
                    ),
                );
                continue;
            }
        };
        let mut post = read.post;
        post.set_id(PostId::new(id));
        records.push(Record {
            post,
            manager,
            file: file.to_owned(),
            position: Some(read.position),
        });
    }
    let meta = Meta {
        source: Some(
            format!("imported from {file} (flat JSON, manager in \"{parent_key}\")").into(),
        ),
        ..Meta::default()
    };
    json.finish(meta, records)
}

/// The manager field of the list: the first of [`PARENT_KEYS`] that the first object having
/// any of them has.
fn detect_parent_key(items: &[&RawValue]) -> Option<&'static str> {
    items.iter().find_map(|item| {
        let members: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(item.get()).ok()?;
        PARENT_KEYS
            .into_iter()
            .find(|key| members.contains_key(*key))
    })
}

/// The manager's id in `value`: a string or an integer; null or an empty string for none.
fn manager(json: &mut Json, label: &str, key: &str, value: &RawValue) -> Option<String> {
    match kind(value) {
        Kind::Null => None,
        Kind::String => string(value).filter(|id| !id.is_empty()),
        Kind::Number if integer_text(value).is_some() => Some(value.get().to_owned()),
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
