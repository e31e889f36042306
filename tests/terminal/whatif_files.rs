//! What the what-if writes, with real processes: two sessions on one chart keep their
//! recovery journals apart and a killed one's edits are offered whole; with no usable place
//! for a journal, or one that cannot be written, the screen says so and the session still
//! saves; a save through a symbolic link writes the chart it names; a save over a file
//! changed on disk since it was read or written asks first and says so.

use std::fs;
use std::path::Path;

use crate::pty::{self, Session, contains};
use crate::whatif::{
    ARCHITECT, CTRL_U, ENTER, ESC, NEW_TITLE, WhatIf, Workspace, assert_chart_unchanged,
    assert_terminal_restored, kill_hard, question_text, quit_without_saving, retitle_architect,
    vacate_selected,
};

const SECURITY: &str = "Head of Technology Security";
const FINANCE: &str = "Head of Technology Finance";
const ANOTHER: &str = "another orgtree session is editing this chart";

/// Selects `title` and vacates it with `v`; the what-if then has `edits`.
fn vacate(session: &mut Session, title: &str, edits: &str) {
    session.select(title);
    session.type_keys(b"v");
    session.wait_for_status(&format!("vacated '{title}'"));
    session.wait_for_impact(&format!("{edits}, unsaved"));
}

#[test]
fn two_sessions_on_one_chart_keep_their_journals_apart_and_a_killed_one_is_offered_whole() {
    let work = Workspace::new();
    let mut a = work.edit(&["copy.json"]);
    a.wait_for_editing();
    retitle_architect(&mut a, "1 edit");
    vacate_selected(&mut a, NEW_TITLE, "2 edits");
    let a_journal = work.journal();
    let a_steps = fs::read(&a_journal).unwrap();

    // B is not offered A's edits, and says A is there.
    let mut b = work.edit(&["copy.json"]);
    b.wait_for_editing();
    b.wait_for_status(ANOTHER);
    assert!(
        question_text(b.output().parser.screen()).is_none(),
        "B asked about A's journal:\n{}",
        b.screen_text()
    );
    vacate(&mut b, SECURITY, "1 edit");
    assert_eq!(work.journals().len(), 2, "B has a journal of its own");
    assert_eq!(
        fs::read(&a_journal).unwrap(),
        a_steps,
        "B wrote in A's journal"
    );
    quit_without_saving(&mut b);
    assert_eq!(
        work.journals(),
        std::slice::from_ref(&a_journal),
        "B's end removed A's journal"
    );
    assert_eq!(fs::read(&a_journal).unwrap(), a_steps);

    // A's third edit, then A is killed.
    vacate(&mut a, FINANCE, "3 edits");
    kill_hard(&mut a);

    // The next session is offered all three, named.
    let mut c = work.edit(&["copy.json"]);
    c.wait_for("the question about recovering", |screen| {
        question_text(screen).is_some_and(|text| {
            text.contains(&format!(
                "holds 3 edits: - retitled '{ARCHITECT}' as '{NEW_TITLE}' - vacated '{NEW_TITLE}' - vacated '{FINANCE}'"
            ))
        })
    });
    // While C holds it, no other session is offered it.
    let mut d = work.edit(&["copy.json"]);
    d.wait_for_editing();
    d.wait_for_status(ANOTHER);
    assert!(question_text(d.output().parser.screen()).is_none());
    d.type_keys(b"q");
    assert!(d.wait_for_exit().success());

    c.type_keys(b"r");
    c.wait_for_status("recovered 3 edits from the journal");
    c.wait_for_impact("3 edits, unsaved");
    c.wait_for_text(&format!("{FINANCE} (vacant)"));
    quit_without_saving(&mut c);
    assert!(work.journals().is_empty(), "{:?}", work.journals());
    assert_chart_unchanged(&work);
}

#[cfg(unix)]
#[test]
fn saving_over_the_chart_through_a_link_writes_the_file_it_names() {
    let work = Workspace::new();
    let link = work.path().join("link.json");
    std::os::unix::fs::symlink("copy.json", &link).unwrap();
    let mut session = work.edit(&["link.json"]);
    session.wait_for_editing();
    retitle_architect(&mut session, "1 edit");
    session.type_keys(b"w");
    session.wait_for_text("Save the chart");
    session.type_keys(CTRL_U);
    session.type_keys(b"link.json");
    session.wait_for_text("file link.json");
    session.type_keys(ENTER);
    session.wait_for("the question about saving over", |screen| {
        question_text(screen).is_some_and(|text| text.contains("Save over the original?"))
    });
    session.type_keys(b"y");
    session.wait_for_status("saved 12 posts to link.json");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert_terminal_restored(&session);

    let meta = fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link became a file");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("copy.json"));
    let saved = fs::read_to_string(work.chart()).unwrap();
    assert!(
        saved.contains(NEW_TITLE),
        "the chart behind the link is unchanged"
    );
    let names: Vec<String> = fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "left behind: {names:?}");
}

/// `orgtree edit copy.json` in the workspace, with `env` set and `removed` unset.
fn edit_with(work: &Workspace, env: &[(&str, &str)], removed: &[&str]) -> Session {
    let mut command = pty::command(env!("CARGO_BIN_EXE_orgtree"), work.path());
    command.args(["edit", "copy.json"]);
    for (key, value) in env {
        command.env(key, value);
    }
    for key in removed {
        command.env_remove(key);
    }
    Session::spawn(command, (80, 24)).expect("cannot start orgtree in a pty")
}

#[test]
fn with_home_unset_and_a_relative_state_home_the_screen_says_there_is_no_journal() {
    let work = Workspace::new();
    let mut session = edit_with(&work, &[("XDG_STATE_HOME", "state")], &["HOME"]);
    session.wait_for_editing();
    session.wait_for_status("no recovery journal: XDG_STATE_HOME is a relative path and HOME");
    retitle_architect(&mut session, "1 edit");
    quit_without_saving(&mut session);
    // Said again under the screen, where it stays after quitting.
    assert!(
        contains(
            &session.raw_output(),
            b"orgtree: warning: no recovery journal: XDG_STATE_HOME is a relative path and HOME is not set; edits cannot be recovered after a crash"
        ),
        "{}",
        String::from_utf8_lossy(&session.raw_output())
    );
    assert!(
        fs::read_dir(work.state()).unwrap().next().is_none(),
        "a journal was written under the relative XDG_STATE_HOME"
    );
    assert_chart_unchanged(&work);
}

/// The session goes on and saves: `w`, a new file name, Enter.
fn save_as(session: &mut Session, work: &Workspace, name: &str) {
    session.type_keys(b"w");
    session.wait_for_text("Save the chart");
    session.type_keys(CTRL_U);
    session.type_keys(name.as_bytes());
    session.wait_for_text(&format!("file {name}"));
    session.type_keys(ENTER);
    session.wait_for_status(&format!("saved 12 posts to {name}"));
    let saved = fs::read_to_string(work.path().join(name)).unwrap();
    assert!(saved.contains(NEW_TITLE), "the edit is not in {name}");
}

#[test]
fn a_state_home_that_is_a_file_is_said_and_the_session_saves() {
    let work = Workspace::new();
    let not_a_folder = work.path().join("state-file");
    fs::write(&not_a_folder, "not a folder").unwrap();
    let home = work.home();
    let mut session = edit_with(
        &work,
        &[
            ("XDG_STATE_HOME", not_a_folder.to_str().unwrap()),
            ("HOME", home.to_str().unwrap()),
        ],
        &[],
    );
    session.wait_for_editing();
    session.wait_for_status("no recovery journal: XDG_STATE_HOME is not a folder: ");
    retitle_architect(&mut session, "1 edit");
    save_as(&mut session, &work, "saved.json");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert_eq!(fs::read_to_string(&not_a_folder).unwrap(), "not a folder");
    assert_chart_unchanged(&work);
}

/// A journal folder that cannot be written: read-only to its owner, or, for root (whom
/// permissions do not stop), a read-only file system mounted over it in a mount namespace
/// of the session's own. `None` when neither can be had here.
#[cfg(unix)]
fn edit_with_read_only_journals(work: &Workspace) -> Option<Session> {
    use std::os::unix::fs::PermissionsExt;
    let state = work.state();
    fs::create_dir(state.join("orgtree")).unwrap();
    fs::set_permissions(state.join("orgtree"), fs::Permissions::from_mode(0o500)).unwrap();
    let probe = state.join("orgtree").join("probe");
    let (state_text, home) = (state.to_str().unwrap(), work.home());
    let env = [
        ("XDG_STATE_HOME", state_text),
        ("HOME", home.to_str().unwrap()),
    ];
    if fs::write(&probe, "").is_err() {
        return Some(edit_with(work, &env, &[]));
    }
    fs::remove_file(&probe).unwrap();
    let namespaces = std::process::Command::new("unshare")
        .args(["--mount", "true"])
        .status()
        .is_ok_and(|status| status.success());
    if !namespaces {
        eprintln!("root, and no mount namespace: the unwritable journal folder is not tried");
        return None;
    }
    let mut command = pty::command("unshare", work.path());
    command.args([
        "--mount",
        "sh",
        "-c",
        r#"mount -t tmpfs -o size=64k tmpfs "$XDG_STATE_HOME/orgtree" && mount -o remount,ro "$XDG_STATE_HOME/orgtree" && exec "$ORGTREE" edit copy.json"#,
    ]);
    for (key, value) in env {
        command.env(key, value);
    }
    command.env("ORGTREE", env!("CARGO_BIN_EXE_orgtree"));
    Some(Session::spawn(command, (80, 24)).expect("cannot start orgtree in a pty"))
}

#[cfg(unix)]
#[test]
fn a_journal_folder_that_cannot_be_written_is_said_at_the_first_edit_and_the_session_saves() {
    let work = Workspace::new();
    let Some(mut session) = edit_with_read_only_journals(&work) else {
        return;
    };
    session.wait_for_editing();
    session.select(ARCHITECT);
    session.type_keys(b"r");
    session.wait_for_text(&format!("Retitle '{ARCHITECT}'"));
    session.type_keys(CTRL_U);
    session.type_keys(NEW_TITLE.as_bytes());
    session.wait_for_text(&format!("title {NEW_TITLE}"));
    session.type_keys(ENTER);
    session.wait_for_status("no recovery journal: ");
    session.wait_for_impact("1 edit, unsaved");
    save_as(&mut session, &work, "saved.json");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert_chart_unchanged(&work);
}

/// Types `name` into the save form (`w`) and accepts it.
fn save_to(session: &mut Session, name: &str) {
    session.type_keys(b"w");
    session.wait_for_text("Save the chart");
    session.type_keys(CTRL_U);
    session.type_keys(name.as_bytes());
    session.wait_for_text(&format!("file {name}"));
    session.type_keys(ENTER);
}

#[test]
fn saving_over_a_file_changed_on_disk_since_it_was_read_or_written_asks_and_says_so() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    retitle_architect(&mut session, "1 edit");

    // Someone else changes the chart file while the what-if runs.
    let theirs = format!("{}\n", fs::read_to_string(work.chart()).unwrap().trim_end());
    fs::write(work.chart(), format!("{theirs} ")).unwrap();
    let theirs = fs::read(work.chart()).unwrap();
    save_to(&mut session, "copy.json");
    session.wait_for("the question about saving over", |screen| {
        question_text(screen).is_some_and(|text| {
            text.contains(
                "copy.json is the file you loaded. Save over the original? It has changed on disk since this session read or wrote it.",
            )
        })
    });
    session.type_keys(ESC);
    session.wait_for("the question gone", |screen| {
        question_text(screen).is_none()
    });
    assert_eq!(
        fs::read(work.chart()).unwrap(),
        theirs,
        "their change was lost"
    );

    // A file this session saved, changed since, asks again before it is written over.
    session.type_keys(ESC);
    save_to(&mut session, "mine.json");
    session.wait_for_status("saved 12 posts to mine.json");
    vacate_selected(&mut session, NEW_TITLE, "2 edits");
    save_to(&mut session, "mine.json");
    session.wait_for_status("saved 12 posts to mine.json");
    fs::write(work.path().join("mine.json"), "changed by someone else").unwrap();
    save_to(&mut session, "mine.json");
    session.wait_for("the question about writing over", |screen| {
        question_text(screen).is_some_and(|text| {
            text.contains(
                "mine.json exists. Replace it? It has changed on disk since this session read or wrote it.",
            )
        })
    });
    session.type_keys(b"y");
    session.wait_for_status("saved 12 posts to mine.json");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert_eq!(fs::read(work.chart()).unwrap(), theirs);
}
