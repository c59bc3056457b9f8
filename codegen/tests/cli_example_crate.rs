//! `examples/cli-crate` is the checked-in output of `specforge generate` on
//! its `openapi.yaml`: regenerating must give the same files. After a change
//! to the generator, rewrite it with
//! `SPECFORGE_BLESS=1 cargo test -p specforge-codegen --test cli_example_crate`
//! and review the diff.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{scratch, specforge, text};

const FILES: &[&str] = &["Cargo.toml", "README.md", "src/lib.rs"];

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/cli-crate")
}

/// The exact command that produced the checked-in crate (run in `examples/`).
fn generate_into(dir: &Path, out: &str) -> std::process::Output {
    specforge(
        dir,
        &[
            "generate",
            "cli-crate/openapi.yaml",
            "--out",
            out,
            "--name",
            "example-cli-crate",
            "--runtime-path",
            "../../runtime",
        ],
    )
}

#[test]
fn checked_in_cli_crate_matches_a_fresh_generation() {
    let examples = example_dir().join("..");
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        let out = generate_into(&examples, "cli-crate");
        assert!(out.status.success(), "{}", text(&out));
        return;
    }
    let scratch = scratch("example-crate");
    std::fs::create_dir_all(scratch.join("cli-crate")).unwrap();
    std::fs::copy(
        example_dir().join("openapi.yaml"),
        scratch.join("cli-crate/openapi.yaml"),
    )
    .unwrap();
    let out = generate_into(&scratch, "fresh");
    assert!(out.status.success(), "{}", text(&out));
    for file in FILES {
        let fresh = std::fs::read_to_string(scratch.join("fresh").join(file)).unwrap();
        let checked_in = std::fs::read_to_string(example_dir().join(file)).unwrap_or_default();
        assert!(
            fresh == checked_in,
            "examples/cli-crate/{file} is out of date; rerun with SPECFORGE_BLESS=1 \
             (cargo test -p specforge-codegen --test cli_example_crate) and review the diff"
        );
    }
    std::fs::remove_dir_all(&scratch).unwrap();
}
