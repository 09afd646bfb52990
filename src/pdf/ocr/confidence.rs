//! Confidences of laid-out text read by OCR. Each character carries its
//! word's confidence ([`PageContent::confidences`](crate::pdf::page::PageContent));
//! a paragraph gets the mean over its characters, a table cell the least of
//! them — a value is as doubtful as its worst-read word, the figure
//! `source.ocr.low_confidence` lists.

use crate::confidence::weighted_mean;
use crate::pdf::page::Glyph;
use crate::pdf::tables::PageTable;

/// The mean confidence of the characters `glyphs` (indices into
/// `confidences`); `None` when the page was not read by OCR.
pub fn of_paragraph(confidences: &[f32], glyphs: &[usize]) -> Option<f64> {
    weighted_mean(glyphs.iter().filter_map(|&i| confidences.get(i)).map(|&c| (f64::from(c), 1)))
}

/// Sets each cell of `table` that holds characters of an OCR'd page to the
/// least confidence among them; a page with a text layer (no
/// `confidences`) is left alone.
pub fn of_cells(table: &mut PageTable, glyphs: &[Glyph], confidences: &[f32]) {
    if confidences.len() != glyphs.len() {
        return;
    }
    let (xs, ys) = (&table.fragment.column_edges, &table.row_edges);
    let grid = &mut table.fragment.grid;
    if xs.len() != grid.cols + 1 || ys.len() != grid.rows + 1 {
        return;
    }
    // Which cell covers each grid slot.
    let mut slot = vec![usize::MAX; grid.rows * grid.cols];
    for (k, cell) in grid.cells.iter().enumerate() {
        for r in cell.row..(cell.row + cell.row_span).min(grid.rows) {
            for c in cell.col..(cell.col + cell.col_span).min(grid.cols) {
                slot[r * grid.cols + c] = k;
            }
        }
    }
    // The interval of sorted `edges` that holds `v`.
    let between = |edges: &[f32], v: f32| -> Option<usize> {
        let k = edges.partition_point(|&e| e <= v);
        (k > 0 && k < edges.len()).then(|| k - 1)
    };
    let mut least: Vec<Option<f32>> = vec![None; grid.cells.len()];
    for &i in &table.glyphs {
        let (Some(g), Some(&c)) = (glyphs.get(i), confidences.get(i)) else { continue };
        let (Some(col), Some(row)) = (between(xs, g.rect.center_x()), between(ys, g.rect.center_y())) else {
            continue;
        };
        if let Some(l) = slot.get(row * grid.cols + col).and_then(|&k| least.get_mut(k)) {
            *l = Some(l.map_or(c, |l| l.min(c)));
        }
    }
    for (cell, l) in grid.cells.iter_mut().zip(least) {
        cell.confidence = l.map(crate::confidence::round);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;
    use crate::grid::{Cell, Grid};
    use crate::model::TableFragment;

    fn glyph(text: &str, x: f32, top: f32) -> Glyph {
        Glyph { text: text.into(), rect: Rect { x0: x, top, x1: x + 8.0, bottom: top + 10.0 }, size: 10.0, font: 0, upright: true }
    }

    #[test]
    fn a_cell_takes_its_least_confident_character_and_a_paragraph_the_mean() {
        let grid = Grid::new(2, 2, vec![Cell::new(0, 0, "项目"), Cell::new(0, 1, "52"), Cell::new(1, 0, "规章").spanning(1, 2)]);
        let mut table = PageTable {
            fragment: TableFragment { grid, column_edges: vec![0.0, 50.0, 100.0], ..Default::default() },
            top: 0.0,
            bottom: 40.0,
            x0: 0.0,
            x1: 100.0,
            open_bottom: false,
            open_top: false,
            glyphs: vec![0, 1, 2, 3, 4],
            row_edges: vec![0.0, 20.0, 40.0],
        };
        let glyphs =
            [glyph("项", 5.0, 5.0), glyph("目", 15.0, 5.0), glyph("5", 60.0, 5.0), glyph("2", 70.0, 5.0), glyph("规", 80.0, 25.0)];
        of_cells(&mut table, &glyphs, &[0.95, 0.9, 0.43, 0.97, 0.88]);
        let got: Vec<Option<f64>> = table.fragment.grid.cells.iter().map(|c| c.confidence).collect();
        assert_eq!(got, vec![Some(0.9), Some(0.43), Some(0.88)]);
        // A text layer: nothing set.
        let before = table.clone();
        of_cells(&mut table, &glyphs, &[]);
        assert_eq!(table, before);
        assert_eq!(of_paragraph(&[0.9, 0.5, 0.7], &[0, 1, 2]), Some(0.7));
        assert_eq!(of_paragraph(&[], &[0, 1]), None);
    }
}
