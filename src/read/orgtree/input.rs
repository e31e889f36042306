//! The document being loaded, read a block at a time so that a chart of a million posts never
//! sits in memory whole; and, when there is something to report, the line and column of
//! byte offsets in it.
//!
//! Offsets count from the start of the document after any byte order mark, as the text a
//! caller gives [`super::load_str`] would.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};

use crate::org::position::{self, LineIndex, Position};
use crate::org::surrogates;

/// How much is read at a time: large enough that refilling costs little, small enough to
/// stay out of the memory budget.
pub(super) const BLOCK: usize = 1 << 20;

pub(super) const BOM: &[u8] = "\u{feff}".as_bytes();

/// Where the document comes from.
#[derive(Clone, Copy)]
pub(super) enum Source<'s> {
    Text(&'s str),
    File(&'s Path),
}

/// Why reading stopped.
pub(super) enum ReadError {
    Io(io::Error),
    /// The byte at this offset is not part of any UTF-8 character.
    NotUtf8 {
        at: usize,
        byte: u8,
    },
}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// Where the blocks of a file come from.
enum Feed {
    /// None: text given whole, or the end reached.
    Nothing,
    /// A thread reading ahead.
    Thread(Receiver<Result<String, ReadError>>),
    /// Read when needed, on the thread parsing.
    Here(Blocks),
}

/// A window on the document: the text from offset `base` up to what has been read so far.
/// A file opened at its start is read on a thread of its own, a block ahead of the parsing;
/// one opened at an offset, on the thread parsing it (see [`Input::open_at`]).
pub(super) struct Input<'s> {
    source: Source<'s>,
    feed: Feed,
    /// The window: whole characters only, from offset `base`.
    window: String,
    /// Whether text given whole has been copied into `window` (to be repaired).
    owned: bool,
    base: usize,
    at_end: bool,
    /// The offset up to which the bytes read have been counted for the progress shown, or
    /// none when they are counted elsewhere.
    counted: Option<usize>,
}

impl<'s> Input<'s> {
    /// Opens the document, to be read `block` bytes at a time when it is a file.
    pub(super) fn open(source: Source<'s>, block: usize) -> Result<Self, ReadError> {
        let mut input = Self {
            source,
            feed: Feed::Nothing,
            window: String::new(),
            owned: false,
            base: 0,
            at_end: true,
            counted: Some(0),
        };
        if let Source::File(path) = source {
            let file = File::open(path)?;
            // A block being parsed, one read, and a few waiting: a few megabytes at most.
            let (sender, blocks) = mpsc::sync_channel(2);
            std::thread::spawn(move || read_blocks(file, 0, block, &sender));
            input.feed = Feed::Thread(blocks);
            input.at_end = false;
            input.refill(0)?;
        }
        Ok(input)
    }

    /// Opens a file at offset `start` of its document (after any byte order mark), a
    /// character boundary, to be read from there on a block at a time when needed, on this
    /// thread (a part of the posts list: a thread for each would be many threads, and each
    /// keeps memory of its own).
    pub(super) fn open_at(path: &'s Path, start: usize, block: usize) -> Result<Self, ReadError> {
        let mut file = File::open(path)?;
        let mut head = [0; BOM.len()];
        let mut got = 0;
        while got < head.len() {
            match file.read(&mut head[got..])? {
                0 => break,
                n => got += n,
            }
        }
        let skip = if head[..got] == *BOM { BOM.len() } else { 0 };
        file.seek(SeekFrom::Start((start + skip) as u64))?;
        let mut input = Self {
            source: Source::File(path),
            feed: Feed::Nothing,
            window: String::new(),
            owned: false,
            base: start,
            at_end: true,
            counted: Some(start),
        };
        input.feed = Feed::Here(Blocks::new(file, start, block));
        input.at_end = false;
        input.refill(0)?;
        Ok(input)
    }

    /// The text read so far from [`Input::base`] on.
    pub(super) fn window(&self) -> &str {
        match self.source {
            Source::Text(text) if !self.owned => without_bom(text),
            _ => &self.window,
        }
    }

    /// Rewrites the lone surrogate escapes of the value at `pos` of the window as `\ufffd`
    /// (see [`surrogates::repair`]) and returns their offsets in the document. Text given
    /// whole is copied the first time.
    pub(super) fn repair_surrogates(&mut self, pos: usize) -> Vec<usize> {
        if let (Source::Text(text), false) = (self.source, self.owned) {
            self.window = without_bom(text).to_owned();
            self.owned = true;
        }
        let mut lone = surrogates::repair(&mut self.window, pos);
        for at in &mut lone {
            *at += self.base;
        }
        lone
    }

    /// The document offset of the window's first byte.
    pub(super) fn base(&self) -> usize {
        self.base
    }

    /// Whether the window reaches the end of the document.
    pub(super) fn at_end(&self) -> bool {
        self.at_end
    }

    pub(super) fn source(&self) -> Source<'s> {
        self.source
    }

    /// Drops the window's text before `keep` and adds the next block, or notes that there is
    /// none. Returns where the kept text now starts.
    pub(super) fn refill(&mut self, keep: usize) -> Result<usize, ReadError> {
        self.count_to(self.base + keep);
        self.window.drain(..keep);
        self.base += keep;
        let next = match &mut self.feed {
            Feed::Nothing => None,
            Feed::Thread(blocks) => blocks.recv().ok(),
            Feed::Here(blocks) => blocks.next(),
        };
        if let Some(block) = next {
            self.window.push_str(&block?);
        } else {
            self.at_end = true;
            self.feed = Feed::Nothing;
        }
        Ok(0)
    }
}

impl Input<'_> {
    /// Counts the bytes parsed up to document offset `at` for the progress shown, each byte
    /// once however the document is cut into parts (a part's reading reads on a little past
    /// its end, which the next part counts).
    pub(super) fn count_to(&mut self, at: usize) {
        if let Some(counted) = &mut self.counted
            && at > *counted
        {
            super::count_read(at - *counted);
            *counted = at;
        }
    }

    /// Counts nothing for the progress shown: a part read ahead, counted when used.
    pub(super) fn leave_uncounted(&mut self) {
        self.counted = None;
    }
}

/// Reads `file` a block at a time, sending each block's whole characters on, until the end
/// of the file, an error, or the receiver hanging up.
fn read_blocks(
    file: File,
    start: usize,
    size: usize,
    blocks: &SyncSender<Result<String, ReadError>>,
) {
    for block in Blocks::new(file, start, size) {
        let failed = block.is_err();
        if blocks.send(block).is_err() || failed {
            return;
        }
    }
}

/// The blocks of a file from offset `start` of its document, each the whole characters of
/// about `size` bytes, until the end of the file or an error.
struct Blocks {
    file: File,
    size: usize,
    /// The bytes of a character cut by the end of the last block.
    partial: Vec<u8>,
    /// The document offset of the next block.
    offset: usize,
    /// Whether the next block is the first of the file, which may start with a byte order
    /// mark.
    first: bool,
    done: bool,
}

impl Blocks {
    fn new(file: File, start: usize, size: usize) -> Self {
        Self {
            file,
            size,
            partial: Vec::new(),
            offset: start,
            first: start == 0,
            done: false,
        }
    }
}

impl Iterator for Blocks {
    type Item = Result<String, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            // Ctrl-C: the load ends as a read that failed.
            if crate::progress::cancelled() {
                self.done = true;
                return Some(Err(io::Error::from(io::ErrorKind::Interrupted).into()));
            }
            let mut block = std::mem::take(&mut self.partial);
            let carried = block.len();
            block.resize(carried + self.size, 0);
            let mut filled = carried;
            let mut at_end = false;
            // A short read is not the end: only a read of nothing is.
            while filled < block.len() {
                match self.file.read(&mut block[filled..]) {
                    Ok(0) => {
                        at_end = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    Err(error) => {
                        self.done = true;
                        return Some(Err(error.into()));
                    }
                }
            }
            block.truncate(filled);
            self.done = at_end;
            if self.first {
                // A byte order mark is not part of the text; see all of it before deciding.
                if block.len() < BOM.len() && !at_end {
                    self.partial = block;
                    continue;
                }
                self.first = false;
                if block.starts_with(BOM) {
                    block.drain(..BOM.len());
                }
            }
            let text = match String::from_utf8(block) {
                Ok(text) => text,
                Err(error) => {
                    let valid = error.utf8_error().valid_up_to();
                    let mut bytes = error.into_bytes();
                    if std::str::from_utf8(&bytes[valid..]).is_err_and(|e| e.error_len().is_some())
                        || at_end
                    {
                        self.done = true;
                        return Some(Err(ReadError::NotUtf8 {
                            at: self.offset + valid,
                            byte: bytes[valid],
                        }));
                    }
                    self.partial = bytes.split_off(valid);
                    String::from_utf8(bytes).unwrap_or_default()
                }
            };
            self.offset += text.len();
            return Some(Ok(text));
        }
        None
    }
}

/// The whole document as text, for the rare cases that need it: a syntax error, which
/// `serde_json` describes best when it sees everything.
pub(super) fn whole(source: Source) -> Result<String, ReadError> {
    match source {
        Source::Text(text) => Ok(without_bom(text).to_owned()),
        Source::File(path) => {
            let mut bytes = std::fs::read(path)?;
            if bytes.starts_with(BOM) {
                bytes.drain(..BOM.len());
            }
            String::from_utf8(bytes).map_err(|error| {
                let at = error.utf8_error().valid_up_to();
                ReadError::NotUtf8 {
                    at,
                    byte: error.as_bytes()[at],
                }
            })
        }
    }
}

/// The positions of `offsets` (in any order), found by reading the document again from
/// the start when it is a file.
pub(super) fn positions(source: Source, offsets: &[usize]) -> io::Result<Vec<Position>> {
    match source {
        Source::Text(text) => {
            let lines = LineIndex::new(without_bom(text));
            Ok(offsets.iter().map(|&at| lines.position(at)).collect())
        }
        Source::File(path) => position::in_file(path, offsets),
    }
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        file
    }

    fn blocks_of(bytes: &[u8], size: usize) -> Vec<Result<String, ReadError>> {
        let file = file_with(bytes);
        let (sender, blocks) = mpsc::sync_channel(1000);
        read_blocks(File::open(file.path()).unwrap(), 0, size, &sender);
        drop(sender);
        blocks.into_iter().collect()
    }

    #[test]
    fn a_character_split_between_blocks_is_read_whole() {
        let text = |bytes: &[u8], size| -> Vec<String> {
            blocks_of(bytes, size)
                .into_iter()
                .map(|block| block.ok().unwrap())
                .collect()
        };
        // 'é' is two bytes; the first block of four ends after the first of them.
        assert_eq!(text("ab é\"".as_bytes(), 4), ["ab ", "é\""]);
        // A byte order mark is not part of the text, however the blocks cut it.
        assert_eq!(text("\u{feff}ab".as_bytes(), 4), ["a", "b"]);
        assert_eq!(text("\u{feff}ab".as_bytes(), 1).concat(), "ab");
    }

    #[test]
    fn a_byte_that_starts_no_character_is_found_at_its_offset() {
        let blocks = blocks_of(b"{\"a\": \"\xff\"}", 4);
        match blocks.last() {
            Some(Err(ReadError::NotUtf8 { at, byte })) => assert_eq!((*at, *byte), (7, 0xff)),
            _ => panic!("not refused"),
        }
        // A character cut short by the end of the file.
        let blocks = blocks_of(b"{\"a\": \"\xc3", 64);
        assert!(matches!(
            blocks.last(),
            Some(Err(ReadError::NotUtf8 { at: 7, byte: 0xc3 }))
        ));
    }
}
