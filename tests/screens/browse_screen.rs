//! Whole screens, drawn on a test terminal and compared with reviewed snapshots, at 80x24
//! and 120x40; and screens at sizes down to nothing, which must draw without a panic.

use crate::common;

use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::App;
use orgtree::tui::theme::Theme;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn colour() -> Theme {
    Theme::new(true, false)
}

fn after(fixture: Option<&str>, size: (u16, u16), theme: Theme, actions: &[Action]) -> App {
    let mut app = common::app(fixture, size, theme);
    for &action in actions {
        app.update(action);
    }
    app
}

fn typing(text: &str) -> Vec<Action> {
    text.chars().map(Insert).collect()
}

/// Snapshots the screen after `actions` at both sizes, named `NAME-WxH`.
fn snapshot(name: &str, fixture: Option<&str>, theme: Theme, actions: &[Action]) {
    for size in SIZES {
        let app = after(fixture, size, theme, actions);
        insta::assert_snapshot!(
            format!("{name}-{}x{}", size.0, size.1),
            common::screen_with_styles(&app)
        );
    }
}

#[test]
fn the_demo_chart() {
    snapshot("demo", None, colour(), &[]);
}

#[test]
fn a_folded_and_an_unfolded_tree() {
    snapshot("folded", None, colour(), &[FoldAll]);
    snapshot("unfolded", None, colour(), &[UnfoldToLayer(9), Down, Down]);
}

#[test]
fn a_search_with_matches() {
    let mut actions = vec![StartSearch];
    actions.extend(typing("head"));
    snapshot("search-typing", None, colour(), &actions);
    actions.extend([Accept, NextMatch]);
    snapshot("search-accepted", None, colour(), &actions);
}

#[test]
fn a_filter() {
    let mut actions = vec![StartFilter];
    actions.extend(typing("digital"));
    actions.push(Accept);
    snapshot("filter", None, colour(), &actions);
}

#[test]
fn a_focus_with_its_breadcrumb() {
    snapshot(
        "focus",
        Some("home-office-technology-after-coo.json"),
        colour(),
        &[Down, Focus, UnfoldToLayer(9)],
    );
}

#[test]
fn the_details_of_a_post() {
    // In place of the tree (at any width); beside it from 100 columns on.
    snapshot("details", None, colour(), &[Down, Down, Details]);
    snapshot(
        "details-staff",
        Some("home-office-technology-after-coo.json"),
        colour(),
        &[Down],
    );
    snapshot(
        "details-dotted",
        Some("cddo-missions.json"),
        colour(),
        &[UnfoldToLayer(9), Down, Down, Details],
    );
}

#[test]
fn a_holder_not_disclosed_reads_apart_from_a_vacancy_and_a_name_without_colour() {
    let app = after(
        Some("organogram-before-release.json"),
        (120, 40),
        Theme::new(false, false),
        &[UnfoldToLayer(9), Down],
    );
    common::assert_no_colour(&common::draw(&app));
    let screen = common::screen(&app);
    for row in [
        "├─▾ Director General, Operations (not disclosed)",
        "│ ├─▾ Director of Finance (not disclosed)",
        "│ └── Director of People (vacant)",
        "└── Deputy Director, Policy (Sam Lee)",
        "│ holder    not disclosed",
        // Its pay band, and its team's: 120,000-124,999 + 90,000 (dir-fin).
        "│ cost      120,000 to 124,999",
        "│ cost      210,000 to 214,999 with the team",
    ] {
        assert!(screen.contains(row), "no {row} in\n{screen}");
    }
    insta::assert_snapshot!(
        "not-disclosed-no-colour-120x40",
        common::screen_with_styles(&app)
    );
}

#[test]
fn the_help() {
    snapshot("help", None, colour(), &[Help]);
}

#[test]
fn the_choice_of_dotted_line() {
    let mut app = common::app(Some("cddo-missions.json"), (80, 24), colour());
    let several = app
        .org
        .posts()
        .find(|&node| app.dotted_ends(node).len() > 1)
        .expect("a post with several dotted lines");
    app.select_post(several);
    app.update(FollowDotted);
    insta::assert_snapshot!("dotted-choice-80x24", common::screen_with_styles(&app));
}

#[test]
fn no_colour_keeps_every_distinction_in_glyphs_words_and_attributes() {
    for size in SIZES {
        let app = after(
            None,
            size,
            Theme::new(false, false),
            &[Down, Down, UnfoldOrFirstReport],
        );
        let buffer = common::draw(&app);
        common::assert_no_colour(&buffer);
        insta::assert_snapshot!(
            format!("no-colour-{}x{}", size.0, size.1),
            common::screen_with_styles(&app)
        );
        // The selection is still visible: reversed.
        let selected_row = app.screen().tree.y + u16::try_from(app.selected - app.offset).unwrap();
        let cell = &buffer[(5, selected_row)];
        assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    }
}

#[test]
fn ascii_guides_and_markers() {
    snapshot(
        "ascii",
        Some("home-office-technology-after-coo.json"),
        Theme::new(true, true),
        &[UnfoldToLayer(9)],
    );
    snapshot("ascii-help", None, Theme::new(true, true), &[Help]);
    let app = after(None, (80, 24), Theme::new(true, true), &[UnfoldToLayer(9)]);
    let screen = common::screen(&app);
    assert!(screen.is_ascii(), "{screen}");
}

#[test]
fn hostile_text_is_escaped_and_wide_text_keeps_to_its_columns() {
    for size in SIZES {
        let app = after(
            Some("hostile-text.json"),
            size,
            colour(),
            &[UnfoldToLayer(9), Down],
        );
        let screen = common::screen(&app);
        for line in screen.lines() {
            assert!(
                !line.contains(orgtree::text::is_unsafe),
                "raw control or bidi characters on screen: {line:?}"
            );
            assert_eq!(
                orgtree::text::width(line),
                usize::from(size.0),
                "a line that is not exactly the screen's width: {line:?}"
            );
        }
        insta::assert_snapshot!(
            format!("hostile-{}x{}", size.0, size.1),
            common::screen_with_styles(&app)
        );
    }
}

#[test]
fn a_terminal_too_small_says_so() {
    let app = after(None, (30, 5), colour(), &[]);
    insta::assert_snapshot!("too-small-30x5", common::screen_with_styles(&app));
}

#[test]
fn no_size_down_to_nothing_makes_drawing_panic() {
    let modes: [&[Action]; 5] = [
        &[],
        &[Help],
        &[Details],
        &[StartSearch, Insert('h')],
        &[Down, Focus],
    ];
    for actions in modes {
        let mut app = after(Some("hostile-text.json"), (80, 24), colour(), actions);
        for width in 0..=40 {
            for height in 0..=10 {
                app.update(Resize(width, height));
                common::draw(&app);
            }
        }
    }
}
