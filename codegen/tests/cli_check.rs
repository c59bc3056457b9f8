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

#[test]
fn check_prints_a_snippet_with_a_caret_at_the_error() {
    let dir = scratch("check-snippet");
    std::fs::write(dir.join("broken.json"), BROKEN).unwrap();
    let out = specforge(&dir, &["check", "broken.json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("error[SF0001]: "), "{stdout}");
    assert_eq!(lines[1], " --> broken.json:3:25", "{stdout}");
    // The source line, then the caret under column 25 (the `"version"` key).
    let source = lines
        .iter()
        .position(|l| l.ends_with("  \"info\": {\"title\": \"x\" \"version\": \"1\"},"))
        .unwrap();
    let at = lines[source].find("\"version\"").unwrap();
    assert_eq!(lines[source + 1].find('^'), Some(at), "{stdout}");
    assert!(stdout.contains("= help: "), "{stdout}");
    // Not a terminal: no colour.
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_message_format_json_prints_one_object_per_diagnostic_on_stdout() {
    let dir = scratch("check-json");
    std::fs::write(dir.join("broken.json"), BROKEN).unwrap();
    let out = specforge(&dir, &["check", "broken.json", "--message-format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 1, "{stdout}");
    let d = &objects[0];
    assert_eq!(d["code"], "SF0001");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "broken.json");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 25);
    assert_eq!(d["pointer"], "#");
    assert!(d["message"].as_str().unwrap().contains("not valid JSON"));
    assert!(d["help"].is_string());
    let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code", "severity", "message", "file", "line", "column", "pointer", "help"
        ]
    );
    // The summary goes to stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json: 1 errors"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_and_generate_json_give_warnings_with_their_pointer() {
    let dir = scratch("check-json-warning");
    // SF3202: `x` is declared in path but the template has no `{x}`.
    std::fs::write(
        dir.join("api.yaml"),
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: x\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '204':\n          description: ok\n",
    )
    .unwrap();
    let check = specforge(&dir, &["check", "api.yaml", "--message-format=json"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let generate = specforge(
        &dir,
        &[
            "generate",
            "api.yaml",
            "--out",
            "client",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(generate.status.code(), Some(0), "{}", text(&generate));
    for out in [&check, &generate] {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let objects: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objects.len(), 1, "{stdout}");
        assert_eq!(objects[0]["code"], "SF3202");
        assert_eq!(objects[0]["severity"], "warning");
        assert_eq!(objects[0]["file"], "api.yaml");
        assert!(objects[0]["line"].as_u64().unwrap() >= 8, "{stdout}");
        assert!(
            objects[0]["pointer"]
                .as_str()
                .unwrap()
                .starts_with("#/paths/~1a/get/parameters"),
            "{stdout}"
        );
    }
    // generate's report of written files goes to stderr with json.
    assert!(String::from_utf8_lossy(&generate.stderr).contains("wrote crate"));
    std::fs::remove_dir_all(&dir).unwrap();
}
