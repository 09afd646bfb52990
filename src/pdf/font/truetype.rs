//! TrueType fonts: the program has no built-in encoding by glyph names; in a
//! symbolic font (or for a code the names do not cover) the program's own
//! (3,0) / (1,0) cmap selects the glyph of a code, and the glyph gives its
//! text and advance.

use lopdf::Dictionary;

use super::cmap::Text;
use super::embedded::EmbeddedFont;
use super::embedded_program;
use super::simple::Program;
use crate::pdf::document::PdfDocument;

/// A TrueType font's program, when embedded.
pub(super) struct TrueType {
    program: Option<EmbeddedFont>,
}

impl Program for TrueType {
    fn read(pdf: &PdfDocument, _dict: &Dictionary, descriptor: Option<&Dictionary>) -> Self {
        TrueType { program: embedded_program(pdf, descriptor) }
    }

    fn embedded(&self) -> Option<&EmbeddedFont> {
        self.program.as_ref()
    }

    fn text_of_code(&self, code: u8) -> Option<Text> {
        let font = self.program.as_ref()?;
        font.glyph_for_symbolic_code(code).and_then(|g| font.text_of_glyph(g))
    }

    fn glyph_of_code(&self, code: u8) -> Option<u32> {
        self.program.as_ref()?.glyph_for_symbolic_code(code)
    }
}
