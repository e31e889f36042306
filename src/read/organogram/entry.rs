//! A senior post as read from its row, or the rows of a job share or of a row given again:
//! what the rows gave, joined, until it is made a post of the chart.

use super::cells::Holder;
use super::pay;
use super::shares::Share;
use crate::org::post::Interner;
use crate::org::{self, Extra, Post, PostId, Shared, Staff};

/// The holder of a post whose holder's name is not published.
pub(super) const UNDISCLOSED: &str = "N/D";

/// A senior post as read from its row (or the rows of a job share).
pub(super) struct Entry {
    pub(super) id: String,
    /// The line of its (first) row, and the columns of its id and manager cells.
    pub(super) line: usize,
    pub(super) id_column: usize,
    pub(super) reports_column: usize,
    /// The manager's id, as written (after `360510.0` is read as `360510`); `None` for a top.
    pub(super) manager: Option<String>,
    pub(super) title: String,
    /// One holder for each row: named, vacant or not disclosed.
    pub(super) holders: Vec<Holder>,
    pub(super) grade: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) note: Option<String>,
    /// One FTE for each row, where the row gives one.
    pub(super) fte: Vec<Option<f64>>,
    pub(super) extra: Extra,
    pub(super) staff: Vec<Staff>,
    /// Why the row is no job share of an earlier row with its id, if it is not.
    pub(super) if_duplicate: Option<String>,
    /// What the rows of a job share gave, once there is a second row.
    pub(super) share: Option<Box<Share>>,
}

impl Entry {
    /// The post of this entry, its text moved rather than copied: a large file's posts
    /// would otherwise be held twice while the chart is built. Titles, grades and units,
    /// which many posts repeat, are stored once in `shared`.
    pub(super) fn into_post(mut self, shared: &mut Interner) -> Post {
        let mut post = Post::new(PostId::new(self.id), shared.get(&self.title));
        post.holder = if self.holders.iter().all(|h| *h == Holder::Vacant) {
            org::Holder::Vacant
        } else if self.holders.iter().all(|h| *h == Holder::Undisclosed) {
            // Every row of the post says N/D: held by someone not disclosed.
            org::Holder::Undisclosed
        } else {
            let names: Vec<&str> = self
                .holders
                .iter()
                .map(|h| match h {
                    Holder::Named(name) => name.as_str(),
                    Holder::Vacant => "Vacant",
                    _ => UNDISCLOSED,
                })
                .collect();
            org::Holder::named(names.join(" / "))
        };
        post.grade = self.grade.map(|grade| shared.get(&grade));
        post.unit = self.unit.map(|unit| shared.get(&unit));
        post.note = self.note.map(Shared::from);
        post.set_fte(match self.fte.as_slice() {
            [one] => *one,
            rows => Some(rows.iter().map(|fte| fte.unwrap_or(1.0)).sum()),
        });
        // A job share a row of which gives its FTE as text (`N/D`) has no FTE of its own:
        // the rows' cells are kept, joined, under the column's name.
        if let Some(share) = &self.share
            && let Some((header, cells)) = share.fte_not_given()
        {
            post.set_fte(None);
            match self.extra.iter_mut().find(|(name, _)| *name == header) {
                Some((_, value)) => *value = cells,
                None => self.extra.push((header, cells)),
            }
        }
        post.extra = self.extra;
        post.cost = pay::take_cost(&mut post.extra, pay::SENIOR, 1.0);
        post.extra.shrink_to_fit();
        post.staff = self.staff.into_iter().collect();
        post
    }

    /// Takes in another row of the same job share. `fte_header` names the FTE column.
    pub(super) fn merge(&mut self, mut other: Entry, fte_header: Option<&str>) {
        let share = self.share.get_or_insert_with(|| {
            let mut share = Share::new(&self.holders, &self.extra);
            share.fte_row(fte_header, &self.fte, &self.extra);
            Box::new(share)
        });
        share.add_holders(&other.holders);
        if share.fte_row(fte_header, &other.fte, &other.extra) {
            other
                .extra
                .retain(|(name, _)| Some(name.as_str()) != fte_header);
        }
        pay::add_band(&mut self.extra, &mut other.extra, pay::SENIOR);
        self.holders.append(&mut other.holders);
        self.fte.append(&mut other.fte);
        self.join_fields(other);
    }

    /// Takes in a row that repeats this post's (the same holder, title, manager and
    /// FTE): its other values are joined where they differ. Gives the fields that differ.
    pub(super) fn repeat(&mut self, other: Entry) -> Vec<String> {
        let before = (
            self.grade.clone(),
            self.unit.clone(),
            self.note.clone(),
            self.extra.clone(),
        );
        self.share
            .get_or_insert_with(|| Box::new(Share::new(&self.holders, &self.extra)));
        let mut differ = Vec::new();
        for (name, mine, theirs) in [
            ("grade", &before.0, &other.grade),
            ("unit", &before.1, &other.unit),
            ("note", &before.2, &other.note),
        ] {
            if theirs.is_some() && mine != theirs {
                differ.push(name.to_owned());
            }
        }
        for (name, value) in &other.extra {
            if before.3.iter().all(|(n, v)| n != name || v != value) {
                differ.push(name.to_string());
            }
        }
        self.join_fields(other);
        differ
    }

    fn join_fields(&mut self, other: Entry) {
        let Some(share) = &mut self.share else {
            return;
        };
        share.grade.join(&mut self.grade, other.grade);
        share.unit.join(&mut self.unit, other.unit);
        share.note.join(&mut self.note, other.note);
        for (name, value) in other.extra {
            share.join_field(&mut self.extra, name, value);
        }
    }

    /// Whether a row of this post names `holder` (in any case).
    pub(super) fn names(&self, holder: &str) -> bool {
        match &self.share {
            Some(share) => share.names(holder),
            None => self
                .holders
                .iter()
                .any(|h| matches!(h, Holder::Named(name) if name.eq_ignore_ascii_case(holder))),
        }
    }
}
