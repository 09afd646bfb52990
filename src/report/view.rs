//! A statistics table seen by the report layer: header rows over value
//! columns, label columns to the left of them, and for each row and column
//! the label path that names it ("三、本年度办理结果" › "（三）不予公开" ›
//! "1.属于国家秘密").

use crate::grid::{is_value_text, slot_owners};
use crate::model::{Cell, Table};

pub struct TableView<'a> {
    pub table: &'a Table,
    /// Slot → index in `table.cells`.
    owners: Vec<usize>,
    pub header_rows: usize,
    /// Columns before this one hold labels; from it on, values.
    pub first_value_col: usize,
}

impl<'a> TableView<'a> {
    /// `fallback_value_col` is used when no body cell holds a value (a table
    /// left blank): the first column whose header the caller recognizes.
    pub fn new(table: &'a Table, fallback_value_col: impl Fn(&TableView) -> Option<usize>) -> Self {
        let owners = slot_owners(table.rows, table.cols, &table.cells);
        // The header ends where the values start: a header row the rebuild
        // did not mark (a header split over more rows) is still a header.
        let first_value_row = table.cells.iter().filter(|c| is_value_text(&c.text)).map(|c| c.row).min();
        let header_rows = first_value_row.unwrap_or(table.header_rows).min(table.rows);
        let mut view = TableView { table, owners, header_rows, first_value_col: table.cols };
        let from_values =
            table.cells.iter().filter(|c| c.row >= header_rows && is_value_text(&c.text)).map(|c| c.col).min();
        view.first_value_col = from_values.or_else(|| fallback_value_col(&view)).unwrap_or(table.cols);
        view
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<&'a Cell> {
        let index = *self.owners.get(row * self.table.cols + col)?;
        self.table.cells.get(index)
    }

    /// Texts of the distinct cells covering `slots`, in order, empty ones left out.
    fn distinct_texts(&self, slots: impl Iterator<Item = (usize, usize)>) -> Vec<&'a str> {
        let mut seen: Vec<*const Cell> = Vec::new();
        let mut texts = Vec::new();
        for (r, c) in slots {
            if let Some(cell) = self.cell(r, c)
                && !seen.contains(&(cell as *const Cell))
            {
                seen.push(cell);
                if !cell.text.is_empty() {
                    texts.push(cell.text.as_str());
                }
            }
        }
        texts
    }

    /// The labels naming body row `row`, outermost first.
    pub fn row_labels(&self, row: usize) -> Vec<&'a str> {
        self.distinct_texts((0..self.first_value_col.min(self.table.cols)).map(|c| (row, c)))
    }

    /// The header labels over column `col`, outermost first.
    pub fn column_labels(&self, col: usize) -> Vec<&'a str> {
        self.distinct_texts((0..self.header_rows).map(|r| (r, col)))
    }

    pub fn body_rows(&self) -> std::ops::Range<usize> {
        self.header_rows..self.table.rows
    }

    pub fn value_cols(&self) -> std::ops::Range<usize> {
        self.first_value_col.min(self.table.cols)..self.table.cols
    }

    /// The text of the cell at (row, col) if the cell starts in that row and
    /// column; the slots a merged value cell covers beyond its first read as
    /// that cell only where it starts.
    pub fn value_text(&self, row: usize, col: usize) -> Option<&'a str> {
        self.cell(row, col).filter(|c| c.row == row && c.col == col).map(|c| c.text.as_str())
    }

    /// All text of the table, cell by cell.
    pub fn all_text(&self) -> String {
        self.table.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}
