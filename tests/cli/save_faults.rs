//! Faults while `-o OUT --force` writes a file, with real processes: a SIGKILL at any moment
//! of a save of a large chart leaves OUT whole (the old chart or the new, never torn or
//! empty), and the next save removes what the killed one left; a full disk and a read-only
//! file system (a small tmpfs, in a mount namespace of the test's own where the machine
//! allows one) are reported and leave OUT as it was.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::common::fixtures;

const BIN: &str = env!("CARGO_BIN_EXE_orgtree");

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn run_ok(args: &[&str]) {
    let output = Command::new(BIN).args(args).output().expect("orgtree runs");
    assert!(
        output.status.success(),
        "orgtree {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// orgtree's temporary files in `folder`.
fn temporaries(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".orgtree-"))
        .collect()
}

/// Polls, without sleeping, until `folder` holds a temporary file of process `pid`, or the
/// process ends. Whether one was seen.
fn temporary_appears(folder: &Path, pid: u32, child: &mut std::process::Child) -> bool {
    let prefix = format!(".orgtree-{pid}-");
    loop {
        if temporaries(folder)
            .iter()
            .any(|name| name.starts_with(&prefix))
        {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::yield_now();
    }
}

#[test]
fn a_sigkill_at_any_moment_of_a_save_leaves_the_old_or_the_new_chart_whole() {
    let folder = tempfile::tempdir().unwrap();
    let out_folder = folder.path().join("out");
    fs::create_dir(&out_folder).unwrap();
    // Two large charts, and what exporting each writes, from complete runs.
    let mut sources = Vec::new();
    let mut run_for = Duration::ZERO;
    for seed in ["1", "2"] {
        let source = folder.path().join(format!("chart-{seed}.json"));
        run_ok(&[
            "generate",
            "--posts",
            "8000",
            "--seed",
            seed,
            "-o",
            text(&source),
        ]);
        let reference = folder.path().join(format!("reference-{seed}.json"));
        let started = Instant::now();
        run_ok(&[
            "export",
            text(&source),
            "--to",
            "json",
            "-o",
            text(&reference),
        ]);
        // How long a whole run takes here, to pick moments to kill at within it.
        run_for = run_for.max(started.elapsed());
        sources.push((source, fs::read(&reference).unwrap()));
    }
    assert_ne!(sources[0].1, sources[1].1);
    assert!(sources[0].1.len() > 1_000_000, "a large chart");
    let target = out_folder.join("chart.json");
    fs::write(&target, &sources[0].1).unwrap();
    let mut now = 0;

    let mut rng = ChaCha8Rng::seed_from_u64(15);
    let (mut killed_while_writing, mut finished) = (0, 0);
    for round in 0..30 {
        // Write the other chart over the one there.
        let next = 1 - now;
        let mut child = Command::new(BIN)
            .args([
                "export",
                text(&sources[next].0),
                "--to",
                "json",
                "-o",
                text(&target),
                "--force",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        if round % 2 == 0 {
            // At a random moment of the whole run: reading, writing or renaming.
            std::thread::sleep(run_for.mul_f64(rng.random_range(0.0..1.2)));
        } else if temporary_appears(&out_folder, pid, &mut child) {
            // While the temporary file is being written.
            std::thread::sleep(Duration::from_micros(rng.random_range(0..2_000)));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let written = fs::read(&target).unwrap();
        if written == sources[next].1 {
            now = next;
        } else {
            assert!(
                written == sources[now].1,
                "round {round}: the chart is neither the old nor the new one ({} bytes)",
                written.len()
            );
        }
        if status.success() {
            finished += 1;
        } else if temporaries(&out_folder)
            .iter()
            .any(|name| name.starts_with(&format!(".orgtree-{pid}-")))
        {
            killed_while_writing += 1;
        }
    }
    assert!(
        killed_while_writing > 0,
        "no kill came while a temporary file was written ({finished} runs finished)"
    );

    // The next save removes what the killed ones left, and leaves its own chart.
    run_ok(&[
        "export",
        text(&sources[0].0),
        "--to",
        "json",
        "-o",
        text(&target),
        "--force",
    ]);
    assert_eq!(fs::read(&target).unwrap(), sources[0].1);
    assert_eq!(temporaries(&out_folder), Vec::<String>::new());
}

/// Runs `script` with `sh` in a mount namespace of its own, so that what it mounts is gone
/// when it ends; `None` when the machine does not allow one (not root, no `unshare`).
fn in_own_mount_namespace(script: &str, env: &[(&str, &str)]) -> Option<String> {
    let mut command = Command::new("unshare");
    command.args(["--mount", "sh", "-c", script]);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !stdout.contains("mounted") {
        eprintln!(
            "no mount namespace here ({}); the injected writer errors of org::output stand in",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        return None;
    }
    Some(stdout)
}

/// The part of a script shared by the fault tests: a 256 KiB tmpfs on `$MNT` holding a
/// copy of `$OLD` as `chart.json`; `$FAULT` then spoils it (fills it, makes it read-only);
/// orgtree exports `$SOURCE` over the chart; what is left is listed and compared.
const FAULT_SCRIPT: &str = r#"
mount -t tmpfs -o size=256k tmpfs "$MNT" || exit 0
echo mounted
cp "$OLD" "$MNT/chart.json"
eval "$FAULT"
"$ORGTREE" export "$SOURCE" --to json -o "$MNT/chart.json" --force 2>"$ERR"
echo "exit $?"
ls -A "$MNT" | sed 's/^/file /'
cmp -s "$OLD" "$MNT/chart.json" && echo "chart unchanged"
"#;

fn run_fault(fault: &str) -> Option<(String, String)> {
    let folder = tempfile::tempdir().unwrap();
    let mount_point = folder.path().join("mnt");
    fs::create_dir(&mount_point).unwrap();
    let err = folder.path().join("stderr");
    let old = fixtures().join("home-office-technology-before-coo.json");
    // Larger than what is left on the tmpfs.
    let source = folder.path().join("source.json");
    run_ok(&["generate", "--posts", "3000", "-o", text(&source)]);
    let stdout = in_own_mount_namespace(
        FAULT_SCRIPT,
        &[
            ("FAULT", fault),
            ("MNT", text(&mount_point)),
            ("ERR", text(&err)),
            ("OLD", text(&old)),
            ("SOURCE", text(&source)),
            ("ORGTREE", BIN),
        ],
    )?;
    let stderr = fs::read_to_string(&err).unwrap_or_default();
    Some((stdout, stderr))
}

fn assert_refused_and_unchanged(stdout: &str, stderr: &str, files: &[&str], reason: &str) {
    assert!(stdout.contains("exit 2"), "{stdout}\n{stderr}");
    assert!(stdout.contains("chart unchanged"), "{stdout}\n{stderr}");
    let listed: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("file "))
        .collect();
    assert_eq!(listed, files, "no temporary file is left:\n{stdout}");
    assert!(
        stderr.starts_with("orgtree: error: cannot write ") && stderr.contains(reason),
        "{stderr}"
    );
}

#[test]
fn a_full_disk_is_reported_and_the_chart_and_the_folder_are_left_as_they_were() {
    // Fill the tmpfs: the temporary file is made, but its chart cannot be written.
    let Some((stdout, stderr)) =
        run_fault(r#"dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null; true"#)
    else {
        return;
    };
    assert_refused_and_unchanged(
        &stdout,
        &stderr,
        &["chart.json", "filler"],
        "No space left on device",
    );
}

#[test]
fn a_read_only_file_system_is_reported_even_to_root_and_the_chart_is_kept() {
    let Some((stdout, stderr)) = run_fault(r#"mount -o remount,ro "$MNT""#) else {
        return;
    };
    assert_refused_and_unchanged(&stdout, &stderr, &["chart.json"], "Read-only file system");
}
