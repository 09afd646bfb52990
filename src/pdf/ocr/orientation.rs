//! Which way up a scan lies. A landscape sheet is fed sideways and a sheet
//! upside down as often as not; the scanner's image then holds the page
//! turned by a quarter or a half turn. Which axis the text lines run along
//! is read from the image itself — lines of text are separated by blank
//! leading that runs the whole length of the line, while the characters of
//! a line nearly touch and sit at different places from one line to the
//! next — so the blank share of the row profile is high and that of the
//! column profile low on an upright page, and the other way round on a page
//! lying on its side. Which end is up is left to the engine: text read
//! upside down reads with low confidence (see `super::recognise_page`).

use super::raster::Gray;

/// Tuning of the axis decision, as data.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Grey level below which a pixel is ink.
    pub ink_level: u8,
    /// A run of ink at least this long (points) is a ruling, not text, and
    /// is left out of the profiles: a table's rules would otherwise vote for
    /// their own direction, whatever the text does.
    pub rule_length_pt: f32,
    /// A row (column) of the profile holding less than this share of the
    /// fullest one's ink is blank (specks of noise and JPEG ringing).
    pub blank_share: f32,
    /// The page lies on its side only when its columns are blank this much
    /// more often than its rows (share points): a page whose profiles are
    /// alike stays as it is.
    pub margin: f32,
    /// Fewer ink pixels than this (after the rules are left out): no text to
    /// judge by, the page stays as it is.
    pub min_ink: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { ink_level: 128, rule_length_pt: 20.0, blank_share: 0.01, margin: 0.1, min_ink: 2000 }
    }
}

/// The axis the text lines of a scan run along.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// The text runs up or down the image: the page lies on its side.
    pub on_side: bool,
    /// Share of blank rows and of blank columns within the inked extent.
    pub blank_rows: f32,
    pub blank_cols: f32,
}

/// The axis of `gray`'s text lines, at `px_per_pt` pixels per point.
pub fn text_axis(gray: &Gray, px_per_pt: f32, settings: &Settings) -> Axis {
    let upright = Axis { on_side: false, blank_rows: 0.0, blank_cols: 0.0 };
    let (w, h) = (gray.width, gray.height);
    if w == 0 || h == 0 {
        return upright;
    }
    let ink = |x: usize, y: usize| gray.get(x, y) < settings.ink_level;
    let rule = ((settings.rule_length_pt * px_per_pt).round() as usize).max(2);
    // Pixels of long runs along rows, then along columns: rulings.
    let mut ruled = vec![false; w * h];
    mark_long_runs(w, h, ink, rule, |x, y| ruled[y * w + x] = true);
    mark_long_runs(h, w, |y, x| ink(x, y), rule, |y, x| ruled[y * w + x] = true);
    let (mut rows, mut cols) = (vec![0usize; h], vec![0usize; w]);
    let mut total = 0;
    for y in 0..h {
        for x in 0..w {
            if ink(x, y) && !ruled[y * w + x] {
                rows[y] += 1;
                cols[x] += 1;
                total += 1;
            }
        }
    }
    if total < settings.min_ink {
        return upright;
    }
    let (blank_rows, blank_cols) = (blank_share(&rows, settings), blank_share(&cols, settings));
    Axis { on_side: blank_cols > blank_rows + settings.margin, blank_rows, blank_cols }
}

/// Calls `mark(i, j)` for each pixel of a run of ink at least `min_len` long
/// along the major index `i` (0..`len`) in each of the `lines` lines `j`.
fn mark_long_runs(
    len: usize,
    lines: usize,
    ink: impl Fn(usize, usize) -> bool,
    min_len: usize,
    mut mark: impl FnMut(usize, usize),
) {
    for j in 0..lines {
        let mut start = None;
        for i in 0..=len {
            let inked = i < len && ink(i, j);
            match (inked, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s >= min_len {
                        (s..i).for_each(|k| mark(k, j));
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
}

/// The share of blank entries of `profile` between its first and last
/// inked ones.
fn blank_share(profile: &[usize], settings: &Settings) -> f32 {
    let Some(first) = profile.iter().position(|&n| n > 0) else { return 0.0 };
    let last = profile.iter().rposition(|&n| n > 0).unwrap_or(first);
    let fullest = profile.iter().copied().max().unwrap_or(0) as f32;
    let span = &profile[first..=last];
    let blank = span.iter().filter(|&&n| (n as f32) < settings.blank_share * fullest).count();
    blank as f32 / span.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of text-like lines: each line a row of square "characters"
    /// with small gaps, placed at a different offset from line to line (as
    /// punctuation and digits shift them), and one long table rule down the
    /// page.
    fn text_page() -> Gray {
        let mut g = Gray::new(400, 300, 255);
        for line in 0..8 {
            let y = 20 + line * 30;
            let offset = 20 + (line * 7) % 11;
            for ch in 0..30 {
                let x = offset + ch * 11;
                for dy in 0..10 {
                    for dx in 0..10 {
                        if (dx + dy + ch) % 3 != 0 {
                            g.set(x + dx, y + dy, 0);
                        }
                    }
                }
            }
        }
        for y in 10..290 {
            g.set(380, y, 0);
        }
        g
    }

    #[test]
    fn an_upright_page_stays_and_a_page_on_its_side_is_seen() {
        let settings = Settings { min_ink: 100, ..Settings::default() };
        let page = text_page();
        let axis = text_axis(&page, 1.0, &settings);
        assert!(!axis.on_side, "{axis:?}");
        for turns in [1, 3] {
            let axis = text_axis(&page.turned(turns), 1.0, &settings);
            assert!(axis.on_side, "{turns} quarter turn(s): {axis:?}");
        }
        assert!(!text_axis(&page.turned(2), 1.0, &settings).on_side);
        // A blank page: nothing to judge by.
        assert!(!text_axis(&Gray::new(50, 40, 255), 1.0, &settings).on_side);
    }
}
