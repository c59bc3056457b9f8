//! Build script of `specforge-codegen`: computes `SPECFORGE_CODEGEN_FINGERPRINT`,
//! a hash of this crate's own sources (`src/`, `Cargo.toml`) and version.
//!
//! The `generate!` macro keys its expansion cache on it (codegen-macro/src/cache.rs),
//! so a cached expansion is never reused by a generator whose code differs, even when
//! the version number is the same (path and git dependencies, local edits).
//!
//! It also sets `cfg(has_corpus)` when the shared real-world corpus sits beside the
//! repository (`../shared/corpus/manifest.tsv`). The library never reads the corpus; only
//! this crate's corpus tests do, and without the corpus they are `#[ignore]`d with a reason
//! (listed as ignored, never counted as passed). CI's demand for the corpus
//! (`SPECFORGE_REQUIRE_SHARED=1`) is checked by a test at run time, not here: an
//! environment variable read by a build script would rebuild this crate and everything
//! after it whenever its value changes. See `docs/corpus.md`.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = vec![manifest_dir.join("Cargo.toml")];
    collect_files(&manifest_dir.join("src"), &mut files);
    files.sort();
    // DefaultHasher::new() uses fixed keys: the same sources give the same fingerprint.
    let mut hasher = DefaultHasher::new();
    hasher.write(
        std::env::var("CARGO_PKG_VERSION")
            .unwrap_or_default()
            .as_bytes(),
    );
    for file in &files {
        let relative = file.strip_prefix(&manifest_dir).unwrap_or(file);
        hasher.write(relative.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo::rustc-env=SPECFORGE_CODEGEN_FINGERPRINT={:016x}",
        hasher.finish()
    );
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.toml");
    probe_corpus(&manifest_dir);
}

/// `cfg(has_corpus)` when `../shared/corpus/manifest.tsv` exists beside the repository.
fn probe_corpus(manifest_dir: &Path) {
    println!("cargo::rustc-check-cfg=cfg(has_corpus)");
    let manifest = manifest_dir.join("../../shared/corpus/manifest.tsv");
    if manifest.is_file() {
        println!("cargo::rustc-cfg=has_corpus");
        // Removing the corpus reruns this script (a missing file is always stale).
        println!("cargo::rerun-if-changed={}", manifest.display());
    } else {
        // Watching the missing file would rerun this script on every build; after
        // adding the corpus, `touch codegen/build.rs` (docs/corpus.md).
        println!("cargo::rerun-if-changed=build.rs");
    }
}

/// Every file under `dir`, recursively (unreadable entries are skipped).
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files);
        } else {
            files.push(path);
        }
    }
}
