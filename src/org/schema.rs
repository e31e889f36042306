//! The JSON Schema of the file format (what `orgtree schema` prints), made from the field
//! table, so that a field added to the table is described here too.

use serde_json::{Map, Value, json};

use super::fields::{FIELDS, Field, Shape, Spec};

/// The schema of orgtree's chart files.
#[must_use]
pub fn schema() -> Value {
    let required: Vec<&str> = FIELDS
        .iter()
        .filter(|spec| spec.required)
        .map(|spec| spec.name)
        .collect();
    let properties: Map<String, Value> = FIELDS
        .iter()
        .map(|spec| (spec.name.to_owned(), property(spec)))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://orgtree.invalid/schema/orgtree-1.json",
        "title": "orgtree chart, format version 1",
        "description": "An organisation chart: a flat list of posts, each naming its line manager. A schema cannot say everything orgtree checks: ids must also be unique, every reports_to and dotted.to must name a post of the chart, and the reporting lines must not form a loop (orgtree check reports all of these). Fields not described here are allowed and kept as they are. An optional field may also be null, which means the same as leaving it out.",
        "type": "object",
        "required": ["posts"],
        "properties": {
            "orgtree": {
                "description": "The format version; absent means 1. A higher one is refused.",
                "type": "integer",
                "minimum": 1,
                "maximum": 1
            },
            "name": described("The chart's name.", text_or_null()),
            "as_of": described(
                "The date the chart describes, as an ISO date (YYYY-MM-DD).",
                text_or_null()
            ),
            "source": described("Where the chart comes from.", text_or_null()),
            "posts": {
                "description": "The posts. Their order is meaningful: siblings are shown in file order.",
                "type": "array",
                "items": { "$ref": "#/$defs/post" }
            }
        },
        "$defs": {
            "id": {
                "description": "A post id: a non-empty string, or an integer read as its decimal text.",
                "oneOf": [
                    { "type": "string", "minLength": 1 },
                    { "type": "integer" }
                ]
            },
            "amount": { "type": ["number", "null"], "minimum": 0 },
            "cost": {
                "description": "A yearly cost: one figure, or a range (a pay band) whose min is at most its max (which a schema cannot say; orgtree check does).",
                "oneOf": [
                    { "type": ["number", "null"], "minimum": 0 },
                    {
                        "type": "object",
                        "required": ["min", "max"],
                        "properties": {
                            "min": { "type": "number", "minimum": 0 },
                            "max": { "type": "number", "minimum": 0 }
                        },
                        "additionalProperties": false
                    }
                ]
            },
            "post": {
                "description": "A position in the structure; its holder is the person in it.",
                "type": "object",
                "required": required,
                "properties": properties
            }
        }
    })
}

/// The schema of one field of a post, from its shape.
fn property(spec: &Spec) -> Value {
    let id = json!({ "$ref": "#/$defs/id" });
    let amount = json!({ "$ref": "#/$defs/amount" });
    let shape = match (spec.field, spec.shape) {
        (Field::Id, _) => id,
        (_, Shape::Id) => json!({ "oneOf": [id, { "type": "null" }] }),
        // A post must have a title; other texts may be null.
        (Field::Title, _) => json!({ "type": "string" }),
        (_, Shape::Text) => text_or_null(),
        (_, Shape::Holder) => json!({
            "oneOf": [
                { "type": ["string", "null"] },
                {
                    "type": "object",
                    "required": ["undisclosed"],
                    "properties": { "undisclosed": { "const": true } },
                    "additionalProperties": false
                }
            ]
        }),
        (_, Shape::Amount) => amount,
        (_, Shape::Cost) => json!({ "$ref": "#/$defs/cost" }),
        (_, Shape::Tags) => json!({
            "type": ["array", "null"],
            "items": { "type": "string" }
        }),
        (_, Shape::Staff) => json!({
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "properties": {
                    "title": text_or_null(),
                    "grade": text_or_null(),
                    "fte": amount,
                    "cost": { "$ref": "#/$defs/cost" }
                }
            }
        }),
        (_, Shape::Dotted) => json!({
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["to"],
                "properties": {
                    "to": id,
                    "label": text_or_null()
                }
            }
        }),
    };
    match spec.description {
        Some(description) => described(description, shape),
        None => shape,
    }
}

fn text_or_null() -> Value {
    json!({ "type": ["string", "null"] })
}

/// `schema` with its description first.
fn described(description: &str, schema: Value) -> Value {
    let mut described = Map::new();
    described.insert("description".into(), Value::from(description));
    if let Value::Object(members) = schema {
        described.extend(members);
    }
    Value::Object(described)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_table_is_described_and_no_other() {
        let schema = schema();
        let post = &schema["$defs"]["post"];
        let names: Vec<&str> = post["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let table: Vec<&str> = FIELDS.iter().map(|spec| spec.name).collect();
        assert_eq!(names, table);
        assert_eq!(post["required"], json!(["id", "title"]));
        assert_eq!(
            post["properties"]["fte"]["description"],
            "Full-time equivalent of the post; 1 when absent."
        );
    }
}
