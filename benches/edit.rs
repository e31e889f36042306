//! What-if edits and their undo on generated charts of 10k, 100k and 1M posts (seed 42),
//! through `edit::History` as the edit screen uses it. The chart is generated once per size;
//! each iteration does the edit on a fresh history, then undoes it, so the chart is the same
//! again for the next one. The edit and the undo are timed apart (each with its own clock
//! readings, a few tens of ns); building the edit and freeing the history are not timed.
//!
//! The post `T` edited is the head of a team of about 100 posts (`support/targets.rs`):
//! - `move`: `T` with its team goes under another manager of its manager's layer (last
//!   among its reports), and `move, undo` puts it back where it was;
//! - `retitle`, `retitle, undo`;
//! - `close up`: `T` closes and its reports move up to its manager; the undo reopens it and
//!   gives its reports back;
//! - `close team`: `T` closes with its whole team; the undo reopens every post.
//!
//! `between`: `edit::script::between`, the change script from a generated chart to a
//! reorganised copy of it (`generate::reorganise`, seed 1: about 1% of posts moved with their
//! teams, 0.5% added, 0.5% removed, 1% retitled), at 10k and 100k only.
//!
//! Run with `cargo bench --bench edit`; `cargo bench --bench edit -- 100000` for one size.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group};
use criterion::{criterion_main, measurement::WallTime};
use orgtree::edit::{Edit, History, Reports, script};
use orgtree::generate::{generate, reorganise};
use orgtree::org::Org;

#[path = "support/targets.rs"]
mod targets;
use targets::targets;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const BETWEEN_SIZES: [usize; 2] = [10_000, 100_000];

/// Times the edit (`undo` false) or its undo (`undo` true) of `edit`, `iters` times, on a
/// fresh history each time.
fn time(org: &mut Org, edit: &Edit, iters: u64, undo: bool) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let mut history = History::default();
        let edit = edit.clone();
        let start = Instant::now();
        history.edit(org, edit).expect("the edit is done");
        let edited = start.elapsed();
        let start = Instant::now();
        let undone = history.undo(org).expect("the edit is undone").is_some();
        let undone_in = start.elapsed();
        assert!(undone);
        total += if undo { undone_in } else { edited };
        drop(black_box(history));
    }
    total
}

fn bench_edit(group: &mut BenchmarkGroup<'_, WallTime>, org: &mut Org, name: &str, edit: &Edit) {
    group.bench_function(BenchmarkId::from_parameter(name), |b| {
        b.iter_custom(|iters| time(org, edit, iters, false));
    });
    group.bench_function(BenchmarkId::from_parameter(format!("{name}, undo")), |b| {
        b.iter_custom(|iters| time(org, edit, iters, true));
    });
}

fn edits(c: &mut Criterion) {
    for posts in SIZES {
        let mut org = generate(posts, 42);
        let t = targets(&org);
        eprintln!(
            "edit/{posts}: team '{}' of {} posts, {} reports, moved under '{}'",
            t.team, t.team_size, t.reports, t.new_manager
        );
        let mut group = c.benchmark_group(format!("edit/{posts}"));
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        if posts >= 1_000_000 {
            group.sampling_mode(SamplingMode::Flat);
            group.sample_size(10);
        } else {
            group.sample_size(20);
        }
        let cases = [
            (
                "move",
                Edit::Move {
                    post: t.team.clone(),
                    under: Some(t.new_manager.clone()),
                    position: None,
                },
            ),
            (
                "retitle",
                Edit::Retitle {
                    post: t.team.clone(),
                    title: "Head of Rehearsals, Strategy".into(),
                },
            ),
            (
                "close up",
                Edit::Close {
                    post: t.team.clone(),
                    reports: Reports::Up,
                },
            ),
            (
                "close team",
                Edit::Close {
                    post: t.team.clone(),
                    reports: Reports::Close,
                },
            ),
        ];
        for (name, edit) in &cases {
            bench_edit(&mut group, &mut org, name, edit);
        }
        group.finish();
    }
}

fn between(c: &mut Criterion) {
    for posts in BETWEEN_SIZES {
        let before = generate(posts, 42);
        let after = reorganise(&before, 1).org;
        let steps = script::between(&before, &after).expect("a script").len();
        eprintln!("between/{posts}: {steps} edits");
        let mut group = c.benchmark_group(format!("between/{posts}"));
        group.warm_up_time(Duration::from_millis(500));
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.bench_function(BenchmarkId::from_parameter("script"), |b| {
            b.iter_with_large_drop(|| script::between(black_box(&before), black_box(&after)));
        });
        group.finish();
    }
}

criterion_group!(benches, edits, between);
criterion_main!(benches);
