//! The floor under loading an orgtree JSON chart: how long the machine takes to read the
//! file, to tokenize it, and to parse each post's few fields into borrowed text, with no
//! chart built. orgtree's own figures are read beside these (see BENCHMARKS.md).
//!
//! ```text
//! cargo run --release --example floor -- [--runs N] FILE
//! ```
//!
//! Each step runs N times (5 unless told) in this process, one after the other, and the
//! median is printed: the file read whole into memory (`std::fs::read`, from the page
//! cache); the whole document read by `serde_json` into `IgnoredAny` (every token looked
//! at, nothing kept); and the posts read by `serde_json` into a struct of four borrowed
//! fields (`id`, `title`, `reports_to`, `holder`), the least a tree needs, other fields
//! skipped. The last two run on the bytes already in memory, on one core.

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Deserialize)]
struct Chart<'a> {
    #[serde(borrow)]
    posts: Vec<Post<'a>>,
}

#[derive(Deserialize)]
struct Post<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow, default)]
    reports_to: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    holder: Option<Cow<'a, str>>,
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(runs: usize, mut step: impl FnMut() -> Result<T>) -> Result<(Duration, T)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let value = step()?;
        times.push(started.elapsed());
        // Dropped outside the clock, as a loader keeps what it reads.
        last = Some(value);
    }
    Ok((median(times), last.context("no runs")?))
}

fn run() -> Result<()> {
    let mut runs = 5;
    let mut file = None;
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--runs" => runs = words.next().context("--runs needs a number")?.parse()?,
            _ if word.starts_with('-') || file.is_some() => {
                bail!("usage: floor [--runs N] FILE")
            }
            _ => file = Some(PathBuf::from(word)),
        }
    }
    let file = file.context("usage: floor [--runs N] FILE")?;
    let runs = runs.max(1);
    let (read, bytes) = time(runs, || Ok(std::fs::read(&file)?))?;
    // A file of petabytes would lose precision here, not one this example reads.
    #[allow(clippy::cast_precision_loss)]
    let megabytes = bytes.len() as f64 / 1e6;
    let (tokenize, ()) = time(runs, || {
        serde_json::from_slice::<IgnoredAny>(&bytes)?;
        Ok(())
    })?;
    let (parse, (posts, _)) = time(runs, || {
        let chart: Chart = serde_json::from_slice(&bytes)?;
        // Every field looked at, as a loader would.
        let text: usize = chart
            .posts
            .iter()
            .map(|p| {
                p.id.len()
                    + p.title.len()
                    + p.reports_to.as_ref().map_or(0, |r| r.len())
                    + p.holder.as_ref().map_or(0, |h| h.len())
            })
            .sum();
        Ok((chart.posts.len(), text))
    })?;
    println!(
        "{}: {megabytes:.1} MB, {posts} posts, median of {runs} runs",
        file.display()
    );
    for (what, took) in [
        ("read the file whole", read),
        ("tokenize (serde_json, IgnoredAny)", tokenize),
        ("posts into four borrowed fields", parse),
    ] {
        println!(
            "{what:<36} {:>8.1} ms  {:>7.0} MB/s",
            took.as_secs_f64() * 1000.0,
            megabytes / took.as_secs_f64()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("floor: {error:#}");
            ExitCode::FAILURE
        }
    }
}
