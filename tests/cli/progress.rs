//! Progress and Ctrl-C for the commands that do not open the screen, with standard error
//! not a terminal: no progress at all, and SIGINT during a slow read stops it with exit
//! code 130 and writes nothing. A chart given through a named pipe half at a time keeps
//! orgtree reading for as long as a test needs.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::NO_CONFIG_HOME;

#[path = "../common/fifo.rs"]
mod fifo;

fn chart_bytes() -> Vec<u8> {
    std::fs::read(crate::common::fixtures().join("home-office-technology-after-coo.json"))
        .expect("the fixture reads")
}

/// `orgtree ARGS` in `folder`, its output and errors piped.
fn spawn(folder: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_orgtree"))
        .current_dir(folder)
        .env("LANG", "C.UTF-8")
        .env("XDG_CONFIG_HOME", NO_CONFIG_HOME)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("orgtree starts")
}

fn interrupt(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", "--", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn standard_error_in_a_pipe_gets_no_progress_however_long_the_reading_takes() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let child = spawn(folder.path(), &["check", "chart.pipe"]);
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    feeder.wait_until_opened();
    // Three times as long as progress waits before it shows.
    std::thread::sleep(std::time::Duration::from_secs(1));
    feeder.finish();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("chart.pipe: ") && stdout.contains("no problems"),
        "{stdout}"
    );
}

#[test]
fn sigint_during_a_slow_check_stops_it_with_exit_code_130() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let child = spawn(folder.path(), &["check", "chart.pipe"]);
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    // Opened for reading: orgtree is in the middle of its step, listening for Ctrl-C.
    feeder.wait_until_opened();
    interrupt(&child);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{:?}", output.status);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "orgtree: interrupted while reading chart.pipe\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
}

#[test]
fn sigint_during_a_slow_export_writes_no_file_and_leaves_no_temporary_one() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = fifo::make(folder.path(), "chart.pipe");
    let child = spawn(
        folder.path(),
        &["export", "chart.pipe", "--to", "csv", "-o", "out.csv"],
    );
    let feeder = fifo::Feeder::start(pipe, chart_bytes());
    feeder.wait_until_opened();
    interrupt(&child);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{:?}", output.status);
    assert_eq!(names_in(folder.path()), ["chart.pipe"]);
}
