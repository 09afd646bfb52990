//! HTML/MHTML and DOCX agree: each web-page sample (`samples/make_html_samples.py`:
//! `X.html` saved by LibreOffice from `X.docx`, `X-chromium.html` the DOM
//! headless Chromium built from it, `X.mht` Chromium's web archive of it, and
//! `portal-gbk-seed-2019.html`, the seed report inside a GBK portal page with
//! navigation, sidebar, nested layout tables and footer) gives the same
//! `report` object as its DOCX, and the same tables, whole: tables split
//! into several `<table>`s are rejoined by the rebuild stage.

use std::path::{Path, PathBuf};

use crate::common;
use common::{convert, table_texts};

/// The sections' texts without the numbers their lines start with
/// ("（一）", "1."): what [`NUMBERING_LOST`] samples may differ in.
fn strip_line_numbers(sections: &mut serde_json::Value) {
    const NUMBER: &[char] =
        &['（', '）', '(', ')', '.', '、', '．', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    for section in sections.as_array_mut().into_iter().flatten() {
        if let Some(text) = section["text"].as_str() {
            let lines: Vec<&str> = text
                .lines()
                .map(|l| l.trim_start_matches(|c: char| c.is_ascii_digit() || NUMBER.contains(&c)))
                .collect();
            section["text"] = serde_json::Value::String(lines.join("\n"));
        }
    }
}

/// Samples whose LibreOffice HTML shows something other than the DOCX:
/// their section headings are automatic Chinese numbering ("一、", Word's
/// `chineseCounting`), which LibreOffice 7.4's HTML export writes as one
/// plain `<ol>` per heading — no `type`, no `list-style-type` — so a browser
/// shows "1." before each (headless Chromium printing report-2021-distinct.html,
/// read back with pdftotext: "1. 总体情况", "1. 主动公开", "2. 依申请公开"):
/// the Chinese numbering is not in the page. govdoc shows what the browser
/// shows, read as level-3 headings; the report finds its sections at that
/// level; the rest of the report must agree, and the sections' texts but
/// for the numbers their lines start with.
const NUMBERING_LOST: [&str; 1] = ["report-2021-distinct"];

/// Samples whose exported tables differ from the DOCX's the way their
/// printing does (tests/all/agreement.rs): LibreOffice writes the vertical
/// merge that continues into the table's second part as an empty cell of
/// its own, as it prints it. Their tables must equal the PDF's.
const EXPORTED_AS_PRINTED: [&str; 1] = ["split-row"];

fn docx_of(page: &Path) -> (String, PathBuf) {
    let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
    let stem = stem.strip_suffix("-chromium").unwrap_or(&stem).to_string();
    let stem = if stem == "portal-gbk-seed-2019" { "seed-shishi-commerce-2019".to_string() } else { stem };
    let docx = Path::new("samples").join(format!("{stem}.docx"));
    (stem, docx)
}

fn pages() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("samples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "mht"))
        .collect();
    files.sort();
    files
}

#[test]
fn reports_and_tables_read_from_web_pages_equal_those_read_from_docx() {
    let pages = pages();
    assert!(pages.len() >= 20, "only {} HTML/MHTML samples", pages.len());
    let mut disagreements = Vec::new();
    for page in &pages {
        let (stem, docx) = docx_of(page);
        let from_page = convert(page);
        let from_docx = convert(&docx);
        let expected_format =
            if page.extension().unwrap() == "mht" { govdoc::model::Format::Mhtml } else { govdoc::model::Format::Html };
        assert_eq!(from_page.document.source.format, expected_format, "{}", page.display());
        let (mut a, mut b) = (from_docx.to_json_value(), from_page.to_json_value());
        assert!(!a["report"].is_null(), "{stem}: the DOCX is not read as a report");
        if NUMBERING_LOST.contains(&stem.as_str()) {
            strip_line_numbers(&mut a["report"]["sections"]);
            strip_line_numbers(&mut b["report"]["sections"]);
        }
        let differences = govdoc::golden::diff(&a["report"], &b["report"]);
        if !differences.is_empty() {
            disagreements.push(format!(
                "{}: report differs: {:?}",
                page.display(),
                &differences[..differences.len().min(5)]
            ));
        }
        let reference = if EXPORTED_AS_PRINTED.contains(&stem.as_str()) {
            convert(&Path::new("samples").join(format!("{stem}.pdf")))
        } else {
            from_docx
        };
        if table_texts(&reference) != table_texts(&from_page) {
            disagreements.push(format!("{}: tables differ", page.display()));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The samples that split a table in two come out with it rejoined: a
/// page break between two `<table>`s in LibreOffice's HTML, rejoined by the
/// rebuild stage. (Where the DOCX's two parts touch, LibreOffice writes one
/// `<table>`: split-header-only.)
#[test]
fn split_tables_are_rejoined() {
    let mut rejoined = 0;
    for page in pages().iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("split-")) {
        let output = convert(page);
        let codes: Vec<&str> = output.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
        rejoined += usize::from(codes.contains(&"table.rejoined"));
        assert!(!codes.contains(&"report.table_in_parts"), "{}: {codes:?}", page.display());
    }
    assert!(rejoined >= 8, "only {rejoined} split samples were rejoined");
}

/// The portal page's chrome is left out and said so; its GBK is read.
#[test]
fn portal_page_chrome_and_encoding() {
    let output = convert(Path::new("samples/portal-gbk-seed-2019.html"));
    let texts: Vec<String> = output
        .document
        .blocks
        .iter()
        .map(|b| match b {
            govdoc::model::Block::Paragraph { text, .. }
            | govdoc::model::Block::Heading { text, .. }
            | govdoc::model::Block::Title { text, .. } => text.clone(),
            govdoc::model::Block::Table(t) => t.cells.iter().map(|c| c.text.as_str()).collect(),
            govdoc::model::Block::Note(n) => n.text.clone(),
        })
        .collect();
    let all = texts.join("\n");
    for chrome in
        ["政府信息公开指南", "当前位置", "打印本页", "分享到", "八七路", "网站地图", "统计代码", "隐藏的站点统计"]
    {
        assert!(!all.contains(chrome), "{chrome} left in");
    }
    let codes: Vec<&str> = output.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"html.chrome"), "{codes:?}");
    let encoding = output.document.diagnostics.iter().find(|d| d.code == "html.encoding").unwrap();
    assert!(encoding.message.contains("gb18030"), "{}", encoding.message);
}
