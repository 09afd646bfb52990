//! What the body walk records where a note or a comment is referenced:
//! the label each note gets ([`Counters`], shared with embedded documents),
//! the [`Reference`] for [`super::notes`] to resolve, the mark written in
//! the text, and how much of a comment's anchor text is kept.

use crate::model::NoteKind;

/// Note numbers handed out so far, shared by a document and the DOCX
/// documents embedded in it (altChunk), so that every label is unique.
#[derive(Debug, Default)]
pub struct Counters {
    footnotes: u32,
    endnotes: u32,
}

/// A note referenced from the body, with the label its mark carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub kind: NoteKind,
    /// `w:id` of the note in its part.
    pub id: String,
    pub label: String,
}

impl Counters {
    /// The label of the next note of `kind`: "1", "2", … or "e1", "e2", ….
    pub fn next(&mut self, kind: NoteKind) -> String {
        match kind {
            NoteKind::Footnote => {
                self.footnotes += 1;
                self.footnotes.to_string()
            }
            NoteKind::Endnote => {
                self.endnotes += 1;
                format!("e{}", self.endnotes)
            }
        }
    }
}

/// The mark written in the text where a note is referenced.
pub fn mark(label: &str) -> String {
    format!("[^{label}]")
}

/// A comment's diagnostic quotes at most this many characters of the text
/// the comment is on.
pub const MAX_ANCHOR_CHARS: usize = 40;
