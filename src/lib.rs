//! orgtree: review organisation structures in the terminal.
//!
//! The library holds the model ([`org`]: posts, the field table, the chart and the chart
//! builder), the readers of each format ([`read`]), comparing ([`compare`]) and editing
//! ([`edit`]) charts, the reports the command line prints ([`report`]), untrusted text made
//! safe ([`text`]), the progress of long work and Ctrl-C ([`progress`]), the chart generator
//! used by benchmarks ([`generate`]), the built-in demo ([`demo`]) and the interactive
//! program ([`tui`]). `ARCHITECTURE.md` is the map.

pub mod compare;
pub mod demo;
pub mod edit;
pub mod generate;
pub mod org;
pub mod progress;
pub mod read;
pub mod report;
pub mod rules;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod work;
