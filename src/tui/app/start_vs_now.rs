//! `D` in a what-if: the start compared with now, on the compare screen, and back.

use super::App;
use crate::compare::{MatchBy, compare};
use crate::tui::action::Action;
use crate::tui::chart_index::ChartIndex;
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
            self.org = stash.org;
            self.index = stash.index;
            self.view = stash.view;
            self.selected = stash.selected;
            self.offset = stash.offset;
            self.compare = None;
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
        let start = match whatif.start_chart(&self.org) {
            Ok(start) => start,
            Err(error) => {
                self.message = Some(format!("cannot work out the start: {error}"));
                return;
            }
        };
        let now = self.org.clone();
        let comparison = compare(&start, &now, MatchBy::Id);
        let names = ("the start".to_owned(), "now".to_owned());
        let (merged, state) = CompareState::merge(start, now, comparison, names);
        let mut index = ChartIndex::of(&merged);
        index.leave_out(&merged, |node| state.is_ghost(node));
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
