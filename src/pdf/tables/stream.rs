//! Tables without any rule (stream tables): found from the alignment of
//! text alone, in the manner of Nurminen's text edges (Tabula) and camelot's
//! stream mode, but stricter about what is not a table.
//!
//! The page's free text (not already in a ruled table) is cut into lines
//! and each line into runs at gaps of at least [`TableSettings::stream_gap_em`].
//! A block grows down from a line of two runs or more while each next line
//! is close below and leaves every gap of the block open (a river of white
//! at least the gap wide through all its lines): the gaps are the column
//! separators. Lines close above the block that are not running text are its
//! header (a label spanning several columns, wrapped labels). The block
//! then goes through the three-line-table reader (`stacks`) as if a rule
//! were drawn above the header, under it and under the body, so columns,
//! spanning header labels, rows and wrapped labels are read the same way.
//!
//! Conservative by construction — a block is a table only when
//! - at least [`TableSettings::stream_min_rows`] lines have text in two
//!   columns or more, and every column holds text on two lines or more;
//! - some column holds short cells (median width at most
//!   [`TableSettings::stream_short_cell_em`]) and at most one holds running
//!   text ([`TableSettings::stream_prose_cell_em`]): two columns of running
//!   text (a page set in two columns) are prose, and cells of one CJK
//!   character each are vertical writing;
//! - a column after the first holds values (numbers) in two cells of three;
//! - it is not a list (a column of bullets or numbers before text), not a
//!   table of contents (titles and page numbers that never decrease), and no
//!   vertical line taller than a few lines runs through it (axis labels
//!   around a chart).

use super::index::GlyphIndex;
use super::rows::core_lines;
use super::{Edge, Frame, Orientation, TableSettings, stacks};
use crate::pdf::page::Glyph;

/// Most tables without rules read on one page; past it (a hostile page of
/// thousands of tiny aligned blocks) the rest stays text, so the work per
/// page stays bounded.
const MAX_TABLES: usize = 64;

/// A run of text on a line: its extent and its glyphs' text.
#[derive(Debug, Clone)]
struct Run {
    x0: f32,
    x1: f32,
    text: String,
}

/// A text line of the page: vertical extent, font size, runs left to right.
#[derive(Debug, Clone)]
struct Line {
    top: f32,
    bottom: f32,
    size: f32,
    runs: Vec<Run>,
}

impl Line {
    fn x0(&self) -> f32 {
        self.runs[0].x0
    }
    fn x1(&self) -> f32 {
        self.runs[self.runs.len() - 1].x1
    }
}

/// Frames (virtual rules above the header, under it and under the body,
/// columns from the text) of the tables drawn without rules among the
/// glyphs not yet `taken`. `vertical` are the page's vertical edges.
pub fn stream_frames(glyphs: &[Glyph], taken: &[bool], vertical: &[Edge], settings: &TableSettings) -> Vec<Frame> {
    let free: Vec<usize> = (0..glyphs.len())
        .filter(|&i| !taken.get(i).copied().unwrap_or(false) && glyphs[i].upright && !glyphs[i].text.trim().is_empty())
        .collect();
    let lines = page_lines(glyphs, &free, settings);
    let free_index = GlyphIndex::of(glyphs, &free);
    let mut frames = Vec::new();
    // Lines above `floor` belong to a table found already.
    let (mut i, mut floor) = (0, 0);
    while i < lines.len() {
        let Some(end) = grow_block(&lines, i, settings) else {
            i += 1;
            continue;
        };
        let body = &lines[i..end];
        match block_columns(body, settings) {
            Some(gaps) if frames.len() < MAX_TABLES && is_table(body, &gaps, vertical, settings) => {
                let head = header_lines(&lines, floor, i, body, settings);
                // Lines of labels above the first row of values are the
                // header, read as the header band of a three-line table
                // (labels spanning columns, wrapped labels).
                let values = (i..end).find(|&k| is_value_line(&lines[k])).unwrap_or(i);
                if let Some(frame) = block_frame(&lines[head..values], &lines[values..end], glyphs, &free_index, settings) {
                    frames.push(frame);
                }
                i = end;
                floor = end;
            }
            // A block that is not a table is passed whole: a line inside it
            // starts no other block (and a page of prose costs one pass).
            _ => i = end,
        }
    }
    frames
}

/// The page's lines, top to bottom, cut into runs at column gaps.
fn page_lines(glyphs: &[Glyph], free: &[usize], settings: &TableSettings) -> Vec<Line> {
    core_lines(glyphs, free, settings)
        .into_iter()
        .map(|mut members| {
            members.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
            let mut line = Line { top: f32::MAX, bottom: f32::MIN, size: 0.0, runs: Vec::new() };
            let mut sizes: Vec<f32> = members.iter().map(|&i| glyphs[i].size.abs().max(1.0)).collect();
            sizes.sort_by(f32::total_cmp);
            line.size = sizes[sizes.len() / 2];
            let gap = settings.stream_gap_em * line.size;
            for i in members {
                let g = &glyphs[i];
                line.top = line.top.min(g.rect.top);
                line.bottom = line.bottom.max(g.rect.bottom);
                match line.runs.last_mut() {
                    Some(run) if g.rect.x0 - run.x1 < gap => {
                        run.x1 = run.x1.max(g.rect.x1);
                        run.text.push_str(&g.text);
                    }
                    _ => line.runs.push(Run { x0: g.rect.x0, x1: g.rect.x1, text: g.text.clone() }),
                }
            }
            line
        })
        .collect()
}

/// The x ranges covered by `spans`, those less than `min` apart joined.
fn cover(spans: impl Iterator<Item = (f32, f32)>, min: f32) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = spans.collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut covered: Vec<(f32, f32)> = Vec::new();
    for (s, e) in spans {
        match covered.last_mut() {
            Some(last) if s - last.1 < min => last.1 = last.1.max(e),
            _ => covered.push((s, e)),
        }
    }
    covered
}

/// The white gaps between covered ranges.
fn gaps_between(covered: &[(f32, f32)]) -> Vec<(f32, f32)> {
    covered.windows(2).map(|w| (w[0].1, w[1].0)).collect()
}

/// The white gaps (x ranges at least `min` wide) between the runs of
/// `lines`, inside their extent.
fn gaps_of<'a>(lines: impl Iterator<Item = &'a Line>, min: f32) -> Vec<(f32, f32)> {
    gaps_between(&cover(lines.flat_map(|l| l.runs.iter().map(|r| (r.x0, r.x1))), min))
}

/// The end (exclusive) of the block that grows from line `start`, or `None`
/// when `start` has a single run. Each next line joins while it is within
/// [`TableSettings::stream_line_gap_em`] below and every gap of the block
/// stays open; single-run lines at the end join only as a wrapped first
/// column set tight under the line above.
fn grow_block(lines: &[Line], start: usize, settings: &TableSettings) -> Option<usize> {
    let first = &lines[start];
    if first.runs.len() < 2 {
        return None;
    }
    let min = settings.stream_gap_em * first.size;
    // The block's covered ranges, updated line by line (the work grows with
    // the block's lines times its columns).
    let mut covered = cover(first.runs.iter().map(|r| (r.x0, r.x1)), min);
    let mut gaps = gaps_between(&covered);
    let mut end = start + 1;
    // Where values stand: the extents of the numbers after a line's first run.
    let mut value_spans: Vec<(f32, f32)> = Vec::new();
    let value_spans_of = |line: &Line| -> Vec<(f32, f32)> {
        line.runs.iter().skip(1).filter(|r| is_number(&r.text)).map(|r| (r.x0, r.x1)).collect()
    };
    value_spans.extend(value_spans_of(first));
    while end < lines.len() {
        let (above, line) = (&lines[end - 1], &lines[end]);
        if line.top - above.bottom > settings.stream_line_gap_em * line.size.max(above.size) {
            break;
        }
        // Under rows of values, a line of labels over the values' columns
        // heads the next table (labels left of the values are a wrapped row
        // label).
        if line.runs.len() >= 2
            && !line.runs.iter().any(|r| is_number(&r.text))
            && line.runs.iter().any(|r| value_spans.iter().any(|&(a, b)| r.x0 < b && a < r.x1))
        {
            break;
        }
        let next_covered = cover(covered.iter().copied().chain(line.runs.iter().map(|r| (r.x0, r.x1))), min);
        let next = gaps_between(&next_covered);
        // Every gap of the block keeps a stretch at least `min` wide.
        let open = gaps.iter().all(|&(a, b)| next.iter().any(|&(c, d)| d.min(b) - c.max(a) >= min));
        if !open {
            break;
        }
        (covered, gaps) = (next_covered, next);
        value_spans.extend(value_spans_of(line));
        end += 1;
    }
    // Single-run lines at the foot end the block unless they continue the
    // first column right under the line above (a wrapped last label).
    while end > start + 1 {
        let (above, last) = (&lines[end - 2], &lines[end - 1]);
        let wrapped = last.runs.len() == 1
            && (last.runs[0].x0 - above.runs[0].x0).abs() <= 2.0 * last.size
            && last.top - above.bottom <= settings.wrap_gap_em * last.size;
        if last.runs.len() >= 2 || wrapped && above.runs.len() >= 2 {
            break;
        }
        end -= 1;
    }
    Some(end)
}

/// A row of values: a label or value, then a number after it.
fn is_value_line(line: &Line) -> bool {
    line.runs.len() >= 2 && line.runs[1..].iter().any(|r| is_number(&r.text))
}

/// The column gaps of a body block: gaps through all its lines, kept
/// only when the block has two columns or more.
fn block_columns(body: &[Line], settings: &TableSettings) -> Option<Vec<(f32, f32)>> {
    let min = settings.stream_gap_em * median(body.iter().map(|l| l.size).collect());
    let gaps = gaps_of(body.iter(), min);
    (!gaps.is_empty()).then_some(gaps)
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// Each line's text per column (`None` where it has none).
fn cells(body: &[Line], gaps: &[(f32, f32)]) -> Vec<Vec<Option<String>>> {
    let column_of = |x: f32| gaps.partition_point(|&(a, _)| a < x);
    body.iter()
        .map(|line| {
            let mut row: Vec<Option<String>> = vec![None; gaps.len() + 1];
            for run in &line.runs {
                let cell = row[column_of((run.x0 + run.x1) / 2.0)].get_or_insert_with(String::new);
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&run.text);
            }
            row
        })
        .collect()
}

/// Whether a block of lines with these column gaps is a table (see the
/// module's list).
fn is_table(body: &[Line], gaps: &[(f32, f32)], vertical: &[Edge], settings: &TableSettings) -> bool {
    let rows = cells(body, gaps);
    let cols = gaps.len() + 1;
    let multi = rows.iter().filter(|r| r.iter().flatten().count() >= 2).count();
    if multi < settings.stream_min_rows {
        return false;
    }
    let column: Vec<Vec<&str>> = (0..cols).map(|c| rows.iter().filter_map(|r| r[c].as_deref()).collect()).collect();
    if column.iter().any(|c| c.len() < 2) {
        return false;
    }
    // Cell widths in em, per column: some column of short cells, at most
    // one of running text (two are a page set in two columns).
    let column_of = |x: f32| gaps.partition_point(|&(a, _)| a < x);
    let mut widths: Vec<Vec<f32>> = vec![Vec::new(); cols];
    for line in body {
        let mut extent: Vec<Option<(f32, f32)>> = vec![None; cols];
        for run in &line.runs {
            let e = extent[column_of((run.x0 + run.x1) / 2.0)].get_or_insert((run.x0, run.x1));
            (e.0, e.1) = (e.0.min(run.x0), e.1.max(run.x1));
        }
        for (c, e) in extent.into_iter().enumerate() {
            if let Some((x0, x1)) = e {
                widths[c].push((x1 - x0) / line.size);
            }
        }
    }
    let medians: Vec<f32> = widths.into_iter().map(median).collect();
    if !medians.iter().any(|&m| m <= settings.stream_short_cell_em)
        || medians.iter().filter(|&&m| m >= settings.stream_prose_cell_em).count() >= 2
    {
        return false;
    }
    // Aligned text alone is a table only with a column of values (a form's
    // labels and answers, two addresses side by side, a figure's labels
    // beside running text stay text).
    let first_values = rows.iter().position(|r| r.iter().skip(1).flatten().any(|t| is_number(t))).unwrap_or(0);
    let values = (1..cols).any(|c| {
        let c: Vec<&str> = rows[first_values..].iter().filter_map(|r| r[c].as_deref()).collect();
        let n = c.iter().filter(|t| is_number(t) || crate::grid::is_value_text(t)).count();
        !c.is_empty() && 3 * n >= 2 * c.len()
    });
    if !values {
        return false;
    }
    // Vertical writing set upright: most cells one CJK character.
    let cells_total = column.iter().map(Vec::len).sum::<usize>();
    let single_cjk = column.iter().flatten().filter(|t| {
        let mut chars = t.trim().chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if crate::text::is_cjk(c))
    });
    if single_cjk.count() * 2 > cells_total {
        return false;
    }
    // A list: markers in the first column, text after them.
    if column[0].iter().all(|t| is_list_marker(t)) && !column[1..].iter().flatten().all(|t| is_number(t)) {
        return false;
    }
    // A table of contents: titles, then page numbers that never decrease.
    let last: Vec<Option<u32>> = column[cols - 1].iter().map(|t| t.trim().parse::<u32>().ok()).collect();
    if cols == 2
        && last.iter().all(Option::is_some)
        && last.windows(2).all(|w| w[0] <= w[1])
        && !column[0].iter().all(|t| is_number(t))
    {
        return false;
    }
    // A vertical line through the block taller than a few lines: a chart's
    // axes and the labels around them, or columns ruled in a way the ruled
    // finder could not read — not text aligned by itself.
    let (top, bottom) = (body[0].top, body[body.len() - 1].bottom);
    let (left, right) = (
        body.iter().map(Line::x0).fold(f32::INFINITY, f32::min),
        body.iter().map(Line::x1).fold(f32::NEG_INFINITY, f32::max),
    );
    let tall = settings.stream_figure_rule_lines * median(body.iter().map(|l| l.bottom - l.top).collect());
    !vertical.iter().any(|e| {
        left < e.position && e.position < right && e.end.min(bottom) - e.start.max(top) >= tall.min(bottom - top)
    })
}

/// A list item's marker: a bullet, or a number or letter with its
/// punctuation (1. 2) (3) a. 一、 （一）).
fn is_list_marker(t: &str) -> bool {
    let t = t.trim();
    // A bullet: one character that is neither a letter nor a digit (a
    // symbol font's bullet often has no Unicode map, or a private-use one).
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !c.is_alphanumeric()
    {
        return true;
    }
    let inner = t.trim_start_matches(['(', '（']).trim_end_matches(['.', ')', '）', '、', '．', ':', '：']);
    inner.chars().count() < t.chars().count()
        && !inner.is_empty()
        && inner.chars().count() <= 3
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c))
}

/// A number as tables print them: digits with separators, a sign, a
/// decimal point, a percent sign or a dagger.
fn is_number(t: &str) -> bool {
    let t = t.trim();
    t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || ",.-+−–%$()† ".contains(c))
}

/// The first line of the header above the body starting at line `start`
/// (not above `floor`):
/// lines close above it (a line gap of at most
/// [`TableSettings::stream_header_gap_em`]) within its width that are not
/// running text, at most [`TableSettings::stream_header_lines`] of them. A
/// line of a single run must not start at the body's left edge (the last
/// line of a paragraph above the table does).
fn header_lines(lines: &[Line], floor: usize, start: usize, body: &[Line], settings: &TableSettings) -> usize {
    let left = body.iter().map(Line::x0).fold(f32::INFINITY, f32::min);
    let right = body.iter().map(Line::x1).fold(f32::NEG_INFINITY, f32::max);
    let mut head = start;
    while head > floor && start - head < settings.stream_header_lines {
        let (line, below) = (&lines[head - 1], &lines[head]);
        let size = line.size.max(below.size);
        let within = line.x0() >= left - size && line.x1() <= right + size;
        let chars: usize = line.runs.iter().map(|r| r.text.chars().count()).sum();
        let running = line.runs.len() == 1 && chars >= settings.prose_cell_chars;
        let at_margin = line.runs.len() == 1 && line.x0() - left < size;
        if below.top - line.bottom > settings.stream_header_gap_em * size || !within || running || at_margin {
            break;
        }
        head -= 1;
    }
    head
}

/// The frame of a block: rules as a three-line table would have them (above
/// the header, under it, under the body), read by the three-line reader.
fn block_frame(
    header: &[Line],
    body: &[Line],
    glyphs: &[Glyph],
    free: &GlyphIndex,
    settings: &TableSettings,
) -> Option<Frame> {
    let all = header.iter().chain(body);
    let left = all.clone().map(Line::x0).fold(f32::INFINITY, f32::min) - 1.0;
    let right = all.clone().map(Line::x1).fold(f32::NEG_INFINITY, f32::max) + 1.0;
    let top = all.map(|l| l.top).fold(f32::INFINITY, f32::min) - 1.0;
    let bottom = body[body.len() - 1].bottom + 1.0;
    let mut ys = vec![top];
    if let Some(last) = header.last() {
        ys.push((last.bottom + body[0].top) / 2.0);
    }
    ys.push(bottom);
    let rules: Vec<Edge> = ys
        .into_iter()
        .map(|y| Edge { orientation: Orientation::Horizontal, position: y, start: left, end: right })
        .collect();
    stacks::stack_to_frame(&rules, &[], glyphs, free, settings)
}
