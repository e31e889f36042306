//! The names a configuration file gives actions and keys: `down = ["j", "Down"]`.
//! A key is written as the help writes it (in ASCII), so what `orgtree config` prints
//! reads back the same.

use crossterm::event::KeyCode;

use super::Key;
use crate::tui::action::Action;

/// The name of `action` in a `[keys.SECTION]` table of the configuration.
#[must_use]
pub fn action_name(action: Action) -> &'static str {
    match action {
        Action::Up => "up",
        Action::Down => "down",
        Action::FoldOrManager => "fold",
        Action::UnfoldOrFirstReport => "unfold",
        Action::NextSibling => "next-sibling",
        Action::PreviousSibling => "previous-sibling",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::PageUp => "page-up",
        Action::PageDown => "page-down",
        Action::HalfPageUp => "half-page-up",
        Action::HalfPageDown => "half-page-down",
        Action::UnfoldToLayer(_) => "unfold-to-layer",
        Action::FoldAll => "fold-all",
        Action::Focus => "focus",
        Action::Unfocus => "unfocus",
        Action::StartSearch => "search",
        Action::NextMatch => "next-match",
        Action::PreviousMatch => "previous-match",
        Action::StartFilter => "filter",
        Action::FollowDotted => "follow-dotted",
        Action::CopyId => "copy-id",
        Action::CopyChain => "copy-chain",
        Action::NextChange => "next-change",
        Action::PreviousChange => "previous-change",
        Action::ChangedOnly => "changed-only",
        Action::ChangeList => "change-list",
        Action::SideBySide => "side-by-side",
        Action::NextPair => "next-pair",
        Action::PreviousPair => "previous-pair",
        Action::Timeline => "timeline",
        Action::Cut => "cut",
        Action::Paste => "paste",
        Action::PasteSibling => "paste-sibling",
        Action::AddReport => "add",
        Action::ClosePost => "close",
        Action::Retitle => "retitle",
        Action::Holder => "vacate-or-fill",
        Action::EditField => "edit-field",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::CompareStart => "compare-start",
        Action::Save => "save",
        Action::SaveScript => "save-script",
        Action::CursorLeft => "cursor-left",
        Action::CursorRight => "cursor-right",
        Action::CursorHome => "cursor-home",
        Action::CursorEnd => "cursor-end",
        Action::DeleteForward => "delete-forward",
        Action::NextField => "next-field",
        Action::PreviousField => "previous-field",
        Action::Details => "details",
        Action::Help => "help",
        Action::Back => "back",
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::Insert(_) => "type",
        Action::DeleteBack => "delete-back",
        Action::ClearLine => "clear-line",
        Action::Accept => "accept",
        Action::Resize(..) => "resize",
        Action::Click(..) => "click",
        Action::ScrollUp => "scroll-up",
        Action::ScrollDown => "scroll-down",
    }
}

/// The named keys, each with the names it is read by (the first is the one written).
const NAMED: &[(KeyCode, &[&str])] = &[
    (KeyCode::Enter, &["Enter", "Return"]),
    (KeyCode::Esc, &["Esc", "Escape"]),
    (KeyCode::Tab, &["Tab"]),
    (KeyCode::BackTab, &["Shift-Tab", "BackTab", "Back Tab"]),
    (KeyCode::Backspace, &["Backspace", "BS"]),
    (KeyCode::Delete, &["Del", "Delete"]),
    (KeyCode::Insert, &["Insert", "Ins"]),
    (KeyCode::Home, &["Home"]),
    (KeyCode::End, &["End"]),
    (KeyCode::PageUp, &["PgUp", "PageUp", "Page Up"]),
    (KeyCode::PageDown, &["PgDn", "PageDown", "Page Down"]),
    (KeyCode::Up, &["Up", "↑"]),
    (KeyCode::Down, &["Down", "↓"]),
    (KeyCode::Left, &["Left", "←"]),
    (KeyCode::Right, &["Right", "→"]),
];

/// The name of a key code, when it has one here.
#[must_use]
pub fn code_name(code: KeyCode) -> Option<&'static str> {
    NAMED
        .iter()
        .find(|(named, _)| *named == code)
        .map(|(_, names)| names[0])
}

/// The key `text` names: a character (`j`, `J`, `?`), `Space`, `Ctrl-d` (or `C-d`,
/// `Ctrl+d`), a named key (`Enter`, `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Home`,
/// `End`, `PgUp`, `PgDn`, `Up`, `Down`, `Left`, `Right`, `Insert`) or `F1` to `F12`. Names
/// are read whatever their case; a single character is read as it is.
pub fn parse_key(text: &str) -> Result<Key, String> {
    // The arrows, as the help draws them, before the rule that one character is itself.
    if let Some(&(code, _)) = NAMED.iter().find(|(_, names)| names.contains(&text)) {
        return Ok(Key::Code(code));
    }
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if crate::text::is_unsafe(c) || (c.is_whitespace() && c != ' ') {
            Err(format!(
                "{} is a control or invisible character, not a key",
                crate::text::Escaped(&format!("{text:?}"))
            ))
        } else {
            Ok(Key::Char(c))
        };
    }
    let lower = text.to_lowercase();
    for prefix in ["ctrl-", "ctrl+", "c-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let mut rest = rest.chars();
            return match (rest.next(), rest.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Ok(Key::Ctrl(c)),
                _ => Err(format!(
                    "{text:?}: Ctrl goes with a letter, as in \"Ctrl-d\""
                )),
            };
        }
    }
    if lower == "space" {
        return Ok(Key::Char(' '));
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Ok(Key::Code(KeyCode::F(n)));
    }
    NAMED
        .iter()
        .find(|(_, names)| names.iter().any(|name| name.to_lowercase() == lower))
        .map(|&(code, _)| Key::Code(code))
        .ok_or_else(|| {
            format!(
                "{text:?} is not a key orgtree knows: write a character (\"j\"), \"Space\", \"Ctrl-d\", \"F1\" or one of {}",
                NAMED
                    .iter()
                    .map(|(_, names)| names[0])
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{Keymap, Section, label};

    #[test]
    fn every_key_of_every_table_reads_back_from_its_ascii_label() {
        let map = Keymap::default();
        for section in Section::ALL {
            for bound in map.section(section) {
                for &key in bound.keys {
                    if matches!(key, Key::Digits | Key::Text) {
                        continue;
                    }
                    let text = label(key, true);
                    assert_eq!(parse_key(&text), Ok(key), "{text}");
                }
            }
        }
    }

    #[test]
    fn keys_read_in_their_other_spellings() {
        assert_eq!(parse_key("C-d"), Ok(Key::Ctrl('d')));
        assert_eq!(parse_key("ctrl+D"), Ok(Key::Ctrl('d')));
        assert_eq!(parse_key("escape"), Ok(Key::Code(KeyCode::Esc)));
        assert_eq!(parse_key("↓"), Ok(Key::Code(KeyCode::Down)));
        assert_eq!(parse_key("F12"), Ok(Key::Code(KeyCode::F(12))));
        assert_eq!(parse_key("J"), Ok(Key::Char('J')));
        assert!(parse_key("F13").is_err());
        assert!(parse_key("Ctrl-").is_err());
        assert!(parse_key("jj").is_err());
        assert!(parse_key("").is_err());
    }

    #[test]
    fn no_action_is_named_twice_in_a_section() {
        let map = Keymap::default();
        for section in Section::ALL {
            let names: Vec<&str> = map
                .section(section)
                .iter()
                .map(|bound| action_name(bound.action()))
                .collect();
            for (i, name) in names.iter().enumerate() {
                assert!(
                    !names[i + 1..].contains(name),
                    "{name} twice in {section:?}"
                );
            }
        }
    }
}
