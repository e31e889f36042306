//! Every seed, as it is, through every target that reads it: the inputs that once broke
//! orgtree (`tests/regressions/`), the fixtures, the published organograms and the files of
//! other tools.

use crate::imports::Keys;
use crate::support::{chart_seeds, import_seeds, organogram_seeds, script_seeds, sheet_seeds};

#[test]
fn every_chart_seed_loads_soundly() {
    for (name, bytes) in chart_seeds() {
        crate::orgtree_json::loads_soundly(name, bytes.clone())
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}

#[test]
fn every_organogram_seed_imports_and_exports_back() {
    for ((name, senior), junior) in organogram_seeds() {
        let junior = junior.as_ref().map(|(_, junior)| junior.clone());
        crate::organogram::imports_soundly(name, senior.clone(), junior)
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}

#[test]
fn every_import_seed_imports_soundly() {
    for (name, bytes) in import_seeds() {
        crate::imports::imports_soundly(name, bytes.clone(), Keys { given: None })
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}

#[test]
fn every_sheet_seed_reads_soundly() {
    for (name, bytes) in sheet_seeds() {
        crate::sheets::reads_soundly(name, bytes.clone())
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}

#[test]
fn every_script_seed_applies_soundly() {
    for (name, bytes) in script_seeds() {
        crate::scripts::applies_soundly(name, bytes.clone(), crate::scripts::start_of(name))
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}

#[test]
fn every_kind_of_seed_is_found() {
    assert!(chart_seeds().len() >= 20, "{}", chart_seeds().len());
    assert!(organogram_seeds().len() >= 5);
    assert!(
        organogram_seeds()
            .iter()
            .any(|(_, junior)| junior.is_some())
    );
    assert!(import_seeds().len() >= 5);
    assert!(script_seeds().len() >= 9);
    assert!(sheet_seeds().len() >= 5);
}
