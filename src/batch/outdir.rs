//! The output folder: JSON files written whole or not at all, the existing
//! output a resumed batch compares against, temporary files an interrupted
//! run left behind, `errors.jsonl` and `warnings.jsonl`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use crate::report::Report;

use super::plan::{ERRORS_FILE, WARNINGS_FILE};
use crate::error::Error;
use crate::model::{Diagnostic, Level};

/// Prefix and suffix of [`crate::write_atomically`]'s temporary files.
const TEMP_PREFIX: &str = ".govdoc-";
const TEMP_SUFFIX: &str = ".tmp";

/// What a resumed batch needs of an output written by an earlier run.
pub struct Existing {
    /// `source.name` and `source.sha256` as recorded.
    pub name: String,
    pub sha256: String,
    /// The output's `report` (`None` when the document was not a report).
    pub report: Option<Report>,
    /// The output's warning diagnostics, for `warnings.jsonl`.
    pub warnings: Vec<Warning>,
}

#[derive(Deserialize)]
struct ExistingJson {
    source: ExistingSource,
    #[serde(default)]
    report: Option<Report>,
    #[serde(default)]
    diagnostics: Vec<ExistingDiagnostic>,
}

#[derive(Deserialize)]
struct ExistingDiagnostic {
    level: String,
    code: String,
    message: String,
    page: Option<u32>,
}

#[derive(Deserialize)]
struct ExistingSource {
    name: String,
    sha256: String,
}

/// The output at `path`, if there is one that parses. Anything unreadable
/// counts as absent: the file is converted again and the output rewritten.
pub fn existing(path: &Path) -> Option<Existing> {
    let bytes = std::fs::read(path).ok()?;
    let parsed: ExistingJson = serde_json::from_slice(&bytes).ok()?;
    let warnings = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.level == "warning")
        .map(|d| Warning { code: d.code, message: d.message, page: d.page })
        .collect();
    Some(Existing { name: parsed.source.name, sha256: parsed.source.sha256, report: parsed.report, warnings })
}

/// Writes one output atomically, creating its folders.
pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::write_atomically(path, text.as_bytes())
}

/// Removes an output left by an earlier run whose source now fails, so that
/// OUTDIR never holds JSON for content the input no longer has.
pub fn remove_stale(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Removes the temporary files an interrupted run (Ctrl-C, a kill) left in
/// `folders`. Only names [`crate::write_atomically`] makes are touched.
pub fn remove_leftovers<'a>(folders: impl IntoIterator<Item = &'a Path>) {
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && entry.path().is_file() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// One failed source, as a line of `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The input's path relative to the batch root.
    pub source: String,
    /// What went wrong.
    pub error: Error,
}

impl FileError {
    /// `{"code","message","source"}` in RFC 8785 form (sorted keys, one line).
    /// The message is the error's own, without the file name, which is in
    /// `source` already.
    pub fn to_json_line(&self) -> String {
        let value = json!({"source": self.source, "code": self.error.code.as_str(), "message": self.error.message});
        crate::json::canonical::compact(&value)
    }
}

/// Writes `OUTDIR/errors.jsonl`: one line per failed source, sorted by
/// source so the file is the same whatever order the workers finished in.
/// Written on every run, empty when nothing failed, so an old log never
/// outlives the failures it listed.
pub fn write_errors(outdir: &Path, errors: &mut [FileError]) -> std::io::Result<PathBuf> {
    errors.sort_by(|a, b| a.source.cmp(&b.source));
    let mut text = String::new();
    for e in errors.iter() {
        text.push_str(&e.to_json_line());
        text.push('\n');
    }
    let path = outdir.join(ERRORS_FILE);
    crate::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// A warning diagnostic of one output, as `warnings.jsonl` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The diagnostic's code (`pdf.damaged`, `report.table_incomplete`, …).
    pub code: String,
    /// The diagnostic's message.
    pub message: String,
    /// The 1-based page it is about, when it has one.
    pub page: Option<u32>,
}

impl Warning {
    /// The warnings among `diagnostics`, in their order.
    pub fn of(diagnostics: &[Diagnostic]) -> Vec<Warning> {
        diagnostics
            .iter()
            .filter(|d| d.level == Level::Warning)
            .map(|d| Warning { code: d.code.clone(), message: d.message.clone(), page: d.page })
            .collect()
    }
}

/// Writes `OUTDIR/warnings.jsonl`: one line `{"code","message","page","source"}`
/// per warning of every output this run converted or left unchanged, sorted
/// by source, each source's warnings in document order. Written on every run
/// (empty when there are none), like `errors.jsonl`.
pub fn write_warnings(outdir: &Path, warnings: &mut [(String, Vec<Warning>)]) -> std::io::Result<PathBuf> {
    warnings.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::new();
    for (source, list) in warnings.iter() {
        for w in list {
            let value = json!({"source": source, "code": w.code, "message": w.message, "page": w.page});
            text.push_str(&crate::json::canonical::compact(&value));
            text.push('\n');
        }
    }
    let path = outdir.join(WARNINGS_FILE);
    crate::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn errors_are_sorted_canonical_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut errors = vec![
            FileError { source: "b.pdf".into(), error: Error::corrupt("broken \"xref\"") },
            FileError { source: "a/报告.docx".into(), error: Error::new(ErrorCode::TooLarge, "big") },
        ];
        let path = write_errors(dir.path(), &mut errors).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(
            text,
            "{\"code\":\"too large\",\"message\":\"big\",\"source\":\"a/报告.docx\"}\n\
             {\"code\":\"corrupt\",\"message\":\"broken \\\"xref\\\"\",\"source\":\"b.pdf\"}\n"
        );
    }

    #[test]
    fn leftovers_of_an_interrupted_run_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".govdoc-abc.tmp"), "half").unwrap();
        std::fs::write(dir.path().join("keep.tmp"), "mine").unwrap();
        std::fs::write(dir.path().join("a.docx.json"), "{}").unwrap();
        remove_leftovers([dir.path()]);
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["a.docx.json", "keep.tmp"]);
    }

    #[test]
    fn existing_outputs_are_read_for_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(
            &path,
            r#"{"source":{"sha256":"ab","name":"a"},"report":null,"blocks":[],"diagnostics":[
                {"level":"info","code":"i","message":"m","page":null},
                {"level":"warning","code":"pdf.damaged","message":"half lost","page":3}]}"#,
        )
        .unwrap();
        let found = existing(&path).unwrap();
        assert_eq!((found.name.as_str(), found.sha256.as_str()), ("a", "ab"));
        assert!(found.report.is_none());
        assert_eq!(
            found.warnings,
            [Warning { code: "pdf.damaged".into(), message: "half lost".into(), page: Some(3) }]
        );
        std::fs::write(&path, "{half").unwrap();
        assert!(existing(&path).is_none());
    }
}
