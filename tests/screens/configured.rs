//! The screens under a configuration file: remapped keys work and show in the help and the
//! hints, read-only browsing refuses the edit keys, and a wrong setting is listed.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use orgtree::tui::action::Action;
use orgtree::tui::app::{App, Options};
use orgtree::tui::config::Config;
use orgtree::tui::theme::Theme;

use crate::common;

fn demo_with(text: &str, size: (u16, u16)) -> App {
    let config = Config::parse(
        text,
        Some(PathBuf::from("/home/a/.config/orgtree/config.toml")),
    );
    let org = orgtree::demo::load().unwrap().org;
    let options = Options {
        keymap: config.keymap.clone(),
        read_only: config.read_only,
        ..Options::plain(orgtree::demo::NAME.to_owned(), Theme::new(false, false))
    };
    App::new(org, options, size)
}

/// A key pressed as the event loop sees it: through the app's key map.
fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(action) = app.options.keymap.action(app.mode(), event) {
        app.update(action);
    }
}

fn selected_title(app: &App) -> String {
    let node = app.selected_post().unwrap();
    app.org.post(node).title.to_string()
}

const SWAPPED: &str =
    "[keys.browse]\ndown = [\"k\", \"Down\"]\nup = [\"j\", \"Up\"]\nhelp = \"H\"\n";

#[test]
fn remapped_keys_move_and_the_help_lists_them() {
    let mut app = demo_with(SWAPPED, (100, 40));
    let top = selected_title(&app);
    press(&mut app, 'j');
    assert_eq!(
        selected_title(&app),
        top,
        "j is up now: nothing above the top"
    );
    press(&mut app, 'k');
    assert_ne!(selected_title(&app), top, "k is down now");
    press(&mut app, '?');
    assert!(app.overlays.top().is_none(), "? is no longer the help");
    press(&mut app, 'H');
    let screen = common::screen(&app);
    let line = |help: &str| {
        screen
            .lines()
            .find(|line| line.contains(help))
            .unwrap_or_else(|| panic!("no line for {help:?} in\n{screen}"))
            .to_owned()
    };
    assert!(line("move down").contains("k ↓"), "{}", line("move down"));
    assert!(line("move up").contains("j ↑"), "{}", line("move up"));
    assert!(line("this help").contains(" H "), "{}", line("this help"));
}

#[test]
fn the_hints_show_the_remapped_help_key() {
    let app = demo_with(SWAPPED, (120, 40));
    let screen = common::screen(&app);
    let hints = screen.lines().last().unwrap();
    assert!(hints.contains("H help"), "{hints}");
    assert!(!hints.contains("? help"), "{hints}");
}

#[test]
fn messages_name_the_remapped_key() {
    let mut app = demo_with("[keys.browse]\nfocus = \"F\"\nunfocus = \"Z\"\n", (120, 40));
    app.update(Action::Unfocus);
    let screen = common::screen(&app);
    assert!(
        screen.contains("not focused; F focuses on a team"),
        "{screen}"
    );
}

#[test]
fn read_only_browsing_refuses_the_edit_keys_and_the_help_says_so() {
    let mut app = demo_with("read-only = true\n", (120, 40));
    press(&mut app, 'j');
    let before = app.org.len();
    press(&mut app, 'd');
    assert!(app.whatif.is_none(), "no what-if started");
    assert!(app.overlays.top().is_none(), "no question asked");
    assert_eq!(app.org.len(), before);
    let screen = common::screen(&app);
    assert!(
        screen.contains("read-only: browsing starts no what-if"),
        "{screen}"
    );
    press(&mut app, '?');
    let screen = common::screen(&app);
    assert!(
        screen.contains("What-if: off (read-only = true"),
        "{screen}"
    );
    assert!(!screen.contains("cut the selected post"), "{screen}");
}

#[test]
fn the_details_say_more_follows_with_the_keys_in_force() {
    let config = Config::parse("[keys.details]\ndown = \"e\"\nbottom = \"End\"\n", None);
    let loaded = orgtree::read::load_path(
        &common::fixtures().join("home-office-technology-after-coo.json"),
        orgtree::read::LoadOptions::default(),
    )
    .unwrap();
    let options = Options {
        keymap: config.keymap,
        ..Options::plain("test", Theme::new(false, false))
    };
    let mut app = App::new(loaded.org, options, (80, 24));
    let cto = common::node(&app.org, "cto");
    app.select_post(cto);
    app.update(Action::Details);
    let screen = common::screen(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[lines.len() - 2].contains("more lines below: e, Space or End"),
        "{screen}"
    );
}
