//! The state of a what-if: the history of edits to the chart on screen, the figures at the
//! start and now, the cut post, the file it came from, what was saved and the recovery
//! journal. The chart itself is the app's; the start is worked out from the history the
//! first time it is asked for (D), then kept.

use std::path::{Path, PathBuf};

use crate::edit::journal::{Journal, Op, Stamp};
use crate::edit::{Edit, EditError, History};
use crate::org::metrics::Stats;
use crate::org::save::same_file;
use crate::org::tally::{Headline, Tally};
use crate::org::{Org, PostId};

use super::chart_index::ChartIndex;
use super::tree_view::TreeView;

/// The file a chart was loaded from, and how it stood then.
#[derive(Clone, Debug)]
pub struct Origin {
    pub path: PathBuf,
    pub stamp: Option<Stamp>,
}

/// The edited chart and its view, put aside while the comparison with the start is shown.
pub struct Stash {
    pub org: Org,
    pub index: ChartIndex,
    pub view: TreeView,
    pub selected: usize,
    pub offset: usize,
    /// The filter and the search of the edited chart, put back with it.
    pub filter: Option<String>,
    pub search: Option<String>,
}

pub struct WhatIf {
    pub history: History,
    /// A number for each edit done, in order, so that "saved" can name a state, and what
    /// the edit did, in words.
    serials: Vec<(u64, String)>,
    /// The same for the edits undone, for redo.
    undone_serials: Vec<(u64, String)>,
    next_serial: u64,
    /// The state last saved as a chart (0: the start, when nothing was saved).
    saved: u64,
    /// The figures of the chart at the start, and now (kept up to date edit by edit).
    pub start: Headline,
    pub now: Tally,
    /// The post cut with `x`, to paste with `p`.
    pub clipboard: Option<PostId>,
    pub origin: Option<Origin>,
    /// Where the chart was last saved, and how that file stood after.
    pub saved_to: Option<(PathBuf, Option<Stamp>)>,
    pub journal: Option<Journal>,
    /// How many of the edits done are in the chart file itself (saved over it): the journal
    /// holds only those after them.
    journal_base: usize,
    /// Why the journal stopped, if it did: shown, and the session goes on without it.
    pub journal_failed: Option<String>,
    /// The edited chart while the comparison with the start is shown.
    pub stash: Option<Stash>,
    /// The chart at the start and its figures, once worked out (the first `D`), for the
    /// next `D`: see [`WhatIf::take_start`].
    kept_start: Option<(Org, Stats)>,
}

impl WhatIf {
    /// A what-if starting from `org` as it is.
    #[must_use]
    pub fn new(org: &Org, origin: Option<Origin>, journal: Option<Journal>) -> Self {
        let now = Tally::of(org);
        Self {
            history: History::default(),
            serials: Vec::new(),
            undone_serials: Vec::new(),
            next_serial: 1,
            saved: 0,
            start: now.headline(),
            now,
            clipboard: None,
            origin,
            saved_to: None,
            journal,
            journal_base: 0,
            journal_failed: None,
            stash: None,
            kept_start: None,
        }
    }

    /// The state now: 0 at the start, else the number of the last edit done.
    fn state(&self) -> u64 {
        self.serials.last().map_or(0, |(serial, _)| *serial)
    }

    /// Whether the chart differs from what was last saved (or loaded).
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.state() != self.saved
    }

    /// How many of the edits done (and not undone) came after the last save.
    #[must_use]
    pub fn unsaved_edits(&self) -> usize {
        self.serials
            .iter()
            .filter(|(serial, _)| *serial > self.saved)
            .count()
    }

    /// Notes that the chart as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state();
    }

    /// Does `edit` to `org` (`text` says what it does), keeps it for undo and writes it to
    /// the journal.
    pub fn edit(&mut self, org: &mut Org, edit: Edit, text: String) -> Result<(), EditError> {
        self.history.edit(org, edit.clone())?;
        self.serials.push((self.next_serial, text));
        self.next_serial += 1;
        self.undone_serials.clear();
        self.record(&Op::Do(edit));
        Ok(())
    }

    /// Undoes the last edit; the edit undone and what it did, if there was one.
    pub fn undo(&mut self, org: &mut Org) -> Result<Option<(Edit, String)>, EditError> {
        let Some(edit) = self.history.undo(org)?.map(|step| step.edit.clone()) else {
            return Ok(None);
        };
        let (serial, text) = self.serials.pop().unwrap_or_default();
        self.undone_serials.push((serial, text.clone()));
        self.record(&Op::Undo(true));
        Ok(Some((edit, text)))
    }

    /// Does again the last edit undone; the edit and what it does, if there was one.
    pub fn redo(&mut self, org: &mut Org) -> Result<Option<(Edit, String)>, EditError> {
        let Some(edit) = self.history.redo(org)?.map(|step| step.edit.clone()) else {
            return Ok(None);
        };
        let (serial, text) = self.undone_serials.pop().unwrap_or_default();
        self.serials.push((serial, text.clone()));
        self.record(&Op::Redo(true));
        Ok(Some((edit, text)))
    }

    /// Notes that the chart as it is now was saved over the file it was loaded from: a
    /// recovery starts from that file now.
    pub fn saved_over_origin(&mut self) {
        self.journal_base = self.history.len();
        if let Some(journal) = self.journal.as_mut() {
            let _ = journal.rebase();
        }
    }

    fn record(&mut self, op: &Op) {
        let Some(journal) = self.journal.as_mut() else {
            return;
        };
        if self.history.len() < self.journal_base {
            // Undone past what the file on disk holds: a replay could not undo that.
            let _ = journal.remove();
            self.journal = None;
            self.journal_failed = Some(
                "undone past the save over the file: the recovery journal stops here; save to keep this state"
                    .into(),
            );
            return;
        }
        if let Err(error) = journal.record(op, self.history.script().skip(self.journal_base)) {
            self.journal_failed = Some(format!(
                "no recovery journal: {error} in {}; save your work",
                crate::text::Escaped(&journal.folder().to_string_lossy())
            ));
            self.journal = None;
        }
    }

    /// The chart as it was at the start: `org` with every edit undone, on a copy.
    pub fn start_chart(&self, org: &Org) -> Result<Org, EditError> {
        let mut start = org.clone();
        let mut history = self.history.clone();
        while history.undo(&mut start)?.is_some() {}
        Ok(start)
    }

    /// The chart at the start and its figures, for `D`: those kept from the last `D`, or
    /// worked out from `org` (every edit undone on a copy). The start never changes while the
    /// what-if lasts, so `D` gives it back with [`WhatIf::keep_start`] for the next time.
    /// Kept rather than made again each time because at 1M posts a copy of the chart costs
    /// about 130 ms and its figures about 60 ms, a large part of the 0.3 s that `D` may take;
    /// the cost is the room of a second chart (about 225 MB at 1M) once `D` has been used,
    /// which `D` needed anyway while it showed the comparison. Not made when the what-if
    /// starts, so that editing without `D` costs neither.
    pub fn take_start(&mut self, org: &Org) -> Result<(Org, Stats), EditError> {
        if let Some(kept) = self.kept_start.take() {
            return Ok(kept);
        }
        let start = self.start_chart(org)?;
        let stats = Stats::of(&start);
        Ok((start, stats))
    }

    /// Keeps the start chart and its figures for the next `D`.
    pub fn keep_start(&mut self, start: Org, stats: Stats) {
        self.kept_start = Some((start, stats));
    }

    /// The file name a save of the chart proposes: `NAME.whatif.json` beside the original.
    #[must_use]
    pub fn proposed(&self, script: bool) -> PathBuf {
        let suffix = if script {
            "whatif-script.json"
        } else {
            "whatif.json"
        };
        match &self.origin {
            Some(origin) => {
                let stem = origin
                    .path
                    .file_stem()
                    .map_or_else(|| "chart".into(), |s| s.to_string_lossy().into_owned());
                origin.path.with_file_name(format!("{stem}.{suffix}"))
            }
            None => PathBuf::from(format!("orgtree-chart.{suffix}")),
        }
    }

    /// Whether `path` is the file the chart was loaded from.
    #[must_use]
    pub fn is_origin(&self, path: &Path) -> bool {
        self.origin
            .as_ref()
            .is_some_and(|origin| same_file(&origin.path, path))
    }

    /// Whether `path`, a file this session loaded or saved, was changed by someone else
    /// since then.
    #[must_use]
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        let known = self
            .origin
            .iter()
            .map(|origin| (&origin.path, origin.stamp))
            .chain(self.saved_to.iter().map(|(path, stamp)| (path, *stamp)))
            .find(|(known, _)| same_file(known, path));
        match known {
            Some((_, Some(stamp))) => Stamp::of(path).is_ok_and(|now| now != stamp),
            _ => false,
        }
    }
}
