//! Shaded areas as rulings: the sides of a filled rectangle are where a
//! reader sees cell borders (a shaded header row, cells drawn as fills with
//! white gaps between them), so they become rulings of width 0 — unless the
//! rectangle lies inside an area already painted in the same colour, where
//! its sides cannot be seen (Word shades a paragraph, and each line of it,
//! inside a cell shaded the same colour).

use crate::pdf::page::Ruling;

/// How far (points) a rectangle may stick out of an area and still count as
/// inside it.
const INSIDE_TOLERANCE: f32 = 0.5;
/// Most shaded areas remembered on a page for the inside test; past it,
/// every further area's sides are rulings (a chart of thousands of bars).
const MAX_AREAS: usize = 4096;

/// The shaded areas painted so far on a page, with their colour operands.
#[derive(Debug, Default)]
pub struct Shading {
    areas: Vec<([f32; 4], Vec<f32>)>,
}

impl Shading {
    /// Records `rect` (`[x0, top, x1, bottom]`) painted in `colour` and
    /// pushes its four sides to `out` when they can be seen.
    pub fn paint(&mut self, rect: [f32; 4], colour: &[f32], out: &mut Vec<Ruling>) {
        let [x0, y0, x1, y1] = rect;
        let hidden = self.areas.iter().any(|(a, c)| {
            c.as_slice() == colour
                && a[0] - INSIDE_TOLERANCE <= x0
                && a[1] - INSIDE_TOLERANCE <= y0
                && x1 <= a[2] + INSIDE_TOLERANCE
                && y1 <= a[3] + INSIDE_TOLERANCE
        });
        if !hidden {
            out.extend([
                Ruling { x0, top: y0, x1, bottom: y0, width: 0.0 },
                Ruling { x0, top: y1, x1, bottom: y1, width: 0.0 },
                Ruling { x0, top: y0, x1: x0, bottom: y1, width: 0.0 },
                Ruling { x0: x1, top: y0, x1, bottom: y1, width: 0.0 },
            ]);
        }
        if self.areas.len() < MAX_AREAS {
            self.areas.push((rect, colour.to_vec()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_inside_one_of_the_same_colour_shows_no_sides() {
        let mut shading = Shading::default();
        let mut out = Vec::new();
        shading.paint([10.0, 10.0, 100.0, 40.0], &[1.0, 0.8, 0.6], &mut out);
        assert_eq!(out.len(), 4);
        // A paragraph's shading inside the cell, same colour: hidden.
        shading.paint([15.0, 10.0, 95.0, 25.0], &[1.0, 0.8, 0.6], &mut out);
        assert_eq!(out.len(), 4);
        // Another colour inside it shows.
        shading.paint([15.0, 25.0, 95.0, 40.0], &[0.5], &mut out);
        assert_eq!(out.len(), 8);
    }
}
