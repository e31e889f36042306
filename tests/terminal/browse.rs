//! End-to-end tests of the interactive program: the real `orgtree` binary runs in a
//! pseudo-terminal, its output is fed into a terminal emulator (`vt100`), and the tests
//! check what a user would see and what the terminal is left like.
//!
//! Covered: keys (move, search, quit with `q` and Ctrl-C), restoring the terminal on every
//! way out (quit, SIGTERM, a panic), hostile chart text that must never reach the terminal
//! raw (no title change, no clipboard request, no bell, no bidi controls), mouse capture
//! only with `--mouse`, no output while idle, and redrawing on a resize.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long to wait for anything the program should do.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the screen is checked while waiting.
const POLL: Duration = Duration::from_millis(10);

const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const ENABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000h";
const DISABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000l";
const PANIC_MESSAGE: &str = "test panic requested with ORGTREE_TEST_PANIC_KEY";

/// The terminal events that do not change the screen, recorded to check that chart text
/// cannot trigger them.
#[derive(Default)]
struct TerminalEvents {
    window_titles: Vec<Vec<u8>>,
    icon_names: Vec<Vec<u8>>,
    clipboard_requests: usize,
    bells: usize,
}

impl vt100::Callbacks for TerminalEvents {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, icon_name: &[u8]) {
        self.icon_names.push(icon_name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.window_titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.clipboard_requests += 1;
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.clipboard_requests += 1;
    }
}

/// Everything the program wrote: parsed into a screen, and as raw bytes.
struct Output {
    parser: vt100::Parser<TerminalEvents>,
    raw: Vec<u8>,
    closed: bool,
}

/// The binary running in a pseudo-terminal, with a thread reading all it writes.
struct Session {
    master: Box<dyn MasterPty + Send>,
    keyboard: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    /// Starts `orgtree ARGS` in a `cols` x `rows` terminal, with `env` added to a UTF-8
    /// locale in colour.
    fn start(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("cannot open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_orgtree"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        for unwanted in ["LC_ALL", "LC_CTYPE", "NO_COLOR", "ORGTREE_TEST_PANIC_KEY"] {
            command.env_remove(unwanted);
        }
        command.env("LANG", "C.UTF-8");
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("cannot start");
        // Only the child may hold the terminal's other end, so that reading sees its end.
        drop(pair.slave);

        let parser = vt100::Parser::new_with_callbacks(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
            TerminalEvents::default(),
        );
        let (raw, closed) = (Vec::new(), false);
        let output = Arc::new(Mutex::new(Output {
            parser,
            raw,
            closed,
        }));
        let mut from_child = pair.master.try_clone_reader().expect("cannot read the pty");
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buffer = [0; 8192];
            loop {
                match from_child.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut output = sink.lock().unwrap_or_else(PoisonError::into_inner);
                        output.raw.extend_from_slice(&buffer[..n]);
                        output.parser.process(&buffer[..n]);
                    }
                }
            }
            sink.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        });
        let keyboard = pair.master.take_writer().expect("cannot write to the pty");
        Self {
            master: pair.master,
            keyboard,
            child,
            output,
            reader: Some(reader),
        }
    }

    /// Starts the program in an 80x24 terminal and waits for its first frame.
    fn start_and_draw(args: &[&str], env: &[(&str, &str)]) -> Self {
        let session = Self::start(80, 24, args, env);
        session.wait_for_first_frame();
        session
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn type_keys(&mut self, keys: &[u8]) {
        self.keyboard.write_all(keys).expect("cannot type");
        self.keyboard.flush().expect("cannot type");
    }

    /// Polls the parsed screen until `ready` holds; fails after [`TIMEOUT`], or at once if
    /// the program has closed the terminal without it holding.
    fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (done, closed, screen) = {
                let output = self.output();
                let screen = output.parser.screen();
                (ready(screen), output.closed, screen.contents())
            };
            if done {
                return;
            }
            assert!(
                !closed,
                "the program ended before {what}; screen:\n{screen}"
            );
            let timed_out = Instant::now() > deadline;
            assert!(
                !timed_out,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for_first_frame(&self) {
        self.wait_for("the first frame", |screen| {
            screen.alternate_screen()
                && row(screen, 0).starts_with(" orgtree: ")
                && row(screen, 1).contains('▾')
        });
    }

    /// Waits for the status bar to end with `position`, like "3/7".
    fn wait_for_position(&self, position: &str) {
        self.wait_for(&format!("the position {position}"), |screen| {
            last_row(screen)
                .trim_end()
                .ends_with(&format!(" {position}"))
        });
    }

    /// Waits until nothing has been written for `quiet`; returns the bytes written so far.
    fn wait_until_quiet(&self, quiet: Duration) -> usize {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = self.output().raw.len();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            assert!(Instant::now() < deadline, "never stopped writing");
            thread::sleep(POLL);
            let now = self.output().raw.len();
            if now != seen {
                (seen, since) = (now, Instant::now());
            }
        }
        seen
    }

    /// Waits for the program to end and for all it wrote to be read.
    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("cannot wait for orgtree") {
                break status;
            }
            let screen = self.screen_text();
            assert!(Instant::now() < deadline, "no exit; screen:\n{screen}");
            thread::sleep(POLL);
        };
        while !self.output().closed {
            assert!(
                Instant::now() < deadline,
                "the pty stayed open after the exit"
            );
            thread::sleep(POLL);
        }
        self.reader.take().unwrap().join().unwrap();
        status
    }

    fn send_signal(&self, name: &str) {
        let pid = self.child.process_id().expect("no process id").to_string();
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), "--", &pid])
            .status()
            .expect("cannot run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    /// Resizes the terminal, the emulator first so that the redraw lands on the new size.
    fn resize(&self, cols: u16, rows: u16) {
        let (height, width) = (
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.output().parser.set_size(height, width);
        self.master
            .resize(pty_size(cols, rows))
            .expect("cannot resize the pty");
    }

    fn raw_output(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    fn screen_text(&self) -> String {
        self.output().parser.screen().contents()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn row(screen: &vt100::Screen, index: usize) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).nth(index).unwrap_or_default()
}

fn last_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).last().unwrap_or_default()
}

/// The search's "2/7 matches" in a status bar, as (2, 7).
fn match_count(status_bar: &str) -> Option<(usize, usize)> {
    let before = &status_bar[..status_bar.find(" matches")?];
    let (at, total) = before.rsplit(' ').next()?.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The terminal is as the program found it: main screen, cursor shown, and the raw output
/// says so explicitly.
fn assert_terminal_restored(session: &Session) {
    let output = session.output();
    let screen = output.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(
        contains(&output.raw, ENTER_ALTERNATE_SCREEN),
        "never entered it"
    );
    assert!(
        contains(&output.raw, LEAVE_ALTERNATE_SCREEN),
        "never left it"
    );
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
    // The moved posts start folded away under the new COO post.
    assert!(
        !session
            .screen_text()
            .contains("Director of Commercial Technology")
    );
    let status = |n: usize| format!("changed post {n} of 5");
    session.type_keys(b"]");
    session.wait_for("the first change", |screen| {
        last_row(screen).contains(&status(1))
    });
    session.type_keys(b"]");
    session.wait_for("the second change, unfolded", |screen| {
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
