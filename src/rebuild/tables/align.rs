//! Column alignment of two table parts: both parts' columns mapped onto one
//! set of column boundaries (by geometry, by a header-only part's leaf
//! columns, by equal column counts, or by the value columns), and each part
//! laid on the joined boundaries.

use super::{Alignment, EDGE_TOLERANCE, Rule, first_value_column};
use crate::grid::{Cell, Grid};

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
    if !a_edges.is_empty() && !b_edges.is_empty()
        && let Some(alignment) = align_by_edges(a_edges, b_edges) {
            return Some(alignment);
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

/// Boundaries of both parts, clustered: the joined table's boundaries.
pub(super) fn cluster_edges(a: &[f32], b: &[f32]) -> Vec<f32> {
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
