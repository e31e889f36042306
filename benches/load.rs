//! Loading generated charts of 10k, 100k and 1M posts from a file, as `orgtree check FILE`
//! does (read, parse, validate every rule, build the model); and the roll-ups `orgtree stats`
//! adds.
//!
//! Run with `cargo bench --bench load`; `cargo bench --bench load -- 100000` for one size.
//! The charts come from `orgtree::generate` (seed 42), written to temporary files.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::metrics::Stats;
use orgtree::org::save;
use orgtree::read::{LoadOptions, load_path};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    for posts in SIZES {
        let file = tempfile::NamedTempFile::new().unwrap();
        save::save_atomic(&generate(posts, 42), file.path()).unwrap();
        let size = std::fs::metadata(file.path()).unwrap().len();
        group.throughput(Throughput::Bytes(size));
        group.sample_size(if posts >= 1_000_000 { 10 } else { 20 });
        group.bench_with_input(BenchmarkId::from_parameter(posts), &file, |b, file| {
            b.iter(|| load_path(black_box(file.path()), LoadOptions::default()).unwrap());
        });
    }
    group.finish();
}

fn stats(c: &mut Criterion) {
    let mut group = c.benchmark_group("stats");
    for posts in SIZES {
        let org = generate(posts, 42);
        group.sample_size(if posts >= 1_000_000 { 10 } else { 20 });
        group.bench_with_input(BenchmarkId::from_parameter(posts), &org, |b, org| {
            b.iter(|| Stats::of(black_box(org)));
        });
    }
    group.finish();
}

criterion_group!(benches, check, stats);
criterion_main!(benches);
