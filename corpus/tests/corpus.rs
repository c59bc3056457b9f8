//! The corpus, as a test: every manifest entry generates without errors, skips no more
//! operations than `allowance.tsv` allows it, and the schema examples of the entries
//! compiled into this crate round-trip through their generated types (no more generator
//! bug candidates than allowed).
//!
//! `allowance.tsv` (beside `Cargo.toml`) holds, per entry, the real numbers when it was
//! last written; the goal is zero everywhere. An entry missing from it is allowed nothing.
//! When an entry does better than its allowance the test says so (lower the number).

use std::collections::BTreeMap;
use std::path::Path;

use specforge_corpus::manifest::{self, DEFAULT_SUBSET, Entry};
use specforge_corpus::report::{self, Outcome, RoundTripOutcome};
use specforge_corpus::{COMPILED, corpus_dir};

/// Per entry file: (operations missing, round-trip generator-bug candidates).
fn allowances() -> BTreeMap<String, (usize, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("allowance.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let number = |i: usize| -> usize {
            cells
                .get(i)
                .and_then(|c| c.trim().parse().ok())
                .unwrap_or_else(|| panic!("allowance.tsv line {}: bad column {i}: {line}", n + 1))
        };
        let file = cells
            .first()
            .map(|c| c.trim().to_owned())
            .unwrap_or_default();
        out.insert(file, (number(1), number(2)));
    }
    out
}

fn entries() -> Vec<Entry> {
    manifest::read(&corpus_dir()).unwrap_or_else(|message| panic!("{message}"))
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn every_entry_generates_within_its_skip_allowance() {
    let corpus = corpus_dir();
    let allowances = allowances();
    let entries = entries();
    // Two threads: the machine CI runs on has two cores.
    let (left, right) = entries.split_at(entries.len() / 2);
    let reports: Vec<report::EntryReport> = std::thread::scope(|scope| {
        let a = scope.spawn(|| {
            left.iter()
                .map(|e| report::generate_entry(&corpus, e))
                .collect::<Vec<_>>()
        });
        let b: Vec<_> = right
            .iter()
            .map(|e| report::generate_entry(&corpus, e))
            .collect();
        let mut a = a
            .join()
            .unwrap_or_else(|_| panic!("generation thread panicked"));
        a.extend(b);
        a
    });
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for r in &reports {
        let file = &r.entry.file;
        if let Outcome::Failed(lines) = &r.outcome {
            problems.push(format!(
                "{file} does not generate:\n  {}",
                lines.join("\n  ")
            ));
            continue;
        }
        let allowed = allowances.get(file).map_or(0, |a| a.0);
        let missing = r.operations_missing();
        if missing > allowed {
            let skipped = match &r.outcome {
                Outcome::Generated { skipped, .. } => skipped
                    .iter()
                    .map(|(op, why)| format!("\n  {op}: {why}"))
                    .collect::<String>(),
                Outcome::Failed(_) => String::new(),
            };
            problems.push(format!(
                "{file}: {missing} of {} operations not generated ({} unaccounted for), {allowed} allowed{skipped}",
                r.entry.operations,
                r.operations_unaccounted()
            ));
        } else if missing < allowed {
            notes.push(format!(
                "{file}: {missing} operations missing, {allowed} allowed: lower the allowance"
            ));
        }
    }
    for note in &notes {
        eprintln!("note: {note}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn compiled_examples_round_trip_within_allowance() {
    let corpus = corpus_dir();
    let allowances = allowances();
    let mut problems = Vec::new();
    let (mut passed, mut total) = (0, 0);
    for entry in entries()
        .iter()
        .filter(|e| COMPILED.contains(&e.file.as_str()))
    {
        let cases = match report::round_trips(&corpus, entry) {
            Some(Ok(cases)) => cases,
            Some(Err(message)) => {
                problems.push(format!("{}: {message}", entry.file));
                continue;
            }
            None => continue,
        };
        total += cases.len();
        passed += cases
            .iter()
            .filter(|c| c.outcome == RoundTripOutcome::Passed)
            .count();
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|c| match &c.outcome {
                RoundTripOutcome::Failed(why) => Some(format!("  {}: {why}", c.schema)),
                RoundTripOutcome::NoType => Some(format!("  {}: no generated type", c.schema)),
                _ => None,
            })
            .collect();
        let allowed = allowances.get(&entry.file).map_or(0, |a| a.1);
        if failures.len() > allowed {
            problems.push(format!(
                "{}: {} examples with a valid-looking example fail to round-trip, {allowed} allowed:\n{}",
                entry.file,
                failures.len(),
                failures.join("\n")
            ));
        }
    }
    eprintln!("{passed} of {total} examples round-trip");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn the_default_subset_covers_every_family_and_shape() {
    let entries = entries();
    let subset = manifest::select(&entries, None).unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(
        subset.len(),
        DEFAULT_SUBSET.len(),
        "every subset name is a manifest entry"
    );
    let has = |f: &dyn Fn(&Entry) -> bool| subset.iter().any(f);
    for family in ["2.0", "3.0", "3.1"] {
        for format in ["json", "yaml"] {
            if entries
                .iter()
                .any(|e| e.family == family && e.format == format)
            {
                assert!(
                    has(&|e| e.family == family && e.format == format),
                    "{family} {format}"
                );
            }
        }
        for band in ["small", "medium", "large"] {
            if family != "2.0" || band != "large" {
                assert!(
                    has(&|e| e.family == family && e.size_band == band),
                    "{family} {band}"
                );
            }
        }
    }
    assert!(has(&|e| e.file.contains('/')), "a multi-file entry");
    assert_eq!(
        manifest::select(&entries, Some("all")).map(|s| s.len()),
        Ok(entries.len())
    );
    assert!(manifest::select(&entries, Some("no-such-entry")).is_err());
}

#[test]
fn a_missing_corpus_is_an_error_not_an_empty_list() {
    let missing = corpus_dir().join("no-such-folder");
    assert!(manifest::read(&missing).is_err());
    assert!(manifest::parse("file\tfamily\n").is_err());
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
