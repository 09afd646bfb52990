//! One page of the trace drawn as SVG in page space (points, y down), one
//! `<g class="L-…">` per layer so the page that holds it can switch layers
//! on and off: the page rendered underneath (when given), glyph boxes, the
//! text as read, line boxes, the table finder's edges and intersections,
//! tables and their cells, blocks in reading order, joins, removed furniture
//! (struck through) and characters left out as unseen. Many small shapes of
//! one kind are one `<path>`, so a page of thousands of glyphs stays a few
//! hundred elements.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::markup::esc;
use crate::pdf::page::Hidden;
use crate::pdf::geometry::Rect;
use crate::pdf::trace::PageTrace;

/// The layers, in drawing order: (class suffix, label, on at first).
pub const LAYERS: [(&str, &str, bool); 12] = [
    ("render", "page rendering", true),
    ("glyphs", "glyph boxes", true),
    ("text", "text as read", true),
    ("lines", "lines", false),
    ("edges", "rulings / edges", true),
    ("tables", "tables and cells", true),
    ("blocks", "blocks (reading order)", true),
    ("joins", "joins", true),
    ("furniture", "removed furniture", true),
    ("hidden", "text left out as unseen", true),
    ("numbers", "block numbers", true),
    ("spans", "values read from text lines", true),
];

/// How the layers look: in the inspect page's style sheet, and inside a
/// standalone drawing ([`standalone_svg`]).
pub const SVG_STYLE: &str = r#"
.paper{fill:#fff}
.L-glyphs path{fill:#c9d3df;fill-opacity:.55}
.L-text text{fill:#111;font-family:serif;white-space:pre}
.L-lines path{fill:none;stroke:#7a8;stroke-width:.4}
.L-edges .eh{stroke:#d22;stroke-width:.7;fill:none}
.L-edges .ev{stroke:#22d;stroke-width:.7;fill:none}
.L-edges .ex{fill:#000}
.L-tables .tb{fill:none;stroke:#0a0;stroke-width:1.4}
.L-tables .cell{fill:#0a0;fill-opacity:0;stroke:#0a0;stroke-width:.3;stroke-dasharray:2 1.5}
.L-tables .cell:hover{fill-opacity:.12}
.L-spans .span{fill:#0aa;fill-opacity:.08;stroke:#0aa;stroke-width:.6}
.L-blocks .blk{fill:#f90;fill-opacity:.05;stroke:#e80;stroke-width:.7}
.L-blocks .k-table{fill:none;stroke:#0a0;stroke-width:0}
.L-numbers .ord{font:bold 7px sans-serif;fill:#e60;text-anchor:end}
.L-joins .join path{stroke:#a0a;stroke-width:1.5;stroke-dasharray:4 2;fill:none}
.L-joins .join text{font:7px sans-serif;fill:#a0a}
.L-furniture .fur rect{fill:#f33;fill-opacity:.08;stroke:#f33;stroke-width:.5}
.L-furniture .fur path{stroke:#f33;stroke-width:1}
.L-hidden .hid{fill:#f0f;fill-opacity:.35;stroke:#c0c;stroke-width:.3}
"#;

/// What the page links to, beyond its own trace; all empty for a plain picture.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// A rendering of the page to draw underneath (SVG content in page space).
    pub render: Option<String>,
    /// Fragments on this page.
    pub blocks: Vec<PageBlock>,
    /// Spans of text lines a report value was read from.
    pub spans: Vec<PageSpan>,
    /// The text as read, each piece where it stands (the spans of the
    /// positioned lines handed to the report layer); when empty, the
    /// page's lines and cells are written instead.
    pub text: Vec<(Rect, String)>,
    /// (table, cell) → ids the cell links to (block cell, report value).
    pub cells: HashMap<(usize, usize), Vec<String>>,
    /// Joins arriving on this page: (where, the rule).
    pub joins: Vec<(Rect, String)>,
}

/// A fragment drawn on the page as the block it became.
#[derive(Debug, Clone)]
pub struct PageBlock {
    /// Its element id.
    pub id: String,
    pub rect: Rect,
    /// The block's kind ("paragraph", "table", …), a CSS class.
    pub kind: &'static str,
    /// The block's 1-based number in the JSON: its place in reading order.
    pub number: Option<usize>,
    /// Ids it links to (its block).
    pub links: Vec<String>,
}

/// A span of a text line that a report value was read from (a table
/// without rulings).
#[derive(Debug, Clone)]
pub struct PageSpan {
    pub id: String,
    pub rect: Rect,
    /// Ids it links to (the report value).
    pub links: Vec<String>,
    pub title: String,
}

/// A number for SVG: one decimal, no trailing zeros.
fn n(x: f32) -> String {
    let s = format!("{:.1}", x);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Rectangles as one path's data. Each starts with a move relative to the
/// one before (a closed subpath leaves the pen at its start), which keeps a
/// page of glyphs short: neighbours differ by a character's width.
fn rects_path<'a>(rects: impl IntoIterator<Item = &'a Rect>) -> String {
    let mut d = String::new();
    let mut pen: Option<(f32, f32)> = None;
    for r in rects.into_iter().filter(|r| r.is_finite()) {
        // Rounded as written, so the relative moves do not drift.
        let (x, y) = ((r.x0 * 10.0).round() / 10.0, (r.top * 10.0).round() / 10.0);
        let (w, h) = (r.width().max(0.1), r.height().max(0.1));
        match pen {
            None => {
                let _ = write!(d, "M{} {}", n(x), n(y));
            }
            Some((px, py)) => {
                let _ = write!(d, "m{} {}", n(x - px), n(y - py));
            }
        }
        let _ = write!(d, "h{}v{}h{}z", n(w), n(h), n(-w));
        pen = Some((x, y));
    }
    d
}

fn rect_attrs(r: &Rect) -> String {
    format!(r#"x="{}" y="{}" width="{}" height="{}""#, n(r.x0), n(r.top), n(r.width().max(0.1)), n(r.height().max(0.1)))
}

/// Text that fits `width` at `size` (a CJK character is about 1 em wide,
/// other characters about half), cut with "…".
fn fit(text: &str, width: f32, size: f32) -> String {
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = if c.is_ascii() { 0.5 * size } else { size };
        if used + w > width {
            out.push('…');
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// The page as an SVG element, `scale` CSS pixels per point.
pub fn page_svg(page: &PageTrace, links: &PageLinks, scale: f32) -> String {
    let (w, h) = (page.width.max(1.0), page.height.max(1.0));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="pg" viewBox="0 0 {} {}" width="{}" height="{}"><rect class="paper" width="{}" height="{}"/>"#,
        n(w),
        n(h),
        n(w * scale),
        n(h * scale),
        n(w),
        n(h)
    );
    if let Some(render) = &links.render {
        let _ = write!(s, r#"<g class="L-render">{render}</g>"#);
    }
    let _ = write!(s, r#"<g class="L-glyphs"><path d="{}"/></g>"#, rects_path(&page.glyphs));

    // The text as read: the positioned spans when given, else lines outside
    // tables and each cell's text in its cell.
    s.push_str(r#"<g class="L-text">"#);
    for (rect, text) in links.text.iter().filter(|(r, _)| r.is_finite()) {
        let size = (rect.height() * 0.8).clamp(2.0, 72.0);
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{}">{}</text>"#,
            n(rect.x0),
            n(rect.bottom - 0.2 * rect.height()),
            n(size),
            esc(&fit(text, rect.width() + size, size))
        );
    }
    let lines = page.lines.iter().filter(|l| links.text.is_empty() && l.furniture.is_none() && l.rect.is_finite());
    for line in lines {
        let size = (line.rect.height() * 0.8).clamp(2.0, 72.0);
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{}">{}</text>"#,
            n(line.rect.x0),
            n(line.rect.bottom - 0.2 * line.rect.height()),
            n(size),
            esc(&fit(line.text.trim(), line.rect.width() + size, size))
        );
    }
    for table in page.tables.iter().filter(|_| links.text.is_empty()) {
        for cell in table.cells.iter().filter(|c| !c.text.is_empty()) {
            let Some(r) = table.cell_rect(cell) else { continue };
            let size = (r.height() * 0.5).clamp(2.0, 9.0);
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="{}">{}</text>"#,
                n(r.x0 + 1.5),
                n(r.top + size + 1.0),
                n(size),
                esc(&fit(&cell.text, r.width() - 3.0, size))
            );
        }
    }
    s.push_str("</g>");

    let _ = write!(
        s,
        r#"<g class="L-lines"><path d="{}"/></g>"#,
        rects_path(page.lines.iter().filter(|l| l.furniture.is_none()).map(|l| &l.rect))
    );

    // Edges: horizontal red, vertical blue, intersections as small squares.
    let mut horizontal = String::new();
    for e in &page.edges.horizontal {
        let _ = write!(horizontal, "M{} {}H{}", n(e.start), n(e.position), n(e.end));
    }
    let mut vertical = String::new();
    for e in &page.edges.vertical {
        let _ = write!(vertical, "M{} {}V{}", n(e.position), n(e.start), n(e.end));
    }
    let mut crossings = String::new();
    for x in &page.edges.intersections {
        let _ = write!(crossings, "M{} {}h2v2h-2z", n(x.x - 1.0), n(x.y - 1.0));
    }
    let _ = write!(
        s,
        r#"<g class="L-edges"><path class="eh" d="{horizontal}"/><path class="ev" d="{vertical}"/><path class="ex" d="{crossings}"/></g>"#
    );

    s.push_str(r#"<g class="L-tables">"#);
    for (t, table) in page.tables.iter().enumerate() {
        let open = match (table.open_top, table.open_bottom) {
            (true, true) => " (top and bottom rules missing: runs on both ways)",
            (true, false) => " (top rule missing: continues a table)",
            (false, true) => " (bottom rule missing: runs on)",
            (false, false) => "",
        };
        let _ = write!(
            s,
            r#"<rect class="tb" {}><title>table {} on page {}: {} rows × {} columns{open}</title></rect>"#,
            rect_attrs(&table.rect),
            t + 1,
            page.number,
            table.ys.len().saturating_sub(1),
            table.xs.len().saturating_sub(1)
        );
        for (c, cell) in table.cells.iter().enumerate() {
            let Some(r) = table.cell_rect(cell) else { continue };
            let id = format!("p{}t{t}c{c}", page.number);
            let linked = links.cells.get(&(t, c)).map(|l| l.join(" ")).unwrap_or_default();
            let _ = write!(
                s,
                r#"<rect class="cell" id="{id}" data-l="{linked}" {}><title>row {} col {}{}: {}</title></rect>"#,
                rect_attrs(&r),
                cell.row,
                cell.col,
                if cell.row_span > 1 || cell.col_span > 1 {
                    format!(" (spans {}×{})", cell.row_span, cell.col_span)
                } else {
                    String::new()
                },
                esc(&cell.text)
            );
        }
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-blocks">"#);
    for b in &links.blocks {
        let _ = write!(
            s,
            r#"<rect class="blk k-{}" id="{}" data-l="{}" {}/>"#,
            b.kind,
            b.id,
            b.links.join(" "),
            rect_attrs(&b.rect)
        );
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-numbers">"#);
    for b in &links.blocks {
        if let Some(number) = b.number {
            let (x, y) = (n(b.rect.x0 - 2.0), n(b.rect.top + 7.0));
            let _ = write!(s, r#"<text class="ord" x="{x}" y="{y}">{number}</text>"#);
        }
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-spans">"#);
    for span in &links.spans {
        let _ = write!(
            s,
            r#"<rect class="span" id="{}" data-l="{}" {}><title>{}</title></rect>"#,
            span.id,
            span.links.join(" "),
            rect_attrs(&span.rect),
            esc(&span.title)
        );
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-joins">"#);
    for (rect, rule) in &links.joins {
        let _ = write!(
            s,
            r#"<g class="join"><path d="M{} {}H{}"/><text x="{}" y="{}">⤒ joined to the part before</text><title>{}</title></g>"#,
            n(rect.x0),
            n(rect.top - 1.5),
            n(rect.x1),
            n(rect.x0 + 2.0),
            n(rect.top - 3.0),
            esc(rule)
        );
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-furniture">"#);
    for line in page.lines.iter().filter(|l| l.furniture.is_some() && l.rect.is_finite()) {
        let kind = line.furniture.map(|k| k.describe()).unwrap_or_default();
        let r = &line.rect;
        let _ = write!(
            s,
            r#"<g class="fur"><rect {}/><path d="M{} {}H{}"/><title>removed as {kind} (pdf.furniture): {}</title></g>"#,
            rect_attrs(r),
            n(r.x0),
            n((r.top + r.bottom) / 2.0),
            n(r.x1),
            esc(&line.text)
        );
    }
    s.push_str("</g>");

    s.push_str(r#"<g class="L-hidden">"#);
    for why in [Hidden::OutsidePage, Hidden::Clipped] {
        let glyphs: Vec<&crate::pdf::page::HiddenGlyph> = page.hidden.iter().filter(|g| g.why == why).collect();
        if glyphs.is_empty() {
            continue;
        }
        let rects: Vec<Rect> =
            glyphs.iter().map(|g| Rect { x0: g.x0, top: g.top, x1: g.x1, bottom: g.bottom }).collect();
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        let _ = write!(
            s,
            r#"<path class="hid" d="{}"><title>{} character(s) left out ({}): {}</title></path>"#,
            rects_path(&rects),
            glyphs.len(),
            why.code(),
            esc(&fit(&text, 4000.0, 10.0))
        );
    }
    s.push_str("</g></svg>");
    s
}

/// The page as a standalone SVG file with its own style sheet (for
/// `examples/table_debug`), `scale` pixels per point.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // examples/table_debug
pub fn standalone_svg(page: &PageTrace, scale: f32) -> String {
    let svg = page_svg(page, &PageLinks::default(), scale);
    let head_end = svg.find('>').map_or(0, |i| i + 1);
    format!("{}<style>{SVG_STYLE}</style>{}\n", &svg[..head_end], &svg[head_end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;
    use crate::pdf::trace::{TracedLine, TracedTable};
    use crate::pdf::furniture::Kind;

    #[test]
    fn layers_cells_furniture_and_escaping() {
        let page = PageTrace {
            number: 2,
            width: 595.0,
            height: 842.0,
            glyphs: vec![Rect { x0: 10.0, top: 10.0, x1: 20.0, bottom: 22.0 }],
            lines: vec![
                TracedLine {
                    rect: Rect { x0: 10.0, top: 10.0, x1: 20.0, bottom: 22.0 },
                    text: "a<b".into(),
                    furniture: None,
                },
                TracedLine {
                    rect: Rect { x0: 290.0, top: 800.0, x1: 300.0, bottom: 812.0 },
                    text: "- 2 -".into(),
                    furniture: Some(Kind::PageNumber),
                },
            ],
            tables: vec![TracedTable {
                rect: Rect { x0: 50.0, top: 100.0, x1: 250.0, bottom: 140.0 },
                xs: vec![50.0, 150.0, 250.0],
                ys: vec![100.0, 140.0],
                cells: vec![Cell::new(0, 0, "项目"), Cell::new(0, 1, "12")],
                open_top: true,
                open_bottom: false,
            }],
            ..Default::default()
        };
        let mut links = PageLinks::default();
        links.cells.insert((0, 1), vec!["b3c1".into()]);
        let svg = page_svg(&page, &links, 1.0);
        for layer in ["glyphs", "text", "lines", "edges", "tables", "spans", "blocks", "joins", "furniture", "hidden"] {
            assert!(svg.contains(&format!(r#"class="L-{layer}""#)), "{layer}");
        }
        assert!(!svg.contains("L-render"));
        assert!(svg.contains(r#"id="p2t0c1" data-l="b3c1""#));
        assert!(svg.contains("a&lt;b"));
        assert!(svg.contains("removed as page number"));
        assert!(svg.contains("top rule missing"));
        assert!(svg.contains("M10 10h10v12h-10z"));
        let path = rects_path(&[
            Rect { x0: 10.0, top: 20.0, x1: 20.0, bottom: 30.0 },
            Rect { x0: 20.04, top: 20.0, x1: 30.0, bottom: 30.0 },
        ]);
        assert_eq!(path, "M10 20h10v10h-10zm10 0h10v10h-10z");
    }
}
