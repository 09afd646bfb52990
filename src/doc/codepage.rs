//! The code page of Word 6.0/95 text. Word 6 keeps text as bytes in the
//! code page of each run's font: its character set in the font table
//! (`SttbfFfn`; Russian text in a "Times New Roman Cyr" of charset 204 is
//! Windows-1251, Chinese in a font of charset 134 is GBK), or, for a font
//! of the default charset, the code page of the run's language
//! (`sprmCLid`), then the document's. The font and language of a run are
//! its character properties (CHPX FKPs) over those of its paragraph's
//! style, over the style sheet's standard font — as LibreOffice reads
//! Word 6 files. Double-byte code pages (GBK, Big5, Shift_JIS, Korean)
//! take two bytes, two character positions, per character.

use encoding_rs::Encoding;

use super::fib::{Fib, pair};
use super::{Run, slice, sprm6, styles::Styles, u16_at};

/// What the bytes of a run are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CodePage {
    Text(&'static Encoding),
    /// A symbol font: each byte is its font's character, U+F000 + byte, as
    /// LibreOffice shows symbol fonts.
    Symbol,
}

impl CodePage {
    /// Whether `byte` starts a two-byte character.
    pub fn is_lead(self, byte: u8) -> bool {
        let CodePage::Text(encoding) = self else { return false };
        if encoding == encoding_rs::SHIFT_JIS {
            return matches!(byte, 0x81..=0x9F | 0xE0..=0xFC);
        }
        [encoding_rs::GBK, encoding_rs::BIG5, encoding_rs::EUC_KR].contains(&encoding) && (0x81..=0xFE).contains(&byte)
    }

    /// The character of one or two bytes; U+FFFD when they make none.
    pub fn decode(self, bytes: &[u8]) -> char {
        // Marks and control characters are the same in every code page.
        if let [byte @ 0x00..=0x1F] = bytes {
            return char::from(*byte);
        }
        match self {
            CodePage::Symbol => char::from_u32(0xF000 | u32::from(bytes[0])).unwrap_or('\u{FFFD}'),
            CodePage::Text(encoding) => {
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => '\u{FFFD}',
                }
            }
        }
    }
}

/// The code page of Windows character set `chs` (a font's); `None` for
/// the default charset (1) and unknown ones.
fn by_charset(chs: u8) -> Option<CodePage> {
    use encoding_rs::*;
    Some(CodePage::Text(match chs {
        0 => WINDOWS_1252,
        2 => return Some(CodePage::Symbol),
        77 => MACINTOSH,
        128 => SHIFT_JIS,
        129 => EUC_KR,
        134 => GBK,
        136 => BIG5,
        161 => WINDOWS_1253,
        162 => WINDOWS_1254,
        163 => WINDOWS_1258,
        177 => WINDOWS_1255,
        178 => WINDOWS_1256,
        186 => WINDOWS_1257,
        204 => WINDOWS_1251,
        222 => WINDOWS_874,
        238 => WINDOWS_1250,
        _ => return None,
    }))
}

/// The ANSI code page of Windows language `lid` (its primary language).
fn by_language(lid: u16) -> CodePage {
    use encoding_rs::*;
    let sub = lid >> 10;
    CodePage::Text(match lid & 0x3FF {
        0x04 if sub == 2 || sub == 4 => GBK,
        0x04 => BIG5,
        0x11 => SHIFT_JIS,
        0x12 => EUC_KR,
        0x02 | 0x19 | 0x22 | 0x23 | 0x2F => WINDOWS_1251,
        0x05 | 0x0E | 0x15 | 0x18 | 0x1B | 0x24 => WINDOWS_1250,
        0x08 => WINDOWS_1253,
        0x1F => WINDOWS_1254,
        0x0D => WINDOWS_1255,
        0x01 => WINDOWS_1256,
        0x25..=0x27 => WINDOWS_1257,
        0x1E => WINDOWS_874,
        0x2A => WINDOWS_1258,
        _ => WINDOWS_1252,
    })
}

/// sprmCFtc and sprmCLid, Word 6 codes.
const SPRM_C_FTC: u8 = 93;
const SPRM_C_LID: u8 = 97;

/// A run's font and language, where set.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Chars {
    font: Option<u16>,
    lid: Option<u16>,
}

impl Chars {
    fn apply(&mut self, grpprl: &[u8], dialect: sprm6::Dialect) {
        for (code, op) in sprm6::sprms(grpprl, dialect) {
            match code {
                SPRM_C_FTC => self.font = u16_at(op, 0).or(self.font),
                SPRM_C_LID => self.lid = u16_at(op, 0).or(self.lid),
                _ => {}
            }
        }
    }
}

/// The code pages of a Word 6/95 document's text, by file offset.
#[derive(Debug, Default)]
pub struct CodePages {
    /// Character property runs [start, end) that set a font or language.
    runs: Vec<(u32, u32, Chars)>,
    /// Each paragraph style's font and language (by istd), the standard
    /// font and the document's language under them.
    styles: Vec<Chars>,
    base: Chars,
    /// Character set of each font of the font table.
    charsets: Vec<u8>,
}

impl CodePages {
    pub fn read(fib: &Fib, word: &[u8], styles: &Styles) -> CodePages {
        let Some(legacy) = fib.legacy else { return CodePages::default() };
        let dialect = legacy.dialect;
        let stsh = slice(word, fib.pair(pair::STSHF));
        let standard_font = u16_at(stsh, 2 + 12);
        let base = Chars { font: standard_font.or(Some(0)), lid: Some(legacy.lid) };
        let styles = (0..styles.len())
            .map(|istd| {
                let mut chars = base;
                for chp in styles.character_chain(istd as u16) {
                    chars.apply(chp, dialect);
                }
                chars
            })
            .collect();
        let mut runs = Vec::new();
        for (start, end, grpprl) in super::chars::character_runs(fib, word, word) {
            let mut chars = Chars::default();
            chars.apply(grpprl, dialect);
            if chars != Chars::default() {
                runs.push((start, end, chars));
            }
        }
        runs.sort_unstable_by_key(|r| r.0);
        CodePages { runs, styles, base, charsets: charsets(slice(word, legacy.fonts)) }
    }

    /// The code page of the byte at file offset `fc`, in a paragraph whose
    /// properties are `paragraphs` (sorted by offset).
    pub fn at(&self, fc: u32, paragraphs: &[Run]) -> CodePage {
        let p = paragraphs.partition_point(|r| r.fc_start <= fc);
        let style = p.checked_sub(1).map(|p| &paragraphs[p]).filter(|r| fc < r.fc_end).map(|r| usize::from(r.istd));
        let mut chars = style.and_then(|istd| self.styles.get(istd)).copied().unwrap_or(self.base);
        let i = self.runs.partition_point(|r| r.0 <= fc);
        if let Some(&(_, _, run)) = i.checked_sub(1).map(|i| &self.runs[i]).filter(|r| fc < r.1) {
            chars.font = run.font.or(chars.font);
            chars.lid = run.lid.or(chars.lid);
        }
        let charset = chars.font.and_then(|f| self.charsets.get(usize::from(f))).copied();
        charset.and_then(by_charset).unwrap_or_else(|| by_language(chars.lid.or(self.base.lid).unwrap_or(0)))
    }
}

/// The character set of each font of a Word 6 font table: a two-byte
/// size, then FFNs of a length byte (one less than the FFN's), flags, a
/// two-byte weight, the character set and the name.
fn charsets(sttbf: &[u8]) -> Vec<u8> {
    let end = usize::from(u16_at(sttbf, 0).unwrap_or(0)).min(sttbf.len());
    let mut out = Vec::new();
    let mut at = 2;
    while at < end {
        let size = usize::from(sttbf[at]) + 1;
        out.push(sttbf.get(at + 4).copied().unwrap_or(0));
        at += size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_languages_and_double_bytes() {
        assert_eq!(by_charset(204), Some(CodePage::Text(encoding_rs::WINDOWS_1251)));
        assert_eq!(by_charset(1), None);
        assert_eq!(by_language(0x0804), CodePage::Text(encoding_rs::GBK));
        assert_eq!(by_language(0x0404), CodePage::Text(encoding_rs::BIG5));
        assert_eq!(by_language(0x0409), CodePage::Text(encoding_rs::WINDOWS_1252));
        let gbk = CodePage::Text(encoding_rs::GBK);
        assert!(gbk.is_lead(0xD6) && !gbk.is_lead(b'a'));
        assert_eq!(gbk.decode(&[0xD6, 0xD0]), '中');
        assert_eq!(CodePage::Text(encoding_rs::WINDOWS_1251).decode(&[0xC0]), 'А');
        assert_eq!(CodePage::Symbol.decode(&[0x6D]), '\u{F06D}');
        // A font table: "Arial" (ANSI) and "宋体" (GB2312).
        let mut sttbf = vec![0, 0];
        for (chs, name) in [(0u8, &b"Arial"[..]), (134, &[0xCB, 0xCE, 0xCC, 0xE5][..])] {
            let mut ffn = vec![0u8, 0x26, 0x90, 0x01, chs, 0];
            ffn.extend(name);
            ffn.push(0);
            ffn[0] = (ffn.len() - 1) as u8;
            sttbf.extend(ffn);
        }
        let len = sttbf.len() as u16;
        sttbf[..2].copy_from_slice(&len.to_le_bytes());
        assert_eq!(charsets(&sttbf), [0, 134]);
        assert_eq!(charsets(&[0xFF, 0xFF, 0x30]), [0]);
    }
}
