//! A what-if on a chart opened from another format: saving writes orgtree JSON, and never
//! over the organogram CSV files the chart was read from.

use orgtree::read::{OpenOptions, open};
use orgtree::tui::action::Action::{Accept, ClearLine, Holder, Insert, Save};
use orgtree::tui::app::App;

const SENIOR: &str = "\
Post Unique Reference,Name,Grade (or equivalent),Job Title,Unit,Reports to Senior Post,FTE
1,Ann Smith,SCS3,Director General,Corporate,XX,1
2,N/D,SCS1,Deputy Director,Corporate,1,1
";
const JUNIOR: &str = "\
Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE
2,EO,Caseworker,4
";

/// A what-if on `x-senior.csv` (with `x-junior.csv` beside it) in a new folder, one edit
/// made; and the folder.
fn editing_a_csv() -> (App, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a folder");
    let senior = folder.path().join("x-senior.csv");
    std::fs::write(&senior, SENIOR).unwrap();
    std::fs::write(folder.path().join("x-junior.csv"), JUNIOR).unwrap();
    let opened = open(&senior, &OpenOptions::default()).expect("the pair opens");
    let options = orgtree::tui::app::Options {
        file: Some(senior),
        ..orgtree::tui::app::Options::plain(
            "x-senior.csv",
            orgtree::tui::theme::Theme::new(false, true),
        )
    };
    let mut app = App::new(opened.org, options, (80, 24));
    app.begin_whatif(false);
    app.update(Holder);
    (app, folder)
}

fn save_as(app: &mut App, path: &std::path::Path) {
    app.update(Save);
    app.update(ClearLine);
    for c in path.to_str().expect("a UTF-8 path").chars() {
        app.update(Insert(c));
    }
    app.update(Accept);
}

#[test]
fn a_save_never_writes_json_over_the_csv_files_the_chart_was_read_from() {
    let (mut app, folder) = editing_a_csv();
    for (name, text) in [("x-senior.csv", SENIOR), ("x-junior.csv", JUNIOR)] {
        let path = folder.path().join(name);
        save_as(&mut app, &path);
        let error = app.form().and_then(|form| form.error.clone());
        let error = error.unwrap_or_else(|| panic!("saving over {name} was not refused"));
        assert!(error.contains("an organogram"), "{error}");
        assert!(error.contains("type a new name"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{name} changed"
        );
        app.update(orgtree::tui::action::Action::Back);
    }
    // The name it proposes is a new JSON file beside them, and a save there is done.
    app.update(Save);
    let proposed = app.form().expect("the save form").value(0).to_owned();
    assert!(proposed.ends_with("x-senior.whatif.json"), "{proposed}");
    app.update(Accept);
    assert!(app.form().is_none(), "the save was refused");
    let saved = std::fs::read_to_string(folder.path().join("x-senior.whatif.json")).unwrap();
    assert!(
        saved.starts_with('{') && saved.contains("\"posts\""),
        "{saved}"
    );
}

#[test]
fn the_change_script_a_what_if_saves_names_the_chart_it_was_made_on() {
    let (mut app, folder) = editing_a_csv();
    let path = folder.path().join("steps.json");
    app.update(orgtree::tui::action::Action::SaveScript);
    app.update(ClearLine);
    for c in path.to_str().unwrap().chars() {
        app.update(Insert(c));
    }
    app.update(Accept);
    assert!(app.form().is_none(), "the save was refused");
    let script = orgtree::edit::script::read_script(&std::fs::read_to_string(&path).unwrap())
        .expect("the script reads back");
    assert_eq!(script.steps.len(), 1);
    // The chart as it was when the what-if began, not as it is now.
    let senior = folder.path().join("x-senior.csv");
    let opened = open(&senior, &OpenOptions::default()).unwrap();
    let start = orgtree::edit::script::MadeOn::of(&opened.org);
    assert_eq!(script.made_on, Some(start));
    assert_ne!(
        script.made_on,
        Some(orgtree::edit::script::MadeOn::of(&app.org))
    );
}
