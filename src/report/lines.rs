//! A chart as one line per post, sorted by id: the text conversion git's own diff, blame
//! and `log -p` read (`textconv`), so that any format orgtree opens diffs line by line, a
//! post's change is one changed line, and a move is the one line of the post moved (its
//! manager is named by id, so its team's lines do not change).

use std::io::{self, Write};

use super::{cost_text, figure};
use crate::org::Org;
use crate::org::fields::{Field, FieldValue, TABLE_ORDER};
use crate::text::Escaped;

/// Writes the chart's name and date, then a line per post in id order.
pub fn write_lines(out: &mut impl Write, org: &Org) -> io::Result<()> {
    if let Some(name) = &org.meta.name {
        writeln!(out, "# {}", Escaped(name))?;
    }
    if let Some(as_of) = &org.meta.as_of {
        writeln!(out, "# as of {}", Escaped(as_of))?;
    }
    let mut posts: Vec<_> = org.posts().collect();
    posts.sort_by(|&a, &b| org.post(a).id().as_str().cmp(org.post(b).id().as_str()));
    for node in posts {
        let post = org.post(node);
        let holder = super::tree::holder(post);
        let manager = org.manager(node).map_or_else(
            || "top".to_owned(),
            |m| Escaped(org.post(m).id().as_str()).to_string(),
        );
        write!(
            out,
            "{}: {} ({holder}) <- {manager}",
            Escaped(post.id().as_str()),
            Escaped(&post.title)
        )?;
        for field in TABLE_ORDER {
            if matches!(
                field,
                Field::Id | Field::ReportsTo | Field::Title | Field::Holder
            ) {
                continue;
            }
            let Some(value) = field.get(post) else {
                continue;
            };
            let text = match value {
                FieldValue::Text(text) => Escaped(text).to_string(),
                FieldValue::Undisclosed => "not disclosed".to_owned(),
                FieldValue::Amount(amount) => figure(amount),
                FieldValue::Cost(cost) => cost_text(cost),
                FieldValue::Tags(tags) => {
                    let tags: Vec<String> = tags.iter().map(|t| Escaped(t).to_string()).collect();
                    tags.join(", ")
                }
                // Lists of records, as the file format writes them, on the one line.
                FieldValue::Staff(_) | FieldValue::Dotted(_) => field
                    .to_json(post)
                    .map(|json| Escaped(&json.to_string()).to_string())
                    .unwrap_or_default(),
            };
            write!(out, " | {} {text}", field.name())?;
        }
        let mut extra: Vec<_> = post.extra.iter().collect();
        extra.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, value) in extra {
            write!(out, " | {} {}", Escaped(key), Escaped(&value.to_string()))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
