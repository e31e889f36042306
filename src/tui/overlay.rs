//! What is open over the screen, as data: a stack of overlays, the last one on top. The top
//! one is what the keys act on ([`crate::tui::app::App::mode`]); drawing draws them in order,
//! each over the ones before. No drawing and no key handling here.

use super::form::{Choice, Form};
use super::keys::Mode;
use crate::org::NodeIndex;

/// One thing open over the screen.
#[derive(Clone, Debug)]
pub enum Overlay {
    /// The details of the selected post in place of the tree, scrolled this far.
    Details { scroll: u16 },
    /// The list of keys, scrolled this far.
    Help { scroll: u16 },
    /// A search or filter being typed, in the status bar.
    Prompt(Prompt),
    /// The choice of dotted line to follow, when a post has several.
    Dotted(DottedChoice),
    /// A form being filled in.
    Form(Form),
    /// A question being asked.
    Choice(Choice),
    /// The timeline of a series in place of the tree, with this step (a pair of releases)
    /// selected.
    Timeline { selected: usize },
}

impl Overlay {
    /// What the keys do while this overlay is on top.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match self {
            Self::Details { .. } => Mode::Details,
            Self::Help { .. } => Mode::Help,
            Self::Prompt(_) => Mode::Prompt,
            Self::Dotted(_) => Mode::Dotted,
            Self::Form(_) => Mode::Form,
            Self::Choice(_) => Mode::Choice,
            Self::Timeline { .. } => Mode::Timeline,
        }
    }
}

/// Which text a prompt is typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Filter,
}

/// A search or filter being typed.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// The post selected when the prompt opened, to go back to on Esc.
    pub origin: Option<NodeIndex>,
}

/// One end of a dotted line of the selected post.
#[derive(Clone, Debug, PartialEq)]
pub struct DottedEnd {
    pub post: NodeIndex,
    /// True for a line drawn from another post to the selected one.
    pub incoming: bool,
    pub label: Option<String>,
}

/// The choice of dotted line to follow when there are several.
#[derive(Clone, Debug)]
pub struct DottedChoice {
    pub ends: Vec<DottedEnd>,
    pub selected: usize,
}

/// The overlays open, bottom first.
#[derive(Clone, Debug, Default)]
pub struct Overlays(Vec<Overlay>);

/// What the first overlay from the top that matches `$pattern` gives, in `$overlays` (an
/// iterator over them, bottom first).
macro_rules! find {
    ($overlays:expr, $pattern:pat => $value:expr) => {
        $overlays.rev().find_map(|overlay| match overlay {
            $pattern => Some($value),
            _ => None,
        })
    };
}

impl Overlays {
    /// The overlay on top, if any.
    #[must_use]
    pub fn top(&self) -> Option<&Overlay> {
        self.0.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.0.last_mut()
    }

    /// Opens `overlay` over the others.
    pub fn push(&mut self, overlay: Overlay) {
        self.0.push(overlay);
    }

    /// Closes the overlay on top.
    pub fn pop(&mut self) -> Option<Overlay> {
        self.0.pop()
    }

    /// The overlays, bottom first: the order to draw them in.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Overlay> {
        self.0.iter()
    }

    /// The mode of the topmost overlay that is not the help, which is what the help
    /// describes.
    #[must_use]
    pub fn mode_under_help(&self) -> Option<Mode> {
        self.0
            .iter()
            .rev()
            .find(|overlay| !matches!(overlay, Overlay::Help { .. }))
            .map(Overlay::mode)
    }

    /// How far the full-screen details are scrolled, when they are open.
    #[must_use]
    pub fn details(&self) -> Option<u16> {
        find!(self.0.iter(), Overlay::Details { scroll } => *scroll)
    }

    /// How far the help is scrolled, when it is open.
    #[must_use]
    pub fn help(&self) -> Option<u16> {
        find!(self.0.iter(), Overlay::Help { scroll } => *scroll)
    }

    #[must_use]
    pub fn prompt(&self) -> Option<&Prompt> {
        find!(self.0.iter(), Overlay::Prompt(prompt) => prompt)
    }

    pub fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        find!(self.0.iter_mut(), Overlay::Prompt(prompt) => prompt)
    }

    #[must_use]
    pub fn dotted(&self) -> Option<&DottedChoice> {
        find!(self.0.iter(), Overlay::Dotted(choice) => choice)
    }

    pub fn dotted_mut(&mut self) -> Option<&mut DottedChoice> {
        find!(self.0.iter_mut(), Overlay::Dotted(choice) => choice)
    }

    #[must_use]
    pub fn form(&self) -> Option<&Form> {
        find!(self.0.iter(), Overlay::Form(form) => form)
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        find!(self.0.iter_mut(), Overlay::Form(form) => form)
    }

    /// The step selected in the timeline, when it is open.
    #[must_use]
    pub fn timeline(&self) -> Option<usize> {
        find!(self.0.iter(), Overlay::Timeline { selected } => *selected)
    }

    #[must_use]
    pub fn choice(&self) -> Option<&Choice> {
        find!(self.0.iter(), Overlay::Choice(choice) => choice)
    }

    /// Closes every overlay `picks` picks; gives the topmost one closed.
    pub fn close(&mut self, picks: impl Fn(&Overlay) -> bool) -> Option<Overlay> {
        let at = self.0.iter().rposition(&picks)?;
        let topmost = self.0.remove(at);
        self.0.retain(|overlay| !picks(overlay));
        Some(topmost)
    }

    /// Takes the form out, wherever it is.
    pub fn take_form(&mut self) -> Option<Form> {
        match self.close(|overlay| matches!(overlay, Overlay::Form(_)))? {
            Overlay::Form(form) => Some(form),
            _ => None,
        }
    }

    /// Takes the question out, wherever it is.
    pub fn take_choice(&mut self) -> Option<Choice> {
        match self.close(|overlay| matches!(overlay, Overlay::Choice(_)))? {
            Overlay::Choice(choice) => Some(choice),
            _ => None,
        }
    }

    /// Takes the prompt out, wherever it is.
    pub fn take_prompt(&mut self) -> Option<Prompt> {
        match self.close(|overlay| matches!(overlay, Overlay::Prompt(_)))? {
            Overlay::Prompt(prompt) => Some(prompt),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_overlay_sets_the_mode_and_the_help_describes_the_one_below() {
        let mut overlays = Overlays::default();
        assert!(overlays.top().is_none());
        overlays.push(Overlay::Details { scroll: 3 });
        overlays.push(Overlay::Help { scroll: 0 });
        assert_eq!(overlays.top().map(Overlay::mode), Some(Mode::Help));
        assert_eq!(overlays.mode_under_help(), Some(Mode::Details));
        assert_eq!(overlays.details(), Some(3));
        assert!(
            overlays
                .close(|o| matches!(o, Overlay::Help { .. }))
                .is_some()
        );
        assert_eq!(overlays.top().map(Overlay::mode), Some(Mode::Details));
        assert!(overlays.take_form().is_none());
        assert_eq!(overlays.iter().count(), 1);
    }
}
