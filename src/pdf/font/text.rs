//! The Unicode text of one character code, as CMaps, encodings and font
//! cmaps give it: one character, or several (a ligature, a bfchar string).
//! Its own module so that the CMap parser and the simple-font encodings,
//! which both produce it, do not depend on each other.

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
