//! Annotation appearances: what a viewer draws over a page for its
//! annotations — a filled form field's value, a free-text note, a stamp.
//! Each shown annotation's normal appearance (`/AP /N`, the state `/AS`
//! picks when there are several) is drawn as a form XObject placed on the
//! annotation's `/Rect` (PDF 32000-1 §12.5.5). Annotations a viewer does
//! not show are skipped: the hidden and no-view flags, pop-ups (shown only
//! when opened) and annotations without an appearance. A form field whose
//! appearance is the viewer's to draw shows its value (`field`).

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::{GState, Interpreter, Matrix, form_matrix};
use crate::error::Result;

/// Annotation flag bits (PDF 32000-1 table 165) that keep a viewer from
/// drawing an annotation: Hidden (bit 2) and NoView (bit 6).
const NOT_SHOWN_FLAGS: i64 = 0b10_0010;
/// At most this many annotations of a page are drawn: a page of a real
/// document has tens; a hostile file's million would only cost time.
const MAX_ANNOTATIONS: usize = 10_000;

impl<'p> Interpreter<'p> {
    /// Draws the appearances of the page's shown annotations (`annots` is
    /// the page's `/Annots`), after its content, as a viewer does. An
    /// appearance without resources of its own names the page's fonts (as
    /// viewers resolve it), or the form's default resources when the page
    /// has no fonts.
    pub(super) fn annotations(
        &mut self,
        annots: Option<&'p Object>,
        page_resources: Option<&'p Dictionary>,
    ) -> Result<()> {
        let pdf = self.pdf;
        let Some(Object::Array(items)) = annots else { return Ok(()) };
        let resources = match page_resources {
            Some(r) if pdf.get(r, b"Font").is_some() => Some(r),
            _ => pdf.form_default_resources().or(page_resources),
        };
        for item in items.iter().take(MAX_ANNOTATIONS) {
            let Some(annot) = pdf.dict(item) else { continue };
            if !self.shown(annot) {
                continue;
            }
            let Some(rect) = pdf.get(annot, b"Rect").and_then(|o| pdf.rect(o)) else { continue };
            let appearance = self.appearance(annot);
            if let Some(field) = super::field::generated(pdf, annot, appearance.map(|(_, stream)| stream)) {
                self.draw_field(&field, rect)?;
                continue;
            }
            let Some((id, stream)) = appearance else { continue };
            let Some(bbox) = pdf.get(&stream.dict, b"BBox").and_then(|o| pdf.rect(o)) else { continue };
            let Some(placement) = placement(form_matrix(pdf, stream), bbox, rect) else { continue };
            let saved = std::mem::replace(&mut self.gs, GState::new(placement));
            let saved_stack = std::mem::take(&mut self.stack);
            let result = self.form(id, stream, resources);
            self.gs = saved;
            self.stack = saved_stack;
            result?;
        }
        Ok(())
    }

    /// False for an annotation a viewer does not show: hidden, not for
    /// viewing, or a pop-up (shown only when opened).
    fn shown(&self, annot: &'p Dictionary) -> bool {
        let pdf = self.pdf;
        let flags = match pdf.get(annot, b"F") {
            Some(Object::Integer(f)) => *f,
            _ => 0,
        };
        flags & NOT_SHOWN_FLAGS == 0 && pdf.get(annot, b"Subtype").and_then(|o| pdf.name(o)) != Some(b"Popup")
    }

    /// The appearance stream a viewer draws for `annot`, or `None` when it
    /// has none.
    fn appearance(&self, annot: &'p Dictionary) -> Option<(Option<ObjectId>, &'p Stream)> {
        let pdf = self.pdf;
        let normal_entry = pdf.get(annot, b"AP").and_then(|o| pdf.dict(o))?.get(b"N").ok()?;
        let entry = match pdf.resolve(normal_entry)? {
            Object::Stream(_) => normal_entry,
            // Several appearance states (a check box's on and off): the
            // annotation's /AS names the one shown; without it, none is.
            Object::Dictionary(states) => {
                let state = pdf.get(annot, b"AS").and_then(|o| pdf.name(o))?;
                states.get(state).ok()?
            }
            _ => return None,
        };
        match pdf.resolve(entry)? {
            Object::Stream(stream) => Some((super::PdfDocument::id_of(entry), stream)),
            _ => None,
        }
    }
}

/// The matrix that places an appearance on its annotation's rectangle: the
/// appearance's bounding box, transformed by its own matrix, is scaled and
/// moved onto `rect` (the form's matrix itself is applied when it is drawn).
/// `None` when the transformed box is degenerate.
fn placement(matrix: Matrix, bbox: [f32; 4], rect: [f32; 4]) -> Option<Matrix> {
    let corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[2], bbox[3]), (bbox[0], bbox[3])];
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        let (x, y) = matrix.apply(x, y);
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return None;
    }
    let (sx, sy) = ((rect[2] - rect[0]) / w, (rect[3] - rect[1]) / h);
    let m = Matrix::new(sx, 0.0, 0.0, sy, rect[0] - sx * x0, rect[1] - sy * y0);
    m.is_finite().then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appearance_is_scaled_and_moved_onto_its_rectangle() {
        let m = placement(Matrix::IDENTITY, [0.0, 0.0, 100.0, 20.0], [50.0, 700.0, 250.0, 720.0]).unwrap();
        assert_eq!(m.apply(0.0, 0.0), (50.0, 700.0));
        assert_eq!(m.apply(100.0, 20.0), (250.0, 720.0));
        // A rotated appearance (matrix 0 1 -1 0 0 0): its box turns first.
        let turned = Matrix::new(0.0, 1.0, -1.0, 0.0, 0.0, 0.0);
        let m = placement(turned, [0.0, 0.0, 100.0, 20.0], [10.0, 10.0, 30.0, 110.0]).unwrap();
        let (x, y) = turned.then(&m).apply(0.0, 0.0);
        assert_eq!((x, y), (30.0, 10.0));
        assert!(placement(Matrix::IDENTITY, [0.0, 0.0, 0.0, 20.0], [0.0, 0.0, 10.0, 10.0]).is_none());
    }
}
