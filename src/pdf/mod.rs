//! The PDF front end: our own content interpreter and font decoding on top of
//! lopdf's objects and streams, then layout (characters → lines →
//! paragraphs) and the ruling-line table finder.
//!
//! - `document`: the object store — loading, decryption, page tree, damage,
//!   bounded object and stream access, resource limits
//! - `driver`: one page → its boxes, rotation, resources and content
//!   streams → the interpreter
//! - `font`: fonts → Unicode and advance widths (ToUnicode, predefined CJK
//!   CMaps, embedded font cmaps, simple encodings)
//! - `inflate`: Flate data inflated up to any damage, the rest reported
//! - `lexer`: the PDF tokenizer — content streams and CMap programs
//! - `content`: the content-stream interpreter → [`page::PageContent`]
//! - `page`: the data between the interpreter and layout
//! - `rotation`: pages whose text is printed sideways turned to read upright
//! - `ocr`: scanned pages read by Tesseract into the page's glyphs and
//!   rulings (`--ocr`)
//! - `tables`: ruling lines → table grids, characters into cells
//! - `layout`: characters outside tables → lines → paragraphs
//! - `furniture`: running headers, footers and page numbers removed
//! - `placed`: lines cut into spans with their extents, for the report layer
//! - `assemble`: pages → the document's fragments in reading order, each
//!   page laid out as it is read so that only one page's content is held
//! - `salvage`: objects lopdf could not read, read again leniently
//! - `trace`: what the fixed-layout pipeline records about each page when
//!   asked to, for `govdoc inspect`

pub mod assemble;
pub mod content;
pub mod document;
pub mod driver;
pub mod font;
pub mod furniture;
pub mod geometry;
pub(crate) mod inflate;
pub mod layout;
pub(crate) mod lexer;
pub mod ocr;
pub mod page;
pub mod placed;
pub mod rotation;
pub(crate) mod salvage;
pub mod tables;
pub mod trace;

use crate::error::{Error, ErrorCode, Result};
use trace::Trace;
use crate::model::{Diagnostic, Fragments};

/// Reads a PDF's fragments: each page interpreted and laid out in turn
/// (only its laid-out lines and tables are kept), then the document
/// assembled. A page whose content is damaged is left out with a warning;
/// a document without any text is `no text layer` (a scan: OCR it first).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // the fuzz targets, tests and examples
pub fn read(bytes: &[u8]) -> Result<Fragments> {
    read_traced(bytes, None)
}

/// [`read`], recording each page's layout into `trace` when one is given.
pub fn read_traced(bytes: &[u8], trace: Option<&mut Trace>) -> Result<Fragments> {
    read_with(bytes, trace, ocr::Recogniser::new())
}

/// [`read_traced`], scanned pages read by `recogniser` (which says which
/// pages, and with what engine).
pub fn read_with(bytes: &[u8], trace: Option<&mut Trace>, mut recogniser: ocr::Recogniser) -> Result<Fragments> {
    let document = document::PdfDocument::open(bytes)?;
    let count = document.page_count();
    let mut pages = assemble::Assembler::traced(trace);
    let mut diagnostics = Vec::new();
    let mut unreadable = 0;
    for index in 0..count {
        match document.page(index) {
            Ok((page, page_diagnostics)) => {
                diagnostics.extend(page_diagnostics);
                let (mut page, turned) = rotation::to_reading_orientation(page);
                diagnostics.extend(turned);
                recogniser.page(bytes, &document, &mut page, &mut diagnostics)?;
                pages.add(page)?;
            }
            Err(e) if e.code == ErrorCode::Corrupt && count > 1 => {
                unreadable += 1;
                let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
                diagnostics.push(
                    Diagnostic::warning("pdf.page_unreadable", format!("page {number} was left out: {}", e.message))
                        .on_page(Some(number)),
                );
                pages.add(page::PageContent { number, ..Default::default() })?;
            }
            Err(e) => return Err(e),
        }
    }
    if unreadable == count && count > 0 {
        return Err(Error::corrupt("no page of the PDF could be read; the file is damaged — export it again"));
    }
    if document.attachments_only_encrypted() {
        diagnostics.push(Diagnostic::info(
            "pdf.encryption",
            "only the file's attachments are encrypted; its pages were read without a password",
        ));
    }
    let damage = document.damage();
    if damage.any() {
        let lost_pages = damage.pages_promised.map_or(0, |n| n.saturating_sub(count)) + unreadable;
        let pages_note = if lost_pages > 0 {
            format!("{lost_pages} page(s) lost, {} of {count} read", count - unreadable)
        } else {
            format!("all {count} page(s) read")
        };
        diagnostics.insert(
            0,
            Diagnostic::warning(
                "pdf.damaged",
                format!(
                    "the file is damaged: {}; {pages_note} — text that lived in the missing parts is not in the output, and text in a missing font is read as WinAnsiEncoding (a guess)",
                    damage.describe()
                ),
            ),
        );
    }
    let ocr = recogniser.finish(&mut diagnostics)?;
    let mut fragments = finish(pages, diagnostics, "PDF", ocr.as_ref())?;
    fragments.ocr = ocr;
    Ok(fragments)
}

/// The fixed-layout back half shared by every paged format (PDF, OFD): the
/// pages a front end handed one by one to an [`assemble::Assembler`] (laid
/// out as they came, so that only one page's content is held) → fragments,
/// with the front end's `diagnostics` first. A document without any text is
/// `no text layer`; `format` names it in that message, which says so when
/// `ocr` read its scans and found nothing in them.
pub fn finish(
    pages: assemble::Assembler<'_>,
    mut diagnostics: Vec<Diagnostic>,
    format: &str,
    ocr: Option<&crate::model::OcrSource>,
) -> Result<Fragments> {
    let count = pages.pages();
    if pages.glyphs() == 0 {
        if let Some(ocr) = ocr.filter(|ocr| !ocr.pages.is_empty()) {
            return Err(Error::new(
                ErrorCode::NoTextLayer,
                format!(
                    "the {format} has no text: its {count} page(s) hold only images, and OCR ({}) read no text on the {} page(s) it read",
                    ocr.engine,
                    ocr.pages.len()
                ),
            ));
        }
        let what = if pages.images() > 0 {
            format!("its {count} page(s) hold only images: it is a scan")
        } else {
            format!("its {count} page(s) hold no text")
        };
        return Err(Error::new(
            ErrorCode::NoTextLayer,
            format!(
                "the {format} has no text layer ({what}); convert it with `--ocr auto` (the default) and Tesseract installed, or run OCR on it first and convert the OCR'd {format}"
            ),
        ));
    }
    let mut fragments = pages.finish();
    diagnostics.append(&mut fragments.diagnostics);
    fragments.diagnostics = diagnostics;
    Ok(fragments)
}
