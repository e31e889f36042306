//! Output for people and scripts, without a terminal user interface: the tree as text, and
//! the figures of a chart.

pub mod diff;
pub mod export;
pub mod lines;
pub mod markdown;
pub mod stats;
pub mod timeline;
pub mod tree;

mod figures;
pub use figures::{cost_text, figure, for_json, signed_count, thousands, thousands_of};

/// "s" after a count other than one: `format!("{n} post{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
