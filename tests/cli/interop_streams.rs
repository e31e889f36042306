//! Import and export in a pipe: `-` reads standard input and `-o -` writes standard output,
//! and no file named `-` is ever made.

use crate::common;

use common::{orgtree, orgtree_with_input};

#[test]
fn an_import_reads_standard_input_and_writes_standard_output() {
    let flat = std::fs::read_to_string(common::fixtures().join("../tests/import/balkan.json"))
        .expect("the test file");
    let run = orgtree_with_input(&["import", "flat", "-", "-o", "-"], &flat);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "orgtree: imported 5 posts from <stdin>; wrote standard output\n"
    );
    let chart = orgtree::read::load_str(&run.stdout, orgtree::read::LoadOptions::default())
        .expect("the output is a chart")
        .org;
    assert_eq!(chart.len(), 5);
    assert!(
        !common::fixtures().join("-").exists(),
        "a file named - was made"
    );
}

#[test]
fn an_export_to_dash_goes_to_standard_output() {
    let to_stdout = orgtree(&["export", "gds-after-bracken.json", "--to", "csv", "-o", "-"]);
    let plain = orgtree(&["export", "gds-after-bracken.json", "--to", "csv"]);
    assert_eq!(to_stdout.code, 0, "{}", to_stdout.stderr);
    assert_eq!(to_stdout.stdout, plain.stdout);
    assert!(to_stdout.stdout.starts_with("id,reports_to,title,holder,"));
    assert!(
        !common::fixtures().join("-").exists(),
        "a file named - was made"
    );
}

#[test]
fn an_import_with_lenient_reads_what_it_can_as_help_says() {
    // A post whose manager is not in the list, and a loop of two.
    let text = r#"[
        {"id": "a", "title": "Director"},
        {"id": "b", "pid": "nobody", "title": "Head of Finance"},
        {"id": "p", "pid": "q", "title": "Head of Policy"},
        {"id": "q", "pid": "p", "title": "Head of Delivery"}
    ]"#;
    let strict = common::orgtree_with_input(&["import", "flat", "-", "-o", "-"], text);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    let run = common::orgtree_with_input(&["--lenient", "import", "flat", "-", "-o", "-"], text);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Nothing is dropped: the lines that are not drawn are kept, as a lenient load keeps
    // them, and the posts are top posts.
    let options = orgtree::read::LoadOptions { lenient: true };
    let chart = orgtree::read::load_str(&run.stdout, options).expect("the chart written loads");
    assert_eq!(chart.org.len(), 4);
    assert_eq!(chart.org.tops().len(), 4);
    let warnings = run.stderr.matches(": warning: ").count();
    assert_eq!(warnings, 2, "{}", run.stderr);
    // The same after the command, where import --help lists it.
    let after = common::orgtree_with_input(&["import", "flat", "-", "-o", "-", "--lenient"], text);
    assert_eq!(after.stdout, run.stdout);
    assert!(
        orgtree(&["import", "flat", "--help"])
            .stdout
            .contains("--lenient")
    );
}
