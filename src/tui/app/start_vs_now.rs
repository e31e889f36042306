//! `D` in a what-if: the start compared with now, on the compare screen, and back.

use super::App;
use crate::compare::compare_edited;
use crate::org::metrics::Stats;
use crate::tui::action::Action;
use crate::tui::compare_screen::CompareState;
use crate::tui::keys::Mode;
use crate::tui::tree_view::TreeView;
use crate::tui::whatif::Stash;

impl App {
    /// `D`: the comparison of the start with now, or back to editing.
    pub(super) fn toggle_compare_start(&mut self) {
        let Some(whatif) = self.whatif.as_mut() else {
            self.message = Some(if self.compare.is_some() {
                format!(
                    "{} compares a what-if with its start; this compares two files",
                    self.key(Mode::Edit, Action::CompareStart)
                )
            } else {
                format!(
                    "no edits yet: {} compares a what-if with its start",
                    self.key(Mode::Edit, Action::CompareStart)
                )
            });
            return;
        };
        if let Some(stash) = whatif.stash.take() {
            let shown = self.selected_post().and_then(|n| {
                let compare = self.compare.as_ref()?;
                (!compare.is_ghost(n)).then(|| self.org.post(n).id().clone())
            });
            let merged = std::mem::replace(&mut self.org, stash.org);
            let index = std::mem::replace(&mut self.index, stash.index);
            self.view = stash.view;
            self.selected = stash.selected;
            self.offset = stash.offset;
            if let Some(mut compare) = self.compare.take() {
                let start = std::mem::take(&mut compare.before);
                let stats = compare.comparison.summary.before.clone();
                if let Some(whatif) = self.whatif.as_mut() {
                    whatif.keep_start(start, stats);
                }
                // Freeing a large chart takes a while (about 40 ms at 1M posts): not while
                // the user waits.
                std::thread::spawn(move || drop((merged, index, compare)));
            }
            self.change_list = None;
            self.changed_only = false;
            self.side_by_side = false;
            self.filter = stash.filter;
            self.search = stash.search.map(|text| self.find(&text));
            if let Some(node) = shown.and_then(|id| self.org.find(id.as_str())) {
                self.select_post(node);
            }
            self.message = Some("back to editing".into());
            return;
        }
        // The start (kept from the last D, or worked out) and the figures of now on two
        // threads while the chart now is copied to take the ghosts of removed posts.
        let now = &self.org;
        let (start, (copy, now_stats)) = std::thread::scope(|scope| {
            let start = scope.spawn(|| whatif.take_start(now));
            let stats = scope.spawn(|| Stats::of(now));
            let copy = now.clone();
            (
                start
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                (
                    copy,
                    stats
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                ),
            )
        });
        let (start, start_stats) = match start {
            Ok(start) => start,
            Err(error) => {
                self.message = Some(format!("cannot work out the start: {error}"));
                return;
            }
        };
        // Only the posts the edits touched can differ: the others are looked at no more.
        let touched = whatif.history.touched();
        let comparison = compare_edited(&start, &copy, &touched, (start_stats, now_stats));
        let names = ("the start".to_owned(), "now".to_owned());
        let (merged, state) = CompareState::merge(start, copy, comparison, names);
        let ghosts: Vec<_> = state.ghosts().collect();
        let index = self.index.with_ghosts(&merged, &ghosts);
        let view = TreeView::new(&merged);
        let selected = self
            .view
            .row(self.selected)
            .map(|row| self.org.post(row.node).id().clone());
        whatif.stash = Some(Stash {
            org: std::mem::replace(&mut self.org, merged),
            index: std::mem::replace(&mut self.index, index),
            view: std::mem::replace(&mut self.view, view),
            selected: self.selected,
            offset: self.offset,
            filter: self.filter.take(),
            search: self.search.take().map(|search| search.text),
        });
        self.compare = Some(state);
        self.selected = 0;
        self.offset = 0;
        // The chains to the changes unfolded, as the compare screen opens; the post that was
        // selected stays selected, so that D and D again come back to it.
        self.open_on_changes();
        if let Some(node) = selected.and_then(|id| self.org.find(id.as_str())) {
            self.select_post(node);
        }
        self.message = Some(
            "the start compared with now: ] and [ go from change to change, D back to editing"
                .into(),
        );
    }
}
