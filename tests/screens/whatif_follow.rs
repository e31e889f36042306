//! The what-if's index and figures kept up to date edit by edit: after random edits through
//! the keys (moves, closes both ways, adds, vacancies, fills, field edits, undo and redo) on
//! a generated chart of a few thousand posts, the screen's index (team totals, tree order,
//! ranks, dotted lines in) and the impact line's figures must be those worked out again from
//! the whole chart; and `D` (the start compared with now) must show what a comparison of the
//! whole charts gives.

use orgtree::compare::{ChangeKind, MatchBy, compare};
use orgtree::org::metrics::Stats;
use orgtree::org::tally::{Headline, Tally};
use orgtree::org::{NodeIndex, Org};
use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::{App, Options};
use orgtree::tui::chart_index::ChartIndex;
use orgtree::tui::compare_screen::CompareState;
use orgtree::tui::theme::Theme;
use proptest::prelude::*;

const POSTS: usize = 3_000;

fn options() -> Options {
    Options::plain("generated", Theme::new(true, false))
}

/// One edit through the keys, on posts picked by a number (taken modulo the posts in tree
/// order, so that it names a post whatever the chart has become).
#[derive(Clone, Debug)]
enum Step {
    Move {
        post: usize,
        under: usize,
        sibling: bool,
    },
    Close {
        post: usize,
        team: bool,
    },
    Add {
        under: usize,
    },
    Holder {
        post: usize,
    },
    Retitle {
        post: usize,
    },
    Set {
        post: usize,
        field: &'static str,
        value: String,
    },
    Dotted {
        post: usize,
        to: usize,
    },
    Undo(usize),
    Redo(usize),
    Compare,
}

fn step() -> impl Strategy<Value = Step> {
    let post = || 0..usize::MAX / 2;
    prop_oneof![
        4 => (post(), post(), any::<bool>())
            .prop_map(|(post, under, sibling)| Step::Move { post, under, sibling }),
        3 => (post(), any::<bool>()).prop_map(|(post, team)| Step::Close { post, team }),
        2 => post().prop_map(|under| Step::Add { under }),
        2 => post().prop_map(|post| Step::Holder { post }),
        1 => post().prop_map(|post| Step::Retitle { post }),
        2 => (
            post(),
            prop::sample::select(vec![
                ("fte", "0.5"),
                ("fte", ""),
                ("cost", "41000"),
                ("cost", "[30000, 45000]"),
                ("cost", ""),
                ("grade", "SCS1"),
            ])
        )
            .prop_map(|(post, (field, value))| Step::Set {
                post,
                field,
                value: value.to_owned()
            }),
        1 => (post(), post()).prop_map(|(post, to)| Step::Dotted { post, to }),
        3 => (1_usize..4).prop_map(Step::Undo),
        2 => (1_usize..3).prop_map(Step::Redo),
        1 => Just(Step::Compare),
    ]
}

fn nth_post(app: &App, n: usize) -> NodeIndex {
    let order = app.index.in_tree_order(None);
    order[n % order.len()]
}

fn select(app: &mut App, n: usize) -> NodeIndex {
    let node = nth_post(app, n);
    app.select_post(node);
    node
}

fn keys(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

fn type_in(app: &mut App, text: &str) {
    app.update(ClearLine);
    for c in text.chars() {
        app.update(Insert(c));
    }
}

fn run(app: &mut App, step: &Step) {
    match *step {
        Step::Move {
            post,
            under,
            sibling,
        } => {
            select(app, post);
            app.update(Cut);
            select(app, under);
            app.update(if sibling { PasteSibling } else { Paste });
        }
        Step::Close { post, team } => {
            select(app, post);
            keys(app, &[ClosePost, Insert(if team { 't' } else { 'u' })]);
            // A post with no reports closes without a question: the letter then is a key of
            // the tree, which must not matter.
        }
        Step::Add { under } => {
            select(app, under);
            app.update(AddReport);
            type_in(app, "Analyst");
            app.update(Accept);
        }
        Step::Holder { post } => {
            select(app, post);
            app.update(Holder);
            if app.form().is_some() {
                type_in(app, "A. Person");
                app.update(Accept);
            }
        }
        Step::Retitle { post } => {
            select(app, post);
            app.update(Retitle);
            type_in(app, "Head of Rehearsals");
            app.update(Accept);
        }
        Step::Set {
            post,
            field,
            ref value,
        } => {
            select(app, post);
            app.update(EditField);
            type_in(app, field);
            app.update(Accept);
            type_in(app, value);
            app.update(Accept);
        }
        Step::Dotted { post, to } => {
            let to = nth_post(app, to);
            let to = app.org.post(to).id().as_str().to_owned();
            select(app, post);
            app.update(EditField);
            type_in(app, "dotted");
            app.update(Accept);
            type_in(app, &format!("[{{\"to\": \"{to}\"}}]"));
            app.update(Accept);
        }
        Step::Undo(times) => keys(app, &vec![Undo; times]),
        Step::Redo(times) => keys(app, &vec![Redo; times]),
        Step::Compare => {}
    }
    // Whatever is left open (a refused form, a question) is closed.
    keys(app, &[Back, Back]);
}

/// The screen's index of the chart agrees with one built from the whole chart.
fn same_index(org: &Org, index: &ChartIndex) -> Result<(), TestCaseError> {
    let fresh = ChartIndex::of(org);
    prop_assert_eq!(
        index.in_tree_order(None),
        fresh.in_tree_order(None),
        "tree order"
    );
    for node in org.posts() {
        let id = org.post(node).id().as_str();
        prop_assert_eq!(index.rank(node), fresh.rank(node), "rank of {}", id);
        prop_assert_eq!(
            index.team_posts(node),
            fresh.team_posts(node),
            "team of {}",
            id
        );
        prop_assert_eq!(
            index.totals().headcount_fte(node).to_bits(),
            fresh.totals().headcount_fte(node).to_bits(),
            "FTE of the team of {}",
            id
        );
        prop_assert_eq!(
            index.totals().cost(node),
            fresh.totals().cost(node),
            "cost of the team of {}",
            id
        );
        prop_assert_eq!(
            index.dotted_in(node),
            fresh.dotted_in(node),
            "lines to {}",
            id
        );
    }
    Ok(())
}

/// The figures of the impact line are those of the whole chart: exactly the counts, and the
/// sums of FTE and cost to well within what the line shows (two decimals).
fn same_figures(now: &Headline, stats: &Stats) -> Result<(), TestCaseError> {
    let full = Headline::from(stats);
    prop_assert_eq!(
        (
            now.posts,
            now.vacant,
            now.undisclosed,
            now.layers,
            now.widest_span
        ),
        (
            full.posts,
            full.vacant,
            full.undisclosed,
            full.layers,
            full.widest_span
        )
    );
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
    prop_assert!(close(now.headcount_fte, full.headcount_fte), "FTE");
    match (now.cost, full.cost) {
        (Some(a), Some(b)) => prop_assert!(
            close(a.low(), b.low()) && close(a.high(), b.high()),
            "cost {:?} and {:?}",
            a,
            b
        ),
        (a, b) => prop_assert_eq!(a, b),
    }
    Ok(())
}

/// A post of the compare screen's chart as it shows: its id, whether it is a ghost, its
/// depth, its marker and its team totals.
type Shown = (String, bool, u32, String, usize, u64, Option<u64>);

fn shown(org: &Org, index: &ChartIndex, state: &CompareState) -> Vec<Shown> {
    org.tree_order()
        .map(|(node, depth)| {
            (
                org.post(node).id().as_str().to_owned(),
                state.is_ghost(node),
                depth,
                format!("{:?}", state.marker(node)),
                index.team_posts(node),
                index.totals().headcount_fte(node).to_bits(),
                index.totals().cost(node).map(|c| c.low().to_bits()),
            )
        })
        .collect()
}

/// The changes as the list shows them: the post's id and the kind.
fn change_list(org: &Org, state: &CompareState) -> Vec<(String, ChangeKind)> {
    state
        .comparison
        .changes
        .iter()
        .map(|change| {
            let node = state.node(change.entry());
            (org.post(node).id().as_str().to_owned(), change.kind())
        })
        .collect()
}

/// `D` shows what comparing the whole start with the whole chart now gives.
fn same_comparison(app: &App) -> Result<(), TestCaseError> {
    let whatif = app.whatif.as_ref().expect("a what-if");
    let now = &whatif
        .stash
        .as_ref()
        .expect("the edited chart put aside")
        .org;
    let state = app.compare.as_ref().expect("the comparison");
    let start = whatif.start_chart(now).expect("the start");
    let comparison = compare(&start, now, MatchBy::Id);
    let names = ("the start".to_owned(), "now".to_owned());
    let (merged, full) = CompareState::merge(start, now.clone(), comparison, names);
    let mut index = ChartIndex::of(&merged);
    index.leave_out(&merged, |node| full.is_ghost(node));
    prop_assert_eq!(change_list(&app.org, state), change_list(&merged, &full));
    prop_assert_eq!(
        shown(&app.org, &app.index, state),
        shown(&merged, &index, &full)
    );
    prop_assert_eq!(
        state.comparison.summary.counts,
        full.comparison.summary.counts
    );
    prop_assert_eq!(
        Headline::from(&state.comparison.summary.before),
        Headline::from(&full.comparison.summary.before)
    );
    prop_assert_eq!(
        Headline::from(&state.comparison.summary.after),
        Headline::from(&full.comparison.summary.after)
    );
    Ok(())
}

fn check(app: &App) -> Result<(), TestCaseError> {
    let whatif = app.whatif.as_ref().expect("a what-if");
    same_index(&app.org, &app.index)?;
    prop_assert_eq!(&whatif.now, &Tally::of(&app.org));
    same_figures(&whatif.now.headline(), &Stats::of(&app.org))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        ..ProptestConfig::default()
    })]

    #[test]
    fn edits_keep_the_index_and_the_figures_those_of_the_whole_chart(
        seed in 0_u64..1_000,
        steps in prop::collection::vec(step(), 1..=24),
    ) {
        let org = orgtree::generate::generate(POSTS, seed);
        let mut app = App::new(org, options(), (100, 30));
        app.begin_whatif(false);
        for step in &steps {
            run(&mut app, step);
            if matches!(step, Step::Compare) {
                app.update(CompareStart);
                if app.compare.is_some() {
                    same_comparison(&app)?;
                    app.update(CompareStart);
                }
                prop_assert!(app.compare.is_none(), "back to editing");
            }
            check(&app)?;
        }
    }
}
