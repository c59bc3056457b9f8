//! The commands: `generate` (write a crate) and `check` (diagnostics only).
//!
//! `generate` without `--runtime-path` or `--runtime-version` ends with a note on
//! stderr naming the `specforge` dependency it wrote and the flags that change it.
//!
//! Diagnostics are rendered by [`super::report`] (`--message-format human|json`).
//! With `json`, stdout carries only the diagnostics' JSON lines; every other line
//! (summaries, the list of written files, notes) goes to stderr.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use specforge_codegen::{
    Diagnostic, GenerateError, RuntimeDependency, Settings, Severity, crate_gen,
};

use super::args::{CheckArgs, GenerateArgs};
use super::report::{MessageFormat, Reporter};
use super::{EXIT_INVALID, EXIT_STALE, EXIT_USAGE, EXIT_WRITE};

/// Where each kind of output goes for one command.
struct Streams {
    reporter: Reporter,
    /// Diagnostics to stdout (`check`, or any command with `json`), else stderr.
    diagnostics_to_stdout: bool,
    /// Summaries and reports to stdout (not with `json`), else stderr.
    text_to_stdout: bool,
}

impl Streams {
    /// `human_diagnostics_to_stdout`: where the human diagnostics go (`check`: stdout).
    fn new(format: MessageFormat, settings: &Settings, human_diagnostics_to_stdout: bool) -> Self {
        let json = format == MessageFormat::Json;
        let diagnostics_to_stdout = json || human_diagnostics_to_stdout;
        let terminal = if diagnostics_to_stdout {
            std::io::stdout().is_terminal()
        } else {
            std::io::stderr().is_terminal()
        };
        Self {
            reporter: Reporter::new(format, &settings.spec, terminal),
            diagnostics_to_stdout,
            text_to_stdout: !json,
        }
    }

    fn text(&self) -> Box<dyn Write> {
        stream(self.text_to_stdout)
    }

    /// Every diagnostic, errors first, then warnings (the pipeline's order within each).
    fn diagnostics(&mut self, diagnostics: &[Diagnostic]) {
        let ordered = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .chain(
                diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning),
            );
        let mut out = stream(self.diagnostics_to_stdout);
        // Human diagnostics are separated by a blank line, as rustc's are.
        let gap = if self.text_to_stdout { "\n" } else { "" };
        for diagnostic in ordered {
            let _ = writeln!(out, "{}{gap}", self.reporter.render(diagnostic));
        }
    }
}

fn stream(stdout: bool) -> Box<dyn Write> {
    if stdout {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::io::stderr().lock())
    }
}

/// `specforge generate`: diagnostics go to stderr, the report of what was written to stdout
/// (with `--message-format json`: diagnostics to stdout, the rest to stderr).
pub(crate) fn generate(args: &GenerateArgs) -> ExitCode {
    let (settings, given) = match args.settings.resolve() {
        Ok(resolved) => (resolved.settings, resolved.given),
        Err(error) => return usage_error(&error),
    };
    let mut streams = Streams::new(args.message_format, &settings, false);
    let generated = match specforge_codegen::generate_crate(&settings) {
        Ok(generated) => generated,
        Err(error) => {
            let code = report_failure(&mut streams, &settings, &error);
            let _ = writeln!(std::io::stderr(), "error: no crate was written");
            return code;
        }
    };
    streams.diagnostics(&generated.diagnostics);
    if args.check {
        return check_crate(&streams, &settings, &generated, args);
    }
    match crate_gen::write_crate(&settings, &generated, &args.out) {
        Ok(report) => {
            let mut stdout = streams.text();
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
                runtime_note(&mut std::io::stderr(), &settings);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitCode::from(EXIT_WRITE)
        }
    }
}

/// `generate --check`: compares the crate on disk with what would be written.
fn check_crate(
    streams: &Streams,
    settings: &Settings,
    generated: &specforge_codegen::Generated,
    args: &GenerateArgs,
) -> ExitCode {
    let stale = crate_gen::stale_files(settings, generated, &args.out);
    let mut stdout = streams.text();
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

/// `specforge check`: every diagnostic and a summary line on stdout (with
/// `--message-format json`, the summary on stderr). Runs only up to the model:
/// no code is emitted or formatted ([`specforge_codegen::check`]).
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let settings = match args.settings.settings() {
        Ok(settings) => settings,
        Err(error) => return usage_error(&error),
    };
    let mut streams = Streams::new(args.message_format, &settings, true);
    match specforge_codegen::check(&settings) {
        Ok(checked) => {
            streams.diagnostics(&checked.diagnostics);
            let warnings = checked.diagnostics.len();
            let summary = &checked.summary;
            let _ = writeln!(
                streams.text(),
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
        Err(error) => report_failure(&mut streams, &settings, &error),
    }
}

/// Prints why generation failed, with a summary line; returns the exit code.
fn report_failure(streams: &mut Streams, settings: &Settings, error: &GenerateError) -> ExitCode {
    match error {
        GenerateError::Invalid(diagnostics) => {
            streams.diagnostics(diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(
                streams.text(),
                "{}: {errors} errors, {} warnings",
                settings.spec.display(),
                diagnostics.len() - errors,
            );
            ExitCode::from(EXIT_INVALID)
        }
        GenerateError::Io { .. } => {
            let _ = writeln!(streams.text(), "error: {error}");
            ExitCode::from(EXIT_INVALID)
        }
        GenerateError::Write { .. } => {
            let _ = writeln!(streams.text(), "error: {error}");
            ExitCode::from(EXIT_WRITE)
        }
        _ => {
            let _ = writeln!(streams.text(), "error: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

fn usage_error(error: &dyn std::fmt::Display) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {error}");
    ExitCode::from(EXIT_USAGE)
}
