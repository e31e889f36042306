//! Properties that hold for any chart: writing it and reading it back gives the same chart,
//! whatever its text, shape, order of reports or unknown fields.

use orgtree::org::save;
use orgtree::read::{LoadOptions, load_str};
use proptest::prelude::*;

use crate::charts::any_text_chart;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn saving_then_loading_gives_the_same_chart(org in any_text_chart(1..40)) {
        let written = save::to_json(&org);
        let loaded = load_str(&written, LoadOptions::default());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.problems().to_vec()));
        let loaded = loaded.unwrap();
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert!(loaded.org == org, "the chart changed on the round trip:\n{written}");
        prop_assert_eq!(save::to_json(&loaded.org), written);
    }

    #[test]
    fn generated_charts_round_trip(posts in 1usize..3_000, seed in any::<u64>()) {
        let org = orgtree::generate::generate(posts, seed);
        let loaded = load_str(&save::to_json(&org), LoadOptions::default()).unwrap();
        prop_assert!(loaded.org == org);
    }
}
