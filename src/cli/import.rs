//! `orgtree import FORMAT`: the formats and their options.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::HrArgs;
use super::charts::iso_date;

/// Where an import writes its chart.
#[derive(Debug, Clone, Args)]
pub struct ImportOutput {
    /// The orgtree JSON file to write
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists
    #[arg(long)]
    pub force: bool,
    /// The date the chart describes (YYYY-MM-DD), over the one its file or its file's name
    /// gives
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    pub as_of: Option<String>,
}

// The doc comments are the --help text, where backticks would show as they are.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Subcommand)]
pub enum ImportFormat {
    /// A UK "Organogram of Staff Roles & Salaries": the senior CSV, and the junior CSV
    Organogram {
        /// The senior staff CSV
        senior: PathBuf,
        /// The junior staff CSV (its rows become staff groups of their senior post)
        junior: Option<PathBuf>,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// A spreadsheet (.xlsx, .xlsm, .ods, .xls): an organogram template or a sheet of posts
    #[command(after_help = "\
The UK organogram template is read from its \"(final data) senior-staff\" and
\"(final data) junior-staff\" sheets (or others whose names say senior and junior), with
the rules of the organogram CSV pair. Any other workbook is read from its first sheet, or
the one --sheet names. Cells are read as the spreadsheet shows them: whole numbers without
.0, dates as YYYY-MM-DD, error cells (#N/A) as their text, with a warning. Problems name
the sheet and cell: book.xlsx:Sheet1!C14.

Example:
  orgtree import sheet organogram.xlsx -o department.json --sheet \"(final data) senior-staff\"")]
    Sheet {
        /// The workbook (`-` reads standard input)
        book: PathBuf,
        /// The sheet to read, by its name
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Read the organogram template's senior sheet without its junior sheet
        #[arg(long)]
        no_junior: bool,
        /// Which columns of a sheet shaped like an HR export hold what
        #[command(flatten)]
        columns: HrArgs,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// A JSON tree: each node lists its children
    Nested {
        /// The JSON file
        file: PathBuf,
        /// The member holding a node's children
        #[arg(long, default_value = "children", value_name = "KEY")]
        children_key: String,
        /// The member holding a node's title
        #[arg(long, default_value = "title", value_name = "KEY")]
        title_key: String,
        /// The member holding the name of the person in post
        #[arg(long, default_value = "name", value_name = "KEY")]
        holder_key: String,
        /// The member holding a node's id (nodes without one get a generated id)
        #[arg(long, default_value = "id", value_name = "KEY")]
        id_key: String,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// An HR export or spreadsheet saved as CSV or TSV: an id column and a manager column
    Hr {
        /// The CSV or TSV file
        file: PathBuf,
        #[command(flatten)]
        columns: HrArgs,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// A JSON list of objects with an id and a manager field
    Flat {
        /// The JSON file
        file: PathBuf,
        /// The member holding an object's id (default: id)
        #[arg(long, value_name = "KEY")]
        id_key: Option<String>,
        /// The member holding the manager's id (default: the first of pid, parentId,
        /// managerId, parent, reports_to that the objects have)
        #[arg(long, value_name = "KEY")]
        parent_key: Option<String>,
        /// The member holding the title
        #[arg(long, default_value = "title", value_name = "KEY")]
        title_key: String,
        /// The member holding the name of the person in post
        #[arg(long, default_value = "name", value_name = "KEY")]
        holder_key: String,
        #[command(flatten)]
        output: ImportOutput,
    },
    /// An LDAP or Active Directory export in LDIF: each person with the DN of their manager
    #[command(after_help = "\
Ids come from employeeID, employeeNumber, uid or sAMAccountName (else the DN), titles from
title, holders from displayName or cn, units from department; every other attribute is kept.

Example:
  ldapsearch -LLL -x -b ou=People,dc=example,dc=com > people.ldif
  orgtree import ldif people.ldif -o chart.json")]
    Ldif {
        /// The LDIF file
        file: PathBuf,
        #[command(flatten)]
        output: ImportOutput,
    },
}

impl ImportFormat {
    #[must_use]
    pub fn output(&self) -> &ImportOutput {
        match self {
            Self::Organogram { output, .. }
            | Self::Sheet { output, .. }
            | Self::Nested { output, .. }
            | Self::Hr { output, .. }
            | Self::Flat { output, .. }
            | Self::Ldif { output, .. } => output,
        }
    }
}
