//! The PDF tokenizer: operands and operators, one operation at a time,
//! borrowing from the bytes. Content streams are read with it, and so are
//! CMap programs (`font::cmap`), whose sections are operations too: the
//! entries of `beginbfchar … endbfchar` are the operands of `endbfchar`.
//!
//! It is our own rather than lopdf's `Content::decode` for two reasons: a damaged
//! stretch costs one token here instead of the rest of the page (lopdf stops at
//! the first syntax error), and inline images are skipped by their computed size
//! (or a guarded `EI` search) without being decoded. Nothing here panics on any
//! input and every nesting and count is bounded.

use std::borrow::Cow;

/// Deepest nesting of arrays and dictionaries inside one operand.
const MAX_NESTING: usize = 32;
/// Most operands kept before an operator (more is garbage and is dropped).
const MAX_OPERANDS: usize = 4096;
/// Most elements in one array or dictionary operand.
const MAX_ELEMENTS: usize = 65_536;

#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(Cow<'a, [u8]>),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(Cow<'a, [u8]>, Operand<'a>)>),
    Bool(bool),
    Null,
}

impl<'a> Operand<'a> {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn string(&self) -> Option<&[u8]> {
        match self {
            Operand::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn dict_get(&self, key: &[u8]) -> Option<&Operand<'a>> {
        match self {
            Operand::Dict(entries) => entries.iter().find(|(k, _)| k.as_ref() == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Most operands kept before an operator.
    max_operands: usize,
    /// `BI … ID … EI` is an inline image (content streams only).
    inline_images: bool,
}

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

pub(super) fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

/// What one raw token is.
enum Raw<'a> {
    Operand(Operand<'a>),
    Word(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// A stray delimiter: skipped.
    Junk,
}

impl<'a> Lexer<'a> {
    /// A content stream's lexer.
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0, max_operands: MAX_OPERANDS, inline_images: true }
    }

    /// A lexer for a PostScript-like program (a CMap): no inline images, and
    /// up to `max_operands` operands before an operator (a CMap section's
    /// entries are one operator's operands).
    pub fn program(data: &'a [u8], max_operands: usize) -> Lexer<'a> {
        Lexer { data, pos: 0, max_operands, inline_images: false }
    }

    /// The next operator, with its operands in `operands` (cleared first).
    /// Inline images come back as the operator `BI` with no operands, their data
    /// skipped. `None` at the end of the stream.
    pub fn next_operation(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.raw()? {
                Raw::Operand(op) => {
                    // So many operands is garbage, not an operation: drop them
                    // (clearing keeps this linear, unlike removing the oldest).
                    if operands.len() >= self.max_operands {
                        operands.clear();
                    }
                    operands.push(op);
                }
                Raw::Word(b"BI") if self.inline_images => {
                    operands.clear();
                    self.skip_inline_image();
                    return Some(b"BI");
                }
                Raw::Word(w) => return Some(w),
                Raw::ArrayStart => {
                    let array = self.array(1);
                    if operands.len() < self.max_operands {
                        operands.push(array);
                    }
                }
                Raw::DictStart => {
                    let dict = self.dict(1);
                    if operands.len() < self.max_operands {
                        operands.push(dict);
                    }
                }
                Raw::ArrayEnd | Raw::DictEnd | Raw::Junk => {}
            }
        }
    }

    fn skip_white(&mut self) {
        let d = self.data;
        while self.pos < d.len() {
            let b = d[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < d.len() && d[self.pos] != b'\n' && d[self.pos] != b'\r' {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn raw(&mut self) -> Option<Raw<'a>> {
        self.skip_white();
        let d = self.data;
        let b = *d.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.pos < d.len() && is_regular(d[self.pos]) {
                    self.pos += 1;
                }
                Some(Raw::Operand(Operand::Name(decode_name(&d[start..self.pos]))))
            }
            b'(' => {
                self.pos += 1;
                Some(Raw::Operand(Operand::Str(self.literal_string())))
            }
            b'<' => {
                if d.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Some(Raw::DictStart)
                } else {
                    self.pos += 1;
                    Some(Raw::Operand(Operand::Str(Cow::Owned(self.hex_string()))))
                }
            }
            b'>' => {
                self.pos += if d.get(self.pos + 1) == Some(&b'>') { 2 } else { 1 };
                Some(Raw::DictEnd)
            }
            b'[' => {
                self.pos += 1;
                Some(Raw::ArrayStart)
            }
            b']' => {
                self.pos += 1;
                Some(Raw::ArrayEnd)
            }
            b')' | b'{' | b'}' => {
                self.pos += 1;
                Some(Raw::Junk)
            }
            _ => {
                let start = self.pos;
                while self.pos < d.len() && is_regular(d[self.pos]) {
                    self.pos += 1;
                }
                let word = &d[start..self.pos];
                Some(match word {
                    b"true" => Raw::Operand(Operand::Bool(true)),
                    b"false" => Raw::Operand(Operand::Bool(false)),
                    b"null" => Raw::Operand(Operand::Null),
                    _ if matches!(word[0], b'0'..=b'9' | b'+' | b'-' | b'.') => match parse_number(word) {
                        Some(n) => Raw::Operand(Operand::Number(n)),
                        None => Raw::Junk,
                    },
                    _ => Raw::Word(word),
                })
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        while let Some(raw) = self.raw() {
            let item = match raw {
                Raw::ArrayEnd => break,
                Raw::Operand(op) => op,
                Raw::ArrayStart if depth < MAX_NESTING => self.array(depth + 1),
                Raw::DictStart if depth < MAX_NESTING => self.dict(depth + 1),
                // An operator inside an array means the array was never closed:
                // step back so the operator is seen.
                Raw::Word(w) => {
                    self.pos -= w.len();
                    break;
                }
                _ => continue,
            };
            if items.len() < MAX_ELEMENTS {
                items.push(item);
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut entries = Vec::new();
        let mut key: Option<Cow<'a, [u8]>> = None;
        while let Some(raw) = self.raw() {
            let value = match raw {
                Raw::DictEnd => break,
                Raw::Operand(Operand::Name(n)) if key.is_none() => {
                    key = Some(n);
                    continue;
                }
                Raw::Operand(op) => op,
                Raw::ArrayStart if depth < MAX_NESTING => self.array(depth + 1),
                Raw::DictStart if depth < MAX_NESTING => self.dict(depth + 1),
                Raw::Word(w) => {
                    self.pos -= w.len();
                    break;
                }
                _ => continue,
            };
            if let Some(k) = key.take()
                && entries.len() < MAX_ELEMENTS
            {
                entries.push((k, value));
            }
        }
        Operand::Dict(entries)
    }

    /// After the opening parenthesis: the string's bytes, escapes resolved.
    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        literal_string_at(self.data, &mut self.pos)
    }

    fn hex_string(&mut self) -> Vec<u8> {
        hex_string_at(self.data, &mut self.pos)
    }

    /// After `BI`: reads the image dictionary up to `ID`, then skips the data and
    /// `EI`.
    fn skip_inline_image(&mut self) {
        let mut entries: Vec<(Cow<'a, [u8]>, Operand<'a>)> = Vec::new();
        let mut key: Option<Cow<'a, [u8]>> = None;
        loop {
            let Some(raw) = self.raw() else { return };
            let value = match raw {
                Raw::Word(b"ID") => break,
                Raw::Word(b"EI") => return,
                Raw::Operand(Operand::Name(n)) if key.is_none() => {
                    key = Some(n);
                    continue;
                }
                Raw::Operand(op) => op,
                Raw::ArrayStart => self.array(1),
                Raw::DictStart => self.dict(1),
                _ => continue,
            };
            if let Some(k) = key.take()
                && entries.len() < 64
            {
                entries.push((k, value));
            }
        }
        // One white-space byte separates ID from the data.
        if self.data.get(self.pos).is_some_and(|&b| is_white(b)) {
            self.pos += 1;
        }
        let dict = Operand::Dict(entries);
        if let Some(len) = inline_image_length(&dict) {
            let end = self.pos.saturating_add(len);
            // Trust the computed length only if `EI` follows it.
            let mut j = end;
            while j < self.data.len() && is_white(self.data[j]) {
                j += 1;
            }
            if self.data.get(j..j + 2) == Some(b"EI")
                && self.data.get(j + 2).is_none_or(|&b| is_white(b) || is_delim(b))
            {
                self.pos = j + 2;
                return;
            }
        }
        self.pos = find_end_of_inline_image(self.data, self.pos);
    }
}

/// Bytes of an unfiltered inline image, from its size and colour space.
fn inline_image_length(dict: &Operand<'_>) -> Option<usize> {
    let get = |long: &[u8], short: &[u8]| dict.dict_get(long).or_else(|| dict.dict_get(short));
    if get(b"Filter", b"F").is_some_and(|f| !matches!(f, Operand::Array(a) if a.is_empty())) {
        return None;
    }
    let w = get(b"Width", b"W")?.number()?;
    let h = get(b"Height", b"H")?.number()?;
    let mask = matches!(get(b"ImageMask", b"IM"), Some(Operand::Bool(true)));
    let bpc = if mask { 1.0 } else { get(b"BitsPerComponent", b"BPC").and_then(Operand::number).unwrap_or(8.0) };
    let colors = if mask {
        1.0
    } else {
        match get(b"ColorSpace", b"CS") {
            Some(Operand::Name(n)) => match n.as_ref() {
                b"DeviceGray" | b"G" | b"CalGray" | b"Indexed" | b"I" => 1.0,
                b"DeviceRGB" | b"RGB" | b"CalRGB" => 3.0,
                b"DeviceCMYK" | b"CMYK" => 4.0,
                _ => return None,
            },
            Some(Operand::Array(a))
                if a.first().and_then(Operand::name).is_some_and(|n| n == b"Indexed" || n == b"I") =>
            {
                1.0
            }
            _ => return None,
        }
    };
    if !(w > 0.0 && h > 0.0 && bpc > 0.0 && w < 1e6 && h < 1e6 && bpc <= 32.0) {
        return None;
    }
    let row = ((w as u64) * (colors as u64) * (bpc as u64)).div_ceil(8);
    usize::try_from(row.checked_mul(h as u64)?).ok()
}

/// Where the data of an inline image of unknown length ends: after the first
/// `EI` that stands alone (white space before, white space or a delimiter or
/// the end after) and is followed by something that looks like operators (the
/// data itself may contain "EI").
fn find_end_of_inline_image(d: &[u8], from: usize) -> usize {
    let mut i = from;
    while i + 2 <= d.len() {
        if d[i] == b'E'
            && d.get(i + 1) == Some(&b'I')
            && (i == from || d.get(i.wrapping_sub(1)).is_some_and(|&b| is_white(b)))
            && d.get(i + 2).is_none_or(|&b| is_white(b) || is_delim(b))
        {
            let after = &d[i + 2..d.len().min(i + 2 + 32)];
            if after.iter().all(|&b| b.is_ascii() && (b >= 0x20 || is_white(b))) {
                return i + 2;
            }
        }
        i += 1;
    }
    d.len()
}

/// A name with `#xx` escapes resolved.
pub(super) fn decode_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && let Some(v) = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok())
            && let Ok(b) = u8::from_str_radix(v, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    Cow::Owned(out)
}

/// A PDF number, tolerant as readers are: several leading signs ("--5"), a
/// second decimal point ends the number.
fn parse_number(word: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut negative = false;
    while i < word.len() && (word[i] == b'-' || word[i] == b'+') {
        negative ^= word[i] == b'-';
        i += 1;
    }
    let mut value = 0f64;
    let mut digits = 0;
    while i < word.len() && word[i].is_ascii_digit() {
        value = value * 10.0 + (word[i] - b'0') as f64;
        digits += 1;
        i += 1;
    }
    if i < word.len() && word[i] == b'.' {
        i += 1;
        let mut scale = 0.1f64;
        while i < word.len() && word[i].is_ascii_digit() {
            value += (word[i] - b'0') as f64 * scale;
            scale *= 0.1;
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    let v = if negative { -value } else { value } as f32;
    v.is_finite().then_some(v)
}

/// A literal string starting after its opening parenthesis at `*pos`: its
/// bytes with escapes resolved; `*pos` ends after the closing parenthesis.
/// Shared with the CMap parser, which reads the same syntax.
pub(super) fn literal_string_at<'a>(data: &'a [u8], pos: &mut usize) -> Cow<'a, [u8]> {
    let d = data;
    let start = *pos;
    // Fast path: no escapes and no carriage returns up to the closing paren.
    let mut depth = 1usize;
    let mut i = *pos;
    while i < d.len() {
        match d[i] {
            b'\\' | b'\r' => break,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    *pos = i + 1;
                    return Cow::Borrowed(&d[start..i]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = Vec::with_capacity(i - start + 16);
    let mut depth = 1usize;
    while *pos < d.len() {
        let c = d[*pos];
        *pos += 1;
        match c {
            b'\\' => {
                let Some(&e) = d.get(*pos) else { break };
                *pos += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = (e - b'0') as u32;
                        for _ in 0..2 {
                            match d.get(*pos) {
                                Some(&o @ b'0'..=b'7') => {
                                    v = v * 8 + (o - b'0') as u32;
                                    *pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    // A backslash before an end of line continues the string.
                    b'\r' => {
                        if d.get(*pos) == Some(&b'\n') {
                            *pos += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'\r' => {
                // An end of line inside a string is a line feed, whatever it was.
                if d.get(*pos) == Some(&b'\n') {
                    *pos += 1;
                }
                out.push(b'\n');
            }
            b'(' => {
                depth += 1;
                out.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A hexadecimal string starting after its `<` at `*pos` (an odd last digit
/// is padded with 0); `*pos` ends after the `>`.
pub(super) fn hex_string_at(data: &[u8], pos: &mut usize) -> Vec<u8> {
    let d = data;
    let mut out = Vec::new();
    let mut high: Option<u8> = None;
    while *pos < d.len() {
        let c = d[*pos];
        *pos += 1;
        let v = match c {
            b'>' => break,
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_operation(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn operands_and_operators() {
        let got = ops(b"q 1 0 0 1 72.5 -.5 cm /F1 12 Tf (a\\(b\\)c\\101\\\nd) Tj <4E2D 6>Tj [(x) -120 <0001>] TJ Q");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "cm", "Tf", "Tj", "Tj", "TJ", "Q"]);
        assert_eq!(got[1].1[4], Operand::Number(72.5));
        assert_eq!(got[1].1[5], Operand::Number(-0.5));
        assert_eq!(got[2].1[0], Operand::Name(Cow::Borrowed(b"F1")));
        assert_eq!(got[3].1[0].string(), Some(&b"a(b)cAd"[..]));
        assert_eq!(got[4].1[0].string(), Some(&[0x4E, 0x2D, 0x60][..]));
        let Operand::Array(items) = &got[5].1[0] else { panic!("array") };
        assert_eq!(items.len(), 3);
        assert_eq!(items[1], Operand::Number(-120.0));
    }

    #[test]
    fn inline_images_are_skipped() {
        // Unfiltered: the length is computed (the data contains "EI" and a
        // parenthesis, which must not derail the lexer).
        let data = b"BI /W 4 /H 1 /BPC 8 /CS /G ID (EI) EI 10 20 m BT ET";
        let names: Vec<String> = ops(data).into_iter().map(|(o, _)| o).collect();
        assert_eq!(names, ["BI", "m", "BT", "ET"]);
        // Filtered: found by the EI search.
        let data = b"BI /W 10 /H 10 /F /DCT /CS /RGB ID \xff\xd8\x00EIx\xff EI Q";
        let names: Vec<String> = ops(data).into_iter().map(|(o, _)| o).collect();
        assert_eq!(names, ["BI", "Q"]);
        // Never ends: consumes the rest.
        let names: Vec<String> = ops(b"q BI /W 1 ID \x00\x01").into_iter().map(|(o, _)| o).collect();
        assert_eq!(names, ["q", "BI"]);
    }

    #[test]
    fn dictionaries_names_and_junk() {
        let got = ops(b"/Span <</ActualText (\\376\\377\\000A) /MCID 3>> BDC ) } { --5 1.2.3 /A#20B n EMC");
        assert_eq!(got[0].0, "BDC");
        assert_eq!(got[0].1[1].dict_get(b"ActualText").and_then(Operand::string), Some(&b"\xfe\xff\x00A"[..]));
        assert_eq!(got[1].0, "n");
        assert_eq!(got[1].1[0], Operand::Number(5.0));
        assert_eq!(got[1].1[1], Operand::Number(1.2));
        assert_eq!(got[1].1[2], Operand::Name(Cow::Owned(b"A B".to_vec())));
        assert_eq!(got[2].0, "EMC");
    }

    #[test]
    fn hostile_input_terminates() {
        let deep = "[".repeat(100_000);
        assert_eq!(ops(deep.as_bytes()).len(), 0);
        let dicts = "<<".repeat(50_000);
        assert_eq!(ops(dicts.as_bytes()).len(), 0);
        let _ = ops(b"(unterminated \\");
        let _ = ops(b"<abc");
        let _ = ops(b"%comment only");
        let many = "1 ".repeat(10_000) + "m";
        let got = ops(many.as_bytes());
        assert!(got[0].1.len() <= MAX_OPERANDS);
    }
}
