//! Edits done one after another with no undo kept, as a change script is replayed: the
//! `set` edits of a post work on its fields the format does not know opened once
//! ([`FieldSlots`]), rather than each looking for its field along the post's list, so that
//! a script of many `set` edits of a post with many fields stays linear.

use super::field_slots::FieldSlots;
use super::set::{known_value, put_known, unknown_field};
use super::{Edit, EditError, apply, find};
use crate::org::{Field, NodeIndex, Org, Text};

/// A chart being edited. While a post's fields are open, the post itself holds none of
/// them: the chart is only read through [`Batch::org`], which closes them first, and they
/// are closed when the batch ends.
pub(super) struct Batch<'o> {
    org: &'o mut Org,
    open: Option<Open>,
}

struct Open {
    node: NodeIndex,
    id: Text,
    fields: FieldSlots,
}

impl<'o> Batch<'o> {
    pub(super) fn new(org: &'o mut Org) -> Self {
        Self { org, open: None }
    }

    /// The chart as the edits so far made it.
    pub(super) fn org(&mut self) -> &Org {
        self.close();
        self.org
    }

    /// Does `edit`, as [`apply`] would, or says why it cannot be done (the chart is then left
    /// as it was).
    pub(super) fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        if let Edit::Set {
            post,
            field,
            value,
            keep_null,
        } = edit
        {
            let node = find(self.org, post)?;
            let (name, new) = match Field::named(field) {
                None => (
                    field.as_str(),
                    unknown_field(post, field, value, *keep_null)?,
                ),
                Some(known) => {
                    let from = known_value(self.org, post, known, value)?;
                    put_known(self.org, node, known, &from);
                    // A value of the wrong type a lenient load kept under the name goes.
                    (known.name(), None)
                }
            };
            self.fields(node).put(name, new);
            return Ok(());
        }
        if matches!(
            edit,
            Edit::RestoreKnown(_) | Edit::RestoreField(_) | Edit::Reopen(_)
        ) {
            self.close();
        }
        apply(self.org, edit)?;
        // A close may have taken the open post away, with its team: its fields go with it.
        if let Some(open) = &self.open
            && self
                .org
                .get(open.node)
                .is_none_or(|post| post.id().as_str() != open.id)
        {
            self.open = None;
        }
        Ok(())
    }

    /// The fields of post `node`, opened if they are not yet (closing those of another).
    fn fields(&mut self, node: NodeIndex) -> &mut FieldSlots {
        if self.open.as_ref().is_some_and(|open| open.node != node) {
            self.close();
        }
        let org = &mut *self.org;
        &mut self
            .open
            .get_or_insert_with(|| {
                let post = org.post_mut(node);
                Open {
                    node,
                    id: Text::from(post.id().as_str()),
                    fields: FieldSlots::new(std::mem::take(&mut post.extra)),
                }
            })
            .fields
    }

    /// Puts the open fields back in their post.
    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            self.org.post_mut(open.node).extra = open.fields.into_extra();
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.close();
    }
}
