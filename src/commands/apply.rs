//! `orgtree apply` and `orgtree diff --script`: change scripts on the command line.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use orgtree::edit::script;
use orgtree::org::save::same_file;
use orgtree::org::{Org, Problem, save};
use orgtree::read::{LoadOptions, OpenOptions, load_str};
use orgtree::text::Escaped;

use super::{PROBLEMS, UNUSABLE, note, open, refuse_to_replace, report, shown, with_stdout};

/// `orgtree diff BEFORE AFTER --script`.
pub(super) fn print_script(before: &Org, after: &Org) -> Result<ExitCode> {
    let edits = script::between(before, after)
        .context("the change script between these charts cannot be worked out")?;
    with_stdout(|out| script::write(&edits, out))
}

/// `orgtree apply FILE SCRIPT -o OUT [--force]`.
pub(super) fn apply(
    file: &Path,
    script_file: &Path,
    output: &Path,
    force: bool,
    options: &OpenOptions,
) -> Result<ExitCode> {
    if file.as_os_str() == "-" && script_file.as_os_str() == "-" {
        bail!("standard input (-) can give the chart or the script, not both");
    }
    let to_stdout = output.as_os_str() == "-";
    if !to_stdout {
        if !force && same_file(file, output) {
            bail!(
                "{} is the chart the script starts from; write elsewhere, or use --force to replace it",
                shown(output)
            );
        }
        refuse_to_replace(output, force)?;
    }
    let mut org = match open(file, options) {
        Ok(org) => org,
        Err(code) => return Ok(code),
    };
    let text = read_text(script_file)?;
    let name = shown(script_file);
    let steps = match script::read(&text) {
        Ok(steps) => steps,
        Err(problems) => {
            report(&name, &problems);
            return Ok(ExitCode::from(UNUSABLE));
        }
    };
    let lenient = options.lenient;
    let refused = script::replay_all(&mut org, steps.iter().map(|step| &step.edit), lenient);
    if !refused.is_empty() {
        let problems: Vec<Problem> = refused.iter().map(|r| r.problem(&steps)).collect();
        report(&name, &problems);
        note(format_args!(
            "orgtree: {} of {} step{} refused; nothing was written",
            refused.len(),
            steps.len(),
            orgtree::report::plural(steps.len())
        ));
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
            return Ok(ExitCode::from(PROBLEMS));
        }
        Ok(loaded) => report(&result, &loaded.warnings),
        Err(error) => {
            report(&result, error.problems());
            note(format_args!(
                "orgtree: the result is not a valid chart; nothing was written"
            ));
            return Ok(ExitCode::from(PROBLEMS));
        }
    }
    if to_stdout {
        return with_stdout(|out| out.write_all(json.as_bytes()));
    }
    save::save_atomic(&org, output).with_context(|| format!("cannot write {}", shown(output)))?;
    let _ = writeln!(
        io::stderr(),
        "orgtree: applied {} edit{} to {}; wrote {} ({} posts)",
        steps.len(),
        orgtree::report::plural(steps.len()),
        shown(file),
        shown(output),
        org.len()
    );
    Ok(ExitCode::SUCCESS)
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
