//! Reading a post's lists of objects: staff groups and dotted lines, each item reported by
//! its place in the list.

use std::fmt::{self, Display};

use serde_json::Value;
use serde_json::value::RawValue;

use super::reader::{Reader, Repeats, keep};
use crate::org::json::{self, Fields, JsonKind, Members};
use crate::org::post::{Dotted, Extra, List, Post, PostId, Staff};
use crate::org::save::{dotted_value, staff_value};

/// How messages name one item of a post's list: `post 'coo', staff group 2`.
struct Item<'a> {
    of: &'a dyn Display,
    what: &'static str,
    number: usize,
}

impl Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {} {}", self.of, self.what, self.number)
    }
}

impl<'t> Reader<'_, 't> {
    /// The objects of an array field, or the problems that make it unusable as such.
    fn objects(&self, value: &'t str) -> Option<Vec<(usize, Members<'t>)>> {
        if JsonKind::of(value) == JsonKind::Null {
            return Some(Vec::new());
        }
        let items: Vec<&RawValue> = serde_json::from_str(value).ok()?;
        items
            .into_iter()
            .map(|item| {
                serde_json::from_str::<Fields>(item.get())
                    .ok()
                    .map(|Fields(f)| (self.at(item.get()), f))
            })
            .collect()
    }

    pub(super) fn staff(&mut self, label: &dyn Display, value: &'t str, post: &mut Post) {
        let Some(groups) = self.objects(value) else {
            self.wrong_type(
                label,
                "staff",
                value,
                "an array of objects",
                &mut post.extra,
            );
            return;
        };
        let mut staff = List::with_capacity(groups.len());
        let mut problems = 0;
        // Whether a group keeps a value it could not use (an FTE that is an array).
        let mut odd_kept = false;
        for (n, (_, fields)) in groups.into_iter().enumerate() {
            let mut group = Staff::default();
            let mut odd = Extra::new();
            let label = Item {
                of: label,
                what: "staff group",
                number: n + 1,
            };
            let repeats = Repeats::of(&fields);
            for (i, (key, value)) in fields.iter().enumerate() {
                // A repeated member is fully read (the last one), not a problem that
                // leaves the group out.
                if self.repeated(&label, &fields, &repeats, i) {
                    continue;
                }
                let before = self.findings.count();
                let kept = match key.as_ref() {
                    "title" => {
                        self.optional_text(&label, key, value, &mut group.title, &mut odd);
                        Ok(())
                    }
                    "grade" => {
                        self.optional_shared(&label, key, value, &mut group.grade, &mut odd);
                        Ok(())
                    }
                    "fte" => {
                        self.optional_number(&label, key, value, &mut group.fte, &mut odd);
                        Ok(())
                    }
                    "cost" => {
                        self.optional_cost(&label, key, value, &mut group.cost, &mut odd);
                        Ok(())
                    }
                    _ => repeats.keep(i, &mut group.extra),
                };
                problems += self.findings.count() - before;
                if let Err(message) = kept {
                    problems += 1;
                    self.recoverable(self.at(value), format!("{label}: {message}"), "left out");
                }
            }
            odd_kept |= !odd.is_empty();
            group.extra.append(&mut odd);
            staff.push(group);
        }
        // Keep the whole list as written rather than a partly read one. When it holds what
        // cannot be kept (each part of it reported and left out), the groups are read
        // without it; but if one keeps a value it could not use, what was read is kept as
        // written, as the list saved will be read again.
        if problems > 0 && self.lenient {
            if keep(&mut post.extra, "staff", value).is_ok() {
                return;
            }
            if odd_kept {
                put(
                    &mut post.extra,
                    "staff",
                    staff.iter().map(staff_value).collect(),
                );
                return;
            }
        }
        post.staff = staff;
    }

    pub(super) fn dotted(
        &mut self,
        label: &dyn Display,
        value: &'t str,
        post: &mut Post,
        dotted_at: &mut Vec<usize>,
    ) {
        let Some(lines) = self.objects(value) else {
            self.wrong_type(
                label,
                "dotted",
                value,
                "an array of objects",
                &mut post.extra,
            );
            return;
        };
        let mut dotted = List::with_capacity(lines.len());
        let mut problems = 0;
        let mut odd_kept = false;
        // Each line as written, less what cannot be kept: what a lenient load keeps when
        // the list as a whole cannot be kept and a line has no usable "to".
        let mut written: Vec<Value> = Vec::new();
        let mut without_to = false;
        for (n, (at, fields)) in lines.into_iter().enumerate() {
            let label = Item {
                of: label,
                what: "dotted line",
                number: n + 1,
            };
            let mut to = None;
            let mut line_label = None;
            let mut extra = Extra::new();
            let mut odd = Extra::new();
            let repeats = Repeats::of(&fields);
            for (i, (key, value)) in fields.iter().enumerate() {
                let value: &str = value;
                if self.repeated(&label, &fields, &repeats, i) {
                    continue;
                }
                let before = self.findings.count();
                let kept = match key.as_ref() {
                    "to" => {
                        let value_at = self.at(value);
                        match json::string(value).filter(|s| !s.is_empty()) {
                            Some(id) => to = Some((PostId::new(id.as_ref()), value_at)),
                            None => {
                                if let Some(digits) = json::integer_text(value) {
                                    to = Some((PostId::new(digits), value_at));
                                } else {
                                    let found = json::found(value);
                                    self.recoverable(
                                        value_at,
                                        format!("{label}: \"to\" must be a post id, found {found}"),
                                        "the dotted lines are kept as an unknown field",
                                    );
                                }
                            }
                        }
                        Ok(())
                    }
                    "label" => {
                        self.optional_text(&label, key, value, &mut line_label, &mut odd);
                        Ok(())
                    }
                    _ => repeats.keep(i, &mut extra),
                };
                problems += self.findings.count() - before;
                if let Err(message) = kept {
                    problems += 1;
                    self.recoverable(self.at(value), format!("{label}: {message}"), "left out");
                }
            }
            odd_kept |= !odd.is_empty();
            extra.append(&mut odd);
            if self.lenient {
                let members = fields
                    .iter()
                    .filter_map(|(key, value)| Some((key.to_string(), json::value(*value).ok()?)));
                written.push(Value::Object(members.collect()));
                without_to |= to.is_none();
            }
            match to {
                Some((to, to_at)) => {
                    dotted.push(Dotted {
                        to,
                        label: line_label,
                        extra,
                    });
                    dotted_at.push(to_at);
                }
                None if problems == 0 => {
                    problems += 1;
                    self.recoverable(
                        at,
                        format!("{label} has no \"to\""),
                        "the dotted lines are kept as an unknown field",
                    );
                }
                None => {}
            }
        }
        // As for staff groups: the list as written, or what was read of it.
        if problems > 0 && self.lenient {
            if keep(&mut post.extra, "dotted", value).is_ok() {
                dotted_at.clear();
                return;
            }
            if without_to {
                put(&mut post.extra, "dotted", Value::Array(written));
                dotted_at.clear();
                return;
            }
            if odd_kept {
                put(
                    &mut post.extra,
                    "dotted",
                    dotted.iter().map(dotted_value).collect(),
                );
                dotted_at.clear();
                return;
            }
        }
        post.dotted = dotted;
    }
}

/// Sets the unknown field `key` of `extra` to `value`, in its place if it is there.
fn put(extra: &mut Extra, key: &str, value: Value) {
    match extra.iter_mut().find(|(k, _)| k == key) {
        Some((_, slot)) => *slot = value,
        None => extra.push((key.into(), value)),
    }
}
