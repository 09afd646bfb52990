//! The ruling-line table finder: a page's ruling lines → table grids with
//! merged cells, and the characters inside them → cell text. In the manner of
//! pdfplumber's table finder, each step turns one value into the next and
//! every intermediate value can be printed:
//!
//! 1. [`rulings_to_edges`] — rulings → horizontal and vertical edges
//!    (diagonals and dots dropped).
//! 2. [`merge_edges`] — nearly collinear edges that overlap or touch become
//!    one edge (snap and join tolerances), per table: rules of two tables
//!    at nearly the same x keep their own positions.
//! 3. [`edges_to_intersections`] — where a horizontal and a vertical edge
//!    cross or touch.
//! 4. [`intersections_to_tables`] — edges connected through intersections,
//!    one group per table ([`Frame`]).
//! 5. [`frame_to_boundaries`] — a table's distinct x and y boundaries; a side
//!    whose outer rule is missing (the bottom of the last row on a page, the
//!    top of a continuation) takes the extent of the rules that reach it.
//! 6. [`boundaries_to_cells`] — the grid slots between the boundaries; slots
//!    whose separating edge is missing merge into one cell (spans).
//! 7. [`glyphs_to_cells`] — characters into cells by their centre, cell text
//!    lines joined (a vertical label written one character per line reads as
//!    one word).
//!
//! The grid comes from the whole table's boundaries rather than from
//! pdfplumber's "smallest cell at each corner": spans fall out of missing
//! inner edges directly, and the column boundaries the rebuild stage compares
//! across pages are the table's own.
//!
//! Empty sliver columns and rows (a fill inset from its border, verticals a
//! few points apart) are absorbed into their neighbours (`slivers`). Two
//! further steps read partly ruled tables: a band between two rules
//! that holds several rows of text is cut into rows at its text lines
//! (`rows`), and rules with no verticals that stack with the same ends
//! frame a table whose columns come from the text's alignment (`stacks`);
//! such a frame's header band of stacked labels (a label centred over the
//! columns it heads, their labels below) is ruled by its labels
//! (`headers`). A ruled column whose body holds columns of values with no
//! rule between them (Male and Female under one rule) is cut at the white
//! strip down its body, its header ruled as a stacked header
//! (`subcolumns`).
//! Every tolerance is a field of [`TableSettings`] (defaults documented
//! there; [`find_tables`] uses them, [`find_tables_with`] takes others).
//! The sides of shaded areas arrive as rulings of width 0 (see
//! `content::shading`), so grids drawn as fills are read like ruled ones.
//! Last, text aligned in columns without any rule is read as a table when
//! it is clearly one (`stream`: a column of values, short cells, no list,
//! contents, two columns of prose or chart labels); anything less stays
//! text.

use std::collections::{BTreeSet, HashSet};

use crate::grid::{Cell, Grid};
use crate::model::TableFragment;
use crate::pdf::layout::{glyphs_to_lines, lines_text};
use crate::pdf::page::{Glyph, PageContent, Ruling};

mod headers;
mod index;
mod rows;
mod settings;
mod slivers;
mod spans;
mod stacks;
mod stream;
mod subcolumns;

pub use index::GlyphIndex;
pub use settings::TableSettings;

/// Default of [`TableSettings::orientation_tolerance`]: a ruling whose ends
/// differ by at most this across its length is horizontal (or vertical).
pub const ORIENTATION_TOLERANCE: f32 = 1.0;
/// Default of [`TableSettings::snap_tolerance`]: edges of one orientation
/// whose positions differ by at most this lie on one line (pdfplumber's snap
/// tolerance). Double rules and the half line
/// width by which producers overshoot corners fall within it.
pub const SNAP_TOLERANCE: f32 = 3.0;
/// Default of [`TableSettings::join_tolerance`]: collinear segments with at
/// most this gap between them are one edge (pdfplumber's join tolerance).
pub const JOIN_TOLERANCE: f32 = 3.0;
/// Default of [`TableSettings::intersection_tolerance`]: a horizontal and a
/// vertical edge within this of each other meet.
pub const INTERSECTION_TOLERANCE: f32 = 3.0;
/// Default of [`TableSettings::boundary_coverage`]: an inner boundary between
/// two slots exists when edges cover at least this share of the slots'
/// common side.
pub const BOUNDARY_COVERAGE: f32 = 0.5;
/// Default of [`TableSettings::cell_space_gap_em`]: in the word-space rule
/// for cell text, a gap wider than this (em).
pub const CELL_SPACE_GAP_EM: f32 = 0.3;
/// Largest grid accepted from one frame, rows × columns.
const MAX_SLOTS: usize = 1_000_000;
/// Most glyphs looked at beside one short vertical edge when asking
/// whether it cuts a word (a line crossing it holds a few).
const SEAM_MAX_GLYPHS: usize = 64;
/// Most intersections examined on one page; past it the page is hatching or
/// a drawing, not a table.
const MAX_INTERSECTIONS: usize = 2_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    Horizontal,
    Vertical,
}

/// A straight rule: at `position` (y of a horizontal edge, x of a vertical
/// one) from `start` to `end` along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub orientation: Orientation,
    pub position: f32,
    pub start: f32,
    pub end: f32,
}

impl Edge {
    fn length(&self) -> f32 {
        self.end - self.start
    }
}

/// Where horizontal edge `horizontal` and vertical edge `vertical` (indices
/// into their lists) meet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intersection {
    pub x: f32,
    pub y: f32,
    pub horizontal: usize,
    pub vertical: usize,
}

/// The rules of one table: edges connected through intersections.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub horizontal: Vec<Edge>,
    pub vertical: Vec<Edge>,
}

impl Frame {
    /// This frame with `rules` added, each to the side of its orientation
    /// (rules the finder reads from the text: row rules, rules across
    /// cells that span only because the drawn rules stop short).
    fn with_rules(&self, rules: &[Edge]) -> Frame {
        let mut ruled = self.clone();
        for &rule in rules {
            match rule.orientation {
                Orientation::Horizontal => ruled.horizontal.push(rule),
                Orientation::Vertical => ruled.vertical.push(rule),
            }
        }
        ruled
    }
}

/// What every stage of one frame's table reads besides the frame and its
/// layout: the page's glyphs, `near` (indices into `glyphs`, ascending) the
/// ones in the frame's box, `taken` those that tables found before took, and
/// the settings.
#[derive(Debug, Clone, Copy)]
struct StageContext<'a> {
    glyphs: &'a [Glyph],
    near: &'a [usize],
    taken: &'a [bool],
    settings: &'a TableSettings,
}

/// A table's boundaries: `xs` (left to right) and `ys` (top to bottom), and
/// which outer sides had no rule of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub open_top: bool,
    pub open_bottom: bool,
    pub open_left: bool,
    pub open_right: bool,
}

/// A merged cell on the grid of slots, without text yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRect {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
}

/// A table's grid: boundaries, cells, and for each slot (row-major) the
/// index of the cell covering it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellLayout {
    pub boundaries: Boundaries,
    pub cells: Vec<SlotRect>,
    pub owner: Vec<usize>,
}

impl CellLayout {
    pub fn rows(&self) -> usize {
        self.boundaries.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.boundaries.xs.len().saturating_sub(1)
    }
}

/// A table found on a page: its fragment for the rebuild stage and where it
/// lies, for ordering it among the paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub fragment: TableFragment,
    pub top: f32,
    pub bottom: f32,
    pub x0: f32,
    pub x1: f32,
    /// The bottom rule was missing: the table runs on past the page end.
    pub open_bottom: bool,
    /// The top rule was missing: the table continues one from the page before.
    pub open_top: bool,
    /// Indices of the page's glyphs inside the table.
    pub glyphs: Vec<usize>,
    /// Row boundaries, top to bottom (`grid.rows + 1` values), beside the
    /// fragment's column edges: where each cell lies, for `govdoc inspect`.
    pub row_edges: Vec<f32>,
}

/// Every table on a page, top to bottom, with the default settings.
pub fn find_tables(page: &PageContent) -> Vec<PageTable> {
    find_tables_with(page, &TableSettings::default())
}

/// What the finder's first three steps make of a page's rulings: its
/// edges by orientation and their intersections. Shared by the finder and
/// the pictures that explain it (`govdoc inspect`, `examples/table_debug`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageEdges {
    pub horizontal: Vec<Edge>,
    pub vertical: Vec<Edge>,
    pub intersections: Vec<Intersection>,
}

/// Steps 1–3: rulings → merged edges (those off the page and seams inside
/// a word dropped, see [`drop_word_seams`]) → intersections.
pub fn page_edges(page: &PageContent, settings: &TableSettings) -> PageEdges {
    let edges = merge_edges(rulings_to_edges(&page.rulings, settings), settings);
    let (horizontal, vertical): (Vec<Edge>, Vec<Edge>) = edges
        .into_iter()
        .filter(|e| on_page(e, page, settings))
        .partition(|e| e.orientation == Orientation::Horizontal);
    let vertical = drop_word_seams(vertical, &page.glyphs, settings);
    let intersections = edges_to_intersections(&horizontal, &vertical, settings);
    PageEdges { horizontal, vertical, intersections }
}

/// An edge that lies on the page: a rule drawn outside the page's box (a
/// printer's slug or crop marks beyond the visible area) is seen by no
/// reader and frames no table. Pages of unknown size keep every edge.
fn on_page(e: &Edge, page: &PageContent, settings: &TableSettings) -> bool {
    let (across, along) = match e.orientation {
        Orientation::Horizontal => (page.height, page.width),
        Orientation::Vertical => (page.width, page.height),
    };
    let tol = settings.snap_tolerance;
    if !(across.is_finite() && along.is_finite() && across > 0.0 && along > 0.0) {
        return true;
    }
    -tol <= e.position && e.position <= across + tol && e.end >= -tol && e.start <= along + tol
}

/// Drops the vertical edges that run through a word: an edge no taller
/// than the line it crosses (at most [`TableSettings::seam_height_em`]
/// of its font size) between two glyphs of that line that touch (a gap
/// under [`TableSettings::seam_gap_em`]) is the seam between two pieces
/// of a fill drawn behind the text (a highlight drawn glyph by glyph), not
/// a border: a border keeps its distance from the text on both sides.
pub fn drop_word_seams(vertical: Vec<Edge>, glyphs: &[Glyph], settings: &TableSettings) -> Vec<Edge> {
    if vertical.is_empty() || glyphs.is_empty() {
        return vertical;
    }
    let largest = glyphs.iter().map(|g| g.size.abs()).filter(|s| s.is_finite()).fold(1.0, f32::max);
    let index = GlyphIndex::new(glyphs);
    let visible = |g: &Glyph| g.upright && !g.text.trim().is_empty();
    vertical
        .into_iter()
        .filter(|e| {
            if e.length() > settings.seam_height_em * largest {
                return true; // taller than any line of the page
            }
            // Glyphs whose centre is beside the edge and within its extent
            // (a glyph it cuts is at least half as tall as the edge). A
            // crowd there is no line of text: the edge stays.
            let reach = 2.0 * e.length().max(1.0);
            let near = index.within(e.position - reach, e.position + reach, e.start, e.end);
            if near.len() > SEAM_MAX_GLYPHS {
                return true;
            }
            let cuts_word = near.iter().map(|&i| &glyphs[i]).filter(|a| visible(a)).any(|a| {
                let size = a.size.abs().max(1.0);
                a.rect.center_x() < e.position
                    && e.length() <= settings.seam_height_em * size
                    && near.iter().map(|&j| &glyphs[j]).any(|b| {
                        visible(b)
                            && e.position < b.rect.center_x()
                            && (b.rect.x0 - a.rect.x1).abs() < settings.seam_gap_em * size
                            && (a.rect.center_y() - b.rect.center_y()).abs() < 0.25 * size
                    })
            });
            !cuts_word
        })
        .collect()
}

/// Every table on a page, top to bottom: ruled frames first, then frames
/// of horizontal rules alone (their columns from the text).
pub fn find_tables_with(page: &PageContent, settings: &TableSettings) -> Vec<PageTable> {
    let PageEdges { horizontal, vertical, intersections } = page_edges(page, settings);
    let frames = intersections_to_tables(&horizontal, &vertical, &intersections);
    let mut tables: Vec<PageTable> = Vec::new();
    let mut taken = vec![false; page.glyphs.len()];
    // Rules of a frame that reads as no table (horizontal rules joined only
    // by tick marks where they meet a column gap, a box around text) are
    // free to frame a table of horizontal rules.
    let key = |e: &Edge| (e.position.to_bits(), e.start.to_bits(), e.end.to_bits());
    let mut released: HashSet<(u32, u32, u32)> = HashSet::new();
    let index = GlyphIndex::new(&page.glyphs);
    for frame in &frames {
        match frame_to_table(frame, page, &index, &mut taken, settings) {
            Some(table) => tables.push(table),
            None => released.extend(frame.horizontal.iter().map(key)),
        }
    }
    let mut in_frame = vec![false; horizontal.len()];
    for x in &intersections {
        in_frame[x.horizontal] = !released.contains(&key(&horizontal[x.horizontal]));
    }
    for frame in stacks::stack_frames(&horizontal, &in_frame, &page.glyphs, &taken, settings) {
        if let Some(table) = frame_to_table(&frame, page, &index, &mut taken, settings) {
            tables.push(table);
        }
    }
    for frame in stream::stream_frames(&page.glyphs, &taken, &vertical, settings) {
        if let Some(table) = frame_to_table(&frame, page, &index, &mut taken, settings) {
            tables.push(table);
        }
    }
    tables.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    tables
}

/// One frame → its table: boundaries, cells, sliver columns and rows that
/// hold no text absorbed ([`slivers::absorb_slivers`]), bands of several
/// text rows cut into rows ([`rows::text_row_rules`]), ruled columns
/// holding several columns of values cut into them
/// ([`subcolumns::subcolumn_rules`]), then the text. `None` for a box
/// around text or rules without text. The glyphs it takes are marked in
/// `taken`. Every step after the boundaries only shrinks or cuts the
/// frame's box, so the glyphs in that box (from `index`) are the only ones
/// any step looks at.
fn frame_to_table(
    frame: &Frame,
    page: &PageContent,
    index: &GlyphIndex,
    taken: &mut [bool],
    settings: &TableSettings,
) -> Option<PageTable> {
    let boundaries = frame_to_boundaries(frame, settings)?;
    let near = index.within(
        boundaries.xs[0],
        boundaries.xs[boundaries.xs.len() - 1],
        boundaries.ys[0],
        boundaries.ys[boundaries.ys.len() - 1],
    );
    let boundaries = trim_empty_open_sides(boundaries, &page.glyphs, &near);
    let mut layout = boundaries_to_cells(frame, boundaries, settings)?;
    let stage = StageContext { glyphs: &page.glyphs, near: &near, taken, settings };
    let collapsed = slivers::absorb_slivers(frame, &layout, &stage);
    let frame = match &collapsed {
        Some((collapsed, b)) => {
            layout = boundaries_to_cells(collapsed, b.clone(), settings)?;
            collapsed
        }
        None => frame,
    };
    let mut open_rules = spans::open_span_rules(frame, &layout, &stage);
    open_rules.extend(spans::open_column_rules(&layout, &stage));
    let opened;
    let frame = if open_rules.is_empty() {
        frame
    } else {
        let ruled = frame.with_rules(&open_rules);
        layout = boundaries_to_cells(&ruled, layout.boundaries.clone(), settings)?;
        opened = ruled;
        &opened
    };
    let row_rules = rows::text_row_rules(&layout, &stage);
    let ruled_rows;
    let mut frame = frame;
    if !row_rules.is_empty() {
        let ruled = frame.with_rules(&row_rules);
        let mut b = layout.boundaries.clone();
        b.ys.extend(row_rules.iter().map(|e| e.position));
        b.ys.sort_by(f32::total_cmp);
        layout = boundaries_to_cells(&ruled, b, settings)?;
        ruled_rows = ruled;
        frame = &ruled_rows;
    }
    let subcolumn_rules = subcolumns::subcolumn_rules(&layout, &stage);
    if !subcolumn_rules.is_empty() {
        let ruled = frame.with_rules(&subcolumn_rules);
        let mut b = layout.boundaries.clone();
        for rule in &subcolumn_rules {
            match rule.orientation {
                Orientation::Horizontal => b.ys.push(rule.position),
                Orientation::Vertical => b.xs.push(rule.position),
            }
        }
        b.xs = distinct(b.xs, settings.snap_tolerance);
        b.ys = distinct(b.ys, settings.snap_tolerance);
        layout = boundaries_to_cells(&ruled, b, settings)?;
    }
    if layout.cols() < 2 {
        // A box around text, or a column of boxes (a framed note, lines
        // shaded one by one), is text, not a table.
        return None;
    }
    let (grid, glyphs) = glyphs_to_cells(&layout, page, &near, taken, settings);
    if glyphs.is_empty() {
        return None; // rules with no text: a drawing, a blank form
    }
    for &i in &glyphs {
        taken[i] = true;
    }
    let b = &layout.boundaries;
    Some(PageTable {
        fragment: TableFragment {
            grid,
            marked_header_rows: 0,
            column_edges: b.xs.clone(),
            pages: vec![page.number],
            ..Default::default()
        },
        top: b.ys[0],
        bottom: b.ys[b.ys.len() - 1],
        x0: b.xs[0],
        x1: b.xs[b.xs.len() - 1],
        open_bottom: b.open_bottom,
        open_top: b.open_top,
        glyphs,
        row_edges: b.ys.clone(),
    })
}

/// Rulings → edges: each ruling that is horizontal or vertical (within
/// the orientation tolerance), with its ends in order. Diagonals (a slash in
/// a header cell), dots and non-finite values are dropped.
pub fn rulings_to_edges(rulings: &[Ruling], settings: &TableSettings) -> Vec<Edge> {
    let tolerance = settings.orientation_tolerance;
    let mut edges = Vec::with_capacity(rulings.len());
    for r in rulings {
        if ![r.x0, r.x1, r.top, r.bottom].iter().all(|v| v.is_finite()) {
            continue;
        }
        let (dx, dy) = ((r.x1 - r.x0).abs(), (r.bottom - r.top).abs());
        let edge = if dy <= tolerance && dx >= dy {
            Edge {
                orientation: Orientation::Horizontal,
                position: (r.top + r.bottom) / 2.0,
                start: r.x0.min(r.x1),
                end: r.x0.max(r.x1),
            }
        } else if dx <= tolerance {
            Edge {
                orientation: Orientation::Vertical,
                position: (r.x0 + r.x1) / 2.0,
                start: r.top.min(r.bottom),
                end: r.top.max(r.bottom),
            }
        } else {
            continue;
        };
        if edge.length() >= 0.5 {
            edges.push(edge);
        }
    }
    edges
}

/// Snap and join: edges of one orientation whose positions chain within
/// the snap tolerance and whose extents overlap or come within
/// the join tolerance of each other become one edge, at the length-weighted
/// mean of their positions (the long rule, not a stub, says where the line
/// is). Edges at nearly the same position that do not reach each other stay
/// apart, so two tables on a page keep their own column positions.
/// Horizontal edges come first; each orientation sorted by position.
pub fn merge_edges(edges: Vec<Edge>, settings: &TableSettings) -> Vec<Edge> {
    let mut out = Vec::with_capacity(edges.len());
    for orientation in [Orientation::Horizontal, Orientation::Vertical] {
        let mut group: Vec<Edge> = edges.iter().copied().filter(|e| e.orientation == orientation).collect();
        group.sort_by(|a, b| a.position.total_cmp(&b.position));
        let mut merged: Vec<Edge> = Vec::new();
        let mut i = 0;
        while i < group.len() {
            // Positions chaining within the snap tolerance…
            let mut j = i + 1;
            while j < group.len() && group[j].position - group[j - 1].position <= settings.snap_tolerance {
                j += 1;
            }
            // …split where their extents do not reach each other.
            let line = &mut group[i..j];
            line.sort_by(|a, b| a.start.total_cmp(&b.start));
            let mut k = 0;
            while k < line.len() {
                let (mut end, mut weighted, mut weight) = (line[k].end, 0.0f64, 0.0f64);
                let mut m = k;
                while m < line.len() && (m == k || line[m].start <= end + settings.join_tolerance) {
                    end = end.max(line[m].end);
                    let w = f64::from(line[m].length().max(0.01));
                    weighted += w * f64::from(line[m].position);
                    weight += w;
                    m += 1;
                }
                merged.push(Edge { orientation, position: (weighted / weight) as f32, start: line[k].start, end });
                k = m;
            }
            i = j;
        }
        merged.sort_by(|a, b| a.position.total_cmp(&b.position).then(a.start.total_cmp(&b.start)));
        out.extend(merged);
    }
    out
}

/// Horizontal × vertical edges → the points where they cross or touch
/// (within the intersection tolerance). A sweep down the page keeps the
/// vertical edges spanning the current y ordered by x, and each horizontal
/// edge asks only for those within its x range: the work grows with the
/// number of edges and of intersections, not with their product.
pub fn edges_to_intersections(horizontal: &[Edge], vertical: &[Edge], settings: &TableSettings) -> Vec<Intersection> {
    let tol = settings.intersection_tolerance;
    // Events at a y: a vertical edge starts (0), a horizontal edge asks (1),
    // a vertical edge ends (2) — in that order at equal y, so touching counts.
    let mut events: Vec<(f32, u8, usize)> = Vec::with_capacity(horizontal.len() + 2 * vertical.len());
    for (i, v) in vertical.iter().enumerate() {
        events.push((v.start - tol, 0, i));
        events.push((v.end + tol, 2, i));
    }
    for (i, h) in horizontal.iter().enumerate() {
        events.push((h.position, 1, i));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut active: BTreeSet<(u32, usize)> = BTreeSet::new();
    let mut out = Vec::new();
    for (_, kind, i) in events {
        match kind {
            0 => {
                active.insert((sortable(vertical[i].position), i));
            }
            2 => {
                active.remove(&(sortable(vertical[i].position), i));
            }
            _ => {
                let h = &horizontal[i];
                let range = (sortable(h.start - tol), 0)..=(sortable(h.end + tol), usize::MAX);
                for &(_, vi) in active.range(range) {
                    out.push(Intersection { x: vertical[vi].position, y: h.position, horizontal: i, vertical: vi });
                    if out.len() >= MAX_INTERSECTIONS {
                        return out;
                    }
                }
            }
        }
    }
    out.sort_by_key(|x| (x.horizontal, x.vertical));
    out
}

/// An f32 as a u32 that sorts the same way (for ordered sets keyed by x).
fn sortable(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | 0x8000_0000 }
}

/// Edges connected through intersections → one frame per table. Edges that
/// meet nothing (an underline, a rule under a letterhead) belong to none;
/// a frame needs rules in both directions.
pub fn intersections_to_tables(horizontal: &[Edge], vertical: &[Edge], intersections: &[Intersection]) -> Vec<Frame> {
    let n = horizontal.len();
    let mut sets = DisjointSets::new(n + vertical.len());
    let mut met = vec![false; n + vertical.len()];
    for x in intersections {
        sets.union(x.horizontal, n + x.vertical);
        met[x.horizontal] = true;
        met[n + x.vertical] = true;
    }
    let mut frame_of_root: Vec<Option<usize>> = vec![None; n + vertical.len()];
    let mut frames: Vec<Frame> = Vec::new();
    for node in 0..n + vertical.len() {
        if !met[node] {
            continue;
        }
        let root = sets.find(node);
        let f = *frame_of_root[root].get_or_insert_with(|| {
            frames.push(Frame { horizontal: Vec::new(), vertical: Vec::new() });
            frames.len() - 1
        });
        if node < n {
            frames[f].horizontal.push(horizontal[node]);
        } else {
            frames[f].vertical.push(vertical[node - n]);
        }
    }
    frames.retain(|f| !f.horizontal.is_empty() && !f.vertical.is_empty());
    frames
}

/// Distinct positions, ascending, closer ones than `snap` as one.
fn distinct(mut values: Vec<f32>, snap: f32) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::with_capacity(values.len());
    for v in values {
        if out.last().is_none_or(|&last| v - last > snap) {
            out.push(v);
        }
    }
    out
}

/// A frame's boundaries: the x of its vertical edges and the y of its
/// horizontal ones. Where the rules of one direction reach past the
/// outermost rule of the other by more than the snap tolerance, that side's
/// rule is missing (a table cut by the page end has no bottom rule on the
/// page, its continuation sometimes no top rule): their extent is the
/// boundary.
pub fn frame_to_boundaries(frame: &Frame, settings: &TableSettings) -> Option<Boundaries> {
    let snap = settings.snap_tolerance;
    let mut ys = distinct(frame.horizontal.iter().map(|e| e.position).collect(), snap);
    let mut xs = distinct(frame.vertical.iter().map(|e| e.position).collect(), snap);
    let v_top = frame.vertical.iter().map(|e| e.start).fold(f32::INFINITY, f32::min);
    let v_bottom = frame.vertical.iter().map(|e| e.end).fold(f32::NEG_INFINITY, f32::max);
    let h_left = frame.horizontal.iter().map(|e| e.start).fold(f32::INFINITY, f32::min);
    let h_right = frame.horizontal.iter().map(|e| e.end).fold(f32::NEG_INFINITY, f32::max);
    let (first_y, last_y, first_x, last_x) = (*ys.first()?, *ys.last()?, *xs.first()?, *xs.last()?);
    let open_top = first_y - v_top > snap;
    let open_bottom = v_bottom - last_y > snap;
    let open_left = first_x - h_left > snap;
    let open_right = h_right - last_x > snap;
    if open_top {
        ys.insert(0, v_top);
    }
    if open_bottom {
        ys.push(v_bottom);
    }
    if open_left {
        xs.insert(0, h_left);
    }
    if open_right {
        xs.push(h_right);
    }
    if xs.len() < 2 || ys.len() < 2 || (xs.len() - 1).saturating_mul(ys.len() - 1) > MAX_SLOTS {
        return None;
    }
    Some(Boundaries { xs, ys, open_top, open_bottom, open_left, open_right })
}

/// Drops a side added for a missing rule when no character lies beyond the
/// last real rule: rules that overshoot a little make no empty row.
/// `near` lists the glyphs (indices into `glyphs`) in the frame's box.
pub fn trim_empty_open_sides(mut b: Boundaries, glyphs: &[Glyph], near: &[usize]) -> Boundaries {
    let holds_text = |x0: f32, x1: f32, y0: f32, y1: f32| {
        near.iter().map(|&i| &glyphs[i]).any(|g| {
            let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
            x0 < cx && cx < x1 && y0 < cy && cy < y1 && !g.text.trim().is_empty()
        })
    };
    let (x0, x1) = (b.xs[0], b.xs[b.xs.len() - 1]);
    if b.open_bottom && b.ys.len() > 2 && !holds_text(x0, x1, b.ys[b.ys.len() - 2], b.ys[b.ys.len() - 1]) {
        b.ys.pop();
        b.open_bottom = false;
    }
    if b.open_top && b.ys.len() > 2 && !holds_text(x0, x1, b.ys[0], b.ys[1]) {
        b.ys.remove(0);
        b.open_top = false;
    }
    let (y0, y1) = (b.ys[0], b.ys[b.ys.len() - 1]);
    if b.open_right && b.xs.len() > 2 && !holds_text(b.xs[b.xs.len() - 2], b.xs[b.xs.len() - 1], y0, y1) {
        b.xs.pop();
        b.open_right = false;
    }
    if b.open_left && b.xs.len() > 2 && !holds_text(b.xs[0], b.xs[1], y0, y1) {
        b.xs.remove(0);
        b.open_left = false;
    }
    b
}

/// The union of intervals `(start, end)`: sorted by start, overlapping or
/// touching ones joined (the x ranges text covers, for the gaps between).
pub(crate) fn union_of_spans(mut spans: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut union: Vec<(f32, f32)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match union.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => union.push((s, e)),
        }
    }
    union
}

/// The segments of one orientation lying on each boundary, sorted by start
/// and with overlaps joined, for coverage queries.
pub(crate) fn segments_on(boundaries: &[f32], edges: &[Edge], snap: f32) -> Vec<Vec<(f32, f32)>> {
    let mut on: Vec<Vec<(f32, f32)>> = vec![Vec::new(); boundaries.len()];
    for e in edges {
        let k = boundaries.partition_point(|&b| b < e.position - snap);
        if k < boundaries.len() && (boundaries[k] - e.position).abs() <= snap {
            on[k].push((e.start, e.end));
        }
    }
    for segments in &mut on {
        segments.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut joined: Vec<(f32, f32)> = Vec::with_capacity(segments.len());
        for &(s, e) in segments.iter() {
            match joined.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => joined.push((s, e)),
            }
        }
        *segments = joined;
    }
    on
}

/// True when `segments` (sorted, disjoint) cover at least
/// `coverage` of `a..b`.
pub(crate) fn covers(segments: &[(f32, f32)], a: f32, b: f32, coverage: f32) -> bool {
    let from = segments.partition_point(|&(_, end)| end <= a);
    let mut covered = 0.0;
    for &(s, e) in &segments[from..] {
        if s >= b {
            break;
        }
        covered += e.min(b) - s.max(a);
    }
    covered >= coverage * (b - a)
}

/// Which inner boundaries separate which slots: `vertical[r][c]` says the
/// boundary `xs[c + 1]` separates slots (r, c) and (r, c + 1);
/// `horizontal[r][c]` that `ys[r + 1]` separates (r, c) and (r + 1, c).
struct Separations {
    vertical: Vec<Vec<bool>>,
    horizontal: Vec<Vec<bool>>,
}

fn separations(frame: &Frame, b: &Boundaries, settings: &TableSettings) -> Separations {
    let (snap, coverage) = (settings.snap_tolerance, settings.boundary_coverage);
    let (rows, cols) = (b.ys.len() - 1, b.xs.len() - 1);
    let on_x = segments_on(&b.xs, &frame.vertical, snap);
    let on_y = segments_on(&b.ys, &frame.horizontal, snap);
    let vertical = (0..rows)
        .map(|r| (0..cols.saturating_sub(1)).map(|c| covers(&on_x[c + 1], b.ys[r], b.ys[r + 1], coverage)).collect());
    let horizontal = (0..rows.saturating_sub(1))
        .map(|r| (0..cols).map(|c| covers(&on_y[r + 1], b.xs[c], b.xs[c + 1], coverage)).collect());
    Separations { vertical: vertical.collect(), horizontal: horizontal.collect() }
}

/// Boundaries → cells. A slot joins its neighbour where the inner edge
/// between them is missing (less than half of their common side is ruled);
/// each group of joined slots is a merged cell. An inner boundary that
/// separates nothing anywhere (a rule fragment, a sliver between two lines
/// just over the snap tolerance apart) is dropped first, as the DOCX front
/// end drops grid columns in which no cell starts. A group that is not a
/// rectangle (a rule broken off mid-side) is cut into rectangles.
pub fn boundaries_to_cells(frame: &Frame, mut b: Boundaries, settings: &TableSettings) -> Option<CellLayout> {
    let mut sep = separations(frame, &b, settings);
    let unused_x: Vec<usize> = (1..b.xs.len() - 1).filter(|&k| sep.vertical.iter().all(|row| !row[k - 1])).collect();
    let unused_y: Vec<usize> = (1..b.ys.len() - 1).filter(|&k| sep.horizontal[k - 1].iter().all(|s| !s)).collect();
    if !unused_x.is_empty() || !unused_y.is_empty() {
        for &k in unused_x.iter().rev() {
            b.xs.remove(k);
        }
        for &k in unused_y.iter().rev() {
            b.ys.remove(k);
        }
        sep = separations(frame, &b, settings);
    }
    let (rows, cols) = (b.ys.len() - 1, b.xs.len() - 1);
    if rows == 0 || cols == 0 {
        return None;
    }
    let mut sets = DisjointSets::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !sep.vertical[r][c] {
                sets.union(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !sep.horizontal[r][c] {
                sets.union(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let group: Vec<usize> = (0..rows * cols).map(|s| sets.find(s)).collect();
    let mut owner = vec![usize::MAX; rows * cols];
    let mut cells = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if owner[r * cols + c] != usize::MAX {
                continue;
            }
            let g = group[r * cols + c];
            let free = |rr: usize, cc: usize| group[rr * cols + cc] == g && owner[rr * cols + cc] == usize::MAX;
            let mut width = 1;
            while c + width < cols && free(r, c + width) {
                width += 1;
            }
            let mut height = 1;
            while r + height < rows && (c..c + width).all(|cc| free(r + height, cc)) {
                height += 1;
            }
            for rr in r..r + height {
                for cc in c..c + width {
                    owner[rr * cols + cc] = cells.len();
                }
            }
            cells.push(SlotRect { row: r, col: c, row_span: height, col_span: width });
        }
    }
    Some(CellLayout { boundaries: b, cells, owner })
}

/// Characters → cells by their centre; each cell's text is its lines joined
/// (see [`lines_text`]): no space between CJK characters across a line
/// wrap, a space between Latin words, a space inside a line only for a gap
/// over the cell space gap between non-CJK glyphs. Only the glyphs `near`
/// (indices into the page's glyphs, ascending: those in the frame's box)
/// are looked at; those already `taken` by another table are skipped.
/// Returns the grid and the indices of the glyphs inside.
pub fn glyphs_to_cells(
    layout: &CellLayout,
    page: &PageContent,
    near: &[usize],
    taken: &[bool],
    settings: &TableSettings,
) -> (Grid, Vec<usize>) {
    let b = &layout.boundaries;
    let (xs, ys) = (&b.xs, &b.ys);
    let cols = layout.cols();
    if cols == 0 || layout.rows() == 0 || layout.owner.len() != cols * layout.rows() {
        return (Grid::default(), Vec::new());
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); layout.cells.len()];
    let mut inside = Vec::new();
    for &i in near {
        let g = &page.glyphs[i];
        let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
        if taken.get(i).copied().unwrap_or(false)
            || !(xs[0] < cx && cx < xs[cols] && ys[0] < cy && cy < ys[ys.len() - 1])
        {
            continue;
        }
        let col = xs.partition_point(|&x| x <= cx).saturating_sub(1).min(cols - 1);
        let row = ys.partition_point(|&y| y <= cy).saturating_sub(1).min(ys.len() - 2);
        members[layout.owner[row * cols + col]].push(i);
        inside.push(i);
    }
    let cells = layout
        .cells
        .iter()
        .zip(&members)
        .map(|(slot, glyphs)| {
            let lines = glyphs_to_lines(&page.glyphs, &page.fonts, glyphs, settings.cell_space_gap_em);
            Cell::new(slot.row, slot.col, lines_text(&lines)).spanning(slot.row_span, slot.col_span)
        })
        .collect();
    (Grid::new(layout.rows(), cols, cells), inside)
}

/// Union-find with path halving, for grouping edges and slots.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index becomes the root, so groups are found in a stable order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests;
