//! What-if restructuring: edits to a chart, each checked before it changes anything and each
//! giving back the edit that undoes it; a history of them for undo and redo; and change
//! scripts, lists of edits as JSON that can be saved, read and replayed. No terminal code.

mod apply;
mod batch;
mod between;
mod close;
mod field_slots;
mod history;
pub mod journal;
mod made_on;
mod read;
pub mod script;
mod set;

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::org::{Dotted, Field, Meta, NodeIndex, Org, OrgError, Post, PostId, Text};
use crate::text::Escaped;

pub use apply::apply;
pub use history::{History, Step};

/// One change to a chart. The first kinds are the ones a person makes and a change script
/// holds, written as JSON objects with an `"edit"` member naming the kind; the last ones
/// only undo those and are never written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// `post` with its whole team goes under `under` (a top post when `null`), at
    /// `position` among its new siblings (counted from 0; last when left out).
    Move {
        #[serde(deserialize_with = "id")]
        post: Text,
        #[serde(deserialize_with = "optional_id")]
        under: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A new post (a JSON object as in a chart file, without `reports_to`) under `under`
    /// (a top post when `null`), at `position` (last when left out).
    Add {
        #[serde(deserialize_with = "optional_id")]
        under: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
        post: Value,
    },
    /// `post` closes; its reports move up to its manager (`"up"`), or its whole team
    /// closes with it (`"close"`). Dotted lines to the posts that close are removed.
    Close {
        #[serde(deserialize_with = "id")]
        post: Text,
        reports: Reports,
    },
    Retitle {
        #[serde(deserialize_with = "id")]
        post: Text,
        title: Text,
    },
    /// `null` (or a blank name) vacates the post.
    Holder {
        #[serde(deserialize_with = "id")]
        post: Text,
        #[serde(deserialize_with = "Option::deserialize")]
        holder: Option<Text>,
    },
    /// Any other field of the post, with the value a chart file would give it; `null`
    /// removes the field, unless `keep_null` keeps a field orgtree does not know with the
    /// value `null`. With `as_written`, `value` is one of the wrong type for a field orgtree
    /// knows, kept as written under its name as a lenient load keeps it (`null`: such a
    /// value taken out); only a lenient replay does that.
    Set {
        #[serde(deserialize_with = "id")]
        post: Text,
        field: Text,
        value: Value,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        keep_null: bool,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        as_written: bool,
    },
    /// A new dotted line from `post` to `to`.
    Dotted {
        #[serde(deserialize_with = "id")]
        post: Text,
        #[serde(deserialize_with = "id")]
        to: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// Removes the first dotted line from `post` to `to`.
    Undotted {
        #[serde(deserialize_with = "id")]
        post: Text,
        #[serde(deserialize_with = "id")]
        to: Text,
    },
    /// A field of the chart's description (`name`, `as_of`, `source` or any other);
    /// `null` removes it, unless `keep_null` keeps a field orgtree does not know with the
    /// value `null`; `as_written` as for [`Edit::Set`].
    Chart {
        field: Text,
        value: Value,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        keep_null: bool,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        as_written: bool,
    },
    /// Puts back one field the format knows (undoes a retitle, a holder, a `set` of it):
    /// that field rather than the whole post, so that many edits of a post with many fields
    /// are not a copy of the post an edit.
    #[serde(skip)]
    RestoreKnown(Box<KnownBack>),
    /// Puts back one field the format does not know (undoes a `set` of it).
    #[serde(skip)]
    RestoreField(Box<FieldBack>),
    /// Puts a dotted line back at its place, or takes out the one there (undoes `dotted`
    /// and `undotted`).
    #[serde(skip)]
    RestoreLine(Box<LineBack>),
    /// Puts back the chart's description.
    #[serde(skip)]
    RestoreChart(Box<Meta>),
    /// Puts back closed posts (undoes a close).
    #[serde(skip)]
    Reopen(Box<Reopen>),
}

/// What happens to the reports of a post that closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reports {
    /// They move up to the closed post's manager, where it stood.
    Up,
    /// They close too, with their own teams.
    Close,
}

/// A field the format knows, as it was: held by a post that gives only that field.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownBack {
    pub post: Text,
    pub field: Field,
    pub was: Post,
    /// Where the edit touched a value of the wrong type that a lenient load kept under the
    /// field's name: that value as it was, at its place among the fields the format does not
    /// know, or not there.
    pub kept: Option<Option<(usize, Value)>>,
}

impl KnownBack {
    /// Field `field` of post `node` as it is now.
    fn of(org: &Org, node: NodeIndex, field: Field) -> Self {
        let post = org.post(node);
        let mut was = Post::new(post.id().clone(), "");
        field.copy(post, &mut was);
        Self {
            post: Text::from(post.id().as_str()),
            field,
            was,
            kept: None,
        }
    }
}

/// A dotted line of a post as it was: `line` at `at`, or no line there.
#[derive(Clone, Debug, PartialEq)]
pub struct LineBack {
    pub post: Text,
    pub at: usize,
    pub line: Option<Dotted>,
}

/// A field the format does not know, as it was: at its place among the post's fields, with
/// its value, or not there.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldBack {
    pub post: Text,
    pub field: Text,
    pub was: Option<(usize, Value)>,
}

/// What a close took away, to put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Reopen {
    /// The closed posts in tree order, each with its manager's id and its place among its
    /// siblings.
    pub posts: Vec<(Post, Option<PostId>, usize)>,
    /// The reports that moved up, in order, to go back under the first post.
    pub returning: Vec<PostId>,
    /// The dotted lines from other posts to the closed ones: the post, the line's place in
    /// its list, the line; in the order they were taken.
    pub dotted_in: Vec<(PostId, usize, Dotted)>,
}

/// Why an edit was refused. The chart is left as it was.
#[derive(Debug, Error, PartialEq)]
pub enum EditError {
    #[error("there is no post '{}'", Escaped(.0))]
    UnknownPost(Text),
    #[error(transparent)]
    Org(#[from] OrgError),
    #[error("post '{}' has no dotted line to '{}'", Escaped(.post), Escaped(.to))]
    NoDottedLine { post: Text, to: Text },
    #[error("a title cannot be empty")]
    EmptyTitle,
    #[error("an id cannot be empty")]
    EmptyId,
    #[error("the id of a post cannot be changed; add a new post and close the old one")]
    FixedId,
    #[error("a post's manager is changed by moving it, not by setting \"reports_to\"")]
    ManagerBySet,
    #[error("\"{}\" is not a field of the chart's description that can be set", Escaped(.0))]
    FixedChartField(Text),
    #[error("{}", Escaped(.0))]
    Invalid(String),
    #[error("the value is kept as written under \"{}\"", Escaped(.0))]
    AsWritten(Text),
    #[error(
        "\"as_written\" keeps only a value a lenient load keeps as written under \"{}\" (one of the wrong type for a field orgtree knows); leave it out here",
        Escaped(.0)
    )]
    NotKept(Text),
    #[error(
        "post '{}' reports to '{}', and a \"reports_to\" kept as written is a top post's; move it to the top first",
        Escaped(.post),
        Escaped(.manager)
    )]
    KeptManager { post: Text, manager: Text },
    #[error(
        "post '{}' keeps a \"reports_to\" as written, which makes it a top post; take that out first (a set of \"reports_to\" to null with \"as_written\")",
        Escaped(.0)
    )]
    KeptReportsTo(Text),
    #[error(
        "post '{}' keeps its \"dotted\" as written; set \"dotted\" first",
        Escaped(.0)
    )]
    KeptDotted(Text),
    /// A step of a script refused by a strict replay that a lenient one does.
    #[error("{0}; use orgtree apply --lenient to keep it, as a lenient load does")]
    NeedsLenient(Box<EditError>),
}

impl Edit {
    /// The kind of edit, as a script names it.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Edit::Move { .. } => "move",
            Edit::Add { .. } => "add",
            Edit::Close { .. } => "close",
            Edit::Retitle { .. } => "retitle",
            Edit::Holder { .. } => "holder",
            Edit::Set { .. } => "set",
            Edit::Dotted { .. } => "dotted",
            Edit::Undotted { .. } => "undotted",
            Edit::Chart { .. } => "chart",
            Edit::RestoreKnown(_)
            | Edit::RestoreField(_)
            | Edit::RestoreLine(_)
            | Edit::RestoreChart(_) => "restore",
            Edit::Reopen(_) => "reopen",
        }
    }

    /// The post the edit is about, if any: the one to select after doing or undoing it.
    #[must_use]
    pub fn post_id(&self) -> Option<Cow<'_, str>> {
        match self {
            Edit::Move { post, .. }
            | Edit::Close { post, .. }
            | Edit::Retitle { post, .. }
            | Edit::Holder { post, .. }
            | Edit::Set { post, .. }
            | Edit::Dotted { post, .. }
            | Edit::Undotted { post, .. } => Some(Cow::Borrowed(post)),
            // An integer id is read as its decimal text, as in a chart file.
            Edit::Add { post, .. } => match post.get("id")? {
                Value::String(id) => Some(Cow::Borrowed(id)),
                Value::Number(id) if id.is_u64() || id.is_i64() => Some(Cow::Owned(id.to_string())),
                _ => None,
            },
            Edit::RestoreKnown(back) => Some(Cow::Borrowed(back.post.as_str())),
            Edit::RestoreField(back) => Some(Cow::Borrowed(back.post.as_str())),
            Edit::RestoreLine(back) => Some(Cow::Borrowed(back.post.as_str())),
            Edit::Reopen(reopen) => reopen
                .posts
                .first()
                .map(|(post, ..)| Cow::Borrowed(post.id().as_str())),
            Edit::Chart { .. } | Edit::RestoreChart(_) => None,
        }
    }
}

impl Edit {
    /// The ids of the posts the edit adds, removes, moves or changes (their fields, manager
    /// or dotted lines). With those of the edit that undoes it, every post whose state the
    /// edit changes; a post named by neither is left as it was (its place among its
    /// siblings aside).
    #[must_use]
    pub fn touched(&self) -> Vec<Cow<'_, str>> {
        match self {
            Edit::Reopen(reopen) => {
                let posts = reopen.posts.iter().map(|(post, ..)| post.id());
                let moved = reopen.returning.iter();
                let lines = reopen.dotted_in.iter().map(|(source, ..)| source);
                posts
                    .chain(moved)
                    .chain(lines)
                    .map(|id| Cow::Borrowed(id.as_str()))
                    .collect()
            }
            // Every other edit is about one post, or none (the chart's description).
            _ => self.post_id().into_iter().collect(),
        }
    }
}

/// A post id in a script: a string, or an integer read as its decimal text (as in a chart
/// file).
fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(Text),
        Integer(i64),
    }
    match Id::deserialize(deserializer) {
        Ok(Id::Text(text)) => Ok(text),
        Ok(Id::Integer(n)) => Ok(Text::from(n.to_string())),
        Err(_) => Err(serde::de::Error::custom(
            "a post id must be a string or an integer",
        )),
    }
}

/// A manager's id, or `null` for none. The member must be there: a script says where a post
/// goes, rather than a missing member moving it to the top.
fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Text>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "id")] Text);
    Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(id)| id))
}

/// The post with id `id`, or why there is none.
fn find(org: &Org, id: &str) -> Result<NodeIndex, EditError> {
    org.find(id)
        .ok_or_else(|| EditError::UnknownPost(Text::from(id)))
}
