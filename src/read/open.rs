//! Opening a chart in any format orgtree reads, told by its content ([`super::detect`]):
//! the one entry every command that reads a chart goes through. orgtree JSON keeps its
//! streaming loader; the other formats are read whole by their importers (CSV and LDIF
//! decoded from UTF-8, UTF-16 or Windows-1252). An organogram senior file is read with its
//! junior file, found beside it by name or named by the user; a spreadsheet's sheet is
//! chosen by [`super::sheet`], or named by the user. A chart whose file does not give its
//! date takes it from the file's name ([`super::name_date`]), unless the user gives one.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::detect::{self, Format, HEAD, Verdict};
use super::flat::{FlatOptions, flat};
use super::hr::{self, HrOptions};
use super::ldif::{LdifOptions, ldif};
use super::nested::{NestedOptions, nested};
use super::orgtree::{LoadError, LoadOptions, load_bytes, load_path};
use super::sheet::{Refused, SheetOptions, workbook};
use super::{Found, Imported, name_date, organogram};
use crate::org::{Org, Problem, Text};
use crate::text::Escaped;

/// Where the junior file of an organogram comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Junior {
    /// Beside the senior file, named as it is with `junior` for `senior`.
    #[default]
    Beside,
    /// This file.
    File(PathBuf),
    /// None: the senior posts alone.
    Without,
}

/// How to open a chart.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Load what can be loaded, turning the chart's errors into warnings.
    pub lenient: bool,
    pub junior: Junior,
    /// The date the chart describes, over any the file gives (`--as-of`).
    pub as_of: Option<String>,
    /// Which columns of an HR export hold what, where the user says.
    pub hr: HrOptions,
    /// The sheet of a spreadsheet to read (`--sheet`).
    pub sheet: Option<String>,
    /// Give where each post is in its file (`Opened::places`), where the reader can, which
    /// only naming a post for what is found after loading needs.
    pub places: bool,
}

/// A chart opened, and what was found on the way.
#[derive(Debug)]
pub struct Opened {
    pub org: Org,
    /// Warnings, each with the file it is in.
    pub warnings: Vec<Found>,
    pub format: Format,
    /// The junior file read with an organogram senior file.
    pub junior: Option<PathBuf>,
    /// What the reader chose where the file left it open, to tell the user.
    pub notes: Vec<String>,
    /// Where each post's id is in the file, by node index (line 0 where not known); empty
    /// for orgtree JSON (see [`super::post_places`]) and workbooks, and for an HR export
    /// unless [`OpenOptions::places`] asks.
    pub places: Vec<crate::org::Position>,
}

/// Why a chart could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Nothing could be read: the file is unreadable, or in no format orgtree reads.
    Unusable(Vec<Found>),
    /// The chart has errors: every problem found, warnings included, and the number of
    /// posts read where it is known.
    Invalid {
        problems: Vec<Found>,
        posts: Option<usize>,
    },
}

impl OpenError {
    #[must_use]
    pub fn problems(&self) -> &[Found] {
        match self {
            Self::Unusable(problems) | Self::Invalid { problems, .. } => problems,
        }
    }
}

/// A file as messages name it: `<stdin>` for `-`.
#[must_use]
pub fn shown(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "<stdin>".into();
    }
    Escaped(&path.to_string_lossy()).to_string()
}

/// Opens the chart in `path` (`-`: standard input), whatever format of those orgtree
/// reads it is in. Its bytes are counted as the progress of the step under way, and the
/// work stops when it is cancelled ([`crate::progress`]): then it is unusable, whatever
/// was read.
pub fn open(path: &Path, options: &OpenOptions) -> Result<Opened, OpenError> {
    let opened = read_chart(path, options);
    if crate::progress::cancelled() {
        return Err(OpenError::Unusable(vec![Found::error(
            &shown(path),
            None,
            "interrupted",
        )]));
    }
    opened
}

fn read_chart(path: &Path, options: &OpenOptions) -> Result<Opened, OpenError> {
    let name = shown(path);
    let unusable = |message: String| OpenError::Unusable(vec![Found::error(&name, None, message)]);
    let stdin = path.as_os_str() == "-";
    let size = (!stdin)
        .then(|| {
            std::fs::metadata(path)
                .ok()
                .filter(std::fs::Metadata::is_file)
        })
        .flatten()
        .map(|m| m.len());
    let regular = size.is_some();
    crate::progress::expect(size.unwrap_or(0));
    // A regular file is told by its head and read again by its reader; standard input or a
    // pipe can be read only once, so it is read whole.
    let mut bytes = Vec::new();
    let read = if stdin {
        crate::progress::read_to_end(std::io::stdin(), &mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| {
            if regular {
                file.take(HEAD as u64).read_to_end(&mut bytes).map(|_| ())
            } else {
                crate::progress::read_to_end(file, &mut bytes)
            }
        })
    };
    read.map_err(|error| unusable(format!("cannot read the file: {error}")))?;
    let whole = !regular || bytes.len() < HEAD;
    let mut verdict = detect::recognise(&bytes, whole);
    if verdict == Verdict::More {
        bytes = std::fs::read(path)
            .map_err(|error| unusable(format!("cannot read the file: {error}")))?;
        verdict = detect::recognise(&bytes, true);
    }
    let format = match verdict {
        Verdict::Known(format) => format,
        // Not given for a whole file; its loader would say what it lacks.
        Verdict::More => Format::Orgtree,
        Verdict::Unknown(what) => {
            return Err(unusable(format!(
                "not a chart orgtree can open: this looks like {what}; {}",
                detect::READ
            )));
        }
    };
    if format != Format::OrganogramSenior && matches!(options.junior, Junior::File(_)) {
        return Err(unusable(format!(
            "--junior names the junior file of an organogram, and this is {}",
            format.name()
        )));
    }
    if options.sheet.is_some() && format != Format::Spreadsheet {
        return Err(unusable(format!(
            "--sheet names a sheet of a spreadsheet, and this is {}",
            format.name()
        )));
    }
    let whole_bytes = |bytes: Vec<u8>| -> Result<Vec<u8>, OpenError> {
        if whole {
            Ok(bytes)
        } else {
            crate::progress::read_file(path)
                .map_err(|error| unusable(format!("cannot read the file: {error}")))
        }
    };
    let mut opened = match format {
        Format::Orgtree => {
            let load = LoadOptions {
                lenient: options.lenient,
            };
            let loaded = if regular {
                load_path(path, load)
            } else {
                load_bytes(bytes, load)
            };
            let loaded = loaded.map_err(|error| loader_error(&name, error))?;
            Opened {
                org: loaded.org,
                warnings: in_file(&name, loaded.warnings),
                format,
                junior: None,
                notes: Vec::new(),
                places: Vec::new(),
            }
        }
        Format::Nested | Format::Flat => {
            let text = String::from_utf8(whole_bytes(bytes)?)
                .map_err(|_| unusable("not UTF-8 text, as JSON must be".into()))?;
            let result = if format == Format::Nested {
                let options = NestedOptions {
                    lenient: options.lenient,
                    ..NestedOptions::default()
                };
                nested(&name, &text, &options)
            } else {
                let options = FlatOptions {
                    lenient: options.lenient,
                    ..FlatOptions::default()
                };
                flat(&name, &text, &options)
            };
            imported(result, format, None)?
        }
        Format::Hr => {
            let options = HrOptions {
                lenient: options.lenient,
                places: options.places,
                ..options.hr.clone()
            };
            let result = decoded(&name, &whole_bytes(bytes)?, |text| {
                hr::hr(&name, text, &options)
            });
            imported(result, format, None)?
        }
        Format::Spreadsheet => {
            let bytes = whole_bytes(bytes)?;
            let sheet = SheetOptions {
                sheet: options.sheet.clone(),
                no_junior: options.junior == Junior::Without,
                lenient: options.lenient,
                hr: options.hr.clone(),
            };
            match workbook(&name, &bytes, &sheet) {
                Ok(chart) => imported(Ok(chart), format, None)?,
                Err(Refused::Unreadable(problems)) => return Err(OpenError::Unusable(problems)),
                Err(Refused::Invalid(problems)) => imported(Err(problems), format, None)?,
            }
        }
        Format::OrganogramSenior => {
            let senior = whole_bytes(bytes)?;
            open_organogram(path, &name, &senior, options)?
        }
        Format::Ldif => {
            let options = LdifOptions {
                lenient: options.lenient,
            };
            let result = decoded(&name, &whole_bytes(bytes)?, |text| {
                ldif(&name, text, &options)
            });
            imported(result, format, None)?
        }
        Format::OrganogramJunior => {
            let senior = (!stdin).then(|| beside(path, "junior", "senior")).flatten();
            let message = match senior {
                Some(senior) => format!(
                    "this is the junior file of an organogram (groups of junior staff, not posts): open its senior file, {}",
                    shown(&senior)
                ),
                None => "this is the junior file of an organogram (groups of junior staff, not posts): open its senior file, with --junior naming this one".to_owned(),
            };
            return Err(unusable(message));
        }
    };
    if let Some(note) = date(&mut opened.org, path, &name, options.as_of.as_deref()) {
        opened.warnings.push(note);
    }
    Ok(opened)
}

/// What `read` makes of text decoded from `bytes` (UTF-8, UTF-16 or Windows-1252), with a
/// warning first when the encoding was not what the bytes said or had to be guessed.
fn decoded(
    name: &str,
    bytes: &[u8],
    read: impl FnOnce(&str) -> Result<Imported, Vec<Found>>,
) -> Result<Imported, Vec<Found>> {
    let (text, note) = organogram::decode_with_note(bytes);
    let mut result = read(&text);
    if let Some(note) = note {
        let note = Found::warning(name, None, note);
        match &mut result {
            Ok(imported) => imported.warnings.insert(0, note),
            Err(problems) => problems.insert(0, note),
        }
    }
    result
}

/// An organogram senior file with its junior file, if there is one.
fn open_organogram(
    path: &Path,
    name: &str,
    senior: &[u8],
    options: &OpenOptions,
) -> Result<Opened, OpenError> {
    let mut notes = Vec::new();
    let (senior_text, note) = organogram::decode_with_note(senior);
    if let Some(note) = note {
        notes.push(Found::warning(name, None, note));
    }
    let junior_path = match &options.junior {
        Junior::File(file) => Some(file.clone()),
        Junior::Without => None,
        Junior::Beside if path.as_os_str() == "-" => None,
        Junior::Beside => {
            let found = beside(path, "senior", "junior");
            if found.is_none() {
                notes.push(Found::warning(
                    name,
                    None,
                    "no junior file beside it (named as it is, with \"junior\" for \"senior\"): the chart has the senior posts alone; --junior FILE names one, --no-junior says there is none",
                ));
            }
            found
        }
    };
    let junior = match &junior_path {
        Some(file) => {
            let junior_name = shown(file);
            crate::progress::expect(std::fs::metadata(file).map_or(0, |m| m.len()));
            let bytes = crate::progress::read_file(file).map_err(|error| {
                OpenError::Unusable(vec![Found::error(
                    &junior_name,
                    None,
                    format!("cannot read the junior file: {error}"),
                )])
            })?;
            let (text, note) = organogram::decode_with_note(&bytes);
            if let Some(note) = note {
                notes.push(Found::warning(&junior_name, None, note));
            }
            Some((junior_name, text.into_owned()))
        }
        None => None,
    };
    let result = organogram::organogram_with(
        (name, &senior_text),
        junior.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        options.lenient,
    );
    let result = match result {
        Ok(mut imported) => {
            notes.append(&mut imported.warnings);
            imported.warnings = notes;
            Ok(imported)
        }
        Err(mut problems) => {
            notes.append(&mut problems);
            Err(notes)
        }
    };
    imported(result, Format::OrganogramSenior, junior_path)
}

fn imported(
    result: Result<Imported, Vec<Found>>,
    format: Format,
    junior: Option<PathBuf>,
) -> Result<Opened, OpenError> {
    match result {
        Ok(Imported {
            org,
            warnings,
            notes,
            places,
        }) => Ok(Opened {
            org,
            warnings,
            format,
            junior,
            notes,
            places,
        }),
        Err(problems) => Err(OpenError::Invalid {
            problems,
            posts: None,
        }),
    }
}

fn loader_error(name: &str, error: LoadError) -> OpenError {
    match error {
        LoadError::Unusable(problem) => OpenError::Unusable(in_file(name, vec![problem])),
        LoadError::Invalid { problems, posts } => OpenError::Invalid {
            problems: in_file(name, problems),
            posts: Some(posts),
        },
    }
}

fn in_file(name: &str, problems: Vec<Problem>) -> Vec<Found> {
    problems
        .into_iter()
        .map(|problem| Found {
            file: name.to_owned(),
            problem,
        })
        .collect()
}

/// Dates a chart read from `path` (named `name` in messages): `as_of` when given, else the
/// file's own date, else the one its file name gives. A warning when the name could be
/// read otherwise.
pub fn date(org: &mut Org, path: &Path, name: &str, as_of: Option<&str>) -> Option<Found> {
    if let Some(as_of) = as_of {
        org.meta.as_of = Some(Text::from(as_of));
        return None;
    }
    if org.meta.as_of.is_some() || path.as_os_str() == "-" {
        return None;
    }
    let read = name_date::date_in_name(&path.file_name()?.to_string_lossy())?;
    org.meta.as_of = Some(Text::from(read.date.as_str()));
    read.note.map(|note| Found::warning(name, None, note))
}

/// The file beside `path` named as it is with the last `from` in its name (in any case)
/// made `to`, in the same case (`-senior` to `-junior`, `_SENIOR` to `_JUNIOR`), if there
/// is one; a file whose name differs from that only in case is taken too.
#[must_use]
pub fn beside(path: &Path, from: &str, to: &str) -> Option<PathBuf> {
    let file_name = path.file_name()?.to_str()?;
    let lower = file_name.to_ascii_lowercase();
    let at = lower.rfind(from)?;
    let found = &file_name[at..at + from.len()];
    let replaced = if found.chars().all(|c| c.is_ascii_uppercase()) {
        to.to_ascii_uppercase()
    } else if found.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut word = to.to_owned();
        word[..1].make_ascii_uppercase();
        word
    } else {
        to.to_owned()
    };
    let wanted = format!(
        "{}{replaced}{}",
        &file_name[..at],
        &file_name[at + from.len()..]
    );
    let exact = path.with_file_name(&wanted);
    if exact.is_file() {
        return Some(exact);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut others: Vec<PathBuf> = std::fs::read_dir(&folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(&wanted))
        })
        .map(|entry| path.with_file_name(entry.file_name()))
        .filter(|p| p.is_file())
        .collect();
    others.sort();
    others.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_junior_file_is_found_beside_the_senior_in_any_case() {
        let folder = tempfile::tempdir().unwrap();
        let touch = |name: &str| std::fs::write(folder.path().join(name), "").unwrap();
        for name in [
            "a-senior.csv",
            "a-junior.csv",
            "B_SENIOR.CSV",
            "B_JUNIOR.CSV",
        ] {
            touch(name);
        }
        touch("Seniority-Senior.csv");
        touch("seniority-junior.csv");
        touch("c-senior.csv");
        let at = |name: &str| folder.path().join(name);
        assert_eq!(
            beside(&at("a-senior.csv"), "senior", "junior"),
            Some(at("a-junior.csv"))
        );
        assert_eq!(
            beside(&at("B_SENIOR.CSV"), "senior", "junior"),
            Some(at("B_JUNIOR.CSV"))
        );
        // The last "senior" is the file's; another case is found in the folder.
        assert_eq!(
            beside(&at("Seniority-Senior.csv"), "senior", "junior"),
            Some(at("seniority-junior.csv"))
        );
        assert_eq!(beside(&at("c-senior.csv"), "senior", "junior"), None);
        assert_eq!(
            beside(&at("a-junior.csv"), "junior", "senior"),
            Some(at("a-senior.csv"))
        );
    }
}
