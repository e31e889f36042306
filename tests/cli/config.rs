//! `orgtree config` and the configuration file as the commands read it.

use std::path::Path;

use assert_cmd::Command;

use crate::common::fixtures;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// orgtree with `home` as `XDG_CONFIG_HOME`.
fn orgtree_in(home: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("orgtree")
        .unwrap()
        .current_dir(fixtures())
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .env("XDG_CONFIG_HOME", home)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A configuration home holding `text` as orgtree's configuration file.
fn home_with(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("orgtree")).unwrap();
    std::fs::write(home.path().join("orgtree/config.toml"), text).unwrap();
    home
}

#[test]
fn without_a_file_config_prints_the_defaults_and_where_the_file_would_be() {
    let home = tempfile::tempdir().unwrap();
    let run = orgtree_in(home.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = home.path().join("orgtree/config.toml");
    let head: Vec<&str> = run.stdout.lines().take(2).collect();
    assert!(head[0].contains("the defaults"), "{}", run.stdout);
    assert_eq!(head[1], format!("# {}", file.display()));
    assert!(run.stdout.contains("theme = \"dark\""), "{}", run.stdout);
    assert!(
        run.stdout.contains("down = [\"j\", \"Down\"]"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
    let path = orgtree_in(home.path(), &["config", "--path"]);
    assert_eq!(path.stdout.trim_end(), file.display().to_string());
}

#[test]
fn config_prints_the_settings_of_the_file_and_a_remapped_key() {
    let home = home_with("theme = \"light\"\n[keys.browse]\ndown = [\"n\", \"Down\"]\n");
    let run = orgtree_in(home.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("# orgtree configuration, read from ")
    );
    assert!(run.stdout.contains("theme = \"light\""), "{}", run.stdout);
    assert!(
        run.stdout.contains("down = [\"n\", \"Down\"]"),
        "{}",
        run.stdout
    );
    // n was the next match: it is no longer, and the output says so.
    assert!(run.stdout.contains("next-match = []"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("# n does down now, no longer keys.browse.next-match"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_wrong_setting_is_a_warning_with_its_line_and_the_others_still_apply() {
    let home = home_with("ascii = true\ntheme = \"sepia\"\n[keys.browse]\ndown = \"n\"\n");
    let file = home.path().join("orgtree/config.toml");
    let run = orgtree_in(home.path(), &["config"]);
    assert_eq!(run.code, 1, "config exits 1 when settings were ignored");
    assert_eq!(
        run.stderr,
        format!(
            "orgtree: {}:2:9: warning: theme is \"dark\", \"light\" or \"plain\" (no colour); ignored\n",
            file.display()
        )
    );
    assert!(run.stdout.contains("ascii = true"), "{}", run.stdout);
    assert!(run.stdout.contains("theme = \"dark\""), "{}", run.stdout);
    // Other commands say it too, and go on.
    let print = orgtree_in(home.path(), &["print", "cddo-missions.json"]);
    assert_eq!(print.code, 0, "{}", print.stderr);
    assert!(
        print.stderr.contains(":2:9: warning: theme"),
        "{}",
        print.stderr
    );
}

#[test]
fn a_file_that_is_not_toml_is_ignored_with_its_line_and_nothing_fails() {
    let home = home_with("ascii = true\n[keys.browse\n");
    let run = orgtree_in(home.path(), &["print", "cddo-missions.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("config.toml:2:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the whole file is ignored"),
        "{}",
        run.stderr
    );
    // ascii = true was not applied: the guides are box drawing.
    assert!(run.stdout.contains("└─"), "{}", run.stdout);
}

#[test]
fn ascii_in_the_config_draws_printed_trees_in_ascii() {
    let home = home_with("ascii = true\n");
    let run = orgtree_in(home.path(), &["print", "cddo-missions.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("`-"), "{}", run.stdout);
    assert!(!run.stdout.contains("└─"), "{}", run.stdout);
    // --no-config leaves the file out.
    let plain = orgtree_in(home.path(), &["--no-config", "print", "cddo-missions.json"]);
    assert!(plain.stdout.contains("└─"), "{}", plain.stdout);
}

#[test]
fn a_config_file_named_on_the_command_line_must_exist() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nothing.toml");
    let run = orgtree_in(
        home.path(),
        &["--config", missing.to_str().unwrap(), "config"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read the configuration file")
            && run.stderr.contains("nothing.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn commands_that_draw_nothing_do_not_read_the_config() {
    let home = home_with("this is not toml\n");
    let run = orgtree_in(home.path(), &["stats", "cddo-missions.json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
}
