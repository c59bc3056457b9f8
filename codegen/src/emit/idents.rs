//! Identifiers: model names (strings) → `proc_macro2::Ident`, never panicking.
//!
//! The model's naming module makes every identifier final, so in practice the
//! name is used as is. This module is the guard behind it: whatever string it
//! gets, it returns an identifier `Ident::new` accepts. Characters outside
//! `[A-Za-z0-9_]` become `_`, a leading digit gets a `_` prefix, an empty name
//! becomes `unnamed`, keywords become raw identifiers (`r#type`), and the
//! keywords that cannot be raw (`self`, `Self`, `super`, `crate`) get a `_`
//! suffix.

use proc_macro2::{Ident, Span};

/// Keywords of every edition (strict and reserved), which need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The identifier for `name` (see the module docs for how bad names are mended).
pub(crate) fn ident(name: &str) -> Ident {
    let cleaned = clean(name);
    if NOT_RAW.contains(&cleaned.as_str()) {
        Ident::new(&format!("{cleaned}_"), Span::call_site())
    } else if KEYWORDS.contains(&cleaned.as_str()) {
        Ident::new_raw(&cleaned, Span::call_site())
    } else {
        Ident::new(&cleaned, Span::call_site())
    }
}

/// `name` reduced to `[A-Za-z_][A-Za-z0-9_]*`, never empty.
fn clean(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        out.push_str("unnamed");
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mends_every_kind_of_bad_name() {
        assert_eq!(ident("pet_id").to_string(), "pet_id");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("gen").to_string(), "r#gen");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("_").to_string(), "__");
        assert_eq!(ident("").to_string(), "unnamed");
        assert_eq!(ident("9lives").to_string(), "_9lives");
        assert_eq!(ident("a-b c*/").to_string(), "a_b_c__");
        assert_eq!(ident("} fn x() {}").to_string(), "__fn_x_____");
        assert_eq!(ident("héllo").to_string(), "h_llo");
    }
}
