//! One entry of an LDIF file read as a post that may be: its id, title, holder and unit from
//! the attributes that give them, every other attribute kept as a field under its name, and
//! the DN of its manager, found once every entry is read.

use serde_json::Value;

use super::syntax::{self, Attribute, Given, Line};
use super::{Reader, dn};
use crate::org::fields::Field;
use crate::org::{Holder, Position, Post, Text};
use crate::text::Escaped;

/// Attribute names, told apart without regard to case, each numbered and kept as the file
/// first spells it. The ones the reader looks for have fixed numbers.
pub(super) struct Names {
    index: rustc_hash::FxHashMap<Box<str>, u32>,
    spelling: Vec<Option<Text>>,
    lower: String,
    /// The names of the last entry as written, in order, and their numbers: the entries of
    /// an export mostly give their attributes in the same order.
    last: Vec<(Text, u32)>,
}

const DN: u32 = 0;
const CHANGETYPE: u32 = 1;
const OBJECT_CLASS: u32 = 2;
pub(super) const TITLE: u32 = 3;
pub(super) const DISPLAY_NAME: u32 = 4;
pub(super) const CN: u32 = 5;
pub(super) const DEPARTMENT: u32 = 6;
pub(super) const MANAGER: u32 = 7;
/// Where a post's id is looked for, in this order (then its DN).
const ID_ATTRIBUTES: [u32; 4] = [8, 9, 10, 11];
const KNOWN: [&str; 12] = [
    "dn",
    "changetype",
    "objectclass",
    "title",
    "displayname",
    "cn",
    "department",
    "manager",
    "employeeid",
    "employeenumber",
    "uid",
    "samaccountname",
];

/// Object classes of people; a `computer` in Active Directory is a `user` too, but no one.
const PERSON_CLASSES: [&str; 4] = ["person", "user", "inetOrgPerson", "organizationalPerson"];

impl Names {
    pub(super) fn new() -> Self {
        let index = KNOWN
            .iter()
            .zip(0..)
            .map(|(name, i)| (Box::from(*name), i))
            .collect();
        Self {
            index,
            spelling: vec![None; KNOWN.len()],
            lower: String::new(),
            last: Vec::new(),
        }
    }

    /// The number of the attribute `name`, spelt in any case, the `i`th of its entry.
    fn number_at(&mut self, i: usize, name: &str) -> u32 {
        if let Some((last, number)) = self.last.get(i)
            && last == name
        {
            return *number;
        }
        let number = self.number(name);
        if i <= self.last.len() {
            self.last.truncate(i);
            self.last.push((Text::from(name), number));
        }
        number
    }

    /// The number of the attribute `name`, spelt in any case.
    fn number(&mut self, name: &str) -> u32 {
        self.lower.clear();
        self.lower
            .extend(name.chars().map(|c| c.to_ascii_lowercase()));
        let number = if let Some(&number) = self.index.get(self.lower.as_str()) {
            number
        } else {
            let number = u32::try_from(self.spelling.len()).unwrap_or(u32::MAX);
            self.index.insert(self.lower.as_str().into(), number);
            self.spelling.push(None);
            number
        };
        let spelling = &mut self.spelling[number as usize];
        if spelling.is_none() {
            *spelling = Some(Text::from(name));
        }
        number
    }

    /// The attribute as the file first spells it.
    pub(super) fn spelt(&self, number: u32) -> &str {
        self.spelling
            .get(number as usize)
            .and_then(Option::as_deref)
            .unwrap_or(KNOWN.get(number as usize).copied().unwrap_or_default())
    }
}

/// What names a post that has no `title`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TitleFrom {
    Title,
    /// The holder's name, from the attribute numbered.
    Holder(u32),
    /// The first value of its DN.
    Dn,
    Nothing,
}

/// The DN of an entry's manager.
pub(super) struct Manager {
    /// As the file gives it.
    pub(super) dn: String,
    /// As it is compared.
    pub(super) key: String,
    pub(super) at: Position,
    /// Where among the post's fields (after its DN) it goes if it names no entry: it is
    /// kept then.
    pub(super) slot: Option<usize>,
}

/// An entry read, which is a post if it is a person or anyone's manager.
pub(super) struct Candidate {
    /// The post, without its DN among its fields.
    pub(super) post: Post,
    pub(super) id: Text,
    pub(super) id_at: Position,
    /// Where its `dn:` line starts.
    pub(super) at: Position,
    pub(super) dn: String,
    pub(super) is_post: bool,
    pub(super) manager: Option<Manager>,
    pub(super) title_from: TitleFrom,
}

impl<'t> Reader<'t> {
    /// Reads the lines of one record: an entry is kept among the candidates, a change
    /// counted.
    pub(super) fn record(&mut self, lines: &[Line<'t>]) {
        let first_record = !std::mem::replace(&mut self.records_seen, true);
        let mut attributes = std::mem::take(&mut self.attributes);
        attributes.clear();
        let mut slips = Vec::new();
        for line in lines {
            match syntax::attribute(line) {
                Ok(attribute) => attributes.push(attribute),
                Err(slip) => slips.push(slip),
            }
        }
        if first_record
            && attributes
                .first()
                .is_some_and(|a| a.name.eq_ignore_ascii_case("version"))
        {
            let version = attributes.remove(0);
            if version.value.trim() != "1" {
                let message = format!(
                    "LDIF version \"{}\": read as version 1",
                    Escaped(&version.value)
                );
                self.warning(version.value_at, message);
            }
        }
        // A change record has lines of its own (`-`, `replace: ...`): it is left out whole.
        let change = attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case("changetype"))
            .map(|a| a.value.trim())
            .filter(|change| !change.eq_ignore_ascii_case("add"));
        match (change, attributes.first()) {
            (Some(change), Some(first)) if first.name.eq_ignore_ascii_case("dn") => {
                self.changes.add(first.at, &first.value);
                let change = change.to_ascii_lowercase();
                if !self.change_kinds.contains(&change) {
                    self.change_kinds.push(change);
                }
            }
            _ if !slips.is_empty() => {
                for slip in slips {
                    self.error(slip.at, slip.message);
                }
            }
            _ => self.entry(&attributes),
        }
        self.attributes = attributes;
    }

    fn entry(&mut self, attributes: &[Attribute<'t>]) {
        let mut numbers = std::mem::take(&mut self.numbers);
        numbers.clear();
        numbers.extend(
            attributes
                .iter()
                .enumerate()
                .map(|(i, a)| self.names.number_at(i, &a.name)),
        );
        self.numbered_entry(attributes, &numbers);
        self.numbers = numbers;
    }

    fn numbered_entry(&mut self, attributes: &[Attribute<'t>], numbers: &[u32]) {
        let Some(first) = attributes.first() else {
            return;
        };
        if numbers[0] != DN {
            // The trailer `ldapsearch` writes without -LLL is no entry, and holds no data.
            if !["search", "result"].contains(&&*first.name) {
                let message = format!(
                    "an entry starts with \"dn:\" (its distinguished name), found \"{}:\"",
                    Escaped(&first.name)
                );
                self.error(first.at, message);
            }
            return;
        }
        if let Some(i) = numbers.iter().skip(1).position(|&n| n == DN) {
            let message = "a second \"dn:\" in one entry: entries are separated by a blank line";
            self.error(attributes[i + 1].at, message.to_owned());
            return;
        }
        let dn = first.value.to_string();
        for (attribute, &number) in attributes.iter().zip(numbers) {
            self.given(attribute, number, &dn);
        }
        let candidate = self.candidate(attributes, numbers, dn);
        self.candidates.push(candidate);
    }

    /// Reports a value not given as text.
    fn given(&mut self, attribute: &Attribute, number: u32, dn: &str) {
        match attribute.given {
            Given::Text => {}
            Given::Binary => self.binary.add(number, attribute.value_at, dn),
            Given::Url => self.urls.add(number, attribute.value_at, dn),
            Given::BadBase64 => {
                let message = format!(
                    "\"{}\" is given in base64 (after \"::\") that cannot be decoded",
                    Escaped(&attribute.name)
                );
                if self.lenient {
                    self.warning(attribute.value_at, format!("{message}; kept as written"));
                } else {
                    self.error(attribute.value_at, message);
                }
            }
        }
    }

    fn candidate(
        &mut self,
        attributes: &[Attribute<'t>],
        numbers: &[u32],
        dn: String,
    ) -> Candidate {
        let at = attributes[0].at;
        let values = |wanted: u32| {
            attributes
                .iter()
                .zip(numbers)
                .filter(move |&(_, &n)| n == wanted)
                .map(|(attribute, _)| attribute)
        };
        // The first value of an attribute, when it is text; and whether it is its only one.
        let first_text = |wanted: u32| {
            let mut all = values(wanted);
            let first = all.next()?;
            let only = all.next().is_none();
            (first.given == Given::Text && !first.value.trim().is_empty()).then_some((first, only))
        };
        // The attributes read into the post, left out of its fields: those with one value
        // (all among the first 32 numbers).
        let mut used: u32 = 0;
        let mut several: Vec<(u32, Position)> = Vec::new();
        let mut use_value = |number: u32, only: bool, at: Position| {
            if only {
                used |= 1 << number;
            } else {
                several.push((number, at));
            }
        };

        let mut post = Post::new("", "");
        let id = ID_ATTRIBUTES
            .iter()
            .find_map(|&n| first_text(n).map(|f| (n, f)));
        let (id, id_at) = match id {
            Some((number, (attribute, only))) => {
                use_value(number, only, attribute.value_at);
                (Text::from(&*attribute.value), attribute.value_at)
            }
            None => (Text::from(dn.as_str()), attributes[0].value_at),
        };
        let holder = [DISPLAY_NAME, CN]
            .into_iter()
            .find_map(|n| first_text(n).map(|f| (n, f)));
        if let Some((number, (attribute, only))) = holder {
            use_value(number, only, attribute.value_at);
            post.holder = Holder::named(&*attribute.value);
        }
        let title_from = if let Some((attribute, only)) = first_text(TITLE) {
            use_value(TITLE, only, attribute.value_at);
            post.title = self.shared.get(&attribute.value);
            TitleFrom::Title
        } else if let Some((number, (attribute, _))) = holder {
            post.title = self.shared.get(&attribute.value);
            TitleFrom::Holder(number)
        } else if let Some(first) = dn::first_value(&dn) {
            post.title = self.shared.get(&first);
            TitleFrom::Dn
        } else {
            TitleFrom::Nothing
        };
        if let Some((attribute, only)) = first_text(DEPARTMENT) {
            use_value(DEPARTMENT, only, attribute.value_at);
            post.unit = Some(self.shared.get(&attribute.value));
        }
        let mut manager = first_text(MANAGER).map(|(attribute, only)| {
            use_value(MANAGER, only, attribute.value_at);
            Manager {
                dn: attribute.value.to_string(),
                key: dn::normalized(&attribute.value),
                at: attribute.value_at,
                slot: None,
            }
        });

        let is_class = |wanted: &str| {
            values(OBJECT_CLASS).any(|class| class.value.trim().eq_ignore_ascii_case(wanted))
        };
        let person = PERSON_CLASSES.iter().any(|c| is_class(c)) && !is_class("computer");
        let is_post = manager.is_some()
            || title_from == TitleFrom::Title
            || person
            || (values(OBJECT_CLASS).next().is_none() && values(CN).next().is_some());

        for (number, at) in several {
            self.several.add(number, at, &dn);
        }
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        for &number in &numbers[1..] {
            if !seen.contains(&number) && number != CHANGETYPE {
                seen.push(number);
            }
        }
        let is_used = |number: u32| number < 32 && used & (1 << number) != 0;
        // Room for the fields kept, the DN, and a manager that may name no entry.
        let kept = seen.iter().filter(|&&number| !is_used(number)).count();
        post.extra
            .reserve(kept + 1 + usize::from(manager.is_some()));
        for &number in &seen {
            if is_used(number) {
                if number == MANAGER
                    && let Some(manager) = &mut manager
                {
                    manager.slot = Some(post.extra.len());
                }
                continue;
            }
            let mut all = values(number).map(|a| Value::String(a.value.to_string()));
            let first = all.next().unwrap_or_default();
            let value = match all.next() {
                None => first,
                Some(second) => Value::Array([first, second].into_iter().chain(all).collect()),
            };
            keep(&mut post, None, &self.field_name(number), value);
        }
        self.seen = seen;
        Candidate {
            post,
            id,
            id_at,
            at,
            dn,
            is_post,
            manager,
            title_from,
        }
    }

    /// The field an attribute is kept as: its name as the file first spells it, or, when
    /// orgtree gives that name a meaning of its own (`title` with several values),
    /// `imported_` and its name.
    pub(super) fn field_name(&self, number: u32) -> Text {
        let name = self.names.spelt(number);
        if Field::named(name).is_some() {
            Text::from(format!("imported_{name}"))
        } else {
            Text::from(name)
        }
    }
}

/// Keeps `value` as the field `name` of `post`, at `slot` among its fields or last, under
/// `name (2)` (and so on) if a field of that name is there already: an attribute named as
/// another is kept as orgtree's (`imported_title` beside `title` with several values).
pub(super) fn keep(post: &mut Post, slot: Option<usize>, name: &str, value: Value) {
    let taken = |name: &str| post.extra.iter().any(|(key, _)| key == name);
    let mut unique = Text::from(name);
    let mut n = 1;
    while taken(&unique) {
        n += 1;
        unique = Text::from(format!("{name} ({n})"));
    }
    let slot = slot.unwrap_or(post.extra.len()).min(post.extra.len());
    post.extra.insert(slot, (unique, value));
}
