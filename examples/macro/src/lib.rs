//! A client generated at compile time by `specforge::generate!` from
//! `openapi.yaml` (relative to this crate's directory), inside `pub mod petstore`.
//! Editing the document rebuilds the crate. The macro cannot show warnings about
//! the document: run `specforge check openapi.yaml` to see them.

specforge::generate!(spec = "openapi.yaml", module = petstore);
