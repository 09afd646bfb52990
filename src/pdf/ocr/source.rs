//! Where a page's scan comes from: the image XObject that covers the page,
//! decoded as stored (DCT through zune-jpeg; JPX through hayro-jpeg2000;
//! Flate or unfiltered 8-bit grey
//! or RGB, and 1-bit bilevel, through the PDF's own stream decoder; CCITT
//! fax and JBIG2 through [`super::bilevel`]), or else the page rendered by
//! poppler's `pdftoppm` when it is installed.

use lopdf::Object;
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::bilevel::{self, FaxParams, Polarity};
use super::raster::{Raster, parse_pnm};
use crate::budget;
use crate::error::{Error, ErrorCode, Result};
use crate::pdf::document::PdfDocument;
use crate::pdf::page::{ImagePlacement, PageContent};

/// An image covering at least this share of the page's area is the page's
/// scan (scanners and their PDF software place one image over the whole
/// page; a logo or a photo in a digital page covers far less).
pub const COVER_SHARE: f32 = 0.8;

/// Resolution at which a page is rendered when its scan cannot be taken
/// from the file: enough for 10.5 pt text and digits in table cells.
pub const RENDER_DPI: u32 = 300;

/// The largest image on a page pixel count, for the budget: an A3 page at
/// 600 dpi in colour is ~200 MB.
const MAX_PIXELS: usize = 80_000_000;

/// A page's scan and where it lies on the page.
#[derive(Debug, Clone)]
pub struct PageImage {
    pub raster: Raster,
    /// The page-space rectangle the image fills (x0, top, x1, bottom).
    pub placement: [f32; 4],
    /// Where it came from, for the diagnostics: "DCT image 2481×3508".
    pub origin: String,
}

/// The image XObject that covers `page`, if one does.
pub fn covering_image(page: &PageContent) -> Option<ImagePlacement> {
    let area = page.width * page.height;
    page.placements
        .iter()
        .filter(|p| p.quarters.is_some() && p.object.is_some())
        .filter(|p| {
            let w = (p.x1.min(page.width) - p.x0.max(0.0)).max(0.0);
            let h = (p.bottom.min(page.height) - p.top.max(0.0)).max(0.0);
            w * h >= COVER_SHARE * area
        })
        .max_by(|a, b| ((a.x1 - a.x0) * (a.bottom - a.top)).total_cmp(&((b.x1 - b.x0) * (b.bottom - b.top))))
        .copied()
}

/// What the file gives for a page's scan.
#[derive(Debug)]
pub enum Taken {
    /// The scan, decoded; with a note when part of it was damaged (rows past
    /// the damage left white).
    Decoded(PageImage, Option<String>),
    /// An image covers the page but cannot be taken from the file: its
    /// encoding or colour space is one govdoc does not decode (`damaged`
    /// false) or its data is damaged (true). The page is rendered instead.
    Undecoded { image: String, why: String, damaged: bool },
    /// No image covers the page (or it is not an image stream): render it.
    NoImage,
}

/// The scan of `page` taken from the file, when an image covers the page and
/// its encoding is one we decode: DCT (JPEG), JPX (JPEG 2000), Flate/LZW/RunLength or
/// unfiltered 8-bit grey or RGB and 1-bit grey or image masks, CCITT fax
/// (Group 3 1D/2D, Group 4) and JBIG2. Errors only when the budget runs out.
pub fn from_file(pdf: &PdfDocument, page: &PageContent) -> Result<Taken> {
    let Some(placement) = covering_image(page) else { return Ok(Taken::NoImage) };
    let Some((num, generation)) = placement.object else { return Ok(Taken::NoImage) };
    let reference = Object::Reference((num, generation));
    let Some(Object::Stream(stream)) = pdf.resolve(&reference) else { return Ok(Taken::NoImage) };
    let dict = &stream.dict;
    let int = |key: &[u8]| pdf.get(dict, key).and_then(|o| pdf.number(o)).map(|v| v as usize);
    let (width, height) = (int(b"Width").unwrap_or(0), int(b"Height").unwrap_or(0));
    let filters: Vec<Vec<u8>> = match pdf.get(dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(items)) => items.iter().filter_map(|o| pdf.name(o).map(<[u8]>::to_vec)).collect(),
        _ => Vec::new(),
    };
    let kind = filters
        .first()
        .map_or("raw".to_string(), |f| String::from_utf8_lossy(f).trim_end_matches("Decode").to_string());
    let described = format!("{kind} image {width}×{height}");
    let undecoded = |why: &str, damaged: bool| Taken::Undecoded { image: described.clone(), why: why.into(), damaged };
    if width == 0 || height == 0 {
        return Ok(undecoded("it has no /Width or /Height", true));
    }
    if width.saturating_mul(height) > MAX_PIXELS {
        return Ok(undecoded("it has more pixels than a page scan", false));
    }
    let rect = [placement.x0, placement.top, placement.x1, placement.bottom];
    let bits = int(b"BitsPerComponent").unwrap_or(8);
    let mask = matches!(pdf.get(dict, b"ImageMask"), Some(Object::Boolean(true)));
    let components = if mask { Some(1) } else { colour_components(pdf, dict) };
    let bilevel = components == Some(1) && (mask || bits == 1);
    let polarity = Polarity { zero_is_white: decode_inverted(pdf, dict) };
    let parms = decode_parms(pdf, dict);
    let decoded = match filters.iter().map(Vec::as_slice).collect::<Vec<_>>().as_slice() {
        [b"DCTDecode"] => decode_jpeg(&stream.content).map(|r| (r, None)),
        [b"JPXDecode"] => match decode_jpx(&stream.content) {
            Ok(Some(raster)) => Ok((raster, None)),
            Ok(None) => return Ok(undecoded("its colour space is not grey or RGB", false)),
            Err(e) => Err(e),
        },
        [] | [b"FlateDecode"] | [b"LZWDecode"] | [b"RunLengthDecode"] => {
            let Some(components) = components else {
                return Ok(undecoded("its colour space is not grey or RGB", false));
            };
            let data = match pdf.stream_data(stream) {
                Ok(data) => data,
                Err(e) if e.code == ErrorCode::Corrupt => return Ok(undecoded(&e.message, true)),
                Err(e) => return Err(e),
            };
            let bits = if mask { 1 } else { bits };
            match unpack(&data, width, height, components, bits, polarity) {
                Some(r) => Ok((r, None)),
                None if data.len() < width * height * components * bits / 8 => {
                    return Ok(undecoded("its data is shorter than its size", true));
                }
                None => return Ok(undecoded(&format!("{bits} bits per sample are not decoded"), false)),
            }
        }
        [b"CCITTFaxDecode"] if bilevel => {
            let params = fax_params(pdf, parms);
            bilevel::decode_ccitt(&stream.content, &params, width, height, polarity)
        }
        [b"JBIG2Decode"] if bilevel => {
            let globals = parms.and_then(|p| pdf.get(p, b"JBIG2Globals")).and_then(|g| match g {
                Object::Stream(s) => Some(pdf.stream_data(s)),
                _ => None,
            });
            let globals = match globals.transpose() {
                Ok(g) => g,
                Err(e) if e.code == ErrorCode::Corrupt => return Ok(undecoded(&e.message, true)),
                Err(e) => return Err(e),
            };
            bilevel::decode_jbig2(&stream.content, globals.as_deref(), (width, height), MAX_PIXELS, polarity)
                .map(|r| (r, None))
        }
        [b"CCITTFaxDecode" | b"JBIG2Decode"] => {
            return Ok(undecoded("a bilevel encoding in a colour space other than grey", false));
        }
        _ => return Ok(undecoded("govdoc does not decode its encoding", false)),
    };
    let (raster, note) = match decoded {
        // As shown on the page: a scan drawn turned (a page with /Rotate) is
        // turned with it.
        Ok((raster, note)) => (raster.turned(placement.quarters.unwrap_or(0)), note),
        Err(e) if e.code == ErrorCode::Corrupt => return Ok(undecoded(&e.message, true)),
        Err(e) => return Err(e),
    };
    Ok(Taken::Decoded(
        PageImage { origin: format!("{kind} image {}×{} in the file", raster.width, raster.height), raster, placement: rect },
        note,
    ))
}

/// The `/DecodeParms` dictionary of an image with one filter (the first of
/// an array, as `/Filter` then holds one name).
fn decode_parms<'a>(pdf: &'a PdfDocument, dict: &'a lopdf::Dictionary) -> Option<&'a lopdf::Dictionary> {
    match pdf.get(dict, b"DecodeParms")? {
        Object::Array(items) => pdf.dict(items.first()?),
        other => pdf.dict(other),
    }
}

/// A `CCITTFaxDecode` stream's parameters, the standard's defaults where
/// absent.
fn fax_params(pdf: &PdfDocument, parms: Option<&lopdf::Dictionary>) -> FaxParams {
    let default = FaxParams::default();
    let Some(parms) = parms else { return default };
    let int = |key: &[u8]| pdf.get(parms, key).and_then(|o| pdf.number(o));
    let flag = |key: &[u8], default: bool| match pdf.get(parms, key) {
        Some(Object::Boolean(b)) => *b,
        _ => default,
    };
    FaxParams {
        k: int(b"K").map_or(default.k, |k| k as i32),
        columns: int(b"Columns").filter(|&c| c > 0.0).map_or(default.columns, |c| c as u32),
        rows: int(b"Rows").filter(|&r| r > 0.0).map_or(default.rows, |r| r as u32),
        end_of_line: flag(b"EndOfLine", default.end_of_line),
        byte_align: flag(b"EncodedByteAlign", default.byte_align),
        end_of_block: flag(b"EndOfBlock", default.end_of_block),
        black_is_1: flag(b"BlackIs1", default.black_is_1),
    }
}

/// Whether the image's `/Decode` array maps a sample of 0 to its top value
/// (`[1 0]`: on a grey image 0 is white, on an image mask 1 is painted).
fn decode_inverted(pdf: &PdfDocument, dict: &lopdf::Dictionary) -> bool {
    let Some(Object::Array(items)) = pdf.get(dict, b"Decode") else { return false };
    match (items.first().and_then(|o| pdf.number(o)), items.get(1).and_then(|o| pdf.number(o))) {
        (Some(d0), Some(d1)) => d0 > d1,
        _ => false,
    }
}

/// 1 for DeviceGray (or an ICC profile with one component), 3 for
/// DeviceRGB (or three); None for anything else (CMYK, indexed, separation).
fn colour_components(pdf: &PdfDocument, dict: &lopdf::Dictionary) -> Option<usize> {
    let space = pdf.get(dict, b"ColorSpace")?;
    if let Some(name) = pdf.name(space) {
        return match name {
            b"DeviceGray" | b"G" => Some(1),
            b"DeviceRGB" | b"RGB" => Some(3),
            _ => None,
        };
    }
    let items = space.as_array().ok()?;
    if pdf.name(items.first()?)? != b"ICCBased" {
        return None;
    }
    let Some(Object::Stream(icc)) = pdf.resolve(items.get(1)?) else { return None };
    match pdf.get(&icc.dict, b"N").and_then(|o| pdf.number(o))? as usize {
        n @ (1 | 3) => Some(n),
        _ => None,
    }
}

/// Samples of an unfiltered (or Flate-decoded) image as 8-bit pixels: 8-bit
/// grey/RGB as is, 1-bit grey spread to 0/255 (swapped when `polarity` says
/// a sample of 0 shows white).
fn unpack(data: &[u8], width: usize, height: usize, components: usize, bits: usize, polarity: Polarity) -> Option<Raster> {
    match (components, bits) {
        (1 | 3, 8) => {
            let len = width * height * components;
            Some(Raster { width, height, channels: components, data: data.get(..len)?.to_vec() })
        }
        (1, 1) => {
            let stride = width.div_ceil(8);
            let rows = data.get(..stride * height)?;
            let mut out = Vec::with_capacity(width * height);
            for row in rows.chunks_exact(stride) {
                let one = row_sample_value(polarity);
                out.extend((0..width).map(|x| if row[x / 8] & (0x80 >> (x % 8)) != 0 { one } else { 255 - one }));
            }
            Some(Raster { width, height, channels: 1, data: out })
        }
        _ => None,
    }
}

/// The grey a 1-bit sample of 1 shows as.
fn row_sample_value(polarity: Polarity) -> u8 {
    if polarity.zero_is_white { 0 } else { 255 }
}

/// A JPEG's pixels, grey when it has one component, RGB otherwise. The size
/// is the JPEG's own (its header, not the PDF's /Width and /Height, says
/// what is decoded), charged to the budget before decoding; past
/// [`MAX_PIXELS`] it is refused.
pub fn decode_jpeg(bytes: &[u8]) -> Result<Raster> {
    let bad = |e: String| Error::corrupt(format!("a page image (JPEG) cannot be decoded ({e})"));
    let mut probe = JpegDecoder::new(ZCursor::new(bytes));
    probe.decode_headers().map_err(|e| bad(format!("{e:?}")))?;
    let (w, h) = probe.dimensions().ok_or_else(|| bad("no header".into()))?;
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(bad(format!("{w}×{h} pixels, more than a page scan has")));
    }
    budget::charge_usize(budget::Resource::DecodedBytes, w * h * 3)?;
    let grey = matches!(probe.input_colorspace(), Some(ColorSpace::Luma));
    let out = if grey { ColorSpace::Luma } else { ColorSpace::RGB };
    let options = DecoderOptions::default().jpeg_set_out_colorspace(out).set_max_width(1 << 15).set_max_height(1 << 15);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let data = decoder.decode().map_err(|e| bad(format!("{e:?}")))?;
    let info = decoder.info().ok_or_else(|| bad("no header".into()))?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    let channels = if grey { 1 } else { 3 };
    if data.len() < width * height * channels {
        return Err(bad("short pixel data".into()));
    }
    Ok(Raster { width, height, channels, data })
}

/// A JPEG 2000 image's pixels (`/JPXDecode`: a JP2 file or a bare
/// codestream, decoded by hayro-jpeg2000), grey when it has one colour
/// channel and RGB with three; an alpha channel is laid on white paper. As
/// for a JPEG, the size is the image's own, charged to the budget before
/// decoding (the decoder holds each channel as 32-bit samples), and past
/// [`MAX_PIXELS`] it is refused. `None` for other colour spaces (CMYK, …).
pub fn decode_jpx(bytes: &[u8]) -> Result<Option<Raster>> {
    use hayro_jpeg2000::{ColorSpace as JpxSpace, DecodeSettings, DecoderContext, Image};
    let bad = |e: String| Error::corrupt(format!("a page image (JPEG 2000) cannot be decoded ({e})"));
    let image = Image::new(bytes, &DecodeSettings::default()).map_err(|e| bad(format!("{e:?}")))?;
    let (width, height) = (image.width() as usize, image.height() as usize);
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(bad(format!("{width}×{height} pixels, more than a page scan has")));
    }
    let channels = match image.color_space() {
        JpxSpace::Gray => 1,
        JpxSpace::RGB => 3,
        JpxSpace::Icc { num_channels: n @ (1 | 3), .. } => usize::from(*n),
        _ => return Ok(None),
    };
    let alpha = image.has_alpha();
    let samples = channels + usize::from(alpha);
    budget::charge_usize(budget::Resource::DecodedBytes, width * height * samples * 5)?;
    let mut context = DecoderContext::default();
    let decoded = image.decode(&mut context).map_err(|e| bad(format!("{e:?}")))?;
    let data = decoded.data_u8();
    if data.len() < width * height * samples {
        return Err(bad("short pixel data".into()));
    }
    let data = if alpha {
        data.chunks_exact(samples)
            .flat_map(|pixel| {
                let cover = u32::from(pixel[channels]);
                pixel[..channels].iter().map(move |&v| ((u32::from(v) * cover + 255 * (255 - cover)) / 255) as u8)
            })
            .collect()
    } else {
        data[..width * height * channels].to_vec()
    };
    Ok(Some(Raster { width, height, channels, data }))
}

/// Page `number` (1-based) of the PDF in `bytes` rendered by `pdftoppm` at
/// [`RENDER_DPI`], in colour (seals are removed by colour).
pub fn render(bytes: &[u8], number: u32, page: &PageContent) -> Result<PageImage> {
    let dir =
        tempfile::tempdir().map_err(|e| Error::new(ErrorCode::Io, format!("no temporary folder for OCR ({e})")))?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes)
        .map_err(|e| Error::new(ErrorCode::Io, format!("cannot write the PDF for rendering ({e})")))?;
    let root = dir.path().join("page");
    let n = number.to_string();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", &RENDER_DPI.to_string(), "-f", &n, "-l", &n, "-singlefile"])
        .arg(&input)
        .arg(&root)
        .output()
        .map_err(|e| {
            Error::new(
                ErrorCode::NoTextLayer,
                format!(
                    "page {number}'s image cannot be decoded by govdoc and `pdftoppm` to render it cannot be run ({e}); install poppler-utils"
                ),
            )
        })?;
    if !status.status.success() {
        return Err(Error::corrupt(format!(
            "page {number} cannot be rendered: {}",
            String::from_utf8_lossy(&status.stderr).trim()
        )));
    }
    let ppm = std::fs::read(root.with_extension("ppm"))
        .map_err(|e| Error::new(ErrorCode::Io, format!("pdftoppm wrote no image for page {number} ({e})")))?;
    budget::charge_usize(budget::Resource::DecodedBytes, ppm.len())?;
    let raster =
        parse_pnm(&ppm).ok_or_else(|| Error::corrupt(format!("pdftoppm's image of page {number} cannot be read")))?;
    Ok(PageImage {
        origin: format!("page rendered at {RENDER_DPI} dpi by pdftoppm"),
        raster,
        placement: [0.0, 0.0, page.width, page.height],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilevel_rows_unpack_to_grey() {
        let grey = Polarity::default();
        let r = unpack(&[0b1010_0000, 0b0100_0000], 3, 2, 1, 1, grey).unwrap();
        assert_eq!(r.data, vec![255, 0, 255, 0, 255, 0]);
        // /Decode [1 0]: a sample of 1 is black.
        let inverted = Polarity { zero_is_white: true };
        let r = unpack(&[0b1010_0000, 0b0100_0000], 3, 2, 1, 1, inverted).unwrap();
        assert_eq!(r.data, vec![0, 255, 0, 255, 0, 255]);
        assert!(unpack(&[0], 3, 2, 1, 1, grey).is_none());
        assert!(unpack(&[0; 12], 2, 2, 4, 8, grey).is_none());
    }

    #[test]
    fn a_jpeg_is_sized_by_its_own_header() {
        let jpeg = include_bytes!("../../../fuzz/seeds/ocr/report-page-40dpi-grey.jpg");
        let raster = decode_jpeg(jpeg).unwrap();
        assert_eq!((raster.width, raster.height, raster.channels), (331, 234, 1));
        // The same JPEG whose frame header claims 16000 × 16000 pixels: refused
        // before anything that size is allocated, whatever the PDF's /Width.
        let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let mut huge = jpeg.to_vec();
        huge[sof + 5..sof + 9].copy_from_slice(&[0x3E, 0x80, 0x3E, 0x80]);
        let error = decode_jpeg(&huge).unwrap_err();
        assert!(error.message.contains("16000×16000"), "{}", error.message);
    }

    #[test]
    fn a_jpeg_2000_is_decoded_to_grey_and_damage_is_an_error() {
        // A grey table (fuzz/seeds/make_jpx_seeds.py): black rules on white.
        let jp2 = include_bytes!("../../../fuzz/seeds/ocr/table.jp2");
        let raster = decode_jpx(jp2).unwrap().unwrap();
        assert_eq!((raster.width, raster.height, raster.channels), (240, 120, 1));
        let dark = raster.data.iter().filter(|&&v| v < 128).count();
        assert!(dark > 0 && dark * 5 < raster.data.len(), "{dark} dark pixels");
        // Not JPEG 2000 at all, or its header cut: a corrupt image (the page
        // is rendered instead, with `ocr.image_damaged`).
        for bad in [&b"not a JPEG 2000 image"[..], &jp2[..60]] {
            let error = decode_jpx(bad).unwrap_err();
            assert_eq!(error.code, ErrorCode::Corrupt, "{}", error.message);
        }
    }

    #[test]
    fn a_small_image_covers_no_page() {
        let page = PageContent {
            width: 600.0,
            height: 800.0,
            placements: vec![ImagePlacement {
                object: Some((5, 0)),
                x0: 10.0,
                top: 10.0,
                x1: 110.0,
                bottom: 60.0,
                quarters: Some(0),
            }],
            ..Default::default()
        };
        assert!(covering_image(&page).is_none());
        let full = ImagePlacement { object: Some((6, 0)), x0: 0.0, top: 0.0, x1: 600.0, bottom: 800.0, quarters: Some(0) };
        let page = PageContent { placements: vec![full], ..page };
        assert_eq!(covering_image(&page), Some(full));
    }
}
