//! The organogram CSV importer, senior file alone and with its junior file, on arbitrary
//! bytes and on mutated published files; and the organogram export of what it imports,
//! which must import back as the same chart.

use orgtree::org::{Org, save};
use orgtree::read::organogram::{decode_with_note, organogram};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::mutate::{arbitrary_bytes, mutated, mutation, mutations};
use crate::outputs::{as_organogram_carries, check_chart, organogram_round_trip};
use crate::support::{config, guarded, organogram_seeds, safe, safe_problems};

const SENIOR: &str = "senior.csv";
const JUNIOR: &str = "junior.csv";

/// Imports `senior` (and `junior`) as `orgtree import organogram` does: no panic, no hang,
/// problems safe to print, and a chart imported checked as every chart is; exported as an
/// organogram and imported again, it is the chart imported, without its junior staff
/// (which the senior file has no place for).
pub fn imports_soundly(
    target: &str,
    senior: Vec<u8>,
    junior: Option<Vec<u8>>,
) -> Result<(), TestCaseError> {
    let mut input = senior.clone();
    if let Some(junior) = &junior {
        input.extend_from_slice(b"\n--- junior ---\n");
        input.extend_from_slice(junior);
    }
    guarded(target, &input, move || {
        let (senior, note) = decode_with_note(&senior);
        safe(
            "the note on the senior file's encoding",
            note.unwrap_or_default(),
            &[],
        )?;
        let junior = junior.as_deref().map(decode_with_note);
        let junior = junior.as_ref().map(|(text, _)| (JUNIOR, text.as_ref()));
        match organogram((SENIOR, &senior), junior) {
            Ok(imported) => {
                safe_problems("a warning", imported.warnings.iter().map(|f| &f.problem))?;
                check_chart(&imported.org, false)?;
                exports_back(&imported.org)
            }
            Err(found) => safe_problems("a problem", found.iter().map(|f| &f.problem)),
        }
    })
}

/// The documented promise: an imported senior file comes back through export and import
/// as the same chart. The junior staff are not written, and the source names one file.
fn exports_back(imported: &Org) -> Result<(), TestCaseError> {
    let mut expected = imported.clone();
    for node in imported.posts() {
        expected.post_mut(node).staff.clear();
    }
    expected.meta.source = Some(format!("imported from {SENIOR}").into());
    let again = organogram_round_trip(imported, SENIOR).map_err(|problems| {
        TestCaseError::fail(format!(
            "the organogram exported does not import: {problems}"
        ))
    })?;
    prop_assert!(
        as_organogram_carries(&again) == as_organogram_carries(&expected),
        "export then import changes the chart:\n{:.3000}\n-- became --\n{:.3000}",
        save::to_json(&expected),
        save::to_json(&again)
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_import_soundly(
        senior in arbitrary_bytes(),
        junior in proptest::option::of(arbitrary_bytes()),
    ) {
        imports_soundly("organogram-bytes", senior, junior)?;
    }

    #[test]
    fn mutated_organograms_import_and_export_back(
        (seed, changes) in mutations(),
        junior_changes in proptest::collection::vec(mutation(), 0..4),
    ) {
        let seeds = organogram_seeds();
        let ((_, senior), junior) = &seeds[seed.index(seeds.len())];
        let junior = junior.as_ref().map(|(_, junior)| mutated(junior, &junior_changes));
        imports_soundly("organogram-mutated", mutated(senior, &changes), junior)?;
    }
}
