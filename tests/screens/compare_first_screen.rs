//! What the compare screen shows before any key is pressed, on every fixture pair and on a
//! renumbered copy of each: every change, or a `•` on the folded post that holds it; and
//! every post that reports moved out of, marked with how many, which `c` keeps.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common;

use orgtree::org::NodeIndex;
use orgtree::tui::action::Action::*;
use orgtree::tui::app::App;
use orgtree::tui::theme::Theme;

/// Every fixture pair, and each before chart against a renumbered copy of its after chart.
fn every_pair(folder: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut all = Vec::new();
    for (before, after) in common::pairs() {
        let before = common::fixtures().join(before);
        all.push((before.clone(), common::fixtures().join(&after)));
        all.push((before, common::renumbered_copy(folder, &after)));
    }
    all
}

fn open(pair: &(PathBuf, PathBuf), size: (u16, u16)) -> App {
    common::compare_files(&pair.0, &pair.1, size, Theme::new(true, false))
}

/// Whether the first screen shows `node`, or a folded post above it whose row says that
/// its team holds changes (`•`).
fn shown_or_marked(app: &App, screen: &[&str], node: NodeIndex) -> bool {
    let height = usize::from(app.screen().tree.height);
    let top = usize::from(app.screen().tree.y);
    let on_screen = |n| {
        app.view
            .position(n)
            .filter(|&row| row >= app.offset && row < app.offset + height)
    };
    if on_screen(node).is_some() {
        return true;
    }
    app.org.chain_to_top(node).any(|up| {
        on_screen(up).is_some_and(|row| {
            !app.view.is_open(up) && screen[row - app.offset + top].contains('•')
        })
    })
}

#[test]
fn the_first_screen_shows_every_change_or_marks_the_folded_post_that_holds_it() {
    let folder = tempfile::tempdir().unwrap();
    for pair in every_pair(folder.path()) {
        for size in [(80, 24), (120, 40)] {
            let app = open(&pair, size);
            let changed = app.compare.as_ref().unwrap().changed().to_vec();
            assert!(!changed.is_empty());
            let text = common::screen(&app);
            let screen: Vec<&str> = text.lines().collect();
            for node in &changed {
                assert!(
                    shown_or_marked(&app, &screen, *node),
                    "{} at {size:?}: '{}' is hidden\n{text}",
                    pair.1.display(),
                    app.org.post(*node).title
                );
            }
            // The first change is selected.
            assert_eq!(
                app.selected_post(),
                changed.first().copied(),
                "{}",
                pair.1.display()
            );
        }
    }
}

/// Each post's manager id in a chart file, ids read without the renumbering prefix.
fn managers(path: &Path) -> HashMap<String, Option<String>> {
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let plain = |id: &str| id.strip_prefix(common::RENUMBERED).unwrap_or(id).to_owned();
    document["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|post| {
            (
                plain(post["id"].as_str().unwrap()),
                post["reports_to"].as_str().map(plain),
            )
        })
        .collect()
}

/// For each post that reports moved out of, by id: how many, counted from the two files
/// (a report that is in both charts under another manager).
fn moved_out(pair: &(PathBuf, PathBuf)) -> HashMap<String, usize> {
    let (before, after) = (managers(&pair.0), managers(&pair.1));
    let mut out = HashMap::new();
    for (id, manager) in &before {
        if let (Some(manager), Some(now)) = (manager, after.get(id))
            && now.as_ref() != Some(manager)
        {
            *out.entry(manager.clone()).or_default() += 1;
        }
    }
    out
}

#[test]
fn a_post_that_reports_moved_out_of_says_how_many_and_changed_only_keeps_it() {
    let folder = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for pair in every_pair(folder.path()) {
        let wanted = moved_out(&pair);
        let mut app = open(&pair, (200, 200));
        app.update(UnfoldToLayer(99));
        let text = common::screen(&app);
        let rows: Vec<&str> = text.lines().skip(2).collect();
        for (at, row) in app.view.rows().iter().enumerate() {
            let post = app.org.post(row.node);
            let id = post.id().as_str();
            let id = id.strip_prefix(common::RENUMBERED).unwrap_or(id);
            let ghost = app.compare.as_ref().unwrap().is_ghost(row.node);
            let count = if ghost {
                0
            } else {
                wanted.get(id).copied().unwrap_or(0)
            };
            let said = match count {
                0 => None,
                1 => Some("1 report moved out".to_owned()),
                n => Some(format!("{n} reports moved out")),
            };
            let line = rows[at];
            match &said {
                Some(said) => {
                    assert!(
                        line.contains(said.as_str())
                            || line.contains(&format!("{} out", &said[..said.find(' ').unwrap()])),
                        "{}: {line}",
                        pair.1.display()
                    );
                    seen += 1;
                }
                None => assert!(!line.contains("moved out"), "{}: {line}", pair.1.display()),
            }
        }
        // Changed only keeps every post that reports moved out of.
        app.update(ChangedOnly);
        let kept: Vec<String> = app
            .view
            .rows()
            .iter()
            .map(|row| {
                let id = app.org.post(row.node).id().as_str();
                id.strip_prefix(common::RENUMBERED).unwrap_or(id).to_owned()
            })
            .collect();
        for id in wanted.keys() {
            assert!(kept.contains(id), "{}: {id} hidden by c", pair.1.display());
        }
    }
    assert!(seen >= 4, "the fixtures move reports out of {seen} posts");
}
