//! Composite (Type 0) fonts: multi-byte codes through a CMap to CIDs, and the
//! descendant CID font (CIDFontType0 / CIDFontType2) that gives their glyphs and widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use super::cmap::{CMap, Codespace, Text};
use super::embedded::EmbeddedFont;
use super::predefined::{self, Ordering, Predefined};
use super::{Char, Font, Kind, MAX_WIDTH_ENTRIES, descent, embedded_program, is_bold, to_unicode};
use crate::pdf::document::PdfDocument;
use crate::pdf::page::FontInfo;

#[derive(Debug)]
pub(super) struct Composite {
    pub(super) codespace: Codespace,
    encoding: CidEncoding,
    to_unicode: Option<CMap>,
    ordering: Option<Ordering>,
    widths: Widths,
    vertical_metrics: Option<VerticalMetrics>,
    /// CIDFontType2: CID → glyph id (`None`: identity).
    cid_to_gid: Option<Vec<u16>>,
    truetype: bool,
    embedded: Option<EmbeddedFont>,
}

#[derive(Debug)]
enum CidEncoding {
    Identity,
    Predefined(Predefined),
    /// An embedded CMap stream, and the predefined CMap it builds on (`usecmap`).
    Embedded(Box<CMap>, Option<Vec<u8>>),
}

#[derive(Debug, Default)]
struct Widths {
    default: f32,
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
}

impl Widths {
    fn get(&self, cid: u32) -> f32 {
        if let Some(w) = self.single.get(&cid) {
            return *w;
        }
        self.ranges.iter().rev().find(|(lo, hi, _)| *lo <= cid && cid <= *hi).map(|r| r.2).unwrap_or(self.default)
    }
}

#[derive(Debug)]
struct VerticalMetrics {
    /// DW2: (vy, w1y).
    default: (f32, f32),
    /// CID → (w1y, vx, vy).
    single: HashMap<u32, (f32, f32, f32)>,
    ranges: Vec<(u32, u32, (f32, f32, f32))>,
}

impl Composite {
    fn cid(&self, code: u32, len: usize) -> u32 {
        match &self.encoding {
            CidEncoding::Identity => code,
            CidEncoding::Predefined(p) => p.cid(code, len).unwrap_or(0),
            CidEncoding::Embedded(cmap, base) => cmap
                .cid(code, len as u8)
                .or_else(|| base.as_deref().and_then(|name| predefined::cid_in(name, code, len)))
                .unwrap_or(0),
        }
    }

    fn glyph(&self, cid: u32) -> u32 {
        match (&self.cid_to_gid, &self.embedded) {
            (Some(map), _) => map.get(cid as usize).map(|g| *g as u32).unwrap_or(0),
            (None, Some(font)) if !self.truetype => font.glyph_for_cid(cid),
            _ => cid,
        }
    }

    pub(super) fn char(&self, code: u32, len: usize, vertical: bool) -> Char {
        let cid = self.cid(code, len);
        let mut text = self.to_unicode.as_ref().and_then(|m| m.unicode(code)).filter(Text::is_meaningful);
        if text.is_none()
            && let CidEncoding::Predefined(p) = &self.encoding
        {
            text = p.unicode(code, len).filter(Text::is_meaningful);
        }
        if text.is_none()
            && let Some(font) = &self.embedded
        {
            let gid = self.glyph(cid);
            if gid != 0 {
                text = font.text_of_glyph(gid).filter(Text::is_meaningful);
            }
        }
        if text.is_none()
            && let Some(ordering) = self.ordering
        {
            text = predefined::cid_to_unicode(ordering, cid).filter(Text::is_meaningful);
        }
        if text.is_none()
            && let Some(font) = &self.embedded
            && font.is_blank(self.glyph(cid))
        {
            text = Some(Text::Char(' '));
        }
        let width = self.widths.get(cid) / 1000.0;
        let vertical = vertical.then(|| {
            let vm = self.vertical_metrics.as_ref();
            let (w1y, vx, vy) = vm
                .and_then(|m| {
                    m.single
                        .get(&cid)
                        .copied()
                        .or_else(|| m.ranges.iter().rev().find(|r| r.0 <= cid && cid <= r.1).map(|r| r.2))
                })
                .unwrap_or_else(|| {
                    let (vy, w1y) = vm.map(|m| m.default).unwrap_or((880.0, -1000.0));
                    (w1y, width * 1000.0 / 2.0, vy)
                });
            (w1y / 1000.0, vx / 1000.0, vy / 1000.0)
        });
        Char { code, len: len as u8, text, width, vertical, word_space: len == 1 && code == 32 }
    }
}

/// A composite font from its dictionary.
pub(super) fn load(pdf: &PdfDocument, dict: &Dictionary, name: String) -> Font {
    let mut problem = None;
    let descendant = pdf
        .get(dict, b"DescendantFonts")
        .and_then(|o| match o {
            Object::Array(a) => a.first(),
            other => Some(other),
        })
        .and_then(|o| pdf.dict(o));
    let cid_font = descendant.cloned().unwrap_or_default();
    let cid_font = &cid_font;
    let descriptor = pdf.get(cid_font, b"FontDescriptor").and_then(|o| pdf.dict(o));
    let bold = is_bold(pdf, &name, descriptor);
    let truetype = pdf.get(cid_font, b"Subtype").and_then(|o| pdf.name(o)) == Some(b"CIDFontType2");

    let (encoding, codespace, mut vertical) = match pdf.get(dict, b"Encoding") {
        Some(Object::Name(n)) if n.as_slice() == b"Identity-H" => (CidEncoding::Identity, Codespace::fixed(2), false),
        Some(Object::Name(n)) if n.as_slice() == b"Identity-V" => (CidEncoding::Identity, Codespace::fixed(2), true),
        Some(Object::Name(n)) => match predefined::lookup(n) {
            Some(p) => {
                let (cs, v) = (p.codespace.clone(), p.vertical);
                (CidEncoding::Predefined(p), cs, v)
            }
            None => {
                problem = Some(format!(
                    "font {name} uses the CMap {} that govdoc does not know; its codes are read as 2-byte CIDs",
                    String::from_utf8_lossy(n)
                ));
                (CidEncoding::Identity, Codespace::fixed(2), n.ends_with(b"-V"))
            }
        },
        Some(Object::Stream(s)) => {
            let cmap = pdf.stream_data(s).map(|d| CMap::parse(&d)).unwrap_or_default();
            // The codespace of the CMap, else of the CMap it uses, else 2 bytes.
            let base = cmap
                .use_cmap
                .clone()
                .or_else(|| pdf.get(&s.dict, b"UseCMap").and_then(|o| pdf.name(o)).map(|n| n.to_vec()));
            let base_predefined = base.as_deref().and_then(predefined::lookup);
            let codespace = if !cmap.codespace.ranges.is_empty() {
                cmap.codespace.clone()
            } else {
                base_predefined.as_ref().map(|p| p.codespace.clone()).unwrap_or_else(|| Codespace::fixed(2))
            };
            let wmode = pdf.get(&s.dict, b"WMode").and_then(|o| pdf.number(o)) == Some(1.0);
            let v = cmap.vertical || wmode || base_predefined.is_some_and(|p| p.vertical);
            (CidEncoding::Embedded(Box::new(cmap), base), codespace, v)
        }
        _ => (CidEncoding::Identity, Codespace::fixed(2), false),
    };
    if pdf.get(dict, b"WMode").and_then(|o| pdf.number(o)) == Some(1.0) {
        vertical = true;
    }

    let ordering = pdf
        .get(cid_font, b"CIDSystemInfo")
        .and_then(|o| pdf.dict(o))
        .filter(|info| pdf.get(info, b"Registry").and_then(|o| o.as_str().ok()).is_some_and(|r| r == b"Adobe"))
        .and_then(|info| pdf.get(info, b"Ordering").and_then(|o| o.as_str().ok()))
        .and_then(Ordering::from_name)
        .or(match &encoding {
            CidEncoding::Predefined(p) => Some(p.ordering),
            _ => None,
        });

    let default_width = pdf.get(cid_font, b"DW").and_then(|o| pdf.number(o)).unwrap_or(1000.0);
    let mut widths = Widths { default: default_width, ..Default::default() };
    if let Some(Object::Array(w)) = pdf.get(cid_font, b"W") {
        read_w(pdf, w, 1, |lo, hi, v| {
            if lo == hi {
                widths.single.insert(lo, v[0]);
            } else {
                widths.ranges.push((lo, hi, v[0]));
            }
        });
    }
    let vertical_metrics = vertical.then(|| {
        let dw2 = pdf.get(cid_font, b"DW2").and_then(|o| o.as_array().ok());
        let default = match dw2.map(|a| a.iter().filter_map(|o| pdf.number(o)).collect::<Vec<_>>()) {
            Some(v) if v.len() == 2 => (v[0], v[1]),
            _ => (880.0, -1000.0),
        };
        let mut vm = VerticalMetrics { default, single: HashMap::new(), ranges: Vec::new() };
        if let Some(Object::Array(w2)) = pdf.get(cid_font, b"W2") {
            read_w(pdf, w2, 3, |lo, hi, v| {
                let m = (v[0], v[1], v[2]);
                if lo == hi {
                    vm.single.insert(lo, m);
                } else {
                    vm.ranges.push((lo, hi, m));
                }
            });
        }
        vm
    });

    let cid_to_gid = match pdf.get(cid_font, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => pdf
            .stream_data(s)
            .ok()
            .map(|d| d.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<u16>>()),
        _ => None,
    };
    let embedded = embedded_program(pdf, descriptor);
    let to_unicode = to_unicode(pdf, dict);
    if descendant.is_none() {
        problem.get_or_insert_with(|| format!("font {name} has no descendant CID font"));
    }
    Font {
        info: FontInfo { name, bold, space_width: None },
        vertical,
        descent: descent(pdf, descriptor),
        type3: false,
        problem,
        kind: Kind::Composite(Box::new(Composite {
            codespace,
            encoding,
            to_unicode,
            ordering,
            widths,
            vertical_metrics,
            cid_to_gid,
            truetype,
            embedded,
        })),
    }
}

/// Reads a `/W` (n = 1) or `/W2` (n = 3) array: `c [v…]` lists, `cfirst clast v…`
/// ranges. Calls `put(lo, hi, values)` for each entry, at most
/// [`MAX_WIDTH_ENTRIES`] times.
fn read_w(pdf: &PdfDocument, items: &[Object], n: usize, mut put: impl FnMut(u32, u32, &[f32])) {
    let mut i = 0;
    let mut count = 0;
    let num = |o: &Object| pdf.number(o);
    while i < items.len() && count < MAX_WIDTH_ENTRIES {
        let Some(first) = num(&items[i]).filter(|v| *v >= 0.0) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match items.get(i + 1).and_then(|o| pdf.resolve(o)) {
            Some(Object::Array(list)) => {
                let values: Vec<f32> = list.iter().filter_map(num).collect();
                for (k, chunk) in values.chunks_exact(n).enumerate() {
                    if count >= MAX_WIDTH_ENTRIES {
                        break;
                    }
                    let cid = first.saturating_add(k as u32);
                    put(cid, cid, chunk);
                    count += 1;
                }
                i += 2;
            }
            Some(_) => {
                let last = num(&items[i + 1]).filter(|v| *v >= 0.0).map(|v| v as u32);
                let values: Vec<f32> = items.iter().skip(i + 2).take(n).filter_map(num).collect();
                if let Some(last) = last
                    && values.len() == n
                    && last >= first
                {
                    put(first, last, &values);
                    count += 1;
                }
                i += 2 + n;
            }
            None => break,
        }
    }
}
