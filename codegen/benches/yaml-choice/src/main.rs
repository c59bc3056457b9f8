//! Times YAML → `serde_json::Value` for each candidate crate on each file given.
//! Prints the best of 5 runs per crate and file, in milliseconds.

use std::time::Instant;

fn best_of<F: FnMut() -> bool>(mut run: F) -> Option<f64> {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        if !run() {
            return None;
        }
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    Some(best)
}

fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "error".to_owned(), |ms| format!("{ms:.1}"))
}

fn main() {
    if let Ok(p) = std::env::var("EXPLAIN") {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        println!("saphyr: {:?}", serde_saphyr::from_str::<serde_json::Value>(&text).err());
        for e in saphyr_parser::Parser::new_from_str(&text) { if let Err(e) = e { println!("events: {e:?}"); break; } }
        return;
    }
    println!("file\tbytes\tserde_yaml_ng\tserde_norway\tserde_saphyr\tsaphyr_parser_events\tgranit_parser_events");
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let ng = best_of(|| serde_yaml_ng::from_str::<serde_json::Value>(&text).is_ok());
        let norway = best_of(|| serde_norway::from_str::<serde_json::Value>(&text).is_ok());
        let saphyr = best_of(|| serde_saphyr::from_str::<serde_json::Value>(&text).is_ok());
        let events = best_of(|| {
            let mut count = 0usize;
            for event in saphyr_parser::Parser::new_from_str(&text) {
                if event.is_err() {
                    return false;
                }
                count += 1;
            }
            count > 0
        });
        let granit = best_of(|| {
            let mut count = 0usize;
            for event in granit_parser::Parser::new_from_str(&text) {
                if event.is_err() {
                    return false;
                }
                count += 1;
            }
            count > 0
        });
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        println!(
            "{name}\t{}\t{}\t{}\t{}\t{}\t{}",
            text.len(),
            show(ng),
            show(norway),
            show(saphyr),
            show(events),
            show(granit)
        );
    }
}

