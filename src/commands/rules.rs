//! `check --rules` and `diff --rules`: a rules file read (every problem at its line, the
//! whole file refused when any), and the violations of a chart, or of two.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use orgtree::org::Position;
use orgtree::read::Opened;
use orgtree::read::detect::Format;
use orgtree::read::post_places::post_places;
use orgtree::rules::{Rules, Violation, difference, read};
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

use super::{UNUSABLE, note, shown};

/// The rules in `file`; its problems on stderr and exit 2 when it cannot be used.
pub(super) fn load(file: &Path) -> Result<Rules, ExitCode> {
    let name = shown(file);
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            note(format_args!(
                "{name}: error: cannot read the rules: {error}"
            ));
            return Err(ExitCode::from(UNUSABLE));
        }
    };
    read(&text).map_err(|problems| {
        for problem in &problems {
            note(format_args!(
                "{name}:{}:{}: error: {}",
                problem.line, problem.column, problem.message
            ));
        }
        note(format_args!(
            "orgtree: {name} has {} problem{}; no rule was checked",
            problems.len(),
            orgtree::report::plural(problems.len())
        ));
        ExitCode::from(UNUSABLE)
    })
}

/// Where the posts of a chart are in its file, by id, where that is known.
pub(super) type Places = Option<FxHashMap<String, Position>>;

/// The places of the posts of `file`: those its reader kept (CSV, LDIF), or for an orgtree
/// JSON chart read from a file, found in it again; none for a workbook (whose cells the
/// reader names otherwise) or standard input.
pub(super) fn places(file: &Path, opened: &Opened) -> Places {
    if !opened.places.is_empty() {
        let org = &opened.org;
        return Some(
            org.posts()
                .filter_map(|node| {
                    let at = *opened.places.get(node.index())?;
                    (at.line > 0).then(|| (org.post(node).id().as_str().to_owned(), at))
                })
                .collect(),
        );
    }
    if opened.format != Format::Orgtree || file.as_os_str() == "-" {
        return None;
    }
    post_places(&std::fs::read_to_string(file).ok()?)
}

fn place_of(places: &Places, violation: &Violation) -> Option<Position> {
    places.as_ref()?.get(violation.post.as_deref()?).copied()
}

/// The violations of a file named `name`, a line each: `FILE:LINE:COL: RULE: ...` where the
/// post's place in the file is known, else `FILE: RULE: ...`.
pub(super) fn lines(name: &str, violations: &[Violation], places: &Places) -> Vec<String> {
    violations
        .iter()
        .map(|v| match place_of(places, v) {
            Some(at) => format!("{name}:{at}: {}", v.line()),
            None => format!("{name}: {}", v.line()),
        })
        .collect()
}

/// The JSON of `check --rules --json`: each file's violations, with their line and column
/// where known.
pub(super) fn files_json(
    rules_file: &Path,
    files: &[(String, Option<Vec<Violation>>, Places)],
) -> Value {
    let total: usize = files
        .iter()
        .filter_map(|(_, v, _)| v.as_ref())
        .map(Vec::len)
        .sum();
    json!({
        "rules": shown(rules_file),
        "violations": total,
        "files": files.iter().map(|(name, violations, places)| json!({
            "file": name,
            "loaded": violations.is_some(),
            "violations": violations.iter().flatten().map(|v| {
                let mut value = v.to_json();
                let at = place_of(places, v);
                value["line"] = json!(at.map(|at| at.line));
                value["column"] = json!(at.map(|at| at.column));
                value
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// What a change does to the rules: the violations it fixes and those it adds, as text.
pub(super) fn change_text(rules_file: &Path, before: &[Violation], after: &[Violation]) -> String {
    let (fixed, added) = difference(before, after);
    let mut text = format!(
        "Rules ({})\n  this change fixes {} violation{} and adds {}\n",
        shown(rules_file),
        fixed.len(),
        orgtree::report::plural(fixed.len()),
        added.len()
    );
    for v in fixed {
        let _ = writeln!(text, "  fixed  {}", v.line());
    }
    for v in added {
        let _ = writeln!(text, "  added  {}", v.line());
    }
    let _ = writeln!(
        text,
        "  violations: {} before, {} after",
        before.len(),
        after.len()
    );
    text
}

/// The same as JSON, for `diff --json --rules`.
pub(super) fn change_json(rules_file: &Path, before: &[Violation], after: &[Violation]) -> Value {
    let (fixed, added) = difference(before, after);
    json!({
        "file": shown(rules_file),
        "before": before.len(),
        "after": after.len(),
        "fixed": fixed.into_iter().map(Violation::to_json).collect::<Vec<_>>(),
        "added": added.into_iter().map(Violation::to_json).collect::<Vec<_>>(),
    })
}
