//! Batch conversion: every document below a folder or inside a zip, in
//! parallel, one JSON per input in an output folder that mirrors the input's
//! relative paths (`OUTDIR/2019/a.pdf.json`), failures in
//! `OUTDIR/errors.jsonl`, the warnings of the files that converted in
//! `OUTDIR/warnings.jsonl`. One bad file never costs the others.
//!
//! ```no_run
//! let summary = govdoc::batch::run(
//!     "reports/".as_ref(),
//!     "out/".as_ref(),
//!     &govdoc::batch::Options::default(),
//!     &|_event| {},
//! )?;
//! println!("{} converted, {} failed", summary.converted, summary.failed);
//! # Ok::<(), govdoc::batch::BatchError>(())
//! ```
//!
//! The stages, one crate-private module each: `discover` finds the inputs
//! (zip entries through `archive`, names decoded by `zipname`); `plan` gives
//! each a safe, unique output path; `task` converts one file inside the
//! panic boundary; `outdir` owns what is written. This module runs them on a
//! thread pool of its own and counts the outcomes. [`panel`] puts many
//! reports into one long table, with the cross-year checks of each agency.
//!
//! Memory stays flat over any number of files: discovery keeps names, a
//! worker holds one input at a time, and only small outcomes are kept (plus
//! each recognized report's JSON when a summary CSV is asked for).
//!
//! Resume: an input whose output exists and records the same `source.name`
//! and `source.sha256` is left alone (`unchanged`) unless `force` is set.
//! Failed inputs are always tried again, and `errors.jsonl` and
//! `warnings.jsonl` are rewritten whole on every run (an unchanged output's
//! warnings are read back from it).

pub mod panel;

internal! {
    mod archive;
    mod discover;
    mod outdir;
    mod plan;
    mod task;
}

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::report::Report;

pub use discover::Skipped;
pub use outdir::{FileError, Warning};
pub use task::{Converter, Status};

/// Stack of each worker thread. Conversions run on the main thread's 8 MiB
/// in `govdoc convert`; workers get more, so a document that converts there
/// never overflows here.
const WORKER_STACK_BYTES: usize = 16 << 20;

/// How a batch runs.
#[derive(Clone)]
pub struct Options {
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    /// Convert every input, even those an earlier run converted already.
    pub force: bool,
    /// Keep each recognized report's JSON for [`Summary::reports`] (for the
    /// summary CSV); off, the batch keeps no per-file data but counts.
    pub collect_reports: bool,
    /// The conversion run on each file: [`crate::convert_bytes`] by default.
    pub converter: Converter,
    /// Set (by a Ctrl-C handler) to stop: files not yet started are left
    /// alone, files in progress finish, and the logs are written for what
    /// was done ([`Summary::not_started`] counts the rest).
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: None,
            force: false,
            collect_reports: false,
            converter: crate::convert_bytes_in_folder,
            stop: None,
        }
    }
}

/// Progress, for a progress bar or a log. `Finished` comes from the worker
/// threads, in the order files finish.
#[derive(Debug)]
pub enum Event<'a> {
    /// Discovery is done: `inputs` files will be processed (discovery
    /// failures included); `skipped` are the files that are not inputs.
    Started {
        /// Inputs found.
        inputs: usize,
        /// Files found that are not inputs.
        skipped: &'a [Skipped],
    },
    /// One input is done; `warnings` counts its output's warning diagnostics.
    Finished {
        /// The input's path relative to the batch root.
        source: &'a str,
        /// Converted, unchanged or failed.
        status: &'a Status,
        /// Warning diagnostics of its output.
        warnings: usize,
    },
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Converted without a warning.
    pub converted: usize,
    /// Converted, with at least one warning diagnostic (see `warnings_path`).
    pub converted_with_warnings: usize,
    /// Left alone: converted by an earlier run from the same bytes.
    pub unchanged: usize,
    /// Not converted: an error (listed in `errors`).
    pub failed: usize,
    /// Files that are not inputs, sorted by source.
    pub skipped: Vec<Skipped>,
    /// Outputs (converted or unchanged) whose `report` is not null.
    pub reports_recognized: usize,
    /// Of those, the ones with a non-empty `report.checks.failed`.
    pub reports_with_failed_checks: usize,
    /// Of those, the ones whose `report.complete` is false.
    pub reports_incomplete: usize,
    /// Outputs (converted or unchanged) with at least one warning.
    pub outputs_with_warnings: usize,
    /// `OUTDIR/warnings.jsonl`.
    pub warnings_path: PathBuf,
    /// The failures, sorted by source, as written to `errors.jsonl`.
    pub errors: Vec<FileError>,
    /// `OUTDIR/errors.jsonl`.
    pub errors_path: PathBuf,
    /// (source, report JSON) of every recognized report, sorted by source;
    /// filled only with [`Options::collect_reports`].
    pub reports: Vec<(String, Report)>,
    /// Wall time of the whole batch.
    pub elapsed: Duration,
    /// Inputs left alone because the batch was stopped ([`Options::stop`]).
    pub not_started: usize,
}

impl Summary {
    /// Inputs processed: converted (with or without warnings), unchanged and failed.
    pub fn inputs(&self) -> usize {
        self.converted + self.converted_with_warnings + self.unchanged + self.failed
    }

    /// Inputs processed per second of wall time.
    pub fn files_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 { self.inputs() as f64 / seconds } else { 0.0 }
    }
}

/// Why a batch could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchError {
    /// The command line is wrong: INPUT missing or not a folder or zip,
    /// OUTDIR a file, no threads.
    Usage(String),
    /// The output folder or the error log cannot be written.
    Output(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Usage(m) | BatchError::Output(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BatchError {}

/// Converts every input below `input` (a folder or a `.zip`) into `outdir`.
/// Per-file failures are in the summary and in `errors.jsonl`; an `Err` means
/// the batch could not run at all.
pub fn run(
    input: &Path,
    outdir: &Path,
    options: &Options,
    observer: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    check_input(input)?;
    if outdir.exists() && !outdir.is_dir() {
        return Err(BatchError::Usage(format!(
            "{}: the output must be a folder, and this is a file",
            outdir.display()
        )));
    }
    if options.jobs == Some(0) {
        return Err(BatchError::Usage("-j needs at least 1 thread".into()));
    }
    std::fs::create_dir_all(outdir)
        .map_err(|e| BatchError::Output(format!("{}: the output folder cannot be created ({e})", outdir.display())))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .stack_size(WORKER_STACK_BYTES)
        .thread_name(|i| format!("govdoc-batch-{i}"))
        .build()
        .map_err(|e| BatchError::Output(format!("cannot start the worker threads ({e})")))?;

    let found = discover::discover(input, Some(outdir));
    let sources: Vec<&str> = found.inputs.iter().map(|i| i.source.as_str()).collect();
    let outputs: Vec<PathBuf> = plan::output_paths(&sources).into_iter().map(|p| outdir.join(p)).collect();
    let folders: BTreeSet<&Path> = outputs.iter().filter_map(|p| p.parent()).chain([outdir]).collect();
    outdir::remove_leftovers(folders);

    let mut summary = Summary { skipped: found.skipped, ..Summary::default() };
    observer(Event::Started { inputs: found.inputs.len() + found.failures.len(), skipped: &summary.skipped });
    for (source, error) in found.failures {
        let status = Status::Failed(error.clone());
        observer(Event::Finished { source: &source, status: &status, warnings: 0 });
        summary.errors.push(FileError { source, error });
    }

    let stopped = || options.stop.as_ref().is_some_and(|stop| stop.load(Ordering::Relaxed));
    let outcomes: Vec<Option<task::Outcome>> = pool.install(|| {
        found
            .inputs
            .par_iter()
            .zip(outputs.par_iter())
            .map(|(input, output)| {
                if stopped() {
                    return None;
                }
                let mut outcome = task::run(input, output, options.force, options.converter);
                let warnings = outcome.warnings.len();
                observer(Event::Finished { source: &input.source, status: &outcome.status, warnings });
                if !options.collect_reports {
                    // Counted already; a batch without a summary keeps no reports.
                    outcome.report = None;
                }
                Some(outcome)
            })
            .collect()
    });

    let mut warnings: Vec<(String, Vec<Warning>)> = Vec::new();
    for (input, outcome) in found.inputs.into_iter().zip(outcomes) {
        let Some(outcome) = outcome else {
            summary.not_started += 1;
            continue;
        };
        match outcome.status {
            Status::Converted if !outcome.warnings.is_empty() => summary.converted_with_warnings += 1,
            Status::Converted => summary.converted += 1,
            Status::Unchanged => summary.unchanged += 1,
            Status::Failed(error) => summary.errors.push(FileError { source: input.source.clone(), error }),
        }
        summary.reports_recognized += usize::from(outcome.recognized);
        summary.reports_with_failed_checks += usize::from(outcome.failed_checks);
        summary.reports_incomplete += usize::from(outcome.incomplete);
        if !outcome.warnings.is_empty() {
            summary.outputs_with_warnings += 1;
            warnings.push((input.source.clone(), outcome.warnings));
        }
        if let Some(report) = outcome.report {
            summary.reports.push((input.source, report));
        }
    }
    summary.failed = summary.errors.len();
    summary.errors_path = outdir::write_errors(outdir, &mut summary.errors).map_err(|e| {
        BatchError::Output(format!(
            "{}: the error log cannot be written ({e})",
            outdir.join(plan::ERRORS_FILE).display()
        ))
    })?;
    summary.warnings_path = outdir::write_warnings(outdir, &mut warnings).map_err(|e| {
        BatchError::Output(format!(
            "{}: the warning log cannot be written ({e})",
            outdir.join(plan::WARNINGS_FILE).display()
        ))
    })?;
    summary.reports.sort_by(|a, b| a.0.cmp(&b.0));
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn check_input(input: &Path) -> Result<(), BatchError> {
    let meta = std::fs::metadata(input).map_err(|e| {
        BatchError::Usage(format!("{}: the input cannot be opened ({e}); give a folder or a .zip", input.display()))
    })?;
    let is_zip = input.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if meta.is_dir() || is_zip {
        Ok(())
    } else {
        Err(BatchError::Usage(format!(
            "{}: `govdoc batch` takes a folder or a .zip; for one file use `govdoc convert`",
            input.display()
        )))
    }
}

#[cfg(test)]
mod tests;
