//! A table whose only content is a picture of a table (portals publish the
//! statistics tables of a report as screenshots): the picture — a part of
//! the web archive, a `data:` URL, or a file beside the saved page
//! ([`Images`]), JPEG, PNG or GIF ([`picture`]) — is read by the OCR
//! engine the scanned-PDF reader uses, under the conversion's OCR mode and
//! limits, and becomes a table through the PDF layout and table finder: one
//! page the size of the picture, at the browser's 96 pixels per inch.
//! Values read with low confidence go to `source.ocr` as a scan's do.
//!
//! One picture at a time: the walk reads a table cut into several pictures
//! picture by picture. Whatever is not read says why (the caller's
//! `html.image_missing` or `html.image_table` warning).

use super::images::Images;
use super::picture;
use crate::error::Result;
use crate::model::{Diagnostic, Fragment};
use crate::pdf::ocr::Recogniser;
use crate::pdf::ocr::source::PageImage;
use crate::pdf::page::{FontInfo, PageContent};

/// Points per CSS pixel: a browser shows an image at 96 pixels per inch.
const PT_PER_PX: f32 = 0.75;

/// Why a picture of a table was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unread {
    /// The picture could not be found: not in the archive, not beside the
    /// page, or a path that is never followed.
    Missing(String),
    /// Found but not read: not a picture format read, OCR off or not
    /// installed, no table in it.
    NotRead(String),
}

/// The tables and text read from the image `source` names, or why they
/// could not be read; the error is the document's budget running out.
pub fn recognise(
    source: &str,
    images: &Images,
    recogniser: &mut Recogniser,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<std::result::Result<Vec<Fragment>, Unread>> {
    let bytes = match images.get(source)? {
        Ok(bytes) => bytes,
        Err(why) => return Ok(Err(Unread::Missing(why))),
    };
    let raster = match picture::decode(&bytes)? {
        Ok(raster) => raster,
        Err(why) => return Ok(Err(Unread::NotRead(format!("the image {source}: {why}")))),
    };
    let (width, height) = (raster.width as f32 * PT_PER_PX, raster.height as f32 * PT_PER_PX);
    let origin = format!("image {source} {}×{}", raster.width, raster.height);
    let mut page = PageContent { number: 1, width, height, ..Default::default() };
    let scan = PageImage { raster, placement: [0.0, 0.0, width, height], origin };
    let result = match recogniser.picture(&scan, &page, source, diagnostics)? {
        Ok(result) => result,
        Err(why) => return Ok(Err(Unread::NotRead(why))),
    };
    if result.turns % 2 == 1 {
        // Read turned a quarter: the table lies across the turned picture.
        (page.width, page.height) = (page.height, page.width);
    }
    page.glyphs = result.glyphs;
    page.confidences = result.confidences;
    page.rulings = result.rulings;
    page.fonts = vec![FontInfo { name: "OCR".into(), bold: false, space_width: None }];
    let fragments = crate::pdf::assemble::fragments(vec![page])?;
    let mut items: Vec<Fragment> = fragments.items.into_iter().filter(|f| !matches!(f, Fragment::Break(_))).collect();
    // One picture is no page of the document.
    for item in &mut items {
        match item {
            Fragment::Paragraph(p) => p.page = None,
            Fragment::Table(t) => t.pages.clear(),
            Fragment::Break(_) => {}
        }
    }
    if !items.iter().any(|f| matches!(f, Fragment::Table(_))) {
        return Ok(Err(Unread::NotRead(format!("no table was found in the image {source}"))));
    }
    Ok(Ok(items))
}
