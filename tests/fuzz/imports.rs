//! The nested and flat JSON importers, with their default member names and with others, on
//! arbitrary bytes and on mutated files of other tools.

use orgtree::read::flat::{FlatOptions, flat};
use orgtree::read::nested::{NestedOptions, nested};
use orgtree::read::{Found, Imported};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use crate::mutate::{arbitrary_bytes, mutated, mutations};
use crate::outputs::check_chart;
use crate::support::{config, guarded, import_seeds, safe_problems};

/// Member names the tools use, or that clash with orgtree's own fields.
const KEYS: [&str; 10] = [
    "children",
    "title",
    "name",
    "id",
    "positionName",
    "reports",
    "pid",
    "parentId",
    "posts",
    "",
];

#[derive(Clone, Debug)]
pub struct Keys {
    /// `None`: every option at its default.
    pub given: Option<[Index; 4]>,
}

fn keys() -> impl Strategy<Value = Keys> {
    proptest::option::weighted(0.3, any::<[Index; 4]>()).prop_map(|given| Keys { given })
}

impl Keys {
    fn nested(&self) -> NestedOptions {
        let Some([children, title, holder, id]) = &self.given else {
            return NestedOptions::default();
        };
        NestedOptions {
            children_key: KEYS[children.index(KEYS.len())].into(),
            title_key: KEYS[title.index(KEYS.len())].into(),
            holder_key: KEYS[holder.index(KEYS.len())].into(),
            id_key: KEYS[id.index(KEYS.len())].into(),
            lenient: false,
        }
    }

    fn flat(&self) -> FlatOptions {
        let Some([id, parent, title, holder]) = &self.given else {
            return FlatOptions::default();
        };
        FlatOptions {
            id_key: Some(KEYS[id.index(KEYS.len())].into()),
            parent_key: Some(KEYS[parent.index(KEYS.len())].into()),
            title_key: KEYS[title.index(KEYS.len())].into(),
            holder_key: KEYS[holder.index(KEYS.len())].into(),
            lenient: false,
        }
    }
}

fn imported(result: Result<Imported, Vec<Found>>) -> Result<(), TestCaseError> {
    match result {
        Ok(imported) => {
            safe_problems("a warning", imported.warnings.iter().map(|f| &f.problem))?;
            check_chart(&imported.org, false)
        }
        Err(found) => safe_problems("a problem", found.iter().map(|f| &f.problem)),
    }
}

/// Imports `bytes` as nested and as flat JSON (text that is not UTF-8 is refused before
/// either reads it): no panic, no hang, problems safe, charts checked as every chart is.
pub fn imports_soundly(target: &str, bytes: Vec<u8>, keys: Keys) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Ok(());
        };
        imported(nested("tree.json", text, &keys.nested()))?;
        imported(flat("list.json", text, &keys.flat()))
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_import_soundly(bytes in arbitrary_bytes(), keys in keys()) {
        imports_soundly("import-bytes", bytes, keys)?;
    }

    #[test]
    fn mutated_imports_import_soundly((seed, changes) in mutations(), keys in keys()) {
        let seeds = import_seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        imports_soundly("import-mutated", mutated(seed, &changes), keys)?;
    }

    #[test]
    fn charts_of_other_tools_with_any_member_names_import_soundly(
        seed in any::<Index>(),
        keys in any::<[Index; 4]>(),
    ) {
        let seeds = import_seeds();
        let (_, seed) = &seeds[seed.index(seeds.len())];
        imports_soundly("import-keys", seed.clone(), Keys { given: Some(keys) })?;
    }
}
