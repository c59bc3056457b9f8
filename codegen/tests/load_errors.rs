//! Bad input: one clear error naming the file, line and column, with advice;
//! never a panic.

use std::path::PathBuf;

use specforge_codegen::{Settings, Severity, prepare};

fn scratch_file(name: &str, content: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("load_errors");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write file");
    path
}

/// (code, severity, line, column, message) of the only diagnostic.
fn only(name: &str, content: &str) -> (&'static str, Severity, Option<(usize, usize)>, String) {
    let path = scratch_file(name, content.as_bytes());
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    assert_eq!(prepared.diagnostics.len(), 1, "{:?}", prepared.diagnostics);
    let d = &prepared.diagnostics[0];
    assert!(d.help.is_some(), "{d}");
    if let Some(loc) = &d.location {
        assert_eq!(loc.file, path);
    }
    (
        d.code,
        d.severity,
        d.location.as_ref().map(|l| (l.line, l.column)),
        d.message.clone(),
    )
}

#[test]
fn unreadable_file_is_an_io_error_naming_it() {
    let err = prepare(&Settings::new("/nonexistent/dir/api.yaml"))
        .err()
        .expect("fails");
    assert!(
        err.to_string().contains("/nonexistent/dir/api.yaml"),
        "{err}"
    );
}

#[test]
fn invalid_json_names_line_and_column() {
    let (code, severity, at, message) = only(
        "bad.json",
        "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {,}\n}",
    );
    assert_eq!(
        (code, severity, at),
        ("SF0001", Severity::Error, Some((3, 12)))
    );
    assert!(
        message.contains("bad.json") && message.contains("not valid JSON"),
        "{message}"
    );
}

#[test]
fn invalid_yaml_names_line_and_column() {
    let (code, _, at, message) = only("bad.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n");
    assert_eq!(code, "SF0002");
    assert!(at.is_some_and(|(line, _)| line >= 3), "{at:?}");
    assert!(message.contains("bad.yaml"), "{message}");
}

#[test]
fn the_format_is_sniffed_not_taken_from_the_extension() {
    let path = scratch_file(
        "yaml-in-disguise.json",
        b"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
    );
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    assert!(
        prepared.diagnostics.is_empty(),
        "{:?}",
        prepared.diagnostics
    );
    let path = scratch_file(
        "json-in-disguise.yaml",
        b"\xEF\xBB\xBF {\"openapi\": \"3.0.3\", \"paths\": {}}",
    );
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    assert!(
        prepared.diagnostics.is_empty(),
        "{:?}",
        prepared.diagnostics
    );
}

#[test]
fn not_an_object() {
    assert_eq!(only("list.yaml", "- a\n- b\n").0, "SF0004");
    assert_eq!(only("empty.yaml", "").0, "SF0004");
    assert_eq!(only("scalar.json", "42").0, "SF0004");
}

#[test]
fn not_openapi() {
    let (code, _, at, _) = only("other.yaml", "name: my-chart\nversion: 1.0\n");
    assert_eq!((code, at), ("SF0005", Some((1, 1))));
}

#[test]
fn unsupported_versions() {
    let (code, _, at, message) = only(
        "old.json",
        "{\"swaggerVersion\": \"1.2\", \"swagger\": \"1.2\"}",
    );
    assert_eq!((code, at), ("SF0006", Some((1, 27))));
    assert!(message.contains("1.2"), "{message}");
    assert_eq!(only("four.yaml", "openapi: 4.0.0\n").0, "SF0006");
    assert_eq!(only("two.yaml", "openapi: 2.0\n").0, "SF0006");
}

#[test]
fn openapi_32_is_read_as_31_with_a_warning() {
    let (code, severity, at, _) = only(
        "new.yaml",
        "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    );
    assert_eq!(
        (code, severity, at),
        ("SF0007", Severity::Warning, Some((1, 1)))
    );
}

#[test]
fn yaml_numbers_as_versions_are_accepted() {
    let path = scratch_file(
        "numeric.yaml",
        b"swagger: 2.0\ninfo: {title: t, version: 1}\npaths: {}\n",
    );
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    assert!(
        prepared.diagnostics.is_empty(),
        "{:?}",
        prepared.diagnostics
    );
    assert_eq!(prepared.document["openapi"], "3.0.3");
}

#[test]
fn not_utf8() {
    let path = scratch_file("latin1.yaml", b"openapi: 3.0.0\ninfo:\n  title: caf\xE9\n");
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    let d = &prepared.diagnostics[0];
    assert_eq!(d.code, "SF0008");
    assert_eq!(
        d.location.as_ref().map(|l| (l.line, l.column)),
        Some((3, 13))
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 100_000;
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(only("deep.json", &json).0, "SF0003");
    let json = format!(
        "{{\"openapi\": \"3.0.0\", \"x\": {}1{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    assert_eq!(only("deep-object.json", &json).0, "SF0003");
    let yaml = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(only("deep-flow.yaml", &yaml).0, "SF0003");
    let mut block = String::from("openapi: 3.0.0\nx:\n");
    for level in 1..3000 {
        block.push_str(&" ".repeat(level));
        block.push_str("a:\n");
    }
    assert_eq!(only("deep-block.yaml", &block).0, "SF0003");
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut yaml = String::from("openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        yaml.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = name;
    }
    let (code, ..) = only("bomb.yaml", &yaml);
    assert_eq!(code, "SF0002");
}

#[test]
fn duplicate_yaml_keys_warn_and_the_last_wins() {
    let path = scratch_file(
        "dup.yaml",
        b"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\npaths:\n  /a: {}\n",
    );
    let prepared = prepare(&Settings::new(&path)).expect("readable");
    let found: Vec<_> = prepared
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(found, vec![("SF0009", Severity::Warning)]);
    assert!(prepared.document["paths"]["/a"].is_object());
}

/// Truncated and byte-flipped corpus documents: load never panics, every
/// diagnostic has help, and locating any pointer never panics.
#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn damaged_documents_never_panic() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    let mut seed: u64 = 0x1234_5678;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n.max(1)
    };
    for (file, ext) in [
        ("instagram.com__main__1.0.0.yaml", "yaml"),
        ("quickchart.io__main__1.0.0.json", "json"),
    ] {
        let original = std::fs::read(corpus.join(file)).expect("corpus file");
        for round in 0..40 {
            let mut bytes = original.clone();
            if round % 2 == 0 {
                bytes.truncate(next(original.len()));
            } else {
                for _ in 0..1 + next(8) {
                    let at = next(bytes.len());
                    let replacement = b"{}[]:,-\"' \n\t&*!|>#%@`\\\xC3"[next(23)];
                    if let Some(b) = bytes.get_mut(at) {
                        *b = replacement;
                    }
                }
            }
            let path = scratch_file(&format!("damaged-{round}.{ext}"), &bytes);
            let prepared = prepare(&Settings::new(&path)).expect("readable");
            for d in &prepared.diagnostics {
                assert!(d.help.is_some(), "{d}");
            }
            for pointer in [
                "",
                "/paths",
                "/paths/~1x/get/responses/200",
                "/components/schemas/A/properties/b/0",
                "/a~/b~2",
            ] {
                let _ = prepared.locate(&specforge_codegen::Pointer::from_fragment(pointer));
            }
        }
    }
}
