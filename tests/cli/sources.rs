//! Charts read from where users keep them: a pipe can be read only once, so its problems
//! must still be found at the right line and column.

use crate::common;

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

#[test]
fn a_byte_that_is_not_utf8_is_placed_alike_in_a_file_and_a_pipe() {
    let mut bytes = "\u{feff}{\"posts\": [{\"id\": \"a\", \"title\": \""
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xff\"}]}");
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(file.path(), &bytes).expect("the file is written");
    let path = file.path().to_str().expect("a UTF-8 path");
    let from_file = common::orgtree(&["check", path]);
    let text = String::from_utf8_lossy(&bytes);
    // A pipe cannot carry the byte through the helper as text; the file's own bytes go in.
    let from_pipe = assert_cmd::Command::cargo_bin("orgtree")
        .expect("the binary is built")
        .args(["check", "-"])
        .write_stdin(bytes.clone())
        .output()
        .expect("orgtree runs");
    let from_pipe = String::from_utf8(from_pipe.stderr).expect("UTF-8 messages");
    assert!(text.contains('\u{fffd}'));
    let message = "1:34: error: not UTF-8 text: byte 0xff cannot start a character (orgtree reads UTF-8 JSON)";
    assert_eq!(from_file.stderr, format!("{path}:{message}\n"));
    assert_eq!(from_pipe, format!("<stdin>:{message}\n"));
}
