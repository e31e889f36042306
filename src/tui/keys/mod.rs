//! Which key does what, one table per mode. The same tables give the help screen and the
//! hints in the status bar, so what they say is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keys are for at the moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Moving around the tree.
    Browse,
    /// Moving around the merged tree of the compare screen.
    Compare,
    /// The list of changes of the compare screen.
    Changes,
    /// The details of one post in place of the tree.
    Details,
    /// Typing a search or a filter.
    Prompt,
    /// Choosing which dotted line to follow.
    Dotted,
    /// The list of keys.
    Help,
    /// Editing a what-if: browsing, with the edit keys first.
    Edit,
    /// Filling in a form (a new post, a title, a field, a file name).
    Form,
    /// Answering a question (close how, save over, quit without saving).
    Choice,
    /// The timeline of a series on the compare screen: its figures and churn per step.
    Timeline,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Browse,
        Mode::Compare,
        Mode::Changes,
        Mode::Details,
        Mode::Prompt,
        Mode::Dotted,
        Mode::Help,
        Mode::Edit,
        Mode::Form,
        Mode::Choice,
        Mode::Timeline,
    ];
}

/// A key, or a family of keys, in a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// `1` to `9`, giving [`Action::UnfoldToLayer`].
    Digits,
    /// Any printable character, giving [`Action::Insert`].
    Text,
}

/// Keys, what they do, and the words the help screen and the hint bar show for them.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// A word or two for the status bar; `None` keeps the binding out of it.
    pub hint: Option<&'static str>,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: None,
    }
}

const fn hinted(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: Some(hint),
    }
}

use Key::{Char, Code, Ctrl};

mod tables;

pub mod map;
pub mod names;

pub use map::{Bound, Keymap, Section};
use tables::EDIT;

/// Whether `action` steps through a series, which only a compare of three or more charts
/// has: the help and the hints leave these keys out elsewhere.
#[must_use]
pub fn is_series(action: Action) -> bool {
    matches!(
        action,
        Action::NextPair | Action::PreviousPair | Action::Timeline
    )
}

/// Whether `binding` is one of the what-if's edit keys: browsing has them (the first starts
/// a what-if) but leaves them out of its hints.
#[must_use]
pub fn is_edit(binding: &Binding) -> bool {
    EDIT.iter().any(|edit| edit.action == binding.action)
}

fn matches(key: Key, event: KeyEvent, action: Action) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let plain = !ctrl && !event.modifiers.contains(KeyModifiers::ALT);
    match (key, event.code) {
        (Char(want), KeyCode::Char(got)) if plain && want == got => Some(action),
        (Ctrl(want), KeyCode::Char(got)) if ctrl && want.eq_ignore_ascii_case(&got) => Some(action),
        (Code(want), got) if plain && want == got => Some(action),
        (Key::Digits, KeyCode::Char(digit @ '1'..='9')) if plain => {
            Some(Action::UnfoldToLayer(digit as u8 - b'0'))
        }
        (Key::Text, KeyCode::Char(c)) if plain && !c.is_control() => Some(Action::Insert(c)),
        _ => None,
    }
}

/// How a key is written on the help screen and in hints.
#[must_use]
pub fn label(key: Key, ascii: bool) -> String {
    match key {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Ctrl(c) => format!("Ctrl-{c}"),
        Key::Digits => "1-9".into(),
        Key::Text => "text".into(),
        Code(code) => match (code, ascii) {
            (KeyCode::Up, false) => "↑".into(),
            (KeyCode::Down, false) => "↓".into(),
            (KeyCode::Left, false) => "←".into(),
            (KeyCode::Right, false) => "→".into(),
            (KeyCode::F(n), _) => format!("F{n}"),
            (other, _) => names::code_name(other).map_or_else(|| other.to_string(), Into::into),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn action(mode: Mode, event: KeyEvent) -> Option<Action> {
        Keymap::default().action(mode, event)
    }

    fn bindings(mode: Mode) -> Vec<Bound<'static>> {
        // The default map lives as long as the test.
        let map: &'static Keymap = Box::leak(Box::new(Keymap::default()));
        map.bindings(mode)
    }

    #[test]
    fn browse_keys_give_their_actions() {
        let browse = |event| action(Mode::Browse, event);
        assert_eq!(browse(key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(browse(key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(browse(key(KeyCode::Char('J'))), Some(Action::NextSibling));
        assert_eq!(
            browse(key(KeyCode::Char('4'))),
            Some(Action::UnfoldToLayer(4))
        );
        assert_eq!(browse(key(KeyCode::Char('0'))), Some(Action::FoldAll));
        assert_eq!(browse(ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(browse(ctrl('c')), Some(Action::Quit));
        assert_eq!(browse(key(KeyCode::Char('x'))), Some(Action::Cut));
        assert_eq!(browse(ctrl('r')), Some(Action::Redo));
        assert_eq!(browse(key(KeyCode::Char('y'))), Some(Action::CopyId));
        assert_eq!(browse(key(KeyCode::Char('Q'))), None);
    }

    #[test]
    fn a_prompt_takes_letters_as_text_but_ctrl_c_still_quits() {
        let prompt = |event| action(Mode::Prompt, event);
        assert_eq!(prompt(key(KeyCode::Char('q'))), Some(Action::Insert('q')));
        assert_eq!(prompt(key(KeyCode::Char('é'))), Some(Action::Insert('é')));
        assert_eq!(prompt(ctrl('c')), Some(Action::Quit));
        assert_eq!(prompt(ctrl('u')), Some(Action::ClearLine));
        assert_eq!(prompt(key(KeyCode::Esc)), Some(Action::Back));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let keys: Vec<Key> = bindings(mode)
                .into_iter()
                .flat_map(|binding| binding.keys.iter().copied())
                .collect();
            for (i, key) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(key), "{key:?} twice in {mode:?}");
            }
        }
    }
}
