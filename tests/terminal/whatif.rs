//! End-to-end tests of the what-if screen (`orgtree edit`): the real binary runs in a
//! pseudo-terminal, its output is fed into a terminal emulator (`vt100`), and the tests
//! check what a user would see, what is written to disk, and the recovery journal.
//!
//! Each test works on a copy of a fixture in a fresh temporary folder, with
//! `XDG_STATE_HOME` and `HOME` pointing into it, so no real state is touched.
//!
//! Covered: cut and paste a team, undo and redo, save to a new file and read it back with
//! `orgtree diff`; SIGKILL after some edits, then recover (asked, and with `--recover`);
//! SIGHUP restores the terminal and keeps the journal; quitting with unsaved edits asks.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::pty::{self, SHOW_CURSOR, Session, contains, last_row, row};

const FIXTURE: &str = "fixtures/home-office-technology-before-coo.json";
pub(super) const CTRL_U: &[u8] = b"\x15";
const CTRL_R: &[u8] = b"\x12";
pub(super) const ESC: &[u8] = b"\x1b";
const TAB: &[u8] = b"\t";
pub(super) const ENTER: &[u8] = b"\r";

/// What these tests add to the shared harness: starting the what-if screen, waiting for
/// what it shows, and selecting a post.
pub(super) trait WhatIf: Sized {
    /// Starts `orgtree ARGS` in an 80x24 terminal in `folder`, with `env` added to a UTF-8
    /// locale in colour.
    fn start(folder: &Path, args: &[&str], env: &[(&str, &Path)]) -> Self;
    /// Waits for `text` anywhere on the screen.
    fn wait_for_text(&self, text: &str);
    /// Waits for `text` in the status bar, the last row.
    fn wait_for_status(&self, text: &str);
    /// Waits for `text` in the impact line (two rows at 80 columns).
    fn wait_for_impact(&self, text: &str);
    /// Waits for the what-if's first frame: the title bar, and the impact line with no edits.
    fn wait_for_editing(&self);
    /// Selects the first post matching `text` with a search: `/`, the text, Enter.
    fn select(&mut self, text: &str);
    /// The text of the question shown, its lines joined (see [`question_text`]).
    fn question(&self) -> String;
}

impl WhatIf for Session {
    fn start(folder: &Path, args: &[&str], env: &[(&str, &Path)]) -> Self {
        let mut command = pty::command(env!("CARGO_BIN_EXE_orgtree"), folder);
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Session::spawn(command, (80, 24)).expect("cannot start orgtree in a pty")
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on the screen"), |screen| {
            screen.contents().contains(text)
        });
    }

    fn wait_for_status(&self, text: &str) {
        self.wait_for(&format!("{text:?} in the status bar"), |screen| {
            last_row(screen).contains(text)
        });
    }

    fn wait_for_impact(&self, text: &str) {
        self.wait_for(&format!("{text:?} in the impact line"), |screen| {
            impact(screen).contains(text)
        });
    }

    fn wait_for_editing(&self) {
        self.wait_for("the what-if screen", |screen| {
            screen.alternate_screen()
                && row(screen, 0).starts_with(" orgtree: ")
                && row(screen, 1).contains(" 0 edits")
        });
    }

    fn select(&mut self, text: &str) {
        self.type_keys(b"/");
        self.wait_for("the search prompt", |screen| {
            last_row(screen).starts_with('/')
        });
        self.type_keys(text.as_bytes());
        self.wait_for(&format!("the typed search {text:?}"), |screen| {
            last_row(screen).starts_with(&format!("/{text}"))
        });
        self.type_keys(ENTER);
        // The prompt shows the count as it is typed: wait for it to close too, so that the
        // next keys are not taken as search text.
        self.wait_for(&format!("a match of {text:?}"), |screen| {
            let status = last_row(screen);
            !status.starts_with('/') && status.contains(" match")
        });
        self.wait_for(&format!("{text:?} selected"), |screen| {
            selected_row(screen).is_some_and(|row| row.contains(text))
        });
    }

    fn question(&self) -> String {
        let output = self.output();
        let screen = output.parser.screen();
        question_text(screen)
            .unwrap_or_else(|| panic!("no question shown; screen:\n{}", screen.contents()))
    }
}

/// The impact line, under the title bar: its two rows as one text.
pub(super) fn impact(screen: &vt100::Screen) -> String {
    format!(
        "{} {}",
        row(screen, 1).trim_end(),
        row(screen, 2).trim_end()
    )
}

/// The tree row drawn highlighted (a coloured background a few columns in), if one is.
fn selected_row(screen: &vt100::Screen) -> Option<String> {
    let (rows, _) = screen.size();
    // Not the title bar, the impact line, nor the status bar.
    (3..rows.get().saturating_sub(1))
        .find(|&y| {
            let text = row(screen, usize::from(y));
            let first = text.find(|c: char| c.is_alphabetic());
            first.is_some_and(|x| {
                u16::try_from(x).ok().is_some_and(|x| {
                    screen
                        .cell(y, x)
                        .is_some_and(|cell| cell.bgcolor() != vt100::Color::Default)
                })
            })
        })
        .map(|y| row(screen, usize::from(y)))
}

/// The text of the question box shown over the screen ("┌ What-if"), its wrapped lines
/// joined and its spaces collapsed; `None` when no question is shown.
pub(super) fn question_text(screen: &vt100::Screen) -> Option<String> {
    let (rows, _) = screen.size();
    let lines: Vec<Vec<char>> = (0..usize::from(rows.get()))
        .map(|y| row(screen, y).chars().collect())
        .collect();
    let (top, left) = lines.iter().enumerate().find_map(|(y, line)| {
        let text: String = line.iter().collect();
        let at = text.find("┌ What-if")?;
        Some((y, text[..at].chars().count()))
    })?;
    let right = (left + 1..lines[top].len()).find(|&x| lines[top][x] == '┐')?;
    let mut words = Vec::new();
    for line in &lines[top + 1..] {
        if line.get(left) == Some(&'└') {
            break;
        }
        let inside: String = line.get(left + 1..right.min(line.len()))?.iter().collect();
        words.extend(inside.split_whitespace().map(str::to_owned));
    }
    Some(words.join(" "))
}

/// The row of the screen holding `text`, and its text.
fn find_row(screen: &vt100::Screen, text: &str) -> Option<(usize, String)> {
    let (rows, _) = screen.size();
    (0..usize::from(rows.get()))
        .map(|y| (y, row(screen, y)))
        .find(|(_, line)| line.contains(text))
}

/// The column where `text` starts on its row: how deep in the tree a post is drawn.
fn indent_of(screen: &vt100::Screen, text: &str) -> Option<usize> {
    let (_, line) = find_row(screen, text)?;
    let at = line.find(text)?;
    Some(line[..at].chars().count())
}

/// The terminal is as the program found it: main screen, cursor shown, and the raw output
/// says so explicitly.
pub(super) fn assert_terminal_restored(session: &Session) {
    pty::assert_terminal_restored(session);
    let output = session.output();
    assert!(
        contains(&output.raw, SHOW_CURSOR),
        "never showed the cursor"
    );
}

/// A copy of the fixture in a fresh folder, and a state folder and home of its own.
pub(super) struct Workspace {
    folder: TempDir,
}

impl Workspace {
    pub(super) fn new() -> Self {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
        fs::copy(fixture, folder.path().join("copy.json")).expect("copy the fixture");
        for sub in ["state", "home"] {
            fs::create_dir(folder.path().join(sub)).expect("a folder");
        }
        Self { folder }
    }

    pub(super) fn path(&self) -> &Path {
        self.folder.path()
    }

    pub(super) fn chart(&self) -> PathBuf {
        self.path().join("copy.json")
    }

    pub(super) fn state(&self) -> PathBuf {
        self.path().join("state")
    }

    pub(super) fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    /// `orgtree edit ARGS` in the folder, with its own state and home.
    pub(super) fn edit(&self, args: &[&str]) -> Session {
        let mut all = vec!["edit"];
        all.extend_from_slice(args);
        let (state, home) = (self.state(), self.home());
        Session::start(
            self.path(),
            &all,
            &[("XDG_STATE_HOME", &state), ("HOME", &home)],
        )
    }

    /// The recovery journals in `$XDG_STATE_HOME/orgtree`.
    pub(super) fn journals(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.state().join("orgtree")) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .map(|entry| entry.expect("a folder entry").path())
            .collect();
        found.sort();
        found
    }

    /// The one journal there is, after checking that there is just one.
    pub(super) fn journal(&self) -> PathBuf {
        let journals = self.journals();
        assert_eq!(journals.len(), 1, "journals: {journals:?}");
        let journal = journals[0].clone();
        assert!(
            journal.extension().is_some_and(|e| e == "journal"),
            "{} is not a *.journal file",
            journal.display()
        );
        journal
    }

    /// Whether nothing was written in the home folder.
    pub(super) fn home_is_empty(&self) -> bool {
        fs::read_dir(self.home()).map_or(true, |mut e| e.next().is_none())
    }
}

fn fixture_bytes() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).expect("the fixture")
}

/// The copy is as the fixture was: byte for byte.
pub(super) fn assert_chart_unchanged(work: &Workspace) {
    let now = fs::read(work.chart()).expect("the chart");
    assert!(
        now == fixture_bytes(),
        "the original chart file was changed"
    );
}

/// Runs `orgtree ARGS` (no terminal) in `folder`; its exit code and standard output.
fn orgtree(folder: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_orgtree"))
        .args(args)
        .current_dir(folder)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("orgtree runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.is_empty(),
        "orgtree {args:?} wrote to stderr: {stderr}"
    );
    (output.status.code(), stdout)
}

/// Adds the COO post under the CTO with `a`: title, Tab to the id (past holder, grade and
/// unit), the id `coo`, Enter.
fn add_coo(session: &mut Session) {
    session.select("Chief Technology Officer");
    session.type_keys(b"a");
    session.wait_for_text("Add a report to 'Chief Technology Officer'");
    session.type_keys(b"Chief Operating Officer, Technology");
    session.wait_for_text("title Chief Operating Officer, Technology");
    for _ in 0..4 {
        session.type_keys(TAB);
    }
    session.wait_for_text("a new id, unique in the chart");
    session.type_keys(CTRL_U);
    session.type_keys(b"coo");
    session.wait_for_text("id coo ");
    session.type_keys(ENTER);
    session.wait_for_status("added 'Chief Operating Officer, Technology'");
    session.wait_for_impact("1 edit, unsaved · posts 13 (+1)");
}

const COMMERCIAL: &str = "Director of Commercial Technology";
const COO: &str = "Chief Operating Officer, Technology";

/// How deep the commercial director is drawn: the column its title starts at.
fn commercial_indent(session: &Session) -> usize {
    let output = session.output();
    indent_of(output.parser.screen(), COMMERCIAL).unwrap_or_else(|| {
        panic!(
            "no {COMMERCIAL} on the screen:\n{}",
            output.parser.screen().contents()
        )
    })
}

#[test]
fn cut_paste_undo_redo_save_and_diff_the_saved_file() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    let first_level = commercial_indent(&session);

    add_coo(&mut session);

    // Move the commercial team under the new post.
    session.select(COMMERCIAL);
    session.type_keys(b"x");
    session.wait_for_status(&format!("cut '{COMMERCIAL}'"));
    session.select(COO);
    session.type_keys(b"p");
    session.wait_for_status(&format!("moved '{COMMERCIAL}' under"));
    session.wait_for_impact("2 edits, unsaved · posts 13 (+1)");
    session.wait_for_impact("layers 4 (+1)");
    session.wait_for("the director drawn under the COO", |screen| {
        let coo = indent_of(screen, COO);
        let director = indent_of(screen, COMMERCIAL);
        let rows = (find_row(screen, COO), find_row(screen, COMMERCIAL));
        matches!((coo, director), (Some(c), Some(d)) if d > c)
            && matches!(rows, (Some((c, _)), Some((d, _))) if d == c + 1)
    });
    assert!(commercial_indent(&session) > first_level);

    // Undo puts it back under the CTO; redo moves it again.
    session.type_keys(b"u");
    session.wait_for_status("undone: moved");
    session.wait_for_impact("1 edit, unsaved · posts 13 (+1)");
    session.wait_for_impact("layers 3 ·");
    session.wait_for("the director back under the CTO", |screen| {
        indent_of(screen, COMMERCIAL) == Some(first_level)
    });
    session.type_keys(CTRL_R);
    session.wait_for_status("redone: moved");
    session.wait_for_impact("2 edits, unsaved · posts 13 (+1)");
    session.wait_for_impact("layers 4 (+1)");
    session.wait_for("the director under the COO again", |screen| {
        indent_of(screen, COMMERCIAL).is_some_and(|d| d > first_level)
    });
    assert!(!work.journals().is_empty(), "no journal while editing");

    // Save to a new file: the form proposes NAME.whatif.json beside the original.
    session.type_keys(b"w");
    session.wait_for_text("Save the chart");
    session.wait_for_text("copy.whatif.json");
    session.type_keys(CTRL_U);
    let saved = work.path().join("saved.json");
    session.type_keys(saved.to_str().expect("a UTF-8 path").as_bytes());
    session.wait_for_text("saved.json");
    session.type_keys(ENTER);
    session.wait_for_status("saved 13 posts to ");
    session.wait_for("the impact line without 'unsaved'", |screen| {
        let impact = impact(screen);
        impact.contains("2 edits ·") && !impact.contains("unsaved")
    });
    assert!(saved.exists(), "{} was not written", saved.display());

    // Saved: q quits at once.
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
    assert_chart_unchanged(&work);
    assert!(
        work.journals().is_empty(),
        "journals left: {:?}",
        work.journals()
    );
    assert!(
        !work.path().join("copy.whatif.json").exists(),
        "the proposed file was written though another was typed"
    );

    let (code, diff) = orgtree(work.path(), &["diff", "copy.json", "saved.json"]);
    assert_eq!(code, Some(0), "orgtree diff:\n{diff}");
    let changes: Vec<&str> = diff
        .lines()
        .filter(|line| {
            [
                "added ",
                "removed ",
                "moved ",
                "fields ",
                "retitled ",
                "holder ",
            ]
            .iter()
            .any(|kind| line.starts_with(kind))
        })
        .collect();
    assert_eq!(
        changes,
        [
            "added  Chief Operating Officer, Technology (vacant), under Chief Technology Officer",
            "moved  Director of Commercial Technology (Gareth Lindqvist): Chief Technology Officer -> Chief Operating Officer, Technology",
        ],
        "orgtree diff:\n{diff}"
    );
    assert!(
        diff.lines()
            .any(|line| line.split_whitespace().collect::<Vec<_>>()
                == ["changes", "1", "added,", "1", "moved"]),
        "orgtree diff:\n{diff}"
    );
    assert!(work.home_is_empty(), "something was written in HOME");
}

pub(super) const ARCHITECT: &str = "Chief Architect";
pub(super) const NEW_TITLE: &str = "Chief Technical Architect";

/// Retitles the Chief Architect with `r`, Ctrl-u, the new title, Enter.
pub(super) fn retitle_architect(session: &mut Session, edits: &str) {
    session.select(ARCHITECT);
    session.type_keys(b"r");
    session.wait_for_text(&format!("Retitle '{ARCHITECT}'"));
    session.type_keys(CTRL_U);
    session.type_keys(NEW_TITLE.as_bytes());
    session.wait_for_text(&format!("title {NEW_TITLE}"));
    session.type_keys(ENTER);
    // The status bar is cut short at 80 columns: only its start is checked.
    session.wait_for_status(&format!("retitled '{ARCHITECT}' as '"));
    session.wait_for_text(&format!("{NEW_TITLE} (Anjali Rowntree)"));
    session.wait_for_impact(&format!("{edits}, unsaved"));
}

/// Vacates the selected post with `v`.
pub(super) fn vacate_selected(session: &mut Session, title: &str, edits: &str) {
    session.type_keys(b"v");
    session.wait_for_status(&format!("vacated '{title}'"));
    session.wait_for_text(&format!("{title} (vacant)"));
    session.wait_for_impact(&format!("{edits}, unsaved"));
    session.wait_for_impact("vacant 1 (+1)");
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// Kills the session with SIGKILL: nothing of it runs after, as when a machine goes down.
pub(super) fn kill_hard(session: &mut Session) {
    session.send_signal("KILL");
    let status = session.wait_for_exit();
    assert!(!status.success(), "exit status {status} after SIGKILL");
    assert!(status.signal().is_some(), "not killed: {status}");
}

/// Quits with unsaved edits: `q`, the question, `y`.
pub(super) fn quit_without_saving(session: &mut Session) {
    session.type_keys(b"q");
    session.wait_for("the question about quitting", |screen| {
        question_text(screen).is_some_and(|text| text.contains("unsaved edit"))
    });
    session.type_keys(b"y");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(session);
}

#[test]
fn sigkill_after_two_edits_then_recover_asked_and_with_the_option() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    assert!(work.journals().is_empty(), "a journal before any edit");
    retitle_architect(&mut session, "1 edit");
    vacate_selected(&mut session, NEW_TITLE, "2 edits");

    let journal = work.journal();
    #[cfg(unix)]
    {
        assert_eq!(mode_of(&journal), 0o600, "the journal's mode");
        assert_eq!(
            mode_of(&work.state().join("orgtree")),
            0o700,
            "the journal folder's mode"
        );
    }
    let steps = fs::read_to_string(&journal).expect("the journal");
    assert_eq!(steps.lines().count(), 3, "a header and two steps:\n{steps}");
    kill_hard(&mut session);
    assert!(journal.exists(), "SIGKILL cannot remove the journal");
    assert_chart_unchanged(&work);

    // Started again, it asks.
    let mut session = work.edit(&["copy.json"]);
    session.wait_for("the question about recovering", |screen| {
        question_text(screen).is_some_and(|text| {
            // What the edits are, not only how many.
            text.contains(&format!(
                "its recovery journal holds 2 edits: - retitled '{ARCHITECT}' as '{NEW_TITLE}' - vacated '{NEW_TITLE}'"
            ))
                && text.contains("r recover them and go on editing")
                && text.contains("n start afresh")
        })
    });
    session.type_keys(b"r");
    session.wait_for_status("recovered 2 edits from the journal");
    session.wait_for_text(&format!("{NEW_TITLE} (vacant)"));
    session.wait_for_impact("2 edits, unsaved");
    session.wait_for_impact("vacant 1 (+1)");
    session.wait_for("the question gone", |screen| {
        question_text(screen).is_none()
    });
    // The recovered edits are journalled again, and undo steps through them.
    assert!(work.journal().exists());
    session.type_keys(b"u");
    // The recovered steps are described as the user's own are.
    session.wait_for_status("undone: vacated");
    session.wait_for_text(&format!("{NEW_TITLE} (Anjali Rowntree)"));
    session.wait_for_impact("1 edit, unsaved");
    session.type_keys(CTRL_R);
    session.wait_for_status("redone: vacated");
    session.wait_for_impact("2 edits, unsaved");
    kill_hard(&mut session);

    // With --recover, it does not ask.
    let mut session = work.edit(&["--recover", "copy.json"]);
    session.wait_for_status("recovered 2 edits from the journal");
    session.wait_for_text(&format!("{NEW_TITLE} (vacant)"));
    session.wait_for_impact("2 edits, unsaved");
    assert!(
        question_text(session.output().parser.screen()).is_none(),
        "--recover asked:\n{}",
        session.screen_text()
    );
    quit_without_saving(&mut session);
    assert!(
        work.journals().is_empty(),
        "journals left: {:?}",
        work.journals()
    );
    assert_chart_unchanged(&work);
    assert!(work.home_is_empty(), "something was written in HOME");
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_journal() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    retitle_architect(&mut session, "1 edit");
    let journal = work.journal();

    session.send_signal("HUP");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 129, "exit status {status}");
    assert_eq!(
        status.signal(),
        None,
        "killed by the signal, not handling it"
    );
    assert_terminal_restored(&session);

    assert!(journal.exists(), "SIGHUP removed the journal");
    #[cfg(unix)]
    assert_eq!(mode_of(&journal), 0o600, "the journal's mode");
    let steps = fs::read_to_string(&journal).expect("the journal");
    let lines: Vec<&str> = steps.lines().collect();
    assert_eq!(lines.len(), 2, "a header and one step:\n{steps}");
    assert!(
        lines[1].contains("\"do\"") && lines[1].contains(NEW_TITLE),
        "the retitle is not in the journal:\n{steps}"
    );
    assert_chart_unchanged(&work);

    // The next session offers the edit back; n starts afresh and deletes the journal.
    let mut session = work.edit(&["copy.json"]);
    session.wait_for("the question about recovering", |screen| {
        question_text(screen).is_some_and(|text| {
            text.contains(&format!(
                "recovery journal holds 1 edit: - retitled '{ARCHITECT}' as '{NEW_TITLE}'"
            ))
        })
    });
    session.type_keys(b"n");
    session.wait_for_status("started afresh; the old journal is deleted");
    session.wait_for_text(&format!("{ARCHITECT} (Anjali Rowntree)"));
    session.wait_for_impact("0 edits");
    assert!(work.journals().is_empty(), "the journal was not deleted");
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn quitting_with_unsaved_edits_asks_and_esc_stays() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    session.select(ARCHITECT);
    vacate_selected(&mut session, ARCHITECT, "1 edit");
    let journal = work.journal();

    session.type_keys(b"q");
    session.wait_for("the question about quitting", |screen| {
        question_text(screen).is_some_and(|text| {
            text.contains("The chart has 1 unsaved edit. Quit without saving it?")
                && text.contains("y quit; the edits are lost")
                && text.contains("w save the chart, then quit")
                && text.contains("Esc stay")
        })
    });
    session.type_keys(ESC);
    session.wait_for_status("cancelled");
    session.wait_for("the question gone", |screen| {
        question_text(screen).is_none()
    });
    assert!(session.is_running(), "Esc quit");
    session.wait_for_text(&format!("{ARCHITECT} (vacant)"));
    session.wait_for_impact("1 edit, unsaved");
    assert!(journal.exists(), "Esc removed the journal");

    quit_without_saving(&mut session);
    assert!(
        work.journals().is_empty(),
        "journals left: {:?}",
        work.journals()
    );
    assert_chart_unchanged(&work);
}

#[test]
fn cut_and_close_count_the_team_below_the_post() {
    let work = Workspace::new();
    let mut session = work.edit(&["copy.json"]);
    session.wait_for_editing();
    let mut wrong = Vec::new();
    let mut expect = |what: &str, seen: String, want: &str| {
        if !seen.contains(want) {
            wrong.push(format!("{what}: want {want:?}, shown {seen:?}"));
        }
    };

    // The team is the posts below the post (`ChartIndex::team_posts` leaves the post out).
    session.select("Director of Technology Delivery");
    session.type_keys(b"x");
    session.wait_for_status("cut 'Director of Technology Delivery'");
    let status = session.output().parser.screen().contents();
    let status = status.lines().last().unwrap_or_default().to_owned();
    expect("cut, two reports", status, "with its team of 2");

    session.select(COMMERCIAL);
    session.type_keys(b"d");
    session.wait_for("the question about closing", |screen| {
        question_text(screen).is_some_and(|text| text.contains("Esc cancel"))
    });
    let question = session.question();
    expect(
        "close question",
        question.clone(),
        "1 direct report and 1 post in its team",
    );
    expect("close answer", question, "close the whole team (2 posts)");

    session.type_keys(b"t");
    session.wait_for_impact("posts 10 (-2)");
    session.wait_for_status(&format!("closed '{COMMERCIAL}' with its team of"));
    let status = session.output().parser.screen().contents();
    let status = status.lines().last().unwrap_or_default().to_owned();
    expect("closed", status, "with its team of 1");

    assert!(wrong.is_empty(), "team counts:\n{}", wrong.join("\n"));
}
