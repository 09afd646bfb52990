//! Simple fonts (Type 1, TrueType, Type 3): one byte per code, the text and
//! advance of all 256 codes decided when the font is loaded.

use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use super::cmap::Text;
use super::encoding::{self, BaseEncoding, Standard14};
use super::{
    DEFAULT_DESCENT, FLAG_NONSYMBOLIC, FLAG_SYMBOLIC, Font, Kind, MAX_WIDTH_ENTRIES, SPACELESS_FONT_SPACE_EM, descent,
    embedded_program, is_bold, is_wide, to_unicode,
};
use crate::pdf::document::PdfDocument;
use crate::pdf::page::FontInfo;

#[derive(Debug)]
pub(super) struct Simple {
    /// Text of every code, decided at load time.
    pub(super) text: Vec<Option<Text>>,
    /// Advance of every code, text space per unit of font size.
    pub(super) width: Vec<f32>,
}

pub(super) fn load_simple(pdf: &PdfDocument, dict: &Dictionary, name: String, subtype: &[u8]) -> Font {
    let type3 = subtype == b"Type3";
    let descriptor = pdf.get(dict, b"FontDescriptor").and_then(|o| pdf.dict(o));
    let bold = is_bold(pdf, &name, descriptor);
    let flags = descriptor.and_then(|d| pdf.get(d, b"Flags")).and_then(|o| pdf.number(o)).unwrap_or(0.0) as i64;
    let standard = Standard14::from_base_font(&name);
    let symbolic = flags & FLAG_SYMBOLIC != 0 && flags & FLAG_NONSYMBOLIC == 0 || standard.is_some_and(Standard14::is_symbolic);
    let embedded = if type3 { None } else { embedded_program(pdf, descriptor) };
    let truetype = subtype == b"TrueType";
    let to_unicode = to_unicode(pdf, dict);

    // The encoding: a name, or a dictionary with /BaseEncoding and /Differences.
    let mut base: Option<BaseEncoding> = None;
    let mut differences: HashMap<u8, String> = HashMap::new();
    match pdf.get(dict, b"Encoding") {
        Some(Object::Name(n)) => base = BaseEncoding::from_name(n),
        Some(Object::Dictionary(enc)) => {
            base = pdf.get(enc, b"BaseEncoding").and_then(|o| pdf.name(o)).and_then(BaseEncoding::from_name);
            if let Some(Object::Array(items)) = pdf.get(enc, b"Differences") {
                let mut code: i64 = 0;
                for item in items.iter().take(MAX_WIDTH_ENTRIES) {
                    match pdf.resolve(item) {
                        Some(Object::Integer(i)) => code = *i,
                        Some(Object::Name(n)) => {
                            if let Ok(c) = u8::try_from(code) {
                                differences.insert(c, String::from_utf8_lossy(n).into_owned());
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    // With no encoding given, a font uses its own: the built-in encoding of an
    // embedded Type 1 / CFF program, Standard for non-symbolic fonts.
    let implicit = base.is_none();
    let fallback_base = standard.map(Standard14::builtin_encoding).unwrap_or(BaseEncoding::Standard);

    let mut text: Vec<Option<Text>> = Vec::with_capacity(256);
    let mut names: Vec<Option<String>> = Vec::with_capacity(256);
    for code in 0..=255u8 {
        let mut glyph_name: Option<String> = differences.get(&code).cloned();
        if glyph_name.is_none() {
            glyph_name = match base {
                Some(b) => b.name(code).map(str::to_string),
                None => {
                    let builtin = (!truetype)
                        .then_some(embedded.as_ref())
                        .flatten()
                        .and_then(|f| f.glyph_for_builtin_code(code).and_then(|g| f.glyph_name(g)));
                    builtin.or_else(|| {
                        (!symbolic || standard.is_some())
                            .then(|| fallback_base.name(code))
                            .flatten()
                            .map(str::to_string)
                    })
                }
            };
        }
        let mut t = to_unicode.as_ref().and_then(|m| m.unicode(code as u32)).filter(Text::is_meaningful);
        if t.is_none()
            && let Some(n) = &glyph_name
        {
            t = encoding::name_to_text(n);
            if t.is_none()
                && let Some(font) = &embedded
            {
                let gid = encoding::name_to_glyph_id(n).or_else(|| font.glyph_by_name(n));
                t = gid.and_then(|g| font.text_of_glyph(g));
            }
        }
        if t.is_none()
            && truetype
            && let Some(font) = &embedded
        {
            // Symbolic TrueType (or a code the names do not cover): the font's
            // own (3,0) / (1,0) cmap selects the glyph.
            t = font.glyph_for_symbolic_code(code).and_then(|g| font.text_of_glyph(g));
        }
        text.push(t.filter(Text::is_meaningful));
        names.push(glyph_name);
    }

    // Widths, in text space per unit of font size.
    let font_matrix_x = if type3 {
        pdf.get(dict, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| pdf.number(o))
            .unwrap_or(0.001)
    } else {
        0.001
    };
    let first = pdf.get(dict, b"FirstChar").and_then(|o| pdf.number(o)).unwrap_or(0.0) as i64;
    let widths_array = pdf.get(dict, b"Widths").and_then(|o| o.as_array().ok());
    let missing = descriptor.and_then(|d| pdf.get(d, b"MissingWidth")).and_then(|o| pdf.number(o));
    let mut width = Vec::with_capacity(256);
    for code in 0..=255usize {
        let from_array = widths_array
            .and_then(|a| usize::try_from(code as i64 - first).ok().and_then(|i| a.get(i)))
            .and_then(|o| pdf.number(o));
        let w = from_array
            .or_else(|| widths_array.and(missing))
            .or_else(|| standard.and_then(|s| names[code].as_deref().and_then(|n| s.width(n))))
            .or_else(|| {
                let font = embedded.as_ref()?;
                let gid = names[code].as_deref().and_then(|n| font.glyph_by_name(n)).or_else(|| {
                    if truetype {
                        font.glyph_for_symbolic_code(code as u8)
                    } else {
                        font.glyph_for_builtin_code(code as u8)
                    }
                })?;
                font.advance(gid)
            })
            .or(missing)
            .unwrap_or_else(|| match &text[code] {
                Some(Text::Char(c)) if is_wide(*c) => 1000.0,
                _ => 500.0,
            });
        width.push(if type3 { w * font_matrix_x } else { w / 1000.0 });
    }
    let problem = (implicit && symbolic && embedded.is_none() && to_unicode.is_none() && standard.is_none())
        .then(|| format!("font {name} is symbolic, not embedded and has no ToUnicode map"));
    // A simple font without a space character (TeX's fonts have none: TeX
    // places each word) is judged by TeX's word space, a third of an em.
    let space_width = if matches!(text[32], Some(Text::Char(' '))) {
        Some(width[32]).filter(|w| *w > 0.0)
    } else {
        Some(SPACELESS_FONT_SPACE_EM)
    };
    Font {
        info: FontInfo { name, bold, space_width },
        vertical: false,
        descent: match (type3, descriptor, standard) {
            (true, _, _) => DEFAULT_DESCENT,
            (false, None, Some(s)) => s.descent(),
            _ => descent(pdf, descriptor),
        },
        type3,
        problem,
        kind: Kind::Simple(Box::new(Simple { text, width })),
    }
}
