//! Shared helpers of the fuzz targets: the loader reads files, so each input is
//! written to a per-process scratch file first, in a directory of its own (a
//! relative `$ref` in an input resolves next to it and finds nothing), except
//! `other.yaml`: an input holding a line `#@@ other.yaml` is split there, and the
//! text after it is that second file (so seeds can hold multi-file `$ref` bombs).
//!
//! The targets only assert what must always hold: no panic, no stack overflow,
//! no hang (libFuzzer's `-timeout`), and, for the whole pipeline, that the
//! generated code always parses (an `SF9001` internal error is a bug).

use std::path::PathBuf;

use specforge_codegen::Settings;

/// The line that starts the second file of an input.
const SECOND_FILE: &[u8] = b"\n#@@ other.yaml\n";

/// Writes `data` to this process's scratch spec file (and the part after a
/// `#@@ other.yaml` line to `other.yaml` beside it, else an empty `other.yaml`)
/// and returns settings for it. `None` when the scratch files cannot be written
/// (nothing to test then).
pub fn settings_for(data: &[u8]) -> Option<Settings> {
    let dir = std::env::temp_dir().join(format!("specforge-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let split = data
        .windows(SECOND_FILE.len())
        .position(|window| window == SECOND_FILE);
    let (spec_text, other) = match split {
        Some(at) => (&data[..at], &data[at + SECOND_FILE.len()..]),
        None => (data, &b""[..]),
    };
    let spec: PathBuf = dir.join("spec");
    std::fs::write(&spec, spec_text).ok()?;
    std::fs::write(dir.join("other.yaml"), other).ok()?;
    Some(Settings::new(spec))
}

/// `data` as a JSON value, when it is one (the in-memory targets skip the rest:
/// the `load` target covers bytes that are not JSON).
pub fn json(data: &[u8]) -> Option<serde_json::Value> {
    serde_json::from_slice(data).ok()
}
