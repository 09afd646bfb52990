//! Ruling lines found in a cleaned scan — long straight runs of ink, level
//! or upright — and the cells they enclose. The lines become the page's
//! [`crate::pdf::page::Ruling`]s, so the vector table finder builds the
//! grid as it does for a born-digital page; the cells are where each value
//! is read on its own.

use super::raster::Gray;

/// Tuning of the line finder, in pixels per inch-independent units.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// A run of ink at least this long (points on the page) is a ruling:
    /// longer than any stroke of a character in body or heading sizes.
    pub min_length_pt: f32,
    /// Gaps in a run up to this many pixels are bridged (JPEG and noise eat
    /// single pixels out of a thin line).
    pub max_gap_px: usize,
    /// A line is at most this thick (points); thicker ink is a blot or a
    /// filled area, not a border.
    pub max_thickness_pt: f32,
    /// Runs in adjacent pixel rows whose ends lie this close (pixels) are
    /// one line; also the tolerance for lines meeting at a corner.
    pub join_px: usize,
    /// Grey level below which a pixel can belong to a ruling: lighter than
    /// the text threshold, since a 0.5 pt line scanned at 200 dpi is under
    /// two pixels wide and, blurred by the scanner, JPEG and deskewing,
    /// never reaches full black.
    pub ink_level: u8,
    /// A line that frames no cell is a ruling only from this length
    /// (points) up: a shorter one on its own is a stroke of a large
    /// character — a title in 二号 (22 pt) has strokes past
    /// [`Settings::min_length_pt`], a letterhead up to 初号 (42 pt) — while
    /// the lone rulings of a page (a three-line table's rules, a signature
    /// line, a letterhead's red line) are far longer.
    pub lone_min_length_pt: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_length_pt: 20.0,
            max_gap_px: 3,
            max_thickness_pt: 2.5,
            join_px: 6,
            ink_level: 200,
            lone_min_length_pt: 48.0,
        }
    }
}

/// A ruling in pixel space: a level one has `y0 == y1` (its centre row),
/// an upright one `x0 == x1`. `thickness` in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub thickness: f32,
}

impl Line {
    pub fn is_level(&self) -> bool {
        self.y0 == self.y1
    }
}

/// The level and upright rulings of `gray`, at `px_per_pt` pixels per
/// point.
pub fn find_lines(gray: &Gray, px_per_pt: f32, settings: &Settings) -> Vec<Line> {
    let min_len = (settings.min_length_pt * px_per_pt).round() as usize;
    let max_thick = (settings.max_thickness_pt * px_per_pt).ceil().max(2.0);
    let ink = settings.ink_level;
    let mut lines = runs_to_lines(
        &runs(gray.width, gray.height, |x, y| gray.get(x, y) < ink, min_len, settings),
        settings,
        max_thick,
    );
    let upright = runs_to_lines(
        &runs(gray.height, gray.width, |y, x| gray.get(x, y) < ink, min_len, settings),
        settings,
        max_thick,
    );
    lines.extend(upright.into_iter().map(|l| Line { x0: l.y0, y0: l.x0, x1: l.y1, y1: l.x1, thickness: l.thickness }));
    lines
}

/// Runs of ink along the major axis: for each row `r` of `rows`, the
/// `(start, end)` columns of runs at least `min_len` long.
fn runs(
    cols: usize,
    rows: usize,
    ink: impl Fn(usize, usize) -> bool,
    min_len: usize,
    settings: &Settings,
) -> Vec<Vec<(usize, usize)>> {
    (0..rows)
        .map(|r| {
            let mut out = Vec::new();
            let mut start: Option<usize> = None;
            let mut last_ink = 0;
            for c in 0..cols {
                if ink(c, r) {
                    if start.is_none() {
                        start = Some(c);
                    }
                    last_ink = c;
                } else if let Some(s) = start
                    && c - last_ink > settings.max_gap_px
                {
                    if last_ink + 1 - s >= min_len {
                        out.push((s, last_ink + 1));
                    }
                    start = None;
                }
            }
            if let Some(s) = start
                && last_ink + 1 - s >= min_len
            {
                out.push((s, last_ink + 1));
            }
            out
        })
        .collect()
}

/// Runs in consecutive rows that overlap grouped into lines (a line a few
/// pixels thick, or drifting a pixel over its length, is one line).
fn runs_to_lines(rows: &[Vec<(usize, usize)>], settings: &Settings, max_thick: f32) -> Vec<Line> {
    struct Open {
        start: usize,
        end: usize,
        first_row: usize,
        last_row: usize,
        /// Sum of row × length, for the centre row.
        weight: f64,
        ink: f64,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Open> = Vec::new();
    for (r, runs) in rows.iter().enumerate() {
        let mut next: Vec<Open> = Vec::new();
        for &(s, e) in runs {
            let len = (e - s) as f64;
            let joined = open
                .iter()
                .position(|o| o.last_row + 1 >= r && s < o.end + settings.join_px && e + settings.join_px > o.start);
            match joined {
                Some(k) => {
                    let mut o = open.swap_remove(k);
                    o.start = o.start.min(s);
                    o.end = o.end.max(e);
                    o.last_row = r;
                    o.weight += r as f64 * len;
                    o.ink += len;
                    next.push(o);
                }
                None => {
                    if let Some(o) =
                        next.iter_mut().find(|o| s < o.end + settings.join_px && e + settings.join_px > o.start)
                    {
                        o.start = o.start.min(s);
                        o.end = o.end.max(e);
                        o.weight += r as f64 * len;
                        o.ink += len;
                    } else {
                        next.push(Open {
                            start: s,
                            end: e,
                            first_row: r,
                            last_row: r,
                            weight: r as f64 * len,
                            ink: len,
                        });
                    }
                }
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    let mut lines: Vec<Line> = done
        .into_iter()
        .filter(|o| (o.last_row + 1 - o.first_row) as f32 <= max_thick)
        .map(|o| {
            let centre = (o.weight / o.ink) as f32 + 0.5;
            Line {
                x0: o.start as f32,
                y0: centre,
                x1: o.end as f32,
                y1: centre,
                thickness: (o.last_row + 1 - o.first_row) as f32,
            }
        })
        .collect();
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    lines
}

/// `lines` without the strokes of large characters: a line is kept when it
/// is a side of one of `cells` or at least [`Settings::lone_min_length_pt`]
/// long (at `px_per_pt` pixels per point).
pub fn without_strokes(lines: Vec<Line>, cells: &[Cell], px_per_pt: f32, settings: &Settings) -> Vec<Line> {
    let tol = settings.join_px as f32;
    let lone_min = settings.lone_min_length_pt * px_per_pt;
    let frames = |l: &Line| {
        cells.iter().any(|c| {
            if l.is_level() {
                let side = (l.y0 - c.top).abs() <= tol || (l.y0 - c.bottom).abs() <= tol;
                side && l.x0 < c.x1 - tol && l.x1 > c.x0 + tol
            } else {
                let side = (l.x0 - c.x0).abs() <= tol || (l.x0 - c.x1).abs() <= tol;
                side && l.y0 < c.bottom - tol && l.y1 > c.top + tol
            }
        })
    };
    lines.into_iter().filter(|l| (l.x1 - l.x0).max(l.y1 - l.y0) >= lone_min || frames(l)).collect()
}

/// A cell of a ruled grid, in pixels: the inside of four rulings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

/// The smallest rectangles framed by the lines on all four sides: from each
/// crossing as a top-left corner, the nearest crossing to the right along a
/// level line and below along an upright one that close a rectangle (the
/// way ruled-table finders read a grid; merged cells come out whole).
pub fn cells(lines: &[Line], settings: &Settings) -> Vec<Cell> {
    let tol = settings.join_px as f32;
    let level: Vec<&Line> = lines.iter().filter(|l| l.is_level()).collect();
    let upright: Vec<&Line> = lines.iter().filter(|l| !l.is_level()).collect();
    let covers_x = |h: &Line, x0: f32, x1: f32| h.x0 - tol <= x0 && h.x1 + tol >= x1;
    let covers_y = |v: &Line, y0: f32, y1: f32| v.y0 - tol <= y0 && v.y1 + tol >= y1;
    let mut out = Vec::new();
    for h in &level {
        for v in &upright {
            let (x, y) = (v.x0, h.y0);
            if !(covers_x(h, x, x) && covers_y(v, y, y)) {
                continue;
            }
            // Candidates to the right: uprights crossing this level line.
            let mut rights: Vec<&&Line> =
                upright.iter().filter(|r| r.x0 > x + tol && covers_x(h, x, r.x0) && covers_y(r, y, y)).collect();
            rights.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut belows: Vec<&&Line> =
                level.iter().filter(|b| b.y0 > y + tol && covers_y(v, y, b.y0) && covers_x(b, x, x)).collect();
            belows.sort_by(|a, b| a.y0.total_cmp(&b.y0));
            'found: for b in &belows {
                for r in &rights {
                    if covers_y(r, y, b.y0) && covers_x(b, x, r.x0) {
                        out.push(Cell { x0: x, top: y, x1: r.x0, bottom: b.y0 });
                        break 'found;
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 grid drawn 3 px thick, with a broken pixel in one line and
    /// a short stroke (text) that is no ruling.
    fn grid() -> Gray {
        let mut g = Gray::new(400, 300, 255);
        for y in [50usize, 150, 250] {
            for x in 50..351 {
                for t in 0..3 {
                    g.set(x, y + t, 0);
                }
            }
        }
        for x in [50usize, 200, 350] {
            for y in 50..253 {
                for t in 0..3 {
                    g.set(x + t, y, 0);
                }
            }
        }
        for t in 0..3 {
            g.set(120, 150 + t, 255);
        }
        for x in 80..95 {
            g.set(x, 100, 0);
        }
        g
    }

    #[test]
    fn a_drawn_grid_gives_its_lines_and_cells() {
        let settings = Settings::default();
        let lines = find_lines(&grid(), 1.0, &settings);
        assert_eq!(lines.iter().filter(|l| l.is_level()).count(), 3, "{lines:?}");
        assert_eq!(lines.iter().filter(|l| !l.is_level()).count(), 3, "{lines:?}");
        let cells = cells(&lines, &settings);
        assert_eq!(cells.len(), 4, "{cells:?}");
        assert!((cells[0].x0 - 51.5).abs() < 1.0 && (cells[0].top - 51.5).abs() < 1.0, "{:?}", cells[0]);
        assert!((cells[3].x1 - 351.5).abs() < 1.0 && (cells[3].bottom - 251.5).abs() < 1.0, "{:?}", cells[3]);
        assert_eq!(without_strokes(lines.clone(), &cells, 1.0, &settings), lines, "every line frames a cell");
    }

    /// The strokes of a 22 pt title at 300 dpi (a cross, as in 市, and a lone
    /// upright, as in 州: 85 px, past the 20 pt of a ruling) are no rulings;
    /// a long lone rule (a three-line table's) is one.
    #[test]
    fn strokes_of_large_characters_are_no_rulings() {
        let settings = Settings::default();
        let px_per_pt = 300.0 / 72.0;
        let mut g = Gray::new(1200, 400, 255);
        for t in 0..4 {
            for y in 100..185 {
                g.set(200 + t, y, 0);
                g.set(400 + t, y, 0);
            }
            for x in 360..445 {
                g.set(x, 130 + t, 0);
            }
            for x in 100..1100 {
                g.set(x, 300 + t, 0);
            }
        }
        let lines = find_lines(&g, px_per_pt, &settings);
        assert_eq!(lines.len(), 4, "the strokes are long enough to be taken for lines: {lines:?}");
        let cells = cells(&lines, &settings);
        assert!(cells.is_empty(), "{cells:?}");
        let kept = without_strokes(lines, &cells, px_per_pt, &settings);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].is_level() && kept[0].x1 - kept[0].x0 > 900.0, "{kept:?}");
    }
}
