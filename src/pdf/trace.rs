//! The inspect trace: plain data the fixed-layout pipeline (PDF, OFD)
//! records about each page when asked to — the glyph boxes it read, the
//! lines it built, the table finder's edges, intersections and tables, the
//! furniture it removed, the characters it left out as unseen — and where
//! each fragment it handed on lies. `govdoc inspect` draws it; `convert`
//! passes no trace and pays nothing for it.

use crate::grid::Cell;
use crate::pdf::furniture::Kind;
use crate::pdf::geometry::Rect;
use crate::pdf::layout::Line;
use crate::pdf::page::{HiddenGlyph, PageContent};
use crate::pdf::tables::{PageEdges, PageTable, TableSettings, page_edges};

/// What the pipeline recorded for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    pub pages: Vec<PageTrace>,
    /// One entry per fragment the front end produced, same order and count
    /// as `Fragments::items`.
    pub fragments: Vec<FragmentTrace>,
    /// The positioned text lines handed to the report layer.
    pub placed: Vec<crate::model::PlacedLine>,
}

/// One page as the pipeline saw it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageTrace {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Every glyph kept, in content order.
    pub glyphs: Vec<Rect>,
    /// Characters left out as unseen (the first of them, see
    /// [`crate::pdf::page::MAX_HIDDEN_KEPT`]).
    pub hidden: Vec<HiddenGlyph>,
    /// The table finder's edges and intersections.
    pub edges: PageEdges,
    /// The lines outside tables, top to bottom, furniture included (marked).
    pub lines: Vec<TracedLine>,
    pub tables: Vec<TracedTable>,
}

/// A line of text outside tables.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedLine {
    pub rect: Rect,
    pub text: String,
    /// Set when the line was removed as page furniture.
    pub furniture: Option<Kind>,
}

/// A table the finder found on a page: its frame, boundaries and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedTable {
    pub rect: Rect,
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    pub cells: Vec<Cell>,
    /// The top or bottom rule was missing (a continuation, a table running on).
    pub open_top: bool,
    pub open_bottom: bool,
}

impl TracedTable {
    /// Where cell (row, col) with its spans lies, when the boundaries say.
    pub fn cell_rect(&self, cell: &Cell) -> Option<Rect> {
        Some(Rect {
            x0: *self.xs.get(cell.col)?,
            x1: *self.xs.get(cell.col + cell.col_span)?,
            top: *self.ys.get(cell.row)?,
            bottom: *self.ys.get(cell.row + cell.row_span)?,
        })
    }
}

/// Where a fragment came from.
#[derive(Debug, Clone, PartialEq)]
pub enum FragmentTrace {
    Paragraph {
        page: u32,
        rect: Rect,
        text: String,
        /// The front end marked it as going on with the paragraph before it.
        continues_previous: bool,
    },
    Table {
        page: u32,
        /// Index into the page's [`PageTrace::tables`].
        table: usize,
    },
    Break,
}

impl Trace {
    /// Records one laid-out page: its content, the tables found on it and
    /// the lines outside them (before furniture is removed).
    pub fn record_page(&mut self, content: &PageContent, tables: &[PageTable], lines: &[Line]) {
        let glyphs = content
            .glyphs
            .iter()
            .map(|g| Rect {
                x0: g.rect.x0.min(g.rect.x1),
                top: g.rect.top.min(g.rect.bottom),
                x1: g.rect.x1.max(g.rect.x0),
                bottom: g.rect.bottom.max(g.rect.top),
            })
            .filter(Rect::is_finite)
            .collect();
        let tables = tables
            .iter()
            .map(|t| TracedTable {
                rect: Rect { x0: t.x0, top: t.top, x1: t.x1, bottom: t.bottom },
                xs: t.fragment.column_edges.clone(),
                ys: t.row_edges.clone(),
                cells: t.fragment.grid.cells.clone(),
                open_top: t.open_top,
                open_bottom: t.open_bottom,
            })
            .collect();
        let lines = lines
            .iter()
            .map(|l| TracedLine {
                rect: l.rect,
                text: l.text.clone(),
                furniture: None,
            })
            .collect();
        self.pages.push(PageTrace {
            number: content.number,
            width: content.width,
            height: content.height,
            glyphs,
            hidden: content.hidden.clone(),
            edges: page_edges(content, &TableSettings::default()),
            lines,
            tables,
        });
    }

    /// Marks the furniture among the recorded pages' lines: `marks` holds,
    /// per page recorded, per line, what furniture it is.
    pub fn mark_furniture(&mut self, marks: &[Vec<Option<Kind>>]) {
        let first = self.pages.len().saturating_sub(marks.len());
        for (page, marks) in self.pages[first..].iter_mut().zip(marks) {
            for (line, mark) in page.lines.iter_mut().zip(marks) {
                line.furniture = *mark;
            }
        }
    }

    /// The table on page `page` that starts at `top` and `x0` (as the finder
    /// reported it), as an index into that page's tables.
    pub fn table_at(&self, page: u32, top: f32, x0: f32) -> Option<usize> {
        let p = self.page(page)?;
        p.tables.iter().position(|t| t.rect.top == top && t.rect.x0 == x0)
    }

    pub fn page(&self, number: u32) -> Option<&PageTrace> {
        self.pages.iter().find(|p| p.number == number)
    }
}
