//! The bad-input corpus (issue 6, item 8): small files, generated, each with
//! the outcome SPEC gives it. [`write`] lays it out as one batch folder.
//!
//! The PDF cases come back `unsupported format` until the PDF front end is
//! wired into `convert_bytes`; their expectations are the ones SPEC gives
//! (`needs_pdf` marks them).

use std::io::Write;
use std::path::Path;

use super::{RawEntry, pdf, raw_zip, stream};

pub const SAMPLE_DOCX: &str = "samples/seed-shishi-commerce-2019.docx";
pub const SAMPLE_MD: &str = "samples/seed-shishi-commerce-2019.md";

/// What a source in the corpus must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Converted,
    /// Failed with this SPEC error code.
    Failed(&'static str),
    /// Not an input: listed as skipped.
    Skipped,
    /// Damage a reader may repair: converted, or failed with this code.
    ConvertedOr(&'static str),
}

#[derive(Debug, Clone)]
pub struct Expectation {
    /// The source name in the batch (relative path; zip entries below the zip).
    pub source: String,
    pub expect: Expect,
    /// Its expectation holds once the PDF front end is in `convert_bytes`.
    pub needs_pdf: bool,
}

/// Well over the batch's per-entry limit (256 MiB).
const BOMB_BYTES: u64 = 300 << 20;

struct Corpus<'a> {
    root: &'a Path,
    expectations: Vec<Expectation>,
}

impl Corpus<'_> {
    fn file(&mut self, name: &str, bytes: &[u8], expect: Expect) {
        self.put(name, bytes);
        self.expect(name, expect);
    }

    fn pdf_file(&mut self, name: &str, bytes: &[u8], expect: Expect) {
        self.put(name, bytes);
        self.expectations.push(Expectation { source: name.to_string(), expect, needs_pdf: true });
    }

    fn put(&self, name: &str, bytes: &[u8]) {
        let path = self.root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn expect(&mut self, source: &str, expect: Expect) {
        self.expectations.push(Expectation { source: source.to_string(), expect, needs_pdf: false });
    }
}

/// Writes the corpus below `root`; returns every source's expectation.
pub fn write(root: &Path) -> Vec<Expectation> {
    let docx = std::fs::read(SAMPLE_DOCX).unwrap();
    let md = std::fs::read(SAMPLE_MD).unwrap();
    let mut c = Corpus { root, expectations: Vec::new() };

    c.file("good/seed.docx", &docx, Expect::Converted);
    c.file("good/seed.md", &md, Expect::Converted);
    c.file("empty.docx", b"", Expect::Failed("corrupt"));
    c.file("random.docx", &random_bytes(4096), Expect::Failed("corrupt"));
    c.file("random.pdf", &random_bytes(4096), Expect::Failed("corrupt"));
    for (label, cut) in [("head", 64), ("10pct", docx.len() / 10), ("half", docx.len() / 2), ("end-1", docx.len() - 1)]
    {
        c.file(&format!("truncated/docx-{label}.docx"), &docx[..cut], Expect::Failed("corrupt"));
    }
    c.file("not-xml.docx", &docx_with_document(b"this is not XML < & >"), Expect::Failed("corrupt"));
    c.file("old.doc", &ole(), Expect::Failed("unsupported format"));
    c.file("old.wps", &ole(), Expect::Failed("unsupported format"));
    c.file("document.ofd", &ofd(), Expect::Failed("corrupt"));
    // Wrong extensions: the content decides. A DOCX named .doc converts; a
    // PNG named .docx is an image.
    c.file("wrong-ext/really-docx.doc", &docx, Expect::Converted);
    c.file("wrong-ext/scan.docx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", Expect::Failed("unsupported format"));
    // Not inputs.
    c.file("notes.xlsx", b"PK\x05\x06", Expect::Skipped);
    c.file("~$seed.docx", b"\x0cowner", Expect::Skipped);
    // Zip bombs, each beside a good file that must still convert: one whose
    // header lies about the size (caught while decompressing), one whose
    // header tells (caught before).
    c.put(
        "bomb.zip",
        &raw_zip(&[
            RawEntry::zero_bomb("lying.docx", BOMB_BYTES, 4096),
            RawEntry::zero_bomb("honest.docx", BOMB_BYTES, BOMB_BYTES as u32),
            RawEntry::stored(b"fine.md", false, &md),
        ]),
    );
    c.expect("bomb.zip/lying.docx", Expect::Failed("too large"));
    c.expect("bomb.zip/honest.docx", Expect::Failed("too large"));
    c.expect("bomb.zip/fine.md", Expect::Converted);
    // A zip made on Chinese Windows: GBK names, no UTF-8 flag.
    c.put("gbk.zip", &gbk_zip(&docx));
    c.expect("gbk.zip/2019年/石狮市商务局.docx", Expect::Converted);
    c.expect("gbk.zip/2019年/说明.txt", Expect::Converted);
    let good_zip = raw_zip(&[RawEntry::stored(b"a.md", false, &md)]);
    c.file("broken.zip", &good_zip[..good_zip.len() - 10], Expect::Failed("corrupt"));

    let text = text_pdf();
    c.pdf_file("pdf/text.pdf", &text, Expect::Converted);
    c.pdf_file("pdf/truncated-header.pdf", &text[..12], Expect::Failed("corrupt"));
    c.pdf_file("pdf/truncated-third.pdf", &text[..text.len() / 3], Expect::Failed("corrupt"));
    // Cut after the page's objects: a reader may rebuild the xref and read it.
    c.pdf_file("pdf/truncated-two-thirds.pdf", &text[..text.len() * 2 / 3], Expect::ConvertedOr("corrupt"));
    c.pdf_file("pdf/cyclic.pdf", &cyclic_pdf(), Expect::Failed("corrupt"));
    // The form that draws itself is skipped with a warning; the page's own
    // text is kept.
    c.pdf_file("pdf/xobject-loop.pdf", &xobject_loop_pdf(), Expect::Converted);
    c.pdf_file("pdf/xobject-deep.pdf", &xobject_chain_pdf(40, 1), Expect::Failed("too large"));
    c.pdf_file("pdf/xobject-laughs.pdf", &xobject_chain_pdf(12, 10), Expect::Failed("too large"));
    c.pdf_file("pdf/encrypted.pdf", &encrypted_pdf(), Expect::Failed("encrypted"));
    c.pdf_file("pdf/scanned.pdf", &scanned_pdf(), Expect::Failed("no text layer"));
    c.expectations
}

/// Deterministic noise (no PK / %PDF magic by construction: the first byte
/// is never 'P' or '%').
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut out: Vec<u8> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    out[0] = 0x01;
    out
}

/// An OLE compound file header, as .doc and .wps files start.
fn ole() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    bytes
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    for (name, bytes) in entries {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    buffer.into_inner()
}

/// An OFD package (GB/T 33190) whose OFD.xml names no document: damaged.
fn ofd() -> Vec<u8> {
    zip_of(&[("OFD.xml", b"<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".as_slice())])
}

/// A DOCX whose main part is `document`.
pub fn docx_with_document(document: &[u8]) -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip_of(&[("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document)])
}

/// GBK names without the UTF-8 flag, as Windows Explorer and WinRAR write them.
pub fn gbk_zip(docx: &[u8]) -> Vec<u8> {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    raw_zip(&[
        RawEntry::stored(&gbk("2019年/石狮市商务局.docx"), false, docx),
        RawEntry::stored(&gbk("2019年/说明.txt"), false, "说明".as_bytes()),
    ])
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";

fn text_pdf() -> Vec<u8> {
    let content = b"BT /F1 12 Tf 72 720 Td (Annual report 2019) Tj ET";
    pdf(
        &[
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            &stream("", content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
        "",
    )
}

/// The page tree loops: node 2's kid is node 3, whose kid is node 2.
fn cyclic_pdf() -> Vec<u8> {
    pdf(
        &[
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ],
        "",
    )
}

/// A Form XObject that draws itself: endless recursion for a naive interpreter.
fn xobject_loop_pdf() -> Vec<u8> {
    pdf(
        &[
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X0 5 0 R >> \
              /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>",
            &stream("", b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET /X0 Do"),
            &stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X0 5 0 R >> >>",
                b"/X0 Do",
            ),
        ],
        "",
    )
}

/// `depth` distinct Form XObjects, each drawing the next `fan_out` times:
/// nesting beyond any depth limit (fan-out 1), or 10^12 draws within it
/// (depth 12, fan-out 10, the "billion laughs" of PDF).
fn xobject_chain_pdf(depth: usize, fan_out: usize) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        CATALOG.to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", b"/X Do"),
    ];
    for level in 0..depth {
        let number = 5 + level;
        let (resources, content) = if level + 1 < depth {
            (format!("<< /XObject << /X {} 0 R >> >>", number + 1), "/X Do ".repeat(fan_out))
        } else {
            ("<< >>".to_string(), "0 0 m 1 1 l S".to_string())
        };
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources {resources}"),
            content.as_bytes(),
        ));
    }
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// Standard security handler, revision 3, with O and U values no password
/// opens: the empty user password fails, so a password is needed.
fn encrypted_pdf() -> Vec<u8> {
    let hex32 = "<".to_string() + &"7a".repeat(32) + ">";
    let encrypt = format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O {hex32} /U {hex32} >>");
    pdf(
        &[
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            &stream("", b"\x8f\x12\xa0\x55\x03\x77\xfe\x10"),
            encrypt.as_bytes(),
        ],
        "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    )
}

/// One page that only paints an image: a scan without OCR.
fn scanned_pdf() -> Vec<u8> {
    pdf(
        &[
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
            &stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            &stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0, 255, 255, 0]),
        ],
        "",
    )
}
