//! The compare screen on generated charts of 10k, 100k and 1M posts (seed 42) and a
//! reorganised copy of each (`generate::reorganise`, seed 1), at 170x40, both charts loaded
//! before the clock starts:
//! - `open`: the comparison, the merged chart with the ghosts of removed posts, the screen's
//!   indexes, the chains to the first changes unfolded, and the first frame drawn;
//! - `next change`: `]` and the frame;
//! - `side by side`: `s` and the frame, the rows of both sides aligned anew (the view's rows
//!   are changed, untimed, before each);
//! - `side by side, all unfolded`: the same with every post unfolded, the worst case: every
//!   post of both charts a row.
//!
//! Run with `cargo bench --bench compare_screen`; `-- 100000` for one size.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use orgtree::compare::{self, MatchBy};
use orgtree::generate::{generate, reorganise};
use orgtree::tui::action::Action::{FoldAll, NextChange, SideBySide, UnfoldToLayer};
use orgtree::tui::app::App;
use orgtree::tui::compare_screen::CompareState;

#[path = "support/screen.rs"]
mod support;
use support::{Screen, draw, options};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SCREEN: (u16, u16) = (170, 40);

/// The time of `act` and a frame, `iterations` times, each after `prepare` (untimed).
fn timed(
    app: &mut App,
    screen: &mut Screen,
    iterations: u64,
    prepare: &dyn Fn(&mut App),
    act: &dyn Fn(&mut App),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        prepare(app);
        draw(screen, app);
        let start = Instant::now();
        act(app);
        draw(screen, app);
        total += start.elapsed();
    }
    total
}

fn compare_screen(c: &mut Criterion) {
    for posts in SIZES {
        let before = generate(posts, 42);
        let after = reorganise(&before, 1).org;
        let mut screen = support::screen(SCREEN);
        let open = |screen: &mut Screen| {
            let comparison = compare::compare(&before, &after, MatchBy::Content);
            let (merged, state) = CompareState::merge(
                before.clone(),
                after.clone(),
                comparison,
                ("a.json".into(), "b.json".into()),
            );
            let app = App::comparing(merged, state, options(), SCREEN);
            draw(screen, &app);
            app
        };
        let mut group = c.benchmark_group(format!("compare screen/{posts}"));
        if posts >= 1_000_000 {
            group.sampling_mode(SamplingMode::Flat);
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
        } else {
            group.sample_size(20);
        }
        // The clones of the two charts are made inside the clock in `open`: they stand for
        // the load, whose own figures are in the load benchmark. Timed apart here:
        group.bench_function(BenchmarkId::from_parameter("clone both charts"), |b| {
            b.iter_with_large_drop(|| (before.clone(), after.clone()));
        });
        group.bench_function(BenchmarkId::from_parameter("open"), |b| {
            b.iter_with_large_drop(|| open(&mut screen));
        });
        let mut app = open(&mut screen);
        group.bench_function(BenchmarkId::from_parameter("next change"), |b| {
            b.iter_custom(|n| {
                timed(&mut app, &mut screen, n, &|_| {}, &|app| {
                    app.update(NextChange);
                })
            });
        });
        let side = |layers: u8| {
            move |app: &mut App| {
                if app.side_by_side {
                    app.update(SideBySide);
                }
                // New rows, so that the side by side is aligned anew.
                app.update(FoldAll);
                app.update(UnfoldToLayer(layers));
            }
        };
        let toggle = |app: &mut App| {
            app.update(SideBySide);
        };
        group.bench_function(BenchmarkId::from_parameter("side by side"), |b| {
            b.iter_custom(|n| timed(&mut app, &mut screen, n, &side(3), &toggle));
        });
        group.bench_function(
            BenchmarkId::from_parameter("side by side, all unfolded"),
            |b| {
                b.iter_custom(|n| timed(&mut app, &mut screen, n, &side(99), &toggle));
            },
        );
        group.finish();
    }
}

criterion_group!(benches, compare_screen);
criterion_main!(benches);
