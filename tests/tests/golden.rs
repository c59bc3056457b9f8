//! Golden test: every `fixtures/<case>/` with a spec generates exactly its `expected.rs`.
//!
//! On a mismatch the test fails with the first differing lines of each case. To accept
//! the new output on purpose, rewrite the goldens and review their diff:
//!
//! ```text
//! SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden
//! ```
//!
//! Generation must also be deterministic: each case is generated twice and the two
//! outputs must be equal.

use specforge_codegen::{Settings, generate};
use specforge_tests::fixtures::{self, Case};

/// Lines of context shown before and after the first difference.
const CONTEXT: usize = 3;

#[test]
fn goldens_match() {
    let bless = std::env::var_os("SPECFORGE_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let cases = fixtures::cases()
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", fixtures::root().display()));
    assert!(
        !cases.is_empty(),
        "no fixtures found in {}",
        fixtures::root().display()
    );

    let mut failures = Vec::new();
    for case in &cases {
        if let Err(failure) = check(case, bless) {
            failures.push(format!("--- {} ---\n{failure}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from their goldens:\n\n{}\n\nIf the new output is intended, run \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` and review the diff of \
         fixtures/*/expected.rs.",
        failures.len(),
        cases.len(),
        failures.join("\n\n"),
    );
}

fn check(case: &Case, bless: bool) -> Result<(), String> {
    let settings = Settings::new(&case.spec);
    let generated = generate(&settings).map_err(|e| format!("generation failed:\n{e}"))?;
    for diagnostic in &generated.diagnostics {
        eprintln!("{}: {diagnostic}", case.name);
    }
    let again = generate(&settings).map_err(|e| format!("second generation failed:\n{e}"))?;
    if again.code != generated.code {
        return Err(format!(
            "generation is not deterministic:\n{}",
            first_difference(&generated.code, &again.code).unwrap_or_default()
        ));
    }

    let expected = std::fs::read_to_string(&case.expected).ok();
    if expected.as_deref() == Some(generated.code.as_str()) {
        return Ok(());
    }
    if bless {
        std::fs::write(&case.expected, &generated.code)
            .map_err(|e| format!("cannot write {}: {e}", case.expected.display()))?;
        eprintln!("blessed {}", case.expected.display());
        return Ok(());
    }
    match expected {
        None => Err(format!("{} does not exist", case.expected.display())),
        Some(expected) => Err(format!(
            "{} differs from the generated code:\n{}",
            case.expected.display(),
            first_difference(&expected, &generated.code).unwrap_or_default()
        )),
    }
}

/// The first differing line, with a few lines of context on each side: `-` for the
/// golden (`expected`), `+` for the new output.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i))?;
    let start = first.saturating_sub(CONTEXT);
    let mut out = format!(
        "first difference at line {} (golden: {} lines, generated: {} lines)\n",
        first + 1,
        e.len(),
        a.len()
    );
    for (i, line) in e.iter().enumerate().take(first).skip(start) {
        out.push_str(&format!("  {:>5}  {line}\n", i + 1));
    }
    for (i, line) in e.iter().enumerate().skip(first).take(CONTEXT * 2) {
        out.push_str(&format!("- {:>5}  {line}\n", i + 1));
    }
    for (i, line) in a.iter().enumerate().skip(first).take(CONTEXT * 2) {
        out.push_str(&format!("+ {:>5}  {line}\n", i + 1));
    }
    Some(out)
}

/// No fixture may lose an operation: every operation of every fixture's document is
/// generated (counted from the document itself, and the summary's skipped list must be
/// empty), so a fixture that hits a gap says so loudly.
#[test]
fn no_operation_is_skipped() {
    let cases = fixtures::cases().unwrap_or_else(|e| panic!("cannot list fixtures: {e}"));
    let mut problems = Vec::new();
    for case in &cases {
        let spec = fixtures::read_spec(&case.spec).unwrap_or_else(|e| panic!("{e}"));
        let declared = count_operations(&spec);
        match generate(&Settings::new(&case.spec)) {
            Ok(generated) => {
                let summary = &generated.summary;
                if summary.operations_generated != declared {
                    problems.push(format!(
                        "{}: {} of {declared} operations generated",
                        case.name, summary.operations_generated
                    ));
                }
                for (operation, reason) in &summary.operations_skipped {
                    problems.push(format!("{}: {operation} skipped: {reason}", case.name));
                }
                for diagnostic in &generated.diagnostics {
                    if summary.operations_generated != declared {
                        problems.push(format!("  {diagnostic}"));
                    }
                }
            }
            Err(e) => problems.push(format!("{}: generation failed: {e}", case.name)),
        }
    }
    assert!(
        problems.is_empty(),
        "operations lost:\n{}",
        problems.join("\n")
    );
}

/// Operations in a document: methods under `paths`.
fn count_operations(spec: &serde_json::Value) -> usize {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    spec.get("paths")
        .and_then(serde_json::Value::as_object)
        .map(|paths| {
            paths
                .values()
                .filter_map(serde_json::Value::as_object)
                .map(|item| METHODS.iter().filter(|m| item.contains_key(**m)).count())
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn first_difference_points_at_the_first_changed_line() {
    let diff = first_difference("a\nb\nc\nd\n", "a\nb\nX\nd\n").unwrap_or_default();
    assert!(diff.starts_with("first difference at line 3"), "{diff}");
    assert!(diff.contains("-     3  c"), "{diff}");
    assert!(diff.contains("+     3  X"), "{diff}");
    assert_eq!(first_difference("same\n", "same\n"), None);
    let shorter = first_difference("a\nb\n", "a\n").unwrap_or_default();
    assert!(shorter.contains("line 2"), "{shorter}");
}
