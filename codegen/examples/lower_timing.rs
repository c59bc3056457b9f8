//! Times the lowering stage on one document (default: GitHub's, from the corpus).
//!
//! `cargo run --release -p specforge-codegen --example lower_timing [-- path.json]`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/github.com__api.github.com__23.0.2.json"
        )
        .to_owned()
    });
    let start = Instant::now();
    let bytes = std::fs::read(&path)?;
    let read = start.elapsed();
    let document: serde_json::Value = serde_json::from_slice(&bytes)?;
    let parsed = start.elapsed();
    let settings = specforge_codegen::Settings::default();
    let cpu_before = cpu_seconds();
    let (api, diagnostics) = specforge_codegen::__internal::lower(&document, &settings);
    let lowered = start.elapsed();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    println!("{path}");
    println!(
        "read {:.3}s, parse {:.3}s, lower {:.3}s",
        read.as_secs_f64(),
        (parsed - read).as_secs_f64(),
        (lowered - parsed).as_secs_f64()
    );
    if let Some(cpu) = cpu {
        println!("lower CPU time {cpu:.3}s (wall time above includes waiting for a busy machine)");
    }
    println!(
        "{} operations, {} types, {} warnings",
        api.operations.len(),
        api.types.defs.len(),
        diagnostics.len()
    );
    Ok(())
}

/// User + system CPU time of this process (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
