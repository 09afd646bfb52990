//! Lines as placed text for the report layer: each laid-out line cut into
//! spans at gaps wider than a word space, with the spans' horizontal
//! extents. A table drawn without rulings is, to a reader, exactly this:
//! labels and numbers standing apart on a line, under header labels.
//!
//! Only the report layer reads them, and only when a statistics table was
//! not found, so they are built on demand ([`on_demand`]) from what
//! assembly keeps of each page ([`PageSource`]).

use crate::model::{PlacedLine, PlacedLines, TextSpan};
use crate::pdf::layout::{Line, PARAGRAPH_SPACE_GAP_EM, glyphs_to_lines};
use crate::pdf::page::{FontInfo, Glyph};
use crate::text::normalize;

/// A gap between two glyphs wider than this (em of their size) separates
/// spans: wider than any word space (≈ 0.25–0.35 em) or CJK letter spacing,
/// narrower than the gutter between two table columns.
pub const SPAN_GAP_EM: f32 = 1.0;

/// What one page's placed lines are made from, kept after assembly until
/// the report layer asks for them: the lines outside tables (furniture
/// already removed), each table's glyphs, and the page's laid-out glyphs
/// they point into.
#[derive(Debug, Clone, Default)]
pub struct PageSource {
    pub page: u32,
    pub free: Vec<Line>,
    /// Per table, indices of its glyphs in `glyphs`.
    pub tables: Vec<Vec<usize>>,
    pub glyphs: Vec<Glyph>,
    pub fonts: Vec<FontInfo>,
}

impl PageSource {
    /// The page's lines as placed text, top to bottom: the lines outside
    /// tables and the lines of the tables' own glyphs, so that a table
    /// whose grid came out wrong can still be read line by line.
    pub fn lines(&self) -> Vec<PlacedLine> {
        let mut lines: Vec<PlacedLine> = self.free.iter().map(|l| placed_line(l, &self.glyphs, self.page)).collect();
        for table in &self.tables {
            let inside = glyphs_to_lines(&self.glyphs, &self.fonts, table, PARAGRAPH_SPACE_GAP_EM);
            lines.extend(inside.iter().map(|l| placed_line(l, &self.glyphs, self.page)));
        }
        lines.sort_by(|a, b| a.top.total_cmp(&b.top));
        lines
    }
}

/// A document's placed lines, page by page, built when first read.
pub fn on_demand(pages: Vec<PageSource>) -> PlacedLines {
    PlacedLines::on_demand(move || pages.iter().flat_map(PageSource::lines).collect())
}

/// `line` (on page `page`, its glyphs in `glyphs`) as a placed line. Text
/// set rotated or vertically is one span: its gaps run the other way.
pub fn placed_line(line: &Line, glyphs: &[Glyph], page: u32) -> PlacedLine {
    let mut spans: Vec<TextSpan> = Vec::new();
    let mut raw = String::new();
    let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
    let mut previous: Option<&Glyph> = None;
    let rotated =
        line.glyphs.iter().filter_map(|&i| glyphs.get(i)).filter(|g| !g.upright).count() * 2 > line.glyphs.len();
    let mut flush = |raw: &mut String, x0: &mut f32, x1: &mut f32| {
        let text = normalize(raw);
        if !text.is_empty() {
            spans.push(TextSpan { text, x0: *x0, x1: *x1 });
        }
        raw.clear();
        (*x0, *x1) = (f32::INFINITY, f32::NEG_INFINITY);
    };
    for g in line.glyphs.iter().filter_map(|&i| glyphs.get(i)) {
        if g.text.trim().is_empty() {
            raw.push(' ');
            continue;
        }
        if let Some(p) = previous {
            let size = (p.size.abs() + g.size.abs()) / 2.0;
            if !rotated && g.rect.x0 - p.rect.x1 > SPAN_GAP_EM * size.max(1.0) {
                flush(&mut raw, &mut x0, &mut x1);
            } else if !rotated && g.rect.x0 - p.rect.x1 > 0.25 * size.max(1.0) {
                raw.push(' ');
            }
        }
        raw.push_str(&g.text);
        x0 = x0.min(g.rect.x0.min(g.rect.x1));
        x1 = x1.max(g.rect.x1.max(g.rect.x0));
        previous = Some(g);
    }
    flush(&mut raw, &mut x0, &mut x1);
    PlacedLine { page, top: line.rect.top, bottom: line.rect.bottom, size: line.size, spans }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;

    fn glyph(text: &str, x0: f32) -> Glyph {
        Glyph { text: text.into(), rect: Rect { x0, top: 0.0, x1: x0 + 10.0, bottom: 10.0 }, size: 10.0, font: 0, upright: true }
    }

    #[test]
    fn wide_gaps_cut_a_line_into_spans() {
        let glyphs = vec![glyph("规", 10.0), glyph("章", 20.0), glyph("1", 80.0), glyph("2", 90.0), glyph("6", 150.0)];
        let line = Line { text: "规章 12 6".into(), rect: Rect { x0: 10.0, top: 0.0, x1: 160.0, bottom: 10.0 }, size: 10.0, bold: false, glyphs: (0..5).collect() };
        let placed = placed_line(&line, &glyphs, 3);
        let spans: Vec<(&str, f32, f32)> = placed.spans.iter().map(|s| (s.text.as_str(), s.x0, s.x1)).collect();
        assert_eq!(spans, [("规章", 10.0, 30.0), ("12", 80.0, 100.0), ("6", 150.0, 160.0)]);
        assert_eq!(placed.page, 3);
    }
}
