//! What-if edits on the screen (`orgtree edit`): `App::update` from the key that does an edit
//! to the state the next frame shows (the chart, its index, the view and the impact line's
//! figures), on generated charts of 10k, 100k and 1M posts (seed 42). The frame is drawn
//! after each iteration but not timed (about 1 ms at any size, see `browse`).
//!
//! The post `T` edited is the head of a team of about 100 posts, `M` another manager of its
//! manager's layer (`support/targets.rs`). Each case selects what it needs, times only the
//! keys named, then undoes what it did (not timed), so the chart is the same for the next
//! iteration:
//! - `move`: `x` on `T`, then `p` on `M` (the two keys timed, not the selection between);
//! - `close, reports up` and `close team`: `d` on `T` and the answer `u` or `t`;
//! - `add a report`: Enter on the add form under `M`, its title typed;
//! - `vacate` (or fill, where `T` is vacant), `retitle` (Enter on the form) and `set fte`
//!   (Enter on the form setting `fte` to 0.5, which changes team totals);
//! - `undo` and `redo` of a move;
//! - `D`: the start compared with now after three edits (a move, a close with reports up and
//!   a retitle), and `D back` to editing.
//!
//! Run with `cargo bench --bench whatif`; `cargo bench --bench whatif -- 100000` for one size.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use orgtree::generate::generate;
use orgtree::org::{NodeIndex, Text};
use orgtree::tui::action::Action::{
    self, Accept, AddReport, ClearLine, ClosePost, CompareStart, Cut, EditField, Holder, Insert,
    Paste, Redo, Retitle, Undo,
};
use orgtree::tui::app::App;

#[path = "support/screen.rs"]
mod support;
#[path = "support/targets.rs"]
mod targets;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SCREEN: (u16, u16) = (80, 24);

/// The ids of the posts edited.
struct Posts {
    team: Text,
    new_manager: Text,
}

fn node(app: &App, id: &Text) -> NodeIndex {
    app.org.find(id.as_str()).expect("the post is in the chart")
}

fn select(app: &mut App, id: &Text) {
    let node = node(app, id);
    app.select_post(node);
}

fn timed(app: &mut App, action: Action) -> Duration {
    let start = Instant::now();
    app.update(action);
    start.elapsed()
}

fn typed(app: &mut App, text: &str) {
    app.update(ClearLine);
    for c in text.chars() {
        app.update(Insert(c));
    }
}

/// Undoes `edits` edits, asserting that each was undone.
fn undo(app: &mut App, edits: usize) {
    let before = app.whatif.as_ref().map_or(0, |w| w.history.len());
    for _ in 0..edits {
        app.update(Undo);
    }
    let after = app.whatif.as_ref().map_or(0, |w| w.history.len());
    assert_eq!(before - after, edits, "every edit undone");
}

/// `T` with its team under `M`: `x` and `p`, timed.
fn cut_and_paste(app: &mut App, posts: &Posts) -> Duration {
    select(app, &posts.team);
    let cut = timed(app, Cut);
    select(app, &posts.new_manager);
    let paste = timed(app, Paste);
    assert_eq!(
        app.org.manager(node(app, &posts.team)),
        Some(node(app, &posts.new_manager)),
        "moved"
    );
    cut + paste
}

fn close(app: &mut App, posts: &Posts, answer: char) -> Duration {
    select(app, &posts.team);
    let asked = timed(app, ClosePost);
    let answered = timed(app, Insert(answer));
    assert!(app.org.find(posts.team.as_str()).is_none(), "closed");
    asked + answered
}

fn retitle(app: &mut App, posts: &Posts) -> Duration {
    select(app, &posts.team);
    app.update(Retitle);
    typed(app, "Head of Rehearsals, Strategy");
    timed(app, Accept)
}

type Run = fn(&mut App, &Posts) -> Duration;

const CASES: &[(&str, Run)] = &[
    ("move", |app, posts| {
        let time = cut_and_paste(app, posts);
        undo(app, 1);
        time
    }),
    ("close, reports up", |app, posts| {
        let time = close(app, posts, 'u');
        undo(app, 1);
        time
    }),
    ("close team", |app, posts| {
        let time = close(app, posts, 't');
        undo(app, 1);
        time
    }),
    ("add a report", |app, posts| {
        select(app, &posts.new_manager);
        app.update(AddReport);
        for c in "Analyst".chars() {
            app.update(Insert(c));
        }
        let time = timed(app, Accept);
        undo(app, 1);
        time
    }),
    ("vacate", |app, posts| {
        select(app, &posts.team);
        let mut time = timed(app, Holder);
        if app.form().is_some() {
            typed(app, "A. Holder");
            time = timed(app, Accept);
        }
        undo(app, 1);
        time
    }),
    ("retitle", |app, posts| {
        let time = retitle(app, posts);
        undo(app, 1);
        time
    }),
    ("set fte", |app, posts| {
        select(app, &posts.team);
        app.update(EditField);
        typed(app, "fte");
        app.update(Accept);
        typed(app, "0.5");
        let time = timed(app, Accept);
        undo(app, 1);
        time
    }),
    ("undo a move", |app, posts| {
        cut_and_paste(app, posts);
        timed(app, Undo)
    }),
    ("redo a move", |app, posts| {
        cut_and_paste(app, posts);
        undo(app, 1);
        let time = timed(app, Redo);
        undo(app, 1);
        time
    }),
    ("D", |app, posts| {
        three_edits(app, posts);
        let time = timed(app, CompareStart);
        assert!(app.compare.is_some(), "comparing");
        app.update(CompareStart);
        undo(app, 3);
        time
    }),
    ("D back", |app, posts| {
        three_edits(app, posts);
        app.update(CompareStart);
        let time = timed(app, CompareStart);
        assert!(app.compare.is_none(), "editing");
        undo(app, 3);
        time
    }),
];

/// A move, a close with reports up and a retitle, not timed.
fn three_edits(app: &mut App, posts: &Posts) {
    cut_and_paste(app, posts);
    select(app, &posts.new_manager);
    app.update(Retitle);
    typed(app, "Head of Rehearsals, Strategy");
    app.update(Accept);
    close(app, posts, 'u');
}

fn whatif(c: &mut Criterion) {
    for size in SIZES {
        let org = generate(size, 42);
        let t = targets::targets(&org);
        eprintln!(
            "whatif/{size}: team '{}' of {} posts, {} reports, moved under '{}'",
            t.team, t.team_size, t.reports, t.new_manager
        );
        let posts = Posts {
            team: t.team,
            new_manager: t.new_manager,
        };
        let mut app = App::new(org, support::options(), SCREEN);
        let mut screen = support::screen(SCREEN);
        app.begin_whatif(false);
        let mut group = c.benchmark_group(format!("whatif/{size}"));
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(2));
        group.sample_size(if size >= 1_000_000 { 10 } else { 20 });
        for &(name, run) in CASES {
            group.bench_function(BenchmarkId::from_parameter(name), |b| {
                b.iter_custom(|iterations| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        total += run(&mut app, &posts);
                        // As the screen would, between keys (not timed).
                        support::draw(&mut screen, &app);
                    }
                    total
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, whatif);
criterion_main!(benches);
