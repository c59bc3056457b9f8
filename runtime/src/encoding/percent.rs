//! Percent-encoding (RFC 3986) done by the runtime itself.
//!
//! - [`encode_strict`]: every UTF-8 byte outside the unreserved set `A-Z a-z 0-9 - . _ ~`
//!   is encoded (RFC 6570 simple/form expansion); space is `%20`, never `+`.
//! - [`encode_allow_reserved`]: `allowReserved` (RFC 6570 reserved expansion as OpenAPI
//!   restricts it for queries): reserved characters pass through except `[ ] #` (not
//!   allowed in a query) and `& = +` (form-urlencoded specials); an existing `%XX` triple
//!   passes through unchanged; a lone `%` is encoded.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved.
pub(crate) const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What `allowReserved` still encodes: [`STRICT`] minus the reserved characters a query
/// may carry raw (`: / ? @ ! $ ' ( ) * , ;`).
pub(crate) const ALLOW_RESERVED: &AsciiSet = &STRICT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

/// RFC 3986 unreserved: what [`STRICT`] leaves as it is.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Whether [`STRICT`] encoding leaves `text` as it is (most values: numbers,
/// identifiers, names): checked byte by byte, cheaper than the encoder's iteration.
fn is_strictly_plain(text: &str) -> bool {
    text.bytes().all(is_unreserved)
}

/// Encodes every byte outside RFC 3986 unreserved.
pub(crate) fn encode_strict(text: &str) -> String {
    utf8_percent_encode(text, STRICT).to_string()
}

/// [`encode_strict`] of an owned text: the text itself, uncopied, when nothing in it
/// needs encoding (most values: numbers, identifiers).
pub(crate) fn encode_strict_owned(text: String) -> String {
    if is_strictly_plain(&text) {
        text
    } else {
        encode_strict(&text)
    }
}

/// Appends `text` to `out`, every byte outside RFC 3986 unreserved encoded.
pub(crate) fn push_strict(out: &mut String, text: &str) {
    if is_strictly_plain(text) {
        out.push_str(text);
    } else {
        out.extend(utf8_percent_encode(text, STRICT));
    }
}

/// `application/x-www-form-urlencoded` component: strict encoding, except that a space
/// is written `+` (WHATWG URL Standard, RFC 1866; vector PE-24). `+` itself is `%2B`.
pub(crate) fn encode_form_component(text: &str) -> String {
    encode_strict(text).replace("%20", "+")
}

/// `allowReserved` encoding (see the module docs).
pub(crate) fn encode_allow_reserved(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let is_triple = byte == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if is_triple {
            // Encode what precedes, then copy the triple as is. `start`, `i` and `i + 3`
            // are char boundaries: '%' and hex digits are ASCII.
            out.extend(utf8_percent_encode(
                text.get(start..i).unwrap_or(""),
                ALLOW_RESERVED,
            ));
            out.push_str(text.get(i..i + 3).unwrap_or(""));
            i += 3;
            start = i;
        } else {
            i += 1;
        }
    }
    out.extend(utf8_percent_encode(
        text.get(start..).unwrap_or(""),
        ALLOW_RESERVED,
    ));
    out
}

/// Encodes a query value with or without `allowReserved`.
pub(crate) fn encode_query_value(text: &str, allow_reserved: bool) -> String {
    if allow_reserved {
        encode_allow_reserved(text)
    } else {
        encode_strict(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unreserved_test_agrees_with_the_strict_set() {
        for byte in 0..=u8::MAX {
            let text = [byte];
            let encoded = percent_encoding::percent_encode(&text, STRICT).to_string();
            assert_eq!(
                is_unreserved(byte),
                encoded.as_bytes() == text,
                "byte {byte:#04x}"
            );
        }
    }

    #[test]
    fn an_owned_text_is_encoded_like_a_borrowed_one() {
        for text in ["42", "abc-_.~", "%", "a b", "é", "/", "%25", ""] {
            assert_eq!(
                encode_strict_owned(text.to_owned()),
                encode_strict(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn strict_and_reserved() {
        assert_eq!(encode_strict("a b+c/é~"), "a%20b%2Bc%2F%C3%A9~");
        assert_eq!(encode_allow_reserved("x/y:z@a"), "x/y:z@a");
        assert_eq!(encode_allow_reserved("%2B"), "%2B");
        assert_eq!(encode_allow_reserved("100%"), "100%25");
        assert_eq!(encode_allow_reserved("%zz%4"), "%25zz%254");
        assert_eq!(
            encode_allow_reserved("[a]#&=+ é"),
            "%5Ba%5D%23%26%3D%2B%20%C3%A9"
        );
    }
}
