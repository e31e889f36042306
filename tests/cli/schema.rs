//! `orgtree schema`, `orgtree completions` and `orgtree man`: the schema describes every
//! fixture orgtree loads and refuses the files whose fields have the wrong type; the
//! completions and the manual page come from the command line's own definition.

use crate::common;

use common::{Run, orgtree};
use orgtree::read::{LoadOptions, load_path};
use serde_json::Value;

fn ok(run: &Run) -> &str {
    assert_eq!(run.stderr, "", "stderr");
    assert_eq!(run.code, 0, "exit code");
    &run.stdout
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(ok(&orgtree(&["schema"]))).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid JSON Schema")
}

/// Every fixture that is JSON, with its value.
fn fixtures() -> Vec<(String, Value)> {
    common::all_fixtures()
        .into_iter()
        .filter_map(|name| {
            let text = std::fs::read_to_string(common::fixtures().join(&name)).ok()?;
            let value = serde_json::from_str(&text).ok()?;
            Some((name, value))
        })
        .collect()
}

#[test]
fn every_fixture_orgtree_loads_follows_the_schema() {
    let validator = validator();
    let mut checked = 0;
    for (name, value) in fixtures() {
        if load_path(&common::fixtures().join(&name), LoadOptions::default()).is_err() {
            continue;
        }
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures checked");
}

#[test]
fn the_schema_refuses_what_has_the_wrong_shape_and_leaves_the_rest_to_check() {
    let validator = validator();
    let files = fixtures();
    let valid = |name: &str| {
        let (_, value) = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no fixture {name}"));
        validator.is_valid(value)
    };
    // Shapes and types: the schema says no.
    for name in [
        "broken-missing-id.json",
        "broken-missing-title.json",
        "broken-wrong-types.json",
        "broken-newer-version.json",
    ] {
        assert!(!valid(name), "{name} passed the schema");
    }
    // What only a reading of the whole chart can tell: the schema cannot say, check does.
    for name in [
        "broken-duplicate-id.json",
        "broken-unknown-manager.json",
        "broken-reporting-loop.json",
        "broken-reports-to-self.json",
        "broken-unknown-dotted.json",
    ] {
        assert!(valid(name), "{name} should pass the schema");
        let run = orgtree(&["check", name]);
        assert_eq!(run.code, 1, "{name}: check finds it");
    }
}

#[test]
fn a_null_optional_field_is_as_good_as_none_for_the_schema_as_for_check() {
    let chart = serde_json::json!({
        "name": null, "as_of": null, "source": null,
        "posts": [{
            "id": "x", "title": "t", "unit": null, "grade": null, "note": null,
            "fte": null, "cost": null, "tags": null,
            "staff": [{"title": null, "grade": null, "fte": null, "cost": null}],
            "dotted": [{"to": "x", "label": null}]
        }]
    });
    let text = chart.to_string();
    assert!(orgtree::read::load_str(&text, LoadOptions::default()).is_ok());
    let errors: Vec<String> = validator()
        .iter_errors(&chart)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A required field cannot be null.
    let no_title = serde_json::json!({"posts": [{"id": "x", "title": null}]});
    assert!(!validator().is_valid(&no_title));
}

/// Whether the schema and the loader both take, or both refuse, a chart with one post whose
/// field `field` is `value`.
fn schema_and_loader_agree(field: &str, value: &Value) -> bool {
    let chart = serde_json::json!({"posts": [{"id": "x", "title": "t", field: value}]});
    let loads = orgtree::read::load_str(&chart.to_string(), LoadOptions::default()).is_ok();
    validator().is_valid(&chart) == loads
}

#[test]
fn the_schema_and_the_loader_agree_on_what_a_holder_may_be() {
    use serde_json::json;
    for (holder, valid) in [
        (json!("Ann Lee"), true),
        (json!(null), true),
        (json!({"undisclosed": true}), true),
        (json!({"undisclosed": false}), false),
        (json!({"undisclosed": true, "name": "Ann"}), false),
        (json!({}), false),
        (json!(true), false),
    ] {
        assert!(schema_and_loader_agree("holder", &holder), "{holder}");
        let chart = json!({"posts": [{"id": "x", "title": "t", "holder": holder}]});
        assert_eq!(validator().is_valid(&chart), valid, "{holder}");
    }
}

#[test]
fn the_schema_and_the_loader_agree_on_what_a_cost_may_be() {
    use serde_json::json;
    for (cost, valid) in [
        (json!(90000), true),
        (json!(null), true),
        (json!({"min": 120_000, "max": 145_000}), true),
        (json!({"min": 5, "max": 5}), true),
        (json!({"min": 5}), false),
        (json!({"min": -1, "max": 5}), false),
        (json!({"min": 1, "max": 2, "currency": "GBP"}), false),
        (json!([1, 2]), false),
        (json!(-3), false),
    ] {
        assert!(schema_and_loader_agree("cost", &cost), "{cost}");
        let chart = json!({"posts": [{"id": "x", "title": "t", "cost": cost}]});
        assert_eq!(validator().is_valid(&chart), valid, "{cost}");
        let staff = json!({"posts": [{"id": "x", "title": "t", "staff": [{"cost": cost}]}]});
        assert_eq!(validator().is_valid(&staff), valid, "staff {cost}");
    }
    // What a schema cannot say: a range whose min is above its max, which check refuses.
    let reversed = json!({"posts": [{"id": "x", "title": "t", "cost": {"min": 9, "max": 5}}]});
    assert!(validator().is_valid(&reversed));
    assert!(orgtree::read::load_str(&reversed.to_string(), LoadOptions::default()).is_err());
}

#[test]
fn completions_name_every_command_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let script = orgtree(&["completions", shell]);
        let text = ok(&script);
        for command in [
            "check", "print", "stats", "diff", "compare", "edit", "apply", "export",
        ] {
            assert!(text.contains(command), "{shell}: no {command}");
        }
        assert!(text.contains("lenient"), "{shell}: no lenient option");
    }
    let run = orgtree(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'tcsh' for '<SHELL>'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("bash"),
        "the shells are listed: {}",
        run.stderr
    );
}

#[test]
fn the_manual_page_is_roff_and_lists_the_commands() {
    let run = orgtree(&["man"]);
    let page = ok(&run);
    assert!(page.contains(".TH orgtree 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS"));
    for command in [
        "check", "diff", "compare", "edit", "apply", "export", "schema",
    ] {
        assert!(page.contains(command), "no {command} in the page");
    }
}

#[test]
fn each_command_has_a_manual_page_of_its_own() {
    let run = orgtree(&["man", "export"]);
    let page = ok(&run);
    assert!(page.contains(".TH orgtree-export 1"), "{page}");
    for option in ["\\-\\-to", "\\-\\-root", "\\-\\-depth", "\\-\\-force"] {
        assert!(page.contains(option), "no {option} in the page:\n{page}");
    }
    let import = orgtree(&["man", "import"]);
    assert!(ok(&import).contains("organogram"));
    let unknown = orgtree(&["man", "frobnicate"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("no command 'frobnicate'; the commands are check,"),
        "{}",
        unknown.stderr
    );
}
