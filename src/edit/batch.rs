//! Edits done one after another with no undo kept, as a change script is replayed: the
//! `set` edits of a post (and the `chart` edits) work on the fields the format does not know
//! opened once ([`FieldSlots`]), rather than each looking for its field along the list, so
//! that a script of many edits of a post (or a chart) with many fields stays linear.

use super::field_slots::FieldSlots;
use super::set::{ChartValue, chart_value, known_value, put_chart_text, put_known, unknown_field};
use super::{Edit, EditError, apply, find};
use crate::org::{Field, NodeIndex, Org, Text};

/// A chart being edited. While the fields of a post (or of the chart) are open, the post
/// itself holds none of them: the chart is only read through [`Batch::org`], which closes
/// them first, and they are closed when the batch ends.
pub(super) struct Batch<'o> {
    org: &'o mut Org,
    open: Option<Open>,
}

struct Open {
    owner: Owner,
    fields: FieldSlots,
}

/// Whose fields are open: a post (found again by its id), or the chart's description.
#[derive(PartialEq)]
enum Owner {
    Post(NodeIndex, Text),
    Chart,
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
            let id = Text::from(post.as_str());
            self.fields(Owner::Post(node, id)).put(name, new);
            return Ok(());
        }
        if let Edit::Chart {
            field,
            value,
            keep_null,
        } = edit
        {
            match chart_value(field, value, *keep_null)? {
                ChartValue::Known(known, text) => put_chart_text(&mut self.org.meta, known, text),
                ChartValue::Unknown(new) => self.fields(Owner::Chart).put(field, new),
            }
            return Ok(());
        }
        if matches!(
            edit,
            Edit::RestoreKnown(_) | Edit::RestoreField(_) | Edit::RestoreChart(_) | Edit::Reopen(_)
        ) {
            self.close();
        }
        apply(self.org, edit)?;
        // A close may have taken the open post away, with its team: its fields go with it.
        if let Some(Open {
            owner: Owner::Post(node, id),
            ..
        }) = &self.open
            && self
                .org
                .get(*node)
                .is_none_or(|post| post.id().as_str() != id)
        {
            self.open = None;
        }
        Ok(())
    }

    /// The fields of `owner`, opened if they are not yet (closing those of another).
    fn fields(&mut self, owner: Owner) -> &mut FieldSlots {
        if self.open.as_ref().is_some_and(|open| open.owner != owner) {
            self.close();
        }
        let org = &mut *self.org;
        &mut self
            .open
            .get_or_insert_with(|| {
                let extra = match &owner {
                    Owner::Post(node, _) => &mut org.post_mut(*node).extra,
                    Owner::Chart => &mut org.meta.extra,
                };
                Open {
                    fields: FieldSlots::new(std::mem::take(extra)),
                    owner,
                }
            })
            .fields
    }

    /// Puts the open fields back where they belong.
    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            let extra = match open.owner {
                Owner::Post(node, _) => &mut self.org.post_mut(node).extra,
                Owner::Chart => &mut self.org.meta.extra,
            };
            *extra = open.fields.into_extra();
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.close();
    }
}
