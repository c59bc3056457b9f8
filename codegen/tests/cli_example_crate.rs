//! `examples/cli-crate` and `examples/tag-features` are the checked-in output of
//! `specforge generate` on their `openapi.yaml`: regenerating must give the same files. After a change
//! to the generator, rewrite it with
//! `SPECFORGE_BLESS=1 cargo test -p specforge-codegen --test cli_example_crate`
//! and review the diff.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{scratch, specforge, text};

const FILES: &[&str] = &["Cargo.toml", "README.md", "src/lib.rs"];

/// The checked-in crates: `(folder under examples/, package name)`.
const EXAMPLES: &[(&str, &str)] = &[
    ("cli-crate", "example-cli-crate"),
    // Tags become Cargo features; `.ci/run` checks it with each feature alone.
    ("tag-features", "example-tag-features"),
];

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// The exact command that produced a checked-in crate (run in `examples/`).
fn generate_into(dir: &Path, folder: &str, name: &str, out: &str) -> std::process::Output {
    let spec = format!("{folder}/openapi.yaml");
    specforge(
        dir,
        &[
            "generate",
            &spec,
            "--out",
            out,
            "--name",
            name,
            "--runtime-path",
            "../../runtime",
        ],
    )
}

#[test]
fn checked_in_cli_crates_match_a_fresh_generation() {
    for (folder, name) in EXAMPLES {
        check_example(folder, name);
    }
}

fn check_example(folder: &str, name: &str) {
    let examples = examples_dir();
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        let out = generate_into(&examples, folder, name, folder);
        assert!(out.status.success(), "{}", text(&out));
        return;
    }
    let scratch = scratch(&format!("example-crate-{folder}"));
    std::fs::create_dir_all(scratch.join(folder)).unwrap();
    std::fs::copy(
        examples.join(folder).join("openapi.yaml"),
        scratch.join(folder).join("openapi.yaml"),
    )
    .unwrap();
    // The same layout as in examples/ (the crate beside its document), since the README's
    // regenerate command names the document relative to the crate.
    let out = generate_into(&scratch, folder, name, folder);
    assert!(out.status.success(), "{}", text(&out));
    for file in FILES {
        let fresh = std::fs::read_to_string(scratch.join(folder).join(file)).unwrap();
        let checked_in =
            std::fs::read_to_string(examples.join(folder).join(file)).unwrap_or_default();
        assert!(
            fresh == checked_in,
            "examples/{folder}/{file} is out of date; rerun with SPECFORGE_BLESS=1 \
             (cargo test -p specforge-codegen --test cli_example_crate) and review the diff"
        );
    }
    std::fs::remove_dir_all(&scratch).unwrap();
}
