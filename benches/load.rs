//! Loading generated charts of 10k, 100k and 1M posts from a file, as `orgtree check FILE`
//! does (read, parse, validate every rule, build the model); and the roll-ups `orgtree stats`
//! adds.
//!
//! `open` opens the same chart written two ways through `orgtree::read::open`, as every
//! command does (the format told from the file): as orgtree JSON, and as an HR export CSV
//! (Employee ID, Name, Email, Job Title, Department, Manager Email), managers by email.
//!
//! Run with `cargo bench --bench load`; `cargo bench --bench load -- 100000` for one size.
//! The charts come from `orgtree::generate` (seed 42), written to temporary files.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::Org;
use orgtree::org::metrics::Stats;
use orgtree::org::save;
use orgtree::read::{LoadOptions, OpenOptions, load_path, open};

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

/// The chart as an HR export: one row a post, managers by email.
fn hr_csv(org: &Org) -> String {
    let email = |node| format!("{}@example.org", org.post(node).id().as_str());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "Employee ID",
            "Name",
            "Email",
            "Job Title",
            "Department",
            "Manager Email",
        ])
        .unwrap();
    for node in org.posts() {
        let post = org.post(node);
        writer
            .write_record([
                post.id().as_str(),
                post.holder.name().unwrap_or_default(),
                &email(node),
                &post.title,
                post.unit.as_deref().unwrap_or_default(),
                &org.manager(node).map(email).unwrap_or_default(),
            ])
            .unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn open_formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    for posts in SIZES {
        let org = generate(posts, 42);
        let folder = tempfile::tempdir().unwrap();
        let json = folder.path().join("chart.json");
        save::save_atomic(&org, &json).unwrap();
        let csv = folder.path().join("people.csv");
        std::fs::write(&csv, hr_csv(&org)).unwrap();
        drop(org);
        group.sample_size(10);
        for (name, path) in [("json", &json), ("hr csv by email", &csv)] {
            group.bench_with_input(BenchmarkId::new(name, posts), path, |b, path| {
                b.iter(|| open(black_box(path), &OpenOptions::default()).unwrap());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, check, stats, open_formats);
criterion_main!(benches);
