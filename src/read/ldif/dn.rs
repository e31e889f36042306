//! Distinguished names (RFC 4514) compared the LDAP way: `CN=Smith\, John, OU=Staff` and
//! `cn=smith\2C john,ou=staff` name the same entry. Attribute types and values are compared
//! without regard to case, spaces around `,`, `=` and `+` do not count, escaped characters
//! (`\,`, `\2C`) count as what they stand for, and the values of a multi-valued RDN
//! (`cn=a+uid=b`) in any order.

/// Calls `each` with each attribute type (lower case, without the spaces around it) and
/// value (unescaped) of `dn` in order, and whether it is the last of its RDN, until `each`
/// returns false. Text that is no DN gives what it can: an RDN without `=` is a type with
/// an empty value, so that two ways of writing it still compare alike.
fn each_ava(dn: &str, mut each: impl FnMut(&str, &str, bool) -> bool) {
    let mut kind = String::new();
    let mut value: Vec<u8> = Vec::new();
    let mut chars = dn.chars().peekable();
    loop {
        kind.clear();
        let mut ended_by = None;
        for c in chars.by_ref() {
            match c {
                '=' | ',' | ';' | '+' => {
                    ended_by = Some(c);
                    break;
                }
                c => kind.push(c.to_ascii_lowercase()),
            }
        }
        value.clear();
        let next = if ended_by == Some('=') {
            read_value(&mut chars, &mut value)
        } else {
            ended_by
        };
        let text = String::from_utf8_lossy(&value);
        if !each(kind.trim(), &text, next != Some('+')) || next.is_none() {
            return;
        }
    }
}

/// Reads a value into `bytes` up to the `,`, `;` or `+` that ends it (given back), or the
/// end of the DN: escapes (`\,`, `\2C`, several `\XX` making one UTF-8 character)
/// unescaped, a quoted value (`"Smith, John"`, as older DNs write it) unquoted, and spaces
/// that are not escaped left out at either end.
fn read_value(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    bytes: &mut Vec<u8>,
) -> Option<char> {
    // The length up to the last character that is not a plain space.
    let mut kept = 0;
    let mut quoted = false;
    let mut ended_by = None;
    let push = |bytes: &mut Vec<u8>, c: char| {
        let mut buffer = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(first) = chars.next() else { break };
                let hex = first
                    .to_digit(16)
                    .and_then(|high| Some((high, chars.peek()?.to_digit(16)?)));
                if let Some((high, low)) = hex {
                    chars.next();
                    // Both digits are below 16.
                    bytes.push(u8::try_from(high * 16 + low).unwrap_or_default());
                } else {
                    push(bytes, first);
                }
                kept = bytes.len();
            }
            '"' if bytes.is_empty() && !quoted => quoted = true,
            '"' if quoted => {
                quoted = false;
                kept = bytes.len();
            }
            ',' | ';' | '+' if !quoted => {
                ended_by = Some(c);
                break;
            }
            ' ' if bytes.is_empty() && !quoted => {}
            c => {
                push(bytes, c);
                if c != ' ' || quoted {
                    kept = bytes.len();
                }
            }
        }
    }
    bytes.truncate(kept);
    ended_by
}

/// Writes an attribute and its value as [`normalized`] does.
fn write_ava(out: &mut String, kind: &str, value: &str) {
    out.push_str(kind);
    write_value(out, value);
}

/// Writes `=` and a value in lower case.
fn write_value(out: &mut String, value: &str) {
    out.push('=');
    // Escaped again, so that no value can end an RDN or an attribute early, nor lose a
    // space at either end.
    let last = value.chars().count().saturating_sub(1);
    for (k, c) in value.chars().enumerate() {
        let edge_space = c == ' ' && (k == 0 || k == last);
        if edge_space || matches!(c, ',' | '+' | '=' | ';' | '\\' | '"') {
            out.push('\\');
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// `dn` written one way for all the ways of writing it: what two DNs are compared by.
#[must_use]
pub(super) fn normalized(dn: &str) -> String {
    if dn.is_ascii() && !dn.bytes().any(|b| matches!(b, b'\\' | b'"' | b'+')) {
        plain(dn)
    } else {
        any_dn(dn)
    }
}

/// [`normalized`] for a DN in ASCII with no escapes, quotes or multi-valued RDNs (most DNs),
/// without reading each value into a buffer of its own first.
fn plain(dn: &str) -> String {
    let mut out = String::with_capacity(dn.len());
    for (i, rdn) in dn.split([',', ';']).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let (kind, value) = rdn.split_once('=').unwrap_or((rdn, ""));
        out.extend(kind.trim().chars().map(|c| c.to_ascii_lowercase()));
        write_value(&mut out, value.trim_matches(' '));
    }
    out
}

fn any_dn(dn: &str) -> String {
    let mut out = String::with_capacity(dn.len());
    // The attributes of a multi-valued RDN, to be put in order.
    let mut several: Vec<(String, String)> = Vec::new();
    let mut first = true;
    each_ava(dn, |kind, value, last_of_rdn| {
        if several.is_empty() && last_of_rdn {
            if !std::mem::take(&mut first) {
                out.push(',');
            }
            write_ava(&mut out, kind, value);
        } else {
            several.push((
                kind.to_owned(),
                value.chars().flat_map(char::to_lowercase).collect(),
            ));
            if last_of_rdn {
                several.sort();
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                for (j, (kind, value)) in several.drain(..).enumerate() {
                    if j > 0 {
                        out.push('+');
                    }
                    write_ava(&mut out, &kind, &value);
                }
            }
        }
        true
    });
    out
}

/// The value of the first attribute of `dn`'s first RDN, unescaped (`Smith, John` for
/// `CN=Smith\, John,OU=Staff`), when it is not empty.
#[must_use]
pub(super) fn first_value(dn: &str) -> Option<String> {
    let mut first = None;
    each_ava(dn, |_, value, _| {
        first = Some(value.to_owned());
        false
    });
    first.filter(|value| !value.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(a: &str, b: &str) -> bool {
        normalized(a) == normalized(b)
    }

    #[test]
    fn case_and_spaces_around_separators_do_not_count() {
        assert!(same(
            "CN=Jane Doe,OU=Staff,DC=example,DC=com",
            "cn=jane doe, ou=staff , dc = Example,dc=COM"
        ));
        // Spaces within a value do.
        assert!(!same("cn=Jane Doe,dc=example", "cn=JaneDoe,dc=example"));
        assert!(!same("cn=Jane,ou=a,dc=example", "cn=Jane,ou=b,dc=example"));
    }

    #[test]
    fn escaped_characters_count_as_what_they_stand_for() {
        let written = r"CN=Smith\, John,OU=Staff,DC=example,DC=com";
        assert!(same(
            written,
            r"cn=smith\2C john,ou=staff,dc=example,dc=com"
        ));
        assert!(same(
            written,
            r#"CN="Smith, John",OU=Staff,DC=example,DC=com"#
        ));
        // An escaped comma is part of the value, not the end of an RDN.
        assert!(!same(
            written,
            "CN=Smith,CN=John,OU=Staff,DC=example,DC=com"
        ));
        // UTF-8 written as escaped bytes, and a non-ASCII letter in another case.
        assert!(same(r"cn=Ren\C3\A9e,dc=example", "CN=RENÉE,DC=example"));
        // An escaped space at the end is part of the value.
        assert!(!same(r"cn=a\ ,dc=x", "cn=a,dc=x"));
        assert!(same(r"cn=a\20,dc=x", r"cn=a\ ,dc=x"));
    }

    #[test]
    fn the_values_of_a_multi_valued_rdn_compare_in_any_order() {
        assert!(same("cn=Jane+uid=jd,dc=x", "UID=jd + CN=jane,dc=x"));
        assert!(!same("cn=Jane+uid=jd,dc=x", "cn=Jane,uid=jd,dc=x"));
    }

    #[test]
    fn the_first_value_is_unescaped() {
        assert_eq!(
            first_value(r"CN=Smith\, John,OU=Staff").as_deref(),
            Some("Smith, John")
        );
        assert_eq!(first_value("uid=jd").as_deref(), Some("jd"));
        assert_eq!(first_value(""), None);
        assert_eq!(first_value("cn=,dc=x"), None);
    }

    proptest! {
        #[test]
        fn plain_dns_are_normalized_as_any_dn_is(dn in "[ -!#-*,-\\[\\]-~]{0,40}") {
            prop_assert_eq!(plain(&dn), any_dn(&dn));
        }

        #[test]
        fn any_text_is_normalized_the_same_in_any_case(dn in "\\PC{0,40}") {
            prop_assert_eq!(normalized(&dn), normalized(&normalized(&dn)));
            let _ = first_value(&dn);
        }
    }
}
