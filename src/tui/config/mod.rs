//! The configuration file, `$XDG_CONFIG_HOME/orgtree/config.toml` (or
//! `~/.config/orgtree/config.toml`): defaults for the command line (`ascii`, `mouse`), the
//! colours (`theme`), whether browsing may start a what-if (`read-only`) and the keys of
//! each screen (`[keys.browse]` and the like).
//!
//! A problem in the file is reported with its line and that setting ignored, never fatal:
//! a typo in a key binding must not stop anyone reading a chart.

use std::fmt;
use std::path::{Path, PathBuf};

use super::keys::Keymap;
use super::theme::Palette;

mod keys;
mod print;
mod read;

pub use print::write;

/// The colours asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    Dark,
    Light,
    /// No colour, as `NO_COLOR` does.
    Plain,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Dark, ThemeChoice::Light, ThemeChoice::Plain];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Dark => "dark",
            ThemeChoice::Light => "light",
            ThemeChoice::Plain => "plain",
        }
    }

    /// The palette, or `None` for no colour.
    #[must_use]
    pub fn palette(self) -> Option<Palette> {
        match self {
            ThemeChoice::Dark => Some(Palette::Dark),
            ThemeChoice::Light => Some(Palette::Light),
            ThemeChoice::Plain => None,
        }
    }
}

/// A setting of the file that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the problem is the file's as a whole (it cannot be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The configuration in force.
// The flags are independent settings of the file, each its own line there.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
pub struct Config {
    /// The file read, or the one that would be read; `None` when no place is known (no
    /// `XDG_CONFIG_HOME`, no `HOME`) or `--no-config` was given.
    pub path: Option<PathBuf>,
    /// Whether the file exists and was read.
    pub found: bool,
    pub ascii: bool,
    pub mouse: bool,
    pub theme: ThemeChoice,
    pub read_only: bool,
    pub keymap: Keymap,
    /// The settings ignored, each with its line.
    pub problems: Vec<Problem>,
    /// Keys that a remapping took from another action, said by `orgtree config`.
    pub notes: Vec<String>,
}

impl Config {
    /// The defaults: what orgtree does with no configuration file.
    #[must_use]
    pub fn defaults(path: Option<PathBuf>) -> Self {
        Self {
            path,
            found: false,
            ascii: false,
            mouse: false,
            theme: ThemeChoice::default(),
            read_only: false,
            keymap: Keymap::default(),
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The configuration in `text`, the contents of the file at `path`.
    #[must_use]
    pub fn parse(text: &str, path: Option<PathBuf>) -> Self {
        let mut config = Self::defaults(path);
        config.found = true;
        read::read(text, &mut config);
        config
    }

    /// The problems, one line each, as `FILE:LINE:COL: warning: MESSAGE; ignored`.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let file = self.path.as_deref().map_or_else(
            || "configuration".to_owned(),
            |path| path.display().to_string(),
        );
        self.problems
            .iter()
            .map(|problem| crate::text::Escaped(&format!("{file}{problem}")).to_string())
            .collect()
    }
}

impl fmt::Display for Problem {
    /// `:LINE:COL: warning: MESSAGE`, to follow the file's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": warning: {}", self.message)
    }
}

/// Which configuration to read.
#[derive(Clone, Debug)]
pub enum Source {
    /// The file in the usual place, when there is one.
    Usual,
    /// This file, which must exist.
    File(PathBuf),
    /// None: the defaults.
    Nothing,
}

/// The usual place of the configuration file: `$XDG_CONFIG_HOME/orgtree/config.toml` when
/// that is set to an absolute path (as the XDG specification says), else
/// `$HOME/.config/orgtree/config.toml`.
#[must_use]
pub fn usual_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| Path::new(&home).join(".config"))
        })?;
    Some(base.join("orgtree").join("config.toml"))
}

/// The configuration `source` gives. A file named on the command line that cannot be read
/// is an error (it was asked for); the usual file that is absent gives the defaults, and one
/// that cannot be read gives the defaults with a problem saying why.
pub fn load(source: &Source) -> Result<Config, String> {
    let (path, required) = match source {
        Source::Nothing => return Ok(Config::defaults(None)),
        Source::File(path) => (path.clone(), true),
        Source::Usual => match usual_path() {
            Some(path) => (path, false),
            None => return Ok(Config::defaults(None)),
        },
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            if let Ok(text) = String::from_utf8(bytes) {
                return Ok(Config::parse(&text, Some(path)));
            }
            let mut config = Config::defaults(Some(path));
            config.found = true;
            config.problems.push(Problem {
                line: 0,
                column: 0,
                message: "the file is not UTF-8 text; it is ignored".into(),
            });
            Ok(config)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok(Config::defaults(Some(path)))
        }
        Err(error) if required => Err(format!(
            "cannot read the configuration file '{}': {error}",
            path.display()
        )),
        Err(error) => {
            let mut config = Config::defaults(Some(path));
            config.problems.push(Problem {
                line: 0,
                column: 0,
                message: format!("cannot read it ({error}); it is ignored"),
            });
            Ok(config)
        }
    }
}

#[cfg(test)]
mod tests;
