//! Pages printed sideways: when nearly all of a page's text is drawn turned
//! a quarter turn (a landscape table set on a portrait page by rotating the
//! text matrix, not by `/Rotate`), the page is turned so that its text reads
//! upright — glyph boxes, rulings and the page size — before tables and
//! lines are found, as a reader turns the sheet. Pages with `/Rotate` are
//! already shown upright by the interpreter.
//!
//! Which way the text runs is read from the glyphs themselves: along a
//! turned line (one x column of glyphs) the characters follow each other
//! downwards (turned clockwise) or upwards (anticlockwise), in the order
//! the content draws them.

use crate::model::Diagnostic;
use crate::pdf::page::{Glyph, PageContent, Ruling};

/// At least this share of a page's visible glyphs must be turned …
const TURNED_SHARE: f32 = 0.8;
/// … and at least this many, before the page is turned.
const MIN_TURNED: usize = 20;

/// Which way a page is turned to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Text runs down the page: turn the sheet anticlockwise.
    Anticlockwise,
    /// Text runs up the page: turn the sheet clockwise.
    Clockwise,
}

/// The page turned to its reading orientation when its text is turned, with
/// an info diagnostic saying so; otherwise the page as it was.
pub fn to_reading_orientation(mut page: PageContent) -> (PageContent, Option<Diagnostic>) {
    let Some(turn) = turned_text(&page.glyphs) else { return (page, None) };
    let (w, h) = (page.width, page.height);
    let map = |x: f32, y: f32| match turn {
        Turn::Anticlockwise => (y, w - x),
        Turn::Clockwise => (h - y, x),
    };
    // A box's corners turned: (x0, x1, top, bottom) of the turned box.
    let turn_box = |x0: f32, top: f32, x1: f32, bottom: f32| {
        let (ax, ay) = map(x0, top);
        let (bx, by) = map(x1, bottom);
        (ax.min(bx), ax.max(bx), ay.min(by), ay.max(by))
    };
    for g in &mut page.glyphs {
        (g.rect.x0, g.rect.x1, g.rect.top, g.rect.bottom) = turn_box(g.rect.x0, g.rect.top, g.rect.x1, g.rect.bottom);
        g.upright = !g.upright;
    }
    for g in &mut page.hidden {
        (g.x0, g.x1, g.top, g.bottom) = turn_box(g.x0, g.top, g.x1, g.bottom);
    }
    for r in &mut page.rulings {
        let (x0, x1, top, bottom) = turn_box(r.x0, r.top, r.x1, r.bottom);
        *r = Ruling { x0, x1, top, bottom, width: r.width };
    }
    (page.width, page.height) = (h, w);
    let which = match turn {
        Turn::Anticlockwise => "anticlockwise",
        Turn::Clockwise => "clockwise",
    };
    let diagnostic = Diagnostic::info(
        "pdf.page_turned",
        format!("page {}: its text is printed sideways; the page was read turned {which}", page.number),
    )
    .on_page(Some(page.number));
    (page, Some(diagnostic))
}

/// The way to turn the page when nearly all of its text is turned the same
/// way; `None` for an upright page.
fn turned_text(glyphs: &[Glyph]) -> Option<Turn> {
    let visible: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let turned: Vec<&Glyph> = visible.iter().copied().filter(|g| !g.upright && g.rect.height() > 0.0).collect();
    if turned.len() < MIN_TURNED || (turned.len() as f32) < TURNED_SHARE * visible.len() as f32 {
        return None;
    }
    // Consecutive glyphs on one turned line (nearly the same x centre):
    // does the next one lie below or above?
    let (mut down, mut up) = (0usize, 0usize);
    for pair in turned.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let size = a.size.abs().max(1.0);
        if (a.rect.center_x() - b.rect.center_x()).abs() > 0.3 * size {
            continue;
        }
        let dy = b.rect.center_y() - a.rect.center_y();
        if dy > 0.0 && dy < 3.0 * size {
            down += 1;
        } else if dy < 0.0 && -dy < 3.0 * size {
            up += 1;
        }
    }
    if down > 2 * up {
        Some(Turn::Anticlockwise)
    } else if up > 2 * down {
        Some(Turn::Clockwise)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;

    /// A line of `n` glyphs running down (or up) the page at x = 100.
    fn column(n: usize, down: bool) -> Vec<Glyph> {
        (0..n)
            .map(|k| {
                let y = if down { 100.0 + 10.0 * k as f32 } else { 700.0 - 10.0 * k as f32 };
                Glyph { text: "a".into(), rect: Rect { x0: 95.0, top: y, x1: 105.0, bottom: y + 10.0 }, size: 10.0, font: 0, upright: false }
            })
            .collect()
    }

    fn page(glyphs: Vec<Glyph>) -> PageContent {
        PageContent { number: 1, width: 600.0, height: 800.0, glyphs, ..Default::default() }
    }

    #[test]
    fn text_running_down_the_page_is_read_turned_anticlockwise() {
        let mut p = page(column(30, true));
        p.rulings.push(Ruling { x0: 50.0, top: 100.0, x1: 50.0, bottom: 400.0, width: 0.5 });
        let (turned, note) = to_reading_orientation(p);
        assert!(note.is_some());
        assert_eq!((turned.width, turned.height), (800.0, 600.0));
        // The first glyph is now at the left, the line runs to the right.
        let (a, b) = (&turned.glyphs[0], &turned.glyphs[1]);
        assert!(a.upright && a.rect.x0 < b.rect.x0 && (a.rect.top - b.rect.top).abs() < 0.01);
        assert_eq!((a.rect.x0, a.rect.top), (100.0, 495.0));
        // A vertical rule left of the text becomes a horizontal rule below it.
        let r = turned.rulings[0];
        assert_eq!((r.x0, r.x1, r.top, r.bottom), (100.0, 400.0, 550.0, 550.0));
    }

    #[test]
    fn text_running_up_is_read_turned_clockwise_and_upright_pages_stay() {
        let (turned, _) = to_reading_orientation(page(column(30, false)));
        let (a, b) = (&turned.glyphs[0], &turned.glyphs[1]);
        assert!(a.rect.x0 < b.rect.x0);
        let upright: Vec<Glyph> = column(30, true).into_iter().map(|g| Glyph { upright: true, ..g }).collect();
        let (same, note) = to_reading_orientation(page(upright.clone()));
        assert!(note.is_none());
        assert_eq!(same.glyphs, upright);
    }
}
