//! The rebuild stage: front-end fragments → document blocks. It rejoins what
//! page ends and authors cut apart — paragraphs broken by a page end, tables
//! cut into parts — and decides what each paragraph is (title, heading, body
//! text). It works on fragments from any front end and knows no file format
//! and no report template.

mod classify;
mod paragraphs;
mod tables;

use crate::model::{Block, Diagnostic, Fragments, ParagraphFragment};
use tables::Piece;
pub use tables::parts::group_parts;

/// The blocks of a document and what the rebuild noticed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebuilt {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn rebuild(fragments: Fragments) -> Rebuilt {
    let notes = fragments.notes;
    let items = paragraphs::join(fragments.items, fragments.soft_paragraph_ends);
    let (pieces, diagnostics) = tables::rejoin(items);
    let mut blocks = Vec::new();
    let mut run: Vec<ParagraphFragment> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Paragraph(p) => run.push(p),
            Piece::Table(t) => {
                blocks.extend(classify::classify(std::mem::take(&mut run), blocks.is_empty()));
                blocks.push(Block::Table(t));
            }
        }
    }
    blocks.extend(classify::classify(run, blocks.is_empty()));
    // Notes follow the body, as endnotes do in print; their marks stay in the text.
    blocks.extend(notes.into_iter().map(Block::Note));
    let title = blocks.iter().find_map(|b| match b {
        Block::Title { text, .. } => Some(text.clone()),
        _ => None,
    });
    Rebuilt { title, blocks, diagnostics }
}
