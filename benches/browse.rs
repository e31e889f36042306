//! The browse screen on generated charts of 10k, 100k and 1M posts (seed 42):
//! - `first frame`: what `orgtree FILE` does before the user sees anything: load the file,
//!   build the screen's indexes, draw the first frame;
//! - `key to frame`: one action given to the app, then the whole 80x24 screen drawn and
//!   encoded for the terminal (the bytes go to memory, not to a terminal);
//! - `search`: a keystroke in the search prompt until its first match is selected and drawn,
//!   and one slice of a search (the longest a keystroke waits while a search runs).
//!
//! Run with `cargo bench --bench browse`; `cargo bench --bench browse -- 100000` for one size.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::{Org, save};
use orgtree::read::{LoadOptions, load_path};
use orgtree::tui::action::Action::{
    self, Accept, Back, Down, Focus, FoldAll, FoldOrManager, Insert, NextMatch, NextSibling,
    PageDown, StartFilter, StartSearch, Top, Unfocus, UnfoldOrFirstReport, UnfoldToLayer,
};
use orgtree::tui::app::App;

#[path = "support/screen.rs"]
mod support;
use support::{Screen, draw, options};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SCREEN: (u16, u16) = (80, 24);

/// A case: actions that put the app in the state to measure from (not timed), then the
/// action whose key-to-frame time is measured.
struct Case {
    name: &'static str,
    prepare: &'static [Action],
    act: Action,
}

const CASES: &[Case] = &[
    Case {
        name: "move down",
        prepare: &[UnfoldToLayer(3)],
        act: Down,
    },
    Case {
        name: "page down",
        prepare: &[UnfoldToLayer(3)],
        act: PageDown,
    },
    Case {
        name: "unfold one post",
        prepare: &[FoldAll],
        act: UnfoldOrFirstReport,
    },
    Case {
        name: "fold one post",
        prepare: &[UnfoldToLayer(9), Top],
        act: FoldOrManager,
    },
    Case {
        name: "next sibling",
        prepare: &[UnfoldToLayer(9), Top, Down],
        act: NextSibling,
    },
    Case {
        name: "focus",
        prepare: &[UnfoldToLayer(3), Top, Down],
        act: Focus,
    },
    Case {
        name: "next search match",
        prepare: &[StartSearch, Insert('9'), Insert('9'), Accept],
        act: NextMatch,
    },
    Case {
        name: "unfold everything (9)",
        prepare: &[FoldAll],
        act: UnfoldToLayer(9),
    },
    Case {
        name: "fold everything (0)",
        prepare: &[UnfoldToLayer(9)],
        act: FoldAll,
    },
];

fn key_to_frame(c: &mut Criterion) {
    for posts in SIZES {
        let org = generate(posts, 42);
        let mut screen = support::screen(SCREEN);
        let mut group = c.benchmark_group(format!("key to frame/{posts}"));
        group.sample_size(if posts >= 1_000_000 { 10 } else { 30 });
        group.warm_up_time(Duration::from_millis(500));
        let mut app = App::new(org, options(), SCREEN);
        for case in CASES {
            group.bench_function(BenchmarkId::from_parameter(case.name), |b| {
                b.iter_custom(|iterations| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        reset(&mut app);
                        for &action in case.prepare {
                            app.update(action);
                        }
                        app.finish_work();
                        draw(&mut screen, &app);
                        let start = Instant::now();
                        app.update(case.act);
                        draw(&mut screen, &app);
                        total += start.elapsed();
                    }
                    total
                });
            });
        }
        search(&mut group, &mut app, &mut screen);
        group.finish();
    }
}

/// A search keystroke: until the first match is selected and drawn (the search runs to its
/// end in slices); and the first slice alone, which is all a keystroke waits for.
fn search(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    app: &mut App,
    screen: &mut Screen,
) {
    group.bench_function(BenchmarkId::from_parameter("search keystroke"), |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                reset(app);
                app.update(StartSearch);
                app.update(Insert('d'));
                app.finish_work();
                draw(screen, app);
                let start = Instant::now();
                app.update(Insert('i'));
                while app.has_work() {
                    app.work();
                }
                draw(screen, app);
                total += start.elapsed();
            }
            total
        });
    });
    // A filter on a term: every post looked at, no text compared.
    group.bench_function(BenchmarkId::from_parameter("filter is:vacant"), |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                reset(app);
                app.update(StartFilter);
                for c in "is:vacan".chars() {
                    app.update(Insert(c));
                }
                app.finish_work();
                draw(screen, app);
                let start = Instant::now();
                app.update(Insert('t'));
                while app.has_work() {
                    app.work();
                }
                app.update(Accept);
                draw(screen, app);
                total += start.elapsed();
            }
            total
        });
    });
    group.bench_function(BenchmarkId::from_parameter("search slice"), |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                reset(app);
                app.update(StartSearch);
                let start = Instant::now();
                app.update(Insert('d'));
                total += start.elapsed();
                app.update(Back);
            }
            total
        });
    });
}

/// Back to the state the app opens in, whatever the last case left.
fn reset(app: &mut App) {
    for action in [Back, Back, Back, Unfocus, Unfocus, Top, UnfoldToLayer(2)] {
        app.update(action);
    }
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first frame");
    group.sample_size(10);
    for posts in SIZES {
        let org: Org = generate(posts, 42);
        let file = tempfile::NamedTempFile::new().unwrap();
        save::save_atomic(&org, file.path()).unwrap();
        drop(org);
        let mut screen = support::screen(SCREEN);
        group.bench_function(BenchmarkId::from_parameter(posts), |b| {
            // The chart is freed after the clock stops, as `orgtree` never waits for that.
            b.iter_with_large_drop(|| {
                let loaded = load_path(file.path(), LoadOptions::default()).unwrap();
                let app = App::new(loaded.org, options(), SCREEN);
                draw(&mut screen, &app);
                app
            });
        });
    }
    group.finish();
}

criterion_group!(benches, first_frame, key_to_frame);
criterion_main!(benches);
