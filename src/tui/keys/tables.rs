//! The key tables: for each mode, its keys, the action each does and the words the help
//! and the hint bar show for it. One table, so that the help cannot drift from the keys.

use crossterm::event::KeyCode;

use super::Key::{self, Char, Code, Ctrl};
use super::{Binding, bind, hinted};
use crate::tui::action::Action;

pub(super) const QUIT: Binding = hinted(
    &[Char('q'), Ctrl('c')],
    Action::Quit,
    "quit orgtree",
    "quit",
);
pub(super) const CTRL_C: Binding = bind(&[Ctrl('c')], Action::Quit, "quit orgtree");
pub(super) const SUSPEND: Binding = bind(
    &[Ctrl('z')],
    Action::Suspend,
    "suspend to the shell (fg resumes)",
);

pub(super) const BROWSE: &[Binding] = &[
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
    bind(
        &[Char('y')],
        Action::CopyId,
        "copy the selected post's id (OSC 52: over SSH too)",
    ),
    bind(
        &[Char('Y')],
        Action::CopyChain,
        "copy the selected post's chain, from the top down to it",
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
pub(super) const EDIT: &[Binding] = &[
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
pub(super) const FORM: &[Binding] = &[
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
pub(super) const CHOICE: &[Binding] = &[
    bind(&[Key::Text], Action::Insert(' '), "the letter of an answer"),
    hinted(&[Code(KeyCode::Esc)], Action::Back, "cancel", "cancel"),
    CTRL_C,
    SUSPEND,
];

/// What the compare screen adds to browsing; Tab goes to the list of changes there. The
/// keys of a series come first, so that its hints show them first.
pub(super) const COMPARE: &[Binding] = &[
    hinted(
        &[Char('>')],
        Action::NextPair,
        "a series: the next pair of releases",
        "next pair",
    ),
    bind(
        &[Char('<')],
        Action::PreviousPair,
        "a series: the previous pair of releases",
    ),
    hinted(
        &[Char('T')],
        Action::Timeline,
        "a series: its timeline (posts, FTE, churn)",
        "timeline",
    ),
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

pub(super) const COMPARE_DETAILS: Binding = hinted(
    &[Code(KeyCode::Enter)],
    Action::Details,
    "details and changes of the selected post, full screen",
    "details",
);

pub(super) const CHANGES: &[Binding] = &[
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

/// The timeline of a series: a step (a pair of releases) is selected.
pub(super) const TIMELINE: &[Binding] = &[
    bind(&[Char('j'), Code(KeyCode::Down)], Action::Down, "next step"),
    bind(&[Char('k'), Code(KeyCode::Up)], Action::Up, "previous step"),
    bind(&[Char('g'), Code(KeyCode::Home)], Action::Top, "first step"),
    bind(
        &[Char('G'), Code(KeyCode::End)],
        Action::Bottom,
        "last step",
    ),
    hinted(
        &[Code(KeyCode::Enter)],
        Action::Accept,
        "compare the selected step's two releases",
        "compare",
    ),
    hinted(
        &[Code(KeyCode::Esc), Char('T')],
        Action::Back,
        "back to the pair on screen",
        "back",
    ),
    hinted(&[Char('?')], Action::Help, "this help", "help"),
    QUIT,
    SUSPEND,
];

pub(super) const SCROLL_DOWN: Binding = hinted(
    &[Char('j'), Code(KeyCode::Down)],
    Action::Down,
    "scroll down",
    "down",
);
pub(super) const SCROLL_UP: Binding = hinted(
    &[Char('k'), Code(KeyCode::Up)],
    Action::Up,
    "scroll up",
    "up",
);
pub(super) const SCROLL_PAGE_DOWN: Binding = bind(
    &[Char(' '), Code(KeyCode::PageDown), Ctrl('d')],
    Action::PageDown,
    "page down",
);
pub(super) const SCROLL_PAGE_UP: Binding = bind(
    &[Code(KeyCode::PageUp), Ctrl('u')],
    Action::PageUp,
    "page up",
);

pub(super) const DETAILS: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    SCROLL_PAGE_DOWN,
    SCROLL_PAGE_UP,
    bind(
        &[Char('g'), Code(KeyCode::Home)],
        Action::Top,
        "go to the top",
    ),
    bind(
        &[Char('G'), Code(KeyCode::End)],
        Action::Bottom,
        "go to the end",
    ),
    hinted(
        &[Char('J')],
        Action::NextSibling,
        "the next post in the tree, without leaving the details",
        "next post",
    ),
    bind(
        &[Char('K')],
        Action::PreviousSibling,
        "the previous post in the tree",
    ),
    bind(
        &[Char('m')],
        Action::FollowDotted,
        "follow a dotted line to the post at its other end",
    ),
    hinted(
        &[
            Code(KeyCode::Esc),
            Char('q'),
            Code(KeyCode::Enter),
            Code(KeyCode::Tab),
        ],
        Action::Back,
        "back to the tree (q too, as in less)",
        "back",
    ),
    hinted(&[Char('?')], Action::Help, "this help", "help"),
    CTRL_C,
    SUSPEND,
];

pub(super) const PROMPT: &[Binding] = &[
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

pub(super) const DOTTED: &[Binding] = &[
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

pub(super) const HELP: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    SCROLL_PAGE_DOWN,
    SCROLL_PAGE_UP,
    hinted(
        &[Code(KeyCode::Esc), Char('q'), Char('?')],
        Action::Back,
        "close the help (q too, as in less)",
        "close",
    ),
    CTRL_C,
    SUSPEND,
];
