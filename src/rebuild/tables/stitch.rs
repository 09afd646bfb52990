//! What a break cuts inside a table, made whole again: a row split across the
//! break, vertical merges running across it, a header cut in two; and the two
//! parts stacked into one grid.

use super::first_value_column;
use crate::grid::{Cell, Grid, is_value_text};
use crate::text::{comparable, is_cjk, normalize, official_number};

/// Rejoins what the break cut inside the table: a row whose rest opens the
/// continuation, or vertical merges running across. `edges` are the joined
/// grid's column boundaries in points, when known (empty otherwise). Edits
/// both grids; says what it did.
pub fn stitch(top: &mut Grid, bottom: &mut Grid, edges: &[f32]) -> Option<&'static str> {
    if top.rows == 0 || bottom.rows == 0 {
        return None;
    }
    let labels = first_value_column(top, 0).or_else(|| first_value_column(bottom, 0))?;
    let last = top.rows - 1;
    let covering = |grid: &Grid, row: usize, col: usize| {
        grid.cells.iter().position(|c| c.row <= row && row <= c.last_row() && c.col <= col && col <= c.last_col())
    };
    let first_row: Vec<usize> = (0..bottom.cells.len()).filter(|&i| bottom.cells[i].row == 0).collect();
    let is_label = |c: &Cell| c.col < labels;
    let b_values_empty = first_row.iter().all(|&i| is_label(&bottom.cells[i]) || bottom.cells[i].text.is_empty());
    let b_labels: Vec<usize> = first_row.iter().copied().filter(|&i| is_label(&bottom.cells[i])).collect();
    let b_label_texts: Vec<usize> = b_labels.iter().copied().filter(|&i| !bottom.cells[i].text.is_empty()).collect();
    let top_last_starts: Vec<&Cell> = top.cells_starting_in(last).collect();
    let a_values_empty = top_last_starts.iter().all(|c| is_label(c) || c.text.is_empty());

    // The rest of a label continues in the first row, its values stayed above.
    let text_continues = b_values_empty
        && !b_label_texts.is_empty()
        && b_label_texts.iter().all(|&i| {
            let cell = &bottom.cells[i];
            official_number(&cell.text).is_none()
                && covering(top, last, cell.col).is_some_and(|t| {
                    let above = &top.cells[t];
                    same_columns(above, cell) && above.last_row() == last && !above.text.is_empty()
                })
        });
    // The first row holds the values of a row whose label stayed above.
    let empty_key = b_label_texts.is_empty()
        && !b_values_empty
        && a_values_empty
        && top_last_starts.iter().any(|c| is_label(c) && !c.text.is_empty());

    if text_continues || empty_key {
        let mut kept = Vec::with_capacity(bottom.cells.len());
        for cell in std::mem::take(&mut bottom.cells) {
            if cell.row > 0 {
                kept.push(Cell { row: cell.row - 1, ..cell });
                continue;
            }
            let Some(t) = covering(top, last, cell.col) else { continue };
            let target = &mut top.cells[t];
            if !cell.text.is_empty() {
                target.text = if target.text.is_empty() {
                    cell.text.clone()
                } else {
                    normalize(&format!("{}\n{}", target.text, cell.text))
                };
            }
            if cell.row_span > 1 {
                if same_columns(target, &cell) && target.last_row() == last {
                    target.row_span += cell.row_span - 1; // a vertical merge goes on below
                } else {
                    kept.push(Cell { row: 0, row_span: cell.row_span - 1, text: String::new(), ..cell });
                }
            }
        }
        *bottom = Grid { rows: bottom.rows - 1, cols: bottom.cols, cells: kept };
        return Some("a row split across the break was rejoined");
    }

    // Vertical merges in the label columns that run into the break go on.
    let mut absorbed: Vec<usize> = Vec::new();
    for &i in &b_labels {
        let cell = &bottom.cells[i];
        let Some(t) = covering(top, last, cell.col) else { continue };
        let above = &top.cells[t];
        // The rest of a tall label's text (a vertical label cut in two:
        // "三、本年度办" / "理结果"), never a new numbered label. Text flows
        // on below the break only when it filled its part above: a label
        // that fits on one line of its column ended there, and text below
        // is the next label (东片区 above, 西片区 below).
        let rest_of_text = above.row_span > 1
            && cell.row_span > 1
            && official_number(&cell.text).is_none()
            && !is_value_text(&cell.text)
            && !fits_on_one_line(above, edges);
        // A merged label the break cut after its first row: the part
        // below is an empty cell of one row under a label of one row. It
        // goes on when the column merges its labels over their rows
        // elsewhere (a column of group labels), where an empty label is
        // what a cut merge leaves.
        let empty_part =
            cell.text.is_empty() && !above.text.is_empty() && merges_labels(top, bottom, above.col, above.col_span);
        let continues = same_columns(above, cell)
            && above.last_row() == last
            && (above.row_span > 1 || cell.row_span > 1 || empty_part)
            && (cell.text.is_empty() || comparable(&cell.text) == comparable(&above.text) || rest_of_text);
        if continues {
            if rest_of_text && comparable(&cell.text) != comparable(&above.text) {
                let joined = normalize(&format!("{}\n{}", above.text, cell.text));
                top.cells[t].text = joined;
            }
            top.cells[t].row_span += cell.row_span;
            absorbed.push(i);
        }
    }
    if absorbed.is_empty() {
        return None;
    }
    remove_cells(bottom, &absorbed);
    Some("a vertical merge across the break was rejoined")
}

/// A header cut by the break: the continuation's first row holds the rest of
/// the header — a sub-header splitting a group cell above it (商业企业 under
/// 法人或其他组织), and below the cells merged down across the break either
/// nothing or the rest of their text (自然 / 人). Those cells become one.
/// Only for a first row with no values and no numbered label, one that
/// splits a cell above (so a blank data row is never taken for a header).
pub fn continue_header(top: &mut Grid, bottom: &mut Grid) -> Option<&'static str> {
    if top.rows == 0 || bottom.rows == 0 {
        return None;
    }
    let last = top.rows - 1;
    let covering = |grid: &Grid, col: usize| {
        grid.cells.iter().position(|c| c.row <= last && last <= c.last_row() && c.col <= col && col <= c.last_col())
    };
    let first_row: Vec<usize> = (0..bottom.cells.len()).filter(|&i| bottom.cells[i].row == 0).collect();
    let header_like = first_row.iter().all(|&i| {
        let text = &bottom.cells[i].text;
        !is_value_text(text) && official_number(text).is_none()
    }) && first_row.iter().any(|&i| !bottom.cells[i].text.is_empty());
    let splits_a_cell = first_row.iter().any(|&i| {
        let cell = &bottom.cells[i];
        covering(top, cell.col).is_some_and(|t| !same_columns(&top.cells[t], cell))
    });
    if !header_like || !splits_a_cell {
        return None;
    }
    let mut absorbed = Vec::new();
    for &i in &first_row {
        let cell = &bottom.cells[i];
        let Some(t) = covering(top, cell.col) else { continue };
        if !same_columns(&top.cells[t], cell) || top.cells[t].last_row() != last {
            continue;
        }
        let above = &mut top.cells[t];
        if !cell.text.is_empty() {
            above.text = normalize(&format!("{}\n{}", above.text, cell.text));
        }
        above.row_span += cell.row_span;
        absorbed.push(i);
    }
    if absorbed.is_empty() {
        return None;
    }
    remove_cells(bottom, &absorbed);
    Some("a header row cut by the break was rejoined")
}

/// Drops the cells at `indexes` (absorbed into the part above); the slots
/// they covered are the other part's now.
fn remove_cells(grid: &mut Grid, indexes: &[usize]) {
    let mut index = 0;
    grid.cells.retain(|_| {
        index += 1;
        !indexes.contains(&(index - 1))
    });
}

/// The smallest size of print in official documents (六号, 7.5 pt): no
/// character of a table is narrower than this, half of it for a Latin one.
const SMALLEST_GLYPH_PT: f32 = 7.5;

/// Whether `cell`'s text fits on one line of its columns (`edges` known),
/// even at the smallest size of print. Unknown widths fit nothing.
fn fits_on_one_line(cell: &Cell, edges: &[f32]) -> bool {
    let Some((&left, &right)) = edges.get(cell.col).zip(edges.get(cell.col + cell.col_span)) else {
        return false;
    };
    let ems: f32 = cell.text.chars().filter(|c| !c.is_whitespace()).map(|c| if is_cjk(c) { 1.0 } else { 0.5 }).sum();
    ems * SMALLEST_GLYPH_PT <= right - left
}

/// Whether a label in these columns spans several rows in either part: a
/// column of group labels merged down over their rows.
fn merges_labels(top: &Grid, bottom: &Grid, col: usize, col_span: usize) -> bool {
    top.cells.iter().chain(&bottom.cells).any(|c| c.col == col && c.col_span == col_span && c.row_span > 1)
}

fn same_columns(a: &Cell, b: &Cell) -> bool {
    a.col == b.col && a.col_span == b.col_span
}

/// `bottom`'s rows below `top`'s, as one grid. Cells of `top` may already
/// reach into the rows of `bottom` (vertical merges across the break).
pub fn stack(top: Grid, bottom: Grid) -> Grid {
    let rows = top.rows + bottom.rows;
    let cols = top.cols.max(bottom.cols);
    let offset = top.rows;
    let mut cells = top.cells;
    cells.extend(bottom.cells.into_iter().map(|mut c| {
        c.row += offset;
        c
    }));
    Grid::new(rows, cols, cells)
}
