//! Loading: read the spec file (JSON or YAML, sniffed from the content), bundle
//! relative-file `$ref`s into one document, detect the OpenAPI version, and keep
//! a source map from JSON pointers back to file, line and column.

use crate::diagnostics::{Diagnostics, Location, Pointer};
use crate::{GenerateError, Settings};

/// Which dialect the document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
    /// 3.2 and later 3.x: read as 3.1, with a diagnostic.
    OpenApi32,
}

/// A loaded (bundled) document.
pub(crate) struct Loaded {
    pub document: serde_json::Value,
    pub version: SpecVersion,
    pub sources: SourceMap,
}

/// Maps JSON pointers of the bundled document to places in source files.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {}

impl SourceMap {
    /// File, line and column of the value at `pointer`, when known.
    pub(crate) fn locate(&self, _pointer: &Pointer) -> Option<Location> {
        None
    }
}

/// Reads `settings.spec` and everything it references. Errors that make the
/// document unusable (unreadable file, bad syntax, not OpenAPI, unsupported
/// version) are pushed to `diags` as errors, or returned as `GenerateError::Io`.
pub(crate) fn load(settings: &Settings, diags: &mut Diagnostics) -> Result<Loaded, GenerateError> {
    let text = std::fs::read_to_string(&settings.spec).map_err(|source| GenerateError::Io {
        path: settings.spec.clone(),
        source,
    })?;
    let document: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(crate::Diagnostic::error("SF0001", Pointer::root(), e.to_string()));
            serde_json::Value::Null
        }
    };
    Ok(Loaded {
        document,
        version: SpecVersion::OpenApi30,
        sources: SourceMap::default(),
    })
}
