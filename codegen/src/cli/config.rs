//! `--config FILE`: settings from a TOML file, with the same keys as the macro and
//! `Settings::set` (`module = "petstore"`, `only = ["issues", "repos/get"]`,
//! `tag_features = false`).
//!
//! Values are strings, booleans, or (for settings whose values add up, such as
//! `only`) arrays of strings. Paths the generator reads (`spec`, `ref_root`) are
//! relative to the file's folder; `runtime_path` is written into the crate as
//! given, like the flag. Flags on the command line are applied after the file, so
//! they win (and `--only` adds to the file's `only`).

use std::fmt;
use std::path::{Path, PathBuf};

use specforge_codegen::{SETTINGS, SettingsError};

/// A config file that cannot be read or does not fit the settings.
#[derive(Debug)]
pub(crate) struct ConfigError {
    path: PathBuf,
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "in config file {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl ConfigError {
    /// A setting of the file at `path` that `Settings::set` refused.
    pub(crate) fn from_setting(path: &Path, error: SettingsError) -> Self {
        Self::new(path, error)
    }

    fn new(path: &Path, message: impl fmt::Display) -> Self {
        Self {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
}

/// The `(key, value)` pairs of the file at `path`, in the file's order, values as
/// `Settings::set` takes them.
pub(crate) fn read(path: &Path) -> Result<Vec<(String, String)>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::new(path, e))?;
    let table: toml::Table = text.parse().map_err(|e| ConfigError::new(path, e))?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut pairs = Vec::new();
    for (key, value) in table {
        let Some(info) = SETTINGS.iter().find(|info| info.key == key) else {
            return Err(ConfigError::new(path, SettingsError::UnknownKey(key)));
        };
        let texts = match value {
            toml::Value::String(text) => vec![text],
            toml::Value::Boolean(yes) => vec![yes.to_string()],
            toml::Value::Array(items) if info.repeatable => items
                .into_iter()
                .map(|item| match item {
                    toml::Value::String(text) => Ok(text),
                    other => Err(show(&other)),
                })
                .collect::<Result<_, _>>()
                .map_err(|bad| {
                    ConfigError::new(path, SettingsError::bad_value(&key, &bad, info.expected))
                })?,
            other => {
                let shown = show(&other);
                return Err(ConfigError::new(
                    path,
                    SettingsError::bad_value(&key, &shown, info.expected),
                ));
            }
        };
        for text in texts {
            let text = if info.read_path && Path::new(&text).is_relative() && !text.is_empty() {
                folder.join(&text).to_string_lossy().into_owned()
            } else {
                text
            };
            pairs.push((key.clone(), text));
        }
    }
    Ok(pairs)
}

/// A value as the file wrote it, near enough for an error message.
fn show(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => format!("{text:?}"),
        toml::Value::Integer(number) => number.to_string(),
        toml::Value::Float(number) => number.to_string(),
        toml::Value::Boolean(yes) => yes.to_string(),
        toml::Value::Datetime(when) => when.to_string(),
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(show).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(_) => "a table".to_owned(),
    }
}
