//! Change scripts through the library: the script between two charts turns the first into
//! the second, for every pair of fixtures.

use crate::common;

use orgtree::edit::script::{between, read, replay, write};
use orgtree::org::Org;
use orgtree::read::{LoadOptions, load_path};

fn load(name: &str) -> Org {
    load_path(&common::fixtures().join(name), LoadOptions::default())
        .expect("the fixture loads")
        .org
}

#[test]
fn the_script_between_any_two_fixtures_turns_one_into_the_other() {
    let names = common::loadable_fixtures();
    assert!(names.len() >= 9, "{names:?}");
    for before in &names {
        for after in &names {
            let (old, new) = (load(before), load(after));
            let edits = between(&old, &new).unwrap_or_else(|e| panic!("{before} -> {after}: {e}"));
            let mut text = Vec::new();
            write(&edits, &mut text).unwrap();
            let text = String::from_utf8(text).unwrap();
            let read_back: Vec<_> = read(&text).unwrap().into_iter().map(|s| s.edit).collect();
            assert_eq!(read_back, edits, "{before} -> {after}");
            let mut work = old.clone();
            replay(&mut work, &read_back)
                .unwrap_or_else(|r| panic!("{before} -> {after}: step {} {}", r.step, r.error));
            assert!(work == new, "{before} -> {after}:\n{text}");
            if before == after {
                assert!(edits.is_empty(), "{before}: {text}");
            }
        }
    }
}
