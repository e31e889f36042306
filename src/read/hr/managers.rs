//! Finding a row's manager from its manager cell: by id as written, by email ignoring case,
//! or by name ignoring case and spacing.

use rustc_hash::{FxHashMap, FxHashSet};

use super::columns::{Columns, Role};
use super::{ManagerBy, Row};
use crate::org::builder::IdRead;

/// Who is in the file, by id, email and name.
pub(super) struct Directory {
    ids: FxHashSet<String>,
    /// Each email (in lower case) and name (in lower case, single spaces): the ids and
    /// lines of the rows that give it.
    emails: FxHashMap<String, Vec<(String, usize)>>,
    names: FxHashMap<String, Vec<(String, usize)>>,
}

/// A manager cell's match.
pub(super) enum Found {
    One(String),
    None,
    /// Several people: their lines.
    Several(Vec<usize>),
}

/// A name as names are matched: lower case, single spaces.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Directory {
    pub(super) fn of(rows: &[Row], columns: &Columns) -> Self {
        let email_header = columns
            .of_role(Role::Email)
            .map(|at| columns.headers[at].as_str());
        let mut directory = Self {
            ids: FxHashSet::default(),
            emails: FxHashMap::default(),
            names: FxHashMap::default(),
        };
        for row in rows {
            let IdRead::Given(id, _) = &row.id else {
                continue;
            };
            let id = id.as_str().to_owned();
            directory.ids.insert(id.clone());
            if let Some(header) = email_header
                && let Some((_, email)) = row
                    .post
                    .extra
                    .iter()
                    .find(|(key, _)| key.as_str() == header)
                && let Some(email) = email.as_str()
            {
                directory
                    .emails
                    .entry(email.trim().to_lowercase())
                    .or_default()
                    .push((id.clone(), row.line));
            }
            if let Some(name) = row.post.holder.name() {
                directory
                    .names
                    .entry(name_key(name))
                    .or_default()
                    .push((id, row.line));
            }
        }
        directory
    }

    /// What most of the manager cells hold: ids, emails or names (ids when none match).
    pub(super) fn likely<'a>(&self, managers: impl Iterator<Item = &'a str>) -> ManagerBy {
        let mut counts = [0usize; 3];
        for manager in managers {
            if self.ids.contains(manager) {
                counts[0] += 1;
            }
            if self.emails.contains_key(&manager.to_lowercase()) {
                counts[1] += 1;
            }
            if self.names.contains_key(&name_key(manager)) {
                counts[2] += 1;
            }
        }
        let best = (0..3).max_by_key(|&at| (counts[at], 3 - at)).unwrap_or(0);
        [ManagerBy::Id, ManagerBy::Email, ManagerBy::Name][best]
    }

    /// The id of the manager a cell names.
    pub(super) fn find(&self, text: &str, by: ManagerBy) -> Found {
        let several = |list: &Vec<(String, usize)>| match list.as_slice() {
            [(id, _)] => Found::One(id.clone()),
            _ => Found::Several(list.iter().map(|&(_, line)| line).collect()),
        };
        match by {
            ManagerBy::Id if self.ids.contains(text) => Found::One(text.to_owned()),
            ManagerBy::Id => Found::None,
            ManagerBy::Email => self
                .emails
                .get(&text.to_lowercase())
                .map_or(Found::None, several),
            ManagerBy::Name => self.names.get(&name_key(text)).map_or(Found::None, several),
        }
    }
}
