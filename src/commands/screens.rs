//! The commands that open the screen: browsing a chart (or the demo), the what-if of
//! `orgtree edit`, and the compare screen; each prints text instead when standard output
//! is not a terminal.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use orgtree::compare::{self, MatchBy};
use orgtree::org::{Meta, Org};
use orgtree::read::{OpenOptions, Opened};
use orgtree::report::{diff, plural, tree};
use orgtree::text::locale_is_utf8;
use orgtree::{demo, tui};

use super::opening::{open_pair, open_with_warnings, read, read_pair, reported};
use super::{UNUSABLE, note, progress_line, report_opened, settings, shown, with_stdout};

/// The commands a user reads the chart with, as the messages that point to them name them.
const COMMANDS: &str =
    "check, print, stats, diff, compare, timeline, edit, apply, export and config";

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
            "'{}' is neither a file nor a command; the commands are {COMMANDS} (see orgtree --help)",
            shown(file)
        );
    }
    let demo = || match demo::load() {
        Ok(loaded) => Ok(loaded.org),
        Err(error) => bail!("the built-in demo chart does not load: {error}"),
    };
    if io::stdout().is_terminal() {
        let mut session = open_session(screen)?;
        let (org, opened) = match file {
            Some(file) => match loaded_on(&mut session, file, options)? {
                Ok(mut opened) => (take_org(&mut opened), Some(opened)),
                Err(code) => return Ok(code),
            },
            None => (demo()?, None),
        };
        let warnings = opened.as_ref().map_or(&[][..], |o| o.warnings.as_slice());
        let source = file.map_or_else(|| demo::NAME.to_owned(), shown);
        let help = settings::help_key(config);
        let notice = warnings_notice(warnings, &help).or_else(|| {
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
        let exit = session.show(tui::Start::Browse(org), options)?;
        // Said before the screen too, if it was quick to come; after it, they stay.
        opened.iter().for_each(report_opened);
        return Ok(exit_code(exit));
    }
    let org = match file {
        Some(file) => match open_with_warnings(file, options) {
            Ok(opened) => opened.org,
            Err(code) => return Ok(code),
        },
        None => demo()?,
    };
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
             `orgtree --help` lists the commands ({COMMANDS})."
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
    let mut session = open_session(screen)?;
    let mut opened = match loaded_on(&mut session, file, options)? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let org = take_org(&mut opened);
    let notice = warnings_notice(&opened.warnings, &settings::help_key(config));
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
    let exit = session.show(tui::Start::Edit { org, recover }, options)?;
    report_opened(&opened);
    Ok(exit_code(exit))
}

/// The screen's session, not yet drawn: the terminal's input and signals listened to.
pub(super) fn open_session(screen: Display) -> Result<tui::Session> {
    tui::Session::open(
        screen.mouse,
        screen.ascii || !locale_is_utf8(),
        progress_line::wanted(),
    )
}

/// Reads the chart in `file` with the screen's session open, which shows the progress of a
/// long read and stops it on Ctrl-C; what stops the command is reported with the terminal
/// restored, and the exit code given. The chart's warnings are left to the caller, to
/// report when the screen is done.
fn loaded_on(
    session: &mut tui::Session,
    file: &Path,
    options: &OpenOptions,
) -> Result<Result<Opened, ExitCode>> {
    let loaded = session.load(|| read(file, options))?;
    if !matches!(loaded, tui::Loaded::Done(Ok(_))) {
        session.leave();
    }
    Ok(match loaded {
        tui::Loaded::Done(Ok(opened)) => Ok(opened),
        tui::Loaded::Done(Err(error)) => Err(reported(file, Err(error))
            .err()
            .unwrap_or(ExitCode::from(UNUSABLE))),
        tui::Loaded::Stopped { exit, during } => Err(stopped(exit, during)),
    })
}

/// The chart of `opened`, taken out of it so that the rest can be reported afterwards.
pub(super) fn take_org(opened: &mut Opened) -> Org {
    std::mem::replace(&mut opened.org, Org::new(Meta::default()))
}

/// The end of a screen stopped before its first frame: what was stopped, and the exit code
/// for the signal. The caller has left the screen, so that the message stays.
pub(super) fn stopped(exit: tui::Exit, during: Option<String>) -> ExitCode {
    let what = during.unwrap_or_else(|| "loading".to_owned());
    note(format_args!("orgtree: interrupted while {what}"));
    exit_code(exit)
}

/// `orgtree compare` when standard output is not a terminal: the change list.
pub(super) fn compare_text(old: &Org, new: &Org, by: MatchBy) -> Result<ExitCode> {
    let comparison = match progress_line::during("comparing", || compare::compare(old, new, by)) {
        Ok(comparison) => comparison,
        Err(code) => return Ok(code),
    };
    let shown = diff::Diff {
        before: old,
        after: new,
        comparison: &comparison,
    };
    with_stdout(|out| diff::write_text(out, &shown))
}

/// `orgtree compare BEFORE AFTER` on the screen: the charts read and compared with the
/// screen's session open, which shows the progress of a long read and stops it on Ctrl-C.
pub(super) fn compare_on_screen(
    (before, after): (&Path, &Path),
    sides: &(OpenOptions, OpenOptions),
    by: MatchBy,
    screen: Display,
    config: &tui::config::Config,
) -> Result<ExitCode> {
    if before.as_os_str() == "-" && after.as_os_str() == "-" {
        // Said by the reading of the pair, as everywhere.
        return Ok(open_pair(before, after, sides)
            .err()
            .unwrap_or(ExitCode::SUCCESS));
    }
    let names = (shown(before), shown(after));
    let mut session = open_session(screen)?;
    let loaded = session.load(|| match read_pair(before, after, sides) {
        (Ok(mut old), Ok(mut new)) => {
            progress_line::begin("comparing");
            let (before, after) = (take_org(&mut old), take_org(&mut new));
            let comparison = compare::compare(&before, &after, by);
            let merged =
                tui::compare_screen::CompareState::merge(before, after, comparison, names.clone());
            orgtree::progress::finish();
            Ok((merged, [old, new]))
        }
        pair => Err(Box::new(pair)),
    })?;
    let ((merged, state), opened) = match loaded {
        tui::Loaded::Done(Ok(done)) => done,
        tui::Loaded::Done(Err(pair)) => {
            let (old, new) = *pair;
            session.leave();
            let _ = reported(before, old);
            let _ = reported(after, new);
            return Ok(ExitCode::from(UNUSABLE));
        }
        tui::Loaded::Stopped { exit, during } => {
            session.leave();
            return Ok(stopped(exit, during));
        }
    };
    let options = settings::options(
        config,
        screen,
        format!("{} -> {}", names.0, names.1),
        None,
        None,
        Err("the compare screen has no what-if".into()),
    );
    let exit = session.show(tui::Start::Compare(merged, Box::new(state)), options)?;
    opened.iter().for_each(report_opened);
    Ok(exit_code(exit))
}

/// The exit code for the way the screen ended.
pub(super) fn exit_code(exit: tui::Exit) -> ExitCode {
    match exit {
        tui::Exit::Quit => ExitCode::SUCCESS,
        tui::Exit::Signal(signal) => ExitCode::from(128 + u8::try_from(signal).unwrap_or(0)),
    }
}
