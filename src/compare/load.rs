//! Reports to compare, from any input govdoc reads or from its JSON output:
//! a `govdoc/1` document (or a bare `report` object) is read back into the
//! report types, anything else is converted.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use serde::Deserialize;

use crate::report::Report;

/// A report and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The input as named (a path, or the `source.name` a JSON output records).
    pub name: String,
    /// `source.sha256` of the document the report was read from; `None` for
    /// a bare `report` object, which records no source.
    pub sha256: Option<String>,
    /// The report, typed.
    pub report: Report,
}

/// True when `bytes` look like JSON text (an object), not a document.
fn looks_like_json(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Reads the report of the file at `path`: a govdoc JSON output is read back,
/// any other file is converted. A document that is not an annual report is
/// an error naming it.
pub fn load(path: &Path) -> crate::Result<Loaded> {
    let name = path.to_string_lossy().to_string();
    let is_json_name = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let head = read_head(path)
        .map_err(|e| Error::new(ErrorCode::Io, format!("the file cannot be read ({e})")).in_file(&name))?;
    if is_json_name || looks_like_json(&head) {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorCode::Io, format!("the file cannot be read ({e})")).in_file(&name))?;
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| {
            Error::new(ErrorCode::Corrupt, format!("not valid JSON ({e}); give a document or govdoc's JSON output"))
                .in_file(&name)
        })?;
        return from_json(&value, &name);
    }
    let output = crate::convert_path(path)?;
    let document = output.document;
    let report = document.report.ok_or_else(|| not_a_report(&name))?;
    Ok(Loaded { name, sha256: Some(document.source.sha256), report })
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(64);
    std::fs::File::open(path)?.take(64).read_to_end(&mut head)?;
    Ok(head)
}

fn not_a_report(name: &str) -> Error {
    Error::new(
        ErrorCode::UnsupportedFormat,
        "not an annual report on government information disclosure (its `report` is null); compare needs two reports",
    )
    .in_file(name)
}

/// A `govdoc/1` document, or a bare `report` object, read back into a [`Report`].
pub fn from_json(value: &Value, name: &str) -> crate::Result<Loaded> {
    let (report, source) = match value.get("schema").and_then(Value::as_str) {
        Some(crate::json::SCHEMA) => (value.get("report").unwrap_or(&Value::Null), value.get("source")),
        Some(other) => {
            return Err(Error::new(
                ErrorCode::UnsupportedFormat,
                format!("JSON of schema {other:?}; compare reads govdoc's own output ({})", crate::json::SCHEMA),
            )
            .in_file(name));
        }
        None if value.get("template").is_some() && value.get("checks").is_some() => (value, None),
        None => {
            return Err(Error::new(
                ErrorCode::UnsupportedFormat,
                "JSON without a govdoc schema; give a document or govdoc's JSON output",
            )
            .in_file(name));
        }
    };
    if report.is_null() {
        return Err(not_a_report(name));
    }
    let report = report_from_json(report).map_err(|what| {
        Error::new(ErrorCode::Corrupt, format!("the report object is not govdoc's ({what})")).in_file(name)
    })?;
    let source_name = source.and_then(|s| s.get("name")).and_then(Value::as_str);
    Ok(Loaded {
        name: source_name.map_or_else(|| name.to_string(), str::to_string),
        sha256: source.and_then(|s| s.get("sha256")).and_then(Value::as_str).map(str::to_string),
        report,
    })
}

/// The report types from their JSON (the SPEC's `report` object).
fn report_from_json(value: &Value) -> Result<Report, String> {
    Report::deserialize(value).map_err(|e| e.to_string())
}
