//! `orgtree diff`: the change list (text, Markdown or JSON), the change script, git's
//! external diff, and what a change does to the rules.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use orgtree::compare::{self, MatchBy};
use orgtree::org::{Org, save};
use orgtree::read::OpenOptions;
use orgtree::report::diff;

use super::progress_line::during;
use super::{PROBLEMS, apply, match_by, open, open_pair, rules, shown, with_stdout};
use crate::cli::{DiffFormat, Match, MatchArgs};

/// What `orgtree diff` was asked.
pub(super) struct Asked {
    pub files: Vec<PathBuf>,
    pub format: DiffFormat,
    pub rules: Option<PathBuf>,
    pub exit_code: bool,
    pub full: bool,
    pub script: bool,
    pub matching: MatchArgs,
}

pub(super) fn diff(asked: &Asked, sides: &(OpenOptions, OpenOptions)) -> Result<ExitCode> {
    let files = &asked.files;
    if asked.script && asked.matching.by == Some(Match::Content) {
        bail!(
            "--script pairs posts by id: a change script gives the after chart's ids, so a post whose id changed is closed and added again; leave out --match content"
        );
    }
    let git = match files.as_slice() {
        [_, _] => None,
        [path, old, _, _, new, _, _] => Some((path.clone(), old.clone(), new.clone())),
        _ => bail!(
            "orgtree diff takes BEFORE AFTER, or the seven arguments git gives an external diff; it was given {}",
            files.len()
        ),
    };
    if let Some((path, old, new)) = git {
        return git_diff(&path, &old, &new, sides, match_by(asked.matching));
    }
    let rules = match asked.rules.as_deref().map(rules::load).transpose() {
        Ok(rules) => rules,
        Err(code) => return Ok(code),
    };
    let (old, new) = match open_pair(&files[0], &files[1], sides) {
        Ok(pair) => pair,
        Err(code) => return Ok(code),
    };
    if asked.script {
        let code = apply::print_script(&old, &new)?;
        if asked.exit_code && old != new {
            return Ok(ExitCode::from(PROBLEMS));
        }
        return Ok(code);
    }
    let comparison = match during("comparing", || {
        compare::compare(&old, &new, match_by(asked.matching))
    }) {
        Ok(comparison) => comparison,
        Err(code) => return Ok(code),
    };
    let shown_diff = diff::Diff {
        before: &old,
        after: &new,
        comparison: &comparison,
    };
    // What the change does to the rules, when asked: the violations of each chart.
    let broken = rules.as_ref().map(|rules| {
        (
            orgtree::rules::check(&old, rules),
            orgtree::rules::check(&new, rules),
        )
    });
    let rules_file = asked.rules.as_deref().unwrap_or(Path::new(""));
    let code = match asked.format {
        DiffFormat::Json => match &broken {
            // Streamed, as a large diff is, unless the rules join it.
            None => with_stdout(|out| save::write_value(&diff::DiffJson(shown_diff), out))?,
            Some((before, after)) => {
                let mut value = diff::to_json(&shown_diff);
                value["rules"] = rules::change_json(rules_file, before, after);
                with_stdout(|out| save::write_value(&value, out))?
            }
        },
        DiffFormat::Markdown => with_stdout(|out| {
            diff::write_markdown(out, &shown_diff, asked.full)?;
            if let Some((before, after)) = &broken {
                writeln!(out)?;
                writeln!(out, "```text")?;
                write!(out, "{}", rules::change_text(rules_file, before, after))?;
                writeln!(out, "```")?;
            }
            Ok(())
        })?,
        DiffFormat::Text => with_stdout(|out| {
            diff::write_text_with(out, &shown_diff, asked.full)?;
            if let Some((before, after)) = &broken {
                writeln!(out)?;
                write!(out, "{}", rules::change_text(rules_file, before, after))?;
            }
            Ok(())
        })?,
    };
    if asked.exit_code && !comparison.changes.is_empty() {
        return Ok(ExitCode::from(PROBLEMS));
    }
    Ok(code)
}

/// `orgtree diff` as git's external diff (`diff.<driver>.command`): the change list of
/// PATH between the two files git gives, `/dev/null` for the side where the file does not
/// exist. It exits 0 whatever changed, as git expects of an external diff.
fn git_diff(
    path: &Path,
    old: &Path,
    new: &Path,
    sides: &(OpenOptions, OpenOptions),
    by: MatchBy,
) -> Result<ExitCode> {
    let absent = |file: &Path| file == Path::new("/dev/null");
    let side = |file: &Path, options: &OpenOptions| -> Result<Org, ExitCode> {
        if absent(file) {
            Ok(Org::new(orgtree::org::Meta::default()))
        } else {
            open(file, options)
        }
    };
    let (old, new) = match (side(old, &sides.0), side(new, &sides.1)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return Ok(code),
    };
    let comparison = match during("comparing", || compare::compare(&old, &new, by)) {
        Ok(comparison) => comparison,
        Err(code) => return Ok(code),
    };
    let changes = diff::Diff {
        before: &old,
        after: &new,
        comparison: &comparison,
    };
    let name = shown(path);
    with_stdout(|out| {
        writeln!(out, "orgtree diff {name}")?;
        diff::write_text(out, &changes)
    })
}
