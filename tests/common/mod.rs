//! Running the real `orgtree` binary from the tests.

// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

/// The outcome of one run: exit code, stdout and stderr as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// An `XDG_CONFIG_HOME` with no orgtree configuration in it, so that a test sees orgtree's
/// defaults whatever the machine's user has configured.
pub const NO_CONFIG_HOME: &str = "/nonexistent/orgtree-tests/config";

/// Runs orgtree in the fixtures folder, with a UTF-8 locale and no colour settings.
pub fn orgtree(args: &[&str]) -> Run {
    orgtree_with_input(args, "")
}

pub fn orgtree_with_input(args: &[&str], stdin: &str) -> Run {
    let output: Output = Command::cargo_bin("orgtree")
        .expect("the orgtree binary is built")
        .current_dir(fixtures())
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        // No configuration file of the machine's user: the defaults.
        .env("XDG_CONFIG_HOME", NO_CONFIG_HOME)
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("orgtree runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The `*.json` files in the fixtures folder that `wanted` picks by name, sorted. Fails when
/// it picks none, so that a list read from the folder is never silently empty.
pub fn fixture_names(wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixtures folder can be read")
        .map(|entry| {
            let name = entry.expect("a fixture").file_name();
            name.into_string().expect("a fixture's name is UTF-8")
        })
        .filter(|name| {
            std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e == "json")
                && wanted(name)
        })
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no such fixture in {}",
        fixtures().display()
    );
    names
}

/// Every fixture, broken or not.
pub fn all_fixtures() -> Vec<String> {
    fixture_names(|_| true)
}

/// Every fixture that loads without `--lenient`.
pub fn loadable_fixtures() -> Vec<String> {
    use orgtree::read::{LoadOptions, load_path};
    fixture_names(|name| load_path(&fixtures().join(name), LoadOptions::default()).is_ok())
}

/// The real charts: every fixture but the `broken-*.json` files.
pub fn charts() -> Vec<String> {
    fixture_names(|name| !name.starts_with("broken-"))
}

/// The broken files, one problem each: every `broken-*.json`.
pub fn broken() -> Vec<String> {
    fixture_names(|name| name.starts_with("broken-"))
}

/// The broken files that `--lenient` still loads: all but these, which nothing can load.
pub fn broken_but_lenient() -> Vec<String> {
    const NOT_EVEN_LENIENTLY: [&str; 2] = ["broken-newer-version.json", "broken-syntax.json"];
    let all = broken();
    for name in NOT_EVEN_LENIENTLY {
        assert!(all.iter().any(|n| n == name), "no fixture {name}");
        let options = orgtree::read::LoadOptions { lenient: true };
        let loaded = orgtree::read::load_path(&fixtures().join(name), options);
        assert!(loaded.is_err(), "{name} loads leniently after all");
    }
    all.into_iter()
        .filter(|name| !NOT_EVEN_LENIENTLY.contains(&name.as_str()))
        .collect()
}

/// The before/after pairs, found by name: each chart with `-before` in its name and the
/// chart named the same with `-after`. Fails on a chart of either side without the other.
pub fn pairs() -> Vec<(String, String)> {
    let charts = charts();
    let other = |name: &str, from: &str, to: &str| {
        let other = name.replacen(from, to, 1);
        assert!(charts.contains(&other), "{name} has no {other} beside it");
        other
    };
    for after in charts.iter().filter(|name| name.contains("-after")) {
        other(after, "-after", "-before");
    }
    let pairs: Vec<(String, String)> = charts
        .iter()
        .filter(|name| name.contains("-before"))
        .map(|before| (before.clone(), other(before, "-before", "-after")))
        .collect();
    assert!(!pairs.is_empty(), "no before/after pair of fixtures");
    pairs
}

/// The interactive app on a fixture (or the demo, for `None`), with no terminal.
pub fn app(
    fixture: Option<&str>,
    size: (u16, u16),
    theme: orgtree::tui::theme::Theme,
) -> orgtree::tui::app::App {
    use orgtree::read::{LoadOptions, load_path};
    let loaded = match fixture {
        Some(name) => load_path(&fixtures().join(name), LoadOptions::default()),
        None => orgtree::demo::load(),
    }
    .expect("the fixture loads");
    let options = orgtree::tui::app::Options::plain(fixture.unwrap_or("demo").to_owned(), theme);
    orgtree::tui::app::App::new(loaded.org, options, size)
}

/// The screen as text, one line a row, after drawing `app` on a terminal of its size.
pub fn screen(app: &orgtree::tui::app::App) -> String {
    let buffer = draw(app);
    let width = usize::from(buffer.area.width);
    let mut text = String::new();
    for row in buffer.content.chunks(width.max(1)) {
        let mut skip = 0;
        for cell in row {
            // A wide character's second column holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            text.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        text.push('\n');
    }
    text
}

/// The buffer `app` draws on a terminal of its size.
pub fn draw(app: &orgtree::tui::app::App) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| orgtree::tui::ui::draw(frame, app))
        .expect("drawing works");
    terminal.backend().buffer().clone()
}

/// The screen as text, then a line saying which rows are highlighted and which are
/// underlined (search matches), since styles do not show in text.
pub fn screen_with_styles(app: &orgtree::tui::app::App) -> String {
    use ratatui::style::Modifier;
    let buffer = draw(app);
    let rows_with = |wanted: &dyn Fn(&ratatui::buffer::Cell) -> bool| -> Vec<u16> {
        (buffer.area.top()..buffer.area.bottom())
            .filter(|&y| (0..buffer.area.width).any(|x| wanted(&buffer[(x, y)])))
            .collect()
    };
    let tree = app.screen().tree;
    let in_tree = |y: &u16| (tree.top()..tree.bottom()).contains(y);
    let selected: Vec<u16> = rows_with(&|cell| {
        cell.bg == ratatui::style::Color::Blue || cell.modifier.contains(Modifier::REVERSED)
    })
    .into_iter()
    .filter(in_tree)
    .collect();
    let underlined = rows_with(&|cell| cell.modifier.contains(Modifier::UNDERLINED));
    format!(
        "{}-- selected row(s): {selected:?}; underlined row(s): {underlined:?}\n",
        screen(app)
    )
}

/// The compare screen on two fixtures, with no terminal.
pub fn compare_app(
    before: &str,
    after: &str,
    size: (u16, u16),
    theme: orgtree::tui::theme::Theme,
) -> orgtree::tui::app::App {
    compare_files(
        &fixtures().join(before),
        &fixtures().join(after),
        size,
        theme,
    )
}

/// The compare screen of two charts anywhere.
pub fn compare_files(
    before_path: &std::path::Path,
    after_path: &std::path::Path,
    size: (u16, u16),
    theme: orgtree::tui::theme::Theme,
) -> orgtree::tui::app::App {
    use orgtree::compare::{MatchBy, compare};
    use orgtree::read::{LoadOptions, load_path};
    use orgtree::tui::compare_screen::CompareState;
    let load = |path: &std::path::Path| {
        load_path(path, LoadOptions::default())
            .expect("the chart loads")
            .org
    };
    let (old, new) = (load(before_path), load(after_path));
    let name = |path: &std::path::Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let (before, after) = (name(before_path), name(after_path));
    let (before, after) = (before.as_str(), after.as_str());
    let comparison = compare(&old, &new, MatchBy::Content);
    let (merged, state) =
        CompareState::merge(old, new, comparison, (before.to_owned(), after.to_owned()));
    let options = orgtree::tui::app::Options::plain(format!("{before} -> {after}"), theme);
    orgtree::tui::app::App::comparing(merged, state, options, size)
}

/// The Home Office's four releases, 2011 to 2013, as senior CSVs (each read with the junior
/// file beside it), in date order.
pub const HOME_OFFICE_SERIES: [&str; 4] = [
    "organograms/home_office-2011-03-31-senior.csv",
    "organograms/home_office-2011-09-30-senior.csv",
    "organograms/home_office-2012-09-30-senior.csv",
    "organograms/130930-Home-Office-Organogram-Data-senior.csv",
];

/// The releases of a series in the fixtures folder, each opened as `orgtree` opens it (an
/// organogram with its junior file), in the order given, which must be the dates'.
pub fn releases(files: &[&str]) -> Vec<orgtree::timeline::Chart> {
    files
        .iter()
        .map(|&file| {
            let opened = orgtree::read::open(
                &fixtures().join(file),
                &orgtree::read::OpenOptions::default(),
            )
            .unwrap_or_else(|_| panic!("{file} opens"));
            let as_of = opened.org.meta.as_of.clone().expect("a dated release");
            orgtree::timeline::Chart {
                org: opened.org,
                label: file.to_owned(),
                as_of: as_of.to_string(),
            }
        })
        .collect()
}

/// The compare screen on a series of releases in the fixtures folder (in date order), on its
/// last pair, with no terminal.
pub fn series_app(
    files: &[&str],
    size: (u16, u16),
    theme: orgtree::tui::theme::Theme,
) -> orgtree::tui::app::App {
    let series =
        orgtree::tui::series::Series::new(releases(files), orgtree::compare::MatchBy::Content);
    let options = orgtree::tui::app::Options::plain(format!("{} releases", files.len()), theme);
    orgtree::tui::app::App::in_series(series, options, size)
}

/// The post with id `id`, which the test expects to be there.
pub fn node(org: &orgtree::org::Org, id: &str) -> orgtree::org::NodeIndex {
    org.find(id)
        .unwrap_or_else(|| panic!("no post '{id}' among {:?}", ids(org)))
}

/// Every post's id, in tree order.
pub fn ids(org: &orgtree::org::Org) -> Vec<String> {
    org.tree_order()
        .map(|(n, _)| org.post(n).id().as_str().to_owned())
        .collect()
}

/// The id of the manager of post `id`, if it has one.
pub fn manager(org: &orgtree::org::Org, id: &str) -> Option<String> {
    org.manager(node(org, id))
        .map(|m| org.post(m).id().as_str().to_owned())
}

/// Checks that a screen was drawn without a single colour, as `NO_COLOR` asks.
pub fn assert_no_colour(buffer: &ratatui::buffer::Buffer) {
    assert!(
        buffer
            .content
            .iter()
            .all(|cell| cell.fg == ratatui::style::Color::Reset
                && cell.bg == ratatui::style::Color::Reset),
        "NO_COLOR draws no colour"
    );
}

/// Whether `text` holds a character that could act on a terminal: C0 and C1 controls other
/// than the line feed and the tab, DEL, and bidi embeddings, overrides, isolates and marks.
/// Written out here rather than taken from orgtree, so that the tests check its escaping
/// against a list of their own.
pub fn acts_on_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
            )
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// The prefix [`renumbered`] puts before every id.
pub const RENUMBERED: &str = "r-";

/// A chart document with every id `x` written as `r-x`, in `id`, `reports_to` and
/// `dotted.to`: the same chart, renumbered.
pub fn renumbered(document: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let mut document = document.clone();
    let rename = |value: &mut Value| {
        if let Some(id) = value.as_str() {
            assert!(!id.starts_with(RENUMBERED), "{id}");
            *value = Value::String(format!("{RENUMBERED}{id}"));
        }
    };
    for post in document["posts"].as_array_mut().expect("posts") {
        rename(&mut post["id"]);
        if let Some(manager) = post.get_mut("reports_to") {
            rename(manager);
        }
        if let Some(lines) = post.get_mut("dotted").and_then(Value::as_array_mut) {
            for line in lines {
                rename(&mut line["to"]);
            }
        }
    }
    document
}

/// A renumbered copy of a fixture (see [`renumbered`]) in `folder`, named
/// `renumbered-NAME`.
pub fn renumbered_copy(folder: &std::path::Path, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixtures().join(name)).expect("the fixture reads");
    let document: serde_json::Value = serde_json::from_str(&text).expect("the fixture is JSON");
    let path = folder.join(format!("renumbered-{name}"));
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&renumbered(&document)).expect("JSON"),
    )
    .expect("the copy is written");
    path
}

/// Markdown rendered to HTML as GitHub and GitLab render it: `CommonMark` with tables and
/// strike-through.
pub fn markdown_html(markdown: &str) -> String {
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, options),
    );
    html
}
