//! The interactive program: a full-screen, keyboard-driven view of a chart.
//!
//! [`app::App`] holds the state and changes it in response to [`action::Action`]s; `ui`
//! draws it; `input` reads the keyboard and the mouse; `keys` turns key presses into
//! actions; `terminal` looks after the terminal; [`Session`] joins them in an event loop that
//! sleeps until a key, a resize or a signal comes.

pub mod action;
pub mod app;
pub mod backend;
pub mod chart_index;
pub mod compare_screen;
pub mod config;
pub mod follow;
pub mod form;
pub mod impact;
pub mod input;
pub mod keys;
pub mod layout;
pub mod overlay;
pub mod search;
pub mod series;
pub mod session;
pub mod side_rows;
pub mod terminal;
pub mod theme;
pub mod tree_view;
pub mod ui;
pub mod whatif;

use std::io::{self, BufWriter};
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use crossterm::event::{Event, KeyCode, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};

use crate::org::Org;
use action::Action;
use app::{App, Outcome};
pub use session::{Loaded, Session};

/// Why the program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT) ended it; the exit status should be 128 + it.
    Signal(i32),
}

/// What wakes the event loop.
enum Input {
    Terminal(Event),
    Signal(i32),
    Failed(io::Error),
    /// The work the screen waited on is done (see [`Session::load`]).
    Loaded,
}

/// What the screen opens on.
pub enum Start {
    /// Browsing the chart; the first edit key starts a what-if.
    Browse(Org),
    /// The comparison of two charts: the merged chart, and what the screen shows of it.
    Compare(Org, Box<compare_screen::CompareState>),
    /// A what-if on the chart; with `recover`, the edits of a journal an earlier session
    /// left are done again without asking.
    Edit { org: Org, recover: bool },
    /// The comparison of a series of releases, one pair at a time.
    Series(Box<series::Series>),
}

type Term = Terminal<backend::FrugalBackend<BufWriter<io::Stdout>>>;

/// Handles inputs until the user quits or a signal ends the program.
fn serve(
    app: &mut App,
    screen: &mut Term,
    inputs: &mpsc::Receiver<Input>,
    mouse: bool,
) -> Result<Exit> {
    let panic_key = panic_key();
    loop {
        let mut redraw = false;
        // Wait for one input, then take every other one already waiting before drawing.
        // While a search is being worked out, do a slice of it whenever no input waits.
        let mut next = if app.has_work() {
            match inputs.try_recv() {
                Ok(input) => Some(input),
                Err(mpsc::TryRecvError::Empty) => {
                    redraw = app.work();
                    None
                }
                Err(mpsc::TryRecvError::Disconnected) => bail!("the input threads stopped"),
            }
        } else {
            Some(inputs.recv().context("the input threads stopped")?)
        };
        while let Some(input) = next {
            let action = match input {
                Input::Terminal(event) => {
                    if let Event::Key(key) = &event
                        && key.kind == KeyEventKind::Press
                        && panic_key.is_some_and(|c| key.code == KeyCode::Char(c))
                    {
                        panic!("test panic requested with ORGTREE_TEST_PANIC_KEY");
                    }
                    action_of(app, &event, mouse)
                }
                Input::Signal(SIGTSTP) => Some(Action::Suspend),
                Input::Signal(SIGCONT) => {
                    // Back from a suspend, or from a stop by someone else: take the terminal
                    // back if it was given up, and draw everything, since the shell or
                    // another program has used the screen meanwhile.
                    if !terminal::entered() {
                        terminal::enter(mouse).context("cannot take the terminal back")?;
                    }
                    // A resize to the size now, which may have changed meanwhile, clears the
                    // screen and makes the next frame draw everything.
                    let size = screen.size()?;
                    screen.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                    Some(Action::Resize(size.width, size.height))
                }
                Input::Signal(SIGWINCH) => {
                    let size = screen.size()?;
                    Some(Action::Resize(size.width, size.height))
                }
                Input::Signal(signal) => return Ok(Exit::Signal(signal)),
                Input::Failed(error) => return Err(error).context("cannot read the keyboard"),
                Input::Loaded => None,
            };
            if let Some(action) = action {
                let outcome = app.update(action);
                if let Some(text) = app.to_copy.take() {
                    terminal::copy(&text).context("cannot write to the terminal")?;
                }
                match outcome {
                    Outcome::Redraw => redraw = true,
                    Outcome::Quit => return Ok(Exit::Quit),
                    Outcome::Suspend => terminal::suspend().context("cannot suspend")?,
                }
            }
            next = inputs.try_recv().ok();
        }
        if redraw && terminal::entered() {
            screen.draw(|frame| ui::draw(frame, app))?;
        }
    }
}

/// The action a terminal event gives in the app's current mode.
fn action_of(app: &App, event: &Event, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.options.keymap.action(app.mode(), *key)
        }
        Event::Mouse(click) if mouse => match click.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(click.column, click.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            _ => None,
        },
        _ => None,
    }
}

/// A key that makes the program panic, for the tests of the panic path; hidden from users.
fn panic_key() -> Option<char> {
    std::env::var("ORGTREE_TEST_PANIC_KEY")
        .ok()
        .and_then(|value| value.chars().next())
}
