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
fn an_import_says_it_has_no_lenient_reading() {
    let run = orgtree(&["--lenient", "import", "flat", "x.json", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "orgtree: error: --lenient is for reading orgtree charts; an import reports every problem of its input and writes nothing until they are mended\n"
    );
}
