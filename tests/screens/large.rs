//! The browse screen on a chart larger than one slice of a search: typing never waits for
//! a search to finish, a new keystroke drops the old search, and the results are those of a
//! search done at once.

use orgtree::org::{NodeIndex, Org};
use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::{App, Options};
use orgtree::tui::overlay::PromptKind;
use orgtree::tui::search::{self, SLICE};
use orgtree::tui::theme::Theme;

fn app_on(org: Org) -> App {
    let options = Options::plain("generated", Theme::new(true, false));
    App::new(org, options, (80, 24))
}

fn large_app() -> App {
    app_on(orgtree::generate::generate(SLICE * 2 + 1_000, 7))
}

fn press(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

/// Slices of work until the search is done; how many it took.
fn work_until_done(app: &mut App) -> usize {
    let mut slices = 0;
    while app.has_work() {
        let finished = app.work();
        slices += 1;
        assert_eq!(finished, !app.has_work());
        assert!(slices < 100, "the search never finishes");
    }
    slices
}

fn all_matches(app: &App, text: &str) -> Vec<NodeIndex> {
    search::find(&app.org, &app.index, None, text)
}

#[test]
fn a_search_larger_than_a_slice_goes_on_between_keys_and_ends_as_a_search_done_at_once() {
    let mut app = large_app();
    let origin = app.selected_post();
    press(&mut app, &[StartSearch, Insert('d')]);
    assert!(app.has_work(), "one slice cannot cover the chart");
    assert!(app.search.is_none(), "no partial results are shown");
    assert_eq!(
        app.selected_post(),
        origin,
        "the selection waits for the search"
    );

    // A key typed meanwhile starts the search again, for the new text.
    press(&mut app, &[Insert('i')]);
    let running = app.running.as_ref().expect("a search is running");
    assert_eq!(
        (running.kind, running.text.as_str()),
        (PromptKind::Search, "di")
    );

    let slices = work_until_done(&mut app);
    assert!(slices >= 2, "{slices} slices");
    let search = app.search.clone().expect("the search finished");
    assert_eq!(search.text, "di");
    assert_eq!(search.matches, all_matches(&app, "di"));
    assert!(!search.matches.is_empty());
    // The selection is on the first match from where the search began.
    let from = origin.map_or(0, |node| app.index.rank(node));
    let first = search
        .matches
        .iter()
        .copied()
        .find(|&m| app.index.rank(m) >= from)
        .unwrap_or(search.matches[0]);
    assert_eq!(app.selected_post(), Some(first));
    assert_eq!(
        search.current,
        search.matches.iter().position(|&m| m == first)
    );
}

#[test]
fn enter_finishes_a_running_search_and_esc_drops_it() {
    let mut app = large_app();
    press(
        &mut app,
        &[StartSearch, Insert('x'), Insert('y'), Insert('z')],
    );
    assert!(app.has_work());
    press(&mut app, &[Accept]);
    assert!(!app.has_work());
    assert!(app.search.is_none(), "nothing matches 'xyz'");
    assert_eq!(app.message.as_deref(), Some("nothing matches 'xyz'"));

    press(&mut app, &[StartSearch, Insert('o')]);
    assert!(app.has_work());
    press(&mut app, &[Back]);
    assert!(!app.has_work(), "Esc drops the search");
    assert!(app.search.is_none());
}

#[test]
fn a_filter_larger_than_a_slice_is_shown_once_it_is_complete() {
    let mut app = large_app();
    let rows_before = app.view.len();
    press(
        &mut app,
        &[StartFilter, Insert('P'), Insert('0'), Insert('1')],
    );
    assert!(app.has_work());
    assert!(
        app.view.filter().is_none(),
        "the old view stays until the filter is ready"
    );
    assert_eq!(app.view.len(), rows_before);
    work_until_done(&mut app);
    let shown = app.view.filter().expect("the filter is shown");
    assert_eq!(shown.matches, all_matches(&app, "P01").len());
    assert_eq!(app.filter.as_deref(), Some("P01"));
}

#[test]
fn a_search_in_a_small_focused_team_is_done_within_the_keystroke() {
    let mut app = large_app();
    // A post of the second layer: its team is a small part of the chart.
    press(&mut app, &[Down, Down, Focus]);
    let root = *app.view.focus().last().expect("focused");
    assert!(app.index.team_posts(root) < app.org.len() / 4);
    press(&mut app, &[StartSearch, Insert('a')]);
    assert!(!app.has_work(), "the team is searched at once");
    let search = app.search.clone().expect("the search finished");
    assert_eq!(
        search.matches,
        search::find(&app.org, &app.index, Some(root), "a")
    );
    assert!(!search.matches.is_empty());
    assert!(
        search
            .matches
            .iter()
            .all(|&m| m == root || app.org.chain_to_top(m).any(|up| up == root))
    );
}
