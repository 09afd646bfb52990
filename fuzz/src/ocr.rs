//! The `ocr` target: the OCR code that runs before the engine. Its own file
//! so that tests/fuzz_regressions.rs runs the saved inputs through it.

use govdoc::budget::{Limits, scope};

use crate::pdf_bytes::{pdf_of, stream_object};

/// Pixels up to which the `ocr` target runs the clean-up and table finding
/// on an image: their cost grows with the pixels, and the target looks for
/// crashes and loops, not for the time a full page takes.
const OCR_MAX_PIXELS: usize = 1 << 20;

/// The OCR code that runs before the engine, on arbitrary bytes (Tesseract
/// itself is too slow to fuzz and not ours): the bytes as Tesseract's TSV
/// output; as a page image (a JPEG, a JPEG 2000 or a PNM, else raw pixels whose first
/// five bytes give width, height and channels) cleaned — seal removal,
/// contrast, orientation, deskew — and cut into the cells, lines and page
/// rest the engine would read; and as the image XObject of a one-page
/// scanned PDF (the filter and its parameters — DCT, JPEG 2000, Flate and
/// the rest, CCITT fax, JBIG2 with or without globals —, colour space or image mask
/// and bit depth chosen by the first bytes), taken from the file as the
/// recogniser takes it.
pub fn ocr(data: &[u8]) {
    use govdoc::pdf::ocr::{Prepared, Settings, engine, raster, source};
    let _ = engine::parse_tsv(&String::from_utf8_lossy(data), 4);
    let limits = Limits { decoded_bytes: 16 << 20, ..Limits::default() };
    let prepare = |image: source::PageImage| {
        if image.raster.width.saturating_mul(image.raster.height) <= OCR_MAX_PIXELS {
            let [x0, top, x1, bottom] = image.placement;
            let (prepared, _) =
                Prepared::scan(&image, (x1.max(x0) + 10.0, bottom.max(top) + 10.0), &Settings::default());
            let _ = prepared.engine_inputs(&Settings::default());
        }
    };
    scope(limits, || {
        let raster = source::decode_jpeg(data)
            .ok()
            .or_else(|| source::decode_jpx(data).ok().flatten())
            .or_else(|| raster::parse_pnm(data))
            .or_else(|| raw_raster(data));
        if let Some(raster) = raster {
            // At 72 dpi, as if the image filled a page of its size in points.
            let placement = [0.0, 0.0, raster.width as f32, raster.height as f32];
            prepare(source::PageImage { raster, placement, origin: String::new() });
        }
    });
    let _ = scope(limits, || -> govdoc::Result<()> {
        let pdf = image_pdf(data);
        let document = govdoc::pdf::document::PdfDocument::open(&pdf)?;
        let (page, _) = document.page(0)?;
        if let source::Taken::Decoded(image, _) = source::from_file(&document, &page)? {
            prepare(image);
        }
        Ok(())
    });
}

/// Raw 8-bit pixels: width and height (two bytes each, little-endian, at
/// most 1023), then 1 or 3 channels (odd or even fifth byte), then the
/// samples, short ones left white.
fn raw_raster(data: &[u8]) -> Option<govdoc::pdf::ocr::raster::Raster> {
    let header = data.get(..5)?;
    let width = usize::from(u16::from_le_bytes([header[0], header[1]]) & 1023);
    let height = usize::from(u16::from_le_bytes([header[2], header[3]]) & 1023);
    let channels = if header[4] % 2 == 1 { 1 } else { 3 };
    let mut samples = data[5..].to_vec();
    samples.resize(width * height * channels, 255);
    Some(govdoc::pdf::ocr::raster::Raster { width, height, channels, data: samples })
}

/// A one-page PDF whose page is covered by one image XObject: the first
/// byte chooses the filter (its low three bits; DCT with bit 3 set is JPX,
/// JPEG 2000) and, for CCITT fax, the
/// `/DecodeParms` (`/BlackIs1`, `/EncodedByteAlign`, `/EndOfLine`, `/K` from
/// its high bits) or, for JBIG2, whether a `/JBIG2Globals` stream comes
/// first (its length the seventh byte); the second byte the colour space
/// (or an image mask) and bit depth, and whether `/Decode` is `[1 0]`; the
/// next four the width and height (at most 1023 each); the rest is the
/// stream, as stored. The page is A4.
pub fn image_pdf(data: &[u8]) -> Vec<u8> {
    image_pdf_on_page(data, [595, 842])
}

/// [`image_pdf`] on a page of `size` points: a small page is rendered small
/// where a scan is not decoded (pdftoppm at 300 dpi), for tests that look
/// only at how the scan was read.
pub fn image_pdf_on_page(data: &[u8], size: [u32; 2]) -> Vec<u8> {
    let byte = |k: usize| data.get(k).copied().unwrap_or(0);
    let filters = [
        "/DCTDecode",
        "/FlateDecode",
        "",
        "/RunLengthDecode",
        "/LZWDecode",
        "/CCITTFaxDecode",
        "/JBIG2Decode",
        "[/FlateDecode /DCTDecode]",
    ];
    let flag = |bit: u8| byte(0) & (1 << bit) != 0;
    let filter = match filters[usize::from(byte(0)) % filters.len()] {
        // A DCT seed with bit 3 set is a JPEG 2000 image instead.
        "/DCTDecode" if flag(3) => "/JPXDecode",
        other => other,
    };
    let spaces = [
        "/ColorSpace /DeviceGray /BitsPerComponent 8",
        "/ColorSpace /DeviceRGB /BitsPerComponent 8",
        "/ColorSpace /DeviceGray /BitsPerComponent 1",
        "/ColorSpace /DeviceCMYK /BitsPerComponent 8",
        "/ColorSpace [/ICCBased 6 0 R] /BitsPerComponent 8",
        "/ColorSpace /DeviceRGB /BitsPerComponent 16",
        "/ImageMask true /BitsPerComponent 1",
    ];
    let space = spaces[usize::from(byte(1) & 0x7F) % spaces.len()];
    let decode = if byte(1) & 0x80 != 0 { " /Decode [1 0]" } else { "" };
    let width = u16::from_le_bytes([byte(2), byte(3)]) & 1023;
    let height = u16::from_le_bytes([byte(4), byte(5)]) & 1023;
    let mut stream = data.get(6..).unwrap_or_default();
    let mut globals: &[u8] = b"";
    let parms = match filter {
        "/CCITTFaxDecode" => {
            let k = [-1, 0, 1, 4][usize::from(byte(0) >> 6)];
            format!(
                " /DecodeParms << /K {k} /Columns {width} /Rows {height} /BlackIs1 {} /EncodedByteAlign {} /EndOfLine {} >>",
                flag(3),
                flag(4),
                flag(5)
            )
        }
        "/JBIG2Decode" if flag(3) => {
            let rest = data.get(7..).unwrap_or_default();
            let split = usize::from(byte(6)).min(rest.len());
            (globals, stream) = rest.split_at(split);
            " /DecodeParms << /JBIG2Globals 7 0 R >>".to_string()
        }
        _ => String::new(),
    };
    let filter = if filter.is_empty() { String::new() } else { format!(" /Filter {filter}") };
    let [page_width, page_height] = size;
    let content = format!("q {page_width} 0 0 {page_height} 0 0 cm /Im0 Do Q");
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_width} {page_height}] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>").into_bytes(),
        stream_object("", content.as_bytes()),
        stream_object(
            &format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} {space}{decode}{filter}{parms} "),
            stream,
        ),
        stream_object("/N 1 ", b""),
        stream_object("", globals),
    ])
}
