//! The configuration file as the commands use it: read once, its problems said on stderr
//! (and on the screen), its settings joined with the command line's.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use orgtree::tui;
use orgtree::tui::config::{Config, Source};

use super::{Display, PROBLEMS, note, with_stdout};
use crate::cli::ConfigArgs;

/// The configuration the command line asks for. A file named with --config that cannot be
/// read is an error; a problem inside a file is not (it is said, and the setting ignored).
pub fn load(args: &ConfigArgs) -> Result<Config> {
    let source = match (&args.config, args.no_config) {
        (Some(path), _) => Source::File(path.clone()),
        (None, true) => Source::Nothing,
        (None, false) => Source::Usual,
    };
    tui::config::load(&source).map_err(|message| anyhow!(message))
}

/// Says the configuration's problems on stderr, one line each.
pub fn warn(config: &Config) {
    for warning in config.warnings() {
        note(format_args!("orgtree: {warning}"));
    }
}

/// How the screen draws: the command line's flags, or the configuration's defaults.
pub fn display(config: &Config, ascii: bool, mouse: bool) -> Display {
    Display {
        ascii: ascii || config.ascii,
        mouse: mouse || config.mouse,
    }
}

/// The screen's options: what the command gives, with the configuration's theme, keys and
/// read-only browsing. The configuration's problems join `notice`, so that the help lists
/// them with the other messages.
pub fn options(
    config: &Config,
    screen: Display,
    source: String,
    notice: Option<String>,
    file: Option<PathBuf>,
    journals: Result<PathBuf, String>,
) -> tui::app::Options {
    tui::app::Options {
        source,
        notice: with_config_problems(notice, config),
        theme: tui::theme::Theme::from_env(screen.ascii, config.theme.palette()),
        mouse: screen.mouse,
        file,
        journals,
        keymap: config.keymap.clone(),
        read_only: config.read_only,
    }
}

/// The status bar's notice, with a line on the configuration's problems first when it has
/// any, and each problem after the notice's own lines.
fn with_config_problems(notice: Option<String>, config: &Config) -> Option<String> {
    let warnings = config.warnings();
    if warnings.is_empty() {
        return notice;
    }
    let count = warnings.len();
    let headline = format!(
        "{count} setting{} of the configuration ignored: {} lists {}",
        orgtree::report::plural(count),
        help_key(config),
        if count == 1 { "it" } else { "them" }
    );
    let mut lines: Vec<String> = match notice {
        // The notice's own message stays first; the configuration's is among the messages.
        Some(notice) => notice.lines().map(str::to_owned).collect(),
        None => vec![headline.clone()],
    };
    if lines.first() != Some(&headline) {
        lines.push(headline);
    }
    lines.extend(warnings);
    Some(lines.join("\n"))
}

/// The key that opens the help, for the notices that send the user there.
pub fn help_key(config: &Config) -> String {
    use orgtree::tui::{action::Action, keys::Mode};
    config
        .keymap
        .key_for(Mode::Browse, Action::Help, config.ascii)
        .unwrap_or_else(|| "the help".into())
}

/// `orgtree config`: the configuration in force, or with `--path` where it is read from.
pub fn command(args: &ConfigArgs, path_only: bool) -> Result<ExitCode> {
    let config = load(args)?;
    warn(&config);
    let code = if path_only {
        let Some(path) = &config.path else {
            return Err(anyhow!(
                "no configuration file: --no-config was given, or neither XDG_CONFIG_HOME nor HOME is set"
            ));
        };
        with_stdout(|out| writeln!(out, "{}", path.display()))?
    } else {
        with_stdout(|out| tui::config::write(out, &config))?
    };
    if config.problems.is_empty() {
        Ok(code)
    } else {
        Ok(ExitCode::from(PROBLEMS))
    }
}
