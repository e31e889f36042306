//! The overlays that are read and scrolled: the full-screen details of a post and the help.
//! How far each can scroll is what the last draw found (the text is wrapped to the screen).

use super::App;
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;

impl App {
    pub(super) fn help_update(&mut self, action: Action) {
        let most = self.drawn.help_most.get();
        match (action, self.overlays.top_mut()) {
            (Action::Back | Action::Help, _) => {
                self.overlays.pop();
            }
            (_, Some(Overlay::Help { scroll })) => *scroll = scrolled(*scroll, action, most),
            _ => {}
        }
    }

    pub(super) fn details_update(&mut self, action: Action) {
        let most = self.drawn.details_most.get();
        match (action, self.overlays.top_mut()) {
            (Action::Back | Action::Details, _) => {
                self.overlays.pop();
            }
            (Action::Help, _) => self.open_help(),
            (Action::Bottom, Some(Overlay::Details { scroll })) => *scroll = most,
            // The next or previous post, its details from the top.
            (Action::NextSibling | Action::PreviousSibling, _) => {
                let row = if action == Action::NextSibling {
                    (self.selected + 1).min(self.view.len().saturating_sub(1))
                } else {
                    self.selected.saturating_sub(1)
                };
                self.select_row(row);
                if let Some(Overlay::Details { scroll }) = self.overlays.top_mut() {
                    *scroll = 0;
                }
            }
            // A dotted line followed: the details of the post at its other end (or the
            // choice of line, over the tree, when there are several).
            (Action::FollowDotted, _) => {
                self.overlays.pop();
                self.follow_dotted();
                if self.overlays.top().is_none() {
                    self.overlays.push(Overlay::Details { scroll: 0 });
                }
            }
            (_, Some(Overlay::Details { scroll })) => *scroll = scrolled(*scroll, action, most),
            _ => {}
        }
    }
}

/// A scroll position after a scrolling action, between 0 and `most` (a position past `most`,
/// left from a larger screen, comes back to it first).
fn scrolled(at: u16, action: Action, most: u16) -> u16 {
    let page = 10;
    let at = at.min(most);
    match action {
        Action::Down | Action::ScrollDown => at.saturating_add(1),
        Action::Up | Action::ScrollUp => at.saturating_sub(1),
        Action::PageDown => at.saturating_add(page),
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        _ => at,
    }
    .min(most)
}
