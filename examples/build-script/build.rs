//! Generates the pet store client into `$OUT_DIR/api.rs`. The path is relative
//! to this crate's directory; editing `openapi.yaml` reruns this script, and
//! warnings about the document appear as `cargo:warning=` lines.

fn main() {
    specforge_codegen::Builder::new("openapi.yaml")
        .generate_to_out_dir("api.rs")
        .expect("generate client");
}
