//! Measures how many bytes `orgtree` writes to the terminal for single key presses: the
//! cost of a redraw, which is what a slow link (SSH, a serial console) pays for each key.
//! Also how long the real program takes from its start to its first frame, and its peak
//! memory (on Linux, where `/proc` tells).
//!
//! ```text
//! cargo build --release
//! cargo run --release --example keybytes -- [--size 80x24] [FILE]
//! ```
//!
//! The program measured is `$ORGTREE_BIN`, or else `target/release/orgtree` in this crate:
//! build it yourself first with `cargo build --release` (this example does not build it,
//! and a stale binary gives stale numbers). Without FILE the chart is a generated one of
//! 10,000 posts (`orgtree generate --posts 10000 --seed 42`).
//!
//! The program runs in a pseudo-terminal of the given size (columns x rows, 80x24 unless
//! told), in colour (`NO_COLOR` removed) and a UTF-8 locale. After the first frame, each
//! key is sent once and counted until the output has been quiet for 150 ms. Some keys need
//! setting up first (for example moving the selection to the bottom row, to measure a
//! scroll); the keys pressed for that are not counted.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

// The same pseudo-terminal harness as the end-to-end tests.
#[path = "../tests/terminal/pty.rs"]
mod pty;

use pty::Session;

/// How long the output must be still for a key's redraw to count as finished.
const QUIET: Duration = Duration::from_millis(150);
/// How long to wait for the program to start or to settle before giving up.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How often to look at the output while waiting: often, as the first frame is timed.
const POLL: Duration = Duration::from_millis(2);

/// `orgtree` running in a pseudo-terminal, to measure.
struct Probe {
    session: Session,
}

impl Probe {
    fn start(program: &Path, chart: &Path, size: (u16, u16)) -> Result<Self> {
        let mut command = pty::command(program, std::env::current_dir()?);
        command.arg(chart);
        let mut session = Session::spawn(command, size)?;
        session.timeout = TIMEOUT;
        session.poll = POLL;
        Ok(Self { session })
    }

    /// Waits until the alternate screen shows the title bar and nothing more comes; how long
    /// the title bar took to show.
    fn wait_for_first_frame(&mut self, started: Instant) -> Result<Duration> {
        self.session.try_wait_for("the first frame", |screen| {
            screen.alternate_screen() && pty::row(screen, 0).starts_with(" orgtree: ")
        })?;
        let first_frame = started.elapsed();
        self.wait_until_quiet()?;
        Ok(first_frame)
    }

    /// The program's peak memory (resident set) so far, in megabytes, where the system
    /// tells.
    fn peak_memory(&self) -> Option<f64> {
        let pid = self.session.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kilobytes / 1024.0)
    }

    /// Waits until nothing has been written for [`QUIET`]; returns the bytes so far.
    fn wait_until_quiet(&self) -> Result<usize> {
        self.session.try_wait_until_quiet(QUIET)
    }

    /// Sends `key` and waits for its redraw, without counting it.
    fn press(&mut self, key: &[u8]) -> Result<()> {
        self.session.send(key)?;
        self.wait_until_quiet()?;
        Ok(())
    }

    /// Sends `key` and returns how many bytes its redraw took.
    fn measure(&mut self, key: &[u8]) -> Result<usize> {
        let before = self.wait_until_quiet()?;
        self.session.send(key)?;
        Ok(self.wait_until_quiet()? - before)
    }

    /// How many bytes arrive while nothing is pressed for `span`.
    fn idle(&self, span: Duration) -> Result<usize> {
        let before = self.wait_until_quiet()?;
        thread::sleep(span);
        Ok(self.session.bytes_written() - before)
    }

    /// The screen row of the highlighted selection, and the row above the status bar.
    fn selection_and_last_tree_row(&self) -> (Option<u16>, u16) {
        let output = self.session.output();
        let screen = output.parser.screen();
        let rows = screen.size().0.get();
        let last_tree_row = rows.saturating_sub(2);
        let cols = screen.size().1.get();
        let selected = (1..=last_tree_row).find(|&row| {
            (0..cols).any(|col| {
                screen
                    .cell(row, col)
                    .is_some_and(|cell| cell.inverse() || cell.bgcolor() != vt100::Color::Default)
            })
        });
        (selected, last_tree_row)
    }

    /// Moves the selection down to the last row of the tree pane; false when the chart
    /// ends before it.
    fn select_last_visible_row(&mut self) -> Result<bool> {
        loop {
            let (Some(row), last) = self.selection_and_last_tree_row() else {
                bail!("cannot see the selected row");
            };
            if row == last {
                return Ok(true);
            }
            self.press(b"j")?;
            if self.selection_and_last_tree_row().0 == Some(row) {
                return Ok(false);
            }
        }
    }
}

impl Drop for Probe {
    /// Quits with `q`, and leaves the session to kill the program if that did not end it.
    fn drop(&mut self) {
        let _ = self.session.send(b"q");
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.session.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

struct Arguments {
    size: (u16, u16),
    chart: Option<PathBuf>,
}

fn parse_arguments() -> Result<Arguments> {
    let mut arguments = Arguments {
        size: (80, 24),
        chart: None,
    };
    let mut words = std::env::args_os().skip(1);
    while let Some(word) = words.next() {
        let word = word
            .into_string()
            .map_err(|_| anyhow::anyhow!("arguments must be UTF-8"))?;
        if let Some(size) = word.strip_prefix("--size=") {
            arguments.size = parse_size(size)?;
        } else if word == "--size" {
            let size = words.next().context("--size needs a value like 80x24")?;
            arguments.size = parse_size(&size.to_string_lossy())?;
        } else if word == "--help" || word == "-h" {
            println!("usage: keybytes [--size COLSxROWS] [FILE]");
            std::process::exit(0);
        } else if word.starts_with('-') || arguments.chart.is_some() {
            bail!("unexpected argument {word:?}; usage: keybytes [--size COLSxROWS] [FILE]");
        } else {
            arguments.chart = Some(word.into());
        }
    }
    Ok(arguments)
}

fn parse_size(text: &str) -> Result<(u16, u16)> {
    let (cols, rows) = text
        .split_once(['x', 'X'])
        .with_context(|| format!("size {text:?} is not COLSxROWS, like 80x24"))?;
    let size = (cols.parse()?, rows.parse()?);
    ensure!(size.0 >= 20 && size.1 >= 5, "size {text:?} is too small");
    Ok(size)
}

fn orgtree_binary() -> Result<PathBuf> {
    let program = std::env::var_os("ORGTREE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/orgtree"),
        PathBuf::from,
    );
    ensure!(
        program.is_file(),
        "{} does not exist: build it with `cargo build --release`, or set ORGTREE_BIN",
        program.display()
    );
    Ok(program)
}

fn generate_chart(program: &Path, path: &Path) -> Result<()> {
    let status = Command::new(program)
        .args([
            "generate", "--posts", "10000", "--seed", "42", "--force", "-o",
        ])
        .arg(path)
        .status()
        .with_context(|| format!("cannot run {}", program.display()))?;
    ensure!(status.success(), "orgtree generate failed: {status}");
    Ok(())
}

fn run() -> Result<()> {
    let arguments = parse_arguments()?;
    let program = orgtree_binary()?;
    // The generated chart, deleted when dropped at the end.
    let mut generated = None;
    let chart = if let Some(chart) = arguments.chart {
        chart
    } else {
        let file = tempfile::Builder::new()
            .prefix("keybytes-")
            .suffix(".json")
            .tempfile()?;
        generate_chart(&program, file.path())?;
        generated.insert(file).path().to_path_buf()
    };

    let started = Instant::now();
    let mut session = Probe::start(&program, &chart, arguments.size)?;
    let first_frame = session.wait_for_first_frame(started)?;
    let memory_at_start = session.peak_memory();
    // Evaluated in order: each entry sets up what it needs, then measures one key.
    let table = vec![
        ("j", "move down one row", Some(session.measure(b"j")?)),
        ("J", "next sibling", Some(session.measure(b"J")?)),
        ("K", "previous sibling", Some(session.measure(b"K")?)),
        ("PageDown", "page down (a page of new rows)", {
            session.press(b"9")?;
            Some(session.measure(b"\x1b[6~")?)
        }),
        ("j", "scroll by one row (at the bottom)", {
            if session.select_last_visible_row()? {
                Some(session.measure(b"j")?)
            } else {
                None
            }
        }),
        ("k", "scroll back by one row (at the top)", {
            session.press(b"\x1b[5~")?;
            Some(session.measure(b"k")?)
        }),
        ("l", "unfold", {
            // Fold everything, so that the selection lands on a folded post to open.
            session.press(b"0")?;
            Some(session.measure(b"l")?)
        }),
        ("/", "open the search prompt", Some(session.measure(b"/")?)),
        ("e", "type a search character", Some(session.measure(b"e")?)),
        ("(none)", "a second of nothing", {
            session.press(b"\x1b")?;
            Some(session.idle(Duration::from_secs(1))?)
        }),
    ];

    let fits = table.iter().any(|(_, _, bytes)| bytes.is_none());
    let (cols, rows) = arguments.size;
    let name = if generated.is_some() {
        "generated chart (10,000 posts, seed 42)".to_string()
    } else {
        chart.display().to_string()
    };
    println!("{name} at {cols}x{rows}");
    println!("first frame after {} ms", first_frame.as_millis());
    if let (Some(start), Some(end)) = (memory_at_start, session.peak_memory()) {
        println!("peak memory {start:.1} MB at the first frame, {end:.1} MB after the keys");
    }
    println!("{:<10} {:<36} {:>8}", "key", "what", "bytes");
    for (key, what, bytes) in table {
        let bytes = bytes.map_or_else(|| "-".to_string(), |bytes| bytes.to_string());
        println!("{key:<10} {what:<36} {bytes:>8}");
    }
    if fits {
        println!("(-: the whole chart fits on the screen, so nothing scrolls)");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("keybytes: {error:#}");
            ExitCode::FAILURE
        }
    }
}
