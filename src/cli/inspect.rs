//! `govdoc inspect FILE [-o OUT.html]`: the self-contained inspect page of
//! one document, written atomically (to `FILE.html` beside the input by
//! default; `-o -` is stdout).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::convert::{STDIO, is_stdio, read_stdin, write_file, write_stdout};

/// Exit status for a file that could not be read or an output not written.
const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Where the page goes when `-o` is not given: `a/b.pdf` → `a/b.pdf.html`
/// (standard input → stdout).
fn default_output(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".html");
    PathBuf::from(name)
}

pub fn run(file: &Path, output: Option<&Path>, render: bool, quiet: bool) -> ExitCode {
    if render && !govdoc::inspect::render::AVAILABLE {
        eprintln!(
            "govdoc: error: --render needs a govdoc built with the `render` feature (cargo install --path . --features render)"
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let options = govdoc::inspect::Options { render };
    let inspection = if is_stdio(file) {
        read_stdin().and_then(|bytes| govdoc::inspect::inspect_bytes(&bytes, STDIO, options))
    } else {
        govdoc::inspect::inspect_path(file, options)
    };
    let inspection = match inspection {
        Ok(i) => i,
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let html = inspection.to_html();
    let output = match output {
        Some(o) => o.to_path_buf(),
        None if is_stdio(file) => PathBuf::from(STDIO),
        None => default_output(file),
    };
    let written = if is_stdio(&output) { write_stdout(html.as_bytes()) } else { write_file(&output, html.as_bytes()) };
    match written {
        Ok(()) => {
            if !quiet {
                for note in &inspection.notes {
                    eprintln!("govdoc: {note}");
                }
            }
            if !quiet && !is_stdio(&output) {
                eprintln!("wrote {} ({} KB)", output.display(), html.len().div_ceil(1024));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("govdoc: error: {message}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}
