//! The compare screen: snapshots of the merged tree, the list of changes, the two trees side
//! by side and the screen without colour; and what its keys do, checked on the app itself.

use crate::common;

use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::App;
use orgtree::tui::compare_screen::Marker;
use orgtree::tui::theme::Theme;

const CABINET: (&str, &str) = (
    "cabinet-office-before-cdo.json",
    "cabinet-office-after-cdo.json",
);
const HOME_OFFICE: (&str, &str) = (
    "home-office-technology-before-coo.json",
    "home-office-technology-after-coo.json",
);

fn colour() -> Theme {
    Theme::new(true, false)
}

fn compare(pair: (&str, &str), size: (u16, u16), theme: Theme, actions: &[Action]) -> App {
    let mut app = common::compare_app(pair.0, pair.1, size, theme);
    for &action in actions {
        app.update(action);
    }
    app
}

fn selected_title(app: &App) -> String {
    let node = app.selected_post().expect("a post is selected");
    app.org.post(node).title.to_string()
}

#[test]
fn the_merged_tree_marks_every_change() {
    for size in [(80, 24), (120, 40)] {
        let app = compare(CABINET, size, colour(), &[UnfoldToLayer(9)]);
        insta::assert_snapshot!(
            format!("compare-merged-{}x{}", size.0, size.1),
            common::screen_with_styles(&app)
        );
    }
}

#[test]
fn the_details_show_a_moved_post_old_and_new() {
    let mut app = compare(HOME_OFFICE, (80, 24), colour(), &[UnfoldToLayer(9)]);
    while selected_title(&app) != "Director of Commercial Technology" {
        app.update(NextChange);
    }
    app.update(Details);
    insta::assert_snapshot!(
        "compare-details-moved-80x24",
        common::screen_with_styles(&app)
    );
}

#[test]
fn the_change_list() {
    let app = compare(
        CABINET,
        (80, 24),
        colour(),
        &[NextChange, ChangeList, Down, Down],
    );
    insta::assert_snapshot!(
        "compare-change-list-80x24",
        common::screen_with_styles(&app)
    );
}

#[test]
fn side_by_side_keeps_matched_posts_on_one_row() {
    let app = compare(
        CABINET,
        (160, 30),
        colour(),
        &[UnfoldToLayer(9), SideBySide],
    );
    assert!(app.side_by_side);
    insta::assert_snapshot!(
        "compare-side-by-side-160x30",
        common::screen_with_styles(&app)
    );
}

#[test]
fn without_colour_the_markers_still_say_it() {
    let app = compare(
        CABINET,
        (80, 24),
        Theme::new(false, false),
        &[UnfoldToLayer(9)],
    );
    let buffer = common::draw(&app);
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "colour at {x},{y}");
        }
    }
    insta::assert_snapshot!("compare-no-colour-80x24", common::screen_with_styles(&app));
}

#[test]
fn next_and_previous_change_visit_every_changed_post_in_tree_order_and_wrap() {
    let mut app = compare(CABINET, (80, 24), colour(), &[]);
    let changed: Vec<_> = app.compare.as_ref().unwrap().changed().to_vec();
    assert_eq!(changed.len(), 10);
    // The screen opens on the first change.
    let mut seen = vec![app.selected_post().unwrap()];
    for _ in 1..changed.len() {
        app.update(NextChange);
        seen.push(app.selected_post().unwrap());
    }
    assert_eq!(seen, changed, "] visits each changed post once, in order");
    app.update(NextChange);
    assert_eq!(app.selected_post(), Some(changed[0]));
    assert!(app.message.as_deref().unwrap().contains("wrapped"));
    app.update(PreviousChange);
    assert_eq!(app.selected_post(), Some(changed[changed.len() - 1]));
    app.update(PreviousChange);
    assert_eq!(app.selected_post(), Some(changed[changed.len() - 2]));
}

#[test]
fn changed_only_shows_changed_posts_and_their_managers() {
    let mut app = compare(HOME_OFFICE, (80, 24), colour(), &[ChangedOnly]);
    assert!(app.changed_only);
    let compare = app.compare.as_ref().unwrap();
    let shown: Vec<_> = app.view.rows().iter().map(|row| row.node).collect();
    for &node in compare.changed() {
        assert!(shown.contains(&node), "a changed post is shown");
    }
    for &node in &shown {
        let changed_below = std::iter::once(node)
            .chain(app.org.team(node).map(|(n, _)| n))
            .any(|n| compare.marker(n) != Marker::None);
        assert!(
            changed_below,
            "{} is shown for nothing",
            app.org.post(node).title
        );
    }
    // Unchanged posts with no change below, such as the Chief Architect, are hidden.
    assert!(shown.len() < app.org.len());
    app.update(ChangedOnly);
    assert!(!app.changed_only);
    app.update(ChangedOnly);
    app.update(Back);
    assert!(!app.changed_only, "Esc clears the changed-only view");
}

#[test]
fn enter_in_the_change_list_goes_to_the_post_in_the_tree() {
    let mut app = compare(HOME_OFFICE, (80, 24), colour(), &[ChangeList, Bottom]);
    let last = app.compare.as_ref().unwrap().comparison.changes.len();
    assert_eq!(app.change_list.unwrap().selected, last - 1);
    let wanted = app.selected_post();
    app.update(Accept);
    assert!(app.change_list.is_none());
    assert_eq!(app.selected_post(), wanted);
    assert_eq!(selected_title(&app), "Head of Workforce and Recruitment");
}

#[test]
fn side_by_side_needs_a_wide_terminal() {
    let mut app = compare(CABINET, (120, 30), colour(), &[SideBySide]);
    assert!(!app.side_by_side);
    assert!(app.message.as_deref().unwrap().contains("160 columns"));
    app.update(Resize(170, 30));
    app.update(SideBySide);
    assert!(app.side_by_side);
    app.update(Resize(100, 30));
    assert!(
        !app.side_by_side,
        "narrowing the terminal goes back to the merged tree"
    );
}

#[test]
fn team_counts_leave_the_ghosts_of_removed_posts_out() {
    let app = compare(CABINET, (80, 24), colour(), &[]);
    let top = app.org.tops()[0];
    // The after chart has 18 posts: 17 below the Permanent Secretary. The merged chart
    // holds one more, the removed casework manager.
    assert_eq!(app.org.len(), 19);
    assert_eq!(app.index.totals().team_posts(top), 17);
    assert_eq!(app.index.team_posts(top), 18);
}

#[test]
fn no_size_makes_the_compare_screen_panic() {
    for width in [0, 1, 10, 40, 80, 159, 160, 200] {
        for height in [0, 1, 3, 6, 24] {
            for actions in [
                &[][..],
                &[SideBySide],
                &[ChangeList],
                &[NextChange, Details],
            ] {
                let app = compare(CABINET, (width, height), colour(), actions);
                common::draw(&app);
            }
        }
    }
}

#[test]
fn a_folded_team_with_changes_inside_says_so() {
    let app = compare(HOME_OFFICE, (80, 24), colour(), &[FoldAll]);
    let screen = common::screen(&app);
    let tree_rows: Vec<&str> = screen.lines().skip(2).collect();
    assert!(
        tree_rows[0].starts_with("▸ • Chief Technology Officer"),
        "{}",
        tree_rows[0]
    );
    // Unfolded, the top post itself is unchanged and the sign goes.
    let app = compare(HOME_OFFICE, (80, 24), colour(), &[UnfoldToLayer(2)]);
    let screen = common::screen(&app);
    assert!(screen.contains("▾   Chief Technology Officer"), "{screen}");
    // A folded post with no change below it has no sign.
    assert!(
        screen.contains("├─▸   Director of Technology Delivery"),
        "{screen}"
    );
}

#[test]
fn the_change_list_keeps_its_selection_on_screen_when_the_terminal_shrinks() {
    let mut app = compare(CABINET, (80, 24), colour(), &[ChangeList, Bottom]);
    let list = app.change_list.unwrap();
    assert_eq!(list.selected, 14);
    app.update(Resize(80, 8));
    let list = app.change_list.unwrap();
    let height = usize::from(app.screen().tree.height);
    assert!(
        (list.offset..list.offset + height).contains(&list.selected),
        "{list:?} in {height} rows"
    );
    assert!(common::screen(&app).contains("Head of Digital Communications"));
}

#[test]
fn with_no_changes_the_compare_keys_say_so_and_change_nothing() {
    let pair = (CABINET.0, CABINET.0);
    let mut app = compare(pair, (80, 24), colour(), &[]);
    let rows = app.view.len();
    for action in [ChangedOnly, NextChange, ChangeList] {
        app.update(action);
        assert_eq!(
            app.message.as_deref(),
            Some("no changes: the two charts are the same"),
            "{action:?}"
        );
        assert!(!app.changed_only && app.change_list.is_none());
        assert_eq!(app.view.len(), rows);
    }
}

#[test]
fn removed_posts_go_back_where_they_were_even_under_removed_managers() {
    use orgtree::compare::{MatchBy, compare};
    use orgtree::read::{LoadOptions, load_str};
    use orgtree::tui::compare_screen::CompareState;
    let load = |text: &str| load_str(text, LoadOptions::default()).unwrap().org;
    let before = load(
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "reports_to": "a"},
        {"id": "c", "title": "C", "reports_to": "b"}, {"id": "d", "title": "D", "reports_to": "a"},
        {"id": "e", "title": "E", "reports_to": "a"}]}"#,
    );
    let after = load(
        r#"{"posts": [{"id": "a", "title": "A"}, {"id": "e", "title": "E", "reports_to": "a"}]}"#,
    );
    let comparison = compare(&before, &after, MatchBy::Content);
    let (merged, state) =
        CompareState::merge(before, after, comparison, (String::new(), String::new()));
    let shape: Vec<String> = merged
        .tree_order()
        .map(|(node, layer)| {
            let ghost = if state.is_ghost(node) { "-" } else { "" };
            format!("{layer}{ghost}{}", merged.post(node).title)
        })
        .collect();
    assert_eq!(shape, ["1A", "2-B", "3-C", "2-D", "2E"]);
    assert_eq!(merged.len(), 5);
}

#[test]
fn a_removed_post_draws_no_dotted_line_to_a_post_that_is_still_there() {
    use orgtree::compare::{MatchBy, compare};
    use orgtree::read::{LoadOptions, load_str};
    use orgtree::tui::compare_screen::CompareState;
    let load = |text: &str| load_str(text, LoadOptions::default()).unwrap().org;
    let before = load(
        r#"{"posts": [{"id": "a", "title": "Boss"},
            {"id": "b", "title": "Target", "reports_to": "a"},
            {"id": "c", "title": "Gone", "reports_to": "a", "dotted": [{"to": "b"}]},
            {"id": "k", "title": "Kept", "reports_to": "a", "dotted": [{"to": "b"}]}]}"#,
    );
    let after = load(
        r#"{"posts": [{"id": "a", "title": "Boss"},
            {"id": "b", "title": "Target", "reports_to": "a"},
            {"id": "k", "title": "Kept", "reports_to": "a", "dotted": [{"to": "b"}]}]}"#,
    );
    let comparison = compare(&before, &after, MatchBy::Content);
    let (merged, state) = CompareState::merge(before, after, comparison, ("a".into(), "b".into()));
    let options = orgtree::tui::app::Options::plain("before -> after", colour());
    let app = App::comparing(merged, state, options, (80, 24));
    let target = app.org.find("b").expect("the target is in the merged tree");
    let from: Vec<&str> = app
        .dotted_ends(target)
        .iter()
        .filter(|end| end.incoming)
        .map(|end| &*app.org.post(end.post).title)
        .collect();
    assert_eq!(from, ["Kept"]);
}

#[test]
fn a_folded_post_with_a_change_of_its_own_still_marks_the_changes_in_its_team() {
    let app = compare(
        HOME_OFFICE,
        (80, 24),
        Theme::new(false, true),
        &[UnfoldToLayer(2)],
    );
    let text = common::screen(&app);
    let coo = text
        .lines()
        .find(|line| line.contains("Chief Operating Officer, Technology"))
        .unwrap_or_else(|| panic!("no COO row:\n{text}"));
    // Its own sign (added) and the sign of changes below, in the marker's two columns.
    assert!(coo.contains("+*Chief Operating Officer"), "{coo}");
}

#[test]
fn the_hints_show_only_keys_that_work_and_always_the_key_to_a_change() {
    for width in [80, 120, 159, 160, 200] {
        let app = compare(CABINET, (width, 24), colour(), &[]);
        let text = common::screen(&app);
        let hints = text.lines().last().unwrap_or_default();
        assert!(hints.contains("Enter details"), "{width}: {hints}");
        assert_eq!(
            hints.contains("s side by side"),
            width >= 160,
            "{width}: {hints}"
        );
    }
}

#[test]
fn the_counts_line_keeps_every_figure_in_fewer_words_when_narrow() {
    for width in [50, 60, 80, 120] {
        let app = compare(CABINET, (width, 24), colour(), &[]);
        let text = common::screen(&app);
        let counts = text.lines().nth(1).unwrap_or_default();
        let summary = &app.compare.as_ref().unwrap().comparison.summary;
        let mut figures: Vec<String> = summary
            .counts
            .iter()
            .filter(|&&n| n > 0)
            .map(ToString::to_string)
            .collect();
        figures.extend(
            [summary.total(), summary.before.posts, summary.after.posts].map(|n| n.to_string()),
        );
        for figure in figures {
            assert!(
                counts
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|n| n == figure),
                "{width}: {figure} missing from {counts:?}"
            );
        }
        assert!(!counts.contains('…'), "{width}: {counts:?}");
    }
}
