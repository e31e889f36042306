//! A chart given through a named pipe half at a time, so that a test sees orgtree in the
//! middle of reading it for as long as the test likes: no timing, only the pipe's writer
//! waiting for the test's word.

// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Makes a named pipe called `name` in `folder`.
pub fn make(folder: &Path, name: &str) -> PathBuf {
    let path = folder.join(name);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
    path
}

/// The writer of a named pipe: the first half of its bytes once the reader has opened
/// it, the rest when [`Feeder::finish`] says.
pub struct Feeder {
    opened: mpsc::Receiver<()>,
    rest: Option<mpsc::Sender<()>>,
    writer: Option<JoinHandle<()>>,
}

impl Feeder {
    /// Starts writing `bytes` into the pipe at `path`.
    pub fn start(path: PathBuf, bytes: Vec<u8>) -> Self {
        let (opened_tx, opened) = mpsc::channel();
        let (rest, rest_rx) = mpsc::channel::<()>();
        let writer = std::thread::spawn(move || {
            // Opening a pipe for writing waits for its reader.
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .expect("the pipe opens");
            let _ = opened_tx.send(());
            let half = bytes.len() / 2;
            if pipe.write_all(&bytes[..half]).is_err() {
                return;
            }
            let _ = pipe.flush();
            // The test's word; a test that drops the feeder leaves the rest unwritten.
            if rest_rx.recv().is_ok() {
                let _ = pipe.write_all(&bytes[half..]);
            }
        });
        Self {
            opened,
            rest: Some(rest),
            writer: Some(writer),
        }
    }

    /// Waits until orgtree has opened the pipe (and so is reading it).
    pub fn wait_until_opened(&self) {
        self.opened
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("orgtree opens the pipe");
    }

    /// Writes the rest and closes the pipe.
    pub fn finish(mut self) {
        if let Some(rest) = self.rest.take() {
            let _ = rest.send(());
        }
        if let Some(writer) = self.writer.take() {
            writer.join().expect("the writer ends");
        }
    }
}
