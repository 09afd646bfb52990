//! The page driver: one page of a loaded PDF ([`PdfDocument`], the object
//! store) → its setup (visible box clipped to the MediaBox, `/Rotate`, the
//! inherited resources, the content streams decoded and joined, the
//! annotations) → the content interpreter → the page's content.

use lopdf::Object;

use super::content::{self, Matrix, PageSetup};
use super::document::{MAX_STREAM_BYTES, PdfDocument};
use super::page::PageContent;
use crate::error::{Error, Result};
use crate::model::Diagnostic;

impl PdfDocument {
    /// The characters, ruling lines, fonts and images of page `index` (0-based),
    /// with what the interpreter noticed (unmapped glyphs, unreadable streams).
    pub fn page(&self, index: usize) -> Result<(PageContent, Vec<Diagnostic>)> {
        let setup = self.page_setup(index)?;
        content::interpret(self, setup)
    }


    fn page_setup(&self, index: usize) -> Result<PageSetup<'_>> {
        let page = self.page_dictionary(index)?;
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);

        let media = self.inherited(page, b"MediaBox").and_then(|o| self.rect(o)).unwrap_or([0.0, 0.0, 612.0, 792.0]);
        // The CropBox is clipped to the MediaBox; a CropBox outside it is ignored.
        let crop = self
            .inherited(page, b"CropBox")
            .and_then(|o| self.rect(o))
            .and_then(|c| intersect(c, media))
            .unwrap_or(media);
        let rotate = self.inherited(page, b"Rotate").and_then(|o| self.number(o)).unwrap_or(0.0);
        let (base, width, height) = page_matrix(crop, rotate);
        let resources = self.inherited(page, b"Resources").and_then(|o| self.dict(o));

        let mut content: Vec<u8> = Vec::new();
        let (mut missing_streams, mut repaired_streams) = (0, 0);
        let contents = page.get(b"Contents").ok();
        // The items as written (references kept, so a stream can be found
        // again in the file by its object number).
        let streams: Vec<&Object> = match contents.and_then(|o| self.resolve(o)) {
            Some(Object::Array(items)) => items.iter().collect(),
            Some(_) => contents.into_iter().collect(),
            None => {
                missing_streams += usize::from(contents.is_some());
                Vec::new()
            }
        };
        for item in streams {
            let Some(stream) = self.resolve(item).and_then(|o| o.as_stream().ok()) else {
                missing_streams += 1;
                continue;
            };
            let reread;
            let (stream, shared_id) = match Self::id_of(item)
                .filter(|_| self.length_unusable(stream))
                .and_then(|id| self.reread_stream(id, stream))
            {
                Some(found) => {
                    repaired_streams += 1;
                    reread = found;
                    (&reread, None)
                }
                None => (stream, Self::id_of(item)),
            };
            let data = self.stream_data_shared(shared_id, stream)?;
            if content.len().saturating_add(data.len()) > MAX_STREAM_BYTES {
                return Err(Error::too_large(format!(
                    "page {number}'s content decompresses to more than {MAX_STREAM_BYTES} bytes"
                )));
            }
            if !content.is_empty() {
                content.push(b'\n');
            }
            content.extend_from_slice(&data);
        }
        let annotations = page.get(b"Annots").ok().and_then(|o| self.resolve(o));
        Ok(PageSetup {
            number,
            width,
            height,
            base,
            resources,
            content,
            missing_streams,
            repaired_streams,
            annotations,
        })
    }
}

/// The matrix from user space to page space for a page showing `crop` rotated
/// clockwise by `rotate` degrees, and the page's visible width and height.
pub(crate) fn page_matrix(crop: [f32; 4], rotate: f32) -> (Matrix, f32, f32) {
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    // Top-left origin, y down, before rotation.
    let flip = Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1);
    // /Rotate turns the page clockwise when shown; only multiples of 90 count.
    let quarter = ((rotate / 90.0).round() as i64).rem_euclid(4);
    let (rot, width, height) = match quarter {
        1 => (Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0), h, w),
        2 => (Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h), w, h),
        3 => (Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w), h, w),
        _ => (Matrix::IDENTITY, w, h),
    };
    (flip.then(&rot), width, height)
}

fn intersect(a: [f32; 4], b: [f32; 4]) -> Option<[f32; 4]> {
    let r = [a[0].max(b[0]), a[1].max(b[1]), a[2].min(b[2]), a[3].min(b[3])];
    (r[2] > r[0] && r[3] > r[1]).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
        let (px, py) = m.apply(x, y);
        ((px * 100.0).round() / 100.0, (py * 100.0).round() / 100.0)
    }

    #[test]
    fn page_matrix_flips_and_rotates() {
        // A4 portrait, no rotation: user (0, 842) is the top-left corner.
        let (m, w, h) = page_matrix([0.0, 0.0, 595.0, 842.0], 0.0);
        assert_eq!((w, h), (595.0, 842.0));
        assert_eq!(apply(&m, 0.0, 842.0), (0.0, 0.0));
        assert_eq!(apply(&m, 100.0, 742.0), (100.0, 100.0));
        // CropBox offset: the crop's top-left corner is the origin.
        let (m, w, h) = page_matrix([10.0, 20.0, 210.0, 320.0], 0.0);
        assert_eq!((w, h), (200.0, 300.0));
        assert_eq!(apply(&m, 10.0, 320.0), (0.0, 0.0));
        assert_eq!(apply(&m, 210.0, 20.0), (200.0, 300.0));
        // /Rotate 90: shown turned clockwise, landscape; the unrotated top-left
        // corner goes to the top-right.
        let (m, w, h) = page_matrix([0.0, 0.0, 595.0, 842.0], 90.0);
        assert_eq!((w, h), (842.0, 595.0));
        assert_eq!(apply(&m, 0.0, 842.0), (842.0, 0.0));
        assert_eq!(apply(&m, 0.0, 0.0), (0.0, 0.0));
        assert_eq!(apply(&m, 595.0, 0.0), (0.0, 595.0));
        // 180 and 270 (and -90 = 270).
        let (m, _, _) = page_matrix([0.0, 0.0, 595.0, 842.0], 180.0);
        assert_eq!(apply(&m, 0.0, 842.0), (595.0, 842.0));
        let (m, w, _) = page_matrix([0.0, 0.0, 595.0, 842.0], -90.0);
        assert_eq!(w, 842.0);
        assert_eq!(apply(&m, 0.0, 842.0), (0.0, 595.0));
        assert_eq!(apply(&m, 595.0, 842.0), (0.0, 0.0));
    }
}
