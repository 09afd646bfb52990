//! Page images as plain pixel buffers: 8-bit grey or RGB, row-major, and the
//! few operations the OCR stages need on them (crop, smoothing, scaling,
//! turning, PGM/PPM bytes). govdoc's `pdf::ocr::raster`.
//!
//! A crate of its own, without dependencies, only so that its pixel loops
//! are compiled optimised in debug builds too (the root Cargo.toml's
//! `[profile.dev.package.govdoc-raster]`): unoptimised, they took most of
//! the OCR tests' time.

/// An 8-bit image, one or three channels per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// 1 (grey) or 3 (RGB).
    pub channels: usize,
    pub data: Vec<u8>,
}

/// An 8-bit grey image (0 black, 255 white).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

impl Gray {
    pub fn new(width: usize, height: usize, fill: u8) -> Gray {
        Gray { width, height, data: vec![fill; width * height] }
    }

    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.width + x]
    }

    pub fn set(&mut self, x: usize, y: usize, v: u8) {
        self.data[y * self.width + x] = v;
    }

    /// The rectangle [x0, x1) × [y0, y1), clamped to the image.
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::new(x1 - x0, y1 - y0, 255);
        for y in y0..y1 {
            out.data[(y - y0) * out.width..(y - y0 + 1) * out.width]
                .copy_from_slice(&self.data[y * self.width + x0..y * self.width + x1]);
        }
        out
    }

    /// Paints the rectangle [x0, x1) × [y0, y1) white (clamped).
    pub fn blank(&mut self, x0: usize, y0: usize, x1: usize, y1: usize) {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        for y in y0.min(y1)..y1 {
            self.data[y * self.width + x0.min(x1)..y * self.width + x1].fill(255);
        }
    }

    /// `self` low-passed by a Gaussian of standard deviation `sigma` pixels
    /// (separable, the border pixels repeated past the edge); `sigma` below
    /// 0.1 leaves it as it is.
    pub fn smoothed(&self, sigma: f32) -> Gray {
        if sigma.is_nan() || sigma < 0.1 || self.width == 0 || self.height == 0 {
            return self.clone();
        }
        let (radius, weights) = gaussian_weights(sigma);
        let (w, h) = (self.width, self.height);
        // Each pass adds the weighted neighbours of a whole row at once, the
        // weights in order (so each pixel's sum is the same as one pixel at
        // a time), in plain loops: a scan page is millions of pixels, and
        // this runs in test builds too.
        let to_byte = |v: f32| v.round().clamp(0.0, 255.0) as u8;
        let mut sums = vec![0f32; w];
        // Across: each row with its end pixels repeated `radius` times.
        let mut across = vec![0u8; w * h];
        let mut padded = vec![0u8; w + 2 * radius];
        for y in 0..h {
            let row = &self.data[y * w..(y + 1) * w];
            padded[..radius].fill(row[0]);
            padded[radius..radius + w].copy_from_slice(row);
            padded[radius + w..].fill(row[w - 1]);
            sums.fill(0.0);
            for (k, &weight) in weights.iter().enumerate() {
                let shifted = &padded[k..k + w];
                for x in 0..w {
                    sums[x] += weight * f32::from(shifted[x]);
                }
            }
            for x in 0..w {
                across[y * w + x] = to_byte(sums[x]);
            }
        }
        // Down: each row from the rows above and below it, the edge rows
        // repeated.
        let mut down = vec![0u8; w * h];
        for y in 0..h {
            sums.fill(0.0);
            for (k, &weight) in weights.iter().enumerate() {
                let from = (y + k).saturating_sub(radius).min(h - 1);
                let source = &across[from * w..(from + 1) * w];
                for x in 0..w {
                    sums[x] += weight * f32::from(source[x]);
                }
            }
            for x in 0..w {
                down[y * w + x] = to_byte(sums[x]);
            }
        }
        Gray { width: w, height: h, data: down }
    }

    /// `self` with a white margin of `pad` pixels on every side: Tesseract
    /// reads a word that touches the image border badly.
    pub fn padded(&self, pad: usize) -> Gray {
        let mut out = Gray::new(self.width + 2 * pad, self.height + 2 * pad, 255);
        for y in 0..self.height {
            let start = (y + pad) * out.width + pad;
            out.data[start..start + self.width].copy_from_slice(&self.data[y * self.width..(y + 1) * self.width]);
        }
        out
    }

    /// `self` enlarged by `factor` (bilinear).
    pub fn scaled(&self, factor: f32) -> Gray {
        let (w, h) = ((self.width as f32 * factor).round() as usize, (self.height as f32 * factor).round() as usize);
        let mut out = Gray::new(w.max(1), h.max(1), 255);
        if self.width == 0 || self.height == 0 {
            return out;
        }
        for y in 0..out.height {
            let sy = ((y as f32 + 0.5) / factor - 0.5).clamp(0.0, (self.height - 1) as f32);
            for x in 0..out.width {
                let sx = ((x as f32 + 0.5) / factor - 0.5).clamp(0.0, (self.width - 1) as f32);
                out.set(x, y, self.sample(sx, sy));
            }
        }
        out
    }

    /// The grey at (`sx`, `sy`), interpolated bilinearly between the four
    /// pixels around it; the caller keeps the point inside the image.
    pub fn sample(&self, sx: f32, sy: f32) -> u8 {
        let (x0, y0) = (sx as usize, sy as usize);
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let p = |xx: usize, yy: usize| f32::from(self.get(xx, yy));
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        (top * (1.0 - fy) + bottom * fy).round() as u8
    }

    /// `self` turned `quarters` quarter turns clockwise (exactly: pixels
    /// moved, not resampled).
    pub fn turned(&self, quarters: u8) -> Gray {
        let (width, height, data) = turn_pixels(&self.data, (self.width, self.height), 1, quarters);
        Gray { width, height, data }
    }

    /// Binary PGM (P5) bytes, which Tesseract (Leptonica) reads.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }

    /// The bands of rows holding ink (pixels darker than `threshold`), top
    /// to bottom, as [start, end) rows: blank rows split them, a band lower
    /// than `min_height` rows (a speck, a stray dot) is left out.
    pub fn ink_bands(&self, threshold: u8, min_height: usize) -> Vec<(usize, usize)> {
        let mut bands = Vec::new();
        let mut start = None;
        for y in 0..=self.height {
            let inked =
                y < self.height && self.data[y * self.width..(y + 1) * self.width].iter().any(|&v| v < threshold);
            match (inked, start) {
                (true, None) => start = Some(y),
                (false, Some(s)) => {
                    if y - s >= min_height.max(1) {
                        bands.push((s, y));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        bands
    }

    /// How many pixels of [x0, x1) × [y0, y1) are darker than `threshold`.
    pub fn dark_in(&self, x0: usize, y0: usize, x1: usize, y1: usize, threshold: u8) -> usize {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        (y0.min(y1)..y1)
            .map(|y| {
                self.data[y * self.width + x0.min(x1)..y * self.width + x1].iter().filter(|&&v| v < threshold).count()
            })
            .sum()
    }
}

impl Raster {
    /// `self` turned `quarters` quarter turns clockwise (pixels moved, not
    /// resampled).
    pub fn turned(self, quarters: u8) -> Raster {
        if quarters.is_multiple_of(4) {
            return self;
        }
        let (width, height, data) = turn_pixels(&self.data, (self.width, self.height), self.channels, quarters);
        Raster { width, height, channels: self.channels, data }
    }
}

/// Pixels of `channels` bytes each, `size` (width, height), turned
/// `quarters` quarter turns clockwise: the new width, height and pixels.
fn turn_pixels(data: &[u8], (w, h): (usize, usize), channels: usize, quarters: u8) -> (usize, usize, Vec<u8>) {
    let pixel = |x: usize, y: usize| &data[(y * w + x) * channels..(y * w + x + 1) * channels];
    match quarters % 4 {
        0 => (w, h, data.to_vec()),
        2 => (w, h, data.chunks_exact(channels).rev().flatten().copied().collect()),
        q => {
            let mut out = vec![255; data.len()];
            for y in 0..h {
                for x in 0..w {
                    // Clockwise, the source's top-left goes to the top right.
                    let (nx, ny) = if q == 1 { (h - 1 - y, x) } else { (y, w - 1 - x) };
                    out[(ny * h + nx) * channels..(ny * h + nx + 1) * channels].copy_from_slice(pixel(x, y));
                }
            }
            (h, w, out)
        }
    }
}

/// Parses a binary PPM (P6) or PGM (P5) with maxval 255, as `pdftoppm` writes.
pub fn parse_pnm(bytes: &[u8]) -> Option<Raster> {
    let channels = match bytes.get(..2)? {
        b"P6" => 3,
        b"P5" => 1,
        _ => return None,
    };
    // Header: magic, width, height, maxval, separated by white space
    // (comments are not written by pdftoppm), then one white-space byte.
    let mut fields = Vec::with_capacity(3);
    let mut pos = 2;
    while fields.len() < 3 {
        while bytes.get(pos)?.is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while bytes.get(pos)?.is_ascii_digit() {
            pos += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..pos]).ok()?.parse::<usize>().ok()?);
    }
    pos += 1;
    let (width, height, maxval) = (fields[0], fields[1], fields[2]);
    if maxval != 255 {
        return None;
    }
    let len = width.checked_mul(height)?.checked_mul(channels)?;
    let data = bytes.get(pos..pos.checked_add(len)?)?.to_vec();
    Some(Raster { width, height, channels, data })
}

/// The radius (3σ, rounded up) and the weights, summing to 1, of a
/// Gaussian of standard deviation `sigma` pixels sampled at whole pixels.
fn gaussian_weights(sigma: f32) -> (usize, Vec<f32>) {
    let radius = (3.0 * sigma).ceil() as usize;
    let weights: Vec<f32> =
        (0..=2 * radius).map(|k| (-((k as f32 - radius as f32).powi(2)) / (2.0 * sigma * sigma)).exp()).collect();
    let total: f32 = weights.iter().sum();
    (radius, weights.iter().map(|w| w / total).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pnm_round_trip_and_crop() {
        let mut g = Gray::new(4, 3, 255);
        g.set(1, 1, 0);
        let parsed = parse_pnm(&g.to_pgm()).unwrap();
        assert_eq!((parsed.width, parsed.height, parsed.channels), (4, 3, 1));
        assert_eq!(parsed.data, g.data);
        let c = g.crop(1, 1, 3, 3);
        assert_eq!((c.width, c.height, c.get(0, 0)), (2, 2, 0));
        assert_eq!(g.dark_in(0, 0, 4, 3, 128), 1);
        assert_eq!(g.padded(2).dark_in(3, 3, 4, 4, 128), 1);
        assert!(parse_pnm(b"P6\n2 2\n65535\n").is_none());
        // Turned a quarter clockwise, the dark pixel (1, 1) of the 4×3 image
        // goes to (3 - 1 - 1, 1) of the 3×4 one; four quarters are no turn.
        let q = g.turned(1);
        assert_eq!((q.width, q.height, q.get(1, 1)), (3, 4, 0));
        assert_eq!(g.turned(3).get(1, 2), 0);
        assert_eq!(g.turned(2).get(2, 1), 0);
        assert_eq!(q.turned(3), g);
        // Two lines of ink three rows high and a one-row speck between.
        let mut lines = Gray::new(5, 12, 255);
        for y in (1..4).chain(9..12) {
            lines.set(2, y, 0);
        }
        lines.set(0, 6, 0);
        assert_eq!(lines.ink_bands(128, 2), vec![(1, 4), (9, 12)]);
        assert_eq!(lines.ink_bands(128, 1).len(), 3);
        assert!(parse_pnm(b"P6\n2 2\n255\n\x00").is_none());
    }

    #[test]
    fn smoothing_spreads_a_speck_and_keeps_flat_paper() {
        let mut g = Gray::new(9, 9, 255);
        g.set(4, 4, 0);
        let s = g.smoothed(1.0);
        // The speck is lifted towards the paper and spread to its neighbours,
        // symmetrically; paper far from it stays white; the sum is kept.
        assert!(s.get(4, 4) > 200 && s.get(3, 4) < 255 && s.get(3, 4) == s.get(5, 4) && s.get(4, 3) == s.get(4, 5));
        assert_eq!(s.get(0, 0), 255);
        let ink: u32 = s.data.iter().map(|&v| 255 - u32::from(v)).sum();
        assert!((250..=260).contains(&ink), "{ink}");
        assert_eq!(g.smoothed(0.0), g);
    }

    #[test]
    fn colour_rasters_turn_pixel_by_pixel() {
        // 2 × 1 RGB: red, then blue. A quarter clockwise: 1 × 2, red on top.
        let r = Raster { width: 2, height: 1, channels: 3, data: vec![255, 0, 0, 0, 0, 255] };
        let q = r.clone().turned(1);
        assert_eq!((q.width, q.height, q.data.clone()), (1, 2, vec![255, 0, 0, 0, 0, 255]));
        let h = r.clone().turned(2);
        assert_eq!(h.data, vec![0, 0, 255, 255, 0, 0]);
        assert_eq!(q.turned(3), r);
    }

    /// The smoothing is the Gaussian filter as defined, one pixel at a
    /// time, to the bit: the scan goldens depend on each pixel.
    #[test]
    fn smoothing_equals_the_filter_pixel_by_pixel() {
        let mut state = 12345u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        };
        for (w, h, sigma) in [(37, 23, 0.8f32), (5, 40, 1.18), (1, 1, 2.0), (64, 3, 3.0)] {
            let g = Gray { width: w, height: h, data: (0..w * h).map(|_| next()).collect() };
            let (radius, weights) = gaussian_weights(sigma);
            let pass = |src: &[u8], step: usize, len: usize, lines: usize, stride: usize| {
                let mut out = vec![0u8; src.len()];
                for line in 0..lines {
                    for i in 0..len {
                        let v: f32 = weights
                            .iter()
                            .enumerate()
                            .map(|(k, wt)| {
                                wt * f32::from(src[line * stride + (i + k).saturating_sub(radius).min(len - 1) * step])
                            })
                            .sum();
                        out[line * stride + i * step] = v.round().clamp(0.0, 255.0) as u8;
                    }
                }
                out
            };
            let across = pass(&g.data, 1, w, h, w);
            let expected = pass(&across, w, h, w, 1);
            assert_eq!(g.smoothed(sigma).data, expected, "{w}×{h}, σ {sigma}");
        }
    }
}
