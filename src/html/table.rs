//! Rows of cells with row and column spans → a [`Grid`]: each cell placed at
//! the first column its row has free, as HTML's table model places them
//! (cells spanning rows from above take their slots first); columns that
//! hold no cell of their own are removed. Used by the HTML
//! front end and by the DOCX reader's RTF `altChunk` parts.

use crate::grid::{Cell, Grid};
use crate::text::normalize;

/// Largest row or column span taken from a cell; HTML itself caps colspan at
/// 1000 and rowspan at 65534, and no real table comes near either.
pub const MAX_SPAN: usize = 1000;
/// Largest table (rows × columns) built from rows of cells; a bigger one
/// (absurd spans in broken HTML) is refused and its rows kept as lines.
pub const MAX_TABLE_SLOTS: usize = 1 << 20;

/// One cell as a row lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextCell {
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
}

impl TextCell {
    pub fn plain(text: String) -> Self {
        TextCell { text, row_span: 1, col_span: 1 }
    }
}

/// Why rows could not be made a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooBig {
    /// More than [`MAX_TABLE_SLOTS`] slots.
    Slots,
    /// Over the document budget's table cells.
    Budget(crate::Error),
}

/// The grid of `rows`, or `Ok(None)` when they hold no cell at all. Spans are
/// clamped to [`MAX_SPAN`] (and a row span to the rows there are); the
/// cells are charged to the document budget.
pub fn grid(rows: &[Vec<TextCell>]) -> Result<Option<Grid>, TooBig> {
    if rows.iter().all(|r| r.is_empty()) {
        return Ok(None);
    }
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut cells = Vec::new();
    let mut cols = 0usize;
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0usize;
        for cell in row {
            let (row_span, col_span) = (cell.row_span.clamp(1, MAX_SPAN), cell.col_span.clamp(1, MAX_SPAN));
            while taken.get(r).and_then(|t| t.get(c)).copied().unwrap_or(false) {
                c += 1;
            }
            let last_row = (r + row_span).min(rows.len());
            if last_row.saturating_mul(c + col_span) > MAX_TABLE_SLOTS {
                return Err(TooBig::Slots);
            }
            for slot_row in r..last_row {
                if taken.len() <= slot_row {
                    taken.resize(slot_row + 1, Vec::new());
                }
                let line = &mut taken[slot_row];
                if line.len() < c + col_span {
                    line.resize(c + col_span, false);
                }
                line[c..c + col_span].iter_mut().for_each(|t| *t = true);
            }
            cells.push(Cell::new(r, c, normalize_lines(&cell.text)).spanning(last_row - r, col_span));
            c += col_span;
            cols = cols.max(c);
        }
    }
    if cols == 0 {
        return Ok(None);
    }
    crate::budget::charge_usize(crate::budget::Resource::Cells, rows.len().saturating_mul(cols))
        .map_err(TooBig::Budget)?;
    let mut grid = Grid::new(rows.len(), cols, cells);
    // A column holding no cell of its own — every cell over it spans a
    // neighbour too — is no column a reader reads: exporters write one for
    // cell edges that nearly meet (LibreOffice for a DOCX grid's sliver
    // columns, whose widths its HTML does not keep). No text moves.
    grid.remove_redundant_columns(|_, _| true);
    Ok(Some(grid))
}

/// A cell's text normalized line by line: its line ends (paragraphs and
/// `<br>` in the cell) stay, as the DOCX front end keeps a cell's paragraphs.
pub fn normalize_lines(text: &str) -> String {
    text.split('\n').map(normalize).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, row_span: usize, col_span: usize) -> TextCell {
        TextCell { text: text.to_string(), row_span, col_span }
    }

    #[test]
    fn spans_from_above_take_their_slots() {
        let rows = vec![vec![cell("a", 2, 1), cell("b", 1, 2)], vec![cell("c", 1, 1), cell("d", 1, 1)]];
        let grid = grid(&rows).unwrap().unwrap();
        assert_eq!((grid.rows, grid.cols), (2, 3));
        let placed: Vec<(usize, usize, &str)> = grid.cells.iter().map(|c| (c.row, c.col, c.text.as_str())).collect();
        assert_eq!(placed, vec![(0, 0, "a"), (0, 1, "b"), (1, 1, "c"), (1, 2, "d")]);
    }

    #[test]
    fn absurd_spans_are_clamped_or_refused() {
        // A row span past the last row ends at the last row.
        let grid = grid(&[vec![cell("a", 65534, 1)], vec![]]).unwrap().unwrap();
        assert_eq!(grid.cells[0].row_span, 2);
        let wide: Vec<Vec<TextCell>> = (0..2000).map(|_| vec![cell("x", 1, 100_000)]).collect();
        assert_eq!(super::grid(&wide), Err(TooBig::Slots));
        assert_eq!(super::grid(&[vec![], vec![]]), Ok(None));
    }
}
