//! The real-world corpus (`../shared/corpus`), generated and compiled.
//!
//! `build.rs` generates the client of every selected manifest entry (the
//! [`manifest::DEFAULT_SUBSET`] by default, every entry with `SPECFORGE_CORPUS=all`)
//! and this crate compiles them all under `#![deny(warnings)]`: an entry whose client
//! does not compile, or compiles with a warning, fails the build. See `docs/corpus.md`.
//!
//! - [`clients`]: one module per compiled entry ([`manifest::Entry::module`]);
//! - [`round_trip`]: decode a schema example into its generated type and encode it back;
//!   [`compare`]: the JSON comparison after it (shared with `specforge-tests`);
//! - [`report`]: generation of every entry, measured, for `docs/corpus-report.md`.

#![deny(warnings)]

pub mod compare;
pub mod manifest;
pub mod report;
pub mod round_trip;
pub mod validate;

/// The generated clients, one module per compiled corpus entry.
#[allow(clippy::all, clippy::pedantic)]
pub mod clients {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

include!(concat!(env!("OUT_DIR"), "/compiled.rs"));

/// The corpus folder (`../shared/corpus` beside the repository).
pub fn corpus_dir() -> std::path::PathBuf {
    manifest::corpus_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}
