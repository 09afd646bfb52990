//! Text boxes of the main document ([MS-DOC] 2.8.25 PlcfSpa, 2.8.34
//! PlcftxbxTxt, 2.9.91 FTXBXS): which characters of the text box story
//! belong to which shape, and where that shape is anchored in the main
//! text. The reader places each text box's paragraphs after the paragraph
//! holding its anchor, as the DOCX front end places `w:txbxContent`.
//!
//! A shape (FSPA in `PlcSpaMom`) is anchored at a character position and
//! names its shape identifier; a text box story range (FTXBXS in
//! `PlcftxbxTxt`) names the shape it belongs to (`lid`). Linked text boxes
//! share one range, named by the chain's first shape. Ranges marked
//! reusable are deleted text boxes; ranges whose shape is not anchored in
//! the main text (a shape inside a group, whose anchor names the group)
//! cannot be placed and are counted by the caller.

use super::fib::{Fib, pair};
use super::{slice, u16_at, u32_at};

/// Size of an FSPA, the data of each shape anchor.
const FSPA_SIZE: usize = 26;
/// Size of an FTXBXS, the data of each text box range.
const FTXBXS_SIZE: usize = 22;

/// A text box's characters [from, to) (whole-document positions) and the
/// main-text position of its anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    pub anchor: u32,
    pub from: u32,
    pub to: u32,
}

/// The text boxes anchored in the main text, sorted by anchor, and the
/// number of text box story characters that belong to none of them.
pub fn anchored(fib: &Fib, table: &[u8]) -> (Vec<TextBox>, u32) {
    let shapes = slice(table, fib.pair(pair::PLC_SPA_MOM));
    let n_shapes = shapes.len().saturating_sub(4) / (4 + FSPA_SIZE);
    let anchor_of = |spid: u32| {
        (0..n_shapes).find_map(|i| {
            let data = 4 * (n_shapes + 1) + FSPA_SIZE * i;
            (u32_at(shapes, data)? == spid).then(|| u32_at(shapes, 4 * i)).flatten()
        })
    };
    let ranges = slice(table, fib.pair(pair::PLCFTXBX_TXT));
    let n_ranges = ranges.len().saturating_sub(4) / (4 + FTXBXS_SIZE);
    let story = fib.story_starts().text_boxes;
    let mut boxes = Vec::new();
    let mut placed = 0u32;
    for i in 0..n_ranges {
        let data = 4 * (n_ranges + 1) + FTXBXS_SIZE * i;
        let (Some(from), Some(to), Some(reusable), Some(lid)) =
            (u32_at(ranges, 4 * i), u32_at(ranges, 4 * (i + 1)), u16_at(ranges, data + 8), u32_at(ranges, data + 14))
        else {
            break;
        };
        if reusable != 0 || from >= to || to > fib.ccp_txbx {
            continue;
        }
        if let Some(anchor) = anchor_of(lid).filter(|&cp| cp < fib.ccp_text) {
            boxes.push(TextBox { anchor, from: story.saturating_add(from), to: story.saturating_add(to) });
            placed = placed.saturating_add(to - from);
        }
    }
    boxes.sort_by_key(|b| (b.anchor, b.from));
    // The story ends with one more paragraph mark that belongs to no box.
    let unplaced = fib.ccp_txbx.saturating_sub(placed).saturating_sub(u32::from(placed > 0));
    (boxes, unplaced)
}
