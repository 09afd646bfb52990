//! govdoc turns official Chinese government documents — DOCX, PDF (scanned
//! ones by OCR), OFD, saved web pages (HTML, MHTML), Word 6.0–2003 `.doc` and
//! Markdown — into canonical JSON (schema "govdoc/1", see SPEC.md): every
//! paragraph, heading and table, tables cut across pages rejoined, and for
//! an annual report on government information disclosure its statistics as
//! typed data and its consistency checks.
//!
//! Convert a file (or bytes), then read the [`Document`]: its [`Block`]s,
//! its tables' [`Cell`]s, its [`Diagnostic`]s, and its [`report::Report`].
//!
//! ```
//! use govdoc::{Block, ErrorCode};
//! use govdoc::report::{ApplicantColumn, ApplicationRow, Number, Stat};
//!
//! let output = govdoc::convert_path("samples/report-2019-libreoffice.docx")?;
//! let document = &output.document;
//! let tables = document.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
//! assert!(tables >= 3);
//!
//! // The annual report, typed: one value by (table, row, column).
//! let report = document.report.as_ref().expect("an annual report");
//! let new = report.get(Stat::Applications(ApplicationRow::New, ApplicantColumn::Total));
//! assert_eq!(new, Some(Number::Int(8011)));
//!
//! // The SPEC's JSON, canonical.
//! assert!(output.to_pretty_json().contains("\"schema\": \"govdoc/1\""));
//!
//! // Errors have a stable code.
//! let error = govdoc::convert_bytes(b"", "empty.pdf").unwrap_err();
//! assert_eq!(error.code, ErrorCode::Corrupt);
//! # Ok::<(), govdoc::Error>(())
//! ```
//!
//! The public API: [`convert_path`], [`convert_bytes`] and their forms
//! with [`Options`] ([`convert_path_with`], [`convert_bytes_with`]: the
//! resource budget [`Limits`] and the [`OcrMode`] of one call) and
//! [`convert_bytes_with_limits`] give an [`Output`]; the data is [`Document`], [`Block`], [`Table`], [`Cell`],
//! [`Note`], [`Source`], [`Format`], [`Diagnostic`], [`Level`]; the report is
//! the [`report`] module (typed statistics, checks, the summary CSV);
//! [`batch`] converts folders and zips; [`golden`] compares outputs with
//! golden files; [`compare`] sets two years' reports side by side;
//! [`inspect`] draws where each value was read from; errors are [`Error`]
//! with an [`ErrorCode`].
//!
//! The pipeline, one crate-private module per stage: a front end per format
//! (`docx`, `pdf`, `ofd`, `html`, `doc`, `md`) recovers paragraph and table fragments;
//! `rebuild` turns them into whole blocks; `report` reads the
//! annual-report template from them; `json` writes the canonical form. The
//! cargo feature `internals` makes those modules public, for the fuzz
//! targets, benches, examples and integration tests; they are not a stable
//! API.

#![warn(missing_docs)]

/// Declares pipeline modules: crate-private, public (and exempt from the
/// documentation lint) with the `internals` feature.
macro_rules! internal {
    ($($(#[$meta:meta])* mod $name:ident;)*) => {$(
        $(#[$meta])*
        #[cfg(feature = "internals")]
        #[allow(missing_docs)]
        pub mod $name;
        $(#[$meta])*
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

/// Declares a pipeline function in a public module: crate-private, public
/// with the `internals` feature.
macro_rules! internal_fn {
    ($(#[$meta:meta])* fn $name:ident $($rest:tt)*) => {
        $(#[$meta])*
        #[cfg(feature = "internals")]
        pub fn $name $($rest)*
        $(#[$meta])*
        #[cfg(not(feature = "internals"))]
        pub(crate) fn $name $($rest)*
    };
}

pub mod batch;
pub mod compare;
pub mod golden;
pub mod inspect;
pub mod report;

mod document;
mod error;

internal! {
    mod budget;
    mod confidence;
    mod counter;
    mod detect;
    mod doc;
    mod docx;
    mod encoding;
    mod grid;
    mod html;
    mod json;
    mod markup;
    mod md;
    mod model;
    mod ofd;
    mod pdf;
    mod rebuild;
    mod text;
    mod zipname;
}

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use budget::Limits;
pub use document::Document;
pub use error::{Error, ErrorCode, Result};
pub use model::{Block, Cell, Diagnostic, Format, Level, Note, NoteKind, Source, Table};
pub use model::{OcrSource, OcrValue};
/// OCR of scanned pages: when pages are recognised ([`OcrMode`]), chosen
/// per conversion with [`Options::ocr`]; [`set_ocr_mode`] sets the process's
/// default (the CLI's `--ocr`), which [`Options::default`] takes.
pub use pdf::ocr::{Mode as OcrMode, set_mode as set_ocr_mode};

/// Largest input file accepted, in bytes ([`budget::Limits::input_bytes`]).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// A converted document, ready to serialize.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The document as typed data.
    pub document: Document,
}

impl Output {
    /// The SPEC's JSON object.
    pub fn to_json_value(&self) -> serde_json::Value {
        json::to_value(&self.document)
    }

    /// Canonical pretty JSON: sorted keys, 2-space indentation, final newline.
    pub fn to_pretty_json(&self) -> String {
        json::canonical::pretty(&self.to_json_value())
    }

    /// RFC 8785 (JCS) bytes: its sha256 fingerprints the content.
    pub fn to_compact_json(&self) -> String {
        json::canonical::compact(&self.to_json_value())
    }
}

/// How one conversion runs: its resource budget and which pages are read
/// by OCR. Each call can choose its own — a library serving several users
/// converts one upload with OCR and the next without.
///
/// ```
/// use govdoc::{ErrorCode, OcrMode, Options};
///
/// // A scan without OCR has no text, whatever the process's default.
/// let never = Options { ocr: OcrMode::Never, ..Options::default() };
/// let error = govdoc::convert_path_with("samples/scan/scan-report-2019-200-noisy.pdf", &never).unwrap_err();
/// assert_eq!(error.code, ErrorCode::NoTextLayer);
///
/// // A digital document reads the same in every mode.
/// let output = govdoc::convert_path_with("samples/report-2019-libreoffice.pdf", &never)?;
/// assert!(output.document.source.ocr.is_none());
/// # Ok::<(), govdoc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The document's resource budget.
    pub limits: Limits,
    /// Which pages are read by OCR.
    pub ocr: OcrMode,
}

impl Default for Options {
    /// The default budget, and the process's OCR mode ([`set_ocr_mode`];
    /// [`OcrMode::Auto`] unless set).
    fn default() -> Self {
        Options { limits: Limits::default(), ocr: pdf::ocr::mode() }
    }
}

/// Converts the file at `path`; `source.name` is the path as given.
pub fn convert_path(path: impl AsRef<Path>) -> Result<Output> {
    convert_path_with(path, &Options::default())
}

/// [`convert_path`] with [`Options`] of its own.
pub fn convert_path_with(path: impl AsRef<Path>, options: &Options) -> Result<Output> {
    let path = path.as_ref();
    let bytes = read_input(path)?;
    let name = path.to_string_lossy();
    let recogniser = || pdf::ocr::Recogniser::with_mode(options.ocr);
    budget::scope(options.limits, || convert_inner(&bytes, &name, page_folder(path.parent()), None, recogniser))
        .map_err(|e| e.in_file(&name))
}

/// [`convert_bytes`] of a file read from `folder`, where a saved web page's
/// pictures are ("Save page as… complete": `name_files/` beside
/// `name.html`), as [`convert_path`] reads them; the batch and the golden
/// files name their inputs other than by path.
pub fn convert_bytes_in_folder(bytes: &[u8], name: &str, folder: Option<&Path>) -> Result<Output> {
    let options = Options::default();
    let recogniser = || pdf::ocr::Recogniser::with_mode(options.ocr);
    budget::scope(options.limits, || convert_inner(bytes, name, page_folder(folder), None, recogniser))
        .map_err(|e| e.in_file(name))
}

/// The folder a file sits in, where a saved web page's images are ("Save
/// page as… complete": `name_files/` beside `name.html`); a bare file name's
/// is the working folder.
fn page_folder(parent: Option<&Path>) -> Option<&Path> {
    match parent {
        Some(parent) if parent.as_os_str().is_empty() => Some(Path::new(".")),
        parent => parent,
    }
}

/// The bytes of the file at `path`, refused early when it is a folder, too
/// large, or not of a format govdoc reads (told from its first bytes).
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let name = path.to_string_lossy();
    let metadata = std::fs::metadata(path).map_err(|e| io_error(&name, &e))?;
    if metadata.is_dir() {
        return Err(Error::new(ErrorCode::Io, "this is a folder; use `govdoc batch` for folders").in_file(&name));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(Error::too_large(format!(
            "the file is {} bytes, over the limit of {MAX_INPUT_BYTES}",
            metadata.len()
        ))
        .in_file(&name));
    }
    // The type is told from the first bytes before the file is read whole:
    // a gigabyte of zeros named `.pdf` costs one small read.
    let mut file = std::fs::File::open(path).map_err(|e| io_error(&name, &e))?;
    let mut head = Vec::with_capacity(detect::PREFIX_BYTES);
    std::io::Read::by_ref(&mut file)
        .take(detect::PREFIX_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| io_error(&name, &e))?;
    detect::detect_prefix(&head, &name, metadata.len()).map_err(|e| e.in_file(&name))?;
    let mut bytes = head;
    file.read_to_end(&mut bytes).map_err(|e| io_error(&name, &e))?;
    Ok(bytes)
}

fn io_error(name: &str, e: &std::io::Error) -> Error {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path",
        std::io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions",
        _ => "the file cannot be read",
    };
    Error::new(ErrorCode::Io, format!("{hint} ({e})")).in_file(name)
}

/// Converts a document held in memory. `name` is reported as `source.name`
/// and used in error messages; the format is told from the content.
pub fn convert_bytes(bytes: &[u8], name: &str) -> Result<Output> {
    convert_bytes_with_limits(bytes, name, budget::Limits::default())
}

/// [`convert_bytes`] with a document budget other than the default one.
pub fn convert_bytes_with_limits(bytes: &[u8], name: &str, limits: Limits) -> Result<Output> {
    convert_bytes_with(bytes, name, &Options { limits, ..Options::default() })
}

/// [`convert_bytes`] with [`Options`] of its own.
pub fn convert_bytes_with(bytes: &[u8], name: &str, options: &Options) -> Result<Output> {
    let recogniser = || pdf::ocr::Recogniser::with_mode(options.ocr);
    budget::scope(options.limits, || convert_inner(bytes, name, None, None, recogniser)).map_err(|e| e.in_file(name))
}

internal_fn! {
    /// [`convert_bytes_with`], scanned pages read by `engine` instead of
    /// Tesseract (the tests count the pages offered to it), or left unread
    /// as without Tesseract when `engine` is the error looking for one gave.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    fn convert_bytes_with_engine(
        bytes: &[u8],
        name: &str,
        options: &Options,
        engine: Result<Box<dyn pdf::ocr::engine::Engine>>,
    ) -> Result<Output> {
        let recogniser = || pdf::ocr::Recogniser::with_engine(options.ocr, engine);
        budget::scope(options.limits, || convert_inner(bytes, name, None, None, recogniser)).map_err(|e| e.in_file(name))
    }
}

internal_fn! {
    /// [`convert_bytes`], recording what the fixed-layout pipeline saw into
    /// `trace` (PDF and OFD; other formats leave it empty) — `govdoc inspect`.
    fn convert_bytes_traced(bytes: &[u8], name: &str, trace: &mut pdf::trace::Trace) -> Result<Output> {
        budget::scope(budget::Limits::default(), || {
            convert_inner(bytes, name, None, Some(trace), pdf::ocr::Recogniser::new)
        })
            .map_err(|e| e.in_file(name))
    }
}

/// Converts `bytes`; `folder` is where the file was read from (a saved web
/// page's images are there), `None` for bytes without a place.
fn convert_inner(
    bytes: &[u8],
    name: &str,
    folder: Option<&Path>,
    mut trace: Option<&mut pdf::trace::Trace>,
    recogniser: impl FnOnce() -> pdf::ocr::Recogniser,
) -> Result<Output> {
    budget::charge_usize(budget::Resource::InputBytes, bytes.len())?;
    let format = detect::detect(bytes, name)?;
    let mut fragments = match format {
        model::Format::Docx => docx::read(bytes)?,
        model::Format::Md => md::read(bytes)?,
        model::Format::Pdf => pdf::read_with(bytes, trace.as_deref_mut(), recogniser())?,
        model::Format::Ofd => ofd::read_traced(bytes, trace.as_deref_mut())?,
        model::Format::Html => html::read_with(bytes, folder, recogniser())?,
        model::Format::Mhtml => html::read_mhtml_with(bytes, recogniser())?,
        model::Format::Doc => doc::read(bytes)?,
    };
    charge_output_text(&fragments)?;
    let pages = fragments.pages;
    let ocr = fragments.ocr.take();
    let mut diagnostics = fragments.diagnostics.clone();
    let lines = std::mem::take(&mut fragments.lines);
    if let Some(trace) = trace {
        trace.placed = lines.to_vec();
    }
    let rebuilt = rebuild::rebuild(fragments);
    diagnostics.extend(rebuilt.diagnostics);
    let (mut report, report_diagnostics) =
        report::recognize_with_lines(rebuilt.title.as_deref(), &rebuilt.blocks, &|| &lines);
    diagnostics.extend(report_diagnostics);
    if let Some(report) = report.as_mut() {
        // Scanned pages left unread (the page limit, no engine) may hold the
        // report's tables or values.
        report.complete &= !diagnostics.iter().any(|d| pdf::ocr::leaves_pages_unread(&d.code));
    }
    if let (Some(report), Some(_)) = (report.as_mut(), &ocr) {
        let threshold = f64::from(pdf::ocr::Settings::default().low_confidence);
        inspect::doubt::name_doubtful_values(report, rebuilt.title.as_deref(), &rebuilt.blocks, &lines, threshold);
    }
    let source = model::Source { name: name.to_string(), format, sha256: hex(&Sha256::digest(bytes)), pages, ocr };
    Ok(Output { document: Document { source, title: rebuilt.title, blocks: rebuilt.blocks, report, diagnostics } })
}

/// Charges the text the front end recovered to the budget's output limit
/// before the later stages (rebuild, report, JSON) spend time on it.
fn charge_output_text(fragments: &model::Fragments) -> Result<()> {
    let chars: usize = fragments
        .items
        .iter()
        .map(|item| match item {
            model::Fragment::Paragraph(p) => p.text.len(),
            model::Fragment::Table(t) => t.grid.cells.iter().map(|c| c.text.len()).sum(),
            _ => 0,
        })
        .sum();
    budget::charge_usize(budget::Resource::OutputChars, chars)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a reader never sees a half-written file and an interrupted run
/// leaves none behind.
///
/// The file gets the permissions a plain create would give it: those of the
/// file it replaces, or else 0o666 less the umask (a temporary file is made
/// 0o600, which would hide results from colleagues on a shared server).
///
/// A path that is not a regular file — `/dev/null`, `/dev/stdout`, a named
/// pipe — is written to directly: renaming over it would replace the device
/// or pipe with a plain file (run as root, `-o /dev/null` turned the
/// machine's `/dev/null` into a file that every later program appended to).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
        target.write_all(bytes)?;
        return target.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".govdoc-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode passed to open(2) is reduced by the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(path) {
        // Set explicitly: the umask does not apply to an existing file's mode.
        temp.as_file().set_permissions(existing.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
