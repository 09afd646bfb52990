//! One input of a batch, start to finish: read its bytes (under the size
//! limits), skip it if an earlier run already converted these very bytes,
//! convert, write the JSON. This is the file boundary: whatever happens
//! inside — an error or a panic — becomes this file's outcome and never
//! reaches the other files.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::report::Report;
use sha2::{Digest, Sha256};

use super::archive::MAX_ENTRY_BYTES;
use super::discover::{Input, Location};
use super::outdir::{self, Warning};
use crate::error::{Error, ErrorCode, Result};
use crate::{MAX_INPUT_BYTES, Output};

/// The conversion a batch runs on each file: its bytes, its name and, for a
/// file on disk, the folder it sits in (where a saved web page's pictures
/// are, as [`crate::convert_path`] reads them). [`crate::convert_bytes_in_folder`]
/// by default, or a stand-in (tests use one that panics on purpose).
pub type Converter = fn(&[u8], &str, Option<&Path>) -> Result<Output>;

/// How one input ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Converted and written.
    Converted,
    /// Its output from an earlier run records the same sha256: left alone.
    Unchanged,
    /// Not converted: the error, with its stable code.
    Failed(Error),
}

/// The outcome of one input: its status and what the summary counts.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    /// The output's `report` is not null: a recognized annual report.
    pub recognized: bool,
    /// The report's `checks.failed` is not empty.
    pub failed_checks: bool,
    /// The output's `report`, when it is not null.
    pub report: Option<Report>,
    /// The report's `complete` is false: a table missing or values not placed.
    pub incomplete: bool,
    /// The output's warning diagnostics (converted or unchanged).
    pub warnings: Vec<Warning>,
}

impl Outcome {
    fn failed(error: Error) -> Self {
        Outcome {
            status: Status::Failed(error),
            recognized: false,
            failed_checks: false,
            report: None,
            incomplete: false,
            warnings: Vec::new(),
        }
    }

    fn done(status: Status, report: Option<Report>, warnings: Vec<Warning>) -> Self {
        let failed_checks = report.as_ref().is_some_and(|r| !r.checks.failed.is_empty());
        let incomplete = report.as_ref().is_some_and(|r| !r.complete);
        Outcome { status, recognized: report.is_some(), failed_checks, report, incomplete, warnings }
    }
}

/// Processes `input`, writing its JSON to `output`. Never panics.
pub fn run(input: &Input, output: &Path, force: bool, convert: Converter) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| process(input, output, force, convert))) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => {
            outdir::remove_stale(output);
            Outcome::failed(error)
        }
        Err(panic) => {
            outdir::remove_stale(output);
            Outcome::failed(Error::new(
                ErrorCode::Internal,
                format!(
                    "govdoc hit a bug on this file ({}); the other files are not affected — please report it with the file",
                    panic_message(panic.as_ref())
                ),
            ))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = panic.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".to_string()
    }
}

fn process(input: &Input, output: &Path, force: bool, convert: Converter) -> Result<Outcome> {
    let bytes = read(&input.location)?;
    if !force
        && let Some(existing) = outdir::existing(output) {
            // The name too: after a collision was settled differently, the
            // same bytes can sit at another source's output path.
            if existing.name == input.source && existing.sha256 == hex(&Sha256::digest(&bytes)) {
                return Ok(Outcome::done(Status::Unchanged, existing.report, existing.warnings));
            }
        }
    // A zip entry's pictures would be other entries, not files on disk.
    let folder = match &input.location {
        Location::File(path) => path.parent(),
        _ => None,
    };
    let converted = convert(&bytes, &input.source, folder)?;
    drop(bytes);
    let warnings = Warning::of(&converted.document.diagnostics);
    let text = converted.to_pretty_json();
    outdir::write(output, &text).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!(
                "the output {} cannot be written ({e}); check the output folder's permissions and free space",
                output.display()
            ),
        )
    })?;
    Ok(Outcome::done(Status::Converted, converted.document.report, warnings))
}

/// The input's bytes, within [`MAX_INPUT_BYTES`] (files) or
/// [`MAX_ENTRY_BYTES`] (zip entries).
fn read(location: &Location) -> Result<Vec<u8>> {
    match location {
        Location::File(path) => {
            let cannot_read = |e: std::io::Error| {
                Error::new(
                    ErrorCode::Io,
                    format!("the file cannot be read ({e}); check that it exists and is readable"),
                )
            };
            let size = std::fs::metadata(path).map_err(cannot_read)?.len();
            if size > MAX_INPUT_BYTES {
                return Err(Error::too_large(format!("the file is {size} bytes, over the limit of {MAX_INPUT_BYTES}")));
            }
            std::fs::read(path).map_err(cannot_read)
        }
        Location::ZipEntry { archive, index } => archive.read(*index, MAX_ENTRY_BYTES.min(MAX_INPUT_BYTES)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
