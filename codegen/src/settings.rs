//! [`Settings`]: the one configuration type behind the build.rs [`crate::Builder`],
//! the `generate!` macro's `key = value` options and the CLI's flags.
//!
//! Every field has a documented default; `Settings::new(spec)` gives them all.
//! The mapping from option keys onto these fields lives in one place,
//! [`Settings::set`]: the macro calls it with each `key = value` it is given,
//! the CLI calls it with the key of each flag (`--runtime-path` → `runtime_path`),
//! so all entry points agree by construction (a test in `cli/args.rs` proves it
//! by parsing a command line and a macro argument list and comparing).
//!
//! | key | CLI flag | macro | value |
//! |---|---|---|---|
//! | `spec` | positional `SPEC` | `spec = "openapi.yaml"` or the first literal | path |
//! | `module` | `--module` | `module = petstore` | Rust identifier |
//! | `crate_name` | `--name` | `crate_name = "x"` | Cargo package name |
//! | `runtime_path` | `--runtime-path` | `runtime_path = "../runtime"` | path |
//! | `runtime_version` | `--runtime-version` | `runtime_version = "0.1"` | version requirement |
//! | `date_time_as_string` | `--date-time-as-string` | `date_time_as_string = true` | `true`/`false` |
//! | `allow_remote_refs` | `--allow-remote-refs` | `allow_remote_refs = true` | `true`/`false` |

use std::fmt;
use std::path::PathBuf;

/// How generated code names the runtime crate dependency in CLI crate mode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuntimeDependency {
    /// `specforge = { version = "..." }` (default: this generator's version).
    Version(String),
    /// `specforge = { path = "..." }`.
    Path(PathBuf),
}

/// Everything that changes what specforge generates.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The OpenAPI document (JSON or YAML). Relative `$ref`s resolve against it.
    pub spec: PathBuf,
    /// Wrap the client in `pub mod <module> { ... }` (macro option `module`). Default: none.
    pub module: Option<String>,
    /// Crate name in CLI crate mode (default: from the API title, kebab-case, `-client` suffix).
    pub crate_name: Option<String>,
    /// Runtime dependency in CLI crate mode.
    pub runtime: RuntimeDependency,
    /// Type `format: date-time` as `String` instead of `chrono::DateTime<Utc>`
    /// (for APIs that send dates that are not RFC 3339). Default: false.
    pub date_time_as_string: bool,
    /// Allow `$ref`s to `http(s)` URLs. Default: false (the network is never touched).
    pub allow_remote_refs: bool,
    /// Keep only the operations with one of these tags or operation ids (the
    /// document's `operationId` or the generated method name), and the types they
    /// reach. Empty (the default): every operation. A name that matches nothing is
    /// an error (SF3004) naming the closest ones.
    pub only: Vec<String>,
    /// Gate each operation behind a Cargo feature per tag, and each type behind the
    /// features whose operations reach it (docs/entry-points.md, "Per-tag features").
    /// The CLI's `generate` turns it on (and declares the features in the crate's
    /// `Cargo.toml`; `--no-tag-features` turns it off); in a build script or
    /// `generate!`, the user's crate must declare the features. Default: false.
    pub tag_features: bool,
    /// The folder a local `$ref` may read files from (it and everything below it).
    /// Default: none, meaning the entry document's folder. A `$ref` to a file
    /// outside it is error SF0017, and the file is never read.
    pub ref_root: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            spec: PathBuf::new(),
            module: None,
            crate_name: None,
            runtime: RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned()),
            date_time_as_string: false,
            allow_remote_refs: false,
            only: Vec::new(),
            tag_features: false,
            ref_root: None,
        }
    }
}

/// Every key [`Settings::set`] accepts, in documentation order.
pub const SETTING_KEYS: &[&str] = &[
    "spec",
    "module",
    "crate_name",
    "runtime_path",
    "runtime_version",
    "date_time_as_string",
    "allow_remote_refs",
    "only",
    "tag_features",
    "ref_root",
];

/// A `key = value` option that does not fit [`Settings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// No setting has this key.
    UnknownKey(String),
    /// The key exists but the value is not valid for it.
    BadValue {
        /// The setting.
        key: String,
        /// The value given.
        value: String,
        /// What the key accepts.
        expected: &'static str,
    },
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownKey(key) => write!(
                f,
                "unknown specforge option `{key}`; valid options are: {}",
                SETTING_KEYS.join(", ")
            ),
            Self::BadValue {
                key,
                value,
                expected,
            } => write!(
                f,
                "invalid value `{value}` for specforge option `{key}`: expected {expected}"
            ),
        }
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Settings for `spec` with every default.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            ..Self::default()
        }
    }

    /// Sets one option by key: the single mapping from option names (macro
    /// `key = value`, CLI flags) to fields. Values are given as text: paths and
    /// names as they are, booleans as `true`/`false`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let bad = |expected: &'static str| SettingsError::BadValue {
            key: key.to_owned(),
            value: value.to_owned(),
            expected,
        };
        match key {
            "spec" => {
                if value.is_empty() {
                    return Err(bad("the path of an OpenAPI document"));
                }
                self.spec = PathBuf::from(value);
            }
            "module" => {
                if !is_rust_identifier(value) {
                    return Err(bad("a Rust identifier such as `petstore`"));
                }
                self.module = Some(value.to_owned());
            }
            "crate_name" => {
                if !is_package_name(value) {
                    return Err(bad(
                        "a Cargo package name (ASCII letters, digits, `-` and `_`, starting with a letter)",
                    ));
                }
                self.crate_name = Some(value.to_owned());
            }
            "runtime_path" => {
                if value.is_empty() {
                    return Err(bad("the path of the `specforge` runtime crate"));
                }
                self.runtime = RuntimeDependency::Path(PathBuf::from(value));
            }
            "runtime_version" => {
                if !is_version_requirement(value) {
                    return Err(bad("a version requirement such as `0.1` or `=0.1.2`"));
                }
                self.runtime = RuntimeDependency::Version(value.to_owned());
            }
            "date_time_as_string" => {
                self.date_time_as_string =
                    parse_bool(value).ok_or_else(|| bad("`true` or `false`"))?
            }
            "allow_remote_refs" => {
                self.allow_remote_refs =
                    parse_bool(value).ok_or_else(|| bad("`true` or `false`"))?
            }
            "only" => {
                let names: Vec<&str> = value.split(',').map(str::trim).collect();
                if names.iter().any(|name| name.is_empty()) {
                    return Err(bad(
                        "tags or operation ids separated by commas, such as `issues,repos/get`",
                    ));
                }
                self.only.extend(names.into_iter().map(str::to_owned));
            }
            "ref_root" => {
                if value.is_empty() {
                    return Err(bad("the path of a folder"));
                }
                self.ref_root = Some(PathBuf::from(value));
            }
            "tag_features" => {
                self.tag_features = parse_bool(value).ok_or_else(|| bad("`true` or `false`"))?
            }
            _ => return Err(SettingsError::UnknownKey(key.to_owned())),
        }
        Ok(())
    }

    /// Whether `key` takes a boolean (a bare CLI flag or `key = true` in the macro).
    pub fn is_flag(key: &str) -> bool {
        matches!(
            key,
            "date_time_as_string" | "allow_remote_refs" | "tag_features"
        )
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A plain (non-raw) Rust identifier that is not a keyword.
fn is_rust_identifier(value: &str) -> bool {
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

fn is_version_requirement(value: &str) -> bool {
    !value.is_empty()
        && value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,=<>^~*+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_accepted_with_a_good_value() {
        let values = [
            ("spec", "api.yaml"),
            ("module", "petstore"),
            ("crate_name", "petstore-client"),
            ("runtime_path", "../runtime"),
            ("runtime_version", "0.1"),
            ("date_time_as_string", "true"),
            ("allow_remote_refs", "true"),
            ("only", "issues, repos/get"),
            ("tag_features", "true"),
            ("ref_root", "specs"),
        ];
        assert_eq!(values.len(), SETTING_KEYS.len());
        let mut settings = Settings::default();
        for (key, value) in values {
            assert!(SETTING_KEYS.contains(&key));
            settings.set(key, value).map_err(|e| e.to_string()).unwrap();
        }
        assert_eq!(settings.spec, PathBuf::from("api.yaml"));
        assert_eq!(settings.module.as_deref(), Some("petstore"));
        assert_eq!(settings.crate_name.as_deref(), Some("petstore-client"));
        // The later runtime key wins.
        assert_eq!(settings.runtime, RuntimeDependency::Version("0.1".into()));
        assert!(settings.date_time_as_string);
        assert!(settings.allow_remote_refs);
        assert_eq!(settings.only, ["issues", "repos/get"]);
        assert!(settings.tag_features);
        assert_eq!(settings.ref_root, Some(PathBuf::from("specs")));
    }

    #[test]
    fn unknown_key_lists_the_valid_ones() {
        let err = Settings::default().set("modul", "x").unwrap_err();
        assert_eq!(err, SettingsError::UnknownKey("modul".into()));
        let text = err.to_string();
        for key in SETTING_KEYS {
            assert!(text.contains(key), "{text}");
        }
    }

    #[test]
    fn bad_values_are_rejected() {
        let cases = [
            ("module", "fn"),
            ("module", "9lives"),
            ("module", "a-b"),
            ("module", ""),
            ("crate_name", "-x"),
            ("crate_name", "a b"),
            ("runtime_version", "latest"),
            ("date_time_as_string", "yes"),
            ("allow_remote_refs", "1"),
            ("tag_features", "on"),
            ("ref_root", ""),
            ("spec", ""),
            ("only", ""),
            ("only", "issues,,repos"),
        ];
        for (key, value) in cases {
            let err = Settings::default().set(key, value).unwrap_err();
            assert!(
                matches!(&err, SettingsError::BadValue { key: k, value: v, .. } if k == key && v == value),
                "{key} = {value:?}: {err:?}"
            );
        }
    }

    #[test]
    fn booleans_can_be_reset() {
        let mut settings = Settings::default();
        settings.set("date_time_as_string", "true").unwrap();
        settings.set("date_time_as_string", "false").unwrap();
        assert!(!settings.date_time_as_string);
    }
}
