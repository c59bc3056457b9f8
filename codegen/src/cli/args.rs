//! Command-line arguments. The settings' flags are not written here: they come
//! from the settings table ([`SETTINGS`], declared once in the library's
//! `settings/mod.rs`), each flag reaching [`Settings::set`] with its key, so the
//! CLI, the `generate!` macro and build scripts share one mapping; the tests
//! below prove they reach the same [`Settings`]. `--config FILE` reads the same
//! keys from a TOML file ([`super::config`]); flags win over the file.

use std::fmt;
use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand};
use specforge_codegen::{CliForm, SETTINGS, SettingInfo, Settings, SettingsError};

use super::config::{self, ConfigError};

use super::report::MessageFormat;

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  the document has errors or cannot be read (check --deny-warnings: also warnings)
  2  bad command line (or config file)
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

#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    #[command(flatten)]
    pub settings: SettingFlags<true>,
    /// The crate directory to write (created if missing; an existing specforge crate is updated).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write nothing: exit 0 when the crate in --out is what SPEC generates, 4 (listing
    /// the files that differ) when it is not. For CI, next to a checked-in crate.
    #[arg(long)]
    pub check: bool,
    /// How diagnostics are printed: `human` (a source snippet with a caret; colour on a
    /// terminal unless NO_COLOR is set) or `json` (one object per line on stdout, every
    /// other message on stderr; fields in docs/diagnostics.md).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub message_format: MessageFormat,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub settings: SettingFlags<false>,
    /// Exit with status 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How diagnostics are printed: `human` (a source snippet with a caret; colour on a
    /// terminal unless NO_COLOR is set) or `json` (one object per line on stdout, every
    /// other message on stderr; fields in docs/diagnostics.md).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub message_format: MessageFormat,
}

/// The settings' flags of one command, from the settings table: `CRATE` adds the
/// crate's own settings (`generate`); without it, the code settings only (`check`).
#[derive(Debug, Clone)]
pub(crate) struct SettingFlags<const CRATE: bool> {
    /// `--config FILE`.
    config: Option<PathBuf>,
    /// The `(key, value)` pairs of the given flags, in table order.
    pairs: Vec<(&'static str, String)>,
}

/// The settings of a command line, and the keys it (or its config file) gave.
pub(crate) struct Resolved {
    pub settings: Settings,
    pub given: Vec<String>,
}

/// Settings from the command line that do not fit.
#[derive(Debug)]
pub(crate) enum ArgsError {
    Setting(SettingsError),
    Config(ConfigError),
    MissingSpec,
}

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Setting(error) => error.fmt(f),
            Self::Config(error) => error.fmt(f),
            Self::MissingSpec => f.write_str(
                "missing SPEC: give the OpenAPI document on the command line or as `spec` in the --config file",
            ),
        }
    }
}

impl<const CRATE: bool> SettingFlags<CRATE> {
    /// The table's keys this command has flags for.
    fn table() -> impl Iterator<Item = &'static SettingInfo> {
        SETTINGS.iter().filter(|info| CRATE || !info.cli.crate_only)
    }

    /// Applies, in order: the command's defaults (a `--no-…` setting is on in
    /// `generate`), the config file, the flags.
    pub fn resolve(&self) -> Result<Resolved, ArgsError> {
        let mut settings = Settings::default();
        for info in Self::table().filter(|i| i.cli.form == CliForm::NegatedFlag) {
            settings.set(info.key, "true").map_err(ArgsError::Setting)?;
        }
        let mut given = Vec::new();
        if let Some(path) = &self.config {
            for (key, value) in config::read(path).map_err(ArgsError::Config)? {
                settings
                    .set(&key, &value)
                    .map_err(|e| ArgsError::Config(ConfigError::from_setting(path, e)))?;
                given.push(key);
            }
        }
        for (key, value) in &self.pairs {
            settings.set(key, value).map_err(ArgsError::Setting)?;
            given.push((*key).to_owned());
        }
        if settings.spec.as_os_str().is_empty() {
            return Err(ArgsError::MissingSpec);
        }
        Ok(Resolved { settings, given })
    }

    /// [`Self::resolve`]'s settings alone.
    pub fn settings(&self) -> Result<Settings, ArgsError> {
        self.resolve().map(|resolved| resolved.settings)
    }
}

/// The flag of one setting.
fn setting_arg(info: &SettingInfo) -> Arg {
    let cli = &info.cli;
    let arg = Arg::new(info.key).help(cli.help);
    let arg = match cli.form {
        CliForm::Positional => arg.value_name(cli.value_name),
        CliForm::Flag | CliForm::NegatedFlag => arg.long(cli.long).action(ArgAction::SetTrue),
        _ if info.repeatable => arg
            .long(cli.long)
            .value_name(cli.value_name)
            .action(ArgAction::Append),
        _ => arg.long(cli.long).value_name(cli.value_name),
    };
    match cli.conflicts_with {
        Some(other) => arg.conflicts_with(other),
        None => arg,
    }
}

impl<const CRATE: bool> Args for SettingFlags<CRATE> {
    fn augment_args(command: clap::Command) -> clap::Command {
        let config = Arg::new("config")
            .long("config")
            .value_name("FILE")
            .value_parser(clap::value_parser!(PathBuf))
            .help("Read settings from a TOML file (keys as in generate!/Settings, e.g. `module = \"api\"`, `only = [\"issues\"]`); flags win over it");
        Self::table().fold(command.arg(config), |command, info| {
            command.arg(setting_arg(info))
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Self::augment_args(command)
    }
}

impl<const CRATE: bool> FromArgMatches for SettingFlags<CRATE> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut pairs = Vec::new();
        for info in Self::table() {
            match info.cli.form {
                CliForm::Flag if matches.get_flag(info.key) => {
                    pairs.push((info.key, "true".to_owned()))
                }
                CliForm::NegatedFlag if matches.get_flag(info.key) => {
                    pairs.push((info.key, "false".to_owned()));
                }
                CliForm::Flag | CliForm::NegatedFlag => {}
                _ => {
                    let values = matches.get_many::<String>(info.key).into_iter().flatten();
                    pairs.extend(values.map(|value| (info.key, value.clone())));
                }
            }
        }
        Ok(Self {
            config: matches.get_one::<PathBuf>("config").cloned(),
            pairs,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
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
            "--no-value-builders",
        ])
        .settings
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
            mock = true,
            ref_root = "specs",
            value_builders = false,
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
        assert_ne!(cli.mock, default.mock);
        assert_ne!(cli.ref_root, default.ref_root);
        assert_ne!(cli.value_builders, default.value_builders);
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
        .settings
        .settings()
        .unwrap();
        let from_macro = parse_macro_args(quote!(
            "a.json",
            runtime_version = "0.1",
            tag_features = true,
            mock = true
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
        let ids: Vec<&str> = generate
            .get_arguments()
            .map(|a| a.get_id().as_str())
            .collect();
        for key in SETTING_KEYS {
            assert!(ids.contains(key), "no flag for `{key}` in {ids:?}");
        }
        let check = command.find_subcommand("check").unwrap();
        let ids: Vec<&str> = check.get_arguments().map(|a| a.get_id().as_str()).collect();
        for info in SETTINGS {
            assert_eq!(
                ids.contains(&info.key),
                !info.cli.crate_only,
                "{}",
                info.key
            );
        }
    }

    fn scratch_config(name: &str, text: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("specforge-config-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("specforge.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_config_file_reaches_the_same_settings_as_flags() {
        let config = scratch_config(
            "same",
            r#"
spec = "api/openapi.yaml"
crate_name = "pets-client"
runtime_path = "../runtime"
module = "petstore"
date_time_as_string = true
allow_remote_refs = true
only = ["issues", "repos,pulls/list"]
ref_root = "specs"
value_builders = false
"#,
        );
        let dir = config.parent().unwrap().to_path_buf();
        let config_arg = config.to_string_lossy().into_owned();
        let from_file = generate_args(&[
            "specforge",
            "generate",
            "--config",
            &config_arg,
            "--out",
            "o",
        ])
        .settings
        .settings()
        .unwrap();
        let from_macro = parse_macro_args(quote!(
            spec = "x",
            crate_name = "pets-client",
            runtime_path = "../runtime",
            module = petstore,
            date_time_as_string = true,
            allow_remote_refs = true,
            only = "issues, repos,pulls/list",
            tag_features = true,
            mock = true,
            ref_root = "x",
            value_builders = false,
        ))
        .unwrap()
        .settings;
        // Paths the generator reads are relative to the config file's folder.
        let mut expected = from_macro;
        expected.spec = dir.join("api/openapi.yaml");
        expected.ref_root = Some(dir.join("specs"));
        assert_eq!(from_file, expected);
        // Flags win over the file; `--only` adds to it; `--no-tag-features` turns it off.
        let with_flags = generate_args(&[
            "specforge",
            "generate",
            "other.yaml",
            "--config",
            &config_arg,
            "--out",
            "o",
            "--module",
            "pets",
            "--only",
            "meta",
            "--no-tag-features",
        ])
        .settings
        .settings()
        .unwrap();
        assert_eq!(with_flags.spec, PathBuf::from("other.yaml"));
        assert_eq!(with_flags.module.as_deref(), Some("pets"));
        assert_eq!(with_flags.only, ["issues", "repos", "pulls/list", "meta"]);
        assert!(!with_flags.tag_features);
        // `check` reads the same file.
        let cli = Cli::try_parse_from(["specforge", "check", "--config", &config_arg]).unwrap();
        let Command::Check(check) = cli.command else {
            panic!("parsed as generate")
        };
        let settings = check.settings.settings().unwrap();
        assert_eq!(settings.module.as_deref(), Some("petstore"));
        assert!(!settings.tag_features);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn bad_config_files_name_the_file_and_the_problem() {
        let cases = [
            ("modul = \"x\"", "unknown specforge option `modul`"),
            (
                "module = \"fn\"",
                "invalid value `fn` for specforge option `module`",
            ),
            (
                "module = 3",
                "invalid value `3` for specforge option `module`",
            ),
            (
                "date_time_as_string = \"yes\"",
                "expected `true` or `false`",
            ),
            ("module = [\"a\"]", "for specforge option `module`"),
            (
                "only = [1]",
                "invalid value `1` for specforge option `only`",
            ),
            ("spec = ", "TOML"),
        ];
        for (index, (text, message)) in cases.into_iter().enumerate() {
            let config = scratch_config(&format!("bad{index}"), text);
            let config_arg = config.to_string_lossy().into_owned();
            let error = generate_args(&[
                "specforge",
                "generate",
                "a.json",
                "--config",
                &config_arg,
                "--out",
                "o",
            ])
            .settings
            .settings()
            .unwrap_err()
            .to_string();
            assert!(error.contains(message), "{text}: {error}");
            assert!(error.contains(&config_arg), "{text}: {error}");
            std::fs::remove_dir_all(config.parent().unwrap()).unwrap();
        }
        let missing = generate_args(&[
            "specforge",
            "generate",
            "--config",
            "/nonexistent/specforge.toml",
            "--out",
            "o",
        ])
        .settings
        .settings()
        .unwrap_err();
        assert!(
            missing.to_string().contains("/nonexistent/specforge.toml"),
            "{missing}"
        );
        let no_spec = generate_args(&["specforge", "generate", "--out", "o"])
            .settings
            .settings()
            .unwrap_err();
        assert!(no_spec.to_string().contains("missing SPEC"), "{no_spec}");
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
        .settings
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
