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

    /// The ids of the posts the edits done touch (see [`Edit::touched`]), each once.
    #[must_use]
    pub fn touched(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for step in &self.done {
            for edit in [&step.edit, &step.undo] {
                ids.extend(edit.touched().into_iter().filter_map(|id| match id {
                    std::borrow::Cow::Borrowed(id) => Some(id),
                    // An integer id of an added post, read as text: the undo names it too.
                    std::borrow::Cow::Owned(_) => None,
                }));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{LoadOptions, load_str};

    /// `a` with two reports, `b` and `c`.
    const CHART: &str = r#"{"posts": [
        {"id": "a", "title": "A"},
        {"id": "b", "title": "B", "reports_to": "a"},
        {"id": "c", "title": "C", "reports_to": "a"}
    ]}"#;

    fn chart(text: &str) -> Org {
        load_str(text, LoadOptions::default())
            .expect("the test chart loads")
            .org
    }

    fn title<'o>(org: &'o Org, id: &str) -> &'o str {
        &org.post(org.find(id).expect("the post is there")).title
    }

    fn holder<'o>(org: &'o Org, id: &str) -> Option<&'o str> {
        org.post(org.find(id).expect("the post is there"))
            .holder
            .name()
    }

    fn retitle(post: &str, title: &str) -> Edit {
        Edit::Retitle {
            post: post.into(),
            title: title.into(),
        }
    }

    fn fill(post: &str, holder: &str) -> Edit {
        Edit::Holder {
            post: post.into(),
            holder: Some(holder.into()),
        }
    }

    fn edit_of(step: Result<Option<&Step>, EditError>) -> Option<Edit> {
        step.expect("the step can be done")
            .map(|step| step.edit.clone())
    }

    /// The counts and the next steps either way: what a refusal must leave as it was.
    fn state(history: &History) -> (usize, usize, Option<Step>, Option<Step>) {
        (
            history.len(),
            history.redoable(),
            history.last_done().cloned(),
            history.last_undone().cloned(),
        )
    }

    #[test]
    fn undo_takes_back_the_last_edit_first_and_redo_does_them_again_in_order() {
        let mut org = chart(CHART);
        let mut history = History::default();
        assert!(history.is_empty());
        let (first, second) = (retitle("b", "Bee"), fill("c", "Cat"));
        history.edit(&mut org, first.clone()).unwrap();
        history.edit(&mut org, second.clone()).unwrap();
        assert_eq!((history.len(), history.redoable()), (2, 0));
        assert_eq!(
            history.script().cloned().collect::<Vec<_>>(),
            [first.clone(), second.clone()]
        );
        let edited = org.clone();

        assert_eq!(edit_of(history.undo(&mut org)), Some(second.clone()));
        assert_eq!((title(&org, "b"), holder(&org, "c")), ("Bee", None));
        assert_eq!((history.len(), history.redoable()), (1, 1));
        assert_eq!(edit_of(history.undo(&mut org)), Some(first.clone()));
        assert_eq!((title(&org, "b"), holder(&org, "c")), ("B", None));
        assert_eq!((history.len(), history.redoable()), (0, 2));
        assert!(history.is_empty());
        assert!(org == chart(CHART));
        // Nothing more to undo: nothing happens.
        assert_eq!(edit_of(history.undo(&mut org)), None);
        assert_eq!((history.len(), history.redoable()), (0, 2));

        assert_eq!(edit_of(history.redo(&mut org)), Some(first.clone()));
        assert_eq!((title(&org, "b"), holder(&org, "c")), ("Bee", None));
        assert_eq!(edit_of(history.redo(&mut org)), Some(second.clone()));
        assert_eq!((title(&org, "b"), holder(&org, "c")), ("Bee", Some("Cat")));
        assert_eq!(edit_of(history.redo(&mut org)), None);
        assert_eq!((history.len(), history.redoable()), (2, 0));
        assert!(org == edited);
        assert_eq!(
            history.script().cloned().collect::<Vec<_>>(),
            [first, second]
        );
    }

    #[test]
    fn a_new_edit_forgets_what_was_undone() {
        let mut org = chart(CHART);
        let mut history = History::default();
        history.edit(&mut org, retitle("b", "Bee")).unwrap();
        history.edit(&mut org, fill("c", "Cat")).unwrap();
        history.undo(&mut org).unwrap();
        assert_eq!(history.redoable(), 1);

        let step = history.edit(&mut org, fill("b", "Bob")).unwrap();
        assert_eq!(step.edit, fill("b", "Bob"));
        assert_eq!((history.len(), history.redoable()), (2, 0));
        assert!(history.last_undone().is_none());
        assert_eq!(edit_of(history.redo(&mut org)), None);
        assert_eq!(
            history.script().cloned().collect::<Vec<_>>(),
            [retitle("b", "Bee"), fill("b", "Bob")]
        );
        assert_eq!(holder(&org, "c"), None);
    }

    #[test]
    fn a_refused_edit_is_not_remembered_and_keeps_what_redo_can_do() {
        let mut org = chart(CHART);
        let mut history = History::default();
        history.edit(&mut org, retitle("b", "Bee")).unwrap();
        history.edit(&mut org, fill("c", "Cat")).unwrap();
        history.undo(&mut org).unwrap();
        let (before, kept) = (state(&history), org.clone());

        let refused = history.edit(&mut org, retitle("nobody", "X"));
        assert_eq!(refused, Err(EditError::UnknownPost("nobody".into())));
        assert_eq!(state(&history), before);
        assert!(org == kept);
        assert_eq!(edit_of(history.redo(&mut org)), Some(fill("c", "Cat")));
    }

    #[test]
    fn a_refused_undo_or_redo_leaves_the_history_as_it_was() {
        let mut org = chart(CHART);
        let mut history = History::default();
        history.edit(&mut org, retitle("b", "Bee")).unwrap();
        // A chart without post b, where the step cannot be undone or done again.
        let only_a = r#"{"posts": [{"id": "a", "title": "A"}]}"#;
        let mut other = chart(only_a);

        let before = state(&history);
        let refused = history.undo(&mut other).err();
        assert_eq!(refused, Some(EditError::UnknownPost("b".into())));
        assert_eq!(state(&history), before);
        assert!(other == chart(only_a));

        // On its own chart it undoes; then redo is refused on the other one.
        assert_eq!(edit_of(history.undo(&mut org)), Some(retitle("b", "Bee")));
        assert_eq!(title(&org, "b"), "B");
        let before = state(&history);
        assert_eq!((before.0, before.1), (0, 1));
        let refused = history.redo(&mut other).err();
        assert_eq!(refused, Some(EditError::UnknownPost("b".into())));
        assert_eq!(state(&history), before);
        assert!(other == chart(only_a));
        assert_eq!(edit_of(history.redo(&mut org)), Some(retitle("b", "Bee")));
        assert_eq!(title(&org, "b"), "Bee");
    }
}
