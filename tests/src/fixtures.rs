//! The fixture cases: every folder of `fixtures/` that holds an OpenAPI document.

use std::path::{Path, PathBuf};

/// File names a fixture's spec may have, in the order they are looked for.
pub const SPEC_NAMES: [&str; 3] = ["openapi.yaml", "openapi.yml", "openapi.json"];

/// One fixture folder.
#[derive(Debug, Clone)]
pub struct Case {
    /// The folder name, e.g. `petstore-expanded`.
    pub name: String,
    /// The module the golden is compiled into, e.g. `petstore_expanded`.
    pub module: String,
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The golden file (may not exist yet).
    pub expected: PathBuf,
    /// The golden of the crate README's usage examples (`Summary::usage`), compiled
    /// inside the client's module by `build.rs`.
    pub usage: PathBuf,
}

/// The `fixtures/` directory of the workspace.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("fixtures")
}

/// Every fixture folder with a spec, sorted by name.
pub fn cases() -> std::io::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(root())? {
        let dir = entry?.path();
        let Some(spec) = SPEC_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()) else {
            continue;
        };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        cases.push(Case {
            module: module_name(&name),
            expected: dir.join("expected.rs"),
            usage: dir.join("usage.rs"),
            spec,
            name,
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// `petstore-expanded` → `petstore_expanded` (the same rule as `build.rs`).
pub fn module_name(folder: &str) -> String {
    folder
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Reads a spec (JSON or YAML) as a JSON value.
pub fn read_spec(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    } else {
        serde_yaml_ng::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
