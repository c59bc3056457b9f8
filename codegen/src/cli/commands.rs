//! The commands: `generate` (write a crate) and `check` (diagnostics only).
//!
//! `generate` without `--runtime-path` or `--runtime-version` ends with a note on
//! stderr naming the `specforge` dependency it wrote and the flags that change it.
//!
//! Diagnostics print as `file:line:column: warning[code]: message (at #/pointer)`
//! with a `help:` line when there is one; a diagnostic the source map cannot
//! place is prefixed with the spec path alone.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use specforge_codegen::{
    Diagnostic, GenerateError, RuntimeDependency, Settings, Severity, crate_gen,
};

use super::args::{CheckArgs, GenerateArgs};
use super::{EXIT_INVALID, EXIT_STALE, EXIT_USAGE, EXIT_WRITE};

/// `specforge generate`: warnings go to stderr, the report of what was written to stdout.
pub(crate) fn generate(args: &GenerateArgs) -> ExitCode {
    let (settings, given) = match args.settings.resolve() {
        Ok(resolved) => (resolved.settings, resolved.given),
        Err(error) => return usage_error(&error),
    };
    let mut stderr = std::io::stderr().lock();
    let generated = match specforge_codegen::generate(&settings) {
        Ok(generated) => generated,
        Err(error) => {
            let code = report_failure(&mut stderr, &settings, &error);
            let _ = writeln!(stderr, "error: no crate was written");
            return code;
        }
    };
    print_diagnostics(&mut stderr, &settings, &generated.diagnostics);
    if args.check {
        return check_crate(&settings, &generated, args);
    }
    match crate_gen::write_crate(&settings, &generated, &args.out) {
        Ok(report) => {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(
                stdout,
                "wrote crate `{}` to {}: {} operations, {} types, {} skipped, {} warnings",
                report.name,
                report.dir.display(),
                generated.summary.operations_generated,
                generated.summary.types_generated,
                generated.summary.operations_skipped.len(),
                generated.diagnostics.len(),
            );
            for file in &report.written {
                let _ = writeln!(stdout, "  written   {}", file.display());
            }
            for file in &report.unchanged {
                let _ = writeln!(stdout, "  unchanged {}", file.display());
            }
            if !given.iter().any(|key| key.starts_with("runtime_")) {
                runtime_note(&mut stderr, &settings);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(stderr, "error: {error}");
            ExitCode::from(EXIT_WRITE)
        }
    }
}

/// `generate --check`: compares the crate on disk with what would be written.
fn check_crate(
    settings: &Settings,
    generated: &specforge_codegen::Generated,
    args: &GenerateArgs,
) -> ExitCode {
    let stale = crate_gen::stale_files(settings, generated, &args.out);
    let mut stdout = std::io::stdout().lock();
    if stale.is_empty() {
        let _ = writeln!(stdout, "{}: up to date", args.out.display());
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(
        stdout,
        "{}: differs from what {} generates; run the same command without --check",
        args.out.display(),
        settings.spec.display()
    );
    for file in &stale {
        let _ = writeln!(stdout, "  differs   {}", file.display());
    }
    ExitCode::from(EXIT_STALE)
}

/// Says which `specforge` dependency `generate` wrote when no runtime option chose it,
/// and how to choose another: the default version is not on crates.io yet.
fn runtime_note(out: &mut impl Write, settings: &Settings) {
    let RuntimeDependency::Version(version) = &settings.runtime else {
        return;
    };
    let _ = writeln!(
        out,
        "note: Cargo.toml depends on `specforge = \"{version}\"` (this generator's version, the default)\n  \
         help: specforge is not published on crates.io yet; to build the crate, point it at a checkout \
         of the repository with `--runtime-path <repository>/runtime` (relative to the crate directory), \
         or choose a version with `--runtime-version <VERSION>`"
    );
}

/// `specforge check`: every diagnostic and a summary line on stdout.
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let settings = match args.settings.settings() {
        Ok(settings) => settings,
        Err(error) => return usage_error(&error),
    };
    let mut stdout = std::io::stdout().lock();
    match specforge_codegen::generate(&settings) {
        Ok(generated) => {
            print_diagnostics(&mut stdout, &settings, &generated.diagnostics);
            let warnings = generated.diagnostics.len();
            let summary = &generated.summary;
            let _ = writeln!(
                stdout,
                "{}: 0 errors, {warnings} warnings; {} operations and {} types would be generated, {} operations skipped",
                settings.spec.display(),
                summary.operations_generated,
                summary.types_generated,
                summary.operations_skipped.len(),
            );
            if args.deny_warnings && warnings > 0 {
                ExitCode::from(EXIT_INVALID)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => report_failure(&mut stdout, &settings, &error),
    }
}

/// Prints why generation failed, with a summary line; returns the exit code.
fn report_failure(out: &mut impl Write, settings: &Settings, error: &GenerateError) -> ExitCode {
    match error {
        GenerateError::Invalid(diagnostics) => {
            print_diagnostics(out, settings, diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(
                out,
                "{}: {errors} errors, {} warnings",
                settings.spec.display(),
                diagnostics.len() - errors,
            );
            ExitCode::from(EXIT_INVALID)
        }
        GenerateError::Io { .. } => {
            let _ = writeln!(out, "error: {error}");
            ExitCode::from(EXIT_INVALID)
        }
        GenerateError::Write { .. } => {
            let _ = writeln!(out, "error: {error}");
            ExitCode::from(EXIT_WRITE)
        }
        _ => {
            let _ = writeln!(out, "error: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

fn print_diagnostics(out: &mut impl Write, settings: &Settings, diagnostics: &[Diagnostic]) {
    // Errors first, then warnings; the pipeline's order within each.
    let ordered = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .chain(
            diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning),
        );
    for diagnostic in ordered {
        let _ = writeln!(out, "{}", render(diagnostic, &settings.spec));
    }
}

/// One diagnostic as text; without a source location, the spec path stands in.
fn render(diagnostic: &Diagnostic, spec: &Path) -> String {
    if diagnostic.location.is_some() {
        diagnostic.to_string()
    } else {
        format!("{}: {diagnostic}", spec.display())
    }
}

fn usage_error(error: &dyn std::fmt::Display) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {error}");
    ExitCode::from(EXIT_USAGE)
}
