//! Boxes drawn over the screen: the help, and the choice of dotted line to follow.

use crate::tui::action::Action;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centred;
use crate::report::tree::{holder, title};
use crate::text::{Escaped, width};
use crate::tui::app::App;
use crate::tui::keys::{self, Mode};
use crate::tui::overlay::DottedChoice;

/// Every key of the mode under the help, then what the marks in the tree mean.
#[must_use]
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.options.theme;
    let ascii = theme.ascii;
    let mode = app.mode_under_help();
    let mut lines = Vec::new();
    // The latest messages, whole: the status bar cuts a long one, and each goes at the next
    // key.
    if !app.messages.is_empty() {
        lines.push(Line::from(Span::styled(
            "Messages, the latest first",
            theme.heading(),
        )));
        // The box holds 74 columns; each message indented, its later lines further.
        let wrap = textwrap::Options::new(74)
            .initial_indent("  ")
            .subsequent_indent("    ")
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for message in app.messages.iter().rev().take(20) {
            for piece in textwrap::wrap(message, &wrap) {
                lines.push(Line::from(piece.into_owned()));
            }
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        format!("Keys: {}", mode_title(mode)),
        theme.heading(),
    )));
    let mut edits_named = mode != Mode::Browse;
    for bound in app.options.keymap.bindings(mode) {
        if !edits_named && keys::is_edit(bound.binding) && app.options.read_only {
            edits_named = true;
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "What-if: off (read-only = true in the configuration); orgtree edit FILE edits",
                theme.heading(),
            )));
        }
        if app.options.read_only && mode == Mode::Browse && keys::is_edit(bound.binding) {
            continue;
        }
        if app.series.is_none() && keys::is_series(bound.action()) {
            continue;
        }
        if !edits_named && keys::is_edit(bound.binding) {
            edits_named = true;
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "What-if: the first of these keys starts one, on a copy of the chart",
                theme.heading(),
            )));
        }
        let keys: Vec<String> = bound.keys.iter().map(|&k| keys::label(k, ascii)).collect();
        let keys = keys.join(" ");
        let pad = 18usize.saturating_sub(width(&keys));
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys}"), theme.key()),
            Span::raw(format!("{} {}", " ".repeat(pad), bound.binding.help)),
        ]));
    }
    if mode == Mode::Compare {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Marks of the comparison",
            theme.heading(),
        )));
        for (mark, meaning) in [
            ("+", "added: not in the before chart"),
            ("-", "removed: shown where it used to be"),
            (">", "moved in from another manager (see the details)"),
            (
                "~",
                "changed: title, holder, another field or a dotted line",
            ),
            (
                theme.glyphs.changes_below,
                "folded, with changes in the team below",
            ),
        ] {
            let pad = 18usize.saturating_sub(width(mark));
            lines.push(Line::from(format!("  {mark}{} {meaning}", " ".repeat(pad))));
        }
    }
    if mode == Mode::Timeline {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "What the timeline shows",
            theme.heading(),
        )));
        for (term, meaning) in [
            (
                "bars",
                "posts and headcount (FTE) of each release, as stats",
            ),
            (
                "added ... vacancy",
                "posts with each kind of change, as diff counts them",
            ),
            ("changed", "the share of posts with any of those changes"),
            (
                "renumbered",
                "most posts matched by content: their ids changed",
            ),
        ] {
            let pad = 18usize.saturating_sub(width(term));
            lines.push(Line::from(format!("  {term}{} {meaning}", " ".repeat(pad))));
        }
    }
    if matches!(
        mode,
        Mode::Browse | Mode::Compare | Mode::Edit | Mode::Prompt
    ) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                "Search ({}) and filter ({}): words in the title, holder, unit or id, and",
                app.key(Mode::Browse, Action::StartSearch),
                app.key(Mode::Browse, Action::StartFilter)
            ),
            theme.heading(),
        )));
        for (term, meaning) in crate::tui::search::TERMS {
            let pad = 18usize.saturating_sub(width(term));
            lines.push(Line::from(format!("  {term}{} {meaning}", " ".repeat(pad))));
        }
        lines.push(Line::from(format!(
            "  (all together: {} is:vacant grade:scs1 shows the vacant SCS1 posts)",
            app.key(Mode::Browse, Action::StartFilter)
        )));
    }
    if matches!(mode, Mode::Browse | Mode::Compare | Mode::Edit) {
        let g = theme.glyphs;
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Marks in the tree",
            theme.heading(),
        )));
        for (mark, meaning) in [
            (g.closed.to_string(), "folded: has reports not shown"),
            (g.open.to_string(), "unfolded"),
            ("(vacant)".into(), "no holder in post"),
            (
                "(not disclosed)".into(),
                "held, but the holder's name is not disclosed",
            ),
            (g.dotted.to_string(), "draws a dotted line to another post"),
            (
                g.dotted_in.to_string(),
                "another post draws a dotted line to it",
            ),
            (
                "[4/17]".into(),
                "4 direct reports, 17 posts in the whole team",
            ),
            ("underlined".into(), "matches the search"),
        ] {
            let pad = 18usize.saturating_sub(width(&mark));
            lines.push(Line::from(format!("  {mark}{} {meaning}", " ".repeat(pad))));
        }
    }
    lines
}

fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Browse => "the tree",
        Mode::Edit => "the what-if",
        Mode::Form => "the form",
        Mode::Choice => "the question",
        Mode::Compare => "the compared tree",
        Mode::Changes => "the list of changes",
        Mode::Timeline => "the timeline of the series",
        Mode::Details => "details",
        Mode::Prompt => "typing a search or filter",
        Mode::Dotted => "choosing a dotted line",
        Mode::Help => "help",
    }
}

/// The help's box on a screen of `area`, and how far its lines can scroll in it.
fn help_box(lines: &[Line], area: Rect) -> (Rect, u16) {
    let tall = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(area, 80, tall);
    let most = tall.saturating_sub(area.height);
    (area, most)
}

/// Draws the help over `area`, scrolled `scroll` rows (or as far as it goes); gives how far
/// it can scroll, for the next key.
pub fn help(frame: &mut Frame, app: &App, scroll: u16, area: Rect) -> u16 {
    let lines = help_lines(app);
    let (area, most) = help_box(&lines, area);
    let scroll = scroll.min(most);
    let key = |action| app.key(Mode::Help, action);
    let hint = if most > 0 {
        format!(
            " {}/{} scroll, {} closes ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Back)
        )
    } else {
        format!(" {} closes ", key(Action::Back))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border(app))
        .title(" Help ")
        .title_bottom(hint);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    most
}

pub fn dotted(frame: &mut Frame, app: &App, choice: &DottedChoice, area: Rect) {
    let theme = app.options.theme;
    let lines: Vec<Line> = choice
        .ends
        .iter()
        .enumerate()
        .map(|(i, end)| {
            let post = app.org.post(end.post);
            let arrow = if end.incoming {
                theme.glyphs.dotted_in
            } else {
                theme.glyphs.dotted
            };
            let label = end
                .label
                .as_deref()
                .map(|l| format!("{}: ", Escaped(l)))
                .unwrap_or_default();
            let unit = post
                .unit
                .as_deref()
                .map(|unit| format!(", {}", Escaped(unit)))
                .unwrap_or_default();
            let text = format!(" {arrow} {label}{} ({}){unit}", title(post), holder(post));
            if i == choice.selected {
                Line::from(Span::styled(text, theme.selected()))
            } else {
                Line::from(text)
            }
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(area, 100, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(border(app))
        .title(" Follow which dotted line? ")
        .title_bottom(format!(
            " {} goes, {} closes ",
            app.key(Mode::Dotted, Action::Accept),
            app.key(Mode::Dotted, Action::Back)
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub(super) fn border(app: &App) -> ratatui::symbols::border::Set<'static> {
    border_for(app.options.theme.ascii)
}

/// Box-drawing lines, or ASCII ones.
pub(super) fn border_for(ascii: bool) -> ratatui::symbols::border::Set<'static> {
    if ascii {
        ratatui::symbols::border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        }
    } else {
        ratatui::symbols::border::PLAIN
    }
}
