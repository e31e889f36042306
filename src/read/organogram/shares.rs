//! What the rows of a job share have given so far, kept so that each further row's holder
//! and values are told apart from the earlier ones at once: a post shared by a hundred
//! thousand rows is read in one pass, not one pass over the earlier rows a row.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;

use super::cells::Holder;
use crate::org::{Extra, Text};

/// Made on the second row of a job share.
#[derive(Default)]
pub(super) struct Share {
    /// The holders named so far, in ASCII lower case (a name given twice is an error).
    holders: FxHashSet<String>,
    pub(super) grade: Parts,
    pub(super) unit: Parts,
    pub(super) note: Parts,
    /// Where each kept column is among the post's fields, and the parts of its value.
    field_at: FxHashMap<Text, usize>,
    field_parts: FxHashMap<usize, Parts>,
    /// The FTE column's header, and each row's FTE cell (a number written out, or the
    /// text kept), once a row gives its FTE as text.
    fte_header: Option<Text>,
    fte_cells: Vec<String>,
    fte_not_given: bool,
}

impl Share {
    /// The share of a post read from one row so far, with `holders` and `fields`.
    pub(super) fn new(holders: &[Holder], fields: &[(Text, Value)]) -> Self {
        let mut share = Self::default();
        share.add_holders(holders);
        for (i, (name, _)) in fields.iter().enumerate() {
            share.field_at.entry(name.clone()).or_insert(i);
        }
        share
    }

    pub(super) fn names(&self, holder: &str) -> bool {
        self.holders.contains(&holder.to_ascii_lowercase())
    }

    pub(super) fn add_holders(&mut self, holders: &[Holder]) {
        self.holders.extend(holders.iter().filter_map(|h| match h {
            Holder::Named(name) => Some(name.to_ascii_lowercase()),
            _ => None,
        }));
    }

    /// Notes the FTE cell of a row (`fte` as read, and the text kept in `fields` under
    /// `header` when it is no number). Gives whether the text was kept there.
    pub(super) fn fte_row(
        &mut self,
        header: Option<&str>,
        fte: &[Option<f64>],
        fields: &Extra,
    ) -> bool {
        let Some(header) = header else {
            return false;
        };
        self.fte_header.get_or_insert_with(|| Text::from(header));
        let kept = fields.iter().find(|(name, _)| name == header);
        for fte in fte {
            let cell = match (fte, kept) {
                // As an export writes an amount: `0.5`, `1`.
                (Some(n), _) => format!("{n}"),
                (None, Some((_, Value::String(text)))) => {
                    self.fte_not_given = true;
                    text.clone()
                }
                (None, _) => String::new(),
            };
            self.fte_cells.push(cell);
        }
        kept.is_some() && fte.iter().any(Option::is_none)
    }

    /// When a row gives its FTE as text: the FTE column's header and the rows' cells
    /// joined with " / ".
    pub(super) fn fte_not_given(&self) -> Option<(Text, Value)> {
        let header = self.fte_header.clone().filter(|_| self.fte_not_given)?;
        // Trimmed, as a cell is read: a blank row's empty cell leaves no space at either end.
        let cells = self.fte_cells.join(" / ");
        Some((header, Value::String(cells.trim().to_owned())))
    }

    /// Joins another row's value of the field `name` to `fields`: added when the post has
    /// no such field, joined with " / " when it differs from the post's.
    pub(super) fn join_field(&mut self, fields: &mut Extra, name: Text, value: Value) {
        let Some(&i) = self.field_at.get(&name) else {
            self.field_at.insert(name.clone(), fields.len());
            fields.push((name, value));
            return;
        };
        let mine = &mut fields[i].1;
        if *mine == value {
            return;
        }
        let mut text = Some(match std::mem::take(mine) {
            Value::String(text) => text,
            other => other.to_string(),
        });
        let other = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        self.field_parts
            .entry(i)
            .or_default()
            .join(&mut text, Some(other));
        *mine = Value::String(text.unwrap_or_default());
    }
}

/// The parts of a value that rows joined with " / ", found once and then kept up to date.
#[derive(Default)]
pub(super) struct Parts(Option<FxHashSet<String>>);

impl Parts {
    /// Joins `other` to `mine` with " / ", unless it is one of the parts there already.
    pub(super) fn join(&mut self, mine: &mut Option<String>, other: Option<String>) {
        let Some(other) = other else { return };
        let Some(text) = mine else {
            *mine = Some(other);
            return;
        };
        let parts = self
            .0
            .get_or_insert_with(|| text.split(" / ").map(str::to_owned).collect());
        if parts.contains(&other) {
            return;
        }
        parts.extend(other.split(" / ").map(str::to_owned));
        text.push_str(" / ");
        text.push_str(&other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_joined_once_whichever_part_it_matches() {
        let mut parts = Parts::default();
        let mut mine = Some("Policy".to_owned());
        for other in ["Delivery", "Policy", "Digital / Data", "Data", "Delivery"] {
            parts.join(&mut mine, Some(other.to_owned()));
        }
        parts.join(&mut mine, None);
        assert_eq!(mine.as_deref(), Some("Policy / Delivery / Digital / Data"));
        let mut none = None;
        Parts::default().join(&mut none, Some("Unit".to_owned()));
        assert_eq!(none.as_deref(), Some("Unit"));
    }

    #[test]
    fn fields_that_differ_are_joined_as_text_and_new_ones_added() {
        let mut fields: Extra = [
            (Text::from("Pay"), Value::from(5)),
            (Text::from("Phone"), Value::from("1")),
        ]
        .into_iter()
        .collect();
        let mut share = Share::new(&[Holder::Named("Ann".to_owned())], &fields);
        share.join_field(&mut fields, "Pay".into(), Value::from(5));
        share.join_field(&mut fields, "Phone".into(), Value::from("2"));
        share.join_field(&mut fields, "Pay".into(), Value::from(6));
        share.join_field(&mut fields, "Phone".into(), Value::from("1"));
        share.join_field(&mut fields, "Mail".into(), Value::from("a@b"));
        assert_eq!(
            fields.as_slice(),
            [
                (Text::from("Pay"), Value::from("5 / 6")),
                (Text::from("Phone"), Value::from("1 / 2")),
                (Text::from("Mail"), Value::from("a@b")),
            ]
        );
        assert!(share.names("ANN") && !share.names("Bob"));
    }
}
