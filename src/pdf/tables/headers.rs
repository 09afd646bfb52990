//! Stacked header rows of a frame built from horizontal rules (三线表): the
//! band between the top rule and the rule under the header may hold several
//! rows of labels — a label centred over the columns it heads, the labels
//! of those columns below it, labels wrapped over two lines. The band is
//! read as blocks of text: runs of one line, joined with the run below when
//! that covers the same columns across a line gap (a wrapped label is one
//! cell). A block's columns are the body columns its text crosses, widened
//! while the label stays centred over them and no other label sits beside
//! it at its height (a spanning label), and never as wide as a spanning
//! label above it over the same columns (it heads some of them); a caption
//! (表1…, 单位：…) alone at the top spans every column and never joins a
//! label below. A label over a spanner rule (a short rule drawn under it
//! inside the band) heads exactly the columns whose text lies under the
//! rule, and is never the first line of a wrapped label. Under each block
//! with another block below it in its columns a rule is drawn across those
//! columns, and a column separator is drawn in the band only where no
//! block crosses it.

use super::rows::core_lines;
use super::{Edge, Orientation, TableSettings};
use crate::grid::is_caption_text;
use crate::pdf::page::Glyph;

/// The glyphs of header labels that stand over several columns: a run of
/// text wider than its column (it crosses the middle of a gap between the
/// body's columns of text, `covered`) on a line followed by a line of
/// labels in three places or more. Such a label is not a wide label of one
/// column (whose column keeps it whole), and a wrapped label's last line
/// is never in three places.
pub fn spanning_labels(
    glyphs: &[Glyph],
    members: &[usize],
    covered: &[(f32, f32)],
    settings: &TableSettings,
) -> Vec<usize> {
    let middles: Vec<f32> = covered.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0).collect();
    let lines = line_runs(glyphs, members, settings);
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        if pair[1].len() < 3 {
            continue;
        }
        for run in &pair[0] {
            let (x0, x1) = (glyphs[run[0]].rect.x0, glyphs[run[run.len() - 1]].rect.x1);
            if middles.iter().any(|&m| x0 < m && m < x1) {
                out.extend(run.iter().copied());
            }
        }
    }
    out
}

/// The band's lines, top to bottom, each as runs of text left to right: a
/// gap of [`TableSettings::column_gap_em`] or more ends a run.
fn line_runs(glyphs: &[Glyph], members: &[usize], settings: &TableSettings) -> Vec<Vec<Vec<usize>>> {
    core_lines(glyphs, members, settings)
        .into_iter()
        .map(|mut line| {
            line.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
            let mut runs: Vec<Vec<usize>> = Vec::new();
            for i in line {
                let gap = settings.column_gap_em * glyphs[i].size.abs().max(1.0);
                match runs.last_mut() {
                    Some(run) if glyphs[i].rect.x0 - glyphs[run[run.len() - 1]].rect.x1 < gap => run.push(i),
                    _ => runs.push(vec![i]),
                }
            }
            runs
        })
        .collect()
}

/// The visible extent of a run (its first and last glyph that is not a
/// space).
fn visible_extent(glyphs: &[Glyph], run: &[usize]) -> Option<(f32, f32)> {
    let mut visible = run.iter().map(|&i| &glyphs[i]).filter(|g| !g.text.trim().is_empty());
    let first = visible.next()?;
    let last = visible.next_back().unwrap_or(first);
    Some((first.rect.x0, last.rect.x1))
}

/// A run of header text cut where a body column separator passes through a
/// gap between its words, when every piece is then one column's label
/// stacked on another label of that column (a line of it just above or
/// below, within [`TableSettings::wrap_gap_em`]): labels set bottom-aligned
/// in neighbouring columns ("Body / Weight / (g)" beside "Weight Relative
/// to / Controls / (%)") come close enough on a line to read as one run
/// ("Weight Controls"), though each belongs to its own column's stack. A
/// label over several columns has no such stacks under its words and
/// stays whole. `neighbours` are the runs of the lines above and below.
fn split_stacked(
    glyphs: &[Glyph],
    run: &[usize],
    separators: &[f32],
    neighbours: &[&Vec<usize>],
    settings: &TableSettings,
) -> Vec<Vec<usize>> {
    let column_of = |x: f32| separators.partition_point(|&s| s < x);
    let whole = || vec![run.to_vec()];
    let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
    let mut last_visible: Option<&Glyph> = None;
    for &i in run {
        let g = &glyphs[i];
        if g.text.trim().is_empty() {
            pieces.last_mut().expect("one piece").push(i);
            continue;
        }
        if last_visible.is_some_and(|p| separators.iter().any(|&s| p.rect.x1 < s && s < g.rect.x0)) {
            pieces.push(Vec::new());
        }
        pieces.last_mut().expect("one piece").push(i);
        last_visible = Some(g);
    }
    if pieces.len() < 2 {
        return whole();
    }
    let stacked = |piece: &[usize]| {
        let Some((x0, x1)) = visible_extent(glyphs, piece) else { return false };
        let column = column_of(x0);
        let (top, bottom, size) = piece.iter().map(|&i| &glyphs[i]).fold(
            (f32::INFINITY, f32::NEG_INFINITY, 1.0f32),
            |(t, b, s), g| (t.min(g.rect.top), b.max(g.rect.bottom), s.max(g.size.abs())),
        );
        column_of(x1) == column
            && neighbours.iter().any(|other| {
                let Some((o0, o1)) = visible_extent(glyphs, other) else { return false };
                let (o_top, o_bottom) = other
                    .iter()
                    .map(|&i| &glyphs[i])
                    .fold((f32::INFINITY, f32::NEG_INFINITY), |(t, b), g| (t.min(g.rect.top), b.max(g.rect.bottom)));
                let gap = (top - o_bottom).max(o_top - bottom);
                column_of(o0) == column && column_of(o1) == column && gap <= settings.wrap_gap_em * size
            })
    };
    if pieces.iter().all(|p| stacked(p)) { pieces } else { whole() }
}

/// The spanner rule right under a label: below its text (at most half a
/// line into it, or a line under it) and under its middle.
fn ruled_under<'a>(b: &Block, spanners: &'a [Edge]) -> Option<&'a Edge> {
    let middle = (b.x0 + b.x1) / 2.0;
    spanners.iter().find(|s| {
        s.position >= b.bottom - 0.5 * (b.bottom - b.top).min(b.size)
            && s.position <= b.bottom + b.size
            && s.start <= middle
            && middle <= s.end
    })
}

/// A label of the header band: its extent and the columns it covers.
#[derive(Debug, Clone, Copy)]
struct Block {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    size: f32,
    c0: usize,
    c1: usize,
}

/// The edges inside the header band `top..bottom` of a frame spanning
/// `left..right` whose body columns are cut at `separators`: horizontal
/// rules between stacked labels and the separators' pieces no label
/// crosses. `None` when the header is one row of labels (the caller keeps
/// its plain reading).
pub fn header_edges(
    glyphs: &[Glyph],
    members: &[usize],
    (left, right, top, bottom): (f32, f32, f32, f32),
    (separators, covered): (&[f32], &[(f32, f32)]),
    spanners: &[Edge],
    settings: &TableSettings,
) -> Option<(Vec<Edge>, Vec<Edge>)> {
    let cols = separators.len() + 1;
    let column_of = |x: f32| separators.partition_point(|&s| s < x);
    let col_left = |c: usize| if c == 0 { left } else { separators[c - 1] };
    let col_right = |c: usize| if c + 1 == cols { right } else { separators[c] };
    // Runs of each line, top to bottom, joined into blocks across wraps.
    let mut blocks: Vec<Block> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let lines = line_runs(glyphs, members, settings);
    for (l, line) in lines.iter().enumerate() {
        let neighbours: Vec<&Vec<usize>> =
            l.checked_sub(1).into_iter().chain([l + 1]).filter_map(|k| lines.get(k)).flatten().collect();
        let mut runs: Vec<Block> = Vec::new();
        let mut run_texts: Vec<String> = Vec::new();
        for piece in line.iter().flat_map(|run| split_stacked(glyphs, run, separators, &neighbours, settings)) {
            let mut text = String::new();
            let mut run = Block {
                x0: f32::INFINITY,
                x1: f32::NEG_INFINITY,
                top: f32::INFINITY,
                bottom: f32::NEG_INFINITY,
                size: 1.0,
                c0: 0,
                c1: 0,
            };
            for &i in &piece {
                let g = &glyphs[i];
                text.push_str(&g.text);
                run.x0 = run.x0.min(g.rect.x0);
                run.x1 = run.x1.max(g.rect.x1);
                run.top = run.top.min(g.rect.top);
                run.bottom = run.bottom.max(g.rect.bottom);
                run.size = run.size.max(g.size.abs());
            }
            runs.push(run);
            run_texts.push(text);
        }
        for (mut run, text) in runs.into_iter().zip(run_texts) {
            run.c0 = column_of(run.x0);
            run.c1 = column_of(run.x1);
            // A caption is never the first line of a wrapped label, nor
            // is a label above a spanner rule.
            let wrapped = blocks.iter_mut().zip(texts.iter_mut()).rev().find(|(b, t)| {
                !is_caption_text(&t.split_whitespace().collect::<String>())
                    && b.c0 == run.c0
                    && b.c1 == run.c1
                    && run.top > b.bottom - 0.5 * run.size
                    && run.top - b.bottom <= settings.wrap_gap_em * run.size
                    && ruled_under(b, spanners).is_none()
            });
            match wrapped {
                Some((b, t)) => {
                    t.push_str(&text);
                    b.x0 = b.x0.min(run.x0);
                    b.x1 = b.x1.max(run.x1);
                    b.bottom = b.bottom.max(run.bottom);
                }
                None => {
                    blocks.push(run);
                    texts.push(text);
                }
            }
        }
    }
    // Spanning labels: widen while the label stays centred and the added
    // columns hold no other label at its height, and (top to bottom) never
    // as wide as a label above it over the same columns: a label under a
    // spanning label heads some of its columns (法人或其他组织 under
    // 申请人情况 heads 商业企业…其他, not 自然人 and 总计 too), or it
    // would say nothing the label above does not.
    // A caption (表1…, 单位：…) alone at the top spans every column.
    // A label over a spanner rule heads the columns whose text lies under
    // the rule, and no others.
    let ruled: Vec<bool> = blocks
        .iter_mut()
        .map(|b| {
            let Some(rule) = ruled_under(b, spanners) else { return false };
            let under: Vec<usize> = (0..cols)
                .filter(|&c| {
                    let middle = (covered[c].0 + covered[c].1) / 2.0;
                    rule.start <= middle && middle <= rule.end
                })
                .collect();
            match (under.first(), under.last()) {
                (Some(&c0), Some(&c1)) => {
                    (b.c0, b.c1) = (c0, c1);
                    true
                }
                _ => false,
            }
        })
        .collect();
    let fixed = blocks.clone();
    for (k, text) in texts.iter().enumerate() {
        if ruled[k] {
            continue;
        }
        let (above, rest) = blocks.split_at_mut(k);
        let b = &mut rest[0];
        let under_the_same_span = |c0: usize, c1: usize| {
            above.iter().any(|o| o.c1 > o.c0 && o.bottom <= b.top && c0 <= o.c0 && c1 >= o.c1)
        };
        let free = |c: usize| {
            fixed
                .iter()
                .enumerate()
                .all(|(j, o)| j == k || o.c1 < c || o.c0 > c || o.bottom <= b.top || o.top >= b.bottom)
        };
        let topmost = fixed.iter().all(|o| o.top >= b.top - 0.5);
        if topmost && (0..cols).all(free) && is_caption_text(&text.split_whitespace().collect::<String>()) {
            (b.c0, b.c1) = (0, cols - 1);
            continue;
        }
        let middle = (b.x0 + b.x1) / 2.0;
        let tol = settings.header_span_centre_em * b.size;
        loop {
            let mut candidates = Vec::new();
            if b.c0 > 0 && free(b.c0 - 1) {
                candidates.push((b.c0 - 1, b.c1));
            }
            if b.c1 + 1 < cols && free(b.c1 + 1) {
                candidates.push((b.c0, b.c1 + 1));
            }
            if candidates.len() == 2 {
                candidates.push((b.c0 - 1, b.c1 + 1));
            }
            let best = candidates
                .into_iter()
                .filter(|&(c0, c1)| ((col_left(c0) + col_right(c1)) / 2.0 - middle).abs() <= tol)
                .filter(|&(c0, c1)| !under_the_same_span(c0, c1))
                .max_by(|p, q| (p.1 - p.0).cmp(&(q.1 - q.0)));
            match best {
                Some((c0, c1)) => (b.c0, b.c1) = (c0, c1),
                None => break,
            }
        }
    }
    // A rule under each block that has another block below it in its columns.
    let mut horizontal = Vec::new();
    for b in &blocks {
        let below = blocks
            .iter()
            .filter(|o| o.c0 <= b.c1 && o.c1 >= b.c0 && o.top >= b.bottom)
            .map(|o| o.top)
            .fold(f32::INFINITY, f32::min);
        if below.is_finite() {
            horizontal.push(Edge {
                orientation: Orientation::Horizontal,
                position: (b.bottom + below) / 2.0,
                start: col_left(b.c0),
                end: col_right(b.c1),
            });
        }
    }
    if horizontal.is_empty() {
        return None;
    }
    // Separators, piece by piece between the rules' heights.
    let mut cuts: Vec<f32> = horizontal.iter().map(|e| e.position).chain([top, bottom]).collect();
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let mut vertical = Vec::new();
    for (k, &x) in separators.iter().enumerate() {
        for piece in cuts.windows(2) {
            let crossed = blocks.iter().any(|b| b.c0 <= k && b.c1 > k && b.top < piece[1] && b.bottom > piece[0]);
            if !crossed {
                vertical.push(Edge { orientation: Orientation::Vertical, position: x, start: piece[0], end: piece[1] });
            }
        }
    }
    Some((horizontal, vertical))
}
