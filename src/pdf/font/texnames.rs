//! Glyph names outside the Adobe Glyph List that TeX's fonts use (Computer
//! Modern math: CMSY, CMMI, CMEX; their AMS and Euler cousins), and the AGL
//! names whose AGL value is a private-use code point although Unicode now has
//! the character (the bracket and brace pieces of Symbol and CMEX).
//!
//! pdfTeX embeds these fonts with only their built-in encoding and no
//! ToUnicode, so the glyph name is the only clue; without this table their
//! codes became U+FFFD. Values follow the TeX glyph list of lcdf-typetools
//! where it has one; names that only draw part of a character (horizontal
//! brace tips, the hook of ↩) are left out on purpose: better counted as
//! unmapped than read as a wrong character.

/// Name → Unicode, for names the AGL lacks or maps to private use. Sorted by
/// name, bytewise (binary search; a unit test checks the order).
static NAMES: &[(&str, char)] = &[
    ("Ifractur", '\u{2111}'),
    ("Rfractur", '\u{211C}'),
    ("angbracketleft", '\u{27E8}'),
    ("angbracketright", '\u{27E9}'),
    ("arrowbothv", '\u{2195}'),
    ("arrowdblbothv", '\u{21D5}'),
    ("arrownortheast", '\u{2197}'),
    ("arrownorthwest", '\u{2196}'),
    ("arrowsoutheast", '\u{2198}'),
    ("arrowsouthwest", '\u{2199}'),
    ("arrowvertex", '\u{23D0}'),
    ("bardbl", '\u{2016}'),
    ("braceex", '\u{23AA}'),
    ("braceleftbt", '\u{23A9}'),
    ("braceleftmid", '\u{23A8}'),
    ("bracelefttp", '\u{23A7}'),
    ("bracerightbt", '\u{23AD}'),
    ("bracerightmid", '\u{23AC}'),
    ("bracerighttp", '\u{23AB}'),
    ("bracketleftbt", '\u{23A3}'),
    ("bracketleftex", '\u{23A2}'),
    ("bracketlefttp", '\u{23A1}'),
    ("bracketrightbt", '\u{23A6}'),
    ("bracketrightex", '\u{23A5}'),
    ("bracketrighttp", '\u{23A4}'),
    ("ceilingleft", '\u{2308}'),
    ("ceilingright", '\u{2309}'),
    ("circlecopyrt", '\u{25EF}'),
    ("circledivide", '\u{2298}'),
    ("circleminus", '\u{2296}'),
    ("contintegral", '\u{222E}'),
    ("coproduct", '\u{2210}'),
    ("diamondmath", '\u{22C4}'),
    ("dotlessj", '\u{0237}'),
    ("epsilon1", '\u{03B5}'),
    ("equivasymptotic", '\u{224D}'),
    ("flat", '\u{266D}'),
    ("floorleft", '\u{230A}'),
    ("floorright", '\u{230B}'),
    ("follows", '\u{227B}'),
    ("followsequal", '\u{2AB0}'),
    ("greatermuch", '\u{226B}'),
    ("harpoonleftdown", '\u{21BD}'),
    ("harpoonleftup", '\u{21BC}'),
    ("harpoonrightdown", '\u{21C1}'),
    ("harpoonrightup", '\u{21C0}'),
    ("hat", '\u{02C6}'),
    ("integralbt", '\u{2321}'),
    ("integralex", '\u{23AE}'),
    ("integraltp", '\u{2320}'),
    ("intersectionsq", '\u{2293}'),
    ("latticetop", '\u{22A4}'),
    ("lessmuch", '\u{226A}'),
    ("lscript", '\u{2113}'),
    ("mapsto", '\u{21A6}'),
    ("mapstochar", '\u{21A6}'),
    ("measuredangle", '\u{2221}'),
    ("minusplus", '\u{2213}'),
    ("natural", '\u{266E}'),
    ("negationslash", '\u{0338}'),
    ("notexistential", '\u{2204}'),
    ("owner", '\u{220B}'),
    ("parenleftbt", '\u{239D}'),
    ("parenleftex", '\u{239C}'),
    ("parenlefttp", '\u{239B}'),
    ("parenrightbt", '\u{23A0}'),
    ("parenrightex", '\u{239F}'),
    ("parenrighttp", '\u{239E}'),
    ("phi1", '\u{03C6}'),
    ("pi1", '\u{03D6}'),
    ("precedes", '\u{227A}'),
    ("precedesequal", '\u{2AAF}'),
    ("prime", '\u{2032}'),
    ("rho1", '\u{03F1}'),
    ("sharp", '\u{266F}'),
    ("sigma1", '\u{03C2}'),
    ("similarequal", '\u{2243}'),
    ("slurabove", '\u{2322}'),
    ("slurbelow", '\u{2323}'),
    ("squaresolid", '\u{25A0}'),
    ("star", '\u{22C6}'),
    ("subsetnoteql", '\u{228A}'),
    ("subsetsqequal", '\u{2291}'),
    ("supersetnoteql", '\u{228B}'),
    ("supersetsqequal", '\u{2292}'),
    ("theta1", '\u{03D1}'),
    ("tie", '\u{2040}'),
    ("triangle", '\u{25B3}'),
    ("triangleinv", '\u{25BD}'),
    ("triangleleft", '\u{25C1}'),
    ("triangleright", '\u{25B7}'),
    ("turnstileleft", '\u{22A2}'),
    ("turnstileright", '\u{22A3}'),
    ("unionmulti", '\u{228E}'),
    ("unionsq", '\u{2294}'),
    ("vector", '\u{20D7}'),
    ("vextenddouble", '\u{2225}'),
    ("vextendsingle", '\u{2223}'),
    ("weierstrass", '\u{2118}'),
    ("wreathproduct", '\u{2240}'),
];

/// Size variants CMEX gives a symbol (`parenleftBigg`, `summationdisplay`,
/// `tildewidest`): the symbol is the name without the suffix. Longest first.
const SIZE_SUFFIXES: &[&str] = &["display", "widest", "wider", "Bigg", "bigg", "text", "wide", "Big", "big"];

/// Unicode for a TeX glyph name (or a piece name whose AGL value is private
/// use), `None` when the name is not in the table.
pub fn lookup(name: &str) -> Option<char> {
    NAMES.binary_search_by(|(n, _)| n.cmp(&name)).ok().map(|i| NAMES[i].1)
}

/// The symbol a CMEX size variant draws: `parenleftBigg` → `parenleft`.
pub fn strip_size(name: &str) -> Option<&str> {
    SIZE_SUFFIXES.iter().find_map(|s| name.strip_suffix(s).filter(|b| !b.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        for pair in NAMES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn tex_names_and_size_variants() {
        assert_eq!(lookup("bardbl"), Some('‖'));
        assert_eq!(lookup("Rfractur"), Some('ℜ'));
        assert_eq!(lookup("parenlefttp"), Some('⎛'));
        assert_eq!(lookup("bracehtipdownleft"), None);
        assert_eq!(strip_size("angbracketleftBigg"), Some("angbracketleft"));
        assert_eq!(strip_size("summationdisplay"), Some("summation"));
        assert_eq!(strip_size("tildewidest"), Some("tilde"));
        assert_eq!(strip_size("big"), None);
        assert_eq!(strip_size("A"), None);
    }
}
