//! The File Information Block of Word 2.0 (`wIdent` 0xA5DB, `nFib` 45): a
//! file of its own, not a compound file, laid out as Word 6's up to the
//! character counts, then (fc, lcb) pairs with two-byte lengths. Read into
//! the Word 97 reader's [`Fib`]: the text from `fcMin`, the paragraph
//! property bin table and the footnotes. Its character properties are raw
//! CHP bytes rather than sprms and its style sheet another structure: both
//! are left out (the code page is the document language's).

use super::fib::{Fib, Legacy, pair, refuse_encrypted};
use super::sprm6::Dialect;
use super::{u16_at, u32_at};
use crate::error::{Error, Result};

/// Where each structure the reader uses lies: the byte offset of its fc (a
/// two-byte lcb follows).
const PAIRS: [(usize, usize); 3] = [(pair::PLCFFND_REF, 0x64), (pair::PLCFFND_TXT, 0x6A), (pair::PLCF_BTE_PAPX, 0xA6)];
/// Size of the Word 2.0 FIB up to the last field read.
const FIB_LEN: usize = 0xB8;

/// Reads a Word 2.0 FIB (`word` starts with it).
pub fn parse(word: &[u8]) -> Result<Fib> {
    if word.len() < FIB_LEN {
        return Err(Error::corrupt("the Word 2.0 header is shorter than it should be; the file is damaged"));
    }
    let u16v = |at: usize| u16_at(word, at).unwrap_or(0);
    let u32v = |at: usize| u32_at(word, at).unwrap_or(0);
    let flags = u16v(0x0A);
    refuse_encrypted(flags)?;
    if flags & 0x0004 != 0 {
        return Err(Error::unsupported(
            "this Word 2.0 document was fast-saved, which govdoc does not read; open it in Word or WPS and save it as DOCX",
        ));
    }
    let mut pairs = vec![(0u32, 0u32); pair::COUNT];
    for (index, at) in PAIRS {
        pairs[index] = (u32v(at), u32::from(u16v(at + 4)));
    }
    let legacy = Legacy {
        complex: false,
        unicode: false,
        fc_min: u32v(0x18),
        fc_mac: u32v(0x1C),
        dialect: Dialect::Word2,
        chp_pages: (0, 0),
        pap_pages: (0, 0),
        fonts: (0, 0),
        lid: u16v(0x06),
    };
    // Main text, footnotes, headers, macros and comments.
    Ok(super::fib6::with_counts(word, 5, pairs, legacy))
}
