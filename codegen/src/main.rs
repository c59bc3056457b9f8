//! The `specforge` command-line tool: `specforge generate` writes a client
//! crate, `specforge check` prints the diagnostics of a document. See
//! [`cli`] for the commands and exit codes.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
