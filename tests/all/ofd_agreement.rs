//! OFD and DOCX agree: each OFD report sample (`samples/make_ofd_samples.py`
//! transcribes the layout LibreOffice printed from `X.docx` into GB/T 33190
//! text and path objects) gives the same `report` object as `X.docx`, and the
//! same tables, whole — cut across pages in the OFD, rejoined by the rebuild
//! stage. Where LibreOffice's printing itself changes a table (split-row: a
//! vertical merge drawn as separate cells, see tests/all/agreement.rs), the OFD
//! must read as the PDF of that printing does.

use std::path::{Path, PathBuf};

use crate::common;
use common::{convert, table_texts};

/// Samples whose printed tables differ from the DOCX's (tests/all/agreement.rs).
const PRINTED_DIFFERENTLY: [&str; 1] = ["split-row"];

fn ofd_samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("samples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ofd"))
        .collect();
    files.sort();
    files
}

#[test]
fn reports_and_tables_read_from_ofd_equal_those_read_from_docx() {
    let samples = ofd_samples();
    assert!(samples.len() >= 14, "only {} OFD samples", samples.len());
    let mut disagreements = Vec::new();
    for ofd in &samples {
        let stem = ofd.file_stem().unwrap().to_string_lossy().into_owned();
        let docx = Path::new("samples").join(format!("{stem}.docx"));
        let from_ofd = convert(ofd);
        let from_docx = convert(&docx);
        assert_eq!(from_ofd.document.source.format, govdoc::model::Format::Ofd);
        let (a, b) = (from_docx.to_json_value(), from_ofd.to_json_value());
        assert!(!a["report"].is_null(), "{stem}: the DOCX is not read as a report");
        let differences = govdoc::golden::diff(&a["report"], &b["report"]);
        if !differences.is_empty() {
            disagreements.push(format!("{stem}: report differs: {:?}", &differences[..differences.len().min(5)]));
        }
        let reference = if PRINTED_DIFFERENTLY.contains(&stem.as_str()) {
            convert(&Path::new("samples").join(format!("{stem}.pdf")))
        } else {
            from_docx
        };
        if table_texts(&reference) != table_texts(&from_ofd) {
            disagreements.push(format!("{stem}: tables differ"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The OFD samples have tables cut across pages: the rebuild stage rejoins
/// them, so no table is left in parts.
#[test]
fn split_tables_come_out_whole() {
    for ofd in ofd_samples() {
        let output = convert(&ofd);
        let pages = output.document.source.pages.unwrap_or(0);
        assert!(pages >= 3, "{}: {pages} page(s)", ofd.display());
        let codes: Vec<&str> = output.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"table.rejoined"), "{}: no table was cut and rejoined: {codes:?}", ofd.display());
        assert!(!codes.contains(&"report.table_in_parts"), "{}: {codes:?}", ofd.display());
    }
}
