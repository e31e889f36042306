//! `orgtree import` and `orgtree export`: charts to and from other formats.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use orgtree::import::{self, Found, Imported};
use orgtree::org::{LoadOptions, Org, save};
use orgtree::report::export;

use super::{PROBLEMS, find, open, refuse_to_replace, shown, with_stdout};
use crate::cli::{ExportFormat, ImportFormat};

/// `orgtree import FORMAT FILE... -o OUT [--force]`.
pub(super) fn import(format: &ImportFormat) -> Result<ExitCode> {
    let output = format.output();
    refuse_to_replace(&output.output, output.force)?;
    // Published CSV files are UTF-8 or, from spreadsheets on Windows, Windows-1252.
    let read_csv = |file: &Path| -> Result<(String, String)> {
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", shown(file)))?;
        Ok((shown(file), import::organogram::decode(&bytes).into_owned()))
    };
    // JSON is UTF-8.
    let read = |file: &Path| -> Result<(String, String)> {
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", shown(file)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text, as JSON must be", shown(file)))?;
        Ok((shown(file), text))
    };
    let (sources, result) = match format {
        ImportFormat::Organogram { senior, junior, .. } => {
            let senior = read_csv(senior)?;
            let junior = junior.as_deref().map(read_csv).transpose()?;
            let names = std::iter::once(senior.0.clone())
                .chain(junior.iter().map(|j| j.0.clone()))
                .collect::<Vec<_>>()
                .join(" and ");
            let result = import::organogram::organogram(
                (&senior.0, &senior.1),
                junior
                    .as_ref()
                    .map(|(name, text)| (name.as_str(), text.as_str())),
            );
            (names, result)
        }
        ImportFormat::Nested {
            file,
            children_key,
            title_key,
            holder_key,
            id_key,
            ..
        } => {
            let (name, text) = read(file)?;
            let options = import::nested::NestedOptions {
                children_key: children_key.clone(),
                title_key: title_key.clone(),
                holder_key: holder_key.clone(),
                id_key: id_key.clone(),
            };
            let result = import::nested::nested(&name, &text, &options);
            (name, result)
        }
        ImportFormat::Flat {
            file,
            id_key,
            parent_key,
            title_key,
            holder_key,
            ..
        } => {
            let (name, text) = read(file)?;
            let options = import::flat::FlatOptions {
                id_key: id_key.clone(),
                parent_key: parent_key.clone(),
                title_key: title_key.clone(),
                holder_key: holder_key.clone(),
            };
            let result = import::flat::flat(&name, &text, &options);
            (name, result)
        }
    };
    match result {
        Ok(Imported { org, warnings }) => {
            report_found(&warnings);
            save::save_atomic(&org, &output.output)
                .with_context(|| format!("cannot write {}", shown(&output.output)))?;
            let _ = writeln!(
                io::stderr(),
                "orgtree: imported {} post{} from {sources}; wrote {}",
                org.len(),
                orgtree::report::plural(org.len()),
                shown(&output.output)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            report_found(&problems);
            let _ = writeln!(io::stderr(), "orgtree: nothing was written");
            Ok(ExitCode::from(PROBLEMS))
        }
    }
}

fn report_found(found: &[Found]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for item in found {
        let _ = writeln!(err, "{}", item.problem.display_in(&item.file));
    }
}

/// `orgtree export FILE --to FORMAT [--root ID] [--depth N] [-o OUT] [--force]`.
pub(super) fn export(
    file: &Path,
    to: ExportFormat,
    root: Option<&str>,
    depth: Option<u32>,
    output: Option<&Path>,
    force: bool,
    options: LoadOptions,
) -> Result<ExitCode> {
    let org = match open(file, options) {
        Ok(org) => org,
        Err(code) => return Ok(code),
    };
    if let Some(output) = output {
        refuse_to_replace(output, force)?;
    }
    let root = root.map(|id| find(&org, id, file)).transpose()?;
    let part;
    let org: &Org = if root.is_some() || depth.is_some() {
        part = export::part(&org, root, depth);
        &part
    } else {
        &org
    };
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match to {
            ExportFormat::Json => save::write_json(org, out),
            ExportFormat::Dot => export::write_dot(org, out),
            ExportFormat::Mermaid => export::write_mermaid(org, out),
            ExportFormat::Csv => export::write_csv(org, out),
            ExportFormat::Organogram => export::write_organogram(org, out),
        }
    };
    match output {
        Some(output) => {
            save::write_atomic(output, |out| write(out))
                .with_context(|| format!("cannot write {}", shown(output)))?;
            Ok(ExitCode::SUCCESS)
        }
        None => with_stdout(|out| write(out)),
    }
}
