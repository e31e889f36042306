//! The command line and the file formats it reads and writes: the real `orgtree` binary run
//! as a user runs it, and the importers and exporters behind it. One test binary with a
//! module a subject, so that these tests are built and linked once.

#[path = "../common/mod.rs"]
mod common;

mod apply;
mod check;
mod compare_series;
mod config;
mod diff;
mod diff_markdown;
mod export;
mod git;
mod import_hr;
mod import_json;
mod import_ldif;
mod import_organogram;
mod interop_streams;
mod opening;
mod output;
mod output_errors;
mod progress;
mod real_organograms;
mod rebase;
mod regressions;
mod rules;
mod save_faults;
mod schema;
mod sheets;
mod sources;
mod timeline;
mod write_over;
