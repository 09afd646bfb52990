//! Footnotes and endnotes ([MS-DOC] 2.8.17 PlcffndRef, 2.8.18 PlcffndTxt,
//! and the endnote twins): where each note is referenced in the main text,
//! and which characters of the footnote or endnote story are its text. The
//! reader writes the DOCX front end's mark (`[^1]`, `[^e1]`) at the
//! reference and makes each referenced note a `note` block, labelled in the
//! order of first reference, as SPEC says for DOCX.

use super::fib::{Fib, pair};
use super::{slice, u32_at};
use crate::model::NoteKind;

/// A note referenced from the main text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoteRef {
    /// Character position of the reference mark.
    pub cp: u32,
    pub kind: NoteKind,
    /// The note's index in its kind's PLCs.
    pub index: usize,
}

/// Size of an FRD, the data each reference carries (its numbering kind).
const FRD_SIZE: usize = 2;

/// Every footnote and endnote reference, sorted by position.
pub fn references(fib: &Fib, table: &[u8]) -> Vec<NoteRef> {
    let mut out = Vec::new();
    for (kind, plc) in [(NoteKind::Footnote, pair::PLCFFND_REF), (NoteKind::Endnote, pair::PLCFEND_REF)] {
        let plc = slice(table, fib.pair(plc));
        let n = plc.len().saturating_sub(4) / (4 + FRD_SIZE);
        for index in 0..n {
            if let Some(cp) = u32_at(plc, 4 * index) {
                out.push(NoteRef { cp, kind, index });
            }
        }
    }
    out.sort_by_key(|r| r.cp);
    out
}

/// The character positions [from, to) of note `index`'s text, inside its
/// story; `None` when the file does not have it.
pub fn text_range(fib: &Fib, table: &[u8], kind: NoteKind, index: usize) -> Option<(u32, u32)> {
    let starts = fib.story_starts();
    let (plc, story, length) = match kind {
        NoteKind::Footnote => (pair::PLCFFND_TXT, starts.footnotes, fib.ccp_ftn),
        NoteKind::Endnote => (pair::PLCFEND_TXT, starts.endnotes, fib.ccp_edn),
    };
    let plc = slice(table, fib.pair(plc));
    let (from, to) = (u32_at(plc, 4 * index)?, u32_at(plc, 4 * (index + 1))?);
    (from < to && to <= length).then(|| (story.saturating_add(from), story.saturating_add(to)))
}
