//! Finding a row's manager from its manager cell: by id as written, by email ignoring case,
//! or by name ignoring case and spacing.

use std::borrow::Cow;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::ManagerBy;

/// Who is in the file, by id, email and name: only what managers are matched by, when that
/// is known.
pub(super) struct Directory<'t> {
    ids: FxHashSet<&'t str>,
    /// Each email (in lower case) and name (in lower case, single spaces): the rows that
    /// give it.
    emails: FxHashMap<&'t str, Slot>,
    names: FxHashMap<String, Slot>,
}

/// The rows that give an email or a name: one, or several.
enum Slot {
    One(u32),
    Several(Vec<u32>),
}

/// Notes that `row` gives `key`.
fn add<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Slot>, key: K, row: u32) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, Slot::One(row));
        }
        Some(slot) => match slot {
            Slot::One(first) => *slot = Slot::Several(vec![*first, row]),
            Slot::Several(rows) => rows.push(row),
        },
    }
}

/// A manager cell's match.
pub(super) enum Found<'a> {
    /// An id given as written.
    Id(&'a str),
    /// The row (by index) whose email or name it is.
    Row(usize),
    None,
    /// Several rows.
    Several(Vec<u32>),
}

/// A name as names are matched: lower case, single spaces.
fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Text in lower case, borrowed when it is already.
pub(super) fn lower(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// `find` of `text` in lower case ([`lower`]), made on the stack for a short ASCII text.
fn in_lower_case<R>(text: &str, find: impl FnOnce(&str) -> R) -> R {
    let mut lowered = [0u8; 64];
    if text.is_ascii() && text.len() <= lowered.len() {
        let lowered = &mut lowered[..text.len()];
        lowered.copy_from_slice(text.as_bytes());
        lowered.make_ascii_lowercase();
        // ASCII made lower case is still ASCII.
        find(std::str::from_utf8(lowered).unwrap_or_default())
    } else {
        find(&lower(text))
    }
}

/// What a row gives that managers are matched by.
pub(super) struct Person<'a> {
    /// Its id, when one is given.
    pub(super) id: Option<&'a str>,
    /// In lower case ([`lower`]).
    pub(super) email: Option<&'a str>,
    pub(super) name: Option<&'a str>,
}

impl<'t> Directory<'t> {
    /// The directory of the `count` people of the rows, in order; `by`, when known, says which of
    /// ids, emails and names managers are matched by (the others are not gathered).
    pub(super) fn of(
        people: impl Iterator<Item = Person<'t>>,
        count: usize,
        by: Option<ManagerBy>,
    ) -> Self {
        let wants = |what: ManagerBy| by.is_none_or(|by| by == what);
        let room = |what| if wants(what) { count } else { 0 };
        let mut directory = Self {
            ids: FxHashSet::with_capacity_and_hasher(room(ManagerBy::Id), FxBuildHasher),
            emails: FxHashMap::with_capacity_and_hasher(room(ManagerBy::Email), FxBuildHasher),
            names: FxHashMap::default(),
        };
        for (index, person) in people.enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            if wants(ManagerBy::Id)
                && let Some(id) = person.id
            {
                directory.ids.insert(id);
            }
            if wants(ManagerBy::Email)
                && let Some(email) = person.email
            {
                add(&mut directory.emails, email, index);
            }
            if wants(ManagerBy::Name)
                && let Some(name) = person.name
            {
                add(&mut directory.names, name_key(name), index);
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
            if in_lower_case(manager, |email| self.emails.contains_key(email)) {
                counts[1] += 1;
            }
            if self.names.contains_key(&name_key(manager)) {
                counts[2] += 1;
            }
        }
        let best = (0..3).max_by_key(|&at| (counts[at], 3 - at)).unwrap_or(0);
        [ManagerBy::Id, ManagerBy::Email, ManagerBy::Name][best]
    }

    /// The manager a cell names.
    pub(super) fn find<'a>(&self, text: &'a str, by: ManagerBy) -> Found<'a> {
        let slot = |slot: Option<&Slot>| match slot {
            None => Found::None,
            Some(Slot::One(row)) => Found::Row(*row as usize),
            Some(Slot::Several(rows)) => Found::Several(rows.clone()),
        };
        match by {
            ManagerBy::Id if self.ids.contains(text) => Found::Id(text),
            ManagerBy::Id => Found::None,
            ManagerBy::Email => in_lower_case(text, |email| slot(self.emails.get(email))),
            ManagerBy::Name => slot(self.names.get(&name_key(text))),
        }
    }
}
