//! Change scripts: reading any bytes as a script and replaying what reads on a chart, as
//! `orgtree apply` does; and the script `orgtree diff --script` writes between two charts,
//! which must turn the one into the other, for charts built at random and for mutated
//! fixtures alike.

use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A member a lenient load keeps though a strict one refuses it: a value of the wrong type
/// under a known field's name (of a post or of the chart), a manager whose line is not drawn,
/// a dotted line to a post that is not there or without a `to`, a staff group or a dotted
/// line holding a value of the wrong type, an empty title. Put on the post at `which` (or on
/// the chart, for `name`), in place of a member of that name.
fn kept_leniently() -> impl Strategy<Value = (proptest::sample::Index, &'static str, &'static str)>
{
    let member = proptest::sample::select(vec![
        ("fte", "[1, 2]"),
        ("fte", "-1"),
        ("cost", r#""a lot""#),
        ("holder", "5"),
        ("holder", r#"{"name": "Ann"}"#),
        ("unit", "[]"),
        ("tags", r#"[1, "a"]"#),
        ("staff", r#"[{"title": "Team", "fte": [3]}]"#),
        ("staff", "7"),
        ("dotted", r#"[{"to": "ghost", "label": 3}]"#),
        ("dotted", r#"[{"label": "no to"}]"#),
        ("reports_to", r#"["boss"]"#),
        ("reports_to", r#""nobody""#),
        ("title", r#""""#),
        ("name", "5"),
        ("source", "[true]"),
    ]);
    (any::<proptest::sample::Index>(), member).prop_map(|(which, (key, value))| (which, key, value))
}

/// `org` saved, given the members of `kept` and the changes of `changes`, and loaded
/// leniently, as the loader gives it back from its saved form; `None` when that no longer
/// loads.
fn lenient_form(
    org: &Org,
    kept: &[(proptest::sample::Index, &str, &str)],
    changes: &[crate::mutate::Mutation],
) -> Option<Org> {
    let mut chart: serde_json::Value = crate::support::json(&save::to_json(org));
    for (which, key, value) in kept {
        let value = crate::support::json(value);
        let target = if matches!(*key, "name" | "source") {
            Some(&mut chart)
        } else {
            chart["posts"].as_array_mut().and_then(|posts| {
                let at = which.index(posts.len().max(1));
                posts.get_mut(at)
            })
        };
        if let Some(serde_json::Value::Object(members)) = target {
            members.insert((*key).to_owned(), value);
        }
    }
    let bytes = mutated(chart.to_string().as_bytes(), changes);
    let text = String::from_utf8(bytes).ok()?;
    let loaded = load_str(&text, LoadOptions { lenient: true }).ok()?;
    as_loaded(&loaded.org).map(|(org, _)| org)
}

/// `apply(a, diff --script(a, b)) == b`, through the script's text, both ways; and the diff
/// of the two, both ways, is safe to print. The script is replayed as `apply --lenient`
/// does; when the after chart is one a strict load accepts, as `apply` does too (the script
/// then needs no leniency, whatever the before chart holds).
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
        let modes: &[bool] = if strict(to) { &[true, false] } else { &[true] };
        for &lenient in modes {
            let mut work = from.clone();
            script::replay_with(&mut work, steps.iter().map(|step| &step.edit), lenient).map_err(
                |refused| {
                    TestCaseError::fail(format!(
                        "apply{} refuses step {} of what diff --script wrote: {}\n{text:.3000}",
                        if lenient { " --lenient" } else { "" },
                        refused.step,
                        refused.error
                    ))
                },
            )?;
            prop_assert!(
                work == *to,
                "apply(a, diff --script(a, b)) is not b:\n{text:.3000}\n-- gave --\n{:.3000}\n-- not --\n{:.3000}",
                save::to_json(&work),
                save::to_json(to)
            );
            // As `apply` checks before writing: the result reads back as it is.
            let back = load_str(&save::to_json(&work), LoadOptions { lenient })
                .map_err(|error| TestCaseError::fail(format!("{:?}", error.problems())))?;
            prop_assert!(
                back.org == work,
                "the result does not read back:\n{text:.3000}"
            );
        }
    }
    Ok(())
}

/// Whether `org` is a chart a strict load accepts, saved and read back. A lenient load also
/// keeps what a strict chart cannot hold (a `reports_to` that is an array, kept as written
/// under its name; a dotted line to a post that is not there): the script to such a chart
/// needs `apply --lenient`.
fn strict(org: &Org) -> bool {
    load_str(&save::to_json(org), LoadOptions::default()).is_ok()
}

/// How many cases of a target ran, and how many of their pairs held a chart only a lenient
/// load accepts; said once the target's cases are done, as the fuzzing's record.
struct Tally {
    name: &'static str,
    cases: AtomicUsize,
    pairs: AtomicUsize,
    lenient: AtomicUsize,
}

impl Tally {
    const fn new(name: &'static str) -> Self {
        Self {
            name,
            cases: AtomicUsize::new(0),
            pairs: AtomicUsize::new(0),
            lenient: AtomicUsize::new(0),
        }
    }

    fn pair(&self, a: &Org, b: &Org) {
        self.pairs.fetch_add(1, Ordering::Relaxed);
        if !strict(a) || !strict(b) {
            self.lenient.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn case(&self) {
        let cases = self.cases.fetch_add(1, Ordering::Relaxed) + 1;
        if cases == config(64).cases as usize {
            eprintln!(
                "{}: {cases} cases, {} pairs loaded, {} of them holding a chart only a lenient load accepts",
                self.name,
                self.pairs.load(Ordering::Relaxed),
                self.lenient.load(Ordering::Relaxed)
            );
        }
    }
}

static GENERATED: Tally = Tally::new("script-generated");
static FIXTURES: Tally = Tally::new("script-fixtures");

fn pair_holds(target: &str, a: Org, b: Org) -> Result<(), TestCaseError> {
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
    fn scripts_between_generated_charts_replay(
        a in hostile_chart(),
        b in hostile_chart(),
        a_kept in proptest::collection::vec(kept_leniently(), 0..3),
        b_kept in proptest::collection::vec(kept_leniently(), 0..3),
        a_changes in proptest::collection::vec(mutation(), 0..2),
        b_changes in proptest::collection::vec(mutation(), 0..2),
    ) {
        GENERATED.case();
        if let (Some(a), Some(b)) = (lenient_form(&a, &a_kept, &a_changes), lenient_form(&b, &b_kept, &b_changes)) {
            GENERATED.pair(&a, &b);
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
        FIXTURES.case();
        if let (Some(a), Some(b)) = (load(before, &before_changes), load(after, &after_changes)) {
            FIXTURES.pair(&a, &b);
            pair_holds("script-fixtures", a, b)?;
        }
    }
}
