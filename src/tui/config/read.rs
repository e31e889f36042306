//! Reading the configuration file: each setting checked on its own, so that a wrong one is
//! reported with its line and ignored while the others still apply.

use std::ops::Range;

use toml_edit::{Document, Item, Value};

use super::keys::{KeyChange, apply};
use super::{Config, Problem, ThemeChoice};
use crate::tui::keys::Section;
use crate::tui::keys::names::parse_key;

/// The settings of the file's top level, for the message about an unknown one.
const SETTINGS: &str = "ascii, mouse, theme, read-only and the [keys.SECTION] tables";

/// Reads `text` into `config`, which holds the defaults.
pub(super) fn read(text: &str, config: &mut Config) {
    let at = |span: Option<Range<usize>>| place(text, span);
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(error) => {
            let (line, column) = at(error.span());
            config.problems.push(Problem {
                line,
                column,
                message: format!(
                    "this is not TOML ({}); the whole file is ignored",
                    error.message().trim_end()
                ),
            });
            return;
        }
    };
    let mut problem = |span: Option<Range<usize>>, message: String| {
        let (line, column) = at(span);
        Problem {
            line,
            column,
            message,
        }
    };
    let top = document.as_table();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (name, item) in top {
        let span = top.key(name).and_then(toml_edit::Key::span);
        match name {
            "ascii" | "mouse" | "read-only" => match item.as_bool() {
                Some(yes) => match name {
                    "ascii" => config.ascii = yes,
                    "mouse" => config.mouse = yes,
                    _ => config.read_only = yes,
                },
                None => problems.push(problem(
                    item.span().or(span),
                    format!("{name} is true or false; ignored"),
                )),
            },
            "theme" => match item
                .as_str()
                .and_then(|text| ThemeChoice::ALL.into_iter().find(|t| t.name() == text))
            {
                Some(theme) => config.theme = theme,
                None => problems.push(problem(
                    item.span().or(span),
                    "theme is \"dark\", \"light\" or \"plain\" (no colour); ignored".into(),
                )),
            },
            "keys" => read_keys(item, span, &mut changes, &mut problems, &mut problem),
            _ => problems.push(problem(
                span,
                format!(
                    "unknown setting '{}'; the settings are {SETTINGS}; ignored",
                    crate::text::Escaped(name)
                ),
            )),
        }
    }
    let (more, notes) = apply(&mut config.keymap, &changes);
    for (span, message) in more {
        problems.push(problem(span, message));
    }
    problems.sort_by_key(|p| (p.line, p.column));
    config.problems.extend(problems);
    config.notes = notes;
}

/// The `[keys.SECTION]` tables: for each action named, its new keys.
fn read_keys(
    item: &Item,
    span: Option<Range<usize>>,
    changes: &mut Vec<KeyChange>,
    problems: &mut Vec<Problem>,
    problem: &mut impl FnMut(Option<Range<usize>>, String) -> Problem,
) {
    let Some(sections) = item.as_table_like() else {
        problems.push(problem(
            span,
            "keys is a table of sections, as [keys.browse]; ignored".into(),
        ));
        return;
    };
    for (name, item) in sections.iter() {
        let span = sections.key(name).and_then(toml_edit::Key::span);
        let Some(section) = Section::named(name) else {
            let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
            problems.push(problem(
                span,
                format!(
                    "unknown key section '{}'; the sections are {}; ignored",
                    crate::text::Escaped(name),
                    names.join(", ")
                ),
            ));
            continue;
        };
        let Some(actions) = item.as_table_like() else {
            problems.push(problem(
                span,
                format!("keys.{name} is a table of actions, as down = [\"j\"]; ignored"),
            ));
            continue;
        };
        for (action, item) in actions.iter() {
            let span = actions.key(action).and_then(toml_edit::Key::span);
            let place = item.span().or_else(|| span.clone());
            match keys_of(item) {
                Ok(keys) => {
                    let mut parsed = Vec::new();
                    let mut bad = None;
                    for (text, key_span) in keys {
                        match parse_key(text) {
                            Ok(key) => parsed.push(key),
                            Err(message) => {
                                bad = Some((key_span.or_else(|| place.clone()), message));
                                break;
                            }
                        }
                    }
                    match bad {
                        Some((span, message)) => problems.push(problem(
                            span,
                            format!("keys.{name}.{action}: {message}; ignored"),
                        )),
                        None => changes.push(KeyChange {
                            section,
                            action: action.to_owned(),
                            keys: parsed,
                            span,
                        }),
                    }
                }
                Err(()) => problems.push(problem(
                    place,
                    format!(
                        "keys.{name}.{action} is a key or a list of keys, as \"j\" or [\"j\", \"Down\"]; ignored"
                    ),
                )),
            }
        }
    }
}

/// A text of the file and where it is.
type Placed<'a> = (&'a str, Option<Range<usize>>);

/// The key texts of a setting: one string, or an array of strings; each with its place.
fn keys_of(item: &Item) -> Result<Vec<Placed<'_>>, ()> {
    match item.as_value() {
        Some(Value::String(text)) => Ok(vec![(text.value().as_str(), item.span())]),
        Some(Value::Array(array)) => array
            .iter()
            .map(|value| match value {
                Value::String(text) => Ok((text.value().as_str(), value.span())),
                _ => Err(()),
            })
            .collect(),
        _ => Err(()),
    }
}

/// The 1-based line and column (in characters) of the start of `span` in `text`; the
/// start of the file when there is no span.
fn place(text: &str, span: Option<Range<usize>>) -> (usize, usize) {
    let position = crate::org::position::LineIndex::new(text).position(span.map_or(0, |s| s.start));
    (position.line, position.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_counts_lines_and_characters_from_one() {
        let text = "a = 1\nthème = 2\n";
        assert_eq!(place(text, Some(6..7)), (2, 1));
        assert_eq!(place(text, Some(12..13)), (2, 6));
        assert_eq!(place(text, None), (1, 1));
        assert_eq!(place(text, Some(999..1000)), (3, 1));
    }
}
