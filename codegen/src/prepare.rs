//! Load and upgrade only, for integration tests, fuzz targets and benchmarks
//! (re-exported hidden from the crate root; not a stable API): the first two steps
//! of the pipeline, driven from above both (`load` does not call `upgrade`).

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pointer};
use crate::load::SourceMap;
use crate::{GenerateError, Settings};

/// A document loaded, bundled and upgraded to the OpenAPI 3.0 shape.
pub struct Prepared {
    /// The upgraded document (`Value::Null` when loading failed).
    pub document: Value,
    /// Every diagnostic of load and upgrade, located where the source map can.
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent reading, parsing and bundling.
    pub load_time: Duration,
    /// Time spent upgrading.
    pub upgrade_time: Duration,
    sources: SourceMap,
}

impl Prepared {
    /// File, line and column of a pointer of the document.
    pub fn locate(&self, pointer: &Pointer) -> Option<Location> {
        self.sources.locate(pointer)
    }
}

/// Loads `settings.spec` and upgrades it; stops after load when load found errors.
pub fn prepare(settings: &Settings) -> Result<Prepared, GenerateError> {
    let mut diags = Diagnostics::default();
    let start = Instant::now();
    let loaded = crate::load::load(settings, &mut diags)?;
    let load_time = start.elapsed();
    let start = Instant::now();
    let document = if diags.has_errors() {
        loaded.document
    } else {
        crate::upgrade::upgrade(loaded.document, loaded.version, &mut diags)
    };
    let upgrade_time = start.elapsed();
    let sources = loaded.sources;
    let mut diagnostics = diags.into_vec();
    for d in &mut diagnostics {
        if d.location.is_none() {
            d.location = sources.locate(&d.pointer);
        }
    }
    Ok(Prepared {
        document,
        diagnostics,
        load_time,
        upgrade_time,
        sources,
    })
}

/// Upgrades an in-memory document (version detected as [`prepare`] does);
/// for fuzzing and tests.
pub fn upgrade_value(document: Value) -> (Value, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let path = std::path::Path::new("<memory>");
    let upgraded = match crate::load::detect_version(&document, path, &mut diags) {
        Some(version) => crate::upgrade::upgrade(document, version, &mut diags),
        None => document,
    };
    (upgraded, diags.into_vec())
}
