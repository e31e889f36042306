//! The progress of long work, for the commands that do not open the screen: one line on
//! standard error, redrawn in place at most ten times a second while a step has gone on
//! longer than a third of a second, and erased when it ends; only when standard error is a
//! terminal, and not with `--no-progress`. And Ctrl-C (SIGINT): during a step it asks the
//! work to stop, and the command ends with exit code 130; a second one, or one when no
//! step goes on, ends the process at once as it always would.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use signal_hook::consts::SIGINT;
use signal_hook::flag;

use orgtree::progress;

use super::note;

/// Exit code of work stopped by Ctrl-C: 128 + SIGINT, as a shell gives.
pub(crate) const INTERRUPTED: u8 = 130;

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(100);

/// Whether the line is on the terminal now. Held while the line is drawn or erased, so
/// that a step's end erases it before anything else is written.
static DRAWN: Mutex<bool> = Mutex::new(false);

/// Whether progress is to be shown at all (not with `--no-progress`).
static WANTED: AtomicBool = AtomicBool::new(true);

/// Says whether progress is to be shown at all, on standard error or the screen.
pub(crate) fn want(wanted: bool) {
    WANTED.store(wanted, Ordering::Relaxed);
}

/// Whether progress is to be shown at all.
pub(crate) fn wanted() -> bool {
    WANTED.load(Ordering::Relaxed)
}

/// Makes Ctrl-C stop the work of a step, and shows the steps on standard error when it is
/// a terminal and progress is [`wanted`].
pub(crate) fn start() -> Result<()> {
    // In the order they run: a second Ctrl-C, or one with no step under way, does what
    // Ctrl-C does by default; otherwise the step is asked to stop.
    flag::register_conditional_default(SIGINT, progress::cancel_flag())
        .and_then(|_| flag::register_conditional_default(SIGINT, progress::idle_flag()))
        .and_then(|_| flag::register(SIGINT, progress::cancel_flag()))
        .context("cannot listen for Ctrl-C")?;
    if wanted() && io::stderr().is_terminal() {
        std::thread::spawn(|| {
            loop {
                std::thread::sleep(EVERY);
                draw();
            }
        });
    }
    Ok(())
}

/// Writes `line` on standard error on a line of its own: a progress line drawn is erased
/// first (and drawn again, below it, at the next redraw).
pub(crate) fn above(line: std::fmt::Arguments) {
    let mut drawn = DRAWN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut err = io::stderr().lock();
    if *drawn {
        let _ = write!(err, "\r\x1b[K");
        *drawn = false;
    }
    let _ = writeln!(err, "{line}");
}

fn draw() {
    let mut drawn = DRAWN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut err = io::stderr().lock();
    match progress::snapshot().filter(progress::Snapshot::worth_showing) {
        Some(shown) => {
            let width = crossterm::terminal::size().map_or(80, |(cols, _)| usize::from(cols));
            // One column short of the width: a line that fills it would wrap on some
            // terminals, and the next redraw would land a line lower.
            let line = shown.line(width.saturating_sub(1).max(1));
            let _ = write!(err, "\r{line}\x1b[K");
            *drawn = true;
        }
        None if *drawn => {
            let _ = write!(err, "\r\x1b[K");
            *drawn = false;
        }
        None => {}
    }
    let _ = err.flush();
}

/// Starts a step ("reading big.json").
pub(crate) fn begin(step: impl Into<String>) {
    progress::begin(step);
}

/// Ends the step under way, erasing its line at once; whether its work was stopped.
pub(crate) fn end() -> bool {
    progress::finish();
    draw();
    progress::cancelled()
}

/// Says that `what` was stopped by Ctrl-C, and gives the exit code for it.
pub(crate) fn interrupted(what: &str) -> ExitCode {
    note(format_args!("orgtree: interrupted while {what}"));
    ExitCode::from(INTERRUPTED)
}

/// Does `work` as a step called `what`; the exit code for it when Ctrl-C stopped it.
pub(crate) fn during<T>(what: &str, work: impl FnOnce() -> T) -> Result<T, ExitCode> {
    begin(what);
    let done = work();
    if end() {
        return Err(interrupted(what));
    }
    Ok(done)
}
