//! The plain data that flows between the pipeline's stages.
//!
//! A front end (DOCX, PDF, Markdown) turns bytes into [`Fragments`]: paragraph
//! and table fragments in reading order, as the file stores them. The rebuild
//! stage turns fragments into [`Block`]s: whole tables, whole paragraphs,
//! headings and the title. Nothing here knows a file format or the report
//! template; the types are values you can print, compare and serialize.

use serde::Serialize;

pub use crate::grid::{Cell, Grid};

/// The input formats govdoc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
    /// Markdown or plain text with pipe tables.
    Md,
    /// OFD (GB/T 33190), China's fixed-layout format.
    Ofd,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Md => "md",
            Format::Ofd => "ofd",
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
}

/// A block of the rebuilt document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Title { text: String, page: Option<u32> },
    Heading { level: u8, text: String, page: Option<u32> },
    Paragraph { text: String, page: Option<u32> },
    Table(Table),
}

/// A whole table: every fragment that continues it has been joined in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub rows: usize,
    pub cols: usize,
    pub header_rows: usize,
    pub pages: Vec<u32>,
    pub parts: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
}

/// Something the converter noticed: a rejoin it made, a label it could not
/// match, a font without a Unicode map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    pub code: String,
    pub message: String,
    pub page: Option<u32>,
}

impl Diagnostic {
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Info, code: code.to_string(), message: message.into(), page: None }
    }

    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, code: code.to_string(), message: message.into(), page: None }
    }

    pub fn on_page(mut self, page: Option<u32>) -> Self {
        self.page = page;
        self
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The path as given (relative to the batch root in batch mode).
    pub name: String,
    pub format: Format,
    /// sha256 of the input bytes, lowercase hex.
    pub sha256: String,
    pub pages: Option<u32>,
}

/// A converted document: what `govdoc convert` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub source: Source,
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// The annual-report reading, when the document is one.
    pub report: Option<crate::report::Report>,
    pub diagnostics: Vec<Diagnostic>,
}
