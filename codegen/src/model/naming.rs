//! The only place that makes Rust identifiers.
//!
//! Every name in the IR comes from here, so the rules are one set:
//!
//! - case with `heck`: types and variants PascalCase, fields, methods and
//!   parameters snake_case;
//! - input is folded to ASCII first: Latin letters with accents lose them
//!   (`größe` → `groesse`), other non-ASCII characters and punctuation separate words;
//! - a name that would start with a digit gets a prefix: `n` for snake_case
//!   (`1st` → `n1st`), `V` for PascalCase (`1` → `V1`);
//! - snake_case keywords get a `_` suffix (`type_`, `self_`), never `r#`,
//!   because `self`, `Self`, `super` and `crate` cannot be raw identifiers;
//!   the PascalCase keyword `Self` gets the caller's fallback word instead
//!   (`SelfOperation`, `SelfSchema`), so that suffixed siblings stay
//!   UpperCamelCase (`SelfOperationError`, not `Self_Error`);
//! - an empty result becomes the caller's fallback (`value`, `Value`);
//! - [`UniqueNames`] makes names unique in one namespace, deterministically, in
//!   the order they are claimed: `foo_bar`, `foo_bar_2`; `FooBar`, `FooBar2`;
//!   names reserved in the namespace (prelude types in the `types` module, the
//!   `Client`'s own methods, the request values' methods) are never handed out;
//! - string-enum variants spell out punctuation when a value has no letters or
//!   digits (`>=` → `GtEq`, `>` → `Gt`) or when folding made two values collide
//!   (`in-active` vs `in_active` → `InActive`, `InUnderscoreActive`); remaining
//!   collisions (`active`/`Active`/`ACTIVE`) get numeric suffixes.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and the weak ones that matter in item position).
const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "union",
    "macro_rules",
    "raw",
    "safe",
];

/// Type names the `types` module must not define: they would shadow the prelude
/// (generated code relies on it) or the client's own items.
pub(crate) const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Hash",
    "ToOwned",
    "Unpin",
    "Client",
    "ClientBuilder",
];

/// Method names on the generated `Client` that operations must not take.
pub(crate) const RESERVED_CLIENT_METHODS: &[&str] = &["new", "builder", "core", "clone", "fmt"];

/// Names on a request value (methods and private fields) that parameters must not take.
pub(crate) const RESERVED_REQUEST_NAMES: &[&str] = &[
    "send_with_response",
    "request_options",
    "into_future",
    "stream",
    "pages",
    "client",
    "options",
];

/// Methods of the generated `ClientBuilder` (forwarded from the runtime) that a
/// security-scheme setter must not take.
pub(crate) const RESERVED_BUILDER_METHODS: &[&str] = &[
    "build",
    "base_url",
    "timeout",
    "connect_timeout",
    "user_agent",
    "default_header",
    "default_headers",
    "reqwest_client",
    "retry",
    "retry_policy",
    "max_retries",
    "hook",
    "hooks",
    "before_send",
    "after_receive",
    "credential",
    "token_source",
    "inner",
    "fmt",
];

/// `raw` in snake_case, a valid non-keyword identifier (`fallback` when nothing is left).
pub(crate) fn snake(raw: &str, fallback: &str) -> String {
    let name = fold(raw).to_snake_case();
    finish(name, fallback, "n")
}

/// `raw` in PascalCase, a valid non-keyword identifier (`fallback` when nothing is left).
///
/// A keyword (`Self`) gets `fallback` (or `Type`) appended rather than `_`, so
/// that the name stays UpperCamelCase also when suffixed (`SelfOperationError`,
/// not `Self_Error`, which warns `non_camel_case_types`).
pub(crate) fn pascal(raw: &str, fallback: &str) -> String {
    let mut name = fold(raw).to_upper_camel_case();
    if is_keyword(&name) {
        name.push_str(if fallback.is_empty() {
            "Type"
        } else {
            fallback
        });
    }
    finish(name, fallback, "V")
}

/// A string-enum value as a PascalCase variant name. Values without any letter
/// or digit spell their punctuation (`>=` → `GtEq`).
pub(crate) fn enum_variant(value: &str) -> String {
    if value.chars().any(char::is_alphanumeric) {
        variant_name(value)
    } else {
        variant_name(&spell_symbols(value))
    }
}

/// `Empty` names the empty value; a keyword value (`self`) reads as `SelfValue`.
fn variant_name(source: &str) -> String {
    if is_keyword(&fold(source).to_upper_camel_case()) {
        return pascal(source, "Value");
    }
    pascal(source, "Empty")
}

/// Like [`enum_variant`], but every punctuation character is spelled
/// (`in_active` → `InUnderscoreActive`): the second try when two values fold
/// to the same name.
pub(crate) fn enum_variant_spelled(value: &str) -> String {
    variant_name(&spell_symbols(value))
}

/// ASCII folding: accented Latin letters lose the accent, everything that is
/// not an ASCII letter or digit becomes a word separator.
fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(latin) = fold_latin(c) {
            out.push_str(latin);
        } else {
            out.push(' ');
        }
    }
    out
}

fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Å' | 'Ā' => "A",
        'ä' | 'æ' => "ae",
        'Ä' | 'Æ' => "Ae",
        'ç' | 'č' | 'ć' => "c",
        'Ç' | 'Č' | 'Ć' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' => "O",
        'ö' | 'œ' => "oe",
        'Ö' | 'Œ' => "Oe",
        'ù' | 'ú' | 'û' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ů' => "U",
        'ü' => "ue",
        'Ü' => "Ue",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'š' | 'ś' => "s",
        'Š' | 'Ś' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        'ř' => "r",
        'Ř' => "R",
        'đ' | 'ď' => "d",
        'Đ' | 'Ď' => "D",
        'ť' => "t",
        'Ť' => "T",
        _ => return None,
    })
}

fn spell_symbols(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for c in value.chars() {
        let word = match c {
            '>' => "gt",
            '<' => "lt",
            '=' => "eq",
            '!' => "not",
            '+' => "plus",
            '-' => "minus",
            '*' => "star",
            '/' => "slash",
            '\\' => "backslash",
            '.' => "dot",
            ',' => "comma",
            ':' => "colon",
            ';' => "semicolon",
            '&' => "and",
            '|' => "or",
            '%' => "percent",
            '@' => "at",
            '#' => "hash",
            '$' => "dollar",
            '~' => "tilde",
            '^' => "caret",
            '?' => "question",
            '_' => "underscore",
            ' ' => "space",
            '(' | ')' => "paren",
            '[' | ']' => "bracket",
            '{' | '}' => "brace",
            '\'' | '"' | '`' => "quote",
            c => {
                out.push(c);
                continue;
            }
        };
        out.push(' ');
        out.push_str(word);
        out.push(' ');
    }
    out
}

fn finish(mut name: String, fallback: &str, digit_prefix: &str) -> String {
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// A Rust keyword (that cannot name an item, field or method).
pub(crate) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// One namespace of identifiers: hands out each name once, in claim order.
#[derive(Debug, Clone, Default)]
pub(crate) struct UniqueNames {
    used: HashSet<String>,
}

impl UniqueNames {
    /// A namespace in which `reserved` are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// Marks `name` as taken (no uniqueness applied).
    pub(crate) fn insert(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    /// `candidate`, or the first free `candidate{sep}{n}` (n = 2, 3, ...);
    /// the separator is `_` for snake_case names and empty for PascalCase.
    pub(crate) fn claim(&mut self, candidate: &str) -> String {
        self.claim_where(candidate, |_| true)
    }

    /// Like [`claim`](Self::claim), but the name must also satisfy `free`
    /// (for names that take several slots, like an operation's type prefix).
    pub(crate) fn claim_where(&mut self, candidate: &str, free: impl Fn(&str) -> bool) -> String {
        if !self.used.contains(candidate) && free(candidate) {
            self.used.insert(candidate.to_owned());
            return candidate.to_owned();
        }
        let snake = candidate.chars().any(|c| c.is_ascii_lowercase())
            && !candidate.chars().any(|c| c.is_ascii_uppercase());
        let base = candidate.trim_end_matches('_');
        let sep = if snake { "_" } else { "" };
        let mut n = 2usize;
        loop {
            let name = format!("{base}{sep}{n}");
            if !self.used.contains(&name) && free(&name) {
                self.used.insert(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_from_any_case() {
        assert_eq!(snake("fooBar", "x"), "foo_bar");
        assert_eq!(snake("foo-bar", "x"), "foo_bar");
        assert_eq!(snake("HTTPServer", "x"), "http_server");
        assert_eq!(snake("X-Request-Id", "x"), "x_request_id");
        assert_eq!(snake("get /pets/{petId}/toys", "x"), "get_pets_pet_id_toys");
    }

    #[test]
    fn pascal_case_from_any_case() {
        assert_eq!(pascal("pet_status", "X"), "PetStatus");
        assert_eq!(pascal("some.dotted-name", "X"), "SomeDottedName");
        assert_eq!(pascal("already Pascal", "X"), "AlreadyPascal");
    }

    #[test]
    fn keywords_get_a_suffix() {
        assert_eq!(snake("type", "x"), "type_");
        assert_eq!(snake("self", "x"), "self_");
        assert_eq!(snake("crate", "x"), "crate_");
        assert_eq!(snake("match", "x"), "match_");
        assert_eq!(pascal("Self", "X"), "SelfX");
        assert_eq!(pascal("self", "Operation"), "SelfOperation");
        assert_eq!(pascal("self", ""), "SelfType");
        assert_eq!(enum_variant("self"), "SelfValue");
        assert_eq!(enum_variant(""), "Empty");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(snake("1st", "x"), "n1st");
        assert_eq!(snake("_1st", "x"), "n1st");
        assert_eq!(pascal("1", "X"), "V1");
        assert_eq!(pascal("2fa-method", "X"), "V2faMethod");
    }

    #[test]
    fn non_ascii_and_punctuation_are_folded() {
        assert_eq!(snake("größe", "x"), "groesse");
        assert_eq!(snake("café", "x"), "cafe");
        assert_eq!(snake("$ref", "x"), "ref_");
        assert_eq!(snake("a€b", "x"), "a_b");
        assert_eq!(pascal("名前", "Value"), "Value");
        assert_eq!(snake("@@@", "field"), "field");
    }

    #[test]
    fn empty_names_fall_back() {
        assert_eq!(snake("", "value"), "value");
        assert_eq!(pascal("", "Value"), "Value");
        assert_eq!(pascal("--", "Value"), "Value");
    }

    #[test]
    fn collisions_are_made_unique_in_claim_order() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim(&snake("foo-bar", "x")), "foo_bar");
        assert_eq!(names.claim(&snake("fooBar", "x")), "foo_bar_2");
        assert_eq!(names.claim(&snake("foo_bar", "x")), "foo_bar_3");
        let mut types = UniqueNames::default();
        assert_eq!(types.claim("FooBar"), "FooBar");
        assert_eq!(types.claim("FooBar"), "FooBar2");
    }

    #[test]
    fn keyword_suffix_and_collision_suffix_do_not_stack() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim(&snake("type", "x")), "type_");
        assert_eq!(names.claim(&snake("type", "x")), "type_2");
    }

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut types = UniqueNames::with_reserved(RESERVED_TYPE_NAMES);
        assert_eq!(types.claim(&pascal("Option", "X")), "Option2");
        assert_eq!(types.claim(&pascal("result", "X")), "Result2");
        assert_eq!(types.claim(&pascal("Client", "X")), "Client2");
        let mut methods = UniqueNames::with_reserved(RESERVED_CLIENT_METHODS);
        assert_eq!(methods.claim(&snake("new", "x")), "new_2");
        assert_eq!(methods.claim(&snake("builder", "x")), "builder_2");
        let mut params = UniqueNames::with_reserved(RESERVED_REQUEST_NAMES);
        assert_eq!(params.claim(&snake("stream", "x")), "stream_2");
        assert_eq!(
            params.claim(&snake("sendWithResponse", "x")),
            "send_with_response_2"
        );
    }

    #[test]
    fn claim_where_respects_extra_slots() {
        let mut types = UniqueNames::default();
        types.insert("GetPetError");
        let name = types.claim_where("GetPet", |n| n != "GetPet");
        assert_eq!(name, "GetPet2");
    }

    #[test]
    fn enum_variants_spell_punctuation_only_values() {
        assert_eq!(enum_variant(">="), "GtEq");
        assert_eq!(enum_variant(">"), "Gt");
        assert_eq!(enum_variant("!="), "NotEq");
        assert_eq!(enum_variant("in-active"), "InActive");
        assert_eq!(enum_variant_spelled("in_active"), "InUnderscoreActive");
        assert_eq!(enum_variant_spelled("-name"), "MinusName");
        assert_eq!(enum_variant("1"), "V1");
        assert_eq!(enum_variant(""), "Empty");
    }
}
