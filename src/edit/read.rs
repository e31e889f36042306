//! Reading the value of one field, or one whole post, as a chart file would give it: through
//! the loader's own post reader and the chart builder, so that an edit accepts exactly what
//! a file may hold and refuses the rest with the loader's words (or, for a lenient replay of a
//! script, accepts what a lenient load keeps). Only the value is read: no chart is written or
//! loaded.

use serde_json::{Map, Value};

use crate::org::builder::{Builder, Handling, Policy};
use crate::org::fields::ChartField;
use crate::org::{Meta, Post};
use crate::read::orgtree::{chart_text, errors, read_one};

/// Post `id` as it would be read with `field` set to `value` and nothing else but its title,
/// strictly or as a `lenient` load reads it.
pub(super) fn read_field(
    id: &str,
    field: &str,
    value: &Value,
    lenient: bool,
) -> Result<Post, String> {
    let mut object = Map::new();
    object.insert("id".into(), Value::String(id.to_owned()));
    if field != "title" {
        object.insert("title".into(), Value::String("-".into()));
    }
    object.insert(field.to_owned(), value.clone());
    read_one(&Value::Object(object).to_string(), lenient).map(|read| read.post)
}

/// A whole post given as a JSON object, without its manager: read, then checked as the chart
/// builder checks a post (its id); whether its dotted lines lead to posts of the chart is the
/// edit's to check. A `lenient` read keeps what a lenient load keeps, but for the id, which
/// must be given.
pub(super) fn read_post(value: &Value, lenient: bool) -> Result<Post, String> {
    let Value::Object(_) = value else {
        return Err(format!("a post must be a JSON object, not {}", kind(value)));
    };
    let text = value.to_string();
    let read = read_one(&text, lenient)?;
    let mut builder = Builder::new(Policy {
        unknown_dotted: Handling::Recover,
        ..Policy::STRICT
    });
    builder.add(read);
    let built = builder.finish(Meta::default());
    errors(built.findings, &text)?;
    let mut org = built
        .org
        .ok_or_else(|| "the post could not be read".to_owned())?;
    let node = org.posts().next().ok_or("the post could not be read")?;
    org.remove_post(node).map_err(|error| error.to_string())
}

/// The chart's description with `field` set to `value`.
pub(super) fn read_chart_field(field: &str, value: &Value) -> Result<Meta, String> {
    let mut meta = Meta::default();
    let raw = serde_json::value::to_raw_value(value).map_err(|error| error.to_string())?;
    match ChartField::named(field) {
        Some(ChartField::Name) => meta.name = chart_text(field, &raw)?,
        Some(ChartField::AsOf) => meta.as_of = chart_text(field, &raw)?,
        Some(ChartField::Source) => meta.source = chart_text(field, &raw)?,
        _ => meta.extra.push((field.into(), value.clone())),
    }
    Ok(meta)
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
