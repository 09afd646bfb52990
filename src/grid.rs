//! Table grids: cells with spans on a rows × cols grid, covered exactly once.
//!
//! Every stage that builds or reshapes a table (the DOCX and Markdown front
//! ends, the PDF table finder, the rebuild stage) ends by calling
//! [`Grid::new`], which enforces the SPEC's invariant: cells sorted by
//! (row, col), each grid slot covered by exactly one cell.

use serde::Serialize;

/// A table cell: its first row and column in the grid, how many rows and
/// columns it spans, and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// First row, 0-based.
    pub row: usize,
    /// First column, 0-based.
    pub col: usize,
    /// Rows covered (1 for an unmerged cell).
    pub row_span: usize,
    /// Columns covered (1 for an unmerged cell).
    pub col_span: usize,
    /// Normalized text; lines of the cell joined by `\n`.
    pub text: String,
    /// The OCR engine's confidence in the text (0–1, two decimals: the
    /// least of its words') when the cell was read by OCR; `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::confidence::serialize_optional")]
    pub confidence: Option<f64>,
}

impl Cell {
    /// A 1 × 1 cell at (`row`, `col`).
    pub fn new(row: usize, col: usize, text: impl Into<String>) -> Self {
        Cell { row, col, row_span: 1, col_span: 1, text: text.into(), confidence: None }
    }

    /// The cell spanning `row_span` rows and `col_span` columns.
    pub fn spanning(mut self, row_span: usize, col_span: usize) -> Self {
        self.row_span = row_span.max(1);
        self.col_span = col_span.max(1);
        self
    }

    /// The last row the cell covers.
    pub fn last_row(&self) -> usize {
        self.row + self.row_span - 1
    }

    /// The last column the cell covers.
    pub fn last_col(&self) -> usize {
        self.col + self.col_span - 1
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub rows: usize,
    pub cols: usize,
    /// Sorted by (row, col); together they cover the grid exactly once.
    pub cells: Vec<Cell>,
}

impl Grid {
    /// Builds a grid from cells placed by their top-left slot. Spans that run
    /// past the grid are clipped, a cell whose slots are already taken by an
    /// earlier cell (in (row, col) order) is shrunk to the free part of its
    /// first row — or, if nothing is free, its text is appended to the cell
    /// that covers its slot, so no text is ever lost — and every slot left
    /// uncovered gets an empty 1×1 cell.
    pub fn new(rows: usize, cols: usize, mut cells: Vec<Cell>) -> Grid {
        cells.sort_by_key(|c| (c.row, c.col));
        let mut owner: Vec<Option<usize>> = vec![None; rows * cols];
        let mut placed: Vec<Cell> = Vec::with_capacity(cells.len());
        for mut cell in cells {
            if cell.row >= rows || cell.col >= cols {
                continue;
            }
            cell.row_span = cell.row_span.clamp(1, rows - cell.row);
            cell.col_span = cell.col_span.clamp(1, cols - cell.col);
            if let Some(existing) = owner[cell.row * cols + cell.col] {
                if !cell.text.is_empty() {
                    let target = &mut placed[existing];
                    if !target.text.is_empty() {
                        target.text.push(' ');
                    }
                    target.text.push_str(&cell.text);
                }
                continue;
            }
            // Shrink to the free run of the first row, then to the rows below
            // that are free across that whole width.
            let mut width = 0;
            while width < cell.col_span && owner[cell.row * cols + cell.col + width].is_none() {
                width += 1;
            }
            cell.col_span = width;
            let mut height = 1;
            while height < cell.row_span
                && (0..width).all(|dc| owner[(cell.row + height) * cols + cell.col + dc].is_none())
            {
                height += 1;
            }
            cell.row_span = height;
            let index = placed.len();
            for r in cell.row..cell.row + height {
                for c in cell.col..cell.col + width {
                    owner[r * cols + c] = Some(index);
                }
            }
            placed.push(cell);
        }
        for r in 0..rows {
            for c in 0..cols {
                if owner[r * cols + c].is_none() {
                    owner[r * cols + c] = Some(placed.len());
                    placed.push(Cell::new(r, c, ""));
                }
            }
        }
        placed.sort_by_key(|c| (c.row, c.col));
        Grid { rows, cols, cells: placed }
    }

    /// Removes, from right to left, each column that is a redundant part —
    /// it can go without losing a cell: every cell that covers it spans a
    /// neighbour too — and that `drop(col, starts_no_cell)` says to remove; returns how many were removed. One
    /// pass over the slots, not one over the cells per column: a table with
    /// a million columns stays linear.
    pub fn remove_redundant_columns(&mut self, mut drop: impl FnMut(usize, bool) -> bool) -> usize {
        let mut covering: Vec<Vec<usize>> = vec![Vec::new(); self.cols];
        let mut starts = vec![false; self.cols];
        for (i, cell) in self.cells.iter().enumerate() {
            if let Some(s) = starts.get_mut(cell.col) {
                *s = true;
            }
            for list in covering.iter_mut().take(cell.last_col() + 1).skip(cell.col) {
                list.push(i);
            }
        }
        let mut removed = vec![false; self.cols];
        for col in (0..self.cols).rev() {
            // Columns are removed right of `col` only, so its index and the
            // cells covering it are still those of the original grid.
            let redundant = covering[col].iter().all(|&i| self.cells[i].col_span > 1);
            if redundant && drop(col, !starts[col]) {
                removed[col] = true;
                for &i in &covering[col] {
                    self.cells[i].col_span -= 1;
                }
            }
        }
        // Each cell moves left by the removed columns before it.
        let mut before = vec![0usize; self.cols + 1];
        for col in 0..self.cols {
            before[col + 1] = before[col] + usize::from(removed[col]);
        }
        for cell in &mut self.cells {
            cell.col -= before[cell.col.min(self.cols)];
        }
        let count = before[self.cols];
        self.cols -= count;
        self.cells.sort_by_key(|c| (c.row, c.col));
        count
    }

    /// The cell covering slot (row, col); the tests read grids by it.
    #[cfg(test)]
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| row >= c.row && row <= c.last_row() && col >= c.col && col <= c.last_col())
    }

    /// Cells whose top-left slot is in `row`.
    pub fn cells_starting_in(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// Leading rows that are column headers, for formats that do not mark
    /// them: each cell that starts in such a row has text and none of it is a
    /// value (see [`is_value_text`]). The first row with a value, or with an
    /// empty cell of its own (a data row whose values are blank), ends them.
    /// A table of header rows only (a header cut off from its body) counts
    /// all its rows. An empty top-left cell spanning rows (the box over the
    /// row labels) does not end them.
    pub fn inferred_header_rows(&self) -> usize {
        let mut count = 0;
        for row in 0..self.rows {
            let mut starting = self.cells_starting_in(row).peekable();
            if starting.peek().is_none() {
                // Every slot is covered from above: a continuation of header cells.
                count += 1;
                continue;
            }
            // The empty box over the row labels (the stub head), spanning
            // the header rows from the top-left corner, is part of the header.
            let stub_head = |c: &Cell| row == 0 && c.col == 0 && c.row_span > 1 && c.row_span < self.rows;
            if starting.all(|c| (!c.text.is_empty() || stub_head(c)) && !is_value_text(&c.text)) {
                count += 1;
            } else {
                break;
            }
        }
        count
    }
}

impl Grid {
    /// The one text of a row when a single cell starting in it holds text
    /// (the others, if any, are empty).
    fn lone_text(&self, row: usize) -> Option<&Cell> {
        let mut texts = self.cells_starting_in(row).filter(|c| !c.text.trim().is_empty());
        let first = texts.next()?;
        texts.next().is_none().then_some(first)
    }

    /// Leading rows that are the table's caption rather than column headers:
    /// a single cell across every column whose text names a table (表1…,
    /// 附表…, …表) or its unit (单位：…), with rows of the table below it.
    pub fn caption_rows(&self) -> usize {
        let is_caption = |row: usize| {
            self.lone_text(row).is_some_and(|c| {
                let t: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
                c.col == 0 && c.col_span == self.cols && self.cols > 1 && is_caption_text(&t)
            })
        };
        let count = (0..self.rows).take_while(|&r| is_caption(r)).count();
        if count + 1 < self.rows { count } else { 0 }
    }

    /// Trailing rows that are notes to the table: from a row whose only text
    /// starts a note (注：, 注1, 说明：, 资料来源：…) to the end, every row
    /// holding a single text. Not counted when the table would be left with
    /// no other row.
    pub fn note_rows(&self) -> usize {
        let single = |row: usize| self.lone_text(row).is_some();
        let mut start = None;
        for row in (1..self.rows).rev() {
            if !single(row) {
                break;
            }
            if self.lone_text(row).is_some_and(|c| is_note_text(c.text.trim_start())) {
                start = Some(row);
            }
        }
        start.map_or(0, |s| self.rows - s)
    }
}

/// Text that names a table or states its unit: a caption, not a header.
pub fn is_caption_text(t: &str) -> bool {
    let numbered = t.strip_prefix('表').is_some_and(|rest| {
        rest.chars().next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    });
    numbered || t.starts_with("附表") || t.starts_with("单位：") || t.starts_with("单位:") || t.ends_with('表')
}

/// Text that starts a note below a table.
pub fn is_note_text(t: &str) -> bool {
    const LEADS: [&str; 4] = ["说明：", "说明:", "资料来源", "数据来源"];
    if let Some(rest) = t.strip_prefix('注') {
        // 注：, 注:, 注1, 注①; not a word that merely starts with 注 (注册…).
        return rest.chars().next().is_some_and(|c| "：:1234567890①②③④⑤".contains(c));
    }
    LEADS.iter().any(|lead| t.starts_with(lead))
}

/// For each slot of a rows × cols grid, the index in `cells` of the cell
/// covering it (`usize::MAX` where none does). Spans past the grid are cut.
pub fn slot_owners(rows: usize, cols: usize, cells: &[Cell]) -> Vec<usize> {
    let mut owner = vec![usize::MAX; rows * cols];
    for (i, cell) in cells.iter().enumerate() {
        for r in cell.row..(cell.row + cell.row_span).min(rows) {
            for c in cell.col..(cell.col + cell.col_span).min(cols) {
                owner[r * cols + c] = i;
            }
        }
    }
    owner
}

/// True for the text of a statistics cell: a number (full- or half-width
/// digits, sign, decimal point, thousands separators, a unit or note after
/// it), or a placeholder written where a value would be (无, —, -, /, ／).
pub fn is_value_text(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(t.as_str(), "无" | "—" | "-" | "－" | "/" | "／" | "——" | "--" | "\\" | "×") {
        return true;
    }
    let mut chars = t.chars().peekable();
    if matches!(chars.peek(), Some('+' | '-' | '＋' | '－' | '−')) {
        chars.next();
    }
    let is_digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    if !chars.peek().is_some_and(is_digit) {
        return false;
    }
    while chars.next_if(|c| is_digit(c) || matches!(c, ',' | '，')).is_some() {}
    // "1." or "1、" followed by words is a numbered label, not a value.
    match chars.next() {
        Some('.' | '．') => chars.peek().is_none_or(is_digit),
        Some('、') => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_uncovered_slots_and_sorts() {
        let g = Grid::new(2, 3, vec![Cell::new(1, 2, "x"), Cell::new(0, 0, "a").spanning(2, 1)]);
        assert_eq!(g.cells.len(), 5);
        assert_eq!(slot_owners(g.rows, g.cols, &g.cells).iter().filter(|&&o| o == usize::MAX).count(), 0);
        assert_eq!(g.cells[0].text, "a");
        assert_eq!(g.cells[0].row_span, 2);
        assert_eq!((g.cells[4].row, g.cells[4].col, g.cells[4].text.as_str()), (1, 2, "x"));
    }

    #[test]
    fn overlapping_cells_are_shrunk_and_no_text_lost() {
        let g = Grid::new(
            2,
            3,
            vec![
                Cell::new(0, 0, "wide").spanning(1, 3),
                Cell::new(0, 1, "hidden"),
                Cell::new(1, 0, "tall").spanning(2, 2),
            ],
        );
        assert_eq!(g.cells[0].text, "wide hidden");
        assert_eq!(g.cells[1].row_span, 1, "clipped to the grid");
        assert_eq!(g.cells[1].col_span, 2);
        assert_eq!(g.cells.len(), 3);
    }

    #[test]
    fn a_column_no_cell_lives_in_alone_can_be_removed() {
        // A 1-twip sliver column that only wide cells cross (LibreOffice writes these).
        let mut g = Grid::new(
            2,
            4,
            vec![
                Cell::new(0, 0, "a").spanning(1, 2),
                Cell::new(0, 2, "b").spanning(1, 2),
                Cell::new(1, 0, "c"),
                Cell::new(1, 1, "d").spanning(1, 2),
                Cell::new(1, 3, "e"),
            ],
        );
        // Column 2 only: once it is gone, d no longer spans column 1.
        assert_eq!(g.remove_redundant_columns(|_, _| true), 1);
        let shape: Vec<_> = g.cells.iter().map(|c| (c.row, c.col, c.col_span, c.text.as_str())).collect();
        assert_eq!(shape, vec![(0, 0, 2, "a"), (0, 2, 1, "b"), (1, 0, 1, "c"), (1, 1, 1, "d"), (1, 2, 1, "e")]);
        assert_eq!(g.cols, 3);
    }

    #[test]
    fn header_rows_stop_at_values_or_blank_data() {
        let g = Grid::new(
            3,
            3,
            vec![
                Cell::new(0, 0, "信息内容"),
                Cell::new(0, 1, "本年制发件数"),
                Cell::new(0, 2, "现行有效件数"),
                Cell::new(1, 0, "规章"),
                Cell::new(1, 1, "3"),
                Cell::new(1, 2, "—"),
                Cell::new(2, 0, "行政规范性文件"),
            ],
        );
        assert_eq!(g.inferred_header_rows(), 1);
        let blank_body =
            Grid::new(2, 2, vec![Cell::new(0, 0, "项目"), Cell::new(0, 1, "数量"), Cell::new(1, 0, "规章")]);
        assert_eq!(blank_body.inferred_header_rows(), 1);
        // An empty stub head spanning two header rows keeps them header rows;
        // an empty first cell of one row is a blank data cell.
        let stub = |rows| {
            Grid::new(
                3,
                2,
                vec![
                    Cell::new(0, 0, "").spanning(rows, 1),
                    Cell::new(0, 1, "申请人情况"),
                    Cell::new(1, 1, "自然人"),
                    Cell::new(2, 0, "一、本年新收"),
                    Cell::new(2, 1, "5"),
                ],
            )
        };
        assert_eq!(stub(2).inferred_header_rows(), 2);
        assert_eq!(stub(1).inferred_header_rows(), 0);
    }

    #[test]
    fn caption_and_note_rows_are_told_by_their_text() {
        let table = |first: &str, last: &str| {
            Grid::new(
                5,
                2,
                vec![
                    Cell::new(0, 0, first).spanning(1, 2),
                    Cell::new(1, 0, "指标"),
                    Cell::new(1, 1, "数量"),
                    Cell::new(2, 0, "粮食"),
                    Cell::new(2, 1, "902"),
                    Cell::new(3, 0, last).spanning(1, 2),
                    Cell::new(4, 0, "2.增速按可比价计算。").spanning(1, 2),
                ],
            )
        };
        let g = table("表1 主要农产品产量", "注：1.总产量为快报数。");
        assert_eq!((g.caption_rows(), g.note_rows()), (1, 2));
        let g = table("单位：万吨", "注1 快报数。");
        assert_eq!((g.caption_rows(), g.note_rows()), (1, 2));
        // A label spanning the columns and rows that merely start with 注
        // are table rows.
        let g = table("主要农产品", "注册企业");
        assert_eq!((g.caption_rows(), g.note_rows()), (0, 0));
    }

    #[test]
    fn value_texts() {
        for t in ["0", "１２", "+4", "-18", "55（含自然失效29件）", "251000元", "无", "—", "／", " 3 "] {
            assert!(is_value_text(t), "{t}");
        }
        for t in ["", "总计", "一、本年新收", "1.属于国家秘密", "2、重复申请", "3．其他"] {
            assert!(!is_value_text(t), "{t}");
        }
        assert!(is_value_text("12.5"));
        assert!(is_value_text("1,234"));
    }
}
