//! Rejoining tables cut into parts: by a page end, by an author who split
//! one table into two, or with the header in one table and its numbers in
//! the next — and only those: two different tables are never merged.
//!
//! Consecutive table fragments with nothing but empty paragraphs, breaks or
//! a continuation marker (续表) between them are candidates. Each candidate
//! pair goes through the same steps, each a value you can print:
//!
//! 1. [`align`] — a column alignment: both parts' columns mapped onto one set
//!    of column boundaries, by geometry (same boundaries within a tolerance),
//!    by a header-only part's leaf columns, by equal column counts, or by
//!    lining up the value columns when the label columns are merged
//!    differently. No alignment, no join.
//! 2. [`align::regrid`] — both parts laid on the joined boundaries, merged
//!    cells widened where the other part splits them.
//! 3. [`header`] — the continuation's header: none, the table's own repeated
//!    row for row and cell for cell (dropped once), the rest of a header cut
//!    in two, one of the table's sub-headers — or another table's header,
//!    which keeps the parts apart.
//! 4. [`evidence`] — what a reader weighs: what stands between the parts
//!    ([`evidence::Between`]: nothing, empty paragraphs, a page end, 续表),
//!    row labels that go on or start over, rows that copy the table above.
//!    A copy or a restart keeps the parts apart; a join needs positive
//!    evidence ([`evidence::Evidence`]), and the `table.rejoined` diagnostic
//!    names it. An empty paragraph alone is not evidence: Word draws two
//!    tables apart when anything stands between them.
//! 5. [`stitch`] — a row split across the break becomes one row, a vertical
//!    merge running across it one cell; then the rows of both, one grid.
//!
//! 6. [`parts`] — for a caller that tells kinds of table apart (the report
//!    layer), the neighbouring tables the rejoin left apart that are parts of
//!    one table of a kind.
//!
//! The rules know no report template.

mod align;
mod evidence;
mod header;
pub mod parts;
mod stitch;

use crate::grid::{Grid, is_value_text};
use crate::model::{Diagnostic, Fragment, ParagraphFragment, Table, TableFragment};
use crate::text::official_number;
use align::{align_parts, cluster_edges, regrid};
use evidence::{Between, Evidence, Numbering, PageEnd};
use header::{
    SubHeader, continues_header_rows, drop_top_rows, repeat_is_exact, repeated_header_rows, starts_with_subheader,
};
use stitch::{continue_header, stack, stitch};

/// Column boundaries closer than this, in points, are the same boundary.
const EDGE_TOLERANCE: f32 = 3.0;

/// What the rejoin stage hands on: paragraphs and whole tables.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Paragraph(ParagraphFragment),
    Table(Table),
}

/// How two parts' columns were lined up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Both parts' column boundaries agree within the tolerance.
    SameBoundaries,
    /// A part of header rows only, then a body with as many columns as its
    /// leaf columns.
    HeaderThenBody,
    /// The same number of columns, values in the same columns.
    SameColumns,
    /// Value columns line up; the label columns are merged differently.
    ValueColumns,
}

impl Rule {
    fn describe(self) -> &'static str {
        match self {
            Rule::SameBoundaries => "same column boundaries",
            Rule::HeaderThenBody => "header-only part followed by its body",
            Rule::SameColumns => "same columns",
            Rule::ValueColumns => "value columns aligned, label columns merged differently",
        }
    }
}

/// Both parts' column boundaries as positions on the joined grid: `a[i]` is
/// where part a's boundary `i` lies. Each list starts at 0 and ends at `cols`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub rule: Rule,
    pub cols: usize,
    pub a: Vec<usize>,
    pub b: Vec<usize>,
}

/// A table being assembled from its parts.
#[derive(Debug, Clone)]
struct Assembly {
    grid: Grid,
    header_rows: usize,
    edges: Vec<f32>,
    pages: Vec<u32>,
    parts: usize,
}

impl Assembly {
    fn new(fragment: TableFragment) -> Self {
        Assembly {
            header_rows: header_rows_of(&fragment),
            grid: fragment.grid,
            edges: fragment.column_edges,
            pages: fragment.pages,
            parts: 1,
        }
    }

    fn into_table(self) -> Table {
        // A table of header rows only reads as text: its first row is the header.
        let header_rows = if self.header_rows == self.grid.rows && self.grid.rows > 1 && self.parts == 1 {
            1
        } else {
            self.header_rows
        };
        // Caption rows come before the header and are not column headers.
        let caption_rows = self.grid.caption_rows().min(header_rows);
        let note_rows = self.grid.note_rows().min(self.grid.rows - header_rows);
        Table {
            rows: self.grid.rows,
            cols: self.grid.cols,
            header_rows: header_rows - caption_rows,
            caption_rows,
            note_rows,
            pages: self.pages,
            parts: self.parts,
            cells: self.grid.cells,
        }
    }
}

/// The header rows of a fragment: those the format marks, or else the rows
/// of words above the first row of values — but a row whose first cell is a
/// numbered label (1、, （一）) is a body row, values or not.
fn header_rows_of(f: &TableFragment) -> usize {
    if f.marked_header_rows > 0 {
        return f.marked_header_rows;
    }
    let numbered = (0..f.grid.rows).find(|&row| {
        f.grid.cells_starting_in(row).next().is_some_and(|c| c.col == 0 && official_number(&c.text).is_some())
    });
    f.grid.inferred_header_rows().min(numbered.unwrap_or(usize::MAX))
}

/// "续表", "续上表", "（续）", "表3（续）": a marker between a table's parts,
/// on one line: 续表 or 续上表 and at most 20 characters more (the table's
/// name), 续 alone, or at most 30 characters closed by （续） or （续表）.
/// Written out rather than as a regex: `.{0,30}` compiles into 30 copies of
/// a UTF-8 automaton, a cost paid by every process that converts a file.
pub fn is_continuation_marker(text: &str) -> bool {
    const MAX_NAME_AFTER: usize = 20;
    const MAX_NAME_BEFORE: usize = 30;
    if text.contains('\n') {
        return false;
    }
    if text == "续" {
        return true;
    }
    let after = text.strip_prefix("续上表").or_else(|| text.strip_prefix("续表"));
    if after.is_some_and(|name| name.chars().count() <= MAX_NAME_AFTER) {
        return true;
    }
    // "…（续）", "…(续表)": the name before the bracket.
    let name = text
        .strip_suffix(['）', ')'])
        .map(|t| t.strip_suffix('表').unwrap_or(t))
        .and_then(|t| t.strip_suffix('续'))
        .and_then(|t| t.strip_suffix(['（', '(']));
    name.is_some_and(|name| name.chars().count() <= MAX_NAME_BEFORE)
}

/// Rejoins the table fragments that continue one another. Breaks and empty
/// paragraphs are dropped; continuation markers between joined parts too.
pub fn rejoin(items: Vec<Fragment>) -> (Vec<Piece>, Vec<Diagnostic>) {
    enum Open {
        Paragraph(ParagraphFragment),
        Table(Assembly),
    }
    let mut pieces: Vec<Open> = Vec::new();
    let mut diagnostics = Vec::new();
    // The last table, while only continuation markers follow it, and what
    // stands between it and the next fragment.
    let mut open: Option<usize> = None;
    let mut between = Between::default();
    for item in items {
        match item {
            Fragment::Break(kind) => {
                between.page_end = Some(PageEnd::Break(kind));
            }
            Fragment::Paragraph(p) if p.text.is_empty() => between.empty_paragraphs += 1,
            Fragment::Paragraph(p) if open.is_some() && is_continuation_marker(&p.text) => {
                between.marker = Some(p.text.clone());
                pieces.push(Open::Paragraph(p));
            }
            Fragment::Paragraph(p) => {
                open = None;
                pieces.push(Open::Paragraph(p));
            }
            Fragment::Table(t) => {
                if let Some(i) = open {
                    let Open::Table(a) = &pieces[i] else { unreachable!("open points at a table") };
                    let between = std::mem::take(&mut between).with_boundary(a, &t);
                    if let Some((joined, note)) = join(a, &t, &between) {
                        let page = t.pages.first().copied();
                        diagnostics.push(Diagnostic::info("table.rejoined", note).on_page(page));
                        pieces.truncate(i + 1);
                        pieces[i] = Open::Table(joined);
                        continue;
                    }
                }
                between = Between::default();
                open = Some(pieces.len());
                pieces.push(Open::Table(Assembly::new(t)));
            }
        }
    }
    let pieces = pieces
        .into_iter()
        .map(|p| match p {
            Open::Paragraph(p) => Piece::Paragraph(p),
            Open::Table(a) => Piece::Table(a.into_table()),
        })
        .collect();
    (pieces, diagnostics)
}

impl Between {
    /// Adds what the fragments themselves say: the front end's boundary
    /// evidence, and (paged formats) whether the parts lie on different pages.
    fn with_boundary(mut self, a: &Assembly, b: &TableFragment) -> Self {
        let nothing = self.empty_paragraphs == 0 && self.page_end.is_none() && self.marker.is_none();
        self.touching = nothing && b.boundary.touches_previous;
        match (a.pages.last(), b.pages.first()) {
            (Some(x), Some(y)) if x < y => self.page_end = Some(PageEnd::NextPage),
            _ if self.page_end.is_none() && b.boundary.after_rendered_page_end => {
                self.page_end = Some(PageEnd::Rendered)
            }
            _ if self.page_end.is_none() && b.boundary.after_picture_edge => {
                self.page_end = Some(PageEnd::PictureEdge)
            }
            _ => {}
        }
        self
    }
}

/// Joins continuation `b` to table `a` when the evidence says they are one
/// table, or says why not by returning `None`.
fn join(a: &Assembly, b: &TableFragment, between: &Between) -> Option<(Assembly, String)> {
    let b_header_rows = header_rows_of(b);
    let header_only = a.header_rows >= a.grid.rows;
    if b.grid.rows == 0 || b_header_rows == b.grid.rows {
        // Header rows only: the start of another table, or (after header
        // rows only) two tables of text that nothing tells apart from one.
        return None;
    }
    let alignment = align(a, b, b_header_rows)?;
    let mut top = regrid(&a.grid, &alignment.a)?;
    let mut bottom = regrid(&b.grid, &alignment.b)?;
    let mut evidence = Vec::new();
    if between.touching {
        evidence.push(Evidence::Touching);
    }

    // The rows: a copy of the table above, or labels starting over, are
    // another table; labels going on are one.
    let top_body = a.header_rows.min(top.rows);
    let found = if header_only { 0 } else { repeated_header_rows(&top, a.header_rows, &bottom) };
    let bottom_body = b_header_rows.max(found).min(bottom.rows);
    if !header_only && evidence::repeats_body_row(&top, top_body, &bottom, bottom_body) {
        return None;
    }
    let labels = first_value_column(&top, top_body).or_else(|| first_value_column(&bottom, bottom_body));
    let numbering = evidence::numbering(&top, top_body, &bottom, bottom_body, labels.unwrap_or(top.cols));
    if numbering == Numbering::Restarts {
        return None;
    }

    // The continuation's header: the table's own repeated, the rest of a
    // header cut in two, a sub-header of the table, or another table's. A
    // repeat of the header is the table's own where a reader expects one: at
    // the top of a new page, after a 续表, or above rows that go on from the
    // table above. Elsewhere (two tables with the same header on one page,
    // even with w:tblHeader marks, which Word repeats only at page tops) it
    // is another table's.
    let goes_on = matches!(numbering, Numbering::Continues { .. });
    let own_repeat = between.page_end.is_some() || between.marker.is_some() || goes_on;
    let repeated = if own_repeat { found } else { 0 };
    if repeated > 0 {
        evidence.push(if repeat_is_exact(&top, a.header_rows, &bottom, repeated) {
            Evidence::HeaderRepeated(repeated)
        } else {
            Evidence::HeaderRepeatedAsRead(repeated)
        });
    }
    let header_continues = header_only && b_header_rows > 0 && continues_header_rows(&top, &bottom, b_header_rows);
    if header_continues {
        evidence.push(Evidence::HeaderContinued);
    } else if header_only && b_header_rows == 0 {
        evidence.push(Evidence::HeaderThenBody);
    }
    // Header rows beyond a repeat of the table's own header are sub-headers
    // of the same table (the repeat says so); a header that repeats nothing
    // is another table's, unless it is one of this table's sub-headers.
    let own_header = b_header_rows > repeated && alignment.rule != Rule::HeaderThenBody && !header_continues;
    let subheader = match own_header && !header_only {
        false => None,
        true if repeated > 0 => Some(SubHeader::Repeat),
        true => starts_with_subheader(&top, top_body, &bottom, repeated..b_header_rows),
    };
    if own_header && subheader.is_none() {
        return None; // a header of its own: another table
    }
    match subheader.clone() {
        Some(SubHeader::Repeat) => evidence.push(Evidence::SubHeader),
        Some(SubHeader::NextTitle { last, next }) => evidence.push(Evidence::NextSubTable { last, next }),
        None => {}
    }
    let subheader = subheader.is_some();
    if let Numbering::Continues { last, next } = numbering {
        evidence.push(Evidence::NumberingContinues { last, next });
    }
    let dropped_rows: Vec<String> = (0..repeated).map(|row| row_text(&bottom, row)).collect();
    bottom = drop_top_rows(bottom, repeated);
    if between.marker.is_some() {
        evidence.push(Evidence::Marker);
    }
    if between.page_end.is_some() && b_header_rows <= repeated {
        evidence.push(Evidence::PageEndWithoutHeader);
    }

    // The joined grid's column boundaries, when both parts' geometry gives them.
    let edges = match (a.edges.is_empty(), b.column_edges.is_empty()) {
        (false, false) if alignment.rule == Rule::SameBoundaries => cluster_edges(&a.edges, &b.column_edges),
        (false, _) if alignment.a.len() == a.edges.len() && alignment.cols + 1 == a.edges.len() => a.edges.clone(),
        _ => Vec::new(),
    };
    // A continuation that opens with a sub-header starts a fresh row.
    let stitched = if subheader {
        None
    } else if header_only {
        continue_header(&mut top, &mut bottom)
    } else {
        let known = if edges.len() == alignment.cols + 1 { edges.as_slice() } else { &[] };
        stitch(&mut top, &mut bottom, known)
    };
    if let Some(what) = stitched {
        evidence.push(Evidence::RowContinues(what));
    }
    if evidence.is_empty() {
        return None; // nothing says "one table"
    }
    let grid = stack(top, bottom);

    let because: Vec<String> = evidence.iter().map(Evidence::to_string).collect();
    let mut note = format!(
        "table part {} joined to the table before it; evidence: {}; between them: {}; columns: {}",
        a.parts + 1,
        because.join("; "),
        between,
        alignment.rule.describe()
    );
    if repeated > 0 {
        let texts: Vec<String> = dropped_rows.iter().map(|t| format!("\"{t}\"")).collect();
        note.push_str(&format!("; {repeated} repeated header row(s) dropped: {}", texts.join(", ")));
    }
    let mut pages = a.pages.clone();
    pages.extend(&b.pages);
    pages.sort_unstable();
    pages.dedup();
    if !pages.is_empty() {
        note.push_str(&format!(" (pages {})", pages.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")));
    }
    // A header-only part may end inside the header: the continuation holds
    // its last rows.
    let header_rows = if header_only { grid.inferred_header_rows().max(a.header_rows) } else { a.header_rows };
    Some((Assembly { grid, header_rows, edges, pages, parts: a.parts + 1 }, note))
}

fn align(a: &Assembly, b: &TableFragment, b_header_rows: usize) -> Option<Alignment> {
    align_parts(&a.grid, a.header_rows, &a.edges, &b.grid, b_header_rows, &b.column_edges)
}

/// A row's non-empty cells, left to right, as "a | b | c" on one line: how
/// a dropped row is named in the diagnostic.
fn row_text(grid: &Grid, row: usize) -> String {
    let cells: Vec<String> = grid
        .cells_starting_in(row)
        .filter(|c| !c.text.is_empty())
        .map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    cells.join(" | ")
}

/// The first column holding a value in a body row, if any.
fn first_value_column(grid: &Grid, header_rows: usize) -> Option<usize> {
    grid.cells.iter().filter(|c| c.row >= header_rows && is_value_text(&c.text)).map(|c| c.col).min()
}

#[cfg(test)]
mod tests;
