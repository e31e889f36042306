//! Charts read from where users keep them: a pipe can be read only once, so its problems
//! must still be found at the right line and column.

mod common;

#[test]
fn a_chart_from_a_pipe_is_checked_with_positions_as_from_a_file() {
    let text = std::fs::read_to_string(common::fixtures().join("broken-unknown-manager.json"))
        .expect("the fixture is readable");
    let from_file = common::orgtree(&["check", "broken-unknown-manager.json"]);
    // Standard input is a pipe here, named as a file.
    let from_pipe = common::orgtree_with_input(&["check", "/dev/stdin"], &text);
    assert_eq!(from_pipe.code, from_file.code);
    assert_eq!(
        from_pipe
            .stderr
            .replace("/dev/stdin", "broken-unknown-manager.json"),
        from_file.stderr
    );
    assert!(from_file.stderr.contains(":6:82:"), "{}", from_file.stderr);
}

#[test]
fn a_syntax_error_in_a_pipe_is_described_as_in_a_file() {
    let text = std::fs::read_to_string(common::fixtures().join("broken-syntax.json"))
        .expect("the fixture is readable");
    let from_pipe = common::orgtree_with_input(&["check", "/dev/stdin"], &text);
    assert_eq!(from_pipe.code, 2);
    assert_eq!(
        from_pipe.stderr,
        "/dev/stdin:6:5: error: not valid JSON: expected `,` or `]`\n"
    );
}
