//! orgtree: review organisation structures in the terminal.
//!
//! The library holds the model ([`org`]), the reports the command line prints ([`report`]),
//! the chart generator used by benchmarks ([`generate`]), the built-in demo ([`demo`]) and
//! the interactive program ([`tui`]).

pub mod compare;
pub mod demo;
pub mod edit;
pub mod generate;
pub mod org;
pub mod read;
pub mod report;
pub mod text;
pub mod tui;
