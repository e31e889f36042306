//! The columns of an HR export: what each holds, told by its header under any of the names
//! HR systems, directories and spreadsheets give it (case, spaces and punctuation ignored),
//! and which row is the header.

use csv::StringRecord;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Id,
    /// The manager: by id, email or name (which, the header may say: see [`manager_hint`]).
    Manager,
    Email,
    /// The person's full name.
    Name,
    FirstName,
    LastName,
    Title,
    Unit,
    Grade,
    Fte,
    Cost,
    Note,
    /// orgtree's own CSV export: `tags` (joined with `; `), `staff` and `dotted` (JSON).
    Tags,
    Staff,
    Dotted,
    /// Any other column: kept as a field of the post, under its header.
    Kept,
}

/// The names of each role, as keys (lower case letters and digits only), most usual first.
/// A header is read as the first role whose list has its key.
const ALIASES: &[(Role, &[&str])] = &[
    (
        Role::Id,
        &[
            "id",
            "employeeid",
            "employeenumber",
            "employeeno",
            "employeecode",
            "empid",
            "empno",
            "empnumber",
            "personid",
            "personnumber",
            "positionid",
            "positionnumber",
            "staffid",
            "staffnumber",
            "workerid",
            "userid",
            "postid",
            "uniqueid",
            "badgeid",
        ],
    ),
    (
        Role::Manager,
        &[
            "reportsto",
            "managerid",
            "supervisorid",
            "manageremployeeid",
            "managersemployeeid",
            "manageremployeenumber",
            "supervisoremployeeid",
            "reportstoid",
            "reportstoposition",
            "reportstopositionid",
            "managerpositionid",
            "linemanagerid",
            "parentid",
            "pid",
            "manageremail",
            "managersemail",
            "manageremailaddress",
            "supervisoremail",
            "supervisorsemail",
            "linemanageremail",
            "reportstoemail",
            "manager",
            "managername",
            "managersname",
            "supervisor",
            "supervisorname",
            "linemanager",
            "linemanagername",
            "reportstoname",
            "reportingto",
            "reportingline",
        ],
    ),
    (
        Role::Email,
        &[
            "email",
            "workemail",
            "emailaddress",
            "workemailaddress",
            "businessemail",
            "mail",
            "emailwork",
        ],
    ),
    (
        Role::Name,
        &[
            "name",
            "fullname",
            "employeename",
            "displayname",
            "holder",
            "employee",
            "personname",
            "workername",
            "legalname",
            "incumbent",
            "positionholder",
        ],
    ),
    (
        Role::FirstName,
        &[
            "firstname",
            "givenname",
            "forename",
            "preferredfirstname",
            "first",
        ],
    ),
    (
        Role::LastName,
        &["lastname", "surname", "familyname", "last"],
    ),
    (
        Role::Title,
        &[
            "title",
            "jobtitle",
            "position",
            "positiontitle",
            "businesstitle",
            "role",
            "jobrole",
            "job",
            "jobname",
            "designation",
        ],
    ),
    (
        Role::Unit,
        &[
            "unit",
            "department",
            "dept",
            "team",
            "division",
            "businessunit",
            "orgunit",
            "organisationalunit",
            "organizationalunit",
            "directorate",
        ],
    ),
    (
        Role::Grade,
        &[
            "grade", "level", "joblevel", "band", "paygrade", "jobgrade", "payband",
        ],
    ),
    (Role::Fte, &["fte", "fulltimeequivalent"]),
    (
        Role::Cost,
        &[
            "cost",
            "salary",
            "annualsalary",
            "basesalary",
            "annualbasesalary",
            "pay",
            "annualpay",
            "compensation",
        ],
    ),
    (Role::Note, &["note", "notes", "comment", "comments"]),
    (Role::Tags, &["tags"]),
    (Role::Staff, &["staff"]),
    (Role::Dotted, &["dotted"]),
];

/// A header as a key: its letters and digits, in lower case, with `#` read as `number`
/// (`Employee #` is `employeenumber`).
pub(super) fn key(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    for c in header.chars() {
        if c == '#' {
            key.push_str("number");
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// The role of a column with this header.
pub(super) fn role_of(header: &str) -> Role {
    let key = key(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map_or(Role::Kept, |&(role, _)| role)
}

/// What a manager column's header says it holds, if it says.
pub(super) fn manager_hint(header: &str) -> Option<super::ManagerBy> {
    let key = key(header);
    if key.contains("mail") {
        Some(super::ManagerBy::Email)
    } else if key.contains("name") {
        Some(super::ManagerBy::Name)
    } else if key.ends_with("id") || key.ends_with("number") || key == "pid" {
        Some(super::ManagerBy::Id)
    } else {
        None
    }
}

/// The columns of the header row: each one's header (trimmed) and role, and the column of
/// each role that has one (the first, for a role given twice; the later ones are kept).
#[derive(Debug)]
pub(super) struct Columns {
    pub(super) headers: Vec<String>,
    pub(super) roles: Vec<Role>,
    /// The column ids are read from (set once the roles are known).
    pub(super) id_column: usize,
}

impl Columns {
    /// The columns of a header row; `id` and `manager` name columns chosen by the user.
    pub(super) fn of(
        record: &StringRecord,
        id: Option<&str>,
        manager: Option<&str>,
    ) -> Result<Self, String> {
        let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
        let mut roles: Vec<Role> = headers.iter().map(|h| role_of(h)).collect();
        // A role given by two columns: the first has it, the others are kept.
        for at in 0..roles.len() {
            if roles[at] != Role::Kept && roles[..at].contains(&roles[at]) {
                roles[at] = Role::Kept;
            }
        }
        for (chosen, role) in [(id, Role::Id), (manager, Role::Manager)] {
            let Some(chosen) = chosen else { continue };
            let at = headers
                .iter()
                .position(|h| h == chosen.trim())
                .or_else(|| headers.iter().position(|h| key(h) == key(chosen)))
                .ok_or_else(|| {
                    format!(
                        "no column \"{}\" in the header; it has {}",
                        crate::text::Escaped(chosen),
                        listed(&headers)
                    )
                })?;
            for other in &mut roles {
                if *other == role {
                    *other = Role::Kept;
                }
            }
            roles[at] = role;
        }
        Ok(Self {
            headers,
            roles,
            id_column: usize::MAX,
        })
    }

    /// The column of a role, if any.
    pub(super) fn of_role(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|&r| r == role)
    }
}

/// Whether a row could be the header: it names an id or a manager column, or one the user
/// chose.
pub(super) fn is_header(record: &StringRecord, chosen: &[&str]) -> bool {
    record.iter().any(|cell| {
        matches!(role_of(cell), Role::Id | Role::Manager)
            || chosen
                .iter()
                .any(|c| key(c) == key(cell) && !key(cell).is_empty())
    })
}

/// The headers as a message lists them: the first few, quoted.
pub(super) fn listed(headers: &[String]) -> String {
    const FEW: usize = 12;
    let mut shown: Vec<String> = headers
        .iter()
        .filter(|h| !h.is_empty())
        .take(FEW)
        .map(|h| format!("\"{}\"", crate::text::Escaped(h)))
        .collect();
    if headers.len() > FEW {
        shown.push("...".into());
    }
    if shown.is_empty() {
        "no named columns".into()
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_names_of_each_column_are_known_in_any_case_and_spelling() {
        for (header, role) in [
            ("Employee ID", Role::Id),
            ("Employee Number", Role::Id),
            ("Employee #", Role::Id),
            ("Person ID", Role::Id),
            ("Position ID", Role::Id),
            ("id", Role::Id),
            ("Manager ID", Role::Manager),
            ("Supervisor ID", Role::Manager),
            ("Reports To", Role::Manager),
            ("reports_to", Role::Manager),
            ("Reports To Position", Role::Manager),
            ("Manager's Email", Role::Manager),
            ("Supervisor Email", Role::Manager),
            ("Manager Email", Role::Manager),
            ("Work Email", Role::Email),
            ("E-mail", Role::Email),
            ("Name", Role::Name),
            ("Full Name", Role::Name),
            ("First Name", Role::FirstName),
            ("Last Name", Role::LastName),
            ("Surname", Role::LastName),
            ("Job Title", Role::Title),
            ("Department", Role::Unit),
            ("Team", Role::Unit),
            ("Level", Role::Grade),
            ("FTE", Role::Fte),
            ("Annual Salary", Role::Cost),
            ("Location", Role::Kept),
        ] {
            assert_eq!(role_of(header), role, "{header}");
        }
    }

    #[test]
    fn every_name_in_the_table_reads_as_its_own_role_in_any_case() {
        // A name under two roles would be read as the first: none is.
        for &(role, names) in ALIASES {
            for name in names {
                assert_eq!(role_of(name), role, "{name}");
                assert_eq!(role_of(&name.to_uppercase()), role, "{name}");
            }
        }
    }

    #[test]
    fn a_manager_header_says_what_it_holds_where_it_can() {
        use super::super::ManagerBy;
        assert_eq!(manager_hint("Manager's Email"), Some(ManagerBy::Email));
        assert_eq!(manager_hint("Supervisor Name"), Some(ManagerBy::Name));
        assert_eq!(manager_hint("Manager ID"), Some(ManagerBy::Id));
        assert_eq!(manager_hint("Reports To"), None);
    }
}
