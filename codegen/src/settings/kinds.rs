//! The kinds of setting value: how a key's text is parsed and checked, what a
//! build script passes for it, and what an error says it accepts.
//!
//! Every key of the settings table (`settings/mod.rs`) names one kind. The text
//! form (macro `key = value`, CLI flags, config files) goes through
//! [`Kind::parse`]; a typed value (a [`crate::Builder`] setter) through
//! [`Kind::valid`], so both accept exactly the same values.

use std::path::PathBuf;

/// One kind of setting value.
pub(crate) trait Kind {
    /// The typed value a key of this kind carries.
    type Value;
    /// What a key of this kind accepts, for error messages.
    const EXPECTED: &'static str;
    /// Whether the value is a boolean: a bare CLI flag, `key = true` in the macro.
    const IS_FLAG: bool = false;
    /// Whether the value is a path the generator reads (resolved against the
    /// folder of a config file that gives it).
    const READ_PATH: bool = false;
    /// Whether a key of this kind may be given several times (values add up).
    const REPEATABLE: bool = false;

    /// Whether a typed value is acceptable.
    fn valid(value: &Self::Value) -> bool;
    /// Parses the text form; `None` when it is not acceptable.
    fn parse(text: &str) -> Option<Self::Value>;
    /// The value as text, for error messages.
    fn show(value: &Self::Value) -> String;
}

/// A repeatable list kind: items separated by `$sep`, each trimmed and checked by
/// `$check` (`Some` when acceptable); a typed value is checked item by item.
macro_rules! checked_list {
    ($kind:ident, $sep:literal, $check:ident, $expected:expr) => {
        impl Kind for $kind {
            type Value = Vec<String>;
            const EXPECTED: &'static str = $expected;
            const REPEATABLE: bool = true;

            fn valid(value: &Vec<String>) -> bool {
                value.iter().all(|item| $check(item).is_some())
            }
            fn parse(text: &str) -> Option<Vec<String>> {
                let items: Vec<String> = text.split($sep).map(|s| s.trim().to_owned()).collect();
                Some(items).filter(Self::valid)
            }
            fn show(value: &Vec<String>) -> String {
                value.join(&$sep.to_string())
            }
        }
    };
}

/// `true` or `false`.
pub(crate) struct Flag;

impl Kind for Flag {
    type Value = bool;
    const EXPECTED: &'static str = "`true` or `false`";
    const IS_FLAG: bool = true;

    fn valid(_: &bool) -> bool {
        true
    }
    fn parse(text: &str) -> Option<bool> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
    fn show(value: &bool) -> String {
        value.to_string()
    }
}

/// A non-empty path the generator reads (the document, the `$ref` root).
pub(crate) struct ReadPath;

impl Kind for ReadPath {
    type Value = PathBuf;
    const EXPECTED: &'static str = "a path";
    const READ_PATH: bool = true;

    fn valid(value: &PathBuf) -> bool {
        !value.as_os_str().is_empty()
    }
    fn parse(text: &str) -> Option<PathBuf> {
        Some(PathBuf::from(text)).filter(Self::valid)
    }
    fn show(value: &PathBuf) -> String {
        value.display().to_string()
    }
}

/// A non-empty path written into the output as given.
pub(crate) struct WrittenPath;

impl Kind for WrittenPath {
    type Value = String;
    const EXPECTED: &'static str = "a path";

    fn valid(value: &String) -> bool {
        !value.is_empty()
    }
    fn parse(text: &str) -> Option<String> {
        Some(text.to_owned()).filter(Self::valid)
    }
    fn show(value: &String) -> String {
        value.clone()
    }
}

/// Text checked by a function (identifiers, package names, version requirements).
macro_rules! checked_text {
    ($(#[$meta:meta])* $name:ident, $expected:literal, $check:path) => {
        $(#[$meta])*
        pub(crate) struct $name;

        impl Kind for $name {
            type Value = String;
            const EXPECTED: &'static str = $expected;

            fn valid(value: &String) -> bool {
                $check(value)
            }
            fn parse(text: &str) -> Option<String> {
                Some(text.to_owned()).filter(Self::valid)
            }
            fn show(value: &String) -> String {
                value.clone()
            }
        }
    };
}

checked_text!(
    /// A plain Rust identifier that is not a keyword.
    Ident,
    "a Rust identifier such as `petstore`",
    is_rust_identifier
);
checked_text!(
    /// A Cargo package name.
    PackageName,
    "a Cargo package name (ASCII letters, digits, `-` and `_`, starting with a letter)",
    is_package_name
);
checked_text!(
    /// A semantic version (a package's `version`).
    SemVer,
    "a semantic version such as `1.2.0`",
    is_semver
);
checked_text!(
    /// A Cargo version requirement.
    VersionReq,
    "a version requirement such as `0.1` or `=0.1.2`",
    is_version_requirement
);

/// Names separated by commas; repeatable (the names add up).
pub(crate) struct NameList;

impl Kind for NameList {
    type Value = Vec<String>;
    const EXPECTED: &'static str = "names separated by commas";
    const REPEATABLE: bool = true;

    fn valid(value: &Vec<String>) -> bool {
        value.iter().all(|name| !name.trim().is_empty())
    }
    fn parse(text: &str) -> Option<Vec<String>> {
        let names: Vec<String> = text.split(',').map(|s| s.trim().to_owned()).collect();
        Some(names).filter(Self::valid)
    }
    fn show(value: &Vec<String>) -> String {
        value.join(",")
    }
}

/// A plain (non-raw) Rust identifier that is not a keyword.
pub(crate) fn is_rust_identifier(value: &str) -> bool {
    let mut chars = value.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || first.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && value != "_"
        && !RUST_KEYWORDS.contains(&value)
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn is_package_name(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c == '-' || c == '_' || c.is_ascii_alphanumeric())
        && value.len() <= 64
}

fn is_semver(value: &str) -> bool {
    semver::Version::parse(value).is_ok()
}

fn is_version_requirement(value: &str) -> bool {
    !value.is_empty()
        && value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,=<>^~*+-".contains(c))
}

/// `NAME=PATH` pairs separated by commas; repeatable (the pairs add up). `NAME` is a
/// schema's name in `components/schemas` or `format:FORMAT`; `PATH` a Rust type path.
pub(crate) struct Replacements;

checked_list!(
    Replacements,
    ',',
    replacement,
    "`SCHEMA=PATH` or `format:FORMAT=PATH` pairs separated by commas, such as `Money=rust_decimal::Decimal`"
);

/// What a type replacement replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Replaced {
    /// The schema with this key in `components/schemas`.
    Schema(String),
    /// Every schema with this `format`.
    Format(String),
}

/// `NAME=PATH` split and checked: the name is not empty and the path is a Rust type
/// path (`crate::money::Money`, `rust_decimal::Decimal`, `Vec<u8>`).
pub(crate) fn replacement(pair: &str) -> Option<(Replaced, String)> {
    let (name, path) = pair.split_once('=')?;
    let (name, path) = (name.trim(), path.trim());
    let replaced = match name.strip_prefix("format:") {
        Some(format) => Replaced::Format(format.trim().to_owned()),
        None => Replaced::Schema(name.to_owned()),
    };
    let name_ok = match &replaced {
        Replaced::Schema(name) | Replaced::Format(name) => !name.is_empty(),
    };
    let path_ok =
        syn::parse_str::<syn::Type>(path).is_ok_and(|ty| matches!(ty, syn::Type::Path(_)));
    (name_ok && path_ok).then(|| (replaced, path.to_owned()))
}

/// `OLD=NEW` pairs separated by commas; repeatable. `OLD` is a name in the document
/// (a schema's key, an operationId), `NEW` a Rust identifier (its case is fixed by the
/// naming rules: a type name in PascalCase, a method name in snake_case).
pub(crate) struct Renames;

checked_list!(
    Renames,
    ',',
    rename,
    "`OLD=NEW` pairs separated by commas, `NEW` a Rust identifier, such as `Pet=Animal`"
);

/// `OLD=NEW` split and checked: `OLD` not empty, `NEW` a plain identifier.
pub(crate) fn rename(pair: &str) -> Option<(String, String)> {
    let (old, new) = pair.split_once('=')?;
    let (old, new) = (old.trim(), new.trim());
    let new_ok = syn::parse_str::<syn::Ident>(new).is_ok();
    (!old.is_empty() && new_ok).then(|| (old.to_owned(), new.to_owned()))
}

/// Derives separated by commas; repeatable. Each is `PATH` (every generated type) or
/// `SCHEMA=PATH` (the type of that schema in `components/schemas`); `PATH` is a Rust
/// path (`Hash`, `schemars::JsonSchema`).
pub(crate) struct Derives;

checked_list!(
    Derives,
    ',',
    derive_request,
    "derive paths separated by commas, each for every type (`Hash`) or one schema (`Pet=Hash`)"
);

/// Attributes separated by semicolons (an attribute may hold commas); repeatable. Each
/// is `ATTR` (every generated type) or `SCHEMA=ATTR` (the type of that schema in
/// `components/schemas`); `ATTR` is what goes inside `#[…]` (`non_exhaustive`,
/// `schemars(rename = "Animal")`), never `derive(…)` (setting `derive`) or `serde(…)`
/// (generated serde code is specforge's own).
pub(crate) struct Attributes;

checked_list!(
    Attributes,
    ';',
    attribute_request,
    "attributes separated by semicolons, each for every type (`non_exhaustive`) or one schema (`Pet=schemars(rename = \"Animal\")`), not `derive(..)` (use setting `derive`) or `serde(..)`"
);

/// `ATTR` or `SCHEMA=ATTR` split and checked: `ATTR` parses as the inside of `#[…]` and
/// is not `derive` or `serde`. A `SCHEMA=` prefix is a name without spaces or
/// brackets before the first `=` whose rest is an attribute (`must_use = "x"` is one
/// attribute for every type).
pub(crate) fn attribute_request(item: &str) -> Option<(DeriveTarget, String)> {
    let item = item.trim();
    let targeted = item.split_once('=').and_then(|(schema, attr)| {
        let schema = schema.trim();
        let plain = !schema.is_empty()
            && !schema.contains(|c: char| c.is_whitespace() || "()[]\"".contains(c));
        let attr = attr.trim();
        (plain && allowed_attribute(attr))
            .then(|| (DeriveTarget::Schema(schema.to_owned()), attr.to_owned()))
    });
    targeted.or_else(|| allowed_attribute(item).then(|| (DeriveTarget::All, item.to_owned())))
}

/// Whether `attr` is the inside of an attribute other settings do not own.
fn allowed_attribute(attr: &str) -> bool {
    match syn::parse_str::<syn::Meta>(attr) {
        Ok(meta) => !(meta.path().is_ident("derive") || meta.path().is_ident("serde")),
        Err(_) => false,
    }
}

/// Which types a derive is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DeriveTarget {
    /// Every generated type.
    All,
    /// The type of the schema with this key in `components/schemas`.
    Schema(String),
}

/// `PATH` or `SCHEMA=PATH` split and checked (`PATH` a Rust path).
pub(crate) fn derive_request(item: &str) -> Option<(DeriveTarget, String)> {
    let (target, path) = match item.split_once('=') {
        Some((schema, path)) if !schema.trim().is_empty() => {
            (DeriveTarget::Schema(schema.trim().to_owned()), path.trim())
        }
        Some(_) => return None,
        None => (DeriveTarget::All, item.trim()),
    };
    syn::parse_str::<syn::Path>(path)
        .is_ok()
        .then(|| (target, path.to_owned()))
}
