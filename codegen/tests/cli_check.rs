//! `specforge check`: diagnostics with file:line:column, exit 1 on errors, 0 otherwise.

mod cli_common;

use cli_common::{BROKEN, PETSTORE, scratch, specforge, text};

#[test]
fn check_valid_document_exits_0_with_a_summary() {
    let dir = scratch("check-valid");
    std::fs::write(dir.join("openapi.json"), PETSTORE).unwrap();
    let out = specforge(&dir, &["check", "openapi.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("openapi.json: 0 errors"),
        "{}",
        text(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_invalid_document_exits_1_and_points_at_the_line() {
    let dir = scratch("check-invalid");
    std::fs::write(dir.join("broken.json"), BROKEN).unwrap();
    let out = specforge(&dir, &["check", "broken.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let output = text(&out);
    // The syntax error is on line 3 (`"x" "version"`: a missing comma).
    assert!(output.contains("broken.json:3:"), "{output}");
    assert!(output.contains("error["), "{output}");
    assert!(output.contains("broken.json: 1 errors"), "{output}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_missing_file_exits_1_and_names_it() {
    let dir = scratch("check-missing");
    let out = specforge(&dir, &["check", "nope.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("nope.yaml"), "{}", text(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}
