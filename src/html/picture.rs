//! A web page's picture decoded to pixels for OCR, by its content (not its
//! name): JPEG (the scanned-PDF reader's decoder), PNG (`png`) and GIF
//! (`gif`, its first frame — what a browser shows before an animation
//! runs). Transparent pixels are laid on white, the page's background.
//! The size is read from the header first and charged to the document's
//! budget (decoded bytes) before any pixel is decoded; a PNG or GIF of more
//! than 16 M pixels is refused (a JPEG past a page scan's 80 M, as scans),
//! so a small hostile file cannot make the decoder hold hundreds of MB.

use std::io::Cursor;
use std::num::NonZeroU64;

use crate::budget::{self, Resource};
use crate::error::{Error, ErrorCode, Result};
use crate::pdf::ocr::raster::Raster;
use crate::pdf::ocr::source::decode_jpeg;

/// The most pixels of a PNG or GIF picture read: a table's screenshot at
/// 4000 × 4000 pixels is far larger than any portal publishes.
const MAX_PIXELS: usize = 16_000_000;

/// The picture formats read, told from their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Gif,
}

impl Kind {
    pub fn of(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(&[0xFF, 0xD8]) {
            Some(Kind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Kind::Gif)
        } else {
            None
        }
    }
}

/// The picture's pixels (grey or RGB); the inner error says why it cannot
/// be decoded (not a format read, damaged, too many pixels), the outer one
/// is the document's budget running out.
pub fn decode(bytes: &[u8]) -> Result<std::result::Result<Raster, String>> {
    let decoded = match Kind::of(bytes) {
        None => return Ok(Err("not a JPEG, PNG or GIF picture".to_string())),
        Some(Kind::Jpeg) => decode_jpeg(bytes),
        Some(Kind::Png) => decode_png(bytes),
        Some(Kind::Gif) => decode_gif(bytes),
    };
    match decoded {
        Ok(raster) => Ok(Ok(raster)),
        Err(e) if e.code == ErrorCode::TooLarge => Err(e),
        Err(e) => Ok(Err(e.message)),
    }
}


/// Refuses a picture of more pixels than a page scan has, and charges
/// the budget for the pixels about to be decoded (`channels` bytes each).
fn admit(width: usize, height: usize, channels: usize, format: &str) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::corrupt(format!("the {format} picture has no pixels")));
    }
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(Error::corrupt(format!(
            "the {format} picture has {width}×{height} pixels, more than a table's picture ({MAX_PIXELS})"
        )));
    }
    budget::charge_usize(Resource::DecodedBytes, width * height * channels)
}

fn decode_png(bytes: &[u8]) -> Result<Raster> {
    let bad = |e: png::DecodingError| Error::corrupt(format!("the PNG picture cannot be decoded ({e})"));
    let mut probe = png::Decoder::new(Cursor::new(bytes));
    let (width, height) = {
        let info = probe.read_header_info().map_err(bad)?;
        (info.width as usize, info.height as usize)
    };
    admit(width, height, 4, "PNG")?;
    let limits = png::Limits { bytes: MAX_PIXELS * 8 };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(bad)?;
    let size = reader.output_buffer_size().ok_or_else(|| Error::corrupt("the PNG picture is too large"))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(bad)?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(Error::corrupt("the PNG picture's palette was not expanded")),
    };
    let (width, height) = (frame.width as usize, frame.height as usize);
    let rows = buffer.chunks(frame.line_size).take(height);
    let pixels = rows.flat_map(|row| row[..width * channels].chunks_exact(channels));
    Ok(on_white(pixels, width, height, channels))
}

fn decode_gif(bytes: &[u8]) -> Result<Raster> {
    let bad = |e: gif::DecodingError| Error::corrupt(format!("the GIF picture cannot be decoded ({e})"));
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let limit = NonZeroU64::new(MAX_PIXELS as u64 * 4).unwrap_or(NonZeroU64::MIN);
    options.set_memory_limit(gif::MemoryLimit::Bytes(limit));
    let mut decoder = options.read_info(Cursor::new(bytes)).map_err(bad)?;
    let (width, height) = (usize::from(decoder.width()), usize::from(decoder.height()));
    admit(width, height, 3, "GIF")?;
    let frame = decoder.next_frame_info().map_err(bad)?.ok_or_else(|| Error::corrupt("the GIF picture has no frame"))?;
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    let (frame_width, frame_height) = (usize::from(frame.width), usize::from(frame.height));
    admit(frame_width, frame_height, 4, "GIF")?;
    let mut pixels = vec![0; decoder.buffer_size()];
    decoder.read_into_buffer(&mut pixels).map_err(bad)?;
    // The first frame on the logical screen, white where it does not reach.
    let mut rgb = vec![255u8; width * height * 3];
    for (y, row) in pixels.chunks_exact(frame_width * 4).take(frame_height).enumerate() {
        let Some(y) = (top + y < height).then_some(top + y) else { break };
        for (x, pixel) in row.chunks_exact(4).enumerate() {
            if left + x < width {
                let at = (y * width + left + x) * 3;
                let [r, g, b, a] = [pixel[0], pixel[1], pixel[2], pixel[3]];
                rgb[at..at + 3].copy_from_slice(&[over_white(r, a), over_white(g, a), over_white(b, a)]);
            }
        }
    }
    Ok(Raster { width, height, channels: 3, data: rgb })
}

/// A colour value with opacity `alpha` laid on white.
fn over_white(value: u8, alpha: u8) -> u8 {
    let (v, a) = (u32::from(value), u32::from(alpha));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

/// Pixels of 1–4 channels (grey, grey + alpha, RGB, RGBA) as a grey or RGB
/// raster, transparency laid on white.
fn on_white<'p>(pixels: impl Iterator<Item = &'p [u8]>, width: usize, height: usize, channels: usize) -> Raster {
    let grey = channels <= 2;
    let mut data = Vec::with_capacity(width * height * if grey { 1 } else { 3 });
    for pixel in pixels {
        match *pixel {
            [v] => data.push(v),
            [v, a] => data.push(over_white(v, a)),
            [r, g, b] => data.extend([r, g, b]),
            [r, g, b, a] => data.extend([over_white(r, a), over_white(g, a), over_white(b, a)]),
            _ => {}
        }
    }
    Raster { width, height, channels: if grey { 1 } else { 3 }, data }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, color: png::ColorType, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(pixels).unwrap();
        writer.finish().unwrap();
        out
    }

    fn decoded(bytes: &[u8]) -> Raster {
        budget::scope(budget::Limits::default(), || decode(bytes)).unwrap().unwrap()
    }

    #[test]
    fn png_pixels_grey_rgb_and_transparency_on_white() {
        let grey = decoded(&png(2, 1, png::ColorType::Grayscale, &[0, 200]));
        assert_eq!((grey.width, grey.height, grey.channels, grey.data), (2, 1, 1, vec![0, 200]));
        // Black fully opaque, black fully transparent, black half covered.
        let rgba = decoded(&png(3, 1, png::ColorType::Rgba, &[0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128]));
        assert_eq!((rgba.channels, rgba.data), (3, vec![0, 0, 0, 255, 255, 255, 127, 127, 127]));
        let grey_alpha = decoded(&png(1, 2, png::ColorType::GrayscaleAlpha, &[10, 255, 10, 0]));
        assert_eq!(grey_alpha.data, vec![10, 255]);
    }

    /// A 3×2 GIF: a palette of black and white, its second colour
    /// transparent, drawn as a 2×1 frame at (1, 1) on the logical screen.
    fn gif() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = gif::Encoder::new(&mut out, 3, 2, &[0, 0, 0, 255, 255, 255]).unwrap();
            let mut frame = gif::Frame::from_indexed_pixels(2, 1, vec![0, 1], Some(1));
            (frame.left, frame.top) = (1, 1);
            encoder.write_frame(&frame).unwrap();
        }
        out
    }

    #[test]
    fn gif_first_frame_on_its_screen() {
        let raster = decoded(&gif());
        assert_eq!((raster.width, raster.height, raster.channels), (3, 2, 3));
        let grey: Vec<u8> = raster.data.chunks(3).map(|p| p[0]).collect();
        assert_eq!(grey, vec![255, 255, 255, 255, 0, 255]);
    }

    #[test]
    fn damaged_huge_and_unknown_pictures_say_why() {
        let why = |bytes: &[u8]| budget::scope(budget::Limits::default(), || decode(bytes)).unwrap().unwrap_err();
        assert!(why(b"BM not a picture we read").contains("not a JPEG, PNG or GIF"));
        let mut truncated = png(4, 4, png::ColorType::Rgb, &[0; 48]);
        truncated.truncate(truncated.len() - 20);
        assert!(why(&truncated).contains("PNG"), "{}", why(&truncated));
        // A header claiming 60000×60000 pixels is refused before decoding.
        let mut huge = gif();
        huge[6..10].copy_from_slice(&[0x60, 0xEA, 0x60, 0xEA]);
        assert!(why(&huge).contains("more than a table's picture"), "{}", why(&huge));
        // A PNG header claiming 5000×5000 pixels with nothing behind it.
        let mut header = png(1, 1, png::ColorType::Rgba, &[0; 4]);
        header[16..24].copy_from_slice(&[0, 0, 0x13, 0x88, 0, 0, 0x13, 0x88]);
        assert!(why(&header).contains("PNG"), "{}", why(&header));
        // Within MAX_PIXELS but over a small budget: too large, an error.
        let limits = budget::Limits { decoded_bytes: 10, ..budget::Limits::default() };
        let error = budget::scope(limits, || decode(&gif())).unwrap_err();
        assert_eq!(error.code, ErrorCode::TooLarge);
    }
}
