//! The `orgtree` binary: parse the command line, run the command, map the outcome to an exit
//! code. The work itself is in the library.

mod cli;
mod commands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use orgtree::text::Escaped;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return command_line_error(&error),
    };
    let outcome = commands::run(cli);
    // A step an error cut short leaves no progress line under the message.
    commands::progress_line::end();
    match outcome {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        // Ctrl-C stopped the work, and what was under way failed for it.
        Err(_) if orgtree::progress::cancelled() => {
            let _ = writeln!(std::io::stderr(), "orgtree: interrupted");
            ExitCode::from(commands::progress_line::INTERRUPTED)
        }
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

/// Help and version go to standard output as clap writes them. An error quotes what was
/// typed, and a file name from a shell glob (`orgtree check *.json`) can hold escape
/// sequences or bidi overrides: the command line is parsed again with every such character
/// written as a visible escape, and that parse's error is the one shown, in clap's colours.
fn command_line_error(error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let shown = std::env::args_os().map(|arg| Escaped(&arg.to_string_lossy()).to_string());
    let code = u8::try_from(error.exit_code()).unwrap_or(commands::UNUSABLE);
    match cli::Cli::try_parse_from(shown) {
        Err(again) if again.kind() == error.kind() => {
            let _ = again.print();
        }
        // Escaping changed the outcome: the first error, without colours, line by line.
        _ => {
            let text = error.render().to_string();
            let mut err = std::io::stderr().lock();
            for line in text.lines() {
                let _ = writeln!(err, "{}", Escaped(line));
            }
        }
    }
    ExitCode::from(code)
}
