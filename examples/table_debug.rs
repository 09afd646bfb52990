//! Debug aid: what the table finder sees on one page of a PDF — its edges
//! (rulings after snapping and joining; width-0 sides of shaded areas
//! included), their intersections, and the tables found (boundaries, cells
//! with spans and text) — as JSON on stdout, and as an SVG picture with
//! `--svg OUT.svg` (glyph boxes grey, horizontal edges red, vertical edges
//! blue, intersections black dots, tables and their column edges green).
//!
//!     cargo run --release --example table_debug -- FILE.pdf PAGE [--svg OUT.svg]
//!
//! A wrong table can be understood from the picture: a missing edge, a
//! sliver between two near lines, a frame that caught the page border.

use std::fmt::Write as _;

use govdoc::pdf::document::PdfDocument;
use govdoc::pdf::tables::{PageEdges, PageTable, TableSettings, find_tables, page_edges};
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
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w2}" height="{h2}"><rect width="{w}" height="{h}" fill="white"/>"#,
            w = page.width,
            h = page.height,
            w2 = page.width * 2.0,
            h2 = page.height * 2.0
        );
        for g in &page.glyphs {
            let _ = writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ddd"/>"##,
                g.x0,
                g.top,
                (g.x1 - g.x0).max(0.1),
                (g.bottom - g.top).max(0.1)
            );
        }
        for t in &tables {
            let b = &t.fragment.column_edges;
            let _ = writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#0a0" stroke-width="1.5"/>"##,
                t.x0,
                t.top,
                t.x1 - t.x0,
                t.bottom - t.top
            );
            for x in b {
                let _ = writeln!(
                    svg,
                    r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#0a0" stroke-dasharray="2,2"/>"##,
                    t.top, t.bottom
                );
            }
        }
        for e in &horizontal {
            let _ = writeln!(
                svg,
                r##"<line x1="{}" y1="{p}" x2="{}" y2="{p}" stroke="#d00" stroke-width="0.6"/>"##,
                e.start,
                e.end,
                p = e.position
            );
        }
        for e in &vertical {
            let _ = writeln!(
                svg,
                r##"<line x1="{p}" y1="{}" x2="{p}" y2="{}" stroke="#00d" stroke-width="0.6"/>"##,
                e.start,
                e.end,
                p = e.position
            );
        }
        for x in &intersections {
            let _ = writeln!(svg, r#"<circle cx="{}" cy="{}" r="1.2" fill="black"/>"#, x.x, x.y);
        }
        svg.push_str("</svg>\n");
        if let Err(e) = std::fs::write(svg_path, svg) {
            eprintln!("{svg_path}: {e}");
            std::process::exit(1);
        }
    }
    println!("{}", serde_json::to_string(&out).expect("JSON of plain values"));
}
