//! The journal files of one chart, and which session holds which. Each session writes its
//! own file (`NAME.journal`, else `NAME-2.journal`, `NAME-3.journal`, ...) and holds an
//! advisory lock on it while it runs; the system drops the lock when the process ends, however
//! it ends. So a locked journal is a live session's, never offered, written or deleted by
//! another, and an unlocked one with steps was left by a session cut off.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// A journal file held by this session: open, and locked.
#[derive(Debug)]
pub struct Held {
    pub path: PathBuf,
    pub file: File,
}

/// How many journals one chart may have at once: as many sessions as anyone runs, and more.
const MOST: u32 = 1000;

/// The path of journal number `number` (from 1) of the chart whose journals are named
/// `name`.
pub fn path(folder: &Path, name: &str, number: u32) -> PathBuf {
    if number == 1 {
        folder.join(format!("{name}.journal"))
    } else {
        folder.join(format!("{name}-{number}.journal"))
    }
}

/// The number of journal `file_name` if it is one of the chart whose journals are named
/// `name`.
fn number_of(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(name)?.strip_suffix(".journal")?;
    if rest.is_empty() {
        return Some(1);
    }
    let digits = rest.strip_prefix('-')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 1)
}

/// The journals of the chart named `name` in `folder`, in order of number.
pub fn existing(folder: &Path, name: &str) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut numbered: Vec<(u32, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let number = number_of(entry.file_name().to_str()?, name)?;
            Some((number, entry.path()))
        })
        .collect();
    numbered.sort();
    Ok(numbered.into_iter().map(|(_, path)| path).collect())
}

/// What trying to take a journal file found.
pub enum Taken {
    /// Locked by this session now.
    Held(Held),
    /// Locked by another session, which runs.
    Live,
    /// Not there (any more).
    Gone,
}

/// Takes the journal at `path`, creating it when `create`: opened and locked, unless another
/// session holds it.
pub fn take(path: &Path, create: bool) -> io::Result<Taken> {
    // The file may be removed and made again between opening and locking it: then the lock
    // is on a file no longer there, and it is tried again.
    for _ in 0..MOST {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(create);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = match options.open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound && !create => {
                return Ok(Taken::Gone);
            }
            Err(error) => return Err(error),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(Taken::Live),
            Err(TryLockError::Error(error)) => return Err(error),
        }
        if still_there(&file, path)? {
            return Ok(Taken::Held(Held {
                path: path.to_path_buf(),
                file,
            }));
        }
    }
    Err(io::Error::other(format!(
        "{} keeps being replaced",
        path.display()
    )))
}

/// The first journal number free for this session: not held by another, and holding no
/// steps of a session cut off (that one is for the next session to offer). `holds_steps`
/// tells.
pub fn claim(
    folder: &Path,
    name: &str,
    holds_steps: impl Fn(&File) -> io::Result<bool>,
) -> io::Result<Held> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)?;
    for number in 1..=MOST {
        if let Taken::Held(held) = take(&path(folder, name, number), true)?
            && !holds_steps(&held.file)?
        {
            return Ok(held);
        }
    }
    Err(io::Error::other(format!(
        "{MOST} journals of this chart are in use"
    )))
}

/// Whether `file`, opened from `path`, is still what `path` names.
fn still_there(file: &File, path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let open = file.metadata()?;
        Ok(match fs::metadata(path) {
            Ok(now) => now.dev() == open.dev() && now.ino() == open.ino(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => false,
            Err(error) => return Err(error),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(path.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_numbers_are_read_only_from_names_of_this_chart() {
        let name = "chart-00000000000000ff";
        assert_eq!(number_of("chart-00000000000000ff.journal", name), Some(1));
        assert_eq!(number_of("chart-00000000000000ff-2.journal", name), Some(2));
        assert_eq!(
            number_of("chart-00000000000000ff-17.journal", name),
            Some(17)
        );
        for other in [
            "chart-00000000000000ff-1.journal",
            "chart-00000000000000ff-.journal",
            "chart-00000000000000ff-x.journal",
            "chart-00000000000000ff.journal.tmp",
            "chart-00000000000000fe.journal",
            "chart-00000000000000ff-2-3.journal",
        ] {
            assert_eq!(number_of(other, name), None, "{other}");
        }
    }

    #[test]
    fn a_locked_journal_is_live_and_the_next_number_is_claimed() {
        let folder = tempfile::tempdir().unwrap();
        let name = "chart-1";
        let first = claim(folder.path(), name, |_| Ok(false)).unwrap();
        assert_eq!(first.path, path(folder.path(), name, 1));
        assert!(matches!(take(&first.path, false).unwrap(), Taken::Live));
        let second = claim(folder.path(), name, |_| Ok(false)).unwrap();
        assert_eq!(second.path, path(folder.path(), name, 2));
        drop(first);
        assert!(matches!(
            take(&path(folder.path(), name, 1), false).unwrap(),
            Taken::Held(_)
        ));
        assert_eq!(
            existing(folder.path(), name).unwrap(),
            [path(folder.path(), name, 1), path(folder.path(), name, 2)]
        );
    }
}
