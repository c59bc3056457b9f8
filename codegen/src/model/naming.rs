//! The only place that makes Rust identifiers.
//!
//! Every name in the IR comes from here, so the rules are one set:
//!
//! - case with `heck`: types and variants PascalCase, fields, methods and
//!   parameters snake_case; words break where `heck` breaks them (`fooBar`,
//!   `HTTPServer` → `http_server`, a digit never starts a word: `v2Api` →
//!   `v2_api`), except that an acronym with one lowercase letter is one word
//!   (`URLs` → `urls`, `IPv4` → `ipv4`) and `OAuth` is one word (`OAuth2` →
//!   `oauth2`): `naming/words.rs` gives the rule and why;
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
//!   collisions (`active`/`Active`/`ACTIVE`) get numeric suffixes;
//! - the items of an operation are named after its request value `{T}` and method
//!   `{m}` by `naming/items.rs` (`{T}Error`, `decode_{m}`, …), the one place those
//!   suffixes are spelled.

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
pub(crate) const RESERVED_CLIENT_METHODS: &[&str] =
    &["new", "builder", "core", "clone", "fmt", "mock"];

/// Methods of a request value. A parameter never takes one (the model names it
/// aside), and the request value's fields are claimed against them
/// (`naming/items.rs`).
pub(crate) const REQUEST_METHODS: &[&str] = &[
    "send_with_response",
    "request_options",
    "send_streaming",
    "into_request",
    "into_future",
    "stream",
    "pages",
    "accept_xml",
];

/// The fields every request value has besides its parameters and body.
pub(crate) const REQUEST_FIELDS: [&str; 2] = ["client", "options"];

/// Names on a request value (methods and fields) that parameters must not take.
pub(crate) fn reserved_request_names() -> Vec<&'static str> {
    [REQUEST_METHODS, &REQUEST_FIELDS].concat()
}

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
    let name = words(raw).to_snake_case();
    finish(name, fallback, "n")
}

/// `raw` in PascalCase, a valid non-keyword identifier (`fallback` when nothing is left).
///
/// A keyword (`Self`) gets `fallback` (or `Type`) appended rather than `_`, so
/// that the name stays UpperCamelCase also when suffixed (`SelfOperationError`,
/// not `Self_Error`, which warns `non_camel_case_types`).
pub(crate) fn pascal(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
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
    if is_keyword(&words(source).to_upper_camel_case()) {
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

/// `raw` folded to ASCII, with the word boundaries of `words.rs` marked for `heck`.
fn words(raw: &str) -> String {
    words::join(&fold(raw))
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

/// Names handed out in one namespace of emitted identifiers (variants of one enum,
/// parameters of one request), each once: `base`, else `base_`, `base__`, … (the model
/// already made the names unique, so a suffix is rare). Lookups are hashed, so
/// 100,000 variants take linear time.
#[derive(Debug, Default)]
pub(crate) struct TakenNames(std::collections::HashSet<String>);

impl TakenNames {
    /// A namespace in which `reserved` are taken.
    pub(crate) fn with(reserved: &[&str]) -> Self {
        Self(reserved.iter().map(|r| (*r).to_owned()).collect())
    }

    /// `base` or the first free `base_…`, now taken.
    pub(crate) fn claim(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        while self.0.contains(&candidate) {
            candidate.push('_');
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

/// One namespace of identifiers: hands out each name once, in claim order.
#[derive(Debug, Clone, Default)]
pub(crate) struct UniqueNames {
    used: HashSet<String>,
    /// For each base that needed a number, the number to try next: claiming many
    /// names of one base stays linear (100,000 enum values that all become `Value`).
    next_number: std::collections::HashMap<String, usize>,
}

impl UniqueNames {
    /// A namespace in which `reserved` are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
            next_number: std::collections::HashMap::new(),
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
        let key = format!("{base}{sep}");
        let mut n = self.next_number.get(&key).copied().unwrap_or(2);
        loop {
            let name = format!("{key}{n}");
            n += 1;
            if !self.used.contains(&name) && free(&name) {
                self.used.insert(name.clone());
                self.next_number.insert(key, n);
                return name;
            }
        }
    }
}

mod items;
mod words;

pub(crate) use items::calls_method_of;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
