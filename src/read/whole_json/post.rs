//! Reading one object of another tool's JSON as a post: its id, title and holder under the
//! names the tool gives them, the format's fields under their own names through the field
//! table, and every other member kept as a field.

use std::borrow::Cow;

use serde_json::Value;

use super::{Json, JsonKind, Raw, found, integer_text, kind, reason, string};
use crate::org::builder::{IdRead, Label, PostRead};
use crate::org::fields::{Field, Shape};
use crate::org::{Holder, Position, Post, PostId, Text};
use crate::text::Escaped;

/// An id as a node or row gives it.
pub(in crate::read) enum Id {
    Given(Text),
    /// Absent, null or empty.
    Missing,
    /// Of a type that cannot be an id, and reported.
    Unusable,
}

/// The member names that say what a post is.
pub(in crate::read) struct Keys<'k> {
    pub(in crate::read) id: &'k str,
    pub(in crate::read) title: &'k str,
    pub(in crate::read) holder: &'k str,
    /// The member that places the post in the tree: the children of a nested node, the
    /// manager of a flat row.
    pub(in crate::read) structure: &'k str,
}

/// A post as read from one object.
pub(in crate::read) struct ReadPost<'t> {
    pub(in crate::read) id: Id,
    /// The post, with an empty id.
    pub(in crate::read) post: Post,
    /// The value of the `structure` member, if the object has one.
    pub(in crate::read) structure: Option<Raw<'t>>,
    /// How messages name the post.
    pub(in crate::read) label: String,
    /// Where the object starts.
    pub(in crate::read) position: Position,
    /// Where its id was given, if it was.
    pub(in crate::read) id_at: Option<Position>,
}

impl ReadPost<'_> {
    /// The post for the chart builder, number `number` in file order, with its manager if
    /// any (and where it was given).
    pub(in crate::read) fn for_builder(
        self,
        number: usize,
        manager: Option<(PostId, Position)>,
    ) -> PostRead<Position> {
        let id = match self.id {
            Id::Given(id) => IdRead::Given(PostId::new(id), self.id_at.unwrap_or(self.position)),
            Id::Missing => IdRead::Missing,
            Id::Unusable => IdRead::Reported,
        };
        let mut read = PostRead::new(self.post, number, self.position, id);
        read.reports_to = manager;
        read
    }
}

impl<'t> Json<'t> {
    /// Reads the object `raw` as a post: its id, title and holder under the names `keys`
    /// gives, the fields orgtree knows under their own names when their values fit, and
    /// every other member as a field kept as it is. `number` counts posts from 1 in file
    /// order, to name a post without an id in messages.
    pub(in crate::read) fn post(
        &mut self,
        raw: Raw<'t>,
        number: usize,
        keys: &Keys,
    ) -> Option<ReadPost<'t>> {
        // Found first, as the places of the members come after it.
        let position = self.position(raw);
        let members = self.members(raw, number)?;
        let get = |key: &str| {
            members
                .iter()
                .find(|(k, _)| k == key)
                .map(|&(_, value)| value)
        };
        let id_value = get(keys.id);
        let title_value = get(keys.title);
        let holder_value = get(keys.holder);
        let structure = get(keys.structure);

        let title_text = title_value
            .and_then(string)
            .filter(|title| !title.trim().is_empty());
        let id = match id_value {
            Some(value) => match (id_text(value), kind(value)) {
                (Some(id), _) => Id::Given(Text::from(id.as_ref())),
                (None, JsonKind::Null | JsonKind::String) => Id::Missing,
                _ => {
                    let found = found(value);
                    self.error(
                        value,
                        format!(
                            "post #{number}: \"{}\" must be a string or an integer, found {found}",
                            Escaped(keys.id)
                        ),
                    );
                    Id::Unusable
                }
            },
            None => Id::Missing,
        };
        let label = label(number, &id, title_text.as_deref());

        let mut post = Post::new("", "");
        if let Some(value) = holder_value {
            match (kind(value), string(value)) {
                (JsonKind::Null, _) => {}
                (_, Some(holder)) if holder.trim().is_empty() => {}
                (_, Some(holder)) => post.holder = Holder::named(holder),
                _ => {
                    let found = found(value);
                    self.error(
                        value,
                        format!(
                            "{label}: \"{}\" (the holder) must be a string or null, found {found}",
                            Escaped(keys.holder)
                        ),
                    );
                }
            }
        }
        let title_key = Escaped(keys.title);
        post.title = match (title_text, title_value) {
            (Some(title), _) => self.shared.get(&title),
            (None, Some(value)) if !matches!(kind(value), JsonKind::Null | JsonKind::String) => {
                let found = found(value);
                self.error(
                    value,
                    format!("{label}: \"{title_key}\" must be a string, found {found}"),
                );
                self.shared.get("")
            }
            (None, _) => {
                let (title, what) = match (post.holder.name(), &id) {
                    (Some(holder), _) => (holder, "the holder's name"),
                    (None, Id::Given(id)) => (id.as_str(), "its id"),
                    (None, _) => ("(untitled)", "\"(untitled)\""),
                };
                let title = self.shared.get(title);
                self.warning_at(
                    position,
                    format!("{label} has no \"{title_key}\"; {what} is used as its title"),
                );
                title
            }
        };

        let read = [keys.id, keys.title, keys.holder, keys.structure];
        for (key, value) in &members {
            if !read.contains(&key.as_ref()) {
                self.field(&label, key, *value, &members, &mut post);
            }
        }
        Some(ReadPost {
            id,
            post,
            structure,
            label,
            position,
            id_at: id_value.map(|value| self.position(value)),
        })
    }

    /// Reads a member that is not the id, title, holder or place in the tree: as the field
    /// of that name when orgtree knows it and the value fits, else kept as it is, under
    /// another name if orgtree gives its name another meaning.
    fn field(
        &mut self,
        label: &str,
        key: &str,
        value: Raw<'t>,
        members: &[(Cow<'t, str>, Raw<'t>)],
        post: &mut Post,
    ) {
        // Read under their own names: the fields that are neither the id, title, holder
        // and place in the tree (which `Keys` names) nor lists of objects.
        let field = Field::named(key).filter(|field| {
            matches!(
                field.shape(),
                Shape::Text | Shape::Amount | Shape::Cost | Shape::Tags
            ) && !matches!(field, Field::Title | Field::Holder)
        });
        if let Some(field) = field
            && let Some(read) = field.read(value)
        {
            field.set(post, read, &mut self.shared);
            return;
        }
        let kept = match crate::org::json::parse_deep::<Value>(value.get()) {
            Ok(kept) => kept,
            Err(error) => {
                self.error(
                    value,
                    format!(
                        "{label}: field \"{}\" cannot be kept: {}",
                        Escaped(key),
                        Escaped(&reason(&error))
                    ),
                );
                return;
            }
        };
        if Field::named(key).is_none() {
            post.extra.push((key.into(), kept));
            return;
        }
        let mut name = format!("imported_{key}");
        let mut counter = 1;
        while members.iter().any(|(k, _)| *k == name) || post.extra.iter().any(|(k, _)| *k == name)
        {
            counter += 1;
            name = format!("imported_{key}_{counter}");
        }
        let why = match field {
            Some(field) => format!("must be {}, found {}", field.spec().expected, found(value)),
            None => "has another meaning in orgtree".to_owned(),
        };
        self.warning(
            value,
            format!("{label}: \"{key}\" {why}; kept as \"{name}\""),
        );
        post.extra.push((name.into(), kept));
    }
}

/// The id `value` gives: the text of a string that is not empty, or the digits of an
/// integer; none for anything else.
pub(in crate::read) fn id_text(value: Raw<'_>) -> Option<Cow<'_, str>> {
    match crate::org::json::string(value) {
        Some(text) => Some(text).filter(|text| !text.is_empty()),
        None => integer_text(value).map(Cow::Borrowed),
    }
}

/// How messages name a post: by its id, or else by its number (from 1, in file order) and
/// its title.
pub(in crate::read) fn label(number: usize, id: &Id, title: Option<&str>) -> String {
    let id = match id {
        Id::Given(id) => Some(id.as_str()),
        Id::Missing | Id::Unusable => None,
    };
    Label { number, id, title }.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::parsed;
    use super::*;

    #[test]
    fn a_key_that_cannot_be_read_is_reported_at_its_post() {
        let (mut json, top) = parsed(r#"[{"id": "a", "\ud800": 1}]"#);
        let keys = Keys {
            id: "id",
            title: "title",
            holder: "name",
            structure: "pid",
        };
        let item = json.items(top)[0];
        assert!(json.post(item, 1, &keys).is_none());
        let messages: Vec<String> = json
            .problems
            .iter()
            .map(|found| found.problem.display_in("t.json").to_string())
            .collect();
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].starts_with("t.json:1:2: error: post #1 cannot be read: "),
            "{messages:?}"
        );
    }
}
