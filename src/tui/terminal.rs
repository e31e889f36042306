//! The terminal's state while orgtree runs: raw mode and the alternate screen, entered once
//! and left on every way out (quit, error, panic, signal) and around a suspend.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::style::{Attribute, ResetColor, SetAttribute};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Whether the terminal is in orgtree's state now, so that leaving happens once.
static ENTERED: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on and must be turned off again.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, a hidden cursor, and mouse capture if asked for.
pub fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Puts the terminal back as it was. Safe to call more than once and from a panic hook;
/// errors are ignored, since the terminal may be gone (SIGHUP).
pub fn leave() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    // Colours and attributes stay set between frames; leave with none.
    let _ = execute!(
        out,
        ResetColor,
        SetAttribute(Attribute::Reset),
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Leaves the terminal's state when dropped: on return and on unwinding alike.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// Makes a panic restore the terminal before its message is printed, so that the message
/// lands on the main screen and stays readable.
pub fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Stops the process as Ctrl-Z does in a shell, with the terminal restored. The event loop
/// takes the terminal back when SIGCONT (`fg`) arrives.
pub fn suspend() -> io::Result<()> {
    leave();
    // SIGTSTP is handled by orgtree itself, so stop with SIGSTOP, which cannot be.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)
}

/// Whether the terminal is in orgtree's state.
pub fn entered() -> bool {
    ENTERED.load(Ordering::SeqCst)
}

/// Sends `text` to the clipboard through the terminal: the OSC 52 sequence, which terminals
/// take over SSH, and tmux passes on (with `set-clipboard on`). A terminal that does not
/// know it ignores it.
pub fn copy(text: &str) -> io::Result<()> {
    use base64::Engine as _;
    use std::io::Write as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
