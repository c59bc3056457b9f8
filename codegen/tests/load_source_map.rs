//! The source map points at the right text: for sampled object members of
//! corpus documents (JSON and YAML), the located line, at the located column,
//! starts with the member's name.

use std::path::PathBuf;

use serde_json::Value;
use specforge_codegen::{Pointer, Settings, prepare};

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

/// Every object member's pointer and name (pre-order).
fn members(value: &Value, at: &Pointer, out: &mut Vec<(Pointer, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_at = at.push(key);
                out.push((child_at.clone(), key.clone()));
                members(child, &child_at, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                members(child, &at.push(i.to_string()), out);
            }
        }
        _ => {}
    }
}

fn check(file: &str) -> usize {
    let path = corpus().join(file);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    // Character index of each line start (minified JSON is one long line).
    let chars: Vec<char> = text.chars().collect();
    let mut line_starts = vec![0];
    line_starts.extend(
        chars
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == '\n')
            .map(|(i, _)| i + 1),
    );
    // The original document (before upgrade), so pointers are the file's own.
    let original: Value = if file.ends_with(".json") {
        serde_json::from_str(&text).expect("parses")
    } else {
        serde_yaml_ng::from_str(&text).expect("parses")
    };
    let prepared = prepare(&Settings::new(&path)).expect("loads");
    let mut all = Vec::new();
    members(&original, &Pointer::root(), &mut all);
    let step = (all.len() / 400).max(1);
    let mut checked = 0;
    for (pointer, key) in all.iter().step_by(step) {
        let loc = prepared
            .locate(pointer)
            .unwrap_or_else(|| panic!("{file}: {pointer} not located"));
        let start = line_starts.get(loc.line - 1).copied().unwrap_or(usize::MAX) + loc.column - 1;
        let rest: String = chars
            .iter()
            .skip(start)
            .take(key.chars().count() + 1)
            .collect();
        let rest = rest.trim_start_matches(['"', '\'']);
        assert!(
            rest.starts_with(key.as_str()),
            "{file}: {pointer} at {}:{} is `{rest}`",
            loc.line,
            loc.column
        );
        checked += 1;
    }
    checked
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn json_members_are_located_exactly() {
    assert!(check("digitalocean.com__main__2.0.json") > 300);
    assert!(check("kubernetes.io__main__swagger2.json") > 300);
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn yaml_members_are_located_exactly() {
    assert!(check("docker.com__engine__1.40.yaml") > 300);
    assert!(check("scalar.com__galaxy__0.2.20.yaml") > 300);
}
