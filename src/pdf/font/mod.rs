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

pub mod cmap;
pub mod embedded;
pub mod encoding;
pub mod predefined;
#[rustfmt::skip]
mod tables;
mod texnames;
pub mod text;

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object};

use self::cmap::{CMap, Codespace, Text};
use self::embedded::EmbeddedFont;
use self::encoding::{BaseEncoding, Standard14};
use self::predefined::{Ordering, Predefined};
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

#[derive(Debug)]
struct Simple {
    /// Text of every code, decided at load time.
    text: Vec<Option<Text>>,
    /// Advance of every code, text space per unit of font size.
    width: Vec<f32>,
    /// The text is a guess (the stand-in for a missing font): a string that
    /// holds a NUL byte was written in 2-byte codes, which no 1-byte guess
    /// reads, so its characters are left unmapped.
    guessed: bool,
}

#[derive(Debug)]
struct Composite {
    codespace: Codespace,
    encoding: CidEncoding,
    to_unicode: Option<CMap>,
    ordering: Option<Ordering>,
    widths: Widths,
    vertical_metrics: Option<VerticalMetrics>,
    /// CIDFontType2: CID → glyph id (`None`: identity).
    cid_to_gid: Option<Vec<u16>>,
    truetype: bool,
    embedded: Option<EmbeddedFont>,
}

#[derive(Debug)]
enum CidEncoding {
    Identity,
    Predefined(Predefined),
    /// An embedded CMap stream, and the predefined CMap it builds on (`usecmap`).
    Embedded(Box<CMap>, Option<Vec<u8>>),
}

#[derive(Debug, Default)]
struct Widths {
    default: f32,
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
}

impl Widths {
    fn get(&self, cid: u32) -> f32 {
        if let Some(w) = self.single.get(&cid) {
            return *w;
        }
        self.ranges.iter().rev().find(|(lo, hi, _)| *lo <= cid && cid <= *hi).map(|r| r.2).unwrap_or(self.default)
    }
}

#[derive(Debug)]
struct VerticalMetrics {
    /// DW2: (vy, w1y).
    default: (f32, f32),
    /// CID → (w1y, vx, vy).
    single: HashMap<u32, (f32, f32, f32)>,
    ranges: Vec<(u32, u32, (f32, f32, f32))>,
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

    pub(crate) fn load(pdf: &PdfDocument, dict: &Dictionary) -> Font {
        let subtype = pdf.get(dict, b"Subtype").and_then(|o| pdf.name(o)).unwrap_or(b"");
        let base_font = pdf.get(dict, b"BaseFont").and_then(|o| pdf.name(o)).map(font_name).unwrap_or_default();
        if subtype == b"Type0" || (subtype.is_empty() && dict.has(b"DescendantFonts")) {
            load_composite(pdf, dict, base_font)
        } else {
            load_simple(pdf, dict, base_font, subtype)
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

impl Composite {
    fn cid(&self, code: u32, len: usize) -> u32 {
        match &self.encoding {
            CidEncoding::Identity => code,
            CidEncoding::Predefined(p) => p.cid(code, len).unwrap_or(0),
            CidEncoding::Embedded(cmap, base) => cmap
                .cid(code, len as u8)
                .or_else(|| base.as_deref().and_then(|name| predefined::cid_in(name, code, len)))
                .unwrap_or(0),
        }
    }

    fn glyph(&self, cid: u32) -> u32 {
        match (&self.cid_to_gid, &self.embedded) {
            (Some(map), _) => map.get(cid as usize).map(|g| *g as u32).unwrap_or(0),
            (None, Some(font)) if !self.truetype => font.glyph_for_cid(cid),
            _ => cid,
        }
    }

    fn char(&self, code: u32, len: usize, vertical: bool) -> Char {
        let cid = self.cid(code, len);
        let mut text = self.to_unicode.as_ref().and_then(|m| m.unicode(code)).filter(Text::is_meaningful);
        if text.is_none()
            && let CidEncoding::Predefined(p) = &self.encoding
        {
            text = p.unicode(code, len).filter(Text::is_meaningful);
        }
        if text.is_none()
            && let Some(font) = &self.embedded
        {
            let gid = self.glyph(cid);
            if gid != 0 {
                text = font.text_of_glyph(gid).filter(Text::is_meaningful);
            }
        }
        if text.is_none()
            && let Some(ordering) = self.ordering
        {
            text = predefined::cid_to_unicode(ordering, cid).filter(Text::is_meaningful);
        }
        if text.is_none()
            && let Some(font) = &self.embedded
            && font.is_blank(self.glyph(cid))
        {
            text = Some(Text::Char(' '));
        }
        let width = self.widths.get(cid) / 1000.0;
        let vertical = vertical.then(|| {
            let vm = self.vertical_metrics.as_ref();
            let (w1y, vx, vy) = vm
                .and_then(|m| {
                    m.single
                        .get(&cid)
                        .copied()
                        .or_else(|| m.ranges.iter().rev().find(|r| r.0 <= cid && cid <= r.1).map(|r| r.2))
                })
                .unwrap_or_else(|| {
                    let (vy, w1y) = vm.map(|m| m.default).unwrap_or((880.0, -1000.0));
                    (w1y, width * 1000.0 / 2.0, vy)
                });
            (w1y / 1000.0, vx / 1000.0, vy / 1000.0)
        });
        Char { code, len: len as u8, text, width, vertical, word_space: len == 1 && code == 32 }
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

fn load_simple(pdf: &PdfDocument, dict: &Dictionary, name: String, subtype: &[u8]) -> Font {
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
        kind: Kind::Simple(Box::new(Simple { text, width, guessed: false })),
    }
}

/// Characters that take a full em in CJK fonts (for a default width only).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF)
}

fn load_composite(pdf: &PdfDocument, dict: &Dictionary, name: String) -> Font {
    let mut problem = None;
    let descendant = pdf
        .get(dict, b"DescendantFonts")
        .and_then(|o| match o {
            Object::Array(a) => a.first(),
            other => Some(other),
        })
        .and_then(|o| pdf.dict(o));
    let cid_font = descendant.cloned().unwrap_or_default();
    let cid_font = &cid_font;
    let descriptor = pdf.get(cid_font, b"FontDescriptor").and_then(|o| pdf.dict(o));
    let bold = is_bold(pdf, &name, descriptor);
    let truetype = pdf.get(cid_font, b"Subtype").and_then(|o| pdf.name(o)) == Some(b"CIDFontType2");

    let (encoding, codespace, mut vertical) = match pdf.get(dict, b"Encoding") {
        Some(Object::Name(n)) if n.as_slice() == b"Identity-H" => (CidEncoding::Identity, Codespace::fixed(2), false),
        Some(Object::Name(n)) if n.as_slice() == b"Identity-V" => (CidEncoding::Identity, Codespace::fixed(2), true),
        Some(Object::Name(n)) => match predefined::lookup(n) {
            Some(p) => {
                let (cs, v) = (p.codespace.clone(), p.vertical);
                (CidEncoding::Predefined(p), cs, v)
            }
            None => {
                problem = Some(format!(
                    "font {name} uses the CMap {} that govdoc does not know; its codes are read as 2-byte CIDs",
                    String::from_utf8_lossy(n)
                ));
                (CidEncoding::Identity, Codespace::fixed(2), n.ends_with(b"-V"))
            }
        },
        Some(Object::Stream(s)) => {
            let cmap = pdf.stream_data(s).map(|d| CMap::parse(&d)).unwrap_or_default();
            // The codespace of the CMap, else of the CMap it uses, else 2 bytes.
            let base = cmap
                .use_cmap
                .clone()
                .or_else(|| pdf.get(&s.dict, b"UseCMap").and_then(|o| pdf.name(o)).map(|n| n.to_vec()));
            let base_predefined = base.as_deref().and_then(predefined::lookup);
            let codespace = if !cmap.codespace.ranges.is_empty() {
                cmap.codespace.clone()
            } else {
                base_predefined.as_ref().map(|p| p.codespace.clone()).unwrap_or_else(|| Codespace::fixed(2))
            };
            let wmode = pdf.get(&s.dict, b"WMode").and_then(|o| pdf.number(o)) == Some(1.0);
            let v = cmap.vertical || wmode || base_predefined.is_some_and(|p| p.vertical);
            (CidEncoding::Embedded(Box::new(cmap), base), codespace, v)
        }
        _ => (CidEncoding::Identity, Codespace::fixed(2), false),
    };
    if pdf.get(dict, b"WMode").and_then(|o| pdf.number(o)) == Some(1.0) {
        vertical = true;
    }

    let ordering = pdf
        .get(cid_font, b"CIDSystemInfo")
        .and_then(|o| pdf.dict(o))
        .filter(|info| pdf.get(info, b"Registry").and_then(|o| o.as_str().ok()).is_some_and(|r| r == b"Adobe"))
        .and_then(|info| pdf.get(info, b"Ordering").and_then(|o| o.as_str().ok()))
        .and_then(Ordering::from_name)
        .or(match &encoding {
            CidEncoding::Predefined(p) => Some(p.ordering),
            _ => None,
        });

    let default_width = pdf.get(cid_font, b"DW").and_then(|o| pdf.number(o)).unwrap_or(1000.0);
    let mut widths = Widths { default: default_width, ..Default::default() };
    if let Some(Object::Array(w)) = pdf.get(cid_font, b"W") {
        read_w(pdf, w, 1, |lo, hi, v| {
            if lo == hi {
                widths.single.insert(lo, v[0]);
            } else {
                widths.ranges.push((lo, hi, v[0]));
            }
        });
    }
    let vertical_metrics = vertical.then(|| {
        let dw2 = pdf.get(cid_font, b"DW2").and_then(|o| o.as_array().ok());
        let default = match dw2.map(|a| a.iter().filter_map(|o| pdf.number(o)).collect::<Vec<_>>()) {
            Some(v) if v.len() == 2 => (v[0], v[1]),
            _ => (880.0, -1000.0),
        };
        let mut vm = VerticalMetrics { default, single: HashMap::new(), ranges: Vec::new() };
        if let Some(Object::Array(w2)) = pdf.get(cid_font, b"W2") {
            read_w(pdf, w2, 3, |lo, hi, v| {
                let m = (v[0], v[1], v[2]);
                if lo == hi {
                    vm.single.insert(lo, m);
                } else {
                    vm.ranges.push((lo, hi, m));
                }
            });
        }
        vm
    });

    let cid_to_gid = match pdf.get(cid_font, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => pdf
            .stream_data(s)
            .ok()
            .map(|d| d.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<u16>>()),
        _ => None,
    };
    let embedded = embedded_program(pdf, descriptor);
    let to_unicode = to_unicode(pdf, dict);
    if descendant.is_none() {
        problem.get_or_insert_with(|| format!("font {name} has no descendant CID font"));
    }
    Font {
        info: FontInfo { name, bold, space_width: None },
        vertical,
        descent: descent(pdf, descriptor),
        type3: false,
        problem,
        kind: Kind::Composite(Box::new(Composite {
            codespace,
            encoding,
            to_unicode,
            ordering,
            widths,
            vertical_metrics,
            cid_to_gid,
            truetype,
            embedded,
        })),
    }
}

/// Reads a `/W` (n = 1) or `/W2` (n = 3) array: `c [v…]` lists, `cfirst clast v…`
/// ranges. Calls `put(lo, hi, values)` for each entry, at most
/// [`MAX_WIDTH_ENTRIES`] times.
fn read_w(pdf: &PdfDocument, items: &[Object], n: usize, mut put: impl FnMut(u32, u32, &[f32])) {
    let mut i = 0;
    let mut count = 0;
    let num = |o: &Object| pdf.number(o);
    while i < items.len() && count < MAX_WIDTH_ENTRIES {
        let Some(first) = num(&items[i]).filter(|v| *v >= 0.0) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match items.get(i + 1).and_then(|o| pdf.resolve(o)) {
            Some(Object::Array(list)) => {
                let values: Vec<f32> = list.iter().filter_map(num).collect();
                for (k, chunk) in values.chunks_exact(n).enumerate() {
                    if count >= MAX_WIDTH_ENTRIES {
                        break;
                    }
                    let cid = first.saturating_add(k as u32);
                    put(cid, cid, chunk);
                    count += 1;
                }
                i += 2;
            }
            Some(_) => {
                let last = num(&items[i + 1]).filter(|v| *v >= 0.0).map(|v| v as u32);
                let values: Vec<f32> = items.iter().skip(i + 2).take(n).filter_map(num).collect();
                if let Some(last) = last
                    && values.len() == n
                    && last >= first
                {
                    put(first, last, &values);
                    count += 1;
                }
                i += 2 + n;
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests;
