//! Simple fonts: one byte per code, the text and advance of all 256 codes
//! decided when the font is loaded. What the kinds share is here — the
//! `/Encoding` with its `/Differences`, `/ToUnicode`, glyph names through the
//! Adobe Glyph List, `/Widths` with `/FirstChar` and `/MissingWidth`, the
//! standard 14 fonts' metrics; what a kind decides about its glyphs is its
//! [`Program`], one file each: `type1` (Type 1, and a font of no or an
//! unknown subtype), `truetype`, `type3`.

use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use super::cmap::Text;
use super::embedded::EmbeddedFont;
use super::encoding::{self, BaseEncoding, Standard14};
use super::{
    FLAG_NONSYMBOLIC, FLAG_SYMBOLIC, Font, Kind, MAX_WIDTH_ENTRIES, SPACELESS_FONT_SPACE_EM, descent,
    is_bold, is_wide, to_unicode,
};
use crate::pdf::document::PdfDocument;
use crate::pdf::page::FontInfo;

#[derive(Debug)]
pub(super) struct Simple {
    /// Text of every code, decided at load time.
    pub(super) text: Vec<Option<Text>>,
    /// Advance of every code, text space per unit of font size.
    pub(super) width: Vec<f32>,
    /// The text is a guess (the stand-in for a missing font): a string that
    /// holds a NUL byte was written in 2-byte codes, which no 1-byte guess
    /// reads, so its characters are left unmapped.
    pub(super) guessed: bool,
}

/// What one kind of simple font decides about its glyphs: the font program
/// it may embed, its built-in encoding, the glyph a code selects without a
/// glyph name, its glyph space. The defaults are a font without a program.
pub(super) trait Program: Sized {
    /// Glyphs drawn by content procedures (Type 3), not by a font program.
    const TYPE3: bool = false;

    /// The kind's program, read from the font dictionary and its descriptor.
    fn read(pdf: &PdfDocument, dict: &Dictionary, descriptor: Option<&Dictionary>) -> Self;

    /// The embedded font program.
    fn embedded(&self) -> Option<&EmbeddedFont> {
        None
    }

    /// The glyph name of `code` in the font's built-in encoding: what a font
    /// whose `/Encoding` names no base encoding uses before the standard one.
    fn builtin_name(&self, _code: u8) -> Option<String> {
        None
    }

    /// Text of `code` when neither `/ToUnicode` nor its glyph name gives one.
    fn text_of_code(&self, _code: u8) -> Option<Text> {
        None
    }

    /// The glyph of the embedded program that `code` selects when no glyph
    /// name does (for its advance).
    fn glyph_of_code(&self, _code: u8) -> Option<u32> {
        None
    }

    /// A glyph width (`/Widths`, the AFM metrics or the program's, in glyph
    /// space) as an advance in text space per unit of font size.
    fn advance(&self, width: f32) -> f32 {
        width / 1000.0
    }

    /// Descent below the baseline in em: the descriptor's, else a standard
    /// font's own when there is no descriptor.
    fn descent(&self, pdf: &PdfDocument, descriptor: Option<&Dictionary>, standard: Option<Standard14>) -> f32 {
        match (descriptor, standard) {
            (None, Some(s)) => s.descent(),
            _ => descent(pdf, descriptor),
        }
    }
}

/// A simple font of kind `P` from its dictionary.
pub(super) fn load<P: Program>(pdf: &PdfDocument, dict: &Dictionary, name: String) -> Font {
    let descriptor = pdf.get(dict, b"FontDescriptor").and_then(|o| pdf.dict(o));
    let bold = is_bold(pdf, &name, descriptor);
    let flags = descriptor.and_then(|d| pdf.get(d, b"Flags")).and_then(|o| pdf.number(o)).unwrap_or(0.0) as i64;
    let standard = Standard14::from_base_font(&name);
    let symbolic = flags & FLAG_SYMBOLIC != 0 && flags & FLAG_NONSYMBOLIC == 0 || standard.is_some_and(Standard14::is_symbolic);
    let program = P::read(pdf, dict, descriptor);
    let embedded = program.embedded();
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
    // Ligature glyphs whose /ToUnicode entry gave only some of their letters.
    let mut slipped_ligatures: Vec<String> = Vec::new();
    for code in 0..=255u8 {
        let mut glyph_name: Option<String> = differences.get(&code).cloned();
        if glyph_name.is_none() {
            glyph_name = match base {
                Some(b) => b.name(code).map(str::to_string),
                None => {
                    program.builtin_name(code).or_else(|| {
                        (!symbolic || standard.is_some())
                            .then(|| fallback_base.name(code))
                            .flatten()
                            .map(str::to_string)
                    })
                }
            };
        }
        let mut t = to_unicode.as_ref().and_then(|m| m.unicode(code as u32)).filter(Text::is_meaningful);
        if let (Some(mapped), Some(n)) = (&t, &glyph_name)
            && let Some(letters) = encoding::name_to_text(n).filter(|named| ligature_map_drops_letters(mapped, named))
        {
            slipped_ligatures.push(n.clone());
            t = Some(letters);
        }
        if t.is_none()
            && let Some(n) = &glyph_name
        {
            t = encoding::name_to_text(n);
            if t.is_none()
                && let Some(font) = embedded
            {
                let gid = encoding::name_to_glyph_id(n).or_else(|| font.glyph_by_name(n));
                t = gid.and_then(|g| font.text_of_glyph(g));
            }
        }
        if t.is_none() {
            t = program.text_of_code(code);
        }
        text.push(t.filter(Text::is_meaningful));
        names.push(glyph_name);
    }

    // Widths, in text space per unit of font size.
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
                let font = embedded?;
                let gid = names[code]
                    .as_deref()
                    .and_then(|n| font.glyph_by_name(n))
                    .or_else(|| program.glyph_of_code(code as u8))?;
                font.advance(gid)
            })
            .or(missing)
            .unwrap_or_else(|| match &text[code] {
                Some(Text::Char(c)) if is_wide(*c) => 1000.0,
                _ => 500.0,
            });
        width.push(program.advance(w));
    }
    let mut problem = (implicit && symbolic && embedded.is_none() && to_unicode.is_none() && standard.is_none())
        .then(|| format!("font {name} is symbolic, not embedded and has no ToUnicode map"));
    if !slipped_ligatures.is_empty() {
        let repaired = format!(
            "font {name}'s ToUnicode map gives the ligature glyphs {} only part of their letters; their glyph names were read instead",
            slipped_ligatures.join(", ")
        );
        problem = Some(match problem {
            Some(p) => format!("{p}; {repaired}"),
            None => repaired,
        });
    }
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
        descent: program.descent(pdf, descriptor, standard),
        type3: P::TYPE3,
        problem,
        kind: Kind::Simple(Box::new(Simple { text, width, guessed: false })),
    }
}

/// A `/ToUnicode` entry `mapped` that gives a ligature glyph, whose name
/// reads as `named` (`f_i` → "fi", `fi` → "ﬁ"), fewer of its letters than
/// the name does, all of them from the name: a producer's slip (Ghostscript
/// 9.0x maps `/f_i` to "i", and "Paciic" is printed as "Pacific"). Any other
/// disagreement is left to the map, which a producer writes on purpose.
fn ligature_map_drops_letters(mapped: &Text, named: &Text) -> bool {
    let letters = |t: &Text| {
        let (mut raw, mut s) = (String::new(), String::new());
        t.push_to(&mut raw);
        crate::text::push_without_ligatures(&mut s, &raw);
        s
    };
    let (mapped, named) = (letters(mapped), letters(named));
    named.chars().count() >= 2
        && named.chars().all(|c| c.is_ascii_alphabetic())
        && !mapped.is_empty()
        && mapped.len() < named.len()
        && named.contains(&mapped)
}
