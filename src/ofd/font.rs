//! OFD fonts (`Res/Fonts/Font`): the name and weight layout needs, and the
//! advance widths of characters.
//!
//! The text itself never needs decoding — `TextCode` holds Unicode — so a
//! font matters only for how wide a glyph's box is. The width comes from the
//! embedded font file (`FontFile`, read with skrifa: the Unicode cmap and the
//! horizontal metrics) when the font has one that parses and maps the
//! character; otherwise the page decides from its `DeltaX` step, with a rule
//! as the fallback: 1 em for CJK and full-width characters, 0.5 em for the
//! rest (the half-width Latin of Chinese fonts; see `page`).

use std::collections::HashMap;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Embedded font files larger than this are not parsed (the rule widths
/// apply); a full CJK font is about 10–20 MB.
const MAX_FONT_BYTES: usize = 32 << 20;

/// A font resource.
#[derive(Debug, Default)]
pub struct OfdFont {
    /// `FontName` (else `FamilyName`): "宋体", "SimSun", "Courier New".
    pub name: String,
    pub bold: bool,
    /// Resolved location of the embedded font file, not yet read.
    pub file: Option<String>,
    /// The file's bytes once read; `None` inside when it is missing or not a
    /// font skrifa reads.
    pub data: Option<Option<Vec<u8>>>,
    /// Widths looked up so far, in em.
    widths: HashMap<char, Option<f32>>,
}

impl OfdFont {
    pub fn new(name: String, bold: bool, file: Option<String>) -> OfdFont {
        OfdFont { name, bold, file, ..Default::default() }
    }

    /// Keeps the embedded file's bytes if they are a font skrifa can read.
    pub fn set_data(&mut self, bytes: Option<Vec<u8>>) {
        let usable = bytes.filter(|b| b.len() <= MAX_FONT_BYTES && FontRef::new(b).is_ok());
        self.data = Some(usable);
    }

    /// Whether the embedded file has yet to be read.
    pub fn needs_data(&self) -> bool {
        self.file.is_some() && self.data.is_none()
    }

    /// The advance width of `c` in em from the embedded font, when it has one.
    pub fn measured_width(&mut self, c: char) -> Option<f32> {
        if let Some(&w) = self.widths.get(&c) {
            return w;
        }
        let w = self.embedded_width(c);
        self.widths.insert(c, w);
        w
    }

    fn embedded_width(&self, c: char) -> Option<f32> {
        let data = self.data.as_ref()?.as_ref()?;
        let font = FontRef::new(data).ok()?;
        let gid = font.charmap().map(c)?;
        let w = font.glyph_metrics(Size::new(1.0), LocationRef::default()).advance_width(gid)?;
        (w.is_finite() && w > 0.0 && w < 4.0).then_some(w)
    }
}

/// The width rule for fonts without usable metrics (em).
pub fn rule_width(c: char) -> f32 {
    if crate::text::is_cjk(c) { 1.0 } else { 0.5 }
}

/// Whether a font name says bold ("Arial Bold", "SimSun-Bold", "黑体" is not:
/// it is a sans face, drawn at normal weight).
pub fn name_says_bold(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("bold") || lower.contains("black") || lower.contains("heavy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_widths_without_a_font_file() {
        let mut font = OfdFont::new("宋体".into(), false, None);
        assert_eq!(rule_width('中'), 1.0);
        assert_eq!(rule_width('，'), 1.0);
        assert_eq!(rule_width('a'), 0.5);
        assert_eq!(font.measured_width('a'), None);
        font.set_data(Some(b"not a font".to_vec()));
        assert_eq!(font.measured_width('b'), None);
    }

    #[test]
    fn bold_from_the_name() {
        assert!(name_says_bold("Arial-BoldMT"));
        assert!(!name_says_bold("FangSong_GB2312"));
    }
}
