//! Running the real `orgtree` binary from the tests.

// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

/// The outcome of one run: exit code, stdout and stderr as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs orgtree in the fixtures folder, with a UTF-8 locale and no colour settings.
pub fn orgtree(args: &[&str]) -> Run {
    orgtree_with_input(args, "")
}

pub fn orgtree_with_input(args: &[&str], stdin: &str) -> Run {
    let output: Output = Command::cargo_bin("orgtree")
        .expect("the orgtree binary is built")
        .current_dir(fixtures())
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("orgtree runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}
