//! Type 1 fonts (and MMType1, and a simple font dictionary of no or an
//! unknown subtype, read the same way): an embedded Type 1 or CFF program
//! brings its own built-in encoding, which names the glyph of a code when
//! `/Encoding` gives no base encoding.

use lopdf::Dictionary;

use super::embedded::EmbeddedFont;
use super::embedded_program;
use super::simple::Program;
use crate::pdf::document::PdfDocument;

/// A Type 1 font's program, when embedded.
pub(super) struct Type1 {
    program: Option<EmbeddedFont>,
}

impl Program for Type1 {
    fn read(pdf: &PdfDocument, _dict: &Dictionary, descriptor: Option<&Dictionary>) -> Self {
        Type1 { program: embedded_program(pdf, descriptor) }
    }

    fn embedded(&self) -> Option<&EmbeddedFont> {
        self.program.as_ref()
    }

    fn builtin_name(&self, code: u8) -> Option<String> {
        let font = self.program.as_ref()?;
        font.glyph_for_builtin_code(code).and_then(|g| font.glyph_name(g))
    }

    fn glyph_of_code(&self, code: u8) -> Option<u32> {
        self.program.as_ref()?.glyph_for_builtin_code(code)
    }
}
