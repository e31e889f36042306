//! What each subcommand does, in terms of the library.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use orgtree::compare::MatchBy;
use orgtree::org::metrics::Stats;
use orgtree::org::{Org, save};
use orgtree::read::{OpenError, OpenOptions};
use orgtree::report::{plural, stats, tree};
use orgtree::text::{Escaped, locale_is_utf8};
use orgtree::tui;

use crate::cli::{ChartArgs, Cli, Command, DiffFormat, Match, MatchArgs};

mod apply;
mod diff;
mod interop;
mod opening;
pub(crate) mod progress_line;
mod rules;
mod screens;
mod series;
mod settings;
mod timeline;

use opening::{counts, open, open_pair, opening, report, report_found, report_opened};
use screens::{Display, compare_on_screen, compare_text, edit, exit_code, show};

/// What a compare of three or more charts does with their dates, for the message about a
/// chart without one.
const SERIES: &str = "a compare of three or more charts";

/// Exit code when errors were found in a chart.
pub const PROBLEMS: u8 = 1;
/// Exit code when input could not be used at all, or the command line was wrong.
pub const UNUSABLE: u8 = 2;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let on_screen = io::stdout().is_terminal()
        && matches!(
            cli.command,
            None | Some(Command::Compare { .. } | Command::Edit { .. })
        );
    progress_line::want(!cli.no_progress);
    if !on_screen {
        progress_line::start()?;
    }
    let lenient = cli.load.lenient;
    let outer = cli.chart.clone();
    // How a command's chart is opened: its own options, then those given before it.
    let options = |chart: ChartArgs| opening(lenient, &chart.or(&outer));
    // The configuration, read by the commands that draw (and `config`).
    let config = || -> Result<tui::config::Config> {
        let config = settings::load(&cli.config)?;
        settings::warn(&config);
        Ok(config)
    };
    match cli.command {
        None => {
            let config = config()?;
            let screen = settings::display(&config, cli.ascii, cli.mouse);
            show(
                cli.file.as_deref(),
                &opening(lenient, &outer),
                screen,
                &config,
            )
        }
        Some(Command::Config { path }) => settings::command(&cli.config, path),
        Some(Command::Timeline {
            files,
            post,
            format,
            json,
            matching,
            no_junior,
            sheet,
            hr,
        }) => {
            let chart = ChartArgs {
                no_junior,
                sheet,
                hr,
                ..ChartArgs::default()
            };
            let asked = timeline::Asked {
                files,
                post,
                format: if json {
                    crate::cli::TimelineFormat::Json
                } else {
                    format
                },
                by: match_by(matching),
            };
            timeline::timeline(&asked, &options(chart))
        }
        Some(Command::Check {
            files,
            no_junior,
            rules,
            json,
        }) => {
            let chart = ChartArgs {
                no_junior,
                ..ChartArgs::default()
            };
            let asked = match &rules {
                Some(file) => match rules::load(file) {
                    Ok(loaded) => Some(RulesAsked {
                        file,
                        rules: loaded,
                        json,
                    }),
                    Err(code) => return Ok(code),
                },
                None => None,
            };
            check(&files, &options(chart), asked.as_ref())
        }
        Some(Command::Print {
            file,
            depth,
            root,
            ascii,
            chart,
        }) => {
            let org = match open(&file, &options(chart)) {
                Ok(org) => org,
                Err(code) => return Ok(code),
            };
            let root = match root {
                Some(id) => Some(find(&org, &id, &file)?),
                None => None,
            };
            let ascii = ascii || config()?.ascii || !locale_is_utf8();
            with_stdout(|out| tree::write_tree(out, &org, tree::TreeOptions { depth, root, ascii }))
        }
        Some(Command::Stats { file, json, chart }) => {
            let org = match open(&file, &options(chart)) {
                Ok(org) => org,
                Err(code) => return Ok(code),
            };
            let figures = Stats::of(&org);
            if json {
                with_stdout(|out| save::write_value(&stats::to_json(&org, &figures), out))
            } else {
                with_stdout(|out| stats::write_text(out, &org, &figures))
            }
        }
        Some(Command::Export {
            file,
            to,
            root,
            depth,
            output,
            force,
            manager_by,
            chart,
        }) => interop::export(
            &file,
            (to, manager_by.reader()),
            root.as_deref(),
            depth,
            output.as_deref(),
            force,
            &options(chart),
        ),
        Some(Command::Import { format }) => interop::import(&format, lenient),
        Some(Command::Textconv { file, chart }) => {
            let org = match open(&file, &options(chart)) {
                Ok(org) => org,
                Err(code) => return Ok(code),
            };
            with_stdout(|out| orgtree::report::lines::write_lines(out, &org))
        }
        Some(Command::Diff {
            files,
            json,
            format,
            rules,
            exit_code,
            full,
            script,
            matching,
            charts,
        }) => {
            let (b, a) = charts.sides();
            diff::diff(
                &diff::Asked {
                    files,
                    format: if json { DiffFormat::Json } else { format },
                    rules,
                    exit_code,
                    full,
                    script,
                    matching,
                },
                &(options(b), options(a)),
            )
        }
        Some(Command::Compare {
            files,
            matching,
            ascii,
            mouse,
            charts,
        }) => {
            let [before, after] = files.as_slice() else {
                if let Some(option) = charts.one_side() {
                    bail!(
                        "{option} names one side of a pair; a series of {} charts reads each organogram's junior file from beside it, the date from the chart or its file's name, and --no-junior, --sheet and the HR options for every chart",
                        files.len()
                    );
                }
                let chart = ChartArgs {
                    no_junior: charts.no_junior,
                    hr: charts.hr.clone(),
                    ..ChartArgs::default()
                };
                if on_screen {
                    let config = config()?;
                    let screen = settings::display(&config, cli.ascii || ascii, cli.mouse || mouse);
                    return series::series_on_screen(
                        &files,
                        &options(chart),
                        match_by(matching),
                        screen,
                        &config,
                    );
                }
                let releases = match opening::open_series(&files, &options(chart), SERIES) {
                    Ok(releases) => releases,
                    Err(code) => return Ok(code),
                };
                return series::series_text(&releases, match_by(matching));
            };
            let (before, after) = (before.clone(), after.clone());
            let (b, a) = charts.sides();
            let sides = (options(b), options(a));
            if on_screen {
                let config = config()?;
                let screen = settings::display(&config, cli.ascii || ascii, cli.mouse || mouse);
                return compare_on_screen(
                    (&before, &after),
                    &sides,
                    match_by(matching),
                    screen,
                    &config,
                );
            }
            match open_pair(&before, &after, &sides) {
                Ok((old, new)) => compare_text(&old, &new, match_by(matching)),
                Err(code) => Ok(code),
            }
        }
        Some(Command::Apply {
            file,
            script,
            output,
            force,
            keep_going,
            json,
            chart,
        }) => apply::apply(
            &apply::Asked {
                file,
                script,
                output,
                force,
                keep_going,
                json,
            },
            &options(chart),
        ),
        Some(Command::Edit {
            file,
            recover,
            ascii,
            mouse,
            chart,
        }) => {
            let config = config()?;
            let screen = settings::display(&config, cli.ascii || ascii, cli.mouse || mouse);
            edit(&file, recover, &options(chart), screen, &config)
        }
        Some(Command::Schema) => {
            with_stdout(|out| save::write_value(&orgtree::org::schema::schema(), out))
        }
        Some(Command::Completions { shell }) => {
            // clap_complete panics when its writer fails (a full disk, a closed pipe): the
            // script is made in memory and written here, where a failure is an error.
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "orgtree", &mut script);
            with_stdout(|out| out.write_all(&script))
        }
        Some(Command::Man { command }) => {
            let top = <Cli as clap::CommandFactory>::command();
            let page = match command.as_deref() {
                None => top,
                Some(name) => {
                    let Some(sub) = top.find_subcommand(name) else {
                        let names: Vec<&str> = top
                            .get_subcommands()
                            .filter(|c| !c.is_hide_set())
                            .map(clap::Command::get_name)
                            .collect();
                        bail!(
                            "no command '{}'; the commands are {}",
                            Escaped(name),
                            names.join(", ")
                        );
                    };
                    // The page of `orgtree import` is named orgtree-import.
                    let name = format!("orgtree-{}", sub.get_name());
                    sub.clone().name(name).version(env!("CARGO_PKG_VERSION"))
                }
            };
            with_stdout(|out| clap_mangen::Man::new(page).render(out))
        }
        Some(Command::Generate {
            posts,
            seed,
            output,
            force,
            releases: Some(releases),
        }) => {
            let folder = output.expect("clap requires --output with --releases");
            std::fs::create_dir_all(&folder)
                .with_context(|| format!("cannot create the folder {}", shown(&folder)))?;
            for org in orgtree::generate::series(posts, seed, releases) {
                let as_of = org.meta.as_of.as_deref().unwrap_or("undated").to_owned();
                let file = folder.join(format!("release-{as_of}.json"));
                refuse_to_replace(&file, force)?;
                write_chart(&org, Some(&file))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Generate {
            posts,
            seed,
            output,
            force,
            releases: None,
        }) => {
            if let Some(output) = &output {
                refuse_to_replace(output, force)?;
            }
            let org = orgtree::generate::generate(posts, seed);
            write_chart(&org, output.as_deref())
        }
    }
}

/// The rules `check --rules` checks, and how it prints their violations.
struct RulesAsked<'a> {
    file: &'a Path,
    rules: orgtree::rules::Rules,
    json: bool,
}

/// `orgtree check`: every problem of every file, and a summary line per file; with rules,
/// each violation a line after its file's summary (or all as one JSON object).
fn check(files: &[PathBuf], options: &OpenOptions, asked: Option<&RulesAsked>) -> Result<ExitCode> {
    // Rule violations are named at their posts' places.
    let options = &OpenOptions {
        places: asked.is_some(),
        ..options.clone()
    };
    let mut worst = 0;
    let mut out = io::stdout().lock();
    let json = asked.is_some_and(|a| a.json);
    let mut all = Vec::new();
    for file in files {
        let name = shown(file);
        let mut violations = None;
        let mut places = None;
        let what = format!("reading {name}");
        progress_line::begin(what.clone());
        let opened = orgtree::read::open(file, options);
        if progress_line::end() {
            return Ok(progress_line::interrupted(&what));
        }
        let (summary, code) = match opened {
            Ok(loaded) => {
                report_opened(&loaded);
                let org = &loaded.org;
                let summary = format!(
                    "{name}: {} post{}, {} top post{}, {}",
                    org.len(),
                    plural(org.len()),
                    org.tops().len(),
                    plural(org.tops().len()),
                    counts(&loaded.warnings)
                );
                violations = asked.map(|asked| orgtree::rules::check(org, &asked.rules));
                if violations.as_ref().is_some_and(|v| !v.is_empty()) {
                    places = rules::places(file, &loaded);
                }
                // Freeing a million posts takes a tenth of a second: not worth waiting for.
                std::thread::spawn(move || drop(loaded));
                let broken = violations.as_ref().is_some_and(|v| !v.is_empty());
                (summary, if broken { PROBLEMS } else { 0 })
            }
            Err(OpenError::Invalid { problems, posts }) => {
                report_found(&problems);
                let summary = match posts {
                    Some(posts) => format!(
                        "{name}: {posts} post{}, {}",
                        plural(posts),
                        counts(&problems)
                    ),
                    None => format!("{name}: {}", counts(&problems)),
                };
                (summary, PROBLEMS)
            }
            Err(OpenError::Unusable(problems)) => {
                report_found(&problems);
                (format!("{name}: cannot be loaded"), UNUSABLE)
            }
        };
        if json {
            all.push((name, violations, places));
        } else {
            // Each summary goes out as soon as its file is checked, as a long run's progress.
            let mut text = summary;
            if let Some(violations) = &violations {
                text = format!(
                    "{text}, {} rule violation{}",
                    violations.len(),
                    plural(violations.len())
                );
                for line in rules::lines(&name, violations, &places) {
                    text.push('\n');
                    text.push_str(&line);
                }
            }
            writeln!(out, "{text}")
                .and_then(|()| out.flush())
                .map_err(to_stdout_error)?;
        }
        worst = worst.max(code);
    }
    if let (true, Some(asked)) = (json, asked) {
        save::write_value(&rules::files_json(asked.file, &all), &mut out)
            .and_then(|()| out.flush())
            .map_err(to_stdout_error)?;
    }
    Ok(ExitCode::from(worst))
}

fn match_by(args: MatchArgs) -> MatchBy {
    match args.by {
        None | Some(Match::Content) => MatchBy::Content,
        Some(Match::Id) => MatchBy::Id,
    }
}

fn find(org: &Org, id: &str, file: &Path) -> Result<orgtree::org::NodeIndex> {
    if let Some(node) = org.find(id) {
        return Ok(node);
    }
    let wanted = id.to_lowercase();
    let similar: Vec<String> = org
        .posts()
        .map(|n| org.post(n).id().as_str())
        .filter(|other| other.to_lowercase().contains(&wanted))
        .take(5)
        .map(|other| format!("'{}'", Escaped(other)))
        .collect();
    let hint = if similar.is_empty() {
        String::new()
    } else {
        format!(" (similar ids: {})", similar.join(", "))
    };
    bail!("no post with id '{}' in {}{hint}", Escaped(id), shown(file))
}

/// Refuses an output that cannot be written (a folder, a socket, a folder not there), and
/// one that exists unless `force` allows it, before any work is done.
fn refuse_to_replace(output: &Path, force: bool) -> Result<()> {
    save::Target::of(output).with_context(|| format!("cannot write {}", shown(output)))?;
    if output.exists() && !force {
        bail!(
            "{} already exists; use --force to replace it",
            shown(output)
        );
    }
    Ok(())
}

/// Writes the chart as orgtree JSON to `output` (atomically), or to standard output.
fn write_chart(org: &Org, output: Option<&Path>) -> Result<ExitCode> {
    match output {
        Some(output) => {
            let what = format!("writing {}", shown(output));
            match progress_line::during(&what, || save::save_atomic(org, output)) {
                Ok(saved) => saved.with_context(|| format!("cannot write {}", shown(output)))?,
                Err(code) => return Ok(code),
            }
            Ok(ExitCode::SUCCESS)
        }
        None => with_stdout(|out| save::write_json(org, out)),
    }
}

/// Runs `write` on a buffered standard output.
fn with_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(to_stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

/// A failed write to standard output as an error that says where it went wrong; a closed
/// pipe stays recognisable, so that it ends the program quietly.
fn to_stdout_error(error: io::Error) -> anyhow::Error {
    anyhow::Error::new(error).context("cannot write to standard output")
}

/// A line for the user on standard error, below any progress line shown. Not `eprintln!`,
/// which panics when standard error is gone (a closed pipe, a hung-up terminal): a note
/// that cannot be shown is dropped.
pub(crate) fn note(line: std::fmt::Arguments) {
    progress_line::above(line);
}

/// A file name as it may be printed.
fn shown(file: &Path) -> String {
    orgtree::read::open::shown(file)
}
