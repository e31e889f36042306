//! The `orgtree` binary: parse the command line, run the command, map the outcome to an exit
//! code. The work itself is in the library.

mod cli;
mod commands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!, which panics when standard error is gone (a hung-up terminal).
            let _ = writeln!(std::io::stderr(), "orgtree: error: {error:#}");
            ExitCode::from(commands::UNUSABLE)
        }
    }
}

/// Output cut short by a reader that stopped reading (`orgtree print big.json | head`) is
/// not an error worth a message.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
