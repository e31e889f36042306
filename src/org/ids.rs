//! The index from post id to post. Its entries are node indexes alone, four bytes a post: the
//! ids themselves are the posts' own, read from the chart to hash and to confirm a match.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use petgraph::stable_graph::NodeIndex;

#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    table: HashTable<NodeIndex>,
}

fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl IdIndex {
    /// The post with `id`; `id_of` gives the id of any indexed post.
    pub(crate) fn find<'a>(
        &self,
        id: &str,
        id_of: impl Fn(NodeIndex) -> &'a str,
    ) -> Option<NodeIndex> {
        self.table
            .find(hash(id), |&node| id_of(node) == id)
            .copied()
    }

    /// Indexes `node` under `id`, unless a post already has that id: then that post.
    pub(crate) fn insert<'a>(
        &mut self,
        id: &str,
        node: NodeIndex,
        id_of: impl Fn(NodeIndex) -> &'a str,
    ) -> Result<(), NodeIndex> {
        match self.table.entry(
            hash(id),
            |&other| id_of(other) == id,
            |&other| hash(id_of(other)),
        ) {
            hashbrown::hash_table::Entry::Occupied(taken) => Err(*taken.get()),
            hashbrown::hash_table::Entry::Vacant(free) => {
                free.insert(node);
                Ok(())
            }
        }
    }

    /// Forgets the post indexed under `id`, if any.
    pub(crate) fn remove<'a>(&mut self, id: &str, id_of: impl Fn(NodeIndex) -> &'a str) {
        if let Ok(entry) = self.table.find_entry(hash(id), |&node| id_of(node) == id) {
            entry.remove();
        }
    }

    /// Makes room for `more` entries at once: growing step by step would hash every id
    /// again at each step.
    pub(crate) fn reserve<'a>(&mut self, more: usize, id_of: impl Fn(NodeIndex) -> &'a str) {
        self.table.reserve(more, |&node| hash(id_of(node)));
    }
}
