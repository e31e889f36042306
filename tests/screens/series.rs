//! The compare screen on a series (the Home Office's four releases, 2011 to 2013, given as
//! senior CSVs with their junior files): stepping from pair to pair with the title saying
//! which, the selected post carried across by the matching, and the timeline view with the
//! churn `orgtree timeline` gives.

use serde_json::Value;

use crate::common;

use orgtree::org::NodeIndex;
use orgtree::tui::action::Action::{self, *};
use orgtree::tui::app::App;
use orgtree::tui::theme::Theme;

const DATES: [&str; 4] = ["2011-03-31", "2011-09-30", "2012-09-30", "2013-09-30"];

fn plain() -> Theme {
    Theme::new(false, false)
}

fn series(size: (u16, u16), theme: Theme, actions: &[Action]) -> App {
    let mut app = common::series_app(&common::HOME_OFFICE_SERIES, size, theme);
    for &action in actions {
        app.update(action);
    }
    app
}

fn title_bar(app: &App) -> String {
    common::screen(app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The dates of the two charts compared on screen.
fn pair_on_screen(app: &App) -> (String, String) {
    let compare = app.compare.as_ref().expect("the compare screen");
    let date = |org: &orgtree::org::Org| org.meta.as_of.as_deref().unwrap_or("?").to_owned();
    (date(&compare.before), date(&app.org))
}

/// The post of the merged chart with this id: a removed one (a ghost) or one of the after
/// chart.
fn post(app: &App, id: &str, removed: bool) -> NodeIndex {
    let compare = app.compare.as_ref().expect("the compare screen");
    app.org
        .posts()
        .find(|&n| app.org.post(n).id().as_str() == id && compare.is_ghost(n) == removed)
        .unwrap_or_else(|| panic!("no post {id} (removed: {removed}) on screen"))
}

fn selected(app: &App) -> (String, String, String) {
    let node = app.selected_post().expect("a post is selected");
    let post = app.org.post(node);
    (
        post.id().as_str().to_owned(),
        post.title.to_string(),
        post.holder.name().unwrap_or("-").to_owned(),
    )
}

#[test]
fn the_screen_opens_on_the_latest_pair_and_steps_through_the_three() {
    let mut app = series((80, 24), plain(), &[]);
    assert_eq!(pair_on_screen(&app), (DATES[2].into(), DATES[3].into()));
    assert!(
        title_bar(&app).contains("2012-09-30 -> 2013-09-30 (pair 3 of 3)"),
        "{}",
        title_bar(&app)
    );
    for (pair, want) in [(2, 1), (1, 0)] {
        app.update(PreviousPair);
        assert_eq!(
            pair_on_screen(&app),
            (DATES[want].into(), DATES[want + 1].into())
        );
        let title = title_bar(&app);
        assert!(
            title.contains(&format!(
                "{} -> {} (pair {pair} of 3)",
                DATES[want],
                DATES[want + 1]
            )),
            "{title}"
        );
    }
    // No pair before the first: it says so and stays.
    app.update(PreviousPair);
    assert_eq!(pair_on_screen(&app), (DATES[0].into(), DATES[1].into()));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("is the first pair"), "{message}");
    assert!(message.contains("T shows them all"), "{message}");
    app.update(NextPair);
    app.update(NextPair);
    assert_eq!(pair_on_screen(&app), (DATES[2].into(), DATES[3].into()));
    app.update(NextPair);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("is the last pair"))
    );
}

#[test]
fn each_pair_is_the_comparison_of_its_two_releases() {
    // Counted here from the releases themselves, compared as diff compares them.
    let releases = common::releases(&common::HOME_OFFICE_SERIES);
    let mut app = series((80, 24), plain(), &[PreviousPair, PreviousPair]);
    for at in 0..3 {
        let want = orgtree::compare::compare(
            &releases[at].org,
            &releases[at + 1].org,
            orgtree::compare::MatchBy::Content,
        );
        let shown = &app.compare.as_ref().expect("compare").comparison;
        assert_eq!(shown.summary.counts, want.summary.counts, "pair {}", at + 1);
        assert_eq!(shown.summary.inferred, want.summary.inferred);
        app.update(NextPair);
    }
}

#[test]
fn a_post_stays_selected_across_steps_through_its_renumbering() {
    // Bernard Silverman's post: 2SRG01 in March 2011, 2HOS01 from September 2011 (as the
    // files say), matched by content across the renumbering.
    let mut app = series((80, 24), plain(), &[]);
    let csa = post(&app, "2HOS01", false);
    app.select_post(csa);
    let silverman = (
        "2HOS01".to_owned(),
        "Chief Scientific Advisor".to_owned(),
        "Bernard Silverman".to_owned(),
    );
    for _ in 0..2 {
        app.update(PreviousPair);
        assert_eq!(selected(&app), silverman);
        assert_eq!(app.message, None, "carried without a word");
    }
    let compare = app.compare.as_ref().expect("compare");
    let before = compare
        .before_post(app.selected_post().expect("selected"))
        .expect("in March 2011 too");
    assert_eq!(compare.before.post(before).id().as_str(), "2SRG01");
    for _ in 0..2 {
        app.update(NextPair);
        assert_eq!(selected(&app), silverman);
    }
}

#[test]
fn a_step_back_follows_the_matching_to_the_post_as_it_was() {
    // Mike Anderson's post was 3SIIG01 in September 2012 and 3IIPG01 in September 2013,
    // retitled: the files give no link but what it holds.
    let mut app = series((80, 24), plain(), &[]);
    app.select_post(post(&app, "3IIPG01", false));
    app.update(PreviousPair);
    assert_eq!(
        selected(&app),
        (
            "3SIIG01".to_owned(),
            "Director General Strategy, Immigration & International Group".to_owned(),
            "Mike Anderson".to_owned()
        )
    );
}

#[test]
fn a_post_the_next_pair_lacks_leaves_the_post_above_it_selected_and_says_so() {
    // John Elliott's post (2HOS03) is eliminated in September 2012: removed in pair 2,
    // absent from pair 3.
    let mut app = series((80, 24), plain(), &[PreviousPair]);
    app.select_post(post(&app, "2HOS03", true));
    app.update(NextPair);
    assert_eq!(pair_on_screen(&app), (DATES[2].into(), DATES[3].into()));
    assert_eq!(selected(&app).0, "2HOS01", "its manager, the CSA");
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(
        message,
        "'Director for Social Science and Chief Economist' was removed in 2012-09-30, before this pair; selected 'Chief Scientific Advisor' above it"
    );
    // David Wood's post (3IE01) is new in September 2013, under the Permanent Secretary.
    app.select_post(post(&app, "3IE01", false));
    app.update(PreviousPair);
    assert_eq!(selected(&app).0, "4PO01");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("'Director General, Immigration Enforcement' was added in 2013-09-30, after this pair; selected 'Permanent Secretary'")),
        "{:?}",
        app.message
    );
}

/// The rows of the churn table on screen: a pair's dates and its figures.
fn churn_rows(app: &App) -> Vec<Vec<String>> {
    common::screen(app)
        .lines()
        .filter(|line| line.contains(" -> ") && !line.contains("orgtree:"))
        .map(|line| {
            line.trim_start_matches(['>', ' '])
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn the_timeline_lists_the_three_steps_with_the_churn_orgtree_timeline_gives() {
    let mut args = vec!["timeline", "--json"];
    args.extend(common::HOME_OFFICE_SERIES);
    let run = common::orgtree(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let steps = json["steps"].as_array().expect("steps");
    let app = series((80, 24), plain(), &[Timeline]);
    let rows = churn_rows(&app);
    assert_eq!(rows.len(), 3, "{rows:?}");
    for (row, step) in rows.iter().zip(steps) {
        let mut want = vec![
            step["from"].as_str().unwrap().to_owned(),
            "->".to_owned(),
            step["to"].as_str().unwrap().to_owned(),
        ];
        for kind in ["added", "removed", "moved", "retitled", "holder", "vacancy"] {
            want.push(step[kind].as_u64().unwrap().to_string());
        }
        want.push(format!(
            "{:.1}%",
            step["share_changed"].as_f64().unwrap() * 100.0
        ));
        assert_eq!(row, &want);
        assert_eq!(step["renumbered"], false);
    }
    assert_eq!(app.overlays.timeline(), Some(2), "the pair on screen");
}

#[test]
fn enter_on_a_step_of_the_timeline_opens_its_pair() {
    let mut app = series((80, 24), plain(), &[Timeline, Up, Up, Down]);
    assert_eq!(app.overlays.timeline(), Some(1));
    app.update(Accept);
    assert_eq!(app.overlays.timeline(), None);
    assert_eq!(pair_on_screen(&app), (DATES[1].into(), DATES[2].into()));
    assert!(title_bar(&app).contains("(pair 2 of 3)"));
    // Esc goes back to the pair on screen, whatever was selected.
    app.update(Timeline);
    assert_eq!(app.overlays.timeline(), Some(1));
    app.update(Down);
    app.update(Back);
    assert_eq!(app.overlays.timeline(), None);
    assert_eq!(pair_on_screen(&app), (DATES[1].into(), DATES[2].into()));
}

/// The screen, then the rows highlighted from their first column: the selected step (the
/// figures on the bars are in reverse too, but not from the first column).
fn with_selection(app: &App) -> String {
    let buffer = common::draw(app);
    let rows: Vec<u16> = (1..buffer.area.bottom() - 1)
        .filter(|&y| {
            buffer[(0, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .collect();
    format!("{}-- highlighted row(s): {rows:?}\n", common::screen(app))
}

#[test]
fn the_timeline_view() {
    for (size, theme, name) in [
        ((80, 24), plain(), "plain"),
        ((120, 40), plain(), "plain"),
        ((80, 24), Theme::new(false, true), "ascii"),
        ((120, 40), Theme::new(false, true), "ascii"),
    ] {
        let app = series(size, theme, &[Timeline, Up]);
        insta::assert_snapshot!(
            format!("series-timeline-{name}-{}x{}", size.0, size.1),
            with_selection(&app)
        );
    }
}

#[test]
fn two_charts_have_no_pairs_to_step_to() {
    let mut app = common::compare_app(
        "cabinet-office-before-cdo.json",
        "cabinet-office-after-cdo.json",
        (80, 24),
        plain(),
    );
    let status = common::screen(&app)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(!status.contains("next pair"), "{status}");
    for action in [NextPair, Timeline] {
        app.update(action);
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("one pair only")),
            "{:?}",
            app.message
        );
        assert_eq!(app.overlays.timeline(), None);
    }
}

/// Twenty releases of a generated chart, half a year apart, from 2010 to 2019: each grown
/// from a seed of its own, so that posts differ from one to the next.
fn long_series(size: (u16, u16)) -> App {
    let charts = (0..20usize)
        .map(|at| {
            let mut org = orgtree::generate::generate(40 + 3 * at, at as u64);
            let as_of = format!(
                "{}-{}",
                2010 + at / 2,
                if at % 2 == 0 { "03-31" } else { "09-30" }
            );
            org.meta.as_of = Some(as_of.as_str().into());
            org.meta.name = Some("Generated series".into());
            orgtree::timeline::Chart {
                org,
                label: format!("release-{at}.json"),
                as_of,
            }
        })
        .collect();
    let series = orgtree::tui::series::Series::new(charts, orgtree::compare::MatchBy::Content);
    let options = orgtree::tui::app::Options::plain("20 releases", plain());
    App::in_series(series, options, size)
}

#[test]
fn a_long_series_draws_a_bar_a_release_and_scrolls_its_table_to_the_selection() {
    let mut app = long_series((80, 24));
    app.update(Timeline);
    for _ in 0..12 {
        app.update(Up);
    }
    assert_eq!(app.overlays.timeline(), Some(6));
    insta::assert_snapshot!("series-timeline-20-releases-80x24", with_selection(&app));
}

#[test]
fn the_help_of_the_timeline_says_what_it_shows() {
    let app = series((80, 40), plain(), &[Timeline, Help]);
    let screen = common::screen(&app);
    for line in [
        "Keys: the timeline of the series",
        "Enter              compare the selected step's two releases",
        "Esc T              back to the pair on screen",
        "changed            the share of posts with any of those changes",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
}

#[test]
fn changed_only_stays_on_across_a_step() {
    let mut app = series((80, 24), plain(), &[ChangedOnly]);
    // The Chief Scientific Advisor's post changed in both pairs (reports moved in).
    app.select_post(post(&app, "2HOS01", false));
    app.update(PreviousPair);
    assert!(app.changed_only);
    assert!(title_bar(&app).contains("changed only"));
    assert_eq!(selected(&app).0, "2HOS01");
}
