//! Settling ids: the first post to give an id keeps it; a post with no usable id (none,
//! empty, or one an earlier post has) gets a new one, unlike every id in the chart, and the
//! problem is reported.

use super::{Builder, IdRead, Label, Message, Place, Unnamed, node};
use crate::org::post::PostId;
use crate::text::Escaped;
use rustc_hash::FxHashMap;

impl<P: Place> Builder<P> {
    /// Makes every post findable by the id it gave, in input order, so that the first post
    /// to give an id keeps it; the later ones join the posts to be named.
    pub(super) fn index_ids(&mut self) {
        self.org.reserve_ids(self.links.id_at.len());
        let mut taken = Vec::new();
        for (i, &at) in self.links.id_at.iter().enumerate() {
            if at != P::NOWHERE && self.org.index_id(node(i)).is_err() {
                let id = self.org.post(node(i)).id().clone();
                taken.push(Unnamed {
                    node: node(i),
                    number: 0,
                    at,
                    id: IdRead::Given(id, at),
                });
            }
        }
        if !taken.is_empty() {
            self.links.unnamed.append(&mut taken);
            self.links.unnamed.sort_by_key(|unnamed| unnamed.node);
        }
    }

    /// Gives each post whose id could not be used a new one, unlike every id in the chart,
    /// and says so.
    pub(super) fn name_the_unnamed(&mut self) {
        let handling = self.policy.ids;
        // The last suffix given to each id given twice: the next post to give it tries on
        // from there, so that a hundred thousand posts with one id are named in one pass
        // rather than each trying `~2`, `~3`... from the start.
        let mut last_suffix: FxHashMap<PostId, u32> = FxHashMap::default();
        for unnamed in std::mem::take(&mut self.links.unnamed) {
            let (base, mut n) = match &unnamed.id {
                IdRead::Given(id, _) => (
                    id.as_str().to_owned(),
                    last_suffix.get(id).copied().unwrap_or(1),
                ),
                _ => (format!("post-{}", unnamed.number), 1),
            };
            let mut fresh = base.clone();
            while self.org.find(&fresh).is_some() {
                n += 1;
                fresh = format!("{base}~{n}");
            }
            if let IdRead::Given(id, _) = &unnamed.id {
                last_suffix.insert(id.clone(), n);
            }
            let recovery = format!("loaded as '{}'", Escaped(&fresh));
            let label = Label {
                number: unnamed.number,
                id: None,
                title: Some(&self.org.post(unnamed.node).title),
            }
            .to_string();
            match &unnamed.id {
                IdRead::Given(id, at) => {
                    let first = self
                        .org
                        .find(id.as_str())
                        .and_then(|first| self.links.id_at.get(first.index()).copied())
                        .filter(|&first| first != P::NOWHERE)
                        .unwrap_or(*at);
                    let after = match self.links.if_duplicate.get(&unnamed.node) {
                        Some(note) => format!("): {note}"),
                        None => ")".to_owned(),
                    };
                    let message = Message::mentioning(
                        format!(
                            "duplicate id '{}' (first used on line ",
                            Escaped(id.as_str())
                        ),
                        first,
                        true,
                        &after,
                    );
                    self.findings.recoverable(handling, *at, message, &recovery);
                }
                IdRead::Missing => {
                    self.findings.recoverable(
                        handling,
                        unnamed.at,
                        format!("{label} has no id"),
                        &recovery,
                    );
                }
                IdRead::Empty(at) => {
                    self.findings.recoverable(
                        handling,
                        *at,
                        format!("{label} has an empty id"),
                        &recovery,
                    );
                }
                IdRead::Reported => {}
            }
            // `fresh` is unlike every id in the chart, so the post is always indexed.
            let _ = self.org.set_id(unnamed.node, PostId::new(fresh.as_str()));
        }
    }
}
