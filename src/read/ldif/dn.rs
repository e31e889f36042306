//! Distinguished names (RFC 4514) compared the LDAP way: `CN=Smith\, John, OU=Staff` and
//! `cn=smith\2C john,ou=staff` name the same entry. Attribute types and values are compared
//! without regard to case, spaces around `,`, `=` and `+` do not count, escaped characters
//! (`\,`, `\2C`) count as what they stand for, and the values of a multi-valued RDN
//! (`cn=a+uid=b`) in any order.

/// One attribute and value of an RDN, its value unescaped.
struct Ava {
    kind: String,
    value: String,
}

/// The RDNs of `dn`, first (the entry's own) to last, each its attributes and values as
/// written, unescaped. Text that is no DN gives what it can: an RDN without `=` is a type
/// with an empty value, so that two ways of writing it still compare alike.
fn rdns(dn: &str) -> Vec<Vec<Ava>> {
    let mut rdns = Vec::new();
    let mut rdn = Vec::new();
    let mut chars = dn.chars().peekable();
    loop {
        let mut kind = String::new();
        let mut ended_by = None;
        for c in chars.by_ref() {
            match c {
                '=' | ',' | ';' | '+' => {
                    ended_by = Some(c);
                    break;
                }
                c => kind.push(c),
            }
        }
        let kind = kind.trim().to_ascii_lowercase();
        let (value, next) = if ended_by == Some('=') {
            value(&mut chars)
        } else {
            (String::new(), ended_by)
        };
        rdn.push(Ava { kind, value });
        match next {
            Some('+') => {}
            Some(_) => rdns.push(std::mem::take(&mut rdn)),
            None => {
                rdns.push(rdn);
                return rdns;
            }
        }
    }
}

/// Reads a value up to the `,`, `;` or `+` that ends it (given back), or the end of the
/// DN: escapes (`\,`, `\2C`, several `\XX` making one UTF-8 character) unescaped, a quoted
/// value (`"Smith, John"`, as older DNs write it) unquoted, and spaces that are not
/// escaped left out at either end.
fn value(chars: &mut std::iter::Peekable<std::str::Chars>) -> (String, Option<char>) {
    let mut bytes: Vec<u8> = Vec::new();
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
                    push(&mut bytes, first);
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
                push(&mut bytes, c);
                if c != ' ' || quoted {
                    kept = bytes.len();
                }
            }
        }
    }
    bytes.truncate(kept);
    let value = match String::from_utf8(bytes) {
        Ok(value) => value,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    (value, ended_by)
}

/// `dn` written one way for all the ways of writing it: what two DNs are compared by.
#[must_use]
pub(super) fn normalized(dn: &str) -> String {
    let mut out = String::with_capacity(dn.len());
    for (i, mut rdn) in rdns(dn).into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for ava in &mut rdn {
            ava.value = ava.value.to_lowercase();
        }
        rdn.sort_by(|a, b| (&a.kind, &a.value).cmp(&(&b.kind, &b.value)));
        for (j, ava) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            out.push_str(&ava.kind);
            out.push('=');
            // Escaped again, so that no value can end an RDN or an attribute early, nor
            // lose a space at either end.
            let last = ava.value.chars().count().saturating_sub(1);
            for (k, c) in ava.value.chars().enumerate() {
                let edge_space = c == ' ' && (k == 0 || k == last);
                if edge_space || matches!(c, ',' | '+' | '=' | ';' | '\\' | '"') {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

/// The value of the first attribute of `dn`'s first RDN, unescaped (`Smith, John` for
/// `CN=Smith\, John,OU=Staff`), when it is not empty.
#[must_use]
pub(super) fn first_value(dn: &str) -> Option<String> {
    let rdns = rdns(dn);
    let value = &rdns.first()?.first()?.value;
    (!value.trim().is_empty()).then(|| value.clone())
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
        fn any_text_is_normalized_the_same_in_any_case(dn in "\\PC{0,40}") {
            prop_assert_eq!(normalized(&dn), normalized(&normalized(&dn)));
            let _ = first_value(&dn);
        }
    }
}
