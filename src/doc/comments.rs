//! Comments (annotations: [MS-DOC] 2.8.3 PlcfandRef, 2.8.4 PlcfandTxt,
//! ATRDPre10, GrpXstAtnOwners, SttbfAtnBkmk with PlcfAtnBkf and
//! PlcfAtnBkl): for each comment, its author, the characters of its text in
//! the comment story, and the main-text range it is on. The reader lists
//! each one as an info diagnostic worded as the DOCX front end's
//! `docx.comment`; comments never enter the blocks.

use super::fib::{Fib, pair};
use super::{slice, u16_at, u32_at};

/// Size of an ATRDPre10, the data each comment reference carries.
const ATRD_SIZE: usize = 30;
/// Size of an FBKF, the data of each bookmark start.
const FBKF_SIZE: usize = 4;
/// Extra data of each SttbfAtnBkmk entry (an ATNBE).
const ATNBE_SIZE: u16 = 10;

/// One comment: its index (the DOCX export's `w:id`), author, text range
/// in whole-document positions and the main-text range it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub index: usize,
    pub author: Option<String>,
    pub text: (u32, u32),
    pub on: Option<(u32, u32)>,
}

/// Every comment whose text the file has, in the order of their references.
pub fn read(fib: &Fib, table: &[u8]) -> Vec<Comment> {
    let refs = slice(table, fib.pair(pair::PLCFAND_REF));
    let n = refs.len().saturating_sub(4) / (4 + ATRD_SIZE);
    let texts = slice(table, fib.pair(pair::PLCFAND_TXT));
    let owners = owners(slice(table, fib.pair(pair::GRP_XST_ATN_OWNERS)));
    let ranges = bookmark_ranges(fib, table);
    let story = fib.story_starts().comments;
    let mut out = Vec::new();
    for index in 0..n {
        let atrd = 4 * (n + 1) + ATRD_SIZE * index;
        let (Some(from), Some(to)) = (u32_at(texts, 4 * index), u32_at(texts, 4 * (index + 1))) else { break };
        if from >= to || to > fib.ccp_atn {
            continue;
        }
        let author = u16_at(refs, atrd + 20).and_then(|ibst| owners.get(usize::from(ibst))).cloned();
        let tag = u32_at(refs, atrd + 26).unwrap_or(u32::MAX);
        let on = ranges.iter().find(|(t, _)| *t == tag && tag != u32::MAX).map(|(_, range)| *range);
        out.push(Comment { index, author, text: (story.saturating_add(from), story.saturating_add(to)), on });
    }
    out
}

/// The comment authors (GrpXstAtnOwners): length-prefixed UTF-16 names
/// one after another.
fn owners(grp: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(cch) = u16_at(grp, at) {
        let units: Option<Vec<u16>> = (0..usize::from(cch)).map(|i| u16_at(grp, at + 2 + 2 * i)).collect();
        let Some(units) = units else { break };
        out.push(String::from_utf16_lossy(&units));
        at += 2 + 2 * usize::from(cch);
    }
    out
}

/// The commented ranges: each comment bookmark's tag (from SttbfAtnBkmk)
/// and its main-text range, from its start (PlcfAtnBkf) to the end its
/// FBKF names (PlcfAtnBkl).
fn bookmark_ranges(fib: &Fib, table: &[u8]) -> Vec<(u32, (u32, u32))> {
    let sttb = slice(table, fib.pair(pair::STTBF_ATN_BKMK));
    let starts = slice(table, fib.pair(pair::PLCF_ATN_BKF));
    let ends = slice(table, fib.pair(pair::PLCF_ATN_BKL));
    let n_starts = starts.len().saturating_sub(4) / (4 + FBKF_SIZE);
    let n_ends = ends.len().saturating_sub(4) / 4;
    // An extended STTB (0xFFFF) of empty strings, each with an ATNBE whose
    // lTag (at byte 2) links it to a comment.
    if u16_at(sttb, 0) != Some(0xFFFF) || u16_at(sttb, 4) != Some(ATNBE_SIZE) {
        return Vec::new();
    }
    let count = usize::from(u16_at(sttb, 2).unwrap_or(0));
    let mut out = Vec::new();
    let mut at = 6usize;
    for i in 0..count.min(n_starts) {
        let Some(cch) = u16_at(sttb, at) else { break };
        let extra = at + 2 + 2 * usize::from(cch);
        at = extra + usize::from(ATNBE_SIZE);
        let Some(tag) = u32_at(sttb, extra + 2) else { break };
        let ibkl = usize::from(u16_at(starts, 4 * (n_starts + 1) + FBKF_SIZE * i).unwrap_or(u16::MAX));
        let (Some(from), Some(to)) = (u32_at(starts, 4 * i), (ibkl < n_ends).then(|| u32_at(ends, 4 * ibkl)).flatten())
        else {
            continue;
        };
        if from <= to && to <= fib.ccp_text {
            out.push((tag, (from, to)));
        }
    }
    out
}
