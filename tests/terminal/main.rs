//! The real `orgtree` binary in a pseudo-terminal: what a user sees, what the terminal is
//! left like on every way out, and what the what-if screen writes to disk. One test binary
//! with a module a screen, so that these tests are built and linked once.

/// The pseudo-terminal harness, shared with `examples/keybytes.rs`.
mod pty;

mod browse;
mod progress;
mod series;
mod stray_input;
mod whatif;
mod whatif_files;
