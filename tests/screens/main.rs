//! The interactive screens drawn on a test terminal (no real one): the browse, compare and
//! what-if screens as reviewed snapshots, and what their keys do, checked on the app. One
//! test binary with a module a subject, so that these tests are built and linked once.

#[path = "../common/mod.rs"]
mod common;

mod browse;
mod browse_screen;
mod compare_first_screen;
mod compare_screen;
mod configured;
mod details;
mod edit_screen;
mod large;
mod opened_files;
mod quitting;
mod recovery;
mod series;
mod side_by_side;
mod whatif_follow;
