//! The `govdoc` command: argument parsing and printing over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status for a file that could not be converted (usage errors are 2).
const EXIT_FAILED: u8 = 1;

#[derive(Parser)]
#[command(name = "govdoc", version, about = "Official Chinese government documents (DOCX, PDF) to canonical JSON")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert one file to JSON (stdout by default).
    Convert {
        file: PathBuf,
        /// Write the JSON here instead of stdout (atomically).
        #[arg(short, long, value_name = "OUT.json")]
        output: Option<PathBuf>,
        /// RFC 8785 canonical bytes instead of pretty JSON.
        #[arg(long)]
        compact: bool,
    },
    /// Convert every sample and compare with GOLDEN/<file name>.json.
    Golden {
        samples: PathBuf,
        golden: PathBuf,
        /// Rewrite the golden files (refused when CI is set).
        #[arg(long)]
        bless: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert { file, output, compact } => convert(&file, output.as_deref(), compact),
        Command::Golden { samples, golden, bless } => check_golden(&samples, &golden, bless),
    }
}

fn convert(file: &std::path::Path, output: Option<&std::path::Path>, compact: bool) -> ExitCode {
    let converted = match govdoc::convert_path(file) {
        Ok(converted) => converted,
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let mut text = if compact { converted.to_compact_json() } else { converted.to_pretty_json() };
    if compact {
        text.push('\n');
    }
    match output {
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("govdoc: error: writing to stdout: {e}");
                    return ExitCode::from(EXIT_FAILED);
                }
            }
        }
        Some(path) => {
            if let Err(e) = govdoc::write_atomically(path, text.as_bytes()) {
                eprintln!("govdoc: error: {}: io: cannot write the output ({e})", path.display());
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }
    ExitCode::SUCCESS
}

fn check_golden(samples: &std::path::Path, golden: &std::path::Path, bless: bool) -> ExitCode {
    if bless {
        if let Err(e) = govdoc::golden::bless_allowed() {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(2);
        }
    }
    let results = match govdoc::golden::check(samples, golden, bless) {
        Ok(results) => results,
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let failed = results.iter().filter(|r| !r.passed()).count();
    for r in &results {
        println!("{r}");
    }
    println!("{} sample(s), {failed} failing", results.len());
    if failed > 0 { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS }
}
