//! Sub-columns inside a ruled column: a column whose body holds two or more
//! columns of values separated only by white space (a rule around each
//! group of columns — Male and Female under each race, three figures under
//! one heading — but none between the columns of a group). A reader sees
//! the columns by the white strip that runs down the column through every
//! body line, with text on both sides of it on most lines.
//!
//! Such a strip is a column gap, not a word space that happens to line up,
//! when the text beside it is aligned to its own column rather than
//! flowing after the word before it: across the lines the gap's width
//! varies (right-aligned numbers of different lengths, a column empty on
//! some lines). Words that follow each other at one space (a date
//! `Jan 2001`, a name spaced out to the width of longer names) leave a gap
//! of the same width on every line and stay one cell.
//!
//! The first row of the table is its header: the separator is drawn in it
//! where no label crosses it, and a header of stacked labels (a label over
//! the sub-columns, theirs below it) is ruled as a three-line table's
//! header is ([`headers::header_edges`]).

use super::headers;
use super::rows::core_lines;
use super::{CellLayout, Edge, Orientation, StageContext, union_of_spans};

/// The rules a reader sees inside the ruled columns of `layout`: vertical
/// separators between sub-columns (in the body cells and, where no label
/// crosses them, in the header) and horizontal rules between stacked header
/// labels over them. Empty when no column holds sub-columns.
pub fn subcolumn_rules(layout: &CellLayout, stage: &StageContext) -> Vec<Edge> {
    let b = &layout.boundaries;
    let (rows, cols) = (layout.rows(), layout.cols());
    if rows < 2 || cols == 0 || layout.owner.len() != rows * cols {
        return Vec::new();
    }
    let in_cell = glyphs_by_cell(layout, stage);
    // Body cells of each column alone (a row spanning columns — a section
    // title — is no evidence and is not cut).
    let mut body: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for (k, cell) in layout.cells.iter().enumerate() {
        if cell.col_span == 1 && cell.row >= 1 && !in_cell[k].is_empty() {
            body[cell.col].push(k);
        }
    }
    let mut out = Vec::new();
    for (c, cells) in body.iter().enumerate() {
        if cells.len() < stage.settings.subcolumn_min_lines {
            continue;
        }
        let members: Vec<usize> = cells.iter().flat_map(|&k| in_cell[k].iter().copied()).collect();
        let separators = separators_in(&members, (b.xs[c], b.xs[c + 1]), stage);
        if separators.is_empty() {
            continue;
        }
        for &k in cells {
            let cell = &layout.cells[k];
            let (top, bottom) = (b.ys[cell.row], b.ys[cell.row + cell.row_span]);
            out.extend(separators.iter().map(|&x| Edge {
                orientation: Orientation::Vertical,
                position: x,
                start: top,
                end: bottom,
            }));
        }
        let header = layout.owner[c];
        out.extend(header_rules(layout, header, &in_cell[header], &separators, &members, stage));
    }
    out
}

/// The header cell `k` (holding the glyphs `labels`) of the column whose
/// body text `body` splits at `separators`, ruled for its sub-columns when
/// it is that column's alone: stacked labels get a rule between them and
/// separator pieces where no label crosses; a single row of labels gets
/// the separators no label crosses.
fn header_rules(
    layout: &CellLayout,
    k: usize,
    labels: &[usize],
    separators: &[f32],
    body: &[usize],
    stage: &StageContext,
) -> Vec<Edge> {
    let b = &layout.boundaries;
    let cell = &layout.cells[k];
    if cell.col_span != 1 || cell.row != 0 {
        return Vec::new();
    }
    let (left, right) = (b.xs[cell.col], b.xs[cell.col + 1]);
    let (top, bottom) = (b.ys[0], b.ys[cell.row_span]);
    let glyphs = stage.glyphs;
    // The x range the body's text covers in each sub-column.
    let mut covered = vec![(f32::INFINITY, f32::NEG_INFINITY); separators.len() + 1];
    for &i in body {
        let g = &glyphs[i];
        let s = separators.partition_point(|&x| x < g.rect.center_x());
        covered[s] = (covered[s].0.min(g.rect.x0), covered[s].1.max(g.rect.x1));
    }
    if let Some((horizontal, vertical)) =
        headers::header_edges(glyphs, labels, (left, right, top, bottom), (separators, &covered), &[], stage.settings)
    {
        return horizontal.into_iter().chain(vertical).collect();
    }
    separators
        .iter()
        .filter(|&&x| !labels.iter().any(|&i| glyphs[i].rect.x0 < x && x < glyphs[i].rect.x1))
        .map(|&x| Edge { orientation: Orientation::Vertical, position: x, start: top, end: bottom })
        .collect()
}

/// For each cell of the layout, the visible glyphs (indices into the
/// page's) whose centre lies in it and that no table took before.
fn glyphs_by_cell(layout: &CellLayout, stage: &StageContext) -> Vec<Vec<usize>> {
    let b = &layout.boundaries;
    let (rows, cols) = (layout.rows(), layout.cols());
    let mut out = vec![Vec::new(); layout.cells.len()];
    for &i in stage.near {
        let g = &stage.glyphs[i];
        let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
        if stage.taken.get(i).copied().unwrap_or(false)
            || !g.upright
            || g.text.trim().is_empty()
            || !(b.xs[0] < cx && cx < b.xs[cols] && b.ys[0] < cy && cy < b.ys[rows])
        {
            continue;
        }
        let col = b.xs.partition_point(|&x| x <= cx).saturating_sub(1).min(cols - 1);
        let row = b.ys.partition_point(|&y| y <= cy).saturating_sub(1).min(rows - 1);
        out[layout.owner[row * cols + col]].push(i);
    }
    out
}

/// Where the body text `members` of one ruled column (`left..right`)
/// splits into sub-columns: the middle of each white strip that no glyph
/// crosses, at least [`TableSettings::subcolumn_gap_em`] wide, with text
/// on both sides on [`TableSettings::subcolumn_min_lines`] lines or more
/// and on at least half the lines, across which the lines' gaps differ by
/// at least [`TableSettings::subcolumn_spread_em`] (text aligned to its
/// own column, not words one space apart).
///
/// [`TableSettings::subcolumn_gap_em`]: super::TableSettings::subcolumn_gap_em
/// [`TableSettings::subcolumn_min_lines`]: super::TableSettings::subcolumn_min_lines
/// [`TableSettings::subcolumn_spread_em`]: super::TableSettings::subcolumn_spread_em
fn separators_in(members: &[usize], (left, right): (f32, f32), stage: &StageContext) -> Vec<f32> {
    let (glyphs, settings) = (stage.glyphs, stage.settings);
    if members.is_empty() {
        return Vec::new();
    }
    let mut sizes: Vec<f32> = members.iter().map(|&i| glyphs[i].size.abs()).filter(|s| s.is_finite()).collect();
    sizes.sort_by(f32::total_cmp);
    let em = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0).max(1.0);
    // White strips: the gaps in the union of the glyphs' extents.
    // (A glyph overhanging the column's rules counts up to them.)
    let union = union_of_spans(
        members.iter().map(|&i| (glyphs[i].rect.x0.max(left), glyphs[i].rect.x1.min(right))).collect(),
    );
    let strips: Vec<(f32, f32)> = union
        .windows(2)
        .map(|w| (w[0].1, w[1].0))
        .filter(|&(a, b)| b - a >= settings.subcolumn_gap_em * em)
        .collect();
    if strips.is_empty() {
        return Vec::new();
    }
    let lines = core_lines(glyphs, members, settings);
    strips
        .into_iter()
        .filter(|&(a, b)| {
            // Per line with text on both sides: the gap across the strip.
            let gaps: Vec<f32> = lines
                .iter()
                .filter_map(|line| {
                    let before = line.iter().map(|&i| glyphs[i].rect.x1).filter(|&x| x <= a).fold(f32::MIN, f32::max);
                    let after = line.iter().map(|&i| glyphs[i].rect.x0).filter(|&x| x >= b).fold(f32::MAX, f32::min);
                    (before > f32::MIN && after < f32::MAX).then_some(after - before)
                })
                .collect();
            let (narrowest, widest) =
                gaps.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &g| (lo.min(g), hi.max(g)));
            gaps.len() >= settings.subcolumn_min_lines
                && gaps.len() * 2 >= lines.len()
                && widest - narrowest >= settings.subcolumn_spread_em * em
        })
        .map(|(a, b)| (a + b) / 2.0)
        .collect()
}
