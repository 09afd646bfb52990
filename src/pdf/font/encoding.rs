//! Simple-font encodings and glyph names: the base encodings (Standard, WinAnsi,
//! MacRoman, Symbol, ZapfDingbats), `/Differences`, glyph name → Unicode (Adobe
//! Glyph List via read-fonts, `uniXXXX`, `uXXXX[XX]`), the `gXX` / `cidXX` names
//! that point at glyph ids, and the standard-14 advance widths.
//!
//! The tables live in `tables.rs`, generated from reportlab 5.1's
//! `reportlab.pdfbase` modules with this script (run from the repository root):
//!
//! ```text
//! import importlib
//! m = lambda name: importlib.import_module("reportlab.pdfbase." + name)
//! out = [HEADER]   # the doc comment at the top of tables.rs
//! for rust, mod, var in [("WIN_ANSI", "_fontdata_enc_winansi", "WinAnsiEncoding"),
//!                        ("MAC_ROMAN", "_fontdata_enc_macroman", "MacRomanEncoding"),
//!                        ("STANDARD", "_fontdata_enc_standard", "StandardEncoding"),
//!                        ("SYMBOL_ENCODING", "_fontdata_enc_symbol", "SymbolEncoding"),
//!                        ("ZAPF_DINGBATS_ENCODING", "_fontdata_enc_zapfdingbats", "ZapfDingbatsEncoding")]:
//!     names = ", ".join('"%s"' % (n or "") for n in getattr(m(mod), var))
//!     out.append(f"pub(super) static {rust}: [&str; 256] = [{names}];\n\n")
//! for rust, mod in [("HELVETICA", "helvetica"), ("HELVETICA_BOLD", "helveticabold"),
//!                   ("TIMES_ROMAN", "timesroman"), ("TIMES_BOLD", "timesbold"),
//!                   ("TIMES_ITALIC", "timesitalic"), ("TIMES_BOLD_ITALIC", "timesbolditalic"),
//!                   ("SYMBOL", "symbol"), ("ZAPF_DINGBATS", "zapfdingbats")]:
//!     widths = sorted(m("_fontdata_widths_" + mod).widths.items(), key=lambda kv: kv[0].encode())
//!     items = ", ".join(f'("{k}", {v})' for k, v in widths)
//!     out.append(f"pub(super) static {rust}: &[(&str, u16)] = &[{items}];\n\n")
//! open("src/pdf/font/tables.rs", "w").write("".join(out).rstrip() + "\n")
//! ```

use super::text::Text;
use super::{tables, texnames};

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            // MacExpertEncoding names small capitals and old-style figures; their
            // AGL names map them to Unicode well enough through Standard-like names,
            // but the table is not carried: treat as Standard.
            b"MacExpertEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The glyph name of `code`, or `None` where the encoding leaves it unused.
    pub fn name(self, code: u8) -> Option<&'static str> {
        let table: &[&str; 256] = match self {
            BaseEncoding::Standard => &tables::STANDARD,
            BaseEncoding::WinAnsi => &tables::WIN_ANSI,
            BaseEncoding::MacRoman => &tables::MAC_ROMAN,
            BaseEncoding::Symbol => &tables::SYMBOL_ENCODING,
            BaseEncoding::ZapfDingbats => &tables::ZAPF_DINGBATS_ENCODING,
        };
        let name = table[code as usize];
        (!name.is_empty()).then_some(name)
    }
}

/// Unicode for a glyph name: the Adobe Glyph List (and ITC Zapf Dingbats list),
/// `uniXXXX…`, `uXXXX[XX]`, components joined by `_`, variants after `.`
/// ignored. `None` for names that say nothing (`.notdef`, `g12`, `glyph5`).
pub fn name_to_text(name: &str) -> Option<Text> {
    if name.is_empty() || name.starts_with('.') {
        return None;
    }
    // TeX's names first: the table also overrides the AGL's private-use values
    // for bracket pieces that Unicode has since encoded.
    if let Some(c) = texnames::lookup(name) {
        return Some(Text::Char(c));
    }
    let s: String = skrifa::raw::ps::agl::name_to_chars(name).collect();
    if s.is_empty() {
        // A few producers write the code point in other shapes: "Uni4E2D",
        // "uni4e2d" are handled by read-fonts; "afii…" names are in the AGL.
        // CMEX's size variants (`parenleftBigg`) read as their symbol.
        return texnames::strip_size(name).and_then(name_to_text);
    }
    Text::from_string(s)
}

/// The glyph id a name like `g12`, `gid12`, `G12`, `cid12`, `glyph12` or
/// `index12` points at (producers that name glyphs by their index).
pub fn name_to_glyph_id(name: &str) -> Option<u32> {
    let digits = ["gid", "glyph", "index", "cid", "g", "G"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix).filter(|rest| !rest.is_empty()))?;
    if digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Advance widths (1/1000 em) of the standard-14 fonts, for simple fonts that
/// omit `/Widths`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard14 {
    Helvetica,
    HelveticaBold,
    TimesRoman,
    TimesBold,
    TimesItalic,
    TimesBoldItalic,
    Courier,
    Symbol,
    ZapfDingbats,
}

impl Standard14 {
    /// The standard font (or the usual Windows substitute, Arial / Times New
    /// Roman / Courier New) a BaseFont names.
    pub fn from_base_font(name: &str) -> Option<Standard14> {
        let lower: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
        let italic = lower.contains("italic") || lower.contains("oblique");
        if lower.starts_with("courier") {
            Some(Standard14::Courier)
        } else if lower.starts_with("helvetica") || lower.starts_with("arial") {
            Some(if bold { Standard14::HelveticaBold } else { Standard14::Helvetica })
        } else if lower.starts_with("times") {
            Some(match (bold, italic) {
                (true, true) => Standard14::TimesBoldItalic,
                (true, false) => Standard14::TimesBold,
                (false, true) => Standard14::TimesItalic,
                (false, false) => Standard14::TimesRoman,
            })
        } else if lower.starts_with("symbol") {
            Some(Standard14::Symbol)
        } else if lower.starts_with("zapfdingbats") || lower.starts_with("dingbats") {
            Some(Standard14::ZapfDingbats)
        } else {
            None
        }
    }

    /// The font's built-in encoding.
    pub fn builtin_encoding(self) -> BaseEncoding {
        match self {
            Standard14::Symbol => BaseEncoding::Symbol,
            Standard14::ZapfDingbats => BaseEncoding::ZapfDingbats,
            _ => BaseEncoding::Standard,
        }
    }

    pub fn is_symbolic(self) -> bool {
        matches!(self, Standard14::Symbol | Standard14::ZapfDingbats)
    }

    /// Descender from the AFM file, in em (for the glyph box).
    pub fn descent(self) -> f32 {
        match self {
            Standard14::Helvetica | Standard14::HelveticaBold => -0.207,
            Standard14::TimesRoman | Standard14::TimesBold | Standard14::TimesItalic | Standard14::TimesBoldItalic => {
                -0.217
            }
            Standard14::Courier => -0.157,
            Standard14::Symbol | Standard14::ZapfDingbats => -0.143,
        }
    }

    /// Advance of the glyph `name` in 1/1000 em.
    pub fn width(self, name: &str) -> Option<f32> {
        let table: &[(&str, u16)] = match self {
            Standard14::Courier => return Some(600.0),
            Standard14::Helvetica => tables::HELVETICA,
            Standard14::HelveticaBold => tables::HELVETICA_BOLD,
            Standard14::TimesRoman => tables::TIMES_ROMAN,
            Standard14::TimesBold => tables::TIMES_BOLD,
            Standard14::TimesItalic => tables::TIMES_ITALIC,
            Standard14::TimesBoldItalic => tables::TIMES_BOLD_ITALIC,
            Standard14::Symbol => tables::SYMBOL,
            Standard14::ZapfDingbats => tables::ZAPF_DINGBATS,
        };
        table.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes())).ok().map(|i| table[i].1 as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> String {
        let mut s = String::new();
        if let Some(t) = name_to_text(name) {
            t.push_to(&mut s);
        }
        s
    }

    #[test]
    fn glyph_names_to_unicode() {
        assert_eq!(text("A"), "A");
        assert_eq!(text("space"), " ");
        assert_eq!(text("quotedblleft"), "\u{201C}");
        assert_eq!(text("uni4E2D"), "中");
        // TeX math names, size variants, and bracket pieces out of private use.
        assert_eq!(text("bardbl"), "‖");
        assert_eq!(text("summationdisplay"), "∑");
        assert_eq!(text("parenleftBigg"), "(");
        assert_eq!(text("parenlefttp"), "⎛");
        assert_eq!(text("bracehtipdownleft"), "");
        assert_eq!(text("uni4E2D6587"), "中文");
        assert_eq!(text("u20000"), "\u{20000}");
        assert_eq!(text("f_i"), "fi");
        assert_eq!(text("A.sc"), "A");
        assert_eq!(text("afii10017"), "\u{0410}");
        assert_eq!(text(".notdef"), "");
        assert_eq!(text("g12"), "");
    }

    #[test]
    fn glyph_id_names() {
        assert_eq!(name_to_glyph_id("g12"), Some(12));
        assert_eq!(name_to_glyph_id("gid7"), Some(7));
        assert_eq!(name_to_glyph_id("cid300"), Some(300));
        assert_eq!(name_to_glyph_id("G3"), Some(3));
        assert_eq!(name_to_glyph_id("glyph5"), Some(5));
        assert_eq!(name_to_glyph_id("grave"), None);
        assert_eq!(name_to_glyph_id("g"), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.name(0x80), Some("Euro"));
        assert_eq!(BaseEncoding::WinAnsi.name(0x41), Some("A"));
        assert_eq!(BaseEncoding::Standard.name(0x27), Some("quoteright"));
        assert_eq!(BaseEncoding::MacRoman.name(0x8A), Some("adieresis"));
        assert_eq!(BaseEncoding::Standard.name(0x80), None);
    }

    #[test]
    fn standard_14_widths() {
        assert_eq!(Standard14::from_base_font("Helvetica"), Some(Standard14::Helvetica));
        assert_eq!(Standard14::from_base_font("Arial,Bold"), Some(Standard14::HelveticaBold));
        assert_eq!(Standard14::from_base_font("TimesNewRomanPS-BoldItalicMT"), Some(Standard14::TimesBoldItalic));
        assert_eq!(Standard14::from_base_font("SimSun"), None);
        assert_eq!(Standard14::Helvetica.width("zero"), Some(556.0));
        assert_eq!(Standard14::TimesRoman.width("space"), Some(250.0));
        assert_eq!(Standard14::Courier.width("A"), Some(600.0));
        assert_eq!(Standard14::Helvetica.width("nonexistent"), None);
    }
}
