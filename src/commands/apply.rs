//! `orgtree apply` and `orgtree diff --script`: change scripts on the command line.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use orgtree::edit::script::{self, MadeOn};
use orgtree::org::save::same_file;
use orgtree::org::{Org, Problem, Severity, save};
use orgtree::read::{LoadOptions, OpenOptions, load_str};
use orgtree::report::plural;
use orgtree::text::Escaped;
use serde_json::{Value, json};

use super::{PROBLEMS, UNUSABLE, note, open, refuse_to_replace, report, shown, with_stdout};

/// `orgtree diff BEFORE AFTER --script`.
pub(super) fn print_script(before: &Org, after: &Org) -> Result<ExitCode> {
    let edits = script::between(before, after)
        .context("the change script between these charts cannot be worked out")?;
    with_stdout(|out| script::write_made_on(&edits, &MadeOn::of(before), out))
}

/// What `orgtree apply` was asked.
pub(super) struct Asked {
    pub file: PathBuf,
    pub script: PathBuf,
    pub output: PathBuf,
    pub force: bool,
    pub keep_going: bool,
    pub json: bool,
}

/// `orgtree apply FILE SCRIPT -o OUT [--force] [--keep-going] [--json]`.
pub(super) fn apply(asked: &Asked, options: &OpenOptions) -> Result<ExitCode> {
    let (file, script_file, output) = (&asked.file, &asked.script, &asked.output);
    if file.as_os_str() == "-" && script_file.as_os_str() == "-" {
        bail!("standard input (-) can give the chart or the script, not both");
    }
    let to_stdout = output.as_os_str() == "-";
    if asked.json && to_stdout {
        bail!("--json prints the report on standard output: write the chart to a file with -o OUT");
    }
    if !to_stdout {
        if !asked.force && same_file(file, output) {
            bail!(
                "{} is the chart the script starts from; write elsewhere, or use --force to replace it",
                shown(output)
            );
        }
        refuse_to_replace(output, asked.force)?;
    }
    let mut org = match open(file, options) {
        Ok(org) => org,
        Err(code) => return Ok(code),
    };
    let text = read_text(script_file)?;
    let name = shown(script_file);
    let script = match script::read_script(&text) {
        Ok(script) => script,
        Err(problems) => {
            report(&name, &problems);
            return Ok(ExitCode::from(UNUSABLE));
        }
    };
    let steps = &script.steps;
    // The chart the script was made on, against this one.
    let target = (script.made_on.is_some() || asked.json).then(|| MadeOn::of(&org));
    let rebased = match (&script.made_on, &target) {
        (Some(made_on), Some(target)) => !made_on.same_content(target),
        _ => false,
    };
    if let (true, Some(made_on), Some(target)) = (rebased, &script.made_on, &target) {
        note(format_args!(
            "orgtree: {name} was made on {}; {} is {}: steps that no longer fit are reported",
            made_on.described(),
            shown(file),
            target.described()
        ));
    }

    let lenient = options.lenient;
    let edits = steps.iter().map(|step| &step.edit);
    // With --keep-going what is refused is left out, and nothing of it done.
    let replayed = script::replay_noting(&mut org, edits, lenient, asked.keep_going);
    let refused = replayed.refused;
    // On another chart than the script's, the moves done since are said (on its own chart
    // a move already so is the script's own way of keeping an order).
    let already = if rebased {
        replayed.already
    } else {
        Vec::new()
    };
    let problems: Vec<Problem> = refused.iter().map(|r| r.problem(steps)).collect();
    // The moves done already, as warnings among the refusals, in the order of the steps.
    let mut said: Vec<(usize, Problem)> = refused
        .iter()
        .map(|r| r.step)
        .zip(problems.iter().cloned())
        .chain(already.iter().map(|(at, message)| {
            (
                *at,
                Problem {
                    severity: Severity::Warning,
                    position: Some(steps[at - 1].position),
                    message: format!("step {at} ({}): {message}", steps[at - 1].edit.kind()),
                },
            )
        }))
        .collect();
    said.sort_by_key(|(at, _)| *at);
    let said: Vec<Problem> = said.into_iter().map(|(_, problem)| problem).collect();
    report(&name, &said);
    let outcome = Outcome {
        asked,
        made_on: script.made_on.as_ref(),
        target: target.as_ref(),
        rebased,
        steps,
        refused: &refused,
        problems: &problems,
        already: &already,
    };
    if !refused.is_empty() && !asked.keep_going {
        note(format_args!(
            "orgtree: {} of {} step{} refused; nothing was written (--keep-going writes what fits)",
            refused.len(),
            steps.len(),
            plural(steps.len())
        ));
        if asked.json {
            with_stdout(|out| save::write_value(&outcome.to_json(false), out))?;
        }
        return Ok(ExitCode::from(PROBLEMS));
    }
    // The result must load as any chart does (leniently, for a lenient apply) before it is
    // written anywhere, and read back as the chart the script made.
    let json = save::to_json(&org);
    let result = if to_stdout {
        "standard output (the result)".to_owned()
    } else {
        format!("{} (the result)", shown(output))
    };
    match load_str(&json, LoadOptions { lenient }) {
        Ok(loaded) if loaded.org != org => {
            note(format_args!(
                "orgtree: the result would not read back as the chart the script made; nothing was written"
            ));
            if asked.json {
                with_stdout(|out| save::write_value(&outcome.to_json(false), out))?;
            }
            return Ok(ExitCode::from(PROBLEMS));
        }
        Ok(loaded) => report(&result, &loaded.warnings),
        Err(error) => {
            report(&result, error.problems());
            note(format_args!(
                "orgtree: the result is not a valid chart; nothing was written"
            ));
            if asked.json {
                with_stdout(|out| save::write_value(&outcome.to_json(false), out))?;
            }
            return Ok(ExitCode::from(PROBLEMS));
        }
    }
    let done = steps.len() - refused.len();
    let code = if refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(PROBLEMS)
    };
    if to_stdout {
        with_stdout(|out| out.write_all(json.as_bytes()))?;
        return Ok(code);
    }
    let what = format!("writing {}", shown(output));
    match super::progress_line::during(&what, || save::save_atomic(&org, output)) {
        Ok(saved) => saved.with_context(|| format!("cannot write {}", shown(output)))?,
        Err(code) => return Ok(code),
    }
    let applied = if refused.is_empty() {
        format!("{done} edit{}", plural(done))
    } else {
        format!(
            "{done} of {} edit{} ({} left out, above)",
            steps.len(),
            plural(steps.len()),
            refused.len()
        )
    };
    let _ = writeln!(
        io::stderr(),
        "orgtree: applied {applied} to {}; wrote {} ({} posts)",
        shown(file),
        shown(output),
        org.len()
    );
    if asked.json {
        with_stdout(|out| save::write_value(&outcome.to_json(true), out))?;
    }
    Ok(code)
}

/// What an apply did, for `--json`.
struct Outcome<'a> {
    asked: &'a Asked,
    made_on: Option<&'a MadeOn>,
    target: Option<&'a MadeOn>,
    rebased: bool,
    steps: &'a [script::ReadStep],
    refused: &'a [script::Refused],
    problems: &'a [Problem],
    already: &'a [(usize, String)],
}

impl Outcome<'_> {
    fn to_json(&self, written: bool) -> Value {
        let step = |at: usize, message: &str| {
            let read = &self.steps[at - 1];
            json!({
                "step": at,
                "line": read.position.line,
                "column": read.position.column,
                "edit": read.edit.kind(),
                "message": message,
            })
        };
        json!({
            "chart": shown(&self.asked.file),
            "script": shown(&self.asked.script),
            "output": written.then(|| shown(&self.asked.output)),
            "made_on": self.made_on,
            "chart_is": self.target,
            "rebased": self.rebased,
            "steps": self.steps.len(),
            "done": if written { self.steps.len() - self.refused.len() } else { 0 },
            "left_out": self.refused.iter().zip(self.problems).map(|(r, p)| {
                let mut value = step(r.step, &r.error.to_string());
                value["problem"] = Value::from(p.message.clone());
                value
            }).collect::<Vec<_>>(),
            "already_done": self.already.iter().map(|(at, message)| step(*at, message)).collect::<Vec<_>>(),
        })
    }
}

fn read_text(file: &Path) -> Result<String> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the script from standard input")?;
    } else {
        text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", Escaped(&file.to_string_lossy())))?;
    }
    Ok(text)
}
