//! The full-screen details (Enter at 80x24): what is below the fold is announced, the status
//! bar gives the lines shown, G goes to the end, J and K go to the next and previous post
//! without leaving, m follows a dotted line, and long lists show whole.

use crate::common;

use orgtree::tui::action::Action::*;
use orgtree::tui::app::App;
use orgtree::tui::theme::Theme;

fn screen_lines(app: &App) -> Vec<String> {
    common::screen(app).lines().map(str::to_owned).collect()
}

fn select(app: &mut App, id: &str) {
    let node = common::node(&app.org, id);
    app.select_post(node);
}

#[test]
fn below_the_fold_is_announced_and_g_goes_to_the_end() {
    let mut app = common::app(
        Some("home-office-technology-after-coo.json"),
        (80, 24),
        Theme::new(true, false),
    );
    select(&mut app, "cto");
    app.update(Details);
    let lines = screen_lines(&app);
    let status = lines.last().unwrap();
    assert!(status.contains("lines 1-"), "{status}");
    let total: usize = status
        .rsplit(" of ")
        .next()
        .unwrap()
        .trim()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(
        total > 22,
        "the CTO's details are longer than a screen: {total}"
    );
    assert!(
        lines[lines.len() - 2].contains("more lines below: j, Space or G"),
        "{lines:#?}"
    );
    // Space pages down, as in less.
    let space = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(' '),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        orgtree::tui::keys::Keymap::default().action(app.mode(), space),
        Some(PageDown)
    );
    app.update(Bottom);
    let lines = screen_lines(&app);
    let status = lines.last().unwrap();
    assert!(status.contains(&format!("-{total} of {total}")), "{status}");
    assert!(!common::screen(&app).contains("more lines below"));
}

#[test]
fn j_and_k_in_capitals_step_to_the_next_post_without_leaving_the_details() {
    let mut app = common::app(None, (80, 24), Theme::new(true, false));
    app.update(Details);
    let first = app.selected_post().unwrap();
    app.update(NextSibling);
    assert!(app.details().is_some(), "still in the details");
    assert_eq!(app.details(), Some(0), "from the top");
    let second = app.selected_post().unwrap();
    assert_ne!(first, second);
    let title = app.org.post(second).title.to_string();
    assert!(screen_lines(&app)[2].contains(&title) || common::screen(&app).contains(&title));
    app.update(PreviousSibling);
    assert_eq!(app.selected_post(), Some(first));
}

#[test]
fn m_in_the_details_follows_the_dotted_line_to_the_other_end() {
    let mut app = common::app(
        Some("cddo-missions.json"),
        (80, 24),
        Theme::new(true, false),
    );
    // A post with one dotted line out and none in.
    let (from, to) = app
        .org
        .posts()
        .find_map(|node| {
            let post = app.org.post(node);
            (post.dotted.len() == 1 && app.dotted_ends(node).len() == 1)
                .then(|| (node, post.dotted[0].to.as_str().to_owned()))
        })
        .expect("a post with one dotted line");
    app.select_post(from);
    app.update(Details);
    app.update(FollowDotted);
    assert_eq!(app.org.post(app.selected_post().unwrap()).id().as_str(), to);
    assert!(
        app.details().is_some(),
        "the details of the post at the other end"
    );
}

#[test]
fn the_full_screen_details_show_a_long_list_whole() {
    let folder = tempfile::tempdir().unwrap();
    let groups: Vec<String> = (1..=89)
        .map(|n| format!("{{\"title\": \"Group {n}\", \"fte\": 1}}"))
        .collect();
    let chart = format!(
        "{{\"posts\": [{{\"id\": \"a\", \"title\": \"Director\", \"staff\": [{}]}}]}}",
        groups.join(",")
    );
    let path = folder.path().join("staff.json");
    std::fs::write(&path, chart).unwrap();
    let org = orgtree::read::load_path(&path, orgtree::read::LoadOptions::default())
        .unwrap()
        .org;
    let options = orgtree::tui::app::Options::plain("staff.json", Theme::new(true, false));
    let mut app = App::new(org, options, (80, 24));
    app.update(Details);
    app.update(Bottom);
    let text = common::screen(&app);
    assert!(text.contains("Group 89"), "{text}");
    assert!(
        !text.contains("more\n") && !text.contains(" more "),
        "{text}"
    );
}
