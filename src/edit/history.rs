//! Undo and redo. The history keeps edits, not copies of the chart: each step is the edit as
//! the person made it and the edit that undoes it, so a step costs about the size of what it
//! changed.

use super::{Edit, EditError, apply};
use crate::org::Org;

/// An edit that was done, and the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub edit: Edit,
    pub undo: Edit,
}

/// The edits done to a chart since it was loaded, and those undone since the last edit.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Does `edit` and remembers it; a new edit forgets what was undone.
    pub fn edit(&mut self, org: &mut Org, edit: Edit) -> Result<&Step, EditError> {
        let undo = apply(org, &edit)?;
        self.undone.clear();
        self.done.push(Step { edit, undo });
        Ok(self.done.last().expect("just pushed"))
    }

    /// Undoes the last edit done, if any, and gives it.
    pub fn undo(&mut self, org: &mut Org) -> Result<Option<&Step>, EditError> {
        let Some(step) = self.done.pop() else {
            return Ok(None);
        };
        if let Err(error) = apply(org, &step.undo) {
            self.done.push(step);
            return Err(error);
        }
        self.undone.push(step);
        Ok(self.undone.last())
    }

    /// Does again the last edit undone, if any, and gives it.
    pub fn redo(&mut self, org: &mut Org) -> Result<Option<&Step>, EditError> {
        let Some(step) = self.undone.pop() else {
            return Ok(None);
        };
        match apply(org, &step.edit) {
            Ok(undo) => {
                self.done.push(Step {
                    edit: step.edit,
                    undo,
                });
                Ok(self.done.last())
            }
            Err(error) => {
                self.undone.push(step);
                Err(error)
            }
        }
    }

    /// The step undo would undo next.
    #[must_use]
    pub fn last_done(&self) -> Option<&Step> {
        self.done.last()
    }

    /// The step redo would do again next.
    #[must_use]
    pub fn last_undone(&self) -> Option<&Step> {
        self.undone.last()
    }

    /// The edits done, in order: the change script from the start to now.
    pub fn script(&self) -> impl ExactSizeIterator<Item = &Edit> {
        self.done.iter().map(|step| &step.edit)
    }

    /// How many edits are done (not undone).
    #[must_use]
    pub fn len(&self) -> usize {
        self.done.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// How many undone edits redo can do again.
    #[must_use]
    pub fn redoable(&self) -> usize {
        self.undone.len()
    }
}
