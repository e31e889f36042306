//! The commands that open the screen: browsing a chart (or the demo), the what-if of
//! `orgtree edit`, and the compare screen; each prints text instead when standard output
//! is not a terminal.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use orgtree::compare::{self, MatchBy};
use orgtree::org::Org;
use orgtree::read::{OpenOptions, Opened};
use orgtree::report::{diff, plural, tree};
use orgtree::text::locale_is_utf8;
use orgtree::{demo, tui};

use super::opening::open_with_warnings;
use super::{note, settings, shown, with_stdout};

/// How `orgtree [FILE]` draws.
#[derive(Clone, Copy, Debug)]
pub struct Display {
    pub ascii: bool,
    pub mouse: bool,
}

/// `orgtree [FILE]`: browse FILE, or the built-in demo; the tree as text when standard
/// output is not a terminal.
pub(super) fn show(
    file: Option<&Path>,
    options: &OpenOptions,
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    if let Some(file) =
        file.filter(|f| f.as_os_str() != "-" && !f.exists() && f.extension().is_none())
    {
        bail!(
            "'{}' is neither a file nor a command; the commands are check, print, stats, diff, compare, timeline, edit, apply, export and config (see orgtree --help)",
            shown(file)
        );
    }
    let (org, warnings) = match file {
        Some(file) => match open_with_warnings(file, options) {
            Ok(opened) => (opened.org, opened.warnings),
            Err(code) => return Ok(code),
        },
        None => match demo::load() {
            Ok(loaded) => (loaded.org, Vec::new()),
            Err(error) => bail!("the built-in demo chart does not load: {error}"),
        },
    };
    if io::stdout().is_terminal() {
        let source = file.map_or_else(|| demo::NAME.to_owned(), shown);
        let help = settings::help_key(config);
        let notice = warnings_notice(&warnings, &help).or_else(|| {
            file.is_none().then(|| {
                format!("the built-in demo chart: orgtree FILE opens yours; {help} lists the keys")
            })
        });
        let options = settings::options(
            config,
            screen,
            source,
            notice,
            file.filter(|f| f.as_os_str() != "-").map(Path::to_path_buf),
            orgtree::edit::journal::place::folder(),
        );
        return Ok(exit_code(tui::run(tui::Start::Browse(org), options)?));
    }
    let ascii = screen.ascii || !locale_is_utf8();
    let code = with_stdout(|out| {
        tree::write_tree(
            out,
            &org,
            tree::TreeOptions {
                ascii,
                ..Default::default()
            },
        )
    })?;
    if file.is_none() {
        note(format_args!(
            "\nThis is orgtree's built-in demo chart. Show your own with `orgtree FILE`;\n\
             `orgtree --help` lists the commands (check, print, stats, diff, compare, timeline, edit, apply, export)."
        ));
    }
    Ok(code)
}

/// The status bar's note on the warnings of a chart opened on screen. The warnings went to
/// standard error, under the screen: they show again on quitting.
fn warnings_notice(warnings: &[orgtree::read::Found], help: &str) -> Option<String> {
    // The first line is the message shown; the lines after it, the warnings, which the
    // help lists with the other messages.
    (!warnings.is_empty()).then(|| {
        let mut notice = format!(
            "loaded with {} warning{}: {help} lists them (and they are printed when you quit)",
            warnings.len(),
            plural(warnings.len())
        );
        for found in warnings {
            notice.push('\n');
            notice.push_str(&found.problem.display_in(&found.file).to_string());
        }
        notice
    })
}

/// `orgtree edit FILE`: a what-if on a copy of FILE.
pub(super) fn edit(
    file: &Path,
    recover: bool,
    options: &OpenOptions,
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    if file.as_os_str() == "-" {
        bail!("orgtree edit needs a file, not standard input: its edits are saved beside it");
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        bail!(
            "orgtree edit needs a terminal; to replay saved edits without one, use orgtree apply FILE SCRIPT -o OUT"
        );
    }
    let Opened { org, warnings, .. } = match open_with_warnings(file, options) {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let notice = warnings_notice(&warnings, &settings::help_key(config));
    let journals = orgtree::edit::journal::place::folder();
    if let Err(reason) = &journals {
        // Said on the screen too; here it stays after the screen is gone.
        note(format_args!(
            "orgtree: warning: no recovery journal: {reason}; edits cannot be recovered after a crash"
        ));
    }
    let mut config = config.clone();
    // `orgtree edit` is asked for by name: read-only concerns browsing alone.
    config.read_only = false;
    let options = settings::options(
        &config,
        screen,
        shown(file),
        notice,
        Some(file.to_path_buf()),
        journals,
    );
    Ok(exit_code(tui::run(
        tui::Start::Edit { org, recover },
        options,
    )?))
}

/// `orgtree compare`: the compare screen, or the change list when standard output is not a
/// terminal.
pub(super) fn compare_screen(
    old: Org,
    new: Org,
    by: MatchBy,
    (before, after): (&Path, &Path),
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    let comparison = compare::compare(&old, &new, by);
    if !io::stdout().is_terminal() {
        let shown = diff::Diff {
            before: &old,
            after: &new,
            comparison: &comparison,
        };
        return with_stdout(|out| diff::write_text(out, &shown));
    }
    let names = (shown(before), shown(after));
    let options = settings::options(
        config,
        screen,
        format!("{} -> {}", names.0, names.1),
        None,
        None,
        Err("the compare screen has no what-if".into()),
    );
    let (merged, state) = tui::compare_screen::CompareState::merge(old, new, comparison, names);
    Ok(exit_code(tui::run(
        tui::Start::Compare(merged, Box::new(state)),
        options,
    )?))
}

/// The exit code for the way the screen ended.
pub(super) fn exit_code(exit: tui::Exit) -> ExitCode {
    match exit {
        tui::Exit::Quit => ExitCode::SUCCESS,
        tui::Exit::Signal(signal) => ExitCode::from(128 + u8::try_from(signal).unwrap_or(0)),
    }
}
