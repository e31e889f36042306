//! Loading generated charts of 10k, 100k and 1M posts from a file, as `orgtree check FILE`
//! does (read, parse, validate every rule, build the model); and the roll-ups `orgtree stats`
//! adds.
//!
//! `open` opens the same chart written in each format orgtree reads through
//! `orgtree::read::open`, as every command does (the format told from the file): orgtree
//! JSON; an HR export CSV (Employee ID, Name, Email, Job Title, Department, Manager Email),
//! managers by email; the organogram pair (the senior file as `orgtree export --to
//! organogram` writes it, the staff groups in the junior file beside it); an LDIF directory
//! (`support/formats.rs`); and the HR export as an `.xlsx` workbook. Writing the 1M-row
//! workbook takes about ten seconds of the set-up.
//!
//! Run with `cargo bench --bench load`; `cargo bench --bench load -- 100000` for one size,
//! `cargo bench --bench load -- "open/hr csv"` for one reader. The charts come from
//! `orgtree::generate` (seed 42), written to temporary files.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::metrics::Stats;
use orgtree::org::save;
use orgtree::read::{LoadOptions, OpenOptions, load_path, open};

#[path = "support/formats.rs"]
mod formats;

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

/// Every reader on the same chart, through `read::open` as every command opens a file.
fn open_formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    for posts in SIZES {
        let org = generate(posts, 42);
        let folder = tempfile::tempdir().unwrap();
        let files = formats::write_all(&org, folder.path(), true);
        drop(org);
        group.sample_size(10);
        let xlsx = files.xlsx.as_ref().unwrap();
        for (name, path) in [
            ("json", &files.json),
            ("hr csv", &files.hr_csv),
            ("organogram", &files.organogram),
            ("ldif", &files.ldif),
            ("xlsx", xlsx),
        ] {
            group.bench_with_input(BenchmarkId::new(name, posts), path, |b, path| {
                b.iter(|| open(black_box(path), &OpenOptions::default()).unwrap());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, check, stats, open_formats);
criterion_main!(benches);
