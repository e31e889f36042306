//! Going somewhere other than the next row: along a dotted line, or where the mouse clicked.

use super::App;
use crate::tui::action::Action;
use crate::tui::layout::marker_column;
use crate::tui::overlay::{DottedChoice, DottedEnd, Overlay};

impl App {
    /// The dotted lines of `node`: those it draws, then those drawn to it.
    #[must_use]
    pub fn dotted_ends(&self, node: crate::org::NodeIndex) -> Vec<DottedEnd> {
        let outgoing = self.org.post(node).dotted.iter().filter_map(|line| {
            Some(DottedEnd {
                post: self.org.find(line.to.as_str())?,
                incoming: false,
                label: line.label.as_ref().map(ToString::to_string),
            })
        });
        let incoming = self
            .index
            .dotted_in(node)
            .iter()
            .map(|&(from, at)| DottedEnd {
                post: from,
                incoming: true,
                label: self.org.post(from).dotted[at]
                    .label
                    .as_ref()
                    .map(ToString::to_string),
            });
        outgoing.chain(incoming).collect()
    }

    /// `m`: goes along the selected post's dotted line, or offers a choice when it has several.
    pub(super) fn follow_dotted(&mut self) {
        let Some(node) = self.selected_post() else {
            return;
        };
        let mut ends = self.dotted_ends(node);
        match ends.len() {
            0 => self.message = Some("this post has no dotted lines".into()),
            1 => {
                let end = ends.remove(0);
                self.select_post(end.post);
            }
            _ => {
                self.overlays
                    .push(Overlay::Dotted(DottedChoice { ends, selected: 0 }));
            }
        }
    }

    pub(super) fn dotted_update(&mut self, action: Action) {
        let Some(choice) = self.overlays.dotted_mut() else {
            return;
        };
        let last = choice.ends.len().saturating_sub(1);
        match action {
            Action::Down | Action::ScrollDown => choice.selected = (choice.selected + 1).min(last),
            Action::Up | Action::ScrollUp => choice.selected = choice.selected.saturating_sub(1),
            Action::Accept => {
                let post = choice.ends[choice.selected].post;
                self.overlays.pop();
                self.select_post(post);
            }
            Action::Back => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    /// A click on a row selects it; on its fold marker, it also folds or unfolds it.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let tree = self.screen().tree;
        if !tree.contains(ratatui::layout::Position::new(column, row)) {
            return;
        }
        if self.screen().headings.is_some() {
            // Side by side: the row clicked stands for a view row, or shows the other place
            // of one.
            let picked = self.side_rows().as_ref().and_then(|side| {
                let start = side.first_shown(self.offset, self.selected, usize::from(tree.height));
                let clicked = side.rows.get(start + usize::from(row - tree.y))?;
                clicked.home.or(clicked.other)
            });
            if let Some(at) = picked {
                self.select_row(at);
            }
            return;
        }
        let at = self.offset + usize::from(row - tree.y);
        let Some(clicked) = self.view.row(at) else {
            return;
        };
        self.select_row(at);
        let marker = marker_column(clicked.depth, usize::from(tree.width));
        if usize::from(column - tree.x) == marker && !self.view.fold(at) {
            self.view.unfold(&self.org, at);
        }
    }
}
