//! Generation benchmark: generates one document (default: GitHub's REST API,
//! `../shared/corpus/github.com__api.github.com__23.0.2.json`, 13 MB, 1,223
//! operations) and reports the time per pipeline phase and the peak memory.
//!
//! ```sh
//! cargo run --release -p specforge-codegen --example bench_github
//! cargo run --release -p specforge-codegen --example bench_github -- path/to/spec.yaml --runs 5
//! ```
//!
//! Phases: `read` (the file alone, measured separately), `load` (read, parse,
//! bundle `$ref`s; so `load - read` is parsing), `upgrade`, `lower`, `emit`,
//! `format` (prettyplease). Each run generates from scratch; the table shows
//! the fastest run per phase and the total of the fastest full run. Peak memory
//! is the process's `VmHWM` (Linux only).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use specforge_codegen::{Settings, generate_timed};

const DEFAULT_SPEC: &str = "../shared/corpus/github.com__api.github.com__23.0.2.json";

fn main() -> ExitCode {
    let mut spec: Option<PathBuf> = None;
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => {
                    eprintln!("--runs takes a positive number");
                    return ExitCode::from(2);
                }
            }
        } else {
            spec = Some(PathBuf::from(arg));
        }
    }
    // The default is relative to the workspace root (codegen/..).
    let spec = spec.unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(DEFAULT_SPEC)
    });
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; run with --release for meaningful numbers");
    }
    let size = std::fs::metadata(&spec).map(|m| m.len()).unwrap_or(0);
    println!(
        "spec: {} ({:.1} MB), {runs} runs",
        spec.display(),
        size as f64 / 1e6
    );

    let settings = Settings::new(&spec);
    let mut best: Vec<(&'static str, Duration)> = Vec::new();
    let mut best_total = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let read = match std::fs::read(&spec) {
            Ok(bytes) => {
                let elapsed = start.elapsed();
                drop(bytes);
                elapsed
            }
            Err(error) => {
                eprintln!("cannot read {}: {error}", spec.display());
                return ExitCode::from(1);
            }
        };
        let start = Instant::now();
        let (result, phases) = generate_timed(&settings);
        let total = start.elapsed();
        best_total = best_total.min(total);
        for (name, time) in std::iter::once(("read", read)).chain(phases) {
            match best.iter_mut().find(|(n, _)| *n == name) {
                Some((_, t)) => *t = (*t).min(time),
                None => best.push((name, time)),
            }
        }
        last = Some(result);
    }

    println!("{:<10} {:>10}", "phase", "best (ms)");
    for (name, time) in &best {
        println!("{name:<10} {:>10.1}", time.as_secs_f64() * 1e3);
    }
    println!(
        "{:<10} {:>10.1}   (generate, read included in load)",
        "total",
        best_total.as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory_kb() {
        println!("peak memory (VmHWM): {:.0} MB", peak as f64 / 1024.0);
    }
    match last {
        Some(Ok(generated)) => {
            let summary = &generated.summary;
            println!(
                "generated: {} operations, {} types, {} operations skipped, {} warnings, {:.1} MB of code",
                summary.operations_generated,
                summary.types_generated,
                summary.operations_skipped.len(),
                generated.diagnostics.len(),
                generated.code.len() as f64 / 1e6
            );
            let mut by_code: Vec<(&str, usize)> = Vec::new();
            for d in &generated.diagnostics {
                match by_code.iter_mut().find(|(c, _)| *c == d.code) {
                    Some((_, n)) => *n += 1,
                    None => by_code.push((d.code, 1)),
                }
            }
            for (code, n) in by_code {
                println!("  {code}: {n}");
            }
            ExitCode::SUCCESS
        }
        Some(Err(error)) => {
            println!("generation failed: {error}");
            ExitCode::from(1)
        }
        None => ExitCode::from(1),
    }
}

/// Peak resident set size in kB, from `/proc/self/status` (Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
