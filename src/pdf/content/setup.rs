//! What the interpreter is handed for one page: the page driver
//! (`pdf::driver`) works it out from the page's dictionary, the interpreter
//! runs it.

use lopdf::{Dictionary, Object};

use super::Matrix;

/// What the interpreter needs to know about one page before it runs.
#[derive(Debug, Clone)]
pub(crate) struct PageSetup<'a> {
    /// 1-based.
    pub number: u32,
    /// Visible size after rotation, in points.
    pub width: f32,
    pub height: f32,
    /// User space → page space (top-left origin of the CropBox, y down, after
    /// `/Rotate`).
    pub base: Matrix,
    pub resources: Option<&'a Dictionary>,
    /// The page's content streams, each decompressed, joined into one with a
    /// line feed between them: operators and even tokens may span streams
    /// (the spec says they must not, but producers split anywhere), and the
    /// graphics state carries over.
    pub content: Vec<u8>,
    /// Content streams `/Contents` names that are missing or not streams.
    pub missing_streams: usize,
    /// Content streams whose `/Length` was unusable, read again up to their
    /// `endstream`.
    pub repaired_streams: usize,
    /// The page's `/Annots` (resolved): annotations whose appearance a
    /// viewer draws over the page (filled form fields, free text, stamps).
    pub annotations: Option<&'a Object>,
}
