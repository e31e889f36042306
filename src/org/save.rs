//! Writing a chart as orgtree JSON: every field it was loaded with, unknown ones included,
//! posts in chart order, and the file replaced atomically (by [`super::output`]).

use std::io::{self, Write};
use std::path::Path;

use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::Value;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::fields::{ChartField, FORMAT_VERSION, Field, FieldValue, WRITTEN, undisclosed_value};
use super::graph::{NodeIndex, Org};
pub use super::output::{Target, write_atomic};
use super::values::{CostOut, DottedOut, Number, Object, StaffOut};
pub use super::values::{cost_value, dotted_value, holder_value, number_value, staff_value};
use crate::text::is_unsafe;

/// Writes `org` as pretty-printed orgtree JSON, ending with a newline.
pub fn write_json(org: &Org, out: impl Write) -> io::Result<()> {
    write_value(&Chart(org), out)
}

/// Writes any JSON value the way orgtree writes charts: pretty, with characters that could
/// act on a terminal written as `\uXXXX` escapes, and a final newline.
pub fn write_value(value: &impl Serialize, mut out: impl Write) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, SafeFormatter::default());
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// `org` as orgtree JSON text.
#[must_use]
pub fn to_json(org: &Org) -> String {
    let mut out = Vec::new();
    write_json(org, &mut out).unwrap_or_default();
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `org` to `path` through a temporary file beside the file it names, renamed over it
/// only once it is complete, so an interrupted save never leaves half a chart (see
/// [`write_atomic`]).
pub fn save_atomic(org: &Org, path: &Path) -> io::Result<()> {
    write_atomic(path, |out| write_json(org, out))
}

/// Whether two paths name one file (the same path, or the same file through links), so
/// that a save can tell when it would write over the file a chart came from.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A post as the file format writes it, with its `reports_to`: for reports that quote a
/// whole post, such as the posts a comparison finds added.
#[must_use]
pub fn post_value(org: &Org, node: NodeIndex) -> Value {
    serde_json::to_value(PostOut(org, node)).unwrap_or(Value::Null)
}

struct Chart<'a>(&'a Org);

impl Serialize for Chart<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let meta = &self.0.meta;
        let mut map = Object::new(serializer.serialize_map(None)?);
        map.entry(ChartField::Version.name(), &FORMAT_VERSION)?;
        map.optional(ChartField::Name.name(), meta.name.as_ref())?;
        map.optional(ChartField::AsOf.name(), meta.as_of.as_ref())?;
        map.optional(ChartField::Source.name(), meta.source.as_ref())?;
        map.extra(&meta.extra)?;
        map.entry(ChartField::Posts.name(), &Posts(self.0))?;
        map.end()
    }
}

struct Posts<'a>(&'a Org);

impl Serialize for Posts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let org = self.0;
        let mut seq = serializer.serialize_seq(Some(org.len()))?;
        for node in writing_order(org) {
            seq.serialize_element(&PostOut(org, node))?;
        }
        seq.end()
    }
}

/// The order to write posts in. Siblings are read back in file order, so the chart's own
/// order (file order for a loaded chart) is kept when it lists every post's reports, and the
/// top posts, in their order; otherwise (after reordering edits) posts go in tree order.
pub(crate) fn writing_order(org: &Org) -> Vec<NodeIndex> {
    let increasing = |nodes: &[NodeIndex]| nodes.windows(2).all(|pair| pair[0] < pair[1]);
    if increasing(org.tops()) && org.posts().all(|node| increasing(org.reports(node))) {
        org.posts().collect()
    } else {
        org.tree_order().map(|(node, _)| node).collect()
    }
}

struct PostOut<'a>(&'a Org, NodeIndex);

impl Serialize for PostOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let PostOut(org, node) = *self;
        let post = org.post(node);
        let mut map = Object::new(serializer.serialize_map(None)?);
        for field in WRITTEN {
            let name = field.name();
            match (field, field.get(post)) {
                (Field::ReportsTo, _) => {
                    let manager = org.manager(node).map(|m| org.post(m).id().as_str());
                    map.optional(name, manager)?;
                }
                // Written even when vacant, so that a reader of the file sees the vacancy,
                // unless a lenient load kept a holder of the wrong type, which is written
                // back instead.
                (Field::Holder, None) if !post.extra.iter().any(|(key, _)| key == name) => {
                    map.entry(name, &None::<&str>)?;
                }
                (_, None) => {}
                (_, Some(FieldValue::Text(text))) => map.entry(name, text)?,
                (_, Some(FieldValue::Undisclosed)) => map.entry(name, &undisclosed_value())?,
                (_, Some(FieldValue::Amount(amount))) => map.entry(name, &Number(amount))?,
                (_, Some(FieldValue::Cost(cost))) => map.entry(name, &CostOut(cost))?,
                (_, Some(FieldValue::Tags(tags))) => map.list(name, tags, |tag| tag)?,
                (_, Some(FieldValue::Staff(groups))) => map.list(name, groups, StaffOut)?,
                (_, Some(FieldValue::Dotted(lines))) => map.list(name, lines, DottedOut)?,
            }
        }
        map.extra(&post.extra)?;
        map.end()
    }
}

/// `serde_json`'s pretty formatter, but characters that could act on a terminal (C1 controls,
/// bidi overrides) are escaped too, as `serde_json` already does for C0 controls. The JSON means
/// the same; it is just safe to print.
#[derive(Default)]
struct SafeFormatter(PrettyFormatter<'static>);

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}
