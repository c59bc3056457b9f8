//! `specforge generate --check`: exit 0 when the crate on disk is what the document
//! generates, 4 with the differing files when it is not; it never writes.

mod cli_common;

use cli_common::{PETSTORE, scratch, specforge, text};

const GENERATE: [&str; 6] = [
    "generate",
    "openapi.json",
    "--out",
    "petstore",
    "--runtime-path",
    "../../runtime",
];

fn check(dir: &std::path::Path) -> std::process::Output {
    let mut args = GENERATE.to_vec();
    args.push("--check");
    specforge(dir, &args)
}

#[test]
fn a_fresh_crate_passes_the_check() {
    let dir = scratch("generate-check-fresh");
    std::fs::write(dir.join("openapi.json"), PETSTORE).unwrap();
    let out = specforge(&dir, &GENERATE);
    assert!(out.status.success(), "{}", text(&out));

    let out = check(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("petstore: up to date"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_stale_crate_fails_the_check_and_is_left_alone() {
    let dir = scratch("generate-check-stale");
    std::fs::write(dir.join("openapi.json"), PETSTORE).unwrap();
    let out = specforge(&dir, &GENERATE);
    assert!(out.status.success(), "{}", text(&out));
    let lib = dir.join("petstore/src/lib.rs");
    let edited = std::fs::read_to_string(&lib).unwrap() + "\n// edited\n";
    std::fs::write(&lib, &edited).unwrap();
    std::fs::remove_file(dir.join("petstore/README.md")).unwrap();

    let out = check(&dir);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out));
    let report = text(&out);
    assert!(report.contains("differs   src/lib.rs"), "{report}");
    assert!(report.contains("differs   README.md"), "{report}");
    assert!(!report.contains("differs   Cargo.toml"), "{report}");
    // Nothing was written.
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), edited);
    assert!(!dir.join("petstore/README.md").exists());
}

#[test]
fn a_missing_crate_fails_the_check_without_creating_it() {
    let dir = scratch("generate-check-missing");
    std::fs::write(dir.join("openapi.json"), PETSTORE).unwrap();
    let out = check(&dir);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out));
    assert!(
        text(&out).contains("differs   Cargo.toml"),
        "{}",
        text(&out)
    );
    assert!(!dir.join("petstore").exists());
}
