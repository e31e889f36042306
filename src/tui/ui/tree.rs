//! The tree pane: one row a post, with guides, fold marker, title, holder and team size.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::org::{Holder, NodeIndex};
use crate::report::thousands_of;
use crate::report::tree::{holder, title};
use crate::text::{fit_measured, width};
use crate::tui::app::App;
use crate::tui::compare_screen::Marker;
use crate::tui::layout::{guide_levels, marker_column};
use crate::tui::theme::Theme;
use crate::tui::tree_view::Row;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if app.view.is_empty() {
        let text = match &app.filter {
            Some(filter) => format!("no post matches '{}'", crate::text::Escaped(filter)),
            None => "this chart has no posts".into(),
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let rows = app.rows_on_screen(area.height);
    let buffer = frame.buffer_mut();
    for (y, (at, row)) in (area.y..).zip(rows) {
        let selected = at == app.selected;
        let (line, text) = row_line(app, row, usize::from(area.width), selected, Pane::Tree);
        set_row(
            buffer,
            Rect {
                y,
                height: 1,
                ..area
            },
            &line,
            selected.then_some(text),
            app,
        );
    }
}

/// Draws a row's line in `area` (one row tall), with the highlight over `text` (columns from
/// the area's left edge) when it is selected. The highlight covers the marker and the text,
/// not the guides, the padding or the counts: moving it then rewrites a few dozen cells, not
/// two whole rows.
pub(super) fn set_row(
    buffer: &mut ratatui::buffer::Buffer,
    area: Rect,
    line: &Line,
    highlight: Option<Range<usize>>,
    app: &App,
) {
    buffer.set_line(area.x, area.y, line, area.width);
    if let Some(text) = highlight {
        let start = u16::try_from(text.start)
            .unwrap_or(u16::MAX)
            .min(area.width);
        let end = u16::try_from(text.end).unwrap_or(u16::MAX).min(area.width);
        buffer.set_style(
            Rect {
                x: area.x + start,
                width: end.saturating_sub(start),
                ..area
            },
            app.options.theme.selected(),
        );
    }
}

/// A row's line, and the columns of its marker and text (from the pane's left edge). The text
/// of the selected row is in one plain style, for the highlight to go over evenly.
pub(super) fn row_line(
    app: &App,
    row: Row,
    columns: usize,
    selected: bool,
    pane: Pane,
) -> (Line<'static>, Range<usize>) {
    let theme = app.options.theme;
    let glyphs = theme.glyphs;
    let (org, view) = (&app.org, &app.view);
    let node = row.node;
    let post = org.post(node);

    let mut guides = guides(app, node, row.depth, columns, pane);
    let marker = if view.has_children(org, node) {
        if view.is_open(node) {
            glyphs.open
        } else {
            glyphs.closed
        }
    } else if row.depth > 0 {
        glyphs.leaf
    } else {
        " "
    };
    guides.push_str(marker);
    guides.push(' ');

    let direct = app.reports(node).len();
    let counts = counts_text(direct, app.index.totals().team_posts(node));
    let dotted = match (
        !post.dotted.is_empty(),
        !app.index.dotted_in(node).is_empty(),
    ) {
        (true, true) => format!(" {}{}", glyphs.dotted, glyphs.dotted_in),
        (true, false) => format!(" {}", glyphs.dotted),
        (false, true) => format!(" {}", glyphs.dotted_in),
        (false, false) => String::new(),
    };
    let title_style = if app.is_match(node) {
        theme.matched()
    } else {
        Style::new()
    };
    let holder_style = holder_style(theme, &post.holder);
    let mut parts: Vec<(String, Style)> = vec![
        (title(post).to_string(), title_style),
        (" (".into(), Style::new()),
        (holder(post).to_string(), holder_style),
        (")".into(), Style::new()),
        (dotted, theme.dotted()),
    ];
    // The post cut with x stays marked until it is pasted: the message saying so goes.
    if app
        .whatif
        .as_ref()
        .and_then(|w| w.clipboard.as_ref())
        .is_some_and(|cut| cut == post.id())
    {
        let paste = app.key(
            crate::tui::keys::Mode::Edit,
            crate::tui::action::Action::Paste,
        );
        parts.push((format!(" [cut: {paste} pastes]"), theme.moved()));
    }
    if let Some(compare) = &app.compare {
        let marker = compare.marker(node);
        if marker == Marker::Removed {
            parts[0].1 = theme.removed();
            parts[2].1 = theme.removed();
        }
        let folded_changes = !view.is_open(node) && compare.changes_inside(&app.index, node);
        let sign = match (marker, folded_changes) {
            // Nothing changed here, but in the folded team below.
            (Marker::None, true) => (format!("{} ", glyphs.changes_below), theme.changed()),
            // A change here, and more in the folded team below: both, so none hides.
            (_, true) => (
                format!("{}{}", marker.sign(), glyphs.changes_below),
                marker_style(theme, marker),
            ),
            (_, false) => (format!("{} ", marker.sign()), marker_style(theme, marker)),
        };
        parts.insert(0, sign);
        if let Some(moves) = moves_note(app, node) {
            parts.push((moves, theme.moved()));
        }
        if pane == Pane::After && marker == Marker::Moved {
            parts.push((moved_from(app, node), theme.moved()));
        }
    }

    lay_out(theme, &guides, row.depth, columns, parts, counts, selected)
}

/// Which pane a tree row is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pane {
    /// The tree pane, with removed posts as ghosts.
    Tree,
    /// The after tree of the side-by-side view: no ghosts (the left side has them), and a
    /// moved post says where it came from.
    After,
}

/// For a post whose reports moved away or in: how many, after its holder.
pub(super) fn moves_note(app: &App, node: NodeIndex) -> Option<String> {
    let (moved_in, moved_out) = app.compare.as_ref()?.moves_of(node);
    let reports = |n: usize| if n == 1 { "report" } else { "reports" };
    let text = match (moved_in, moved_out) {
        (0, 0) => return None,
        (0, out) => format!("{} {} moved out", thousands_of(out), reports(out)),
        (into, 0) => format!("{} {} moved in", thousands_of(into), reports(into)),
        (into, out) => format!(
            "{} {} moved in, {} out",
            thousands_of(into),
            reports(into),
            thousands_of(out)
        ),
    };
    Some(format!("{}{text}", app.options.theme.glyphs.separator))
}

/// Where a moved post of the merged chart came from: its old manager.
fn moved_from(app: &App, node: NodeIndex) -> String {
    let glyphs = app.options.theme.glyphs;
    let old = app.compare.as_ref().and_then(|compare| {
        let b = compare.before_post(node)?;
        compare.before.manager(b).map(|m| compare.before.post(m))
    });
    match old {
        Some(manager) => format!(" {} from {}", glyphs.moved_from, title(manager)),
        None => format!(" {} from the top", glyphs.moved_from),
    }
}

/// How a change marker looks.
pub(crate) fn marker_style(theme: Theme, marker: Marker) -> Style {
    match marker {
        Marker::None => Style::new(),
        Marker::Changed => theme.changed(),
        Marker::Moved => theme.moved(),
        Marker::Added => theme.added(),
        Marker::Removed => theme.removed(),
    }
}

/// The guides before a row's marker: for each level above it, a line down when that level
/// has more posts below, then the branch to this post.
fn guides(app: &App, node: NodeIndex, depth: u32, width: usize, pane: Pane) -> String {
    guide_text(
        app.options.theme,
        node,
        depth,
        width,
        |at| {
            app.view.is_last_sibling(&app.org, at)
                || (pane == Pane::After && only_ghosts_after(app, at))
        },
        |at| app.org.manager(at),
    )
}

/// The guides before the marker of a row at `depth` for `node`, in `width` columns: for each
/// level above it, a line down when that level has more posts below (`is_last` says it has
/// not), then the branch to this post; `manager` walks up the chart drawn.
pub(super) fn guide_text(
    theme: Theme,
    node: NodeIndex,
    depth: u32,
    width: usize,
    is_last: impl Fn(NodeIndex) -> bool,
    manager: impl Fn(NodeIndex) -> Option<NodeIndex>,
) -> String {
    let glyphs = theme.glyphs;
    let (levels, elided) = guide_levels(depth, width);
    let mut pieces = Vec::with_capacity(levels);
    let mut at = node;
    for level in 0..levels {
        pieces.push(match (level, is_last(at)) {
            (0, false) => glyphs.branch,
            (0, true) => glyphs.last,
            (_, false) => glyphs.through,
            (_, true) => glyphs.blank,
        });
        match manager(at) {
            Some(up) => at = up,
            None => break,
        }
    }
    let mut text = String::with_capacity(levels * 4 + 4);
    if elided {
        text.push_str(glyphs.ellipsis);
        text.push(' ');
    }
    for piece in pieces.iter().rev() {
        text.push_str(piece);
    }
    text
}

/// How a holder's name is drawn.
pub(super) fn holder_style(theme: Theme, holder: &Holder) -> Style {
    match holder {
        Holder::Vacant => theme.vacant(),
        Holder::Undisclosed => theme.undisclosed(),
        Holder::Named(_) => theme.holder(),
    }
}

/// A manager's team counts, ` [direct/total]`; nothing for a post with no reports.
pub(super) fn counts_text(direct: usize, team: usize) -> String {
    if direct > 0 {
        format!(" [{}/{}]", thousands_of(direct), thousands_of(team))
    } else {
        String::new()
    }
}

/// A row laid out in `columns`: the guides and marker (`lead`), then the `parts`, each cut
/// where the room ends, then the `counts` at the right edge. Gives the line and the columns
/// of its marker and text; with `plain`, the text is in one plain style (the selected row's,
/// for the highlight to go over evenly).
pub(super) fn lay_out(
    theme: Theme,
    lead: &str,
    depth: u32,
    columns: usize,
    parts: Vec<(String, Style)>,
    counts: String,
    plain: bool,
) -> (Line<'static>, Range<usize>) {
    let ellipsis = theme.glyphs.ellipsis;
    let (shown, lead_width) = fit_measured(lead, columns, ellipsis);
    let mut text = marker_column(depth, columns).min(lead_width)..lead_width;
    let mut spans = vec![Span::styled(shown.into_owned(), theme.guide())];
    let mut room = columns.saturating_sub(width(lead) + width(&counts));
    for (part, style) in parts {
        if room == 0 {
            break;
        }
        let (shown, shown_width) = fit_measured(&part, room, ellipsis);
        let shown = shown.into_owned();
        room -= shown_width;
        text.end += shown_width;
        let cut = shown != part;
        spans.push(Span::styled(
            shown,
            if plain { Style::new() } else { style },
        ));
        if cut {
            room = 0;
        }
    }
    if !counts.is_empty() {
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(counts, theme.counts()));
    }
    (Line::from(spans), text)
}

/// Whether the view shows only ghosts of removed posts after `node` among its siblings.
fn only_ghosts_after(app: &App, node: NodeIndex) -> bool {
    let (Some(compare), Some(manager)) = (&app.compare, app.org.manager(node)) else {
        return false;
    };
    if app.view.focus().last() == Some(&node) {
        return false;
    }
    // Drawn for each row of every frame: the last sibling tells at once in most teams, which
    // end in a post that is still there; only a team ending in ghosts is walked from the end.
    for sibling in app.view.children(&app.org, manager).rev() {
        if sibling == node {
            return true;
        }
        if !compare.is_ghost(sibling) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    use crate::read::{LoadOptions, load_str};
    use crate::tui::action::Action;
    use crate::tui::app::{App, Options};
    use crate::tui::theme::Theme;

    const HEART: &str = "\u{2764}\u{fe0f}";
    const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    /// An e with an acute accent and a dot below, written as three characters.
    const ACCENTED: &str = "e\u{301}\u{323}";

    fn chart() -> String {
        let post = |id: &str, title: &str, manager: Option<&str>| {
            let reports_to =
                manager.map_or(String::new(), |m| format!(", \"reports_to\": \"{m}\""));
            format!(
                "{{\"id\": \"{id}\", \"title\": \"{title}\", \"holder\": \"A N Other\"{reports_to}}}"
            )
        };
        let long = "Directorate of People and Places, Wellbeing and Engagement";
        let posts = [
            post("top", &format!("{HEART} Permanent Secretary"), None),
            post(
                "family",
                &format!("Head of {FAMILY} Family Services"),
                Some("top"),
            ),
            post(
                "cafe",
                &format!("Caf{ACCENTED} Manager {HEART}{HEART}"),
                Some("top"),
            ),
            post(
                "long",
                &format!("{FAMILY}{HEART} {long} {FAMILY}"),
                Some("cafe"),
            ),
            post(
                "accents",
                &format!("R{ACCENTED}sum{ACCENTED} {long}"),
                Some("family"),
            ),
            post("leaf", "Analyst", Some("long")),
            post("leaf2", "Analyst", Some("accents")),
        ];
        format!("{{\"posts\": [{}]}}", posts.join(","))
    }

    fn drawn(size: (u16, u16)) -> (App, Buffer) {
        let org = load_str(&chart(), LoadOptions::default()).unwrap().org;
        let options = Options::plain("graphemes", Theme::new(false, false));
        let mut app = App::new(org, options, size);
        app.update(Action::UnfoldToLayer(9));
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        terminal
            .draw(|frame| super::super::draw(frame, &app))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (app, buffer)
    }

    /// The text of one row of the tree pane, grapheme by grapheme as the terminal holds it,
    /// and the column just after each.
    fn cells(buffer: &Buffer, y: u16, left: u16, right: u16) -> Vec<(String, u16)> {
        let mut out = Vec::new();
        let mut x = left;
        while x < right {
            let symbol = buffer[(x, y)].symbol().to_owned();
            let columns = crate::text::width(&symbol).max(1);
            x += u16::try_from(columns).unwrap();
            out.push((symbol, x));
        }
        out
    }

    #[test]
    fn emoji_sequences_and_combining_marks_keep_rows_at_the_pane_width() {
        for size in [(80, 24), (120, 40), (60, 20), (44, 16)] {
            let (app, buffer) = drawn(size);
            let tree = app.screen().tree;
            let mut with_counts = 0;
            for y in tree.top()..tree.top() + u16::try_from(app.view.len()).unwrap() {
                let row = cells(&buffer, y, tree.left(), tree.right());
                let text: String = row.iter().map(|(symbol, _)| symbol.as_str()).collect();
                // Every grapheme ends inside the pane: nothing spills past its edge.
                let end = row.last().map_or(tree.left(), |&(_, end)| end);
                assert_eq!(end, tree.right(), "{size:?}, row {y}: {text:?}");
                // An emoji sequence is drawn whole or not at all.
                for (symbol, _) in &row {
                    assert!(
                        !symbol.starts_with('\u{200d}') && !symbol.starts_with('\u{fe0f}'),
                        "{size:?}: a sequence was split in {text:?}"
                    );
                }
                assert_eq!(
                    text.matches('\u{1f468}').count(),
                    text.matches(FAMILY).count(),
                    "{size:?}: a family emoji was cut in {text:?}"
                );
                if text.trim_end().ends_with(']') {
                    with_counts += 1;
                    let (last, end) = row.last().unwrap();
                    assert_eq!(
                        (last.as_str(), *end),
                        ("]", tree.right()),
                        "{size:?}: {text:?}"
                    );
                }
            }
            // The top, the family head, the café manager, the long post and the accents
            // post have reports.
            assert_eq!(with_counts, 5, "{size:?}");
        }
    }
}
