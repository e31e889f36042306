//! Charts under git: `orgtree textconv` as the text conversion of a diff driver gives
//! `git diff` and `git log -p` one line per post, and `orgtree diff` as the driver's
//! external command gives its change list. A real repository, built with git.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::fixtures;

const ORGTREE: &str = env!("CARGO_BIN_EXE_orgtree");

/// git in `repo`, with no configuration of the machine's user or system.
fn git(repo: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("HOME", repo)
        .env("XDG_CONFIG_HOME", repo.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_PAGER", "cat")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("git runs (.ci/run installs it)");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A repository with the Home Office technology chart committed before and after its new
/// COO post, as chart.json, and the attributes and configuration the guide gives.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join(".gitattributes"), "*.json diff=orgtree\n").unwrap();
    git(
        repo,
        &[
            "config",
            "diff.orgtree.textconv",
            &format!("{ORGTREE} --no-config textconv"),
        ],
    );
    for (file, message) in [
        ("home-office-technology-before-coo.json", "before"),
        ("home-office-technology-after-coo.json", "after"),
    ] {
        std::fs::copy(fixtures().join(file), repo.join("chart.json")).unwrap();
        git(repo, &["add", "."]);
        git(repo, &["commit", "-q", "-m", message]);
    }
    dir
}

/// The posts of an orgtree JSON fixture by id, as the file gives them.
fn posts(file: &str) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let chart: Value = serde_json::from_str(&text).unwrap();
    chart["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|post| (post["id"].as_str().unwrap().to_owned(), post.clone()))
        .collect()
}

/// The lines a diff adds and removes, without its headers.
fn changed_lines(patch: &str) -> (Vec<&str>, Vec<&str>) {
    let lines: Vec<&str> = patch
        .lines()
        .filter(|l| !l.starts_with("+++") && !l.starts_with("---"))
        .collect();
    (
        lines.iter().filter_map(|l| l.strip_prefix('-')).collect(),
        lines.iter().filter_map(|l| l.strip_prefix('+')).collect(),
    )
}

#[test]
fn git_diff_and_log_show_one_line_per_changed_post() {
    let dir = repository();
    let repo = dir.path();
    for patch in [
        git(repo, &["diff", "HEAD~1", "HEAD"]),
        git(repo, &["log", "-p", "-1"]),
    ] {
        let (removed, added) = changed_lines(&patch);
        let id = |line: &&str| line.split(':').next().unwrap().to_owned();
        let removed: Vec<String> = removed.iter().map(id).collect();
        let added: Vec<String> = added.iter().map(id).collect();
        // Expected from the two files themselves: the posts whose object differs, each one
        // line, after the chart's heading (its name and date changed).
        let (before, after) = (
            posts("home-office-technology-before-coo.json"),
            posts("home-office-technology-after-coo.json"),
        );
        let changed = |from: &BTreeMap<String, Value>, to: &BTreeMap<String, Value>| {
            from.iter()
                .filter(|(id, post)| to.get(*id) != Some(*post))
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
        };
        let heading = |name: &str, date: &str| vec![format!("# {name}"), format!("# as of {date}")];
        let mut want_removed = heading(
            "Home Office Technology (before the technology COO post)",
            "2015-03-01",
        );
        want_removed.extend(changed(&before, &after));
        let mut want_added = heading("Home Office Technology", "2015-06-26");
        want_added.extend(changed(&after, &before));
        assert_eq!(removed, want_removed, "{patch}");
        assert_eq!(added, want_added, "{patch}");
        // Three moves and two new posts: five posts' lines, no more.
        assert_eq!(want_added.len() - 2, 5);
        assert!(
            patch.contains(
                "+dir-commercial: Director of Commercial Technology (Gareth Lindqvist) <- coo"
            ),
            "{patch}"
        );
    }
}

#[test]
fn orgtree_diff_is_git_s_external_diff() {
    let dir = repository();
    let repo = dir.path();
    git(
        repo,
        &[
            "config",
            "diff.orgtree.command",
            &format!("{ORGTREE} --no-config diff"),
        ],
    );
    let patch = git(repo, &["diff", "HEAD~1", "HEAD"]);
    assert!(patch.starts_with("orgtree diff chart.json\n"), "{patch}");
    assert!(
        patch.contains(
            "moved  Head of Technology Finance (Malcolm Ferris): Chief Technology Officer -> Chief Operating Officer, Technology"
        ),
        "{patch}"
    );
    assert!(
        patch.contains("changes          2 added, 3 moved, 1 fields"),
        "{patch}"
    );
    // A chart added in a commit: git gives /dev/null for the side before.
    std::fs::copy(
        fixtures().join("cddo-missions.json"),
        repo.join("missions.json"),
    )
    .unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "missions"]);
    let added = git(repo, &["log", "-p", "--ext-diff", "-1"]);
    assert!(added.contains("orgtree diff missions.json"), "{added}");
    let posts = orgtree_posts(&fixtures().join("cddo-missions.json"));
    assert!(
        added.contains(&format!("changes          {posts} added")),
        "{added}"
    );
}

/// The number of posts `orgtree stats --json` counts in `file`.
fn orgtree_posts(file: &Path) -> u64 {
    let output = Command::new(ORGTREE)
        .args(["--no-config", "stats", "--json"])
        .arg(file)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    stats["posts"].as_u64().unwrap()
}
