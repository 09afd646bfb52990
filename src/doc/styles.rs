//! The style sheet (STSH, [MS-DOC] 2.9.271): for each paragraph style its
//! built-in identifier (`sti`; 1–9 are Heading 1–9), its name and the
//! paragraph properties it gives (through its base styles). Word 6.0/95
//! style sheets have 8-bit names and Word 6 sprms (rewritten by `sprm6`);
//! their character properties are kept for the text's code page.

use super::props::Para;
use super::u16_at;

#[derive(Debug, Clone, Default)]
struct Style {
    sti: u16,
    name: String,
    base: u16,
    grpprl: Vec<u8>,
    /// The character properties (a paragraph style's second UPX), as
    /// written; read for Word 6 files only.
    chp: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: Vec<Option<Style>>,
}

/// Base-style chains longer than this are a loop in a damaged file.
const MAX_BASE_DEPTH: usize = 16;
/// `istdBase` of a style with no base.
const NO_BASE: u16 = 0x0FFF;

impl Styles {
    /// Parses the STSH; anything damaged leaves the styles read so far.
    /// `word6` is `Some(its sprm dialect)` for a Word 6/95 style sheet.
    pub fn parse(stsh: &[u8], word6: Option<super::sprm6::Dialect>) -> Styles {
        let mut styles = Vec::new();
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else { return Styles::default() };
        let count = u16_at(stsh, 2).map_or(0, usize::from).min(4096);
        let base_size = u16_at(stsh, 4).map_or(10, usize::from);
        let mut at = 2 + cb_stshi;
        for _ in 0..count {
            let Some(cb) = u16_at(stsh, at).map(usize::from) else { break };
            let std = stsh.get(at + 2..at + 2 + cb).unwrap_or(&[]);
            at += 2 + cb;
            let mut style = parse_std(std, base_size, word6.is_some());
            if let (Some(style), Some(dialect)) = (style.as_mut(), word6) {
                style.grpprl = super::sprm6::to_word97(&style.grpprl, dialect);
            }
            styles.push(style);
        }
        Styles { styles }
    }

    /// How many style slots the sheet has.
    pub fn len(&self) -> usize {
        self.styles.len()
    }

    /// Style `istd` and its base styles, the style itself first.
    fn chain(&self, istd: u16) -> Vec<&Style> {
        let mut chain = Vec::new();
        let mut current = istd;
        while let Some(Some(style)) = self.styles.get(usize::from(current)) {
            if chain.len() >= MAX_BASE_DEPTH {
                break;
            }
            chain.push(style);
            if style.base == NO_BASE || style.base == current {
                break;
            }
            current = style.base;
        }
        chain
    }

    /// The character properties of style `istd` and its bases, the base
    /// first (to be applied in order).
    pub fn character_chain(&self, istd: u16) -> Vec<&[u8]> {
        self.chain(istd).iter().rev().map(|s| s.chp.as_slice()).collect()
    }

    /// The properties style `istd` gives a paragraph.
    pub fn para(&self, istd: u16) -> Para {
        let chain = self.chain(istd);
        let mut para = Para::default();
        for style in chain.iter().rev() {
            para.apply(&style.grpprl);
        }
        // Table flags and row definitions belong to paragraphs, not styles.
        Para {
            centered: para.centered,
            first_indent: para.first_indent,
            outline: para.outline,
            ilfo: para.ilfo,
            ilvl: para.ilvl,
            ..Para::default()
        }
    }

    /// The heading level of a paragraph of style `istd` with outline level
    /// `outline` set directly (which wins): an outline level 0–8, else a
    /// heading style (built-in Heading 1–9, or named "heading N"/"标题 N").
    pub fn heading_level(&self, istd: u16, outline: Option<u8>) -> Option<u8> {
        if let Some(level) = outline {
            return (level < 9).then_some(level + 1);
        }
        let style = self.styles.get(usize::from(istd))?.as_ref()?;
        if (1..=9).contains(&style.sti) {
            return Some(style.sti as u8);
        }
        let name = style.name.to_lowercase();
        let number = name.strip_prefix("heading").or_else(|| name.strip_prefix("标题"))?.trim();
        number.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
    }
}

/// A style (STD): its identifiers, name and UPXs. Word 97 names are
/// UTF-16 with a two-byte length; Word 6 names are 8-bit (read as
/// Windows-1252: only "heading N" is looked for) with a one-byte length.
/// Both end with a terminator, and each UPX starts on an even offset.
fn parse_std(std: &[u8], base_size: usize, word6: bool) -> Option<Style> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_base = u16_at(std, 2)?;
    let (stk, base) = (kind_base & 0x000F, kind_base >> 4);
    let name_at = base_size;
    let (name, mut upx) = if word6 {
        let cch = usize::from(*std.get(name_at)?);
        let bytes = std.get(name_at + 1..name_at + 1 + cch).unwrap_or(&[]);
        (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), name_at + 1 + cch + 1)
    } else {
        let cch = usize::from(u16_at(std, name_at)?);
        let units: Vec<u16> = (0..cch).map_while(|i| u16_at(std, name_at + 2 + 2 * i)).collect();
        (String::from_utf16_lossy(&units), name_at + 2 + 2 * cch + 2)
    };
    upx += upx % 2;
    let (grpprl, chp) = if stk == 1 {
        let cb = usize::from(u16_at(std, upx).unwrap_or(0));
        let grpprl = std.get(upx + 4..upx + 2 + cb).unwrap_or(&[]).to_vec();
        let mut chp_at = upx + 2 + cb;
        chp_at += chp_at % 2;
        let chp_cb = usize::from(u16_at(std, chp_at).unwrap_or(0));
        let chp = if word6 { std.get(chp_at + 2..chp_at + 2 + chp_cb).unwrap_or(&[]).to_vec() } else { Vec::new() };
        (grpprl, chp)
    } else {
        (Vec::new(), Vec::new())
    };
    Some(Style { sti, name, base, grpprl, chp })
}
