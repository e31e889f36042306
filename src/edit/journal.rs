//! The recovery journal: every edit, undo and redo of a what-if session, appended to a file
//! as it happens, so that a session cut off (a dropped SSH connection, SIGHUP, SIGKILL) can
//! be resumed by replaying it on the chart file.
//!
//! The journal lives in `$XDG_STATE_HOME/orgtree` (or `~/.local/state/orgtree`), one per
//! chart file, readable by its owner alone. Its first line says which file it is for and how
//! that file stood (size and time of change); each other line is one step, as JSON:
//! `{"do": EDIT}`, `{"undo": true}` or `{"redo": true}`. A line cut short by a kill is left
//! out when reading.

use std::fs::{self, File, OpenOptions};
use std::hash::BuildHasher;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Edit, EditError, History};
use crate::org::Org;

/// How a chart file stood when it was loaded: its size and its time of last change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970.
    pub modified: u128,
}

impl Stamp {
    /// How `file` stands now.
    pub fn of(file: &Path) -> io::Result<Self> {
        let meta = fs::metadata(file)?;
        let modified = meta
            .modified()?
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        Ok(Self {
            size: meta.len(),
            modified,
        })
    }
}

/// One step of a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Do(Edit),
    Undo(bool),
    Redo(bool),
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    orgtree_journal: u32,
    file: PathBuf,
    stamp: Stamp,
    /// Seconds since 1970 when the journal was started.
    started: u64,
}

/// What a journal left by an earlier session holds.
#[derive(Debug)]
pub struct Found {
    /// The steps, in order.
    pub ops: Vec<Op>,
    /// How the chart file stood when the session started, and whether it still does.
    pub stamp: Stamp,
    pub file_unchanged: bool,
    /// When the session started, seconds since 1970.
    pub started: u64,
}

impl Found {
    /// The number of edits in effect at the end of the journal.
    #[must_use]
    pub fn edits(&self) -> usize {
        let (mut done, mut undone) = (0_usize, 0_usize);
        for op in &self.ops {
            match op {
                Op::Do(_) => {
                    done += 1;
                    undone = 0;
                }
                Op::Undo(_) if done > 0 => {
                    done -= 1;
                    undone += 1;
                }
                Op::Redo(_) if undone > 0 => {
                    done += 1;
                    undone -= 1;
                }
                _ => {}
            }
        }
        done
    }
}

/// The journal of one chart file.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    chart: PathBuf,
    stamp: Stamp,
    file: Option<File>,
}

/// The folder of journals: `$XDG_STATE_HOME/orgtree`, or `~/.local/state/orgtree`.
#[must_use]
pub fn folder() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|home| home.is_absolute())
                .map(|home| home.join(".local").join("state"))
        })?;
    Some(state.join("orgtree"))
}

impl Journal {
    /// The journal for chart file `chart` (which must exist), in `folder`. Nothing is written
    /// until the first step.
    pub fn for_chart(chart: &Path, folder: &Path) -> io::Result<Self> {
        let chart = fs::canonicalize(chart)?;
        let stamp = Stamp::of(&chart)?;
        let key = rustc_hash::FxBuildHasher.hash_one(chart.as_os_str().as_encoded_bytes());
        let stem: String = chart
            .file_stem()
            .map(|stem| stem.to_string_lossy())
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        let path = folder.join(format!("{stem}-{key:016x}.journal"));
        Ok(Self {
            path,
            chart,
            stamp,
            file: None,
        })
    }

    /// Where the journal is kept.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The chart file the journal is for.
    #[must_use]
    pub fn chart(&self) -> &Path {
        &self.chart
    }

    /// The journal an earlier session left for this chart, if any holds a step.
    pub fn find(&self) -> io::Result<Option<Found>> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        let mut lines = BufReader::new(file).lines();
        let Some(first) = lines.next().transpose()? else {
            return Ok(None);
        };
        let Ok(header) = serde_json::from_str::<Header>(&first) else {
            return Ok(None);
        };
        let mut ops = Vec::new();
        for line in lines {
            let line = line?;
            // A line cut short by a kill, and anything after it, is not a step.
            match serde_json::from_str::<Op>(&line) {
                Ok(op) => ops.push(op),
                Err(_) => break,
            }
        }
        if ops.is_empty() {
            return Ok(None);
        }
        Ok(Some(Found {
            ops,
            stamp: header.stamp,
            file_unchanged: header.stamp == self.stamp,
            started: header.started,
        }))
    }

    /// Appends a step. A journal not started yet (or removed by a save) starts instead with
    /// `done`, the edits in effect after the step, which come to the same chart.
    pub fn record<'e>(
        &mut self,
        op: &Op,
        done: impl IntoIterator<Item = &'e Edit>,
    ) -> io::Result<()> {
        if let Some(file) = self.file.as_mut() {
            write_line(file, op)?;
            return file.flush();
        }
        let mut file = self.create()?;
        for edit in done {
            write_line(&mut file, &Op::Do(edit.clone()))?;
        }
        file.flush()?;
        self.file = Some(file);
        Ok(())
    }

    /// Whether the journal has been started (and not removed since).
    #[must_use]
    pub fn is_started(&self) -> bool {
        self.file.is_some()
    }

    /// The chart file was saved over: what comes next is counted from how it stands now.
    pub fn rebase(&mut self) -> io::Result<()> {
        self.stamp = Stamp::of(&self.chart)?;
        Ok(())
    }

    /// Deletes the journal (after a clean save or quit); the next step starts it again.
    pub fn remove(&mut self) -> io::Result<()> {
        self.file = None;
        match fs::remove_file(&self.path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    fn create(&self) -> io::Result<File> {
        if let Some(folder) = self.path.parent() {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(folder)?;
        }
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.path)?;
        let header = Header {
            orgtree_journal: 1,
            file: self.chart.clone(),
            stamp: self.stamp,
            started: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_secs()),
        };
        serde_json::to_writer(&mut file, &header)?;
        file.write_all(b"\n")?;
        Ok(file)
    }
}

fn write_line(file: &mut File, op: &Op) -> io::Result<()> {
    let mut line = serde_json::to_vec(op)?;
    line.push(b'\n');
    // One write a line, so that a kill leaves whole lines and at most one cut one.
    file.write_all(&line)
}

/// Replays the steps of a journal on `org` through `history`. Stops at the first step that
/// cannot be done and says which, counting from 1.
pub fn replay(history: &mut History, org: &mut Org, ops: &[Op]) -> Result<(), (usize, EditError)> {
    for (i, op) in ops.iter().enumerate() {
        let done = match op {
            Op::Do(edit) => history.edit(org, edit.clone()).map(|_| ()),
            Op::Undo(_) => history.undo(org).map(|_| ()),
            Op::Redo(_) => history.redo(org).map(|_| ()),
        };
        done.map_err(|error| (i + 1, error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(folder: &Path) -> PathBuf {
        let path = folder.join("chart.json");
        fs::write(
            &path,
            r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "reports_to": "a"}]}"#,
        )
        .unwrap();
        path
    }

    #[test]
    fn steps_are_read_back_and_a_cut_line_is_left_out() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let mut journal = Journal::for_chart(&file, &folder.path().join("state")).unwrap();
        assert!(journal.find().unwrap().is_none());
        let edit = Edit::Retitle {
            post: "b".into(),
            title: "Bee".into(),
        };
        journal.record(&Op::Do(edit.clone()), [&edit]).unwrap();
        journal.record(&Op::Undo(true), []).unwrap();
        journal.record(&Op::Redo(true), []).unwrap();
        let mut file_handle = OpenOptions::new()
            .append(true)
            .open(journal.path())
            .unwrap();
        file_handle.write_all(b"{\"do\": {\"edit\": \"ret").unwrap();
        let found = journal.find().unwrap().expect("a journal");
        assert_eq!(found.ops, [Op::Do(edit), Op::Undo(true), Op::Redo(true)]);
        assert_eq!(found.edits(), 1);
        assert!(found.file_unchanged);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(journal.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        journal.remove().unwrap();
        assert!(!journal.path().exists());
    }

    #[test]
    fn a_journal_started_late_begins_with_the_edits_in_effect() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let mut journal = Journal::for_chart(&file, folder.path()).unwrap();
        let first = Edit::Holder {
            post: "a".into(),
            holder: Some("Ann".into()),
        };
        let second = Edit::Retitle {
            post: "b".into(),
            title: "Bee".into(),
        };
        // Started by an undo (after a save removed it): it holds the edits still in effect.
        journal.record(&Op::Undo(true), [&first]).unwrap();
        journal
            .record(&Op::Do(second.clone()), [&first, &second])
            .unwrap();
        let found = journal.find().unwrap().unwrap();
        assert_eq!(found.ops, [Op::Do(first), Op::Do(second)]);
        assert_eq!(found.edits(), 2);
    }

    #[test]
    fn a_changed_chart_file_is_noticed() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let mut journal = Journal::for_chart(&file, folder.path()).unwrap();
        let edit = Edit::Retitle {
            post: "a".into(),
            title: "Top".into(),
        };
        journal.record(&Op::Do(edit.clone()), [&edit]).unwrap();
        fs::write(&file, r#"{"posts": [{"id": "a", "title": "Changed"}]}"#).unwrap();
        let again = Journal::for_chart(&file, folder.path()).unwrap();
        assert_eq!(again.path(), journal.path());
        assert!(!again.find().unwrap().unwrap().file_unchanged);
    }
}
