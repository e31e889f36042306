//! A row's cells as a post's fields: the columns whose role is known set the post's own
//! fields; every other cell is kept as a field named by its column's header.

use serde_json::Value;

use super::columns::{Columns, Role};
use crate::org::fields::{Field, TABLE_ORDER};
use rustc_hash::FxHashSet;

use super::rows::Record;
use crate::org::{Cost, Holder, Post, PostId, Shared, Text};
use crate::read::orgtree::read_one;
use crate::text::Escaped;

/// Whether a header is that of orgtree's own CSV export, whose cells hold fields as the
/// export writes them (a field that is not text as compact JSON).
/// (The manager column, second, may hold managers by email or name.)
pub(super) fn is_orgtree_export(headers: &[String]) -> bool {
    headers.len() >= TABLE_ORDER.len()
        && headers
            .iter()
            .zip(TABLE_ORDER)
            .enumerate()
            .all(|(at, (h, field))| at == 1 || h == field.name())
}

/// A cell without the `'` a CSV export puts before a cell a spreadsheet would run as a
/// formula (`'=`, `'+`, `'-`, `'@`).
pub(super) fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// Whether a cell says its row is a totals row.
pub(super) fn is_total(cell: &str) -> bool {
    // No letter but the Kelvin sign lowers to ASCII, and these words have no `k`: the
    // ASCII comparison is the Unicode one, with no text made a row.
    let cell = cell.trim();
    ["total", "totals", "grand total"]
        .iter()
        .any(|word| cell.eq_ignore_ascii_case(word))
}

/// Turns rows into posts, sharing the text of titles and units that rows repeat.
pub(super) struct Cells<'c> {
    columns: &'c Columns,
    /// Each column's header as a field name.
    names: Vec<Text>,
    orgtree_shape: bool,
    shared: FxHashSet<Shared>,
}

impl<'c> Cells<'c> {
    pub(super) fn new(columns: &'c Columns, orgtree_shape: bool) -> Self {
        // A header given twice names its second column by its place too, so that no post
        // has a field twice.
        let mut taken = rustc_hash::FxHashSet::default();
        let names = columns
            .headers
            .iter()
            .enumerate()
            .map(|(at, header)| {
                let mut name = column_name(header, at);
                // Titles, units, grades, notes, tags and names are always read as their
                // fields: their columns keep nothing, and take no name.
                let keeps = !matches!(
                    columns.roles.get(at),
                    Some(
                        Role::Title
                            | Role::Unit
                            | Role::Grade
                            | Role::Note
                            | Role::Tags
                            | Role::Name
                    )
                );
                if keeps && !taken.insert(name.clone()) {
                    name = format!("{name} (column {})", at + 1);
                    taken.insert(name.clone());
                }
                Text::from(name)
            })
            .collect();
        Self {
            columns,
            names,
            orgtree_shape,
            shared: FxHashSet::default(),
        }
    }

    /// The field a cell of column `at` is kept as.
    pub(super) fn name(&self, at: usize) -> Text {
        self.names
            .get(at)
            .cloned()
            .unwrap_or_else(|| Text::from(column_name("", at)))
    }

    /// A text shared with the rows that give the same.
    pub(super) fn shared(&mut self, text: &str) -> Shared {
        match self.shared.get(text) {
            Some(shared) => shared.clone(),
            None => Shared::from(text),
        }
    }

    fn shared_cell(&mut self, text: &str) -> Shared {
        if let Some(shared) = self.shared.get(text) {
            return shared.clone();
        }
        let shared = Shared::from(text);
        self.shared.insert(shared.clone());
        shared
    }

    /// The post of a row with id `id`; `skip` are the id and manager columns, read
    /// elsewhere. What cannot be read as its field is kept as a field under its header, and
    /// `warn` told (the cell and what was done).
    pub(super) fn post(
        &mut self,
        id: &str,
        record: &Record,
        skip: (usize, usize),
        warn: &mut dyn FnMut(usize, String),
    ) -> Post {
        let empty = self.shared_cell("");
        let mut post = Post::new(PostId::new(id), empty);
        let columns = self.columns;
        let mut first_last: (Option<&str>, Option<&str>) = (None, None);
        let mut named = false;
        for (at, cell) in record.iter().enumerate() {
            let text = unguarded(cell.trim());
            let role = columns.roles.get(at).copied().unwrap_or(Role::Kept);
            let header = columns.headers.get(at).map_or("", String::as_str);
            if at == skip.1 || text.is_empty() || (at == skip.0 && role == Role::Id) {
                continue;
            }
            let name = self.name(at);
            let orgtree_shape = self.orgtree_shape;
            let keep = |post: &mut Post| {
                let value = if orgtree_shape {
                    json_value(text)
                } else {
                    Value::String(text.to_owned())
                };
                post.extra.push((name.clone(), value));
            };
            match role {
                Role::Id | Role::Manager | Role::Kept | Role::Email => keep(&mut post),
                Role::Name => {
                    post.holder = holder(text);
                    named = true;
                }
                Role::FirstName => {
                    first_last.0 = Some(text);
                    keep(&mut post);
                }
                Role::LastName => {
                    first_last.1 = Some(text);
                    keep(&mut post);
                }
                Role::Title => post.title = self.shared_cell(text),
                Role::Unit => post.unit = Some(self.shared_cell(text)),
                Role::Grade => post.grade = Some(self.shared_cell(text)),
                Role::Note => post.note = Some(text.into()),
                Role::Tags => {
                    post.tags = text
                        .split(';')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(Into::into)
                        .collect();
                }
                Role::Fte => match amount(text) {
                    Amount::Value(fte) => post.set_fte(Some(fte)),
                    Amount::NotGiven => keep(&mut post),
                    Amount::Text => {
                        warn(at, not_a_number(header, text));
                        keep(&mut post);
                    }
                },
                Role::Cost => match amount(text) {
                    Amount::Value(cost) => post.cost = Some(Cost::one(cost)),
                    Amount::Text if range(text).is_some() => post.cost = range(text),
                    Amount::NotGiven => keep(&mut post),
                    Amount::Text if text.starts_with('{') => match as_read("cost", text) {
                        Ok(read) if read.cost.is_some() => post.cost = read.cost,
                        _ => {
                            warn(at, not_a_number(header, text));
                            keep(&mut post);
                        }
                    },
                    Amount::Text => {
                        warn(at, not_a_number(header, text));
                        keep(&mut post);
                    }
                },
                Role::Staff | Role::Dotted => match as_read(
                    if role == Role::Staff {
                        "staff"
                    } else {
                        "dotted"
                    },
                    text,
                ) {
                    Ok(read) if role == Role::Staff => post.staff = read.staff,
                    Ok(read) => post.dotted = read.dotted,
                    Err(reason) => {
                        warn(
                            at,
                            format!(
                                "\"{}\" is not a list of {} as orgtree writes it ({}): kept as text",
                                Escaped(header),
                                if role == Role::Staff {
                                    "staff groups"
                                } else {
                                    "dotted lines"
                                },
                                reason
                            ),
                        );
                        keep(&mut post);
                    }
                },
            }
        }
        if !named {
            let name = match first_last {
                (Some(first), Some(last)) => Some(format!("{first} {last}")),
                (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
                (None, None) => None,
            };
            if let Some(name) = name {
                post.holder = Holder::named(name.as_str());
            }
        }
        post
    }
}

/// The field a kept cell is named by: its header; a cell under no header, its column; a
/// header that is the name of one of orgtree's own fields (a second `title` column, a
/// `staff` cell that is no list of staff groups), the header and `(as written)`, so that
/// the text is kept and the field stays as the format has it.
fn column_name(header: &str, at: usize) -> String {
    if header.is_empty() {
        format!("column {}", at + 1)
    } else if Field::named(header).is_some() {
        format!("{header} (as written)")
    } else {
        header.to_owned()
    }
}

fn not_a_number(header: &str, text: &str) -> String {
    format!(
        "\"{}\" is not a number: '{}' kept as the field \"{}\"",
        Escaped(header),
        Escaped(text),
        Escaped(header)
    )
}

/// A cell of orgtree's export: JSON where it reads as JSON other than a string, else the
/// text (the export writes text that would read as other JSON as a JSON string).
fn json_value(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(value) if !value.is_string() || text.starts_with('"') => value,
        _ => Value::String(text.to_owned()),
    }
}

/// A holder from a name cell: a name, or vacant or not disclosed as files say so.
fn holder(text: &str) -> Holder {
    // As in `is_total`, comparing ASCII letters alone is comparing in lower case.
    let is = |words: &[&str]| words.iter().any(|word| text.eq_ignore_ascii_case(word));
    if is(&[
        "vacant",
        "vacancy",
        "vacant post",
        "open position",
        "tbh",
        "to be hired",
    ]) {
        Holder::Vacant
    } else if is(&["n/d", "not disclosed", "undisclosed"]) {
        Holder::Undisclosed
    } else {
        Holder::named(text)
    }
}

/// A number as HR exports and spreadsheets write amounts.
#[derive(Debug, PartialEq)]
enum Amount {
    Value(f64),
    /// `N/A`, `-` and the like.
    NotGiven,
    Text,
}

fn amount(text: &str) -> Amount {
    let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(
        bare.to_lowercase().as_str(),
        "n/a" | "na" | "n/d" | "nd" | "-" | "--"
    ) {
        return Amount::NotGiven;
    }
    let digits = bare.trim_start_matches(['£', '$', '€']);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        if !(1..=3).contains(&first.len()) || !groups.all(|g| g.len() == 3) {
            return Amount::Text;
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !plain(&whole) || !plain(fraction) {
        return Amount::Text;
    }
    match format!("{whole}.{fraction}0").parse::<f64>() {
        Ok(n) if n.is_finite() => Amount::Value(n),
        _ => Amount::Text,
    }
}

/// A cost range as orgtree's export writes it, `60000-70000`.
fn range(text: &str) -> Option<Cost> {
    let (low, high) = text.split_once('-')?;
    match (amount(low), amount(high)) {
        (Amount::Value(low), Amount::Value(high)) => Cost::range(low, high),
        _ => None,
    }
}

/// A post read with one field given as JSON text, as the orgtree loader reads it.
fn as_read(field: &str, text: &str) -> Result<Post, String> {
    let object = format!("{{\"id\": \"-\", \"title\": \"-\", \"{field}\": {text}}}");
    read_one(&object, false).map(|read| read.post)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_write_them() {
        assert_eq!(amount("85000"), Amount::Value(85000.0));
        assert_eq!(amount("$85,000.50"), Amount::Value(85000.5));
        assert_eq!(amount("£ 60,000"), Amount::Value(60000.0));
        assert_eq!(amount("0.5"), Amount::Value(0.5));
        assert_eq!(amount("N/A"), Amount::NotGiven);
        assert_eq!(amount("85,00"), Amount::Text);
        assert_eq!(amount("-5"), Amount::Text);
        assert_eq!(amount("about 5"), Amount::Text);
    }
}
