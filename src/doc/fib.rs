//! The File Information Block ([MS-DOC] 2.5): where everything in a Word
//! 97–2003 binary document is. Only the fields the reader uses are kept.
//! Word 6.0/95 headers are read by `fib6` into the same fields.

use crate::error::{Error, ErrorCode, Result};

/// `wIdent` of a Word binary document.
const W_IDENT: u16 = 0xA5EC;
/// Oldest `nFib` with the Word 97 layout (Word 97 writes 0x00C1, its betas
/// 0x00C0; Word 6.0 and 95 wrote 101–105 with another FIB layout, `fib6`).
const MIN_NFIB: u16 = 0x00C0;
/// `wIdent` of Word 6.0/95 documents; 0xA697–0xA699 are their Far East
/// variants.
const W_IDENT_6: u16 = 0xA5DC;
/// `wIdent` of Word 2.0 documents.
pub const W_IDENT_2: u16 = 0xA5DB;

/// Indices of the (fc, lcb) pairs of FibRgFcLcb97 that are read.
pub mod pair {
    pub const STSHF: usize = 1;
    pub const PLCFFND_REF: usize = 2;
    pub const PLCFFND_TXT: usize = 3;
    pub const PLCFAND_REF: usize = 4;
    pub const PLCFAND_TXT: usize = 5;
    pub const PLCF_BTE_CHPX: usize = 12;
    pub const PLCF_BTE_PAPX: usize = 13;
    pub const CLX: usize = 33;
    pub const GRP_XST_ATN_OWNERS: usize = 36;
    pub const STTBF_ATN_BKMK: usize = 37;
    pub const PLC_SPA_MOM: usize = 40;
    pub const PLCF_ATN_BKF: usize = 42;
    pub const PLCF_ATN_BKL: usize = 43;
    pub const PLCFEND_REF: usize = 46;
    pub const PLCFEND_TXT: usize = 47;
    pub const PLCFTXBX_TXT: usize = 56;
    pub const PLF_LST: usize = 73;
    pub const PLF_LFO: usize = 74;
    /// Pairs kept (every index above is below it).
    pub const COUNT: usize = 75;
}

#[derive(Debug, Clone)]
pub struct Fib {
    /// Text, properties and the piece table are in `1Table` (else `0Table`).
    pub table_stream_1: bool,
    /// Characters of the main document, the footnotes and the headers.
    pub ccp_text: u32,
    pub ccp_ftn: u32,
    pub ccp_hdd: u32,
    /// Characters of the macro story (Word 6/95 only; after the headers).
    pub ccp_mcr: u32,
    /// Characters of the comments, endnotes, text boxes and header text
    /// boxes, which follow in that order.
    pub ccp_atn: u32,
    pub ccp_edn: u32,
    pub ccp_txbx: u32,
    pub ccp_hdr_txbx: u32,
    /// (fc, lcb) pairs of FibRgFcLcb.
    pub(super) pairs: Vec<(u32, u32)>,
    /// What a Word 6.0/95 document needs besides; `None` for Word 97+.
    pub legacy: Option<Legacy>,
}

/// The Word 6.0/95 header's fields that Word 97 has no twin for.
#[derive(Debug, Clone, Copy)]
pub struct Legacy {
    /// Fast-saved: the text is where the piece table (`Clx`) says; else it
    /// is one run of bytes from `fc_min` to `fc_mac`.
    pub complex: bool,
    /// `fExtChar`: the text is UTF-16 (Word 95's Unicode variant), its
    /// pieces marked as Word 97 marks them; else every piece is 8-bit.
    pub unicode: bool,
    pub fc_min: u32,
    pub fc_mac: u32,
    /// The sprm set: Word 2.0's, or Word 6's (whose Far East variants,
    /// `wIdent` 0xA697–0xA699, size sprms 111–113 differently).
    pub dialect: super::sprm6::Dialect,
    /// First FKP page and page count of the character and paragraph
    /// property bin tables: a bin table may list fewer pages than there
    /// are, the rest following its last one.
    pub chp_pages: (u16, u16),
    pub pap_pages: (u16, u16),
    /// The font table (`SttbfFfn`): each font's character set gives its
    /// runs' code page.
    pub fonts: (u32, u32),
    /// The document's language, the code page of last resort.
    pub lid: u16,
}

/// First character positions of the stories read besides the main text.
#[derive(Debug, Clone, Copy)]
pub struct StoryStarts {
    pub footnotes: u32,
    pub comments: u32,
    pub endnotes: u32,
    pub text_boxes: u32,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The error for an encrypted document (`fEncrypted`, bit 8 of the flags
/// word at offset 10 in every version's header), or nothing.
pub fn refuse_encrypted(flags: u16) -> Result<()> {
    if flags & 0x0100 != 0 {
        return Err(Error::new(
            ErrorCode::Encrypted,
            "the document is protected with a password; open it in Word or WPS and save a copy without one",
        ));
    }
    Ok(())
}

/// The versions of Word's header (FIB), each read by its own module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
    /// Word 97 and later (this module).
    Word97,
    /// Word 6.0 and 95 (`fib6`), with the `wIdent` that tells the Far East
    /// variants apart.
    Word6 { ident: u16 },
    /// Word 2.0 (`fib2`).
    Word2,
}

/// The `nFib` values Word 6.0 and Word 95 wrote.
pub const NFIBS_6: std::ops::RangeInclusive<u16> = 101..=105;

/// The version of the header at the start of `word` (the `WordDocument`
/// stream, or a Word 2.0 file), from its `wIdent` and `nFib`.
pub fn header_kind(word: &[u8]) -> Result<HeaderKind> {
    let short = || Error::corrupt("the WordDocument stream is shorter than its header (FIB); the file is damaged");
    let ident = u16_at(word, 0).ok_or_else(short)?;
    let n_fib = u16_at(word, 2).ok_or_else(short)?;
    // Word 6.0/95 wrote another header; Word 2.0 another format.
    let word6_ident = ident == W_IDENT_6 || (0xA697..=0xA699).contains(&ident) || ident == W_IDENT;
    if word6_ident && NFIBS_6.contains(&n_fib) {
        return Ok(HeaderKind::Word6 { ident });
    }
    if ident == W_IDENT_2 {
        return Ok(HeaderKind::Word2);
    }
    if ident != W_IDENT {
        return Err(Error::corrupt(format!(
            "the WordDocument stream does not start with a Word header (0x{ident:04X}); the file is damaged"
        )));
    }
    Ok(HeaderKind::Word97)
}

impl Fib {
    /// Reads the FIB at the start of the `WordDocument` stream. Encrypted and
    /// obfuscated documents are refused with the error that says what to do.
    /// Fast-saved ones are read: their piece table says where every piece
    /// of text is, and each piece's property modifiers are applied.
    /// A Word 97+ header: the caller has told its kind by [`header_kind`]
    /// (`fib6` and `fib2` read the others).
    pub fn parse(word: &[u8]) -> Result<Fib> {
        let short = || Error::corrupt("the WordDocument stream is shorter than its header (FIB); the file is damaged");
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        let flags = u16_at(word, 10).ok_or_else(short)?;
        refuse_encrypted(flags)?;
        if n_fib < MIN_NFIB {
            return Err(Error::unsupported(format!(
                "this Word document has a header of an unknown version (nFib {n_fib}); open it in Word or WPS and save it as DOCX"
            )));
        }
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_at).ok_or_else(short)?);
        let lw = lw_at + 2;
        let lw_value = |i: usize| if i < cslw { u32_at(word, lw + 4 * i) } else { Some(0) };
        let (ccp_text, ccp_ftn, ccp_hdd) =
            (lw_value(3).ok_or_else(short)?, lw_value(4).ok_or_else(short)?, lw_value(5).ok_or_else(short)?);
        let (ccp_atn, ccp_edn, ccp_txbx, ccp_hdr_txbx) = (
            lw_value(7).unwrap_or(0),
            lw_value(8).unwrap_or(0),
            lw_value(9).unwrap_or(0),
            lw_value(10).unwrap_or(0),
        );
        let fc_at = lw + cslw * 4;
        let count = usize::from(u16_at(word, fc_at).ok_or_else(short)?);
        let pairs = (0..count)
            .map_while(|i| Some((u32_at(word, fc_at + 2 + 8 * i)?, u32_at(word, fc_at + 6 + 8 * i)?)))
            .collect();
        Ok(Fib {
            table_stream_1: flags & 0x0200 != 0,
            ccp_text,
            ccp_ftn,
            ccp_hdd,
            ccp_mcr: 0,
            ccp_atn,
            ccp_edn,
            ccp_txbx,
            ccp_hdr_txbx,
            pairs,
            legacy: None,
        })
    }

    /// Where the footnotes, comments, endnotes and text boxes start in the
    /// character positions: each story follows the one before ([MS-DOC]
    /// 2.4.1: main text, footnotes, headers, comments, endnotes, text boxes;
    /// Word 6/95 has its macro story between the headers and the comments).
    pub fn story_starts(&self) -> StoryStarts {
        let footnotes = self.ccp_text;
        let headers = footnotes.saturating_add(self.ccp_ftn);
        let comments = headers.saturating_add(self.ccp_hdd).saturating_add(self.ccp_mcr);
        let endnotes = comments.saturating_add(self.ccp_atn);
        let text_boxes = endnotes.saturating_add(self.ccp_edn);
        StoryStarts { footnotes, comments, endnotes, text_boxes }
    }

    /// The (offset, length) of a structure in the table stream.
    pub fn pair(&self, index: usize) -> (u32, u32) {
        self.pairs.get(index).copied().unwrap_or((0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(flags: u16, n_fib: u16) -> Vec<u8> {
        let mut b = vec![0u8; 1024];
        b[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        b[2..4].copy_from_slice(&n_fib.to_le_bytes());
        b[10..12].copy_from_slice(&flags.to_le_bytes());
        b[32..34].copy_from_slice(&14u16.to_le_bytes());
        b[62..64].copy_from_slice(&22u16.to_le_bytes());
        b[64 + 12..64 + 16].copy_from_slice(&123u32.to_le_bytes());
        b[152..154].copy_from_slice(&93u16.to_le_bytes());
        b
    }

    #[test]
    fn fields_and_refusals() {
        let fib = super::super::parse_fib(&header(0x0200, 0xC1)).unwrap();
        assert!(fib.table_stream_1);
        assert_eq!(fib.ccp_text, 123);
        assert_eq!(super::super::parse_fib(&header(0x0100, 0xC1)).unwrap_err().code, ErrorCode::Encrypted);
        // Fast-saved (fComplex) is read.
        assert!(super::super::parse_fib(&header(0x0004, 0xC1)).is_ok());
        assert_eq!(super::super::parse_fib(&[0xEC, 0xA5]).unwrap_err().code, ErrorCode::Corrupt);
        assert_eq!(super::super::parse_fib(b"garbage").unwrap_err().code, ErrorCode::Corrupt);
        // Word 6.0/95 headers (nFib 101–105) are read by fib6, encrypted ones refused.
        let mut word6 = vec![0u8; 0x200];
        word6[0..2].copy_from_slice(&W_IDENT_6.to_le_bytes());
        word6[2..4].copy_from_slice(&104u16.to_le_bytes());
        word6[0x34..0x38].copy_from_slice(&77u32.to_le_bytes());
        let fib = super::super::parse_fib(&word6).unwrap();
        assert_eq!((fib.ccp_text, fib.legacy.is_some()), (77, true));
        assert!(super::super::parse_fib(&header(0, 0x65)).unwrap().legacy.is_some());
        assert_eq!(super::super::parse_fib(&word6[..0x100]).unwrap_err().code, ErrorCode::Corrupt);
        word6[10] = 0x00;
        word6[11] = 0x01;
        assert_eq!(super::super::parse_fib(&word6).unwrap_err().code, ErrorCode::Encrypted);
        // Word 2.0 headers are read by fib2; encrypted and fast-saved ones refused.
        let mut word2 = word6.clone();
        word2[0..4].copy_from_slice(&[0xDB, 0xA5, 45, 0]);
        assert_eq!(super::super::parse_fib(&word2).unwrap_err().code, ErrorCode::Encrypted);
        word2[11] = 0;
        let fib = super::super::parse_fib(&word2).unwrap();
        assert_eq!(fib.legacy.map(|l| l.dialect), Some(super::super::sprm6::Dialect::Word2));
        word2[10] = 0x04;
        let error = super::super::parse_fib(&word2).unwrap_err();
        assert_eq!(error.code, ErrorCode::UnsupportedFormat);
        assert!(error.message.contains("Word 2.0"), "{}", error.message);
    }
}
