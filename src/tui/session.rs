//! The screen's session: signals and the terminal's input listened to from the start, raw
//! mode and the alternate screen entered once there is something to show, and the terminal
//! restored on every way out. Work that comes before the first frame (reading the chart,
//! comparing two) is done with the session open ([`Session::load`]): once it has taken a
//! third of a second the screen shows its progress, and Ctrl-C stops it.

use std::io::{self, BufWriter};
use std::mem::ManuallyDrop;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::app::{App, Options};
use super::{Exit, Input, Start, Term, backend, input, serve, terminal, ui};
use crate::progress;

/// How often the progress is drawn again while work goes on.
const EVERY: Duration = Duration::from_millis(100);

/// The terminal, its signals and its input, from before the first frame to the end.
pub struct Session {
    inputs: mpsc::Receiver<Input>,
    /// Where [`Session::load`] says that its work is done.
    wake: mpsc::Sender<Input>,
    // Never dropped: ratatui's drop shows the cursor and, if the terminal has gone (SIGHUP),
    // reports the failure with a print that panics. `terminal::leave` shows the cursor.
    screen: ManuallyDrop<Term>,
    mouse: bool,
    ascii: bool,
    /// Whether to show the progress of the work done before the first frame.
    progress: bool,
    /// Leaves the terminal's state however the session ends.
    _guard: terminal::Guard,
}

/// How the work done before the first frame ended.
pub enum Loaded<T> {
    Done(T),
    /// Ctrl-C or a signal stopped it, during the step named if there was one: the session
    /// should end as `exit` says.
    Stopped {
        exit: Exit,
        during: Option<String>,
    },
}

impl Session {
    /// Starts listening to the signals and the terminal. Nothing is drawn yet.
    pub fn open(mouse: bool, ascii: bool, progress: bool) -> Result<Self> {
        let (sender, inputs) = mpsc::channel();
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT, SIGWINCH])
            .context("cannot listen for signals")?;
        let to_loop = sender.clone();
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if to_loop.send(Input::Signal(signal)).is_err() {
                    break;
                }
            }
        });
        let wake = sender.clone();
        input::spawn(move |received| {
            let input = match received {
                input::Received::Event(event) => Input::Terminal(event),
                // The terminal has gone: end as its hang-up signal ends the program.
                input::Received::HungUp => Input::Signal(SIGHUP),
                input::Received::Failed(error) => Input::Failed(error),
            };
            sender.send(input).is_ok()
        })
        .context("cannot read the keyboard")?;
        terminal::restore_on_panic();
        // One write a frame, of as few bytes as the frame's changes take: over SSH, fewer
        // and smaller packets.
        let backend = backend::FrugalBackend::new(BufWriter::with_capacity(1 << 16, io::stdout()));
        let screen = ManuallyDrop::new(Terminal::new(backend)?);
        Ok(Self {
            inputs,
            wake,
            screen,
            mouse,
            ascii,
            progress,
            _guard: terminal::Guard,
        })
    }

    /// Does `work` on this thread while the session watches: once a step of it has gone on
    /// a third of a second, the screen is entered and shows the step's progress; Ctrl-C (a
    /// key in raw mode, SIGINT before), SIGTERM and SIGHUP ask the work to stop
    /// ([`progress::cancel`]), and the session is then to end as the signal says.
    pub fn load<T>(&mut self, work: impl FnOnce() -> T) -> Result<Loaded<T>> {
        let Self {
            inputs,
            wake,
            screen,
            mouse,
            ascii,
            progress,
            ..
        } = self;
        let watch = Watch {
            mouse: *mouse,
            ascii: *ascii,
            progress: *progress,
        };
        let (done, stopped) = std::thread::scope(|scope| {
            let watcher = scope.spawn(move || watch.run(inputs, screen));
            let done = {
                // Wakes the watcher when the work ends, by a panic too.
                let _wake = Wake(wake.clone());
                work()
            };
            (done, watcher.join())
        });
        let stopped = stopped.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(match stopped {
            Some((exit, during)) => Loaded::Stopped { exit, during },
            None => Loaded::Done(done),
        })
    }

    /// Restores the terminal, to say why the session ends.
    pub fn leave(&mut self) {
        terminal::leave();
    }

    /// Shows what `start` says until the user quits, then restores the terminal.
    pub fn show(mut self, start: Start, options: Options) -> Result<Exit> {
        if !terminal::entered() {
            terminal::enter(self.mouse).context("cannot set up the terminal")?;
        }
        let size = self.screen.size()?;
        let size = (size.width, size.height);
        let mut app = match start {
            Start::Compare(org, compare) => App::comparing(org, *compare, options, size),
            Start::Series(series) => App::in_series(*series, options, size),
            Start::Browse(org) => App::new(org, options, size),
            Start::Edit { org, recover } => {
                let mut app = App::new(org, options, size);
                app.begin_whatif(recover);
                app
            }
        };
        self.screen.draw(|frame| ui::draw(frame, &app))?;
        let exit = serve(&mut app, &mut self.screen, &self.inputs, self.mouse);
        if matches!(exit, Ok(Exit::Quit)) {
            app.finish();
        }
        // Give the terminal back first, then free the chart on another thread: a million
        // posts take a tenth of a second to free, which nobody needs to wait for.
        terminal::leave();
        std::thread::spawn(move || drop(app));
        exit
    }
}

/// Says that the work is done when dropped.
struct Wake(mpsc::Sender<Input>);

impl Drop for Wake {
    fn drop(&mut self) {
        let _ = self.0.send(Input::Loaded);
    }
}

/// What the watcher of [`Session::load`] needs to know.
#[derive(Clone, Copy)]
struct Watch {
    mouse: bool,
    ascii: bool,
    progress: bool,
}

impl Watch {
    /// Shows the progress and listens for Ctrl-C until the work is done; the way the
    /// session should end, if it was stopped.
    fn run(
        self,
        inputs: &mpsc::Receiver<Input>,
        screen: &mut Term,
    ) -> Result<Option<(Exit, Option<String>)>> {
        let mut stopped = None;
        let mut suspended = false;
        loop {
            let mut stop = |signal| {
                progress::cancel();
                let during = progress::snapshot().map(|shown| shown.step);
                stopped.get_or_insert((Exit::Signal(signal), during));
            };
            match inputs.recv_timeout(EVERY) {
                Ok(Input::Loaded) | Err(RecvTimeoutError::Disconnected) => return Ok(stopped),
                Ok(Input::Signal(signal @ (SIGINT | SIGTERM | SIGHUP))) => stop(signal),
                Ok(Input::Terminal(Event::Key(key)))
                    if key.kind != KeyEventKind::Release
                        && key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    stop(SIGINT);
                }
                Ok(Input::Signal(SIGTSTP)) => {
                    terminal::suspend().context("cannot suspend")?;
                    suspended = true;
                }
                Ok(Input::Signal(SIGCONT)) if suspended => {
                    suspended = false;
                    // The shell has used the screen meanwhile: draw all of it again.
                    screen.clear()?;
                }
                // Other keys wait for the chart no more than the user does: dropped.
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            }
            if stopped.is_some() || suspended || !self.progress {
                continue;
            }
            let Some(shown) = progress::snapshot().filter(progress::Snapshot::worth_showing) else {
                continue;
            };
            if !terminal::entered() {
                terminal::enter(self.mouse).context("cannot set up the terminal")?;
            }
            screen.draw(|frame| ui::loading::draw(frame, &shown, self.ascii))?;
        }
    }
}
