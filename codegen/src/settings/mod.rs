//! [`Settings`]: the one configuration type behind the build.rs [`crate::Builder`],
//! the `generate!` macro's `key = value` options, the CLI's flags and its config file.
//!
//! Every setting is declared once, in the table below (the `settings_table!`
//! macro of [`table`]): its field, docs, default and the keys that set it, with
//! each key's kind of value ([`kinds`]), command-line flag and whether the
//! [`crate::Builder`] has a setter for it. From it come the struct, the key list
//! [`SETTING_KEYS`], the parser [`Settings::set`] (which the macro and the CLI
//! both call), the table [`SETTINGS`] the CLI builds its flags and reads config
//! files from, and the Builder's setters; so all entry points agree by
//! construction (a test in `cli/args.rs` parses a command line, a config file
//! and a macro argument list and compares). Adding a setting is one entry here,
//! plus docs/entry-points.md and tests.
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
//! | `only` | `--only` (repeatable) | `only = "issues,repos/get"` | names |
//! | `tag_features` | `--no-tag-features` (on in `generate`) | `tag_features = true` | `true`/`false` |
//! | `mock` | `--no-mock` (on in `generate`) | `mock = true` | `true`/`false` |
//! | `accept_xml` | `--accept-xml` | `accept_xml = true` | `true`/`false` |
//! | `attribute` | `--attribute` (repeatable) | `attribute = "non_exhaustive; Pet=must_use"` | attributes |
//! | `value_builders` | `--no-value-builders` (on by default) | `value_builders = false` | `true`/`false` |
//! | `ref_root` | `--ref-root` | `ref_root = "specs"` | path |

pub(crate) mod kinds;
pub(crate) mod table;

use std::fmt;
use std::path::PathBuf;

use kinds::Kind;
use table::settings_table;
pub use table::{CliForm, CliSpec, SettingInfo};

/// How generated code names the runtime crate dependency in CLI crate mode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuntimeDependency {
    /// `specforge = { version = "..." }` (default: this generator's version).
    Version(String),
    /// `specforge = { path = "..." }`.
    Path(PathBuf),
}

settings_table! {
    /// Everything that changes what specforge generates.
    ///
    /// Build it with [`Settings::new`] (or `Default`) and set fields or keys
    /// ([`Settings::set`]); it is `#[non_exhaustive]`, so new settings are not a
    /// breaking change. It is also `serde`-deserializable with the field names.
    #[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
    #[serde(default, deny_unknown_fields)]
    #[non_exhaustive]
    pub struct Settings;

    /// The OpenAPI document (JSON or YAML). Relative `$ref`s resolve against it.
    field spec: PathBuf = PathBuf::new();
        key spec(ReadPath, expected = "the path of an OpenAPI document")
            cli = CliSpec::positional("SPEC", "The OpenAPI document (JSON or YAML). Relative `$ref`s resolve against it"),
            builder = no
            => |s, v| s.spec = v;

    /// Wrap the client in `pub mod <module> { ... }` (macro option `module`). Default: none.
    field module: Option<String> = None;
        key module(Ident)
            cli = CliSpec::value("module", "MODULE", "Wrap the client in `pub mod MODULE { ... }`"),
            builder = yes
            => |s, v| s.module = Some(v);

    /// Crate name in CLI crate mode (default: from the API title, kebab-case, `-client` suffix).
    field crate_name: Option<String> = None;
        key crate_name(PackageName)
            cli = CliSpec::value("name", "NAME", "Package name (default: the API title in kebab-case with a `-client` suffix)").crate_only(),
            builder = no
            => |s, v| s.crate_name = Some(v);

    /// Package version in CLI crate mode (default: the document's `info.version` when it
    /// is a semantic version, a leading `v` dropped; else `0.1.0`).
    field crate_version: Option<String> = None;
        key crate_version(SemVer)
            cli = CliSpec::value("crate-version", "VERSION", "Package version (default: the document's info.version when it is a semantic version, else 0.1.0)").crate_only(),
            builder = no
            => |s, v| s.crate_version = Some(v);

    /// Runtime dependency in CLI crate mode.
    field runtime: RuntimeDependency = RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned());
        key runtime_path(WrittenPath, expected = "the path of the `specforge` runtime crate")
            cli = CliSpec::value("runtime-path", "PATH", "Depend on the specforge runtime by path (written as given: relative to the crate dir)")
                .crate_only()
                .conflicts_with("runtime_version"),
            builder = no
            => |s, v| s.runtime = RuntimeDependency::Path(PathBuf::from(v));
        key runtime_version(VersionReq)
            cli = CliSpec::value("runtime-version", "VERSION", "Depend on this version of the specforge runtime (default: this generator's version; not on crates.io yet, so use --runtime-path to build the crate today)")
                .crate_only(),
            builder = no
            => |s, v| s.runtime = RuntimeDependency::Version(v);

    /// Type `format: date-time` as `String` instead of `chrono::DateTime<Utc>`
    /// (for APIs that send dates that are not RFC 3339). Default: false.
    field date_time_as_string: bool = false;
        key date_time_as_string(Flag)
            cli = CliSpec::flag("date-time-as-string", "Type `format: date-time` as `String` instead of `chrono::DateTime<Utc>`"),
            builder = yes
            => |s, v| s.date_time_as_string = v;

    /// Allow `$ref`s to `http(s)` URLs. Default: false (the network is never touched).
    field allow_remote_refs: bool = false;
        key allow_remote_refs(Flag)
            cli = CliSpec::flag("allow-remote-refs", "Allow `$ref`s to http(s) URLs (off by default: the network is never touched)"),
            builder = yes
            => |s, v| s.allow_remote_refs = v;

    /// Keep only the operations with one of these tags or operation ids (the
    /// document's `operationId` or the generated method name), and the types they
    /// reach. Empty (the default): every operation. A name that matches nothing is
    /// an error (SF3004) naming the closest ones.
    field only: Vec<String> = Vec::new();
        key only(NameList, expected = "tags or operation ids separated by commas, such as `issues,repos/get`")
            cli = CliSpec::value("only", "TAG_OR_OPERATION_ID", "Keep only the operations with this tag or operation id, and the types they reach (repeatable; a value may also list several, separated by commas)"),
            builder = yes
            => |s, v| s.only.extend(v);

    /// Gate each operation behind a Cargo feature per tag, and each type behind the
    /// features whose operations reach it (docs/entry-points.md, "Per-tag features").
    /// The CLI's `generate` turns it on (and declares the features in the crate's
    /// `Cargo.toml`; `--no-tag-features` turns it off); in a build script or
    /// `generate!`, the user's crate must declare the features. Default: false.
    field tag_features: bool = false;
        key tag_features(Flag)
            cli = CliSpec::negated("no-tag-features", "Do not make each tag a Cargo feature of the crate (setting `tag_features`, on by default here: every operation is compiled only with one of its tags' features, and the default features enable them all)")
                .crate_only(),
            builder = yes
            => |s, v| s.tag_features = v;

    /// Typed mocks for users' tests: `Client::mock()` gives a client whose calls a
    /// `Mock` answers in process (docs/generated-code.md, "Testing with mocks"). The
    /// items carry `#[cfg(any(test, feature = "mock"))]`: the CLI's `generate` turns the
    /// setting on and declares the feature (`--no-mock` turns it off); in a build script
    /// or `generate!`, the user's crate declares a `mock` feature (its unit tests have
    /// the mocks without it). Default: false.
    field mock: bool = false;
        key mock(Flag)
            cli = CliSpec::negated("no-mock", "Do not generate typed mocks (setting `mock`, on by default here: the crate's `mock` feature gives `Client::mock()`)")
                .crate_only(),
            builder = yes
            => |s, v| s.mock = v;

    /// Where a response offers XML as another encoding of its JSON schema (Swagger 2.0's
    /// `produces: [application/json, application/xml]`), decode either by the response's
    /// `Content-Type` and give the operation's request value `.accept_xml()`, which asks
    /// for XML (docs/xml.md). The types such responses reach get XML code and the client
    /// needs the runtime's `xml` feature. Default: false (JSON only; no XML code).
    field accept_xml: bool = false;
        key accept_xml(Flag)
            cli = CliSpec::flag("accept-xml", "Where a response offers XML beside JSON with the same schema, decode either and add `.accept_xml()` to ask for XML (needs the runtime's `xml` feature)"),
            builder = yes
            => |s, v| s.accept_xml = v;

    /// Replace a schema, or every schema of a `format`, by a type of your own
    /// (`Money=crate::money::Money`, `format:decimal=rust_decimal::Decimal`): the
    /// schema's own type is not generated, and everything that referred to it uses yours,
    /// which must implement what generated types need (`Serialize`, `Deserialize`,
    /// `Debug`, `Clone`, `PartialEq`). A name that matches nothing is warning SF2010.
    field replace: Vec<String> = Vec::new();
        key replace(Replacements)
            cli = CliSpec::value("replace", "NAME=PATH", "Replace a schema (by its name in components/schemas) or every schema of a format (`format:decimal`) by your type PATH (repeatable; a value may also list several, separated by commas)"),
            builder = yes
            => |s, v| s.replace.extend(v);

    /// Extra derives: `PATH` for every generated type, `SCHEMA=PATH` for the type of
    /// one schema (`Hash`, `Eq`, `Pet=schemars::JsonSchema`). A derive is left out of the
    /// types it cannot hold for (a float has no `Eq`/`Hash`), with warning SF2012.
    field derive: Vec<String> = Vec::new();
        key derive(Derives)
            cli = CliSpec::value("derive", "[SCHEMA=]PATH", "Derive PATH for every generated type, or for the type of SCHEMA only (repeatable; a value may also list several, separated by commas); left out where it cannot hold, with a warning"),
            builder = yes
            => |s, v| s.derive.extend(v);

    /// Extra attributes: `ATTR` for every generated type, `SCHEMA=ATTR` for the type of
    /// one schema (`non_exhaustive`, `Pet=schemars(rename = "Animal")`), separated by
    /// semicolons. Not `derive(..)` (setting `derive`) or `serde(..)`. `non_exhaustive`
    /// is not repeated on an object type that has it already (setting `value_builders`);
    /// a schema that matches no type is warning SF2013.
    field attribute: Vec<String> = Vec::new();
        key attribute(Attributes)
            cli = CliSpec::value("attribute", "[SCHEMA=]ATTR", "Put #[ATTR] on every generated type, or on the type of SCHEMA only (repeatable; a value may also list several, separated by semicolons)"),
            builder = yes
            => |s, v| s.attribute.extend(v);

    /// Rename generated types: `OLD=NEW` pairs, `OLD` a schema's key in
    /// `components/schemas`, `NEW` the type's name (made PascalCase). A name that matches
    /// no schema is warning SF2011.
    field rename_types: Vec<String> = Vec::new();
        key rename_types(Renames)
            cli = CliSpec::value("rename-type", "OLD=NEW", "Name the type of schema OLD (its key in components/schemas) NEW (repeatable; a value may also list several, separated by commas)"),
            builder = yes
            => |s, v| s.rename_types.extend(v);

    /// Rename operations: `OLD=NEW` pairs, `OLD` an operationId as written (or the
    /// method name specforge derives), `NEW` the method name (made snake_case; its request
    /// and error types follow). A name that matches no operation is warning SF3006.
    field rename_operations: Vec<String> = Vec::new();
        key rename_operations(Renames)
            cli = CliSpec::value("rename-operation", "OLD=NEW", "Name the method of operation OLD (its operationId) NEW (repeatable; a value may also list several, separated by commas)"),
            builder = yes
            => |s, v| s.rename_operations.extend(v);

    /// A JSON Patch (RFC 6902, a JSON or YAML file) applied to the document before it is
    /// read, to fix a broken third-party document without editing it. Default: none.
    field patch: Option<PathBuf> = None;
        key patch(ReadPath, expected = "the path of a JSON Patch file")
            cli = CliSpec::value("patch", "FILE", "Apply this JSON Patch (RFC 6902; JSON or YAML) to the document before reading it"),
            builder = yes
            => |s, v| s.patch = Some(v);
    /// Give every object type a constructor taking its required properties
    /// (`Pet::new("Rex")`) and a chainable `with_*` setter per optional one, and
    /// mark it `#[non_exhaustive]` (so a property the API adds later breaks no
    /// caller); give unions `From` impls for their variants' payloads (and `&str`
    /// for a text variant). docs/generated-code.md, "Building values". Off:
    /// plain structs built with struct literals. Default: true.
    field value_builders: bool = true;
        key value_builders(Flag)
            cli = CliSpec::negated("no-value-builders", "Do not generate constructors, `with_*` setters and union `From` impls (setting `value_builders`, on by default); object types are then not #[non_exhaustive]"),
            builder = yes
            => |s, v| s.value_builders = v;

    /// The folder a local `$ref` may read files from (it and everything below it).
    /// Default: none, meaning the entry document's folder. A `$ref` to a file
    /// outside it is error SF0017, and the file is never read.
    field ref_root: Option<PathBuf> = None;
        key ref_root(ReadPath, expected = "the path of a folder")
            cli = CliSpec::value("ref-root", "DIR", "Let local `$ref`s read files anywhere under DIR (default: the document's folder)"),
            builder = yes
            => |s, v| s.ref_root = Some(v);
}

/// A `key = value` option that does not fit [`Settings`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

impl SettingsError {
    /// A bad value for `key`.
    pub fn bad_value(key: &str, value: &str, expected: &'static str) -> Self {
        Self::BadValue {
            key: key.to_owned(),
            value: value.to_owned(),
            expected,
        }
    }
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

    /// Whether `key` takes a boolean (a bare CLI flag or `key = true` in the macro).
    pub fn is_flag(key: &str) -> bool {
        SETTINGS.iter().any(|info| info.key == key && info.is_flag)
    }
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
            ("crate_version", "1.2.0-beta.1"),
            ("runtime_path", "../runtime"),
            ("runtime_version", "0.1"),
            ("date_time_as_string", "true"),
            ("allow_remote_refs", "true"),
            ("only", "issues, repos/get"),
            ("tag_features", "true"),
            ("mock", "true"),
            ("accept_xml", "true"),
            (
                "replace",
                "Money=crate::Money, format:decimal=rust_decimal::Decimal",
            ),
            ("derive", "Hash, Eq, Pet=schemars::JsonSchema"),
            (
                "attribute",
                "non_exhaustive; Pet=schemars(rename = \"Animal\")",
            ),
            ("rename_types", "Pet=Animal"),
            ("rename_operations", "listPets=pets"),
            ("patch", "fix.yaml"),
            ("value_builders", "false"),
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
        assert!(settings.accept_xml);
        assert!(!settings.value_builders);
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
            ("crate_version", "1.0"),
            ("crate_version", "v1.0.0"),
            ("runtime_version", "latest"),
            ("date_time_as_string", "yes"),
            ("allow_remote_refs", "1"),
            ("tag_features", "on"),
            ("value_builders", "no"),
            ("ref_root", ""),
            ("spec", ""),
            ("only", ""),
            ("only", "issues,,repos"),
            ("replace", "Money"),
            ("replace", "Money=not a path"),
            ("replace", "=crate::Money"),
            ("replace", "format:=crate::Money"),
            ("replace", "Money=&'static str"),
            ("derive", "Pet="),
            ("derive", "=Hash"),
            ("derive", "Hash Eq"),
            ("rename_types", "Pet"),
            ("rename_types", "Pet=Big Pet"),
            ("rename_operations", "=pets"),
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
