//! An embedded font program (FontFile, FontFile2, FontFile3), read with
//! read-fonts' font model (through skrifa): its Unicode cmap reversed from glyph
//! id, its glyph names, its own code → glyph maps (symbolic TrueType, Type 1 /
//! CFF built-in encodings), CID → glyph for CID-keyed CFF, and advance widths.
//!
//! Used only where the PDF itself does not say what a code means (no ToUnicode,
//! Identity-H, `gXX` glyph names): the font program is the last honest source
//! before U+FFFD.

use std::collections::HashMap;
use std::sync::OnceLock;

use skrifa::GlyphId;
use skrifa::raw::model::Font as ModelFont;
use skrifa::raw::model::charmap::EncodingKind;

use super::cmap::Text;

/// Font programs larger than this are not parsed (the PDF's widths and maps
/// still apply): no real subset comes near it.
const MAX_FONT_BYTES: usize = 32 << 20;

pub struct EmbeddedFont {
    font: ModelFont,
    /// Glyph id → Unicode, reversed from the Unicode cmap, built on first use.
    reverse: OnceLock<HashMap<u32, char>>,
}

impl std::fmt::Debug for EmbeddedFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedFont").field("glyphs", &self.font.num_glyphs()).finish()
    }
}

impl EmbeddedFont {
    pub fn parse(data: Vec<u8>) -> Option<EmbeddedFont> {
        if data.is_empty() || data.len() > MAX_FONT_BYTES {
            return None;
        }
        // read-fonts reads untrusted data without panicking by design; the
        // catch_unwind is a second line of defence for a font the fuzzers missed,
        // so one bad font costs its text, not the document.
        let font = std::panic::catch_unwind(move || ModelFont::new(data, 0)).ok()??;
        Some(EmbeddedFont { font, reverse: OnceLock::new() })
    }

    /// The character the font's Unicode cmap maps to `gid`. Where several map to
    /// one glyph (CJK compatibility ideographs, Kangxi radicals, both the unified
    /// ideograph and its radical form), the ordinary one is preferred.
    pub fn unicode_of_glyph(&self, gid: u32) -> Option<char> {
        let map = self.reverse.get_or_init(|| {
            let mut map: HashMap<u32, char> = HashMap::new();
            for (cp, glyph) in self.font.charmap().unicodes() {
                let Some(c) = char::from_u32(cp) else { continue };
                let g = glyph.to_u32();
                match map.get(&g) {
                    Some(&old) if rank(old) <= rank(c) => {}
                    _ => {
                        map.insert(g, c);
                    }
                }
            }
            map
        });
        map.get(&gid).copied()
    }

    /// The glyph's name (post table, CFF charset, Type 1 CharStrings), unless the
    /// name was made up by read-fonts.
    pub fn glyph_name(&self, gid: u32) -> Option<String> {
        let name = self.font.glyph_name(GlyphId::new(gid))?;
        (!name.is_synthesized()).then(|| name.as_str().to_string())
    }

    pub fn glyph_by_name(&self, name: &str) -> Option<u32> {
        self.font.glyph_by_name(name).map(|g| g.to_u32())
    }

    /// Text of a glyph: the reversed cmap, else its name through the AGL.
    pub fn text_of_glyph(&self, gid: u32) -> Option<Text> {
        if let Some(c) = self.unicode_of_glyph(gid) {
            return Some(Text::Char(c));
        }
        let name = self.glyph_name(gid)?;
        super::encoding::name_to_text(&name)
    }

    /// The glyph for a code of a symbolic simple TrueType font: the (3,0)
    /// symbol cmap at F000+code or code, else the (1,0) Mac Roman cmap
    /// (PDF 32000-1, 9.6.6.4).
    pub fn glyph_for_symbolic_code(&self, code: u8) -> Option<u32> {
        let charmap = self.font.charmap();
        let encodings: Vec<_> = charmap.encodings().collect();
        for kind in [EncodingKind::MsSymbol, EncodingKind::AppleRoman] {
            for enc in encodings.iter().filter(|e| e.kind() == kind) {
                for c in [0xF000 + code as u32, code as u32, 0xF100 + code as u32, 0xF200 + code as u32] {
                    if let Some(g) = charmap.map_code(*enc, c) {
                        return Some(g.to_u32());
                    }
                }
            }
        }
        None
    }

    /// The glyph a Type 1 or bare CFF font's own encoding gives a code.
    pub fn glyph_for_builtin_code(&self, code: u8) -> Option<u32> {
        let charmap = self.font.charmap();
        let encoding = charmap.encodings().find(|e| e.sfnt_index().is_none() && e.kind() != EncodingKind::Unicode)?;
        charmap.map_code(encoding, code as u32).map(|g| g.to_u32())
    }

    /// The glyph of a CID in a CID-keyed CFF font (identity otherwise).
    pub fn glyph_for_cid(&self, cid: u32) -> u32 {
        if self.font.is_cid_keyed() { self.font.glyph_by_cid(cid).map(|g| g.to_u32()).unwrap_or(cid) } else { cid }
    }

    /// True when the glyph draws nothing (no outline points) but advances:
    /// a space, whatever it is called. Word's subset fonts leave the space
    /// glyph out of ToUnicode; read as a space it keeps words apart instead
    /// of becoming U+FFFD.
    pub fn is_blank(&self, gid: u32) -> bool {
        use skrifa::raw::model::glyph::outline::{ControlBoundsSink, DrawMemory, DrawOptions};
        if gid == 0 || self.advance(gid).is_none() {
            return false;
        }
        let Some(glyph) = self.font.outline_glyphs().get(GlyphId::new(gid)) else { return false };
        let mut sink = ControlBoundsSink::new();
        glyph.draw(&DrawOptions::default(), DrawMemory::Scratch, &mut sink).is_ok() && sink.bounding_box().is_none()
    }

    /// Advance of a glyph in 1/1000 em.
    pub fn advance(&self, gid: u32) -> Option<f32> {
        if gid >= self.font.num_glyphs() {
            return None;
        }
        let w = self.font.glyph_metrics().scaled_f32(1000.0).h_advance(GlyphId::new(gid));
        (w.is_finite() && w > 0.0).then_some(w)
    }
}

/// Preference among code points that share one glyph: lower is better.
fn rank(c: char) -> u8 {
    match c as u32 {
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => 0,
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 2,  // compatibility ideographs
        0x2E80..=0x2FDF => 2,                      // radicals, Kangxi radicals
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => 3, // private use
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glyph_without_outline_is_blank() {
        // DejaVu Sans cut to .notdef, space, a, b; the space left out of the cmap.
        let font = EmbeddedFont::parse(include_bytes!("../../../tests/fixtures/pdf/blank-space-glyph.ttf").to_vec())
            .expect("a font");
        let space = font.glyph_by_name("space").expect("space glyph");
        let a = font.glyph_by_name("a").expect("a glyph");
        assert_eq!(font.unicode_of_glyph(space), None);
        assert!(font.is_blank(space));
        assert!(!font.is_blank(a));
        assert!(!font.is_blank(0), ".notdef is never a space");
        assert!(!font.is_blank(99), "no such glyph");
    }

    #[test]
    fn garbage_is_not_a_font() {
        assert!(EmbeddedFont::parse(Vec::new()).is_none());
        assert!(EmbeddedFont::parse(b"not a font at all".to_vec()).is_none());
        assert!(EmbeddedFont::parse(vec![0, 1, 0, 0, 0, 9, 0xFF, 0xFF]).is_none());
    }

    #[test]
    fn ranks_prefer_unified_ideographs() {
        assert!(rank('中') < rank('\u{F900}'));
        assert!(rank('\u{2F00}') > rank('一'));
        assert!(rank('A') < rank('\u{E000}'));
    }
}
