//! What `-o OUT --force` writes over, for `export`, `import` and `apply`: through a symbolic
//! link to the file it names (the link stays a link), into a named pipe or a device (never
//! replaced), never over a folder or a socket (a message names the path), and no hidden
//! temporary file is left behind.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};

use crate::common::{Run, fixtures, orgtree};

const BEFORE: &str = "home-office-technology-before-coo.json";
const AFTER: &str = "home-office-technology-after-coo.json";

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn succeeded(run: &Run) {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
}

/// What a successful export, import or apply writes for `BEFORE` (or, for apply, the after
/// chart), as JSON values, to compare with what landed behind the link.
fn chart_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).expect("the written chart"))
        .expect("the written chart is JSON")
}

/// The names in `folder`, sorted: to see that no temporary file was left.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("the folder")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder with `real.json` (a copy of `AFTER`, so that writing `BEFORE` changes it) and
/// `link.json`, a relative link to it.
fn folder_with_link() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let real = folder.path().join("real.json");
    fs::copy(fixtures().join(AFTER), &real).unwrap();
    let link = folder.path().join("link.json");
    symlink("real.json", &link).unwrap();
    (folder, real, link)
}

fn assert_still_a_link_to_real(link: &Path) {
    let meta = fs::symlink_metadata(link).expect("the link");
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(fs::read_link(link).unwrap(), Path::new("real.json"));
}

#[test]
fn export_import_and_apply_write_through_a_link_to_the_file_it_names() {
    // export
    let (folder, real, link) = folder_with_link();
    let run = orgtree(&[
        "export",
        BEFORE,
        "--to",
        "json",
        "-o",
        text(&link),
        "--force",
    ]);
    succeeded(&run);
    assert_still_a_link_to_real(&link);
    assert_eq!(chart_json(&real), chart_json(&fixtures().join(BEFORE)));
    assert_eq!(names_in(folder.path()), ["link.json", "real.json"]);

    // apply: the script from before to after, applied to before through the link
    let (folder, real, link) = folder_with_link();
    fs::copy(fixtures().join(BEFORE), &real).unwrap();
    let script = orgtree(&["diff", BEFORE, AFTER, "--script"]);
    succeeded(&script);
    let script_file = folder.path().join("script.json");
    fs::write(&script_file, &script.stdout).unwrap();
    let run = orgtree(&[
        "apply",
        BEFORE,
        text(&script_file),
        "-o",
        text(&link),
        "--force",
    ]);
    succeeded(&run);
    assert_still_a_link_to_real(&link);
    let applied = orgtree(&["diff", AFTER, text(&real)]);
    assert_eq!(applied.code, 0, "{}{}", applied.stdout, applied.stderr);
    assert!(
        applied.stdout.contains("No changes"),
        "the real file is not the after chart:\n{}",
        applied.stdout
    );
    assert_eq!(
        names_in(folder.path()),
        ["link.json", "real.json", "script.json"]
    );

    // import
    let (folder, real, link) = folder_with_link();
    let nested = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/import/dabeng.json");
    let run = orgtree(&[
        "import",
        "nested",
        text(&nested),
        "-o",
        text(&link),
        "--force",
    ]);
    succeeded(&run);
    assert_still_a_link_to_real(&link);
    let expected = orgtree(&["import", "nested", text(&nested), "-o", "-"]);
    succeeded(&expected);
    assert_eq!(
        chart_json(&real),
        serde_json::from_str::<serde_json::Value>(&expected.stdout).unwrap()
    );
    assert_eq!(names_in(folder.path()), ["link.json", "real.json"]);
}

#[test]
fn a_link_to_a_file_not_there_yet_is_written_where_it_points() {
    let folder = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("charts")).unwrap();
    let link = folder.path().join("link.json");
    symlink("charts/new.json", &link).unwrap();
    // Not there yet: the link does not count as a file that exists, and needs no --force.
    let run = orgtree(&["export", BEFORE, "--to", "json", "-o", text(&link)]);
    succeeded(&run);
    let written = folder.path().join("charts/new.json");
    assert_eq!(chart_json(&written), chart_json(&fixtures().join(BEFORE)));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names_in(&folder.path().join("charts")), ["new.json"]);
}

#[test]
fn a_link_into_a_folder_not_there_is_refused_with_a_message() {
    let folder = tempfile::tempdir().unwrap();
    let link = folder.path().join("link.json");
    symlink("missing/new.json", &link).unwrap();
    let run = orgtree(&[
        "export",
        BEFORE,
        "--to",
        "json",
        "-o",
        text(&link),
        "--force",
    ]);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("link.json")
            && run.stderr.contains("missing/new.json")
            && run.stderr.contains("folder")
            && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names_in(folder.path()), ["link.json"]);
}

#[test]
fn a_folder_given_as_the_output_is_called_a_folder() {
    let folder = tempfile::tempdir().unwrap();
    let sub = folder.path().join("charts");
    fs::create_dir(&sub).unwrap();
    let with_slash = format!("{}/", text(&sub));
    let missing_with_slash = format!("{}/", text(&folder.path().join("nothere")));
    let nested_file = fixtures().join("../tests/import/dabeng.json");
    let nested = text(&nested_file);
    // A chart as the script of apply: the output is refused before the script is read.
    let commands: [&[&str]; 3] = [
        &["export", BEFORE, "--to", "csv"],
        &["import", "nested", nested],
        &["apply", BEFORE, AFTER],
    ];
    for (force, command) in [false, true]
        .into_iter()
        .flat_map(|force| commands.iter().map(move |command| (force, command)))
    {
        for output in [text(&sub), with_slash.as_str(), missing_with_slash.as_str()] {
            let mut args = command.to_vec();
            args.extend(["-o", output]);
            if force {
                args.push("--force");
            }
            let run = orgtree(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("folder") && run.stderr.contains("file name"),
                "{args:?}: {}",
                run.stderr
            );
            assert!(
                !run.stderr.contains("Not a directory")
                    && !run.stderr.contains("Is a directory")
                    && !run.stderr.contains("already exists"),
                "{args:?}: {}",
                run.stderr
            );
        }
    }
    assert!(names_in(&sub).is_empty(), "{:?}", names_in(&sub));
    assert_eq!(names_in(folder.path()), ["charts"]);
}

#[test]
fn a_socket_is_not_written_over_and_the_message_names_it() {
    let folder = tempfile::tempdir().unwrap();
    let socket = folder.path().join("orgtree.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let run = orgtree(&[
        "export",
        BEFORE,
        "--to",
        "json",
        "-o",
        text(&socket),
        "--force",
    ]);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("orgtree.sock") && run.stderr.contains("socket"),
        "{}",
        run.stderr
    );
    assert!(
        fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );
    assert_eq!(names_in(folder.path()), ["orgtree.sock"]);
}

#[test]
fn a_named_pipe_is_written_into_through_a_link_and_stays_a_pipe() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = folder.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let link = folder.path().join("to-pipe");
    symlink("pipe", &link).unwrap();
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || fs::read_to_string(pipe).unwrap())
    };
    let run = orgtree(&[
        "export",
        BEFORE,
        "--to",
        "json",
        "-o",
        text(&link),
        "--force",
    ]);
    succeeded(&run);
    let read: serde_json::Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert_eq!(read, chart_json(&fixtures().join(BEFORE)));
    assert!(fs::metadata(&pipe).unwrap().file_type().is_fifo());
    assert_eq!(names_in(folder.path()), ["pipe", "to-pipe"]);
}

/// A character device of our own (the null device's numbers, made with `mknod`, which needs
/// root): the machine's own `/dev/null` is not risked. Without the rights, `/dev/null` is
/// only written to (a user cannot replace it anyway).
#[test]
fn a_device_is_written_to_and_stays_a_device() {
    let folder = tempfile::tempdir().unwrap();
    let device = folder.path().join("null");
    let made = std::process::Command::new("mknod")
        .args([text(&device), "c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let device = if made {
        device
    } else {
        PathBuf::from("/dev/null")
    };
    let run = orgtree(&[
        "export",
        BEFORE,
        "--to",
        "csv",
        "-o",
        text(&device),
        "--force",
    ]);
    succeeded(&run);
    assert!(
        fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device(),
        "{} is no longer a device",
        device.display()
    );
    if made {
        assert_eq!(names_in(folder.path()), ["null"]);
    }
}
