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
}

impl Mode {
    pub const ALL: [Mode; 10] = [
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

const QUIT: Binding = hinted(
    &[Char('q'), Ctrl('c')],
    Action::Quit,
    "quit orgtree",
    "quit",
);
const CTRL_C: Binding = bind(&[Ctrl('c')], Action::Quit, "quit orgtree");
const SUSPEND: Binding = bind(
    &[Ctrl('z')],
    Action::Suspend,
    "suspend to the shell (fg resumes)",
);

const BROWSE: &[Binding] = &[
    bind(&[Char('j'), Code(KeyCode::Down)], Action::Down, "move down"),
    bind(&[Char('k'), Code(KeyCode::Up)], Action::Up, "move up"),
    hinted(
        &[Char('h'), Code(KeyCode::Left)],
        Action::FoldOrManager,
        "fold, or go to the manager when folded",
        "fold",
    ),
    hinted(
        &[Char('l'), Code(KeyCode::Right)],
        Action::UnfoldOrFirstReport,
        "unfold, or go to the first report when unfolded",
        "unfold",
    ),
    bind(&[Char('J')], Action::NextSibling, "next sibling"),
    bind(&[Char('K')], Action::PreviousSibling, "previous sibling"),
    bind(
        &[Char('g'), Code(KeyCode::Home)],
        Action::Top,
        "go to the top",
    ),
    bind(
        &[Char('G'), Code(KeyCode::End)],
        Action::Bottom,
        "go to the bottom",
    ),
    bind(&[Code(KeyCode::PageDown)], Action::PageDown, "page down"),
    bind(&[Code(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind(&[Ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind(&[Ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind(
        &[Key::Digits],
        Action::UnfoldToLayer(1),
        "unfold everything down to that layer",
    ),
    bind(&[Char('0')], Action::FoldAll, "fold everything"),
    hinted(
        &[Char('z')],
        Action::Focus,
        "focus on the selected post's team",
        "focus",
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Action::Unfocus,
        "step back out of a focus",
    ),
    hinted(
        &[Char('/')],
        Action::StartSearch,
        "search titles, holders, units and ids",
        "search",
    ),
    bind(&[Char('n')], Action::NextMatch, "next match"),
    bind(&[Char('N')], Action::PreviousMatch, "previous match"),
    hinted(
        &[Char('f')],
        Action::StartFilter,
        "filter: only matches and the posts above them",
        "filter",
    ),
    bind(
        &[Char('m')],
        Action::FollowDotted,
        "follow a dotted line to the post at its other end",
    ),
    hinted(
        &[Code(KeyCode::Enter), Code(KeyCode::Tab)],
        Action::Details,
        "details of the selected post, full screen",
        "details",
    ),
    bind(
        &[Code(KeyCode::Esc)],
        Action::Back,
        "clear the search, then the filter",
    ),
    hinted(&[Char('?')], Action::Help, "this help", "help"),
    QUIT,
    SUSPEND,
];

/// The keys of a what-if, which the first of them starts from browsing.
const EDIT: &[Binding] = &[
    hinted(
        &[Char('x')],
        Action::Cut,
        "cut the selected post with its team",
        "cut",
    ),
    hinted(
        &[Char('p')],
        Action::Paste,
        "paste the cut post under the selected post",
        "paste",
    ),
    bind(
        &[Char('P')],
        Action::PasteSibling,
        "paste the cut post as the next sibling",
    ),
    hinted(
        &[Char('a')],
        Action::AddReport,
        "add a report to the selected post",
        "add",
    ),
    hinted(
        &[Char('d')],
        Action::ClosePost,
        "close the post (reports move up, or the team closes)",
        "close",
    ),
    bind(&[Char('r')], Action::Retitle, "retitle the selected post"),
    bind(
        &[Char('v')],
        Action::Holder,
        "vacate the selected post, or fill it when vacant",
    ),
    bind(
        &[Char('e')],
        Action::EditField,
        "set any field of the selected post",
    ),
    hinted(&[Char('u')], Action::Undo, "undo the last edit", "undo"),
    bind(&[Ctrl('r')], Action::Redo, "redo the last edit undone"),
    bind(
        &[Char('D')],
        Action::CompareStart,
        "compare the start with now; D again goes back",
    ),
    hinted(
        &[Char('w')],
        Action::Save,
        "save the chart to a file",
        "save",
    ),
    bind(
        &[Char('W')],
        Action::SaveScript,
        "save the change script (for orgtree apply)",
    ),
];

/// The form's keys: a line editor in each field.
const FORM: &[Binding] = &[
    bind(&[Key::Text], Action::Insert(' '), "type into the field"),
    hinted(&[Code(KeyCode::Enter)], Action::Accept, "accept", "accept"),
    hinted(&[Code(KeyCode::Esc)], Action::Back, "cancel", "cancel"),
    hinted(
        &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        Action::NextField,
        "next field",
        "next field",
    ),
    bind(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        Action::PreviousField,
        "previous field",
    ),
    bind(
        &[Code(KeyCode::Left), Ctrl('b')],
        Action::CursorLeft,
        "cursor left",
    ),
    bind(
        &[Code(KeyCode::Right), Ctrl('f')],
        Action::CursorRight,
        "cursor right",
    ),
    bind(
        &[Code(KeyCode::Home), Ctrl('a')],
        Action::CursorHome,
        "to the start of the text",
    ),
    bind(
        &[Code(KeyCode::End), Ctrl('e')],
        Action::CursorEnd,
        "to the end of the text",
    ),
    bind(
        &[Code(KeyCode::Backspace)],
        Action::DeleteBack,
        "delete the character before the cursor",
    ),
    bind(
        &[Code(KeyCode::Delete), Ctrl('d')],
        Action::DeleteForward,
        "delete the character under the cursor",
    ),
    bind(&[Ctrl('u')], Action::ClearLine, "delete all the text"),
    CTRL_C,
    SUSPEND,
];

/// A question's keys: the letter of an answer, or Esc.
const CHOICE: &[Binding] = &[
    bind(&[Key::Text], Action::Insert(' '), "the letter of an answer"),
    hinted(&[Code(KeyCode::Esc)], Action::Back, "cancel", "cancel"),
    CTRL_C,
    SUSPEND,
];

/// What the compare screen adds to browsing; Tab goes to the list of changes there.
const COMPARE: &[Binding] = &[
    hinted(
        &[Char(']')],
        Action::NextChange,
        "next change (unfolding as needed)",
        "next change",
    ),
    bind(&[Char('[')], Action::PreviousChange, "previous change"),
    hinted(
        &[Char('c')],
        Action::ChangedOnly,
        "only changed posts and those above them; again: all",
        "changed only",
    ),
    hinted(
        &[Code(KeyCode::Tab)],
        Action::ChangeList,
        "the list of changes, one line each",
        "list",
    ),
    hinted(
        &[Char('s')],
        Action::SideBySide,
        "before and after side by side (160 columns or more)",
        "side by side",
    ),
    bind(
        &[Char('D')],
        Action::CompareStart,
        "in a what-if: back to editing",
    ),
];

const COMPARE_DETAILS: Binding = hinted(
    &[Code(KeyCode::Enter)],
    Action::Details,
    "details and changes of the selected post, full screen",
    "details",
);

const CHANGES: &[Binding] = &[
    bind(
        &[Char('j'), Code(KeyCode::Down)],
        Action::Down,
        "next change",
    ),
    bind(
        &[Char('k'), Code(KeyCode::Up)],
        Action::Up,
        "previous change",
    ),
    bind(
        &[Char('g'), Code(KeyCode::Home)],
        Action::Top,
        "first change",
    ),
    bind(
        &[Char('G'), Code(KeyCode::End)],
        Action::Bottom,
        "last change",
    ),
    bind(
        &[Code(KeyCode::PageDown), Ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[Code(KeyCode::PageUp), Ctrl('u')],
        Action::PageUp,
        "page up",
    ),
    hinted(
        &[Code(KeyCode::Enter)],
        Action::Accept,
        "go to the change's post in the tree",
        "go to post",
    ),
    hinted(
        &[Code(KeyCode::Tab), Code(KeyCode::Esc)],
        Action::ChangeList,
        "back to the tree",
        "tree",
    ),
    hinted(&[Char('?')], Action::Help, "this help", "help"),
    QUIT,
    SUSPEND,
];

const SCROLL_DOWN: Binding = hinted(
    &[Char('j'), Code(KeyCode::Down)],
    Action::Down,
    "scroll down",
    "down",
);
const SCROLL_UP: Binding = hinted(
    &[Char('k'), Code(KeyCode::Up)],
    Action::Up,
    "scroll up",
    "up",
);
const SCROLL_PAGE_DOWN: Binding = bind(
    &[Code(KeyCode::PageDown), Ctrl('d')],
    Action::PageDown,
    "page down",
);
const SCROLL_PAGE_UP: Binding = bind(
    &[Code(KeyCode::PageUp), Ctrl('u')],
    Action::PageUp,
    "page up",
);

const DETAILS: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    SCROLL_PAGE_DOWN,
    SCROLL_PAGE_UP,
    bind(
        &[Char('g'), Code(KeyCode::Home)],
        Action::Top,
        "go to the top",
    ),
    hinted(
        &[Code(KeyCode::Esc), Code(KeyCode::Enter), Code(KeyCode::Tab)],
        Action::Back,
        "back to the tree",
        "back",
    ),
    hinted(&[Char('?')], Action::Help, "this help", "help"),
    QUIT,
    SUSPEND,
];

const PROMPT: &[Binding] = &[
    bind(
        &[Key::Text],
        Action::Insert(' '),
        "type the text to look for",
    ),
    hinted(
        &[Code(KeyCode::Enter)],
        Action::Accept,
        "keep the result and go back to the tree",
        "keep",
    ),
    hinted(&[Code(KeyCode::Esc)], Action::Back, "cancel", "cancel"),
    bind(
        &[Code(KeyCode::Backspace)],
        Action::DeleteBack,
        "delete the last character",
    ),
    bind(&[Ctrl('u')], Action::ClearLine, "delete all the text"),
    CTRL_C,
    SUSPEND,
];

const DOTTED: &[Binding] = &[
    hinted(
        &[Char('j'), Code(KeyCode::Down)],
        Action::Down,
        "next line",
        "down",
    ),
    hinted(
        &[Char('k'), Code(KeyCode::Up)],
        Action::Up,
        "previous line",
        "up",
    ),
    hinted(
        &[Code(KeyCode::Enter), Char('m')],
        Action::Accept,
        "go to the post at the other end",
        "go",
    ),
    hinted(&[Code(KeyCode::Esc)], Action::Back, "close", "close"),
    QUIT,
    SUSPEND,
];

const HELP: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    SCROLL_PAGE_DOWN,
    SCROLL_PAGE_UP,
    hinted(
        &[Code(KeyCode::Esc), Char('?')],
        Action::Back,
        "close the help",
        "close",
    ),
    QUIT,
    SUSPEND,
];

/// The bindings of `mode`, in the order the help screen lists them.
#[must_use]
pub fn bindings(mode: Mode) -> Vec<&'static Binding> {
    match mode {
        // The edit keys come after browsing's: its hints go first in the status bar.
        Mode::Browse => BROWSE.iter().chain(EDIT).collect(),
        Mode::Edit => EDIT.iter().chain(BROWSE).collect(),
        Mode::Form => FORM.iter().collect(),
        Mode::Choice => CHOICE.iter().collect(),
        // Browsing, with Enter alone for the details: Tab is the list of changes.
        Mode::Compare => COMPARE
            .iter()
            .chain(BROWSE.iter().map(|binding| {
                if binding.action == Action::Details {
                    &COMPARE_DETAILS
                } else {
                    binding
                }
            }))
            .collect(),
        Mode::Changes => CHANGES.iter().collect(),
        Mode::Details => DETAILS.iter().collect(),
        Mode::Prompt => PROMPT.iter().collect(),
        Mode::Dotted => DOTTED.iter().collect(),
        Mode::Help => HELP.iter().collect(),
    }
}

/// Whether `binding` is one of the what-if's edit keys: browsing has them (the first starts
/// a what-if) but leaves them out of its hints.
#[must_use]
pub fn is_edit(binding: &Binding) -> bool {
    EDIT.iter().any(|edit| edit.action == binding.action)
}

/// The action `event` gives in `mode`, if any.
#[must_use]
pub fn action(mode: Mode, event: KeyEvent) -> Option<Action> {
    bindings(mode).into_iter().find_map(|binding| {
        binding
            .keys
            .iter()
            .find_map(|&key| matches(key, event, binding.action))
    })
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
            (KeyCode::Up, true) => "Up".into(),
            (KeyCode::Down, true) => "Down".into(),
            (KeyCode::Left, true) => "Left".into(),
            (KeyCode::Right, true) => "Right".into(),
            (KeyCode::PageUp, _) => "PgUp".into(),
            (KeyCode::PageDown, _) => "PgDn".into(),
            (KeyCode::Backspace, _) => "Backspace".into(),
            (other, _) => other.to_string(),
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
        assert_eq!(browse(key(KeyCode::Char('y'))), None);
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
