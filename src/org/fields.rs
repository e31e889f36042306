//! The format's fields, declared once: each field of a post with its name in the file, what
//! its values are, how messages say what it must be, how the details pane and the forms
//! name it, and what it means (for the JSON Schema). The loader, the importers, the saver,
//! the comparison, the `set` edit, the CSV export, the details pane and the what-if forms
//! all go through this table rather than through names of their own.

use std::borrow::Cow;

use serde_json::Value;

use super::cost::Cost;
use super::json::{self, JsonKind, JsonText};
use super::post::{Dotted, Holder, Interner, List, Post, Staff, Text};
use super::values::{cost_value, dotted_value, number_value, staff_value};

/// A member of a post that the format gives a meaning of its own; any other member is a
/// field orgtree does not know, kept as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    ReportsTo,
    Holder,
    Unit,
    Grade,
    Note,
    Fte,
    Cost,
    Staff,
    Dotted,
    Tags,
}

/// What a field's values are, and so how they are read, written, compared and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A post id: a non-empty string, or an integer read as its decimal text.
    Id,
    /// Text.
    Text,
    /// Who is in the post: a name, or an object saying it is not disclosed.
    Holder,
    /// A number of at least 0.
    Amount,
    /// A cost: a number of at least 0, or a range `{"min": N, "max": N}`.
    Cost,
    /// A list of texts.
    Tags,
    /// A list of staff groups (objects).
    Staff,
    /// A list of dotted lines (objects).
    Dotted,
}

/// One field, as the table declares it.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub field: Field,
    /// Its name in the file.
    pub name: &'static str,
    pub shape: Shape,
    /// How the details pane and the forms name it.
    pub label: &'static str,
    /// What a message says its value must be ("a non-negative number").
    pub expected: &'static str,
    /// What it means, where the JSON Schema says so.
    pub description: Option<&'static str>,
    /// Whether every post must give it.
    pub required: bool,
}

/// The fields of a post in the order a one-row-per-post table (the CSV export, which the
/// HR reader reads back) gives them, before the fields orgtree does not know.
pub const TABLE_ORDER: [Field; 12] = [
    Field::Id,
    Field::ReportsTo,
    Field::Title,
    Field::Holder,
    Field::Unit,
    Field::Grade,
    Field::Fte,
    Field::Cost,
    Field::Note,
    Field::Tags,
    Field::Staff,
    Field::Dotted,
];

/// Every field of a post, in the order the file format lists them.
pub const FIELDS: [Spec; 12] = [
    Spec {
        field: Field::Id,
        name: "id",
        shape: Shape::Id,
        label: "id",
        expected: "a string or an integer",
        description: None,
        required: true,
    },
    Spec {
        field: Field::Title,
        name: "title",
        shape: Shape::Text,
        label: "title",
        expected: "a string",
        description: None,
        required: true,
    },
    Spec {
        field: Field::ReportsTo,
        name: "reports_to",
        shape: Shape::Id,
        label: "manager",
        expected: "a post id (a string or an integer)",
        required: false,
        description: Some("The line manager's post id; absent or null for a top post."),
    },
    Spec {
        field: Field::Holder,
        name: "holder",
        shape: Shape::Holder,
        label: "holder",
        expected: "a string, or {\"undisclosed\": true}",
        required: false,
        description: Some(
            "The person in post; absent, null or blank means vacant. {\"undisclosed\": true} says the post is held by someone whose name is not disclosed (a published organogram's N/D): it is not vacant.",
        ),
    },
    Spec {
        field: Field::Unit,
        name: "unit",
        shape: Shape::Text,
        label: "unit",
        expected: "a string",
        description: None,
        required: false,
    },
    Spec {
        field: Field::Grade,
        name: "grade",
        shape: Shape::Text,
        label: "grade",
        expected: "a string",
        description: None,
        required: false,
    },
    Spec {
        field: Field::Note,
        name: "note",
        shape: Shape::Text,
        label: "note",
        expected: "a string",
        description: None,
        required: false,
    },
    Spec {
        field: Field::Fte,
        name: "fte",
        shape: Shape::Amount,
        label: "FTE",
        expected: "a non-negative number",
        required: false,
        description: Some("Full-time equivalent of the post; 1 when absent."),
    },
    Spec {
        field: Field::Cost,
        name: "cost",
        shape: Shape::Cost,
        label: "cost",
        expected: COST_EXPECTED,
        required: false,
        description: Some(
            "Yearly cost of the post, in the chart's currency: one figure, or a range {\"min\": N, \"max\": N} (a pay band) whose min is at most its max; a range whose ends are equal is one figure.",
        ),
    },
    Spec {
        field: Field::Staff,
        name: "staff",
        shape: Shape::Staff,
        label: "staff",
        expected: "an array of objects",
        required: false,
        description: Some("Aggregated staff reporting to the post who are not posts themselves."),
    },
    Spec {
        field: Field::Dotted,
        name: "dotted",
        shape: Shape::Dotted,
        label: "dotted",
        expected: "an array of objects",
        required: false,
        description: Some(
            "Dotted (matrix, functional) lines to other posts; they never change the tree.",
        ),
    },
    Spec {
        field: Field::Tags,
        name: "tags",
        shape: Shape::Tags,
        label: "tags",
        expected: "an array of strings",
        description: None,
        required: false,
    },
];

/// What a message says a cost must be, for a post and for a staff group alike.
pub const COST_EXPECTED: &str =
    "a non-negative number, or {\"min\": N, \"max\": N} with min at most max";

/// The order a chart file writes a post's fields in.
pub const WRITTEN: [Field; 12] = [
    Field::Id,
    Field::Title,
    Field::ReportsTo,
    Field::Holder,
    Field::Unit,
    Field::Grade,
    Field::Fte,
    Field::Cost,
    Field::Note,
    Field::Staff,
    Field::Dotted,
    Field::Tags,
];

/// The fields a comparison reports as "other fields" when they differ, in the order it
/// lists them (the id, title, manager, holder and dotted lines are changes of their own).
pub const COMPARED: [Field; 7] = [
    Field::Grade,
    Field::Unit,
    Field::Fte,
    Field::Cost,
    Field::Note,
    Field::Tags,
    Field::Staff,
];

/// A field's value in a post, borrowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldValue<'a> {
    Text(&'a str),
    /// A holder whose name is not disclosed.
    Undisclosed,
    Amount(f64),
    Cost(Cost),
    Tags(&'a [Text]),
    Staff(&'a [Staff]),
    Dotted(&'a [Dotted]),
}

/// A value of a text, amount or tags field, read from JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Read<'a> {
    /// `null`: the field is not given.
    Nothing,
    Text(Cow<'a, str>),
    /// `{"undisclosed": true}`: a holder whose name is not disclosed.
    Undisclosed,
    Amount(f64),
    Cost(Cost),
    Tags(List<Text>),
}

impl Field {
    #[must_use]
    pub const fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }

    #[must_use]
    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    #[must_use]
    pub fn shape(self) -> Shape {
        self.spec().shape
    }

    /// The field named `name` in the file, if the format gives that name a meaning. Asked
    /// for every member of every post, so written as a match on the names (which the
    /// compiler turns into a few comparisons); a test checks it agrees with [`FIELDS`].
    #[must_use]
    pub fn named(name: &str) -> Option<Field> {
        Some(match name {
            "id" => Field::Id,
            "title" => Field::Title,
            "reports_to" => Field::ReportsTo,
            "holder" => Field::Holder,
            "unit" => Field::Unit,
            "grade" => Field::Grade,
            "note" => Field::Note,
            "fte" => Field::Fte,
            "cost" => Field::Cost,
            "staff" => Field::Staff,
            "dotted" => Field::Dotted,
            "tags" => Field::Tags,
            _ => return None,
        })
    }

    /// The field's value in `post`, when the post gives it. The manager is the chart's,
    /// not the post's: `reports_to` has none here.
    #[must_use]
    pub fn get(self, post: &Post) -> Option<FieldValue<'_>> {
        fn text(value: Option<&str>) -> Option<FieldValue<'_>> {
            value.map(FieldValue::Text)
        }
        fn list(empty: bool, value: FieldValue<'_>) -> Option<FieldValue<'_>> {
            (!empty).then_some(value)
        }
        match self {
            Field::Id => Some(FieldValue::Text(post.id().as_str())),
            Field::Title => Some(FieldValue::Text(&post.title)),
            Field::ReportsTo => None,
            Field::Holder => match &post.holder {
                Holder::Vacant => None,
                Holder::Undisclosed => Some(FieldValue::Undisclosed),
                Holder::Named(name) => Some(FieldValue::Text(name)),
            },
            Field::Unit => text(post.unit.as_deref()),
            Field::Grade => text(post.grade.as_deref()),
            Field::Note => text(post.note.as_deref()),
            Field::Fte => post.fte().map(FieldValue::Amount),
            Field::Cost => post.cost.map(FieldValue::Cost),
            Field::Staff => list(post.staff.is_empty(), FieldValue::Staff(&post.staff)),
            Field::Dotted => list(post.dotted.is_empty(), FieldValue::Dotted(&post.dotted)),
            Field::Tags => list(post.tags.is_empty(), FieldValue::Tags(&post.tags)),
        }
    }

    /// The field's value in `post` as the file format writes it.
    #[must_use]
    pub fn to_json(self, post: &Post) -> Option<Value> {
        Some(match self.get(post)? {
            FieldValue::Text(text) => Value::String(text.to_owned()),
            FieldValue::Undisclosed => undisclosed_value(),
            FieldValue::Amount(amount) => number_value(amount),
            FieldValue::Cost(cost) => cost_value(cost),
            FieldValue::Tags(tags) => tags.iter().map(|tag| Value::from(tag.as_str())).collect(),
            FieldValue::Staff(groups) => groups.iter().map(staff_value).collect(),
            FieldValue::Dotted(lines) => lines.iter().map(dotted_value).collect(),
        })
    }

    /// Gives `post` the value this field has in `from` (or none).
    pub fn copy(self, from: &Post, post: &mut Post) {
        match self {
            Field::Id | Field::ReportsTo => {}
            Field::Title => post.title.clone_from(&from.title),
            Field::Holder => post.holder.clone_from(&from.holder),
            Field::Unit => post.unit.clone_from(&from.unit),
            Field::Grade => post.grade.clone_from(&from.grade),
            Field::Note => post.note.clone_from(&from.note),
            Field::Fte => post.set_fte(from.fte()),
            Field::Cost => post.cost = from.cost,
            Field::Staff => post.staff.clone_from(&from.staff),
            Field::Dotted => post.dotted.clone_from(&from.dotted),
            Field::Tags => post.tags.clone_from(&from.tags),
        }
    }

    /// Reads a value of a text, amount or tags field from its JSON text, as a chart file
    /// gives it; `None` when the value is not of the field's shape (the id, the manager and
    /// the lists of objects have readers of their own, which say more).
    #[must_use]
    #[inline]
    pub(crate) fn read<'a>(self, value: impl JsonText<'a>) -> Option<Read<'a>> {
        if JsonKind::of(value) == JsonKind::Null {
            return Some(Read::Nothing);
        }
        match self.shape() {
            Shape::Text => json::string(value).map(Read::Text),
            Shape::Holder => match JsonKind::of(value) {
                JsonKind::Object => is_undisclosed(value.json()).then_some(Read::Undisclosed),
                _ => json::string(value).map(Read::Text),
            },
            Shape::Amount => json::number(value).filter(|n| *n >= 0.0).map(Read::Amount),
            Shape::Cost => cost(value).map(Read::Cost),
            Shape::Tags => {
                if JsonKind::of(value) != JsonKind::Array {
                    return None;
                }
                let items: Vec<&serde_json::value::RawValue> =
                    serde_json::from_str(value.json()).ok()?;
                items
                    .into_iter()
                    .map(|item| json::string(item).map(Text::from))
                    .collect::<Option<List<Text>>>()
                    .map(Read::Tags)
            }
            Shape::Id | Shape::Staff | Shape::Dotted => None,
        }
    }

    /// Sets the field of `post` to a value read with [`Field::read`]; texts many posts
    /// repeat (titles, units, grades) are stored once through `shared`. A value of another
    /// shape leaves the post as it was.
    #[inline]
    pub(crate) fn set(self, post: &mut Post, value: Read<'_>, shared: &mut Interner) {
        match (self, value) {
            (Field::Title, Read::Text(text)) => post.title = shared.get(&text),
            (Field::Title, Read::Nothing) => post.title = shared.get(""),
            (Field::Holder, Read::Text(text)) => post.holder = Holder::named(text.as_ref()),
            (Field::Holder, Read::Undisclosed) => post.holder = Holder::Undisclosed,
            (Field::Holder, Read::Nothing) => post.holder = Holder::Vacant,
            (Field::Unit, Read::Text(text)) => post.unit = Some(shared.get(&text)),
            (Field::Unit, Read::Nothing) => post.unit = None,
            (Field::Grade, Read::Text(text)) => post.grade = Some(shared.get(&text)),
            (Field::Grade, Read::Nothing) => post.grade = None,
            (Field::Note, Read::Text(text)) => {
                post.note = Some(crate::org::Shared::from(text.as_ref()));
            }
            (Field::Note, Read::Nothing) => post.note = None,
            (Field::Fte, Read::Amount(n)) => post.set_fte(Some(n)),
            (Field::Fte, Read::Nothing) => post.set_fte(None),
            (Field::Cost, Read::Cost(cost)) => post.cost = Some(cost),
            (Field::Cost, Read::Nothing) => post.cost = None,
            (Field::Tags, Read::Tags(tags)) => post.tags = tags,
            (Field::Tags, Read::Nothing) => post.tags = List::new(),
            _ => {}
        }
    }

    /// Whether a value typed in a form is taken as text whatever it looks like (a title
    /// `2024` stays text), rather than as JSON where it reads as JSON (an amount, a list).
    #[must_use]
    pub fn typed_as_text(self) -> bool {
        matches!(self.shape(), Shape::Text | Shape::Holder)
    }
}

/// A cost as a chart file gives it: a non-negative number, or exactly `{"min": N, "max":
/// N}` with min at most max; `None` for anything else.
pub(crate) fn cost<'a>(value: impl JsonText<'a>) -> Option<Cost> {
    match JsonKind::of(value) {
        JsonKind::Object => {
            let members: serde_json::Map<String, Value> =
                serde_json::from_str(value.json()).ok()?;
            let end = |key: &str| members.get(key).and_then(Value::as_f64);
            if members.len() != 2 {
                return None;
            }
            Cost::range(end("min")?, end("max")?)
        }
        _ => json::number(value).and_then(|n| Cost::range(n, n)),
    }
}

/// How the file format writes a holder whose name is not disclosed.
#[must_use]
pub fn undisclosed_value() -> Value {
    serde_json::json!({ "undisclosed": true })
}

/// Whether a JSON object is exactly `{"undisclosed": true}` (in any spacing): any other
/// member, or another value, is not a holder.
fn is_undisclosed(object: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, Value>>(object).is_ok_and(|members| {
        members.len() == 1 && members.get("undisclosed") == Some(&Value::Bool(true))
    })
}

/// The newest format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// A field of the chart's description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartField {
    Version,
    Name,
    AsOf,
    Source,
    Posts,
}

impl ChartField {
    /// The field named `name` in the chart object, if the format gives it a meaning.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        Some(match name {
            "orgtree" => Self::Version,
            "name" => Self::Name,
            "as_of" => Self::AsOf,
            "source" => Self::Source,
            "posts" => Self::Posts,
            _ => return None,
        })
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Version => "orgtree",
            Self::Name => "name",
            Self::AsOf => "as_of",
            Self::Source => "source",
            Self::Posts => "posts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_each_field_once_in_its_own_place() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{}", spec.name);
            assert_eq!(Field::named(spec.name), Some(spec.field));
        }
        let mut written = WRITTEN.to_vec();
        written.sort_by_key(|field| *field as usize);
        let table: Vec<Field> = FIELDS.iter().map(|spec| spec.field).collect();
        assert_eq!(written, table);
        for other in [
            "Unit",
            "idx",
            "ftes",
            "notes",
            "titles",
            "holders",
            "reports_tp",
            "",
        ] {
            assert_eq!(Field::named(other), None, "{other}");
        }
    }

    #[test]
    fn values_are_read_as_a_chart_file_gives_them() {
        let mut shared = Interner::default();
        let mut post = Post::new("a", "A");
        for (field, json) in [
            (Field::Unit, r#""Digital""#),
            (Field::Fte, "0.5"),
            (Field::Tags, r#"["x", "y"]"#),
            (Field::Holder, r#""Ann \u00e9""#),
        ] {
            let read = field.read(json).unwrap();
            field.set(&mut post, read, &mut shared);
        }
        assert_eq!(post.unit.as_deref(), Some("Digital"));
        assert_eq!(post.fte(), Some(0.5));
        assert_eq!(post.tags.len(), 2);
        assert_eq!(post.holder.name(), Some("Ann é"));
        assert_eq!(Field::Fte.read("-1"), None);
        assert_eq!(Field::Cost.read(r#""lots""#), None);
        assert_eq!(Field::Tags.read(r#"["x", 1]"#), None);
        assert_eq!(Field::Note.read("null"), Some(Read::Nothing));
        assert_eq!(
            Field::Fte.to_json(&post),
            Some(serde_json::json!(0.5)),
            "amounts are written as numbers"
        );
        assert_eq!(Field::ReportsTo.get(&post), None);
    }

    #[test]
    fn a_holder_is_a_name_or_an_object_saying_it_is_not_disclosed() {
        let mut shared = Interner::default();
        let mut post = Post::new("a", "A");
        for json in [r#"{"undisclosed": true}"#, r#"{ "undisclosed" : true }"#] {
            let read = Field::Holder.read(json).unwrap();
            assert_eq!(read, Read::Undisclosed);
            Field::Holder.set(&mut post, read, &mut shared);
            assert_eq!(post.holder, Holder::Undisclosed);
            assert!(!post.is_vacant());
            assert_eq!(Field::Holder.to_json(&post), Some(undisclosed_value()));
        }
        for wrong in [
            r#"{"undisclosed": false}"#,
            r#"{"undisclosed": "yes"}"#,
            r#"{"undisclosed": true, "name": "Ann"}"#,
            "{}",
            "true",
            r#"["Ann"]"#,
        ] {
            assert_eq!(Field::Holder.read(wrong), None, "{wrong}");
        }
        Field::Holder.set(&mut post, Read::Nothing, &mut shared);
        assert!(post.is_vacant());
        assert_eq!(Field::Holder.to_json(&post), None);
        // "N/D" in a chart file is a name like any other: the format says so explicitly.
        let read = Field::Holder.read(r#""N/D""#).unwrap();
        Field::Holder.set(&mut post, read, &mut shared);
        assert_eq!(post.holder, Holder::named("N/D"));
    }
}
