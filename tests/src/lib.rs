//! specforge's integration tests, and every golden client compiled.
//!
//! `build.rs` includes each `fixtures/<case>/expected.rs` as `pub mod <case>`
//! (e.g. [`petstore`] when its golden exists), plus `nested::api` (petstore inside a
//! module), all under `#![deny(warnings)]`: the generated code of every fixture must
//! compile warning-free, at the crate root and one module down. CI also runs clippy on
//! this crate with `-D warnings`.
//!
//! The helpers the test files share live here too: [`fixtures`] (finding the cases) and
//! [`round_trip`] (decode an example into a generated type and encode it back).

#![deny(warnings)]

pub mod fixtures;
pub mod round_trip;

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
