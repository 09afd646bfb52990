//! Development aid for the PDF layout stages: runs layout, furniture removal
//! and the table finder (`govdoc::pdf::assemble::fragments`) on pages dumped
//! from a real PDF as JSON, without the content interpreter, and compares
//! the result with the DOCX front end's reading of the same document.
//!
//!     cargo run --release --example layout_from_json -- PAGES.json [SAME.docx] [-v]
//!     cargo run --release --example layout_from_json -- FILE.pdf [SAME.docx] [-v]
//!
//! PAGES.json holds `{"pages": [PageContent as JSON]}`: per page `number`,
//! `width`, `height`, `glyphs` (text, x0, x1, top, bottom, size, font,
//! upright), `rulings` (x0, top, x1, bottom, width), `fonts` (name, bold) and
//! `images` — what pdfplumber prints for a page (`page.chars`, and
//! `page.lines` / `page.rects` reduced to centre lines), in the same
//! top-left page space. With a DOCX, both are rebuilt and the blocks (text
//! compared without white space; tables by shape and cell text) and the
//! `report` objects are compared. Given a PDF instead, the pages come from
//! the content interpreter (`govdoc::pdf::document`), timed apart.

use std::time::Instant;

use govdoc::model::{Block, Format, Fragment, Fragments, Source};
use govdoc::pdf::geometry::Rect;
use govdoc::pdf::page::{FontInfo, Glyph, PageContent, Ruling};
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some(json_path) = files.first() else {
        eprintln!("usage: layout_from_json PAGES.json [SAME.docx] [-v]");
        std::process::exit(2);
    };
    let pages = if json_path.ends_with(".pdf") {
        let bytes = std::fs::read(json_path).expect("readable");
        let started = Instant::now();
        let doc = govdoc::pdf::document::PdfDocument::open(&bytes).expect("a PDF");
        let pages: Vec<PageContent> =
            (0..doc.page_count()).map(|i| doc.page(i).expect("an interpretable page").0).collect();
        println!("interpreter: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0);
        pages
    } else {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(json_path).expect("readable")).expect("JSON");
        load_pages(&value)
    };
    let n = pages.len();

    let runs = 20;
    let started = Instant::now();
    let mut fragments = Fragments::default();
    for _ in 0..runs {
        fragments = govdoc::pdf::assemble::fragments(pages.clone()).expect("within the budget");
    }
    let elapsed = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("{json_path}: {n} pages, {:.3} ms per document, {:.3} ms per page", elapsed, elapsed / n.max(1) as f64);
    if verbose {
        print_fragments(&fragments);
    }

    let Some(docx_path) = files.get(1) else { return };
    let docx = govdoc::docx::read(&std::fs::read(docx_path).expect("readable docx")).expect("a DOCX");
    let pdf_doc = document(fragments, Format::Pdf);
    let docx_doc = document(docx, Format::Docx);
    compare(&docx_doc, &pdf_doc);
}

fn num(v: &Value, key: &str) -> f32 {
    v.get(key).and_then(Value::as_f64).unwrap_or(0.0) as f32
}

fn load_pages(value: &Value) -> Vec<PageContent> {
    let empty = Vec::new();
    let pages = value.get("pages").and_then(Value::as_array).unwrap_or(&empty);
    pages
        .iter()
        .map(|p| PageContent {
            number: p.get("number").and_then(Value::as_u64).unwrap_or(0) as u32,
            width: num(p, "width"),
            height: num(p, "height"),
            glyphs: p
                .get("glyphs")
                .and_then(Value::as_array)
                .unwrap_or(&empty)
                .iter()
                .map(|g| Glyph {
                    text: g.get("text").and_then(Value::as_str).unwrap_or("").to_string(),
                    rect: Rect { x0: num(g, "x0"), top: num(g, "top"), x1: num(g, "x1"), bottom: num(g, "bottom") },
                    size: num(g, "size"),
                    font: g.get("font").and_then(Value::as_u64).unwrap_or(0) as usize,
                    upright: g.get("upright").and_then(Value::as_bool).unwrap_or(true),
                })
                .collect(),
            rulings: p
                .get("rulings")
                .and_then(Value::as_array)
                .unwrap_or(&empty)
                .iter()
                .map(|r| Ruling {
                    x0: num(r, "x0"),
                    top: num(r, "top"),
                    x1: num(r, "x1"),
                    bottom: num(r, "bottom"),
                    width: num(r, "width"),
                })
                .collect(),
            fonts: p
                .get("fonts")
                .and_then(Value::as_array)
                .unwrap_or(&empty)
                .iter()
                .map(|f| FontInfo {
                    name: f.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                    bold: f.get("bold").and_then(Value::as_bool).unwrap_or(false),
                    space_width: f.get("space_width").and_then(Value::as_f64).map(|w| w as f32),
                })
                .collect(),
            images: p.get("images").and_then(Value::as_u64).unwrap_or(0) as usize,
            hidden: Vec::new(),
            placements: Vec::new(),
            confidences: Vec::new(),
        })
        .collect()
}

fn print_fragments(f: &Fragments) {
    for item in &f.items {
        match item {
            Fragment::Paragraph(p) => println!(
                "  P p{} {}{}{}| {}",
                p.page.unwrap_or(0),
                if p.title_like { "T" } else { "-" },
                if p.indented { "I" } else { "-" },
                if p.continues_previous { "+" } else { "-" },
                p.text
            ),
            Fragment::Table(t) => {
                println!(
                    "  TABLE pages {:?} {}x{} edges {:?}",
                    t.pages,
                    t.grid.rows,
                    t.grid.cols,
                    t.column_edges.iter().map(|x| (x * 10.0).round() / 10.0).collect::<Vec<_>>()
                );
                for c in &t.grid.cells {
                    if !c.text.is_empty() || c.row_span > 1 || c.col_span > 1 {
                        println!("      ({},{}) {}x{} {}", c.row, c.col, c.row_span, c.col_span, c.text);
                    }
                }
            }
            Fragment::Break(_) => println!("  ---- page break"),
        }
    }
}

fn document(mut fragments: Fragments, format: Format) -> govdoc::Document {
    let pages = fragments.pages;
    let lines = std::mem::take(&mut fragments.lines);
    let rebuilt = govdoc::rebuild::rebuild(fragments);
    let (report, _) = govdoc::report::recognize(rebuilt.title.as_deref(), &rebuilt.blocks, &lines);
    govdoc::Document {
        source: Source { name: String::new(), format, sha256: String::new(), pages, ocr: None },
        title: rebuilt.title,
        blocks: rebuilt.blocks,
        report,
        diagnostics: rebuilt.diagnostics,
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A block as one comparable line: kind and text without white space; a
/// table as its shape.
fn key(block: &Block) -> String {
    match block {
        Block::Title { text, .. } => format!("title: {}", squeeze(text)),
        Block::Heading { level, text, .. } => format!("h{level}: {}", squeeze(text)),
        Block::Paragraph { text, .. } => format!("p: {}", squeeze(text)),
        Block::Table(t) => format!("table {}x{} header {}", t.rows, t.cols, t.header_rows),
        Block::Note(n) => format!("note {}: {}", n.label, squeeze(&n.text)),
    }
}

fn compare(docx: &govdoc::Document, pdf: &govdoc::Document) {
    let a: Vec<String> = docx.blocks.iter().map(key).collect();
    let b: Vec<String> = pdf.blocks.iter().map(key).collect();
    // Longest common subsequence, then the lines on one side only.
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = 0;
    let mut differences = 0;
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            pairs += 1;
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            println!("  + pdf only : {}", b[j]);
            differences += 1;
            j += 1;
        } else {
            println!("  - docx only: {}", a[i]);
            differences += 1;
            i += 1;
        }
    }
    println!("  blocks: docx {n}, pdf {m}, matching {pairs}, differing {differences}");
    // Tables paired in order: cells compared.
    let tables = |d: &govdoc::Document| -> Vec<govdoc::model::Table> {
        d.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t.clone()) } else { None }).collect()
    };
    let (ta, tb) = (tables(docx), tables(pdf));
    if ta.len() != tb.len() {
        println!("  tables: docx {}, pdf {}", ta.len(), tb.len());
    }
    for (t, u) in ta.iter().zip(&tb) {
        {
            let shape = |t: &govdoc::model::Table| -> Vec<(usize, usize, usize, usize)> {
                t.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span)).collect()
            };
            let same_shape = shape(t) == shape(u);
            let text_diffs: Vec<String> = t
                .cells
                .iter()
                .zip(&u.cells)
                .filter(|(x, y)| squeeze(&x.text) != squeeze(&y.text))
                .map(|(x, y)| format!("({},{}) docx {:?} pdf {:?}", x.row, x.col, x.text, y.text))
                .collect();
            println!(
                "  table {}x{} header {} / pdf {}x{} header {} (pages {:?}, parts {}): shape {}, cell texts {}",
                t.rows,
                t.cols,
                t.header_rows,
                u.rows,
                u.cols,
                u.header_rows,
                u.pages,
                u.parts,
                if same_shape { "same" } else { "DIFFERENT" },
                if text_diffs.is_empty() { "same".to_string() } else { format!("{} differ", text_diffs.len()) }
            );
            for d in text_diffs.iter().take(10) {
                println!("      {d}");
            }
            if !same_shape {
                let (x, y) = (shape(t), shape(u));
                for (k, (p, q)) in x.iter().zip(&y).enumerate() {
                    if p != q {
                        println!("      first shape difference at cell {k}: docx {p:?} pdf {q:?}");
                        break;
                    }
                }
            }
        }
    }
    let (ra, rb) = (serde_json::to_value(&docx.report).unwrap(), serde_json::to_value(&pdf.report).unwrap());
    let report_diffs = govdoc::golden::diff(&ra, &rb);
    println!(
        "  report: {}",
        if report_diffs.is_empty() { "same".into() } else { format!("{} differences", report_diffs.len()) }
    );
    for d in report_diffs.iter().take(15) {
        println!("      {d}");
    }
}
