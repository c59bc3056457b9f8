//! Generates every corpus entry, measured, and renders `docs/corpus-report.md`.
//!
//! Per entry: family, operations the manifest counts, operations generated, operations
//! skipped with the generator's reason, operations *unaccounted for* (counted by the
//! manifest, neither generated nor reported as skipped: a silent skip, always a bug),
//! warnings by code, and generation time. Round trips of schema examples are added for
//! the entries compiled into this crate (see [`crate::round_trip`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use specforge_codegen::{Settings, generate_timed};

use crate::manifest::Entry;
use crate::round_trip;
use crate::validate;

/// What generating one entry gave.
#[derive(Debug, Clone)]
pub struct EntryReport {
    pub entry: Entry,
    /// Wall time of `generate` (load, upgrade, lower, emit, format).
    pub time: Duration,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Generated {
        operations: usize,
        /// `(operation, reason)` as the generator reported them.
        skipped: Vec<(String, String)>,
        /// Warning count per diagnostic code.
        warnings: BTreeMap<String, usize>,
        types: usize,
    },
    /// Generation failed: every diagnostic, rendered.
    Failed(Vec<String>),
}

impl EntryReport {
    /// Operations skipped (reported) plus unaccounted for; 0 when generation failed.
    pub fn operations_missing(&self) -> usize {
        match &self.outcome {
            Outcome::Generated { operations, .. } => {
                self.entry.operations.saturating_sub(*operations)
            }
            Outcome::Failed(_) => self.entry.operations,
        }
    }

    /// Operations the manifest counts that were neither generated nor reported skipped.
    pub fn operations_unaccounted(&self) -> usize {
        match &self.outcome {
            Outcome::Generated {
                operations,
                skipped,
                ..
            } => self
                .entry
                .operations
                .saturating_sub(*operations + skipped.len()),
            Outcome::Failed(_) => 0,
        }
    }
}

/// Generates one entry, timed.
pub fn generate_entry(corpus: &Path, entry: &Entry) -> EntryReport {
    let (result, phases) = generate_timed(&Settings::new(entry.path(corpus)));
    let time = phases.iter().map(|(_, t)| *t).sum();
    let outcome = match result {
        Ok(generated) => {
            let mut warnings = BTreeMap::new();
            for d in &generated.diagnostics {
                *warnings.entry(d.code.to_owned()).or_insert(0) += 1;
            }
            Outcome::Generated {
                operations: generated.summary.operations_generated,
                skipped: generated.summary.operations_skipped,
                warnings,
                types: generated.summary.types_generated,
            }
        }
        Err(error) => {
            let mut lines: Vec<String> = error
                .diagnostics()
                .iter()
                .map(ToString::to_string)
                .collect();
            if lines.is_empty() {
                lines.push(error.to_string());
            }
            Outcome::Failed(lines)
        }
    };
    EntryReport {
        entry: entry.clone(),
        time,
        outcome,
    }
}

/// One schema example, round-tripped.
#[derive(Debug, Clone)]
pub struct RoundTripCase {
    pub entry: String,
    /// `#/components/schemas/<name>` (with `[i]` for the i-th of `examples`).
    pub schema: String,
    pub outcome: RoundTripOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundTripOutcome {
    Passed,
    /// The round trip failed and the example violates its own schema.
    InvalidExample {
        failure: String,
        violation: String,
    },
    /// The round trip failed although the example looks valid: a generator bug candidate.
    Failed(String),
    /// The entry is compiled but the schema has no generated type in the table.
    NoType,
}

/// Round-trips every component schema example of an entry compiled into this crate;
/// `None` when the entry is not compiled (see [`crate::COMPILED`]).
pub fn round_trips(corpus: &Path, entry: &Entry) -> Option<Result<Vec<RoundTripCase>, String>> {
    if !crate::COMPILED.contains(&entry.file.as_str()) {
        return None;
    }
    let prepared = match specforge_codegen::prepare(&Settings::new(entry.path(corpus))) {
        Ok(p) => p,
        Err(e) => return Some(Err(e.to_string())),
    };
    let document = &prepared.document;
    let module = entry.module();
    let mut cases = Vec::new();
    let schemas = document
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    for (name, schema) in schemas.into_iter().flatten() {
        let mut examples: Vec<(String, &Value)> = Vec::new();
        if let Some(example) = schema.get("example") {
            examples.push((format!("#/components/schemas/{name}"), example));
        }
        if let Some(list) = schema.get("examples").and_then(Value::as_array) {
            for (i, example) in list.iter().enumerate() {
                examples.push((
                    format!("#/components/schemas/{name} examples[{i}]"),
                    example,
                ));
            }
        }
        for (label, example) in examples {
            let type_name = round_trip::type_name(&module, name);
            let outcome = match type_name
                .and_then(|t| round_trip::round_trip(&module, t, example.clone()))
            {
                None => RoundTripOutcome::NoType,
                Some(result) => {
                    let differs = |result: Result<Value, String>| match result {
                        Ok(back) => {
                            round_trip::first_difference(example, &back, Some(schema), document)
                        }
                        Err(e) => Some(e),
                    };
                    // A type an XML body reaches round-trips through XML too.
                    let failure = differs(result).or_else(|| {
                        type_name
                            .and_then(|t| round_trip::xml_round_trip(&module, t, example.clone()))
                            .and_then(|result| {
                                differs(result).map(|why| format!("through XML: {why}"))
                            })
                    });
                    match failure {
                        None => RoundTripOutcome::Passed,
                        Some(failure) => match validate::violation(example, schema, document) {
                            Some(violation) => {
                                RoundTripOutcome::InvalidExample { failure, violation }
                            }
                            None => RoundTripOutcome::Failed(failure),
                        },
                    }
                }
            };
            cases.push(RoundTripCase {
                entry: entry.file.clone(),
                schema: label,
                outcome,
            });
        }
    }
    Some(Ok(cases))
}

/// Renders the report. `build` names how the numbers were measured (profile, machine).
pub fn render(reports: &[EntryReport], cases: &[RoundTripCase], build: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Corpus report\n");
    let _ = writeln!(
        out,
        "Generated by `cargo run --release -p specforge-corpus --bin corpus-report` \
         (see `docs/corpus.md`); do not edit. {build}\n"
    );
    let generated = reports
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Generated { .. }))
        .count();
    let manifest_ops: usize = reports.iter().map(|r| r.entry.operations).sum();
    let mut gen_ops = 0;
    let mut skipped_ops = 0;
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for r in reports {
        if let Outcome::Generated {
            operations,
            skipped,
            warnings,
            ..
        } = &r.outcome
        {
            gen_ops += operations;
            skipped_ops += skipped.len();
            for (code, n) in warnings {
                *totals.entry(code.clone()).or_insert(0) += n;
            }
        }
    }
    let unaccounted: usize = reports
        .iter()
        .map(EntryReport::operations_unaccounted)
        .sum();
    let total_time: Duration = reports.iter().map(|r| r.time).sum();
    let _ = writeln!(out, "## Totals\n");
    let _ = writeln!(out, "- entries generated: {generated} of {}", reports.len());
    let _ = writeln!(
        out,
        "- operations: {gen_ops} generated of {manifest_ops} in the manifest; {skipped_ops} skipped with a diagnostic; {unaccounted} unaccounted for"
    );
    let _ = writeln!(out, "- warnings by code: {}", codes(&totals));
    let _ = writeln!(
        out,
        "- generation time, all entries: {}",
        millis(total_time)
    );
    let mut slowest: Vec<&EntryReport> = reports.iter().collect();
    slowest.sort_by_key(|entry| std::cmp::Reverse(entry.time));
    let _ = writeln!(out, "- three slowest entries:");
    for r in slowest.iter().take(3) {
        let _ = writeln!(
            out,
            "  - `{}` ({} bytes): {}",
            r.entry.file,
            r.entry.bytes,
            millis(r.time)
        );
    }

    let _ = writeln!(out, "\n## Entries\n");
    let _ = writeln!(
        out,
        "| entry | family | format | size | ops (manifest) | ops generated | skipped | unaccounted | types | warnings by code | time |"
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---:|---:|---:|---:|---|---:|");
    for r in reports {
        let e = &r.entry;
        match &r.outcome {
            Outcome::Generated {
                operations,
                skipped,
                warnings,
                types,
            } => {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} | {operations} | {} | {} | {types} | {} | {} |",
                    e.file,
                    e.family,
                    e.format,
                    e.size_band,
                    e.operations,
                    skipped.len(),
                    r.operations_unaccounted(),
                    codes(warnings),
                    millis(r.time)
                );
            }
            Outcome::Failed(lines) => {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} | **failed** | | | | {} error(s) | {} |",
                    e.file,
                    e.family,
                    e.format,
                    e.size_band,
                    e.operations,
                    lines.len(),
                    millis(r.time)
                );
            }
        }
    }

    let _ = writeln!(out, "\n## Skipped operations\n");
    let mut any = false;
    for r in reports {
        if let Outcome::Generated { skipped, .. } = &r.outcome {
            for (op, reason) in skipped {
                any = true;
                let _ = writeln!(out, "- `{}`: `{op}`: {reason}", r.entry.file);
            }
        }
        if r.operations_unaccounted() > 0 {
            any = true;
            let _ = writeln!(
                out,
                "- `{}`: {} operation(s) unaccounted for (counted by the manifest, not generated, no diagnostic)",
                r.entry.file,
                r.operations_unaccounted()
            );
        }
    }
    if !any {
        let _ = writeln!(out, "None.");
    }

    let _ = writeln!(out, "\n## Failed entries\n");
    let mut any = false;
    for r in reports {
        if let Outcome::Failed(lines) = &r.outcome {
            any = true;
            let _ = writeln!(out, "### `{}`\n\n```text", r.entry.file);
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
            let _ = writeln!(out, "```\n");
        }
    }
    if !any {
        let _ = writeln!(out, "None.");
    }

    render_round_trips(&mut out, cases);
    out
}

fn render_round_trips(out: &mut String, cases: &[RoundTripCase]) {
    let passed = cases
        .iter()
        .filter(|c| c.outcome == RoundTripOutcome::Passed)
        .count();
    let invalid: Vec<&RoundTripCase> = cases
        .iter()
        .filter(|c| matches!(c.outcome, RoundTripOutcome::InvalidExample { .. }))
        .collect();
    let failed: Vec<&RoundTripCase> = cases
        .iter()
        .filter(|c| {
            matches!(
                c.outcome,
                RoundTripOutcome::Failed(_) | RoundTripOutcome::NoType
            )
        })
        .collect();
    let _ = writeln!(out, "\n## Round trips of schema examples\n");
    let _ = writeln!(
        out,
        "Over the entries compiled into `specforge-corpus` for this run (`crate::COMPILED`).\n"
    );
    let share = if cases.is_empty() {
        0.0
    } else {
        passed as f64 * 100.0 / cases.len() as f64
    };
    let _ = writeln!(
        out,
        "- {passed} of {} examples round-trip ({share:.1}%); {} fail with an example that violates its own schema; {} fail with a valid-looking example (generator bug candidates)\n",
        cases.len(),
        invalid.len(),
        failed.len()
    );
    let _ = writeln!(out, "### Generator bug candidates\n");
    if failed.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for c in failed {
        let why = match &c.outcome {
            RoundTripOutcome::Failed(f) => f.clone(),
            _ => "no generated type for the schema".to_owned(),
        };
        let _ = writeln!(out, "- `{}` `{}`: {}", c.entry, c.schema, one_line(&why));
    }
    let _ = writeln!(out, "\n### Invalid examples\n");
    if invalid.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for c in invalid {
        if let RoundTripOutcome::InvalidExample { failure, violation } = &c.outcome {
            let _ = writeln!(
                out,
                "- `{}` `{}`: {} (example: {})",
                c.entry,
                c.schema,
                one_line(failure),
                one_line(violation)
            );
        }
    }
}

fn one_line(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 240 {
        let cut: String = line.chars().take(240).collect();
        format!("{cut}…")
    } else {
        line
    }
}

fn codes(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "none".to_owned();
    }
    counts
        .iter()
        .map(|(code, n)| format!("{code}×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn millis(time: Duration) -> String {
    format!("{} ms", time.as_millis())
}
