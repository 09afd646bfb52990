//! The File Information Block of Word 6.0 and Word 95 (`nFib` 101–105):
//! fixed offsets, every structure in the `WordDocument` stream itself (there
//! is no table stream), read into the Word 97 reader's [`Fib`] so the rest
//! of the front end works unchanged. The (fc, lcb) pairs are stored at their
//! Word 97 indices; the structures Word 6 lays out differently (comments,
//! text boxes, lists) are left empty and counted by the caller.

use super::fib::{Fib, Legacy, pair, refuse_encrypted};
use super::sprm6::Dialect;
use super::{u16_at, u32_at};
use crate::error::{Error, Result};


/// Where each Word 97 structure the reader uses lies in a Word 6 FIB: the
/// byte offset of its fc (its lcb follows).
const PAIRS: [(usize, usize); 7] = [
    (pair::STSHF, 0x60),
    (pair::PLCFFND_REF, 0x68),
    (pair::PLCFFND_TXT, 0x70),
    (pair::PLCF_BTE_CHPX, 0xB8),
    (pair::PLCF_BTE_PAPX, 0xC0),
    (pair::CLX, 0x160),
    (pair::PLCFEND_REF, 0x1D2),
];
/// `fcPlcfendTxt` follows `fcPlcfendRef`.
const PLCFEND_TXT_AT: usize = 0x1DA;
/// The font table (`SttbfFfn`).
const STTBF_FFN_AT: usize = 0xD0;
/// Size of the Word 6 FIB up to the last field read.
const FIB_LEN: usize = 0x1E2;

/// Reads a Word 6/95 FIB (`word` starts with it). `ident` is its `wIdent`:
/// 0xA697–0xA699 mark the Far East variants, whose sprms 111–113 are two
/// bytes long.
pub fn parse(word: &[u8], ident: u16) -> Result<Fib> {
    if word.len() < FIB_LEN {
        return Err(Error::corrupt("the WordDocument stream is shorter than its header (FIB); the file is damaged"));
    }
    let u16v = |at: usize| u16_at(word, at).unwrap_or(0);
    let u32v = |at: usize| u32_at(word, at).unwrap_or(0);
    let flags = u16v(0x0A);
    refuse_encrypted(flags)?;
    let mut pairs = vec![(0u32, 0u32); pair::COUNT];
    for (index, at) in PAIRS {
        pairs[index] = (u32v(at), u32v(at + 4));
    }
    pairs[pair::PLCFEND_TXT] = (u32v(PLCFEND_TXT_AT), u32v(PLCFEND_TXT_AT + 4));
    let legacy = Legacy {
        complex: flags & 0x0004 != 0,
        unicode: flags & 0x1000 != 0,
        fc_min: u32v(0x18),
        fc_mac: u32v(0x1C),
        dialect: Dialect::Word6 { far_east: (0xA697..=0xA699).contains(&ident) },
        chp_pages: (u16v(0x18A), u16v(0x18E)),
        pap_pages: (u16v(0x18C), u16v(0x190)),
        fonts: (u32v(STTBF_FFN_AT), u32v(STTBF_FFN_AT + 4)),
        lid: u16v(0x06),
    };
    Ok(with_counts(word, 8, pairs, legacy))
}

/// A [`Fib`] of a Word 6 or Word 2.0 header: the character counts of its
/// first `stories` stories (from offset 0x34: main text, footnotes,
/// headers, macros, comments, endnotes, text boxes, header text boxes), the
/// structures `pairs` names, and what else the reader needs (`legacy`).
pub fn with_counts(word: &[u8], stories: usize, pairs: Vec<(u32, u32)>, legacy: Legacy) -> Fib {
    let ccp = |i: usize| if i < stories { u32_at(word, 0x34 + 4 * i).unwrap_or(0) } else { 0 };
    Fib {
        table_stream_1: false,
        ccp_text: ccp(0),
        ccp_ftn: ccp(1),
        ccp_hdd: ccp(2),
        ccp_mcr: ccp(3),
        ccp_atn: ccp(4),
        ccp_edn: ccp(5),
        ccp_txbx: ccp(6),
        ccp_hdr_txbx: ccp(7),
        pairs,
        legacy: Some(legacy),
    }
}
