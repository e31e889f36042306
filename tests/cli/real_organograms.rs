//! Every published organogram in fixtures/organograms (27 senior/junior pairs and a senior
//! file alone, 14 bodies, 2011-2014: see its SOURCES.md) imports, checks clean, and gives
//! the figures a small reader of its own, written here from the published guidance and
//! not from orgtree's reader, counts in the CSV files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use orgtree::org::{self, Org};
use orgtree::read::organogram::organogram;
use orgtree::read::{Found, Imported, LoadOptions, load_str};

use crate::common::orgtree;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/organograms")
}

/// The senior files, each with its junior file where there is one.
fn pairs() -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut seniors: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("fixtures/organograms")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.to_string_lossy().ends_with("-senior.csv"))
        .collect();
    seniors.sort();
    seniors
        .into_iter()
        .map(|senior| {
            let junior = PathBuf::from(
                senior
                    .to_string_lossy()
                    .replace("-senior.csv", "-junior.csv"),
            );
            (senior, junior.exists().then_some(junior))
        })
        .collect()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the published files are UTF-8")
}

/// What the independent reader counts.
#[derive(Debug, Default, PartialEq)]
struct Count {
    posts: usize,
    vacant: usize,
    undisclosed: usize,
    tops: usize,
    junior_rows: usize,
    junior_fte: f64,
    /// The pay bands added up, to the pound: senior posts' actual pay floor and ceiling,
    /// junior groups' payscale minimum and maximum times their FTE.
    cost: (f64, f64),
}

// --- The independent reader -------------------------------------------------------------

/// A header as compared: letters and digits only, in lower case.
fn key(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cell: spaces (non-breaking too) around it and a pair of wrapping apostrophes off.
fn clean(cell: &str) -> String {
    let cell = cell.trim_matches(|c: char| c.is_whitespace());
    if cell.len() > 2 && cell.starts_with('\'') && cell.ends_with('\'') {
        cell[1..cell.len() - 1].trim().to_owned()
    } else {
        cell.to_owned()
    }
}

/// What a marker cell says, in lower case, without quotes, apostrophes and full stops.
fn marker(cell: &str) -> String {
    let words: Vec<String> = cell
        .trim_matches(|c: char| c.is_whitespace() || "'\".".contains(c))
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    words.join(" ")
}

fn eliminated(cell: &str) -> bool {
    ["eliminated", "post eliminated"].contains(&marker(cell).as_str())
}

/// A reference as posts are told apart: `360510.0` is `360510`, and, for lines to a post,
/// `00196904` is `196904`.
fn reference(cell: &str) -> String {
    let cell = clean(cell);
    let cell = match cell.strip_suffix(".0") {
        Some(whole) if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) => whole,
        _ => &cell,
    };
    cell.to_owned()
}

fn number_key(reference: &str) -> String {
    if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
        let digits = reference.trim_start_matches('0');
        if digits.is_empty() { "0" } else { digits }.to_owned()
    } else {
        reference.to_owned()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Holder {
    Named,
    Vacant,
    Undisclosed,
}

struct Row {
    reference: String,
    title: String,
    manager: String,
    holder: Holder,
    name: String,
    /// The pay floor and ceiling, where both are amounts.
    pay: Option<(f64, f64)>,
}

/// An amount as the files write it (`£60,000`, `360510.0`), or none (blank, `N/D`).
fn amount(cell: &str) -> Option<f64> {
    let bare: String = clean(cell)
        .chars()
        .filter(|c| !"£, ".contains(*c))
        .collect();
    bare.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Reads a CSV file as rows of cells by header key.
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut records = reader
        .records()
        .map(|record| record.expect("a CSV record"))
        .map(|record| record.iter().map(str::to_owned).collect::<Vec<_>>());
    let header = records.next().unwrap_or_default();
    (header.iter().map(|h| key(h)).collect(), records.collect())
}

fn column(header: &[String], names: &[&str]) -> usize {
    header
        .iter()
        .position(|h| names.contains(&h.as_str()))
        .unwrap_or_else(|| panic!("no column {names:?} in {header:?}"))
}

fn count(senior: &str, junior: Option<&str>) -> Count {
    let (header, records) = table(senior);
    let [
        reference_at,
        name_at,
        title_at,
        manager_at,
        floor_at,
        ceiling_at,
    ] = [
        &["postuniquereference"][..],
        &["name"],
        &["jobtitle"],
        &["reportstoseniorpost"],
        &["actualpayfloor"],
        &["actualpayceiling"],
    ]
    .map(|names| column(&header, names));
    let cell = |record: &Vec<String>, at: usize| clean(record.get(at).map_or("", String::as_str));
    // Eliminated posts, by reference, with their managers.
    let mut gone: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for record in &records {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (reference_cell, name) = (cell(record, reference_at), cell(record, name_at));
        let manager = reference(&cell(record, manager_at));
        if eliminated(&name) || eliminated(&reference_cell) {
            gone.insert(number_key(&reference(&reference_cell)), manager);
            continue;
        }
        let holder = match marker(&name).as_str() {
            "vacant" | "vacancy" | "vacant post" => Holder::Vacant,
            "" | "n/d" | "nd" | "not disclosed" => Holder::Undisclosed,
            _ => Holder::Named,
        };
        let pay = amount(&cell(record, floor_at)).zip(amount(&cell(record, ceiling_at)));
        rows.push(Row {
            pay: pay.filter(|(floor, ceiling)| floor <= ceiling),
            name: name.to_lowercase(),
            reference: reference(&reference_cell),
            title: cell(record, title_at)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
            manager,
            holder,
        });
    }
    // Posts: rows with the same reference, title and manager are one post (a job share or
    // a row given again), but for the placeholder reference 0, whose rows are posts each.
    let mut posts: Vec<Vec<&Row>> = Vec::new();
    let mut post_of: HashMap<(String, String, String), usize> = HashMap::new();
    for row in &rows {
        let same = (
            row.reference.clone(),
            row.title.clone(),
            number_key(&row.manager),
        );
        match post_of.get(&same) {
            Some(&i) if !["0", ""].contains(&row.reference.as_str()) => posts[i].push(row),
            _ => {
                post_of.entry(same).or_insert(posts.len());
                posts.push(vec![row]);
            }
        }
    }
    // Where a line leads: the first post with the reference, by its number.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        first.entry(post[0].reference.clone()).or_insert(i);
        first.entry(number_key(&post[0].reference)).or_insert(i);
    }
    let leads = |line: &str| -> Option<usize> {
        let mut line = line.to_owned();
        let mut seen = HashSet::new();
        loop {
            if let Some(&i) = first.get(&line).or_else(|| first.get(&number_key(&line))) {
                return Some(i);
            }
            let above = gone.get(&number_key(&line))?;
            if !seen.insert(line.clone()) {
                return None;
            }
            line.clone_from(above);
        }
    };
    let managers: Vec<Option<usize>> = posts
        .iter()
        .enumerate()
        .map(|(i, post)| leads(&post[0].manager).filter(|&m| m != i))
        .collect();
    // A post is a top post when it has no manager, or its line upwards comes back to it
    // (a loop, broken by making its posts top posts).
    let tops = (0..posts.len())
        .filter(|&start| {
            let mut seen = HashSet::from([start]);
            let mut at = start;
            loop {
                match managers[at] {
                    None => return at == start,
                    Some(m) if m == start => return true,
                    Some(m) if !seen.insert(m) => return false,
                    Some(m) => at = m,
                }
            }
        })
        .count();
    let mut count = Count {
        posts: posts.len(),
        vacant: posts
            .iter()
            .filter(|p| p.iter().all(|r| r.holder == Holder::Vacant))
            .count(),
        undisclosed: posts
            .iter()
            .filter(|p| p.iter().all(|r| r.holder == Holder::Undisclosed))
            .count(),
        tops,
        ..Count::default()
    };
    // A post's pay: its rows' bands added up (each holder of a job share is paid their
    // share), a row that names a holder again counted once; none if a row gives none.
    let mut cost = (0.0, 0.0);
    for post in &posts {
        let mut named = HashSet::new();
        let rows: Vec<&&Row> = post
            .iter()
            .filter(|row| row.holder != Holder::Named || named.insert(row.name.clone()))
            .collect();
        if let Some(bands) = rows.iter().map(|row| row.pay).collect::<Option<Vec<_>>>() {
            for (floor, ceiling) in bands {
                cost.0 += floor;
                cost.1 += ceiling;
            }
        }
    }
    let Some(junior) = junior else {
        count.cost = (cost.0.round(), cost.1.round());
        return count;
    };
    let (header, records) = table(junior);
    let [line_at, fte_at, min_at, max_at] = [
        &["reportingseniorpost"][..],
        &["numberofpostsinfte"],
        &["payscaleminimum"],
        &["payscalemaximum"],
    ]
    .map(|names| column(&header, names));
    let mut unplaced = false;
    for record in &records {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        count.junior_rows += 1;
        let fte = cell(record, fte_at).parse::<f64>().unwrap_or(0.0);
        count.junior_fte += fte;
        let band = amount(&cell(record, min_at)).zip(amount(&cell(record, max_at)));
        if let Some((min, max)) = band.filter(|(min, max)| min <= max) {
            cost.0 += min * fte;
            cost.1 += max * fte;
        }
        unplaced |= leads(&reference(&cell(record, line_at))).is_none();
    }
    if unplaced {
        // The post added to hold them: a vacant top post.
        count.posts += 1;
        count.vacant += 1;
        count.tops += 1;
    }
    count.cost = (cost.0.round(), cost.1.round());
    count
}

// --- orgtree's figures ---------------------------------------------------------------------

fn figures(org: &Org) -> Count {
    let posts: Vec<_> = org.posts().map(|n| org.post(n)).collect();
    let groups = posts.iter().flat_map(|p| p.staff.iter());
    Count {
        posts: org.len(),
        vacant: posts.iter().filter(|p| p.is_vacant()).count(),
        undisclosed: posts
            .iter()
            .filter(|p| p.holder == org::Holder::Undisclosed)
            .count(),
        tops: org.tops().len(),
        junior_rows: groups.clone().count(),
        junior_fte: groups.map(|g| g.fte.unwrap_or(0.0)).sum(),
        cost: orgtree::org::metrics::Stats::of(org)
            .cost
            .map_or((0.0, 0.0), |cost| (cost.low().round(), cost.high().round())),
    }
}

fn import(senior: &Path, junior: Option<&Path>) -> Result<Imported, Vec<Found>> {
    let senior_text = text(senior);
    let junior_text = junior.map(text);
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let (senior_name, junior_name) = (name(senior), junior.map(name));
    organogram(
        (&senior_name, &senior_text),
        junior_name.as_deref().zip(junior_text.as_deref()),
    )
}

#[test]
fn every_published_file_imports_and_its_figures_are_the_files() {
    let pairs = pairs();
    assert_eq!(pairs.len(), 28, "27 pairs and a senior file alone");
    let mut imported = 0;
    for (senior, junior) in &pairs {
        let name = senior.file_name().unwrap().to_string_lossy();
        let expected = count(&text(senior), junior.as_deref().map(text).as_deref());
        match import(senior, junior.as_deref()) {
            Ok(Imported { org, .. }) => {
                let mut got = figures(&org);
                // FTE to the hundredth, as the files give it.
                got.junior_fte = (got.junior_fte * 100.0).round() / 100.0;
                let mut expected = expected;
                expected.junior_fte = (expected.junior_fte * 100.0).round() / 100.0;
                assert_eq!(got, expected, "{name}");
                // What was imported checks clean and loads as it was.
                let json = orgtree::org::save::to_json(&org);
                let loaded = load_str(&json, LoadOptions::default())
                    .unwrap_or_else(|e| panic!("{name}: {:?}", e.problems()));
                assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
                imported += 1;
            }
            Err(problems) => {
                // Only the header-only pair has no chart: it has no posts at all.
                assert_eq!(expected.posts, 0, "{name}: {problems:#?}");
                assert!(name.starts_with("hm_treasury-2011-03-31"), "{name}");
            }
        }
    }
    assert_eq!(imported, 27);
}

#[test]
fn the_command_line_imports_every_pair_with_exit_0_and_the_header_only_pair_with_exit_1() {
    let out = tempfile::tempdir().expect("a temporary folder");
    for (senior, junior) in pairs() {
        let name = senior.file_name().unwrap().to_string_lossy().into_owned();
        let chart = out.path().join(format!("{name}.json"));
        let mut args = vec!["import".to_owned(), "organogram".to_owned()];
        args.push(senior.to_string_lossy().into_owned());
        args.extend(junior.map(|j| j.to_string_lossy().into_owned()));
        args.extend(["-o".to_owned(), chart.to_string_lossy().into_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = orgtree(&args);
        if name.starts_with("hm_treasury-2011-03-31") {
            assert_eq!(run.code, 1, "{name}: {}", run.stderr);
            assert!(
                run.stderr
                    .contains("no rows under the header: the file gives no senior posts")
                    && run.stderr.contains("error: no posts"),
                "{}",
                run.stderr
            );
            assert!(!chart.exists());
            // Opened as it is: the same error, and no advice that --lenient would mend it.
            let stats = orgtree(&["stats", &senior.to_string_lossy()]);
            assert_eq!(stats.code, 1, "{}", stats.stderr);
            assert!(stats.stderr.contains("error: no posts"), "{}", stats.stderr);
            assert!(!stats.stderr.contains("--lenient"), "{}", stats.stderr);
            continue;
        }
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(!run.stderr.contains(": error:"), "{name}: {}", run.stderr);
        let check = orgtree(&["check", &chart.to_string_lossy()]);
        assert_eq!(check.code, 0, "{name}: {}", check.stderr);
    }
}
