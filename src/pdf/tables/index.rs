//! Which glyphs lie in a box, without a scan of the page per frame: the
//! table finder asks once per frame (and a page may hold thousands of
//! small frames over a hundred thousand glyphs — quadratic when each asks
//! every glyph).
//!
//! Glyph centres are sorted by y and cut into blocks of about √n glyphs,
//! each block sorted by x. A box visits the blocks whose y range meets it
//! and, in each, only the glyphs inside its x range (two binary searches),
//! so a query costs √n·log n plus the glyphs of the blocks at its top and
//! bottom edges plus its answer, even when every glyph shares one line.

use crate::pdf::page::Glyph;

/// Fewest glyphs in a block: below this, binary searches cost more than
/// they save.
const MIN_BLOCK: usize = 32;

/// Glyph centres in y-blocks sorted by x (see the module comment).
#[derive(Debug, Clone, Default)]
pub struct GlyphIndex {
    /// (centre x, centre y, glyph index), block by block.
    entries: Vec<(f32, f32, usize)>,
    /// Per block: its range in `entries` and its least and greatest centre y.
    blocks: Vec<(usize, usize, f32, f32)>,
}

impl GlyphIndex {
    /// The index of `glyphs`. Glyphs whose centre is not a finite point lie
    /// in no box and are left out.
    pub fn new(glyphs: &[Glyph]) -> Self {
        Self::from_entries(glyphs.iter().enumerate().map(|(i, g)| (g.rect.center_x(), g.rect.center_y(), i)).collect())
    }

    /// The index of the glyphs `members` (indices into `glyphs`) only: the
    /// free glyphs a stack of rules or a block of aligned text may take.
    pub fn of(glyphs: &[Glyph], members: &[usize]) -> Self {
        Self::from_entries(members.iter().map(|&i| (glyphs[i].rect.center_x(), glyphs[i].rect.center_y(), i)).collect())
    }

    fn from_entries(mut entries: Vec<(f32, f32, usize)>) -> Self {
        entries.retain(|(x, y, _)| x.is_finite() && y.is_finite());
        entries.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)));
        let size = entries.len().isqrt().max(MIN_BLOCK);
        let mut blocks = Vec::with_capacity(entries.len().div_ceil(size));
        let mut start = 0;
        while start < entries.len() {
            let end = (start + size).min(entries.len());
            let block = &mut entries[start..end];
            let (y0, y1) = (block[0].1, block[block.len() - 1].1);
            block.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
            blocks.push((start, end, y0, y1));
            start = end;
        }
        GlyphIndex { entries, blocks }
    }

    /// Indices of the glyphs whose centre lies strictly inside the box
    /// x0 < x < x1, y0 < y < y1, in ascending order (the page's drawing
    /// order, as a scan of every glyph would list them).
    pub fn within(&self, x0: f32, x1: f32, y0: f32, y1: f32) -> Vec<usize> {
        let mut out = Vec::new();
        let first = self.blocks.partition_point(|b| b.3 <= y0);
        for &(start, end, block_y0, _) in &self.blocks[first..] {
            if block_y0 >= y1 {
                break;
            }
            let block = &self.entries[start..end];
            let from = block.partition_point(|e| e.0 <= x0);
            let to = block.partition_point(|e| e.0 < x1);
            if from < to {
                out.extend(block[from..to].iter().filter(|e| y0 < e.1 && e.1 < y1).map(|e| e.2));
            }
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;

    fn glyph(cx: f32, cy: f32) -> Glyph {
        Glyph { text: "字".into(), rect: Rect { x0: cx - 1.0, top: cy - 1.0, x1: cx + 1.0, bottom: cy + 1.0 }, size: 2.0, font: 0, upright: true }
    }

    #[test]
    fn a_box_lists_the_glyphs_a_scan_would() {
        // A scattered page, one long line, and glyphs on the box's edges.
        let mut glyphs: Vec<Glyph> =
            (0..2000).map(|k| glyph(((k * 37) % 500) as f32 + 0.5, ((k * 53) % 700) as f32 + 0.5)).collect();
        glyphs.extend((0..500).map(|k| glyph(k as f32, 300.0)));
        glyphs.push(glyph(f32::NAN, 10.0));
        let index = GlyphIndex::new(&glyphs);
        for &(x0, x1, y0, y1) in
            &[(0.0, 500.0, 0.0, 700.0), (100.0, 101.0, 290.0, 310.0), (10.0, 200.0, 300.0, 300.5), (3.0, 3.0, 0.0, 1e9)]
        {
            let scan: Vec<usize> = glyphs
                .iter()
                .enumerate()
                .filter(|(_, g)| x0 < g.rect.center_x() && g.rect.center_x() < x1 && y0 < g.rect.center_y() && g.rect.center_y() < y1)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(index.within(x0, x1, y0, y1), scan, "box {x0} {x1} {y0} {y1}");
        }
        assert!(GlyphIndex::new(&[]).within(0.0, 1.0, 0.0, 1.0).is_empty());
    }
}
