//! What every fuzz target shares: how many cases to run, running one case on a thread of
//! its own so that a panic or a hang is reported with its input, checking text written for
//! people, and the seed files.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use orgtree::org::Problem;
use orgtree::text::{Escaped, is_unsafe};
use proptest::test_runner::{Config, TestCaseError};

/// The environment variable that sets the number of cases each target runs.
pub const CASES_VARIABLE: &str = "ORGTREE_FUZZ_CASES";

/// The longest one case may take before it counts as a hang. Inputs are kept to a few
/// kilobytes, which any reader goes through in milliseconds, even in a debug build.
const BOUND: Duration = Duration::from_secs(20);

/// The configuration of a target: `default` cases, or as many as `ORGTREE_FUZZ_CASES` says.
/// Failures are kept in `tests/proptest-regressions/`, named for the target's module.
pub fn config(default: u32) -> Config {
    let cases = std::env::var(CASES_VARIABLE)
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // A failing case is made smaller for at most two minutes.
        max_shrink_time: 120_000,
        ..Config::default()
    }
}

/// Where the input of a failing case is written, to be kept in `tests/regressions/`.
pub fn failures() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures")
}

/// Runs `case` on `input` on a thread of its own. A panic, a hang (longer than [`BOUND`]) or
/// a failed check fails the case; the input is then written to [`failures`] and named in the
/// message. The input of the case running is kept there too, as `TARGET-last.bin`.
pub fn guarded<F>(target: &str, input: &[u8], case: F) -> Result<(), TestCaseError>
where
    F: FnOnce() -> Result<(), TestCaseError> + Send + 'static,
{
    // A stack overflow or an abort ends the whole test binary: the input of the case
    // running is then the last one written here.
    let _ = std::fs::create_dir_all(failures())
        .and_then(|()| std::fs::write(failures().join(format!("{target}-last.bin")), input));
    let (done, outcome) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(case));
        let _ = done.send(());
        result
    });
    let verdict = match outcome.recv_timeout(BOUND) {
        Ok(()) => match worker.join() {
            Ok(Ok(Ok(()))) => return Ok(()),
            Ok(Ok(Err(failure))) => failure.to_string(),
            Ok(Err(panic)) | Err(panic) => format!("panicked: {}", panic_message(&*panic)),
        },
        // The thread is left running: it cannot be stopped, and the test fails anyway.
        Err(_) => format!("did not finish within {} s", BOUND.as_secs()),
    };
    Err(TestCaseError::fail(format!(
        "{target}: {verdict}\n  input: {}\n  {}",
        kept(target, input),
        preview(input)
    )))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// Writes a failing input under [`failures`], named by target and content; gives its path.
fn kept(target: &str, input: &[u8]) -> String {
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let folder = failures();
    let path = folder.join(format!("{target}-{hash:016x}.bin"));
    match std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(&path, input)) {
        Ok(()) => path.display().to_string(),
        Err(error) => format!("(not written: {error})"),
    }
}

/// The start of an input, as text with its unsafe characters escaped.
pub fn preview(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(&input[..input.len().min(600)]);
    format!("{:?}", Escaped(&text).to_string())
}

/// Fails unless `text` is free of characters that could act on a terminal, but for those
/// in `allowed` (line feeds where the format has lines, tabs in CSV cells).
pub fn safe(what: &str, text: &str, allowed: &[char]) -> Result<(), TestCaseError> {
    match text.find(|c| is_unsafe(c) && !allowed.contains(&c)) {
        None => Ok(()),
        Some(at) => {
            let from = text.floor_char_boundary(at.saturating_sub(60));
            let to = text.ceil_char_boundary(at + 60);
            let c = text[at..].chars().next().unwrap_or_default();
            Err(TestCaseError::fail(format!(
                "{what} writes U+{:04X} raw: ...{}...",
                u32::from(c),
                Escaped(&text[from..to])
            )))
        }
    }
}

/// As [`safe`] for bytes written, which must also be UTF-8.
pub fn safe_bytes(what: &str, bytes: &[u8], allowed: &[char]) -> Result<(), TestCaseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => safe(what, text, allowed),
        Err(error) => Err(TestCaseError::fail(format!("{what} is not UTF-8: {error}"))),
    }
}

/// Fails unless every problem, as `orgtree check` prints it, is one line free of
/// characters that could act on a terminal.
pub fn safe_problems<'a>(
    what: &str,
    problems: impl IntoIterator<Item = &'a Problem>,
) -> Result<(), TestCaseError> {
    for problem in problems {
        safe(what, &problem.display_in("file").to_string(), &[])?;
    }
    Ok(())
}

/// A seed: its name and its bytes.
pub type Seed = (String, Vec<u8>);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `folder` named `*.EXTENSION` that `wanted` picks by name, sorted by name.
fn files(folder: &str, extension: &str, wanted: impl Fn(&str) -> bool) -> Vec<Seed> {
    let mut seeds: Vec<Seed> = std::fs::read_dir(root().join(folder))
        .unwrap_or_else(|error| panic!("cannot read {folder}: {error}"))
        .map(|entry| entry.expect("a seed").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(&wanted)
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a seed can be read"))
        })
        .collect();
    seeds.sort();
    seeds
}

/// Orgtree JSON: the fixtures and the inputs that once broke a reader.
pub fn chart_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = files("fixtures", "json", |_| true);
        seeds.extend(files("tests/regressions", "json", |n| {
            !n.contains("script")
        }));
        seeds
    })
}

/// Organogram pairs: each senior file with its junior file, where there is one.
pub fn organogram_seeds() -> &'static [(Seed, Option<Seed>)] {
    static SEEDS: OnceLock<Vec<(Seed, Option<Seed>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut all = files("tests/organogram", "csv", |_| true);
        // The small published files (a few kilobytes each, mutated quickly): repeated rows,
        // junior staff reporting to `-1`, a post that reports to itself, pandas and
        // triplestore exports.
        let published = root().join("fixtures/organograms");
        all.extend(
            files("fixtures/organograms", "csv", |_| true)
                .into_iter()
                .filter(|(name, _)| {
                    let senior = published.join(name.replace("-junior", "-senior"));
                    std::fs::metadata(senior).is_ok_and(|m| m.len() < 8_000)
                }),
        );
        let regressions = files("tests/regressions", "csv", |_| true);
        let junior = |senior: &str| {
            let name = senior.replace("-senior", "-junior");
            all.iter()
                .chain(&regressions)
                .find(|(n, _)| *n == name)
                .cloned()
        };
        all.iter()
            .chain(&regressions)
            .filter(|(name, _)| name.contains("-senior"))
            .map(|seed| (seed.clone(), junior(&seed.0)))
            .collect()
    })
}

/// Workbooks (`.xlsx`, `.ods` and `.xls`): those of fixtures/sheets and those that once
/// broke the reader.
pub fn sheet_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        ["fixtures/sheets", "tests/regressions"]
            .into_iter()
            .flat_map(|folder| {
                ["xlsx", "ods", "xls"]
                    .into_iter()
                    .flat_map(move |extension| files(folder, extension, |_| true))
            })
            .collect()
    })
}

/// Nested and flat JSON of other tools.
pub fn import_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| files("tests/import", "json", |_| true))
}

/// LDIF exports: the fixtures, and the inputs that once broke the reader.
pub fn ldif_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = files("fixtures/ldif", "ldif", |_| true);
        seeds.extend(files("tests/regressions", "ldif", |_| true));
        seeds
    })
}

/// Change scripts: the script between each pair of fixtures, both ways, and the scripts
/// that once broke `apply`.
pub fn script_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = files("tests/regressions", "json", |n| n.contains("script"));
        for (before, after) in crate::common::pairs() {
            for (from, to) in [(&before, &after), (&after, &before)] {
                let (a, b) = (loaded_fixture(from), loaded_fixture(to));
                let edits = orgtree::edit::script::between(&a, &b).expect("a script");
                let mut text = Vec::new();
                orgtree::edit::script::write(&edits, &mut text).expect("written");
                seeds.push((format!("{from} to {to}"), text));
            }
        }
        seeds
    })
}

/// A fixture, loaded strictly.
pub fn loaded_fixture(name: &str) -> orgtree::org::Org {
    orgtree::read::load_path(
        &root().join("fixtures").join(name),
        orgtree::read::LoadOptions::default(),
    )
    .unwrap_or_else(|error| panic!("{name} does not load: {:?}", error.problems()))
    .org
}

/// The bytes of a fixture.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(root().join("fixtures").join(name)).expect("the fixture can be read")
}

/// JSON text as a value, however deeply it nests (orgtree keeps values 500 levels deep).
pub fn json(text: &str) -> serde_json::Value {
    let mut parser = serde_json::Deserializer::from_str(text);
    parser.disable_recursion_limit();
    serde::Deserialize::deserialize(&mut parser).expect("orgtree writes valid JSON")
}
