//! Progress while a chart is read: on the screen when browsing, as a line on standard
//! error for the other commands, and Ctrl-C stopping the reading. A chart given through a
//! named pipe half at a time keeps orgtree reading for as long as a test needs.

use std::path::Path;

use crate::pty::{self, Session, assert_terminal_restored, row};

#[path = "../common/fifo.rs"]
mod fifo;

const CHART: &str = "fixtures/home-office-technology-after-coo.json";

fn chart_bytes() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(CHART)).expect("the fixture reads")
}

/// `orgtree ARGS` in an 80x24 terminal in `folder`.
fn start(folder: &Path, args: &[&str]) -> Session {
    let mut command = pty::command(env!("CARGO_BIN_EXE_orgtree"), folder);
    command.args(args);
    Session::spawn(command, (80, 24)).expect("cannot start orgtree in a pty")
}

/// The progress box: a step reading the pipe, the bytes read so far, and the key that stops.
fn shows_the_progress_box(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    screen.alternate_screen()
        && text.contains("reading chart.pipe: ")
        && text.contains(" kB read")
        && text.contains("Ctrl-C stops")
}

#[test]
fn a_slow_load_shows_its_progress_on_the_screen_then_the_chart() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let mut session = start(folder.path(), &["chart.pipe"]);
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    session.wait_for("the progress of the reading", shows_the_progress_box);
    feeder.finish();
    session.wait_for("the chart's first frame", |screen| {
        row(screen, 0).starts_with(" orgtree: Home Office Technology")
            && !screen.contents().contains("Ctrl-C stops")
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn ctrl_c_stops_a_slow_load_restores_the_terminal_and_exits_130() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let mut session = start(folder.path(), &["chart.pipe"]);
    let _feeder = fifo::Feeder::start(pipe, chart_bytes());
    session.wait_for("the progress of the reading", shows_the_progress_box);
    // Raw mode: Ctrl-C arrives as a key.
    session.type_keys(b"\x03");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 130, "exit status {status}");
    assert_terminal_restored(&session);
    let screen = session.screen_text();
    assert!(
        screen.contains("orgtree: interrupted while reading chart.pipe"),
        "{screen}"
    );
}

#[test]
fn the_compare_screen_shows_the_progress_of_its_charts_and_ctrl_c_stops_them() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let before = Path::new(env!("CARGO_MANIFEST_DIR")).join(CHART);
    let mut session = start(
        folder.path(),
        &["compare", before.to_str().unwrap(), "chart.pipe"],
    );
    let _feeder = fifo::Feeder::start(pipe, chart_bytes());
    session.wait_for("the progress of the reading", |screen| {
        screen.alternate_screen()
            && screen.contents().contains(" and chart.pipe: ")
            && screen.contents().contains("Ctrl-C stops")
    });
    session.type_keys(b"\x03");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 130, "exit status {status}");
    assert_terminal_restored(&session);
}

/// The progress line of `orgtree check` on a terminal: drawn while the pipe is read, and
/// erased when the check is done, leaving the summary alone.
#[test]
fn check_on_a_terminal_shows_a_progress_line_and_erases_it() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let mut session = start(folder.path(), &["check", "chart.pipe"]);
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    session.wait_for("the progress line", |screen| {
        row(screen, 0).starts_with("reading chart.pipe: ") && row(screen, 0).contains(" kB read")
    });
    feeder.finish();
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    let screen = session.screen_text();
    assert!(
        screen.starts_with("chart.pipe: ") && screen.contains("no problems"),
        "{screen}"
    );
    assert!(!screen.contains("reading"), "the line stayed:\n{screen}");
    // Never the alternate screen: a line, redrawn in place and erased.
    let raw = session.raw_output();
    assert!(!pty::contains(&raw, pty::ENTER_ALTERNATE_SCREEN));
    assert!(pty::contains(&raw, b"\r\x1b[K"), "never erased");
}

#[test]
fn no_progress_shows_no_line_however_long_the_reading_takes() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let mut session = start(folder.path(), &["--no-progress", "check", "chart.pipe"]);
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    feeder.wait_until_opened();
    // Three times as long as progress waits before it shows.
    std::thread::sleep(std::time::Duration::from_secs(1));
    feeder.finish();
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    let raw = String::from_utf8_lossy(&session.raw_output()).into_owned();
    assert!(!raw.contains("reading"), "{raw:?}");
}
