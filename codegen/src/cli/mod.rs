//! The CLI: argument parsing ([`args`]), the commands ([`commands`]) and how
//! diagnostics are printed ([`report`]).
//!
//! Exit codes (also in `specforge --help`): 0 success; 1 the document has
//! errors or cannot be read (with `check --deny-warnings`: also warnings);
//! 2 bad command line; 3 the output cannot be written; 4 `generate --check` found a
//! crate that differs from what the document generates.

mod args;
mod commands;
mod config;
mod report;

use std::process::ExitCode;

use clap::Parser;

/// Exit status: the document has errors or cannot be read.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit status: bad command line (clap uses 2 as well).
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit status: the output cannot be written.
pub(crate) const EXIT_WRITE: u8 = 3;
/// Exit status: `generate --check` found files that differ from the generated ones.
pub(crate) const EXIT_STALE: u8 = 4;

/// Parses the command line and runs the command.
pub(crate) fn run() -> ExitCode {
    let cli = args::Cli::parse();
    match cli.command {
        args::Command::Generate(generate) => commands::generate(&generate),
        args::Command::Check(check) => commands::check(&check),
    }
}
