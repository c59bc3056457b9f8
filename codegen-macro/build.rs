//! Build script of `specforge-macro`: it exists so that the macro has an `OUT_DIR`,
//! a folder Cargo keeps with the macro's build output, where `generate!` keeps its
//! expansion cache (src/cache.rs). It writes nothing itself.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
}
