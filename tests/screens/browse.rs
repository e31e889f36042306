//! The browse screen's behaviour, driven by actions with no terminal: moving, folding,
//! focus, search, filter, dotted lines, and the modes the keys work in.

use crate::common;

use orgtree::org::NodeIndex;
use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::{App, Outcome};
use orgtree::tui::keys::{self, Mode};
use orgtree::tui::theme::Theme;
use proptest::prelude::*;

fn app(fixture: Option<&str>) -> App {
    common::app(fixture, (80, 24), Theme::new(true, false))
}

fn press(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

/// As the program does: each key, then a frame drawn. What a draw finds out (how far a
/// wrapped text scrolls) limits the next key.
fn press_and_draw(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
        common::draw(app);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Insert(c));
    }
}

fn id(app: &App, node: NodeIndex) -> &str {
    app.org.post(node).id().as_str()
}

fn selected(app: &App) -> &str {
    id(app, app.selected_post().expect("a post is selected"))
}

/// The rows as `id` indented by depth.
fn rows(app: &App) -> Vec<String> {
    app.view
        .rows()
        .iter()
        .map(|row| format!("{}{}", "  ".repeat(row.depth as usize), id(app, row.node)))
        .collect()
}

fn select(app: &mut App, wanted: &str) {
    let node = app.org.find(wanted).expect("the post exists");
    app.select_post(node);
    assert_eq!(selected(app), wanted);
}

#[test]
fn the_demo_opens_on_the_top_post_with_its_reports_shown() {
    let app = app(None);
    assert_eq!(selected(&app), "perm-sec");
    assert_eq!(app.view.len(), 7);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn moving_stops_at_both_ends() {
    let mut app = app(None);
    press(&mut app, &[Up, Up]);
    assert_eq!(app.selected, 0);
    press(&mut app, &[Bottom, Down, Down]);
    assert_eq!(app.selected, app.view.len() - 1);
    press(&mut app, &[Top]);
    assert_eq!(app.selected, 0);
}

#[test]
fn left_folds_then_goes_to_the_manager_and_right_unfolds_then_goes_to_the_first_report() {
    let mut app = app(None);
    select(&mut app, "cdo");
    press(&mut app, &[UnfoldOrFirstReport]);
    assert!(
        rows(&app).contains(&"    it-head".to_owned()),
        "{:?}",
        rows(&app)
    );
    assert_eq!(selected(&app), "cdo");
    press(&mut app, &[UnfoldOrFirstReport]);
    assert_eq!(selected(&app), "it-head");
    press(&mut app, &[FoldOrManager]);
    assert_eq!(selected(&app), "cdo", "a folded post goes to its manager");
    press(&mut app, &[FoldOrManager]);
    assert_eq!(selected(&app), "cdo");
    assert!(!rows(&app).contains(&"    it-head".to_owned()));
    press(&mut app, &[FoldOrManager]);
    assert_eq!(selected(&app), "perm-sec");
}

#[test]
fn siblings_skip_over_unfolded_teams() {
    let mut app = app(None);
    select(&mut app, "cdo");
    press(&mut app, &[UnfoldOrFirstReport, NextSibling]);
    let after_cdo = selected(&app).to_owned();
    press(&mut app, &[PreviousSibling]);
    assert_eq!(selected(&app), "cdo");
    assert_ne!(after_cdo, "it-head");
    press(&mut app, &[Bottom, NextSibling]);
    assert_eq!(app.message.as_deref(), Some("no next sibling"));
}

#[test]
fn layers_unfold_the_whole_chart_and_zero_folds_it() {
    let mut app = app(None);
    press(&mut app, &[UnfoldToLayer(9)]);
    assert_eq!(app.view.len(), app.org.len());
    press(&mut app, &[FoldAll]);
    assert_eq!(rows(&app), ["perm-sec"]);
    press(&mut app, &[UnfoldToLayer(2)]);
    assert_eq!(app.view.len(), 7);
}

#[test]
fn paging_keeps_the_selection_on_screen() {
    let mut app = common::app(None, (80, 10), Theme::new(true, false));
    press(&mut app, &[UnfoldToLayer(9), PageDown]);
    let height = usize::from(app.screen().tree.height);
    assert_eq!((app.offset, app.selected), (height, height));
    press(&mut app, &[HalfPageUp]);
    assert!(app.offset <= app.selected && app.selected < app.offset + height);
    press(&mut app, &[Bottom]);
    assert_eq!(app.offset, app.view.len() - height);
}

#[test]
fn focus_shows_one_team_and_backspace_steps_out_to_the_same_post() {
    let mut app = app(None);
    select(&mut app, "cdo");
    press(&mut app, &[Focus]);
    assert_eq!(rows(&app)[0], "cdo");
    assert!(
        rows(&app)
            .iter()
            .all(|row| row == "cdo" || row.starts_with("  "))
    );
    assert!(app.screen().breadcrumb.is_some());
    press(&mut app, &[Unfocus]);
    assert_eq!(selected(&app), "cdo");
    assert_eq!(rows(&app)[0], "perm-sec");
    press(&mut app, &[Unfocus]);
    assert!(app.message.is_some(), "stepping out of no focus says so");
}

#[test]
fn search_selects_matches_as_typed_and_n_wraps_around() {
    let mut app = app(None);
    press(&mut app, &[StartSearch]);
    assert_eq!(app.mode(), Mode::Prompt);
    typed(&mut app, "head of");
    let search = app.search.clone().expect("a search");
    assert!(search.matches.len() > 2);
    let first = search.matches[0];
    assert_eq!(app.selected_post(), Some(first));
    press(&mut app, &[Accept]);
    assert_eq!(app.mode(), Mode::Browse);
    for _ in 0..search.matches.len() - 1 {
        press(&mut app, &[NextMatch]);
    }
    assert_eq!(app.selected_post(), search.matches.last().copied());
    press(&mut app, &[NextMatch]);
    assert_eq!(
        app.selected_post(),
        Some(first),
        "n wraps to the first match"
    );
    press(&mut app, &[PreviousMatch]);
    assert_eq!(app.selected_post(), search.matches.last().copied());
    press(&mut app, &[Back]);
    assert!(app.search.is_none(), "Esc clears the search");
}

#[test]
fn search_finds_holders_units_and_ids_ignoring_case() {
    let mut app = app(None);
    press(&mut app, &[StartSearch]);
    typed(&mut app, "HELEN OKAFOR");
    assert_eq!(selected(&app), "it-head");
    press(&mut app, &[ClearLine]);
    typed(&mut app, "euc-manager");
    assert_eq!(selected(&app), "euc-manager");
}

#[test]
fn cancelling_a_search_goes_back_to_where_it_began() {
    let mut app = app(None);
    select(&mut app, "cdo");
    press(&mut app, &[StartSearch]);
    typed(&mut app, "okafor");
    assert_ne!(selected(&app), "cdo");
    press(&mut app, &[Back]);
    assert_eq!(selected(&app), "cdo");
    assert!(app.search.is_none());
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn a_filter_shows_matches_with_their_chains_and_esc_clears_it() {
    let mut app = app(None);
    press(&mut app, &[StartFilter]);
    typed(&mut app, "mission");
    assert_eq!(rows(&app), ["perm-sec", "  cdo", "    it-head"]);
    press(&mut app, &[Accept]);
    assert_eq!(app.filter.as_deref(), Some("mission"));
    assert_eq!(selected(&app), "it-head");
    press(&mut app, &[Back]);
    assert!(app.filter.is_none());
    assert_eq!(
        selected(&app),
        "it-head",
        "the selection stays where it was"
    );
    assert!(app.view.len() > 3);
}

#[test]
fn a_filter_that_matches_nothing_is_dropped_when_accepted() {
    let mut app = app(None);
    press(&mut app, &[StartFilter]);
    typed(&mut app, "zzzz");
    assert!(app.view.is_empty());
    press(&mut app, &[Accept]);
    assert!(app.filter.is_none());
    assert!(!app.view.is_empty());
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("nothing matches"))
    );
}

#[test]
fn m_follows_a_dotted_line_and_offers_a_choice_when_there_are_several() {
    let mut missions = app(Some("cddo-missions.json"));
    select(&mut missions, "mission-1");
    press(&mut missions, &[FollowDotted]);
    assert_eq!(selected(&missions), "dwp-perm-sec");
    press(&mut missions, &[FollowDotted]);
    assert_eq!(
        selected(&missions),
        "mission-1",
        "an incoming line leads back"
    );

    let app = &mut missions;
    let several = app
        .org
        .posts()
        .find(|&node| app.dotted_ends(node).len() > 1)
        .expect("a post has several dotted lines");
    app.select_post(several);
    let ends = app.dotted_ends(several);
    press(app, &[FollowDotted]);
    assert_eq!(app.mode(), Mode::Dotted);
    press(app, &[Down, Accept]);
    assert_eq!(app.selected_post(), Some(ends[1].post));
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn following_a_line_out_of_a_focus_leaves_the_focus() {
    let mut app = app(Some("cddo-missions.json"));
    select(&mut app, "cddo-head");
    press(&mut app, &[Focus]);
    select(&mut app, "mission-1");
    press(&mut app, &[FollowDotted]);
    assert_eq!(selected(&app), "dwp-perm-sec");
    assert!(app.view.focus().is_empty());
}

#[test]
fn details_and_help_open_over_the_tree_and_esc_closes_them() {
    let mut app = app(None);
    press(&mut app, &[Details]);
    assert_eq!(app.mode(), Mode::Details);
    press(&mut app, &[Help]);
    assert_eq!(
        (app.mode(), app.mode_under_help()),
        (Mode::Help, Mode::Details)
    );
    press(&mut app, &[Back]);
    assert_eq!(app.mode(), Mode::Details);
    press(&mut app, &[Back]);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn details_and_help_scroll_no_further_than_their_last_line() {
    let mut app = common::app(None, (80, 12), Theme::new(true, false));
    press_and_draw(&mut app, &[Down, Down, Details]);
    press_and_draw(&mut app, &[PageDown; 20]);
    let end = app.details().expect("details are open");
    assert!(end > 0, "the details of the CDO are longer than 10 rows");
    press_and_draw(&mut app, &[Up]);
    assert_eq!(app.details(), Some(end - 1), "one key up moves at once");
    press_and_draw(&mut app, &[Top]);
    assert_eq!(app.details(), Some(0));
    press_and_draw(&mut app, &[Back, Help]);
    press_and_draw(&mut app, &[Down; 200]);
    let end = app.help().expect("help is open");
    assert!(end > 0 && end < 200);
    press_and_draw(&mut app, &[Up]);
    assert_eq!(app.help(), Some(end - 1));
}

#[test]
fn a_click_selects_a_row_and_a_click_on_its_marker_unfolds_it() {
    let mut app = app(None);
    let tree = app.screen().tree;
    // Row 3 of the tree is the CDO: `├─▸ Chief Digital Officer`, its marker in column 2.
    press(&mut app, &[Click(20, tree.y + 2)]);
    assert_eq!(selected(&app), "cdo");
    assert_eq!(app.view.len(), 7, "a click on the title does not unfold");
    press(&mut app, &[Click(2, tree.y + 2)]);
    assert_eq!(app.view.len(), 11);
    press(&mut app, &[Click(2, tree.y + 2)]);
    assert_eq!(app.view.len(), 7);
    press(&mut app, &[Click(5, tree.y + 20), ScrollDown]);
    assert_eq!(
        selected(&app),
        "dg-corporate",
        "clicks below the rows select nothing"
    );
}

#[test]
fn quit_and_suspend_are_left_to_the_event_loop() {
    let mut app = app(None);
    assert_eq!(app.update(Quit), Outcome::Quit);
    assert_eq!(app.update(Suspend), Outcome::Suspend);
    assert_eq!(app.update(Down), Outcome::Redraw);
}

#[test]
fn every_key_the_help_lists_does_what_the_help_says() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let map = keys::Keymap::default();
    for mode in Mode::ALL {
        for binding in map.bindings(mode) {
            for &key in binding.keys {
                let event = match key {
                    keys::Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    keys::Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                    keys::Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
                    keys::Key::Digits => KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE),
                    keys::Key::Text => KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
                };
                assert_eq!(
                    keys::Keymap::default().action(mode, event),
                    Some(binding.action()),
                    "{key:?} in {mode:?}"
                );
            }
        }
    }
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Up),
        Just(Down),
        Just(FoldOrManager),
        Just(UnfoldOrFirstReport),
        Just(NextSibling),
        Just(PreviousSibling),
        Just(Top),
        Just(Bottom),
        Just(PageUp),
        Just(PageDown),
        Just(HalfPageDown),
        (1u8..=9).prop_map(UnfoldToLayer),
        Just(FoldAll),
        Just(Focus),
        Just(Unfocus),
        Just(StartFilter),
        Just(StartSearch),
        Just(NextMatch),
        Just(FollowDotted),
        Just(Back),
        Just(Accept),
        Just(Insert('e')),
        Just(Insert('o')),
        Just(DeleteBack),
        (1u16..130, 1u16..50).prop_map(|(w, h)| Resize(w, h)),
    ]
}

/// The rows a view should show, worked out afresh from its fold state.
fn expected_rows(app: &App) -> Vec<(NodeIndex, u32)> {
    let mut out = Vec::new();
    let mut stack: Vec<(NodeIndex, u32)> = app.view.roots(&app.org).map(|n| (n, 0)).collect();
    stack.reverse();
    while let Some((node, depth)) = stack.pop() {
        out.push((node, depth));
        if app.view.is_open(node) {
            let children: Vec<NodeIndex> = app.view.children(&app.org, node).collect();
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_keys_keep_the_rows_true_and_the_selection_on_screen(
        actions in prop::collection::vec(any_action(), 1..60),
        fixture in prop::sample::select(common::charts()),
    ) {
        let mut app = app(Some(&fixture));
        for action in actions {
            app.update(action);
            let rows: Vec<(NodeIndex, u32)> =
                app.view.rows().iter().map(|r| (r.node, r.depth)).collect();
            prop_assert_eq!(&rows, &expected_rows(&app));
            if !app.view.is_empty() {
                let height = usize::from(app.screen().tree.height).max(1);
                prop_assert!(app.selected < app.view.len());
                prop_assert!(app.offset <= app.selected);
                prop_assert!(app.selected < app.offset + height);
            }
            common::draw(&app);
        }
    }
}

#[test]
fn a_manager_found_by_a_filter_unfolds_to_show_the_reports_the_filter_hid() {
    // The demo: f chief digital, Enter, j (the Chief Digital Officer), l.
    let mut app = app(None);
    press(&mut app, &[StartFilter]);
    typed(&mut app, "chief digital");
    press(&mut app, &[Accept]);
    select(&mut app, "cdo");
    let cdo = app.org.find("cdo").unwrap();
    let reports: Vec<String> = app
        .org
        .reports(cdo)
        .iter()
        .map(|&r| id(&app, r).to_owned())
        .collect();
    assert_eq!(reports.len(), 4);
    assert!(
        rows(&app)
            .iter()
            .all(|row| !reports.contains(&row.trim().to_owned()))
    );
    // Drawn as a folded manager, not as a post with no reports.
    let screen = common::screen(&app);
    let row = screen
        .lines()
        .find(|line| line.contains("Chief Digital Officer"))
        .unwrap();
    assert!(row.contains('▸'), "{row}");
    press(&mut app, &[UnfoldOrFirstReport]);
    let shown = rows(&app);
    for report in &reports {
        assert!(
            shown.contains(&format!("    {report}")),
            "{report}: {shown:?}"
        );
    }
    // l again goes to the first report, as anywhere.
    press(&mut app, &[UnfoldOrFirstReport]);
    assert_eq!(selected(&app), reports[0]);
}

#[test]
fn the_demo_says_it_is_the_demo_and_narrow_hints_keep_the_details_key() {
    let org = orgtree::demo::load().unwrap().org;
    let options =
        orgtree::tui::app::Options::plain(orgtree::demo::NAME.to_owned(), Theme::new(true, false));
    let app = App::new(org, options, (80, 24));
    let screen = common::screen(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("demo · browse"), "{}", lines[0]);
    // At 80 columns the details are not beside the tree: Enter is the way to them.
    assert!(lines[23].contains("Enter details"), "{}", lines[23]);
}

/// Each post of a fixture as JSON, read independently of orgtree.
fn fixture_posts(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(common::fixtures().join(name)).unwrap();
    let chart: serde_json::Value = serde_json::from_str(&text).unwrap();
    chart["posts"].as_array().unwrap().clone()
}

/// The ids a filter matches (not the posts shown above them).
fn filtered(app: &mut App, text: &str) -> Vec<String> {
    press(app, &[Back, Back, StartFilter]);
    typed(app, text);
    press(app, &[Accept]);
    let mut found: Vec<String> = app
        .view
        .rows()
        .iter()
        .filter(|row| {
            // The rows a filter shows above its matches are told apart by the query; is:changed,
            // which a post alone cannot answer, by the comparison.
            let query = orgtree::tui::search::Query::new(&text.replace("is:changed", ""));
            let changed = app.compare.as_ref().is_some_and(|c| {
                c.changed().contains(&row.node) || c.lost_reports().any(|n| n == row.node)
            });
            (!text.contains("is:changed") || changed)
                && (query.is_empty() || query.matches(app.org.post(row.node)))
        })
        .map(|row| id(app, row.node).to_owned())
        .collect();
    found.sort();
    found
}

#[test]
fn search_and_filter_terms_ask_about_fields_and_combine_with_words() {
    let name = "home-office-technology-after-coo.json";
    let posts = fixture_posts(name);
    let ids = |keep: &dyn Fn(&serde_json::Value) -> bool| {
        let mut ids: Vec<String> = posts
            .iter()
            .filter(|p| keep(p))
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let mut app = app(Some(name));
    let vacant = ids(&|p| p["holder"].is_null());
    assert!(!vacant.is_empty());
    assert_eq!(filtered(&mut app, "is:vacant"), vacant);
    assert_eq!(app.view.filter().unwrap().matches, vacant.len());
    let grade = |p: &serde_json::Value| p["grade"].as_str().map(str::to_lowercase);
    assert_eq!(
        filtered(&mut app, "grade:scs2"),
        ids(&|p| grade(p).as_deref() == Some("scs2"))
    );
    assert_eq!(
        filtered(&mut app, "is:vacant grade:scs2"),
        ids(&|p| p["holder"].is_null() && grade(p).as_deref() == Some("scs2"))
    );
    assert_eq!(
        filtered(&mut app, "has:staff"),
        ids(&|p| p["staff"].as_array().is_some_and(|s| !s.is_empty()))
    );
    assert_eq!(
        filtered(&mut app, "tag:ILLUSTRATIVE"),
        ids(&|p| p["tags"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "illustrative")))
    );
    // A word with a term: "head" in the title, holder, unit or id, and filled.
    let head_filled = ids(&|p| {
        p["holder"].is_string() && p["title"].as_str().unwrap().to_lowercase().contains("head")
    });
    assert_eq!(filtered(&mut app, "head is:filled"), head_filled);
    // has:dotted on a chart with dotted lines.
    let mut app = self::app(Some("cddo-missions.json"));
    let dotted = fixture_posts("cddo-missions.json")
        .iter()
        .filter(|p| p["dotted"].as_array().is_some_and(|d| !d.is_empty()))
        .count();
    assert!(dotted > 0);
    assert_eq!(filtered(&mut app, "has:dotted").len(), dotted);
    // A key orgtree does not know is a word, as typed.
    let mut app = self::app(None);
    assert!(filtered(&mut app, "nothing:here").is_empty());
}

#[test]
fn on_the_compare_screen_is_changed_finds_the_changed_posts() {
    let mut app = common::compare_app(
        "cabinet-office-before-cdo.json",
        "cabinet-office-after-cdo.json",
        (80, 24),
        Theme::new(true, false),
    );
    let compare = app.compare.as_ref().unwrap();
    let mut wanted: Vec<String> = compare
        .changed()
        .iter()
        .copied()
        .chain(compare.lost_reports())
        .map(|n| app.org.post(n).id().as_str().to_owned())
        .collect();
    wanted.sort();
    wanted.dedup();
    assert_eq!(filtered(&mut app, "is:changed"), wanted);
    // Browsing one chart, nothing has changed.
    let mut app = self::app(None);
    assert!(filtered(&mut app, "is:changed").is_empty());
}

#[test]
fn a_match_on_a_field_the_row_does_not_show_says_which() {
    let mut app = app(Some("home-office-technology-after-coo.json"));
    press(&mut app, &[StartSearch]);
    // Every post's unit is "Home Office Technology"; no title or holder says "office".
    typed(&mut app, "office technology");
    press(&mut app, &[Accept]);
    let status = common::screen(&app).lines().last().unwrap().to_owned();
    assert!(status.contains("(in its unit)"), "{status}");
    // A match in the title says nothing more.
    press(&mut app, &[Back, StartSearch]);
    typed(&mut app, "architect");
    press(&mut app, &[Accept]);
    let status = common::screen(&app).lines().last().unwrap().to_owned();
    assert!(
        status.contains("match") && !status.contains("(in its"),
        "{status}"
    );
}

#[test]
fn y_copies_the_id_and_capital_y_the_chain_from_the_top() {
    let mut app = app(None);
    select(&mut app, "cdo");
    press(&mut app, &[CopyId]);
    assert_eq!(app.to_copy.as_deref(), Some("cdo"));
    assert!(app.message.as_deref().unwrap().ends_with(": cdo"));
    app.to_copy = None;
    press(&mut app, &[CopyChain]);
    let top = app.org.post(app.org.tops()[0]).title.to_string();
    let cdo = app.org.post(app.org.find("cdo").unwrap()).title.to_string();
    assert_eq!(
        app.to_copy.as_deref(),
        Some(format!("{top} > {cdo}").as_str())
    );
    // The keys say so, in every screen that browses.
    for mode in [Mode::Browse, Mode::Edit, Mode::Compare] {
        let y = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('y'),
            crossterm::event::KeyModifiers::NONE,
        );
        assert_eq!(
            keys::Keymap::default().action(mode, y),
            Some(CopyId),
            "{mode:?}"
        );
    }
}
