//! The library without a terminal: loading charts, comparing them, editing them, change
//! scripts, and the properties that hold for any chart. One test binary with a module a
//! subject, so that these tests are built and linked once.

#[path = "../common/charts.rs"]
mod charts;
#[path = "../common/mod.rs"]
mod common;

mod adversarial;
mod compare;
mod compare_releases;
mod edit;
mod edit_properties;
mod load;
mod properties;
mod script;
