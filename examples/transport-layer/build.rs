//! Generates the pet store client from the repository's
//! `fixtures/petstore/openapi.yaml` into `$OUT_DIR/petstore.rs`.

fn main() {
    specforge_codegen::Builder::new("../../fixtures/petstore/openapi.yaml")
        .generate_to_out_dir("petstore.rs")
        .expect("generate the pet store client");
}
