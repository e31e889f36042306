//! Importing LDIF directory exports of 10k, 100k and 1M people, as `orgtree import ldif`
//! does once the file is read: parse, match each manager's DN, build and check the chart.
//! Beside it, the same charts loaded from orgtree JSON.
//!
//! Run with `cargo bench --bench ldif`; `cargo bench --bench ldif -- 100000` for one size.
//! The directories are made from `orgtree::generate` (seed 42): a person for each post, in
//! the generator's shuffled order so that reports often come before their managers.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::save;
use orgtree::read::ldif::{LdifOptions, ldif};
use orgtree::read::{LoadOptions, load_str};

#[path = "support/formats.rs"]
#[allow(dead_code)]
mod formats;
use formats::directory;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import ldif");
    for people in SIZES {
        let org = generate(people, 42);
        let text = directory(&org);
        let json = save::to_json(&org);
        group.throughput(Throughput::Elements(people as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::new("ldif", people), &text, |b, text| {
            b.iter(|| ldif("people.ldif", black_box(text), &LdifOptions::default()).unwrap());
        });
        group.bench_with_input(
            BenchmarkId::new("orgtree json", people),
            &json,
            |b, json| {
                b.iter(|| load_str(black_box(json), LoadOptions::default()).unwrap());
            },
        );
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
