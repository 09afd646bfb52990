//! Fonts → Unicode and advance widths.
//!
//! A [`Font`] is built once from a font dictionary (and cached per document by
//! `document`); the interpreter asks it to split a string into character codes
//! and gets, per code, its Unicode text (or `None`: unmapped, shown as U+FFFD and
//! counted) and its advance.
//!
//! Text comes from, in this order:
//! 1. `/ToUnicode` (`cmap`);
//! 2. composite fonts: the predefined CMap's own meaning of the code (UCS-2,
//!    UTF-16, GBK/Big5/… via encoding_rs; `predefined`), else the embedded font's
//!    cmap reversed from the glyph the CID selects (`embedded`), else the
//!    character collection's CID → Unicode map (Adobe-GB1-UCS2, …);
//! 3. simple fonts: the glyph name from `/Differences`, the base or built-in
//!    encoding, through the Adobe Glyph List and TeX's names (`encoding`,
//!    `texnames`); `gXX` names and
//!    symbolic TrueType codes through the embedded font.
//!
//! Widths: `/W` + `/DW` after code → CID for composite fonts; `/Widths` +
//! `/FirstChar`, `/MissingWidth`, the standard-14 AFM widths, then the embedded
//! font's own advances for simple fonts.
//!
//! One file per font kind, as hayro has it: `type0` (composite fonts and their
//! CID fonts); `simple` (what the one-byte kinds share) with `type1`,
//! `truetype` and `type3` (what each of them decides about its glyphs). The
//! interpreter sees only [`Font`].

pub mod cmap;
pub mod embedded;
pub mod encoding;
pub mod predefined;
mod simple;
#[rustfmt::skip]
mod tables;
mod texnames;
pub mod text;
mod truetype;
mod type0;
mod type1;
mod type3;

use std::sync::Arc;

use lopdf::{Dictionary, Object};

use self::cmap::{CMap, Text};
use self::embedded::EmbeddedFont;
use self::encoding::{BaseEncoding, Standard14};
use self::simple::Simple;
use self::truetype::TrueType;
use self::type0::Composite;
use self::type1::Type1;
use self::type3::Type3;
use super::document::PdfDocument;
use super::page::FontInfo;

/// Descent of a font that does not say (see [`Font::descent`]).
pub const DEFAULT_DESCENT: f32 = -0.12;

/// Bound on `/W`, `/W2` and `/Widths` entries read.
const MAX_WIDTH_ENTRIES: usize = 100_000;

/// Font descriptor `/Flags` bits read here (PDF 32000-1 table 121, bit n
/// is `1 << (n - 1)`). Symbolic (bit 3): glyphs outside the standard Latin
/// character set.
const FLAG_SYMBOLIC: i64 = 1 << 2;
/// Nonsymbolic (bit 6): glyphs within the standard Latin character set.
const FLAG_NONSYMBOLIC: i64 = 1 << 5;
/// ForceBold (bit 19): bold glyphs painted with extra pixels at small sizes.
const FLAG_FORCE_BOLD: i64 = 1 << 18;

/// One character code of a string, as the font reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    pub code: u32,
    /// Number of bytes of the code.
    pub len: u8,
    /// Unicode text, `None` when nothing maps the code.
    pub text: Option<Text>,
    /// Horizontal advance in text space units per unit of font size (the
    /// glyph width / 1000 for ordinary fonts).
    pub width: f32,
    /// Vertical metrics (writing mode 1): `(w1y, vx, vy)` in the same units;
    /// the glyph advances by `w1y` (negative: downwards) and its vertical origin
    /// is `(vx, vy)` from the horizontal one.
    pub vertical: Option<(f32, f32, f32)>,
    /// A single-byte code 32: word spacing (`Tw`) applies to it.
    pub word_space: bool,
}

/// The word space assumed for a simple font that has no space character:
/// TeX's interword space (cmr10: 0.333 em); layout judges word gaps by it.
pub const SPACELESS_FONT_SPACE_EM: f32 = 1.0 / 3.0;

#[derive(Debug)]
pub struct Font {
    pub info: FontInfo,
    /// Writing mode 1 (a `-V` CMap or `/WMode 1`).
    pub vertical: bool,
    /// Descent below the baseline in em (negative): the glyph box spans
    /// `descent ..= descent + 1` em, as pdfminer / pdfplumber draw it. From the
    /// FontDescriptor when it is sane, else −0.12 (page.rs's convention).
    pub descent: f32,
    /// A Type 3 font (glyphs drawn by content procedures, not executed here).
    pub type3: bool,
    /// Something about the font that the user should know (missing dictionary,
    /// unknown encoding), reported once per page that uses it.
    pub problem: Option<String>,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Simple(Box<Simple>),
    Composite(Box<Composite>),
}

impl PdfDocument {
    /// The font a resource entry names, loaded once per document.
    pub(crate) fn font(&self, obj: &Object) -> Arc<Font> {
        self.shared(Self::id_of(obj), || match self.dict(obj) {
            Some(dict) => Font::load(self, dict),
            None => Font::missing("(not a font dictionary)"),
        })
    }
}

impl Font {
    /// A stand-in for a font that cannot be found, as pdf.js falls back to a
    /// default font: 1-byte codes read as WinAnsiEncoding with Helvetica's
    /// advances (the text a damaged reference most often pointed to is
    /// Latin); the problem says the text is a guess. Strings in 2-byte codes
    /// stay unmapped (U+FFFD, counted; a page of nothing else goes to OCR).
    pub fn missing(what: &str) -> Font {
        let names: Vec<Option<&str>> = (0..=255u8).map(|code| BaseEncoding::WinAnsi.name(code)).collect();
        let text = names.iter().map(|n| n.and_then(encoding::name_to_text)).collect();
        let width =
            names.iter().map(|n| n.and_then(|n| Standard14::Helvetica.width(n)).map_or(0.5, |w| w / 1000.0)).collect();
        Font {
            info: FontInfo { name: what.to_string(), bold: false, space_width: None },
            vertical: false,
            descent: Standard14::Helvetica.descent(),
            type3: false,
            problem: Some(format!(
                "font {what} is missing or unreadable; its codes are read as WinAnsiEncoding text, as pdf.js reads them — a guess that gives wrong letters if the font used other codes"
            )),
            kind: Kind::Simple(Box::new(Simple { text, width, guessed: true })),
        }
    }

    /// The font of a font dictionary, read by its kind's file.
    pub(crate) fn load(pdf: &PdfDocument, dict: &Dictionary) -> Font {
        let subtype = pdf.get(dict, b"Subtype").and_then(|o| pdf.name(o)).unwrap_or(b"");
        let base_font = pdf.get(dict, b"BaseFont").and_then(|o| pdf.name(o)).map(font_name).unwrap_or_default();
        match subtype {
            b"Type0" => type0::load(pdf, dict, base_font),
            b"" if dict.has(b"DescendantFonts") => type0::load(pdf, dict, base_font),
            b"TrueType" => simple::load::<TrueType>(pdf, dict, base_font),
            b"Type3" => simple::load::<Type3>(pdf, dict, base_font),
            // Type1, MMType1, and a subtype missing or unknown.
            _ => simple::load::<Type1>(pdf, dict, base_font),
        }
    }

    /// Splits `bytes` into character codes with their text and advance.
    pub fn chars<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = Char> + 'a {
        let mut rest = bytes;
        let unreadable = matches!(&self.kind, Kind::Simple(simple) if simple.guessed && bytes.contains(&0));
        std::iter::from_fn(move || match &self.kind {
            Kind::Simple(simple) => {
                let (&b, tail) = rest.split_first()?;
                rest = tail;
                Some(Char {
                    code: b as u32,
                    len: 1,
                    text: if unreadable { None } else { simple.text[b as usize].clone() },
                    width: simple.width[b as usize],
                    vertical: None,
                    word_space: b == 32,
                })
            }
            Kind::Composite(c) => {
                let (code, n) = c.codespace.next_code(rest)?;
                rest = rest.get(n..).unwrap_or(&[]);
                Some(c.char(code, n, self.vertical))
            }
        })
    }

    /// The advance (per unit of font size) of the glyph this font shows for
    /// `c`, for text that arrives as Unicode rather than as codes (a form
    /// field's value): a simple font's width of the code whose text is `c`;
    /// otherwise a full em for a wide (CJK) character and half an em for
    /// any other.
    pub fn advance_of(&self, c: char) -> f32 {
        if let Kind::Simple(simple) = &self.kind
            && let Some(code) = simple.text.iter().position(|t| t == &Some(Text::Char(c)))
        {
            return simple.width[code];
        }
        if is_wide(c) { 1.0 } else { 0.5 }
    }
}

/// BaseFont as people know it: the subset tag ("ABCDEF+") removed; names
/// written in GBK (宋体 as `#CB#CE#CC#E5`) decoded.
pub fn font_name(raw: &[u8]) -> String {
    let name = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode_without_bom_handling(raw).0.into_owned(),
    };
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest.to_string(),
        _ => name,
    }
}

fn is_bold(pdf: &PdfDocument, name: &str, descriptor: Option<&Dictionary>) -> bool {
    let lower = name.to_ascii_lowercase();
    if ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    let Some(d) = descriptor else { return false };
    let weight = pdf.get(d, b"FontWeight").and_then(|o| pdf.number(o)).unwrap_or(0.0);
    let flags = pdf.get(d, b"Flags").and_then(|o| pdf.number(o)).unwrap_or(0.0) as i64;
    weight >= 600.0 || flags & FLAG_FORCE_BOLD != 0
}

fn descent(pdf: &PdfDocument, descriptor: Option<&Dictionary>) -> f32 {
    descriptor
        .and_then(|d| pdf.get(d, b"Descent"))
        .and_then(|o| pdf.number(o))
        .map(|v| v / 1000.0)
        .filter(|v| (-0.5..=0.0).contains(v))
        .unwrap_or(DEFAULT_DESCENT)
}

fn embedded_program(pdf: &PdfDocument, descriptor: Option<&Dictionary>) -> Option<EmbeddedFont> {
    let d = descriptor?;
    let stream = [&b"FontFile2"[..], b"FontFile3", b"FontFile"]
        .iter()
        .find_map(|key| pdf.get(d, key).and_then(|o| o.as_stream().ok()))?;
    let data = pdf.stream_data(stream).ok()?;
    EmbeddedFont::parse(data)
}

fn to_unicode(pdf: &PdfDocument, dict: &Dictionary) -> Option<CMap> {
    match pdf.get(dict, b"ToUnicode")? {
        Object::Stream(s) => {
            let data = pdf.stream_data(s).ok()?;
            let cmap = CMap::parse(&data);
            cmap.has_unicode().then_some(cmap)
        }
        // `/ToUnicode /Identity-H`: codes are UCS-2 (seen from some producers).
        Object::Name(n) if n.starts_with(b"Identity") => {
            let mut text = String::from("1 beginbfrange <0000> <FFFF> <0000> endbfrange");
            text.push('\n');
            Some(CMap::parse(text.as_bytes()))
        }
        _ => None,
    }
}

/// Characters that take a full em in CJK fonts (for a default width only).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests;
