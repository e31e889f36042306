//! Writing an output file so that it is never left half written: a regular file is written
//! through a temporary file beside it, renamed over it once complete; a symbolic link is
//! followed to the file it names and stays a link; a device or a named pipe is written
//! into, never replaced; a folder or a socket is refused with a message. Temporary files
//! carry the id of the process that writes them, so that the next save into the same folder
//! removes those a killed process left.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::text::Escaped;

/// How every temporary file's name starts; the writer's process id, a `-` and random letters
/// follow, then [`TEMPORARY_END`].
const TEMPORARY: &str = ".orgtree-";
const TEMPORARY_END: &str = ".tmp";
/// How many links are followed before giving up, as the system itself does.
const MAX_LINKS: usize = 40;

/// Where writing a path goes, once links are followed.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A regular file, there already or to be made: replaced as a whole.
    File(PathBuf),
    /// A device or a named pipe: written into.
    Stream(PathBuf),
}

impl Target {
    /// Where writing `path` goes; the reason, worded to follow "cannot write PATH: ", when it
    /// can go nowhere (a folder, a socket, a folder that does not exist).
    pub fn of(path: &Path) -> io::Result<Self> {
        if path.as_os_str().is_empty() {
            return Err(refused(io::ErrorKind::InvalidInput, "no file name given"));
        }
        if ends_with_separator(path) {
            return Err(refused(
                io::ErrorKind::IsADirectory,
                "a name ending in / is a folder; give a file name",
            ));
        }
        let at = follow_links(path)?;
        let linked = at != path;
        let through = || {
            if linked {
                format!("it is a link to {}, which", shown(&at))
            } else {
                "it".to_owned()
            }
        };
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_file() => Ok(Self::File(at)),
            Ok(meta) if meta.is_dir() => Err(refused(
                io::ErrorKind::IsADirectory,
                &format!("{} is a folder; give a file name", through()),
            )),
            Ok(meta) if is_stream(meta.file_type()) => Ok(Self::Stream(at)),
            Ok(meta) => Err(refused(
                io::ErrorKind::InvalidInput,
                &format!(
                    "{} is {}, not a file; orgtree writes files, devices and named pipes",
                    through(),
                    special_kind(meta.file_type())
                ),
            )),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let folder = folder_of(&at);
                match fs::metadata(folder) {
                    Ok(meta) if meta.is_dir() => Ok(Self::File(at)),
                    Ok(_) => Err(refused(
                        io::ErrorKind::NotADirectory,
                        &format!("{} is not a folder", shown(folder)),
                    )),
                    Err(error) if error.kind() == io::ErrorKind::NotFound => {
                        let message = if linked {
                            format!(
                                "it is a link to {}, whose folder does not exist",
                                shown(&at)
                            )
                        } else {
                            format!("the folder {} does not exist", shown(folder))
                        };
                        Err(refused(io::ErrorKind::NotFound, &message))
                    }
                    Err(error) => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }
}

/// Writes `path` so that it is never seen half written: through a temporary file in the
/// folder of the file it names (links followed), flushed to disk and renamed over it only
/// once `write` has written it all. A file replaced keeps its permissions; a new one gets
/// the user's usual ones. A device or a named pipe is written into, never replaced; a
/// folder or a socket is refused.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> io::Result<()>,
) -> io::Result<()> {
    match Target::of(path)? {
        // As a shell redirection would: replacing `/dev/null` or a pipe with a file would
        // break it for everyone.
        Target::Stream(at) => {
            let mut file = OpenOptions::new().write(true).open(at)?;
            let mut out = BufWriter::new(&mut file);
            write(&mut out)?;
            out.flush()
        }
        Target::File(at) => replace(&at, write),
    }
}

fn replace(
    at: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> io::Result<()>,
) -> io::Result<()> {
    let folder = folder_of(at);
    // Before writing: what they hold may be the room this save needs.
    remove_stale_temporaries(folder);
    let prefix = format!("{TEMPORARY}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_END);
    // A temporary file is private by default; the result should be like any new file the
    // user creates (0666 less their umask), or keep the permissions of the file it replaces.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Dropped on any error before `persist`, the temporary file is removed.
    let mut file = builder.tempfile_in(folder)?;
    let mut out = BufWriter::new(file.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    if let Ok(existing) = fs::metadata(at) {
        file.as_file().set_permissions(existing.permissions())?;
    }
    file.as_file().sync_all()?;
    // Ctrl-C while it was written: the file stays as it was, and the temporary file goes.
    if crate::progress::cancelled() {
        return Err(io::ErrorKind::Interrupted.into());
    }
    file.persist(at).map_err(|error| error.error)?;
    // The rename lasts through a power cut once the folder is on disk too. Not every system
    // can sync a folder; the file is written either way.
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Removes from `folder` the temporary files that saves cut short left there: only files
/// named as orgtree names its own, and only those whose writing process has ended. The
/// number removed.
pub fn remove_stale_temporaries(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(writer) = name.to_str().and_then(temporary_writer) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && !is_running(writer) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in the name of one of orgtree's temporary files; `None` for any other
/// name.
fn temporary_writer(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMPORARY)?.strip_suffix(TEMPORARY_END)?;
    let (pid, letters) = rest.split_once('-')?;
    let ours = !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !letters.is_empty()
        && letters.bytes().all(|b| b.is_ascii_alphanumeric());
    ours.then(|| pid.parse().ok()).flatten()
}

/// Whether process `pid` is still running (or might be: when it cannot be told, its files
/// are kept).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
}

#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

/// Follows the links `path` goes through, to the path of what they name (which may not
/// exist yet).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&at)?;
                // A relative link is relative to the folder holding it.
                at = folder_of(&at).join(to);
            }
            _ => return Ok(at),
        }
    }
    Err(refused(
        io::ErrorKind::InvalidInput,
        &format!("more than {MAX_LINKS} links in a row (a loop of links?)"),
    ))
}

/// The folder `path` is in: `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn ends_with_separator(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&last| std::path::is_separator(char::from(last)))
}

#[cfg(unix)]
fn is_stream(kind: fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
fn is_stream(_kind: fs::FileType) -> bool {
    false
}

#[cfg(unix)]
fn special_kind(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: fs::FileType) -> &'static str {
    "a special file"
}

fn shown(path: &Path) -> String {
    Escaped(&path.to_string_lossy()).to_string()
}

fn refused(kind: io::ErrorKind, message: &str) -> io::Error {
    io::Error::new(kind, message.to_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The id of a process that has ended (and been waited for, so it is no zombie).
    fn ended_process() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn a_named_pipe_is_written_to_not_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let pipe = folder.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || fs::read_to_string(pipe).unwrap())
        };
        write_atomic(&pipe, |out| out.write_all(b"through the pipe")).unwrap();
        let kind = fs::metadata(&pipe).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");
        assert_eq!(reader.join().unwrap(), "through the pipe");
    }

    #[test]
    fn dev_null_is_written_to() {
        write_atomic(Path::new("/dev/null"), |out| out.write_all(b"gone")).unwrap();
        let kind = fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device());
    }

    #[test]
    fn a_link_is_followed_to_its_file_which_keeps_its_permissions() {
        let folder = tempfile::tempdir().unwrap();
        let charts = folder.path().join("charts");
        fs::create_dir(&charts).unwrap();
        let real = charts.join("real.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        // A link to a link: both are followed, each relative to its own folder.
        symlink("real.json", charts.join("inner.json")).unwrap();
        let link = folder.path().join("link.json");
        symlink("charts/inner.json", &link).unwrap();
        assert_eq!(
            Target::of(&link).unwrap(),
            Target::File(charts.join("real.json"))
        );
        write_atomic(&link, |out| out.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(names_in(&charts), ["inner.json", "real.json"]);
        assert_eq!(names_in(folder.path()), ["charts", "link.json"]);
    }

    #[test]
    fn a_loop_of_links_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let a = folder.path().join("a");
        symlink("b", &a).unwrap();
        symlink("a", folder.path().join("b")).unwrap();
        let error = write_atomic(&a, |out| out.write_all(b"x")).unwrap_err();
        assert!(error.to_string().contains("loop of links"), "{error}");
        assert_eq!(names_in(folder.path()), ["a", "b"]);
    }

    #[test]
    fn a_writer_that_fails_leaves_the_file_as_it_was_and_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.json");
        fs::write(&target, "the old chart").unwrap();
        // As a full disk does: some bytes written, then an error.
        let error = write_atomic(&target, |out| {
            out.write_all(&vec![b'x'; 100_000])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&target).unwrap(), "the old chart");
        assert_eq!(names_in(folder.path()), ["chart.json"]);
    }

    /// A read-only folder cannot take the temporary file, and the file in it stays as it
    /// was. Root may write there anyway: then the refusal is the one of a failing writer.
    #[test]
    fn a_read_only_folder_is_an_error_and_its_file_is_kept() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.json");
        fs::write(&target, "the old chart").unwrap();
        fs::set_permissions(folder.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let root_writes_anyway = File::create(folder.path().join("probe")).is_ok();
        let result = if root_writes_anyway {
            fs::remove_file(folder.path().join("probe")).unwrap();
            write_atomic(&target, |_| {
                Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "Permission denied",
                ))
            })
        } else {
            write_atomic(&target, |out| out.write_all(b"new"))
        };
        fs::set_permissions(folder.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let error = result.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{error}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "the old chart");
        assert_eq!(names_in(folder.path()), ["chart.json"]);
    }

    #[test]
    fn temporary_files_of_ended_saves_are_removed_by_the_next_save_and_no_others() {
        let folder = tempfile::tempdir().unwrap();
        let ended = ended_process();
        let running = std::process::id();
        let stale = format!(".orgtree-{ended}-aB3dE9.tmp");
        let kept = [
            // A save still being written, by a process that runs.
            format!(".orgtree-{running}-Xy12Zq.tmp"),
            // Named otherwise: not ours to remove.
            ".orgtree-Xy12Zq.tmp".to_owned(),
            format!(".orgtree-{ended}-.tmp"),
            format!(".orgtree-{ended}-ab.cd.tmp"),
            format!("orgtree-{ended}-aB3dE9.tmp"),
            format!(".orgtree-{ended}-aB3dE9.json"),
        ];
        for name in std::iter::once(&stale).chain(&kept) {
            fs::write(folder.path().join(name), "half a chart").unwrap();
        }
        // A folder named like ours is not a file we wrote.
        fs::create_dir(folder.path().join(format!(".orgtree-{ended}-Folder.tmp"))).unwrap();
        let target = folder.path().join("chart.json");
        write_atomic(&target, |out| out.write_all(b"saved")).unwrap();
        let mut expected: Vec<String> = kept.to_vec();
        expected.push(format!(".orgtree-{ended}-Folder.tmp"));
        expected.push("chart.json".to_owned());
        expected.sort();
        assert_eq!(names_in(folder.path()), expected);
        assert_eq!(remove_stale_temporaries(folder.path()), 0);
    }

    #[test]
    fn only_names_orgtree_gives_its_temporary_files_are_read_as_such() {
        assert_eq!(temporary_writer(".orgtree-123-abC9.tmp"), Some(123));
        assert_eq!(temporary_writer(".orgtree-123-abC9.json"), None);
        assert_eq!(temporary_writer(".orgtree--abC9.tmp"), None);
        assert_eq!(temporary_writer(".orgtree-12a-abC9.tmp"), None);
        assert_eq!(temporary_writer(".orgtree-99999999999-abC9.tmp"), None);
    }

    #[test]
    fn a_temporary_file_is_named_for_the_process_writing_it() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.json");
        let during = std::cell::RefCell::new(Vec::new());
        write_atomic(&target, |out| {
            *during.borrow_mut() = names_in(folder.path());
            out.write_all(b"x")
        })
        .unwrap();
        let during = during.into_inner();
        assert_eq!(during.len(), 1, "{during:?}");
        assert_eq!(temporary_writer(&during[0]), Some(std::process::id()));
    }
}
