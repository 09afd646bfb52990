//! Font tests: each font dictionary is built with lopdf, loaded through a real
//! `PdfDocument`, and asked to decode strings.

use lopdf::{Dictionary, Object, ObjectId, dictionary};

use super::{Font, font_name};
use crate::pdf::content::testutil::Builder;

/// Loads the font `id` of a document built by `b`.
fn load(mut b: Builder, id: ObjectId) -> Font {
    b.page(b"", Dictionary::new(), Dictionary::new());
    let doc = b.open();
    let obj = Object::Reference(id);
    let dict = doc.dict(&obj).expect("font dictionary").clone();
    Font::load(&doc, &dict)
}

fn decode(font: &Font, bytes: &[u8]) -> (String, Vec<f32>) {
    let mut text = String::new();
    let mut widths = Vec::new();
    for ch in font.chars(bytes) {
        match &ch.text {
            Some(t) => t.push_to(&mut text),
            None => text.push('\u{FFFD}'),
        }
        widths.push((ch.width * 1000.0).round());
    }
    (text, widths)
}

#[test]
fn winansi_with_differences_and_widths() {
    let mut b = Builder::new();
    let id = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Arial,Bold",
        "FirstChar" => 65, "LastChar" => 68,
        "Widths" => vec![600.into(), 610.into(), 620.into(), 630.into()],
        "Encoding" => dictionary! {
            "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![66.into(), "uni4E2D".into(), "g7".into(), "afii10017".into()],
        },
        "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 32, "MissingWidth" => 250 },
    });
    let font = load(b, id);
    assert_eq!(font.info.name, "Arial,Bold");
    assert!(font.info.bold);
    // A from WinAnsi, 中 from uniXXXX, g7 unmappable without a font program,
    // А (Cyrillic) from the AGL, € from WinAnsi 0x80 with the missing width.
    let (text, widths) = decode(&font, b"ABCD\x80");
    assert_eq!(text, "A中\u{FFFD}\u{0410}€");
    assert_eq!(widths, vec![600.0, 610.0, 620.0, 630.0, 250.0]);
}

#[test]
fn type3_glyph_names_read_through_the_agl_and_tex_names() {
    // A Type 3 font as TeX's bitmap fonts or a math font re-encoded by dvips
    // write them: glyph names in /Differences are the only text there is.
    let mut b = Builder::new();
    let id = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FirstChar" => 1, "LastChar" => 6,
        "Widths" => vec![50.into(), 50.into(), 50.into(), 50.into(), 50.into(), 50.into()],
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![1.into(), "W".into(), "o".into(), "bardbl".into(), "summationdisplay".into(),
                "parenlefttp".into(), "bracehtipdownleft".into()],
        },
    });
    let font = load(b, id);
    assert!(font.type3);
    // AGL letters, TeX's ‖, a CMEX size variant, a bracket piece out of
    // private use; a brace tip stays unmapped (counted, not guessed).
    let (text, widths) = decode(&font, b"\x01\x02\x03\x04\x05\x06");
    assert_eq!(text, "Wo\u{2016}\u{2211}\u{239B}\u{FFFD}");
    assert_eq!(widths, vec![500.0; 6]);
}

#[test]
fn standard_14_fonts_without_widths_use_afm_metrics() {
    let mut b = Builder::new();
    let id = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Bold" });
    let font = load(b, id);
    // StandardEncoding: 0x27 is quoteright; Times-Bold widths from the AFM.
    let (text, widths) = decode(&font, b"0a'");
    assert_eq!(text, "0a\u{2019}");
    assert_eq!(widths, vec![500.0, 500.0, 333.0]);
    assert!((font.descent - -0.217).abs() < 1e-6);
}

#[test]
fn to_unicode_comes_first_and_falls_back() {
    let mut b = Builder::new();
    let cmap = b.stream(
        Dictionary::new(),
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
          2 beginbfchar <0001> <4E2D> <0002> <0000> endbfchar\n\
          1 beginbfrange <0010> <0012> [<0041> <00660069> <D83DDE00>] endbfrange",
    );
    let cid_font = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"), "Supplement" => 5 },
        "DW" => 1000, "W" => vec![1.into(), vec![500.into(), 600.into()].into(), 16.into(), 18.into(), 300.into()],
    });
    let id = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()], "ToUnicode" => cmap,
    });
    let font = load(b, id);
    // 0001 via ToUnicode; 0002 maps to U+0000 there, so the GB1 collection
    // (CID 2 = "!") answers; 0010–0012 through the array form; 0020: CID 32 of
    // Adobe-GB1 ("?"); widths from /W (list and range) and /DW.
    let (text, widths) = decode(&font, &[0, 1, 0, 2, 0, 0x10, 0, 0x11, 0, 0x12, 0, 0x20]);
    assert_eq!(text, "中!Afi\u{1F600}?");
    assert_eq!(widths, vec![500.0, 600.0, 300.0, 300.0, 300.0, 1000.0]);
}

#[test]
fn predefined_cmaps_give_text_and_widths_through_cids() {
    let mut b = Builder::new();
    let ucs2 = b.stsong("UniGB-UCS2-H");
    let gbk = b.stsong("GBK-EUC-H");
    b.page(b"", Dictionary::new(), Dictionary::new());
    let doc = b.open();
    let dict = |id: ObjectId| doc.dict(&Object::Reference(id)).expect("dict").clone();
    let font = Font::load(&doc, &dict(ucs2));
    // '0' is CID 17 in Adobe-GB1: 462/1000 em, not the default.
    let (text, widths) = decode(&font, &[0x4E, 0x2D, 0x00, 0x30, 0x00, 0x41]);
    assert_eq!(text, "中0A");
    assert_eq!(widths, vec![1000.0, 462.0, 500.0]);
    let font = Font::load(&doc, &dict(gbk));
    // GBK-EUC-H: one-byte codes are Adobe-GB1's half-width forms (CID 814+).
    let (text, widths) = decode(&font, &[0xD6, 0xD0, 0x30, 0xCE, 0xC4, 0x41]);
    assert_eq!(text, "中0文A");
    assert_eq!(widths, vec![1000.0, 500.0, 1000.0, 500.0]);
    assert!(!font.vertical);
}

#[test]
fn embedded_encoding_cmap_with_usecmap() {
    let mut b = Builder::new();
    let cmap = b.stream(
        dictionary! { "Type" => "CMap", "CMapName" => "Custom", "UseCMap" => "UniGB-UCS2-H" },
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
          1 begincidrange <0100> <0101> 17 endcidrange",
    );
    let cid_font = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
        "W" => vec![17.into(), 26.into(), 462.into()],
    });
    let id = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light", "Encoding" => cmap,
        "DescendantFonts" => vec![cid_font.into()],
    });
    let font = load(b, id);
    // 0100 → CID 17 ('0') by the embedded range; 4E2D → by UniGB-UCS2-H's CID.
    let (text, widths) = decode(&font, &[0x01, 0x00, 0x01, 0x01, 0x4E, 0x2D]);
    assert_eq!(text, "01中");
    assert_eq!(widths, vec![462.0, 462.0, 1000.0]);
}

#[test]
fn unknown_cmap_and_missing_descendant_are_problems_not_failures() {
    let mut b = Builder::new();
    let id = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Weird-H" });
    let font = load(b, id);
    assert!(font.problem.is_some());
    let (text, _) = decode(&font, &[0, 1, 0]);
    assert_eq!(text, "\u{FFFD}\u{FFFD}");
}

#[test]
fn font_names() {
    assert_eq!(font_name(b"ABCDEF+FangSong_GB2312"), "FangSong_GB2312");
    assert_eq!(font_name(b"SimHei"), "SimHei");
    assert_eq!(font_name(b"abcdef+Keep"), "abcdef+Keep");
    assert_eq!(font_name(&[0xCB, 0xCE, 0xCC, 0xE5]), "宋体");
}

#[test]
fn a_ligature_glyph_mapped_to_one_of_its_letters_reads_as_its_name() {
    // Ghostscript 9.06 as it wrote a report's MyriadPro: /Differences names
    // code 29 /f_i and code 30 /fl, its ToUnicode gives 29 only "i"; code 31
    // /f_f is mapped to a letter not in its name and 32 /T_h to "Th" —
    // deliberate maps, kept.
    let mut b = Builder::new();
    let cmap = b.stream(
        Dictionary::new(),
        b"1 begincodespacerange <00> <FF> endcodespacerange\n\
          4 beginbfchar <1d> <0069> <1e> <0066006C> <1f> <0078> <20> <00540068> endbfchar\n\
          1 beginbfrange <61> <63> <0061> endbfrange",
    );
    let id = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "IOGRZV+MyriadPro-Regular",
        "FirstChar" => 29, "LastChar" => 99,
        "Widths" => (29..=99).map(|_| Object::from(500)).collect::<Vec<_>>(),
        "Encoding" => dictionary! {
            "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![29.into(), "f_i".into(), "fl".into(), "f_f".into(), "T_h".into()],
        },
        "ToUnicode" => cmap,
    });
    let font = load(b, id);
    let (text, _) = decode(&font, b"a\x1dc\x1e\x1f\x20");
    assert_eq!(text, "aficflxTh");
    let problem = font.problem.expect("the repair is reported");
    assert!(problem.contains("f_i") && !problem.contains("f_f"), "{problem}");
}
