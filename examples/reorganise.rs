//! Writes a reorganised copy of a chart, for timing `orgtree diff` on two real files: about
//! 1% of posts moved with their teams, 0.5% added, 0.5% removed and 1% retitled
//! (`orgtree::generate::reorganise`), the same for the same chart and seed.
//!
//! ```text
//! cargo build --release
//! target/release/orgtree generate --posts 1000000 --seed 42 -o /tmp/a.json
//! cargo run --release --example reorganise -- /tmp/a.json /tmp/b.json [--seed N] [--tree-order]
//! hyperfine -w 1 -r 10 'target/release/orgtree diff /tmp/a.json /tmp/b.json'
//! ```
//!
//! The copy lists its posts in the order of the original, as the next edition of the same
//! file would; with `--tree-order`, in tree order (each post before its reports), as orgtree
//! saves a chart whose reports were reordered.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use orgtree::generate::{in_tree_order, reorganise};
use orgtree::org::save;
use orgtree::read::{LoadOptions, load_path};

fn main() -> Result<ExitCode> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut seed = 1;
    let mut tree_order = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let value = args.next().context("--seed needs a number")?;
            seed = value
                .to_str()
                .and_then(|v| v.parse().ok())
                .context("--seed needs a number")?;
        } else if arg == "--tree-order" {
            tree_order = true;
        } else {
            files.push(arg.into());
        }
    }
    let [input, output] = files.as_slice() else {
        bail!("usage: reorganise BEFORE.json AFTER.json [--seed N] [--tree-order]");
    };
    let before = load_path(input, LoadOptions::default())
        .with_context(|| format!("cannot load {}", input.display()))?
        .org;
    let after = reorganise(&before, seed);
    let org = if tree_order {
        in_tree_order(&after.org)
    } else {
        after.org
    };
    save::save_atomic(&org, output)
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "{}: {} posts; {} moved with their teams, {} reports of removed posts moved up, \
         {} added, {} removed, {} retitled, {} dotted lines dropped",
        output.display(),
        org.len(),
        after.moved,
        after.rehomed,
        after.added,
        after.removed,
        after.retitled,
        after.dotted_dropped,
    );
    Ok(ExitCode::SUCCESS)
}
