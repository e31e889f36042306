//! Comparing generated charts of 10k, 100k and 1M posts (seed 42) with a reorganised copy
//! of each (`orgtree::generate::reorganise`, seed 1: about 1% of posts moved with their
//! teams, 0.5% added, 0.5% removed, 1% retitled). The charts are built before the clock
//! starts; what is timed:
//! - `engine`: `compare::compare` alone (matching, merged tree, changes, figures), the
//!   reorganised copy stored in the order of the original, as the next edition of the same
//!   file is;
//! - `engine, other order`: the same with the copy stored in tree order
//!   (`generate::in_tree_order`, as orgtree saves a chart whose reports were reordered),
//!   while the generated chart is in shuffled order: most pairs of posts are far apart;
//! - `diff text` and `diff json`: what `orgtree diff` and `orgtree diff --json` do once both
//!   charts are loaded: the comparison, then the change list written (to a sink, through a
//!   buffer as to standard output);
//! - `text report` and `json report`: the writing alone, from a finished comparison.
//!
//! Run with `cargo bench --bench compare`; `cargo bench --bench compare -- 100000` for one
//! size.

use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use orgtree::compare::{self, Comparison, MatchBy};
use orgtree::generate::{generate, in_tree_order, reorganise};
use orgtree::org::{Org, save};
use orgtree::report::diff::{self, Diff};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn text(before: &Org, after: &Org, comparison: &Comparison) {
    let mut out = BufWriter::new(io::sink());
    let shown = Diff {
        before,
        after,
        comparison,
    };
    diff::write_text(&mut out, &shown).unwrap();
    out.flush().unwrap();
}

fn json(before: &Org, after: &Org, comparison: &Comparison) {
    let shown = Diff {
        before,
        after,
        comparison,
    };
    save::write_value(&diff::to_json(&shown), BufWriter::new(io::sink())).unwrap();
}

fn compare(c: &mut Criterion) {
    for posts in SIZES {
        let before = generate(posts, 42);
        let after = reorganise(&before, 1).org;
        let other_order = in_tree_order(&after);
        let engine = || compare::compare(black_box(&before), black_box(&after), MatchBy::Content);
        let mut group = c.benchmark_group(format!("compare/{posts}"));
        if posts >= 1_000_000 {
            // Ten samples of one or two runs: about a minute for the six benchmarks.
            group.sampling_mode(SamplingMode::Flat);
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
        } else {
            group.sample_size(20);
        }
        // A comparison is freed after the clock stops, as `orgtree diff` never waits for that.
        group.bench_function(BenchmarkId::from_parameter("engine"), |b| {
            b.iter_with_large_drop(engine);
        });
        group.bench_function(BenchmarkId::from_parameter("engine, other order"), |b| {
            b.iter_with_large_drop(|| {
                compare::compare(
                    black_box(&before),
                    black_box(&other_order),
                    MatchBy::Content,
                )
            });
        });
        group.bench_function(BenchmarkId::from_parameter("diff text"), |b| {
            b.iter_with_large_drop(|| {
                let comparison = engine();
                text(&before, &after, &comparison);
                comparison
            });
        });
        group.bench_function(BenchmarkId::from_parameter("diff json"), |b| {
            b.iter_with_large_drop(|| {
                let comparison = engine();
                json(&before, &after, &comparison);
                comparison
            });
        });
        let comparison = engine();
        group.bench_function(BenchmarkId::from_parameter("text report"), |b| {
            b.iter(|| text(&before, &after, black_box(&comparison)));
        });
        group.bench_function(BenchmarkId::from_parameter("json report"), |b| {
            b.iter(|| json(&before, &after, black_box(&comparison)));
        });
        group.finish();
    }
}

criterion_group!(benches, compare);
criterion_main!(benches);
