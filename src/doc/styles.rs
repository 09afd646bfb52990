//! The style sheet (STSH, [MS-DOC] 2.9.271): for each paragraph style its
//! built-in identifier (`sti`; 1–9 are Heading 1–9), its name and the
//! paragraph properties it gives (through its base styles).

use super::props::Para;
use super::u16_at;

#[derive(Debug, Clone, Default)]
struct Style {
    sti: u16,
    name: String,
    base: u16,
    grpprl: Vec<u8>,
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
    pub fn parse(stsh: &[u8]) -> Styles {
        let mut styles = Vec::new();
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else { return Styles::default() };
        let count = u16_at(stsh, 2).map_or(0, usize::from).min(4096);
        let base_size = u16_at(stsh, 4).map_or(10, usize::from);
        let mut at = 2 + cb_stshi;
        for _ in 0..count {
            let Some(cb) = u16_at(stsh, at).map(usize::from) else { break };
            let std = stsh.get(at + 2..at + 2 + cb).unwrap_or(&[]);
            at += 2 + cb;
            styles.push(parse_std(std, base_size));
        }
        Styles { styles }
    }

    /// The properties style `istd` gives a paragraph.
    pub fn para(&self, istd: u16) -> Para {
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

fn parse_std(std: &[u8], base_size: usize) -> Option<Style> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_base = u16_at(std, 2)?;
    let (stk, base) = (kind_base & 0x000F, kind_base >> 4);
    let name_at = base_size;
    let cch = usize::from(u16_at(std, name_at)?);
    let units: Vec<u16> = (0..cch).map_while(|i| u16_at(std, name_at + 2 + 2 * i)).collect();
    let name = String::from_utf16_lossy(&units);
    let mut upx = name_at + 2 + 2 * cch + 2;
    upx += upx % 2;
    let grpprl = if stk == 1 {
        let cb = usize::from(u16_at(std, upx).unwrap_or(0));
        std.get(upx + 4..upx + 2 + cb).unwrap_or(&[]).to_vec()
    } else {
        Vec::new()
    };
    Some(Style { sti, name, base, grpprl })
}
