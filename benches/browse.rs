//! Key to frame on the browse screen: one action given to the app, then the whole screen
//! drawn (80x24, on ratatui's test backend, so terminal output is not counted), on generated
//! charts of 10k, 100k and 1M posts. Also the time to open the screen (the app's indexes
//! and the first frame), which `orgtree FILE` spends after loading.
//!
//! Run with `cargo bench --bench browse`; `cargo bench --bench browse -- 100000` for one size.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::Org;
use orgtree::tui::action::Action::{
    self, Accept, Back, Down, Focus, FoldAll, FoldOrManager, Insert, NextMatch, NextSibling,
    PageDown, StartSearch, Top, Unfocus, UnfoldOrFirstReport, UnfoldToLayer,
};
use orgtree::tui::app::{App, Options};
use orgtree::tui::theme::Theme;
use orgtree::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SCREEN: (u16, u16) = (80, 24);

fn options() -> Options {
    Options {
        source: "generated".into(),
        theme: Theme::new(true, false),
        notice: None,
        mouse: false,
    }
}

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
    Case {
        name: "search keystroke",
        prepare: &[StartSearch, Insert('d')],
        act: Insert('i'),
    },
];

fn key_to_frame(c: &mut Criterion) {
    for posts in SIZES {
        let org = generate(posts, 42);
        let mut terminal = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).unwrap();
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
                        let start = Instant::now();
                        app.update(case.act);
                        terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
                        total += start.elapsed();
                    }
                    total
                });
            });
        }
        group.finish();
    }
}

/// Back to the state the app opens in, whatever the last case left.
fn reset(app: &mut App) {
    for action in [Back, Back, Back, Unfocus, Unfocus, Top, UnfoldToLayer(2)] {
        app.update(action);
    }
}

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open the screen");
    group.sample_size(10);
    for posts in SIZES {
        let org: Org = generate(posts, 42);
        let mut terminal = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).unwrap();
        group.bench_function(BenchmarkId::from_parameter(posts), |b| {
            b.iter_batched(
                || org.clone(),
                |org| {
                    let app = App::new(org, options(), SCREEN);
                    terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
                    app
                },
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, key_to_frame, open);
criterion_main!(benches);
