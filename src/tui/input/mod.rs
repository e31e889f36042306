//! The keyboard and the mouse: the terminal's input read on threads of its own and turned
//! into crossterm's events, so that the rest of the program reads them as it would
//! crossterm's.
//!
//! Why not crossterm's own reader: crossterm 0.29 (the newest release) keeps an unfinished
//! escape sequence for ever. After the bytes `ESC [ ?` not followed by `u` or `c`, or a
//! bracketed paste that never ends, every later key, `q` and Ctrl-C too, is swallowed, and
//! the user cannot even quit. The crates that parse terminal input with a copy of its
//! parser (terminput, termina) do the same. [`parser`] follows ECMA-48's grammar instead, so
//! that every sequence ends, and gives up on one cut off after a pause.

mod parser;
mod sequence;
#[cfg(test)]
mod tests;

use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Read};
use std::os::fd::AsFd;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;

use crossterm::event::Event;

pub use parser::{PASTE_PAUSE, Parser, SEQUENCE_PAUSE};

/// What reading the terminal gives.
#[derive(Debug)]
pub enum Received {
    Event(Event),
    /// The terminal has gone (it hung up): nothing more will come.
    HungUp,
    Failed(io::Error),
}

/// What the thread that reads the terminal hands on.
enum Chunk {
    Bytes(Vec<u8>),
    HungUp,
    Failed(io::Error),
}

/// Reads the terminal until `deliver` returns false or the terminal goes: one thread reads
/// bytes as they come, another turns them into events, waiting for the rest of a sequence
/// cut off no longer than a pause. The terminal is the standard input if it is one, else
/// `/dev/tty`, as crossterm reads it.
pub fn spawn(deliver: impl FnMut(Received) -> bool + Send + 'static) -> io::Result<()> {
    let terminal = open_terminal()?;
    let (sender, reads) = mpsc::channel();
    thread::spawn(move || read_bytes(terminal, &sender));
    thread::spawn(move || decode(&reads, deliver));
    Ok(())
}

fn open_terminal() -> io::Result<File> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        Ok(File::from(stdin.as_fd().try_clone_to_owned()?))
    } else {
        OpenOptions::new().read(true).write(true).open("/dev/tty")
    }
}

fn read_bytes(mut terminal: File, sender: &mpsc::Sender<Chunk>) {
    let mut buffer = [0; 1024];
    loop {
        let read = match terminal.read(&mut buffer) {
            Ok(0) => Chunk::HungUp,
            Ok(count) => Chunk::Bytes(buffer[..count].to_vec()),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            // What a read of a terminal that has hung up gives on some systems.
            Err(error) if error.raw_os_error() == Some(EIO) => Chunk::HungUp,
            Err(error) => Chunk::Failed(error),
        };
        let last = !matches!(read, Chunk::Bytes(_));
        if sender.send(read).is_err() || last {
            return;
        }
    }
}

/// The error number of an input or output error, the same on every Unix.
const EIO: i32 = 5;

fn decode(chunks: &mpsc::Receiver<Chunk>, mut deliver: impl FnMut(Received) -> bool) {
    let mut parser = Parser::default();
    loop {
        let chunk = match parser.waiting() {
            None => chunks.recv().ok(),
            Some(pause) => match chunks.recv_timeout(pause) {
                Ok(chunk) => Some(chunk),
                Err(RecvTimeoutError::Timeout) => {
                    parser.pause();
                    if !deliver_events(&mut parser, &mut deliver) {
                        return;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        let end = match chunk {
            Some(Chunk::Bytes(bytes)) => {
                parser.advance(&bytes);
                None
            }
            Some(Chunk::HungUp) | None => Some(Received::HungUp),
            Some(Chunk::Failed(error)) => Some(Received::Failed(error)),
        };
        if end.is_some() {
            parser.pause();
        }
        if !deliver_events(&mut parser, &mut deliver) {
            return;
        }
        if let Some(end) = end {
            deliver(end);
            return;
        }
    }
}

/// Hands on the events read; false once `deliver` wants no more.
fn deliver_events(parser: &mut Parser, deliver: &mut impl FnMut(Received) -> bool) -> bool {
    while let Some(event) = parser.next_event() {
        if !deliver(Received::Event(event)) {
            return false;
        }
    }
    true
}
