//! Type 3 fonts: glyphs drawn by content procedures (not executed here, so
//! text comes from `/ToUnicode` and glyph names only), widths in the font's
//! own glyph space scaled by `/FontMatrix`, and no descent of their own.

use lopdf::Dictionary;

use super::DEFAULT_DESCENT;
use super::encoding::Standard14;
use super::simple::Program;
use crate::pdf::document::PdfDocument;

/// Glyph space to text space when `/FontMatrix` does not say: the 1000
/// units per em of the other font kinds.
const DEFAULT_GLYPH_SCALE: f32 = 0.001;

/// A Type 3 font's horizontal glyph scale (the first entry of `/FontMatrix`).
pub(super) struct Type3 {
    glyph_scale: f32,
}

impl Program for Type3 {
    const TYPE3: bool = true;

    fn read(pdf: &PdfDocument, dict: &Dictionary, _descriptor: Option<&Dictionary>) -> Self {
        let glyph_scale = pdf
            .get(dict, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| pdf.number(o))
            .unwrap_or(DEFAULT_GLYPH_SCALE);
        Type3 { glyph_scale }
    }

    fn advance(&self, width: f32) -> f32 {
        width * self.glyph_scale
    }

    fn descent(&self, _pdf: &PdfDocument, _descriptor: Option<&Dictionary>, _standard: Option<Standard14>) -> f32 {
        DEFAULT_DESCENT
    }
}
