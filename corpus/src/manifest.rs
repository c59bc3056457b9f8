//! The corpus manifest (`../shared/corpus/manifest.tsv`, beside the repository):
//! one [`Entry`] per line, read by column name, and the subset CI compiles.
//!
//! Shared by `build.rs` (through `#[path]`) and the library, so both agree on
//! entry names, module names and the default subset.

use std::path::{Path, PathBuf};

/// The environment variable that selects which entries `build.rs` compiles:
/// unset or empty → [`DEFAULT_SUBSET`]; `all` → every entry; otherwise a comma
/// separated list of entry files or module names.
pub const SELECTION_VAR: &str = "SPECFORGE_CORPUS";

/// The entries compiled by default (CI), by file. Chosen to cover every family and
/// shape while keeping the crate's compile time to a few minutes on 2 cores:
///
/// | entry | family | format | size | why |
/// |---|---|---|---|---|
/// | `jupyter.org__jupyter_server__5.yaml` | 2.0 | yaml | small | Swagger 2.0 YAML |
/// | `microsoft.com__text-analytics__2.0.json` | 2.0 | json | small | Swagger 2.0 JSON |
/// | `giantswarm.io__main__v4/swagger.yaml` | 2.0 | yaml | medium | multi-file (`$ref`s to 3 siblings) |
/// | `quay.io__main__v1.json` | 2.0 | json | medium | Swagger 2.0, medium |
/// | `apis.guru__main__2.2.0.json` | 3.0 | json | small | 3.0 small |
/// | `hhs.gov__main__2.json` | 3.0 | json | medium | 3.0 medium |
/// | `telegram.org__main__5.0.0.json` | 3.0 | json | medium | many `oneOf`s |
/// | `ebay.com__sell-marketing__v1.15.0.json` | 3.0 | json | large | 3.0 large |
/// | `codat.io__banking__2.1.0.json` | 3.1 | json | small | 3.1 small |
/// | `scalar.com__galaxy__0.2.20.yaml` | 3.1 | yaml | small | 3.1 YAML |
/// | `listennotes.com__main__2.0.json` | 3.1 | json | medium | 3.1 medium |
/// | `adyen.com__ManagementService-v3__3.json` | 3.1 | json | large | 3.1 large |
/// | `amazonaws.com__elasticloadbalancingv2__2015-12-01.json` | 3.0 | json | medium | XML only: typed XML bodies, examples round-trip through XML |
pub const DEFAULT_SUBSET: &[&str] = &[
    "jupyter.org__jupyter_server__5.yaml",
    "microsoft.com__text-analytics__2.0.json",
    "giantswarm.io__main__v4/swagger.yaml",
    "quay.io__main__v1.json",
    "apis.guru__main__2.2.0.json",
    "hhs.gov__main__2.json",
    "telegram.org__main__5.0.0.json",
    "ebay.com__sell-marketing__v1.15.0.json",
    "codat.io__banking__2.1.0.json",
    "scalar.com__galaxy__0.2.20.yaml",
    "listennotes.com__main__2.0.json",
    "adyen.com__ManagementService-v3__3.json",
    "amazonaws.com__elasticloadbalancingv2__2015-12-01.json",
];

/// One line of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry document, relative to the corpus folder.
    pub file: String,
    /// `2.0`, `3.0` or `3.1`.
    pub family: String,
    /// `json` or `yaml`.
    pub format: String,
    /// `small`, `medium` or `large`.
    pub size_band: String,
    /// Size of the entry file in bytes.
    pub bytes: u64,
    /// Operations in the document, as counted by the manifest.
    pub operations: usize,
    /// Named schemas in the document, as counted by the manifest.
    pub schemas: usize,
}

impl Entry {
    /// The Rust module of this entry's client: the file name in snake_case
    /// (`giantswarm.io__main__v4/swagger.yaml` → `giantswarm_io_main_v4_swagger_yaml`).
    pub fn module(&self) -> String {
        module_name(&self.file)
    }

    /// The entry document's path.
    pub fn path(&self, corpus: &Path) -> PathBuf {
        corpus.join(&self.file)
    }
}

/// `a.b__C-d/e.yaml` → `a_b_c_d_e_yaml` (runs of other characters become one `_`).
pub fn module_name(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for c in file.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    match trimmed.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => trimmed.to_owned(),
        _ => format!("e_{trimmed}"),
    }
}

/// The corpus folder: `../shared/corpus` relative to the repository root
/// (`workspace` is the repository root).
pub fn corpus_dir(workspace: &Path) -> PathBuf {
    workspace.join("..").join("shared").join("corpus")
}

/// Reads and parses `manifest.tsv` of the corpus folder. A missing folder or
/// manifest, a missing column or a malformed number is an error (never an empty list).
pub fn read(corpus: &Path) -> Result<Vec<Entry>, String> {
    let path = corpus.join("manifest.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read the corpus manifest {}: {e} (the shared corpus must sit beside the repository, at ../shared/corpus)",
            path.display()
        )
    })?;
    parse(&text)
}

/// Parses the manifest text (header line, then one tab-separated line per entry).
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines.next().ok_or("empty manifest")?.split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("manifest has no `{name}` column"))
    };
    let (file, family, format, size_band, bytes, operations, schemas) = (
        column("file")?,
        column("family")?,
        column("format")?,
        column("size_band")?,
        column("bytes")?,
        column("operations")?,
        column("schemas")?,
    );
    let mut entries = Vec::new();
    for (n, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|c| c.trim().to_owned())
                .ok_or_else(|| format!("manifest line {}: too few columns", n + 2))
        };
        let number = |i: usize| -> Result<u64, String> {
            let text = cell(i)?;
            text.parse()
                .map_err(|e| format!("manifest line {}: `{text}`: {e}", n + 2))
        };
        entries.push(Entry {
            file: cell(file)?,
            family: cell(family)?,
            format: cell(format)?,
            size_band: cell(size_band)?,
            bytes: number(bytes)?,
            operations: usize::try_from(number(operations)?).map_err(|e| e.to_string())?,
            schemas: usize::try_from(number(schemas)?).map_err(|e| e.to_string())?,
        });
    }
    if entries.is_empty() {
        return Err("the corpus manifest lists no entries".to_owned());
    }
    Ok(entries)
}

/// The entries selected by the value of [`SELECTION_VAR`] (see there). An unknown
/// name in an explicit list is an error.
pub fn select(entries: &[Entry], selection: Option<&str>) -> Result<Vec<Entry>, String> {
    let selection = selection.map(str::trim).unwrap_or_default();
    if selection == "all" {
        return Ok(entries.to_vec());
    }
    let names: Vec<&str> = if selection.is_empty() {
        DEFAULT_SUBSET.to_vec()
    } else {
        selection
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut chosen = Vec::new();
    for name in names {
        let found = entries
            .iter()
            .find(|e| e.file == name || e.module() == name)
            .ok_or_else(|| format!("{SELECTION_VAR}: no corpus entry `{name}`"))?;
        if !chosen.contains(found) {
            chosen.push(found.clone());
        }
    }
    Ok(chosen)
}
