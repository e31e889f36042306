//! The LDIF importer, strict and lenient, on arbitrary bytes and on mutated exports (the
//! fixtures of `fixtures/ldif`): no panic, no hang, every problem safe to print, and every
//! chart it makes checked as every chart is.

use orgtree::read::ldif::{LdifOptions, ldif};
use orgtree::read::organogram::decode_with_note;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::mutate::{arbitrary_bytes, mutated, mutations};
use crate::outputs::check_chart;
use crate::support::{config, guarded, ldif_seeds, safe_problems};

/// Imports `bytes` as `orgtree import ldif` does, decoded as it decodes them.
pub fn imports_soundly(target: &str, bytes: Vec<u8>, lenient: bool) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        let (text, _) = decode_with_note(&bytes);
        match ldif("export.ldif", &text, &LdifOptions { lenient }) {
            Ok(imported) => {
                safe_problems("a warning", imported.warnings.iter().map(|f| &f.problem))?;
                check_chart(&imported.org, lenient)
            }
            Err(found) => safe_problems("a problem", found.iter().map(|f| &f.problem)),
        }
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_import_soundly(bytes in arbitrary_bytes(), lenient: bool) {
        imports_soundly("ldif-bytes", bytes, lenient)?;
    }

    #[test]
    fn mutated_exports_import_soundly((seed, changes) in mutations(), lenient: bool) {
        let seeds = ldif_seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        imports_soundly("ldif-mutated", mutated(seed, &changes), lenient)?;
    }
}
