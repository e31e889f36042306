//! The command line, defined with clap's derive API.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod charts;
mod choices;
mod columns;
mod import;

pub use charts::{ChartArgs, ConfigArgs, LoadArgs, PairArgs};
pub use choices::{DiffFormat, ExportFormat, Match, MatchArgs, TimelineFormat};
pub use columns::{HrArgs, ManagerBy};
pub use import::ImportFormat;

const ABOUT: &str = "Review organisation structures in the terminal: who reports to whom";

const EXAMPLES: &str = "\
Examples:
  orgtree                                 browse the built-in demo chart
  orgtree chart.json                      browse a chart (press ? for the keys)
  orgtree check fixtures/*.json           validate charts
  orgtree print chart.json --depth 3      the top three layers as a tree
  orgtree stats chart.json --json         headcount, layers and spans for scripts
  orgtree diff before.json after.json     what changed, like a changelog
  orgtree compare before.json after.json  browse the changes (press ? for the keys)
  orgtree edit chart.json                 rehearse a restructure, with undo
  orgtree apply chart.json steps.json -o new.json
  orgtree export chart.json --to dot | dot -Tsvg > chart.svg
  orgtree compare home_office-2011-03-31-senior.csv 130930-Home-Office-Organogram-Data-senior.csv
  orgtree timeline home_office-*-senior.csv --post 2SRG01   figures and churn across releases
  orgtree import organogram senior.csv junior.csv -o department.json
  orgtree import sheet organogram.xlsx -o department.json
  orgtree import ldif people.ldif -o chart.json
  orgtree people.csv                      an HR export: \"Employee ID\", \"Manager ID\" or the like
  orgtree export chart.json --to csv --manager-by email > people.csv
  orgtree config                          the settings in force: keys, theme, defaults

Every command that reads a chart opens orgtree JSON, nested and flat JSON charts, UK
organogram CSV files (the senior file, with the junior file beside it), HR exports (CSV or
TSV with an id column and a manager column), spreadsheets (.xlsx, .xlsm, .ods, .xls: the
organogram template's senior and junior sheets, or the first sheet, or the one --sheet
names) and LDAP or Active Directory exports in LDIF, told by their content; a chart whose
file gives no date takes it from the file's name (or --as-of).

Browsing needs a terminal: when standard output is not one, `orgtree FILE` prints the tree
as `orgtree print` does. NO_COLOR (set and not empty) turns colour off.

Settings (key bindings, a light or dark theme, --ascii and --mouse by default, read-only
browsing) are read from $XDG_CONFIG_HOME/orgtree/config.toml (or ~/.config/orgtree/);
`orgtree config` prints them all, and --no-config leaves the file out.

Reading a chart, comparing or making a timeline that takes longer than a third of a second
shows how far it has got: on the screen when browsing, otherwise a line on standard error
when it is a terminal (never in a pipe or a file); --no-progress turns it off. Ctrl-C
stops the work (exit code 130) and writes no output file.

Exit codes: 0 success; 1 problems found (check, import, apply); 2 unusable input or usage
error; 130 stopped by Ctrl-C; 128+N when ended by signal N.";

#[derive(Debug, Parser)]
#[command(name = "orgtree", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Chart to show (`-` reads standard input). Without one, the built-in demo chart.
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub load: LoadArgs,

    #[command(flatten)]
    pub chart: ChartArgs,

    /// Draw guides and markers with ASCII characters (also when the locale is not UTF-8)
    #[arg(long)]
    pub ascii: bool,

    /// Turn on the mouse: click selects (on the marker it folds), the wheel scrolls. Off by
    /// default, so that the terminal's own text selection keeps working
    #[arg(long)]
    pub mouse: bool,

    /// Show no progress: no line on standard error, no box on the screen, however long a
    /// chart takes to read (progress shows only on a terminal anyway)
    #[arg(long, global = true)]
    pub no_progress: bool,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate charts, reporting every problem with its line and column
    #[command(after_help = "\
Each problem is printed to stderr as FILE:LINE:COL: error: MESSAGE (or warning:), and a
one-line summary per file to stdout.

--rules RULES.toml also checks the structure against rules a team agrees on, each
violation a line on stdout after its file's summary, FILE:LINE:COL: RULE: post 'ID'
(TITLE): ... (the place where the post starts; FILE: RULE: ... where there is none):

  [span]                  # direct reports of every manager
  min = 3
  max = 8
  except = [\"ceo\", \"tag:board\"]
  [layers]
  max = 5
  [one-to-one]            # posts in a row that each have one report
  max = 2
  [vacancy]
  max-percent = 20
  [grades]                # lowest first: no manager of a lower grade than a report
  order = [\"EO\", \"HEO\", \"SEO\", \"G7\", \"G6\", \"SCS1\", \"SCS2\", \"SCS3\"]
  [required]
  fields = [\"unit\", \"grade\"]

Exit codes: 0 no errors (warnings alone do not fail) and no rule broken; 1 errors found, or
a rule broken; 2 a file could not be read or is in no format orgtree reads, or the rules
file has a mistake (each reported at its line).

Examples:
  orgtree check fixtures/*.json
  orgtree check --rules rules.toml charts/*.json")]
    Check {
        /// Charts to check (`-` reads standard input)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read organogram senior CSV files without their junior files
        #[arg(long)]
        no_junior: bool,
        /// Also check the structural rules of this TOML file (spans, layers, one-to-one
        /// chains, vacancies, grades, required fields): each violation a line on stdout,
        /// exit 1 when any
        #[arg(long, value_name = "RULES")]
        rules: Option<PathBuf>,
        /// With --rules: print the violations as one JSON object
        #[arg(long, requires = "rules")]
        json: bool,
    },

    /// Print the reporting-line tree as text, like `tree`
    #[command(after_help = "\
Each line shows a post's title, its holder or (vacant), and for managers the number of
[direct/total] reports. Guides are box-drawing characters, or ASCII with --ascii or when the
locale (LC_ALL, LC_CTYPE, LANG) is not UTF-8.

Examples:
  orgtree print chart.json
  orgtree print chart.json --root cto --depth 2 --ascii")]
    Print {
        /// Chart to print (`-` reads standard input)
        file: PathBuf,
        /// Show this many layers (1 = the top posts only)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        depth: Option<u32>,
        /// Print only the team of the post with this id
        #[arg(long, value_name = "ID")]
        root: Option<String>,
        /// Draw guides with ASCII characters
        #[arg(long)]
        ascii: bool,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Headcount, vacancies, layers, cost and spans of control
    #[command(after_help = "\
Headcount is in FTE: each post's fte (1 when not given) plus the fte of its staff groups.
Span of control is the number of posts reporting directly to a manager (a post with at
least one report). With --json the keys are: name, as_of, posts, vacant, top_posts, layers,
headcount_fte, cost (null when no cost is given), posts_with_cost,
span {managers, min, median, mean, max}, widest_spans [{id, title, holder, span}].

Examples:
  orgtree stats chart.json
  orgtree stats chart.json --json | jq .headcount_fte")]
    Stats {
        /// Chart to measure (`-` reads standard input)
        file: PathBuf,
        /// Print a JSON object for scripts
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Browse the differences between two charts (the after tree with removed posts as
    /// ghosts), or step through a series of releases a pair at a time
    #[command(after_help = "\
The tree is the AFTER chart, with each removed post shown where it used to be. Markers work
without colour: + added, - removed, > moved in (its old manager is in the details), ~ changed
(title, holder, other fields or dotted lines). A line under the title bar counts the changes.

Keys besides those of browsing (? lists them all): ] and [ go to the next and previous change,
unfolding as needed; c shows only changed posts and the posts above them; Tab switches to the
list of changes (Enter goes to the change's post); s shows the two trees side by side, on
terminals at least 160 columns wide.

Three or more charts are a series of releases: put in date order (as orgtree timeline
does; a chart without a date is refused), shown a consecutive pair at a time, from the
latest. > and < go to the next and previous pair, keeping the selected post where the
pair matches it; T shows the timeline: posts and FTE per release as bar charts and the
churn of each step, where Enter opens a step's pair. Off a terminal, the timeline is
printed as orgtree timeline prints it.

Examples:
  orgtree compare last-year.json this-year.json
  orgtree compare before.json after.json --match id
  orgtree compare home_office-*-senior.csv 130930-Home-Office-Organogram-Data-senior.csv")]
    Compare {
        /// BEFORE and AFTER (`-` reads standard input), in that order; or three or more
        /// releases of a series, in any order
        #[arg(value_name = "CHART", num_args = 2.., required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        matching: MatchArgs,
        /// Draw guides and markers with ASCII characters (also when the locale is not UTF-8)
        #[arg(long)]
        ascii: bool,
        /// Turn on the mouse: click selects, the wheel scrolls
        #[arg(long)]
        mouse: bool,
        #[command(flatten)]
        charts: PairArgs,
    },

    /// List what changed between two charts, like a changelog
    #[command(after_help = "\
Posts are matched by id. Posts left over on both sides are then paired by title and holder,
by title under the same manager, then by holder, and reported as matched by content (so two
organograms whose post references were renumbered still compare); --match id turns that off.

Changes are grouped by kind: added, removed, moved (old and new manager), retitled, holder
(filled, vacated or a new person), fields (grade, unit, fte, cost, note, tags, staff and fields
orgtree does not know) and dotted (dotted lines added or removed). A summary follows: counts,
posts, vacancies, layers, headcount, cost and spans before and after, and the teams with the
most change. --json gives the same as one JSON object (its keys are in docs/json-output.md).

Both files are validated first, with the problems reported as orgtree check reports them.

Exit codes: 0 success (with --exit-code: no changes); 1 with --exit-code, changes found;
2 a file could not be used (problems found in it, or it could not be read).

Examples:
  orgtree diff before.json after.json
  orgtree diff before.json after.json --json | jq '.changes[] | select(.kind == \"moved\")'
  orgtree diff published.json proposed.json --exit-code >/dev/null || echo changed")]
    Diff {
        /// The chart before the change, then the chart after it (`-` reads standard input
        /// for one of them); or the seven arguments git gives an external diff (PATH
        /// OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE)
        #[arg(required = true, num_args = 2..=7, value_names = ["BEFORE", "AFTER"])]
        files: Vec<PathBuf>,
        /// Print one JSON object for scripts (as --format json)
        #[arg(long)]
        json: bool,
        /// How to print the changes: text, markdown (for a pull request: the figures
        /// table, the changes by kind with each post's chain, long groups folded) or json
        #[arg(long, value_enum, default_value_t = DiffFormat::Text, conflicts_with = "json")]
        format: DiffFormat,
        /// Say which violations of the rules in this TOML file the change fixes and which it
        /// adds (as orgtree check --rules)
        #[arg(long, value_name = "RULES", conflicts_with = "script")]
        rules: Option<PathBuf>,
        /// Exit with 1 when there are changes and 0 when there are none, as git diff does
        #[arg(long)]
        exit_code: bool,
        /// Show long values (notes, descriptions) whole rather than cut at 60 characters
        #[arg(long, conflicts_with_all = ["json", "script"])]
        full: bool,
        /// Print the change script that turns BEFORE into AFTER (for orgtree apply); posts
        /// are matched by id, as a script gives the after chart's ids (a post whose id
        /// changed is closed and added again), so --match content is refused
        #[arg(long, conflicts_with_all = ["json", "format"])]
        script: bool,
        #[command(flatten)]
        matching: MatchArgs,
        #[command(flatten)]
        charts: PairArgs,
    },

    /// Figures and churn across a series of releases, and one post's life across them
    #[command(after_help = "\
The releases are sorted by the date each describes (its as_of, or the date in its file's
name); a release without a date is refused. For each release: posts, vacant, not
disclosed, layers, headcount (FTE), cost, median and widest span, and the posts of each
grade, as orgtree stats gives them. Between each release and the next: the posts added,
removed, moved, retitled and given a new holder, and the share of posts changed, as
orgtree diff counts them; and how posts were matched (by id, or by content where ids
changed), so that a renumbered release shows as one.

--post follows one post, named by its id in any release or by words of its title or
holder, through every release, by the same matching: its title, holder, grade, pay,
manager and team in each, and where it was found by content rather than by id.

Examples:
  orgtree timeline home_office-*-senior.csv 130930-Home-Office-Organogram-Data-senior.csv
  orgtree timeline releases/*.json --post 2FC01
  orgtree timeline releases/*.json --json | jq '.steps[].share_changed'
  orgtree timeline releases/*.json --format markdown > timeline.md")]
    Timeline {
        /// The releases, in any order
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Follow one post: an id in any release, or words of its title or holder
        #[arg(long, value_name = "ID|TEXT")]
        post: Option<String>,
        /// How to print it
        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,
        /// Print one JSON object for scripts (as --format json)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        #[command(flatten)]
        matching: MatchArgs,
        /// Read organogram senior CSV files without their junior files
        #[arg(long)]
        no_junior: bool,
        /// The sheet to read of each release that is a spreadsheet
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Which columns of HR exports hold what (every release)
        #[command(flatten)]
        hr: HrArgs,
    },

    /// Print a chart as one line per post, sorted by id, for git's diff, blame and log
    #[command(after_help = "\
Each post is one line: its id, title, holder and manager's id, then every other field it
gives. A changed post is one changed line, and a moved post too (its team's lines name
their manager by id, which does not change). For git, in .gitattributes:

  *.json diff=orgtree
  *.csv diff=orgtree

and once, in git config:

  git config diff.orgtree.textconv 'orgtree textconv'

git diff, git log -p and git blame then show charts of any format orgtree reads line by
line. (orgtree diff can also be git's external diff: git config diff.orgtree.command
'orgtree diff' gives its change list instead.)

Example:
  orgtree textconv chart.json")]
    Textconv {
        /// Chart to print (`-` reads standard input)
        file: PathBuf,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Rehearse a restructure of a chart from the keyboard, on a copy
    #[command(after_help = "\
The chart is edited in memory; the file is changed only when you save over it (w, then
confirm). Keys besides those of browsing (? lists them all): x cut a post with its team,
p paste it under the selected post (P: as its next sibling), a add a report, d close a post
(its reports move up, or its whole team closes), r retitle, v vacate or fill, e edit a field,
u undo, Ctrl-r redo, D compare with the start, w save the chart, W save the change script.

Every edit is also written to a recovery journal (in $XDG_STATE_HOME/orgtree, or
~/.local/state/orgtree), one for each session, so that a session cut off by a dropped
connection can be resumed: orgtree edit FILE lists its edits and offers to recover them,
--recover does so without asking.

Examples:
  orgtree edit chart.json
  orgtree edit chart.json --recover")]
    Edit {
        /// Chart to edit
        file: PathBuf,
        /// Resume the edits of a session that was cut off, without asking
        #[arg(long)]
        recover: bool,
        /// Draw guides and markers with ASCII characters (also when the locale is not UTF-8)
        #[arg(long)]
        ascii: bool,
        /// Turn on the mouse: click selects, the wheel scrolls
        #[arg(long)]
        mouse: bool,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Replay a change script on a chart and write the result
    #[command(after_help = "\
A change script is a list of edits (docs/format.md lists them), as saved from orgtree edit
(W) or printed by orgtree diff --script, which also record the chart they were made on (its
name, date and a hash of its content). The edits are done in order; the result is checked
as orgtree check would, then written atomically.

On a chart other than the one the script was made on (a newer release: a rebase), apply
says so, and reports each step that no longer fits with its line in the script and what it
found (a post gone, a manager closed, an id now taken); a move already done is noted. Nothing
is written if a step cannot be done, unless --keep-going: then every step that fits is done,
the result written, and the steps left out reported (--json: as one JSON object on stdout).

Exit codes: 0 written, every step done; 1 a step could not be done (with --keep-going, the
result is written all the same), or the result would not be a valid chart; 2 a file could
not be read, or OUT exists (or is FILE) and --force was not given.

Examples:
  orgtree apply chart.json reorg.json -o proposed.json
  orgtree diff old.json new.json --script > steps.json && orgtree apply old.json steps.json -o -
  orgtree apply new-release.json reorg.json -o rebased.json --keep-going --json > conflicts.json")]
    Apply {
        /// Chart to start from (`-` reads standard input)
        file: PathBuf,
        /// Change script (`-` reads standard input)
        script: PathBuf,
        /// Where to write the result (`-` for standard output)
        #[arg(short, long, value_name = "OUT", required = true)]
        output: PathBuf,
        /// Replace OUT if it exists, even when it is FILE
        #[arg(long)]
        force: bool,
        /// Do every step that fits and write the result, reporting the steps left out
        #[arg(long)]
        keep_going: bool,
        /// Print the report of the steps (done, left out, and the charts) as one JSON object
        /// on standard output (OUT must then be a file)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Write the chart in another format: JSON, Graphviz DOT, Mermaid, CSV, UK organogram
    #[command(after_help = "\
json keeps every field, including fields orgtree does not know. dot draws reporting lines
solid and dotted lines dashed, vacant posts marked; mermaid is a flowchart for Markdown; csv
has one row per post (id, manager id, title, holder, then the other fields); organogram is
the senior-staff CSV of the UK \"Organogram of Staff Roles & Salaries\". In CSV output a cell
starting with =, +, -, @, a tab or a carriage return gets a ' in front, so that spreadsheets
do not run it. --root and --depth export part of the chart. Without -o it goes to standard
output.

Examples:
  orgtree export chart.json --to dot | dot -Tsvg > chart.svg
  orgtree export chart.json --to mermaid --root cto --depth 2
  orgtree export chart.json --to csv -o posts.csv")]
    Export {
        /// Chart to export (`-` reads standard input)
        file: PathBuf,
        /// Output format
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Export only the team of the post with this id (it becomes the top post)
        #[arg(long, value_name = "ID")]
        root: Option<String>,
        /// Export this many layers (1 = the top posts, or the root, alone)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        depth: Option<u32>,
        /// Write to this file (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
        // The doc comment is the --help text, where backticks would show as they are.
        #[allow(clippy::doc_markdown)]
        /// With --to csv: write each post's manager by id (column "reports_to"), by email
        /// (column "manager_email", from the manager's field such as "Email") or by name
        /// (column "manager_name", the manager's holder), as HR systems import them
        #[arg(long, value_enum, value_name = "WHAT", default_value = "id")]
        manager_by: ManagerBy,
        #[command(flatten)]
        chart: ChartArgs,
    },

    /// Read a chart from another format and write it as orgtree JSON
    #[command(after_help = "\
Formats: organogram (the UK \"Organogram of Staff Roles & Salaries\" senior CSV, with the
junior CSV if given), hr (an HR export or spreadsheet saved as CSV or TSV: an id column and
a manager column, the manager by id, email or name, as BambooHR, Workday, HiBob, Rippling,
Pingboard and Visio give them), sheet (a spreadsheet: .xlsx, .xlsm, .ods or .xls; the
organogram template's senior and junior sheets, or the first sheet, or the one --sheet
names), ldif (an LDAP or Active Directory export, as ldapsearch -LLL or ldifde writes it:
people with the DN of their manager), nested (a JSON tree whose nodes list their children,
as the dabeng OrgChart writes it) and flat (a JSON list of objects with an id and a manager
field, as BALKAN OrgChart JS, d3-org-chart and many scripts write it). Every problem is
reported at once, with its file, line (or row) and column, or its sheet and cell
(book.xlsx:Sheet1!C14); nothing is written then. Fields orgtree does not know are kept as
post fields, so nothing is lost.

Examples:
  orgtree import organogram senior.csv junior.csv -o department.json
  orgtree import hr people.csv -o people.json --manager-column \"Manager Email\"
  orgtree import sheet organogram.xlsx -o department.json
  orgtree import nested orgchart.json -o chart.json --holder-key name
  orgtree import flat balkan.json -o chart.json --parent-key pid
  orgtree import ldif people.ldif -o chart.json")]
    Import {
        #[command(subcommand)]
        format: ImportFormat,
    },

    /// Print the JSON Schema of the orgtree file format
    #[command(after_help = "\
The schema (JSON Schema, draft 2020-12) describes the fields and their types. orgtree check
also checks what a schema cannot say: ids unique, every reports_to and dotted.to naming a
post, no reporting loop.

Example:
  orgtree schema > orgtree.schema.json")]
    Schema,

    /// Print the configuration in force (keys, theme, defaults) and where it is read from
    #[command(after_help = "\
The configuration file is $XDG_CONFIG_HOME/orgtree/config.toml, or
~/.config/orgtree/config.toml when XDG_CONFIG_HOME is not set; --config FILE reads another,
--no-config none. What this prints is itself a configuration file: every setting and every
key as orgtree uses them now, each with a comment. Copy the lines to change into the file:

  ascii = true               # as --ascii, for every command that draws a tree
  theme = \"light\"            # \"dark\" (default), \"light\" or \"plain\"; NO_COLOR still wins
  read-only = true           # browsing never starts a what-if
  [keys.browse]
  down = [\"n\", \"Down\"]       # the help and the hints show the keys in force

A setting that is wrong is reported with its line and ignored; the rest apply. Exit codes:
0 the file is good or absent; 1 some settings were ignored (the warnings are on stderr).

Examples:
  orgtree config
  orgtree config --path
  orgtree config > ~/.config/orgtree/config.toml")]
    Config {
        /// Print only the path of the configuration file
        #[arg(long)]
        path: bool,
    },

    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  orgtree completions bash > ~/.local/share/bash-completion/completions/orgtree
  orgtree completions zsh > ~/.zfunc/_orgtree
  orgtree completions fish > ~/.config/fish/completions/orgtree.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff), of orgtree or of one of its commands
    #[command(after_help = "\
Examples:
  orgtree man > orgtree.1 && man ./orgtree.1
  orgtree man import > orgtree-import.1")]
    Man {
        /// The command whose page to print (the page of orgtree itself when left out)
        command: Option<String>,
    },

    /// Write a synthetic chart of any size, for benchmarks
    #[command(hide = true)]
    Generate {
        /// Number of posts
        #[arg(long, default_value_t = 10_000)]
        posts: usize,
        /// Random seed: the same seed gives the same chart
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of standard output (with --releases: this folder)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
        /// Write a series of this many releases of the chart, each reorganised from the
        /// one before, into the folder --output names (release-DATE.json)
        #[arg(long, value_name = "N", requires = "output")]
        releases: Option<usize>,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
