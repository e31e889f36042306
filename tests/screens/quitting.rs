//! Leaving views and the program: `q` closes the help and the full-screen details as less
//! does (Ctrl-c still quits); answering "save first" to the quit question saves, then
//! quits; the question counts the edits not saved.

use crate::common;

use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::{App, Outcome};
use orgtree::tui::form::ChoicePurpose;
use orgtree::tui::keys::Mode;
use orgtree::tui::theme::Theme;

fn editing() -> App {
    let mut app = common::app(
        Some("home-office-technology-after-coo.json"),
        (80, 24),
        Theme::new(true, false),
    );
    app.begin_whatif(false);
    app
}

/// Vacates a post that is filled: one edit.
fn vacate(app: &mut App, id: &str) {
    let node = common::node(&app.org, id);
    app.select_post(node);
    app.update(Action::Holder);
}

/// A key pressed, as the key table of the mode maps it.
fn press(app: &mut App, key: crossterm::event::KeyCode) -> Outcome {
    let event = crossterm::event::KeyEvent::new(key, crossterm::event::KeyModifiers::NONE);
    match orgtree::tui::keys::Keymap::default().action(app.mode(), event) {
        Some(action) => app.update(action),
        None => Outcome::Redraw,
    }
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Insert(c));
    }
}

fn question(app: &App) -> String {
    app.choice().expect("a question").question.clone()
}

#[test]
fn q_closes_the_help_and_the_details_and_ctrl_c_still_quits() {
    let mut app = common::app(None, (80, 24), Theme::new(true, false));
    for open in [Help, Details] {
        app.update(open);
        assert!(app.help().is_some() || app.details().is_some(), "{open:?}");
        let q = crossterm::event::KeyCode::Char('q');
        assert_eq!(press(&mut app, q), Outcome::Redraw, "q after {open:?}");
        assert!(app.help().is_none() && app.details().is_none(), "{open:?}");
    }
    // In both, q is the key that closes, and Ctrl-c quits.
    for mode in [Mode::Help, Mode::Details] {
        let q = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('q'),
            crossterm::event::KeyModifiers::NONE,
        );
        assert_eq!(
            orgtree::tui::keys::Keymap::default().action(mode, q),
            Some(Back),
            "{mode:?}"
        );
    }
    app.update(Help);
    let key = |c| crossterm::event::KeyEvent::new(c, crossterm::event::KeyModifiers::CONTROL);
    let ctrl_c = orgtree::tui::keys::Keymap::default()
        .action(app.mode(), key(crossterm::event::KeyCode::Char('c')));
    assert_eq!(ctrl_c, Some(Quit));
    // Back on the tree, q quits.
    app.update(Back);
    assert_eq!(
        press(&mut app, crossterm::event::KeyCode::Char('q')),
        Outcome::Quit
    );
}

#[test]
fn the_quit_question_counts_the_edits_since_the_last_save() {
    let mut app = editing();
    vacate(&mut app, "head-security");
    app.update(Quit);
    assert!(
        question(&app).contains("1 unsaved edit."),
        "{}",
        question(&app)
    );
    app.update(Back);
    vacate(&mut app, "chief-architect");
    app.update(Quit);
    assert!(
        question(&app).contains("2 unsaved edits"),
        "{}",
        question(&app)
    );
}

#[test]
fn save_first_saves_then_quits_and_a_cancelled_save_stays() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("saved.json");
    let mut app = editing();
    vacate(&mut app, "head-security");
    assert_eq!(app.update(Quit), Outcome::Redraw);
    assert_eq!(app.choice().map(|c| &c.purpose), Some(&ChoicePurpose::Quit));
    // w: the save form; Esc there: nothing saved, still running, and a later save stays.
    assert_eq!(app.update(Insert('w')), Outcome::Redraw);
    assert!(app.form().is_some());
    assert_eq!(app.update(Back), Outcome::Redraw);
    assert!(app.form().is_none());
    // Asked again, w, a file name, Enter: saved, and the program quits.
    app.update(Quit);
    app.update(Insert('w'));
    app.update(ClearLine);
    typing(&mut app, target.to_str().unwrap());
    assert_eq!(app.update(Accept), Outcome::Quit);
    let saved = std::fs::read_to_string(&target).expect("the chart was saved");
    assert!(saved.contains("\"posts\""));
}

#[test]
fn a_save_not_asked_for_by_the_quit_question_does_not_quit() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("saved.json");
    let mut app = editing();
    vacate(&mut app, "head-security");
    // Asked to quit, cancelled; then a save of its own accord: the program stays.
    app.update(Quit);
    app.update(Insert('w'));
    app.update(Back);
    app.update(Save);
    app.update(ClearLine);
    typing(&mut app, target.to_str().unwrap());
    assert_eq!(app.update(Accept), Outcome::Redraw);
    assert!(target.exists());
}

#[test]
fn a_cut_post_stays_marked_and_earlier_messages_are_kept_whole_in_the_help() {
    let mut app = editing();
    let node = common::node(&app.org, "head-security");
    app.select_post(node);
    app.update(Cut);
    let said = app.message.clone().expect("the cut says what p does");
    // At 80 columns the status bar cannot hold it all.
    let screen = common::screen(&app);
    let status = screen.lines().last().unwrap().to_owned();
    assert!(!status.contains(said.trim_end()), "{status}");
    // Another key: the message goes, the mark on the cut post stays.
    app.update(Down);
    app.update(Up);
    assert_ne!(app.message.as_deref(), Some(said.as_str()));
    let row = |app: &App| {
        common::screen(app)
            .lines()
            .find(|line| line.contains("Head of Technology Security"))
            .unwrap()
            .to_owned()
    };
    assert!(row(&app).contains("[cut: p pastes]"), "{}", row(&app));
    // The help lists it whole.
    app.update(Help);
    let help: String = common::screen(&app)
        .lines()
        .map(|line| line.trim_matches(|c: char| c == '│' || c == ' ').to_owned() + " ")
        .collect();
    let words: Vec<&str> = said.split_whitespace().collect();
    assert!(
        help.contains("Messages, the latest first") && words.iter().all(|w| help.contains(w)),
        "{help}"
    );
    app.update(Back);
    // Pasted: the mark goes.
    let cto = common::node(&app.org, "chief-architect");
    app.select_post(cto);
    app.update(Paste);
    assert!(!common::screen(&app).contains("[cut: p pastes]"));
}

#[test]
fn the_warnings_of_a_load_are_read_in_the_program_through_the_help() {
    let org = common::app(None, (80, 24), Theme::new(true, false)).org;
    let notice = "loaded with 2 warnings: ? lists them (and they are printed when you quit)\n\
                  a.json:3:5: warning: first\n\
                  a.json:9:5: warning: second";
    let options = orgtree::tui::app::Options {
        notice: Some(notice.into()),
        ..orgtree::tui::app::Options::plain("a.json", Theme::new(true, false))
    };
    let mut app = App::new(org, options, (80, 24));
    // The status bar says the first line only.
    assert_eq!(
        app.message.as_deref(),
        Some("loaded with 2 warnings: ? lists them (and they are printed when you quit)")
    );
    app.update(Help);
    let help = common::screen(&app);
    let at = |text: &str| help.find(text).unwrap_or_else(|| panic!("{text}:\n{help}"));
    // The summary, then the warnings in file order.
    assert!(at("loaded with 2 warnings") < at("a.json:3:5: warning: first"));
    assert!(at("a.json:3:5: warning: first") < at("a.json:9:5: warning: second"));
}
