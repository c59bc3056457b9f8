//! The source map: from a JSON pointer of the bundled (and upgraded) document
//! back to a file, line and column.
//!
//! Nothing is indexed while loading. The first [`SourceMap::locate`] call on a
//! file scans that file once ([`super::json_index`] for JSON, a YAML event walk
//! in [`super::yaml_index`]) and keeps the pointer index; later calls are hash
//! look-ups. A run without diagnostics never pays for the index; GitHub's
//! 13 MB document indexes in about a tenth of a second.
//!
//! Bundling moves values between files: every place where a value from another
//! file was put into the bundled document is recorded as a *mount* (bundled
//! pointer → file and pointer there), and the longest mount that prefixes a
//! pointer decides the file. Upgrading a Swagger 2.0 document moves sections
//! (`definitions` → `components/schemas`, ...); those moves are undone here
//! before looking up. A pointer that is not indexed (it was created by the
//! upgrade, or reached through a YAML alias) is located at its nearest indexed
//! ancestor.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::SpecVersion;
use super::json_index;
use super::parse::Format;
use super::position_tree::Tree;
use super::yaml_index;
use crate::diagnostics::{Location, Pointer};

/// One source file with its (lazily built) pointer index.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub path: PathBuf,
    text: String,
    format: Format,
    index: OnceLock<Tree>,
}

impl SourceFile {
    pub(crate) fn new(path: PathBuf, text: String, format: Format) -> Self {
        Self {
            path,
            text,
            format,
            index: OnceLock::new(),
        }
    }

    /// Line and column of the value at `pointer` (RFC 6901 text), if indexed.
    fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        let tree = self.index.get_or_init(|| {
            let body = super::parse::strip_bom(&self.text);
            // A safety net around the third-party YAML event parser (our own
            // scanner does not panic): a panic there costs positions, never
            // the generation.
            std::panic::catch_unwind(|| match self.format {
                Format::Json => json_index::index(body),
                Format::Yaml => yaml_index::index(body),
            })
            .unwrap_or_default()
        });
        tree.find(pointer)
    }
}

/// Maps JSON pointers of the bundled document to places in source files.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    files: Vec<SourceFile>,
    /// Bundled pointer → (file index, pointer in that file).
    mounts: HashMap<String, (usize, String)>,
    /// Undo the Swagger 2.0 section moves of the upgrade.
    swagger: bool,
}

/// Sections that the Swagger 2.0 upgrade moves: (3.0 prefix, 2.0 prefix).
const SWAGGER_MOVES: [(&str, &str); 4] = [
    ("/components/schemas/", "/definitions/"),
    ("/components/parameters/", "/parameters/"),
    ("/components/responses/", "/responses/"),
    ("/components/securitySchemes/", "/securityDefinitions/"),
];

impl SourceMap {
    /// A map over the root file (index 0).
    pub(crate) fn new(root: SourceFile) -> Self {
        Self {
            files: vec![root],
            mounts: HashMap::new(),
            swagger: false,
        }
    }

    pub(crate) fn set_version(&mut self, version: SpecVersion) {
        self.swagger = version == SpecVersion::Swagger2;
    }

    /// Adds a file; returns its index.
    pub(crate) fn add_file(&mut self, file: SourceFile) -> usize {
        self.files.push(file);
        self.files.len() - 1
    }

    /// Records that the bundled value at `bundled` came from `pointer` in file `file`.
    pub(crate) fn mount(&mut self, bundled: String, file: usize, pointer: String) {
        self.mounts.insert(bundled, (file, pointer));
    }

    /// File, line and column of the value at `pointer`, when known.
    pub(crate) fn locate(&self, pointer: &Pointer) -> Option<Location> {
        let text = pointer.as_str();
        if self.swagger {
            for (new, old) in SWAGGER_MOVES {
                if let Some(rest) = text.strip_prefix(new) {
                    return self.nearest(&format!("{old}{rest}"));
                }
            }
        }
        self.nearest(text)
    }

    /// Looks `pointer` up; if absent, its nearest indexed ancestor.
    fn nearest(&self, pointer: &str) -> Option<Location> {
        let mut current = pointer;
        loop {
            let (file, inner) = self.resolve_mount(current);
            if let Some(source) = self.files.get(file)
                && let Some((line, column)) = source.position(&inner)
            {
                return Some(Location {
                    file: source.path.clone(),
                    line,
                    column,
                });
            }
            let cut = current.rfind('/')?;
            current = current.get(..cut)?;
        }
    }

    /// The file and in-file pointer for a bundled pointer (longest mount wins).
    fn resolve_mount(&self, pointer: &str) -> (usize, String) {
        let mut end = pointer.len();
        loop {
            let prefix = pointer.get(..end).unwrap_or_default();
            if let Some((file, inner)) = self.mounts.get(prefix) {
                let rest = pointer.get(end..).unwrap_or_default();
                return (*file, format!("{inner}{rest}"));
            }
            match prefix.rfind('/') {
                Some(cut) => end = cut,
                None => return (0, pointer.to_owned()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str, format: Format) -> SourceMap {
        SourceMap::new(SourceFile::new(
            PathBuf::from("api.json"),
            text.to_owned(),
            format,
        ))
    }

    #[test]
    fn json_lines_columns_and_ancestors() {
        let m = map(
            "{\n  \"paths\": {\n    \"/a\": {\"get\": {}}\n  }\n}\n",
            Format::Json,
        );
        let at = |p: &str| {
            m.locate(&Pointer::from_fragment(p))
                .map(|l| (l.line, l.column))
        };
        assert_eq!(at("#/paths"), Some((2, 3)));
        assert_eq!(at("#/paths/~1a/get"), Some((3, 12)));
        // Not in the file: the nearest ancestor.
        assert_eq!(at("#/paths/~1a/get/responses/200"), Some((3, 12)));
        assert_eq!(at(""), Some((1, 1)));
    }

    #[test]
    fn swagger_moves_are_undone() {
        let mut m = map(
            "swagger: '2.0'\ndefinitions:\n  Pet:\n    type: object\n",
            Format::Yaml,
        );
        m.set_version(SpecVersion::Swagger2);
        let loc = m.locate(&Pointer::from_fragment("#/components/schemas/Pet/type"));
        assert_eq!(loc.map(|l| (l.line, l.column)), Some((4, 5)));
    }

    #[test]
    fn mounts_send_pointers_to_other_files() {
        let mut m = map("{\"definitions\": {}}", Format::Json);
        let other = m.add_file(SourceFile::new(
            PathBuf::from("defs.yaml"),
            "Pet:\n  type: object\n".to_owned(),
            Format::Yaml,
        ));
        m.mount("/definitions/Pet".to_owned(), other, "/Pet".to_owned());
        let loc = m.locate(&Pointer::from_fragment("#/definitions/Pet/type"));
        assert_eq!(
            loc.map(|l| (l.file, l.line, l.column)),
            Some((PathBuf::from("defs.yaml"), 2, 3))
        );
    }
}
