//! CMap programs as PDFs embed them: `/ToUnicode` maps (bfchar, bfrange in both
//! forms) and `/Encoding` CMap streams (cidchar, cidrange, notdefrange), with their
//! codespace ranges (1–4 byte codes) and `usecmap`.
//!
//! The parser is a tolerant token scanner, not a PostScript interpreter: it reads
//! the sections it knows and skips everything else, so a damaged CMap yields the
//! entries before the damage instead of nothing. Ranges are stored as ranges (a
//! `<0000> <FFFF>` bfrange costs one entry, not 65 536), and every count that
//! comes from the file is bounded.

use crate::pdf::content::lexer::{hex_string_at, literal_string_at};
use std::collections::HashMap;

/// Bounds on what one CMap may hold, against hostile files.
const MAX_ENTRIES: usize = 200_000;
const MAX_DEST_UNITS: usize = 64;

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

/// Unicode text of a code: one character, or several (ligatures, ActualText-like
/// bfchar strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Char(char),
    Str(Box<str>),
}

impl Text {
    pub fn from_utf16(units: &[u16]) -> Option<Text> {
        let s: String = char::decode_utf16(units.iter().copied()).collect::<Result<String, _>>().ok()?;
        Text::from_string(s)
    }

    pub fn from_string(s: String) -> Option<Text> {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => None,
            (Some(c), None) => Some(Text::Char(c)),
            _ => Some(Text::Str(s.into_boxed_str())),
        }
    }

    pub fn push_to(&self, out: &mut String) {
        match self {
            Text::Char(c) => out.push(*c),
            Text::Str(s) => out.push_str(s),
        }
    }

    /// A mapping to nothing but control characters (U+0000 is the usual one) says
    /// nothing about the glyph: treat it as no mapping.
    pub fn is_meaningful(&self) -> bool {
        match self {
            Text::Char(c) => !c.is_control(),
            Text::Str(s) => s.chars().any(|c| !c.is_control()),
        }
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
        Parser { data, pos: 0 }.run()
    }

    /// True when the CMap maps codes to Unicode (a ToUnicode map).
    pub fn has_unicode(&self) -> bool {
        !self.bf_chars.is_empty() || !self.bf_ranges.is_empty() || !self.bf_arrays.is_empty()
    }

    /// True when the CMap maps codes to CIDs (an encoding CMap).
    pub fn has_cids(&self) -> bool {
        !self.cid_chars.is_empty() || !self.cid_ranges.is_empty()
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

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(&'a [u8]),
    Int(i64),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    Other,
}

struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
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

impl<'a> Parser<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let d = self.data;
        loop {
            while self.pos < d.len() && is_white(d[self.pos]) {
                self.pos += 1;
            }
            if d.get(self.pos) == Some(&b'%') {
                while self.pos < d.len() && d[self.pos] != b'\n' && d[self.pos] != b'\r' {
                    self.pos += 1;
                }
                continue;
            }
            break;
        }
        let start = self.pos;
        let b = *d.get(start)?;
        self.pos += 1;
        Some(match b {
            b'[' => Token::ArrayStart,
            b']' => Token::ArrayEnd,
            b'<' if d.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::Other
            }
            b'>' => {
                if d.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Token::Other
            }
            b'<' => Token::Hex(hex_string_at(d, &mut self.pos)),
            b'(' => Token::Str(literal_string_at(d, &mut self.pos).into_owned()),
            b'/' => {
                while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
                    self.pos += 1;
                }
                Token::Name(&d[start + 1..self.pos])
            }
            b'{' | b'}' | b')' => Token::Other,
            _ => {
                while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
                    self.pos += 1;
                }
                let word = &d[start..self.pos];
                match std::str::from_utf8(word).ok().and_then(|s| s.parse::<i64>().ok()) {
                    Some(n) => Token::Int(n),
                    None => Token::Keyword(word),
                }
            }
        })
    }

    fn run(mut self) -> CMap {
        let mut cmap = CMap::default();
        // The last few tokens, for `/WMode 1 def` and `/Name usecmap`.
        let mut prev: Option<Token<'a>> = None;
        let mut prev2: Option<Token<'a>> = None;
        while let Some(tok) = self.next() {
            if cmap.entries() >= MAX_ENTRIES {
                break;
            }
            if let Token::Keyword(k) = tok {
                match k {
                    b"begincodespacerange" => self.codespace(&mut cmap),
                    b"beginbfchar" => self.bf_char(&mut cmap),
                    b"beginbfrange" => self.bf_range(&mut cmap),
                    b"begincidchar" => self.cid_char(&mut cmap),
                    b"begincidrange" => self.cid_range(&mut cmap, false),
                    b"beginnotdefrange" => self.cid_range(&mut cmap, true),
                    b"usecmap" => {
                        if let Some(Token::Name(n)) = &prev {
                            cmap.use_cmap = Some(n.to_vec());
                        }
                    }
                    b"def" => {
                        if let (Some(Token::Name(b"WMode")), Some(Token::Int(v))) = (&prev2, &prev) {
                            cmap.vertical = *v == 1;
                        }
                    }
                    _ => {}
                }
                prev2 = None;
                prev = None;
                continue;
            }
            prev2 = prev.take();
            prev = Some(tok);
        }
        cmap
    }

    /// Reads tokens up to the keyword `end`, or `None` at the end of the data.
    fn section(&mut self, end: &[u8]) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        while let Some(tok) = self.next() {
            if let Token::Keyword(k) = &tok
                && *k == end
            {
                break;
            }
            if out.len() >= MAX_ENTRIES * 3 {
                break;
            }
            out.push(tok);
        }
        out
    }

    fn codespace(&mut self, cmap: &mut CMap) {
        let toks = self.section(b"endcodespacerange");
        for pair in toks.chunks(2) {
            if let [Token::Hex(lo), Token::Hex(hi)] = pair
                && let Some(r) = CodespaceRange::new(lo, hi)
            {
                cmap.codespace.ranges.push(r);
            }
        }
    }

    fn dest_text(tok: &Token<'_>) -> Option<Text> {
        match tok {
            Token::Hex(b) | Token::Str(b) => Text::from_utf16(&utf16_units(b)),
            // `/space`: a glyph name as destination (seen in old Distiller output).
            Token::Name(n) => {
                let name = std::str::from_utf8(n).ok()?;
                super::encoding::name_to_text(name)
            }
            _ => None,
        }
    }

    fn bf_char(&mut self, cmap: &mut CMap) {
        let toks = self.section(b"endbfchar");
        for pair in toks.chunks(2) {
            if let [Token::Hex(src), dst] = pair
                && let Some(code) = code_of(src)
                && let Some(text) = Self::dest_text(dst)
            {
                cmap.bf_chars.insert(code, text);
            }
        }
    }

    fn bf_range(&mut self, cmap: &mut CMap) {
        let toks = self.section(b"endbfrange");
        let mut i = 0;
        while i < toks.len() {
            let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (toks.get(i), toks.get(i + 1)) else {
                i += 1;
                continue;
            };
            let (Some(lo), Some(hi)) = (code_of(lo), code_of(hi)) else {
                i += 3;
                continue;
            };
            match toks.get(i + 2) {
                Some(Token::Hex(dst)) | Some(Token::Str(dst)) => {
                    if lo <= hi && !dst.is_empty() {
                        cmap.bf_ranges.push(BfRange { lo, hi, dest: utf16_units(dst) });
                    }
                    i += 3;
                }
                Some(Token::ArrayStart) => {
                    let mut j = i + 3;
                    let mut code = lo;
                    while let Some(tok) = toks.get(j) {
                        j += 1;
                        if *tok == Token::ArrayEnd {
                            break;
                        }
                        if code <= hi
                            && cmap.bf_arrays.len() < MAX_ENTRIES
                            && let Some(text) = Self::dest_text(tok)
                        {
                            cmap.bf_arrays.insert(code, text);
                        }
                        code = code.saturating_add(1);
                    }
                    i = j;
                }
                _ => i += 3,
            }
        }
    }

    fn cid_char(&mut self, cmap: &mut CMap) {
        let toks = self.section(b"endcidchar");
        for pair in toks.chunks(2) {
            if let [Token::Hex(src), Token::Int(cid)] = pair
                && let (Some(code), Ok(cid)) = (code_of(src), u32::try_from(*cid))
            {
                cmap.cid_chars.insert((src.len() as u8, code), cid);
            }
        }
    }

    fn cid_range(&mut self, cmap: &mut CMap, notdef: bool) {
        let end: &[u8] = if notdef { b"endnotdefrange" } else { b"endcidrange" };
        let toks = self.section(end);
        for triple in toks.chunks(3) {
            if let [Token::Hex(lo_b), Token::Hex(hi_b), Token::Int(cid)] = triple
                && let (Some(lo), Some(hi), Ok(cid)) = (code_of(lo_b), code_of(hi_b), u32::try_from(*cid))
                && lo <= hi
            {
                let r = CidRange { len: lo_b.len() as u8, lo, hi, cid };
                if notdef {
                    cmap.notdef_ranges.push(r);
                } else {
                    cmap.cid_ranges.push(r);
                }
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
        assert!(cmap.has_cids() && !cmap.has_unicode());
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
