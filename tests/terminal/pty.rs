//! The real `orgtree` binary in a pseudo-terminal: a thread reads everything it writes into
//! a terminal emulator (`vt100`) and keeps the raw bytes too, keys are typed into it, and the
//! waits poll the emulated screen.
//!
//! Shared by the end-to-end tests in this folder and by `examples/keybytes.rs`, which
//! includes this file with `#[path]`. The waits that can fail come twice: `try_*` gives the
//! failure as an error, for the example; the plain one panics with the same message, for
//! the tests.

// The tests and the example each use their own part of this harness.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long to wait for anything the program should do, unless the session says otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the screen is checked while waiting, unless the session says otherwise.
pub const POLL: Duration = Duration::from_millis(10);

pub const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const ENABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000h";
pub const DISABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000l";

/// The terminal events that do not change the screen, recorded to check that chart text
/// cannot trigger them.
#[derive(Default)]
pub struct TerminalEvents {
    pub window_titles: Vec<Vec<u8>>,
    pub icon_names: Vec<Vec<u8>>,
    pub clipboard_requests: usize,
    pub bells: usize,
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
pub struct Output {
    pub parser: vt100::Parser<TerminalEvents>,
    pub raw: Vec<u8>,
    /// The program has closed the terminal: it has ended, and all it wrote has been read.
    pub closed: bool,
}

/// `program` to run in `folder`, in colour and a UTF-8 locale, with nothing from the
/// caller's environment that would change that. Add its arguments and any more of its
/// environment before [`Session::spawn`].
pub fn command(program: impl AsRef<OsStr>, folder: impl AsRef<Path>) -> CommandBuilder {
    let mut command = CommandBuilder::new(program);
    // Otherwise the child of a pty starts in the home directory, where relative paths in
    // its arguments are not.
    command.cwd(folder.as_ref());
    for unwanted in ["LC_ALL", "LC_CTYPE", "NO_COLOR", "ORGTREE_TEST_PANIC_KEY"] {
        command.env_remove(unwanted);
    }
    command.env("LANG", "C.UTF-8");
    command.env("TERM", "xterm-256color");
    // No configuration file of the machine's user: the defaults, unless a test sets one.
    command.env("XDG_CONFIG_HOME", "/nonexistent/orgtree-tests/config");
    command
}

/// A program running in a pseudo-terminal, with a thread reading all it writes.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    keyboard: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    /// How long a wait goes on before it fails.
    pub timeout: Duration,
    /// How often a wait looks again.
    pub poll: Duration,
}

impl Session {
    /// Starts `command` (see [`command`]) in a `cols` x `rows` terminal.
    pub fn spawn(command: CommandBuilder, (cols, rows): (u16, u16)) -> Result<Self> {
        let size = (
            NonZeroU16::new(rows).context("no rows")?,
            NonZeroU16::new(cols).context("no columns")?,
        );
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .context("cannot open a pseudo-terminal")?;
        let program = command
            .get_argv()
            .first()
            .map(|program| program.to_string_lossy().into_owned())
            .unwrap_or_default();
        let child = pair
            .slave
            .spawn_command(command)
            .with_context(|| format!("cannot start {program}"))?;
        // Only the child may hold the terminal's other end, so that reading sees its end.
        drop(pair.slave);

        let parser =
            vt100::Parser::new_with_callbacks(size.0, size.1, 0, TerminalEvents::default());
        let output = Arc::new(Mutex::new(Output {
            parser,
            raw: Vec::new(),
            closed: false,
        }));
        let mut from_child = pair
            .master
            .try_clone_reader()
            .context("cannot read the pty")?;
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
        let keyboard = pair
            .master
            .take_writer()
            .context("cannot write to the pty")?;
        Ok(Self {
            master: pair.master,
            keyboard,
            child,
            output,
            reader: Some(reader),
            timeout: TIMEOUT,
            poll: POLL,
        })
    }

    pub fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Types `keys` (raw bytes, as a terminal sends them).
    pub fn send(&mut self, keys: &[u8]) -> io::Result<()> {
        self.keyboard.write_all(keys)?;
        self.keyboard.flush()
    }

    #[track_caller]
    pub fn type_keys(&mut self, keys: &[u8]) {
        self.send(keys).expect("cannot type");
    }

    /// Polls the parsed screen until `ready` holds; fails after the session's timeout, or at
    /// once if the program has closed the terminal without it holding.
    pub fn try_wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> Result<()> {
        let deadline = Instant::now() + self.timeout;
        loop {
            {
                let output = self.output();
                let screen = output.parser.screen();
                if ready(screen) {
                    return Ok(());
                }
                if output.closed {
                    let screen = screen.contents();
                    bail!("the program ended before {what}; screen:\n{screen}");
                }
                if Instant::now() > deadline {
                    let screen = screen.contents();
                    bail!("timed out waiting for {what}; screen:\n{screen}");
                }
            }
            thread::sleep(self.poll);
        }
    }

    /// [`Session::try_wait_for`], failing the test.
    #[track_caller]
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        if let Err(error) = self.try_wait_for(what, ready) {
            panic!("{error}");
        }
    }

    /// Waits until nothing has been written for `quiet`; gives the bytes written so far.
    pub fn try_wait_until_quiet(&self, quiet: Duration) -> Result<usize> {
        let deadline = Instant::now() + self.timeout;
        let mut seen = self.bytes_written();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            if Instant::now() >= deadline {
                return Err(anyhow!("never stopped writing"));
            }
            thread::sleep(self.poll);
            let now = self.bytes_written();
            if now != seen {
                (seen, since) = (now, Instant::now());
            }
        }
        Ok(seen)
    }

    /// [`Session::try_wait_until_quiet`], failing the test.
    #[track_caller]
    pub fn wait_until_quiet(&self, quiet: Duration) -> usize {
        self.try_wait_until_quiet(quiet)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// Waits for the program to end and for all it wrote to be read.
    #[track_caller]
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            if let Some(status) = self.try_wait().expect("cannot wait for orgtree") {
                break status;
            }
            let screen = self.screen_text();
            assert!(Instant::now() < deadline, "no exit; screen:\n{screen}");
            thread::sleep(self.poll);
        };
        while !self.output().closed {
            assert!(
                Instant::now() < deadline,
                "the pty stayed open after the exit"
            );
            thread::sleep(self.poll);
        }
        self.reader.take().unwrap().join().unwrap();
        status
    }

    /// The program's exit status if it has ended, without waiting.
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        self.child.try_wait()
    }

    pub fn is_running(&mut self) -> bool {
        self.try_wait().expect("cannot wait for orgtree").is_none()
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends the signal `name` (like `TERM`) to the program with `kill`.
    #[track_caller]
    pub fn send_signal(&self, name: &str) {
        let pid = self.process_id().expect("no process id").to_string();
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), "--", &pid])
            .status()
            .expect("cannot run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    /// Resizes the terminal, the emulator first so that the redraw lands on the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let (height, width) = (
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.output().parser.set_size(height, width);
        self.master
            .resize(pty_size(cols, rows))
            .expect("cannot resize the pty");
    }

    /// How many bytes the program has written so far.
    pub fn bytes_written(&self) -> usize {
        self.output().raw.len()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    pub fn screen_text(&self) -> String {
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

/// Row `index` of the screen (from 0), as text.
pub fn row(screen: &vt100::Screen, index: usize) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).nth(index).unwrap_or_default()
}

/// The bottom row of the screen: the status bar.
pub fn last_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).last().unwrap_or_default()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The terminal is as the program found it: main screen, cursor shown, and the raw output
/// says so explicitly.
#[track_caller]
pub fn assert_terminal_restored(session: &Session) {
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
