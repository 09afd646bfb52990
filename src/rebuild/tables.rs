//! Rejoining tables cut into parts: by a page end, by an author who split
//! one table into two, or with the header in one table and its numbers in
//! the next.
//!
//! Consecutive table fragments with nothing but empty paragraphs, breaks or
//! a continuation marker (续表) between them are candidates. Each candidate
//! pair goes through the same steps, each a value you can print:
//!
//! 1. [`align`] — a column alignment: both parts' columns mapped onto one set
//!    of column boundaries, by geometry (same boundaries within a tolerance),
//!    by a header-only part's leaf columns, by equal column counts, or by
//!    lining up the value columns when the label columns are merged
//!    differently. No alignment, no join.
//! 2. [`regrid`] — both parts laid on the joined boundaries, merged cells
//!    widened where the other part splits them.
//! 3. [`repeated_header_rows`] — header rows repeated at the top of the
//!    continuation (in full or in part) are dropped, once; a continuation
//!    with a header of its own is a different table.
//! 4. [`stitch`] — a row split across the break becomes one row, and a
//!    vertical merge running across it one cell.
//! 5. [`stack`] — the rows of both, one grid.
//!
//! The rules know no report template.

use std::sync::LazyLock;

use regex::Regex;

use crate::grid::{Cell, Grid, is_value_text};
use crate::model::{Diagnostic, Fragment, ParagraphFragment, Table, TableFragment};
use crate::text::{comparable, normalize, official_number};

/// Column boundaries closer than this, in points, are the same boundary.
const EDGE_TOLERANCE: f32 = 3.0;

/// What the rejoin stage hands on: paragraphs and whole tables.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Paragraph(ParagraphFragment),
    Table(Table),
}

/// How two parts' columns were lined up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Both parts' column boundaries agree within the tolerance.
    SameBoundaries,
    /// A part of header rows only, then a body with as many columns as its
    /// leaf columns.
    HeaderThenBody,
    /// The same number of columns, values in the same columns.
    SameColumns,
    /// Value columns line up; the label columns are merged differently.
    ValueColumns,
}

impl Rule {
    fn describe(self) -> &'static str {
        match self {
            Rule::SameBoundaries => "same column boundaries",
            Rule::HeaderThenBody => "header-only part followed by its body",
            Rule::SameColumns => "same columns",
            Rule::ValueColumns => "value columns aligned, label columns merged differently",
        }
    }
}

/// Both parts' column boundaries as positions on the joined grid: `a[i]` is
/// where part a's boundary `i` lies. Each list starts at 0 and ends at `cols`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub rule: Rule,
    pub cols: usize,
    pub a: Vec<usize>,
    pub b: Vec<usize>,
}

/// A table being assembled from its parts.
#[derive(Debug, Clone)]
struct Assembly {
    grid: Grid,
    header_rows: usize,
    edges: Vec<f32>,
    pages: Vec<u32>,
    parts: usize,
}

impl Assembly {
    fn new(fragment: TableFragment) -> Self {
        Assembly {
            header_rows: header_rows_of(&fragment),
            grid: fragment.grid,
            edges: fragment.column_edges,
            pages: fragment.pages,
            parts: 1,
        }
    }

    fn into_table(self) -> Table {
        // A table of header rows only reads as text: its first row is the header.
        let header_rows = if self.header_rows == self.grid.rows && self.grid.rows > 1 && self.parts == 1 {
            1
        } else {
            self.header_rows
        };
        Table {
            rows: self.grid.rows,
            cols: self.grid.cols,
            header_rows,
            pages: self.pages,
            parts: self.parts,
            cells: self.grid.cells,
        }
    }
}

fn header_rows_of(f: &TableFragment) -> usize {
    if f.marked_header_rows > 0 { f.marked_header_rows } else { f.grid.inferred_header_rows() }
}

/// "续表", "续上表", "（续）", "表3（续）": a marker between a table's parts.
static CONTINUATION_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:续上?表.{0,20}|[（(]续表?[）)]|续|.{0,30}[（(]续表?[）)])$").expect("valid regex")
});

pub fn is_continuation_marker(text: &str) -> bool {
    CONTINUATION_MARKER.is_match(text)
}

/// Rejoins the table fragments that continue one another. Breaks and empty
/// paragraphs are dropped; continuation markers between joined parts too.
pub fn rejoin(items: Vec<Fragment>) -> (Vec<Piece>, Vec<Diagnostic>) {
    enum Open {
        Paragraph(ParagraphFragment),
        Table(Assembly),
    }
    let mut pieces: Vec<Open> = Vec::new();
    let mut diagnostics = Vec::new();
    // The last table, while only continuation markers follow it.
    let mut open: Option<usize> = None;
    for item in items {
        match item {
            Fragment::Break(_) => {}
            Fragment::Paragraph(p) if p.text.is_empty() => {}
            Fragment::Paragraph(p) if open.is_some() && is_continuation_marker(&p.text) => {
                pieces.push(Open::Paragraph(p));
            }
            Fragment::Paragraph(p) => {
                open = None;
                pieces.push(Open::Paragraph(p));
            }
            Fragment::Table(t) => {
                if let Some(i) = open {
                    let Open::Table(a) = &pieces[i] else { unreachable!("open points at a table") };
                    if let Some((joined, note)) = join(a, &t) {
                        let page = t.pages.first().copied();
                        diagnostics.push(Diagnostic::info("table.rejoined", note).on_page(page));
                        pieces.truncate(i + 1);
                        pieces[i] = Open::Table(joined);
                        continue;
                    }
                }
                open = Some(pieces.len());
                pieces.push(Open::Table(Assembly::new(t)));
            }
        }
    }
    let pieces = pieces
        .into_iter()
        .map(|p| match p {
            Open::Paragraph(p) => Piece::Paragraph(p),
            Open::Table(a) => Piece::Table(a.into_table()),
        })
        .collect();
    (pieces, diagnostics)
}

/// Joins continuation `b` to table `a`, or says why not by returning `None`.
fn join(a: &Assembly, b: &TableFragment) -> Option<(Assembly, String)> {
    let b_header_rows = header_rows_of(b);
    if b.grid.rows == 0 || (b_header_rows == b.grid.rows && a.header_rows < a.grid.rows) {
        // Header rows only after a table with a body: the start of another table.
        return None;
    }
    let alignment = align(a, b, b_header_rows)?;
    let mut top = regrid(&a.grid, &alignment.a)?;
    let mut bottom = regrid(&b.grid, &alignment.b)?;
    let repeated = repeated_header_rows(&top, a.header_rows, &bottom);
    // Header rows beyond a repeat of the table's own header are sub-headers
    // of the same table (the repeat says so); a header that repeats nothing
    // is another table's, unless it is one of this table's sub-headers.
    let own_header = b_header_rows > repeated && alignment.rule != Rule::HeaderThenBody;
    let subheader = own_header && (repeated > 0 || starts_with_subheader(&top, &bottom, repeated..b_header_rows));
    if own_header && !subheader {
        return None; // a header of its own: another table
    }
    bottom = drop_top_rows(bottom, repeated);
    // A continuation that opens with a sub-header starts a fresh row.
    let header_only = a.header_rows >= a.grid.rows;
    let stitched = if subheader {
        None
    } else if header_only {
        continue_header(&mut top, &mut bottom)
    } else {
        stitch(&mut top, &mut bottom)
    };
    let grid = stack(top, bottom);

    let mut note = format!("table part {} joined to the table before it: {}", a.parts + 1, alignment.rule.describe());
    if repeated > 0 {
        note.push_str(&format!("; {repeated} repeated header row(s) dropped"));
    }
    if subheader {
        note.push_str("; the continuation opens with one of the table's sub-headers");
    }
    if let Some(what) = stitched {
        note.push_str("; ");
        note.push_str(what);
    }
    let mut pages = a.pages.clone();
    pages.extend(&b.pages);
    pages.sort_unstable();
    pages.dedup();
    if !pages.is_empty() {
        note.push_str(&format!(" (pages {})", pages.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")));
    }
    let edges = match (a.edges.is_empty(), b.column_edges.is_empty()) {
        (false, false) if alignment.rule == Rule::SameBoundaries => cluster_edges(&a.edges, &b.column_edges),
        (false, _) if alignment.a.len() == a.edges.len() && alignment.cols + 1 == a.edges.len() => a.edges.clone(),
        _ => Vec::new(),
    };
    // A header-only part may end inside the header: the continuation holds
    // its last rows.
    let header_rows = if header_only { grid.inferred_header_rows().max(a.header_rows) } else { a.header_rows };
    Some((Assembly { grid, header_rows, edges, pages, parts: a.parts + 1 }, note))
}

/// The first column holding a value in a body row, if any.
fn first_value_column(grid: &Grid, header_rows: usize) -> Option<usize> {
    grid.cells.iter().filter(|c| c.row >= header_rows && is_value_text(&c.text)).map(|c| c.col).min()
}

/// Lines up the columns of `a` and its continuation `b`, trying the rules
/// from the strongest evidence down.
pub fn align_parts(
    a: &Grid,
    a_header_rows: usize,
    a_edges: &[f32],
    b: &Grid,
    b_header_rows: usize,
    b_edges: &[f32],
) -> Option<Alignment> {
    if !a_edges.is_empty() && !b_edges.is_empty() {
        if let Some(alignment) = align_by_edges(a_edges, b_edges) {
            return Some(alignment);
        }
    }
    let identity = |rule| Alignment { rule, cols: a.cols, a: (0..=a.cols).collect(), b: (0..=b.cols).collect() };
    if a_header_rows == a.rows && b_header_rows == 0 && a.cols == b.cols {
        return Some(identity(Rule::HeaderThenBody));
    }
    let a_first = first_value_column(a, a_header_rows);
    let b_first = first_value_column(b, b_header_rows);
    if a.cols == b.cols {
        return match (a_first, b_first) {
            (Some(x), Some(y)) if x != y => None,
            _ => Some(identity(Rule::SameColumns)),
        };
    }
    let (fa, fb) = (a_first?, b_first?);
    if fa == 0 || fb == 0 || a.cols - fa != b.cols - fb {
        return None;
    }
    let labels = fa.max(fb);
    let cols = labels + (a.cols - fa);
    let positions = |first: usize, total: usize| -> Vec<usize> {
        (0..=total).map(|i| if i < first { i } else { labels + (i - first) }).collect()
    };
    Some(Alignment { rule: Rule::ValueColumns, cols, a: positions(fa, a.cols), b: positions(fb, b.cols) })
}

fn align(a: &Assembly, b: &TableFragment, b_header_rows: usize) -> Option<Alignment> {
    align_parts(&a.grid, a.header_rows, &a.edges, &b.grid, b_header_rows, &b.column_edges)
}

/// Boundaries of both parts, clustered: the joined table's boundaries.
fn cluster_edges(a: &[f32], b: &[f32]) -> Vec<f32> {
    let mut all: Vec<f32> = a.iter().chain(b).copied().collect();
    all.sort_by(f32::total_cmp);
    let mut clusters: Vec<f32> = Vec::new();
    for x in all {
        match clusters.last() {
            Some(&last) if x - last <= EDGE_TOLERANCE => {}
            _ => clusters.push(x),
        }
    }
    clusters
}

/// Aligns by geometry: the outer boundaries must agree, and the inner ones
/// of one part must all be boundaries of the other (one part merges cells
/// the other splits), or most of them must be shared.
fn align_by_edges(a: &[f32], b: &[f32]) -> Option<Alignment> {
    let (a0, a1, b0, b1) = (*a.first()?, *a.last()?, *b.first()?, *b.last()?);
    if (a0 - b0).abs() > EDGE_TOLERANCE || (a1 - b1).abs() > EDGE_TOLERANCE {
        return None;
    }
    let clusters = cluster_edges(a, b);
    let position = |x: f32| clusters.iter().rposition(|&c| c <= x + 1e-3).unwrap_or(0);
    let pa: Vec<usize> = a.iter().map(|&x| position(x)).collect();
    let pb: Vec<usize> = b.iter().map(|&x| position(x)).collect();
    let increasing = |p: &[usize]| p.windows(2).all(|w| w[0] < w[1]);
    let cols = clusters.len() - 1;
    if !increasing(&pa) || !increasing(&pb) || pa[0] != 0 || pb[0] != 0 || *pa.last()? != cols || *pb.last()? != cols {
        return None;
    }
    let inner = |p: &[usize]| p[1..p.len() - 1].to_vec();
    let (ia, ib) = (inner(&pa), inner(&pb));
    let shared = ia.iter().filter(|x| ib.contains(x)).count();
    let subset = shared == ia.len() || shared == ib.len();
    if !subset && shared * 2 < ia.len().max(ib.len()) {
        return None;
    }
    Some(Alignment { rule: Rule::SameBoundaries, cols, a: pa, b: pb })
}

/// `grid` laid on the joined boundaries: cell edges move to their positions,
/// widening cells the other part splits. `None` if a cell would vanish.
pub fn regrid(grid: &Grid, positions: &[usize]) -> Option<Grid> {
    if positions.len() != grid.cols + 1 {
        return None;
    }
    let cols = *positions.last()?;
    let mut cells = Vec::with_capacity(grid.cells.len());
    for cell in &grid.cells {
        let start = positions[cell.col];
        let end = positions[cell.col + cell.col_span];
        if end <= start {
            return None;
        }
        cells.push(Cell { col: start, col_span: end - start, ..cell.clone() });
    }
    Some(Grid::new(grid.rows, cols, cells))
}

/// The non-empty cells starting in `row`, as (column, comparable text).
fn row_signature(grid: &Grid, row: usize) -> Vec<(usize, String)> {
    grid.cells_starting_in(row).filter(|c| !c.text.is_empty()).map(|c| (c.col, comparable(&c.text))).collect()
}

/// How many rows at the top of `bottom` repeat header rows of `top`: all of
/// them, or a run at the start or the end of the header. A repeated row may
/// leave empty the slots that vertical merges cover in the original.
pub fn repeated_header_rows(top: &Grid, header_rows: usize, bottom: &Grid) -> usize {
    let header_rows = header_rows.min(top.rows);
    for k in (1..=header_rows.min(bottom.rows)).rev() {
        for start in [0, header_rows - k] {
            let repeats = (0..k).all(|j| {
                let original = row_signature(top, start + j);
                !original.is_empty() && original == row_signature(bottom, j)
            });
            if repeats {
                return k;
            }
        }
    }
    0
}

/// The cells starting in `row`, as (column, span) pairs: a row's shape.
fn row_shape(grid: &Grid, row: usize) -> Vec<(usize, usize)> {
    grid.cells_starting_in(row).map(|c| (c.col, c.col_span)).collect()
}

/// True when the header-like rows `rows` opening `bottom` are sub-headers of
/// the table above rather than a header of another table: each has the shape
/// of some row of `top`, and one of them repeats a row of `top` word for
/// word. The 2019 proactive-disclosure table is built that way: "第二十条第
/// （六）项" over the full width, then its own "信息内容 | 上一年项目数量 | …".
fn starts_with_subheader(top: &Grid, bottom: &Grid, rows: std::ops::Range<usize>) -> bool {
    let shapes: Vec<_> = (0..top.rows).map(|r| row_shape(top, r)).collect();
    let signatures: Vec<_> = (0..top.rows).map(|r| row_signature(top, r)).collect();
    let mut repeats_one = false;
    for row in rows {
        if !shapes.contains(&row_shape(bottom, row)) {
            return false;
        }
        let signature = row_signature(bottom, row);
        repeats_one |= !signature.is_empty() && signatures.contains(&signature);
    }
    repeats_one
}

fn drop_top_rows(grid: Grid, n: usize) -> Grid {
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

/// Rejoins what the break cut inside the table: a row whose rest opens the
/// continuation, or vertical merges running across. Edits both grids; says
/// what it did.
pub fn stitch(top: &mut Grid, bottom: &mut Grid) -> Option<&'static str> {
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
        // "三、本年度办" / "理结果"), never a new numbered label.
        let rest_of_text = above.row_span > 1
            && cell.row_span > 1
            && official_number(&cell.text).is_none()
            && !is_value_text(&cell.text);
        let continues = same_columns(above, cell)
            && above.last_row() == last
            && (above.row_span > 1 || cell.row_span > 1)
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

#[cfg(test)]
mod tests;
