//! Times the real program from its start to its first frame, against `jless` on the same
//! file, in turn, and reads each one's peak memory while browsing.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example firstframe -- [--runs N] [--size 80x24] [--no-jless] FILE
//! ```
//!
//! Each program runs in a pseudo-terminal of the given size (80x24 unless told), in colour
//! and a UTF-8 locale, with no configuration file. orgtree's first frame is the title bar of
//! its browse screen; jless's is the first row of its tree (`▼`, the root object opened).
//! After the first frame, `j` five times and `l` are pressed, and the peak memory (resident
//! set, from `/proc`) is read once the output is quiet. The two programs take turns, run by
//! run, so that a drift of the machine falls on both. Each round also times `orgtree check
//! FILE` (its output thrown away), to set against jless's first frame. `orgtree` is
//! `$ORGTREE_BIN`, or else `target/release/orgtree` (build it first); `jless` is looked for
//! on the `PATH`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

// The same pseudo-terminal harness as the end-to-end tests.
#[path = "../tests/terminal/pty.rs"]
mod pty;

use pty::Session;

/// How long the output must be still for the keys' redraw to count as finished.
const QUIET: Duration = Duration::from_millis(300);
/// How long to wait for the program to start before giving up.
const TIMEOUT: Duration = Duration::from_mins(1);
/// How often to look at the output while waiting: often, as the first frame is timed.
const POLL: Duration = Duration::from_millis(2);

/// A program to measure, and how to tell its first frame.
#[derive(Clone, Copy)]
enum Viewer {
    Orgtree,
    Jless,
}

impl Viewer {
    fn name(self) -> &'static str {
        match self {
            Self::Orgtree => "orgtree",
            Self::Jless => "jless",
        }
    }

    fn shows_first_frame(self, screen: &vt100::Screen) -> bool {
        screen.alternate_screen()
            && match self {
                Self::Orgtree => pty::row(screen, 0).starts_with(" orgtree: "),
                Self::Jless => pty::row(screen, 0).contains('▼'),
            }
    }
}

/// One run: the time to the first frame, and the peak memory in megabytes.
struct Run {
    first_frame: Duration,
    peak: Option<f64>,
}

fn measure(viewer: Viewer, program: &Path, chart: &Path, size: (u16, u16)) -> Result<Run> {
    let mut command = pty::command(program, std::env::current_dir()?);
    command.arg(chart);
    let started = Instant::now();
    let mut session = Session::spawn(command, size)?;
    session.timeout = TIMEOUT;
    session.poll = POLL;
    session.try_wait_for("the first frame", |screen| viewer.shows_first_frame(screen))?;
    let first_frame = started.elapsed();
    session.try_wait_until_quiet(QUIET)?;
    for key in [b"j", b"j", b"j", b"j", b"j", b"l"] {
        session.send(key)?;
    }
    session.try_wait_until_quiet(QUIET)?;
    let peak = peak_memory(&session);
    let _ = session.send(b"q");
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && session.is_running() {
        thread::sleep(Duration::from_millis(10));
    }
    Ok(Run { first_frame, peak })
}

/// The program's peak memory (resident set) so far, in megabytes, where the system tells.
fn peak_memory(session: &Session) -> Option<f64> {
    let pid = session.process_id()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024.0)
}

struct Arguments {
    size: (u16, u16),
    runs: usize,
    jless: bool,
    chart: PathBuf,
}

const USAGE: &str = "usage: firstframe [--runs N] [--size COLSxROWS] [--no-jless] FILE";

fn parse_arguments() -> Result<Arguments> {
    let mut size = (80, 24);
    let mut runs = 5;
    let mut jless = true;
    let mut chart = None;
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--size" => {
                let text = words.next().context("--size needs a value like 80x24")?;
                let (cols, rows) = text
                    .split_once('x')
                    .with_context(|| format!("size {text:?} is not COLSxROWS"))?;
                size = (cols.parse()?, rows.parse()?);
            }
            "--runs" => runs = words.next().context("--runs needs a number")?.parse()?,
            "--no-jless" => jless = false,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if word.starts_with('-') || chart.is_some() => bail!("unexpected {word:?}; {USAGE}"),
            _ => chart = Some(PathBuf::from(word)),
        }
    }
    ensure!(runs > 0, "--runs must be at least 1");
    Ok(Arguments {
        size,
        runs,
        jless,
        chart: chart.context(USAGE)?,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) {
        f64::midpoint(values[middle - 1], values[middle])
    } else {
        values[middle]
    }
}

fn run() -> Result<()> {
    let arguments = parse_arguments()?;
    let orgtree = std::env::var_os("ORGTREE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/orgtree"),
        PathBuf::from,
    );
    ensure!(
        orgtree.is_file(),
        "{} does not exist: run `cargo build --release`",
        orgtree.display()
    );
    let mut viewers = vec![(Viewer::Orgtree, orgtree)];
    if arguments.jless {
        viewers.push((Viewer::Jless, PathBuf::from("jless")));
    }
    let mut runs: Vec<Vec<Run>> = viewers.iter().map(|_| Vec::new()).collect();
    let mut checks = Vec::new();
    for round in 1..=arguments.runs {
        let started = Instant::now();
        let status = std::process::Command::new(&viewers[0].1)
            .arg("check")
            .arg(&arguments.chart)
            .env("XDG_CONFIG_HOME", "/nonexistent/orgtree-tests/config")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()?;
        let check = started.elapsed().as_secs_f64();
        ensure!(status.success(), "orgtree check failed: {status}");
        println!("run {round}: orgtree check {:>7.1} ms", check * 1000.0);
        checks.push(check);
        for ((viewer, program), runs) in viewers.iter().zip(&mut runs) {
            let run = measure(*viewer, program, &arguments.chart, arguments.size)
                .with_context(|| format!("running {}", viewer.name()))?;
            println!(
                "run {round}: {:<8} first frame {:>7.1} ms, peak {}",
                viewer.name(),
                run.first_frame.as_secs_f64() * 1000.0,
                run.peak
                    .map_or("unknown".into(), |mb| format!("{mb:.1} MB"))
            );
            runs.push(run);
        }
    }
    let medians: Vec<(f64, f64)> = runs
        .iter()
        .map(|runs| {
            let frame = median(runs.iter().map(|r| r.first_frame.as_secs_f64()).collect());
            let peak = median(runs.iter().filter_map(|r| r.peak).collect());
            (frame, peak)
        })
        .collect();
    for ((viewer, _), (frame, peak)) in viewers.iter().zip(&medians) {
        println!(
            "median   {:<8} first frame {:>7.1} ms, peak {peak:.1} MB",
            viewer.name(),
            frame * 1000.0
        );
    }
    let check = median(checks);
    println!("median   orgtree check {:>7.1} ms", check * 1000.0);
    if let [(orgtree_frame, orgtree_peak), (jless_frame, jless_peak)] = medians[..] {
        println!(
            "orgtree / jless: first frame {:.2}x, peak memory {:.2}x; orgtree check / jless first frame {:.2}x",
            orgtree_frame / jless_frame,
            orgtree_peak / jless_peak,
            check / jless_frame
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("firstframe: {error:#}");
            ExitCode::FAILURE
        }
    }
}
