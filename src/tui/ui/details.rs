//! The details of the selected post: its fields, its place, its team, its dotted lines and
//! staff groups. Beside the tree on wide terminals, in place of it on demand.

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use serde_json::Value;

use crate::compare::What;
use crate::org::fields::{Field, FieldValue};
use crate::org::{Holder, NodeIndex, Post};
use crate::report::diff::{Diff, field_values_in_full};
use crate::report::tree::{holder, title};
use crate::report::{cost_text, figure as number, plural, thousands_of};
use crate::text::{Escaped, escape};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Lists longer than this are cut, saying how many more there are: beside the tree, and
/// in the full-screen details (where a real organogram post's 89 staff groups show whole).
const LIST_MAX: usize = 40;
const FULL_LIST_MAX: usize = 5_000;
/// Width of the label column.
const LABEL: usize = 9;

/// The details pane beside the tree, with a divider on its left.
pub fn beside(frame: &mut Frame, app: &App, area: Rect) {
    let divider = app.options.theme.glyphs.divider;
    for y in area.top()..area.bottom() {
        frame
            .buffer_mut()
            .set_string(area.x, y, divider, app.options.theme.guide());
    }
    let inner = Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(3),
        ..area
    };
    let lines = lines(app, usize::from(inner.width), LIST_MAX);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The details in place of the tree, scrolled.
/// Draws the details in place of the tree, scrolled `scroll` rows (or as far as they go);
/// gives how far they can scroll in `area`, for the next key.
pub fn full(frame: &mut Frame, app: &App, area: Rect, scroll: u16) -> u16 {
    let inner = full_inner(area);
    let lines = lines(app, usize::from(inner.width), FULL_LIST_MAX);
    let total = lines.len();
    let most = u16::try_from(total.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX);
    let scroll = scroll.min(most);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    let first = usize::from(scroll);
    let mut last = (first + usize::from(area.height)).min(total);
    // As less does: the last row says that more follows, and how to get to it (and so
    // shows one line less).
    let more = last < total && area.height > 1;
    if more {
        last -= 1;
    }
    app.drawn.details_lines.set((first + 1, last, total));
    if more {
        let theme = app.options.theme;
        let arrow = if theme.ascii { "v" } else { "↓" };
        // The keys that get there: the details' own when they fill the screen, else the
        // one that opens them full screen.
        let how = if app.mode() == Mode::Details {
            let key = |action| app.key(Mode::Details, action);
            format!(
                "{}, {} or {}",
                key(Action::Down),
                key(Action::PageDown),
                key(Action::Bottom)
            )
        } else {
            format!("{} shows them", app.key(app.mode(), Action::Details))
        };
        let text = format!(
            " {arrow} {} more line{} below: {how} ",
            thousands_of(total - last),
            plural(total - last)
        );
        let row = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..inner
        };
        frame.render_widget(ratatui::widgets::Clear, row);
        frame.render_widget(Paragraph::new(Span::styled(text, theme.counts())), row);
    }
    most
}

fn full_inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// The details of the selected post as lines `width` columns wide.
#[must_use]
pub fn lines(app: &App, width: usize, list_max: usize) -> Vec<Line<'static>> {
    let Some(node) = app.selected_post() else {
        return vec![Line::from("no post selected")];
    };
    let mut doc = Doc {
        theme: app.options.theme,
        width: width.max(LABEL + 4),
        lines: Vec::new(),
        list_max,
    };
    doc.heading(&title(app.org.post(node)).to_string());
    if changes(&mut doc, app, node) {
        doc.lines.push(Line::default());
    }
    fields(&mut doc, app.org.post(node));
    place(&mut doc, app, node);
    team(&mut doc, app, node);
    dotted(&mut doc, app, node);
    staff(&mut doc, app.org.post(node));
    doc.lines
}

struct Doc {
    theme: Theme,
    width: usize,
    lines: Vec<Line<'static>>,
    /// How many items of a list are shown before "… N more".
    list_max: usize,
}

impl Doc {
    fn heading(&mut self, text: &str) {
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        for piece in textwrap::wrap(text, self.width) {
            self.lines.push(Line::from(Span::styled(
                piece.into_owned(),
                self.theme.heading(),
            )));
        }
    }

    /// `label` in its column, then `value` wrapped beside it.
    fn field(&mut self, label: &str, value: &str, style: Style) {
        let room = self.width - LABEL - 1;
        let value = escape(value);
        let label = escape(label);
        // A label too long for its column (a field unknown to orgtree) gets a line of its own.
        let long = crate::text::width(&label) > LABEL;
        if long {
            self.lines.push(Line::from(Span::styled(
                label.to_string(),
                self.theme.label(),
            )));
        }
        for (i, piece) in textwrap::wrap(&value, room).into_iter().enumerate() {
            let label = if i == 0 && !long { &label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", crate::text::pad(label, LABEL)),
                    self.theme.label(),
                ),
                Span::styled(piece.into_owned(), style),
            ]));
        }
    }

    /// A line of a list, wrapped with a hanging indent.
    fn item(&mut self, text: &str) {
        let options = textwrap::Options::new(self.width)
            .initial_indent("  ")
            .subsequent_indent("    ");
        for piece in textwrap::wrap(text, options) {
            self.lines.push(Line::from(piece.into_owned()));
        }
    }

    fn more(&mut self, shown: usize, total: usize) {
        if total > shown {
            self.item(&format!(
                "{} {} more",
                self.theme.glyphs.ellipsis,
                thousands_of(total - shown)
            ));
        }
    }
}

/// The fields the details show, in order; staff groups and dotted lines have sections of
/// their own.
const SHOWN: [Field; 8] = [
    Field::Holder,
    Field::Id,
    Field::Grade,
    Field::Unit,
    Field::Fte,
    Field::Cost,
    Field::Note,
    Field::Tags,
];

fn fields(doc: &mut Doc, post: &Post) {
    for field in SHOWN {
        let label = field.spec().label;
        match (field, field.get(post)) {
            (Field::Holder, _) => {
                let style = match post.holder {
                    Holder::Vacant => doc.theme.vacant(),
                    Holder::Undisclosed => doc.theme.undisclosed(),
                    Holder::Named(_) => doc.theme.holder(),
                };
                doc.field(label, &holder(post).to_string(), style);
            }
            // The FTE a post counts, 1 when the file gives none.
            (Field::Fte, _) => doc.field(label, &number(post.fte_or_default()), Style::new()),
            (_, Some(FieldValue::Text(text))) => doc.field(label, text, Style::new()),
            (_, Some(FieldValue::Amount(amount))) => {
                doc.field(label, &number(amount), Style::new());
            }
            (_, Some(FieldValue::Cost(cost))) => doc.field(label, &cost_text(cost), Style::new()),
            (_, Some(FieldValue::Tags(tags))) => {
                let tags: Vec<&str> = tags
                    .iter()
                    .map(compact_str::CompactString::as_str)
                    .collect();
                doc.field(label, &tags.join(", "), Style::new());
            }
            (
                _,
                Some(FieldValue::Staff(_) | FieldValue::Dotted(_) | FieldValue::Undisclosed) | None,
            ) => {}
        }
    }
    for (key, value) in &post.extra {
        doc.field(key, &shown_value(value), Style::new());
    }
}

/// On the compare screen, every change of the post, old and new; whether there were any.
fn changes(doc: &mut Doc, app: &App, node: NodeIndex) -> bool {
    let Some(compare) = &app.compare else {
        return false;
    };
    let diff = compare.diff(&app.org);
    let before = &compare.before;
    let list = compare.changes_of(node);
    for change in list {
        let detail = diff.detail(change);
        let detail = detail.trim_start_matches([':', ',', ' ']);
        match &change.what {
            What::Added => doc.field("+ added", "not in the before chart", Style::new()),
            What::Removed => doc.field(
                "- removed",
                &format!("not in the after chart; {detail}"),
                Style::new(),
            ),
            What::Moved { from, to } => {
                let was = from.map_or_else(
                    || "none: a top post".to_owned(),
                    |m| Diff::named(before.post(m)),
                );
                let now = to.map_or_else(
                    || "none: a top post".to_owned(),
                    |m| Diff::named(app.org.post(m)),
                );
                doc.field("> moved", &format!("was under {was}"), Style::new());
                doc.field("", &format!("now under {now}"), Style::new());
            }
            What::Retitled => {
                let old = change.before.map(|b| before.post(b));
                let was = old.map(|p| title(p).to_string()).unwrap_or_default();
                doc.field("~ title", &format!("was {was}"), Style::new());
            }
            What::Holder => doc.field("~ holder", detail, Style::new()),
            What::Vacancy => doc.field("~ vacancy", detail, Style::new()),
            What::Fields(fields) => {
                for field in fields {
                    doc.field(
                        &format!("~ {}", field.field),
                        &field_values_in_full(field),
                        Style::new(),
                    );
                }
            }
            What::Dotted { .. } => doc.field("~ dotted", detail, Style::new()),
        }
    }
    let inferred = !compare.is_ghost(node) && compare.comparison.matching.is_inferred(node);
    if let (true, Some(b)) = (inferred, compare.before_post(node)) {
        doc.field(
            "matched",
            &format!(
                "by content: its id was {}",
                compare.before.post(b).id().as_str()
            ),
            Style::new(),
        );
    }
    !list.is_empty() || inferred
}

fn place(doc: &mut Doc, app: &App, node: NodeIndex) {
    let org = &app.org;
    doc.heading("Place");
    let chain: Vec<NodeIndex> = org.chain_to_top(node).collect();
    doc.field("layer", &thousands_of(chain.len() + 1), Style::new());
    match chain.first() {
        Some(&manager) => doc.field("manager", &named(app, manager), Style::new()),
        None => doc.field("manager", "none: a top post", Style::new()),
    }
    if chain.len() > 1 {
        doc.field("above", "", Style::new());
        for &up in chain.iter().skip(1).take(doc.list_max) {
            doc.item(&named(app, up));
        }
        doc.more(doc.list_max, chain.len() - 1);
    }
}

fn team(doc: &mut Doc, app: &App, node: NodeIndex) {
    let reports = app.reports(node);
    if reports.is_empty() {
        return;
    }
    let rollup = app.index.totals();
    doc.heading("Team");
    doc.field(
        "span",
        &format!(
            "{} direct report{}",
            thousands_of(reports.len()),
            plural(reports.len())
        ),
        Style::new(),
    );
    let posts = rollup.team_posts(node);
    doc.field(
        "posts",
        &format!("{} in the team below", thousands_of(posts)),
        Style::new(),
    );
    doc.field(
        "FTE",
        &format!("{} with the team", number(rollup.headcount_fte(node))),
        Style::new(),
    );
    if let Some(cost) = rollup.cost(node) {
        doc.field(
            "cost",
            &format!("{} with the team", cost_text(cost)),
            Style::new(),
        );
    }
    doc.heading(&format!("Direct reports ({})", thousands_of(reports.len())));
    for &report in reports.iter().take(doc.list_max) {
        let below = rollup.team_posts(report);
        let size = if below > 0 {
            let direct = app.reports(report).len();
            format!(" [{}/{}]", thousands_of(direct), thousands_of(below))
        } else {
            String::new()
        };
        doc.item(&format!("{}{size}", named(app, report)));
    }
    doc.more(doc.list_max, reports.len());
}

fn dotted(doc: &mut Doc, app: &App, node: NodeIndex) {
    let ends = app.dotted_ends(node);
    if ends.is_empty() {
        return;
    }
    let glyphs = doc.theme.glyphs;
    doc.heading(&format!(
        "Dotted lines ({}); {} follows",
        thousands_of(ends.len()),
        app.key(Mode::Details, Action::FollowDotted)
    ));
    for end in ends.iter().take(doc.list_max) {
        let arrow = if end.incoming {
            glyphs.dotted_in
        } else {
            glyphs.dotted
        };
        let label = end
            .label
            .as_deref()
            .map(|l| format!("{}: ", Escaped(l)))
            .unwrap_or_default();
        let direction = if end.incoming { "from " } else { "to " };
        doc.item(&format!(
            "{arrow} {label}{direction}{}",
            named(app, end.post)
        ));
    }
    doc.more(doc.list_max, ends.len());
}

fn staff(doc: &mut Doc, post: &Post) {
    if post.staff.is_empty() {
        return;
    }
    doc.heading(&format!(
        "Staff groups ({})",
        thousands_of(post.staff.len())
    ));
    for group in post.staff.iter().take(doc.list_max) {
        let mut text = Escaped(group.title.as_deref().unwrap_or("(untitled group)")).to_string();
        if let Some(grade) = &group.grade {
            let _ = write!(text, ", {}", Escaped(grade));
        }
        let _ = write!(text, ", {} FTE", number(group.fte_or_default()));
        if let Some(cost) = group.cost {
            let _ = write!(text, ", cost {}", cost_text(cost));
        }
        doc.item(&text);
    }
    doc.more(doc.list_max, post.staff.len());
}

/// A post as `Title (Holder)`.
fn named(app: &App, node: NodeIndex) -> String {
    let post = app.org.post(node);
    format!("{} ({})", title(post), holder(post))
}

/// A value from the file as text: strings as they are, anything else as compact JSON.
fn shown_value(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
