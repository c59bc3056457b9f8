//! The naming rule on every security scheme name of the real-world corpus
//! (`../shared/corpus` beside the repository; ignored with a reason without it).
//!
//! Each name must give a setter that a Rust user would write: only lowercase ASCII
//! letters, digits and `_`; the same letters and digits as the name (nothing lost or
//! added); and no one-letter word the name did not separate itself (`o_auth2`).

use std::path::PathBuf;

use serde_json::Value;

use super::snake;

// The corpus crate's manifest reader (as corpus/build.rs includes it), so the
// manifest format is parsed in one place. The path is relative to
// `codegen/src/model/naming/`.
#[path = "../../../../corpus/src/manifest.rs"]
#[allow(dead_code)] // Only `corpus_dir` and `read` are used here.
mod manifest;

fn corpus() -> PathBuf {
    manifest::corpus_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
}

/// Every document file of the corpus manifest.
fn manifest_files() -> Vec<String> {
    manifest::read(&corpus())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|entry| entry.file)
        .collect()
}

/// The security scheme names of one document (3.x `components.securitySchemes`,
/// Swagger 2.0 `securityDefinitions`).
fn scheme_names(file: &str) -> Vec<String> {
    let path = corpus().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let document: Value = if file.ends_with(".json") {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"))
    } else {
        serde_yaml_ng::from_slice(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    ["/components/securitySchemes", "/securityDefinitions"]
        .iter()
        .filter_map(|pointer| document.pointer(pointer).and_then(Value::as_object))
        .flat_map(|schemes| schemes.keys().cloned())
        .collect()
}

/// Why `setter` is not what a Rust user would write for `scheme`, if it is not.
fn problem(scheme: &str, setter: &str) -> Option<String> {
    if !setter
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Some("not lowercase snake_case".to_owned());
    }
    let alphanumeric = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    if alphanumeric(scheme) != alphanumeric(setter) {
        return Some("letters or digits lost or added".to_owned());
    }
    let separated: Vec<String> = scheme
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .collect();
    setter
        .split('_')
        .find(|word| word.len() == 1 && !separated.iter().any(|s| s == word))
        .map(|word| format!("one-letter word `{word}` the name does not separate"))
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn every_corpus_security_scheme_name_gives_a_natural_setter() {
    let mut names: Vec<String> = manifest_files()
        .iter()
        .flat_map(|file| scheme_names(file))
        .collect();
    names.sort();
    names.dedup();
    assert!(
        names.len() >= 20,
        "expected the corpus's security schemes, found {}",
        names.len()
    );
    let mut problems = Vec::new();
    for name in &names {
        let setter = snake(name, "auth");
        println!("{name:<28} {setter}");
        if let Some(problem) = problem(name, &setter) {
            problems.push(format!("{name} → {setter}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_itself_finds_unnatural_setters() {
    assert!(problem("OAuth2", "o_auth2").is_some());
    assert!(problem("ApiKey", "apiKey").is_some());
    assert!(problem("api_key", "api_key2").is_some());
    assert!(problem("OAuth2", "oauth2").is_none());
    assert!(problem("a_b", "a_b").is_none());
}
