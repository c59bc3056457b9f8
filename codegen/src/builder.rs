//! The build.rs entry point: [`Builder`].
//!
//! ```no_run
//! // build.rs: `fn main() { ... }` around this
//! specforge_codegen::Builder::new("openapi.yaml")
//!     .generate_to_out_dir("api.rs")
//!     .expect("generate client");
//! ```
//!
//! Each setting of [`Settings`] with a build-script meaning has a setter of the
//! same name (`.module("api")`, `.only(["issues"])`); the settings table in
//! `settings/mod.rs` makes them. A bad value (`.module("fn")`) is returned as
//! [`GenerateError::Settings`] when generating.
//!
//! The spec path is relative to `CARGO_MANIFEST_DIR` (the crate being built).
//! `generate_to_out_dir` prints `cargo::rerun-if-changed=` for the spec and for
//! every file its `$ref`s reach, prints each diagnostic on one line
//! (`file:line:col: warning[code]: message (at #/ptr) help: ...`), an error as
//! `cargo::error=` (cargo fails the build and shows it as an error) and a warning as
//! `cargo::warning=`, and writes `$OUT_DIR/<file>` only when its content changed (so an unchanged
//! spec does not recompile the crate). On error nothing is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::settings::kinds::Kind;
use crate::{Diagnostic, GenerateError, Settings, SettingsError};

/// Generates a client from a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    settings: Settings,
    /// Bad values given to setters, reported when generating.
    errors: Vec<SettingsError>,
}

impl Builder {
    /// A builder for the document at `spec` (relative to the crate's manifest dir).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            settings: Settings::new(spec),
            errors: Vec::new(),
        }
    }

    /// Replaces every setting (the spec path included) with `settings`.
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Checks `value` as setting `key` would be checked from text and applies
    /// it; a bad value is kept and returned by the `generate_*` methods. Every
    /// setter (made by the settings table, `settings/table.rs`) goes through here.
    pub(crate) fn set_checked<K: Kind>(
        mut self,
        key: &str,
        expected: &'static str,
        value: K::Value,
        apply: impl FnOnce(&mut Settings, K::Value),
    ) -> Self {
        if K::valid(&value) {
            apply(&mut self.settings, value);
        } else {
            let shown = K::show(&value);
            self.errors
                .push(SettingsError::bad_value(key, &shown, expected));
        }
        self
    }

    /// The settings this builder will generate with.
    pub fn as_settings(&self) -> &Settings {
        &self.settings
    }

    /// Generates into `$OUT_DIR/<file>` and returns that path. Include it with
    /// `include!(concat!(env!("OUT_DIR"), "/<file>"));`.
    pub fn generate_to_out_dir(self, file: &str) -> Result<PathBuf, GenerateError> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| GenerateError::Write {
            path: PathBuf::from(file),
            source: std::io::Error::other(
                "OUT_DIR is not set: call generate_to_out_dir from a build script, or use generate_to_file",
            ),
        })?;
        self.generate_to_file(Path::new(&out_dir).join(file))
    }

    /// Generates into `path` (relative paths against the current directory).
    /// Prints the same `cargo:` lines as [`Builder::generate_to_out_dir`].
    pub fn generate_to_file(self, path: impl AsRef<Path>) -> Result<PathBuf, GenerateError> {
        let stdout = std::io::stdout();
        self.generate_reporting(path.as_ref(), &mut stdout.lock())
    }

    /// Generates into `path`, writing the `cargo:` lines to `out`.
    fn generate_reporting(
        self,
        path: &Path,
        out: &mut impl Write,
    ) -> Result<PathBuf, GenerateError> {
        if let Some(error) = self.errors.into_iter().next() {
            return Err(GenerateError::Settings(error));
        }
        let path = path.to_path_buf();
        let mut settings = self.settings;
        settings.spec = resolve_spec(&settings.spec);
        let result = crate::generate(&settings);
        match result {
            Ok(generated) => {
                for input in &generated.inputs {
                    print_cargo(out, "rerun-if-changed", &input.display().to_string());
                }
                for diagnostic in &generated.diagnostics {
                    print_diagnostic(out, diagnostic);
                }
                write_if_changed(&path, generated.code.as_bytes())?;
                Ok(path)
            }
            Err(error) => {
                // Rerun when the spec is fixed (cargo reruns failed scripts anyway;
                // this keeps the behaviour explicit).
                print_cargo(
                    out,
                    "rerun-if-changed",
                    &settings.spec.display().to_string(),
                );
                for diagnostic in error.diagnostics() {
                    print_diagnostic(out, diagnostic);
                }
                if error.diagnostics().is_empty() {
                    print_cargo(out, "error", &error.to_string());
                }
                Err(error)
            }
        }
    }
}

/// The spec path resolved against `CARGO_MANIFEST_DIR` when it is relative and
/// the variable is set (always, in a build script).
fn resolve_spec(spec: &Path) -> PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) if spec.is_relative() => Path::new(&dir).join(spec),
        _ => spec.to_path_buf(),
    }
}

/// One `cargo::` instruction; cargo reads lines, so the value is kept to one.
fn print_cargo(out: &mut impl Write, key: &str, value: &str) {
    let value = value.replace(['\r', '\n'], " ");
    // A build script whose stdout is closed cannot report anything; ignore.
    let _ = writeln!(out, "cargo::{key}={value}");
}

/// A diagnostic as `cargo::error=` (errors) or `cargo::warning=` (warnings).
fn print_diagnostic(out: &mut impl Write, diagnostic: &Diagnostic) {
    let key = diagnostic.severity.as_str();
    print_cargo(out, key, &one_line(diagnostic));
}

/// A diagnostic on one line: `file:line:col: warning[code]: message (at #/ptr) help: ...`.
pub(crate) fn one_line(diagnostic: &Diagnostic) -> String {
    diagnostic
        .to_string()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `bytes` to `path` unless the file already holds exactly them, so
/// cargo's mtime-based tracking does not rebuild dependents needlessly.
/// Writes through a temporary file in the same directory and renames it, so a
/// reader never sees a half-written file.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, GenerateError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let write_error = |source| GenerateError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(write_error)?;
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes).map_err(write_error)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        write_error(e)
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Location, Pointer};

    #[test]
    fn diagnostics_print_on_one_line() {
        let mut d = Diagnostic::warning("SF0101", Pointer::root().push("paths"), "bad\nthing")
            .with_help("fix it");
        d.location = Some(Location {
            file: "api.yaml".into(),
            line: 3,
            column: 5,
        });
        let line = one_line(&d);
        assert!(!line.contains('\n'));
        assert!(
            line.starts_with("api.yaml:3:5: warning[SF0101]: bad thing"),
            "{line}"
        );
        assert!(line.ends_with("help: fix it"), "{line}");
        let mut out = Vec::new();
        print_cargo(&mut out, "warning", "a\nb");
        assert_eq!(out, b"cargo::warning=a b\n");
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("specforge-builder-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn generates_tracks_the_spec_and_rewrites_only_on_change() {
        let dir = scratch("ok");
        let spec = dir.join("openapi.json");
        std::fs::write(
            &spec,
            r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}"#,
        )
        .unwrap();
        let target = dir.join("out/api.rs");
        let mut out = Vec::new();
        let written = Builder::new(&spec)
            .generate_reporting(&target, &mut out)
            .unwrap();
        assert_eq!(written, target);
        let printed = String::from_utf8(out).unwrap();
        assert!(
            printed.contains(&format!("cargo::rerun-if-changed={}\n", spec.display())),
            "{printed}"
        );
        assert!(
            printed.lines().all(|l| l.starts_with("cargo::")),
            "{printed}"
        );
        let code = std::fs::read_to_string(&target).unwrap();
        assert!(code.starts_with("// @generated by specforge"), "{code}");
        let modified = std::fs::metadata(&target).unwrap().modified().unwrap();
        Builder::new(&spec)
            .generate_reporting(&target, &mut Vec::new())
            .unwrap();
        assert_eq!(
            std::fs::metadata(&target).unwrap().modified().unwrap(),
            modified
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_referenced_file_is_tracked() {
        let dir = scratch("multi");
        let spec = dir.join("openapi.json");
        std::fs::write(
            &spec,
            r##"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},
                "components":{"schemas":{"Pet":{"$ref":"schemas/pet.json#/Pet"}}}}"##,
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("schemas")).unwrap();
        std::fs::write(
            dir.join("schemas/pet.json"),
            r#"{"Pet":{"type":"object","properties":{"name":{"type":"string"}}}}"#,
        )
        .unwrap();
        let mut out = Vec::new();
        Builder::new(&spec)
            .generate_reporting(&dir.join("api.rs"), &mut out)
            .unwrap();
        let printed = String::from_utf8(out).unwrap();
        let tracked: Vec<&str> = printed
            .lines()
            .filter_map(|l| l.strip_prefix("cargo::rerun-if-changed="))
            .collect();
        assert_eq!(tracked.len(), 2, "{printed}");
        assert!(tracked[0].ends_with("openapi.json"), "{printed}");
        assert!(tracked[1].ends_with("pet.json"), "{printed}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_write_nothing_and_print_one_cargo_error_line_each() {
        let dir = scratch("error");
        let spec = dir.join("broken.json");
        std::fs::write(
            &spec,
            "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\" 1}\n}\n",
        )
        .unwrap();
        let target = dir.join("api.rs");
        let mut out = Vec::new();
        let error = Builder::new(&spec)
            .generate_reporting(&target, &mut out)
            .unwrap_err();
        assert!(!error.diagnostics().is_empty());
        assert!(!target.exists());
        let printed = String::from_utf8(out).unwrap();
        let errors: Vec<&str> = printed
            .lines()
            .filter(|l| l.starts_with("cargo::error="))
            .collect();
        assert_eq!(errors.len(), error.diagnostics().len(), "{printed}");
        assert!(
            errors.iter().all(|w| w.contains("error[SF0001]")),
            "{printed}"
        );
        assert!(!printed.contains("cargo::warning="), "{printed}");
        assert!(printed.contains(&format!("cargo::rerun-if-changed={}", spec.display())));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn warnings_print_as_cargo_warnings_and_the_client_is_written() {
        let dir = scratch("warning");
        let spec = dir.join("openapi.json");
        // SF3202: a path parameter that the template does not have.
        std::fs::write(
            &spec,
            r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{"/a":{"get":{
                "parameters":[{"name":"x","in":"path","required":true,"schema":{"type":"string"}}],
                "responses":{"204":{"description":"ok"}}}}}}"#,
        )
        .unwrap();
        let target = dir.join("api.rs");
        let mut out = Vec::new();
        Builder::new(&spec)
            .generate_reporting(&target, &mut out)
            .unwrap();
        let printed = String::from_utf8(out).unwrap();
        let warnings: Vec<&str> = printed
            .lines()
            .filter(|l| l.starts_with("cargo::warning="))
            .collect();
        assert_eq!(warnings.len(), 1, "{printed}");
        assert!(warnings[0].contains("warning[SF3202]"), "{printed}");
        assert!(!printed.contains("cargo::error="), "{printed}");
        assert!(target.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unreadable_spec_is_one_cargo_error() {
        let dir = scratch("missing");
        let mut out = Vec::new();
        Builder::new(dir.join("nope.yaml"))
            .generate_reporting(&dir.join("api.rs"), &mut out)
            .unwrap_err();
        let printed = String::from_utf8(out).unwrap();
        let errors = printed
            .lines()
            .filter(|l| l.starts_with("cargo::error=") && l.contains("nope.yaml"))
            .count();
        assert_eq!(errors, 1, "{printed}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn setters_check_values_like_the_other_entry_points() {
        let builder = Builder::new("api.yaml")
            .module("api")
            .date_time_as_string(true)
            .allow_remote_refs(true)
            .only(["issues"])
            .only(vec![String::from("repos/get")])
            .tag_features(true)
            .value_builders(false)
            .ref_root("specs");
        let from_macro = crate::macro_args::parse_macro_args(quote::quote!(
            "api.yaml",
            module = api,
            date_time_as_string = true,
            allow_remote_refs = true,
            only = "issues,repos/get",
            tag_features = true,
            ref_root = "specs",
            value_builders = false,
        ))
        .unwrap()
        .settings;
        assert_eq!(builder.as_settings(), &from_macro);
        // A bad value is reported when generating, as the macro reports it; nothing is written.
        let dir = scratch("bad-setting");
        let target = dir.join("api.rs");
        let error = Builder::new("api.yaml")
            .module("fn")
            .generate_reporting(&target, &mut Vec::new())
            .unwrap_err();
        let macro_error =
            crate::macro_args::parse_macro_args(quote::quote!("a.yaml", module = "fn"))
                .unwrap_err();
        assert!(matches!(error, GenerateError::Settings(_)), "{error:?}");
        assert_eq!(error.to_string(), macro_error.to_string());
        assert!(!target.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_only_when_changed() {
        let dir = std::env::temp_dir().join(format!("specforge-builder-{}", std::process::id()));
        let file = dir.join("sub/api.rs");
        assert!(write_if_changed(&file, b"one").unwrap());
        assert!(!write_if_changed(&file, b"one").unwrap());
        assert!(write_if_changed(&file, b"two").unwrap());
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.join("sub")).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
