//! The recovery journal: every edit, undo and redo of a what-if session, appended to a file
//! as it happens, so that a session cut off (a dropped SSH connection, SIGHUP, SIGKILL) can
//! be resumed by replaying it on the chart file.
//!
//! Journals live in `$XDG_STATE_HOME/orgtree` (or `~/.local/state/orgtree`; see [`place`]),
//! readable by their owner alone. Each session on a chart writes a journal of its own and
//! holds a lock on it while it runs ([`slots`]), so two sessions on one chart never share,
//! offer or delete each other's. A journal's first line says which file it is for and how
//! that file stood (size and time of change); each other line is one step, as JSON:
//! `{"do": EDIT}`, `{"undo": true}` or `{"redo": true}`. A line cut short by a kill is left
//! out when reading.

pub mod place;
mod slots;

use std::fs::{self, File};
use std::hash::BuildHasher;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
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

/// The journals of one chart file, as one session sees them: the one it writes, and the one
/// a session cut off left, while it is offered.
#[derive(Debug)]
pub struct Journal {
    folder: PathBuf,
    /// How every journal of this chart is named, before its number.
    name: String,
    chart: PathBuf,
    stamp: Stamp,
    /// The journal this session writes, once its first step is recorded.
    own: Option<slots::Held>,
    /// The journal a session cut off left, held while this session offers it.
    left: Option<slots::Held>,
}

/// What a session starting on a chart finds among its journals.
#[derive(Debug, Default)]
pub struct Survey {
    /// The steps of a journal a session cut off left, if there is one. This session holds
    /// that journal now: no other offers it until this one recovers it, drops it or ends.
    pub left: Option<Found>,
    /// How many other sessions are editing the chart now, each with its own journal.
    pub live: usize,
}

impl Journal {
    /// The journals of chart file `chart` (which must exist), in `folder`. Nothing is read or
    /// written until asked.
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
        Ok(Self {
            folder: folder.to_path_buf(),
            name: format!("{stem}-{key:016x}"),
            chart,
            stamp,
            own: None,
            left: None,
        })
    }

    /// The folder the journals are kept in.
    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Where this session's journal is, once it has one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.own.as_ref().map(|own| own.path.as_path())
    }

    /// The chart file the journals are for.
    #[must_use]
    pub fn chart(&self) -> &Path {
        &self.chart
    }

    /// Looks through the journals of the chart: those other sessions hold (they run), and
    /// the first one a session cut off left, which this session then holds (see
    /// [`Survey::left`]).
    pub fn survey(&mut self) -> io::Result<Survey> {
        let mut survey = Survey::default();
        for path in slots::existing(&self.folder, &self.name)? {
            let held = match slots::take(&path, false)? {
                slots::Taken::Held(held) => held,
                slots::Taken::Live => {
                    survey.live += 1;
                    continue;
                }
                slots::Taken::Gone => continue,
            };
            if survey.left.is_some() {
                continue;
            }
            match read(&held.file)? {
                Some((header, ops)) if header.file == self.chart && !ops.is_empty() => {
                    survey.left = Some(Found {
                        ops,
                        stamp: header.stamp,
                        file_unchanged: header.stamp == self.stamp,
                        started: header.started,
                    });
                    self.left = Some(held);
                }
                // Another chart's (two names alike) or no step: not this chart's to offer.
                _ => {}
            }
        }
        Ok(survey)
    }

    /// Deletes the journal a session cut off left (recovered, or not wanted).
    pub fn drop_left(&mut self) -> io::Result<()> {
        match self.left.take() {
            Some(left) => remove_file(&left.path),
            None => Ok(()),
        }
    }

    /// Appends a step to this session's journal. A journal not started yet (or removed by a
    /// save) starts instead with `done`, the edits in effect after the step, which come to
    /// the same chart.
    pub fn record<'e>(
        &mut self,
        op: &Op,
        done: impl IntoIterator<Item = &'e Edit>,
    ) -> io::Result<()> {
        if let Some(own) = self.own.as_mut() {
            write_line(&mut own.file, op)?;
            return own.file.flush();
        }
        let mut own = slots::claim(&self.folder, &self.name, |file| {
            Ok(read(file)?.is_some_and(|(_, ops)| !ops.is_empty()))
        })?;
        own.file.set_len(0)?;
        own.file.seek(SeekFrom::Start(0))?;
        let header = Header {
            orgtree_journal: 1,
            file: self.chart.clone(),
            stamp: self.stamp,
            started: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_secs()),
        };
        let mut text = serde_json::to_vec(&header)?;
        text.push(b'\n');
        own.file.write_all(&text)?;
        for edit in done {
            write_line(&mut own.file, &Op::Do(edit.clone()))?;
        }
        own.file.flush()?;
        self.own = Some(own);
        Ok(())
    }

    /// Whether this session's journal has been started (and not removed since).
    #[must_use]
    pub fn is_started(&self) -> bool {
        self.own.is_some()
    }

    /// The chart file was saved over: what comes next is counted from how it stands now.
    pub fn rebase(&mut self) -> io::Result<()> {
        self.stamp = Stamp::of(&self.chart)?;
        Ok(())
    }

    /// Deletes this session's journal (after a clean save or quit); the next step starts
    /// one again.
    pub fn remove(&mut self) -> io::Result<()> {
        match self.own.take() {
            // Deleted while still locked, so that no other session takes it half deleted.
            Some(own) => remove_file(&own.path),
            None => Ok(()),
        }
    }
}

fn remove_file(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// The header and the whole steps of a journal; `None` when it has no header (empty, or
/// not a journal).
fn read(mut file: &File) -> io::Result<Option<(Header, Vec<Op>)>> {
    file.seek(SeekFrom::Start(0))?;
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
    Ok(Some((header, ops)))
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

    fn retitle(post: &str, title: &str) -> Edit {
        Edit::Retitle {
            post: post.into(),
            title: title.into(),
        }
    }

    /// What a session starting now is offered.
    fn offered(file: &Path, folder: &Path) -> Survey {
        Journal::for_chart(file, folder).unwrap().survey().unwrap()
    }

    #[test]
    fn steps_are_read_back_and_a_cut_line_is_left_out() {
        let folder = tempfile::tempdir().unwrap();
        let state = folder.path().join("state");
        let file = chart(folder.path());
        let mut journal = Journal::for_chart(&file, &state).unwrap();
        assert!(journal.survey().unwrap().left.is_none());
        let edit = retitle("b", "Bee");
        journal.record(&Op::Do(edit.clone()), [&edit]).unwrap();
        journal.record(&Op::Undo(true), []).unwrap();
        journal.record(&Op::Redo(true), []).unwrap();
        let path = journal.path().unwrap().to_path_buf();
        let mut file_handle = fs::OpenOptions::new().append(true).open(&path).unwrap();
        file_handle.write_all(b"{\"do\": {\"edit\": \"ret").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Cut off: the process ends and its lock goes with it; the file stays.
        drop(journal);
        let found = offered(&file, &state).left.expect("a journal");
        assert_eq!(found.ops, [Op::Do(edit), Op::Undo(true), Op::Redo(true)]);
        assert_eq!(found.edits(), 1);
        assert!(found.file_unchanged);

        let mut next = Journal::for_chart(&file, &state).unwrap();
        assert!(next.survey().unwrap().left.is_some());
        next.drop_left().unwrap();
        assert!(!path.exists());
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
        let second = retitle("b", "Bee");
        // Started by an undo (after a save removed it): it holds the edits still in effect.
        journal.record(&Op::Undo(true), [&first]).unwrap();
        journal
            .record(&Op::Do(second.clone()), [&first, &second])
            .unwrap();
        drop(journal);
        let found = offered(&file, folder.path()).left.unwrap();
        assert_eq!(found.ops, [Op::Do(first), Op::Do(second)]);
        assert_eq!(found.edits(), 2);
    }

    #[test]
    fn a_changed_chart_file_is_noticed() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let mut journal = Journal::for_chart(&file, folder.path()).unwrap();
        let edit = retitle("a", "Top");
        journal.record(&Op::Do(edit.clone()), [&edit]).unwrap();
        drop(journal);
        fs::write(&file, r#"{"posts": [{"id": "a", "title": "Changed"}]}"#).unwrap();
        assert!(!offered(&file, folder.path()).left.unwrap().file_unchanged);
    }

    /// Session A journals two edits and runs on; B on the same chart is not offered them,
    /// journals its own and ends; A's journal is as it was. A's third edit, then A is cut
    /// off: the next session is offered all three, and while it holds them no other is.
    #[test]
    fn two_sessions_on_one_chart_keep_their_journals_apart() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let state = folder.path().join("state");
        let edits = [
            retitle("a", "One"),
            retitle("b", "Two"),
            retitle("a", "Three"),
        ];

        let mut a = Journal::for_chart(&file, &state).unwrap();
        a.record(&Op::Do(edits[0].clone()), [&edits[0]]).unwrap();
        a.record(&Op::Do(edits[1].clone()), []).unwrap();
        let a_path = a.path().unwrap().to_path_buf();
        let a_bytes = fs::read(&a_path).unwrap();

        let mut b = Journal::for_chart(&file, &state).unwrap();
        let survey = b.survey().unwrap();
        assert!(survey.left.is_none(), "B is offered A's edits");
        assert_eq!(survey.live, 1);
        let own = retitle("b", "B's");
        b.record(&Op::Do(own.clone()), [&own]).unwrap();
        assert_ne!(b.path(), Some(a_path.as_path()));
        assert_eq!(
            fs::read(&a_path).unwrap(),
            a_bytes,
            "B wrote in A's journal"
        );
        b.remove().unwrap();
        drop(b);
        assert_eq!(
            fs::read(&a_path).unwrap(),
            a_bytes,
            "B's end touched A's journal"
        );

        a.record(&Op::Do(edits[2].clone()), []).unwrap();
        drop(a);
        let mut c = Journal::for_chart(&file, &state).unwrap();
        let found = c.survey().unwrap().left.expect("A's journal is offered");
        assert_eq!(found.ops, edits.map(Op::Do));
        let d = offered(&file, &state);
        assert!(d.left.is_none(), "offered to two sessions at once");
        assert_eq!(d.live, 1);
    }

    /// A session that started before another was cut off does not write over the journal
    /// the other left: that one waits for the next session.
    #[test]
    fn a_journal_left_while_a_session_runs_is_not_written_over() {
        let folder = tempfile::tempdir().unwrap();
        let file = chart(folder.path());
        let mut early = Journal::for_chart(&file, folder.path()).unwrap();
        assert!(early.survey().unwrap().left.is_none());
        let mut cut_off = Journal::for_chart(&file, folder.path()).unwrap();
        let lost = retitle("a", "Lost?");
        cut_off.record(&Op::Do(lost.clone()), [&lost]).unwrap();
        let left_path = cut_off.path().unwrap().to_path_buf();
        drop(cut_off);
        let own = retitle("b", "Own");
        early.record(&Op::Do(own.clone()), [&own]).unwrap();
        assert_ne!(early.path(), Some(left_path.as_path()));
        let found = offered(&file, folder.path()).left.unwrap();
        assert_eq!(found.ops, [Op::Do(lost)]);
    }
}
