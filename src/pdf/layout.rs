//! Layout: the characters of a page that lie outside tables → lines →
//! paragraphs in reading order.
//!
//! - [`glyphs_to_lines`]: glyphs grouped by vertical overlap (so content
//!   order does not matter), ordered by x, spaces only from real gaps between
//!   non-CJK neighbours or from space glyphs. The table finder builds cell
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
use crate::pdf::page::{FontInfo, Glyph};
use crate::text::{ends_sentence, is_cjk, normalize, official_number};

/// A gap between two non-CJK glyphs wider than this (in em) is a word space,
/// in running text.
pub const PARAGRAPH_SPACE_GAP_EM: f32 = 0.25;
/// A gap of more than this share of the font's space width is a word space
/// (capped by the caller's gap in em): word gaps of justified text shrink to
/// about three quarters of the space, letters of one word touch.
const WORD_GAP_SHARE_OF_SPACE: f32 = 0.5;
/// However narrow a font's space, a gap under this (em) is kerning.
const MIN_WORD_GAP_EM: f32 = 0.1;
/// A glyph overlapping a line's reference glyph vertically by at least this
/// share of the smaller height sits on that line.
const SAME_LINE_OVERLAP: f32 = 0.5;
/// The first line of a paragraph starts at least this far (em) right of the
/// left margin; the norm is two full-width spaces, 2 em.
const INDENT_EM: f32 = 1.5;
/// A line ending more than this (em) before the right margin ends its
/// paragraph. Justified CJK text ends within a character of the margin.
const SHORT_LINE_EM: f32 = 2.0;
/// A vertical gap this much (em) above the usual line gap separates paragraphs.
const EXTRA_GAP_EM: f32 = 0.5;
/// Font sizes differing by more than this ratio are different styles.
const SIZE_RATIO: f32 = 1.15;
/// A line ending at the right margin that starts more than this many ems
/// from the left one is right-aligned (a signature, a date).
const RIGHT_ALIGNED_EM: f32 = 6.0;

/// How far (share of the font size) a turned glyph's width may differ from
/// its em and still lie across the page.
const TURNED_EM_TOLERANCE: f32 = 0.02;
/// Dots (an ellipsis counts three) that make a leader in a contents line.
const MIN_LEADER_DOTS: usize = 4;

/// Pages with fewer lines than this take the document's text block.
const MIN_LINES_FOR_PAGE_BLOCK: usize = 6;
/// Lines ending within this (em) of each other share a margin.
const MARGIN_CLUSTER_EM: f32 = 0.5;

/// One line of text as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters left to right, with spaces from gaps; not normalized.
    pub text: String,
    /// Bounds of the line's visible (non-space) glyphs.
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Median font size of its glyphs.
    pub size: f32,
    /// Nearly all of its glyphs are in a bold font.
    pub bold: bool,
    /// Indices of its glyphs in the page's glyph list, in reading order.
    pub glyphs: Vec<usize>,
}

impl Line {
    pub fn center_y(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// A glyph's vertical extent, made usable when the box is degenerate (zero
/// or negative height): the font size around its centre.
fn vertical_extent(g: &Glyph) -> (f32, f32) {
    if g.bottom - g.top >= 0.1 {
        (g.top, g.bottom)
    } else {
        let half = g.size.abs().max(1.0) / 2.0;
        let c = g.center_y();
        (c - half, c + half)
    }
}

fn is_usable(g: &Glyph) -> bool {
    !g.text.is_empty() && g.x0.is_finite() && g.x1.is_finite() && g.top.is_finite() && g.bottom.is_finite()
}

fn is_blank(g: &Glyph) -> bool {
    g.text.chars().all(|c| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn em(size: f32) -> f32 {
    if size.is_finite() && size > 0.5 { size } else { 10.0 }
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
    groups.extend(overlapping(glyphs, turned, |g| (g.x0.min(g.x1), g.x0.max(g.x1))));
    let mut lines: Vec<Line> =
        groups.into_iter().filter_map(|g| group_to_line(glyphs, fonts, g, space_gap_em)).collect();
    lines.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    columns_right_to_left(glyphs, &mut lines);
    lines
}

/// Side by side columns that read down the page (vertical writing, or a
/// page's text turned clockwise) are read from the right: the tops of the
/// glyphs face right. Runs of such columns next to each other in the sorted
/// list whose heights overlap are put in order of their right edge,
/// rightmost first. Columns reading up the page keep left to right.
fn columns_right_to_left(glyphs: &[Glyph], lines: &mut [Line]) {
    let reads_down = |l: &Line| match (l.glyphs.first(), l.glyphs.last()) {
        (Some(&a), Some(&b)) if a != b => {
            let (a, b) = (&glyphs[a], &glyphs[b]);
            runs_down_the_page(a) && runs_down_the_page(b) && b.top > a.top
        }
        _ => false,
    };
    let mut start = 0;
    while start < lines.len() {
        if !reads_down(&lines[start]) {
            start += 1;
            continue;
        }
        let (mut top, mut bottom) = (lines[start].top, lines[start].bottom);
        let mut end = start + 1;
        while end < lines.len() && reads_down(&lines[end]) && lines[end].top < bottom && lines[end].bottom > top {
            top = top.min(lines[end].top);
            bottom = bottom.max(lines[end].bottom);
            end += 1;
        }
        lines[start..end].sort_by(|a, b| b.x1.total_cmp(&a.x1));
        start = end;
    }
}

/// A glyph of a line that runs down or up the page (turned a quarter turn,
/// or vertical writing): not upright, and its em box lies across the page
/// (its width is the font size), where upside-down or slanted text still
/// runs across.
fn runs_down_the_page(g: &Glyph) -> bool {
    !g.upright && (g.width().abs() - g.size.abs()).abs() <= TURNED_EM_TOLERANCE * g.size.abs()
}

/// The glyphs `order` in groups whose `extent` (across the line: the
/// vertical extent of upright text, the horizontal one of turned text)
/// overlaps the group's largest by [`SAME_LINE_OVERLAP`].
fn overlapping(glyphs: &[Glyph], mut order: Vec<usize>, extent: impl Fn(&Glyph) -> (f32, f32)) -> Vec<Vec<usize>> {
    let centre = |i: usize| {
        let (a, b) = extent(&glyphs[i]);
        a + b
    };
    order.sort_by(|&a, &b| {
        let (g, h) = (&glyphs[a], &glyphs[b]);
        centre(a).total_cmp(&centre(b)).then(g.x0.total_cmp(&h.x0)).then(g.top.total_cmp(&h.top))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut reference = (0.0f32, 0.0f32);
    for i in order {
        let (start, end) = extent(&glyphs[i]);
        let joins = groups.last().is_some() && {
            let overlap = end.min(reference.1) - start.max(reference.0);
            overlap >= SAME_LINE_OVERLAP * (end - start).min(reference.1 - reference.0)
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
        members.sort_by(|&a, &b| glyphs[a].top.total_cmp(&glyphs[b].top));
    } else {
        members.sort_by(|&a, &b| glyphs[a].x0.total_cmp(&glyphs[b].x0));
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
                && (q.x0 - g.x0).abs() < 0.3 * q.width().abs().max(g.width().abs()).max(0.5)
                && (q.top - g.top).abs() < 0.3 * em(g.size)
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
    for &i in &kept {
        let g = &glyphs[i];
        if is_blank(g) {
            text.push(' ');
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            if !rotated && needs_space(p, g, space_gap_em, fonts) {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        previous = Some(g);
    }
    let mut sizes: Vec<f32> = visible.iter().map(|&i| glyphs[i].size).filter(|s| s.is_finite()).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let bold_count = visible.iter().filter(|&&i| fonts.get(glyphs[i].font).is_some_and(|f| f.bold)).count();
    let (mut top, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
    for &i in &visible {
        let (t, b) = vertical_extent(&glyphs[i]);
        top = top.min(t);
        bottom = bottom.max(b);
        x0 = x0.min(glyphs[i].x0.min(glyphs[i].x1));
        x1 = x1.max(glyphs[i].x1.max(glyphs[i].x0));
    }
    Some(Line { text, x0, x1, top, bottom, size, bold: bold_count * 5 >= visible.len() * 4, glyphs: kept })
}

/// A space between `a` and the glyph `b` after it: neither side is CJK
/// (Chinese is set without spaces; the gaps around digits in CJK text are
/// layout, not text) and the gap is wider than `gap_em` of their size — or,
/// when `a`'s font has a space character, wider than
/// [`WORD_GAP_SHARE_OF_SPACE`] of it (at least [`MIN_WORD_GAP_EM`]): justified
/// Latin text shrinks its word gaps below a fixed share of the em (Times'
/// space is 0.25 em), while letters of one word touch.
fn needs_space(a: &Glyph, b: &Glyph, gap_em: f32, fonts: &[FontInfo]) -> bool {
    let gap = b.x0 - a.x1;
    let size = em((a.size + b.size) / 2.0);
    let cjk_a = a.text.chars().next_back().is_some_and(is_cjk);
    let cjk_b = b.text.chars().next().is_some_and(is_cjk);
    let threshold = match fonts.get(a.font).and_then(|f| f.space_width).filter(|w| w.is_finite() && *w > 0.0) {
        Some(space) => (WORD_GAP_SHARE_OF_SPACE * space).clamp(MIN_WORD_GAP_EM.min(gap_em), gap_em),
        None => gap_em,
    };
    gap > threshold * size && !cjk_a && !cjk_b
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

/// Appends `text` with the Latin ligature characters (U+FB00–FB06) written
/// as the letters they join.
fn push_without_ligatures(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
    }
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
    let tolerance = MARGIN_CLUSTER_EM * body_size;
    let support = 2.min(lines.len()).max(lines.len().div_ceil(10));
    let mut starts: Vec<f32> = lines.iter().map(|l| l.x0).collect();
    starts.sort_by(f32::total_cmp);
    let left = first_supported(&starts, tolerance, support).unwrap_or(starts[0]);
    let mut ends: Vec<f32> = lines.iter().map(|l| -l.x1).collect();
    ends.sort_by(f32::total_cmp);
    // Where few lines are full (short items, headings), no end is shared by
    // enough of them; the second-longest line then says where the margin is
    // at least (the longest may stick out).
    let shared = -first_supported(&ends, tolerance, support).unwrap_or(ends[0]);
    let right = shared.max(-ends[1.min(ends.len() - 1)]);
    let mut gaps = line_gaps(lines, body_size);
    gaps.sort_by(f32::total_cmp);
    let line_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(0.5 * body_size);
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
    block.line_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(0.5 * block.body_size);
    Some(block)
}

/// The white space between consecutive lines of one page in the same size,
/// where it is no more than a few lines' worth.
fn line_gaps(lines: &[&Line], body_size: f32) -> Vec<f32> {
    let mut sorted: Vec<&Line> = lines.to_vec();
    sorted.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut gaps = Vec::new();
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = b.top - a.bottom;
        let similar = a.size.max(b.size) <= SIZE_RATIO * a.size.min(b.size);
        if similar && gap >= -0.2 * body_size && gap < 3.0 * body_size {
            gaps.push(gap.max(0.0));
        }
    }
    gaps
}

/// The most common font size, weighted by characters.
fn body_size(lines: &[&Line]) -> f32 {
    let mut weighted: Vec<(i32, usize)> = Vec::new();
    for line in lines {
        let key = (line.size * 2.0).round() as i32;
        let n = line.text.chars().filter(|c| !c.is_whitespace()).count();
        match weighted.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += n,
            None => weighted.push((key, n)),
        }
    }
    weighted.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    weighted.first().map_or(10.0, |&(k, _)| em(k as f32 / 2.0))
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
    let page = if lines.len() >= MIN_LINES_FOR_PAGE_BLOCK { estimate_text_block(lines) } else { None };
    match (page, document) {
        (Some(mut p), Some(d)) => {
            // A page of few full lines (a heading, one paragraph, then tables)
            // can make the indented first lines look like the margin; a line
            // starting at the document's margin says where it really is.
            let em = d.body_size.max(1.0);
            if p.left > d.left + em && lines.iter().any(|l| (l.x0 - d.left).abs() <= 0.5 * em) {
                p.left = d.left;
            }
            if p.width() < 0.8 * d.width() {
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
    let left_gap = line.x0 - block.left;
    let right_gap = block.right - line.x1;
    let larger = line.size > SIZE_RATIO * block.body_size;
    let symmetric = (left_gap - right_gap).abs() <= em.max(0.04 * block.width());
    // A body-size line indented by the usual two characters that happens to
    // end as far from the right margin is a one-line paragraph, not centred.
    let first_line_indent = (left_gap - 2.0 * em).abs() < 0.5 * em && !larger && !line.bold;
    let centred = symmetric
        && !first_line_indent
        && if larger { left_gap.min(right_gap) >= 0.2 * em } else { left_gap.min(right_gap) >= em };
    Placement {
        indented: !centred && left_gap >= INDENT_EM * em,
        centred,
        right_aligned: !centred && right_gap < em && left_gap > RIGHT_ALIGNED_EM * em,
        short: right_gap > SHORT_LINE_EM * em,
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
    let same_style = previous.size.max(next.size) <= SIZE_RATIO * previous.size.min(next.size).max(0.1)
        && previous.bold == next.bold;
    if !same_style {
        return true;
    }
    let gap = next.top - previous.bottom;
    if gap > block.line_gap + EXTRA_GAP_EM * em(previous.size.max(next.size)) {
        return true;
    }
    if p.right_aligned || n.right_aligned {
        return true;
    }
    if p.centred || n.centred {
        // A centred line that filled the block wrapped onto the next one (a
        // long title); any other centred line stands alone.
        let wrapped = p.centred && n.centred && previous.x1 - previous.x0 >= block.width() - 4.0 * em(previous.size);
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
    leader >= MIN_LEADER_DOTS
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
        top: lines.iter().map(|l| l.top).fold(f32::INFINITY, f32::min),
        bottom: lines.iter().map(|l| l.bottom).fold(f32::NEG_INFINITY, f32::max),
        x0: lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min),
        x1: lines.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max),
        size: first.size,
        bold: first.bold,
        opens_at_margin: !pf.indented && !pf.centred && first.x0 - block.left < 0.5 * em(first.size),
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

/// Share of lines that must be cut by one gutter for a stretch of the page
/// to read as two columns, and the fewest such lines.
const TWO_COLUMN_SHARE: f32 = 0.6;
const TWO_COLUMN_MIN_LINES: usize = 6;
/// A gutter is at least this wide (em) and lies in the middle half of the block.
const GUTTER_EM: f32 = 1.5;
/// Each column is at least this share of the block wide, and its typical
/// line fills at least `COLUMN_FILL` of it.
const COLUMN_WIDTH: f32 = 0.35;
const COLUMN_FILL: f32 = 0.6;

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
        let crosses = line.glyphs.iter().any(|&i| glyphs[i].x1 > g0 && glyphs[i].x0 < g1);
        if crosses {
            flush(&mut flows, &mut left, &mut right);
            match flows.last_mut() {
                Some(f) if f.block.is_none() => f.lines.push(line),
                _ => flows.push(Flow { lines: vec![line], block: None }),
            }
            continue;
        }
        let (l, r): (Vec<usize>, Vec<usize>) = line.glyphs.iter().partition(|&&i| glyphs[i].center_x() < g0);
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
    if lines.len() < TWO_COLUMN_MIN_LINES || block.width() <= 0.0 {
        return None;
    }
    let (lo, hi) = (block.left + 0.25 * block.width(), block.right - 0.25 * block.width());
    let min_gap = GUTTER_EM * block.body_size;
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
            if reach.is_finite() && g.x0 - reach >= min_gap {
                let (a, b) = (reach.max(lo), g.x0.min(hi));
                if b > a && widest.is_none_or(|(w0, w1)| b - a > w1 - w0) {
                    widest = Some((reach, g.x0));
                }
            }
            reach = reach.max(g.x1);
        }
        if let Some(gap) = widest {
            gaps.push((gap, line.x0, line.x1));
        }
    }
    let needed = ((lines.len() as f32 * TWO_COLUMN_SHARE).ceil() as usize).max(TWO_COLUMN_MIN_LINES);
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
    if g1 - g0 < 0.5 * min_gap {
        return None;
    }
    // Two columns of running text: both wide, their lines filling them.
    // Labels and their values set apart without rules (a table drawn
    // without lines) make one narrow side and read line by line.
    let (left_width, right_width) = (g0 - block.left, block.right - g1);
    if left_width.min(right_width) < COLUMN_WIDTH * block.width() {
        return None;
    }
    let median_of = |mut v: Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v[v.len() / 2]
    };
    let left_fill = median_of(around.iter().map(|((a, _), x0, _)| a - x0).collect());
    let right_fill = median_of(around.iter().map(|((_, b), _, x1)| x1 - b).collect());
    (left_fill >= COLUMN_FILL * left_width && right_fill >= COLUMN_FILL * right_width).then_some((g0, g1))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn glyph(text: &str, x0: f32, top: f32, size: f32) -> Glyph {
        let w = if text.is_ascii() { size * 0.5 } else { size };
        Glyph { text: text.into(), x0, x1: x0 + w, top, bottom: top + size, size, font: 0, upright: true }
    }

    /// A row of glyphs starting at x, each character as wide as the font is
    /// (CJK) or half of it (ASCII), no gaps.
    pub(crate) fn row(text: &str, x: f32, top: f32, size: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let g = glyph(&c.to_string(), x, top, size);
            x = g.x1;
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
        Line { text: text.into(), x0: 0.0, x1: 0.0, top: 0.0, bottom: 0.0, size: 10.0, bold: false, glyphs: Vec::new() }
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
        glyphs.push(Glyph { top: 103.0, bottom: 117.0, ..glyph("9", 148.0, 0.0, 14.0) });
        let lines = lines_of(&glyphs);
        assert_eq!(texts(&lines), vec!["第一行9", "第二行文字"]);
        assert_eq!(lines[0].x0, 100.0);
        assert_eq!(lines[1].x1, 180.0);
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
    fn a_glyph_drawn_twice_for_bold_counts_once() {
        let mut glyphs = row("加强", 100.0, 100.0, 16.0);
        glyphs.extend(row("加强", 100.4, 100.2, 16.0));
        assert_eq!(texts(&lines_of(&glyphs)), vec!["加强"]);
    }

    #[test]
    fn degenerate_boxes_and_empty_input_do_not_panic() {
        assert!(lines_of(&[]).is_empty());
        let glyphs = vec![
            Glyph { bottom: 100.0, ..glyph("一", 10.0, 100.0, 0.0) },
            Glyph { x1: 5.0, ..glyph("二", 10.0, 100.0, -3.0) },
            Glyph { top: f32::NAN, ..glyph("三", 10.0, 100.0, 12.0) },
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
                    Glyph { upright: false, x0: 40.0, x1: 52.0, top, bottom: top + 6.0, ..glyph(&c.to_string(), 0.0, 0.0, 12.0) }
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
