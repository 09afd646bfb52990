//! Cells that span only because the rules stop short: a grid ruled
//! around its values but not beside its labels, or ruled in the header and
//! the frame but not between the body's columns. A reader sees the rows and
//! columns the rest of the grid draws, so such a cell is cut where its text
//! falls into separate rows or columns of the grid
//! ([`open_span_rules`], [`open_column_rules`]); a cell closed by rules on
//! the sides it spans, or whose text is one piece (a title, a label over
//! several columns), stays merged.

use super::rows::core_lines;
use super::{CellLayout, Edge, Frame, Orientation, StageContext, covers, segments_on};

/// Row rules for cells that span rows only because the rules stop at their
/// side: a cell on a side of the frame without a rule of its own (a column
/// of labels left of a ruled grid, its rules starting at the values) whose
/// top or bottom side has no rule is not a merged cell but unruled space
/// beside the grid, and its text lines belong to the rows beside them. Returns a rule across the
/// cell at each of its inner row boundaries, when the text lies in two of
/// its rows or more. A merged cell closed by rules above and below (a
/// vertical label over several rows) stays one cell.
pub fn open_span_rules(frame: &Frame, layout: &CellLayout, stage: &StageContext) -> Vec<Edge> {
    let StageContext { glyphs, near, taken, settings } = *stage;
    let b = &layout.boundaries;
    let (xs, ys) = (&b.xs, &b.ys);
    let on_y = segments_on(ys, &frame.horizontal, settings.snap_tolerance);
    let mut out = Vec::new();
    for cell in &layout.cells {
        if cell.row_span < 2 {
            continue;
        }
        let (x0, x1) = (xs[cell.col], xs[cell.col + cell.col_span]);
        let (top, bottom) = (cell.row, cell.row + cell.row_span);
        // Beside the grid: on a side of the frame that has no rule of its
        // own (the rules of the other direction reach past it).
        let outside = cell.col == 0 && b.open_left || cell.col + cell.col_span == layout.cols() && b.open_right;
        let closed = |k: usize| covers(&on_y[k], x0, x1, settings.boundary_coverage);
        if !outside || closed(top) && closed(bottom) {
            continue;
        }
        let mut rows_with_text = vec![false; cell.row_span];
        for &i in near {
            let g = &glyphs[i];
            let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
            if taken.get(i).copied().unwrap_or(false) || g.text.trim().is_empty() || !(x0 < cx && cx < x1) {
                continue;
            }
            if let Some(r) = (top..bottom).find(|&r| ys[r] < cy && cy < ys[r + 1]) {
                rows_with_text[r - top] = true;
            }
        }
        if rows_with_text.iter().filter(|&&t| t).count() < 2 {
            continue;
        }
        out.extend((top + 1..bottom).map(|k| Edge {
            orientation: Orientation::Horizontal,
            position: ys[k],
            start: x0,
            end: x1,
        }));
    }
    out
}

/// Column rules for cells that span columns only because the column rules
/// stop (a grid ruled in its header and frame, its body rows unruled
/// inside): a cell spanning columns whose text lies in pieces (runs
/// separated by at least [`TableSettings::column_gap_em`]), each within
/// one column and at least two columns holding one, is cut at every inner
/// column boundary it spans. A piece across a boundary (a title, a note, a
/// label centred over the columns it heads) keeps the cell whole.
pub fn open_column_rules(layout: &CellLayout, stage: &StageContext) -> Vec<Edge> {
    let StageContext { glyphs, near, taken, settings } = *stage;
    let b = &layout.boundaries;
    let (xs, ys) = (&b.xs, &b.ys);
    let mut out = Vec::new();
    for cell in &layout.cells {
        if cell.col_span < 2 {
            continue;
        }
        let (x0, x1) = (xs[cell.col], xs[cell.col + cell.col_span]);
        let (y0, y1) = (ys[cell.row], ys[cell.row + cell.row_span]);
        let members: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&i| {
                let g = &glyphs[i];
                let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
                !taken.get(i).copied().unwrap_or(false)
                    && g.upright
                    && !g.text.trim().is_empty()
                    && x0 < cx
                    && cx < x1
                    && y0 < cy
                    && cy < y1
            })
            .collect();
        let inner = &xs[cell.col + 1..cell.col + cell.col_span];
        let mut columns_used = vec![false; cell.col_span];
        let mut whole = true;
        for mut line in core_lines(glyphs, &members, settings) {
            line.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
            let mut runs: Vec<(f32, f32)> = Vec::new();
            for i in line {
                let g = &glyphs[i];
                let gap = settings.column_gap_em * g.size.abs().max(1.0);
                match runs.last_mut() {
                    Some(run) if g.rect.x0 - run.1 < gap => run.1 = run.1.max(g.rect.x1),
                    _ => runs.push((g.rect.x0, g.rect.x1)),
                }
            }
            for (r0, r1) in runs {
                if inner.iter().any(|&x| r0 < x && x < r1) {
                    whole = false;
                }
                let k = inner.partition_point(|&x| x <= (r0 + r1) / 2.0);
                columns_used[k] = true;
            }
        }
        if !whole || columns_used.iter().filter(|&&u| u).count() < 2 {
            continue;
        }
        out.extend(inner.iter().map(|&x| Edge { orientation: Orientation::Vertical, position: x, start: y0, end: y1 }));
    }
    out
}
