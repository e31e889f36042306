//! Each key, mouse report and paste as terminals send it.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::{ALT, CTRL, NONE, Parser, SHIFT, char_key, drain, key, mouse, read, text};

#[test]
fn letters_digits_and_punctuation_are_their_characters() {
    assert_eq!(read(b"jkq/?Gz09 .-"), text("jkq/?Gz09 .-"));
    assert_eq!(read(b"G"), vec![key(KeyCode::Char('G'), SHIFT)]);
}

#[test]
fn characters_of_several_bytes_are_read_whole_even_when_split() {
    assert_eq!(read("é情😀".as_bytes()), text("é情😀"));
    let mut parser = Parser::default();
    let bytes = "情".as_bytes();
    parser.advance(&bytes[..1]);
    parser.advance(&bytes[1..2]);
    assert!(drain(&mut parser).is_empty());
    parser.advance(&bytes[2..]);
    assert_eq!(drain(&mut parser), text("情"));
}

#[test]
fn control_keys_are_read_as_crossterm_reads_them() {
    assert_eq!(read(b"\r"), vec![key(KeyCode::Enter, NONE)]);
    assert_eq!(read(b"\t"), vec![key(KeyCode::Tab, NONE)]);
    assert_eq!(read(b"\x7f"), vec![key(KeyCode::Backspace, NONE)]);
    assert_eq!(read(b"\x1b"), vec![key(KeyCode::Esc, NONE)]);
    for (byte, letter) in [
        (0x01, 'a'),
        (0x03, 'c'),
        (0x04, 'd'),
        (0x05, 'e'),
        (0x06, 'f'),
        (0x02, 'b'),
        (0x08, 'h'),
        (0x0a, 'j'),
        (0x12, 'r'),
        (0x15, 'u'),
        (0x1a, 'z'),
    ] {
        assert_eq!(read(&[byte]), vec![key(KeyCode::Char(letter), CTRL)]);
    }
    assert_eq!(read(b"\x00"), vec![key(KeyCode::Char(' '), CTRL)]);
    assert_eq!(
        read(b"\x1c\x1f"),
        vec![key(KeyCode::Char('4'), CTRL), key(KeyCode::Char('7'), CTRL)]
    );
}

#[test]
fn cursor_keys_in_both_modes_with_and_without_modifiers() {
    for (bytes, code) in [
        (&b"\x1b[A"[..], KeyCode::Up),
        (b"\x1b[B", KeyCode::Down),
        (b"\x1b[C", KeyCode::Right),
        (b"\x1b[D", KeyCode::Left),
        (b"\x1b[H", KeyCode::Home),
        (b"\x1b[F", KeyCode::End),
        (b"\x1bOA", KeyCode::Up),
        (b"\x1bOB", KeyCode::Down),
        (b"\x1bOC", KeyCode::Right),
        (b"\x1bOD", KeyCode::Left),
        (b"\x1bOH", KeyCode::Home),
        (b"\x1bOF", KeyCode::End),
    ] {
        assert_eq!(read(bytes), vec![key(code, NONE)], "{bytes:?}");
    }
    assert_eq!(read(b"\x1b[1;5A"), vec![key(KeyCode::Up, CTRL)]);
    assert_eq!(read(b"\x1b[1;2B"), vec![key(KeyCode::Down, SHIFT)]);
    assert_eq!(read(b"\x1b[1;3C"), vec![key(KeyCode::Right, ALT)]);
    assert_eq!(
        read(b"\x1b[1;8D"),
        vec![key(KeyCode::Left, SHIFT | ALT | CTRL)]
    );
}

#[test]
fn editing_and_paging_keys_of_every_terminal() {
    for (bytes, code) in [
        (&b"\x1b[1~"[..], KeyCode::Home),
        (b"\x1b[7~", KeyCode::Home),
        (b"\x1b[2~", KeyCode::Insert),
        (b"\x1b[3~", KeyCode::Delete),
        (b"\x1b[4~", KeyCode::End),
        (b"\x1b[8~", KeyCode::End),
        (b"\x1b[5~", KeyCode::PageUp),
        (b"\x1b[6~", KeyCode::PageDown),
    ] {
        assert_eq!(read(bytes), vec![key(code, NONE)], "{bytes:?}");
    }
    assert_eq!(read(b"\x1b[5;5~"), vec![key(KeyCode::PageUp, CTRL)]);
    assert_eq!(read(b"\x1b[3;2~"), vec![key(KeyCode::Delete, SHIFT)]);
}

#[test]
fn function_keys_of_xterm_vt220_and_the_linux_console() {
    let f = |n| vec![key(KeyCode::F(n), NONE)];
    assert_eq!(read(b"\x1bOP"), f(1));
    assert_eq!(read(b"\x1bOS"), f(4));
    assert_eq!(read(b"\x1b[P"), f(1));
    assert_eq!(read(b"\x1b[11~"), f(1));
    assert_eq!(read(b"\x1b[15~"), f(5));
    assert_eq!(read(b"\x1b[17~"), f(6));
    assert_eq!(read(b"\x1b[21~"), f(10));
    assert_eq!(read(b"\x1b[23~"), f(11));
    assert_eq!(read(b"\x1b[24~"), f(12));
    assert_eq!(read(b"\x1b[[A"), f(1));
    assert_eq!(read(b"\x1b[[E"), f(5));
    assert_eq!(read(b"\x1b[1;2P"), vec![key(KeyCode::F(1), SHIFT)]);
    assert_eq!(read(b"\x1bO5R"), vec![key(KeyCode::F(3), CTRL)]);
    assert_eq!(read(b"\x1b[15;5~"), vec![key(KeyCode::F(5), CTRL)]);
}

#[test]
fn shift_tab_is_back_tab_with_shift() {
    assert_eq!(read(b"\x1b[Z"), vec![key(KeyCode::BackTab, SHIFT)]);
    assert_eq!(read(b"\x1b[9;2u"), vec![key(KeyCode::BackTab, SHIFT)]);
}

#[test]
fn alt_with_a_key_is_esc_before_it() {
    assert_eq!(read(b"\x1bx"), vec![key(KeyCode::Char('x'), ALT)]);
    assert_eq!(read(b"\x1bX"), vec![key(KeyCode::Char('X'), ALT | SHIFT)]);
    assert_eq!(read("\x1bé".as_bytes()), vec![key(KeyCode::Char('é'), ALT)]);
    assert_eq!(read(b"\x1b\x03"), vec![key(KeyCode::Char('c'), ALT | CTRL)]);
    assert_eq!(read(b"\x1b\r"), vec![key(KeyCode::Enter, ALT)]);
    assert_eq!(read(b"\x1b\x1b[A"), vec![key(KeyCode::Up, ALT)]);
    // `ESC [` and `ESC O` with nothing after them are Alt with that key.
    assert_eq!(read(b"\x1b["), vec![key(KeyCode::Char('['), ALT)]);
    assert_eq!(read(b"\x1bO"), vec![key(KeyCode::Char('O'), ALT | SHIFT)]);
}

#[test]
fn esc_pressed_twice_or_before_a_key_after_a_pause() {
    let esc = key(KeyCode::Esc, NONE);
    assert_eq!(read(b"\x1b\x1b"), vec![esc.clone(), esc.clone()]);
    assert_eq!(
        read(b"\x1b\x1b\x1b"),
        vec![esc.clone(), esc.clone(), esc.clone()]
    );
    assert_eq!(
        read(b"\x1b\x1bq"),
        vec![esc.clone(), key(KeyCode::Char('q'), ALT)]
    );
    let mut parser = Parser::default();
    parser.advance(b"\x1b");
    assert!(
        drain(&mut parser).is_empty(),
        "Esc must wait: it may start a sequence"
    );
    assert!(parser.waiting().is_some());
    parser.pause();
    parser.advance(b"q");
    assert_eq!(drain(&mut parser), vec![esc, char_key('q')]);
}

#[test]
fn sequences_split_across_reads_are_joined() {
    let mut parser = Parser::default();
    for piece in [&b"\x1b"[..], b"[", b"1;", b"5", b"A"] {
        parser.advance(piece);
    }
    assert_eq!(drain(&mut parser), vec![key(KeyCode::Up, CTRL)]);
    assert_eq!(parser.waiting(), None);
}

#[test]
fn sgr_mouse_clicks_releases_drags_and_the_wheel() {
    let left = MouseButton::Left;
    assert_eq!(
        read(b"\x1b[<0;5;3M"),
        vec![mouse(MouseEventKind::Down(left), 4, 2, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<0;5;3m"),
        vec![mouse(MouseEventKind::Up(left), 4, 2, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<2;1;1M"),
        vec![mouse(MouseEventKind::Down(MouseButton::Right), 0, 0, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<32;10;20M"),
        vec![mouse(MouseEventKind::Drag(left), 9, 19, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<35;10;20M"),
        vec![mouse(MouseEventKind::Moved, 9, 19, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<64;300;90M"),
        vec![mouse(MouseEventKind::ScrollUp, 299, 89, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<65;1;1M"),
        vec![mouse(MouseEventKind::ScrollDown, 0, 0, NONE)]
    );
    assert_eq!(
        read(b"\x1b[<16;2;2M"),
        vec![mouse(MouseEventKind::Down(left), 1, 1, CTRL)]
    );
}

#[test]
fn x10_and_rxvt_mouse_reports() {
    assert_eq!(
        read(b"\x1b[M !\""),
        vec![mouse(MouseEventKind::Down(MouseButton::Left), 0, 1, NONE)]
    );
    assert_eq!(
        read(b"\x1b[M`+,"),
        vec![mouse(MouseEventKind::ScrollUp, 10, 11, NONE)]
    );
    assert_eq!(
        read(b"\x1b[32;10;5M"),
        vec![mouse(MouseEventKind::Down(MouseButton::Left), 9, 4, NONE)]
    );
}

#[test]
fn focus_reports() {
    assert_eq!(read(b"\x1b[I"), vec![Event::FocusGained]);
    assert_eq!(read(b"\x1b[O"), vec![Event::FocusLost]);
}

#[test]
fn csi_u_and_modify_other_keys() {
    assert_eq!(read(b"\x1b[97;5u"), vec![key(KeyCode::Char('a'), CTRL)]);
    assert_eq!(read(b"\x1b[13u"), vec![key(KeyCode::Enter, NONE)]);
    assert_eq!(read(b"\x1b[27u"), vec![key(KeyCode::Esc, NONE)]);
    assert_eq!(read(b"\x1b[127u"), vec![key(KeyCode::Backspace, NONE)]);
    assert_eq!(read(b"\x1b[27;5;106~"), vec![key(KeyCode::Char('j'), CTRL)]);
    assert_eq!(
        read(b"\x1b[106;1:3u"),
        vec![Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('j'),
            NONE,
            KeyEventKind::Release
        ))]
    );
    assert_eq!(read(b"\x1b[1u"), vec![], "a control character is no key");
}

#[test]
fn a_bracketed_paste_is_one_event() {
    assert_eq!(
        read(b"\x1b[200~hello\r\nworld\x1b[201~q"),
        vec![Event::Paste("hello\r\nworld".into()), char_key('q')]
    );
    // What looks like the start of the end marker, inside the text.
    assert_eq!(
        read(b"\x1b[200~a\x1b[20b\x1b\x1b[201~"),
        vec![Event::Paste("a\x1b[20b\x1b".into())]
    );
    assert_eq!(
        read(b"\x1b[200~\x1b[201~"),
        vec![Event::Paste(String::new())]
    );
    // The end marker alone is nothing.
    assert_eq!(read(b"\x1b[201~j"), text("j"));
}
