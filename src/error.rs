//! Errors with stable codes (SPEC "Errors"): what went wrong with which file,
//! and what the user can do about it.

use std::fmt;

/// The stable error codes of SPEC "Errors", plus `io` and `internal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Not a format govdoc reads (.doc, .wps, .ofd, images, …).
    UnsupportedFormat,
    /// Truncated or damaged: a broken zip, XML that does not parse, a bad xref.
    Corrupt,
    /// A password is needed to open the file.
    Encrypted,
    /// A scanned document without text: it needs OCR first.
    NoTextLayer,
    /// Over a resource limit (decompressed size, nesting depth, pages).
    TooLarge,
    /// The file could not be read or written.
    Io,
    /// A bug in govdoc.
    Internal,
}

impl ErrorCode {
    /// The code as messages and `errors.jsonl` write it: `"too large"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UnsupportedFormat => "unsupported format",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Encrypted => "encrypted",
            ErrorCode::NoTextLayer => "no text layer",
            ErrorCode::TooLarge => "too large",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A conversion error. The message says what is wrong and what to do; the
/// file name is added by the caller that knows it ([`Error::in_file`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    /// What kind of failure, stable across versions.
    pub code: ErrorCode,
    /// The input's name, when known.
    pub file: Option<String>,
    /// What happened and what to do, naming the file when known.
    pub message: String,
}

/// What to do with a spreadsheet: govdoc reads documents, and a report's
/// tables come through a PDF export intact. Said by format detection, the
/// DOCX reader (a zip of a workbook) and batch discovery.
pub(crate) const SPREADSHEET_ADVICE: &str =
    "open it in Excel or WPS 表格 and export it to PDF (文件 → 导出 → PDF), then convert the PDF";

impl Error {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, file: None, message: message.into() }
    }

    /// A `corrupt` error: the file is damaged beyond recovery.
    pub fn corrupt(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Corrupt, message)
    }

    /// An `unsupported format` error.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::UnsupportedFormat, message)
    }

    /// An `unsupported format` error for a spreadsheet given as a document
    /// (`what`: `.xlsx`, `an Excel workbook, .xlsx`), with what to do instead.
    pub(crate) fn spreadsheet(what: &str) -> Self {
        Error::unsupported(format!("this is a spreadsheet ({what}), not a document; {SPREADSHEET_ADVICE}"))
    }

    /// A `too large` error: a resource budget ran out.
    pub fn too_large(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::TooLarge, message)
    }

    /// Names the file the error is about, unless it is named already.
    pub fn in_file(mut self, name: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(name.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}: {}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

/// A result with govdoc's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
