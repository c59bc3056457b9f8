//! Loads and upgrades OpenAPI documents and reports the time of each stage,
//! the diagnostics by code, and the time to locate 1,000 pointers.
//!
//! ```text
//! cargo run --release -p specforge-codegen --example load_upgrade -- SPEC...
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::Value;
use specforge_codegen::{Pointer, Settings, prepare};

/// Up to `limit` pointers of `value`, breadth first.
fn pointers(value: &Value, limit: usize) -> Vec<Pointer> {
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([(Pointer::root(), value)]);
    while let Some((at, v)) = queue.pop_front() {
        if out.len() >= limit {
            break;
        }
        out.push(at.clone());
        match v {
            Value::Object(map) => queue.extend(map.iter().map(|(k, c)| (at.push(k), c))),
            Value::Array(items) => queue.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (at.push(i.to_string()), c)),
            ),
            _ => {}
        }
    }
    out
}

fn main() {
    for spec in std::env::args().skip(1) {
        let prepared = match prepare(&Settings::new(&spec)) {
            Ok(p) => p,
            Err(e) => {
                println!("{spec}: {e}");
                continue;
            }
        };
        let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &prepared.diagnostics {
            *codes.entry(d.code).or_default() += 1;
        }
        // Pointers spread over the document (the first 1,000 of a deep walk
        // would all be near the top).
        let all = pointers(&prepared.document, 200_000);
        let step = (all.len() / 1000).max(1);
        let sample: Vec<&Pointer> = all.iter().step_by(step).take(1000).collect();
        let start = Instant::now();
        let located = sample
            .iter()
            .filter(|p| prepared.locate(p).is_some())
            .count();
        let locate_time = start.elapsed();
        println!(
            "{spec}\n  load {:.1} ms, upgrade {:.1} ms, locate {} pointers {:.1} ms ({} located)\n  diagnostics: {:?}",
            prepared.load_time.as_secs_f64() * 1000.0,
            prepared.upgrade_time.as_secs_f64() * 1000.0,
            sample.len(),
            locate_time.as_secs_f64() * 1000.0,
            located,
            codes
        );
        for d in prepared.diagnostics.iter().take(5) {
            println!("  {d}");
        }
    }
}
