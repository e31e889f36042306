//! Input the terminal should not send, or sends only in part: a report orgtree never asked
//! for, an escape sequence cut off, a paste that never ends. None of it may take the
//! keyboard away: the keys after it move and quit as ever.

use std::thread;

use orgtree::tui::input::{PASTE_PAUSE, SEQUENCE_PAUSE};

use crate::browse::Browse;
use crate::pty::{Session, assert_terminal_restored};

/// Well over how long the program waits for the rest of an unfinished escape sequence or
/// paste, so that it has given up waiting even on a busy machine.
fn pause() {
    thread::sleep(PASTE_PAUSE.max(SEQUENCE_PAUSE) * 4);
}

#[track_caller]
fn quits_cleanly(mut session: Session, key: &[u8]) {
    session.type_keys(key);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&session);
}

#[test]
fn keys_work_at_once_after_a_report_orgtree_never_asked_for() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.wait_for_position("1/7");
    // `ESC [ ? x`: a whole control sequence, of no meaning to orgtree.
    session.type_keys(b"\x1b[?x");
    session.type_keys(b"j");
    session.wait_for_position("2/7");
    session.type_keys(b"\x1b[?1;2xk");
    session.wait_for_position("1/7");
    quits_cleanly(session, b"q");
}

#[test]
fn an_escape_sequence_cut_off_is_given_up_after_a_pause() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.wait_for_position("1/7");
    session.type_keys(b"\x1b[?");
    pause();
    session.type_keys(b"j");
    session.wait_for_position("2/7");
    session.type_keys(b"\x1b[1;");
    pause();
    quits_cleanly(session, b"\x03");
}

#[test]
fn a_paste_that_never_ends_is_given_up_after_a_pause() {
    let mut session = Session::start_and_draw(&[], &[]);
    session.wait_for_position("1/7");
    session.type_keys(b"\x1b[200~pasted text, and no end");
    pause();
    session.type_keys(b"j");
    session.wait_for_position("2/7");
    session.type_keys(b"k");
    session.wait_for_position("1/7");
    session.type_keys(b"\x1b[200~");
    pause();
    quits_cleanly(session, b"q");
}

#[test]
fn a_byte_that_cannot_be_in_a_sequence_ends_it_and_counts_as_a_key() {
    let session = Session::start_and_draw(&[], &[]);
    session.wait_for_position("1/7");
    // Ctrl-C inside a control sequence: the sequence is cut short, the key still quits.
    quits_cleanly(session, b"\x1b[?12\x03");
}
