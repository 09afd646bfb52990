//! The predefined CJK CMaps a Type0 font can name as its `/Encoding`
//! (UniGB-UCS2-H, GBK-EUC-H, ETen-B5-H, …): how their codes split (codespace),
//! how a code becomes Unicode (UCS-2 / UTF-16 directly, the byte encodings through
//! encoding_rs), and code → CID and CID → Unicode from Adobe's CMap data
//! (BSD-3, embedded by hayro-cmap).
//!
//! hayro-cmap ignores codespace ranges, so the ranges are written out here from
//! Adobe's CMap files (cmap-resources); the caller splits codes with them and
//! asks hayro for the CID of a code of a known length. Parsed CMaps are cached
//! for the life of the process: they are read-only data.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use encoding_rs::Encoding;
use hayro_cmap::{BfString, CMap as HayroCMap, CMapName};

use super::cmap::{Codespace, Text};

/// How a predefined CMap's codes turn into Unicode without a CID detour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoder {
    /// The code is a UCS-2 code point (Uni*-UCS2-*).
    Ucs2,
    /// The code is UTF-16BE, 2 or 4 bytes (Uni*-UTF16-*).
    Utf16,
    /// The code bytes are text in this legacy encoding (GBK-EUC-H → GBK, …).
    Bytes(&'static Encoding),
    /// No direct decoding (CNS-EUC has no encoding_rs counterpart): CID → Unicode.
    ViaCid,
}

/// The character collection (CIDSystemInfo Registry-Ordering) a CMap's CIDs
/// belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ordering {
    Gb1,
    Cns1,
    Japan1,
    Korea1,
}

impl Ordering {
    pub fn from_name(ordering: &[u8]) -> Option<Ordering> {
        match ordering {
            b"GB1" => Some(Ordering::Gb1),
            b"CNS1" => Some(Ordering::Cns1),
            b"Japan1" => Some(Ordering::Japan1),
            b"Korea1" => Some(Ordering::Korea1),
            _ => None,
        }
    }

    fn ucs2_cmap(self) -> &'static [u8] {
        match self {
            Ordering::Gb1 => b"Adobe-GB1-UCS2",
            Ordering::Cns1 => b"Adobe-CNS1-UCS2",
            Ordering::Japan1 => b"Adobe-Japan1-UCS2",
            Ordering::Korea1 => b"Adobe-Korea1-UCS2",
        }
    }
}

/// A predefined CMap known to govdoc.
#[derive(Debug, Clone)]
pub struct Predefined {
    pub name: &'static str,
    pub codespace: Codespace,
    pub decoder: Decoder,
    pub vertical: bool,
    pub ordering: Ordering,
}

const ONE_BYTE_ASCII: (&[u8], &[u8]) = (&[0x00], &[0x80]);

/// The predefined CMap called `name` (with or without the -H/-V suffix rules).
pub fn lookup(name: &[u8]) -> Option<Predefined> {
    let name = std::str::from_utf8(name).ok()?;
    // "H" and "V" (JIS X 0208 row/cell codes) are the only names without a
    // base before the writing-mode suffix.
    let (base, vertical) = match name {
        "H" => ("JIS", false),
        "V" => ("JIS", true),
        _ => match name.strip_suffix("-V") {
            Some(base) => (base, true),
            None => (name.strip_suffix("-H")?, false),
        },
    };
    use Decoder::*;
    use Ordering::*;
    let gbk = encoding_rs::GBK;
    let (decoder, ordering, codespace): (Decoder, Ordering, Codespace) = match base {
        "UniGB-UCS2" => (Ucs2, Gb1, Codespace::fixed(2)),
        "UniGB-UTF16" => (Utf16, Gb1, utf16_codespace()),
        "GB-EUC" => (Bytes(gbk), Gb1, Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0xA1, 0xA1], &[0xFE, 0xFE])])),
        "GBpc-EUC" => (
            Bytes(gbk),
            Gb1,
            Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0xA1, 0xA1], &[0xFC, 0xFE]), (&[0xFD], &[0xFF])]),
        ),
        "GBK-EUC" | "GBKp-EUC" => {
            (Bytes(gbk), Gb1, Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0x81, 0x40], &[0xFE, 0xFE])]))
        }
        "GBK2K" => (
            Bytes(encoding_rs::GB18030),
            Gb1,
            Codespace::from_pairs(&[
                ONE_BYTE_ASCII,
                (&[0x81, 0x40], &[0xFE, 0xFE]),
                (&[0x81, 0x30, 0x81, 0x30], &[0xFE, 0x39, 0xFE, 0x39]),
            ]),
        ),
        "UniCNS-UCS2" => (Ucs2, Cns1, Codespace::fixed(2)),
        "UniCNS-UTF16" => (Utf16, Cns1, utf16_codespace()),
        "B5pc" => (
            Bytes(encoding_rs::BIG5),
            Cns1,
            Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0xA1, 0x40], &[0xFC, 0xFE]), (&[0xFD], &[0xFF])]),
        ),
        "ETen-B5" | "ETenms-B5" => {
            (Bytes(encoding_rs::BIG5), Cns1, Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0xA1, 0x40], &[0xFE, 0xFE])]))
        }
        "HKscs-B5" => {
            (Bytes(encoding_rs::BIG5), Cns1, Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0x87, 0x40], &[0xFE, 0xFE])]))
        }
        "CNS-EUC" => (
            ViaCid,
            Cns1,
            Codespace::from_pairs(&[
                ONE_BYTE_ASCII,
                (&[0xA1, 0xA1], &[0xFE, 0xFE]),
                (&[0x8E, 0xA1, 0xA1, 0xA1], &[0x8E, 0xB0, 0xFE, 0xFE]),
            ]),
        ),
        // JIS X 0208 row/cell codes; the Mac and Fujitsu Shift-JIS variants
        // have no encoding_rs counterpart: their text comes through the CIDs.
        "JIS" => (ViaCid, Japan1, Codespace::from_pairs(&[(&[0x21, 0x21], &[0x7E, 0x7E])])),
        "83pv-RKSJ" | "90pv-RKSJ" => (ViaCid, Japan1, shift_jis_codespace(true)),
        "Add-RKSJ" => (ViaCid, Japan1, shift_jis_codespace(false)),
        "UniJIS-UCS2" | "UniJIS-UCS2-HW" => (Ucs2, Japan1, Codespace::fixed(2)),
        "UniJIS-UTF16" => (Utf16, Japan1, utf16_codespace()),
        "90ms-RKSJ" | "90msp-RKSJ" | "Ext-RKSJ" => (Bytes(encoding_rs::SHIFT_JIS), Japan1, shift_jis_codespace(false)),
        "EUC" => (
            Bytes(encoding_rs::EUC_JP),
            Japan1,
            Codespace::from_pairs(&[
                ONE_BYTE_ASCII,
                (&[0x8E, 0xA0], &[0x8E, 0xDF]),
                (&[0xA1, 0xA1], &[0xFE, 0xFE]),
                (&[0x8F, 0xA1, 0xA1], &[0x8F, 0xFE, 0xFE]),
            ]),
        ),
        "UniKS-UCS2" => (Ucs2, Korea1, Codespace::fixed(2)),
        "UniKS-UTF16" => (Utf16, Korea1, utf16_codespace()),
        "KSC-EUC" => (
            Bytes(encoding_rs::EUC_KR),
            Korea1,
            Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0xA1, 0xA1], &[0xFE, 0xFE])]),
        ),
        "KSCpc-EUC" => (
            ViaCid,
            Korea1,
            Codespace::from_pairs(&[(&[0x00], &[0x84]), (&[0xA1, 0x41], &[0xFD, 0xFE]), (&[0xFE], &[0xFF])]),
        ),
        "KSCms-UHC" | "KSCms-UHC-HW" => (
            Bytes(encoding_rs::EUC_KR),
            Korea1,
            Codespace::from_pairs(&[ONE_BYTE_ASCII, (&[0x81, 0x41], &[0xFE, 0xFE])]),
        ),
        _ => return None,
    };
    let name = static_name(name)?;
    Some(Predefined { name, codespace, decoder, vertical, ordering })
}

/// Shift-JIS codes as Adobe's RKSJ CMaps split them; the Mac variants
/// (83pv, 90pv) add the single bytes FD–FF.
fn shift_jis_codespace(mac: bool) -> Codespace {
    let mut ranges: Vec<(&[u8], &[u8])> =
        vec![ONE_BYTE_ASCII, (&[0x81, 0x40], &[0x9F, 0xFC]), (&[0xA0], &[0xDF]), (&[0xE0, 0x40], &[0xFC, 0xFC])];
    if mac {
        ranges.push((&[0xFD], &[0xFF]));
    }
    Codespace::from_pairs(&ranges)
}

fn utf16_codespace() -> Codespace {
    Codespace::from_pairs(&[
        (&[0x00, 0x00], &[0xD7, 0xFF]),
        (&[0xE0, 0x00], &[0xFF, 0xFF]),
        (&[0xD8, 0x00, 0xDC, 0x00], &[0xDB, 0xFF, 0xDF, 0xFF]),
    ])
}

/// `name` as a `'static` string from the list of names `lookup` knows.
fn static_name(name: &str) -> Option<&'static str> {
    KNOWN.iter().copied().find(|k| *k == name)
}

/// The names `lookup` can return.
const KNOWN: &[&str] = &[
    "UniGB-UCS2-H",
    "UniGB-UCS2-V",
    "UniGB-UTF16-H",
    "UniGB-UTF16-V",
    "GB-EUC-H",
    "GB-EUC-V",
    "GBpc-EUC-H",
    "GBpc-EUC-V",
    "GBK-EUC-H",
    "GBK-EUC-V",
    "GBKp-EUC-H",
    "GBKp-EUC-V",
    "GBK2K-H",
    "GBK2K-V",
    "UniCNS-UCS2-H",
    "UniCNS-UCS2-V",
    "UniCNS-UTF16-H",
    "UniCNS-UTF16-V",
    "B5pc-H",
    "B5pc-V",
    "ETen-B5-H",
    "ETen-B5-V",
    "ETenms-B5-H",
    "ETenms-B5-V",
    "HKscs-B5-H",
    "HKscs-B5-V",
    "CNS-EUC-H",
    "CNS-EUC-V",
    "UniJIS-UCS2-H",
    "UniJIS-UCS2-V",
    "UniJIS-UCS2-HW-H",
    "UniJIS-UCS2-HW-V",
    "UniJIS-UTF16-H",
    "UniJIS-UTF16-V",
    "H",
    "V",
    "83pv-RKSJ-H",
    "90pv-RKSJ-H",
    "90ms-RKSJ-H",
    "90ms-RKSJ-V",
    "90msp-RKSJ-H",
    "90msp-RKSJ-V",
    "Add-RKSJ-H",
    "Add-RKSJ-V",
    "Ext-RKSJ-H",
    "Ext-RKSJ-V",
    "EUC-H",
    "EUC-V",
    "UniKS-UCS2-H",
    "UniKS-UCS2-V",
    "UniKS-UTF16-H",
    "UniKS-UTF16-V",
    "KSC-EUC-H",
    "KSC-EUC-V",
    "KSCpc-EUC-H",
    "KSCms-UHC-H",
    "KSCms-UHC-V",
    "KSCms-UHC-HW-H",
    "KSCms-UHC-HW-V",
];

impl Predefined {
    /// Unicode for a code of `len` bytes, straight from the code.
    pub fn unicode(&self, code: u32, len: usize) -> Option<Text> {
        match self.decoder {
            Decoder::Ucs2 => char::from_u32(code).filter(|_| len == 2).map(Text::Char),
            Decoder::Utf16 => match len {
                2 => char::from_u32(code).map(Text::Char),
                4 => {
                    let units = [(code >> 16) as u16, code as u16];
                    Text::from_utf16(&units)
                }
                _ => None,
            },
            Decoder::Bytes(encoding) => {
                let bytes = code.to_be_bytes();
                let bytes = bytes.get(4usize.checked_sub(len)?..)?;
                let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
                if had_errors {
                    return None;
                }
                Text::from_string(text.into_owned())
            }
            Decoder::ViaCid => None,
        }
    }

    /// The CID of a code of `len` bytes, from Adobe's CMap.
    pub fn cid(&self, code: u32, len: usize) -> Option<u32> {
        let cmap = cached(self.name.as_bytes())?;
        cmap.lookup_cid_code(code, u8::try_from(len).ok()?)
    }
}

/// The CID of `code` in the predefined CMap `name` (for `usecmap` of embedded
/// encoding CMaps).
pub fn cid_in(name: &[u8], code: u32, len: usize) -> Option<u32> {
    cached(name)?.lookup_cid_code(code, u8::try_from(len).ok()?)
}

/// Unicode of a CID of the collection `ordering` (Adobe-GB1-UCS2 and kin).
pub fn cid_to_unicode(ordering: Ordering, cid: u32) -> Option<Text> {
    let cmap = cached(ordering.ucs2_cmap())?;
    match cmap.lookup_bf_string(cid)? {
        BfString::Char(c) => Some(Text::Char(c)),
        BfString::String(s) => Text::from_string(s),
    }
}

type Cache = Mutex<HashMap<Vec<u8>, Option<Arc<HayroCMap>>>>;

fn cached(name: &[u8]) -> Option<Arc<HayroCMap>> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A poisoned lock only means another thread panicked while inserting; the
    // map itself is still valid.
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(entry) = map.get(name) {
        return entry.clone();
    }
    let parsed = hayro_cmap::load_embedded(CMapName::from_bytes(name))
        .and_then(|data| HayroCMap::parse(data, hayro_cmap::load_embedded))
        .map(Arc::new);
    map.insert(name.to_vec(), parsed.clone());
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &Predefined, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while let Some((code, n)) = p.codespace.next_code(rest) {
            out.push((code, n));
            rest = &rest[n..];
        }
        out
    }

    fn text(t: Option<Text>) -> String {
        let mut s = String::new();
        if let Some(t) = t {
            t.push_to(&mut s);
        }
        s
    }

    #[test]
    fn unigb_ucs2_decodes_and_maps_to_gb1_cids() {
        let p = lookup(b"UniGB-UCS2-H").expect("known");
        assert!(!p.vertical);
        assert_eq!(split(&p, &[0x4E, 0x2D, 0x00, 0x30]), vec![(0x4E2D, 2), (0x30, 2)]);
        assert_eq!(text(p.unicode(0x4E2D, 2)), "中");
        // Adobe-GB1: '0' is CID 17 (half-width digits start at CID 17).
        assert_eq!(p.cid(0x0030, 2), Some(17));
        let cid = p.cid(0x4E2D, 2).expect("中 has a CID");
        assert_eq!(text(cid_to_unicode(Ordering::Gb1, cid)), "中");
        assert!(lookup(b"UniGB-UCS2-V").expect("known").vertical);
    }

    #[test]
    fn gbk_euc_splits_mixed_codes_and_decodes_gbk() {
        let p = lookup(b"GBK-EUC-H").expect("known");
        let codes = split(&p, &[0xD6, 0xD0, 0x31, 0xCE, 0xC4]);
        assert_eq!(codes, vec![(0xD6D0, 2), (0x31, 1), (0xCEC4, 2)]);
        assert_eq!(text(p.unicode(0xD6D0, 2)), "中");
        assert_eq!(text(p.unicode(0x31, 1)), "1");
        assert_eq!(text(p.unicode(0xCEC4, 2)), "文");
        // Code → CID agrees with UniGB-UCS2-H for the same ideograph; the
        // 1-byte codes select Adobe-GB1's half-width forms (CIDs 814–907).
        let ucs2 = lookup(b"UniGB-UCS2-H").expect("known");
        assert_eq!(p.cid(0xD6D0, 2), ucs2.cid(0x4E2D, 2));
        assert_eq!(p.cid(0x31, 1), Some(830));
        assert_eq!(ucs2.cid(0x31, 2), Some(18));
    }

    #[test]
    fn every_family_decodes() {
        for (name, bytes, want) in [
            ("GB-EUC-H", &[0xD6, 0xD0][..], "中"),
            ("GBpc-EUC-V", &[0xD6, 0xD0][..], "中"),
            ("GBK2K-H", &[0x81, 0x39, 0xEE, 0x39][..], "\u{3400}"),
            ("UniGB-UTF16-H", &[0x4E, 0x2D][..], "中"),
            ("ETen-B5-H", &[0xA4, 0xA4][..], "中"),
            ("UniCNS-UCS2-H", &[0x4E, 0x2D][..], "中"),
            ("90ms-RKSJ-H", &[0x92, 0x86][..], "中"),
            ("KSC-EUC-H", &[0xB0, 0xA1][..], "가"),
        ] {
            let p = lookup(name.as_bytes()).unwrap_or_else(|| panic!("{name}"));
            let codes = split(&p, bytes);
            assert_eq!(codes.len(), 1, "{name}");
            let (code, len) = codes[0];
            assert_eq!(text(p.unicode(code, len)), want, "{name}");
            assert!(p.cid(code, len).is_some(), "{name} has CIDs");
        }
        // UTF-16 surrogate pairs are one 4-byte code.
        let utf16 = lookup(b"UniGB-UTF16-H").expect("known");
        assert_eq!(split(&utf16, &[0xD8, 0x40, 0xDC, 0x00, 0x00, 0x41]), vec![(0xD840DC00, 4), (0x41, 2)]);
        assert_eq!(text(utf16.unicode(0xD840DC00, 4)), "\u{20000}");
        assert!(lookup(b"Identity-H").is_none());
        assert!(lookup(b"Nonsense-H").is_none());
    }

    #[test]
    fn jis_row_cell_h_and_v_go_through_japan1_cids() {
        let h = lookup(b"H").expect("known");
        let v = lookup(b"V").expect("known");
        assert!(!h.vertical);
        assert!(v.vertical);
        // JIS X 0208 row 4 cell 2 is あ; two bytes 0x21–0x7E each.
        assert_eq!(split(&h, &[0x24, 0x22, 0x30, 0x21]), vec![(0x2422, 2), (0x3021, 2)]);
        for p in [&h, &v] {
            let cid = p.cid(0x2422, 2).expect("あ has a CID");
            assert_eq!(text(cid_to_unicode(Ordering::Japan1, cid)), "あ", "{}", p.name);
            // Row 16 cell 1 (0x3021) is 亜.
            let cid = p.cid(0x3021, 2).expect("亜 has a CID");
            assert_eq!(text(cid_to_unicode(Ordering::Japan1, cid)), "亜", "{}", p.name);
        }
        // V draws the ideographic comma with its vertical glyph (another CID);
        // the text is still the comma.
        let (hc, vc) = (h.cid(0x2122, 2).expect("CID"), v.cid(0x2122, 2).expect("CID"));
        assert_ne!(hc, vc);
        assert_eq!(text(cid_to_unicode(Ordering::Japan1, vc)), "、");
    }

    #[test]
    fn every_shift_jis_and_half_width_variant_is_known() {
        let shift_jis: Vec<&str> = KNOWN.iter().copied().filter(|n| n.contains("-RKSJ-")).collect();
        assert_eq!(shift_jis.len(), 10, "83pv, 90pv, 90ms, 90msp, Add and Ext");
        for name in shift_jis {
            let p = lookup(name.as_bytes()).unwrap_or_else(|| panic!("{name}"));
            // 中 is 0x9286 in every Shift-JIS; 'A' one byte.
            assert_eq!(split(&p, &[0x92, 0x86, 0x41]), vec![(0x9286, 2), (0x41, 1)], "{name}");
            let cid = p.cid(0x9286, 2).unwrap_or_else(|| panic!("{name} has CIDs"));
            let want = p.unicode(0x9286, 2).or_else(|| cid_to_unicode(Ordering::Japan1, cid));
            assert_eq!(text(want), "中", "{name}");
        }
        let hw = lookup(b"UniJIS-UCS2-HW-H").expect("known");
        assert_eq!(text(hw.unicode(0x4E2D, 2)), "中");
        assert!(hw.cid(0x41, 2).is_some());
        let uhc = lookup(b"KSCms-UHC-HW-V").expect("known");
        assert!(uhc.vertical);
        assert_eq!(text(uhc.unicode(0xB0A1, 2)), "가");
        let mac = lookup(b"KSCpc-EUC-H").expect("known");
        let cid = mac.cid(0xB0A1, 2).expect("CID");
        assert_eq!(text(cid_to_unicode(Ordering::Korea1, cid)), "가");
    }

    #[test]
    fn cns_euc_goes_through_cids() {
        let p = lookup(b"CNS-EUC-H").expect("known");
        let cid = p.cid(0xC4A1, 2).expect("CID");
        assert!(cid_to_unicode(Ordering::Cns1, cid).is_some());
    }
}
