//! Loading generated charts of 10k, 100k and 1M posts: parse, validate and build the model
//! (what `orgtree check` does), and the roll-ups `orgtree stats` adds.
//!
//! Run with `cargo bench --bench load`; the charts come from `orgtree::generate` (seed 42).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::metrics::Stats;
use orgtree::org::{LoadOptions, load_str, save};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for posts in SIZES {
        let text = save::to_json(&generate(posts, 42));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(if posts >= 1_000_000 { 10 } else { 20 });
        group.bench_with_input(BenchmarkId::from_parameter(posts), &text, |b, text| {
            b.iter(|| load_str(black_box(text), LoadOptions::default()).unwrap());
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

criterion_group!(benches, load, stats);
criterion_main!(benches);
