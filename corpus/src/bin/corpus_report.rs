//! Writes `docs/corpus-report.md`: every corpus entry generated and measured, and the
//! round trips of the entries compiled into this crate.
//!
//! `cargo run --release -p specforge-corpus --bin corpus-report` (add
//! `SPECFORGE_CORPUS=all` to round-trip every entry). `--stdout` prints instead of writing.

use std::process::ExitCode;

use specforge_corpus::{corpus_dir, manifest, report};

fn main() -> ExitCode {
    let corpus = corpus_dir();
    let entries = match manifest::read(&corpus) {
        Ok(entries) => entries,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut reports = Vec::new();
    let mut cases = Vec::new();
    for entry in &entries {
        let r = report::generate_entry(&corpus, entry);
        eprintln!("{:>8} ms  {}", r.time.as_millis(), entry.file);
        reports.push(r);
        match report::round_trips(&corpus, entry) {
            Some(Ok(found)) => cases.extend(found),
            Some(Err(message)) => eprintln!("error: round trips of {}: {message}", entry.file),
            None => {}
        }
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let build = format!(
        "Times: {profile} build, one thread, on a shared 2-core machine (other builds running). \
         Entries compiled for the round trips: {} of {}.",
        specforge_corpus::COMPILED.len(),
        entries.len()
    );
    let text = report::render(&reports, &cases, &build);
    if std::env::args().any(|a| a == "--stdout") {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("docs")
        .join("corpus-report.md");
    match std::fs::write(&target, text) {
        Ok(()) => {
            eprintln!("wrote {}", target.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", target.display());
            ExitCode::FAILURE
        }
    }
}
