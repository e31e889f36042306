//! The choices the commands offer: how posts are matched, and the formats they print or
//! write.

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, Args)]
pub struct MatchArgs {
    /// How posts of the two charts are paired: by id, then by content (title and holder,
    /// title under the same manager, holder); or by id only [default: content; a change
    /// script always pairs by id]
    #[arg(long = "match", value_enum, value_name = "HOW")]
    pub by: Option<Match>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Match {
    /// By id, then the posts left over by content
    Content,
    /// By id only: a post whose id changed is removed and added
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A change list, like a changelog, then the summary
    Text,
    /// Markdown for a pull or merge request
    Markdown,
    /// One JSON object
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// Tables that read at 80 columns
    Text,
    /// Markdown tables, for a report or a pull request
    Markdown,
    /// One JSON object
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// orgtree JSON, version 1
    Json,
    /// Graphviz DOT
    Dot,
    /// A Mermaid flowchart, for Markdown documents
    Mermaid,
    /// One row per post
    Csv,
    /// The senior CSV of a UK "Organogram of Staff Roles & Salaries"
    Organogram,
}
