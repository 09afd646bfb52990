//! Placing a `w:tbl`'s rows and cells on its grid: `gridSpan`, `vMerge`
//! restart/continue, legacy `hMerge`, `gridBefore`/`gridAfter`, header rows.

use crate::error::{Error, Result};
use crate::grid::{Cell, Grid};
use crate::model::{Diagnostic, TableFragment};

/// Vertical or legacy horizontal merge state of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Restart,
    Continue,
}

#[derive(Debug, Clone, Default)]
pub struct RawCell {
    pub grid_span: usize,
    pub v_merge: Option<Merge>,
    pub h_merge: Option<Merge>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct RawRow {
    pub cells: Vec<RawCell>,
    pub grid_before: usize,
    pub grid_after: usize,
    pub header: bool,
    pub deleted: bool,
}

#[derive(Debug, Clone, Default)]
pub struct RawTable {
    /// `w:gridCol` widths in twentieths of a point.
    pub grid_widths: Vec<f32>,
    pub rows: Vec<RawRow>,
}

/// Largest grid accepted from one table (rows × columns): far beyond any real
/// table, and small enough that laying it out stays cheap.
const MAX_SLOTS: usize = 4_000_000;

/// Grid columns narrower than this (2 pt) are slivers, not columns.
const MIN_COLUMN_TWIPS: f32 = 40.0;

impl RawTable {
    /// The table on its grid. Grid columns that `w:tblGrid` declares but no
    /// row reaches (not even through `gridAfter`) are dropped with a
    /// `docx.grid_unused` info in `diagnostics`: they hold no cell, and a
    /// grid of 400,000 declared columns would otherwise pad every row.
    pub fn into_fragment(mut self, diagnostics: &mut Vec<Diagnostic>) -> Result<TableFragment> {
        let rows: Vec<RawRow> = self.rows.into_iter().filter(|r| !r.deleted).collect();
        let width = |r: &RawRow| {
            r.cells
                .iter()
                .map(|c| c.grid_span.max(1))
                .fold(r.grid_before.saturating_add(r.grid_after), usize::saturating_add)
        };
        let cols = rows.iter().map(width).max().unwrap_or(0);
        if self.grid_widths.len() > cols && !rows.is_empty() {
            diagnostics.push(Diagnostic::info(
                "docx.grid_unused",
                format!(
                    "a table's grid declares {} columns but its rows reach only {cols}; the {} columns no row reaches were left out",
                    self.grid_widths.len(),
                    self.grid_widths.len() - cols
                ),
            ));
            self.grid_widths.truncate(cols);
        }
        if rows.len().saturating_mul(cols) > MAX_SLOTS {
            return Err(Error::too_large(format!(
                "a table of {} rows × {cols} columns is over the limit of {MAX_SLOTS} cells",
                rows.len()
            )));
        }
        crate::budget::charge_usize(crate::budget::Resource::Cells, rows.len().saturating_mul(cols))?;
        let mut cells: Vec<Cell> = Vec::new();
        // For each column, the cell a `vMerge continue` there would extend.
        let mut open: Vec<Option<usize>> = vec![None; cols];
        for (r, row) in rows.iter().enumerate() {
            let mut col = row.grid_before;
            let mut previous_in_row: Option<usize> = None;
            for raw in &row.cells {
                let span = raw.grid_span.max(1);
                if col >= cols {
                    break;
                }
                if raw.h_merge == Some(Merge::Continue)
                    && let Some(prev) = previous_in_row {
                        cells[prev].col_span += span;
                        append_text(&mut cells[prev].text, &raw.text);
                        col += span;
                        continue;
                    }
                if raw.v_merge == Some(Merge::Continue)
                    && let Some(index) = open[col].filter(|&i| cells[i].col == col && cells[i].last_row() + 1 == r) {
                        cells[index].row_span += 1;
                        append_text(&mut cells[index].text, &raw.text);
                        previous_in_row = Some(index);
                        col += span;
                        continue;
                    }
                let index = cells.len();
                cells.push(Cell::new(r, col, raw.text.clone()).spanning(1, span));
                open[col] = (raw.v_merge.is_some()).then_some(index);
                previous_in_row = Some(index);
                col += span;
            }
        }
        let marked_header_rows = rows.iter().take_while(|r| r.header).count();
        let mut grid = Grid::new(rows.len(), cols, cells);
        let mut widths = if self.grid_widths.len() == cols { Some(self.grid_widths) } else { None };
        // Drop grid columns that separate nothing: slivers narrower than a
        // couple of points that only wide cells cross (left by cell edges a
        // twip apart), and columns in which no cell starts.
        // Widths of removed columns join their left neighbour's (the first
        // column's join the next); `removed_width` marks them for one
        // compaction afterwards.
        let mut removed_width = vec![false; cols];
        grid.remove_redundant_columns(|col, starts_no_cell| {
            let sliver = widths.as_ref().is_some_and(|w| w[col] < MIN_COLUMN_TWIPS);
            if !(sliver || starts_no_cell) {
                return false;
            }
            if let Some(w) = widths.as_mut() {
                let width = w[col];
                // The neighbour that takes the width: the nearest column to
                // the left, or the nearest kept one to the right.
                let target = if col > 0 { Some(col - 1) } else { (1..cols).find(|&c| !removed_width[c]) };
                if let Some(t) = target {
                    w[t] += width;
                }
                removed_width[col] = true;
            }
            true
        });
        if let Some(w) = widths.as_mut() {
            let mut flags = removed_width.iter();
            w.retain(|_| !flags.next().copied().unwrap_or(false));
        }
        let column_edges = if let Some(widths) = widths.filter(|w| !w.is_empty()) {
            std::iter::once(0.0)
                .chain(widths.iter().scan(0.0, |x, w| {
                    *x += w / 20.0;
                    Some(*x)
                }))
                .collect()
        } else {
            Vec::new()
        };
        Ok(TableFragment { grid, marked_header_rows, column_edges, ..Default::default() })
    }
}

/// Adds `more` to a cell's text as a line of its own (nothing when empty).
pub(crate) fn append_text(target: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(more);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> RawCell {
        RawCell { grid_span: 1, text: text.into(), ..Default::default() }
    }

    #[test]
    fn spans_merges_and_grid_offsets() {
        let table = RawTable {
            grid_widths: vec![1000.0, 2000.0, 1000.0],
            rows: vec![
                RawRow {
                    cells: vec![
                        RawCell { v_merge: Some(Merge::Restart), ..cell("A") },
                        RawCell { grid_span: 2, ..cell("B") },
                    ],
                    header: true,
                    ..Default::default()
                },
                RawRow {
                    cells: vec![RawCell { v_merge: Some(Merge::Continue), ..cell("") }, cell("C")],
                    grid_after: 1,
                    ..Default::default()
                },
                RawRow { cells: vec![cell("D"), cell("E")], grid_before: 1, ..Default::default() },
                RawRow { cells: vec![cell("gone")], deleted: true, ..Default::default() },
            ],
        };
        let f = table.into_fragment(&mut Vec::new()).unwrap();
        assert_eq!((f.grid.rows, f.grid.cols, f.marked_header_rows), (3, 3, 1));
        let shape: Vec<_> =
            f.grid.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect();
        assert_eq!(
            shape,
            vec![
                (0, 0, 2, 1, "A"),
                (0, 1, 1, 2, "B"),
                (1, 1, 1, 1, "C"),
                (1, 2, 1, 1, ""),
                (2, 0, 1, 1, ""),
                (2, 1, 1, 1, "D"),
                (2, 2, 1, 1, "E"),
            ]
        );
        assert_eq!(f.column_edges, vec![0.0, 50.0, 150.0, 200.0]);
    }

    #[test]
    fn sliver_and_empty_grid_columns_are_dropped() {
        let wide = |text: &str, span| RawCell { grid_span: span, ..cell(text) };
        let table = RawTable {
            // A 1-twip sliver after column 1, as LibreOffice writes it.
            grid_widths: vec![1000.0, 1000.0, 1.0, 1000.0],
            rows: vec![
                RawRow { cells: vec![wide("行政复议", 2), wide("行政诉讼", 2)], ..Default::default() },
                RawRow { cells: vec![cell("维持"), wide("总计", 2), cell("维持")], ..Default::default() },
            ],
        };
        let f = table.into_fragment(&mut Vec::new()).unwrap();
        assert_eq!(f.grid.cols, 3);
        let shape: Vec<_> = f.grid.cells.iter().map(|c| (c.row, c.col, c.col_span)).collect();
        assert_eq!(shape, vec![(0, 0, 2), (0, 2, 1), (1, 0, 1), (1, 1, 1), (1, 2, 1)]);
        assert_eq!(f.column_edges, vec![0.0, 50.0, 100.05, 150.05]);
    }

    #[test]
    fn legacy_hmerge_joins_cells() {
        let table = RawTable {
            grid_widths: vec![],
            rows: vec![
                RawRow {
                    cells: vec![
                        RawCell { h_merge: Some(Merge::Restart), ..cell("合并") },
                        RawCell { h_merge: Some(Merge::Continue), ..cell("") },
                        cell("x"),
                    ],
                    ..Default::default()
                },
                RawRow { cells: vec![cell("1"), cell("2"), cell("3")], ..Default::default() },
            ],
        };
        let f = table.into_fragment(&mut Vec::new()).unwrap();
        assert_eq!(f.grid.cells.len(), 5);
        assert_eq!((f.grid.cells[0].col_span, f.grid.cells[1].text.as_str()), (2, "x"));
        assert!(f.column_edges.is_empty());
    }
}
