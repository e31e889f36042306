//! The orgtree JSON loader: from text and from a file read a few bytes at a time, strict and
//! lenient, on arbitrary bytes, on mutated fixtures and on charts built at random.

use std::io::Write;

use orgtree::org::{Org, Problem, save};
use orgtree::read::orgtree::load_file_in_blocks;
use orgtree::read::{LoadError, LoadOptions, Loaded, load_str};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::charts::{any_text_chart, hostile_chart};
use crate::mutate::{arbitrary_bytes, mutated, mutations};
use crate::outputs::check_chart;
use crate::support::{chart_seeds, config, guarded, safe_problems};

/// What a load gave, to compare two loads of the same bytes.
#[derive(Debug, PartialEq)]
enum Outcome {
    Loaded(Vec<Problem>),
    Invalid(Vec<Problem>, usize),
    Unusable(Problem),
}

fn outcome(result: &Result<Loaded, LoadError>) -> Outcome {
    match result {
        Ok(loaded) => Outcome::Loaded(loaded.warnings.clone()),
        Err(LoadError::Invalid { problems, posts }) => Outcome::Invalid(problems.clone(), *posts),
        Err(LoadError::Unusable(problem)) => Outcome::Unusable(problem.clone()),
    }
}

/// Loads `bytes` strictly and leniently, from a file a few bytes at a time and (when they
/// are UTF-8) from text: no panic, no hang, the same outcome both ways, problems safe to
/// print, and every chart that loads checked as [`check_chart`] does.
pub fn loads_soundly(target: &str, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
        file.write_all(&bytes).expect("the input is written");
        // Blocks of 1 to 8 bytes cut every token somewhere; which one depends on the input.
        let block = 1 + bytes.len() % 8;
        for lenient in [false, true] {
            let options = LoadOptions { lenient };
            let from_file = load_file_in_blocks(file.path(), options, block);
            safe_problems("a problem in the file", problems(&from_file))?;
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let from_text = load_str(text, options);
                prop_assert_eq!(
                    outcome(&from_file),
                    outcome(&from_text),
                    "a file read in blocks of {} loads otherwise than its text (lenient: {})",
                    block,
                    lenient
                );
                if let (Ok(a), Ok(b)) = (&from_file, &from_text) {
                    prop_assert!(a.org == b.org, "the charts differ, file and text");
                }
            }
            if let Ok(loaded) = from_file {
                check_chart(&loaded.org, lenient)?;
            }
        }
        Ok(())
    })
}

fn problems(result: &Result<Loaded, LoadError>) -> &[Problem] {
    match result {
        Ok(loaded) => &loaded.warnings,
        Err(error) => error.problems(),
    }
}

/// A chart built through the API: the loader reads its saved form back as it is, and then
/// it is checked as every loaded chart is.
fn generated_chart_holds(org: Org) -> Result<(), TestCaseError> {
    let text = save::to_json(&org).into_bytes();
    guarded("orgtree-generated", &text, move || check_chart(&org, false))
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_load_soundly(bytes in arbitrary_bytes()) {
        loads_soundly("orgtree-bytes", bytes)?;
    }

    #[test]
    fn mutated_charts_load_soundly((seed, changes) in mutations()) {
        let seeds = chart_seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        loads_soundly("orgtree-mutated", mutated(seed, &changes))?;
    }

    #[test]
    fn generated_charts_save_report_and_export_soundly(
        org in prop_oneof![hostile_chart(), any_text_chart(1..12)]
    ) {
        generated_chart_holds(org)?;
    }
}
