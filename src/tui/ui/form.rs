//! The forms and questions of a what-if, drawn in a box over the screen, and the impact
//! line (worked out in `tui::impact`).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centred;
use crate::text::{Escaped, fit, width};
use crate::tui::app::App;
use crate::tui::form::{Choice, Form};
use crate::tui::impact;

/// The impact line (or two), under the title bar.
pub fn impact(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.options.theme;
    let Some(whatif) = &app.whatif else {
        return;
    };
    let room = usize::from(area.width).saturating_sub(1);
    let lines = impact::lines(whatif, room, theme.glyphs.separator);
    for (row, text) in lines.iter().take(usize::from(area.height)).enumerate() {
        let text = fit(text, room, theme.glyphs.ellipsis);
        let line = Line::from(Span::styled(format!(" {text}"), theme.heading()));
        let y = area.y + u16::try_from(row).unwrap_or(0);
        frame.buffer_mut().set_line(area.x, y, &line, area.width);
    }
}

/// A form: its fields, one a row, the cursor in the one being typed, and what went wrong.
pub fn form(frame: &mut Frame, app: &App, form: &Form, area: Rect) {
    let theme = app.options.theme;
    let label_width = form
        .fields
        .iter()
        .map(|f| width(f.label))
        .max()
        .unwrap_or(0);
    // The note under the fields (what went wrong, or what the field is for), wrapped to the
    // box: a refusal is read whole.
    let (note_text, note_style) = match (&form.error, form.fields.get(form.focus)) {
        (Some(error), _) => (Escaped(error).to_string(), theme.message()),
        (None, Some(field)) => (field.hint.to_owned(), ratatui::style::Style::new()),
        (None, None) => (String::new(), ratatui::style::Style::new()),
    };
    let box_width = 72_u16
        .min(area.width.saturating_sub(4))
        .max(area.width.min(4));
    let note_room = usize::from(box_width.saturating_sub(4)).max(1);
    let note: Vec<String> = textwrap::wrap(&note_text, note_room)
        .into_iter()
        .map(|line| format!(" {line}"))
        .collect();
    let height = u16::try_from(form.fields.len() + note.len()).unwrap_or(1) + 3;
    let area = centred(area, 72, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(super::overlay::border(app))
        .title(format!(
            " {} ",
            fit(
                &form.title,
                usize::from(area.width).saturating_sub(4),
                theme.glyphs.ellipsis
            )
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = usize::from(inner.width).saturating_sub(label_width + 3);
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        let scroll = field.input.visual_scroll(room.max(1));
        let shown: String = Escaped(field.value()).to_string();
        let visible = skip_columns(&shown, scroll);
        let visible = fit(&visible, room, "");
        let style = if i == form.focus {
            theme.selected()
        } else {
            theme.bar()
        };
        let line = Line::from(vec![
            Span::styled(format!(" {:>label_width$} ", field.label), theme.key()),
            Span::styled(crate::text::pad(&visible, room), style),
        ]);
        frame.buffer_mut().set_line(inner.x, y, &line, inner.width);
        if i == form.focus {
            let at = field.input.visual_cursor().saturating_sub(scroll).min(room);
            let x = inner.x + u16::try_from(label_width + 2 + at).unwrap_or(0);
            cursor = Some(Position::new(x.min(inner.right().saturating_sub(1)), y));
        }
    }
    let below = inner.y + u16::try_from(form.fields.len()).unwrap_or(0) + 1;
    for (row, text) in note.into_iter().enumerate() {
        let y = below + u16::try_from(row).unwrap_or(0);
        if y < inner.bottom() {
            let line = Line::from(Span::styled(text, note_style));
            frame.buffer_mut().set_line(inner.x, y, &line, inner.width);
        }
    }
    if let Some(cursor) = cursor {
        frame.set_cursor_position(cursor);
    }
}

/// `text` without its first `columns` columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut skipped = 0;
    text.chars()
        .skip_while(|c| {
            let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            if skipped + w <= columns && skipped < columns {
                skipped += w;
                true
            } else {
                false
            }
        })
        .collect()
}

/// A question and its answers, each with its letter; Esc cancels.
pub fn choice(frame: &mut Frame, app: &App, choice: &Choice, area: Rect) {
    let theme = app.options.theme;
    let box_width = 64_u16;
    let room = usize::from(
        box_width
            .min(area.width.saturating_sub(4))
            .saturating_sub(4),
    )
    .max(1);
    // A question may have lines of its own (a list): each is made safe and wrapped alone.
    let mut lines: Vec<Line> = choice
        .question
        .split('\n')
        .flat_map(|part| {
            let part = Escaped(part).to_string();
            textwrap::wrap(&part, room)
                .into_iter()
                .map(|line| Line::from(format!(" {line}")))
                .collect::<Vec<_>>()
        })
        .collect();
    let text_rows = u16::try_from(lines.len()).unwrap_or(1);
    lines.push(Line::default());
    for (key, answer) in &choice.answers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}"), theme.key()),
            Span::raw(format!("  {answer}")),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("  Esc", theme.key()),
        Span::raw(format!("  {}", choice.escape)),
    ]));
    let height = text_rows + u16::try_from(choice.answers.len()).unwrap_or(0) + 4;
    let area = centred(area, box_width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(super::overlay::border(app))
        .title(" What-if ");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
