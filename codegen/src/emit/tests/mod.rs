//! Tests of the emitter on hand-built models: goldens (rewritten only with
//! `SPECFORGE_BLESS=1`, compiled by `codegen/tests/emit_compiles.rs`),
//! determinism, hostile names and docs.

mod build;
mod golden;
mod hostile;
mod petstore;
mod timing;
