//! The two trees side by side: the left pane is the before chart as `orgtree print` writes
//! it and the right pane the after chart, row for row once the alignment gaps are taken
//! out; a moved post stands at its place on each side and names the other end; the
//! selection shows on both sides; and the view follows the keys that change the rows.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::common;

use orgtree::tui::action::Action::{self, *};
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

fn side_by_side(pair: &(PathBuf, PathBuf), size: (u16, u16), actions: &[Action]) -> App {
    let mut app = common::compare_files(&pair.0, &pair.1, size, Theme::new(true, false));
    app.update(SideBySide);
    assert!(app.side_by_side);
    for &action in actions {
        app.update(action);
    }
    app
}

/// The text of a pane's rows, one a screen row (blank rows are alignment gaps).
fn pane_rows(buffer: &Buffer, app: &App, left: bool) -> Vec<String> {
    let tree = app.screen().tree;
    let half = tree.width / 2 - 1;
    let (from, to) = if left {
        (tree.x, tree.x + half)
    } else {
        (tree.x + half + 1, tree.right())
    };
    (tree.top()..tree.bottom())
        .map(|y| {
            (from..to)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// A tree line reduced to its guides (one letter a level: `|` a line down, ` ` none, `+` a
/// branch, `` ` `` the last branch) and its `title (holder)`, without team counts or notes.
/// `level` is the width of a level's guides: 4 in `orgtree print`, 2 on screen, where the
/// guides are followed by the fold marker, a space, the change sign and a space.
fn reduced(line: &str, level: usize, on_screen: bool) -> (String, String) {
    let start = line
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(line.len(), |(at, _)| at);
    let mut lead: Vec<char> = line[..start].chars().collect();
    if on_screen {
        lead.truncate(lead.len().saturating_sub(4));
    }
    let guides: String = lead
        .chunks(level)
        .map(|chunk| match chunk[0] {
            '│' => '|',
            '├' => '+',
            '└' => '`',
            _ => ' ',
        })
        .collect();
    let mut text = &line[start..];
    for note in [" → to ", " ← from ", " · ", " ⇢", " ⇠", "  ["] {
        if let Some(at) = text.find(note) {
            text = &text[..at];
        }
    }
    if let Some(at) = text.rfind(" [")
        && text.ends_with(']')
    {
        text = &text[..at];
    }
    (guides, text.trim_end().to_owned())
}

/// `orgtree print` of a chart, reduced line by line.
fn printed(path: &Path) -> Vec<(String, String)> {
    let run = common::orgtree(&["print", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .take_while(|line| !line.is_empty())
        .map(|line| reduced(line, 4, false))
        .collect()
}

fn same_rows(pane: &[(String, String)], printed: &[(String, String)], what: &str) {
    assert_eq!(pane.len(), printed.len(), "{what}: rows\n{pane:#?}");
    for (shown, wanted) in pane.iter().zip(printed) {
        assert_eq!(shown.0, wanted.0, "{what}: guides of {}", wanted.1);
        match shown.1.strip_suffix('…') {
            Some(cut) => assert!(wanted.1.starts_with(cut), "{what}: {shown:?} {wanted:?}"),
            None => assert_eq!(shown.1, wanted.1, "{what}"),
        }
    }
}

#[test]
fn the_left_pane_is_the_before_chart_and_the_right_pane_the_after_chart_as_printed() {
    let folder = tempfile::tempdir().unwrap();
    for pair in every_pair(folder.path()) {
        let app = side_by_side(&pair, (240, 120), &[UnfoldToLayer(99)]);
        let buffer = common::draw(&app);
        let what = format!("{} -> {}", pair.0.display(), pair.1.display());
        for (left, path) in [(true, &pair.0), (false, &pair.1)] {
            let pane: Vec<(String, String)> = pane_rows(&buffer, &app, left)
                .iter()
                .filter(|row| !row.is_empty())
                .map(|row| reduced(row, 2, true))
                .collect();
            same_rows(&pane, &printed(path), &format!("{what}, left {left}"));
        }
    }
}

/// The screen rows whose cells in `columns` hold the selection's highlight.
fn highlighted(buffer: &Buffer, app: &App, left: bool) -> Vec<String> {
    let rows = pane_rows(buffer, app, left);
    let tree = app.screen().tree;
    let half = tree.width / 2 - 1;
    let columns = if left {
        tree.x..tree.x + half
    } else {
        tree.x + half + 1..tree.right()
    };
    (tree.top()..tree.bottom())
        .zip(rows)
        .filter(|&(y, _)| {
            columns.clone().any(|x| {
                let cell = &buffer[(x, y)];
                cell.bg == Color::Blue || cell.modifier.contains(Modifier::REVERSED)
            })
        })
        .map(|(_, row)| row)
        .collect()
}

fn select(app: &mut App, title: &str) {
    for _ in 0..app.view.len() {
        let node = app.selected_post().unwrap();
        if &*app.org.post(node).title == title {
            return;
        }
        app.update(Down);
    }
    panic!("no row {title}");
}

#[test]
fn a_moved_post_stands_at_its_place_on_each_side_naming_the_other_end() {
    let pair = (
        common::fixtures().join("cabinet-office-before-cdo.json"),
        common::fixtures().join("cabinet-office-after-cdo.json"),
    );
    let mut app = side_by_side(&pair, (170, 40), &[UnfoldToLayer(99), Top]);
    select(&mut app, "Head of Shared Services (ERP)");
    let buffer = common::draw(&app);
    let left = highlighted(&buffer, &app, true);
    let right = highlighted(&buffer, &app, false);
    // The selected post is highlighted at its old place on the left, where it says where it
    // went, and at its new place on the right, where it says where it came from.
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        left[0].contains("Head of Shared Services (ERP) (Priya Natarajan) → to Chief Digital"),
        "{left:?}"
    );
    assert_eq!(right.len(), 1, "{right:?}");
    assert!(
        right[0]
            .contains("Head of Shared Services (ERP) (Priya Natarajan) ← from Finance Director"),
        "{right:?}"
    );
    // On the left it stands under the Finance Director, as it did; on the right, the
    // Finance Director says a report moved out.
    let rows = pane_rows(&buffer, &app, true);
    let at = rows
        .iter()
        .position(|r| r.contains("Shared Services"))
        .unwrap();
    assert!(rows[at - 1].contains("Finance Director"), "{rows:#?}");
    let after = pane_rows(&buffer, &app, false);
    assert!(
        after
            .iter()
            .any(|r| r.contains("Finance Director (Marcus Ellery) · 1 report moved out")),
        "{after:#?}"
    );
}

#[test]
fn a_removed_post_is_on_the_left_only_and_can_be_selected_there() {
    let pair = (
        common::fixtures().join("cabinet-office-before-cdo.json"),
        common::fixtures().join("cabinet-office-after-cdo.json"),
    );
    let mut app = side_by_side(&pair, (170, 40), &[UnfoldToLayer(99), Top]);
    select(&mut app, "Honours Casework Systems Manager");
    let buffer = common::draw(&app);
    let left = highlighted(&buffer, &app, true);
    assert_eq!(left.len(), 1);
    assert!(
        left[0].contains("- Honours Casework Systems Manager"),
        "{left:?}"
    );
    assert!(highlighted(&buffer, &app, false).is_empty());
}

#[test]
fn moving_through_the_rows_keeps_the_selection_on_screen_on_a_short_terminal() {
    let folder = tempfile::tempdir().unwrap();
    for pair in every_pair(folder.path()) {
        let mut app = side_by_side(&pair, (170, 12), &[UnfoldToLayer(99), Top]);
        let rows = app.view.len();
        for step in 0..rows * 2 {
            let buffer = common::draw(&app);
            let shown =
                highlighted(&buffer, &app, true).len() + highlighted(&buffer, &app, false).len();
            assert!(
                shown > 0,
                "{}: step {step}, row {}",
                pair.0.display(),
                app.selected
            );
            app.update(if step < rows { Down } else { Up });
        }
        // At the top, the rows above the first selectable row show too.
        app.update(Top);
        let first = app
            .side_rows()
            .as_ref()
            .unwrap()
            .first_shown(app.offset, 0, 8);
        assert_eq!(first, 0);
    }
}

#[test]
fn changed_only_focus_and_next_change_work_side_by_side() {
    let pair = (
        common::fixtures().join("cabinet-office-before-cdo.json"),
        common::fixtures().join("cabinet-office-after-cdo.json"),
    );
    // Changed only: the before chain of a moved post shows on the left, and the post that
    // lost it is kept on the right.
    let app = side_by_side(&pair, (170, 40), &[ChangedOnly]);
    let buffer = common::draw(&app);
    let left = pane_rows(&buffer, &app, true).join("\n");
    let right = pane_rows(&buffer, &app, false).join("\n");
    assert!(left.contains("Finance Director"), "{left}");
    assert!(left.contains("→ to Chief Digital Officer"), "{left}");
    assert!(
        right.contains("Finance Director (Marcus Ellery) · 1 report moved out"),
        "{right}"
    );
    assert!(
        !left.contains("HR Director"),
        "unchanged posts stay hidden:\n{left}"
    );

    // A focus on a post that was there: its before team on the left, its after team on the
    // right.
    let mut app = side_by_side(&pair, (170, 40), &[UnfoldToLayer(99), Top]);
    select(&mut app, "Director General, Corporate Services");
    app.update(Focus);
    let buffer = common::draw(&app);
    let left: Vec<String> = pane_rows(&buffer, &app, true)
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    assert!(
        left[0].contains("Director General, Corporate Services"),
        "{left:#?}"
    );
    assert_eq!(
        left.len(),
        7,
        "the DG and the 6 posts of the before team: {left:#?}"
    );
    let right: Vec<String> = pane_rows(&buffer, &app, false)
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(right.len(), 3, "the DG and its 2 reports after: {right:#?}");

    // ] goes from change to change, each highlighted.
    let mut app = side_by_side(&pair, (170, 14), &[UnfoldToLayer(99)]);
    let changes = app.compare.as_ref().unwrap().changed().len();
    for _ in 0..changes {
        app.update(NextChange);
        let buffer = common::draw(&app);
        let shown =
            highlighted(&buffer, &app, true).len() + highlighted(&buffer, &app, false).len();
        assert!(shown > 0, "change at row {} is off screen", app.selected);
    }
}

#[test]
fn a_click_on_either_side_selects_that_post() {
    let pair = (
        common::fixtures().join("cabinet-office-before-cdo.json"),
        common::fixtures().join("cabinet-office-after-cdo.json"),
    );
    let mut app = side_by_side(&pair, (170, 40), &[UnfoldToLayer(99), Top]);
    let buffer = common::draw(&app);
    let tree = app.screen().tree;
    let left = pane_rows(&buffer, &app, true);
    // The old place of the moved Head of Shared Services, on the left only.
    let y = left
        .iter()
        .position(|r| r.contains("Shared Services") && r.contains("→ to"))
        .unwrap();
    app.update(Click(tree.x + 10, tree.y + u16::try_from(y).unwrap()));
    let node = app.selected_post().unwrap();
    assert_eq!(&*app.org.post(node).title, "Head of Shared Services (ERP)");
}
