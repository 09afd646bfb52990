//! `govdoc convert`: one or more FILEs (`-` is standard input) to JSON on
//! stdout, to a file, to a folder, or as JSON Lines on stdout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use govdoc::{Error, ErrorCode};

/// The command-line name of standard input and standard output.
pub const STDIO: &str = "-";

/// Exit status for a file that could not be converted; usage errors are 2.
const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// How each document is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Pretty JSON, keys in RFC 8785 order.
    Pretty,
    /// RFC 8785 canonical bytes and a newline.
    Compact,
    /// One compact document per line (JSON Lines), for any number of inputs.
    JsonLines,
}

/// Where the documents go.
enum Sink<'a> {
    Stdout,
    File(&'a Path),
    Folder(&'a Path),
}

pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("govdoc: error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Runs `govdoc convert`. Every input is tried (a failure is reported and
/// the rest go on); the exit status is 1 if any failed, or with `strict` if
/// any had warnings.
///
/// `stop` (set by Ctrl-C) is looked at between files: the file in progress
/// is finished and written whole, the rest are left, and the exit status
/// is 130.
pub fn run(
    files: &[PathBuf],
    output: Option<&Path>,
    style: Style,
    strict: bool,
    quiet: bool,
    stop: &AtomicBool,
) -> ExitCode {
    if files.iter().filter(|f| is_stdio(f)).count() > 1 {
        return usage("`-` (standard input) can be given only once");
    }
    let sink = match (output, files.len()) {
        (None, _) if style == Style::JsonLines => Sink::Stdout,
        (None, 1) => Sink::Stdout,
        (None, _) => {
            return usage(format!(
                "{} files given; write them to a folder with `-o DIR` or to stdout as JSON Lines with `--jsonl`",
                files.len()
            ));
        }
        (Some(path), 1) if is_stdio(path) => Sink::Stdout,
        (Some(path), 1) if !path.is_dir() => Sink::File(path),
        (Some(path), _) => Sink::Folder(path),
    };
    if let Sink::Folder(dir) = sink
        && let Err(code) = check_folder_outputs(files, dir)
    {
        return code;
    }
    let mut status = ExitCode::SUCCESS;
    for (done, file) in files.iter().enumerate() {
        if stop.load(Ordering::SeqCst) {
            eprintln!(
                "govdoc: error: interrupted: {done} of {} file(s) done, {} not started",
                files.len(),
                files.len() - done
            );
            return ExitCode::from(crate::EXIT_INTERRUPTED);
        }
        let name = file.to_string_lossy();
        let converted = match read(file) {
            Ok(converted) => converted,
            Err(e) => {
                eprintln!("govdoc: error: {e}");
                status = ExitCode::from(EXIT_FAILED);
                continue;
            }
        };
        let text = match style {
            Style::Pretty => converted.to_pretty_json(),
            Style::Compact | Style::JsonLines => converted.to_compact_json() + "\n",
        };
        let written = match sink {
            Sink::Stdout => write_stdout(text.as_bytes()),
            Sink::File(path) => write_file(path, text.as_bytes()),
            Sink::Folder(dir) => write_file(&dir.join(output_name(file)), text.as_bytes()),
        };
        if let Err(message) = written {
            eprintln!("govdoc: error: {message}");
            return ExitCode::from(EXIT_FAILED);
        }
        let warnings = converted.document.diagnostics.iter().filter(|d| d.level == govdoc::Level::Warning);
        let mut count = 0;
        for warning in warnings {
            count += 1;
            if !quiet {
                eprintln!("govdoc: warning: {name}: {warning}");
            }
        }
        if strict && count > 0 {
            eprintln!("govdoc: error: {name}: --strict: {count} warning(s)");
            status = ExitCode::from(EXIT_FAILED);
        }
    }
    status
}

/// Several inputs into one folder: standard input has no name to write
/// under, and two inputs with the same file name would overwrite each
/// other — both refused before anything is converted. The folder is created
/// when missing.
fn check_folder_outputs(files: &[PathBuf], dir: &Path) -> Result<(), ExitCode> {
    if files.iter().any(|f| is_stdio(f)) {
        return Err(usage("`-` (standard input) has no name to write under in a folder; use `--jsonl`"));
    }
    let mut seen = std::collections::BTreeMap::new();
    for file in files {
        if let Some(first) = seen.insert(output_name(file), file) {
            return Err(usage(format!(
                "{} and {} would both be written to {}; convert them in two runs or use `govdoc batch`",
                first.display(),
                file.display(),
                dir.join(output_name(file)).display()
            )));
        }
    }
    let looks_like_json_file = dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !dir.exists() && looks_like_json_file {
        return Err(usage(format!(
            "{}: with several FILEs, -o names a folder, and this looks like a file name; give a folder, or use `--jsonl > {}l` for one file",
            dir.display(),
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!("{}: with several FILEs, -o names a folder, and this is a file", dir.display())));
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("govdoc: error: {}: io: cannot create the output folder ({e})", dir.display());
        return Err(ExitCode::from(EXIT_FAILED));
    }
    Ok(())
}

/// `a/b.pdf` → `b.pdf.json`, as `govdoc batch` and the golden files name outputs.
fn output_name(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or(file.as_os_str()).to_owned();
    name.push(".json");
    PathBuf::from(name)
}

/// Converts one input; `-` is standard input, named `-` in `source.name`.
fn read(file: &Path) -> Result<govdoc::Output, Error> {
    if !is_stdio(file) {
        return govdoc::convert_path(file);
    }
    govdoc::convert_bytes(&read_stdin()?, STDIO)
}

/// Standard input, whole, within the input size limit.
pub fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    let limit = govdoc::MAX_INPUT_BYTES;
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorCode::Io, format!("standard input cannot be read ({e})")).in_file(STDIO))?;
    if bytes.len() as u64 > limit {
        return Err(Error::too_large(format!("standard input is over the limit of {limit} bytes")).in_file(STDIO));
    }
    Ok(bytes)
}

/// Writes to stdout; a closed pipe is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing to stdout: {e}")),
        _ => Ok(()),
    }
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    govdoc::write_atomically(path, bytes).map_err(|e| crate::cli::output_error(path, "the output", &e))
}
