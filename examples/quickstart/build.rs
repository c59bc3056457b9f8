//! Generates the pet store client from the bundled `petstore.yaml` (the
//! classic OpenAPI 3.0 sample) into `$OUT_DIR/petstore.rs`.

fn main() {
    specforge_codegen::Builder::new("petstore.yaml")
        .generate_to_out_dir("petstore.rs")
        .expect("generate the pet store client");
}
