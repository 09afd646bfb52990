//! Frames from horizontal rules alone: three-line tables (三线表: a top rule,
//! a rule under the header, a bottom rule) and tables ruled only between
//! rows. Rules that meet no vertical and share their left and right ends
//! stack into a frame; its columns come from the text: x ranges that no run
//! of text on any body line crosses. The header band (above the second
//! rule) may span columns, so a column's vertical is drawn there only where
//! no header text crosses it. Shorter rules count too: a rule over the
//! value columns only (the stub's head left open) above such a stack is its
//! top rule, and short rules inside the header band are spanner rules under
//! labels over several columns.
//!
//! Conservative by construction: a stack needs
//! [`TableSettings::stack_min_rules`] rules, a gap in the text on every
//! body line, at least two body lines with text in two columns, and not
//! every column may hold prose-length cells (two columns of running text
//! between a header rule and a footer rule stay paragraphs). A band of
//! running text across the whole frame ends the stack there.

use super::headers;
use super::index::GlyphIndex;
use super::rows::core_lines;
use super::{Edge, Frame, Orientation, TableSettings, union_of_spans};
use crate::grid::is_note_text;
use crate::pdf::page::Glyph;

/// Frames built from the horizontal edges that `in_frame` says belong to no
/// ruled frame yet.
pub fn stack_frames(
    horizontal: &[Edge],
    in_frame: &[bool],
    glyphs: &[Glyph],
    taken: &[bool],
    settings: &TableSettings,
) -> Vec<Frame> {
    let mut rules: Vec<Edge> = horizontal
        .iter()
        .zip(in_frame)
        .filter(|(e, used)| !**used && e.end - e.start >= settings.stack_min_rule_length)
        .map(|(e, _)| *e)
        .collect();
    rules.sort_by(|a, b| a.position.total_cmp(&b.position));
    // Rules with the same ends, top to bottom.
    let tol = settings.stack_end_tolerance;
    let mut groups: Vec<Vec<Edge>> = Vec::new();
    for rule in rules {
        match groups.iter_mut().find(|g| (g[0].start - rule.start).abs() <= tol && (g[0].end - rule.end).abs() <= tol) {
            Some(g) => g.push(rule),
            None => groups.push(vec![rule]),
        }
    }
    let free: Vec<usize> = (0..glyphs.len())
        .filter(|&i| !taken.get(i).copied().unwrap_or(false) && glyphs[i].upright && !glyphs[i].text.trim().is_empty())
        .collect();
    let free = GlyphIndex::of(glyphs, &free);
    // Rules that are no frame's own: candidates for an open top rule and
    // for the spanner rules of a header band.
    let partial: Vec<Edge> = horizontal.iter().zip(in_frame).filter(|(_, used)| !**used).map(|(e, _)| *e).collect();
    let mut frames = Vec::new();
    for mut group in groups {
        if let Some(top) = open_top_rule(&group, &partial, settings) {
            group.insert(0, top);
        }
        for stack in split_at_prose(&group, glyphs, &free, settings) {
            if stack.len() >= settings.stack_min_rules.max(2) {
                let spanners = spanner_rules(&stack, &partial, settings);
                if let Some(frame) = stack_to_frame(&stack, &spanners, glyphs, &free, settings) {
                    frames.push(frame);
                }
            }
        }
    }
    frames
}

/// The top rule of a stack whose rule over the header leaves the stub's
/// head open (drawn over the value columns only, from the frame's right
/// end or its left one): rules above the stack's first that lie within
/// its width, share one of its ends and cover at least half of it, each
/// at most [`TableSettings::stack_open_top_gap`] above the one below it;
/// the topmost of them is the top, returned as wide as the stack (a band
/// of prose under it cuts it off again, `split_at_prose`), the others are
/// the header's spanner rules.
fn open_top_rule(group: &[Edge], partial: &[Edge], settings: &TableSettings) -> Option<Edge> {
    let first = group.first()?;
    if group.len() < 2 {
        return None;
    }
    let (left, right) = (first.start, first.end);
    let tol = settings.stack_end_tolerance;
    let mut above: Vec<&Edge> = partial
        .iter()
        .filter(|e| {
            e.position < first.position - settings.snap_tolerance
                && e.start >= left - tol
                && e.end <= right + tol
                && ((e.start - left).abs() > tol || (e.end - right).abs() > tol)
                && ((e.start - left).abs() <= tol || (e.end - right).abs() <= tol)
                && e.length() >= 0.5 * (right - left)
        })
        .collect();
    above.sort_by(|a, b| b.position.total_cmp(&a.position));
    let mut top: Option<&Edge> = None;
    for e in above {
        let below = top.map_or(first.position, |t| t.position);
        if below - e.position > settings.stack_open_top_gap {
            break;
        }
        top = Some(e);
    }
    top.map(|e| Edge { start: left, end: right, ..*e })
}

/// Spanner rules of a stack's header band: rules between its top rule and
/// the rule under the header, within its width and narrower than it (a
/// short rule under a label over the columns it heads).
fn spanner_rules(stack: &[Edge], partial: &[Edge], settings: &TableSettings) -> Vec<Edge> {
    if stack.len() < 3 {
        return Vec::new();
    }
    let (top, under_header) = (stack[0].position, stack[1].position);
    let left = stack.iter().map(|e| e.start).fold(f32::INFINITY, f32::min);
    let right = stack.iter().map(|e| e.end).fold(f32::NEG_INFINITY, f32::max);
    let tol = settings.stack_end_tolerance;
    let margin = settings.snap_tolerance;
    partial
        .iter()
        .filter(|e| {
            top + margin < e.position
                && e.position < under_header - margin
                && e.start >= left - tol
                && e.end <= right + tol
                && e.length() < right - left - tol
        })
        .copied()
        .collect()
}

/// The free glyphs whose centre lies in the box, in drawing order (asked
/// through the index, not a scan of every free glyph per stack).
fn glyphs_in(free: &GlyphIndex, x0: f32, x1: f32, y0: f32, y1: f32) -> Vec<usize> {
    free.within(x0, x1, y0, y1)
}

/// One line of text: its glyphs' font size and runs of text separated by
/// gaps of at least [`TableSettings::column_gap_em`].
struct TextLine {
    runs: Vec<(f32, f32, usize)>,
}

/// Glyphs → lines (overlapping vertical cores) → runs.
fn text_lines(glyphs: &[Glyph], members: &[usize], settings: &TableSettings) -> Vec<TextLine> {
    core_lines(glyphs, members, settings)
        .into_iter()
        .map(|mut g| {
            g.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
            let mut runs: Vec<(f32, f32, usize)> = Vec::new();
            for i in g {
                let gl = &glyphs[i];
                let gap = settings.column_gap_em * gl.size.abs().max(1.0);
                match runs.last_mut() {
                    Some(run) if gl.rect.x0 - run.1 < gap => {
                        run.1 = run.1.max(gl.rect.x1);
                        run.2 += gl.text.chars().count();
                    }
                    _ => runs.push((gl.rect.x0, gl.rect.x1, gl.text.chars().count())),
                }
            }
            TextLine { runs }
        })
        .collect()
}

/// Cuts a stack of rules where a band between two of them holds running
/// text across the frame (every line one long run over most of the width,
/// or below the first band any line).
fn split_at_prose(group: &[Edge], glyphs: &[Glyph], free: &GlyphIndex, settings: &TableSettings) -> Vec<Vec<Edge>> {
    let mut out: Vec<Vec<Edge>> = Vec::new();
    let mut current: Vec<Edge> = Vec::new();
    for (k, rule) in group.iter().enumerate() {
        if let Some(above) = k.checked_sub(1).map(|j| group[j]) {
            let (x0, x1) = (above.start.min(rule.start), above.end.max(rule.end));
            let members = glyphs_in(free, x0, x1, above.position, rule.position);
            let lines = text_lines(glyphs, &members, settings);
            let running = |l: &TextLine| {
                l.runs.len() == 1
                    && l.runs[0].2 >= settings.prose_cell_chars
                    && l.runs[0].1 - l.runs[0].0 >= 0.8 * (x1 - x0)
            };
            // Running text across the frame; below a table's first band
            // one such line is enough (the notes under one table and the
            // caption of the next, between rules of the same width), and
            // anywhere two such lines one under the other (a paragraph: a
            // header band holds labels, not sentences).
            let paragraph = lines.windows(2).any(|w| running(&w[0]) && running(&w[1]));
            let prose = !lines.is_empty()
                && (lines.iter().all(running) || current.len() >= 2 && lines.iter().any(running) || paragraph);
            if prose || members.is_empty() && lines.is_empty() && current.len() > 1 {
                // A band of prose, or an empty band after a table: the stack ends.
                out.push(std::mem::take(&mut current));
                if prose {
                    current.push(*rule);
                    continue;
                }
            }
        }
        current.push(*rule);
    }
    out.push(current);
    out.retain(|s| !s.is_empty());
    out
}

/// Where notes start at the foot of a frame's body: the first line (after
/// another) whose text starts a note (注：, 说明：…); its glyphs and those of
/// the lines below it leave `body`, and the rule a reader would draw above
/// it is returned.
fn note_rule(glyphs: &[Glyph], body: &mut Vec<usize>, settings: &TableSettings) -> Option<f32> {
    let lines = core_lines(glyphs, body, settings);
    let text = |line: &Vec<usize>| {
        let mut line = line.clone();
        line.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
        line.iter().map(|&i| glyphs[i].text.as_str()).collect::<String>()
    };
    let k = (1..lines.len()).find(|&k| is_note_text(text(&lines[k]).trim_start()))?;
    let above = lines[k - 1].iter().map(|&i| glyphs[i].rect.bottom).fold(f32::MIN, f32::max);
    let below = lines[k].iter().map(|&i| glyphs[i].rect.top).fold(f32::MAX, f32::min);
    let notes: Vec<usize> = lines[k..].iter().flatten().copied().collect();
    body.retain(|i| !notes.contains(i));
    Some((above + below) / 2.0)
}

/// A stack of rules → a frame with columns from the text, or `None` when the
/// text between the rules does not line up in columns.
pub(super) fn stack_to_frame(
    stack: &[Edge],
    spanners: &[Edge],
    glyphs: &[Glyph],
    free: &GlyphIndex,
    settings: &TableSettings,
) -> Option<Frame> {
    let left = stack.iter().map(|e| e.start).fold(f32::INFINITY, f32::min);
    let right = stack.iter().map(|e| e.end).fold(f32::NEG_INFINITY, f32::max);
    let ys: Vec<f32> = stack.iter().map(|e| e.position).collect();
    let (top, bottom) = (ys[0], ys[ys.len() - 1]);
    // Body: below the header rule when there is one.
    let body_top = if ys.len() >= 3 { ys[1] } else { top };
    let mut body = glyphs_in(free, left, right, body_top, bottom);
    // Notes at the foot of the frame (注：… to the bottom rule) are kept
    // below a rule of their own and give no evidence of columns.
    let note_rule = note_rule(glyphs, &mut body, settings);
    let lines = text_lines(glyphs, &body, settings);
    // One body line is enough under a header band whose labels stand over
    // three columns or more (a table of totals under a stacked header);
    // the header's lines then count as evidence of columns below.
    let header = glyphs_in(free, left, right, top, body_top);
    let one_line_body = lines.len() == 1 && ys.len() >= 3 && lines[0].runs.len() >= 3 && !header.is_empty();
    if lines.len() < 2 && !one_line_body {
        return None;
    }
    // Covered x ranges: the union of every body run.
    let covered = union_of_spans(lines.iter().flat_map(|l| l.runs.iter().map(|r| (r.0, r.1))).collect());
    if covered.len() < 2 {
        return None;
    }
    // Each column gap's separator: the middle of the widest stretch of the
    // gap that no text of the whole frame (the header included) crosses, so
    // a header wider than its column keeps its cell; the gap's middle when
    // header text crosses all of it (a spanning header).
    // A header label standing over several columns (labels of its own
    // below it) does not keep a separator from crossing it.
    let over = if ys.len() >= 3 { headers::spanning_labels(glyphs, &header, &covered, settings) } else { Vec::new() };
    let all: Vec<usize> =
        glyphs_in(free, left, right, top, bottom).into_iter().filter(|i| !over.contains(i)).collect();
    let separators: Vec<f32> = covered
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].1, w[1].0);
            let mut blocked: Vec<(f32, f32)> =
                all.iter().map(|&i| (glyphs[i].rect.x0, glyphs[i].rect.x1)).filter(|&(x0, x1)| x1 > a && x0 < b).collect();
            blocked.sort_by(|p, q| p.0.total_cmp(&q.0));
            let (mut best, mut from) = ((0.0f32, (a + b) / 2.0), a);
            for (x0, x1) in blocked.into_iter().chain([(b, b)]) {
                if x0 - from > best.0 {
                    best = (x0 - from, (from + x0) / 2.0);
                }
                from = from.max(x1);
            }
            best.1
        })
        .collect();
    let column_of = |x: f32| separators.partition_point(|&s| s < x);
    // Evidence of a table: lines with text in two columns or more, and cells
    // that are not all prose.
    let mut chars: Vec<Vec<usize>> = vec![Vec::new(); separators.len() + 1];
    let mut multi = 0;
    let header_lines = if one_line_body { text_lines(glyphs, &header, settings) } else { Vec::new() };
    for line in lines.iter().chain(&header_lines) {
        let mut per_col = vec![0usize; separators.len() + 1];
        for run in &line.runs {
            per_col[column_of((run.0 + run.1) / 2.0)] += run.2;
        }
        if per_col.iter().filter(|&&n| n > 0).count() >= 2 {
            multi += 1;
        }
        for (c, n) in per_col.into_iter().enumerate() {
            if n > 0 {
                chars[c].push(n);
            }
        }
    }
    if multi < 2 {
        return None;
    }
    let prose = chars.iter_mut().all(|c| {
        c.sort_unstable();
        c.get(c.len() / 2).is_some_and(|&m| m >= settings.prose_cell_chars)
    });
    if prose {
        return None;
    }
    let mut ys = ys;
    if let Some(y) = note_rule {
        ys.insert(ys.len() - 1, y);
    }
    let horizontal: Vec<Edge> = ys
        .iter()
        .map(|&y| Edge { orientation: Orientation::Horizontal, position: y, start: left, end: right })
        .collect();
    let mut horizontal = horizontal;
    // A header of stacked rows is ruled by its labels; the other bands by
    // where no text crosses a separator.
    let stacked = if ys.len() >= 3 {
        headers::header_edges(glyphs, &header, (left, right, top, body_top), (&separators, &covered), spanners, settings)
    } else {
        None
    };
    let mut vertical = vec![
        Edge { orientation: Orientation::Vertical, position: left, start: top, end: bottom },
        Edge { orientation: Orientation::Vertical, position: right, start: top, end: bottom },
    ];
    if let Some((rules, pieces)) = stacked.as_ref() {
        horizontal.extend(rules.iter().copied());
        vertical.extend(pieces.iter().copied());
    }
    for &x in &separators {
        // The notes' band is one cell across the frame.
        let bands = ys.len() - 1 - usize::from(note_rule.is_some());
        for band in ys.windows(2).take(bands).skip(usize::from(stacked.is_some())) {
            let crossed = glyphs_in(free, left, right, band[0], band[1])
                .iter()
                .any(|&i| glyphs[i].rect.x0 < x && x < glyphs[i].rect.x1);
            if !crossed {
                vertical.push(Edge { orientation: Orientation::Vertical, position: x, start: band[0], end: band[1] });
            }
        }
    }
    Some(Frame { horizontal, vertical })
}
