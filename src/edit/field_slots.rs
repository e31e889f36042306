//! A post's fields the format does not know, opened for many `set` edits in a row: each
//! field found through an index by name, a field taken out left as a gap until the list is
//! closed again, so that an edit costs the same however many fields the post has (looked
//! for along the list and shifted out of it, 100,000 edits of a post with 100,000 fields
//! were quadratic).

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::org::{Extra, Text};

pub(super) struct FieldSlots {
    /// The fields in order; `None` where one was taken out.
    slots: Vec<Option<(Text, Value)>>,
    /// Where the first field of each name is.
    first: FxHashMap<Text, usize>,
    /// Whether some name is given twice (a chart never loads so; a list that does is still
    /// edited exactly, the next field of a name then looked for along the list).
    twice: bool,
}

impl FieldSlots {
    pub(super) fn new(extra: Extra) -> Self {
        let mut first = FxHashMap::default();
        first.reserve(extra.len());
        let mut twice = false;
        for (i, (key, _)) in extra.iter().enumerate() {
            if first.contains_key(key) {
                twice = true;
            } else {
                first.insert(key.clone(), i);
            }
        }
        Self {
            slots: extra.into_iter().map(Some).collect(),
            first,
            twice,
        }
    }

    /// What [`super::set::put_field`] does to the list with no place given: `new` replaces
    /// the first field of its name, or goes last; none takes that field out.
    pub(super) fn put(&mut self, field: &str, new: Option<(Text, Value)>) {
        match (self.first.get(field).copied(), new) {
            (Some(i), Some(new)) => self.slots[i] = Some(new),
            (Some(i), None) => {
                self.slots[i] = None;
                let next = if self.twice {
                    self.slots[i + 1..]
                        .iter()
                        .position(|slot| slot.as_ref().is_some_and(|(key, _)| key == field))
                        .map(|at| i + 1 + at)
                } else {
                    None
                };
                match next {
                    Some(next) => self.first.insert(field.into(), next),
                    None => self.first.remove(field),
                };
            }
            (None, Some(new)) => {
                self.first.insert(new.0.clone(), self.slots.len());
                self.slots.push(Some(new));
            }
            (None, None) => {}
        }
    }

    /// The fields in order, gaps closed.
    pub(super) fn into_extra(self) -> Extra {
        self.slots.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::edit::set::put_field;

    fn field(key: &str, value: i64) -> (Text, Value) {
        (key.into(), json!(value))
    }

    /// Every way of putting a field gives what `put_field` gives the list, names given twice
    /// included.
    #[test]
    fn putting_fields_gives_what_the_list_would_be() {
        let start: Extra = [("a", 1), ("b", 2), ("a", 3), ("c", 4)]
            .into_iter()
            .map(|(k, v)| (Text::from(k), json!(v)))
            .collect();
        let steps = [
            ("a", Some(field("a", 10))),
            ("b", None),
            ("a", None),
            ("a", Some(field("a", 11))),
            ("a", None),
            ("a", None),
            ("d", Some(field("d", 5))),
            ("d", None),
            ("d", Some(field("d", 6))),
            ("c", Some(field("c", 7))),
            ("x", None),
        ];
        let mut slots = FieldSlots::new(start.clone());
        let mut list = start;
        for (key, new) in steps {
            slots.put(key, new.clone());
            put_field(&mut list, key, new, None);
        }
        assert_eq!(slots.into_extra(), list);
    }
}
