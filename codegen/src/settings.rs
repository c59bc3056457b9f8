//! [`Settings`]: the one configuration type behind the build.rs [`crate::Builder`],
//! the `generate!` macro's `key = value` options and the CLI's flags.
//!
//! Every field has a documented default; `Settings::new(spec)` gives them all.
//! The mapping from macro keys and CLI flags onto these fields lives in
//! [`Settings::set`], so all three entry points agree by construction (a test
//! proves it).

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
        }
    }
}

impl Settings {
    /// Settings for `spec` with every default.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            ..Self::default()
        }
    }
}
