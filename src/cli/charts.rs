//! The options that say how charts are opened and which configuration is read, shared by
//! the commands.

use std::path::PathBuf;

use clap::Args;

use super::HrArgs;

/// Which configuration file to read.
// The doc comments are the --help text, where backticks would show.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of the usual one
    /// ($XDG_CONFIG_HOME/orgtree/config.toml, or ~/.config/orgtree/config.toml)
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file: every setting at its default
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, Args)]
pub struct LoadArgs {
    /// Load what can be loaded: unknown managers and loops become top posts, other errors
    /// become warnings saying how the post was read
    #[arg(long, global = true)]
    pub lenient: bool,
}

/// How the chart of a command is opened, besides `--lenient`.
#[derive(Debug, Clone, Default, Args)]
pub struct ChartArgs {
    /// The junior file of an organogram senior CSV, when it is not the one beside it (named
    /// as the senior file is, with "junior" for "senior")
    #[arg(long, value_name = "FILE", conflicts_with = "no_junior")]
    pub junior: Option<PathBuf>,
    /// Read an organogram senior CSV (or senior sheet) without its junior file (or sheet)
    #[arg(long)]
    pub no_junior: bool,
    /// The date the chart describes (YYYY-MM-DD), over the one its file or its file's name
    /// gives
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    pub as_of: Option<String>,
    /// The sheet of a spreadsheet to read, by its name (default: the organogram template's
    /// senior sheet, or the first sheet)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub hr: HrArgs,
}

impl ChartArgs {
    /// These, with what `outer` (given before the command) says where these say nothing.
    #[must_use]
    pub fn or(self, outer: &Self) -> Self {
        Self {
            junior: self.junior.or_else(|| outer.junior.clone()),
            no_junior: self.no_junior || outer.no_junior,
            as_of: self.as_of.or_else(|| outer.as_of.clone()),
            hr: self.hr.or(&outer.hr),
            sheet: self.sheet.or_else(|| outer.sheet.clone()),
        }
    }
}

/// How the two charts of `diff` and `compare` are opened, besides `--lenient`.
#[derive(Debug, Clone, Default, Args)]
pub struct PairArgs {
    /// The junior file of BEFORE, an organogram senior CSV, when it is not the one beside it
    #[arg(long, value_name = "FILE", conflicts_with = "no_junior")]
    pub before_junior: Option<PathBuf>,
    /// The junior file of AFTER, when it is not the one beside it
    #[arg(long, value_name = "FILE", conflicts_with = "no_junior")]
    pub after_junior: Option<PathBuf>,
    /// Read organogram senior CSV files without their junior files
    #[arg(long)]
    pub no_junior: bool,
    /// The date BEFORE describes (YYYY-MM-DD), over the one its file or its file's name gives
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    pub before_as_of: Option<String>,
    /// The date AFTER describes (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    pub after_as_of: Option<String>,
    /// The sheet of BEFORE to read, when it is a spreadsheet
    #[arg(long, value_name = "NAME")]
    pub before_sheet: Option<String>,
    /// The sheet of AFTER to read, when it is a spreadsheet
    #[arg(long, value_name = "NAME")]
    pub after_sheet: Option<String>,
    /// Which columns of HR exports hold what (both charts)
    #[command(flatten)]
    pub hr: HrArgs,
}

impl PairArgs {
    /// The first option given that names one side of a pair (`--before-junior`...), which a
    /// series of three or more charts has no use for.
    #[must_use]
    pub fn one_side(&self) -> Option<&'static str> {
        [
            (self.before_junior.is_some(), "--before-junior"),
            (self.after_junior.is_some(), "--after-junior"),
            (self.before_as_of.is_some(), "--before-as-of"),
            (self.after_as_of.is_some(), "--after-as-of"),
            (self.before_sheet.is_some(), "--before-sheet"),
            (self.after_sheet.is_some(), "--after-sheet"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }

    /// How BEFORE, then AFTER, are opened.
    #[must_use]
    pub fn sides(&self) -> (ChartArgs, ChartArgs) {
        let side =
            |junior: &Option<PathBuf>, as_of: &Option<String>, sheet: &Option<String>| ChartArgs {
                junior: junior.clone(),
                no_junior: self.no_junior,
                as_of: as_of.clone(),
                sheet: sheet.clone(),
                hr: self.hr.clone(),
            };
        (
            side(&self.before_junior, &self.before_as_of, &self.before_sheet),
            side(&self.after_junior, &self.after_as_of, &self.after_sheet),
        )
    }
}

pub(super) fn iso_date(text: &str) -> Result<String, String> {
    if orgtree::read::name_date::is_iso_date(text) {
        Ok(text.to_owned())
    } else {
        Err("a date is written YYYY-MM-DD, as 2013-09-30".into())
    }
}
