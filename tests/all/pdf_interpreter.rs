//! The PDF object layer and content interpreter through the public API, on PDFs
//! built here with lopdf's writer and on the tiny committed fixtures in
//! tests/fixtures/pdf (made by `samples/make_pdf_samples.py --fixtures`).

use std::io::Write;

use govdoc::ErrorCode;
use govdoc::pdf::document::{MAX_PAGES, MAX_STREAM_BYTES, PdfDocument};
use govdoc::pdf::page::PageContent;
use lopdf::{Dictionary, Object, Stream, dictionary};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(page: &PageContent) -> String {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// A document of one page per content string, all using Helvetica as /F1 and
/// STSong-Light (UniGB-UCS2-H) as /F2.
fn build(contents: &[&[u8]], modern: bool) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
        "W" => vec![17.into(), 26.into(), 462.into()],
    });
    let song = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light-UniGB-UCS2-H",
        "Encoding" => "UniGB-UCS2-H", "DescendantFonts" => vec![cid.into()],
    });
    let mut kids = Vec::new();
    for content in contents {
        let stream = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            // Inherited by every page.
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => helvetica, "F2" => song } },
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    if modern {
        doc.save_modern(&mut out).expect("lopdf writes");
    } else {
        doc.save_to(&mut out).expect("lopdf writes");
    }
    out
}

#[test]
fn a_report_page_with_a_ruled_table() {
    // Title in STSong (UniGB-UCS2-H: 中文 as UCS-2), a table drawn as stroked
    // lines, numbers in Helvetica, and a second page.
    let page1: &[u8] = b"BT /F2 16 Tf 100 780 Td <653F5E9C4FE1606F516C5F00> Tj ET \
        0.5 w 72 700 m 372 700 l S 72 680 m 372 680 l S 72 660 m 372 660 l S \
        72 700 m 72 660 l S 222 700 m 222 660 l S 372 700 m 372 660 l S \
        BT /F2 10 Tf 76 686 Td <89C47AE0> Tj ET BT /F1 10 Tf 226 686 Td (12) Tj ET";
    let page2: &[u8] = b"BT /F2 12 Tf 72 780 Td <00310032> Tj ET";
    for modern in [false, true] {
        let doc = PdfDocument::open(&build(&[page1, page2], modern)).expect("opens");
        assert_eq!(doc.page_count(), 2);
        let (page, diags) = doc.page(0).expect("page 1");
        assert_eq!(text(&page), "政府信息公开规章12");
        assert_eq!((page.width, page.height), (595.0, 842.0));
        assert_eq!(page.number, 1);
        let h = page.rulings.iter().filter(|r| r.is_horizontal(0.1)).count();
        let v = page.rulings.iter().filter(|r| r.is_vertical(0.1)).count();
        assert_eq!((h, v), (3, 3));
        assert_eq!(page.fonts.len(), 2);
        assert!(diags.is_empty(), "{diags:?}");
        let (page, _) = doc.page(1).expect("page 2");
        assert_eq!(text(&page), "12");
        // Proportional digits of STSong: 462/1000 em from /W after code → CID.
        let w = page.glyphs[0].rect.x1 - page.glyphs[0].rect.x0;
        assert!((w - 5.544).abs() < 0.01, "{w}");
    }
}

#[test]
fn empty_user_password_is_decrypted() {
    for name in ["rc4-empty-user.pdf", "aes128-empty-user.pdf", "aes256-empty-user.pdf", "object-streams.pdf"] {
        let doc = PdfDocument::open(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (page, _) = doc.page(0).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(text(&page), "govdoc fixture", "{name}");
        assert_eq!(page.rulings.len(), 1, "{name}");
    }
}

#[test]
fn a_real_password_is_the_encrypted_error() {
    let err = PdfDocument::open(&fixture("user-password.pdf")).expect_err("needs a password");
    assert_eq!(err.code, ErrorCode::Encrypted);
    assert!(err.message.contains("password"), "{}", err.message);
}

#[test]
fn incremental_update_replaces_the_content() {
    let mut bytes = build(&[b"BT /F1 10 Tf 72 700 Td (old) Tj ET"], false);
    let original = PdfDocument::open(&bytes).expect("opens");
    assert_eq!(text(&original.page(0).expect("page").0), "old");
    // Find the content stream's object number and the last xref offset, then
    // append a new revision of that object.
    let s = String::from_utf8_lossy(&bytes).into_owned();
    let startxref: usize = s
        .rsplit("startxref")
        .next()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let stream_obj = s.find("stream").and_then(|i| s[..i].rfind(" 0 obj")).expect("stream object");
    let num: u32 =
        s[..stream_obj].rsplit(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse().ok()).expect("number");
    let number_after = |key: &str| -> u32 {
        let t = s.rsplit(key).next().expect(key).trim_start();
        t.chars().take_while(char::is_ascii_digit).collect::<String>().parse().expect(key)
    };
    let (root, size) = (number_after("/Root"), number_after("/Size"));
    let body = b"BT /F1 10 Tf 72 700 Td (new) Tj ET";
    let offset = bytes.len();
    write!(bytes, "{num} 0 obj\n<< /Length {} >>\nstream\n", body.len()).expect("write");
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = bytes.len();
    write!(
        bytes,
        "xref\n0 1\n0000000000 65535 f \n{num} 1\n{offset:010} 00000 n \ntrailer\n<< /Size {size} /Root {root} 0 R /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .expect("write");
    let updated = PdfDocument::open(&bytes).expect("opens");
    assert_eq!(text(&updated.page(0).expect("page").0), "new");
}

#[test]
fn a_broken_xref_is_rebuilt() {
    let bytes = build(&[b"BT /F1 10 Tf 72 700 Td (fine) Tj ET"], false);
    // Point startxref at nonsense: lopdf rebuilds the table by scanning.
    let s = String::from_utf8_lossy(&bytes).into_owned();
    let at = s.rfind("startxref").expect("startxref");
    let mut broken = bytes[..at].to_vec();
    broken.extend_from_slice(b"startxref\n999999\n%%EOF\n");
    let doc = PdfDocument::open(&broken).expect("recovered");
    assert_eq!(text(&doc.page(0).expect("page").0), "fine");
}

#[test]
fn truncated_and_damaged_files_never_panic() {
    let bytes = build(&[b"BT /F1 10 Tf 72 700 Td (text) Tj ET 0 0 m 10 0 l S"], true);
    for cut in (0..bytes.len()).step_by(7) {
        match PdfDocument::open(&bytes[..cut]) {
            Ok(doc) => {
                for i in 0..doc.page_count() {
                    let _ = doc.page(i);
                }
            }
            Err(e) => assert!(matches!(e.code, ErrorCode::Corrupt | ErrorCode::TooLarge), "{cut}: {e}"),
        }
    }
    // Flipped bytes inside the body.
    for at in (20..bytes.len()).step_by(13) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5A;
        if let Ok(doc) = PdfDocument::open(&damaged) {
            for i in 0..doc.page_count() {
                let _ = doc.page(i);
            }
        }
    }
}

#[test]
fn a_page_tree_cycle_is_cut() {
    let bytes = build(&[b"BT /F1 10 Tf 72 700 Td (one) Tj ET"], false);
    let mut doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads");
    // Make the page tree list itself among its kids.
    let pages_id = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).expect("pages");
    if let Ok(Object::Dictionary(pages)) = doc.get_object_mut(pages_id)
        && let Ok(Object::Array(kids)) = pages.get_mut(b"Kids")
    {
        kids.push(Object::Reference(pages_id));
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writes");
    let doc = PdfDocument::open(&out).expect("opens");
    assert_eq!(doc.page_count(), 1);
}

#[test]
fn too_many_pages_is_too_large() {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(Dictionary::new(), Vec::new()));
    let kids: Vec<Object> = (0..=MAX_PAGES)
        .map(|_| {
            Object::Reference(
                doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content }),
            )
        })
        .collect();
    let count = kids.len() as i64;
    doc.objects
        .insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writes");
    let err = PdfDocument::open(&out).expect_err("too many pages");
    assert_eq!(err.code, ErrorCode::TooLarge);
}

/// A zlib stream of `n` spaces written with fixed-Huffman back-references (13
/// bits per 258 bytes): a few hundred KB that inflate past the stream limit.
fn deflate_bomb(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        /// Writes a Huffman code, most significant bit first.
        fn code(&mut self, code: u32, bits: u32) {
            for i in (0..bits).rev() {
                self.acc |= ((code >> i) & 1) << self.len;
                self.len += 1;
                if self.len == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.len = 0;
                }
            }
        }
    }
    let mut w = Bits { out: vec![0x78, 0x01], acc: 0, len: 0 };
    w.code(1, 1); // BFINAL
    w.code(0b10, 2); // BTYPE 01 (fixed Huffman), written LSB first
    w.code(0x30 + 0x20, 8); // literal ' '
    for _ in 0..n / 258 {
        w.code(0b1100_0101, 8); // length 258
        w.code(0, 5); // distance 1
    }
    w.code(0, 7); // end of block
    w.out.push(w.acc as u8);
    w.out
}

/// A one-page PDF (A4, Helvetica as /F1) whose content stream is `packed`,
/// stored as it is with /Filter /FlateDecode.
fn flate_page(packed: Vec<u8>) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let content =
        doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed).with_compression(false));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content,
    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writes");
    out
}

#[test]
fn a_decompression_bomb_is_too_large() {
    let bomb = deflate_bomb(MAX_STREAM_BYTES + (1 << 20));
    assert!(bomb.len() < 1 << 20);
    let doc = PdfDocument::open(&flate_page(bomb)).expect("opens");
    let err = doc.page(0).expect_err("bomb");
    assert_eq!(err.code, ErrorCode::TooLarge);
}

/// The page's content deflated in two blocks, the second block's header
/// damaged into the reserved block type: the first part inflates whole.
fn damaged_deflate(first: &[u8], second: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(first).expect("in memory");
    z.flush().expect("in memory"); // a sync flush: the next block starts on a byte
    let damage_at = z.get_ref().len();
    z.write_all(second).expect("in memory");
    let mut packed = z.finish().expect("in memory");
    packed[damage_at] = 0x06; // BFINAL 0, BTYPE 11: no such block type
    packed
}

#[test]
fn a_damaged_flate_stream_keeps_what_inflated_before_the_damage() {
    let packed = damaged_deflate(b"BT /F1 10 Tf 72 700 Td (kept) Tj ET\n", b"BT /F1 10 Tf 72 680 Td (lost) Tj ET\n");
    let doc = PdfDocument::open(&flate_page(packed)).expect("opens");
    assert!(!doc.damage().any(), "nothing known damaged before the stream is read");
    assert_eq!(text(&doc.page(0).expect("page").0), "kept");
    let damage = doc.damage();
    assert!(damage.any());
    assert_eq!(damage.cut_streams.len(), 1, "{damage:?}");
    let said = damage.describe();
    assert!(
        said.contains("a Flate stream is damaged at byte") && said.contains("were kept, the rest is lost"),
        "{said}"
    );
}
