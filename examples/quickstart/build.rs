//! Generates the pet store client from the repository's
//! `fixtures/petstore/openapi.yaml` (the classic OpenAPI 3.0 sample) into
//! `$OUT_DIR/petstore.rs`, with typed mocks for the unit tests (setting `mock`; the
//! crate declares the `mock` feature it is gated on).

fn main() {
    specforge_codegen::Builder::new("../../fixtures/petstore/openapi.yaml")
        .mock(true)
        .generate_to_out_dir("petstore.rs")
        .expect("generate the pet store client");
}
