//! The one-line bars: the title at the top, the breadcrumb of a focus, and the status bar
//! with hints, messages and the search or filter prompt.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::report::tree::title;
use crate::text::{Escaped, fit, fit_end, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::find::match_count;
use crate::tui::compare_screen::CompareState;
use crate::tui::keys::{self, Mode};
use crate::tui::overlay::PromptKind;

pub fn title_bar(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.options.theme;
    let name = app
        .org
        .meta
        .name
        .as_deref()
        .unwrap_or(app.options.source.as_str());
    let sep = theme.glyphs.separator;
    let mut right = String::new();
    if app.compare.is_none()
        && let Some(as_of) = app.org.meta.as_of.as_deref()
    {
        let _ = write!(right, "as of {}{sep}", Escaped(as_of));
    }
    if app.options.source == crate::demo::NAME {
        let _ = write!(right, "demo{sep}");
    }
    right.push_str(mode_name(app));
    if app
        .whatif
        .as_ref()
        .is_some_and(crate::tui::whatif::WhatIf::unsaved)
    {
        right.push_str(" [+]");
    }
    if !app.view.focus().is_empty()
        && matches!(app.mode(), Mode::Browse | Mode::Compare | Mode::Edit)
    {
        let _ = write!(right, "{sep}focus");
    }
    if let Some(filter) = app.filter.as_ref().filter(|_| app.prompt().is_none()) {
        let _ = write!(right, "{sep}filter '{}'", Escaped(filter));
    }
    if app.changed_only {
        let _ = write!(right, "{sep}changed only");
    }
    if app.side_by_side {
        let _ = write!(right, "{sep}side by side");
    }
    let right = fit(&right, usize::from(area.width) / 2, theme.glyphs.ellipsis).into_owned();
    let room = usize::from(area.width).saturating_sub(width(&right) + 3);
    let left = match &app.compare {
        Some(compare) => {
            // A series says which of its pairs this is, whatever the names leave room for.
            let pair = app.series.as_ref().map_or_else(String::new, |series| {
                format!(" (pair {} of {})", series.shown + 1, series.pairs())
            });
            let room = room.saturating_sub(10 + width(&pair));
            format!(" orgtree: {}{pair}", compared(app, compare, room))
        }
        None => format!(
            " orgtree: {}",
            fit(name, room.saturating_sub(10), theme.glyphs.ellipsis)
        ),
    };
    let gap = usize::from(area.width).saturating_sub(width(&left) + width(&right) + 1);
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(right),
        Span::raw(" "),
    ]);
    frame.buffer_mut().set_style(area, theme.bar());
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}

/// What the compare screen compares, in at most `room` columns: the two charts' names and
/// dates, each name cut to its share; a name the charts share once; and the file names
/// where neither the names nor the dates tell the charts apart.
fn compared(app: &App, compare: &CompareState, room: usize) -> String {
    let ellipsis = app.options.theme.glyphs.ellipsis;
    let (before, after) = (&compare.before.meta, &app.org.meta);
    let date = |d: Option<&str>| d.map_or_else(|| "?".to_owned(), |d| Escaped(d).to_string());
    let (before_date, after_date) = (date(before.as_of.as_deref()), date(after.as_of.as_deref()));
    let file = |path: &str| {
        std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_owned(), |f| f.to_string_lossy().into_owned())
    };
    let names = (
        before
            .name
            .as_ref()
            .map_or_else(|| file(&compare.names.0), ToString::to_string),
        after
            .name
            .as_ref()
            .map_or_else(|| file(&compare.names.1), ToString::to_string),
    );
    let names =
        if names.0 == names.1 && before_date == after_date && compare.names.0 != compare.names.1 {
            (file(&compare.names.0), file(&compare.names.1))
        } else {
            names
        };
    let escaped = (Escaped(&names.0).to_string(), Escaped(&names.1).to_string());
    if escaped.0 == escaped.1 {
        let dates = if before_date == after_date {
            format!(", {before_date}")
        } else {
            format!(", {before_date} -> {after_date}")
        };
        let name = fit(
            &escaped.0,
            room.saturating_sub(width(&dates)).max(8),
            ellipsis,
        );
        return format!("{name}{dates}");
    }
    let fixed = width(&before_date) + width(&after_date) + " () -> ()".len() + 1;
    // Names that begin alike and do not fit: the after name's own words are what tell it
    // apart, so its first words, those of the before name, give way to an ellipsis.
    let escaped = if width(&escaped.0) + width(&escaped.1) + fixed > room {
        let same = common_words(&escaped.0, &escaped.1);
        if same > 0 && same < escaped.1.len() {
            let tail = escaped.1[same..].trim_start();
            let short = format!("{ellipsis}{tail}");
            (escaped.0, short)
        } else {
            escaped
        }
    } else {
        escaped
    };
    let share = (room.saturating_sub(fixed) / 2).max(6);
    // A short name leaves its unused share to the other.
    let first = width(&escaped.0).min(share);
    let second = room.saturating_sub(fixed + first).max(6);
    let second_width = width(&escaped.1).min(second);
    let first = room.saturating_sub(fixed + second_width).max(first);
    format!(
        "{} ({before_date}) -> {} ({after_date})",
        fit(&escaped.0, first, ellipsis),
        fit(&escaped.1, second, ellipsis)
    )
}

/// The length of the words two texts begin with alike (up to a space in both).
fn common_words(a: &str, b: &str) -> usize {
    let mut end = 0;
    for ((at, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        if x == ' ' {
            end = at;
        }
    }
    end
}

fn mode_name(app: &App) -> &'static str {
    match app.mode() {
        Mode::Help => "help",
        Mode::Prompt => match app.prompt().map(|p| p.kind) {
            Some(PromptKind::Filter) => "filter",
            _ => "search",
        },
        Mode::Dotted => "dotted lines",
        Mode::Details => "details",
        Mode::Browse => "browse",
        Mode::Compare if app.whatif.is_some() => "start vs now",
        Mode::Compare => "compare",
        Mode::Edit => "what-if",
        Mode::Form => "what-if: form",
        Mode::Choice => "what-if: question",
        Mode::Changes => "changes",
        Mode::Timeline => "timeline",
    }
}

/// The counts of a comparison, under the title bar.
pub fn summary(frame: &mut Frame, app: &App, area: Rect) {
    let Some(compare) = &app.compare else {
        return;
    };
    let theme = app.options.theme;
    let summary = &compare.comparison.summary;
    let room = usize::from(area.width);
    let sep = theme.glyphs.separator;
    let posts = (
        crate::report::thousands_of(summary.before.posts),
        crate::report::thousands_of(summary.after.posts),
    );
    // From the whole line to shorter forms, the first that fits: a narrow terminal keeps
    // every figure, in fewer words, rather than losing the last ones.
    let forms: Vec<String> = if summary.total() == 0 {
        vec![
            "no changes: the two charts hold the same posts in the same places".to_owned(),
            "no changes".to_owned(),
        ]
    } else {
        let total = crate::report::thousands_of(summary.total());
        let counts = |short: bool| {
            let parts: Vec<String> = crate::compare::ChangeKind::ALL
                .iter()
                .zip(&summary.counts)
                .filter(|&(_, &n)| n > 0)
                .map(|(kind, &n)| {
                    let name = if short {
                        short_kind(kind.name())
                    } else {
                        kind.name()
                    };
                    format!("{} {name}", crate::report::thousands_of(n))
                })
                .collect();
            parts.join(if short { " " } else { ", " })
        };
        let inferred = |short: bool| match (summary.inferred, short) {
            (0, _) => String::new(),
            (n, false) => format!("{sep}{n} matched by content"),
            (n, true) => format!("{sep}{n} by content"),
        };
        vec![
            format!(
                "{total} change{}: {}{}{sep}posts {} -> {}",
                crate::report::plural(summary.total()),
                counts(false),
                inferred(false),
                posts.0,
                posts.1
            ),
            format!(
                "{total} changes: {}{}{sep}posts {}->{}",
                counts(true),
                inferred(true),
                posts.0,
                posts.1
            ),
            format!(
                "{total}: {}{}{sep}{}->{}",
                counts(true),
                inferred(true),
                posts.0,
                posts.1
            ),
            format!("{total}: {}{sep}{}->{}", counts(true), posts.0, posts.1),
        ]
    };
    let text = forms
        .iter()
        .find(|form| width(form) <= room)
        .unwrap_or_else(|| forms.last().expect("a form"))
        .clone();
    let text = fit(&text, usize::from(area.width), theme.glyphs.ellipsis).into_owned();
    let line = Line::from(Span::styled(text, theme.heading()));
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}

/// A kind of change in a few letters, for a narrow counts line.
fn short_kind(name: &str) -> &'static str {
    match name {
        "added" => "add",
        "removed" => "rem",
        "moved" => "mov",
        "retitled" => "ret",
        "holder" => "hold",
        "vacancy" => "vac",
        "fields" => "fld",
        _ => "dot",
    }
}

/// The chain above the focused post, cut from the left when it is too long.
pub fn breadcrumb(frame: &mut Frame, app: &App, area: Rect) {
    let Some(&root) = app.view.focus().last() else {
        return;
    };
    let glyphs = app.options.theme.glyphs;
    let mut steps: Vec<String> = app
        .org
        .chain_to_top(root)
        .take(64)
        .map(|up| title(app.org.post(up)).to_string())
        .collect();
    if steps.is_empty() {
        steps.push("(top)".into());
    }
    steps.reverse();
    let mut text = steps.join(glyphs.step);
    text.push_str(glyphs.step.trim_end());
    // Keep the end: the focused post's nearest managers matter most.
    let text = fit_end(&text, usize::from(area.width), glyphs.ellipsis).into_owned();
    let line = Line::from(vec![Span::styled(text, app.options.theme.heading())]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}

pub fn status(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.options.theme;
    let buffer = frame.buffer_mut();
    buffer.set_style(area, theme.bar());
    let right = position(app);
    let room = usize::from(area.width).saturating_sub(width(&right) + 2);
    if let Some(prompt) = app.prompt() {
        let label = match prompt.kind {
            PromptKind::Search => "/",
            PromptKind::Filter => "filter: ",
        };
        let typed = Escaped(&prompt.text).to_string();
        // Show the end of a long entry, where the cursor is.
        let max = room.saturating_sub(width(label) + 1);
        let shown = fit_end(&typed, max, theme.glyphs.ellipsis).into_owned();
        let line = Line::from(vec![Span::raw(label), Span::raw(shown.clone())]);
        buffer.set_line(area.x, area.y, &line, area.width);
        let cursor = area.x + u16::try_from(width(label) + width(&shown)).unwrap_or(0);
        frame.set_cursor_position(Position::new(cursor.min(area.right() - 1), area.y));
    } else if let Some(message) = &app.message {
        let line = Line::from(Span::styled(
            // A column between a message cut short and the position keeps them apart.
            format!(
                " {}",
                fit(message, room.saturating_sub(1), theme.glyphs.ellipsis)
            ),
            theme.message(),
        ));
        buffer.set_line(area.x, area.y, &line, area.width);
    } else {
        let line = hints(app, room);
        buffer.set_line(area.x, area.y, &line, area.width);
    }
    let right_x = area
        .right()
        .saturating_sub(u16::try_from(width(&right) + 1).unwrap_or(0));
    frame
        .buffer_mut()
        .set_string(right_x, area.y, &right, Style::new());
}

/// Where the selection is, and the search's match count.
fn position(app: &App) -> String {
    let mut text = String::new();
    if app.running.is_some() {
        text.push_str("searching…  ");
    } else if let Some(search) = &app.search {
        text.push_str(&match_count(search));
        // A match on a field the row does not show says which.
        let selected = app.selected_post().filter(|&node| app.is_match(node));
        if let Some(field) = selected.and_then(|node| {
            crate::tui::search::Query::new(&search.text).unseen_match(app.org.post(node))
        }) {
            let _ = write!(text, " (in its {field})");
        }
        text.push_str("  ");
    } else if let (Some(shown), Some(_)) = (app.view.filter(), &app.filter) {
        let _ = write!(
            text,
            "{} match{}  ",
            shown.matches,
            if shown.matches == 1 { "" } else { "es" }
        );
    }
    if app.details().is_some() && app.mode() == Mode::Details {
        let (first, last, total) = app.drawn.details_lines.get();
        let _ = write!(
            text,
            "lines {}-{} of {}",
            crate::report::thousands_of(first),
            crate::report::thousands_of(last),
            crate::report::thousands_of(total)
        );
    } else if let (Some(step), Some(series)) = (app.overlays.timeline(), &app.series) {
        let _ = write!(text, "step {}/{}", step + 1, series.pairs());
    } else if let (Some(list), Some(compare)) = (&app.change_list, &app.compare) {
        let _ = write!(
            text,
            "change {}/{}",
            crate::report::thousands_of(list.selected + 1),
            crate::report::thousands_of(compare.comparison.changes.len())
        );
    } else if !app.view.is_empty() {
        let _ = write!(
            text,
            "{}/{}",
            crate::report::thousands_of(app.selected + 1),
            crate::report::thousands_of(app.view.len())
        );
    }
    text
}

/// The hinted keys of the current mode, as many as fit in `room` columns; help and quit
/// first, so that a narrow terminal still says how to get help and how to leave.
fn hints(app: &App, room: usize) -> Line<'static> {
    let theme = app.options.theme;
    let mode = app.mode();
    let hinted: Vec<(String, &str, bool)> = app
        .options
        .keymap
        .bindings(mode)
        .iter()
        .filter(|bound| mode != Mode::Browse || !keys::is_edit(bound.binding))
        // Only keys that work here: a series' keys on a series, side by side on a wide
        // terminal.
        .filter(|bound| app.series.is_some() || !keys::is_series(bound.action()))
        .filter(|bound| {
            bound.action() != Action::SideBySide
                || app.size.0 >= crate::tui::layout::SIDE_BY_SIDE_FROM
        })
        .filter_map(|bound| {
            let (hint, &key) = (bound.binding.hint?, bound.keys.first()?);
            // Help, quit and the details (on the compare screen, a change's old and new
            // values) come first, so that a narrow terminal still shows them: at 80
            // columns the details are not beside the tree.
            let first = matches!(
                bound.action(),
                Action::Help | Action::Quit | Action::Details
            );
            Some((keys::label(key, theme.ascii), hint, first))
        })
        .collect();
    let cost = |(key, hint, _): &(String, &str, bool)| width(key) + 1 + width(hint) + 2;
    let mut left = room.saturating_sub(1);
    let mut shown = vec![false; hinted.len()];
    for pass_first in [true, false] {
        for (i, hint) in hinted.iter().enumerate() {
            if hint.2 == pass_first && cost(hint) <= left {
                left -= cost(hint);
                shown[i] = true;
            }
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for ((key, hint, _), _) in hinted.into_iter().zip(shown).filter(|(_, shown)| *shown) {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans)
}
