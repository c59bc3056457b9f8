//! Documents that cost far more to read than their size: a `$ref` bomb through
//! an external file (refused by the inlining budget, SF0018).
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
