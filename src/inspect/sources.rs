//! Where each block of the converted document came from: the fragments the
//! front end recorded in the trace, found again in order (the rebuild stage
//! keeps the order of paragraphs and of tables, joins neighbours and drops
//! only empty paragraphs and continuation markers between table parts), and
//! the joins between them with the rule that made each — for tables the
//! evidence the rebuild named in its `table.rejoined` diagnostic, for
//! paragraphs cut by a page end the step that joined them.

use crate::pdf::trace::{FragmentTrace, Trace};
use crate::model::{Block, Diagnostic};

/// The fragments a block was made of, and the joins between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockSource {
    /// Indices into [`Trace::fragments`], in order.
    pub fragments: Vec<usize>,
    /// One per join: `joins[k]` joined `fragments[k + 1]` to what came before.
    pub joins: Vec<String>,
}

/// How the front end's flag that a paragraph goes on across a page end is
/// explained.
const FRONT_END_CONTINUATION: &str = "paragraph joined across the page end: the page before ends on a line that runs to the right margin and this page opens at the margin in the same style, in a document whose paragraphs open indented (PDF layout)";
const SENTENCE_CONTINUATION: &str = "paragraph joined across the page end: the sentence goes on (no sentence end before the break; the next part opens no paragraph)";

/// Text compared without white space, which joins and normalization move.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The source of each block (same order as `blocks`); a block whose
/// fragments cannot be found again has none (a note block, or text the
/// rebuild rewrote).
pub fn block_sources(blocks: &[Block], trace: &Trace, diagnostics: &[Diagnostic]) -> Vec<BlockSource> {
    let mut table_fragments =
        trace.fragments.iter().enumerate().filter(|(_, f)| matches!(f, FragmentTrace::Table { .. })).map(|(i, _)| i);
    let paragraphs: Vec<(usize, String, bool)> = trace
        .fragments
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            FragmentTrace::Paragraph { text, continues_previous, .. } => {
                Some((i, squeeze(text), *continues_previous)).filter(|p| !p.1.is_empty())
            }
            _ => None,
        })
        .collect();
    let mut rejoined = diagnostics.iter().filter(|d| d.code == "table.rejoined").map(|d| d.message.clone());
    let mut next_paragraph = 0;
    blocks
        .iter()
        .map(|block| match block {
            Block::Table(t) => {
                let fragments: Vec<usize> = table_fragments.by_ref().take(t.parts).collect();
                let joins = (1..fragments.len()).map(|_| rejoined.next().unwrap_or_default()).collect();
                BlockSource { fragments, joins }
            }
            Block::Title { text, .. } | Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                let want = squeeze(text);
                match find_paragraphs(&paragraphs[next_paragraph..], &want) {
                    Some((skip, take)) => {
                        let used = &paragraphs[next_paragraph + skip..next_paragraph + skip + take];
                        next_paragraph += skip + take;
                        let fragments: Vec<usize> = used.iter().map(|p| p.0).collect();
                        let joins = used[1..]
                            .iter()
                            .map(|p| if p.2 { FRONT_END_CONTINUATION } else { SENTENCE_CONTINUATION }.to_string())
                            .collect();
                        BlockSource { fragments, joins }
                    }
                    None => BlockSource::default(),
                }
            }
            Block::Note(_) => BlockSource::default(),
        })
        .collect()
}

/// How far to search ahead for a block's first fragment: the rebuild drops
/// only a few paragraphs (continuation markers, empty ones) between blocks.
const LOOK_AHEAD: usize = 8;

/// The fragments among `candidates` whose texts, run together, are `want`:
/// (how many to skip before them, how many they are).
fn find_paragraphs(candidates: &[(usize, String, bool)], want: &str) -> Option<(usize, usize)> {
    if want.is_empty() {
        return None;
    }
    for skip in 0..candidates.len().min(LOOK_AHEAD) {
        let mut have = String::new();
        for (take, (_, text, _)) in candidates[skip..].iter().enumerate() {
            have.push_str(text);
            if have == want {
                return Some((skip, take + 1));
            }
            if !want.starts_with(&have) {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;

    fn paragraph(page: u32, text: &str, continues_previous: bool) -> FragmentTrace {
        FragmentTrace::Paragraph { page, rect: Rect::default(), text: text.into(), continues_previous }
    }

    #[test]
    fn paragraphs_and_tables_are_found_again_with_their_joins() {
        let trace = Trace {
            fragments: vec![
                paragraph(1, "标 题", false),
                paragraph(1, "一段没有", false),
                FragmentTrace::Break,
                paragraph(2, "写完的话。", false),
                FragmentTrace::Table { page: 2, table: 0 },
                FragmentTrace::Break,
                paragraph(3, "续表", false),
                FragmentTrace::Table { page: 3, table: 0 },
                paragraph(3, "末段", true),
            ],
            ..Default::default()
        };
        let table = crate::model::Table {
            rows: 2,
            cols: 2,
            header_rows: 1,
            caption_rows: 0,
            note_rows: 0,
            pages: vec![2, 3],
            parts: 2,
            cells: Vec::new(),
        };
        let blocks = vec![
            Block::Title { text: "标题".into(), page: Some(1), confidence: None },
            Block::Paragraph { text: "一段没有写完的话。".into(), page: Some(1), confidence: None },
            Block::Table(table),
            Block::Paragraph { text: "末段".into(), page: Some(3), confidence: None },
        ];
        let diagnostics = vec![Diagnostic::info("table.rejoined", "evidence: 续表")];
        let sources = block_sources(&blocks, &trace, &diagnostics);
        assert_eq!(sources[0].fragments, vec![0]);
        assert_eq!(sources[1].fragments, vec![1, 3]);
        assert_eq!(sources[1].joins, vec![SENTENCE_CONTINUATION.to_string()]);
        assert_eq!(sources[2].fragments, vec![4, 7]);
        assert_eq!(sources[2].joins, vec!["evidence: 续表".to_string()]);
        // The 续表 marker is skipped; the last paragraph is found after it.
        assert_eq!(sources[3].fragments, vec![8]);
    }

    #[test]
    fn a_block_whose_text_is_nowhere_has_no_source() {
        let trace = Trace { fragments: vec![paragraph(1, "甲", false)], ..Default::default() };
        let blocks = vec![Block::Paragraph { text: "乙".into(), page: Some(1), confidence: None }];
        assert_eq!(block_sources(&blocks, &trace, &[]), vec![BlockSource::default()]);
    }
}
