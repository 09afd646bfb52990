//! The plain data that flows between the pipeline's stages.
//!
//! A front end (DOCX, PDF, Markdown) turns bytes into [`Fragments`]: paragraph
//! and table fragments in reading order, as the file stores them. The rebuild
//! stage turns fragments into [`Block`]s: whole tables, whole paragraphs,
//! headings and the title. Nothing here knows a file format or the report
//! template; the types are values you can print, compare and serialize.

use std::sync::{Arc, LazyLock};

use serde::Serialize;

pub use crate::grid::{Cell, Grid};

/// The input formats govdoc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Word's Office Open XML.
    Docx,
    /// PDF.
    Pdf,
    /// Markdown or plain text with pipe tables.
    Md,
    /// OFD (GB/T 33190), China's fixed-layout format.
    Ofd,
    /// A web page saved as HTML.
    Html,
    /// A web page saved as one MIME file (`.mht`, `.mhtml`).
    Mhtml,
    /// A Word binary document: Word 97–2003 (`.doc`, or a `.wps` in that format), Word 6.0/95 or Word 2.0.
    Doc,
}

impl Format {
    /// The format's name as `source.format` writes it: `"pdf"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Md => "md",
            Format::Ofd => "ofd",
            Format::Html => "html",
            Format::Mhtml => "mhtml",
            Format::Doc => "doc",
        }
    }
}

/// What a front end recovered from one file.
#[derive(Debug, Clone, Default)]
pub struct Fragments {
    /// Number of pages, for formats that have pages.
    pub pages: Option<u32>,
    /// Paragraphs, tables and breaks in reading order.
    pub items: Vec<Fragment>,
    pub diagnostics: Vec<Diagnostic>,
    /// Paragraph ends in this file may be page ends in disguise: text
    /// extracted from a paged document, where a page end looks like any other
    /// paragraph end (the seed). The rebuild stage then considers rejoining
    /// at every paragraph end, not only at breaks.
    pub soft_paragraph_ends: bool,
    /// Footnotes and endnotes in the order of their first reference; the
    /// reference marks (`[^1]`, `[^e1]`) are already in the paragraph text.
    /// The rebuild stage puts them after the body as [`Block::Note`]s.
    pub notes: Vec<Note>,
    /// The text lines with where their pieces sit (the tables' text too),
    /// page by page, top to bottom, for formats that place text (PDF); empty
    /// for the others. The report layer reads a statistics table from them
    /// when the table finder saw none there, or one it cannot read whole;
    /// they are built then, on first use (most documents never need them).
    pub lines: PlacedLines,
    /// The pages read by OCR, when any were (`source.ocr`).
    pub ocr: Option<OcrSource>,
}

/// A document's [`PlacedLine`]s, built the first time they are read: the
/// front end hands over what they are made from, and the cost (a second
/// line-finding pass over every table's characters) is paid only by a
/// document whose report needs them. Reads as a slice (`&lines[..]`,
/// `lines.iter()`); clones share one build.
#[derive(Clone)]
pub struct PlacedLines(Arc<LazyLock<Vec<PlacedLine>, LineBuilder>>);

/// What builds a document's placed lines.
type LineBuilder = Box<dyn FnOnce() -> Vec<PlacedLine> + Send>;

impl PlacedLines {
    /// Lines already built.
    pub fn new(lines: Vec<PlacedLine>) -> Self {
        PlacedLines::on_demand(move || lines)
    }

    /// Lines that `build` makes when they are first read.
    pub fn on_demand(build: impl FnOnce() -> Vec<PlacedLine> + Send + 'static) -> Self {
        PlacedLines(Arc::new(LazyLock::new(Box::new(build))))
    }
}

impl Default for PlacedLines {
    fn default() -> Self {
        PlacedLines::new(Vec::new())
    }
}

impl From<Vec<PlacedLine>> for PlacedLines {
    fn from(lines: Vec<PlacedLine>) -> Self {
        PlacedLines::new(lines)
    }
}

impl std::ops::Deref for PlacedLines {
    type Target = [PlacedLine];
    fn deref(&self) -> &[PlacedLine] {
        self.0.as_slice()
    }
}

impl std::fmt::Debug for PlacedLines {
    /// Printing does not build them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlacedLines").finish_non_exhaustive()
    }
}

/// One line of text as laid out on a page, cut into spans at gaps wider
/// than a word space: what a table without rulings looks like to a reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlacedLine {
    /// 1-based page.
    pub page: u32,
    /// Vertical extent in points from the top of the page.
    pub top: f32,
    pub bottom: f32,
    /// Median font size, points.
    pub size: f32,
    /// Left to right.
    pub spans: Vec<TextSpan>,
}

/// A run of a line's text with no wide gap inside, and its horizontal extent
/// in points from the left of the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextSpan {
    /// Normalized text (see [`crate::text::normalize`]).
    pub text: String,
    pub x0: f32,
    pub x1: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fragment {
    Paragraph(ParagraphFragment),
    Table(TableFragment),
    /// A page or section break between fragments. Breaks never carry text;
    /// the rebuild stage looks through them when it rejoins fragments.
    Break(BreakKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    Page,
    Section,
}

/// A paragraph, or the part of one that lies between two breaks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParagraphFragment {
    /// Normalized text (see [`crate::text::normalize`]), including the label of
    /// automatic numbering ("一、总体情况").
    pub text: String,
    /// 1-based page where the fragment starts, for paged formats.
    pub page: Option<u32>,
    /// Heading level the format itself declares (a heading style, an outline
    /// level, a Markdown `#`), 1-based.
    pub heading_level: Option<u8>,
    /// The label automatic numbering put in front of the text ("一、", "（一）").
    pub numbering: Option<String>,
    /// Laid out as a title: a title style, or centred.
    pub title_like: bool,
    /// The first line is indented, the usual sign of a new paragraph.
    pub indented: bool,
    /// This fragment carries on the previous paragraph fragment: the file
    /// stores both as one paragraph cut by a break.
    pub continues_previous: bool,
    /// The OCR engine's confidence in the text (0–1, two decimals, the mean
    /// over its characters) when it was read by OCR.
    pub confidence: Option<f64>,
}

/// One table as the file stores it: perhaps only a part of a logical table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableFragment {
    pub grid: Grid,
    /// Rows the format itself marks as repeated header rows (DOCX `w:tblHeader`).
    pub marked_header_rows: usize,
    /// Column boundaries in points from the left, `grid.cols + 1` values, when
    /// the format knows them (DOCX `w:gridCol`, PDF ruling lines).
    pub column_edges: Vec<f32>,
    /// 1-based pages the fragment lies on, for paged formats.
    pub pages: Vec<u32>,
    /// What the front end read about the boundary between this fragment and
    /// the block before it, beyond the fragments themselves.
    pub boundary: TableBoundary,
}

/// Evidence a front end reads about what stands between a table fragment and
/// the block before it. The rebuild stage weighs it when deciding whether the
/// fragment continues the table before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableBoundary {
    /// Nothing at all stands between this table and the table before it, and
    /// the format then draws the two as one table (DOCX: a `w:tbl` directly
    /// after a `w:tbl`, which Word shows as one table).
    pub touches_previous: bool,
    /// The file's last layout put a page end between this table and the
    /// block before it (DOCX: `w:lastRenderedPageBreak` in the paragraphs
    /// between or in this table's first row). Explicit breaks come as
    /// [`Fragment::Break`] instead.
    pub after_rendered_page_end: bool,
    /// The fragment is read from the next of several pictures that stand
    /// one below the other (HTML: a long table published as pictures cut
    /// from it): the edge between two pictures cuts a table as a page end
    /// does.
    pub after_picture_edge: bool,
}

/// A block of the rebuilt document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// The document's title (its first title-like paragraphs, joined).
    Title {
        /// The text.
        text: String,
        /// 1-based page, for paged formats.
        page: Option<u32>,
        /// The engine's confidence (0–1, two decimals) when the text was
        /// read by OCR: the mean over its characters.
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::confidence::serialize_optional")]
        confidence: Option<f64>,
    },
    /// A heading, with its level.
    Heading {
        /// 1 for a section (一、…), 2 for a subsection (（一）…), and so on.
        level: u8,
        /// The text, with its number.
        text: String,
        /// 1-based page, for paged formats.
        page: Option<u32>,
        /// The engine's confidence (0–1, two decimals) when the text was
        /// read by OCR: the mean over its characters.
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::confidence::serialize_optional")]
        confidence: Option<f64>,
    },
    /// A paragraph of body text, whole even when a page end cut it.
    Paragraph {
        /// The text.
        text: String,
        /// 1-based page where it starts, for paged formats.
        page: Option<u32>,
        /// The engine's confidence (0–1, two decimals) when the text was
        /// read by OCR: the mean over its characters.
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::confidence::serialize_optional")]
        confidence: Option<f64>,
    },
    /// A table, whole even when it was cut into parts.
    Table(Table),
    /// A footnote or endnote, after the body (see [`Note`]).
    Note(Note),
}

/// Whether a note stood at the foot of its page or at the end of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// At the foot of its page.
    Footnote,
    /// At the end of the document.
    Endnote,
}

/// A footnote or endnote. The body text marks where it is referenced with
/// `[^label]`; `label` is "1", "2", … for footnotes and "e1", "e2", … for
/// endnotes, numbered in the order of their first reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// Footnote or endnote.
    pub note: NoteKind,
    /// The label its reference mark uses: `"1"`, `"e1"`.
    pub label: String,
    /// The note's paragraphs, one per line (normalized like a table cell).
    pub text: String,
}

/// A whole table: every fragment that continues it has been joined in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Rows of the grid.
    pub rows: usize,
    /// Columns of the grid.
    pub cols: usize,
    /// Leading rows (after the caption rows) that are the header.
    pub header_rows: usize,
    /// Leading rows that caption the table (a title or unit row inside its
    /// frame), before the header rows; left out of the JSON when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub caption_rows: usize,
    /// Trailing rows that are notes (注：…) rather than data; left out of
    /// the JSON when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub note_rows: usize,
    /// 1-based pages the table lies on, for paged formats.
    pub pages: Vec<u32>,
    /// How many parts it was rejoined from (1: never cut).
    pub parts: usize,
    /// The cells; every slot of the grid is covered by exactly one.
    pub cells: Vec<Cell>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Something done or noticed that loses nothing.
    Info,
    /// Something lost, guessed or not found: worth a look.
    Warning,
}

/// Something the converter noticed: a rejoin it made, a label it could not
/// match, a font without a Unicode map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Info or warning.
    pub level: Level,
    /// A stable code: `table.rejoined`, `pdf.unmapped_glyphs`, …
    pub code: String,
    /// What happened, in words.
    pub message: String,
    /// The 1-based page it is about, when it has one.
    pub page: Option<u32>,
}

impl Diagnostic {
    /// An info diagnostic.
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Info, code: code.to_string(), message: message.into(), page: None }
    }

    /// A warning diagnostic.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, code: code.to_string(), message: message.into(), page: None }
    }

    /// The diagnostic about `page`.
    pub fn on_page(mut self, page: Option<u32>) -> Self {
        self.page = page;
        self
    }
}

impl std::fmt::Display for Diagnostic {
    /// One line: "page 5: report.table_incomplete: the reviews … table was found, …".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(page) = self.page {
            write!(f, "page {page}: ")?;
        }
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The path as given (relative to the batch root in batch mode).
    pub name: String,
    /// The format it was read as.
    pub format: Format,
    /// sha256 of the input bytes, lowercase hex.
    pub sha256: String,
    /// Number of pages, for paged formats.
    pub pages: Option<u32>,
    /// Present only when pages were read by OCR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrSource>,
}

/// Which pages of a document (or pictures of a web page) were read by OCR,
/// by what, and every value the engine was unsure of (`source.ocr`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrSource {
    /// "tesseract 5.3.0 chi_sim".
    pub engine: String,
    /// 1-based numbers of the pages read by OCR.
    pub pages: Vec<u32>,
    /// The pictures of a web page read by OCR (tables published as
    /// images), by their `src` as the page writes it; left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
    /// Words and cell values read with a confidence below the threshold
    /// (0.80), in page order.
    pub low_confidence: Vec<OcrValue>,
}

/// A value read by OCR with its confidence (0–1, the engine's own).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrValue {
    /// The 1-based page it was read on; None for a web page's picture.
    pub page: Option<u32>,
    /// The web page's picture it was read from (its `src`); left out for
    /// a page's scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The text as the engine read it.
    pub text: String,
    /// Two decimals; 0 and 1 are written as integers, as the canonical
    /// JSON writes every whole number.
    #[serde(serialize_with = "crate::confidence::serialize")]
    pub confidence: f64,
    /// Read from a table cell (else a word of the running text).
    pub cell: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn placed_lines_are_built_once_and_only_when_read() {
        static BUILDS: AtomicUsize = AtomicUsize::new(0);
        let lines = PlacedLines::on_demand(|| {
            BUILDS.fetch_add(1, Ordering::Relaxed);
            vec![PlacedLine { page: 2, ..Default::default() }]
        });
        let shared = lines.clone();
        let _ = format!("{lines:?}");
        assert_eq!(BUILDS.load(Ordering::Relaxed), 0, "printing or cloning builds nothing");
        assert_eq!(lines[0].page, 2);
        assert_eq!(shared.len(), 1);
        assert_eq!(BUILDS.load(Ordering::Relaxed), 1, "clones share one build");
        assert!(PlacedLines::default().is_empty());
    }
}
