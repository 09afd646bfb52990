//! `govdoc inspect`: one self-contained HTML page that shows why a document
//! came out as it did — each page as the pipeline saw it (glyphs, lines,
//! blocks in reading order, rulings and edges, the table finder's cells and
//! tables, removed furniture, text left out as unseen, diagnostics), the
//! JSON blocks beside the pages linked to their sources, and the report's
//! tables with each value linked to its cell.
//!
//! ```no_run
//! use govdoc::inspect::{Options, inspect_path};
//!
//! let inspection = inspect_path("report.pdf", Options::default())?;
//! std::fs::write("report.html", inspection.to_html())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The modules, crate-private but for [`render`] (the `internals` feature
//! makes `sources`, `values`, `doubt` and `page_svg` public). What the
//! fixed-layout pipeline records when asked to is its own `pdf::trace`.
//!
//! - `sources`: blocks → the fragments they were made of, and the joins
//! - `values`: report values → table cells; block cells → page cells
//! - `page_svg`: one page drawn as SVG layers
//! - `render`: the pages rendered underneath (cargo feature `render`)
//! - `report_panel`: the report's three tables, checks and nulls
//! - `html`: the page that holds it all
//! - `doubt`: the same value locations name the doubtful (low-confidence OCR)
//!   values of a failed check during conversion

mod html;
pub mod render;
mod report_panel;

internal! {
    mod doubt;
    mod page_svg;
    mod sources;
    mod values;
}

use std::collections::BTreeMap;
use std::path::Path;

use crate::pdf::trace::Trace;
use crate::{Output, Result};
use sources::BlockSource;
use values::{PageCell, ValueSource};

#[cfg(feature = "internals")]
pub use page_svg::{PageBlock, PageLinks, page_svg, standalone_svg};

/// A converted document with what `inspect` shows about it.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The conversion, as `govdoc convert` gives it.
    pub output: Output,
    /// Empty for formats without page geometry (DOCX, Markdown).
    pub(crate) trace: Trace,
    /// Per block, its fragments and joins.
    pub(crate) sources: Vec<BlockSource>,
    /// Report statistic path → where it was read from.
    pub(crate) values: BTreeMap<String, ValueSource>,
    /// Per table block, per cell, the page cell it shows.
    pub(crate) page_cells: Vec<Vec<Option<PageCell>>>,
    /// Per page (in order), its rendering to draw underneath, when asked for.
    pub(crate) renders: Vec<Option<String>>,
    /// What inspect itself could not do: pages not rendered, and why (a
    /// format other than PDF, a build without the `render` feature, a page
    /// the renderer failed on). Also shown on the page.
    pub notes: Vec<String>,
}

/// What to show beyond the trace.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Render each PDF page underneath the layers (needs the `render`
    /// feature; [`render::AVAILABLE`] says whether this build has it).
    pub render: bool,
}

/// Converts the file at `path` and records what inspect shows.
pub fn inspect_path(path: impl AsRef<Path>, options: Options) -> Result<Inspection> {
    let path = path.as_ref();
    let name = path.to_string_lossy();
    let bytes = crate::read_input(path)?;
    inspect_bytes(&bytes, &name, options)
}

/// Converts `bytes` (named `name`) and records what inspect shows.
pub fn inspect_bytes(bytes: &[u8], name: &str, options: Options) -> Result<Inspection> {
    let mut trace = Trace::default();
    let output = crate::convert_bytes_traced(bytes, name, &mut trace)?;
    let document = &output.document;
    let sources = sources::block_sources(&document.blocks, &trace, &document.diagnostics);
    let values = match &document.report {
        Some(_) => values::value_sources(document.title.as_deref(), &document.blocks, &trace.placed),
        None => BTreeMap::new(),
    };
    let page_cells = values::page_cells(&document.blocks, &sources, &trace);
    let mut notes = Vec::new();
    let renders = if !options.render {
        Vec::new()
    } else if document.source.format != crate::model::Format::Pdf {
        notes.push(format!("pages are rendered for PDF only, not for {}", document.source.format.as_str()));
        Vec::new()
    } else {
        render_pages(bytes, &mut notes)
    };
    Ok(Inspection { output, trace, sources, values, page_cells, renders, notes })
}

impl Inspection {
    /// The self-contained HTML page.
    pub fn to_html(&self) -> String {
        html::write(self)
    }
}

#[cfg(feature = "render")]
fn render_pages(bytes: &[u8], notes: &mut Vec<String>) -> Vec<Option<String>> {
    let (pages, mut more) = render::render_pdf(bytes);
    notes.append(&mut more);
    pages
}

#[cfg(not(feature = "render"))]
fn render_pages(_: &[u8], notes: &mut Vec<String>) -> Vec<Option<String>> {
    notes.push("this govdoc was built without the `render` feature; pages are drawn without a rendering".to_string());
    Vec::new()
}
