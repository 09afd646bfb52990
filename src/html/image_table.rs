//! A table whose only content is a picture of a table (portals publish the
//! statistics tables of a report as screenshots): the picture, taken from
//! the web archive, is read by the OCR engine the scanned-PDF reader uses
//! and becomes a table through the PDF layout and table finder — one page
//! the size of the picture, at the browser's 96 pixels per inch.
//!
//! Only a table holding one JPEG image of an MHTML archive is read; any
//! other case says why it was not (the caller's `html.image_table` warning).

use super::mhtml::Image;
use crate::model::Fragment;
use crate::pdf::ocr::engine::Tesseract;
use crate::pdf::ocr::source::{PageImage, decode_jpeg};
use crate::pdf::ocr::{Mode, Settings, mode, recognise_page};
use crate::pdf::page::{FontInfo, PageContent};

/// Points per CSS pixel: a browser shows an image at 96 pixels per inch.
const PT_PER_PX: f32 = 0.75;

/// The tables and text read from the one image `sources` names, or why
/// they could not be read.
pub fn recognise(sources: &[String], images: &[Image]) -> std::result::Result<Vec<Fragment>, String> {
    let [source] = sources else {
        return Err(format!("it holds {} images; only a table of one image is read", sources.len()));
    };
    let image = find(source, images).ok_or_else(|| format!("the image {source} is not in the web archive"))?;
    if !image.bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(format!("the image {source} is not a JPEG, the one image format read"));
    }
    if mode() == Mode::Never {
        return Err("OCR is turned off".to_string());
    }
    let engine = Tesseract::detect().map_err(|e| e.message)?;
    let raster = decode_jpeg(&image.bytes).map_err(|e| e.message)?;
    let (width, height) = (raster.width as f32 * PT_PER_PX, raster.height as f32 * PT_PER_PX);
    let origin = format!("image {source} {}×{}", raster.width, raster.height);
    let mut page = PageContent { number: 1, width, height, ..Default::default() };
    let scan = PageImage { raster, placement: [0.0, 0.0, width, height], origin };
    let result = recognise_page(&engine, &scan, &page, &Settings::default()).map_err(|e| e.message)?;
    page.glyphs = result.glyphs;
    page.confidences = result.confidences;
    page.rulings = result.rulings;
    page.fonts = vec![FontInfo { name: "OCR".into(), bold: false, space_width: None }];
    let fragments = crate::pdf::assemble::fragments(vec![page]).map_err(|e| e.message)?;
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
        return Err(format!("no table was found in the image {source}"));
    }
    Ok(items)
}

/// The archive's image for `src`: the same location, else the only one
/// with the same file name (a page saved from one folder and read from
/// another).
fn find<'i>(src: &str, images: &'i [Image]) -> Option<&'i Image> {
    if let Some(image) = images.iter().find(|i| i.location == src) {
        return Some(image);
    }
    let file_name = |s: &str| s.rsplit('/').next().unwrap_or(s).to_string();
    let wanted = file_name(src);
    let mut same = images.iter().filter(|i| file_name(&i.location) == wanted);
    match (same.next(), same.next()) {
        (Some(image), None) => Some(image),
        _ => None,
    }
}
