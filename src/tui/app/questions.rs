//! Questions: a letter answers, Esc cancels; what the answer does is the business of the
//! module that asked (closing a post, saving over a file, quitting, recovering a journal).

use super::{App, Outcome};
use crate::tui::action::Action;
use crate::tui::form::{Choice, ChoicePurpose};
use crate::tui::overlay::Overlay;

impl App {
    /// Asks `choice` over the screen.
    pub(super) fn ask(&mut self, choice: Choice) {
        self.overlays.push(Overlay::Choice(choice));
    }

    /// Keys while a question is asked: the letter of an answer, or Esc.
    pub(super) fn choice_update(&mut self, action: Action) -> Outcome {
        let Some(choice) = self.overlays.choice() else {
            return Outcome::Redraw;
        };
        let answer = match action {
            Action::Insert(c) => choice.answer(c),
            Action::Back | Action::Quit => None,
            Action::Help => {
                self.open_help();
                return Outcome::Redraw;
            }
            _ => return Outcome::Redraw,
        };
        let Some(choice) = self.overlays.take_choice() else {
            return Outcome::Redraw;
        };
        let Some(answer) = answer else {
            if !matches!(action, Action::Back | Action::Quit) {
                self.message = Some("press one of the letters shown, or Esc".into());
                self.ask(choice);
                return Outcome::Redraw;
            }
            if choice.purpose == ChoicePurpose::Recover {
                return self.recovery_not_answered(choice, action == Action::Quit);
            }
            self.message = Some("cancelled".into());
            return Outcome::Redraw;
        };
        match choice.purpose {
            ChoicePurpose::Quit => return self.answer_quit(answer),
            ChoicePurpose::Close(node) => self.answer_close(node, answer),
            ChoicePurpose::Overwrite { path, script } => self.answer_overwrite(&path, script),
            ChoicePurpose::Recover => self.answer_recovery(answer),
            ChoicePurpose::StartWhatIf(action) => self.answer_start_whatif(action),
        }
        Outcome::Redraw
    }
}
