//! Reading the value of one field, or one whole post, as a chart file would give it: through
//! the loader itself, so that an edit accepts exactly what a file may hold and refuses the
//! rest with the loader's own words.

use serde_json::{Map, Value, json};

use crate::org::{Meta, Post, Severity};
use crate::read::{LoadOptions, load_str};

/// Loads `posts` (JSON objects) as a whole chart with description `chart`, and gives its
/// posts, or the errors the loader found, joined.
fn load_posts(chart: Map<String, Value>, posts: Vec<Value>) -> Result<(Meta, Vec<Post>), String> {
    let mut document = chart;
    document.insert("posts".into(), Value::Array(posts));
    let text = Value::Object(document).to_string();
    match load_str(&text, LoadOptions::default()) {
        Ok(loaded) => {
            let org = loaded.org;
            let posts = org.posts().map(|node| org.post(node).clone()).collect();
            Ok((org.meta, posts))
        }
        Err(error) => {
            let messages: Vec<&str> = error
                .problems()
                .iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.message.as_str())
                .collect();
            Err(if messages.is_empty() {
                error.to_string()
            } else {
                messages.join("; ")
            })
        }
    }
}

/// Posts standing in for the targets of the dotted lines in `dotted` (other than `own`), so
/// that the loader can read the lines; whether the targets exist is the edit's to check.
fn stand_ins(own: &str, dotted: Option<&Value>) -> Vec<Value> {
    let mut ids: Vec<&str> = dotted
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|line| line.get("to")?.as_str())
        .filter(|&to| to != own)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| json!({"id": id, "title": "-"}))
        .collect()
}

/// Post `id` as it would be read with `field` set to `value` and nothing else but its title.
pub(super) fn read_field(id: &str, field: &str, value: &Value) -> Result<Post, String> {
    let mut object = Map::new();
    object.insert("id".into(), Value::String(id.to_owned()));
    if field != "title" {
        object.insert("title".into(), Value::String("-".into()));
    }
    object.insert(field.to_owned(), value.clone());
    let mut posts = vec![Value::Object(object)];
    posts.extend(stand_ins(id, (field == "dotted").then_some(value)));
    let (_, mut read) = load_posts(Map::new(), posts)?;
    Ok(read.swap_remove(0))
}

/// A whole post given as a JSON object, without its manager.
pub(super) fn read_post(value: &Value) -> Result<Post, String> {
    let Value::Object(object) = value else {
        return Err(format!("a post must be a JSON object, not {}", kind(value)));
    };
    let own = object.get("id").and_then(Value::as_str).unwrap_or("");
    let mut posts = vec![value.clone()];
    posts.extend(stand_ins(own, object.get("dotted")));
    let (_, mut read) = load_posts(Map::new(), posts)?;
    Ok(read.swap_remove(0))
}

/// The chart's description with `field` set to `value`.
pub(super) fn read_chart_field(field: &str, value: &Value) -> Result<Meta, String> {
    let mut chart = Map::new();
    chart.insert(field.to_owned(), value.clone());
    load_posts(chart, Vec::new()).map(|(meta, _)| meta)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
