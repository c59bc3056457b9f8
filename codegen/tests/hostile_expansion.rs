//! Documents that cost far more to read than their size, and numbers the YAML
//! reader used to refuse: a `$ref` bomb through an external file (cut by the
//! inlining budget, SF0018); YAML flow collections nested 100,000 deep (refused
//! with SF0003 at the first level too deep, before the YAML parser, whose time
//! grows with depth × tokens); a 29-digit integer, read from YAML as from JSON.
//!
//! No timing is asserted here (the deadline only catches hangs); the time and
//! memory of each case are measured by `bench/hostile.sh` (docs/fuzzing.md).

mod hostile_common;

use std::fmt::Write as _;
use std::time::Duration;

use hostile_common::{bounded, write_spec};
use specforge_codegen::{Diagnostic, GenerateError, Settings, generate};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// Generated code (if any) and the diagnostics.
fn run(entry: &std::path::Path) -> (Option<String>, Vec<Diagnostic>) {
    let path = entry.to_path_buf();
    bounded(
        "hostile expansion",
        Duration::from_secs(120),
        move || match generate(&Settings::new(path)) {
            Ok(generated) => (Some(generated.code), generated.diagnostics),
            Err(GenerateError::Invalid(diagnostics)) => (None, diagnostics),
            Err(other) => panic!("{other}"),
        },
    )
}

/// `levels` levels `l0` … in one file, each referring `fan_out` times to the next;
/// the last is a leaf.
fn bomb_file(levels: usize, fan_out: usize) -> String {
    let mut text = String::new();
    for level in 0..levels {
        let refs: Vec<String> = (0..fan_out)
            .map(|k| format!("k{k}: {{$ref: '#/l{}'}}", level + 1))
            .collect();
        let _ = writeln!(text, "l{level}: {{{}}}", refs.join(", "));
    }
    let _ = writeln!(text, "l{levels}: {{description: leaf}}");
    text
}

/// An entry document whose path `/bomb` is the bomb's first level, beside an
/// ordinary operation; the bomb file is written next to it.
fn bomb_document(levels: usize, fan_out: usize) -> std::path::PathBuf {
    let entry = format!(
        "{HEAD}paths:\n  /bomb: {{$ref: 'bomb.yaml#/l0'}}\n  /pets:\n    get:\n      operationId: listPets\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let path = write_spec("openapi.yaml", entry.as_bytes());
    let folder = path.parent().expect("scratch folder");
    std::fs::write(folder.join("bomb.yaml"), bomb_file(levels, fan_out)).expect("write bomb");
    path
}

#[test]
fn a_ref_bomb_through_an_external_file_is_cut_with_sf0018() {
    // Nine levels of ten: 10^9 leaves if every ref were inlined.
    let (code, diagnostics) = run(&bomb_document(9, 10));
    let budget: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "SF0018").collect();
    assert_eq!(
        budget.len(),
        1,
        "one SF0018, at the first cut:\n{diagnostics:#?}"
    );
    let location = budget[0].location.as_ref().expect("SF0018 has a location");
    assert!(
        location.file.ends_with("bomb.yaml") && location.line > 1,
        "SF0018 points into the bomb file: {location:?}"
    );
    assert!(
        budget[0]
            .pointer
            .to_string()
            .starts_with("#/paths/~1bomb/k"),
        "SF0018 names the ref site: {}",
        budget[0].pointer
    );
    assert!(budget[0].help.is_some(), "SF0018 says what to do");
    let code = code.expect("the budget is a warning: the rest of the document generates");
    assert!(
        code.contains("fn list_pets"),
        "the ordinary operation is generated"
    );
}

#[test]
fn repeated_inlining_within_the_budget_is_not_cut() {
    // Four levels of ten: 10,000 leaves, far under the budget.
    let (code, diagnostics) = run(&bomb_document(4, 10));
    assert!(
        diagnostics.iter().all(|d| d.code != "SF0018"),
        "a modest expansion is cut:\n{diagnostics:#?}"
    );
    assert!(code.is_some_and(|code| code.contains("fn list_pets")));
}

/// Refused with one SF0003 at `(line, column)`, the first collection too deep.
fn assert_refused_at(file: &str, text: &str, line: usize, column: usize) {
    let path = write_spec(file, text.as_bytes());
    let (code, diagnostics) = run(&path);
    assert!(code.is_none(), "{file}: generated");
    assert_eq!(diagnostics.len(), 1, "{file}: {diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic.code, "SF0003", "{diagnostic}");
    let location = diagnostic.location.as_ref().expect("SF0003 has a location");
    assert_eq!(
        (location.line, location.column),
        (line, column),
        "{diagnostic}"
    );
    assert!(location.file.ends_with(file), "{diagnostic}");
    assert!(diagnostic.help.is_some(), "{diagnostic}");
}

const DEEP: usize = 100_000;

#[test]
fn a_hundred_thousand_deep_flow_sequences_are_refused_where_too_deep() {
    let text = format!(
        "{HEAD}paths: {{}}\nx-deep: {}{}\n",
        "[".repeat(DEEP),
        "]".repeat(DEEP)
    );
    // The 129th `[` of line 4 (after `x-deep: `).
    assert_refused_at("flow-seq.yaml", &text, 4, 8 + 129);
}

#[test]
fn a_hundred_thousand_deep_flow_mappings_are_refused_where_too_deep() {
    let text = format!(
        "{HEAD}paths: {{}}\nx-deep: {}1{}\n",
        "{a: ".repeat(DEEP),
        "}".repeat(DEEP)
    );
    assert_refused_at("flow-map.yaml", &text, 4, 8 + 128 * 4 + 1);
}

#[test]
fn deep_flow_in_a_referenced_file_is_refused_there() {
    let entry = format!("{HEAD}paths:\n  /a: {{$ref: 'deep.yaml#/a'}}\n");
    let path = write_spec("openapi.yaml", entry.as_bytes());
    let deep = format!("# comment [[[[\na: {{x: {}}}\n", "[".repeat(DEEP));
    std::fs::write(path.with_file_name("deep.yaml"), deep).expect("write");
    let (code, diagnostics) = run(&path);
    assert!(code.is_none());
    let refused = diagnostics
        .iter()
        .find(|d| d.code == "SF0003")
        .expect("SF0003");
    let location = refused.location.as_ref().expect("location");
    assert!(location.file.ends_with("deep.yaml"), "{refused}");
    assert_eq!((location.line, location.column), (2, 7 + 128), "{refused}");
}

#[test]
fn brackets_in_text_and_flow_just_under_the_limit_still_generate() {
    let text = format!(
        "{HEAD}paths: {{}}\nx-a: {}1{}\nx-b: '{}'\nx-c: see {} # {}\nx-d: |\n  {}\n",
        "[".repeat(127),
        "]".repeat(127),
        "[".repeat(500),
        "{".repeat(500),
        "[".repeat(500),
        "[".repeat(500),
    );
    let (code, diagnostics) = run(&write_spec("shallow.yaml", text.as_bytes()));
    assert!(code.is_some(), "{diagnostics:#?}");
}

const BIG: &str = "12345678901234567890123456789";

/// A schema with a 29-digit `maximum`, `default` and `example` generates, and the
/// numbers read from YAML are the ones read from JSON.
#[test]
fn a_29_digit_integer_reads_the_same_from_yaml_and_json() {
    let yaml = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    N: {{type: integer, maximum: {BIG}, default: -{BIG}, example: {BIG}}}\n"
    );
    let json = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{}},"components":{{"schemas":{{"N":{{"type":"integer","maximum":{BIG},"default":-{BIG},"example":{BIG}}}}}}}}}"#
    );
    let mut documents = Vec::new();
    for (file, text) in [("big.yaml", yaml), ("big.json", json)] {
        let path = write_spec(file, text.as_bytes());
        let (code, diagnostics) = run(&path);
        assert!(code.is_some(), "{file}: {diagnostics:#?}");
        let prepared = specforge_codegen::prepare(&Settings::new(&path)).expect("prepared");
        documents.push(prepared.document["components"]["schemas"]["N"].clone());
    }
    assert_eq!(documents[0], documents[1]);
    assert!(
        documents[0]["maximum"]
            .as_f64()
            .is_some_and(|max| max > 1.2e28)
    );
}
