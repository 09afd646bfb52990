//! Debug aid: what the table finder sees on one page of a PDF — its edges
//! (rulings after snapping and joining; width-0 sides of shaded areas
//! included), their intersections, and the tables found (boundaries, cells
//! with spans and text) — as JSON on stdout, and as an SVG picture with
//! `--svg OUT.svg` — the page as `govdoc inspect` draws it (glyph boxes grey,
//! the text as read, horizontal edges red, vertical edges blue,
//! intersections black, tables and their cells green).
//!
//!     cargo run --release --example table_debug -- FILE.pdf PAGE [--svg OUT.svg]
//!
//! A wrong table can be understood from the picture: a missing edge, a
//! sliver between two near lines, a frame that caught the page border.

use govdoc::inspect::standalone_svg;
use govdoc::pdf::document::PdfDocument;
use govdoc::pdf::layout::{PARAGRAPH_SPACE_GAP_EM, glyphs_to_lines};
use govdoc::pdf::tables::{PageEdges, PageTable, TableSettings, find_tables, page_edges};
use govdoc::pdf::trace::Trace;
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(page_number)) = (args.first(), args.get(1).and_then(|p| p.parse::<usize>().ok())) else {
        eprintln!("usage: table_debug FILE.pdf PAGE [--svg OUT.svg]");
        std::process::exit(2);
    };
    let svg_path = args.iter().position(|a| a == "--svg").and_then(|i| args.get(i + 1));
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let doc = PdfDocument::open(&bytes).unwrap_or_else(|e| {
        eprintln!("{path}: {}", e.message);
        std::process::exit(1);
    });
    if page_number == 0 || page_number > doc.page_count() {
        eprintln!("{path}: no page {page_number} (1..={})", doc.page_count());
        std::process::exit(2);
    }
    let (page, _) = doc.page(page_number - 1).unwrap_or_else(|e| {
        eprintln!("{path}: page {page_number}: {}", e.message);
        std::process::exit(1);
    });
    let PageEdges { horizontal, vertical, intersections } = page_edges(&page, &TableSettings::default());
    let tables = find_tables(&page);

    let edge_json = |e: &govdoc::pdf::tables::Edge| json!([e.position, e.start, e.end]);
    let table_json = |t: &PageTable| {
        let g = &t.fragment.grid;
        json!({
            "top": t.top, "bottom": t.bottom, "x0": t.x0, "x1": t.x1,
            "open_top": t.open_top, "open_bottom": t.open_bottom,
            "column_edges": t.fragment.column_edges,
            "rows": g.rows, "cols": g.cols,
            "cells": g.cells.iter().map(|c| json!([c.row, c.col, c.row_span, c.col_span, c.text])).collect::<Vec<_>>(),
        })
    };
    let out = json!({
        "page": page_number, "width": page.width, "height": page.height,
        "rulings": page.rulings.len(), "glyphs": page.glyphs.len(),
        "horizontal_edges": horizontal.iter().map(edge_json).collect::<Vec<_>>(),
        "vertical_edges": vertical.iter().map(edge_json).collect::<Vec<_>>(),
        "intersections": intersections.iter().map(|x| json!([x.x, x.y])).collect::<Vec<_>>(),
        "tables": tables.iter().map(table_json).collect::<Vec<_>>(),
    });
    if let Some(svg_path) = svg_path {
        // The same drawing as a page of `govdoc inspect`, standalone.
        let taken: std::collections::BTreeSet<usize> = tables.iter().flat_map(|t| t.glyphs.iter().copied()).collect();
        let free: Vec<usize> = (0..page.glyphs.len()).filter(|i| !taken.contains(i)).collect();
        let lines = glyphs_to_lines(&page.glyphs, &page.fonts, &free, PARAGRAPH_SPACE_GAP_EM);
        let mut trace = Trace::default();
        trace.record_page(&page, &tables, &lines);
        if let Err(e) = std::fs::write(svg_path, standalone_svg(&trace.pages[0], 2.0)) {
            eprintln!("{svg_path}: {e}");
            std::process::exit(1);
        }
    }
    println!("{}", serde_json::to_string(&out).expect("JSON of plain values"));
}
