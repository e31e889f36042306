//! End-to-end tests of the interactive program: the real `orgtree` binary runs in a
//! pseudo-terminal, its output is fed into a terminal emulator (`vt100`), and the tests
//! check what a user would see and what the terminal is left like.
//!
//! Covered: keys (move, search, quit with `q` and Ctrl-C), restoring the terminal on every
//! way out (quit, SIGTERM, a panic), hostile chart text that must never reach the terminal
//! raw (no title change, no clipboard request, no bell, no bidi controls), mouse capture
//! only with `--mouse`, no output while idle, and redrawing on a resize.

use std::thread;
use std::time::Duration;

use crate::pty::{
    self, DISABLE_MOUSE_CAPTURE, ENABLE_MOUSE_CAPTURE, Session, assert_terminal_restored, contains,
    last_row, row,
};

const PANIC_MESSAGE: &str = "test panic requested with ORGTREE_TEST_PANIC_KEY";

/// What these tests add to the shared harness: starting the browse screen and waiting for
/// what it shows.
pub(crate) trait Browse: Sized {
    /// Starts `orgtree ARGS` in a `cols` x `rows` terminal in the crate's folder, with `env`
    /// added to a UTF-8 locale in colour.
    fn start(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self;
    /// Starts the program in an 80x24 terminal and waits for its first frame.
    fn start_and_draw(args: &[&str], env: &[(&str, &str)]) -> Self;
    fn wait_for_first_frame(&self);
    /// Waits for the status bar to end with `position`, like "3/7".
    fn wait_for_position(&self, position: &str);
}

impl Browse for Session {
    fn start(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = pty::command(env!("CARGO_BIN_EXE_orgtree"), env!("CARGO_MANIFEST_DIR"));
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Session::spawn(command, (cols, rows)).expect("cannot start orgtree in a pty")
    }

    fn start_and_draw(args: &[&str], env: &[(&str, &str)]) -> Self {
        let session = Self::start(80, 24, args, env);
        session.wait_for_first_frame();
        session
    }

    fn wait_for_first_frame(&self) {
        self.wait_for("the first frame", |screen| {
            screen.alternate_screen()
                && row(screen, 0).starts_with(" orgtree: ")
                && row(screen, 1).contains('▾')
        });
    }

    fn wait_for_position(&self, position: &str) {
        self.wait_for(&format!("the position {position}"), |screen| {
            last_row(screen)
                .trim_end()
                .ends_with(&format!(" {position}"))
        });
    }
}

/// The search's "2/7 matches" in a status bar, as (2, 7).
fn match_count(status_bar: &str) -> Option<(usize, usize)> {
    let before = &status_bar[..status_bar.find(" matches")?];
    let (at, total) = before.rsplit(' ').next()?.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

#[test]
fn moves_searches_and_quits_with_q() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.wait_for_position("1/7");
    session.type_keys(b"jj");
    session.wait_for_position("3/7");
    session.type_keys(b"/director");
    session.wait_for("the typed search", |screen| {
        last_row(screen).starts_with("/director")
    });
    session.type_keys(b"\r");
    session.wait_for(
        "the match count",
        |screen| matches!(match_count(&last_row(screen)), Some((1, total)) if total > 1),
    );
    session.type_keys(b"n");
    session.wait_for("the second match", |screen| {
        matches!(match_count(&last_row(screen)), Some((2, _)))
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn warnings_while_loading_are_announced_and_shown_after_quitting() {
    let mut session = Session::start(
        80,
        24,
        &["--lenient", "fixtures/broken-reporting-loop.json"],
        &[],
    );
    session.wait_for("the notice of warnings", |screen| {
        last_row(screen).contains("loaded with 1 warning")
    });
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    session.wait_for("the warning on the main screen", |screen| {
        screen.contents().contains("warning: reporting loop")
    });
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.type_keys(b"\x03");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut session =
        Session::start_and_draw(&["fixtures/home-office-technology-after-coo.json"], &[]);
    session.send_signal("TERM");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 143, "exit status {status}");
    assert_eq!(
        status.signal(),
        None,
        "killed by the signal, not handling it"
    );
    assert_terminal_restored(&session);
}

#[test]
fn sighup_and_sigint_restore_the_terminal_and_exit_with_their_codes() {
    for (signal, code) in [("HUP", 129), ("INT", 130)] {
        let mut session = Session::start_and_draw(&[], &[]);
        session.send_signal(signal);
        let status = session.wait_for_exit();
        assert_eq!(
            status.exit_code(),
            code,
            "SIG{signal}: exit status {status}"
        );
        assert_terminal_restored(&session);
    }
}

#[test]
fn ctrl_z_suspends_and_sigcont_redraws_the_whole_screen() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.type_keys(b"j");
    session.wait_for_position("2/7");
    session.type_keys(b"\x1a");
    session.wait_for("the main screen while suspended", |screen| {
        !screen.alternate_screen()
    });
    session.send_signal("CONT");
    session.wait_for("a full redraw after resuming", |screen| {
        screen.alternate_screen()
            && row(screen, 0).starts_with(" orgtree: ")
            && row(screen, 1).contains("Permanent Secretary")
            && last_row(screen).trim_end().ends_with("2/7")
    });
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert_terminal_restored(&session);
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut session = Session::start_and_draw(&[], &[("ORGTREE_TEST_PANIC_KEY", "!")]);
    session.type_keys(b"j!");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 101, "exit status {status}");
    assert_terminal_restored(&session);
    let main_screen = session.screen_text();
    assert!(
        main_screen.contains(PANIC_MESSAGE),
        "the panic message is not on the main screen:\n{main_screen}"
    );
}

#[test]
fn hostile_text_is_shown_escaped_and_never_reaches_the_terminal() {
    let mut session = Session::start_and_draw(&["fixtures/hostile-text.json"], &[]);
    session.wait_for("the escaped top post", |screen| {
        screen
            .contents()
            .contains(r"Chief \u{1b}[31mRed\u{1b}[0m Officer (Ann \u{9b}2J Lee)")
    });
    session.type_keys(b"9jj");
    session.wait_for("the CJK title", |screen| {
        screen.contents().contains("情報技術部長")
    });
    session.wait_for(
        "the escaped bidi controls and title-setting holder",
        |screen| {
            let deputy =
                r"Deputy \u{2066}isolate\u{2069} and \u{202a}embed\u{202c} (\u{1b}]0;pwned";
            screen.contents().contains(deputy)
        },
    );
    session.type_keys(b"k");
    session.wait_for_position("2/3");
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);

    let output = session.output();
    let events = output.parser.callbacks();
    let (titles, icon_names) = (&events.window_titles, &events.icon_names);
    assert!(titles.is_empty(), "window title set: {titles:?}");
    assert!(icon_names.is_empty(), "icon name set: {icon_names:?}");
    assert_eq!(events.clipboard_requests, 0, "clipboard (OSC 52) requested");
    assert_eq!(events.bells, 0, "the bell rang");
    let raw = &output.raw;
    assert!(!raw.contains(&0x07), "a BEL byte was written");
    assert!(
        !contains(raw, b"\x1b]0;"),
        "an OSC 0 (set title) was written"
    );
    assert!(
        !contains(raw, b"\x1b[31mRed"),
        "the chart's colour code was written"
    );
    // The C1 CSI and the bidi controls in the fixture.
    for control in [
        '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{202a}', '\u{202c}',
    ] {
        let mut encoded = [0; 4];
        let encoded = control.encode_utf8(&mut encoded).as_bytes();
        let code = u32::from(control);
        assert!(!contains(raw, encoded), "U+{code:04X} was written raw");
    }
}

#[test]
fn mouse_capture_only_with_the_mouse_option() {
    let mut without = Session::start_and_draw(&[], &[]);
    without.type_keys(b"jq");
    assert!(without.wait_for_exit().success());
    let raw = without.raw_output();
    assert!(
        !contains(&raw, ENABLE_MOUSE_CAPTURE),
        "mouse on without --mouse"
    );

    let mut with = Session::start_and_draw(&["--mouse"], &[]);
    with.type_keys(b"q");
    assert!(with.wait_for_exit().success());
    let raw = with.raw_output();
    assert!(
        contains(&raw, ENABLE_MOUSE_CAPTURE),
        "--mouse did not turn it on"
    );
    assert!(
        contains(&raw, DISABLE_MOUSE_CAPTURE),
        "not turned off on the way out"
    );
}

#[test]
fn idle_writes_nothing() {
    let session = Session::start_and_draw(&[], &[]);
    let settled = session.wait_until_quiet(Duration::from_millis(300));
    thread::sleep(Duration::from_millis(1500));
    let written = session.raw_output().len() - settled;
    assert_eq!(written, 0, "wrote {written} bytes while idle");
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let session = Session::start_and_draw(&[], &[]);
    assert!(
        !session.screen_text().contains("holder"),
        "the details pane should not fit beside the tree at 80 columns"
    );
    session.resize(120, 40);
    session.wait_for("the details pane beside the tree at 120x40", |screen| {
        screen.contents().contains("holder") && row(screen, 0).trim_end().chars().count() > 80
    });
    // The status bar moved to the new bottom row.
    session.wait_for_position("1/7");
}

#[test]
fn compare_keys_jump_from_change_to_change_unfolding_the_tree() {
    let mut session = Session::start(
        80,
        24,
        &[
            "compare",
            "fixtures/home-office-technology-before-coo.json",
            "fixtures/home-office-technology-after-coo.json",
        ],
        &[],
    );
    session.wait_for("the compare screen", |screen| {
        row(screen, 0).contains("compare") && row(screen, 1).starts_with("6 changes: 2 added")
    });
    // Every change is on the first screen: the moved posts under the new COO post too,
    // and the first change is selected.
    session.wait_for("the moved posts, unfolded", |screen| {
        screen
            .contents()
            .contains("> Director of Commercial Technology (Gareth Lindqvist)")
    });
    let status = |n: usize| format!("changed post {n} of 5");
    session.type_keys(b"]");
    session.wait_for("the second change", |screen| {
        last_row(screen).contains(&status(2))
            && screen
                .contents()
                .contains("> Director of Commercial Technology (Gareth Lindqvist)")
    });
    // The selected row is the one highlighted: the moved director.
    session.wait_for("the highlight on the director", |screen| {
        (0..24).any(|y| {
            row(screen, y).contains("Director of Commercial Technology")
                && screen
                    .cell(u16::try_from(y).unwrap(), 6)
                    .is_some_and(|cell| cell.bgcolor() != vt100::Color::Default)
        })
    });
    session.type_keys(b"[");
    session.wait_for("back to the first change", |screen| {
        last_row(screen).contains(&status(1))
    });
    session.type_keys(b"[");
    session.wait_for("a wrap to the last change", |screen| {
        last_row(screen).contains("changed post 5 of 5; wrapped to the last")
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn side_by_side_in_a_real_terminal_shows_where_each_moved_post_went_and_came_from() {
    let mut session = Session::start(
        170,
        30,
        &[
            "compare",
            "fixtures/cabinet-office-before-cdo.json",
            "fixtures/cabinet-office-after-cdo.json",
        ],
        &[],
    );
    session.wait_for(
        "the compare screen naming both charts and dates",
        |screen| {
            let title = row(screen, 0);
            title.contains("Cabinet Office (before the Chief Digital Officer post) (2014-12-01)")
                && title.contains("(2015-01-26)")
        },
    );
    // The post that lost a report says so before side by side is on.
    session.wait_for("the posts reports moved out of", |screen| {
        screen
            .contents()
            .contains("Director General, Corporate Services (vacant) · 1 report moved out")
    });
    session.type_keys(b"s9");
    session.wait_for(
        "both places of the moved Head of Shared Services",
        |screen| {
            let text = screen.contents();
            text.contains(
                "Head of Shared Services (ERP) (Priya Natarajan) → to Chief Digital Officer",
            ) && text
                .contains("Head of Shared Services (ERP) (Priya Natarajan) ← from Finance Director")
        },
    );
    // The left pane keeps the before tree's guides: the Finance Director's report under it.
    session.wait_for("the before guides", |screen| {
        (0..30).any(|y| row(screen, y).starts_with("│ │ └── > Head of Shared Services (ERP)"))
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn y_sends_the_selected_post_id_to_the_clipboard_through_the_terminal() {
    use base64::Engine as _;
    let mut session = Session::start_and_draw(&[], &[]);
    // The demo opens on its top post: its id is what y copies.
    session.type_keys(b"y");
    session.wait_for("the copy said on the status bar", |screen| {
        last_row(screen).contains("copied to the clipboard")
    });
    let id = last_row(session.output().parser.screen())
        .rsplit(": ")
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let sequence = format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(&id)
    );
    let raw = session.raw_output();
    assert!(
        raw.windows(sequence.len())
            .any(|w| w == sequence.as_bytes()),
        "no OSC 52 sequence for {id:?} in the output"
    );
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
}

#[test]
fn keys_remapped_in_the_config_file_move_and_show_in_the_help() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("orgtree")).unwrap();
    std::fs::write(
        home.path().join("orgtree/config.toml"),
        "[keys.browse]\ndown = [\"k\", \"Down\"]\nup = [\"j\", \"Up\"]\n",
    )
    .unwrap();
    let home = home.path().to_str().unwrap();
    let mut session = Session::start_and_draw(&[], &[("XDG_CONFIG_HOME", home)]);
    // k is down now (up would stay on the top post), j up.
    session.type_keys(b"k");
    session.wait_for("k to move down", |screen| {
        last_row(screen)
            .split_whitespace()
            .any(|word| word.starts_with("2/"))
    });
    session.type_keys(b"j");
    session.wait_for("j to move up", |screen| {
        last_row(screen)
            .split_whitespace()
            .any(|word| word.starts_with("1/"))
    });
    session.type_keys(b"?");
    session.wait_for("the help with the remapped keys", |screen| {
        (0..24).any(|y| {
            let line = row(screen, y);
            line.contains("k ↓") && line.contains("move down")
        })
    });
    session.type_keys(b"q");
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

/// The demo at 80x24 under a configuration of `text`, with `env`: the background colour of
/// the title bar's first cell, and whether it is drawn reversed.
fn title_bar_under(text: &str, env: &[(&str, &str)]) -> (vt100::Color, bool) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("orgtree")).unwrap();
    std::fs::write(home.path().join("orgtree/config.toml"), text).unwrap();
    let mut all = vec![("XDG_CONFIG_HOME", home.path().to_str().unwrap())];
    all.extend_from_slice(env);
    let mut session = Session::start_and_draw(&[], &all);
    let cell = {
        let output = session.output();
        let cell = output.parser.screen().cell(0, 1).unwrap().clone();
        (cell.bgcolor(), cell.inverse())
    };
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    cell
}

#[test]
fn the_theme_of_the_config_colours_the_bars_and_no_color_still_wins() {
    // The dark theme's bars are dark grey (colour 8), the light theme's light grey (7).
    assert_eq!(title_bar_under("", &[]), (vt100::Color::Idx(8), false));
    assert_eq!(
        title_bar_under("theme = \"light\"\n", &[]),
        (vt100::Color::Idx(7), false)
    );
    // Without colour the bars are reversed: NO_COLOR over the file, and the plain theme.
    assert_eq!(
        title_bar_under("theme = \"light\"\n", &[("NO_COLOR", "1")]),
        (vt100::Color::Default, true)
    );
    assert_eq!(
        title_bar_under("theme = \"plain\"\n", &[]),
        (vt100::Color::Default, true)
    );
}
