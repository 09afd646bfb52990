//! Layout: the characters of a page that lie outside tables → lines →
//! paragraphs in reading order.
//!
//! - [`glyphs_to_lines`]: glyphs grouped by vertical overlap (so content
//!   order does not matter), ordered by x, spaces only from real gaps between
//!   non-CJK neighbours or from space glyphs that leave a gap. The table finder builds cell
//!   text with the same function.
//! - [`estimate_text_block`], [`page_text_block`]: the text block's left and
//!   right margins, body font size and usual line gap, per page with the
//!   document's as the fallback.
//! - [`lines_to_paragraphs`]: paragraph breaks from the first-line indent,
//!   vertical gaps, short last lines, centred lines and changes of font size
//!   or weight.
//! - [`reading_order`]: two-column stretches of a page read column by column;
//!   a single column (the norm) is left alone.
//!
//! Headings are not decided here: the rebuild stage reads them from the
//! official numbering.

use crate::model::ParagraphFragment;
use crate::pdf::geometry::Rect;
use crate::pdf::page::{FontInfo, Glyph};
use crate::text::{ends_sentence, is_cjk, normalize, official_number, push_without_ligatures};

mod settings;

pub use settings::LayoutSettings;

/// A gap between two non-CJK glyphs wider than this (in em) is a word space,
/// in running text.
pub const PARAGRAPH_SPACE_GAP_EM: f32 = 0.25;
/// The layout's other factors: the defaults, what `govdoc convert` uses.
const SETTINGS: &LayoutSettings = &LayoutSettings::DEFAULT;

/// One line of text as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters left to right, with spaces from gaps; not normalized.
    pub text: String,
    /// Bounds of the line's visible (non-space) glyphs.
    pub rect: Rect,
    /// Median font size of its glyphs.
    pub size: f32,
    /// Nearly all of its glyphs are in a bold font.
    pub bold: bool,
    /// Indices of its glyphs in the page's glyph list, in reading order.
    pub glyphs: Vec<usize>,
}

/// A glyph's vertical extent, made usable when the box is degenerate (zero
/// or negative height): the font size around its centre.
fn vertical_extent(g: &Glyph) -> (f32, f32) {
    if g.rect.height() >= SETTINGS.min_glyph_height {
        (g.rect.top, g.rect.bottom)
    } else {
        let half = g.size.abs().max(SETTINGS.min_em) / 2.0;
        let c = g.rect.center_y();
        (c - half, c + half)
    }
}

fn is_usable(g: &Glyph) -> bool {
    !g.text.is_empty() && g.rect.x0.is_finite() && g.rect.x1.is_finite() && g.rect.top.is_finite() && g.rect.bottom.is_finite()
}

fn is_blank(g: &Glyph) -> bool {
    g.text.chars().all(|c| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn em(size: f32) -> f32 {
    if size.is_finite() && size > SETTINGS.min_size { size } else { SETTINGS.default_size }
}

/// Groups the glyphs `indices` of a page into lines, top to bottom. A glyph
/// joins the line being built when it overlaps the line's tallest glyph by
/// half the smaller height; sorting by vertical centre first makes the
/// producer's drawing order irrelevant. Glyphs drawn turned (a label set
/// sideways on an upright page, a column of vertical writing) make lines of
/// their own the same way, across: a column of them is one line.
pub fn glyphs_to_lines(glyphs: &[Glyph], fonts: &[FontInfo], indices: &[usize], space_gap_em: f32) -> Vec<Line> {
    let (turned, upright): (Vec<usize>, Vec<usize>) = indices
        .iter()
        .copied()
        .filter(|&i| glyphs.get(i).is_some_and(is_usable))
        .partition(|&i| runs_down_the_page(&glyphs[i]));
    let mut groups = overlapping(glyphs, upright, vertical_extent);
    groups.extend(overlapping(glyphs, turned, |g| (g.rect.x0.min(g.rect.x1), g.rect.x0.max(g.rect.x1))));
    let mut lines: Vec<Line> =
        groups.into_iter().filter_map(|g| group_to_line(glyphs, fonts, g, space_gap_em)).collect();
    lines.sort_by(|a, b| a.rect.top.total_cmp(&b.rect.top).then(a.rect.x0.total_cmp(&b.rect.x0)));
    order_turned_lines(glyphs, &mut lines);
    lines
}

/// Whether `line` is made of turned glyphs (a line that runs up or down
/// the page).
fn is_turned(glyphs: &[Glyph], line: &Line) -> bool {
    line.glyphs.iter().filter(|&&i| runs_down_the_page(&glyphs[i])).count() * 2 > line.glyphs.len()
}

/// Which way a line of turned glyphs reads: `Some(true)` up the page (turned
/// a quarter counter-clockwise, as in a "bottom to top" table cell),
/// `Some(false)` down it (clockwise, or vertical writing); `None` when one
/// glyph cannot tell.
fn reads_up(glyphs: &[Glyph], line: &Line) -> Option<bool> {
    let (first, last) = (&glyphs[*line.glyphs.first()?], &glyphs[*line.glyphs.last()?]);
    (line.glyphs.len() >= 2).then(|| first.rect.center_y() > last.rect.center_y())
}

/// Lines of turned text that stand side by side (sorted by their tops, a
/// longer one comes first) are put in the order they are read: lines that
/// read up the page follow each other rightwards, lines that read down it
/// leftwards (as the lines of vertical writing do).
fn order_turned_lines(glyphs: &[Glyph], lines: &mut [Line]) {
    let mut start = 0;
    while start < lines.len() {
        if !is_turned(glyphs, &lines[start]) {
            start += 1;
            continue;
        }
        // The run of turned lines beside the first one (overlapping it down
        // the page) that do not read the other way.
        let (top, bottom) = (lines[start].rect.top, lines[start].rect.bottom);
        let mut up = reads_up(glyphs, &lines[start]);
        let mut end = start + 1;
        while let Some(next) = lines.get(end) {
            let way = reads_up(glyphs, next);
            let beside = is_turned(glyphs, next) && next.rect.top < bottom && next.rect.bottom > top;
            if !beside || (way.is_some() && up.is_some() && way != up) {
                break;
            }
            up = up.or(way);
            end += 1;
        }
        let run = &mut lines[start..end];
        match up {
            Some(true) => run.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0)),
            Some(false) => run.sort_by(|a, b| b.rect.x0.total_cmp(&a.rect.x0)),
            None => {}
        }
        start = end;
    }
}

/// A glyph of a line that runs down or up the page (turned a quarter turn,
/// or vertical writing): not upright, and its em box lies across the page
/// (its width is the font size), where upside-down or slanted text still
/// runs across.
fn runs_down_the_page(g: &Glyph) -> bool {
    !g.upright && (g.rect.width().abs() - g.size.abs()).abs() <= SETTINGS.turned_em_tolerance * g.size.abs()
}

/// The glyphs `order` in groups whose `extent` (across the line: the
/// vertical extent of upright text, the horizontal one of turned text)
/// overlaps the group's largest by [`LayoutSettings::same_line_overlap`].
fn overlapping(glyphs: &[Glyph], mut order: Vec<usize>, extent: impl Fn(&Glyph) -> (f32, f32)) -> Vec<Vec<usize>> {
    let centre = |i: usize| {
        let (a, b) = extent(&glyphs[i]);
        a + b
    };
    order.sort_by(|&a, &b| {
        let (g, h) = (&glyphs[a], &glyphs[b]);
        centre(a).total_cmp(&centre(b)).then(g.rect.x0.total_cmp(&h.rect.x0)).then(g.rect.top.total_cmp(&h.rect.top))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut reference = (0.0f32, 0.0f32);
    for i in order {
        let (start, end) = extent(&glyphs[i]);
        let joins = groups.last().is_some() && {
            let overlap = end.min(reference.1) - start.max(reference.0);
            overlap >= SETTINGS.same_line_overlap * (end - start).min(reference.1 - reference.0)
        };
        if joins {
            groups.last_mut().expect("checked").push(i);
            if end - start > reference.1 - reference.0 {
                reference = (start, end);
            }
        } else {
            groups.push(vec![i]);
            reference = (start, end);
        }
    }
    groups
}

/// One line from its glyphs: ordered by x (by y for text drawn rotated,
/// upwards when it was drawn from the bottom),
/// doubled glyphs dropped (a bold effect drawn twice, slightly offset),
/// spaces where the gap between non-CJK neighbours says so.
fn group_to_line(glyphs: &[Glyph], fonts: &[FontInfo], mut members: Vec<usize>, space_gap_em: f32) -> Option<Line> {
    let rotated = members.iter().filter(|&&i| !glyphs[i].upright).count() * 2 > members.len();
    let across = members.iter().filter(|&&i| runs_down_the_page(&glyphs[i])).count() * 2 > members.len();
    if across {
        members.sort_by(|&a, &b| glyphs[a].rect.top.total_cmp(&glyphs[b].rect.top));
    } else {
        members.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
    }
    // Turned text reads the way it was drawn: up the page, or leftwards
    // when upside down, when its first glyph drawn is the last in place.
    if rotated && members.first() > members.last() {
        members.reverse();
    }
    let mut kept: Vec<usize> = Vec::with_capacity(members.len());
    for i in members {
        let g = &glyphs[i];
        let doubled = kept.last().is_some_and(|&p| {
            let q = &glyphs[p];
            q.text == g.text
                && (q.rect.x0 - g.rect.x0).abs()
                    < SETTINGS.doubled_offset * q.rect.width().abs().max(g.rect.width().abs()).max(SETTINGS.doubled_min_width)
                && (q.rect.top - g.rect.top).abs() < SETTINGS.doubled_offset * em(g.size)
        });
        if !doubled {
            kept.push(i);
        }
    }
    let visible: Vec<usize> = kept.iter().copied().filter(|&i| !is_blank(&glyphs[i])).collect();
    if visible.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(kept.len() * 3);
    let mut previous: Option<&Glyph> = None;
    // A space glyph met since the previous visible one.
    let mut blank: Option<&Glyph> = None;
    let mut visible_after = visible.iter().skip(1).map(|&i| &glyphs[i]);
    for &i in &kept {
        let g = &glyphs[i];
        if is_blank(g) {
            blank = blank.or(Some(g));
            continue;
        }
        let next = visible_after.next();
        let space = match (previous, blank) {
            (Some(p), _) if !rotated && dot_leader_joins(p, g, next) => false,
            (Some(p), Some(b)) => rotated || drawn_space_is_a_gap(p, b, g),
            (Some(p), None) => !rotated && needs_space(p, g, space_gap_em, fonts),
            (None, b) => b.is_some(),
        };
        if space {
            text.push(' ');
        }
        text.push_str(&g.text);
        previous = Some(g);
        blank = None;
    }
    if blank.is_some() {
        text.push(' ');
    }
    let mut sizes: Vec<f32> = visible.iter().map(|&i| glyphs[i].size).filter(|s| s.is_finite()).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(SETTINGS.default_size);
    let bold_count = visible.iter().filter(|&&i| fonts.get(glyphs[i].font).is_some_and(|f| f.bold)).count();
    let (mut top, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
    for &i in &visible {
        let (t, b) = vertical_extent(&glyphs[i]);
        top = top.min(t);
        bottom = bottom.max(b);
        x0 = x0.min(glyphs[i].rect.x0.min(glyphs[i].rect.x1));
        x1 = x1.max(glyphs[i].rect.x1.max(glyphs[i].rect.x0));
    }
    Some(Line { text, rect: Rect { x0, top, x1, bottom }, size, bold: bold_count as f32 >= SETTINGS.bold_share * visible.len() as f32, glyphs: kept })
}

/// A space between `a` and the glyph `b` after it: neither side is CJK
/// (Chinese is set without spaces; the gaps around digits in CJK text are
/// layout, not text) and the gap is wider than `gap_em` of their size — or, when `a`'s font has a space character, wider than
/// [`LayoutSettings::word_gap_share_of_space`] of it (at least
/// [`LayoutSettings::min_word_gap_em`]): justified Latin text shrinks its
/// word gaps below a fixed share of the em (Times' space is 0.25 em), while
/// letters of one word touch.
fn needs_space(a: &Glyph, b: &Glyph, gap_em: f32, fonts: &[FontInfo]) -> bool {
    let gap = b.rect.x0 - a.rect.x1;
    let size = em((a.size + b.size) / 2.0);
    let cjk_a = a.text.chars().next_back().is_some_and(is_cjk);
    let cjk_b = b.text.chars().next().is_some_and(is_cjk);
    let threshold = match fonts.get(a.font).and_then(|f| f.space_width).filter(|w| w.is_finite() && *w > 0.0) {
        Some(space) => (SETTINGS.word_gap_share_of_space * space).clamp(SETTINGS.min_word_gap_em.min(gap_em), gap_em),
        None => gap_em,
    };
    gap > threshold * size && !cjk_a && !cjk_b
}

/// Whether the dot `dot` after the word glyph `a` starts a leader of spaced
/// dots (the next visible glyph, `next`, is a dot a word gap away) and
/// stands closer to `a` than [`LayoutSettings::leader_gap_share`] of the
/// leader's own gap: then it is the word's ("Asian Alone. . . ."), even
/// where a space glyph lies under it — a leader set on a fixed pitch pulls
/// its first dot back into the space.
fn dot_leader_joins(a: &Glyph, dot: &Glyph, next: Option<&Glyph>) -> bool {
    let Some(next) = next else { return false };
    let is_dot = |g: &Glyph| g.text == ".";
    if is_dot(a) || !is_dot(dot) || !is_dot(next) {
        return false;
    }
    let size = em((dot.size + next.size) / 2.0);
    let leader_gap = next.rect.x0 - dot.rect.x1;
    leader_gap > SETTINGS.min_word_gap_em * size && dot.rect.x0 - a.rect.x1 < SETTINGS.leader_gap_share * leader_gap
}

/// Whether the space glyph `blank`, drawn between the visible glyphs `a` and
/// `b`, is a word gap. The producer said "space", so neither the CJK
/// neighbours nor the caller's gap in em matter; what matters is whether the
/// space shows. It does not when `a` and `b` touch or overlap (a run of
/// spaces set on top of a number that was drawn first: "1 4.862"), nor when
/// character and word spacing squeeze it so that `b` starts inside it and
/// less than [`LayoutSettings::word_gap_share_of_space`] of it is left
/// (`Tc 2.2 Tw -3.5`: 0.9 pt of a 2.2 pt space before a dot leader). A
/// space drawn at its full advance after a glyph whose box covers part of
/// it ("✔ checked", the text moved on less than the tick's width) still
/// shows. A space glyph with no width of its own gives nothing to measure
/// and is taken at its word.
fn drawn_space_is_a_gap(a: &Glyph, blank: &Glyph, b: &Glyph) -> bool {
    let size = em((a.size + b.size) / 2.0);
    let width = (blank.rect.x1 - blank.rect.x0).abs();
    if width < SETTINGS.min_word_gap_em * size {
        return true;
    }
    let gap = b.rect.x0 - a.rect.x1;
    let full_advance = b.rect.x0 >= blank.rect.x0.max(blank.rect.x1) - SETTINGS.space_advance_tolerance * width;
    gap > SETTINGS.space_shows_em * size && (full_advance || gap >= SETTINGS.word_gap_share_of_space * width)
}

/// The text of lines read as one block: joined with line breaks, then
/// normalized (breaks between CJK characters vanish, between Latin words
/// they become a space). A line that ends in a hyphen after a letter and a
/// next line that starts with a capital are one hyphenated compound
/// ("Non-" + "Negligent"): hyphenation never breaks a word before a
/// capital, so the hyphen is the word's own and the break is no space.
/// (Before a small letter the hyphen may be a soft one, "Preva-" +
/// "lence", or a compound's, "intra-" + "interviewer": that cannot be
/// told without a dictionary, so the break stays a space.) Typographic
/// ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬆ) are how a font draws its letters: the text
/// is the letters.
pub fn lines_text<'a>(lines: impl IntoIterator<Item = &'a Line>) -> String {
    let mut raw = String::new();
    for line in lines {
        if continues_compound(&raw, &line.text) {
            raw.truncate(raw.trim_end().len());
            push_without_ligatures(&mut raw, line.text.trim_start());
            continue;
        }
        if !raw.is_empty() {
            raw.push('\n');
        }
        push_without_ligatures(&mut raw, &line.text);
    }
    normalize(&raw)
}

/// Text so far ending in a letter and a hyphen, next line starting with a
/// capital letter: the break is inside a hyphenated compound.
fn continues_compound(before: &str, next: &str) -> bool {
    let mut end = before.trim_end().chars().rev();
    let hyphen = end.next().is_some_and(|c| matches!(c, '-' | '\u{2010}'));
    hyphen
        && end.next().is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
        && next.trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// Where the text of a page sits: the margins its lines start and end at,
/// the body font size and the usual gap between lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBlock {
    pub left: f32,
    pub right: f32,
    pub body_size: f32,
    /// Usual white space between the bottom of a line and the top of the
    /// next, within a paragraph.
    pub line_gap: f32,
}

impl TextBlock {
    pub fn width(&self) -> f32 {
        self.right - self.left
    }
}

/// The text block of some lines, or `None` without lines. The left margin is
/// the leftmost start shared by several lines (a first-line indent, a
/// centred title or a stray mark in the margin does not move it); the right
/// margin likewise the rightmost shared end (punctuation hanging past the
/// margin does not move it), or the second-longest line's end where that
/// reaches further.
pub fn estimate_text_block(lines: &[&Line]) -> Option<TextBlock> {
    if lines.is_empty() {
        return None;
    }
    let body_size = body_size(lines);
    let tolerance = SETTINGS.margin_cluster_em * body_size;
    let support = SETTINGS.margin_min_lines.min(lines.len()).max(lines.len().div_ceil(SETTINGS.margin_lines_per));
    let mut starts: Vec<f32> = lines.iter().map(|l| l.rect.x0).collect();
    starts.sort_by(f32::total_cmp);
    let left = first_supported(&starts, tolerance, support).unwrap_or(starts[0]);
    let mut ends: Vec<f32> = lines.iter().map(|l| -l.rect.x1).collect();
    ends.sort_by(f32::total_cmp);
    // Where few lines are full (short items, headings), no end is shared by
    // enough of them; the second-longest line then says where the margin is
    // at least (the longest may stick out).
    let shared = -first_supported(&ends, tolerance, support).unwrap_or(ends[0]);
    let right = shared.max(-ends[1.min(ends.len() - 1)]);
    let mut gaps = line_gaps(lines, body_size);
    gaps.sort_by(f32::total_cmp);
    let line_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(SETTINGS.default_line_gap_em * body_size);
    Some(TextBlock { left, right: right.max(left), body_size, line_gap })
}

/// The text block of a whole document from its pages' lines: margins and
/// size over all lines, the line gap measured within each page.
pub fn document_text_block(pages: &[&[Line]]) -> Option<TextBlock> {
    let all: Vec<&Line> = pages.iter().flat_map(|p| p.iter()).collect();
    let mut block = estimate_text_block(&all)?;
    let mut gaps: Vec<f32> = Vec::new();
    for page in pages {
        let refs: Vec<&Line> = page.iter().collect();
        gaps.extend(line_gaps(&refs, block.body_size));
    }
    gaps.sort_by(f32::total_cmp);
    block.line_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(SETTINGS.default_line_gap_em * block.body_size);
    Some(block)
}

/// The white space between consecutive lines of one page in the same size,
/// where it is no more than a few lines' worth.
fn line_gaps(lines: &[&Line], body_size: f32) -> Vec<f32> {
    let mut sorted: Vec<&Line> = lines.to_vec();
    sorted.sort_by(|a, b| a.rect.top.total_cmp(&b.rect.top));
    let mut gaps = Vec::new();
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = b.rect.top - a.rect.bottom;
        let similar = a.size.max(b.size) <= SETTINGS.size_ratio * a.size.min(b.size);
        let (least, most) = SETTINGS.line_gap_bounds_em;
        if similar && gap >= least * body_size && gap < most * body_size {
            gaps.push(gap.max(0.0));
        }
    }
    gaps
}

/// The most common font size, weighted by characters.
fn body_size(lines: &[&Line]) -> f32 {
    let mut weighted: Vec<(i32, usize)> = Vec::new();
    for line in lines {
        let key = (line.size / SETTINGS.body_size_step).round() as i32;
        let n = line.text.chars().filter(|c| !c.is_whitespace()).count();
        match weighted.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += n,
            None => weighted.push((key, n)),
        }
    }
    weighted.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    weighted.first().map_or(SETTINGS.default_size, |&(k, _)| em(k as f32 * SETTINGS.body_size_step))
}

/// In ascending `values`, the first value with at least `support` values
/// (itself included) within `tolerance` above it.
fn first_supported(values: &[f32], tolerance: f32, support: usize) -> Option<f32> {
    let mut j = 0;
    for i in 0..values.len() {
        j = j.max(i);
        while j + 1 < values.len() && values[j + 1] - values[i] <= tolerance {
            j += 1;
        }
        if j + 1 - i >= support {
            return Some(values[i]);
        }
    }
    None
}

/// A page's text block: its own when it has enough lines, else the
/// document's. A page whose lines never reach the document's right margin
/// (short items only) keeps the document's width.
pub fn page_text_block(lines: &[&Line], document: Option<TextBlock>) -> Option<TextBlock> {
    let page = if lines.len() >= SETTINGS.min_lines_for_page_block { estimate_text_block(lines) } else { None };
    match (page, document) {
        (Some(mut p), Some(d)) => {
            // A page of few full lines (a heading, one paragraph, then tables)
            // can make the indented first lines look like the margin; a line
            // starting at the document's margin says where it really is.
            let em = d.body_size.max(SETTINGS.min_em);
            if p.left > d.left + SETTINGS.margin_shift_em * em
                && lines.iter().any(|l| (l.rect.x0 - d.left).abs() <= SETTINGS.margin_snap_em * em)
            {
                p.left = d.left;
            }
            if p.width() < SETTINGS.min_page_width_share * d.width() {
                p.right = p.left + d.width();
            }
            Some(p)
        }
        (Some(p), None) => Some(p),
        (None, Some(d)) => Some(d),
        (None, None) => estimate_text_block(lines),
    }
}

/// How a line sits in the text block.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Placement {
    indented: bool,
    centred: bool,
    /// Set against the right margin, starting far from the left one: a
    /// signature or a date.
    right_aligned: bool,
    short: bool,
    larger: bool,
}

fn place(line: &Line, block: &TextBlock) -> Placement {
    let em = em(line.size);
    let left_gap = line.rect.x0 - block.left;
    let right_gap = block.right - line.rect.x1;
    let larger = line.size > SETTINGS.size_ratio * block.body_size;
    let symmetric =
        (left_gap - right_gap).abs() <= (SETTINGS.symmetric_em * em).max(SETTINGS.symmetric_share * block.width());
    // A body-size line indented by the usual two characters that happens to
    // end as far from the right margin is a one-line paragraph, not centred.
    let first_line_indent = (left_gap - SETTINGS.first_line_indent_em * em).abs()
        < SETTINGS.first_line_indent_slack_em * em
        && !larger
        && !line.bold;
    let centred_gap = if larger { SETTINGS.larger_centred_gap_em } else { SETTINGS.centred_gap_em };
    let centred = symmetric && !first_line_indent && left_gap.min(right_gap) >= centred_gap * em;
    Placement {
        indented: !centred && left_gap >= SETTINGS.indent_em * em,
        centred,
        right_aligned: !centred && right_gap < em && left_gap > SETTINGS.right_aligned_em * em,
        short: right_gap > SETTINGS.short_line_em * em,
        larger,
    }
}

/// A paragraph laid out on a page, with what the page-level steps need to
/// know about its geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedParagraph {
    pub fragment: ParagraphFragment,
    pub top: f32,
    pub bottom: f32,
    /// Left and right bounds of its lines.
    pub x0: f32,
    pub x1: f32,
    /// Font size and weight of its first line.
    pub size: f32,
    pub bold: bool,
    /// The first line starts at the left margin (not indented, not centred).
    pub opens_at_margin: bool,
    /// The last line runs to the right margin: the text may go on.
    pub ends_at_margin: bool,
    /// Set in a font larger than the body text.
    pub larger: bool,
    pub centred: bool,
    /// Indices of its characters in the page's glyph list (what its OCR
    /// confidence is the mean of).
    pub glyphs: Vec<usize>,
}

/// Lines (top to bottom, no table between them) → paragraphs.
pub fn lines_to_paragraphs(lines: &[Line], block: &TextBlock, page: u32) -> Vec<PlacedParagraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        if i == lines.len() || breaks_between(&lines[i - 1], &lines[i], block) {
            out.push(paragraph(&lines[start..i], block, page));
            start = i;
        }
    }
    out
}

/// True when `next` starts a new paragraph after `previous`.
fn breaks_between(previous: &Line, next: &Line, block: &TextBlock) -> bool {
    if is_contents_entry(&previous.text) {
        return true;
    }
    let (p, n) = (place(previous, block), place(next, block));
    let same_style = previous.size.max(next.size)
        <= SETTINGS.size_ratio * previous.size.min(next.size).max(SETTINGS.min_style_size)
        && previous.bold == next.bold;
    if !same_style {
        return true;
    }
    let gap = next.rect.top - previous.rect.bottom;
    if gap > block.line_gap + SETTINGS.extra_gap_em * em(previous.size.max(next.size)) {
        return true;
    }
    if p.right_aligned || n.right_aligned {
        return true;
    }
    if p.centred || n.centred {
        // A centred line that filled the block wrapped onto the next one (a
        // long title); any other centred line stands alone.
        let wrapped = p.centred
            && n.centred
            && previous.rect.width() >= block.width() - SETTINGS.wrapped_title_em * em(previous.size);
        return !wrapped;
    }
    if n.indented || p.short {
        return true;
    }
    // Flush-left headings in a document without indents: a section number
    // after a finished sentence; so is a table's or figure's caption.
    let finished = ends_sentence(&previous.text);
    (official_number(&next.text).is_some_and(|(level, _)| level <= 2)
        && (finished || previous.text.trim_end().ends_with(['：', ':'])))
        || (finished && opens_caption(&next.text))
}

/// A line of a table of contents: an entry, a leader of dots and a page
/// number ("一、部门主要职能……………3"). It fills the measure but ends its
/// entry.
fn is_contents_entry(text: &str) -> bool {
    let t = text.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    if body.len() == t.len() {
        return false;
    }
    let leader: usize = body
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | '．' | '·' | '…' | '⋯' | '‥' | ' '))
        .map(|c| match c {
            '…' | '⋯' => 3,
            '‥' => 2,
            ' ' => 0,
            _ => 1,
        })
        .sum();
    leader >= SETTINGS.min_leader_dots
}

/// A line that opens the caption of a table or figure: 表 or 图 and its
/// number (表2, 图 3, 表一), or 附表.
fn opens_caption(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with("附表") {
        return true;
    }
    let rest = t.strip_prefix('表').or_else(|| t.strip_prefix('图'));
    rest.and_then(|r| r.trim_start().chars().next())
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

fn paragraph(lines: &[Line], block: &TextBlock, page: u32) -> PlacedParagraph {
    let first = &lines[0];
    let last = &lines[lines.len() - 1];
    let (pf, pl) = (place(first, block), place(last, block));
    PlacedParagraph {
        fragment: ParagraphFragment {
            text: lines_text(lines),
            page: Some(page),
            title_like: pf.centred,
            indented: pf.indented,
            ..Default::default()
        },
        top: lines.iter().map(|l| l.rect.top).fold(f32::INFINITY, f32::min),
        bottom: lines.iter().map(|l| l.rect.bottom).fold(f32::NEG_INFINITY, f32::max),
        x0: lines.iter().map(|l| l.rect.x0).fold(f32::INFINITY, f32::min),
        x1: lines.iter().map(|l| l.rect.x1).fold(f32::NEG_INFINITY, f32::max),
        size: first.size,
        bold: first.bold,
        opens_at_margin: !pf.indented && !pf.centred && first.rect.x0 - block.left < SETTINGS.opens_at_margin_em * em(first.size),
        ends_at_margin: !pl.short && !pl.centred,
        larger: pf.larger,
        centred: pf.centred,
        glyphs: lines.iter().flat_map(|l| l.glyphs.iter().copied()).collect(),
    }
}

/// A stretch of a page's lines read as one column, with its own text block.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub lines: Vec<Line>,
    /// Set for a column of a two-column stretch; `None` means the page's block.
    pub block: Option<TextBlock>,
}

/// The page's lines (top to bottom) in reading order as flows. A single
/// column, the norm, is one flow, untouched. When most lines are cut by one
/// white gutter near the middle of the block, lines are split there and the
/// left column is read before the right one, stretch by stretch between
/// lines that cross the gutter (a full-width title or paragraph).
pub fn reading_order(glyphs: &[Glyph], fonts: &[FontInfo], lines: Vec<Line>, block: &TextBlock) -> Vec<Flow> {
    let Some((g0, g1)) = find_gutter(glyphs, &lines, block) else {
        return vec![Flow { lines, block: None }];
    };
    let mut flows: Vec<Flow> = Vec::new();
    let (mut left, mut right): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    let flush = |flows: &mut Vec<Flow>, left: &mut Vec<Line>, right: &mut Vec<Line>| {
        for column in [std::mem::take(left), std::mem::take(right)] {
            if !column.is_empty() {
                let refs: Vec<&Line> = column.iter().collect();
                let block = estimate_text_block(&refs);
                flows.push(Flow { lines: column, block });
            }
        }
    };
    for line in lines {
        let crosses = line.glyphs.iter().any(|&i| glyphs[i].rect.x1 > g0 && glyphs[i].rect.x0 < g1);
        if crosses {
            flush(&mut flows, &mut left, &mut right);
            match flows.last_mut() {
                Some(f) if f.block.is_none() => f.lines.push(line),
                _ => flows.push(Flow { lines: vec![line], block: None }),
            }
            continue;
        }
        let (l, r): (Vec<usize>, Vec<usize>) = line.glyphs.iter().partition(|&&i| glyphs[i].rect.center_x() < g0);
        for (part, column) in [(l, &mut left), (r, &mut right)] {
            if !part.is_empty() {
                column.extend(glyphs_to_lines(glyphs, fonts, &part, PARAGRAPH_SPACE_GAP_EM));
            }
        }
    }
    flush(&mut flows, &mut left, &mut right);
    flows
}

/// A vertical white band in the middle half of the block that cuts most
/// lines in two, as (x0, x1).
fn find_gutter(glyphs: &[Glyph], lines: &[Line], block: &TextBlock) -> Option<(f32, f32)> {
    if lines.len() < SETTINGS.two_column_min_lines || block.width() <= 0.0 {
        return None;
    }
    let band = SETTINGS.gutter_band * block.width();
    let (lo, hi) = (block.left + band, block.right - band);
    let min_gap = SETTINGS.gutter_em * block.body_size;
    // Each line's widest inner gap inside the middle band, with the line's ends.
    let mut gaps: Vec<((f32, f32), f32, f32)> = Vec::new();
    for line in lines {
        let mut widest: Option<(f32, f32)> = None;
        let mut reach = f32::NEG_INFINITY;
        for &i in &line.glyphs {
            let g = &glyphs[i];
            if is_blank(g) {
                continue;
            }
            if reach.is_finite() && g.rect.x0 - reach >= min_gap {
                let (a, b) = (reach.max(lo), g.rect.x0.min(hi));
                if b > a && widest.is_none_or(|(w0, w1)| b - a > w1 - w0) {
                    widest = Some((reach, g.rect.x0));
                }
            }
            reach = reach.max(g.rect.x1);
        }
        if let Some(gap) = widest {
            gaps.push((gap, line.rect.x0, line.rect.x1));
        }
    }
    let needed = ((lines.len() as f32 * SETTINGS.two_column_share).ceil() as usize).max(SETTINGS.two_column_min_lines);
    if gaps.len() < needed {
        return None;
    }
    // The band shared by the most gaps: the intersection of the gaps around
    // the median gap centre.
    let mut centres: Vec<f32> = gaps.iter().map(|((a, b), _, _)| (a + b) / 2.0).collect();
    centres.sort_by(f32::total_cmp);
    let median = centres[centres.len() / 2];
    let around: Vec<&((f32, f32), f32, f32)> =
        gaps.iter().filter(|((a, b), _, _)| *a <= median && median <= *b).collect();
    if around.len() < needed {
        return None;
    }
    let g0 = around.iter().map(|g| g.0.0).fold(f32::NEG_INFINITY, f32::max);
    let g1 = around.iter().map(|g| g.0.1).fold(f32::INFINITY, f32::min);
    if g1 - g0 < SETTINGS.gutter_shared_share * min_gap {
        return None;
    }
    // Two columns of running text: both wide, their lines filling them.
    // Labels and their values set apart without rules (a table drawn
    // without lines) make one narrow side and read line by line.
    let (left_width, right_width) = (g0 - block.left, block.right - g1);
    if left_width.min(right_width) < SETTINGS.column_width * block.width() {
        return None;
    }
    let median_of = |mut v: Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v[v.len() / 2]
    };
    let left_fill = median_of(around.iter().map(|((a, _), x0, _)| a - x0).collect());
    let right_fill = median_of(around.iter().map(|((_, b), _, x1)| x1 - b).collect());
    (left_fill >= SETTINGS.column_fill * left_width && right_fill >= SETTINGS.column_fill * right_width).then_some((g0, g1))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn glyph(text: &str, x0: f32, top: f32, size: f32) -> Glyph {
        let w = if text.is_ascii() { size * 0.5 } else { size };
        Glyph { text: text.into(), rect: Rect { x0, top, x1: x0 + w, bottom: top + size }, size, font: 0, upright: true }
    }

    /// `g` with its box changed by `change`.
    fn reshaped(g: Glyph, change: impl FnOnce(Rect) -> Rect) -> Glyph {
        Glyph { rect: change(g.rect), ..g }
    }

    /// A row of glyphs starting at x, each character as wide as the font is
    /// (CJK) or half of it (ASCII), no gaps.
    pub(crate) fn row(text: &str, x: f32, top: f32, size: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let g = glyph(&c.to_string(), x, top, size);
            x = g.rect.x1;
            out.push(g);
        }
        out
    }

    fn fonts() -> Vec<FontInfo> {
        vec![
            FontInfo { name: "FangSong".into(), bold: false, space_width: None },
            FontInfo { name: "SimHei".into(), bold: true, space_width: None },
        ]
    }

    fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
        let all: Vec<usize> = (0..glyphs.len()).collect();
        glyphs_to_lines(glyphs, &fonts(), &all, PARAGRAPH_SPACE_GAP_EM)
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    fn line(text: &str) -> Line {
        Line { text: text.into(), rect: Rect { x0: 0.0, top: 0.0, x1: 0.0, bottom: 0.0 }, size: 10.0, bold: false, glyphs: Vec::new() }
    }

    #[test]
    fn a_compound_hyphenated_before_a_capital_joins_and_ligatures_are_letters() {
        let joined = |a: &str, b: &str| lines_text(&[line(a), line(b)]);
        assert_eq!(joined("Murder / Non-", "Negligent Manslaughter"), "Murder / Non-Negligent Manslaughter");
        // Before a small letter the hyphen may be a soft one: the break stays.
        assert_eq!(joined("Preva-", "lence"), "Preva- lence");
        // A dash after a number, a hyphen after a CJK character: breaks.
        assert_eq!(joined("1990 -", "Present"), "1990 - Present");
        assert_eq!(joined("2020-", "2021"), "2020- 2021");
        assert_eq!(joined("Di\u{FB03}cult", "Paci\u{FB01}c"), "Difficult Pacific");
        assert_eq!(joined("第一-", "A"), "第一-\nA".replace('\n', " "));
    }

    #[test]
    fn lines_from_glyphs_drawn_out_of_order() {
        let mut glyphs = row("第二行文字", 100.0, 130.0, 16.0);
        glyphs.extend(row("第一行", 100.0, 100.0, 16.0));
        glyphs.reverse();
        // A Latin digit of another font, its box a little lower.
        glyphs.push(reshaped(glyph("9", 148.0, 0.0, 14.0), |r| Rect { top: 103.0, bottom: 117.0, ..r }));
        let lines = lines_of(&glyphs);
        assert_eq!(texts(&lines), vec!["第一行9", "第二行文字"]);
        assert_eq!(lines[0].rect.x0, 100.0);
        assert_eq!(lines[1].rect.x1, 180.0);
    }

    #[test]
    fn spaces_only_from_gaps_between_latin_glyphs_or_space_glyphs() {
        let mut glyphs = row("LED", 100.0, 100.0, 16.0);
        glyphs.extend(row("屏", 130.0, 100.0, 16.0)); // a gap, but next to CJK
        glyphs.extend(row("Hello", 200.0, 100.0, 16.0));
        glyphs.extend(row("world", 245.0, 100.0, 16.0)); // 5 pt gap > 0.25 em
        glyphs.extend(row("ab", 286.0, 100.0, 16.0)); // 1 pt gap: kerning, not a space
        glyphs.extend(row("x y", 302.0, 100.0, 16.0)); // touching, then a space glyph
        assert_eq!(texts(&lines_of(&glyphs)), vec!["LED屏Hello worldabx y"]);
    }

    #[test]
    fn word_gaps_are_judged_by_the_fonts_space_width() {
        // Times-like: space 0.25 em. Justified text shrinks the word gap to
        // 3 pt (0.1875 em at 16 pt): under 0.25 em, over half the space.
        let times = vec![FontInfo { name: "Times".into(), bold: false, space_width: Some(0.25) }];
        let mut glyphs = row("Die", 100.0, 100.0, 16.0);
        glyphs.extend(row("Gruppe", 127.0, 100.0, 16.0));
        glyphs.extend(row("ab", 176.5, 100.0, 16.0)); // 1.5 pt: kerning, not half a space
        let all: Vec<usize> = (0..glyphs.len()).collect();
        let spaced = glyphs_to_lines(&glyphs, &times, &all, PARAGRAPH_SPACE_GAP_EM);
        assert_eq!(texts(&spaced), vec!["Die Gruppeab"]);
        // Without a known space width the fixed 0.25 em rule holds: no space.
        assert_eq!(texts(&lines_of(&glyphs)), vec!["DieGruppeab"]);
    }

    #[test]
    fn a_space_glyph_is_a_word_gap_only_where_it_leaves_one() {
        let helvetica = vec![FontInfo { name: "Helvetica".into(), bold: false, space_width: Some(0.278) }];
        let lines = |glyphs: &[Glyph]| {
            let all: Vec<usize> = (0..glyphs.len()).collect();
            glyphs_to_lines(glyphs, &helvetica, &all, PARAGRAPH_SPACE_GAP_EM)
        };
        // `Tc 2.224 Tw -3.528 ( ....)Tj` at 8 pt: the space advances 0.92 pt,
        // the dots 4.45 pt apart (a 2.2 pt gap, a space's width).
        let mut glyphs = row("disability", 50.0, 100.0, 8.0);
        let end = glyphs.last().unwrap().rect.x1;
        glyphs.push(Glyph { rect: Rect { x1: end + 2.224, ..glyph(" ", end, 100.0, 8.0).rect }, ..glyph(" ", end, 100.0, 8.0) });
        for k in 0..3 {
            let x = end + 0.92 + 4.448 * k as f32;
            glyphs.push(Glyph { rect: Rect { x1: x + 2.224, ..glyph(".", x, 100.0, 8.0).rect }, ..glyph(".", x, 100.0, 8.0) });
        }
        assert_eq!(texts(&lines(&glyphs)), vec!["disability. . ."]);
        // A run of spaces drawn over a number that was set before it.
        let mut glyphs = row("14.862", 300.0, 100.0, 10.0);
        for k in 0..6 {
            glyphs.push(Glyph { rect: Rect { x1: 290.0 + 2.3 * (k + 1) as f32, ..glyph(" ", 290.0 + 2.3 * k as f32, 100.0, 10.0).rect }, ..glyph(" ", 290.0 + 2.3 * k as f32, 100.0, 10.0) });
        }
        // (The spaces before it are the line's leading white space.)
        assert_eq!(lines(&glyphs)[0].text.trim_start(), "14.862");
        // A space that is drawn as one stays one, between CJK too; a space
        // glyph with no width leaves nothing to measure and is taken as said.
        let mut glyphs = row("2019年 工作", 100.0, 100.0, 16.0);
        glyphs.extend(row("a", 300.0, 100.0, 16.0));
        glyphs.push(Glyph { rect: Rect { x1: 308.0, ..glyph(" ", 308.0, 100.0, 16.0).rect }, ..glyph(" ", 308.0, 100.0, 16.0) });
        glyphs.extend(row("b", 308.0, 100.0, 16.0));
        assert_eq!(texts(&lines(&glyphs)), vec!["2019年 工作a b"]);
        // A tick 10.2 pt wide, the text moved on 8 pt: the space after it
        // (3.3 pt, drawn whole) leaves 1.2 pt between the boxes and shows.
        let mut glyphs = vec![Glyph { rect: Rect { x1: 14.2, ..glyph("✔", 4.0, 100.0, 12.0).rect }, ..glyph("✔", 4.0, 100.0, 12.0) }];
        glyphs.push(Glyph { rect: Rect { x1: 15.3, ..glyph(" ", 12.0, 100.0, 12.0).rect }, ..glyph(" ", 12.0, 100.0, 12.0) });
        glyphs.extend(row("checked", 15.3, 100.0, 12.0));
        assert_eq!(texts(&lines(&glyphs)), vec!["✔ checked"]);
        // A table cell's wider gap rule (0.3 em) does not swallow a space
        // glyph drawn at its width (Arial's 0.278 em at 7.8 pt).
        let mut glyphs = row("Literary", 50.0, 100.0, 7.8);
        let end = glyphs.last().unwrap().rect.x1;
        glyphs.push(Glyph { rect: Rect { x1: end + 2.16, ..glyph(" ", end, 100.0, 7.8).rect }, ..glyph(" ", end, 100.0, 7.8) });
        glyphs.extend(row("experience", end + 2.16, 100.0, 7.8));
        let all: Vec<usize> = (0..glyphs.len()).collect();
        assert_eq!(texts(&glyphs_to_lines(&glyphs, &helvetica, &all, 0.3)), vec!["Literary experience"]);
    }

    #[test]
    fn a_leaders_first_dot_closer_than_its_pitch_belongs_to_the_word() {
        let helvetica = vec![FontInfo { name: "Helvetica".into(), bold: false, space_width: Some(0.278) }];
        let lines = |glyphs: &[Glyph]| {
            let all: Vec<usize> = (0..glyphs.len()).collect();
            glyphs_to_lines(glyphs, &helvetica, &all, PARAGRAPH_SPACE_GAP_EM)
        };
        // A leader `2.224 Tc -2.224 Tw ( ....)Tj` at 8 pt set on a fixed
        // pitch (4.448 pt): the dots' character spacing is the gap between
        // them. After "Employed" the leader's first dot is pulled back 0.9
        // pt into the word's space, 1.3 pt from the word: the word's dot.
        let leader = |word: &str, gap: f32| {
            let mut glyphs = row(word, 50.0, 100.0, 8.0);
            let end = glyphs.last().unwrap().rect.x1;
            glyphs.push(Glyph { rect: Rect { x1: end + 2.224, ..glyph(" ", end, 100.0, 8.0).rect }, ..glyph(" ", end, 100.0, 8.0) });
            for k in 0..4 {
                let x = end + gap + 4.448 * k as f32;
                let dot = glyph(".", x, 100.0, 8.0);
                glyphs.push(Glyph { rect: Rect { x1: x + 2.224, ..dot.rect }, ..dot });
            }
            lines(&glyphs)
        };
        assert_eq!(texts(&leader("Employed", 1.31)), vec!["Employed. . . ."]);
        assert_eq!(texts(&leader("Asian Alone", 1.79)), vec!["Asian Alone. . . ."]);
        // A whole space before it (as wide as the leader's gaps): a word gap.
        assert_eq!(texts(&leader("Employed", 2.21)), vec!["Employed . . . ."]);
    }

    #[test]
    fn a_glyph_drawn_twice_for_bold_counts_once() {
        let mut glyphs = row("加强", 100.0, 100.0, 16.0);
        glyphs.extend(row("加强", 100.4, 100.2, 16.0));
        assert_eq!(texts(&lines_of(&glyphs)), vec!["加强"]);
    }

    #[test]
    fn degenerate_boxes_and_empty_input_do_not_panic() {
        assert!(lines_of(&[]).is_empty());
        let glyphs = vec![
            reshaped(glyph("一", 10.0, 100.0, 0.0), |r| Rect { bottom: 100.0, ..r }),
            reshaped(glyph("二", 10.0, 100.0, -3.0), |r| Rect { x1: 5.0, ..r }),
            reshaped(glyph("三", 10.0, 100.0, 12.0), |r| Rect { top: f32::NAN, ..r }),
            glyph("", 10.0, 100.0, 12.0),
        ];
        let lines = lines_of(&glyphs);
        assert_eq!(lines.iter().map(|l| l.text.chars().count()).sum::<usize>(), 2);
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).expect("lines");
        let _ = lines_to_paragraphs(&lines, &block, 1);
        assert!(estimate_text_block(&[]).is_none());
    }

    /// Body text of a 16 pt document: left margin 80, right margin 520
    /// (27.5 characters a line), lines every 28 pt.
    fn page(lines: &[(&str, f32)]) -> (Vec<Glyph>, Vec<Line>) {
        let mut glyphs = Vec::new();
        for (k, (text, indent_em)) in lines.iter().enumerate() {
            glyphs.extend(row(text, 80.0 + indent_em * 16.0, 100.0 + 28.0 * k as f32, 16.0));
        }
        let lines = lines_of(&glyphs);
        (glyphs, lines)
    }

    fn paragraphs(lines: &[Line]) -> Vec<(String, bool, bool)> {
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).expect("lines");
        lines_to_paragraphs(lines, &block, 1)
            .into_iter()
            .map(|p| (p.fragment.text, p.fragment.indented, p.fragment.title_like))
            .collect()
    }

    /// 27 characters: a full line. FIRST, 25 characters: a full first line
    /// after a 2 em indent.
    const FULL: &str = "一二三四五六七八九十一二三四五六七八九十一二三四五六七";
    const FIRST: &str = "三四五六七八九十一二三四五六七八九十一二三四五六七";

    #[test]
    fn estimates_margins_from_shared_starts_and_ends() {
        let (_, lines) = page(&[
            ("标题", 12.0),
            (FIRST, 2.0),
            (FULL, 0.0),
            (FULL, 0.0),
            ("短行。", 0.0),
            (FIRST, 2.0),
            (&format!("{FULL}，"), 0.0), // punctuation hanging past the margin
            (FULL, 0.0),
        ]);
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).unwrap();
        assert_eq!(block.left, 80.0);
        assert_eq!(block.right, 80.0 + 27.0 * 16.0);
        assert_eq!(block.body_size, 16.0);
        assert_eq!(block.line_gap, 12.0);
    }

    #[test]
    fn paragraph_breaks_by_indent() {
        let (_, lines) = page(&[
            (FIRST, 2.0),
            (FULL, 0.0),
            (FIRST, 2.0), // the next paragraph: indented, previous line full
            (FULL, 0.0),
            (FULL, 0.0),
        ]);
        let p = paragraphs(&lines);
        assert_eq!(p.len(), 2);
        assert!(p[0].1 && p[1].1, "both indented");
        assert_eq!(p[1].0.chars().count(), 25 + 27 + 27);
        assert_eq!(p[0].0.chars().count(), 25 + 27);
    }

    #[test]
    fn paragraph_breaks_by_short_last_line_and_by_gap() {
        // No indents at all: the short last line and the extra space tell.
        let mut glyphs = Vec::new();
        let mut y = 100.0;
        for (text, advance) in
            [(FULL, 28.0), ("第一段完。", 28.0), (FULL, 28.0), (FULL, 44.0), (FULL, 28.0), ("第三段。", 28.0)]
        {
            glyphs.extend(row(text, 80.0, y, 16.0));
            y += advance;
        }
        let p = paragraphs(&lines_of(&glyphs));
        let texts: Vec<&str> = p.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].ends_with("第一段完。"));
        assert_eq!(texts[1], format!("{FULL}{FULL}"));
        assert!(texts[2].ends_with("第三段。"));
        assert!(p.iter().all(|p| !p.1));
    }

    #[test]
    fn a_paragraph_that_goes_on_is_not_broken() {
        let (_, lines) = page(&[(FIRST, 2.0), (FULL, 0.0), (FULL, 0.0), ("结束。", 0.0)]);
        let p = paragraphs(&lines);
        assert_eq!(p.len(), 1);
        assert!(p[0].0.ends_with("七结束。"));
        assert!(!p[0].0.contains(' '));
    }

    #[test]
    fn centred_title_lines_and_a_bold_heading_stand_alone() {
        let mut glyphs = Vec::new();
        // A 22 pt title as wide as the block, wrapped; its rest centred below.
        glyphs.extend(row("石狮市商务局2019年政府信息公开工作年度", 88.0, 60.0, 22.0));
        glyphs.extend(row("报告", 278.0, 92.0, 22.0));
        // A short centred body-size line.
        glyphs.extend(row("（2020年1月）", 252.0, 130.0, 16.0));
        // A bold heading at the margin, then body text.
        let start = glyphs.len();
        glyphs.extend(row("一、总体情况", 80.0, 160.0, 16.0));
        for g in &mut glyphs[start..] {
            g.font = 1;
        }
        for (k, (text, indent)) in [(FIRST, 2.0), (FULL, 0.0), ("完。", 0.0)].iter().enumerate() {
            glyphs.extend(row(text, 80.0 + indent * 16.0, 188.0 + 28.0 * k as f32, 16.0));
        }
        let p = paragraphs(&lines_of(&glyphs));
        let shape: Vec<(&str, bool)> = p.iter().map(|p| (p.0.as_str(), p.2)).collect();
        assert_eq!(
            shape,
            vec![
                ("石狮市商务局2019年政府信息公开工作年度报告", true),
                ("（2020年1月）", true),
                ("一、总体情况", false),
                (&format!("{FIRST}{FULL}完。") as &str, false),
            ]
        );
    }

    #[test]
    fn a_one_line_indented_paragraph_is_not_centred() {
        let short = "一二三四五六七八九十一二三四五六七八九十一二三"; // 23 of 27 characters
        let (_, lines) = page(&[(FULL, 0.0), (short, 2.0), (FIRST, 2.0), (FULL, 0.0)]);
        let p = paragraphs(&lines);
        assert_eq!(p.len(), 3);
        assert!(p[1].1 && !p[1].2, "indented, not title-like");
    }

    #[test]
    fn flush_left_section_number_after_a_finished_sentence_breaks() {
        let (_, lines) = page(&[(&format!("{}。", &FULL[3..]), 0.0), ("二、主动公开情况", 0.0)]);
        assert_eq!(paragraphs(&lines).len(), 2);
    }

    #[test]
    fn a_caption_after_a_finished_sentence_breaks() {
        let (_, lines) = page(&[(&format!("{}。", &FULL[3..]), 0.0), ("表2 主要农产品产量", 0.0)]);
        assert_eq!(paragraphs(&lines).len(), 2);
        let (_, lines) = page(&[(&format!("{}，", &FULL[3..]), 0.0), ("表2所列各项", 0.0)]);
        assert_eq!(paragraphs(&lines).len(), 1, "mid-sentence, 表2 is not a caption");
        assert!(!opens_caption("表示") && opens_caption("图 3 结构") && opens_caption("附表"));
    }

    #[test]
    fn each_contents_entry_is_a_paragraph_of_its_own() {
        let dots = ".".repeat(40);
        let (_, lines) = page(&[(&format!("一、部门主要职能{dots}3"), 0.0), (&format!("二、部门机构设置{dots}4"), 0.0)]);
        assert_eq!(paragraphs(&lines).len(), 2);
        assert!(is_contents_entry("三、说明……………12") && !is_contents_entry("增长3.2") && !is_contents_entry("共3"));
    }

    #[test]
    fn a_column_of_turned_glyphs_is_one_line_read_the_way_it_was_drawn() {
        // "Label" set a quarter turn anticlockwise in the margin: drawn from
        // the bottom up, each glyph 12 pt across and 6 pt along the line;
        // an upright line beside it.
        let turned = |up: bool| -> Vec<Glyph> {
            "Label"
                .chars()
                .enumerate()
                .map(|(k, c)| {
                    let top = if up { 500.0 - 6.0 * (k as f32 + 1.0) } else { 400.0 + 6.0 * k as f32 };
                    Glyph { upright: false, rect: Rect { x0: 40.0, top, x1: 52.0, bottom: top + 6.0 }, ..glyph(&c.to_string(), 0.0, 0.0, 12.0) }
                })
                .collect()
        };
        let mut glyphs = turned(true);
        glyphs.extend(row("Body", 100.0, 470.0, 12.0));
        assert_eq!(texts(&lines_of(&glyphs)), vec!["Label", "Body"]);
        assert_eq!(texts(&lines_of(&turned(false))), vec!["Label"], "turned clockwise: drawn downwards");
        // Upside down: a row drawn leftwards, read the way it was drawn.
        let upside_down: Vec<Glyph> = "Top"
            .chars()
            .enumerate()
            .map(|(k, c)| Glyph { upright: false, ..glyph(&c.to_string(), 300.0 - 6.0 * k as f32, 200.0, 12.0) })
            .collect();
        assert_eq!(texts(&lines_of(&upside_down)), vec!["Top"]);
    }

    #[test]
    fn lines_of_turned_text_side_by_side_read_in_turn() {
        // A table header cell set "bottom to top" whose label wraps: three
        // lines, each from the cell's bottom (y 300) upwards, the first on
        // the left; the longest reaches highest. Drawn the other way round
        // (clockwise, top to bottom), the first line is on the right.
        let turned = |text: &str, x: f32, up: bool| -> Vec<Glyph> {
            text.chars()
                .enumerate()
                .map(|(k, c)| {
                    let top = if up { 300.0 - 10.0 * (k as f32 + 1.0) } else { 200.0 + 10.0 * k as f32 };
                    Glyph { upright: false, rect: Rect { x0: x, top, x1: x + 10.0, bottom: top + 10.0 }, ..glyph(&c.to_string(), 0.0, 0.0, 10.0) }
                })
                .collect()
        };
        let mut up = turned("主动公开", 100.0, true);
        up.extend(turned("政府信息数量", 112.0, true));
        up.extend(turned("（条）", 124.0, true));
        let up_lines = lines_of(&up);
        assert_eq!(texts(&up_lines), vec!["主动公开", "政府信息数量", "（条）"]);
        assert_eq!(lines_text(&up_lines), "主动公开政府信息数量（条）");
        let mut down = turned("2023年主动", 124.0, false);
        down.extend(turned("公开政府信息", 112.0, false));
        down.extend(turned("量", 100.0, false));
        assert_eq!(texts(&lines_of(&down)), vec!["2023年主动", "公开政府信息", "量"]);
    }

    #[test]
    fn two_columns_read_left_then_right_and_one_column_is_left_alone() {
        let col = "一二三四五六七八九十一二"; // 12 characters, 192 pt
        let mut glyphs = row("通栏标题", 268.0, 60.0, 16.0);
        for k in 0..8 {
            let y = 100.0 + 28.0 * k as f32;
            glyphs.extend(row(&format!("左{k}{}", &col[6..]), 80.0, y, 16.0));
            glyphs.extend(row(&format!("右{k}{}", &col[6..]), 328.0, y, 16.0));
        }
        let lines = lines_of(&glyphs);
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).unwrap();
        let flows = reading_order(&glyphs, &fonts(), lines, &block);
        let order: Vec<String> = flows.iter().flat_map(|f| f.lines.iter().map(|l| l.text.clone())).collect();
        assert_eq!(order.len(), 17);
        assert_eq!(order[0], "通栏标题");
        assert!(order[1].starts_with("左0") && order[8].starts_with("左7") && order[9].starts_with("右0"));

        // Labels and values set apart without rules read line by line.
        let mut glyphs = Vec::new();
        for k in 0..8 {
            let y = 100.0 + 28.0 * k as f32;
            glyphs.extend(row(&format!("项目{k}"), 80.0, y, 16.0));
            glyphs.extend(row(&format!("{k}件"), 460.0, y, 16.0));
        }
        let lines = lines_of(&glyphs);
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).unwrap();
        assert_eq!(reading_order(&glyphs, &fonts(), lines, &block).len(), 1);

        // Body text with a wide gap on a few lines only stays one flow.
        let (glyphs, lines) = page(&[(FULL, 0.0), (FULL, 0.0), (FULL, 0.0), (FULL, 0.0), (FULL, 0.0), (FULL, 0.0)]);
        let refs: Vec<&Line> = lines.iter().collect();
        let block = estimate_text_block(&refs).unwrap();
        assert_eq!(reading_order(&glyphs, &fonts(), lines, &block).len(), 1);
    }
}
