//! Reports to compare, from any input govdoc reads or from its JSON output:
//! a `govdoc/1` document (or a bare `report` object) is read back into the
//! report types, anything else is converted.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::report::{Checks, FailedCheck, Report, Section};

/// A report and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The input as named (a path, or the `source.name` a JSON output records).
    pub name: String,
    /// `source.sha256` of the document the report was read from.
    pub sha256: Option<String>,
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
    let string = |v: &Value| v.as_str().map(str::to_string);
    let template = value.get("template").and_then(string).ok_or("no template")?;
    let sections = value
        .get("sections")
        .and_then(Value::as_array)
        .ok_or("no sections")?
        .iter()
        .map(|s| {
            Ok(Section {
                no: s
                    .get("no")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or("a section without no")?,
                title: s.get("title").and_then(string),
                text: s.get("text").and_then(string),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let table = |key: &str| value.get(key).filter(|v| v.is_object()).cloned();
    let checks = value.get("checks").ok_or("no checks")?;
    let failed = checks
        .get("failed")
        .and_then(Value::as_array)
        .map(|failed| {
            failed
                .iter()
                .map(|f| FailedCheck {
                    rule: f.get("rule").and_then(string).unwrap_or_default(),
                    column: f.get("column").and_then(string),
                    row: f.get("row").and_then(string),
                    left: f.get("left").cloned().unwrap_or_default(),
                    right: f.get("right").cloned().unwrap_or_default(),
                    message: f.get("message").and_then(string).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Report {
        template,
        agency: value.get("agency").and_then(string),
        year: value.get("year").and_then(Value::as_i64),
        sections,
        proactive: table("proactive"),
        applications: table("applications"),
        reviews: table("reviews"),
        checks: Checks { run: checks.get("run").and_then(Value::as_u64).unwrap_or(0) as usize, failed },
        complete: value.get("complete").and_then(Value::as_bool).unwrap_or(false),
    })
}
