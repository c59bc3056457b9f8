//! Shared helpers of the fuzz targets: the loader reads files, so each input is
//! written to a per-process scratch file first, in a directory of its own (a
//! relative `$ref` in an input resolves next to it and finds nothing).
//!
//! The targets only assert what must always hold: no panic, no stack overflow,
//! no hang (libFuzzer's `-timeout`), and, for the whole pipeline, that the
//! generated code always parses (an `SF9001` internal error is a bug).

use std::path::PathBuf;

use specforge_codegen::Settings;

/// Writes `data` to this process's scratch spec file and returns settings for it.
/// `None` when the scratch file cannot be written (nothing to test then).
pub fn settings_for(data: &[u8]) -> Option<Settings> {
    let dir = std::env::temp_dir().join(format!("specforge-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let spec: PathBuf = dir.join("spec");
    std::fs::write(&spec, data).ok()?;
    Some(Settings::new(spec))
}

/// `data` as a JSON value, when it is one (the in-memory targets skip the rest:
/// the `load` target covers bytes that are not JSON).
pub fn json(data: &[u8]) -> Option<serde_json::Value> {
    serde_json::from_slice(data).ok()
}
