//! Edits done one after another with no undo kept, as a change script is replayed: the
//! `set` edits of a post (and the `chart` edits) work on the fields the format does not know
//! opened once ([`FieldSlots`]), rather than each looking for its field along the list, so
//! that a script of many edits of a post (or a chart) with many fields stays linear.

use super::apply::apply_with;
use super::field_slots::FieldSlots;
use super::set::{
    ChartValue, chart_value, kept_value, known_value, put_chart_text, put_known, unknown_field,
};
use super::{Edit, EditError, find};
use crate::org::{Field, NodeIndex, Org, Post, Text};

/// A chart being edited. While the fields of a post (or of the chart) are open, the post
/// itself holds none of them: the chart is only read through [`Batch::org`], which closes
/// them first, and they are closed when the batch ends.
pub(super) struct Batch<'o> {
    org: &'o mut Org,
    open: Option<Open>,
    /// Whether edits keep what a lenient load keeps.
    lenient: bool,
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
    /// A batch of edits to `org`, keeping what a lenient load keeps when `lenient`.
    pub(super) fn new(org: &'o mut Org, lenient: bool) -> Self {
        Self {
            org,
            open: None,
            lenient,
        }
    }

    pub(super) fn lenient(&self) -> bool {
        self.lenient
    }

    /// Does `edit` as a lenient batch would.
    pub(super) fn apply_leniently(&mut self, edit: &Edit) -> Result<(), EditError> {
        let lenient = std::mem::replace(&mut self.lenient, true);
        let done = self.apply(edit);
        self.lenient = lenient;
        done
    }

    /// The chart as the edits so far made it.
    pub(super) fn org(&mut self) -> &Org {
        self.close();
        self.org
    }

    /// Does `edit`, as [`apply_with`] would, or says why it cannot be done (the chart is then
    /// left as it was).
    pub(super) fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        if let Edit::Set {
            post,
            field,
            value,
            keep_null,
            as_written,
        } = edit
        {
            let node = find(self.org, post)?;
            let (name, new) = match Field::named(field) {
                None => (
                    field.as_str(),
                    unknown_field(post, field, value, *keep_null, *as_written)?,
                ),
                Some(known) if *as_written => {
                    let kept = kept_value(self.org, node, known, value, self.lenient)?;
                    if kept.is_some() {
                        put_known(self.org, node, known, &Post::new(post.as_str(), ""));
                    }
                    (
                        known.name(),
                        kept.map(|value| (Text::from(known.name()), value)),
                    )
                }
                Some(Field::ReportsTo) => return Err(EditError::ManagerBySet),
                Some(known) => {
                    let from = known_value(self.org, post, known, value, self.lenient)?;
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
            as_written,
        } = edit
        {
            match chart_value(field, value, *keep_null, *as_written, self.lenient)? {
                ChartValue::Known(known, text) => {
                    put_chart_text(&mut self.org.meta, known, text);
                    // A value of the wrong type a lenient load kept under the name goes.
                    self.fields(Owner::Chart).put(field, None);
                }
                ChartValue::AsWritten(known, kept) => {
                    if kept.is_some() {
                        put_chart_text(&mut self.org.meta, known, None);
                    }
                    self.fields(Owner::Chart).put(field, kept);
                }
                ChartValue::Unknown(new) => self.fields(Owner::Chart).put(field, new),
            }
            return Ok(());
        }
        // A move, a holder and a dotted line look at (or take out) a value kept as written
        // under a field's name: the fields of their post are closed first.
        let reads_fields = matches!(
            edit,
            Edit::Move { .. } | Edit::Holder { .. } | Edit::Dotted { .. }
        ) && self.open.as_ref().is_some_and(|open| {
            matches!(&open.owner, Owner::Post(_, id) if Some(id.as_str()) == edit.post_id().as_deref())
        });
        if reads_fields
            || matches!(
                edit,
                Edit::RestoreKnown(_)
                    | Edit::RestoreField(_)
                    | Edit::RestoreChart(_)
                    | Edit::Reopen(_)
            )
        {
            self.close();
        }
        apply_with(self.org, edit, self.lenient)?;
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
