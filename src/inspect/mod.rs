//! `govdoc inspect`: one self-contained HTML page that shows why a document
//! came out as it did — each page as the pipeline saw it (glyphs, lines,
//! blocks in reading order, rulings and edges, the table finder's cells and
//! tables, removed furniture, text left out as unseen, diagnostics), the
//! JSON blocks beside the pages linked to their sources, and the report's
//! tables with each value linked to its cell.
//!
//! - `trace`: what the fixed-layout pipeline records when asked to
//! - `sources`: blocks → the fragments they were made of, and the joins
//! - `values`: report values → table cells; block cells → page cells
//! - `page_svg`: one page drawn as SVG layers
//! - `report_panel`: the report's three tables, checks and nulls
//! - `html`: the page that holds it all

mod html;
mod page_svg;
mod report_panel;
pub mod sources;
pub mod trace;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use crate::{Output, Result};
use sources::BlockSource;
use trace::Trace;
use values::{BlockCell, PageCell};

pub use page_svg::page_svg;

/// A converted document with what `inspect` shows about it.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub output: Output,
    /// Empty for formats without page geometry (DOCX, Markdown).
    pub trace: Trace,
    /// Per block, its fragments and joins.
    pub sources: Vec<BlockSource>,
    /// Report statistic path → the block cell it was read from.
    pub values: BTreeMap<String, BlockCell>,
    /// Per table block, per cell, the page cell it shows.
    pub page_cells: Vec<Vec<Option<PageCell>>>,
}

/// Converts the file at `path` and records what inspect shows.
pub fn inspect_path(path: impl AsRef<Path>) -> Result<Inspection> {
    let path = path.as_ref();
    let name = path.to_string_lossy();
    let bytes = crate::read_input(path)?;
    inspect_bytes(&bytes, &name)
}

/// Converts `bytes` (named `name`) and records what inspect shows.
pub fn inspect_bytes(bytes: &[u8], name: &str) -> Result<Inspection> {
    let mut trace = Trace::default();
    let output = crate::convert_bytes_traced(bytes, name, &mut trace)?;
    let document = &output.document;
    let sources = sources::block_sources(&document.blocks, &trace, &document.diagnostics);
    let values = match &document.report {
        Some(_) => values::value_cells(document.title.as_deref(), &document.blocks, &trace.placed),
        None => BTreeMap::new(),
    };
    let page_cells = values::page_cells(&document.blocks, &sources, &trace);
    Ok(Inspection { output, trace, sources, values, page_cells })
}

impl Inspection {
    /// The self-contained HTML page.
    pub fn to_html(&self) -> String {
        html::write(self)
    }
}
