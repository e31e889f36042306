//! LDAP and Active Directory exports in LDIF (RFC 2849), as `ldapsearch -LLL` and `ldifde`
//! write them:
//!
//! ```text
//! dn: uid=jdoe,ou=People,dc=example,dc=com
//! objectClass: inetOrgPerson
//! cn: Jane Doe
//! title: Head of Finance
//! manager: uid=asmith,ou=People,dc=example,dc=com
//! ```
//!
//! An entry is a post when it is a person (object class `person`, `user`, `inetOrgPerson`
//! or `organizationalPerson`, and not a `computer`), has a `title` or a `manager`, has no
//! object class but a `cn`, or is the manager of a post; the others (organisational units,
//! groups) are left out, said in one warning. Its id is its `employeeID`, `employeeNumber`,
//! `uid` or `sAMAccountName`, else its DN; its `manager` names its manager's DN, matched the
//! LDAP way ([`dn`]); a DN that no entry has is a warning, and the post a top post. `title`
//! is its title, `displayName` (else `cn`) its holder, `department` its unit; the DN and
//! every other attribute are kept as fields under their names.

mod dn;
mod entry;
mod notes;
mod syntax;

use rustc_hash::FxHashMap;
use serde_json::Value;

use self::entry::{Candidate, Names, TitleFrom};
use self::notes::{ByAttribute, Tally, entries};
use super::{Found, Imported, build};
use crate::org::builder::{Builder, Handling, IdRead, Label, Policy, PostRead};
use crate::org::post::Interner;
use crate::org::{Meta, Position, PostId};
use crate::text::Escaped;

/// How an LDIF file is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LdifOptions {
    /// Load what can be loaded, as `--lenient` does for orgtree JSON: loops become top
    /// posts, a duplicate id gets a new one, each with a warning.
    pub lenient: bool,
}

/// A directory often gives its head of the organisation itself as manager: a top post,
/// with a warning. Every other problem of the chart is refused unless lenient.
const POLICY: Policy = Policy {
    self_report: Handling::Recover,
    keep_self_reports: false,
    ..Policy::STRICT
};

const LENIENT: Policy = Policy {
    keep_self_reports: false,
    ..Policy::LENIENT
};

/// Whether `text` looks like LDIF: its first line that is not a comment is `version:` or
/// `dn:`.
#[must_use]
pub fn looks_like_ldif(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let first = text
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .find(|line| !line.trim().is_empty() && !line.starts_with('#') && !line.starts_with(' '));
    first.is_some_and(|line| {
        let name = line.split(':').next().unwrap_or_default();
        line.contains(':')
            && (name.eq_ignore_ascii_case("dn") || name.eq_ignore_ascii_case("version"))
    })
}

/// Reads an LDIF export, already decoded. Every problem is reported at once, each at its
/// line and column in `text`; `file` names the file in them.
pub fn ldif(file: &str, text: &str, options: &LdifOptions) -> Result<Imported, Vec<Found>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::new(file, options.lenient);
    let mut slips = Vec::new();
    syntax::each_record(text, |lines| reader.record(lines), |slip| slips.push(slip));
    for slip in slips {
        reader.error(slip.at, slip.message);
    }
    reader.posts()
}

/// What is kept while the entries are read.
struct Reader<'t> {
    file: &'t str,
    lenient: bool,
    names: Names,
    shared: Interner,
    problems: Vec<Found>,
    /// The entries read, in file order.
    candidates: Vec<Candidate>,
    /// Buffers used again for each record.
    attributes: Vec<syntax::Attribute<'t>>,
    numbers: Vec<u32>,
    seen: Vec<u32>,
    records_seen: bool,
    /// Change records, and the changes they make (`modify`, `delete`).
    changes: Tally,
    change_kinds: Vec<String>,
    /// Values that are not text, by attribute.
    binary: ByAttribute,
    urls: ByAttribute,
    /// Attributes read into a post that have several values.
    several: ByAttribute,
}

impl<'t> Reader<'t> {
    fn new(file: &'t str, lenient: bool) -> Self {
        Self {
            file,
            lenient,
            names: Names::new(),
            shared: Interner::default(),
            problems: Vec::new(),
            candidates: Vec::new(),
            attributes: Vec::new(),
            numbers: Vec::new(),
            seen: Vec::new(),
            records_seen: false,
            changes: Tally::default(),
            change_kinds: Vec::new(),
            binary: ByAttribute::default(),
            urls: ByAttribute::default(),
            several: ByAttribute::default(),
        }
    }

    fn error(&mut self, at: Position, message: String) {
        self.problems
            .push(Found::error(self.file, Some(at), message));
    }

    fn warning(&mut self, at: Position, message: String) {
        self.problems
            .push(Found::warning(self.file, Some(at), message));
    }

    /// A warning said once for many, at the first of them.
    fn tally_warning(&mut self, tally: &Tally, message: String) {
        self.problems
            .push(Found::warning(self.file, tally.first_at, message));
    }

    /// The warning of the change records left out.
    fn change_notes(&mut self) {
        let changes = std::mem::take(&mut self.changes);
        if changes.count == 0 {
            return;
        }
        let kinds = self
            .change_kinds
            .iter()
            .map(|kind| Escaped(kind).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let message = if changes.count == 1 {
            format!(
                "1 change record (changetype: {kinds}) is not an entry of a directory: left out: {}",
                changes.named()
            )
        } else {
            format!(
                "{} change records (changetype: {kinds}) are not entries of a directory: left out: {}",
                changes.count,
                changes.named()
            )
        };
        self.tally_warning(&changes, message);
    }

    /// The warnings said once for each attribute of many entries.
    fn attribute_notes(&mut self) {
        for (number, tally) in std::mem::take(&mut self.binary).into_iter() {
            let message = format!(
                "\"{}\" is binary data (base64 that is not UTF-8 text) in {}: kept as the base64 the file gives",
                Escaped(self.names.spelt(number)),
                entries(tally.count)
            );
            self.tally_warning(&tally, message);
        }
        for (number, tally) in std::mem::take(&mut self.urls).into_iter() {
            let message = format!(
                "\"{}\" is given by URL (\"{}:< URL\") in {}: kept as the URL, which is not fetched",
                Escaped(self.names.spelt(number)),
                Escaped(self.names.spelt(number)),
                entries(tally.count)
            );
            self.tally_warning(&tally, message);
        }
        for (number, tally) in std::mem::take(&mut self.several).into_iter() {
            let role = match number {
                entry::TITLE => "the post's title",
                entry::DISPLAY_NAME | entry::CN => "the holder's name",
                entry::DEPARTMENT => "the post's unit",
                entry::MANAGER => "the manager",
                _ => "the post's id",
            };
            let message = format!(
                "\"{}\" has several values in {}: the first is read as {role}; all are kept as the field \"{}\"",
                Escaped(self.names.spelt(number)),
                entries(tally.count),
                Escaped(&self.field_name(number))
            );
            self.tally_warning(&tally, message);
        }
    }

    /// Settles which entries are posts and who manages whom, and makes the chart.
    fn posts(mut self) -> Result<Imported, Vec<Found>> {
        self.change_notes();
        self.attribute_notes();
        let mut candidates = std::mem::take(&mut self.candidates);
        // Each DN as compared, and the entry that has it: the first, if two do.
        let mut by_dn: FxHashMap<String, usize> = FxHashMap::default();
        by_dn.reserve(candidates.len());
        for (i, candidate) in candidates.iter().enumerate() {
            let key = dn::normalized(&candidate.dn);
            if let Some(&first) = by_dn.get(&key) {
                let line = candidates[first].at.line;
                let message = format!(
                    "the DN \"{}\" is given twice (first on line {line})",
                    Escaped(&candidate.dn)
                );
                if self.lenient {
                    self.warning(
                        candidate.at,
                        format!("{message}; managers naming it are matched to the first"),
                    );
                } else {
                    self.error(candidate.at, message);
                }
            } else {
                by_dn.insert(key, i);
            }
        }
        // An entry named as a manager is a post, whatever else it is.
        let managers: Vec<Option<usize>> = candidates
            .iter()
            .map(|c| c.manager.as_ref().and_then(|m| by_dn.get(&m.key).copied()))
            .collect();
        drop(by_dn);
        for &manager in managers.iter().flatten() {
            candidates[manager].is_post = true;
        }
        let manager_ids: Vec<Option<PostId>> = managers
            .iter()
            .map(|m| m.map(|m| PostId::new(candidates[m].id.clone())))
            .collect();

        let mut builder = Builder::new(if self.lenient { LENIENT } else { POLICY });
        let mut left_out = Tally::default();
        let mut number = 0;
        for (candidate, manager_id) in candidates.into_iter().zip(manager_ids) {
            if !candidate.is_post {
                left_out.add(candidate.at, &candidate.dn);
                continue;
            }
            number += 1;
            builder.add(self.post_read(candidate, number, manager_id));
        }
        if left_out.count > 0 {
            let message = format!(
                "{} {} not people (no person object class, title or manager) and {} no one: left out (organisational units, groups and the like): {}",
                entries(left_out.count),
                if left_out.count == 1 { "is" } else { "are" },
                if left_out.count == 1 {
                    "manages"
                } else {
                    "manage"
                },
                left_out.named()
            );
            self.tally_warning(&left_out, message);
        }
        let meta = Meta {
            source: Some(format!("imported from {} (LDIF)", self.file).into()),
            ..Meta::default()
        };
        let Self { file, problems, .. } = self;
        build(file, meta, builder, problems)
    }

    /// The post of an entry, for the builder; `manager_id` is the id of the entry its
    /// manager's DN names.
    fn post_read(
        &mut self,
        candidate: Candidate,
        number: usize,
        manager_id: Option<PostId>,
    ) -> PostRead<Position> {
        let Candidate {
            mut post,
            id,
            id_at,
            at,
            dn,
            manager,
            title_from,
            ..
        } = candidate;
        let label = || {
            Label {
                number,
                id: Some(&id),
                title: None,
            }
            .to_string()
        };
        let what = match title_from {
            TitleFrom::Title => None,
            TitleFrom::Holder(name) => Some(format!(
                "the holder's name (\"{}\") is used as its title",
                Escaped(self.names.spelt(name))
            )),
            TitleFrom::Dn => Some("the first value of its DN is used as its title".to_owned()),
            TitleFrom::Nothing => Some("nothing else names it: its title is empty".to_owned()),
        };
        if let Some(what) = what {
            let title = Escaped(self.names.spelt(entry::TITLE));
            self.warning(at, format!("{} has no \"{title}\"; {what}", label()));
        }
        let reports_to = match (manager, manager_id) {
            (Some(manager), Some(manager_id)) => Some((manager_id, manager.at)),
            (Some(manager), None) => {
                let field = self.field_name(entry::MANAGER);
                let message = format!(
                    "{}: its manager \"{}\" is no entry of the file; loaded as a top post, the DN kept as the field \"{}\"",
                    label(),
                    Escaped(&manager.dn),
                    Escaped(&field)
                );
                self.warning(manager.at, message);
                if manager.slot.is_some() {
                    entry::keep(&mut post, manager.slot, &field, Value::String(manager.dn));
                }
                None
            }
            (None, _) => None,
        };
        post.extra.insert(0, ("dn".into(), Value::String(dn)));
        let id = if id.is_empty() {
            IdRead::Empty(id_at)
        } else {
            IdRead::Given(PostId::new(id), id_at)
        };
        let mut read = PostRead::new(post, number, at, id);
        read.reports_to = reports_to;
        read
    }
}
