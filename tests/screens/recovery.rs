//! The question about recovering a journal, on the app itself with a chart file and a
//! journal folder of the test's own: it says what the edits in effect are, the first five
//! and how many more. A session "cut off" here is an app dropped without quitting: its
//! journal stays, and its lock goes with it, as when a process is killed.

use crate::common;

use std::path::Path;

use orgtree::read::{LoadOptions, load_path};
use orgtree::tui::action::Action;
use orgtree::tui::app::{App, Options};
use orgtree::tui::form::ChoicePurpose;
use orgtree::tui::theme::Theme;

const HOME_OFFICE: &str = "home-office-technology-before-coo.json";

/// A what-if on `chart`, keeping its journals in `state`.
fn session(chart: &Path, state: &Path) -> App {
    let loaded = load_path(chart, LoadOptions::default()).expect("the chart loads");
    let options = Options {
        source: "copy.json".into(),
        theme: Theme::new(true, false),
        notice: None,
        mouse: false,
        file: Some(chart.to_path_buf()),
        journals: Ok(state.to_path_buf()),
        keymap: orgtree::tui::keys::Keymap::default(),
        read_only: false,
    };
    let mut app = App::new(loaded.org, options, (80, 24));
    app.begin_whatif(false);
    app
}

/// The title of post `id` in the fixture, read from the file itself.
fn title_in_fixture(id: &str) -> String {
    let text = std::fs::read_to_string(common::fixtures().join(HOME_OFFICE)).unwrap();
    let chart: serde_json::Value = serde_json::from_str(&text).unwrap();
    let posts = chart["posts"].as_array().unwrap();
    let post = posts.iter().find(|post| post["id"] == id).unwrap();
    post["title"].as_str().unwrap().to_owned()
}

#[test]
fn the_recovery_question_names_the_first_five_edits_in_effect_and_counts_the_rest() {
    let folder = tempfile::tempdir().unwrap();
    let chart = folder.path().join("copy.json");
    std::fs::copy(common::fixtures().join(HOME_OFFICE), &chart).unwrap();
    let state = folder.path().join("state");
    let vacated = [
        "head-supplier",
        "head-finance",
        "head-bizmgmt",
        "head-borders",
        "head-policing",
        "head-hosting",
        "head-security",
    ];

    let mut cut_off = session(&chart, &state);
    for id in vacated {
        let node = cut_off.org.find(id).unwrap();
        cut_off.select_post(node);
        cut_off.update(Action::Holder);
    }
    // The last vacancy undone: six edits are in effect.
    cut_off.update(Action::Undo);
    assert_eq!(cut_off.whatif.as_ref().unwrap().history.len(), 6);
    drop(cut_off);

    let next = session(&chart, &state);
    let choice = next.choice().expect("a question");
    assert_eq!(choice.purpose, ChoicePurpose::Recover);
    let mut expected = vec![
        "An earlier session of edits to this chart was cut off: its recovery journal holds 6 edits:"
            .to_owned(),
    ];
    for id in &vacated[..5] {
        expected.push(format!("- vacated '{}'", title_in_fixture(id)));
    }
    expected.push("- ... and 1 more".to_owned());
    assert_eq!(choice.question, expected.join("\n"));
    // Drawn whole: each line of the list on a line of its own in the box.
    let screen = common::screen(&next);
    for line in &expected[1..] {
        assert!(
            screen.contains(line.as_str()),
            "{line:?} not drawn:\n{screen}"
        );
    }
}
