//! Command-line arguments (clap derive). Every option maps to a key of
//! [`Settings::set`], so the CLI and the `generate!` macro share one mapping;
//! the test below proves they reach the same [`Settings`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use specforge_codegen::{Settings, SettingsError};

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  the document has errors or cannot be read (check --deny-warnings: also warnings)
  2  bad command line
  3  the output cannot be written
  4  generate --check: the crate on disk differs from what SPEC generates";

/// Generate typed Rust clients from OpenAPI documents (Swagger 2.0, OpenAPI 3.0, 3.1).
#[derive(Debug, Parser)]
#[command(name = "specforge", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write a standalone client crate (Cargo.toml, src/lib.rs, README.md) for SPEC.
    #[command(after_help = EXIT_CODES)]
    Generate(GenerateArgs),
    /// Print every diagnostic for SPEC (file:line:column, code, message, JSON pointer, help).
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
}

/// Options that change the generated code (shared by `generate` and `check`).
#[derive(Debug, Args)]
pub(crate) struct CodeOptions {
    /// The OpenAPI document (JSON or YAML). Relative `$ref`s resolve against it.
    pub spec: PathBuf,
    /// Wrap the client in `pub mod MODULE { ... }`.
    #[arg(long, value_name = "MODULE")]
    pub module: Option<String>,
    /// Type `format: date-time` as `String` instead of `chrono::DateTime<Utc>`.
    #[arg(long)]
    pub date_time_as_string: bool,
    /// Allow `$ref`s to http(s) URLs (off by default: the network is never touched).
    #[arg(long)]
    pub allow_remote_refs: bool,
    /// Keep only the operations with this tag or operation id, and the types they reach
    /// (repeatable; a value may also list several, separated by commas).
    #[arg(long, value_name = "TAG_OR_OPERATION_ID")]
    pub only: Vec<String>,
    /// Let local `$ref`s read files anywhere under DIR (default: the document's folder).
    #[arg(long, value_name = "DIR")]
    pub ref_root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    #[command(flatten)]
    pub code: CodeOptions,
    /// The crate directory to write (created if missing; an existing specforge crate is updated).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Package name (default: the API title in kebab-case with a `-client` suffix).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Depend on the specforge runtime by path (written as given: relative to the crate dir).
    #[arg(long, value_name = "PATH", conflicts_with = "runtime_version")]
    pub runtime_path: Option<String>,
    /// Depend on this version of the specforge runtime (default: this generator's version;
    /// not on crates.io yet, so use --runtime-path to build the crate today).
    #[arg(long, value_name = "VERSION")]
    pub runtime_version: Option<String>,
    /// Do not make each tag a Cargo feature of the crate (setting `tag_features`, on by
    /// default here: every operation is compiled only with one of its tags' features,
    /// and the default features enable them all).
    #[arg(long)]
    pub no_tag_features: bool,
    /// Write nothing: exit 0 when the crate in --out is what SPEC generates, 4 (listing
    /// the files that differ) when it is not. For CI, next to a checked-in crate.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub code: CodeOptions,
    /// Exit with status 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
}

impl CodeOptions {
    /// The `(key, value)` pairs for [`Settings::set`], one per given option.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("spec", self.spec.to_string_lossy().into_owned())];
        if let Some(module) = &self.module {
            pairs.push(("module", module.clone()));
        }
        if self.date_time_as_string {
            pairs.push(("date_time_as_string", "true".to_owned()));
        }
        if self.allow_remote_refs {
            pairs.push(("allow_remote_refs", "true".to_owned()));
        }
        for name in &self.only {
            pairs.push(("only", name.clone()));
        }
        if let Some(root) = &self.ref_root {
            pairs.push(("ref_root", root.to_string_lossy().into_owned()));
        }
        pairs
    }
}

impl GenerateArgs {
    pub fn settings(&self) -> Result<Settings, SettingsError> {
        let mut pairs = self.code.pairs();
        if let Some(name) = &self.name {
            pairs.push(("crate_name", name.clone()));
        }
        if let Some(path) = &self.runtime_path {
            pairs.push(("runtime_path", path.clone()));
        }
        if let Some(version) = &self.runtime_version {
            pairs.push(("runtime_version", version.clone()));
        }
        let tag_features = if self.no_tag_features {
            "false"
        } else {
            "true"
        };
        pairs.push(("tag_features", tag_features.to_owned()));
        apply(pairs)
    }
}

impl CheckArgs {
    pub fn settings(&self) -> Result<Settings, SettingsError> {
        apply(self.code.pairs())
    }
}

fn apply(pairs: Vec<(&'static str, String)>) -> Result<Settings, SettingsError> {
    let mut settings = Settings::default();
    for (key, value) in pairs {
        settings.set(key, &value)?;
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use specforge_codegen::macro_args::parse_macro_args;
    use specforge_codegen::{RuntimeDependency, SETTING_KEYS};

    fn generate_args(line: &[&str]) -> GenerateArgs {
        let cli = Cli::try_parse_from(line)
            .map_err(|e| e.to_string())
            .unwrap();
        match cli.command {
            Command::Generate(args) => args,
            Command::Check(_) => panic!("parsed as check"),
        }
    }

    #[test]
    fn cli_flags_and_macro_keys_reach_the_same_settings() {
        let cli = generate_args(&[
            "specforge",
            "generate",
            "api/openapi.yaml",
            "--out",
            "client",
            "--name",
            "pets-client",
            "--runtime-path",
            "../runtime",
            "--module",
            "petstore",
            "--date-time-as-string",
            "--allow-remote-refs",
            "--only",
            "issues",
            "--only",
            "repos,pulls/list",
            "--ref-root",
            "specs",
        ])
        .settings()
        .unwrap();
        let from_macro = parse_macro_args(quote!(
            spec = "api/openapi.yaml",
            crate_name = "pets-client",
            runtime_path = "../runtime",
            module = petstore,
            date_time_as_string = true,
            allow_remote_refs = true,
            only = "issues, repos,pulls/list",
            tag_features = true,
            ref_root = "specs",
        ))
        .unwrap()
        .settings;
        assert_eq!(cli, from_macro);
        // Every setting differs from its default, so the comparison covers every key.
        let default = Settings::default();
        assert_ne!(cli.spec, default.spec);
        assert_ne!(cli.module, default.module);
        assert_ne!(cli.crate_name, default.crate_name);
        assert_ne!(cli.runtime, default.runtime);
        assert_ne!(cli.date_time_as_string, default.date_time_as_string);
        assert_ne!(cli.allow_remote_refs, default.allow_remote_refs);
        assert_eq!(cli.only, ["issues", "repos", "pulls/list"]);
        assert_ne!(cli.tag_features, default.tag_features);
        assert_ne!(cli.ref_root, default.ref_root);
        // runtime_version is the other half of `runtime`.
        let cli = generate_args(&[
            "specforge",
            "generate",
            "a.json",
            "--out",
            "o",
            "--runtime-version",
            "0.1",
        ])
        .settings()
        .unwrap();
        let from_macro = parse_macro_args(quote!(
            "a.json",
            runtime_version = "0.1",
            tag_features = true
        ))
        .unwrap()
        .settings;
        assert_eq!(cli, from_macro);
        assert_eq!(cli.runtime, RuntimeDependency::Version("0.1".into()));
    }

    #[test]
    fn every_setting_key_has_a_cli_flag() {
        use clap::CommandFactory;
        let command = Cli::command();
        let generate = command.find_subcommand("generate").unwrap();
        let flags: Vec<String> = generate
            .get_arguments()
            .map(|a| a.get_id().as_str().to_owned())
            .collect();
        for key in SETTING_KEYS {
            let flag = match *key {
                "crate_name" => "name",
                "tag_features" => "no_tag_features",
                key => key,
            };
            assert!(
                flags.iter().any(|f| f == flag),
                "no flag for `{key}` in {flags:?}"
            );
        }
    }

    #[test]
    fn bad_cli_values_fail_like_bad_macro_values() {
        let cli = generate_args(&[
            "specforge",
            "generate",
            "a.json",
            "--out",
            "o",
            "--module",
            "fn",
        ])
        .settings()
        .unwrap_err();
        let from_macro = parse_macro_args(quote!("a.json", module = "fn")).unwrap_err();
        assert_eq!(cli.to_string(), from_macro.to_string());
    }

    #[test]
    fn runtime_path_and_version_conflict() {
        let err = Cli::try_parse_from([
            "specforge",
            "generate",
            "a.json",
            "--out",
            "o",
            "--runtime-path",
            "p",
            "--runtime-version",
            "1",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }
}
