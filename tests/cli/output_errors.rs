//! Standard output that fails: a reader that stopped reading ends orgtree quietly, a full
//! disk is an error message and exit 2, and neither is ever a panic.

use std::process::{Command, Stdio};

use crate::common::{acts_on_terminal, fixtures};

/// Commands that write to standard output, each with enough to write that the failure is met.
const WRITERS: &[&[&str]] = &[
    &[
        "check",
        "cabinet-office-before-cdo.json",
        "gds-after-bracken.json",
    ],
    &["print", "cddo-missions.json"],
    &["stats", "cddo-missions.json"],
    &["export", "cddo-missions.json", "--to", "dot"],
    &["export", "cddo-missions.json", "--to", "csv"],
    &["diff", "gds-before-bracken.json", "gds-after-bracken.json"],
    &[
        "diff",
        "gds-before-bracken.json",
        "gds-after-bracken.json",
        "--json",
    ],
    &["schema"],
    &["completions", "bash"],
    &["man"],
];

fn run_into(args: &[&str], stdout: Stdio) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgtree"))
        .current_dir(fixtures())
        .env("LANG", "C.UTF-8")
        .env("RUST_BACKTRACE", "0")
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("orgtree runs")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for args in WRITERS {
        // The reading end is closed before orgtree starts, so its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run_into(args, Stdio::from(writer));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_message_with_exit_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full on this machine");
        return;
    };
    for args in WRITERS {
        let output = run_into(args, Stdio::from(full.try_clone().unwrap()));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.ends_with(
                "orgtree: error: cannot write to standard output: No space left on device (os error 28)\n"
            ),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn command_line_errors_show_hostile_arguments_escaped() {
    // What `orgtree check *.json` passes when a folder holds a file named to retitle the
    // terminal window, and other arguments with C1 and bidi characters.
    let cases: &[&[&str]] = &[
        &["check", "--\u{1b}]0;PWNED\u{7}.json"],
        &["--x\u{202e}\u{9b}"],
        &["print", "--depth", "\u{1b}[2J", "x.json"],
        &["diff", "--match", "\u{9b}31m", "a.json", "b.json"],
    ];
    for args in cases {
        let output = run_into(args, Stdio::piped());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(!acts_on_terminal(&stderr), "{args:?}: {stderr:?}");
    }
    let output = run_into(cases[0], Stdio::piped());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("unexpected argument '--\\u{1b}]0;PWNED\\u{7}.json'"),
        "the argument is shown, escaped: {stderr}"
    );
}
