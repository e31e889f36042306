//! `orgtree import` and `orgtree export`: charts to and from other formats.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use orgtree::org::{Org, save};
use orgtree::read::sheet::{Refused, SheetOptions, workbook};
use orgtree::read::{self, Imported, OpenOptions};
use orgtree::report::export;

use super::progress_line::during;
use super::{PROBLEMS, UNUSABLE, find, open, refuse_to_replace, report_found, shown, with_stdout};
use crate::cli::{ExportFormat, ImportFormat};

/// `orgtree import FORMAT FILE... -o OUT [--force] [--lenient]`.
pub(super) fn import(format: &ImportFormat, lenient: bool) -> Result<ExitCode> {
    let output = format.output();
    let to_stdout = output.output.as_os_str() == "-";
    if !to_stdout {
        refuse_to_replace(&output.output, output.force)?;
    }
    let read_decoded = |file: &Path| read_input(file, true);
    let read = |file: &Path| read_input(file, false);
    let (sources, first, result) = match format {
        ImportFormat::Organogram { senior, junior, .. } => {
            let first = senior.clone();
            let senior = read_decoded(senior)?;
            let junior = junior.as_deref().map(read_decoded).transpose()?;
            let names = std::iter::once(senior.0.clone())
                .chain(junior.iter().map(|j| j.0.clone()))
                .collect::<Vec<_>>()
                .join(" and ");
            let result = read::organogram::organogram_with(
                (&senior.0, &senior.1),
                junior
                    .as_ref()
                    .map(|(name, text)| (name.as_str(), text.as_str())),
                lenient,
            );
            (names, first, result)
        }
        ImportFormat::Sheet {
            book,
            sheet,
            no_junior,
            columns,
            ..
        } => {
            let (name, bytes) = read_bytes(book)?;
            let options = SheetOptions {
                sheet: sheet.clone(),
                no_junior: *no_junior,
                lenient,
                hr: columns.options(lenient),
            };
            let result = match workbook(&name, &bytes, &options) {
                Ok(imported) => Ok(imported),
                Err(Refused::Invalid(problems)) => Err(problems),
                Err(Refused::Unreadable(problems)) => {
                    report_found(&problems);
                    super::note(format_args!("orgtree: nothing was written"));
                    return Ok(ExitCode::from(UNUSABLE));
                }
            };
            (name, book.clone(), result)
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
            let options = read::nested::NestedOptions {
                children_key: children_key.clone(),
                title_key: title_key.clone(),
                holder_key: holder_key.clone(),
                id_key: id_key.clone(),
                lenient,
            };
            let result = read::nested::nested(&name, &text, &options);
            (name, file.clone(), result)
        }
        ImportFormat::Hr { file, columns, .. } => {
            let (name, text) = read_decoded(file)?;
            let result = read::hr::hr(&name, &text, &columns.options(lenient));
            (name, file.clone(), result)
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
            let options = read::flat::FlatOptions {
                id_key: id_key.clone(),
                parent_key: parent_key.clone(),
                title_key: title_key.clone(),
                holder_key: holder_key.clone(),
                lenient,
            };
            let result = read::flat::flat(&name, &text, &options);
            (name, file.clone(), result)
        }
        ImportFormat::Ldif { file, .. } => {
            let (name, text) = read_decoded(file)?;
            let options = read::ldif::LdifOptions { lenient };
            let result = read::ldif::ldif(&name, &text, &options);
            (name, file.clone(), result)
        }
    };
    if super::progress_line::end() {
        return Ok(super::progress_line::interrupted(&format!(
            "reading {sources}"
        )));
    }
    match result {
        Ok(Imported {
            mut org,
            mut warnings,
            notes,
            ..
        }) => {
            for text in notes {
                super::note(format_args!("orgtree: {text}"));
            }
            let dated = read::open::date(&mut org, &first, &shown(&first), output.as_of.as_deref());
            warnings.extend(dated);
            report_found(&warnings);
            if to_stdout {
                with_stdout(|out| save::write_json(&org, out))?;
            } else {
                let what = format!("writing {}", shown(&output.output));
                match during(&what, || save::save_atomic(&org, &output.output)) {
                    Ok(saved) => {
                        saved.with_context(|| format!("cannot write {}", shown(&output.output)))?;
                    }
                    Err(code) => return Ok(code),
                }
            }
            let _ = writeln!(
                io::stderr(),
                "orgtree: imported {} post{} from {sources}; wrote {}",
                org.len(),
                orgtree::report::plural(org.len()),
                if to_stdout {
                    "standard output".to_owned()
                } else {
                    shown(&output.output)
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            report_found(&problems);
            super::note(format_args!("orgtree: nothing was written"));
            Ok(ExitCode::from(PROBLEMS))
        }
    }
}

/// The text of an input file, or of standard input for `-`. JSON is UTF-8; published CSV
/// files and LDIF exports are UTF-8 or, from Windows, UTF-16 or Windows-1252 (said in a
/// warning).
fn read_input(file: &Path, csv: bool) -> Result<(String, String)> {
    let (name, bytes) = read_bytes(file)?;
    if csv {
        let (text, note) = read::organogram::decode_with_note(&bytes);
        if let Some(note) = note {
            super::note(format_args!("{name}: warning: {note}"));
        }
        return Ok((name, text.into_owned()));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{name} is not UTF-8 text, as JSON must be"))?;
    Ok((name, text))
}

/// The bytes of an input file, or of standard input for `-`, and its name for messages.
fn read_bytes(file: &Path) -> Result<(String, Vec<u8>)> {
    let name = shown(file);
    // A step of its own, which the reader of the format goes on counting.
    super::progress_line::begin(format!("reading {name}"));
    let bytes = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        orgtree::progress::read_to_end(io::stdin(), &mut bytes)
            .context("cannot read standard input")?;
        bytes
    } else {
        orgtree::progress::expect(std::fs::metadata(file).map_or(0, |m| m.len()));
        orgtree::progress::read_file(file).with_context(|| format!("cannot read {name}"))?
    };
    Ok((name, bytes))
}

/// `orgtree export FILE --to FORMAT [--root ID] [--depth N] [-o OUT] [--force]`.
pub(super) fn export(
    file: &Path,
    (to, manager_by): (ExportFormat, orgtree::read::hr::ManagerBy),
    root: Option<&str>,
    depth: Option<u32>,
    output: Option<&Path>,
    force: bool,
    options: &OpenOptions,
) -> Result<ExitCode> {
    let org = match open(file, options) {
        Ok(org) => org,
        Err(code) => return Ok(code),
    };
    let output = output.filter(|path| path.as_os_str() != "-");
    if let Some(output) = output {
        refuse_to_replace(output, force)?;
    }
    if manager_by != orgtree::read::hr::ManagerBy::Id && to != ExportFormat::Csv {
        let _ = writeln!(
            io::stderr(),
            "orgtree: error: --manager-by is for --to csv: the other formats give each manager by id"
        );
        return Ok(ExitCode::from(super::UNUSABLE));
    }
    let root = root.map(|id| find(&org, id, file)).transpose()?;
    let part;
    let org: &Org = if root.is_some() || depth.is_some() {
        part = export::part(&org, root, depth);
        &part
    } else {
        &org
    };
    if to == ExportFormat::Organogram {
        for lost in export::organogram_losses(org) {
            let _ = writeln!(
                io::stderr(),
                "orgtree: warning: {lost}: not written, the senior organogram file has no place for them"
            );
        }
    }
    let problems = export::manager_by_problems(org, manager_by);
    if !problems.is_empty() {
        for problem in &problems {
            super::note(format_args!("orgtree: error: {problem}"));
        }
        let _ = writeln!(
            io::stderr(),
            "orgtree: nothing written: each manager must be told by {} (--manager-by id always can)",
            match manager_by {
                orgtree::read::hr::ManagerBy::Email => "a distinct email",
                _ => "a distinct name",
            }
        );
        return Ok(ExitCode::from(PROBLEMS));
    }
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match to {
            ExportFormat::Json => save::write_json(org, out),
            ExportFormat::Dot => export::write_dot(org, out),
            ExportFormat::Mermaid => export::write_mermaid(org, out),
            ExportFormat::Csv => export::write_csv_by(org, manager_by, out),
            ExportFormat::Organogram => export::write_organogram(org, out),
        }
    };
    match output {
        Some(output) => {
            let what = format!("writing {}", shown(output));
            match during(&what, || save::write_atomic(output, |out| write(out))) {
                Ok(written) => {
                    written.with_context(|| format!("cannot write {}", shown(output)))?;
                }
                Err(code) => return Ok(code),
            }
            Ok(ExitCode::SUCCESS)
        }
        None => with_stdout(|out| write(out)),
    }
}
