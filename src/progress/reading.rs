//! Input read whole, counted as the step's bytes and stopped when the work is cancelled.

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How much is read at a time.
const CHUNK: usize = 1 << 18;

/// How much of a file is read between two looks at whether the work was cancelled.
const BLOCK: u64 = 1 << 22;

/// How often a read waiting for a pipe's writer looks whether the work was cancelled.
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// Reads `source`, whose size is not known, to its end onto `bytes`, adding what is read to
/// the step's bytes. The
/// reading is done on a thread of its own, so that a pipe whose writer is slow, or silent,
/// holds up a cancel no longer than a look: a cancelled read is an error of kind
/// `Interrupted`, and the thread is left to its read (the command is ending).
pub fn read_to_end(mut source: impl Read + Send + 'static, bytes: &mut Vec<u8>) -> io::Result<()> {
    super::unsized_input();
    let mut read = 0;
    let (sender, chunks) = mpsc::sync_channel::<io::Result<Vec<u8>>>(4);
    std::thread::spawn(move || {
        loop {
            let mut chunk = vec![0; CHUNK];
            let read = match source.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    chunk.truncate(n);
                    Ok(chunk)
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => Err(error),
            };
            let failed = read.is_err();
            if sender.send(read).is_err() || failed {
                break;
            }
        }
    });
    loop {
        if super::cancelled() {
            return Err(io::ErrorKind::Interrupted.into());
        }
        match chunks.recv_timeout(LOOK_EVERY) {
            Ok(Ok(chunk)) => {
                read += chunk.len() as u64;
                super::read(chunk.len() as u64);
                bytes.extend_from_slice(&chunk);
            }
            Ok(Err(error)) => return Err(error),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                super::sized(read);
                return Ok(());
            }
        }
    }
}

/// The bytes of the (regular) file at `path`, adding what is read to the step's bytes a
/// block at a time, and stopping with an error of kind `Interrupted` when the work is
/// cancelled. Read straight into place: a file on disk never keeps a read waiting long.
pub fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    loop {
        if super::cancelled() {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let read = (&mut file).take(BLOCK).read_to_end(&mut bytes)?;
        if read == 0 {
            return Ok(bytes);
        }
        super::read(read as u64);
    }
}
