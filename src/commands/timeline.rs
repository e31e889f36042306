//! `orgtree timeline FILE...`: the releases opened on both cores, sorted by date, compared
//! pair by pair, and printed as text, Markdown or JSON.

use orgtree::text::contains_ignoring_case;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use orgtree::compare::MatchBy;
use orgtree::org::NodeIndex;
use orgtree::read::OpenOptions;
use orgtree::report::timeline::{to_json, write_markdown, write_text};
use orgtree::text::Escaped;
use orgtree::timeline::{Chart, build, find_id, follow};

use super::opening::open_series;
use super::progress_line::during;
use super::with_stdout;
use crate::cli::TimelineFormat;

/// What the command line asks of the timeline.
pub struct Asked {
    pub files: Vec<PathBuf>,
    pub post: Option<String>,
    pub format: TimelineFormat,
    pub by: MatchBy,
}

pub fn timeline(asked: &Asked, options: &OpenOptions) -> Result<ExitCode> {
    let charts = match open_series(&asked.files, options, "a timeline") {
        Ok(charts) => charts,
        Err(code) => return Ok(code),
    };
    let named = match &asked.post {
        Some(wanted) => match resolve(&charts, wanted) {
            Ok(found) => Some(found),
            Err(message) => bail!(message),
        },
        None => None,
    };
    let built = during("comparing the releases", || {
        build(&charts, asked.by, named.is_some())
    });
    let (timeline, matchings) = match built {
        Ok(built) => built,
        Err(code) => return Ok(code),
    };
    let life = named.map(|(release, node)| follow(&charts, &matchings, release, node));
    // The charts are freed on another thread while the timeline is printed.
    std::thread::spawn(move || drop(charts));
    match asked.format {
        TimelineFormat::Json => with_stdout(|out| {
            orgtree::org::save::write_value(&to_json(&timeline, life.as_ref()), out)
        }),
        TimelineFormat::Markdown => {
            with_stdout(|out| write_markdown(out, &timeline, life.as_ref()))
        }
        TimelineFormat::Text => {
            let width = if io::stdout().is_terminal() {
                crossterm::terminal::size().map_or(80, |(cols, _)| usize::from(cols))
            } else {
                80
            };
            with_stdout(|out| write_text(out, &timeline, life.as_ref(), width))
        }
    }
}

/// The post `wanted` names: its id in the first release that has it, else the one post
/// whose title or holder holds every word of it, in the first release where any does.
fn resolve(charts: &[Chart], wanted: &str) -> Result<(usize, NodeIndex), String> {
    if let Some(found) = find_id(charts, wanted) {
        return Ok(found);
    }
    let words: Vec<String> = wanted.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Err("--post needs an id or words of a title or a holder".into());
    }
    for (at, chart) in charts.iter().enumerate() {
        let org = &chart.org;
        let matches: Vec<NodeIndex> = org
            .posts()
            .filter(|&node| {
                let post = org.post(node);
                let holder = post.holder.name().unwrap_or_default();
                words.iter().all(|word| {
                    contains_ignoring_case(&post.title, word)
                        || contains_ignoring_case(holder, word)
                })
            })
            .collect();
        match matches.as_slice() {
            [] => {}
            [one] => return Ok((at, *one)),
            many => {
                let listed: Vec<String> = many
                    .iter()
                    .take(10)
                    .map(|&node| {
                        let post = org.post(node);
                        format!(
                            "  {} '{}' ({})",
                            Escaped(post.id().as_str()),
                            Escaped(&post.title),
                            Escaped(post.holder.name().unwrap_or("vacant or not disclosed"))
                        )
                    })
                    .collect();
                let more = many.len().saturating_sub(10);
                return Err(format!(
                    "{} posts of {} ({}) match '{}'; give one's id with --post:\n{}{}",
                    many.len(),
                    Escaped(&chart.label),
                    Escaped(&chart.as_of),
                    Escaped(wanted),
                    listed.join("\n"),
                    if more > 0 {
                        format!("\n  … and {more} more")
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    Err(format!(
        "no post has the id '{}' or a title or holder with those words, in any release",
        Escaped(wanted)
    ))
}
