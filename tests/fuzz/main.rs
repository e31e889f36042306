//! Fuzzing every reader: the orgtree JSON loader, the organogram CSV importer, the nested and
//! flat JSON importers, HR exports, spreadsheets, the LDIF importer, and change scripts with
//! `apply`. Each target is fed arbitrary bytes, seed files changed by random mutations, and
//! charts built at random, and checks that nothing panics or hangs, that every byte written
//! for people is free of raw control and bidi characters, that a chart saves and loads back
//! as it is, that exports settle, and that `apply(a, diff --script(a, b)) == b`.
//!
//! `cargo test` runs 64 cases a target; `ORGTREE_FUZZ_CASES=100000 cargo test --release
//! --test fuzz` runs many more. A failing input is written under
//! `target/tmp/fuzz-failures/`; keep it in `tests/regressions/` once fixed.

#[path = "../common/charts.rs"]
mod charts;
#[path = "../common/mod.rs"]
mod common;

mod hr;
mod imports;
mod ldif;
mod mutate;
mod organogram;
mod orgtree_json;
mod outputs;
mod regressions;
mod scripts;
mod sheets;
mod support;
