//! The fuzz targets' bodies, shared by the cargo-fuzz binaries
//! (`fuzz_targets/*.rs`, libFuzzer) and the stable smoke runner
//! (`src/bin/smoke.rs`, run in CI). Every front-end target runs under the
//! document budget `convert_bytes` uses, so a blow-up the budget misses
//! shows up as a timeout or as memory, not as a slow pass.

use std::io::Write;

use govdoc::budget::{Limits, scope};
use govdoc::pdf::font::cmap::CMap;
use zip::write::SimpleFileOptions;

mod batch_paths;
pub use batch_paths::batch_paths;
mod ocr;
pub use ocr::{image_pdf, ocr};
mod pdf_bytes;
use pdf_bytes::{pdf_of, stream_object};

/// A target: runs one input, panicking only on a bug.
pub type Target = fn(&[u8]);

/// Every target by name, as cargo-fuzz and the smoke runner call them.
pub const TARGETS: &[(&str, Target)] = &[
    ("docx", docx),
    ("docx_xml", docx_xml),
    ("ofd", ofd),
    ("html", html),
    ("doc", doc),
    ("md", md),
    ("convert", convert),
    ("batch_paths", batch_paths),
    ("pdf", pdf),
    ("pdf_content", pdf_content),
    ("pdf_cmap", pdf_cmap),
    ("ocr", ocr),
];

/// The DOCX front end on arbitrary bytes: Ok or Err, never a panic, hang or
/// blow-up.
pub fn docx(data: &[u8]) {
    let _ = scope(Limits::default(), || govdoc::docx::read(data));
}

/// The OFD front end on arbitrary bytes.
pub fn ofd(data: &[u8]) {
    let _ = scope(Limits::default(), || govdoc::ofd::read(data));
}

/// The HTML and MHTML front end on arbitrary bytes: deep nesting, absurd
/// spans, broken MIME.
pub fn html(data: &[u8]) {
    let _ = scope(Limits::default(), || govdoc::html::read(data));
    let _ = scope(Limits::default(), || govdoc::html::read_mhtml(data));
}

/// The Word 97–2003 (.doc) front end on arbitrary bytes: bogus piece tables,
/// FKPs, row definitions.
pub fn doc(data: &[u8]) {
    let _ = scope(Limits::default(), || govdoc::doc::read(data));
}

/// The Markdown front end on arbitrary bytes (UTF-8 or not).
pub fn md(data: &[u8]) {
    let _ = scope(Limits::default(), || govdoc::md::read(data));
}

/// Turns OCR off for the targets that reach the PDF front end. A mutated
/// PDF often has no usable text layer, and with Tesseract installed (as in
/// CI) each page would then be recognised: seconds of the engine's time per
/// page, outside the budget and this process's heap, and only where the
/// engine is installed. The targets are for govdoc's own code; a timeout
/// must mean a loop of ours.
fn without_ocr() {
    govdoc::set_ocr_mode(govdoc::OcrMode::Never);
}

/// The PDF front end on arbitrary bytes.
pub fn pdf(data: &[u8]) {
    without_ocr();
    let _ = scope(Limits::default(), || govdoc::pdf::read(data));
}

/// The whole pipeline — detection, front end, rebuild, report, JSON — on
/// arbitrary bytes under both a `.docx` and a `.md` name (the name decides
/// whether text is read as Markdown). The JSON is serialized too, so the
/// canonical writer is exercised on whatever the pipeline produced.
pub fn convert(data: &[u8]) {
    without_ocr();
    for name in ["fuzz.docx", "fuzz.md"] {
        if let Ok(output) = govdoc::convert_bytes(data, name) {
            let _ = output.to_compact_json();
        }
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#;
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A DOCX of the three parts, stored, with valid CRCs.
pub fn docx_package(document: &[u8], styles: &[u8], numbering: &[u8]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    buffer.into_inner()
}

/// The DOCX front end's XML walkers, reached directly: the input is the
/// text of `word/document.xml`, `word/styles.xml` and `word/numbering.xml`
/// separated by NUL bytes, packed into a well-formed DOCX zip. Mutating
/// compressed zip bytes (the `docx` target) rarely gets past the zip layer;
/// this target spends its time in the walkers.
pub fn docx_xml(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let document = parts.next().unwrap_or_default();
    let styles = parts.next().unwrap_or_default();
    let numbering = parts.next().unwrap_or_default();
    let bytes = docx_package(document, styles, numbering);
    if let Ok(output) = govdoc::convert_bytes(&bytes, "fuzz.docx") {
        let _ = output.to_compact_json();
    }
}

/// A one-page PDF whose content is `content`, with one simple font and one
/// form XObject drawing the same stream (so `Do` recursion is reachable).
pub fn content_pdf(content: &[u8]) -> Vec<u8> {
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>".to_vec(),
        stream_object("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        stream_object(
            "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> ",
            content,
        ),
    ])
}

/// The content interpreter, layout and table finder on an arbitrary content
/// stream (see [`content_pdf`]).
pub fn pdf_content(data: &[u8]) {
    without_ocr();
    let _ = scope(Limits::default(), || govdoc::pdf::read(&content_pdf(data)));
}

/// The CMap parser, then lookups of codes split by its own codespace.
pub fn pdf_cmap(data: &[u8]) {
    let cmap = CMap::parse(data);
    let mut rest = data;
    let mut steps = 0;
    while let Some((code, len)) = cmap.codespace.next_code(rest) {
        let _ = cmap.unicode(code);
        let _ = cmap.cid(code, len as u8);
        rest = &rest[len.max(1).min(rest.len())..];
        steps += 1;
        if rest.is_empty() || steps > 10_000 {
            break;
        }
    }
}
