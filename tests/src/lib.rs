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
//!
//! Outside this crate, as for a user of a crate written by `specforge generate`,
//! generated object types are `#[non_exhaustive]`: they are built with `new` and the
//! `with_*` setters (docs/generated-code.md, "Building values"),
//!
//! ```
//! # #[cfg(fixture = "petstore")] {
//! let pet = specforge_tests::petstore::types::Pet::new(1, "Rex").with_tag("dog");
//! assert_eq!(pet.name, "Rex");
//! # }
//! ```
//!
//! and not with a struct literal, so a property the API adds later breaks no caller:
//!
//! ```compile_fail,E0639
//! let pet = specforge_tests::petstore::types::Pet { id: 1, name: "Rex".into(), tag: None };
//! ```

#![deny(warnings)]

pub mod fixtures;
pub mod round_trip;

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
