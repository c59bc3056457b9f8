//! CLI crate mode: write a standalone client crate (Cargo.toml, src/lib.rs, README.md).
