//! Objects lopdf could not read, read again leniently from the file's bytes,
//! as poppler and pdf.js read them: a dictionary entry whose key is not a
//! name (`/Encoding 30 0`R` — a damaged reference leaves `0` and `` `R``
//! where keys belong) is left out and the rest of the dictionary kept; an
//! object whose header number disagrees with the cross-reference entry that
//! points at it (`20 0 obj` where object 10 was expected — one damaged digit)
//! is taken as the entry says. Only dictionaries and arrays are salvaged
//! (streams are found again by `PdfDocument::reread_stream`); everything is
//! bounded, nothing panics.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::lexer::{decode_name, hex_string_at, is_regular, is_white, literal_string_at};

/// Most tokens read for one object (more is garbage, not a damaged object).
const MAX_TOKENS: usize = 100_000;
/// Deepest nesting of arrays and dictionaries.
const MAX_NESTING: usize = 32;

/// One object read leniently.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Salvaged {
    pub object: Object,
    /// The number and generation its header gives (`N G obj`).
    pub labelled: ObjectId,
    /// Dictionary entries and values left out because they were malformed.
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Integer(i64),
    Real(f32),
    Name(Vec<u8>),
    Str(Vec<u8>, StringFormat),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    Word(&'a [u8]),
}

/// The object whose header starts at `offset` in `raw` (white space before it
/// allowed), when it is a dictionary or an array.
pub(crate) fn object_at(raw: &[u8], offset: usize) -> Option<Salvaged> {
    let tokens = tokens(raw.get(offset..)?);
    let (num, generation) = match tokens.get(..3)? {
        [Token::Integer(n), Token::Integer(g), Token::Word(b"obj")] => (u32::try_from(*n).ok()?, u16::try_from(*g).ok()?),
        _ => return None,
    };
    let mut parser = Parser { tokens: &tokens[3..], at: 0, skipped: 0, unclosed: false };
    let object = parser.value(0)?;
    // An array or dictionary that never closes is an object cut short (a
    // truncated file): what it would have held is unknown, so it stays lost.
    if !matches!(object, Object::Dictionary(_) | Object::Array(_)) || parser.unclosed {
        return None;
    }
    // A stream's data follows its dictionary; it is not read here.
    if matches!(parser.tokens.get(parser.at), Some(Token::Word(b"stream"))) {
        return None;
    }
    Some(Salvaged { object, labelled: (num, generation), skipped: parser.skipped })
}

/// The tokens from the start of `data` up to `endobj`, `stream` (kept) or the
/// next object's header.
fn tokens(data: &[u8]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while out.len() < MAX_TOKENS {
        while pos < data.len() && is_white(data[pos]) {
            pos += 1;
        }
        let Some(&b) = data.get(pos) else { break };
        let token = match b {
            b'%' => {
                while pos < data.len() && !matches!(data[pos], b'\r' | b'\n') {
                    pos += 1;
                }
                continue;
            }
            b'/' => {
                pos += 1;
                let start = pos;
                while pos < data.len() && is_regular(data[pos]) {
                    pos += 1;
                }
                Token::Name(decode_name(&data[start..pos]).into_owned())
            }
            b'(' => {
                pos += 1;
                Token::Str(literal_string_at(data, &mut pos).into_owned(), StringFormat::Literal)
            }
            b'<' if data.get(pos + 1) == Some(&b'<') => {
                pos += 2;
                Token::DictStart
            }
            b'<' => {
                pos += 1;
                Token::Str(hex_string_at(data, &mut pos), StringFormat::Hexadecimal)
            }
            b'>' => {
                pos += if data.get(pos + 1) == Some(&b'>') { 2 } else { 1 };
                Token::DictEnd
            }
            b'[' => {
                pos += 1;
                Token::ArrayStart
            }
            b']' => {
                pos += 1;
                Token::ArrayEnd
            }
            _ if !is_regular(b) => {
                // A stray `)`, `{` or `}`: a word of its own, so it is skipped.
                pos += 1;
                Token::Word(&data[pos - 1..pos])
            }
            _ => {
                let start = pos;
                while pos < data.len() && is_regular(data[pos]) {
                    pos += 1;
                }
                let word = &data[start..pos];
                if let Ok(n) = std::str::from_utf8(word).unwrap_or("").parse::<i64>() {
                    Token::Integer(n)
                } else if let Some(r) = std::str::from_utf8(word).ok().and_then(|w| w.parse::<f32>().ok()) {
                    Token::Real(r)
                } else {
                    Token::Word(word)
                }
            }
        };
        let end = matches!(token, Token::Word(b"endobj" | b"stream"))
            || (matches!(token, Token::Word(b"obj")) && out.len() > 3);
        out.push(token);
        if end {
            break;
        }
    }
    out
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
    skipped: usize,
    /// An array or dictionary ran into the end of the object unclosed.
    unclosed: bool,
}

impl Parser<'_, '_> {
    /// The value starting at the current token; `None` (the token consumed)
    /// for a token that cannot start one.
    fn value(&mut self, depth: usize) -> Option<Object> {
        let token = self.tokens.get(self.at)?.clone();
        self.at += 1;
        match token {
            Token::Integer(n) => {
                // `N G R` is a reference.
                if let (Some(Token::Integer(g)), Some(Token::Word(b"R"))) =
                    (self.tokens.get(self.at), self.tokens.get(self.at + 1))
                    && let (Ok(num), Ok(generation)) = (u32::try_from(n), u16::try_from(*g))
                {
                    self.at += 2;
                    return Some(Object::Reference((num, generation)));
                }
                Some(Object::Integer(n))
            }
            Token::Real(r) => Some(Object::Real(r)),
            Token::Name(n) => Some(Object::Name(n)),
            Token::Str(s, format) => Some(Object::String(s, format)),
            Token::Word(b"true") => Some(Object::Boolean(true)),
            Token::Word(b"false") => Some(Object::Boolean(false)),
            Token::Word(b"null") => Some(Object::Null),
            Token::ArrayStart if depth < MAX_NESTING => Some(self.array(depth + 1)),
            Token::DictStart if depth < MAX_NESTING => Some(self.dictionary(depth + 1)),
            _ => None,
        }
    }

    /// At the token that closes the array or dictionary being read (`end`),
    /// or past the object's last token (noted as unclosed).
    fn at_end(&mut self, end: &Token) -> bool {
        match self.tokens.get(self.at) {
            None | Some(Token::Word(b"endobj" | b"stream" | b"obj")) => {
                self.unclosed = true;
                true
            }
            Some(t) => t == end,
        }
    }

    fn array(&mut self, depth: usize) -> Object {
        let mut items = Vec::new();
        while !self.at_end(&Token::ArrayEnd) {
            match self.value(depth) {
                Some(v) => items.push(v),
                None => self.skipped += 1,
            }
        }
        self.at += 1;
        Object::Array(items)
    }

    fn dictionary(&mut self, depth: usize) -> Object {
        let mut dict = Dictionary::new();
        while !self.at_end(&Token::DictEnd) {
            let Some(Token::Name(key)) = self.tokens.get(self.at).cloned() else {
                // Not a key: left out, and the dictionary goes on.
                let _ = self.value(depth);
                self.skipped += 1;
                continue;
            };
            self.at += 1;
            if self.at_end(&Token::DictEnd) {
                self.skipped += 1;
                break;
            }
            match self.value(depth) {
                Some(v) => dict.set(key, v),
                None => self.skipped += 1,
            }
        }
        self.at += 1;
        Object::Dictionary(dict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_reference_costs_its_entry_not_the_dictionary() {
        let raw = b"xx\n8 0 obj\n<</BaseFont/Times-Roman/Type/Font /Encoding 30 0`R/Subtype/Type1>>\nendobj\n";
        let s = object_at(raw, 3).expect("salvaged");
        assert_eq!(s.labelled, (8, 0));
        let dict = s.object.as_dict().expect("dictionary");
        assert_eq!(dict.get(b"BaseFont").and_then(|o| o.as_name()).ok(), Some(&b"Times-Roman"[..]));
        assert_eq!(dict.get(b"Subtype").and_then(|o| o.as_name()).ok(), Some(&b"Type1"[..]));
        assert_eq!(dict.get(b"Encoding").and_then(|o| o.as_i64()).ok(), Some(30));
        assert_eq!(s.skipped, 1, "the stray word 0`R");
    }

    #[test]
    fn references_arrays_strings_and_the_header_label() {
        let raw = b"20 0 obj <</Kids [3 0 R 14 0 R] /T (a\\)b) /H <414> /N null /F 1.5 /D <</X true>> >> endobj";
        let s = object_at(raw, 0).expect("salvaged");
        assert_eq!(s.labelled, (20, 0));
        assert_eq!(s.skipped, 0);
        let dict = s.object.as_dict().expect("dictionary");
        let kids = dict.get(b"Kids").and_then(|o| o.as_array()).expect("array");
        assert_eq!(kids, &vec![Object::Reference((3, 0)), Object::Reference((14, 0))]);
        assert_eq!(dict.get(b"T").ok(), Some(&Object::String(b"a)b".to_vec(), StringFormat::Literal)));
        assert_eq!(dict.get(b"H").ok(), Some(&Object::String(b"A@".to_vec(), StringFormat::Hexadecimal)));
        assert_eq!(dict.get(b"F").ok(), Some(&Object::Real(1.5)));
        assert!(dict.get(b"D").and_then(|o| o.as_dict()).is_ok());
    }

    #[test]
    fn streams_numbers_and_garbage_are_not_salvaged() {
        assert!(object_at(b"5 0 obj <</Length 3>> stream\nabc\nendstream endobj", 0).is_none());
        assert!(object_at(b"5 0 obj 42 endobj", 0).is_none());
        assert!(object_at(b"garbage", 0).is_none());
        assert!(object_at(b"5 0 obj", 100).is_none());
        // An object cut short (a truncated file, or nesting that runs into
        // the next object's header) is not guessed at.
        assert!(object_at(b"3 0 obj << /Type /Page /Resources << /Fo", 0).is_none());
        assert!(object_at(b"5 0 obj << /A [ [ [ 6 0 obj << /B 1 >>", 0).is_none());
        let deep = format!("1 0 obj {}{} endobj", "[".repeat(10_000), "]".repeat(10_000));
        assert!(object_at(deep.as_bytes(), 0).is_some(), "too deep nesting is skipped, the rest read");
    }
}
