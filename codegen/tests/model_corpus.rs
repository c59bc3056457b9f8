//! Lowers every OpenAPI 3.0 document of the shared corpus and reports, per
//! document, the operations lowered against the manifest's count and the
//! warnings by code. Swagger 2.0 and 3.1 entries need the upgrade stage and are
//! covered by the pipeline's own corpus test.
//!
//! Run: `cargo test -p specforge-codegen --test model_corpus -- --nocapture`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use specforge_codegen::__internal::lower;
use specforge_codegen::{Diagnostic, Settings};

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

struct Entry {
    file: String,
    operations: usize,
}

fn manifest() -> Vec<Entry> {
    let path = corpus_dir().join("manifest.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the corpus manifest {} must exist: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (file, version, operations) = (col("file"), col("spec_version"), col("operations"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|cells| cells.get(version).is_some_and(|v| v.starts_with("3.0")))
        .map(|cells| Entry {
            file: cells[file].to_owned(),
            operations: cells[operations].parse().unwrap_or(0),
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn corpus_3_0_documents_lower() {
    let entries = manifest();
    assert!(
        entries.len() >= 20,
        "expected the 3.0 part of the corpus, found {}",
        entries.len()
    );
    let mut total_expected = 0;
    let mut total_lowered = 0;
    let mut all_codes: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut short = Vec::new();
    println!(
        "{:<58} {:>6} {:>6} {:>6}  warnings by code",
        "document", "ops", "manif", "types"
    );
    for entry in &entries {
        let path = corpus_dir().join(&entry.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let document: serde_json::Value = if entry.file.ends_with(".json") {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", entry.file))
        } else {
            serde_yaml_ng::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", entry.file))
        };
        let (api, diagnostics) = lower(&document, &Settings::default());
        let mut codes: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in &diagnostics {
            *codes.entry(d.code).or_default() += 1;
            *all_codes.entry(d.code).or_default() += 1;
        }
        assert!(
            !diagnostics.iter().any(Diagnostic::is_error),
            "{}: errors",
            entry.file
        );
        let codes_text: Vec<String> = codes.iter().map(|(c, n)| format!("{c}×{n}")).collect();
        println!(
            "{:<58} {:>6} {:>6} {:>6}  {}",
            entry.file.chars().take(58).collect::<String>(),
            api.operations.len(),
            entry.operations,
            api.types.defs.len(),
            codes_text.join(" ")
        );
        if api.operations.len() < entry.operations {
            short.push((entry.file.clone(), api.operations.len(), entry.operations));
            for d in diagnostics.iter().filter(|d| d.code == "SF3001").take(3) {
                println!("    {d}");
            }
        }
        total_expected += entry.operations;
        total_lowered += api.operations.len();
    }
    println!("total: {total_lowered} of {total_expected} operations lowered");
    println!("warnings by code: {all_codes:?}");
    // Every operation counted by the manifest is either lowered or skipped with SF3001.
    assert!(
        total_lowered * 100 >= total_expected * 95,
        "too many operations skipped: {short:?}"
    );
}

/// Swagger 2.0 and 3.1 documents are not in the shape lowering expects (the
/// upgrade stage converts them); lowering them raw must still not panic.
#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn other_corpus_documents_lower_without_panicking() {
    let path = corpus_dir().join("manifest.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut seen = 0;
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(version)) = (cells.first(), cells.get(2)) else {
            continue;
        };
        if version.starts_with("3.0") {
            continue;
        }
        let file_path = corpus_dir().join(file);
        let Ok(bytes) = std::fs::read(&file_path) else {
            continue;
        };
        let document: serde_json::Value = if file.ends_with(".json") {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"))
        } else {
            match serde_yaml_ng::from_slice(&bytes) {
                Ok(document) => document,
                Err(_) => continue,
            }
        };
        let (api, _) = lower(&document, &Settings::default());
        println!(
            "{file}: {} operations, {} types",
            api.operations.len(),
            api.types.defs.len()
        );
        seen += 1;
    }
    assert!(seen > 0, "no 2.0 or 3.1 documents found");
}
