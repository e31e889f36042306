//! Reading a rules file: every setting checked, every problem reported at its line, the
//! whole file refused when any is wrong (a CI check must not pass on a rule it misread).

use std::ops::Range;

use toml_edit::{Document, TableLike};

use super::{Except, RuleProblem, Rules, SpanRule};
use crate::org::fields::Field;
use crate::text::Escaped;

/// The rules `text` gives, or every problem in it.
pub fn read(text: &str) -> Result<Rules, Vec<RuleProblem>> {
    let document = Document::parse(text).map_err(|error| {
        vec![problem(
            text,
            error.span(),
            format!("not TOML: {}", error.message().trim_end()),
        )]
    })?;
    let mut reader = Reader {
        text,
        problems: Vec::new(),
    };
    let mut rules = Rules::default();
    let top = document.as_table();
    for (name, item) in top {
        let at = top.key(name).and_then(toml_edit::Key::span);
        let Some(table) = item.as_table_like() else {
            reader.fail(
                at,
                format!("{} is a table, as [{}]", Escaped(name), Escaped(name)),
            );
            continue;
        };
        match name {
            "span" => rules.span = Some(reader.span(table)),
            "layers" => {
                rules.max_layers = reader.count(table, "layers", "max");
                reader.only(table, "layers", &["max"]);
            }
            "one-to-one" => {
                rules.max_one_to_one = reader.count(table, "one-to-one", "max");
                reader.only(table, "one-to-one", &["max"]);
            }
            "vacancy" => {
                rules.max_vacant_percent = reader.percent(table);
                reader.only(table, "vacancy", &["max-percent"]);
            }
            "grades" => {
                // Wrong in kind: said by `texts`; missing or empty: said here, as the rule
                // would otherwise check nothing.
                let order = reader.texts(table, "grades", "order");
                if order.as_ref().is_some_and(Vec::is_empty) || table.get("order").is_none() {
                    let at = Reader::place(table, "order").or(at);
                    reader.fail(
                        at,
                        "[grades] order lists the grades from the lowest to the highest, as [\"EO\", \"G7\", \"SCS1\"]".into(),
                    );
                }
                rules.grade_order = order.unwrap_or_default();
                reader.only(table, "grades", &["order"]);
            }
            "required" => {
                rules.required = reader.fields(table);
                reader.only(table, "required", &["fields"]);
            }
            other => reader.fail(
                at,
                format!(
                    "unknown rule [{}]; the rules are [span], [layers], [one-to-one], [vacancy], [grades] and [required]",
                    Escaped(other)
                ),
            ),
        }
    }
    if reader.problems.is_empty() {
        Ok(rules)
    } else {
        reader.problems.sort_by_key(|p| (p.line, p.column));
        Err(reader.problems)
    }
}

struct Reader<'t> {
    text: &'t str,
    problems: Vec<RuleProblem>,
}

impl Reader<'_> {
    fn fail(&mut self, at: Option<Range<usize>>, message: String) {
        self.problems.push(problem(self.text, at, message));
    }

    fn place(table: &dyn TableLike, key: &str) -> Option<Range<usize>> {
        let (key, item) = table.get_key_value(key)?;
        item.span().or_else(|| key.span())
    }

    /// Refuses the keys of `table` that are not `known`.
    fn only(&mut self, table: &dyn TableLike, rule: &str, known: &[&str]) {
        for (key, _) in table.iter() {
            if !known.contains(&key) {
                let at = table.key(key).and_then(toml_edit::Key::span);
                self.fail(
                    at,
                    format!(
                        "[{rule}] has no setting '{}'; it has {}",
                        Escaped(key),
                        known.join(", ")
                    ),
                );
            }
        }
    }

    fn count(&mut self, table: &dyn TableLike, rule: &str, key: &str) -> Option<usize> {
        let item = table.get(key)?;
        let count = item.as_integer().and_then(|n| usize::try_from(n).ok());
        if count.is_none() {
            let at = Self::place(table, key);
            self.fail(at, format!("[{rule}] {key} is a whole number, 0 or more"));
        }
        count
    }

    fn percent(&mut self, table: &dyn TableLike) -> Option<f64> {
        let item = table.get("max-percent")?;
        #[allow(clippy::cast_precision_loss)] // a percentage given as a whole number
        let value = item
            .as_float()
            .or_else(|| item.as_integer().map(|n| n as f64));
        let value = value.filter(|v| (0.0..=100.0).contains(v));
        if value.is_none() {
            let at = Self::place(table, "max-percent");
            self.fail(at, "[vacancy] max-percent is a number from 0 to 100".into());
        }
        value
    }

    fn texts(&mut self, table: &dyn TableLike, rule: &str, key: &str) -> Option<Vec<String>> {
        let item = table.get(key)?;
        let texts: Option<Vec<String>> = item.as_array().and_then(|array| {
            array
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect()
        });
        if texts.is_none() {
            let at = Self::place(table, key);
            self.fail(
                at,
                format!("[{rule}] {key} is a list of texts, as [\"a\", \"b\"]"),
            );
        }
        texts
    }

    fn span(&mut self, table: &dyn TableLike) -> SpanRule {
        let rule = SpanRule {
            min: self.count(table, "span", "min"),
            max: self.count(table, "span", "max"),
            except: self
                .texts(table, "span", "except")
                .unwrap_or_default()
                .into_iter()
                .map(|text| match text.strip_prefix("tag:") {
                    Some(tag) => Except::Tag(tag.to_owned()),
                    None => Except::Id(text),
                })
                .collect(),
        };
        if let (Some(min), Some(max)) = (rule.min, rule.max)
            && min > max
        {
            let at = Self::place(table, "min");
            self.fail(at, format!("[span] min {min} is above max {max}"));
        }
        self.only(table, "span", &["min", "max", "except"]);
        rule
    }

    fn fields(&mut self, table: &dyn TableLike) -> Vec<Field> {
        let Some(names) = self.texts(table, "required", "fields") else {
            return Vec::new();
        };
        let mut fields = Vec::new();
        for name in names {
            match Field::named(&name) {
                Some(field) if !matches!(field, Field::Id | Field::Title | Field::ReportsTo) => {
                    fields.push(field);
                }
                _ => {
                    let at = Self::place(table, "fields");
                    self.fail(
                        at,
                        format!(
                            "[required] '{}' is not a field a post can leave out; the fields are holder, unit, grade, note, fte, cost, staff, dotted and tags",
                            Escaped(&name)
                        ),
                    );
                }
            }
        }
        fields
    }
}

fn problem(text: &str, at: Option<Range<usize>>, message: String) -> RuleProblem {
    let position = crate::org::position::LineIndex::new(text).position(at.map_or(0, |at| at.start));
    RuleProblem {
        line: position.line,
        column: position.column,
        message,
    }
}
