//! Interpreter tests on small PDFs built in memory.

use lopdf::{Dictionary, Object, dictionary};

use super::Matrix;
use super::testutil::{Builder, fonts, r, run_page, text};
use crate::error::ErrorCode;
use crate::pdf::page::Ruling;

#[test]
fn tj_kerning_moves_glyphs_without_inventing_spaces() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let (page, diags) = run_page(b, b"BT /F1 10 Tf 100 700 Td [(AB) -500 (C)] TJ ET", fonts(&[("F1", f)]));
    assert_eq!(text(&page), "ABC");
    let g = &page.glyphs;
    // Helvetica A and B are 667/1000 em; the -500 kern moves C right by 5.
    assert_eq!((r(g[0].rect.x0), r(g[0].rect.x1)), (100.0, 106.67));
    assert_eq!((r(g[1].rect.x0), r(g[1].rect.x1)), (106.67, 113.34));
    assert_eq!(r(g[2].rect.x0), 118.34);
    // Baseline at 792 - 700 = 92; the box spans the AFM descent (-0.207 em).
    assert_eq!((r(g[0].rect.top), r(g[0].rect.bottom)), (84.07, 94.07));
    assert_eq!(g[0].size, 10.0);
    assert!(g.iter().all(|g| g.upright));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn character_word_spacing_and_horizontal_scaling() {
    let mut b = Builder::new();
    let f = b.helvetica();
    // Tc 1 after every glyph, Tw 4 after the space only, Tz 200 doubles it all.
    let (page, _) = run_page(b, b"BT /F1 10 Tf 1 Tc 4 Tw 200 Tz 0 700 Td (A A) Tj ET", fonts(&[("F1", f)]));
    assert_eq!(text(&page), "A A", "a real space glyph is kept");
    let g = &page.glyphs;
    assert_eq!(r(g[0].rect.x1), 13.34);
    assert_eq!(r(g[1].rect.x0), 15.34);
    assert_eq!(r(g[2].rect.x0), 30.9);
}

#[test]
fn leading_and_next_line_operators() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let content = b"BT /F1 10 Tf 12 TL 50 700 Td (A) Tj T* (B) Tj (C) ' 0 -20 TD (D) Tj T* (E) Tj 2 3 (F) \" ET";
    let (page, _) = run_page(b, content, fonts(&[("F1", f)]));
    let baseline = |i: usize| r(page.glyphs[i].rect.bottom - 2.07);
    assert_eq!(text(&page), "ABCDEF");
    assert_eq!(baseline(0), 92.0);
    assert_eq!(baseline(1), 104.0);
    assert_eq!(baseline(2), 116.0);
    assert_eq!(baseline(3), 136.0);
    assert_eq!(baseline(4), 156.0, "TD set the leading to 20");
    assert_eq!(baseline(5), 176.0);
}

#[test]
fn graphics_state_stack_and_cm() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let content = b"q 2 0 0 2 0 0 cm BT /F1 10 Tf 10 10 Td (A) Tj ET Q BT /F1 10 Tf 10 10 Td (A) Tj ET";
    let (page, _) = run_page(b, content, fonts(&[("F1", f)]));
    let (a, c) = (&page.glyphs[0], &page.glyphs[1]);
    assert_eq!((r(a.rect.x0), r(a.size)), (20.0, 20.0));
    assert_eq!(r(a.rect.bottom), r(792.0 - 20.0 + 0.207 * 20.0));
    assert_eq!((r(c.rect.x0), r(c.size)), (10.0, 10.0));
}

#[test]
fn rotated_text_is_not_upright() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let (page, _) = run_page(b, b"BT /F1 10 Tf 0 1 -1 0 300 300 Tm (AB) Tj ET", fonts(&[("F1", f)]));
    assert!(page.glyphs.iter().all(|g| !g.upright));
    assert_eq!(r(page.glyphs[1].rect.bottom), r(792.0 - 300.0 - 6.67), "the second glyph is above the first");
}

#[test]
fn form_xobjects_use_their_matrix_and_resources() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let form = b.stream(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 50.into(), 50.into()],
            "Resources" => fonts(&[("FX", f)]),
        },
        b"BT /FX 10 Tf 0 0 Td (A) Tj ET 0 0 m 100 0 l S",
    );
    let image = b.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        b"\x00",
    );
    let resources = dictionary! { "XObject" => dictionary! { "Fm1" => form, "Im1" => image } };
    let (page, _) = run_page(b, b"/Fm1 Do q 1 0 0 1 100 0 cm /Fm1 Do Q /Im1 Do /Missing Do", resources);
    assert_eq!(text(&page), "AA");
    assert_eq!(r(page.glyphs[0].rect.x0), 50.0);
    assert_eq!(r(page.glyphs[1].rect.x0), 150.0);
    assert_eq!(r(page.glyphs[0].rect.bottom), r(792.0 - 50.0 + 2.07));
    assert_eq!(page.rulings.len(), 2);
    assert_eq!(page.rulings[1], Ruling { x0: 150.0, top: 742.0, x1: 250.0, bottom: 742.0, width: 1.0 });
    assert_eq!(page.images, 1);
}

#[test]
fn form_nesting_is_limited_and_cycles_refused() {
    // A chain deeper than the limit.
    let mut b = Builder::new();
    let mut inner = b.stream(dictionary! { "Type" => "XObject", "Subtype" => "Form" }, b"0 0 m 10 0 l S");
    for _ in 0..crate::pdf::document::MAX_FORM_DEPTH + 2 {
        inner = b.stream(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "Resources" => dictionary! { "XObject" => dictionary! { "X" => inner } } },
            b"/X Do",
        );
    }
    b.page(b"/X Do", dictionary! { "XObject" => dictionary! { "X" => inner } }, Dictionary::new());
    let err = b.open().page(0).expect_err("too deep");
    assert_eq!(err.code, ErrorCode::TooLarge);

    // A form that draws itself: skipped with a warning, the rest of the page
    // and what the form drew before stay.
    let mut b = Builder::new();
    let f = b.helvetica();
    let id = b.doc.new_object_id();
    let form = lopdf::Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "Resources" => dictionary! { "XObject" => dictionary! { "Me" => id }, "Font" => dictionary! { "F1" => f } } },
        b"BT /F1 10 Tf 10 10 Td (A) Tj ET /Me Do".to_vec(),
    );
    b.doc.objects.insert(id, Object::Stream(form));
    let mut resources = fonts(&[("F1", f)]);
    resources.set("XObject", dictionary! { "Me" => id });
    b.page(b"/Me Do BT /F1 10 Tf 10 30 Td (B) Tj ET", resources, Dictionary::new());
    let (page, diags) = b.open().page(0).expect("the page is kept");
    assert_eq!(text(&page), "AB");
    assert!(diags.iter().any(|d| d.code == "pdf.form_cycle"), "{diags:?}");
}

#[test]
fn glyphs_outside_the_crop_box_are_left_out_and_counted() {
    // CropBox [0 400 612 792]: text at y = 500 shows, text at y = 100 and
    // y = 900 (above the page, as WPS draws a cell's overflow) does not.
    let mut b = Builder::new();
    let f = b.helvetica();
    b.page(
        b"BT /F1 10 Tf 10 500 Td (In) Tj 0 -400 Td (Low) Tj 0 800 Td (High) Tj ET",
        fonts(&[("F1", f)]),
        dictionary! { "CropBox" => vec![0.into(), 400.into(), 612.into(), 792.into()] },
    );
    let (page, diags) = b.open().page(0).expect("page");
    assert_eq!(text(&page), "In");
    let outside: Vec<&str> =
        diags.iter().filter(|d| d.code == "pdf.outside_page").map(|d| d.message.as_str()).collect();
    assert_eq!(outside, vec!["7 character(s) drawn outside the page's visible area were left out: \"LowHigh\""]);
}

#[test]
fn actual_text_replaces_the_glyphs_of_its_span() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let props = b.add(dictionary! { "ActualText" => Object::string_literal(b"\xfe\xff\x65\x87".to_vec()) });
    let mut resources = fonts(&[("F1", f)]);
    resources.set("Properties", dictionary! { "P1" => props });
    let content = b"BT /F1 10 Tf 100 700 Td \
        /Span << /ActualText (\\376\\377\\116\\055) >> BDC (AB) Tj EMC \
        (C) Tj /Span /P1 BDC (DE) Tj EMC /Span <</MCID 1>> BDC (F) Tj EMC ET";
    let (page, _) = run_page(b, content, resources);
    assert_eq!(text(&page), "中C文F");
    let g = &page.glyphs[0];
    assert_eq!((r(g.rect.x0), r(g.rect.x1)), (100.0, 113.34), "the span's box");
}

#[test]
fn page_rotation_and_crop_box() {
    let mut b = Builder::new();
    let f = b.helvetica();
    // Landscape made the Word way: /Rotate 90 and the content turned back.
    let extra = dictionary! {
        "Rotate" => 90,
        "CropBox" => vec![10.into(), 20.into(), 602.into(), 772.into()],
    };
    b.page(b"q 0 1 -1 0 612 0 cm BT /F1 10 Tf 100 500 Td (A) Tj ET Q", fonts(&[("F1", f)]), extra);
    let doc = b.open();
    let (page, _) = doc.page(0).expect("page");
    assert_eq!((page.width, page.height), (752.0, 592.0));
    let g = &page.glyphs[0];
    assert!(g.upright, "turned back by the content, upright on screen");
    // The origin: cm maps (100, 500) to user (112, 100); from the crop's
    // top-left corner that is (102, 672); turned 90° clockwise in a crop 752
    // tall it is shown at (752 - 672, 102) = (80, 102).
    assert_eq!(r(g.rect.x0), 80.0);
    assert_eq!(r(g.rect.bottom), r(102.0 + 2.07));
}

#[test]
fn rulings_from_strokes_thin_fills_and_the_sides_of_shaded_areas() {
    let b = Builder::new();
    let content = b"0.5 w 100 100 m 300 100 l S \
        100 100 m 100 300 l 150 350 l S \
        100 200 200 0.5 re f \
        100 200 200 40 re f \
        50 50 500 500 re W n \
        1 g 100 400 200 0.5 re f 1 G 100 450 m 300 450 l S \
        0 g 0 G 400 400 100 50 re S \
        0.3 0.3 0.3 rg 10 10 1 1 re f";
    let (page, _) = run_page(b, content, Dictionary::new());
    let h = page.rulings.iter().filter(|r| r.is_horizontal(0.1)).count();
    let v = page.rulings.iter().filter(|r| r.is_vertical(0.1)).count();
    // Strokes: one horizontal, one vertical (the diagonal is no line), the four
    // sides of the stroked rectangle; the thin filled rectangle; the four
    // sides of the shaded area (width 0); not the clip, not the white ones,
    // not the dot.
    assert_eq!((h, v), (6, 5), "{:?}", page.rulings);
    assert_eq!(page.rulings.iter().filter(|r| r.width == 0.0).count(), 4);
    assert!(page.rulings.contains(&Ruling { x0: 100.0, top: 692.0, x1: 300.0, bottom: 692.0, width: 0.5 }));
    assert!(page.rulings.contains(&Ruling { x0: 100.0, top: 591.75, x1: 300.0, bottom: 591.75, width: 0.5 }));
}

#[test]
fn inline_images_are_counted_and_skipped() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let content = b"q 10 0 0 10 0 0 cm BI /W 2 /H 2 /BPC 8 /CS /G ID ET)( EI Q \
        BI /W 4 /H 4 /F /AHx ID 00ff00ff> EI BT /F1 10 Tf 10 10 Td (ok) Tj ET";
    let (page, _) = run_page(b, content, fonts(&[("F1", f)]));
    assert_eq!(page.images, 2);
    assert_eq!(text(&page), "ok");
}

#[test]
fn vertical_writing_stacks_glyphs_downwards() {
    let mut b = Builder::new();
    let f = b.stsong("UniGB-UCS2-V");
    let (page, _) = run_page(b, b"BT /F1 10 Tf 300 700 Td <4E2D6587> Tj ET", fonts(&[("F1", f)]));
    assert_eq!(text(&page), "中文");
    let (a, c) = (&page.glyphs[0], &page.glyphs[1]);
    assert!(!a.upright && !c.upright);
    // The first glyph hangs below the origin (92 from the top), centred on x.
    assert_eq!((r(a.rect.x0), r(a.rect.x1), r(a.rect.top), r(a.rect.bottom)), (295.0, 305.0, 92.0, 102.0));
    assert_eq!((r(c.rect.top), r(c.rect.bottom)), (102.0, 112.0));
}

#[test]
fn unmapped_and_missing_fonts_are_counted() {
    let mut b = Builder::new();
    let type3 = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type3", "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()], "FirstChar" => 1, "LastChar" => 2,
        "Widths" => vec![600.into(), 600.into()], "CharProcs" => Dictionary::new(),
        "Encoding" => dictionary! { "Differences" => vec![1.into(), "glyphA".into(), "B".into()] },
    });
    let (page, diags) =
        run_page(b, b"BT /T3 10 Tf (\\001\\002\\001) Tj /Nope 10 Tf (xy) Tj <00410042> Tj ET", fonts(&[("T3", type3)]));
    // A font the resources lack is read as pdf.js reads it: WinAnsi text,
    // Helvetica advances (x is 500/1000 em), with a warning that says so;
    // but a string in 2-byte codes (NUL bytes) is no WinAnsi text.
    assert_eq!(text(&page), "\u{FFFD}B\u{FFFD}xy\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}");
    assert_eq!(r(page.glyphs[1].rect.x1 - page.glyphs[1].rect.x0), 6.0, "Type 3 width through FontMatrix");
    assert_eq!(r(page.glyphs[3].rect.x1 - page.glyphs[3].rect.x0), 5.0, "Helvetica's x");
    let unmapped: Vec<&str> =
        diags.iter().filter(|d| d.code == "pdf.unmapped_glyphs").map(|d| d.message.as_str()).collect();
    assert_eq!(unmapped.len(), 2, "{diags:?}");
    assert!(unmapped[0].starts_with("2 character(s) in Type 3 font"), "{}", unmapped[0]);
    assert!(unmapped[1].starts_with("4 character(s) in font /Nope"), "{}", unmapped[1]);
    assert!(diags.iter().all(|d| d.page == Some(1)));
    assert!(diags.iter().any(|d| d.code == "pdf.font" && d.message.contains("/Nope") && d.message.contains("WinAnsi")));
}

#[test]
fn operators_split_across_content_streams_and_junk_survive() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let c1 = b.stream(Dictionary::new(), b"BT /F1 10 Tf 10 10 Td (A) Tj");
    let c2 = b.stream(Dictionary::new(), b") ] } @@@ 1 2 3 (B) Tj ET BT 10 30 Td [(C)]");
    // The operands in one stream, their operator in the next (ICDAR eu-007).
    let c3 = b.stream(Dictionary::new(), b"TJ ET");
    b.page_with(vec![c1.into(), c2.into(), c3.into()].into(), fonts(&[("F1", f)]), Dictionary::new());
    let (page, _) = b.open().page(0).expect("page");
    assert_eq!(text(&page), "ABC");
    assert_eq!(r(page.glyphs[1].rect.x0), 16.67, "the text state carried over to the second stream");
}

#[test]
fn filters_given_by_reference_are_followed() {
    // pdfminer issue 1062: `/Filter 3 0 R` with `3 0 obj [/ASCIIHexDecode]`.
    let mut b = Builder::new();
    let f = b.helvetica();
    let filter = b.add(vec![Object::Name(b"ASCIIHexDecode".to_vec())]);
    let hex: String = b"BT /F1 10 Tf 10 10 Td (Hi) Tj ET".iter().map(|c| format!("{c:02X}")).collect();
    let content = b.stream(dictionary! { "Filter" => filter }, format!("{hex}>").as_bytes());
    b.page_with(content.into(), fonts(&[("F1", f)]), Dictionary::new());
    let (page, _) = b.open().page(0).expect("page");
    assert_eq!(text(&page), "Hi");
}

#[test]
fn glyphs_a_clipping_rectangle_hides_are_left_out_and_counted() {
    // A cell clipped to y 480..520 (WPS draws a tall cell's whole text and
    // clips it to the cell): "In" shows, "Out" below it does not; after Q the
    // clip is gone. A curved clip path narrows nothing.
    let mut b = Builder::new();
    let f = b.helvetica();
    b.page(
        b"q 0 480 612 40 re W n BT /F1 10 Tf 10 500 Td (In) Tj 0 -100 Td (Out) Tj ET Q \
          BT /F1 10 Tf 10 300 Td (Free) Tj ET \
          q 0 0 m 10 10 20 20 30 0 c h W n BT /F1 10 Tf 100 300 Td (Curve) Tj ET Q",
        fonts(&[("F1", f)]),
        Dictionary::new(),
    );
    let (page, diags) = b.open().page(0).expect("page");
    assert_eq!(text(&page), "InFreeCurve");
    let clipped: Vec<&str> = diags.iter().filter(|d| d.code == "pdf.clipped").map(|d| d.message.as_str()).collect();
    assert_eq!(clipped, vec!["3 character(s) hidden by a clipping path were left out: \"Out\""]);
}

#[test]
fn private_use_characters_are_counted() {
    // A ToUnicode that maps 'l' to U+F06C (a symbol font's bullet, as Word
    // writes Wingdings): kept, and said.
    let mut b = Builder::new();
    let cmap = b.stream(
        Dictionary::new(),
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> \
          endcodespacerange 1 beginbfchar <6C> <F06C> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
    );
    let font = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => cmap,
    });
    let (page, diags) = run_page(b, b"BT /F1 10 Tf (lal) Tj ET", fonts(&[("F1", font)]));
    assert_eq!(text(&page), "\u{F06C}a\u{F06C}");
    let private: Vec<&str> = diags.iter().filter(|d| d.code == "pdf.private_use").map(|d| d.message.as_str()).collect();
    assert_eq!(private.len(), 1, "{diags:?}");
    assert!(private[0].starts_with("2 character(s) in font Helvetica"), "{}", private[0]);
}

#[test]
fn a_content_stream_with_an_unusable_length_is_read_to_endstream() {
    // pdf-rs crash-121-1: `/Length 15 0 R` inside object 15 itself. Here the
    // length names an object that does not exist (same byte count, so the
    // cross-reference table stays right).
    let mut b = Builder::new();
    let f = b.helvetica();
    let mut content = b"BT /F1 10 Tf 10 10 Td (Hi) Tj ET".to_vec();
    content.resize(100_000, b' ');
    b.page(&content, fonts(&[("F1", f)]), Dictionary::new());
    let mut bytes = b.bytes();
    let at = bytes.windows(14).position(|w| w == b"/Length 100000").expect("the length");
    bytes[at..at + 14].copy_from_slice(b"/Length 99 0 R");
    let doc = crate::pdf::document::PdfDocument::open(&bytes).expect("opens");
    let (page, diags) = doc.page(0).expect("page");
    assert_eq!(text(&page), "Hi");
    assert!(diags.iter().any(|d| d.code == "pdf.stream_length"), "{diags:?}");
}

#[test]
fn a_spot_colour_at_full_tint_is_ink_and_white_is_white_in_every_space() {
    let b = Builder::new();
    let mut spaces = Dictionary::new();
    spaces.set(
        "CS0",
        Object::Array(vec![
            Object::Name(b"Separation".to_vec()),
            Object::Name(b"PANTONE 186 C".to_vec()),
            Object::Name(b"DeviceCMYK".to_vec()),
            Object::Dictionary(Dictionary::new()),
        ]),
    );
    spaces.set("CS1", Object::Array(vec![Object::Name(b"Separation".to_vec()), Object::Name(b"None".to_vec())]));
    let mut resources = Dictionary::new();
    resources.set("ColorSpace", Object::Dictionary(spaces));
    // Full tint of the spot colour: a line. Tint 0: nothing. RGB white,
    // CMYK white, the /None separation: nothing. CMYK black: a line.
    let content = b"/CS0 CS 1 SCN 100 100 m 300 100 l S \
        0 SCN 100 120 m 300 120 l S \
        1 1 1 RG 100 140 m 300 140 l S \
        0 0 0 0 K 100 160 m 300 160 l S \
        /CS1 CS 1 SCN 100 180 m 300 180 l S \
        0 0 0 1 K 100 200 m 300 200 l S";
    let (page, _) = run_page(b, content, resources);
    let ys: Vec<f32> = page.rulings.iter().map(|r| r.top).collect();
    assert_eq!(ys, vec![692.0, 592.0], "{:?}", page.rulings);
}

/// A page whose annotations are `widgets` (each a widget dictionary) in a
/// form with Helvetica as /Helv and ZapfDingbats as /ZaDb in its /DR.
fn form_page(need_appearances: bool, widgets: Vec<Dictionary>) -> (crate::pdf::page::PageContent, Vec<crate::model::Diagnostic>) {
    let mut b = Builder::new();
    let helv = b.helvetica();
    let zadb = b.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ZapfDingbats" });
    let annots: Vec<Object> = widgets.into_iter().map(|w| b.add(w).into()).collect();
    b.catalog.set(
        "AcroForm",
        dictionary! {
            "Fields" => annots.clone(), "NeedAppearances" => need_appearances, "DA" => Object::string_literal("0 g /Helv 0 Tf"),
            "DR" => dictionary! { "Font" => dictionary! { "Helv" => helv, "ZaDb" => zadb } },
        },
    );
    b.page(b"", Dictionary::new(), dictionary! { "Annots" => annots });
    b.open().page(0).expect("page")
}

fn widget(field_type: &str, rect: [i64; 4], extra: Dictionary) -> Dictionary {
    let mut w = dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => field_type,
        "Rect" => rect.iter().map(|&v| Object::Integer(v)).collect::<Vec<_>>(),
    };
    for (k, v) in extra.iter() {
        w.set(k.clone(), v.clone());
    }
    w
}

#[test]
fn field_values_are_drawn_when_the_viewer_must_draw_them() {
    // With /NeedAppearances true the value shows, left-aligned in the
    // widget, in the /DA size.
    let text_field = |extra: Dictionary| {
        let mut d = dictionary! { "V" => Object::string_literal("Filled in"), "DA" => Object::string_literal("0 g /Helv 10 Tf") };
        for (k, v) in extra.iter() {
            d.set(k.clone(), v.clone());
        }
        widget("Tx", [100, 700, 300, 720], d)
    };
    let (page, diags) = form_page(true, vec![text_field(Dictionary::new())]);
    assert_eq!(text(&page), "Filled in");
    let g = &page.glyphs[0];
    assert_eq!((r(g.rect.x0), r(g.size)), (102.0, 10.0));
    assert!(g.rect.top > 792.0 - 720.0 && g.rect.bottom < 792.0 - 700.0, "{g:?}");
    assert!(diags.is_empty(), "{diags:?}");
    // Without /NeedAppearances, a widget without an appearance shows its
    // value too.
    let (page, _) = form_page(false, vec![text_field(Dictionary::new())]);
    assert_eq!(text(&page), "Filled in");
    // A widget whose appearance is an empty placeholder shows that
    // (nothing), unless the form needs its appearances drawn again.
    let with_placeholder = |need_appearances: bool| {
        let mut b = Builder::new();
        let helv = b.helvetica();
        let empty = b.stream(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()] },
            b"/Tx BMC EMC",
        );
        let with_ap = b.add(text_field(dictionary! { "AP" => dictionary! { "N" => empty } }));
        b.catalog.set(
            "AcroForm",
            dictionary! { "Fields" => vec![with_ap.into()], "DR" => fonts(&[("Helv", helv)]), "NeedAppearances" => need_appearances },
        );
        b.page(b"", Dictionary::new(), dictionary! { "Annots" => vec![Object::from(with_ap)] });
        text(&b.open().page(0).expect("page").0)
    };
    assert_eq!(with_placeholder(false), "", "the appearance stream is what a viewer draws");
    assert_eq!(with_placeholder(true), "Filled in");
}

#[test]
fn a_field_turned_only_by_its_appearance_matrix_draws_its_value_turned() {
    // A tall widget (20 wide, 200 high) whose placeholder appearance is
    // drawn with /Matrix [0 1 -1 0 0 0] and no /MK /R: a viewer drawing the
    // value again turns it the same way, so it runs up the page.
    let mut b = Builder::new();
    let helv = b.helvetica();
    let turned = b.stream(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
            "Matrix" => vec![0.into(), 1.into(), (-1).into(), 0.into(), 0.into(), 0.into()],
        },
        b"/Tx BMC EMC",
    );
    let field = b.add(widget("Tx", [100, 500, 120, 700], dictionary! {
        "V" => Object::string_literal("Up"), "DA" => Object::string_literal("0 g /Helv 10 Tf"), "AP" => dictionary! { "N" => turned },
    }));
    b.catalog.set(
        "AcroForm",
        dictionary! { "Fields" => vec![field.into()], "DR" => fonts(&[("Helv", helv)]), "NeedAppearances" => true },
    );
    b.page(b"", Dictionary::new(), dictionary! { "Annots" => vec![Object::from(field)] });
    let (page, diags) = b.open().page(0).expect("page");
    assert_eq!(text(&page), "Up", "{diags:?}");
    let (u, p) = (&page.glyphs[0], &page.glyphs[1]);
    assert!(!u.upright && !p.upright);
    assert!(p.rect.top < u.rect.top, "the second letter is above the first: {u:?} {p:?}");
    assert!(u.rect.x0 >= 100.0 && u.rect.x1 <= 120.0, "inside the widget: {u:?}");
    assert_eq!(super::field::quarter_turn(Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, 0.0)), Some(270));
    assert_eq!(super::field::quarter_turn(Matrix::new(1.0, 0.3, 0.0, 1.0, 0.0, 0.0)), None);
}

#[test]
fn choice_button_and_password_fields_show_what_a_viewer_shows() {
    let da = |s: &str| Object::string_literal(s);
    let options: Vec<Object> = ["Apple", "Banana", "Cherry", "Damson"].iter().map(|o| Object::string_literal(*o)).collect();
    let (page, _) = form_page(
        true,
        vec![
            // A combo box shows the display text of the option its value names.
            widget("Ch", [100, 700, 300, 720], dictionary! {
                "Ff" => 1 << 17, "DA" => da("0 g /Helv 10 Tf"), "V" => Object::string_literal("sh"),
                "Opt" => vec![Object::Array(vec![Object::string_literal("sh"), Object::string_literal("Shanghai")])],
            }),
            // A list box shows its options from the top index; the last one
            // lies below the box and is clipped.
            widget("Ch", [100, 600, 200, 630], dictionary! { "DA" => da("0 g /Helv 10 Tf"), "Opt" => options, "TI" => 1 }),
            // A check box that is on shows its caption in ZapfDingbats (✔).
            widget("Btn", [100, 500, 116, 516], dictionary! {
                "DA" => da("0 g /ZaDb 0 Tf"), "MK" => dictionary! { "CA" => Object::string_literal("4") }, "AS" => "Yes",
            }),
            // One that is off shows nothing.
            widget("Btn", [100, 480, 116, 496], dictionary! {
                "DA" => da("0 g /ZaDb 0 Tf"), "MK" => dictionary! { "CA" => Object::string_literal("4") }, "AS" => "Off",
            }),
            // A password is masked.
            widget("Tx", [100, 400, 200, 420], dictionary! { "Ff" => 1 << 13, "DA" => da("0 g /Helv 10 Tf"), "V" => Object::string_literal("pw") }),
        ],
    );
    assert_eq!(text(&page), "ShanghaiBananaCherry✔**");
    let (_, diags) = form_page(
        true,
        vec![widget("Ch", [100, 600, 200, 630], dictionary! {
            "DA" => da("0 g /Helv 10 Tf"),
            "Opt" => ["Apple", "Banana", "Cherry", "Damson"].iter().map(|o| Object::string_literal(*o)).collect::<Vec<_>>(),
            "TI" => 1,
        })],
    );
    assert!(diags.iter().any(|d| d.code == "pdf.clipped" && d.message.contains("Damson")), "{diags:?}");
}

#[test]
fn a_form_draws_nothing_outside_its_bounding_box() {
    let mut b = Builder::new();
    let f = b.helvetica();
    let form = b.stream(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 200.into(), 30.into()],
            "Resources" => fonts(&[("F1", f)]),
        },
        b"BT /F1 10 Tf 0 10 Td (In) Tj 0 40 Td (Out) Tj ET",
    );
    let (page, diags) = run_page(
        b,
        b"q 1 0 0 1 100 500 cm /Fm1 Do Q BT /F1 10 Tf 100 560 Td (After) Tj ET",
        {
            let mut r = fonts(&[("F1", f)]);
            r.set("XObject", dictionary! { "Fm1" => form });
            r
        },
    );
    assert_eq!(text(&page), "InAfter", "the clip ends with the form");
    let clipped: Vec<&str> = diags.iter().filter(|d| d.code == "pdf.clipped").map(|d| d.message.as_str()).collect();
    assert_eq!(clipped, vec!["3 character(s) hidden by a clipping path were left out: \"Out\""]);
}

#[test]
fn images_drawn_turned_by_quarters_are_told_apart_from_mirrored_and_sheared() {
    use super::quarter_turns;
    // The unit square's corners (0,0), (1,0), (0,1), (1,1) on a page, y down.
    let upright = [(0.0, 100.0), (50.0, 100.0), (0.0, 0.0), (50.0, 0.0)];
    assert_eq!(quarter_turns(upright), Some(0));
    // Turned a quarter clockwise: rows run down the page.
    let clockwise = [(0.0, 0.0), (0.0, 50.0), (100.0, 0.0), (100.0, 50.0)];
    assert_eq!(quarter_turns(clockwise), Some(1));
    let upside_down = [(50.0, 0.0), (0.0, 0.0), (50.0, 100.0), (0.0, 100.0)];
    assert_eq!(quarter_turns(upside_down), Some(2));
    let anticlockwise = [(100.0, 50.0), (100.0, 0.0), (0.0, 50.0), (0.0, 0.0)];
    assert_eq!(quarter_turns(anticlockwise), Some(3));
    // Mirrored left to right, and sheared.
    let mirrored = [(50.0, 100.0), (0.0, 100.0), (50.0, 0.0), (0.0, 0.0)];
    assert_eq!(quarter_turns(mirrored), None);
    let sheared = [(0.0, 100.0), (50.0, 110.0), (0.0, 0.0), (50.0, 10.0)];
    assert_eq!(quarter_turns(sheared), None);
}
