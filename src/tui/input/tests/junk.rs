//! Bytes no terminal should send, or sends cut short: they end, or are given up at a
//! pause, and the keys after them are read as ever.

use crossterm::event::{Event, KeyCode, MouseButton, MouseEventKind};
use proptest::prelude::*;

use super::{CTRL, NONE, Parser, SHIFT, char_key, drain, key, mouse, read, text};
use crate::tui::input::{PASTE_PAUSE, SEQUENCE_PAUSE};

#[test]
fn bytes_that_are_not_utf8_are_dropped_and_what_follows_is_read() {
    // A stray continuation byte, a lead byte cut short by a letter, bytes never in UTF-8,
    // a surrogate and an overlong form.
    assert_eq!(
        read(b"\x80a\xe2b\xffc\xed\xa0\x80d\xc0\xafe"),
        text("abcde")
    );
    // A character cut off and never finished.
    assert_eq!(read(b"x\xe2\x82"), text("x"));
}

#[test]
fn mouse_reports_out_of_range_give_nothing_and_never_panic() {
    for bytes in [
        &b"\x1b[<0;0;0M"[..],
        b"\x1b[<0;99999999999;1M",
        b"\x1b[<300;1;1M",
        b"\x1b[<;;M",
        b"\x1b[<0M",
        b"\x1b[5;1;1M",
        b"\x1b[M\x00\x00\x00",
        b"\x1b[M\xff\xff\xff",
    ] {
        let events = read(bytes);
        assert!(events.len() <= 1, "{bytes:?} gave {events:?}");
        assert!(
            events.iter().all(|event| matches!(event, Event::Mouse(_))),
            "{bytes:?} gave {events:?}"
        );
    }
    assert_eq!(
        read(b"\x1b[<0;0;0M"),
        vec![mouse(MouseEventKind::Down(MouseButton::Left), 0, 0, NONE)]
    );
}

#[test]
fn a_paste_that_never_ends_ends_at_a_pause_and_is_capped() {
    let mut parser = Parser::default();
    parser.advance(b"\x1b[200~");
    let chunk = vec![b'x'; 1 << 16];
    for _ in 0..64 {
        parser.advance(&chunk);
    }
    assert!(parser.held() <= 1 << 20, "held {} bytes", parser.held());
    assert_eq!(parser.waiting(), Some(PASTE_PAUSE));
    assert!(drain(&mut parser).is_empty(), "q inside a paste is text");
    parser.pause();
    let events = drain(&mut parser);
    assert!(matches!(&events[..], [Event::Paste(text)] if text.len() == 1 << 20));
    parser.advance(b"q");
    assert_eq!(drain(&mut parser), text("q"));
}

#[test]
fn a_report_orgtree_never_asked_for_ends_at_its_final_byte() {
    // The bytes that made crossterm 0.29 swallow every later key.
    assert_eq!(read(b"\x1b[?xjq"), text("jq"));
    assert_eq!(read(b"\x1b[?1;2cjq"), text("jq"));
    assert_eq!(read(b"\x1b[?1uq"), text("q"));
    assert_eq!(read(b"\x1b[>0;95;0cq"), text("q"));
    assert_eq!(
        read(b"\x1b[12;40Rq"),
        text("q"),
        "a cursor report is no key here"
    );
    assert_eq!(read(b"\x1b[1 qj"), text("j"));
}

#[test]
fn a_byte_outside_the_grammar_ends_a_sequence_and_is_read_itself() {
    assert_eq!(read(b"\x1b[?12\x03"), vec![key(KeyCode::Char('c'), CTRL)]);
    assert_eq!(
        read(b"\x1b[1;\rq"),
        vec![key(KeyCode::Enter, NONE), char_key('q')]
    );
    // A parameter byte after an intermediate byte.
    assert_eq!(read(b"\x1b[1 2q"), text("2q"));
    // ESC inside a sequence starts another.
    assert_eq!(read(b"\x1b[12\x1b[A"), vec![key(KeyCode::Up, NONE)]);
    assert_eq!(read("\x1b[1é".as_bytes()), text("é"));
    assert_eq!(read(b"\x1bO\x7f"), vec![key(KeyCode::Backspace, NONE)]);
    assert_eq!(read(b"\x1b[[9q"), text("9q"));
}

#[test]
fn an_overlong_sequence_is_dropped_whole_and_holds_little() {
    let mut parser = Parser::default();
    parser.advance(b"\x1b[");
    let digits = vec![b'1'; 1 << 20];
    parser.advance(&digits);
    assert!(parser.held() <= 64, "held {} bytes", parser.held());
    parser.advance(b"Aq");
    assert_eq!(drain(&mut parser), text("q"));
}

#[test]
fn an_unfinished_sequence_is_dropped_at_a_pause_and_the_next_key_read() {
    for junk in [
        &b"\x1b[?"[..],
        b"\x1b[1;",
        b"\x1b[<0;5",
        b"\x1b[M ",
        b"\x1b[[",
        b"\x1b\xe2",
        b"\xf0\x9f",
    ] {
        let mut parser = Parser::default();
        parser.advance(junk);
        assert_eq!(
            parser.waiting(),
            Some(SEQUENCE_PAUSE),
            "{junk:?} not waiting"
        );
        parser.pause();
        assert_eq!(parser.waiting(), None);
        drain(&mut parser);
        parser.advance(b"q");
        assert_eq!(drain(&mut parser), text("q"), "after {junk:?}");
    }
}

/// A key orgtree uses and the bytes an xterm-like terminal sends for it.
fn key_and_bytes() -> impl Strategy<Value = (Event, Vec<u8>)> {
    let keys: Vec<(Event, &[u8])> = vec![
        (key(KeyCode::Up, NONE), b"\x1b[A"),
        (key(KeyCode::Down, NONE), b"\x1bOB"),
        (key(KeyCode::PageDown, NONE), b"\x1b[6~"),
        (key(KeyCode::Home, NONE), b"\x1b[H"),
        (key(KeyCode::BackTab, SHIFT), b"\x1b[Z"),
        (key(KeyCode::Delete, NONE), b"\x1b[3~"),
        (key(KeyCode::Enter, NONE), b"\r"),
        (key(KeyCode::Char('c'), CTRL), b"\x03"),
        (char_key('j'), b"j"),
        (char_key('é'), "é".as_bytes()),
        (
            mouse(MouseEventKind::Down(MouseButton::Left), 3, 4, NONE),
            b"\x1b[<0;4;5M",
        ),
        (Event::Paste("a b".into()), b"\x1b[200~a b\x1b[201~"),
    ];
    proptest::sample::select(keys).prop_map(|(event, bytes)| (event, bytes.to_vec()))
}

proptest! {
    /// Whatever came before, and however it was cut into reads, a pause leaves nothing
    /// unfinished and `q` after it is the key q.
    #[test]
    fn after_any_bytes_and_a_pause_q_is_q(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let mut parser = Parser::default();
        let mut cuts: Vec<usize> = cuts.iter().map(|cut| cut.index(bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let mut from = 0;
        for cut in cuts.into_iter().chain([bytes.len()]) {
            parser.advance(&bytes[from..cut]);
            from = cut;
        }
        prop_assert!(parser.held() <= 200);
        if parser.waiting().is_some() {
            parser.pause();
        }
        prop_assert_eq!(parser.waiting(), None);
        drain(&mut parser);
        parser.advance(b"q");
        prop_assert_eq!(drain(&mut parser), text("q"));
    }

    /// Keys sent one after another, with junk and a pause between them, each come out as
    /// themselves.
    #[test]
    fn keys_after_junk_and_a_pause_come_out_whole(
        sent in proptest::collection::vec(
            (proptest::collection::vec(any::<u8>(), 0..20), key_and_bytes()),
            1..10,
        ),
    ) {
        let mut parser = Parser::default();
        for (junk, (event, bytes)) in sent {
            parser.advance(&junk);
            parser.pause();
            drain(&mut parser);
            parser.advance(&bytes);
            prop_assert_eq!(drain(&mut parser), vec![event]);
        }
    }
}
