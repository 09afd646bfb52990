//! Legacy Word (.doc) and DOCX agree: each `.doc` sample
//! (`samples/make_doc_samples.py`: LibreOffice's Word 97–2003 export of
//! `X.docx`) gives the same `report` object as `X.docx`, and the same
//! tables, whole — merged cells from the row definitions, tables split by a
//! page break rejoined by the rebuild stage, section headings numbered by
//! automatic Chinese list numbering ("一、", "（一）") labelled as Word shows them.

use std::path::{Path, PathBuf};

use crate::common;
use common::{convert, table_texts};

/// Samples whose exported tables differ from the DOCX's the way their
/// printing does (tests/all/agreement.rs): LibreOffice restarts the vertical
/// merge that continues into the table's second part. Their tables must
/// equal the PDF's.
const EXPORTED_AS_PRINTED: [&str; 1] = ["split-row"];

/// Samples that are not reports, compared block by block instead.
const NOT_REPORTS: [&str; 2] = ["doc-textbox", "docx-notes"];

fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("samples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc"))
        .filter(|p| !NOT_REPORTS.iter().any(|stem| p.file_stem().is_some_and(|s| s == *stem)))
        .collect();
    files.sort();
    files
}

#[test]
fn reports_and_tables_read_from_doc_equal_those_read_from_docx() {
    let samples = samples();
    assert!(samples.len() >= 14, "only {} .doc samples", samples.len());
    let mut disagreements = Vec::new();
    for doc in &samples {
        let stem = doc.file_stem().unwrap().to_string_lossy().into_owned();
        let from_doc = convert(doc);
        let from_docx = convert(&Path::new("samples").join(format!("{stem}.docx")));
        assert_eq!(from_doc.document.source.format, govdoc::model::Format::Doc);
        let (a, b) = (from_docx.to_json_value(), from_doc.to_json_value());
        assert!(!a["report"].is_null(), "{stem}: the DOCX is not read as a report");
        let differences = govdoc::golden::diff(&a["report"], &b["report"]);
        if !differences.is_empty() {
            disagreements.push(format!("{stem}: report differs: {:?}", &differences[..differences.len().min(5)]));
        }
        let reference = if EXPORTED_AS_PRINTED.contains(&stem.as_str()) {
            convert(&Path::new("samples").join(format!("{stem}.pdf")))
        } else {
            from_docx
        };
        if table_texts(&reference) != table_texts(&from_doc) {
            disagreements.push(format!("{stem}: tables differ"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The split samples' tables come out whole.
#[test]
fn split_tables_come_out_whole() {
    for doc in samples().iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("split-")) {
        let output = convert(doc);
        let codes: Vec<&str> = output.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(!codes.contains(&"report.table_in_parts"), "{}: {codes:?}", doc.display());
        assert!(!codes.contains(&"doc.table_without_definition"), "{}: {codes:?}", doc.display());
    }
}

/// Footnotes and endnotes: the marks where they are referenced (a table
/// cell among them) and the `note` blocks, labelled and ordered as the DOCX
/// front end does — the whole document equals the DOCX's.
#[test]
fn notes_read_from_doc_equal_those_read_from_docx() {
    let (doc, docx) = (convert(Path::new("samples/docx-notes.doc")), convert(Path::new("samples/docx-notes.docx")));
    let (a, b) = (docx.to_json_value(), doc.to_json_value());
    let notes = b["blocks"].as_array().unwrap().iter().filter(|b| b["kind"] == "note").count();
    assert_eq!(notes, 4);
    let differences = govdoc::golden::diff(&a["blocks"], &b["blocks"]);
    assert!(differences.is_empty(), "{differences:?}");
}

/// The blocks' kinds and texts (table cells row by row), white space
/// squeezed: the DOCX front end joins a cell's paragraphs where the .doc
/// reader keeps them as lines.
fn squeezed_blocks(output: &govdoc::Output) -> Vec<(String, Vec<String>)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let value = output.to_json_value();
    value["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let mut texts: Vec<String> = b["text"].as_str().map(squeeze).into_iter().collect();
            texts
                .extend(b["cells"].as_array().into_iter().flatten().map(|c| squeeze(c["text"].as_str().unwrap_or(""))));
            (b["kind"].as_str().unwrap_or_default().to_string(), texts)
        })
        .collect()
}

/// Text boxes (samples/doc-textbox: frames anchored to a paragraph, in a
/// table cell and to a character, saved by LibreOffice as .doc and as
/// DOCX): each box's paragraphs follow the paragraph holding its anchor, as
/// the DOCX front end places `w:txbxContent`, and nothing is counted
/// outside the body.
#[test]
fn text_boxes_read_from_doc_are_placed_as_in_docx() {
    let (doc, docx) = (convert(Path::new("samples/doc-textbox.doc")), convert(Path::new("samples/doc-textbox.docx")));
    let blocks = squeezed_blocks(&doc);
    assert_eq!(blocks, squeezed_blocks(&docx));
    let texts: Vec<&str> = blocks.iter().flat_map(|(_, t)| t.iter().map(String::as_str)).collect();
    let at = |s: &str| texts.iter().position(|t| *t == s).unwrap_or_else(|| panic!("{s} not in {texts:?}"));
    assert_eq!(at("文本框甲第一行"), at("第二段正文，锚定一个文本框。") + 1);
    assert_eq!(at("文本框丙"), at("第四段正文，锚定一个字符文本框之后还有文字。") + 1);
    assert!(texts.contains(&"12件单元格里的文本框"), "{texts:?}");
    let codes: Vec<&str> = doc.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(!codes.contains(&"doc.outside_body"), "{codes:?}");
}

/// Comments (annotations) are diagnostics worded as the DOCX front end's:
/// author, the commented text and the comment, never in the blocks.
#[test]
fn comments_read_from_doc_are_the_docx_diagnostics() {
    let (doc, docx) = (convert(Path::new("samples/docx-notes.doc")), convert(Path::new("samples/docx-notes.docx")));
    let messages = |output: &govdoc::Output, code: &str| -> Vec<String> {
        output.document.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
    };
    let from_docx = messages(&docx, "docx.comment");
    assert_eq!(from_docx.len(), 1);
    assert_eq!(messages(&doc, "doc.comment"), from_docx);
    let blocks = squeezed_blocks(&doc);
    assert!(blocks.iter().all(|(_, texts)| texts.iter().all(|t| !t.contains("请核对"))), "{blocks:?}");
}
