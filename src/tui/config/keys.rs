//! Applying the `[keys.SECTION]` tables to the key map: each action named gets the keys
//! given, in place of its own; a key given to one action is taken from any other action of
//! the screens where both work, so that no key does two things.

use std::ops::Range;

use crate::tui::action::Action;
use crate::tui::keys::names::action_name;
use crate::tui::keys::{Key, Keymap, Mode, Section, label};

/// One `action = [keys]` line of a `[keys.SECTION]` table.
pub(super) struct KeyChange {
    pub section: Section,
    pub action: String,
    pub keys: Vec<Key>,
    /// Where the action is named in the file.
    pub span: Option<Range<usize>>,
}

type Found = (Option<Range<usize>>, String);

/// Gives each change's action its keys. Returns the changes refused (each with its place)
/// and the notes on keys taken from other actions.
pub(super) fn apply(map: &mut Keymap, changes: &[KeyChange]) -> (Vec<Found>, Vec<String>) {
    let mut problems = Vec::new();
    let mut applied: Vec<(Section, usize, &KeyChange)> = Vec::new();
    for change in changes {
        match check(map, change) {
            Ok((at, keys)) => {
                map.set(change.section, at, keys);
                applied.push((change.section, at, change));
            }
            Err(message) => problems.push((change.span.clone(), message)),
        }
    }
    let mut notes = Vec::new();
    for (index, &(section, at, change)) in applied.iter().enumerate() {
        for &key in &map.keys_of(section, at).to_vec() {
            for mode in Mode::ALL {
                let bound = map.bindings(mode);
                // Only the screens where this binding works (on the compare screen, its own
                // Enter stands in for browsing's).
                if !bound.iter().any(|b| (b.section, b.at) == (section, at)) {
                    continue;
                }
                let others: Vec<(Section, usize, Action)> = bound
                    .iter()
                    .filter(|bound| (bound.section, bound.at) != (section, at))
                    .filter(|bound| bound.keys.contains(&key))
                    .map(|bound| (bound.section, bound.at, bound.action()))
                    .collect();
                for (other, other_at, other_action) in others {
                    let named = format!("keys.{}.{}", other.name(), action_name(other_action));
                    let given = applied
                        .iter()
                        .position(|&(s, a, _)| (s, a) == (other, other_at));
                    match given {
                        // Both were given it: the first in the file keeps it.
                        Some(pos) => {
                            let (loser, winner) = if pos < index {
                                (applied[index], named.clone())
                            } else {
                                let (s, _, c) = applied[index];
                                (applied[pos], format!("keys.{}.{}", s.name(), c.action))
                            };
                            if map.take(loser.0, loser.1, key) {
                                problems.push((
                                    loser.2.span.clone(),
                                    format!(
                                        "keys.{}.{}: {} is given to {winner} too, on the same screen; it stays there",
                                        loser.0.name(),
                                        loser.2.action,
                                        label(key, true)
                                    ),
                                ));
                            }
                        }
                        None => {
                            if map.take(other, other_at, key) {
                                notes.push(format!(
                                    "{} does {} now, no longer {named}",
                                    label(key, true),
                                    change.action,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    notes.sort();
    notes.dedup();
    (problems, notes)
}

/// The place of the change's action in its table and the keys it gets, or why not.
fn check(map: &Keymap, change: &KeyChange) -> Result<(usize, Vec<Key>), String> {
    let section = change.section;
    let bindings = map.section(section);
    let Some(bound) = bindings
        .iter()
        .find(|bound| action_name(bound.action()) == change.action)
    else {
        let names: Vec<&str> = bindings
            .iter()
            .filter(|bound| rebindable(bound.binding.keys))
            .map(|bound| action_name(bound.action()))
            .collect();
        return Err(format!(
            "keys.{}: no action '{}' here; its actions are {}; ignored",
            section.name(),
            crate::text::Escaped(&change.action),
            names.join(", ")
        ));
    };
    let defaults = bound.binding.keys;
    if !rebindable(defaults) {
        return Err(format!(
            "keys.{}.{}: these keys ({}) cannot be changed; ignored",
            section.name(),
            change.action,
            label(defaults[0], true)
        ));
    }
    let ctrl_c = Key::Ctrl('c');
    if change.keys.contains(&ctrl_c) && bound.action() != Action::Quit {
        return Err(format!(
            "keys.{}.{}: Ctrl-c always quits; ignored",
            section.name(),
            change.action
        ));
    }
    let mut keys: Vec<Key> = Vec::new();
    for &key in &change.keys {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    // A key the screen's families take first (the digits unfold to a layer; on a screen
    // where one types, every character is typed) would never reach the action.
    let at = bound.at;
    for mode in Mode::ALL {
        let here = map.bindings(mode);
        if !here.iter().any(|b| (b.section, b.at) == (section, at)) {
            continue;
        }
        let family = |family: Key| here.iter().any(|b| b.keys.contains(&family));
        for &key in &keys {
            let taken = match key {
                Key::Char('1'..='9') if family(Key::Digits) => Some("unfold to that layer"),
                Key::Char(_) if family(Key::Text) => Some("are typed"),
                _ => None,
            };
            if let Some(what) = taken {
                return Err(format!(
                    "keys.{}.{}: {} cannot do it: on this screen the characters {what}; give a Ctrl- or a named key; ignored",
                    section.name(),
                    change.action,
                    label(key, true)
                ));
            }
        }
    }
    // Ctrl-c quits on every screen, whatever else quit is given.
    if defaults.contains(&ctrl_c) && !keys.contains(&ctrl_c) {
        keys.push(ctrl_c);
    }
    Ok((bound.at, keys))
}

/// Whether a binding's keys can be changed: not the families (the digits, typing).
fn rebindable(keys: &[Key]) -> bool {
    !keys
        .iter()
        .any(|key| matches!(key, Key::Digits | Key::Text))
}
