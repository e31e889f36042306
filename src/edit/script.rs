//! Change scripts: a JSON list of edits that turns one chart into another. Read with the
//! place of every step, so that a step that cannot be done is reported at its line; written
//! the way orgtree writes charts; and worked out between two charts (`between.rs`), so that
//! `apply(before, between(before, after))` gives `after`.

use std::cell::Cell;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::batch::Batch;
pub use super::between::between;
pub use super::made_on::MadeOn;
use super::{Edit, EditError};
use crate::org::json::parse_deep_in;
use crate::org::position::LineIndex;
use crate::org::save::write_value;
use crate::org::{Org, Position, Problem, Severity};

/// serde's message without the "at line L column C" it ends with: the place is given apart.
fn without_place(error: &serde_json::Error) -> String {
    crate::text::Escaped(&crate::org::json::reason(error)).to_string()
}

/// The levels a step puts around a value a chart keeps: the step, the post it adds, a list
/// of staff groups or dotted lines, and the group or line. A value nested as deep as a chart
/// may hold it is read in any of them; its own depth is checked when the step is done.
const STEP_LEVELS: usize = 4;

/// A step of a script as read: the edit and where it starts in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadStep {
    pub edit: Edit,
    pub position: Position,
}

/// A change script as read: the chart it was made on, when it says, and its steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    pub made_on: Option<MadeOn>,
    pub steps: Vec<ReadStep>,
}

/// The version of the script object that orgtree writes and reads.
pub const SCRIPT_VERSION: u64 = 1;

/// A script as an object: its version, the chart it was made on, its steps.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    orgtree_script: u64,
    made_on: Option<MadeOn>,
    #[serde(borrow)]
    steps: Vec<&'a RawValue>,
}

/// Reads a change script's steps (see [`read_script`]).
pub fn read(text: &str) -> Result<Vec<ReadStep>, Vec<Problem>> {
    read_script(text).map(|script| script.steps)
}

/// Reads a change script: a JSON array of edits, or the object orgtree writes
/// (`{"orgtree_script": 1, "made_on": {...}, "steps": [...]}`). Every step that cannot be
/// read is reported, each at its own line and column.
pub fn read_script(text: &str) -> Result<Script, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    let problem = |position: Position, message: String| Problem {
        severity: Severity::Error,
        position: Some(position),
        message,
    };
    let at = |error: &serde_json::Error| Position {
        line: error.line().max(1),
        column: error.column().max(1),
    };
    // `whole`: an object, which is said of as a whole when it is not a script's.
    // `object`: the text is an object, which is either the script object, whose mistakes
    // serde names at their place, or no script at all.
    let unreadable = |object: bool| {
        move |error: serde_json::Error| {
            let script_object = object && text.contains("\"orgtree_script\"");
            let (position, message) = if error.is_data() && script_object {
                (
                    at(&error),
                    format!("not a change script object: {}", without_place(&error)),
                )
            } else if error.is_data() {
                (
                    if object { Position { line: 1, column: 1 } } else { at(&error) },
                    "a change script is a JSON array of edits, or the object orgtree writes (\"orgtree_script\", \"made_on\", \"steps\")".to_owned(),
                )
            } else {
                (
                    at(&error),
                    format!("not a change script: {}", without_place(&error)),
                )
            };
            vec![problem(position, message)]
        }
    };
    let (made_on, raw): (Option<MadeOn>, Vec<&RawValue>) = if text.trim_start().starts_with('{') {
        let document: Document = serde_json::from_str(text).map_err(unreadable(true))?;
        if document.orgtree_script != SCRIPT_VERSION {
            return Err(vec![problem(
                Position { line: 1, column: 1 },
                format!(
                    "a change script of version {} (this orgtree reads version {SCRIPT_VERSION}){}",
                    document.orgtree_script,
                    if document.orgtree_script > SCRIPT_VERSION {
                        ": a newer orgtree wrote it"
                    } else {
                        ""
                    }
                ),
            )]);
        }
        (document.made_on, document.steps)
    } else {
        (None, serde_json::from_str(text).map_err(unreadable(false))?)
    };
    let mut steps = Vec::with_capacity(raw.len());
    let mut problems = Vec::new();
    for (i, step) in raw.iter().enumerate() {
        let offset = step.get().as_ptr() as usize - text.as_ptr() as usize;
        let position = lines.position(offset);
        match parse_deep_in::<Edit>(step.get(), STEP_LEVELS) {
            Ok(edit) => steps.push(ReadStep { edit, position }),
            Err(error) => problems.push(problem(
                position,
                format!("step {}: {}", i + 1, without_place(&error)),
            )),
        }
    }
    if problems.is_empty() {
        Ok(Script { made_on, steps })
    } else {
        Err(problems)
    }
}

/// A step that could not be done, its number (from 1) and why.
#[derive(Debug)]
pub struct Refused {
    pub step: usize,
    pub error: EditError,
}

impl Refused {
    /// The refusal as a problem at its step's place in the script `steps` were read from:
    /// "step 3 (move): ...".
    #[must_use]
    pub fn problem(&self, steps: &[ReadStep]) -> Problem {
        let step = &steps[self.step - 1];
        Problem {
            severity: Severity::Error,
            position: Some(step.position),
            message: format!("step {} ({}): {}", self.step, step.edit.kind(), self.error),
        }
    }
}

/// Does every edit of `edits` to `org`, in order; stops at the first that cannot be done.
/// What only a lenient load keeps is refused, saying so ([`EditError::NeedsLenient`]).
pub fn replay<'e>(org: &mut Org, edits: impl IntoIterator<Item = &'e Edit>) -> Result<(), Refused> {
    replay_with(org, edits, false)
}

/// As [`replay`]; when `lenient`, the edits keep what a lenient load keeps: a dotted line to
/// a post that is not in the chart, a value of the wrong type inside a post added, a staff
/// group or a dotted line, and a value kept as written under a field's name (`as_written`).
pub fn replay_with<'e>(
    org: &mut Org,
    edits: impl IntoIterator<Item = &'e Edit>,
    lenient: bool,
) -> Result<(), Refused> {
    let mut batch = Batch::new(org, lenient);
    for (i, edit) in edits.into_iter().enumerate() {
        done(&mut batch, edit).map_err(|error| Refused { step: i + 1, error })?;
    }
    Ok(())
}

/// Whether the move `edit` is already so in `org` (the post reports to the manager it
/// names, last or at the place it gives), in words; `None` for any other edit.
fn already_so(org: &Org, edit: &Edit) -> Option<String> {
    let Edit::Move {
        post,
        under,
        position,
    } = edit
    else {
        return None;
    };
    let node = org.find(post)?;
    let manager = org.manager(node);
    let same = match (manager, under) {
        (Some(m), Some(under)) => org.post(m).id().as_str() == under.as_str(),
        (None, None) => true,
        _ => false,
    };
    let placed = position.is_none_or(|at| org.position(node) == at);
    (same && placed).then(|| {
        let whom = under.as_ref().map_or_else(
            || "is a top post".to_owned(),
            |under| format!("reports to '{}'", crate::text::Escaped(under)),
        );
        format!(
            "already so on this chart: '{}' {whom}",
            crate::text::Escaped(post)
        )
    })
}

/// What a replay did: the steps refused, and the moves that were already so when their turn
/// came (each with its step number, from 1).
#[derive(Debug, Default)]
pub struct Replayed {
    pub refused: Vec<Refused>,
    pub already: Vec<(usize, String)>,
}

/// Replays `edits` as [`replay_all`] does, noting each move that is already so on the
/// chart as it stands when its turn comes: on a chart other than the script's, a step done
/// since. With `fitting`, none of the steps refused is
/// done: not even one that only a lenient batch does, which [`replay_all`] does leniently
/// so that the steps after it are tried on the chart it makes (`apply --keep-going` leaves
/// out what no longer fits, and nothing of it).
pub fn replay_noting<'e>(
    org: &mut Org,
    edits: impl IntoIterator<Item = &'e Edit>,
    lenient: bool,
    fitting: bool,
) -> Replayed {
    let mut batch = Batch::new(org, lenient);
    let mut replayed = Replayed::default();
    for (i, edit) in edits.into_iter().enumerate() {
        // Only a move can be so already; asking the batch for its chart closes its open
        // run of edits to one post, which a run of `set`s is better without.
        let already = matches!(edit, Edit::Move { .. })
            .then(|| already_so(batch.org(), edit))
            .flatten();
        if let Some(words) = already {
            replayed.already.push((i + 1, words));
        }
        let done = if fitting {
            batch.apply(edit)
        } else {
            done(&mut batch, edit)
        };
        if let Err(error) = done {
            replayed.refused.push(Refused { step: i + 1, error });
        }
    }
    replayed
}

/// Does every edit that can be done, in order, passing over those refused: every step
/// refused, so that a script's problems are all reported at once. `lenient` as for
/// [`replay_with`].
pub fn replay_all<'e>(
    org: &mut Org,
    edits: impl IntoIterator<Item = &'e Edit>,
    lenient: bool,
) -> Vec<Refused> {
    replay_noting(org, edits, lenient, false).refused
}

/// Does `edit` in `batch`. A step a strict batch refuses but a lenient one does is refused
/// as needing leniency; it is then done leniently, so that the steps after it are tried on
/// the chart it makes (and refused for what they do, not for what it did not).
fn done(batch: &mut Batch, edit: &Edit) -> Result<(), EditError> {
    match batch.apply(edit) {
        Err(error) if !batch.lenient() && batch.apply_leniently(edit).is_ok() => {
            Err(EditError::NeedsLenient(Box::new(error)))
        }
        done => done,
    }
}

/// Writes `edits` as a change script: a pretty JSON array, one edit an object, each
/// written as it comes (a script of a large diff is not copied whole before it is written).
pub fn write<'e>(
    edits: impl IntoIterator<Item = &'e Edit>,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    write_value(&Steps(Cell::new(Some(edits.into_iter()))), out)
}

/// Writes `edits` as the script object orgtree writes: its version, `made_on` (the chart
/// it starts from) and the steps.
pub fn write_made_on<'e>(
    edits: impl IntoIterator<Item = &'e Edit>,
    made_on: &MadeOn,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    #[derive(Serialize)]
    #[serde(bound = "Steps<I>: Serialize")]
    struct Out<'m, I> {
        orgtree_script: u64,
        made_on: &'m MadeOn,
        steps: Steps<I>,
    }
    write_value(
        &Out {
            orgtree_script: SCRIPT_VERSION,
            made_on,
            steps: Steps(Cell::new(Some(edits.into_iter()))),
        },
        out,
    )
}

/// Edits serialized one after the other; `Serialize` takes `&self`, so the iterator is
/// taken out of its cell on the one time it is written.
struct Steps<I>(Cell<Option<I>>);

impl<'e, I: Iterator<Item = &'e Edit>> Serialize for Steps<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}
