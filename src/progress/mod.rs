//! How far the long work of a command has got (reading a chart, comparing two): the step it
//! is at and its counts, held process-wide so that a reader deep in a load can add to them
//! without being handed anything, and the flag that asks the work to stop (Ctrl-C).
//!
//! Readers add to the counts once a block of bytes or a few thousand rows ([`read`],
//! [`Tally::tick`]) and stop when [`cancelled`]: relaxed atomics, a few nanoseconds a
//! block. Showing it is for the binary (a line on standard error) and the screen (a box);
//! this module never draws, it only says what to show ([`Snapshot`], [`line`]).

mod line;
mod reading;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub use line::shown_bytes;
pub use reading::{read_file, read_to_end};

/// How long work goes on before it is worth showing: less and it would only flicker.
pub const SHOW_AFTER: Duration = Duration::from_millis(330);

/// The step under way, if any: what it is, when it began, what its counts are called.
struct Step {
    text: String,
    started: Instant,
    unit: &'static str,
}

static STEP: Mutex<Option<Step>> = Mutex::new(None);
/// Bytes read of the step's input, and how many it has in all (0: not known).
static READ: AtomicU64 = AtomicU64::new(0);
static SIZE: AtomicU64 = AtomicU64::new(0);
/// How many inputs of no known size (pipes) are being read: while any is, the whole has no
/// size known; once read, each adds what it held to the size.
static UNSIZED: AtomicU64 = AtomicU64::new(0);
/// Rows (or entries) read by the readers that count them.
static ROWS: AtomicU64 = AtomicU64::new(0);
/// Parts of the step done (files read, pairs compared), and how many there are.
static PARTS_DONE: AtomicU64 = AtomicU64::new(0);
static PARTS: AtomicU64 = AtomicU64::new(0);
/// Set when the user asks the work to stop; never cleared: the command ends.
static CANCELLED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));
/// Set while no step is under way, when there is nothing to stop and Ctrl-C may end the
/// process at once.
static IDLE: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(true)));

fn step() -> std::sync::MutexGuard<'static, Option<Step>> {
    STEP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts a step called `text` ("reading big.json"), its counts at nothing.
pub fn begin(text: impl Into<String>) {
    let mut step = step();
    for count in [&READ, &SIZE, &UNSIZED, &ROWS, &PARTS_DONE, &PARTS] {
        count.store(0, Relaxed);
    }
    *step = Some(Step {
        text: text.into(),
        started: Instant::now(),
        unit: "rows",
    });
    IDLE.store(false, Relaxed);
}

/// Ends the step under way: nothing is shown any more.
pub fn finish() {
    *step() = None;
    IDLE.store(true, Relaxed);
}

/// Whether a step is under way.
pub fn busy() -> bool {
    !IDLE.load(Relaxed)
}

/// Adds `bytes` to the size of the step's input (a file about to be read).
pub fn expect(bytes: u64) {
    SIZE.fetch_add(bytes, Relaxed);
}

/// Says that an input of no known size (a pipe, standard input) is being read; until it
/// is [`sized`], the step's input has no size known.
fn unsized_input() {
    UNSIZED.fetch_add(1, Relaxed);
}

/// Says that an input of no known size has been read whole, and held `bytes`.
fn sized(bytes: u64) {
    SIZE.fetch_add(bytes, Relaxed);
    // Saturating: a step begun meanwhile has no such input to count down.
    let _ = UNSIZED.fetch_update(Relaxed, Relaxed, |open| open.checked_sub(1));
}

/// Adds `bytes` to what has been read of the step's input.
pub fn read(bytes: u64) {
    READ.fetch_add(bytes, Relaxed);
}

/// Says how many parts the step has (files to read, pairs to compare).
pub fn parts(total: u64) {
    PARTS.store(total, Relaxed);
}

/// Counts one more part of the step done when dropped: at the end of the part's work,
/// however it ends.
pub struct PartDone;

impl Drop for PartDone {
    fn drop(&mut self) {
        PARTS_DONE.fetch_add(1, Relaxed);
    }
}

/// Asks the work under way to stop.
pub fn cancel() {
    CANCELLED.store(true, Relaxed);
}

/// Whether the work was asked to stop: a reader that sees it stops reading.
pub fn cancelled() -> bool {
    CANCELLED.load(Relaxed)
}

/// The flag [`cancel`] sets, for a signal handler to set.
pub fn cancel_flag() -> Arc<AtomicBool> {
    Arc::clone(&CANCELLED)
}

/// The flag that is set while no step is under way, for a signal handler that ends the
/// process at once when there is no work to stop.
pub fn idle_flag() -> Arc<AtomicBool> {
    Arc::clone(&IDLE)
}

/// Rows read by a reader, told to the step a few thousand at a time.
pub struct Tally {
    untold: u64,
}

/// How many rows a tally counts before telling the step and looking at [`cancelled`].
const ROWS_AT_ONCE: u64 = 4096;

impl Tally {
    /// A tally of `unit` ("rows", "entries"), which the step's counts are then called.
    pub fn new(unit: &'static str) -> Self {
        if let Some(step) = step().as_mut() {
            step.unit = unit;
        }
        Self { untold: 0 }
    }

    /// One more row read; whether to go on (false once the work was asked to stop).
    pub fn tick(&mut self) -> bool {
        self.untold += 1;
        if self.untold < ROWS_AT_ONCE {
            return true;
        }
        ROWS.fetch_add(self.untold, Relaxed);
        self.untold = 0;
        !cancelled()
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        ROWS.fetch_add(self.untold, Relaxed);
    }
}

/// What the step under way has done, to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub step: String,
    pub elapsed: Duration,
    /// Bytes read, and the size of the input (0: not known).
    pub read: u64,
    pub size: u64,
    /// Rows read, and what they are called.
    pub rows: u64,
    pub unit: &'static str,
    /// Parts done, of how many (0: the step has no parts).
    pub parts_done: u64,
    pub parts: u64,
}

/// The step under way and its counts; none when there is no step.
pub fn snapshot() -> Option<Snapshot> {
    let step = step();
    let step = step.as_ref()?;
    Some(Snapshot {
        step: step.text.clone(),
        elapsed: step.started.elapsed(),
        read: READ.load(Relaxed),
        size: if UNSIZED.load(Relaxed) > 0 {
            0
        } else {
            SIZE.load(Relaxed)
        },
        rows: ROWS.load(Relaxed),
        unit: step.unit,
        parts_done: PARTS_DONE.load(Relaxed),
        parts: PARTS.load(Relaxed),
    })
}

impl Snapshot {
    /// Whether the step has gone on long enough to be shown.
    pub fn worth_showing(&self) -> bool {
        self.elapsed >= SHOW_AFTER
    }

    /// The step and how far it has got, in a line of at most `width` columns.
    pub fn line(&self, width: usize) -> String {
        line::line(self, width)
    }

    /// How far the step has got, from 0 to 1, when that is known.
    pub fn fraction(&self) -> Option<f64> {
        line::fraction(self)
    }
}
