//! The rebuild stage: front-end fragments → document blocks. It rejoins what
//! page ends and authors cut apart (paragraphs continued after a break) and
//! decides what each paragraph is (title, heading, body text). It works on
//! fragments from any front end and knows no file format.

mod classify;

use crate::model::{Block, Diagnostic, Fragment, Fragments, ParagraphFragment, Table, TableFragment};

/// The blocks of a document and what the rebuild noticed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebuilt {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn rebuild(fragments: Fragments) -> Rebuilt {
    let items = join_continued_paragraphs(fragments.items);
    let mut blocks = Vec::new();
    let mut paragraphs: Vec<ParagraphFragment> = Vec::new();
    let flush = |paragraphs: &mut Vec<ParagraphFragment>, blocks: &mut Vec<Block>| {
        blocks.extend(classify::classify(std::mem::take(paragraphs), blocks.is_empty()));
    };
    for item in items {
        match item {
            Fragment::Paragraph(p) => paragraphs.push(p),
            Fragment::Table(t) => {
                flush(&mut paragraphs, &mut blocks);
                blocks.push(Block::Table(whole_table(t)));
            }
            Fragment::Break(_) => {}
        }
    }
    flush(&mut paragraphs, &mut blocks);
    let title = blocks.iter().find_map(|b| match b {
        Block::Title { text, .. } => Some(text.clone()),
        _ => None,
    });
    Rebuilt { title, blocks, diagnostics: Vec::new() }
}

/// Appends each fragment the front end marks as a continuation to the
/// paragraph fragment before it, across the breaks in between.
fn join_continued_paragraphs(items: Vec<Fragment>) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::with_capacity(items.len());
    for item in items {
        if let Fragment::Paragraph(p) = &item {
            if p.continues_previous {
                let previous = out.iter_mut().rev().find(|f| !matches!(f, Fragment::Break(_)));
                if let Some(Fragment::Paragraph(prev)) = previous {
                    prev.text = crate::text::normalize(&format!("{}\n{}", prev.text, p.text));
                    continue;
                }
            }
        }
        out.push(item);
    }
    out
}

/// A table fragment standing alone as a whole table.
fn whole_table(t: TableFragment) -> Table {
    let header_rows = if t.marked_header_rows > 0 {
        t.marked_header_rows
    } else {
        match t.grid.inferred_header_rows() {
            // A table of text only: nothing tells header from body but
            // position, and the first row is the usual header.
            all if all == t.grid.rows && all > 1 => 1,
            inferred => inferred,
        }
    };
    Table { rows: t.grid.rows, cols: t.grid.cols, header_rows, pages: t.pages, parts: 1, cells: t.grid.cells }
}
