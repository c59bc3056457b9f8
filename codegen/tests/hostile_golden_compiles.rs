//! The client generated from the hostile-names document (`hostile_names.rs`
//! writes `hostile_golden/names.rs`) compiled against the real runtime under
//! `#![deny(warnings)]` (and clippy with `cargo clippy --all-targets`).
//!
//! Run: `cargo test -p specforge-codegen --test hostile_golden_compiles`.

#![deny(warnings)]

// Known gap (see `hostile_names::type_names_are_upper_camel_case`): operationId
// `self` gives `Self_Error`, which warns `non_camel_case_types`; allowed here
// only so the rest of the golden is still held to `deny(warnings)`. Same for
// clippy's `doc_overindented_list_items`: a fence inside a numbered list item
// in a parameter description is mangled (see
// `hostile_names::hostile_docs_have_no_runnable_code_blocks`).
#[allow(non_camel_case_types)]
#[allow(clippy::doc_overindented_list_items)]
pub mod names {
    include!("hostile_golden/names.rs");
}

#[test]
fn hostile_client_builds() {
    let client = names::Client::new("https://api.example.test");
    assert!(client.is_ok(), "{:?}", client.err());
}
