//! The readers, one module a format: orgtree JSON (the streaming loader, [`orgtree`]), the UK
//! "Organogram of Staff Roles & Salaries" CSV pair, nested and flat JSON of other org-chart
//! tools, spreadsheets ([`sheet`]), whose sheets the CSV readers read, and LDAP and Active
//! Directory exports ([`ldif`]). Each only parses its input into posts, found where the input gives
//! them; the chart builder ([`crate::org::builder`]) makes the chart, with the same rules and
//! the same words for every format. [`open()`] opens a file in any of them, told by its
//! content ([`detect`]).

use crate::org::builder::{Builder, Place};
use crate::org::{Meta, Org, Position, Problem, Severity};

pub mod detect;
pub mod flat;
pub mod hr;
pub mod ldif;
mod many;
pub mod name_date;
pub mod nested;
pub mod open;
pub mod organogram;
pub mod orgtree;
pub mod post_places;
pub mod sheet;
mod whole_json;

pub use many::open_each;
pub use open::{Junior, OpenError, OpenOptions, Opened, open};
pub use orgtree::{LoadError, LoadOptions, Loaded, load_path, load_str};

/// A problem found in one of the files read.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The file, as it is to be named in messages.
    pub file: String,
    pub problem: Problem,
}

impl Found {
    #[must_use]
    pub fn error(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            problem: Problem {
                severity: Severity::Error,
                position,
                message: message.into(),
            },
        }
    }

    #[must_use]
    pub fn warning(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            problem: Problem {
                severity: Severity::Warning,
                position,
                message: message.into(),
            },
        }
    }
}

/// A chart read from another format, and the warnings found on the way (rows left out,
/// values read in another way).
#[derive(Debug)]
pub struct Imported {
    pub org: Org,
    pub warnings: Vec<Found>,
    /// What the reader chose where the file left it open (which columns hold what), to
    /// tell the user.
    pub notes: Vec<String>,
    /// Where each post's id is in the file, by node index (line 0 where not known); empty
    /// when the reader keeps no places (a workbook names cells instead) or was not asked
    /// for them.
    pub places: Vec<Position>,
}

/// Makes the chart from the posts a reader read from `file` and added to `builder` (in their
/// order, which gives the order of siblings); the builder checks ids, managers and loops as
/// its policy says. The problems the builder finds join those the reader found (`found`);
/// all are reported at once, in file order.
pub fn build(
    file: &str,
    meta: Meta,
    builder: Builder<Position>,
    found: Vec<Found>,
) -> Result<Imported, Vec<Found>> {
    build_at(file, meta, builder, found, true, <[Position]>::to_vec)
}

/// The positions of posts' ids, by node index: `Position { line: 0, column: 0 }` for a
/// post whose id was given nowhere.
pub fn post_positions<P: Place>(
    id_at: &[P],
    positions: impl Fn(&[P]) -> Vec<Position>,
) -> Vec<Position> {
    let nowhere = Position { line: 0, column: 0 };
    positions(id_at)
        .into_iter()
        .zip(id_at)
        .map(|(position, &at)| if at == P::NOWHERE { nowhere } else { position })
        .collect()
}

/// As [`build`], for a reader whose places are turned into positions only for what is
/// reported (`positions` does that, for places in order), and for the posts' places
/// (`Imported::places`) only when `places` asks.
pub fn build_at<P: Place>(
    file: &str,
    meta: Meta,
    builder: Builder<P>,
    found: Vec<Found>,
    places: bool,
    positions: impl Fn(&[P]) -> Vec<Position>,
) -> Result<Imported, Vec<Found>> {
    let built = builder.finish(meta);
    let places = if places {
        post_positions(&built.id_at, &positions)
    } else {
        Vec::new()
    };
    let mut problems = found;
    let resolved: Result<_, std::convert::Infallible> =
        built.findings.into_problems(|places| Ok(positions(places)));
    let resolved = resolved.unwrap_or_else(|never| match never {});
    problems.extend(resolved.into_iter().map(|problem| Found {
        file: file.to_owned(),
        problem,
    }));
    problems.sort_by_key(|found| found.problem.position);
    let refused = problems
        .iter()
        .any(|found| found.problem.severity == Severity::Error);
    match built.org {
        Some(org) if !refused => Ok(Imported {
            org,
            warnings: problems,
            notes: Vec::new(),
            places,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::flat::{FlatOptions, flat};
    use super::nested::{NestedOptions, nested};
    use super::organogram::organogram;
    use crate::read::{LoadError, LoadOptions, load_str};

    /// A post given twice, a post reporting to a post that is not there and a loop of two,
    /// one post a line from line 2 in every format, so that the lines named agree.
    const POSTS: [(&str, &str, Option<&str>); 5] = [
        ("x", "Director", None),
        ("x", "Deputy Director", None),
        ("m", "Head of Finance", Some("nobody")),
        ("p", "Head of Policy", Some("q")),
        ("q", "Head of Delivery", Some("p")),
    ];

    /// What each problem says, without the recovery or note that follows it (`; loaded as a
    /// top post`, `: not a job share`), which is the reader's policy.
    fn core(message: &str) -> String {
        let cut = message.find("; ").unwrap_or(message.len());
        let message = &message[..cut];
        match message.find("): ") {
            Some(at) => message[..=at].to_owned(),
            None => message.to_owned(),
        }
    }

    fn loader() -> Vec<String> {
        let lines: Vec<String> = POSTS
            .iter()
            .map(|(id, title, manager)| {
                let manager =
                    manager.map_or(String::new(), |m| format!(", \"reports_to\": \"{m}\""));
                format!("{{\"id\": \"{id}\", \"title\": \"{title}\"{manager}}}")
            })
            .collect();
        let text = format!("{{\"posts\": [\n{}\n]}}", lines.join(",\n"));
        match load_str(&text, LoadOptions::default()) {
            Err(LoadError::Invalid { problems, .. }) => {
                problems.iter().map(|p| core(&p.message)).collect()
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    fn flat_import() -> Vec<String> {
        let lines: Vec<String> = POSTS
            .iter()
            .map(|(id, title, manager)| {
                let manager = manager.map_or("null".to_owned(), |m| format!("\"{m}\""));
                format!("{{\"id\": \"{id}\", \"title\": \"{title}\", \"pid\": {manager}}}")
            })
            .collect();
        let text = format!("[\n{}\n]", lines.join(",\n"));
        let problems = flat("f.json", &text, &FlatOptions::default()).unwrap_err();
        problems.iter().map(|f| core(&f.problem.message)).collect()
    }

    fn organogram_import() -> Vec<String> {
        let rows: Vec<String> = POSTS
            .iter()
            .map(|(id, title, manager)| {
                let manager = manager.unwrap_or("XX");
                format!("{id},N/D,SCS1,{title},Ops,{manager},1\n")
            })
            .collect();
        let text = format!(
            "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE\n{}",
            rows.concat()
        );
        // Real organograms give all three: the importer recovers from each, with a warning.
        let warnings = organogram(("s.csv", &text), None)
            .expect("an organogram is read with warnings")
            .warnings;
        warnings.iter().map(|f| core(&f.problem.message)).collect()
    }

    fn hr_import() -> Vec<String> {
        let rows: Vec<String> = POSTS
            .iter()
            .map(|(id, title, manager)| format!("{id},{title},{}\n", manager.unwrap_or("")))
            .collect();
        let text = format!("Employee ID,Job Title,Manager ID\n{}", rows.concat());
        let options = super::hr::HrOptions::default();
        let problems = super::hr::hr("h.csv", &text, &options).unwrap_err();
        problems.iter().map(|f| core(&f.problem.message)).collect()
    }

    #[test]
    fn every_reader_words_the_charts_problems_alike() {
        let expected = [
            "duplicate id 'x' (first used on line 2)",
            "post 'm' reports to unknown post 'nobody'",
            "reporting loop: 'p' -> 'q' -> 'p' (each reports to the next)",
        ];
        assert_eq!(loader(), expected, "the orgtree JSON loader");
        assert_eq!(flat_import(), expected, "the flat JSON importer");
        assert_eq!(organogram_import(), expected, "the organogram importer");
        assert_eq!(hr_import(), expected, "the HR export reader");
        // A nested tree can give an id twice, but neither an unknown manager nor a loop.
        let text = "{\"id\": \"x\", \"title\": \"Director\", \"children\": [\n{\"id\": \"x\", \"title\": \"Deputy Director\"}]}";
        let problems = nested("n.json", text, &NestedOptions::default()).unwrap_err();
        let nested: Vec<String> = problems.iter().map(|f| core(&f.problem.message)).collect();
        assert_eq!(
            nested,
            ["duplicate id 'x' (first used on line 1)"],
            "the nested importer"
        );
    }
}
