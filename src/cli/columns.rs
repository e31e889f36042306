//! The options that say which columns of an HR export hold what, and how `export --to csv`
//! gives each manager.

use clap::{Args, ValueEnum};

/// Which columns of an HR export hold what, where the header does not say.
#[derive(Debug, Clone, Default, Args)]
pub struct HrArgs {
    /// In an HR export: the column holding each post's id (its header) [default: the first
    /// of "Employee ID", "Employee Number", "Person ID", "Position ID", "id" and the like,
    /// else "Email", else "Name"]
    #[arg(long, value_name = "HEADER")]
    pub id_column: Option<String>,
    /// In an HR export: the column holding each post's manager [default: the first of
    /// "Reports To", "Manager ID", "Supervisor ID", "Manager Email" and the like]
    #[arg(long, value_name = "HEADER")]
    pub manager_column: Option<String>,
    /// In an HR export: what the manager column holds, to match it by [default: what its
    /// header says, else what most of its values match]
    #[arg(long, value_enum, value_name = "WHAT")]
    pub match_manager_by: Option<ManagerBy>,
}

/// What an HR export's manager column holds, or what `export --to csv` writes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ManagerBy {
    /// The manager's id
    Id,
    /// The manager's email (matched ignoring case)
    Email,
    /// The manager's name (matched ignoring case and spacing)
    Name,
}

impl HrArgs {
    /// The reader's options for these.
    #[must_use]
    pub fn options(&self, lenient: bool) -> orgtree::read::hr::HrOptions {
        orgtree::read::hr::HrOptions {
            id_column: self.id_column.clone(),
            manager_column: self.manager_column.clone(),
            manager_by: self.match_manager_by.map(ManagerBy::reader),
            lenient,
            ..orgtree::read::hr::HrOptions::default()
        }
    }

    pub(super) fn or(self, outer: &Self) -> Self {
        Self {
            id_column: self.id_column.or_else(|| outer.id_column.clone()),
            manager_column: self.manager_column.or_else(|| outer.manager_column.clone()),
            match_manager_by: self.match_manager_by.or(outer.match_manager_by),
        }
    }
}

impl ManagerBy {
    #[must_use]
    pub fn reader(self) -> orgtree::read::hr::ManagerBy {
        match self {
            Self::Id => orgtree::read::hr::ManagerBy::Id,
            Self::Email => orgtree::read::hr::ManagerBy::Email,
            Self::Name => orgtree::read::hr::ManagerBy::Name,
        }
    }
}
