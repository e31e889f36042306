//! `orgtree timeline` on series of 5, 10 and 20 releases of 10k and 100k posts: each series
//! from `orgtree::generate::series` (seed 42: each release reorganised from the one before,
//! about 3% of posts changed), written to temporary files once.
//!
//! - `open`: every release opened with `orgtree::read::open_each`, on both cores, as the
//!   command does;
//! - `build`: `timeline::build` on the charts in memory (the figures of each release and
//!   the comparison of each consecutive pair);
//! - `whole`: both, what the command does before printing.
//!
//! Run with `cargo bench --bench timeline`; `cargo bench --bench timeline -- 100000` for
//! one size.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgtree::compare::MatchBy;
use orgtree::org::save;
use orgtree::read::{OpenOptions, open_each};
use orgtree::timeline::{Chart, build};

const SIZES: [usize; 2] = [10_000, 100_000];
const RELEASES: [usize; 3] = [5, 10, 20];

/// The files of a series of `releases` releases of `posts` posts.
fn series(folder: &std::path::Path, posts: usize, releases: usize) -> Vec<PathBuf> {
    orgtree::generate::series(posts, 42, releases)
        .enumerate()
        .map(|(at, org)| {
            let file = folder.join(format!("{posts}-{at:02}.json"));
            save::save_atomic(&org, &file).unwrap();
            file
        })
        .collect()
}

fn charts(files: &[PathBuf]) -> Vec<Chart> {
    let mut charts: Vec<Chart> = open_each(files, &OpenOptions::default())
        .into_iter()
        .zip(files)
        .map(|(opened, file)| {
            let org = opened.unwrap().org;
            Chart {
                as_of: org.meta.as_of.as_deref().unwrap().to_owned(),
                label: file.display().to_string(),
                org,
            }
        })
        .collect();
    charts.sort_by(|a, b| a.as_of.cmp(&b.as_of));
    charts
}

fn timeline(c: &mut Criterion) {
    let folder = tempfile::tempdir().unwrap();
    for posts in SIZES {
        let all = series(folder.path(), posts, *RELEASES.last().unwrap());
        let mut group = c.benchmark_group(format!("timeline/{posts}"));
        group.sample_size(10);
        for releases in RELEASES {
            let files = &all[..releases];
            group.bench_with_input(BenchmarkId::new("open", releases), files, |b, files| {
                b.iter(|| open_each(black_box(files), &OpenOptions::default()));
            });
            let loaded = charts(files);
            group.bench_with_input(BenchmarkId::new("build", releases), &loaded, |b, loaded| {
                b.iter(|| build(black_box(loaded), MatchBy::Content, false));
            });
            group.bench_with_input(BenchmarkId::new("whole", releases), files, |b, files| {
                b.iter(|| {
                    let charts = charts(black_box(files));
                    build(&charts, MatchBy::Content, false)
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, timeline);
criterion_main!(benches);
