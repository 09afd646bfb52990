//! Cleaning a scan before recognition: red seals and stamps removed by
//! colour (the text under them kept), contrast normalised, a page lying on
//! its side turned upright, skew measured by projection profiles and undone.

use super::orientation;
use super::raster::{Gray, Raster};

/// Tuning of the clean-up, as data.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// A pixel is seal ink when its red channel exceeds both green and blue
    /// by this much: red and orange-red stamp inks, not grey or black text
    /// (whose channels stay within a few levels of each other, JPEG noise
    /// included).
    pub red_margin: i16,
    /// Below `red_margin`, from this margin up, a pixel is partly seal ink
    /// (the seal's edges, blurred by the scanner and JPEG's halved colour
    /// resolution) and is lifted towards paper in proportion.
    pub red_onset: i16,
    /// Percentiles of the grey histogram taken as ink and paper when
    /// stretching the contrast.
    pub ink_percentile: f32,
    pub paper_percentile: f32,
    /// Skew angles tried, in degrees either side of level (scanners feed
    /// sheets up to a few degrees off; more is a page turned on purpose).
    pub max_skew_deg: f32,
    /// Coarse step of the skew search, then refined to `fine_step_deg`.
    pub coarse_step_deg: f32,
    pub fine_step_deg: f32,
    /// Skews smaller than this are left alone (resampling blurs the text
    /// for nothing).
    pub min_skew_deg: f32,
    /// Whether the page lies on its side.
    pub orientation: orientation::Settings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            red_margin: 50,
            red_onset: 20,
            ink_percentile: 0.005,
            paper_percentile: 0.6,
            max_skew_deg: 3.0,
            coarse_step_deg: 0.2,
            fine_step_deg: 0.02,
            min_skew_deg: 0.05,
            orientation: orientation::Settings::default(),
        }
    }
}

/// What the clean-up did, for the diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cleaned {
    /// Pixels of red ink removed.
    pub seal_pixels: usize,
    /// The skew found and undone, in degrees (counter-clockwise positive).
    pub skew_deg: f32,
    /// Quarter turns clockwise given to the scan before anything else
    /// (1 when its text ran up the page; 0 upright).
    pub quarter_turns: u8,
}

/// The scan (at `px_per_pt` pixels per point) as clean grey: seal removed,
/// contrast stretched, turned a quarter clockwise when it lies on its side,
/// skew undone.
pub fn clean(raster: &Raster, px_per_pt: f32, settings: &Settings) -> (Gray, Cleaned) {
    let (gray, seal_pixels) = remove_red(raster, settings);
    let gray = normalise(&gray, settings);
    // The skew is measured on lines running across the page, so a page on
    // its side is turned first. Clockwise undoes a sheet whose text runs up
    // the page; one whose text runs down then reads upside down, which the
    // recogniser sees and turns (a half turn commutes with deskewing).
    let quarter_turns = u8::from(orientation::text_axis(&gray, px_per_pt, &settings.orientation).on_side);
    let gray = if quarter_turns > 0 { gray.turned(quarter_turns) } else { gray };
    let skew_deg = measure_skew(&gray, settings);
    let gray = if skew_deg.abs() >= settings.min_skew_deg { rotate(&gray, -skew_deg) } else { gray };
    (gray, Cleaned { seal_pixels, skew_deg, quarter_turns })
}

/// Grey from RGB, with red ink turned to paper: in a reddish pixel the red
/// channel is what the paper and the black text under the seal reflect (red
/// ink passes red light), so it stands for the pixel's grey — scaled so the
/// seal's own red over bare paper (the median red of the seal's pixels)
/// becomes white, and text under the seal keeps its darkness. Pixels only
/// partly red (the seal's blurred edges) are lifted in proportion.
pub fn remove_red(raster: &Raster, settings: &Settings) -> (Gray, usize) {
    let mut out = Gray::new(raster.width, raster.height, 255);
    let mut removed = 0;
    match raster.channels {
        3 => {
            let redness = |px: &[u8]| {
                let (r, g, b) = (i16::from(px[0]), i16::from(px[1]), i16::from(px[2]));
                (r - g).min(r - b)
            };
            // The seal's red over paper: the median red of its ink.
            let mut reds = [0usize; 256];
            for px in raster.data.chunks_exact(3) {
                if redness(px) > settings.red_margin {
                    reds[px[0] as usize] += 1;
                }
            }
            let count: usize = reds.iter().sum();
            let mut seen = 0;
            let paper_red = reds.iter().position(|&n| {
                seen += n;
                seen * 2 >= count
            });
            let paper_red = paper_red.map_or(255.0, |v| v.max(64) as f32);
            let span = f32::from((settings.red_margin - settings.red_onset).max(1));
            for (o, px) in out.data.iter_mut().zip(raster.data.chunks_exact(3)) {
                let (r, g, b) = (u32::from(px[0]), u32::from(px[1]), u32::from(px[2]));
                // ITU-R BT.601 luma, integer.
                let luma = ((299 * r + 587 * g + 114 * b) / 1000) as f32;
                let margin = redness(px);
                if margin <= settings.red_onset {
                    *o = luma as u8;
                    continue;
                }
                if margin > settings.red_margin {
                    removed += 1;
                }
                let share = (f32::from(margin - settings.red_onset) / span).min(1.0);
                let lifted = (r as f32 * 255.0 / paper_red).min(255.0);
                *o = (luma + share * (lifted - luma)).round().clamp(0.0, 255.0) as u8;
            }
        }
        _ => out.data.copy_from_slice(&raster.data[..raster.width * raster.height]),
    }
    (out, removed)
}

/// Stretches grey levels so the ink percentile becomes black and the paper
/// percentile white: a grey or yellowed paper and faded toner read alike.
pub fn normalise(gray: &Gray, settings: &Settings) -> Gray {
    let mut histogram = [0usize; 256];
    for &v in &gray.data {
        histogram[v as usize] += 1;
    }
    let total = gray.data.len().max(1) as f32;
    let level = |share: f32| {
        let mut seen = 0;
        for (v, &n) in histogram.iter().enumerate() {
            seen += n;
            if seen as f32 >= share * total {
                return v as f32;
            }
        }
        255.0
    };
    let (ink, paper) = (level(settings.ink_percentile), level(settings.paper_percentile));
    if paper - ink < 32.0 {
        // A blank or flat page: stretching would amplify noise only.
        return gray.clone();
    }
    let lut: Vec<u8> = (0..256).map(|v| (((v as f32 - ink) / (paper - ink)) * 255.0).clamp(0.0, 255.0) as u8).collect();
    Gray { width: gray.width, height: gray.height, data: gray.data.iter().map(|&v| lut[v as usize]).collect() }
}

/// Grey level below which a pixel counts as ink after normalisation.
pub const INK: u8 = 128;

/// The skew of the text lines in degrees (counter-clockwise positive): the
/// angle whose projection of the ink onto the vertical axis is sharpest
/// (sum of squared row counts), searched coarse then fine.
pub fn measure_skew(gray: &Gray, settings: &Settings) -> f32 {
    // Ink pixels on a sparse lattice: enough for a profile, cheap to turn.
    let step = (gray.width / 800).max(1);
    let points: Vec<(f32, f32)> = (0..gray.height)
        .step_by(step)
        .flat_map(|y| (0..gray.width).step_by(step).map(move |x| (x, y)))
        .filter(|&(x, y)| gray.get(x, y) < INK)
        .map(|(x, y)| (x as f32, y as f32))
        .collect();
    if points.len() < 100 {
        return 0.0;
    }
    let (cx, cy) = (gray.width as f32 / 2.0, gray.height as f32 / 2.0);
    let bins = gray.height + gray.width;
    let score = |deg: f32| -> f64 {
        let (s, c) = deg.to_radians().sin_cos();
        let mut rows = vec![0u32; bins / step + 2];
        for &(x, y) in &points {
            // y of the point's source under `rotate(.., deg)`: constant along
            // a text line turned by `deg`.
            let ry = (x - cx) * s + (y - cy) * c + bins as f32 / 2.0;
            if ry >= 0.0
                && let Some(r) = rows.get_mut(ry as usize / step) {
                    *r += 1;
                }
        }
        rows.iter().map(|&n| f64::from(n) * f64::from(n)).sum()
    };
    let search = |from: f32, to: f32, by: f32| -> f32 {
        let mut best = (f64::MIN, 0.0f32);
        let n = ((to - from) / by).round() as i32;
        for k in 0..=n {
            let deg = from + k as f32 * by;
            let s = score(deg);
            // Ties go to the smaller angle, so a level page stays level.
            if s > best.0 || (s == best.0 && deg.abs() < best.1.abs()) {
                best = (s, deg);
            }
        }
        best.1
    };
    let coarse = search(-settings.max_skew_deg, settings.max_skew_deg, settings.coarse_step_deg);
    search(coarse - settings.coarse_step_deg, coarse + settings.coarse_step_deg, settings.fine_step_deg)
}

/// `gray` turned by `deg` degrees counter-clockwise about its centre
/// (bilinear; white where the turned page has no pixel).
pub fn rotate(gray: &Gray, deg: f32) -> Gray {
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (gray.width as f32 / 2.0, gray.height as f32 / 2.0);
    let mut out = Gray::new(gray.width, gray.height, 255);
    for y in 0..gray.height {
        let dy = y as f32 - cy;
        for x in 0..gray.width {
            let dx = x as f32 - cx;
            // Source of the output pixel: the inverse turn. Image y grows
            // downwards, so counter-clockwise on screen is clockwise in maths.
            let sx = c * dx - s * dy + cx;
            let sy = s * dx + c * dy + cy;
            if sx < 0.0 || sy < 0.0 {
                continue;
            }
            if sx as usize + 1 >= gray.width || sy as usize + 1 >= gray.height {
                continue;
            }
            out.set(x, y, gray.sample(sx, sy));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of horizontal text-like bars, drawn turned by `deg`.
    fn bars(deg: f32) -> Gray {
        let mut g = Gray::new(600, 400, 255);
        for line in 0..8 {
            let y = 60 + line * 40;
            for x in 100..500 {
                for t in 0..8 {
                    g.set(x, y + t, 0);
                }
            }
        }
        rotate(&g, deg)
    }

    #[test]
    fn skew_is_measured_and_undone() {
        let settings = Settings::default();
        for deg in [-1.5f32, 0.7, 2.0] {
            let found = measure_skew(&bars(deg), &settings);
            assert!((found - deg).abs() < 0.1, "turned {deg}°, measured {found}°");
        }
        assert!(measure_skew(&bars(0.0), &settings).abs() < 0.05);
    }

    #[test]
    fn red_ink_becomes_paper_and_black_under_it_stays() {
        // Seal ink over paper (three pixels), black text, paper, text under
        // the seal's ink (dark red), a pink edge of the seal.
        let mut data = [215, 35, 40].repeat(3);
        data.extend([20, 5, 6, 250, 250, 250, 60, 8, 10, 225, 180, 182]);
        let raster = Raster { width: 7, height: 1, channels: 3, data };
        let (gray, removed) = remove_red(&raster, &Settings::default());
        assert_eq!(removed, 3);
        assert!(gray.data[0] >= 250, "seal ink reads as paper: {}", gray.data[0]);
        assert!(gray.data[3] < 30, "black text stays black: {}", gray.data[3]);
        assert!(gray.data[4] > 240);
        assert!(gray.data[5] < 90, "text under the seal stays dark: {}", gray.data[5]);
        assert!(gray.data[6] > 230, "the seal's edge is lifted towards paper: {}", gray.data[6]);
    }

    #[test]
    fn contrast_is_stretched() {
        let mut g = Gray::new(100, 10, 200);
        for x in 0..10 {
            g.set(x, 0, 90);
        }
        let n = normalise(&g, &Settings::default());
        assert_eq!(n.get(0, 0), 0);
        assert_eq!(n.get(50, 5), 255);
    }
}
