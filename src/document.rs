//! The converted document: what every stage produced, put together — the
//! source, the rebuilt blocks, the report reading and the diagnostics. It
//! sits above both the data between the stages ([`crate::model`]) and the
//! report layer ([`crate::report`]), so neither depends on the other.

use crate::model::{Block, Diagnostic, Source};
use crate::report::Report;

/// A converted document: what `govdoc convert` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where the document came from.
    pub source: Source,
    /// The title, when the document has one.
    pub title: Option<String>,
    /// Paragraphs, headings, tables and notes, in reading order.
    pub blocks: Vec<Block>,
    /// The annual-report reading, when the document is one.
    pub report: Option<Report>,
    /// What the converter noticed: repairs, guesses, things left out.
    pub diagnostics: Vec<Diagnostic>,
}
