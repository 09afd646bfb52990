//! Bilevel scans as fax software and office scanners store them in a PDF:
//! CCITT Group 3 (1D and 2D) and Group 4 through hayro-ccitt, JBIG2 (with
//! the PDF's `/JBIG2Globals`) through hayro-jbig2 — both pure Rust, kept
//! up by the hayro project — decoded in-process to 8-bit grey, 0 black and
//! 255 white, as the page shows them.

use super::raster::Raster;
use crate::budget;
use crate::error::{Error, Result};

/// The `/DecodeParms` of a `CCITTFaxDecode` stream (PDF 32000-1, table 11),
/// with the standard's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaxParams {
    /// `/K`: below 0 Group 4, 0 Group 3 one-dimensional, above 0 Group 3
    /// two-dimensional.
    pub k: i32,
    /// `/Columns`: pixels per row (default 1728, a fax line).
    pub columns: u32,
    /// `/Rows`: rows, or 0 when not given (the image's `/Height` stands).
    pub rows: u32,
    /// `/EndOfLine`: rows carry end-of-line codes.
    pub end_of_line: bool,
    /// `/EncodedByteAlign`: each row starts on a byte boundary.
    pub byte_align: bool,
    /// `/EndOfBlock`: the data may end with an end-of-block code.
    pub end_of_block: bool,
    /// `/BlackIs1`: black pixels are samples of 1 (else of 0).
    pub black_is_1: bool,
}

impl Default for FaxParams {
    fn default() -> Self {
        FaxParams {
            k: 0,
            columns: 1728,
            rows: 0,
            end_of_line: false,
            byte_align: false,
            end_of_block: true,
            black_is_1: false,
        }
    }
}

/// How an image's samples show on the page: whether a sample of 0 is
/// white rather than black (`/Decode [1 0]` on a grey image; on an
/// `/ImageMask`, a painted sample is 1 then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Polarity {
    pub zero_is_white: bool,
}

/// A CCITT-encoded image of `width` × `height` pixels (the image's `/Width`
/// and `/Height`; `/Columns` must equal the width). Rows that decode before
/// damaged data are kept, the rest left white, and the error says how many
/// were read; an image in which no row decodes is an error.
pub fn decode_ccitt(
    data: &[u8],
    params: &FaxParams,
    width: usize,
    height: usize,
    polarity: Polarity,
) -> Result<(Raster, Option<String>)> {
    let bad = |why: String| Error::corrupt(format!("a page image (CCITT fax) cannot be decoded ({why})"));
    if params.columns as usize != width {
        return Err(bad(format!("/Columns {} for an image {width} pixels wide", params.columns)));
    }
    budget::charge_usize(budget::Resource::DecodedBytes, width.saturating_mul(height))?;
    let settings = hayro_ccitt::DecodeSettings {
        columns: params.columns,
        // The image's height decides, as in other readers, when /Rows
        // disagrees with it.
        rows: u32::try_from(height).map_err(|_| bad("too many rows".into()))?,
        end_of_block: params.end_of_block,
        end_of_line: params.end_of_line,
        rows_are_byte_aligned: params.byte_align,
        encoding: match params.k {
            k if k < 0 => hayro_ccitt::EncodingMode::Group4,
            0 => hayro_ccitt::EncodingMode::Group3_1D,
            _ => hayro_ccitt::EncodingMode::Group3_2D,
        },
        strict: false,
    };
    // The pixel a run of encoded black shows as: black unless /BlackIs1
    // and the Decode array together make it white.
    let black_shows_white = params.black_is_1 != polarity.zero_is_white;
    let (black, white) = if black_shows_white { (255, 0) } else { (0, 255) };
    let mut rows = Rows { data: vec![white; width * height], width, black, decoded: 0 };
    let mut context = hayro_ccitt::DecoderContext::new(settings);
    let outcome = hayro_ccitt::decode(data, &mut rows, &mut context);
    let note = match outcome {
        Ok(_) if rows.decoded >= height => None,
        Ok(_) => Some(format!("its data ends after {} of {height} rows", rows.decoded)),
        Err(e) if rows.decoded > 0 => Some(format!("{e:?} after {} of {height} rows", rows.decoded)),
        Err(e) => return Err(bad(format!("{e:?}"))),
    };
    Ok((Raster { width, height, channels: 1, data: rows.data }, note))
}

/// Rows of a CCITT image written into grey pixels as they decode.
struct Rows {
    data: Vec<u8>,
    width: usize,
    black: u8,
    decoded: usize,
}

impl hayro_ccitt::Decoder for Rows {
    fn push_row(&mut self, changes: &[u32]) {
        let start = self.decoded * self.width;
        let Some(row) = self.data.get_mut(start..start + self.width) else { return };
        // Each row starts white; changes alternate black and white.
        for span in changes.chunks(2) {
            let x0 = (span[0] as usize).min(row.len());
            let x1 = span.get(1).map_or(row.len(), |&x| (x as usize).min(row.len()));
            row[x0..x1.max(x0)].fill(self.black);
        }
        self.decoded += 1;
    }
}

/// A JBIG2-encoded image (the embedded organisation PDF uses) with its
/// global segments, when the PDF gives them. Its size is the page
/// information segment's, which must be the image's `/Width` and
/// `/Height`; it is checked against `max_pixels` and charged to the budget
/// before anything that size is allocated.
pub fn decode_jbig2(
    data: &[u8],
    globals: Option<&[u8]>,
    (width, height): (usize, usize),
    max_pixels: usize,
    polarity: Polarity,
) -> Result<Raster> {
    let bad = |why: String| Error::corrupt(format!("a page image (JBIG2) cannot be decoded ({why})"));
    let settings = hayro_jbig2::DecodeSettings { strict: false };
    let globals = globals
        .map(|g| hayro_jbig2::Globals::new(g, &settings))
        .transpose()
        .map_err(|e| bad(format!("its /JBIG2Globals: {e:?}")))?;
    let page = hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings).map_err(|e| bad(format!("{e:?}")))?;
    let (w, h) = (page.width() as usize, page.height() as usize);
    if (w, h) != (width, height) {
        return Err(bad(format!("{w}×{h} pixels for an image of {width}×{height}")));
    }
    if w.saturating_mul(h) > max_pixels {
        return Err(bad(format!("{w}×{h} pixels, more than a page scan has")));
    }
    // The decoder's own bitmap (a bit a pixel) and ours (a byte).
    budget::charge_usize(budget::Resource::DecodedBytes, w * h + w * h / 8)?;
    // JBIG2 codes black as 1; PDF's JBIG2Decode gives black as a sample of 0.
    let (black, white) = if polarity.zero_is_white { (255, 0) } else { (0, 255) };
    let mut pixels = Pixels { data: vec![white; w * h], at: 0, black };
    page.decode(&mut pixels).map_err(|e| bad(format!("{e:?}")))?;
    Ok(Raster { width: w, height: h, channels: 1, data: pixels.data })
}

/// JBIG2 pixels written into grey as the decoder emits them, row by row.
struct Pixels {
    data: Vec<u8>,
    at: usize,
    black: u8,
}

impl Pixels {
    fn run(&mut self, black: bool, count: usize) {
        let end = (self.at + count).min(self.data.len());
        if black {
            self.data[self.at.min(end)..end].fill(self.black);
        }
        self.at = end;
    }
}

impl hayro_jbig2::Decoder for Pixels {
    fn push_pixel(&mut self, black: bool) {
        self.run(black, 1);
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        self.run(black, chunk_count as usize * 8);
    }

    fn next_line(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of 8 pixels coded in Group 3 1D (T.4 modified Huffman): white
    /// run 2 (0111), black run 3 (10), white run 3 (1000).
    const ROW: [u8; 2] = [0b0111_1010, 0b0000_0000];

    #[test]
    fn a_group3_row_decodes_to_its_runs() {
        let params = FaxParams { columns: 8, rows: 1, ..FaxParams::default() };
        let (raster, note) = decode_ccitt(&ROW, &params, 8, 1, Polarity::default()).unwrap();
        assert_eq!(raster.data, [255, 255, 0, 0, 0, 255, 255, 255]);
        assert_eq!(note, None);
        // /BlackIs1 true: the coded black run is a sample of 1, white on the page.
        let inverted = FaxParams { black_is_1: true, ..params };
        let (raster, _) = decode_ccitt(&ROW, &inverted, 8, 1, Polarity::default()).unwrap();
        assert_eq!(raster.data, [0, 0, 255, 255, 255, 0, 0, 0]);
        // ... and /Decode [1 0] turns it back.
        let (raster, _) = decode_ccitt(&ROW, &inverted, 8, 1, Polarity { zero_is_white: true }).unwrap();
        assert_eq!(raster.data, [255, 255, 0, 0, 0, 255, 255, 255]);
    }

    #[test]
    fn rows_past_the_data_are_white_and_said() {
        let params = FaxParams { columns: 8, ..FaxParams::default() };
        let (raster, note) = decode_ccitt(&ROW, &params, 8, 3, Polarity::default()).unwrap();
        assert_eq!(&raster.data[..8], [255, 255, 0, 0, 0, 255, 255, 255]);
        assert!(raster.data[8..].iter().all(|&p| p == 255));
        assert!(note.is_some_and(|n| n.contains("1 of 3 rows")));
    }

    #[test]
    fn columns_other_than_the_width_are_refused() {
        let params = FaxParams { columns: 16, ..FaxParams::default() };
        assert!(decode_ccitt(&ROW, &params, 8, 1, Polarity::default()).is_err());
    }

    #[test]
    fn jbig2_without_a_page_is_an_error() {
        assert!(decode_jbig2(b"", None, (8, 8), 1 << 20, Polarity::default()).is_err());
        assert!(decode_jbig2(&[0xFF; 64], Some(&[0; 8]), (8, 8), 1 << 20, Polarity::default()).is_err());
    }
}
