//! The model: posts and the field table, the chart and its reporting lines, the chart builder
//! every reader feeds, places in a text, problems, saving, the schema and roll-ups. Plain
//! Rust with no terminal code, so that every other layer can build on it.

pub mod builder;
pub mod cost;
pub mod fields;
pub(crate) mod graph;
mod ids;
pub(crate) mod json;
pub mod metrics;
pub mod output;
pub mod position;
pub(crate) mod post;
pub mod problems;
pub mod save;
pub mod schema;
pub mod surrogates;
pub mod tally;
mod tree_order;
mod values;

pub use cost::Cost;
pub use fields::{FORMAT_VERSION, Field};
pub use graph::{Meta, NodeIndex, Org, OrgError};
pub use position::Position;
pub use post::{Dotted, Extra, Holder, List, Post, PostId, Shared, Staff, Text};
pub use problems::{Problem, Severity};
pub use tree_order::TreeOrder;
