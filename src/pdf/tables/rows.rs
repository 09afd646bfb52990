//! Rows from text lines: a band between two horizontal rules that holds
//! several rows of text (the body of a three-line table 三线表, a table ruled
//! every N rows, verticals without row rules) is cut into the rows a reader
//! sees, one per text line — a wrapped cell stays one cell.
//!
//! Lines are found across the whole band: glyphs whose central cores
//! overlap vertically are on one line, so a value centred beside a label
//! wrapped over two lines joins both label lines into one row. A line with
//! text in one cell only continues the line above (a wrapped label) when the
//! line above in that cell runs to the cell's right end and the gap between
//! them is a line gap.
//!
//! Which lines continue the row above is decided by [`continues_row`]:
//! cells of several lines beside a one-line label, wrapped labels, labels
//! centred beside taller cells.
//!
//! A band is cut only when it holds at least two rows with text in two or
//! more cells ("full" rows) — one full row with a vertical label written
//! one character per line beside it is one row — and only in a table where
//! such rows in groups outnumber the bands holding a single row: in a table
//! ruled row by row, a band of several lines is a row of multi-line cells.
//! The first band (the header) is cut only when it is the table's only band,
//! and then only into three rows or more.
//! And the rows of a band are cut only when they are complete: three in
//! four have text in at least half of the cells used in the band
//! (lines filling a few cells each are one row's wrapped lines).

use super::{CellLayout, Edge, Orientation, StageContext, TableSettings};
use crate::pdf::page::Glyph;
use crate::text::is_cjk;

/// A gap between Latin glyphs wider than this (em) ends a word.
const WORD_GAP_EM: f32 = 0.2;
/// A label wrapped when its text and the next line's first word together
/// would take at least this share of the cell's width.
const WRAP_MIN_SHARE: f32 = 0.7;

/// One text line of a band: its vertical extent, font size, and the cells
/// it has text in.
#[derive(Debug, Clone)]
struct BandLine {
    top: f32,
    bottom: f32,
    size: f32,
    cells: Vec<CellText>,
}

/// A line's text in one cell: its x extent and the width of its first word
/// (one CJK character, or Latin up to the first space).
#[derive(Debug, Clone, Copy)]
struct CellText {
    cell: usize,
    x0: f32,
    x1: f32,
    first_word: f32,
    /// Starts with an upper-case letter or a digit: a new entry in Latin
    /// text, not the rest of a wrapped one.
    starts_entry: bool,
}

impl BandLine {
    fn extent_in(&self, cell: usize) -> Option<(f32, f32)> {
        self.cells.iter().find(|c| c.cell == cell).map(|c| (c.x0, c.x1))
    }
}

/// The horizontal rules a reader would draw between the text rows of each
/// band of `layout` that holds several rows: full-width edges at the middle
/// of the gap between rows. Empty when every band is one row. `near` lists
/// the glyphs (indices into `glyphs`, ascending) in the frame's box.
pub fn text_row_rules(layout: &CellLayout, stage: &StageContext) -> Vec<Edge> {
    let StageContext { glyphs, near, taken, settings } = *stage;
    let b = &layout.boundaries;
    let (rows, cols) = (layout.rows(), layout.cols());
    if rows == 0 || cols < 2 {
        return Vec::new();
    }
    let (x0, x1) = (b.xs[0], b.xs[cols]);
    // Glyph indices per band, by centre.
    let mut per_band: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for &i in near {
        let g = &glyphs[i];
        if taken.get(i).copied().unwrap_or(false) || g.text.trim().is_empty() || !g.upright {
            continue;
        }
        let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
        if !(x0 < cx && cx < x1 && b.ys[0] < cy && cy < b.ys[rows]) {
            continue;
        }
        let row = b.ys.partition_point(|&y| y <= cy).saturating_sub(1).min(rows - 1);
        per_band[row].push(i);
    }
    // Text rows per band (None: the band is one cell by the rules).
    let banded: Vec<Option<Vec<BandLine>>> = per_band
        .iter()
        .enumerate()
        .map(|(r, members)| {
            // A cell spanning this band and another is one cell by the rules.
            if (0..cols).any(|c| layout.cells[layout.owner[r * cols + c]].row_span > 1) {
                return None;
            }
            let lines = band_lines(layout, r, glyphs, members, settings);
            Some(group_wrapped(layout, &lines, settings))
        })
        .collect();
    let full = |rows: &[BandLine]| rows.iter().filter(|g| g.cells.len() >= 2).count();
    // Rows of a table ruled in groups are complete: nearly every row has
    // text in most of the cells that hold text in the band. Lines that fill
    // a few cells each are the wrapped lines of one row.
    let complete = |rows: &[BandLine]| {
        let mut used: Vec<usize> = rows.iter().flat_map(|r| r.cells.iter().map(|c| c.cell)).collect();
        used.sort_unstable();
        used.dedup();
        let whole = rows.iter().filter(|r| r.cells.len() * 2 >= used.len()).count();
        whole * 4 >= rows.len() * 3
    };
    // The header band is counted and cut only when it is the only band.
    let first = usize::from(banded.len() > 1);
    // Bands of several text rows are rows ruled in groups when such rows
    // outnumber the bands of one row, and cells of several lines when most
    // bands hold one row.
    let rows_are_rows = {
        let in_groups: usize = banded[first..].iter().flatten().map(|rows| full(rows)).filter(|&n| n >= 2).sum();
        let single = banded[first..].iter().flatten().filter(|rows| rows.len() == 1).count();
        in_groups > single
    };
    let mut out = Vec::new();
    for rows_of_text in banded.iter().skip(first) {
        let Some(rows_of_text) = rows_of_text else { continue };
        // A table of one band: two lines are a row of two-line cells, three
        // rows or more are rows (a header and its body without a rule between).
        let least = if first == 0 { 3 } else { 2 };
        if !rows_are_rows || full(rows_of_text) < least || !complete(rows_of_text) {
            continue;
        }
        for pair in rows_of_text.windows(2) {
            let y = (pair[0].bottom + pair[1].top) / 2.0;
            out.push(Edge { orientation: Orientation::Horizontal, position: y, start: x0, end: x1 });
        }
    }
    out
}

/// Glyphs (indices into `glyphs`) grouped into lines, top to bottom: glyphs
/// whose central cores (centre ± [`TableSettings::line_core_em`]) overlap
/// vertically, directly or through others, are on one line.
pub(super) fn core_lines(glyphs: &[Glyph], members: &[usize], settings: &TableSettings) -> Vec<Vec<usize>> {
    let core = |g: &Glyph| {
        let half = settings.line_core_em * g.size.abs().max(1.0);
        (g.rect.center_y() - half, g.rect.center_y() + half)
    };
    let mut order = members.to_vec();
    order.sort_by(|&a, &b| core(&glyphs[a]).0.total_cmp(&core(&glyphs[b]).0));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for i in order {
        let (start, end) = core(&glyphs[i]);
        if groups.is_empty() || start > reach {
            groups.push(Vec::new());
            reach = end;
        }
        reach = reach.max(end);
        groups.last_mut().expect("pushed").push(i);
    }
    groups
}

/// The band's glyphs grouped into lines by overlapping cores, top to bottom.
fn band_lines(
    layout: &CellLayout,
    row: usize,
    glyphs: &[Glyph],
    members: &[usize],
    settings: &TableSettings,
) -> Vec<BandLine> {
    let xs = &layout.boundaries.xs;
    let cols = layout.cols();
    core_lines(glyphs, members, settings)
        .into_iter()
        .map(|mut members| {
            members.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
            let mut line = BandLine { top: f32::MAX, bottom: f32::MIN, size: 0.0, cells: Vec::new() };
            for &i in &members {
                let g = &glyphs[i];
                line.top = line.top.min(g.rect.top);
                line.bottom = line.bottom.max(g.rect.bottom);
                line.size = line.size.max(g.size.abs());
                let col = xs.partition_point(|&x| x <= g.rect.center_x()).saturating_sub(1).min(cols - 1);
                let cell = layout.owner[row * cols + col];
                match line.cells.iter_mut().find(|c| c.cell == cell) {
                    Some(c) => {
                        // The first word ends at a space, a gap, or a CJK character.
                        let word_ended = c.first_word < c.x1 - c.x0
                            || g.text.trim().is_empty()
                            || g.rect.x0 - c.x1 > WORD_GAP_EM * g.size.abs()
                            || g.text.chars().any(is_cjk)
                            || glyphs[i].text.is_empty();
                        c.x1 = c.x1.max(g.rect.x1);
                        if !word_ended {
                            c.first_word = c.x1 - c.x0;
                        }
                    }
                    None => line.cells.push(CellText {
                        cell,
                        x0: g.rect.x0,
                        x1: g.rect.x1,
                        first_word: g.rect.width(),
                        starts_entry: g.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
                    }),
                }
            }
            line
        })
        .collect()
}

/// Lines → rows: a line with text in a single cell joins the row above when
/// it continues that cell's wrapped text (the text above runs to the cell's
/// right end, or to the furthest any text in that cell reaches, and the gap
/// is no more than a line gap).
fn group_wrapped(layout: &CellLayout, lines: &[BandLine], settings: &TableSettings) -> Vec<BandLine> {
    let mut rows: Vec<BandLine> = Vec::new();
    let mut last_line: Option<&BandLine> = None;
    for line in lines {
        let continues = match (last_line, rows.last()) {
            (Some(above), Some(row)) => continues_row(layout, lines, line, above, row, settings),
            _ => false,
        };
        if continues {
            let row = rows.last_mut().expect("checked");
            row.bottom = row.bottom.max(line.bottom);
            for text in &line.cells {
                match row.cells.iter_mut().find(|c| c.cell == text.cell) {
                    Some(c) => {
                        c.x0 = c.x0.min(text.x0);
                        c.x1 = c.x1.max(text.x1);
                    }
                    None => row.cells.push(*text),
                }
            }
        } else {
            rows.push(line.clone());
        }
        last_line = Some(line);
    }
    rows
}

/// Whether `line` continues `row` (whose last line is `above`) rather than
/// starting a row. Only across a line gap, and only when every cell the line
/// has text in already has text in the row (or is the first column, for a
/// label centred beside a cell of several lines):
/// - a line without text in the first column continues the row (cells of
///   several lines beside a one-line label);
/// - a line with text in the first column only continues a label that
///   wrapped (its first word would not have fitted after the text above) or
///   that ran as far as any text in that cell reaches;
/// - a line with text in the first column and elsewhere continues the row
///   when the row has no label yet (a label centred beside taller cells),
///   when the label wrapped (the label and its neighbours all wrapped), or
///   when the row so far is a label alone (the other columns empty) that
///   wrapped or ran as far as any text in its cell reaches (a label of
///   several lines with its values beside a later line: one row);
/// - a label line set with a hanging indent under the label above, not
///   starting a new entry, is the rest of that label — unless the row has
///   its values and the line brings values of its own that start entries
///   (numbers): then it is a sub-item, a row of its own.
fn continues_row(
    layout: &CellLayout,
    lines: &[BandLine],
    line: &BandLine,
    above: &BandLine,
    row: &BandLine,
    settings: &TableSettings,
) -> bool {
    let em = line.size.max(1.0);
    let is_first = |cell: usize| layout.cells[cell].col == 0;
    let has = |l: &BandLine, cell: usize| l.extent_in(cell).is_some();
    let Some(label) = line.cells.iter().find(|c| is_first(c.cell)) else {
        // Cells of several lines beside a one-line label: the gap may be a
        // paragraph gap inside a cell, so it is allowed twice the line gap.
        return line.top - above.bottom <= 2.0 * settings.wrap_gap_em * em
            && line.cells.iter().all(|c| has(row, c.cell));
    };
    if line.top - above.bottom > settings.wrap_gap_em * em {
        return false;
    }
    if !row.cells.iter().any(|c| is_first(c.cell)) {
        return line.cells.iter().all(|c| is_first(c.cell) || has(row, c.cell));
    }
    let Some((text_left, above_right)) = above.extent_in(label.cell) else { return false };
    let xs = &layout.boundaries.xs;
    let slot = layout.cells[label.cell];
    let (cell_left, cell_right) = (xs[slot.col], xs[slot.col + slot.col_span]);
    // The line's first word would not have fit after the text above, inside
    // the padding the text keeps from the cell's left side: it wrapped.
    // A short text (a right-aligned number) does not wrap, whatever its
    // padding; a line starting a new entry is not the rest of one.
    let padding = (text_left - cell_left).max(0.0);
    let needed = above_right - text_left + WORD_GAP_EM * em + label.first_word;
    let wrapped = above_right + WORD_GAP_EM * em + label.first_word > cell_right - padding
        && needed >= WRAP_MIN_SHARE * (cell_right - cell_left)
        && !label.starts_entry;
    let furthest = lines.iter().filter_map(|l| l.extent_in(label.cell)).map(|e| e.1).fold(f32::MIN, f32::max);
    let ran_to_end = !label.starts_entry && above_right >= furthest.min(cell_right) - settings.wrap_right_slack_em * em;
    // A hanging indent: the line starts a little right of the label above
    // and not as a new entry — the rest of that label, set indented so
    // that the entries' first lines stand out.
    let indent = label.x0 - row.extent_in(label.cell).map_or(text_left, |e| e.0);
    let hanging = !label.starts_entry
        && indent >= settings.hanging_indent_em.0 * em
        && indent <= settings.hanging_indent_em.1 * em;
    if line.cells.len() == 1 {
        wrapped || hanging || ran_to_end
    } else {
        // A row with no values yet whose label wrapped (its first line
        // alone, the other columns empty) takes the line holding the rest
        // of the label and the values beside it.
        let label_only = row.cells.iter().all(|c| is_first(c.cell));
        // Beside a row that has its values, an indented line whose values
        // start entries of their own (a number) is a sub-item with its own
        // values ("居民消费价格指数 100.0" over "  城市 99.9"), not the rest
        // of the label: values do not wrap onto the next line as numbers.
        let own_values = line.cells.iter().any(|c| !is_first(c.cell) && c.starts_entry);
        let hanging = hanging && (label_only || !own_values);
        (wrapped || hanging || label_only && ran_to_end) && (label_only || line.cells.iter().all(|c| has(row, c.cell)))
    }
}
