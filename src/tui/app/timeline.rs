//! The timeline of a series on the compare screen: opening it on the pair shown, moving
//! from step to step, and opening the compare of the selected step.

use super::App;
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;

impl App {
    /// `T`: the timeline of the series, the step on screen selected.
    pub(super) fn open_timeline(&mut self) {
        let Some(series) = &self.series else {
            self.message = Some(
                "one pair only: orgtree compare with three or more charts shows a timeline".into(),
            );
            return;
        };
        let selected = series.shown;
        self.overlays.push(Overlay::Timeline { selected });
    }

    pub(super) fn timeline_update(&mut self, action: Action) {
        let (Some(selected), Some(series)) = (self.overlays.timeline(), &self.series) else {
            return;
        };
        let last = series.pairs() - 1;
        let selected = match action {
            Action::Down | Action::ScrollDown => (selected + 1).min(last),
            Action::Up | Action::ScrollUp => selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Accept => {
                self.overlays.pop();
                self.show_pair(selected);
                return;
            }
            Action::Back | Action::Timeline => {
                self.overlays.pop();
                return;
            }
            Action::Help => {
                self.open_help();
                return;
            }
            _ => selected,
        };
        if let Some(Overlay::Timeline { selected: at }) = self.overlays.top_mut() {
            *at = selected;
        }
    }
}
