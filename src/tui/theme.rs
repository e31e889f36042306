//! How things look: colours, and the glyphs for guides and markers, with the variants for
//! terminals without colour (`NO_COLOR`) or without Unicode (`--ascii`, a non-UTF-8 locale).
//! Every distinction colour makes is also made by a glyph, a word or a text attribute.

use ratatui::style::{Color, Modifier, Style};

/// Glyphs for the tree and its markers.
#[derive(Debug)]
pub struct Glyphs {
    pub open: &'static str,
    pub closed: &'static str,
    pub leaf: &'static str,
    pub branch: &'static str,
    pub last: &'static str,
    pub through: &'static str,
    pub blank: &'static str,
    /// After the title of a post with dotted lines.
    pub dotted: &'static str,
    pub dotted_in: &'static str,
    /// Where text was cut short.
    pub ellipsis: &'static str,
    /// Between the steps of a breadcrumb.
    pub step: &'static str,
    /// Between the panes.
    pub divider: &'static str,
    /// Between the items of the title bar.
    pub separator: &'static str,
    /// Before a folded post on the compare screen whose team holds changes.
    pub changes_below: &'static str,
    /// Before the new manager of a moved post, at its old place; and before its old manager.
    pub moved_to: &'static str,
    pub moved_from: &'static str,
}

pub const UNICODE: Glyphs = Glyphs {
    open: "▾",
    closed: "▸",
    leaf: "─",
    branch: "├─",
    last: "└─",
    through: "│ ",
    blank: "  ",
    dotted: "⇢",
    dotted_in: "⇠",
    ellipsis: "…",
    step: " › ",
    divider: "│",
    separator: " · ",
    changes_below: "•",
    moved_to: "→",
    moved_from: "←",
};

/// Each ASCII mark means one thing: `v` unfolded (not `-`, the removed sign), `.>` a dotted
/// line (not `~`, the changed sign), `...` text cut short.
pub const ASCII: Glyphs = Glyphs {
    open: "v",
    closed: "+",
    leaf: "-",
    branch: "|-",
    last: "`-",
    through: "| ",
    blank: "  ",
    dotted: ".>",
    dotted_in: "<.",
    ellipsis: "...",
    step: " > ",
    divider: "|",
    separator: " | ",
    changes_below: "*",
    moved_to: "->",
    moved_from: "<-",
};

/// The colours: for a terminal with a dark background, or a light one. Without colour
/// (`NO_COLOR`, or `theme = "plain"` in the configuration) neither is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Palette {
    #[default]
    Dark,
    Light,
}

/// Colours of the light palette that the sixteen standard colours lack in a shade dark
/// enough to read on white: from the 256-colour table, which terminals of today all have.
const DARK_ORANGE: Color = Color::Indexed(130);
const TEAL: Color = Color::Indexed(30);
const DARK_GREEN: Color = Color::Indexed(28);

/// Glyphs and styles for one run of the program.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub glyphs: &'static Glyphs,
    pub colour: bool,
    pub ascii: bool,
    pub palette: Palette,
}

impl Theme {
    #[must_use]
    pub fn new(colour: bool, ascii: bool) -> Self {
        Self {
            glyphs: if ascii { &ASCII } else { &UNICODE },
            colour,
            ascii,
            palette: Palette::Dark,
        }
    }

    /// The theme the environment asks for: no colour when `NO_COLOR` is set and not empty
    /// (whatever `palette` is), ASCII when the locale is not UTF-8.
    #[must_use]
    pub fn from_env(ascii: bool, palette: Option<Palette>) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let colour = !no_colour && palette.is_some();
        Self {
            palette: palette.unwrap_or_default(),
            ..Self::new(colour, ascii || !crate::text::locale_is_utf8())
        }
    }

    /// The colour for a dark background, or the one for a light background.
    fn pick(self, dark: Color, light: Color) -> Color {
        match self.palette {
            Palette::Dark => dark,
            Palette::Light => light,
        }
    }

    fn paint(self, colour: Color) -> Style {
        self.paint_as(colour, colour)
    }

    fn paint_as(self, dark: Color, light: Color) -> Style {
        if self.colour {
            Style::new().fg(self.pick(dark, light))
        } else {
            Style::new()
        }
    }

    /// The title bar and the status bar.
    #[must_use]
    pub fn bar(self) -> Style {
        if self.colour {
            Style::new()
                .bg(self.pick(Color::DarkGray, Color::Gray))
                .fg(self.pick(Color::White, Color::Black))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected row.
    #[must_use]
    pub fn selected(self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    #[must_use]
    pub fn guide(self) -> Style {
        self.paint(Color::DarkGray)
    }

    #[must_use]
    pub fn holder(self) -> Style {
        self.paint_as(Color::Cyan, Color::Blue)
    }

    /// The word `vacant`, which says it without colour too.
    #[must_use]
    pub fn vacant(self) -> Style {
        self.paint_as(Color::Yellow, DARK_ORANGE)
            .add_modifier(Modifier::ITALIC)
    }

    /// The words `not disclosed`, in place of a holder's name: held, but by no one named.
    #[must_use]
    pub fn undisclosed(self) -> Style {
        self.paint_as(Color::Cyan, TEAL)
            .add_modifier(Modifier::ITALIC)
    }

    #[must_use]
    pub fn dotted(self) -> Style {
        self.paint(Color::Magenta)
    }

    #[must_use]
    pub fn counts(self) -> Style {
        self.paint(Color::DarkGray)
    }

    /// A title that matches the search: underlined, so that it shows without colour.
    #[must_use]
    pub fn matched(self) -> Style {
        self.paint_as(Color::LightYellow, Color::Magenta)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    #[must_use]
    pub fn heading(self) -> Style {
        self.paint_as(Color::LightBlue, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn label(self) -> Style {
        self.paint(Color::DarkGray)
    }

    /// A message in the status bar.
    #[must_use]
    pub fn message(self) -> Style {
        self.bar().add_modifier(Modifier::BOLD)
    }

    /// The sign of an added post: `+` says it without colour.
    #[must_use]
    pub fn added(self) -> Style {
        self.paint_as(Color::Green, DARK_GREEN)
            .add_modifier(Modifier::BOLD)
    }

    /// A removed post, shown where it used to be: `-` and struck through.
    #[must_use]
    pub fn removed(self) -> Style {
        self.paint(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    /// The sign of a post moved in from another manager: `>`.
    #[must_use]
    pub fn moved(self) -> Style {
        self.paint_as(Color::LightBlue, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    /// The sign of a changed post: `~`.
    #[must_use]
    pub fn changed(self) -> Style {
        self.paint_as(Color::Yellow, DARK_ORANGE)
            .add_modifier(Modifier::BOLD)
    }

    /// Keys in the hints and the help.
    #[must_use]
    pub fn key(self) -> Style {
        self.paint_as(Color::LightYellow, Color::Magenta)
            .add_modifier(Modifier::BOLD)
    }
}
