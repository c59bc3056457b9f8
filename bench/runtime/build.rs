//! Generates the benchmark's client from `openapi.yaml` into `$OUT_DIR/bench_api.rs`,
//! exactly as a user's build script does.

fn main() {
    specforge_codegen::Builder::new("openapi.yaml")
        .generate_to_out_dir("bench_api.rs")
        .expect("generate the benchmark client");
}
