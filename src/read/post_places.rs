//! Where each post of an orgtree JSON chart starts in its text, by id: for what is found in
//! a chart after it is loaded (a rule broken), to be named at its line and column as a
//! problem found while loading is.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::org::Position;
use crate::org::position::LineIndex;

/// The place of each post of the orgtree JSON chart `text`, by id (an integer id as its
/// decimal text, as the reader reads it); `None` when the text is not such a chart.
#[must_use]
pub fn post_places(text: &str) -> Option<FxHashMap<String, Position>> {
    #[derive(Deserialize)]
    struct Chart<'a> {
        #[serde(borrow)]
        posts: Vec<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct Id {
        id: serde_json::Value,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chart: Chart = serde_json::from_str(text).ok()?;
    let lines = LineIndex::new(text);
    let mut places = FxHashMap::default();
    for post in chart.posts {
        let Ok(Id { id }) = serde_json::from_str::<Id>(post.get()) else {
            continue;
        };
        let id = match id {
            serde_json::Value::String(id) => id,
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            _ => continue,
        };
        let offset = post.get().as_ptr() as usize - text.as_ptr() as usize;
        // The first post of an id is the one the chart keeps.
        places.entry(id).or_insert_with(|| lines.position(offset));
    }
    Some(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_post_is_placed_where_its_object_opens() {
        let text = "{\"orgtree\": 1,\n \"posts\": [\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"title\": \"B\", \"id\": 7}\n]}";
        let places = post_places(text).unwrap();
        assert_eq!(places["a"], Position { line: 3, column: 3 });
        assert_eq!(places["7"], Position { line: 4, column: 3 });
        assert!(post_places("[1, 2]").is_none());
    }
}
