//! The HR export reader on arbitrary bytes, on mutated HR exports (the fixtures in
//! `fixtures/hr/` and orgtree's own CSV export of every fixture chart), and with columns
//! and matching chosen at random: no panic, no hang, problems safe, charts checked as
//! every chart is.

use std::sync::OnceLock;

use orgtree::read::hr::{HrOptions, ManagerBy, hr};
use orgtree::read::organogram::decode;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use crate::mutate::{arbitrary_bytes, mutated, mutations};
use crate::outputs::check_chart;
use crate::support::{Seed, config, guarded, safe_problems};

/// Headers to choose columns by, some in the seeds and some not.
const HEADERS: [&str; 8] = [
    "Employee ID",
    "Manager Email",
    "Reports To",
    "Name",
    "id",
    "reports_to",
    "Email",
    "",
];

fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let folder = crate::common::fixtures().join("hr");
        let mut seeds: Vec<Seed> = std::fs::read_dir(&folder)
            .expect("fixtures/hr")
            .map(|entry| entry.expect("a seed").path())
            .filter(|path| path.extension().is_some_and(|e| e == "csv" || e == "tsv"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).expect("a seed can be read"))
            })
            .collect();
        for name in [
            "cabinet-office-after-cdo.json",
            "home-office-technology-after-coo.json",
        ] {
            let org = crate::support::loaded_fixture(name);
            let mut csv = Vec::new();
            orgtree::report::export::write_csv(&org, &mut csv).expect("an export");
            seeds.push((format!("{name} as csv"), csv));
        }
        seeds.sort();
        seeds
    })
}

fn options(choice: Option<(Index, Index, Index, bool)>) -> HrOptions {
    let Some((id, manager, by, lenient)) = choice else {
        return HrOptions::default();
    };
    let pick = |at: Index| Some(HEADERS[at.index(HEADERS.len())].to_owned());
    HrOptions {
        id_column: pick(id),
        manager_column: pick(manager),
        manager_by: Some([ManagerBy::Id, ManagerBy::Email, ManagerBy::Name][by.index(3)]),
        lenient,
        places: true,
    }
}

fn reads_soundly(target: &str, bytes: Vec<u8>, options: HrOptions) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        let text = decode(&bytes);
        match hr("people.csv", &text, &options) {
            Ok(imported) => {
                safe_problems("a warning", imported.warnings.iter().map(|f| &f.problem))?;
                check_chart(&imported.org, options.lenient)
            }
            Err(found) => safe_problems("a problem", found.iter().map(|f| &f.problem)),
        }
    })
}

fn choice() -> impl Strategy<Value = Option<(Index, Index, Index, bool)>> {
    proptest::option::weighted(0.3, any::<(Index, Index, Index, bool)>())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_read_soundly_as_an_hr_export(bytes in arbitrary_bytes(), choice in choice()) {
        reads_soundly("hr-bytes", bytes, options(choice))?;
    }

    #[test]
    fn mutated_hr_exports_read_soundly((seed, changes) in mutations(), choice in choice()) {
        let seeds = seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        reads_soundly("hr-mutated", mutated(seed, &changes), options(choice))?;
    }
}
