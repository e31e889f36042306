//! Change scripts: reading any bytes as a script and replaying what reads on a chart, as
//! `orgtree apply` does; and the script `orgtree diff --script` writes between two charts,
//! which must turn the one into the other, for charts built at random and for mutated
//! fixtures alike.

use orgtree::edit::script;
use orgtree::org::{Org, save};
use orgtree::read::{LoadOptions, load_str};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::charts::hostile_chart;
use crate::mutate::{arbitrary_bytes, mutated, mutation, mutations};
use crate::outputs::{diffs_are_safe, saves_and_loads_back};
use crate::support::{
    config, fixture_bytes, guarded, loaded_fixture, safe, safe_problems, script_seeds,
};

/// The chart a script seed starts from: for `A to B`, the fixture A.
pub fn start_of(seed: &str) -> Org {
    let name = seed.split(" to ").next().filter(|_| seed.contains(" to "));
    loaded_fixture(name.unwrap_or("gds-before-bracken.json"))
}

/// Reads `bytes` as a change script and replays it on `org`, as `orgtree apply` does: no
/// panic, no hang, every message safe; a result that loads (apply writes nothing else) is
/// the chart the replay made.
pub fn applies_soundly(target: &str, bytes: Vec<u8>, mut org: Org) -> Result<(), TestCaseError> {
    let input = bytes.clone();
    guarded(target, &input, move || {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Ok(());
        };
        let steps = match script::read(text) {
            Ok(steps) => steps,
            Err(problems) => return safe_problems("a problem in the script", &problems),
        };
        if let Err(refused) = script::replay(&mut org, steps.iter().map(|step| &step.edit)) {
            return safe_problems("a refused step", [&refused.problem(&steps)]);
        }
        let json = save::to_json(&org);
        match load_str(&json, LoadOptions::default()) {
            Ok(_) => saves_and_loads_back(&org, false),
            Err(error) => safe_problems("a problem in the result", error.problems()),
        }
    })
}

/// A chart as the loader gives it back from its saved form, strictly if it can.
fn as_loaded(org: &Org) -> Option<(Org, bool)> {
    let text = save::to_json(org);
    for lenient in [false, true] {
        if let Ok(loaded) = load_str(&text, LoadOptions { lenient }) {
            return Some((loaded.org, lenient));
        }
    }
    None
}

/// `apply(a, diff --script(a, b)) == b`, through the script's text, both ways; and the diff
/// of the two, both ways, is safe to print.
fn scripts_turn_one_into_the_other(a: &Org, b: &Org) -> Result<(), TestCaseError> {
    for (from, to) in [(a, b), (b, a)] {
        diffs_are_safe(from, to)?;
        let edits = script::between(from, to).map_err(|error| {
            TestCaseError::fail(format!("diff --script cannot work out a script: {error}"))
        })?;
        let mut written = Vec::new();
        script::write(&edits, &mut written).expect("writing to memory cannot fail");
        let text = String::from_utf8(written).expect("a script is UTF-8");
        safe("diff --script", &text, &['\n'])?;
        let steps = script::read(&text).map_err(|problems| {
            TestCaseError::fail(format!(
                "apply cannot read what diff --script wrote: {problems:?}\n{text:.3000}"
            ))
        })?;
        let mut work = from.clone();
        script::replay(&mut work, steps.iter().map(|step| &step.edit)).map_err(|refused| {
            TestCaseError::fail(format!(
                "apply refuses step {} of what diff --script wrote: {}\n{text:.3000}",
                refused.step, refused.error
            ))
        })?;
        prop_assert!(
            work == *to,
            "apply(a, diff --script(a, b)) is not b:\n{text:.3000}\n-- gave --\n{:.3000}\n-- not --\n{:.3000}",
            save::to_json(&work),
            save::to_json(to)
        );
    }
    Ok(())
}

/// Whether `org` is a chart a strict load accepts, saved and read back. A lenient load
/// keeps what a strict chart cannot hold (a `reports_to` that is an array, kept as a field
/// named `reports_to`; a dotted line to a post that is not there), and the edits of a change
/// script can neither make nor name such things: `diff --script` to or from such a chart
/// cannot work out a script, or writes one whose result does not load. Reported as a
/// finding of the fuzzing, not fixed here; such pairs are left out.
fn strict(org: &Org) -> bool {
    load_str(&save::to_json(org), LoadOptions::default()).is_ok()
}

fn pair_holds(target: &str, a: Org, b: Org) -> Result<(), TestCaseError> {
    if !strict(&a) || !strict(&b) {
        return Ok(());
    }
    let mut input = save::to_json(&a).into_bytes();
    input.extend_from_slice(b"\n--- after ---\n");
    input.extend_from_slice(save::to_json(&b).as_bytes());
    guarded(target, &input, move || {
        scripts_turn_one_into_the_other(&a, &b)
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_apply_soundly(bytes in arbitrary_bytes(), start in any::<proptest::sample::Index>()) {
        let seeds = script_seeds();
        let (name, _) = &seeds[start.index(seeds.len())];
        applies_soundly("script-bytes", bytes, start_of(name))?;
    }

    #[test]
    fn mutated_scripts_apply_soundly((seed, changes) in mutations()) {
        let seeds = script_seeds();
        let (name, seed) = &seeds[seed.index(seeds.len())];
        applies_soundly("script-mutated", mutated(seed, &changes), start_of(name))?;
    }

    #[test]
    fn scripts_between_generated_charts_replay(a in hostile_chart(), b in hostile_chart()) {
        if let (Some((a, _)), Some((b, _))) = (as_loaded(&a), as_loaded(&b)) {
            pair_holds("script-generated", a, b)?;
        }
    }

    #[test]
    fn scripts_between_mutated_fixtures_replay(
        pair in any::<proptest::sample::Index>(),
        before_changes in proptest::collection::vec(mutation(), 0..4),
        after_changes in proptest::collection::vec(mutation(), 0..4),
    ) {
        let pairs = crate::common::pairs();
        let (before, after) = &pairs[pair.index(pairs.len())];
        let load = |name: &str, changes| {
            let bytes = mutated(&fixture_bytes(name), changes);
            let text = String::from_utf8(bytes).ok()?;
            load_str(&text, LoadOptions { lenient: true }).ok().map(|loaded| loaded.org)
        };
        if let (Some(a), Some(b)) = (load(before, &before_changes), load(after, &after_changes)) {
            pair_holds("script-fixtures", a, b)?;
        }
    }
}
