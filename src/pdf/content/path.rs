//! Path construction (`m l c v y h re`) in page space and the ruling lines a
//! painted path yields.
//!
//! Stroked straight segments that are horizontal or vertical become rulings,
//! sides of stroked rectangles included. A thin filled rectangle (one side at
//! most [`MAX_THIN`] points, the other longer) becomes one ruling along its
//! middle: Word draws cell borders that way. Larger filled rectangles are
//! shaded areas ([`Path::shaded_rects`]); `shading` decides which of their
//! sides a reader sees. Clipping (`W n`) paints nothing, so a clip rectangle is never a
//! ruling. Invisible (white) paint yields no rulings.

use super::super::page::Ruling;
use super::shading::Shading;
use crate::budget::{self, Resource};
use crate::error::Result;

/// Thickest filled rectangle still taken for a line.
pub const MAX_THIN: f32 = 2.0;
/// How far from horizontal or vertical a segment may be (points).
const AXIS_TOLERANCE: f32 = 1.0;
/// Most segments one path may hold (a bigger one is noise, not a table).
const MAX_SEGMENTS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Segment {
    Line((f32, f32), (f32, f32)),
    Curve,
}

#[derive(Debug, Clone, Default)]
struct Subpath {
    start: (f32, f32),
    segments: Vec<Segment>,
    closed: bool,
}

/// The current path, in page space.
#[derive(Debug, Default)]
pub struct Path {
    subpaths: Vec<Subpath>,
    current: Option<(f32, f32)>,
    segments: usize,
}

impl Path {
    pub fn clear(&mut self) {
        self.subpaths.clear();
        self.current = None;
        self.segments = 0;
    }

    pub fn move_to(&mut self, p: (f32, f32)) {
        // A subpath that is only a point is dropped.
        if self.subpaths.last().is_some_and(|s| s.segments.is_empty()) {
            self.subpaths.pop();
        }
        self.subpaths.push(Subpath { start: p, segments: Vec::new(), closed: false });
        self.current = Some(p);
    }

    fn push(&mut self, seg: Segment, to: (f32, f32)) {
        if self.segments >= MAX_SEGMENTS {
            return;
        }
        if self.current.is_none() || self.subpaths.is_empty() {
            // A segment without a current point starts at its own end.
            self.move_to(to);
            return;
        }
        if let Some(sub) = self.subpaths.last_mut() {
            sub.segments.push(seg);
            self.segments += 1;
        }
        self.current = Some(to);
    }

    pub fn line_to(&mut self, p: (f32, f32)) {
        let from = self.current.unwrap_or(p);
        self.push(Segment::Line(from, p), p);
    }

    pub fn curve_to(&mut self, p: (f32, f32)) {
        self.push(Segment::Curve, p);
    }

    pub fn close(&mut self) {
        if let Some(sub) = self.subpaths.last_mut() {
            sub.closed = true;
            self.current = Some(sub.start);
        }
    }

    /// The page-space bounds of a path of straight segments; None when it
    /// is empty or has curves (only their end points are kept).
    pub fn bounds(&self) -> Option<[f32; 4]> {
        let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        let mut add = |(x, y): (f32, f32)| {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        };
        for sub in &self.subpaths {
            add(sub.start);
            for seg in &sub.segments {
                match seg {
                    Segment::Line(p, q) => {
                        add(*p);
                        add(*q);
                    }
                    Segment::Curve => return None,
                }
            }
        }
        (b[0] <= b[2] && b[1] <= b[3]).then_some(b)
    }

    /// `re`: a closed subpath of four sides; the corners come already
    /// transformed to page space, in drawing order.
    pub fn rect(&mut self, corners: [(f32, f32); 4]) {
        self.move_to(corners[0]);
        for corner in &corners[1..] {
            self.line_to(*corner);
        }
        self.line_to(corners[0]);
        self.close();
    }

    /// Paints the path: `stroke` with a line that wide (page units), closing
    /// every subpath first when `close_all` (`s`, `b`, `b*`); `fill` in that
    /// colour, its thin rectangles as rulings and the sides of its shaded
    /// areas as `shading` decides. The rulings go to `out` and are charged
    /// to the document's budget: a page may run millions of operators and
    /// each `re` can paint eight rulings.
    pub fn paint(
        &self,
        stroke: Option<f32>,
        close_all: bool,
        fill: Option<(&mut Shading, &[f32])>,
        out: &mut Vec<Ruling>,
    ) -> Result<()> {
        let before = out.len();
        if let Some(width) = stroke {
            self.stroke_rulings(width, close_all, out);
        }
        if let Some((shading, colour)) = fill {
            self.fill_rulings(out);
            for rect in self.shaded_rects() {
                shading.paint(rect, colour, out);
            }
        }
        budget::charge_usize(Resource::Graphics, out.len() - before)
    }

    /// Rulings from stroking the path with a line `width` wide (page units);
    /// `close_all` for `s`, `b`, `b*`, which close every subpath first.
    pub fn stroke_rulings(&self, width: f32, close_all: bool, out: &mut Vec<Ruling>) {
        for sub in &self.subpaths {
            for seg in &sub.segments {
                if let Segment::Line(p, q) = seg {
                    push_line(*p, *q, width, out);
                }
            }
            if (sub.closed || close_all)
                && let Some(end) = last_point(sub)
            {
                push_line(end, sub.start, width, out);
            }
        }
    }

    /// Rulings from filling the path: thin axis-aligned rectangles, reduced to
    /// their centre lines.
    /// The filled rectangles too thick to be a line: shaded areas, as
    /// `[x0, top, x1, bottom]`.
    pub fn shaded_rects(&self) -> Vec<[f32; 4]> {
        self.subpaths
            .iter()
            .filter_map(rectangle)
            .filter(|[x0, y0, x1, y1]| {
                (x1 - x0).min(y1 - y0) > MAX_THIN && (x1 - x0).is_finite() && (y1 - y0).is_finite()
            })
            .collect()
    }

    pub fn fill_rulings(&self, out: &mut Vec<Ruling>) {
        for sub in &self.subpaths {
            let Some([x0, y0, x1, y1]) = rectangle(sub) else { continue };
            let (w, h) = (x1 - x0, y1 - y0);
            let (thin, long) = if w >= h { (h, w) } else { (w, h) };
            if thin > MAX_THIN {
                continue;
            }
            if long <= thin {
                continue;
            }
            out.push(if w >= h {
                let y = (y0 + y1) / 2.0;
                Ruling { x0, top: y, x1, bottom: y, width: h }
            } else {
                let x = (x0 + x1) / 2.0;
                Ruling { x0: x, top: y0, x1: x, bottom: y1, width: w }
            });
        }
    }
}

fn last_point(sub: &Subpath) -> Option<(f32, f32)> {
    match sub.segments.last()? {
        Segment::Line(_, q) => Some(*q),
        Segment::Curve => None,
    }
}

/// A horizontal or vertical segment as a ruling; others are not table lines.
fn push_line(p: (f32, f32), q: (f32, f32), width: f32, out: &mut Vec<Ruling>) {
    let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
    if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
        return;
    }
    if dy <= AXIS_TOLERANCE && dx > dy {
        let y = (p.1 + q.1) / 2.0;
        out.push(Ruling { x0: p.0.min(q.0), top: y, x1: p.0.max(q.0), bottom: y, width });
    } else if dx <= AXIS_TOLERANCE && dy > dx {
        let x = (p.0 + q.0) / 2.0;
        out.push(Ruling { x0: x, top: p.1.min(q.1), x1: x, bottom: p.1.max(q.1), width });
    }
}

/// The bounds of a subpath that is an axis-aligned rectangle (four straight
/// sides, closed explicitly or implicitly).
fn rectangle(sub: &Subpath) -> Option<[f32; 4]> {
    let mut points = vec![sub.start];
    for seg in &sub.segments {
        match seg {
            Segment::Line(_, q) => points.push(*q),
            Segment::Curve => return None,
        }
    }
    // Drop a closing point equal to the start, and repeated points.
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
    if points.len() == 5 && (points[4].0 - points[0].0).abs() < 0.01 && (points[4].1 - points[0].1).abs() < 0.01 {
        points.pop();
    }
    if points.len() != 4 {
        return None;
    }
    let close = |a: f32, b: f32| (a - b).abs() <= 0.01;
    for i in 0..4 {
        let (p, q) = (points[i], points[(i + 1) % 4]);
        if !(close(p.0, q.0) || close(p.1, q.1)) {
            return None;
        }
    }
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().map(|p| p.1);
    let x0 = xs.clone().fold(f32::INFINITY, f32::min);
    let x1 = xs.fold(f32::NEG_INFINITY, f32::max);
    let y0 = ys.clone().fold(f32::INFINITY, f32::min);
    let y1 = ys.fold(f32::NEG_INFINITY, f32::max);
    [x0, y0, x1, y1].iter().all(|v| v.is_finite()).then_some([x0, y0, x1, y1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> [(f32, f32); 4] {
        [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    }

    #[test]
    fn stroked_segments_and_rect_sides() {
        let mut path = Path::default();
        path.move_to((10.0, 10.0));
        path.line_to((110.0, 10.0));
        path.line_to((110.0, 60.0));
        path.line_to((20.0, 80.0)); // diagonal: no ruling
        path.rect(rect(200.0, 200.0, 50.0, 20.0));
        let mut out = Vec::new();
        path.stroke_rulings(0.5, false, &mut out);
        assert_eq!(out.len(), 2 + 4);
        assert_eq!(out[0], Ruling { x0: 10.0, top: 10.0, x1: 110.0, bottom: 10.0, width: 0.5 });
        assert_eq!(out[1], Ruling { x0: 110.0, top: 10.0, x1: 110.0, bottom: 60.0, width: 0.5 });
    }

    /// `paint` strokes, fills and shades in one go and charges what it
    /// painted to the document's budget, naming the limit when it runs out.
    #[test]
    fn painting_charges_its_rulings_to_the_budget() {
        use crate::budget::{Limits, scope};
        let mut path = Path::default();
        path.rect(rect(10.0, 10.0, 100.0, 50.0)); // shaded area: four sides
        path.rect(rect(10.0, 70.0, 100.0, 0.5)); // thin: one ruling, its outline four
        let paint = |limit: u64, out: &mut Vec<Ruling>| {
            let mut shading = Shading::default();
            scope(Limits { graphics: limit, ..Limits::default() }, || {
                path.paint(Some(0.5), false, Some((&mut shading, &[0.5])), out)
            })
        };
        let mut out = Vec::new();
        paint(13, &mut out).unwrap();
        assert_eq!(out.len(), 8 + 1 + 4, "stroked sides, the thin fill, the shaded area's sides");
        let err = paint(12, &mut Vec::new()).unwrap_err();
        assert!(err.message.contains("more than 12 rulings and images"), "{}", err.message);
    }

    #[test]
    fn thin_filled_rect_is_a_ruling_background_is_not() {
        let mut path = Path::default();
        path.rect(rect(72.0, 100.0, 400.0, 0.5)); // border
        path.rect(rect(72.0, 100.0, 0.75, 200.0)); // vertical border
        path.rect(rect(72.0, 100.0, 400.0, 24.0)); // shaded background
        path.rect(rect(72.0, 100.0, 0.5, 0.5)); // corner square
        let mut out = Vec::new();
        path.fill_rulings(&mut out);
        assert_eq!(
            out,
            vec![
                Ruling { x0: 72.0, top: 100.25, x1: 472.0, bottom: 100.25, width: 0.5 },
                Ruling { x0: 72.375, top: 100.0, x1: 72.375, bottom: 300.0, width: 0.75 },
            ]
        );
    }

    #[test]
    fn polygon_rectangles_and_curves() {
        let mut path = Path::default();
        path.move_to((0.0, 0.0));
        path.line_to((100.0, 0.0));
        path.line_to((100.0, 1.0));
        path.line_to((0.0, 1.0));
        let mut out = Vec::new();
        path.fill_rulings(&mut out);
        assert_eq!(out.len(), 1, "implicitly closed m/l/l/l rectangle");
        let mut path = Path::default();
        path.move_to((0.0, 0.0));
        path.curve_to((100.0, 0.0));
        path.line_to((100.0, 1.0));
        let mut out = Vec::new();
        path.fill_rulings(&mut out);
        path.stroke_rulings(1.0, false, &mut out);
        assert_eq!(out.len(), 1, "only the straight vertical side");
        // Lines without a move.
        let mut path = Path::default();
        path.line_to((5.0, 5.0));
        path.line_to((50.0, 5.0));
        let mut out = Vec::new();
        path.stroke_rulings(1.0, false, &mut out);
        assert_eq!(out.len(), 1);
    }
}
