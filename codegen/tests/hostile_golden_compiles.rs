//! The client generated from the hostile-names document (`hostile_names.rs`
//! writes `hostile_golden/names.rs`) compiled against the real runtime under
//! `#![deny(warnings)]` (and clippy with `cargo clippy --all-targets`).
//!
//! Run: `cargo test -p specforge-codegen --test hostile_golden_compiles`.

#![deny(warnings)]

pub mod names {
    include!("hostile_golden/names.rs");
}

#[test]
fn hostile_client_builds() {
    let client = names::Client::new("https://api.example.test");
    assert!(client.is_ok(), "{:?}", client.err());
}
