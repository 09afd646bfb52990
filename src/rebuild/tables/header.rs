//! Header matching between a table and its continuation: rows that repeat
//! the header cell for cell, sub-headers of the table above, and a header
//! continued below a part that holds only its first rows.

use super::evidence::is_successor_title;
use crate::grid::Grid;
use crate::text::comparable;

/// The non-empty cells starting in `row`, as (column, span, comparable text).
fn row_signature(grid: &Grid, row: usize) -> Vec<(usize, usize, String)> {
    grid.cells_starting_in(row)
        .filter(|c| !c.text.is_empty())
        .map(|c| (c.col, c.col_span, comparable(&c.text)))
        .collect()
}

/// How many rows at the top of `bottom` repeat header rows of `top`, row for
/// row and cell for cell: all of them, or the header's last rows (a partial
/// repeat under a 续表, whose slots under the original's vertical merges are
/// left empty). A row whose text differs in any cell is no repeat — unless
/// one side was read by OCR, whose header labels come out with a character
/// lost or changed ("社会组织" for "社会公益组织"): then a row with the same
/// cells, most of them alike in text, is a repeat.
pub fn repeated_header_rows(top: &Grid, header_rows: usize, bottom: &Grid) -> usize {
    let header_rows = header_rows.min(top.rows);
    let read_by_ocr = |g: &Grid| g.cells.iter().any(|c| c.confidence.is_some());
    let fuzzy = read_by_ocr(top) || read_by_ocr(bottom);
    for k in (1..=header_rows.min(bottom.rows)).rev() {
        let start = header_rows - k;
        let repeats = (0..k).all(|j| {
            let original = row_signature(top, start + j);
            let read = row_signature(bottom, j);
            !original.is_empty() && (original == read || (fuzzy && misread_repeat(&original, &read)))
        });
        if repeats {
            return k;
        }
    }
    0
}

/// Whether the `k` rows opening `bottom` repeat the last `k` header rows of
/// `top` word for word (not only alike, as OCR read them).
pub fn repeat_is_exact(top: &Grid, header_rows: usize, bottom: &Grid, k: usize) -> bool {
    let start = header_rows.min(top.rows).saturating_sub(k);
    (0..k).all(|j| row_signature(top, start + j) == row_signature(bottom, j))
}

/// Share of a row's cells whose OCR'd text must be alike to the original's
/// for the row to repeat it, and how alike (characters in common, Dice).
const MISREAD_ALIKE_CELLS: f32 = 0.5;
const MISREAD_ALIKE_TEXT: f32 = 0.6;

/// `read` (a row read by OCR, or the original of one) repeats `original`:
/// the same cells, and most of their texts alike.
fn misread_repeat(original: &[(usize, usize, String)], read: &[(usize, usize, String)]) -> bool {
    let same_cells = original.len() == read.len() && original.iter().zip(read).all(|(a, b)| (a.0, a.1) == (b.0, b.1));
    let alike = original.iter().zip(read).filter(|(a, b)| dice(&a.2, &b.2) >= MISREAD_ALIKE_TEXT).count();
    same_cells && alike as f32 >= MISREAD_ALIKE_CELLS * original.len() as f32
}

/// Characters two texts have in common (as multisets), against their
/// lengths: 2·common / (|a| + |b|).
fn dice(a: &str, b: &str) -> f32 {
    let mut rest: Vec<char> = b.chars().collect();
    let total = a.chars().count() + rest.len();
    let mut common = 0;
    for c in a.chars() {
        if let Some(k) = rest.iter().position(|&r| r == c) {
            rest.swap_remove(k);
            common += 1;
        }
    }
    if total == 0 { 1.0 } else { 2.0 * common as f32 / total as f32 }
}

/// The cells starting in `row`, as (column, span) pairs: a row's shape.
fn row_shape(grid: &Grid, row: usize) -> Vec<(usize, usize)> {
    grid.cells_starting_in(row).map(|c| (c.col, c.col_span)).collect()
}

/// The text of the first non-empty cell starting in `row`.
fn first_text(grid: &Grid, row: usize) -> Option<String> {
    grid.cells_starting_in(row).find(|c| !c.text.is_empty()).map(|c| comparable(&c.text))
}

/// The text of `row` when it is one cell over the whole width: a title row.
fn title_of(grid: &Grid, row: usize) -> Option<&str> {
    let mut cells = grid.cells_starting_in(row);
    let cell = cells.next()?;
    (cell.col == 0 && cell.col_span == grid.cols && cells.next().is_none() && !cell.text.is_empty())
        .then_some(cell.text.as_str())
}

/// True when the header-like rows `rows` opening `bottom` are sub-headers of
/// the table above rather than a header of another table. Each row is shaped
/// like a row of `top` (same cells and spans, or the same first cell: its
/// "信息内容" column header), and one of them repeats a row of `top`'s body
/// (below its header, `top_body` on) word for word or is a title row
/// numbered next after `top`'s last title row. The
/// 2019 proactive-disclosure table is built that way: "第二十条第（六）项"
/// over the full width, then its own "信息内容 | 上一年项目数量 | …"; its
/// last sub-table, "第二十条第（九）项" with a two-column header of its own,
/// follows "第二十条第（八）项".
pub fn starts_with_subheader(
    top: &Grid,
    top_body: usize,
    bottom: &Grid,
    rows: std::ops::Range<usize>,
) -> Option<SubHeader> {
    let shapes: Vec<_> = (0..top.rows).map(|r| row_shape(top, r)).collect();
    let signatures: Vec<_> = (top_body..top.rows).map(|r| row_signature(top, r)).collect();
    let first_texts: Vec<_> = (0..top.rows).filter_map(|r| first_text(top, r)).collect();
    let last_title = (0..top.rows).rev().find_map(|r| title_of(top, r));
    let mut anchored = None;
    for row in rows {
        let next_title = match (last_title, title_of(bottom, row)) {
            (Some(last), Some(title)) if is_successor_title(last, title) => Some((last, title)),
            _ => None,
        };
        let title_goes_on = next_title.is_some();
        let opens_like_a_row = bottom.cells_starting_in(row).count() > 1
            && first_text(bottom, row).is_some_and(|t| first_texts.contains(&t));
        if !(title_goes_on || opens_like_a_row || shapes.contains(&row_shape(bottom, row))) {
            return None;
        }
        let signature = row_signature(bottom, row);
        if let Some((last, next)) = next_title {
            anchored = Some(SubHeader::NextTitle { last: last.to_string(), next: next.to_string() });
        } else if anchored.is_none() && !signature.is_empty() && signatures.contains(&signature) {
            anchored = Some(SubHeader::Repeat);
        }
    }
    anchored
}

/// How a continuation's header rows were found to be the table's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubHeader {
    /// A row repeats a row of the table's body word for word.
    Repeat,
    /// A title row numbered next after the table's last title row.
    NextTitle { last: String, next: String },
}

/// True when the header rows opening `bottom` are the rest of the header of
/// `top`, a part of header rows only cut by the break (a page end between
/// the first and second header rows): every cell of `bottom`'s first row
/// lies under one cell of `top`'s last row, some of them dividing it
/// (结果维持 … 总计 under 行政复议), and no row repeats a row of `top`.
pub fn continues_header_rows(top: &Grid, bottom: &Grid, header_rows: usize) -> bool {
    let Some(last) = top.rows.checked_sub(1) else { return false };
    let mut divides = false;
    for cell in bottom.cells_starting_in(0) {
        let above = top
            .cells
            .iter()
            .find(|c| c.row <= last && last <= c.last_row() && c.col <= cell.col && cell.col <= c.last_col());
        let Some(above) = above else { return false };
        if cell.last_col() > above.last_col() {
            return false; // straddles a boundary of the header above
        }
        divides |= cell.col_span < above.col_span;
    }
    let signatures: Vec<_> = (0..top.rows).map(|r| row_signature(top, r)).collect();
    divides && (0..header_rows.min(bottom.rows)).all(|r| !signatures.contains(&row_signature(bottom, r)))
}

pub fn drop_top_rows(grid: Grid, n: usize) -> Grid {
    if n == 0 {
        return grid;
    }
    let cells = grid
        .cells
        .into_iter()
        .filter_map(|mut c| {
            if c.last_row() < n {
                return None;
            }
            if c.row < n {
                c.row_span -= n - c.row;
                c.row = n;
            }
            c.row -= n;
            Some(c)
        })
        .collect();
    Grid::new(grid.rows - n, grid.cols, cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;

    /// A header row over one body row; every cell with `confidence` when
    /// the grid was read by OCR.
    fn part(header: &[&str], body: &[&str], confidence: Option<f64>) -> Grid {
        let mut cells = Vec::new();
        for (r, texts) in [header, body].iter().enumerate() {
            for (c, t) in texts.iter().enumerate() {
                cells.push(Cell { confidence, ..Cell::new(r, c, *t) });
            }
        }
        Grid::new(2, header.len(), cells)
    }

    #[test]
    fn a_header_read_by_ocr_with_a_label_misread_repeats_the_table_header() {
        let top = part(&["项目", "自然人", "社会公益组织", "总计"], &["本年新收", "1", "2", "3"], None);
        let misread = ["项目", "自然人", "社会组织", "总计"];
        let scanned = part(&misread, &["上年结转", "4", "5", "9"], Some(0.9));
        assert_eq!(repeated_header_rows(&top, 1, &scanned), 1);
        assert!(!repeat_is_exact(&top, 1, &scanned, 1));
        // Between two text layers the text must be the same.
        let digital = part(&misread, &["上年结转", "4", "5", "9"], None);
        assert_eq!(repeated_header_rows(&top, 1, &digital), 0);
        // Another table's header, even read by OCR, repeats nothing.
        let other = part(&["序号", "名称", "金额", "备注"], &["1", "甲", "5", ""], Some(0.9));
        assert_eq!(repeated_header_rows(&top, 1, &other), 0);
    }
}
