//! CMap programs as PDFs embed them: `/ToUnicode` maps (bfchar, bfrange in both
//! forms) and `/Encoding` CMap streams (cidchar, cidrange, notdefrange), with their
//! codespace ranges (1–4 byte codes) and `usecmap`.
//!
//! The parser reads the program's operations with the PDF tokenizer (the
//! crate-private `pdf::lexer`), not as a PostScript interpreter: it reads the
//! sections it knows and skips everything else, so a damaged CMap yields the
//! entries before the damage instead of nothing. Ranges are stored as ranges (a
//! `<0000> <FFFF>` bfrange costs one entry, not 65 536), and every count that
//! comes from the file is bounded.

use std::collections::HashMap;

use super::encoding::name_to_text;
// Re-exported where the font code has always found it.
pub use super::text::Text;
use crate::pdf::lexer::{Lexer, Operand};

/// Bounds on what one CMap may hold, against hostile files.
const MAX_ENTRIES: usize = 200_000;
const MAX_DEST_UNITS: usize = 64;
/// Most operands of one operator: a section's entries (three per range).
const MAX_SECTION_OPERANDS: usize = MAX_ENTRIES * 3;

/// One codespace range: codes of `len` bytes whose every byte lies between the
/// corresponding bytes of `low` and `high` (PDF 32000-1, 9.7.6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodespaceRange {
    pub len: u8,
    pub low: [u8; 4],
    pub high: [u8; 4],
}

impl CodespaceRange {
    pub fn new(low: &[u8], high: &[u8]) -> Option<CodespaceRange> {
        if low.is_empty() || low.len() > 4 || low.len() != high.len() {
            return None;
        }
        let mut range = CodespaceRange { len: low.len() as u8, low: [0; 4], high: [0; 4] };
        range.low[..low.len()].copy_from_slice(low);
        range.high[..high.len()].copy_from_slice(high);
        Some(range)
    }

    fn matches(&self, bytes: &[u8]) -> bool {
        let n = self.len as usize;
        bytes.len() >= n && (0..n).all(|i| self.low[i] <= bytes[i] && bytes[i] <= self.high[i])
    }
}

/// How a string of bytes splits into character codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codespace {
    pub ranges: Vec<CodespaceRange>,
}

impl Codespace {
    /// Fixed-length codes of `len` bytes (Identity-H: 2; simple fonts: 1).
    pub fn fixed(len: u8) -> Codespace {
        let len = len.clamp(1, 4);
        let n = len as usize;
        let mut high = [0u8; 4];
        high[..n].fill(0xFF);
        Codespace { ranges: vec![CodespaceRange { len, low: [0; 4], high }] }
    }

    pub fn from_pairs(pairs: &[(&[u8], &[u8])]) -> Codespace {
        Codespace { ranges: pairs.iter().filter_map(|(lo, hi)| CodespaceRange::new(lo, hi)).collect() }
    }

    /// The next code at the start of `bytes`: `(code, byte length)`. A byte
    /// sequence no range accepts takes the length of the shortest range whose
    /// first byte matches, else of the shortest range (as pdf.js does), so a bad
    /// byte costs one character, never the rest of the string.
    pub fn next_code(&self, bytes: &[u8]) -> Option<(u32, usize)> {
        if bytes.is_empty() {
            return None;
        }
        let n = if self.ranges.is_empty() {
            1
        } else if let Some(r) = self.ranges.iter().filter(|r| r.matches(bytes)).min_by_key(|r| r.len) {
            r.len as usize
        } else {
            let first =
                self.ranges.iter().filter(|r| r.low[0] <= bytes[0] && bytes[0] <= r.high[0]).map(|r| r.len).min();
            first.or_else(|| self.ranges.iter().map(|r| r.len).min()).unwrap_or(1) as usize
        };
        let n = n.min(bytes.len());
        let code = bytes[..n].iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
        Some((code, n))
    }
}

/// A bfrange: codes `lo..=hi` map to `dest` with its last UTF-16 unit advanced by
/// `code - lo`.
#[derive(Debug, Clone)]
struct BfRange {
    lo: u32,
    hi: u32,
    dest: Vec<u16>,
}

/// A cidrange: codes `lo..=hi` of `len` bytes map to `cid + code - lo`.
#[derive(Debug, Clone)]
struct CidRange {
    len: u8,
    lo: u32,
    hi: u32,
    cid: u32,
}

/// A parsed CMap program.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Codespace,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
    /// The CMap named by `usecmap`, if any (resolved by the caller).
    pub use_cmap: Option<Vec<u8>>,
    bf_chars: HashMap<u32, Text>,
    bf_ranges: Vec<BfRange>,
    /// bfrange array form: one destination per code.
    bf_arrays: HashMap<u32, Text>,
    cid_chars: HashMap<(u8, u32), u32>,
    cid_ranges: Vec<CidRange>,
    notdef_ranges: Vec<CidRange>,
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        CMap::read(data)
    }

    /// True when the CMap maps codes to Unicode (a ToUnicode map).
    pub fn has_unicode(&self) -> bool {
        !self.bf_chars.is_empty() || !self.bf_ranges.is_empty() || !self.bf_arrays.is_empty()
    }

    /// Unicode for `code` (bfchar first, then the array form, then ranges).
    pub fn unicode(&self, code: u32) -> Option<Text> {
        if let Some(t) = self.bf_chars.get(&code) {
            return Some(t.clone());
        }
        if let Some(t) = self.bf_arrays.get(&code) {
            return Some(t.clone());
        }
        // Later ranges win over earlier ones, as in pdf.js.
        let r = self.bf_ranges.iter().rev().find(|r| r.lo <= code && code <= r.hi)?;
        let mut units = r.dest.clone();
        let last = units.last_mut()?;
        let offset = u16::try_from(code - r.lo).ok()?;
        // An offset that carries past the last unit is how some producers write
        // ranges over 256 codes; pdf.js adds with carry into the previous unit.
        let (sum, carry) = last.overflowing_add(offset);
        *last = sum;
        if carry && units.len() >= 2 {
            let i = units.len() - 2;
            units[i] = units[i].wrapping_add(1);
        }
        Text::from_utf16(&units)
    }

    /// CID for a code of `len` bytes.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(&cid) = self.cid_chars.get(&(len, code)) {
            return Some(cid);
        }
        let hit = |ranges: &[CidRange]| {
            ranges.iter().rev().find(|r| r.len == len && r.lo <= code && code <= r.hi).map(|r| (r.lo, r.cid))
        };
        if let Some((lo, cid)) = hit(&self.cid_ranges) {
            return cid.checked_add(code - lo);
        }
        // Every code of a notdef range maps to the one CID given.
        hit(&self.notdef_ranges).map(|(_, cid)| cid)
    }

    fn entries(&self) -> usize {
        self.bf_chars.len()
            + self.bf_ranges.len()
            + self.bf_arrays.len()
            + self.cid_chars.len()
            + self.cid_ranges.len()
            + self.notdef_ranges.len()
    }
}

/// The sections of a CMap program the parser reads, by their `begin…`
/// operator; the entries are the operands of the matching `end…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Codespace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
    NotdefRange,
}

impl Section {
    fn begun_by(operator: &[u8]) -> Option<Section> {
        Some(match operator {
            b"begincodespacerange" => Section::Codespace,
            b"beginbfchar" => Section::BfChar,
            b"beginbfrange" => Section::BfRange,
            b"begincidchar" => Section::CidChar,
            b"begincidrange" => Section::CidRange,
            b"beginnotdefrange" => Section::NotdefRange,
            _ => return None,
        })
    }

    fn end(self) -> &'static [u8] {
        match self {
            Section::Codespace => b"endcodespacerange",
            Section::BfChar => b"endbfchar",
            Section::BfRange => b"endbfrange",
            Section::CidChar => b"endcidchar",
            Section::CidRange => b"endcidrange",
            Section::NotdefRange => b"endnotdefrange",
        }
    }
}

/// Big-endian value of up to 4 bytes.
fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).take(MAX_DEST_UNITS).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect()
}

/// A CID operand: a whole number that fits.
fn cid_of(operand: &Operand<'_>) -> Option<u32> {
    let n = operand.number()?;
    (n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f32).then_some(n as u32)
}

/// A destination of bfchar or bfrange: UTF-16BE bytes, or a glyph name
/// (`/space`, seen in old Distiller output).
fn dest_text(operand: &Operand<'_>) -> Option<Text> {
    match operand {
        Operand::Str(b) => Text::from_utf16(&utf16_units(b)),
        Operand::Name(n) => name_to_text(std::str::from_utf8(n).ok()?),
        _ => None,
    }
}

impl CMap {
    /// Reads the program's operations with the PDF tokenizer: a section's
    /// entries are the operands before its `end…` operator. A section cut
    /// short (by another operator, or the end of the data) keeps the entries
    /// before the damage.
    fn read(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::program(data, MAX_SECTION_OPERANDS);
        let mut operands = Vec::new();
        let mut open: Option<Section> = None;
        loop {
            let operator = lexer.next_operation(&mut operands);
            if let Some(section) = open {
                cmap.section(section, &operands);
                if operator.is_none_or(|op| op == section.end() || Section::begun_by(op).is_some()) {
                    open = None;
                }
            }
            let Some(operator) = operator else { break };
            if cmap.entries() >= MAX_ENTRIES {
                break;
            }
            if let Some(section) = Section::begun_by(operator) {
                open = Some(section);
                continue;
            }
            match (operator, operands.as_slice()) {
                (b"usecmap", [.., Operand::Name(name)]) => cmap.use_cmap = Some(name.to_vec()),
                (b"def", [.., Operand::Name(key), value]) if key.as_ref() == b"WMode" => {
                    cmap.vertical = value.number() == Some(1.0);
                }
                _ => {}
            }
        }
        cmap
    }

    fn section(&mut self, section: Section, entries: &[Operand<'_>]) {
        match section {
            Section::Codespace => {
                for pair in entries.chunks(2) {
                    if let [Operand::Str(lo), Operand::Str(hi)] = pair
                        && let Some(r) = CodespaceRange::new(lo, hi)
                    {
                        self.codespace.ranges.push(r);
                    }
                }
            }
            Section::BfChar => {
                for pair in entries.chunks(2) {
                    if let [Operand::Str(src), dst] = pair
                        && let Some(code) = code_of(src)
                        && let Some(text) = dest_text(dst)
                    {
                        self.bf_chars.insert(code, text);
                    }
                }
            }
            Section::BfRange => self.bf_range(entries),
            Section::CidChar => {
                for pair in entries.chunks(2) {
                    if let [Operand::Str(src), cid] = pair
                        && let (Some(code), Some(cid)) = (code_of(src), cid_of(cid))
                    {
                        self.cid_chars.insert((src.len() as u8, code), cid);
                    }
                }
            }
            Section::CidRange | Section::NotdefRange => {
                for triple in entries.chunks(3) {
                    if let [Operand::Str(lo_b), Operand::Str(hi_b), cid] = triple
                        && let (Some(lo), Some(hi), Some(cid)) = (code_of(lo_b), code_of(hi_b), cid_of(cid))
                        && lo <= hi
                    {
                        let r = CidRange { len: lo_b.len() as u8, lo, hi, cid };
                        if section == Section::NotdefRange {
                            self.notdef_ranges.push(r);
                        } else {
                            self.cid_ranges.push(r);
                        }
                    }
                }
            }
        }
    }

    /// bfrange entries: `<lo> <hi> <dest>` or `<lo> <hi> [<dest> …]`.
    fn bf_range(&mut self, entries: &[Operand<'_>]) {
        for triple in entries.chunks(3) {
            let [Operand::Str(lo), Operand::Str(hi), dest] = triple else { continue };
            let (Some(lo), Some(hi)) = (code_of(lo), code_of(hi)) else { continue };
            match dest {
                Operand::Str(dst) if lo <= hi && !dst.is_empty() => {
                    self.bf_ranges.push(BfRange { lo, hi, dest: utf16_units(dst) });
                }
                Operand::Array(items) => {
                    for (code, item) in (lo..=hi).zip(items) {
                        if self.bf_arrays.len() >= MAX_ENTRIES {
                            break;
                        }
                        if let Some(text) = dest_text(item) {
                            self.bf_arrays.insert(code, text);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: Option<Text>) -> String {
        let mut s = String::new();
        if let Some(t) = t {
            t.push_to(&mut s);
        }
        s
    }

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar\n\
              2 beginbfrange <0020> <0022> <6587> <0030> <0032> [<4E00> <0066006C> <D840DC00>] endbfrange\n\
              endcmap CMapName currentdict /CMap defineresource pop end end",
        );
        assert_eq!(text(cmap.unicode(0x0003)), " ");
        assert_eq!(text(cmap.unicode(0x0010)), "中");
        assert_eq!(text(cmap.unicode(0x0020)), "文");
        assert_eq!(text(cmap.unicode(0x0022)), "\u{6589}");
        assert_eq!(text(cmap.unicode(0x0030)), "一");
        assert_eq!(text(cmap.unicode(0x0031)), "fl");
        assert_eq!(text(cmap.unicode(0x0032)), "\u{20000}");
        assert_eq!(cmap.unicode(0x0040), None);
        assert_eq!(cmap.codespace, Codespace::fixed(2));
    }

    #[test]
    fn mixed_one_and_two_byte_codespace_splits_codes() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n\
              1 beginbfchar <31> <0031> endbfchar 1 beginbfrange <D6D0> <D6D0> <4E2D> endbfrange",
        );
        let bytes = [0x31, 0xD6, 0xD0, 0x32];
        let mut codes = Vec::new();
        let mut rest = &bytes[..];
        while let Some((code, n)) = cmap.codespace.next_code(rest) {
            codes.push((code, n));
            rest = &rest[n..];
        }
        assert_eq!(codes, vec![(0x31, 1), (0xD6D0, 2), (0x32, 1)]);
        assert_eq!(text(cmap.unicode(0xD6D0)), "中");
        // A byte no range accepts: its first byte matches the 2-byte range.
        assert_eq!(cmap.codespace.next_code(&[0x81, 0x20]), Some((0x8120, 2)));
        // Truncated code at the end of the string.
        assert_eq!(cmap.codespace.next_code(&[0xD6]), Some((0xD6, 1)));
    }

    #[test]
    fn cid_sections_usecmap_and_wmode() {
        let cmap = CMap::parse(
            b"/WMode 1 def /UniGB-UCS2-V usecmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              1 begincidchar <0041> 34 endcidchar\n\
              1 begincidrange <4E00> <4E05> 1000 endcidrange\n\
              1 beginnotdefrange <0000> <001F> 1 endnotdefrange",
        );
        assert!(cmap.vertical);
        assert_eq!(cmap.use_cmap.as_deref(), Some(&b"UniGB-UCS2-V"[..]));
        assert_eq!(cmap.cid(0x0041, 2), Some(34));
        assert_eq!(cmap.cid(0x4E03, 2), Some(1003));
        assert_eq!(cmap.cid(0x0005, 2), Some(1));
        assert_eq!(cmap.cid(0x4E03, 1), None);
        assert!(!cmap.has_unicode());
    }

    #[test]
    fn damaged_cmap_keeps_what_came_before() {
        let cmap = CMap::parse(b"1 beginbfchar <01> <0041> endbfchar 3 beginbfrange <02> <05> [<0042> <00");
        assert_eq!(text(cmap.unicode(1)), "A");
        assert_eq!(text(cmap.unicode(2)), "B");
        // Huge ranges are stored as ranges.
        let cmap = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(text(cmap.unicode(1)), "B");
        // Garbage does not panic.
        let _ = CMap::parse(b"<<<>>>[[[(((\\");
        let _ = CMap::parse(b"beginbfrange <> <> <> endbfrange begincidrange <FF> <00> 5 endcidrange");
    }
}
