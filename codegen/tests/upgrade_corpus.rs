//! Every corpus entry loads, upgrades, and reads as OpenAPI 3.0 with the
//! `openapiv3` types: each `components/schemas` entry, each path item and its
//! operations, each `components/securitySchemes` entry, and the whole document.
//! Failures are tallied per class (the serde error without its position) and
//! printed as a table; the test fails on any.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use specforge_codegen::{Settings, prepare};

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

/// The error class: the message with "at line N column M" cut off, and long
/// variant lists shortened.
fn class(message: &str) -> String {
    let cut = message.split(" at line ").next().unwrap_or(message);
    cut.chars().take(120).collect()
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn every_corpus_entry_upgrades_to_openapiv3() {
    let manifest = std::fs::read_to_string(corpus().join("manifest.tsv")).unwrap_or_else(|e| {
        panic!(
            "the corpus manifest must exist at {}: {e}",
            corpus().display()
        )
    });
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut entries = 0;
    let mut checked = 0usize;
    for line in manifest.lines().skip(1) {
        let Some(file) = line.split('\t').next().filter(|f| !f.is_empty()) else {
            continue;
        };
        entries += 1;
        let mut fail = |class_name: String, what: String| {
            failures
                .entry(class_name)
                .or_default()
                .push(format!("{file}: {what}"));
        };
        let prepared = match prepare(&Settings::new(corpus().join(file))) {
            Ok(p) => p,
            Err(e) => {
                fail("load: I/O".to_owned(), e.to_string());
                continue;
            }
        };
        for d in prepared.diagnostics.iter().filter(|d| d.is_error()) {
            fail(format!("error {}", d.code), d.to_string());
        }
        let doc = &prepared.document;
        if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
            for (name, schema) in schemas {
                checked += 1;
                if let Err(e) = serde_json::from_value::<openapiv3::ReferenceOr<openapiv3::Schema>>(
                    schema.clone(),
                ) {
                    fail(format!("schema: {}", class(&e.to_string())), name.clone());
                }
            }
        }
        if let Some(Value::Object(schemes)) = doc.pointer("/components/securitySchemes") {
            for (name, scheme) in schemes {
                checked += 1;
                if let Err(e) = serde_json::from_value::<
                    openapiv3::ReferenceOr<openapiv3::SecurityScheme>,
                >(scheme.clone())
                {
                    fail(
                        format!("security scheme: {}", class(&e.to_string())),
                        name.clone(),
                    );
                }
            }
        }
        if let Some(Value::Object(paths)) = doc.pointer("/paths") {
            for (path, item) in paths {
                checked += 1;
                if let Err(e) = serde_json::from_value::<openapiv3::ReferenceOr<openapiv3::PathItem>>(
                    item.clone(),
                ) {
                    // Narrow down to the operation.
                    let mut narrowed = false;
                    if let Value::Object(map) = item {
                        for (method, op) in map {
                            if matches!(
                                method.as_str(),
                                "get"
                                    | "put"
                                    | "post"
                                    | "delete"
                                    | "options"
                                    | "head"
                                    | "patch"
                                    | "trace"
                            ) && let Err(e) =
                                serde_json::from_value::<openapiv3::Operation>(op.clone())
                            {
                                narrowed = true;
                                fail(
                                    format!("operation: {}", class(&e.to_string())),
                                    format!("{method} {path}"),
                                );
                            }
                        }
                    }
                    if !narrowed {
                        fail(
                            format!("path item: {}", class(&e.to_string())),
                            path.clone(),
                        );
                    }
                }
            }
        }
        let mut stack = vec![doc];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    if let Some(Value::String(r)) = map.get("$ref") {
                        let target = r.strip_prefix('#').and_then(|p| doc.pointer(p));
                        if target.is_none() {
                            fail("dangling or non-local $ref".to_owned(), r.clone());
                        }
                    }
                    if let Some(Value::String(location)) = map.get("in")
                        && (location == "body" || location == "formData")
                    {
                        fail("2.0 body/formData parameter left".to_owned(), String::new());
                    }
                    if map.contains_key("collectionFormat") {
                        fail("2.0 keyword left".to_owned(), String::new());
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        if let Err(e) = serde_json::from_value::<openapiv3::OpenAPI>(doc.clone()) {
            fail(
                format!("document: {}", class(&e.to_string())),
                String::new(),
            );
        }
    }
    assert!(entries >= 40, "the manifest lists {entries} entries");
    let total: usize = failures.values().map(Vec::len).sum();
    println!("{entries} entries, {checked} objects checked, {total} failures");
    if !failures.is_empty() {
        println!("| failures | class | examples |\n|---|---|---|");
        for (class_name, list) in &failures {
            let examples: Vec<&str> = list.iter().take(3).map(String::as_str).collect();
            println!(
                "| {} | {} | {} |",
                list.len(),
                class_name,
                examples.join("; ")
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{total} failures in {} classes (table above)",
        failures.len()
    );
}

/// CI (`.ci/run`) sets `SPECFORGE_REQUIRE_SHARED=1`: there the corpus tests must run, so a
/// build without the corpus (`cfg(has_corpus)` unset, the tests ignored) fails here.
#[test]
fn the_corpus_is_present_when_required() {
    let required = std::env::var_os("SPECFORGE_REQUIRE_SHARED").is_some_and(|v| v == "1");
    assert!(
        !required || cfg!(has_corpus),
        "SPECFORGE_REQUIRE_SHARED=1 but this crate was built without ../shared/corpus \
         (put it there, then `touch corpus/build.rs codegen/build.rs`)"
    );
}
