//! DOCX and PDF agree: for every sample that exists as a DOCX and as the PDF
//! LibreOffice exported from it (`X.docx` and `X.pdf` or `X-variant.pdf`),
//! the `report` object read from the PDF equals the one read from the DOCX,
//! and both have the same tables (rows, columns, cell text).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common;
use common::{convert, table_texts};

/// (pdf, docx) pairs: the DOCX whose stem is the longest prefix of the PDF's.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let samples = Path::new("samples");
    let mut docx: Vec<String> = Vec::new();
    let mut pdf: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => docx.push(stem),
            Some("pdf") => pdf.push(path),
            _ => {}
        }
    }
    pdf.sort();
    pdf.into_iter()
        .filter_map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            docx.iter()
                .filter(|d| stem == **d || stem.starts_with(&format!("{d}-")))
                .max_by_key(|d| d.len())
                .map(|d| (p.clone(), samples.join(format!("{d}.docx"))))
        })
        .collect()
}

#[test]
fn reports_read_from_pdf_equal_those_read_from_docx() {
    let pairs = pairs();
    assert!(pairs.len() >= 19, "only {} DOCX/PDF pairs", pairs.len());
    let mut disagreements = Vec::new();
    for (pdf, docx) in &pairs {
        let from_pdf = convert(pdf).to_json_value();
        let from_docx = convert(docx).to_json_value();
        let differences = govdoc::golden::diff(&from_docx["report"], &from_pdf["report"]);
        if !differences.is_empty() {
            let first: Vec<String> = differences.iter().take(5).map(|d| format!("    {d}")).collect();
            disagreements.push(format!(
                "{} vs {}: {} difference(s)\n{}",
                pdf.display(),
                docx.display(),
                differences.len(),
                first.join("\n")
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The PDF's tables hold the same text in the same places as the DOCX's, for
/// the samples whose layout survives LibreOffice's export unchanged.
#[test]
fn report_tables_read_from_pdf_equal_those_read_from_docx() {
    let mut disagreements = Vec::new();
    for (pdf, docx) in pairs() {
        let name = docx.file_stem().unwrap().to_string_lossy().into_owned();
        // LibreOffice renders features the DOCX front end reads differently
        // (tracked deletions, nested tables), and draws vertical-merge
        // continuations without a restart as separate cells.
        if name == "docx-features" || name == "split-row" {
            continue;
        }
        let (a, b) = (table_texts(&convert(&docx)), table_texts(&convert(&pdf)));
        if a != b {
            disagreements.push(format!("{}: tables differ from {}", pdf.display(), docx.display()));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn a_report_value_is_never_a_string() {
    fn walk(v: &Value, path: &str, bad: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| walk(v, &format!("{path}.{k}"), bad)),
            Value::String(s) if !path.ends_with("amount_unit") => bad.push(format!("{path} = {s:?}")),
            _ => {}
        }
    }
    for (pdf, _) in pairs() {
        let report = convert(&pdf).to_json_value()["report"].clone();
        let mut bad = Vec::new();
        for table in ["proactive", "applications", "reviews"] {
            walk(&report[table], table, &mut bad);
        }
        assert!(bad.is_empty(), "{}: {bad:?}", pdf.display());
    }
}
