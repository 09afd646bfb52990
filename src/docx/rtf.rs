//! The text of an RTF document (an `altChunk` part), paragraph by paragraph:
//! enough of RTF to read what it shows — groups, `\par`, `\'hh` bytes in the
//! document's code page (`\ansicpg936` is GBK), `\uN` with its `\ucN`
//! fallbacks skipped — and nothing of its layout. Table rows (`\cell`,
//! `\row`; `\intbl` paragraphs are lines inside a cell) come out as rows
//! of cells, without merges. Destinations that are not text (font and
//! colour tables, style sheets, pictures, field instructions, `\*` groups)
//! are skipped.

use crate::html::table::TextCell;

/// What the RTF reader gives, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A paragraph's text, with a heading level where the source has one.
    Line(String, Option<u8>),
    /// A table row; consecutive rows form one table.
    Row(Vec<TextCell>),
}

/// Groups nest at most this deep; deeper content is still read, but group
/// state stops being tracked (a malformed file cannot grow the stack).
const MAX_GROUPS: usize = 1024;

/// Destinations whose content is not document text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "fldinst",
    "filetbl",
    "revtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "pgdsctbl",
    "nonshppict",
    "bkmkstart",
    "bkmkend",
    // Shape properties: names and values, not text (a shape's text is in \shptxt).
    "sp",
    "sn",
    "sv",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// `\ucN`: bytes to skip after a `\uN`.
    unicode_skip: usize,
}

/// The paragraphs and table rows of an RTF document (no heading levels:
/// RTF styles are not read).
pub fn pieces(bytes: &[u8]) -> Vec<Piece> {
    let mut reader = Reader { bytes, pos: 0, encoding: encoding_rs::WINDOWS_1252 };
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { skip: false, unicode_skip: 1 };
    let mut out = Vec::new();
    let mut line = String::new();
    let mut cells: Vec<TextCell> = Vec::new();
    // The current paragraph is inside a table cell (`\intbl`, until `\pard`).
    let mut in_table = false;
    // Bytes of `\'hh` escapes, decoded together (a GBK character is two).
    let mut pending: Vec<u8> = Vec::new();
    let mut skip_fallback = 0usize;
    let mut group_start = false;
    while let Some(b) = reader.peek() {
        let at_group_start = std::mem::take(&mut group_start);
        match b {
            b'{' => {
                reader.pos += 1;
                flush(&mut pending, &mut line, reader.encoding);
                if stack.len() < MAX_GROUPS {
                    stack.push(group);
                }
                group_start = true;
            }
            b'}' => {
                reader.pos += 1;
                flush(&mut pending, &mut line, reader.encoding);
                group = stack.pop().unwrap_or(group);
                skip_fallback = 0;
            }
            b'\\' => {
                let control = reader.control();
                if let Control::Hex(byte) = control {
                    if skip_fallback > 0 {
                        skip_fallback -= 1;
                    } else if !group.skip {
                        pending.push(byte);
                    }
                    continue;
                }
                flush(&mut pending, &mut line, reader.encoding);
                match control {
                    Control::Symbol(c) => {
                        if c == '*' && at_group_start {
                            group.skip = true;
                        } else if !group.skip {
                            match c {
                                '~' => line.push('\u{A0}'),
                                '_' => line.push('-'),
                                '\\' | '{' | '}' => line.push(c),
                                _ => {}
                            }
                        }
                        group_start = c == '*' && at_group_start;
                    }
                    Control::Word(word, parameter) => {
                        if at_group_start && SKIPPED.contains(&word.as_str()) {
                            group.skip = true;
                        }
                        match word.as_str() {
                            "ansicpg" => {
                                if let Some(encoding) = parameter.and_then(code_page) {
                                    reader.encoding = encoding;
                                }
                            }
                            "uc" => group.unicode_skip = parameter.and_then(|p| usize::try_from(p).ok()).unwrap_or(1),
                            "u" => {
                                if let Some(p) = parameter {
                                    let unit = if p < 0 { p + 65536 } else { p };
                                    if !group.skip
                                        && let Some(c) = u32::try_from(unit).ok().and_then(char::from_u32) {
                                            line.push(c);
                                        }
                                    skip_fallback = group.unicode_skip;
                                }
                            }
                            // \binN: N bytes of binary data follow, never text.
                            "bin" => {
                                let n = parameter.and_then(|p| usize::try_from(p).ok()).unwrap_or(0);
                                reader.pos = reader.pos.saturating_add(n).min(reader.bytes.len());
                            }
                            "intbl" => in_table = true,
                            "pard" => in_table = false,
                            _ if group.skip => {}
                            "par" | "line" if in_table => line.push('\n'),
                            "par" | "line" | "sect" | "page" => out.push(Piece::Line(std::mem::take(&mut line), None)),
                            "cell" => cells.push(TextCell::plain(std::mem::take(&mut line))),
                            "row" => {
                                if !line.trim().is_empty() {
                                    cells.push(TextCell::plain(std::mem::take(&mut line)));
                                }
                                out.push(Piece::Row(std::mem::take(&mut cells)));
                            }
                            "tab" => line.push('\t'),
                            "emdash" => line.push('—'),
                            "endash" => line.push('–'),
                            "lquote" => line.push('‘'),
                            "rquote" => line.push('’'),
                            "ldblquote" => line.push('“'),
                            "rdblquote" => line.push('”'),
                            "bullet" => line.push('•'),
                            _ => {}
                        }
                    }
                    Control::Hex(_) => {}
                }
            }
            b'\r' | b'\n' => reader.pos += 1,
            _ => {
                reader.pos += 1;
                if skip_fallback > 0 {
                    skip_fallback -= 1;
                } else if !group.skip {
                    pending.push(b);
                }
            }
        }
    }
    flush(&mut pending, &mut line, reader.encoding);
    // Cells of a row that never ended still hold text.
    if !cells.is_empty() {
        out.push(Piece::Row(cells));
    }
    out.push(Piece::Line(line, None));
    out
}

fn flush(pending: &mut Vec<u8>, line: &mut String, encoding: &'static encoding_rs::Encoding) {
    if !pending.is_empty() {
        line.push_str(&encoding.decode_without_bom_handling(pending).0);
        pending.clear();
    }
}

/// The encoding of a Windows code page.
fn code_page(page: i64) -> Option<&'static encoding_rs::Encoding> {
    let label = match page {
        936 => "gbk".to_string(),
        950 => "big5".to_string(),
        932 => "shift_jis".to_string(),
        949 => "euc-kr".to_string(),
        65001 => "utf-8".to_string(),
        874 | 1250..=1258 => format!("windows-{page}"),
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

enum Control {
    Word(String, Option<i64>),
    Symbol(char),
    Hex(u8),
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    encoding: &'static encoding_rs::Encoding,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Reads a control word or symbol; the cursor is on its backslash.
    fn control(&mut self) -> Control {
        self.pos += 1;
        let Some(first) = self.peek() else { return Control::Symbol('\\') };
        if !first.is_ascii_alphabetic() {
            self.pos += 1;
            if first == b'\'' {
                let hex = self.bytes.get(self.pos..self.pos + 2).and_then(|h| std::str::from_utf8(h).ok());
                if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    self.pos += 2;
                    return Control::Hex(byte);
                }
            }
            return Control::Symbol(char::from(first));
        }
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
        let number_start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|b| b.is_ascii_digit()) && self.pos - number_start < 10 {
            self.pos += 1;
        }
        let parameter = std::str::from_utf8(&self.bytes[number_start..self.pos]).ok().and_then(|n| n.parse().ok());
        // One space ends a control word and belongs to it.
        if self.peek() == Some(b' ') {
            self.pos += 1;
        }
        Control::Word(word, parameter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rtf: &[u8]) -> Vec<String> {
        pieces(rtf)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Line(t, _) if !t.is_empty() => Some(t),
                Piece::Row(cells) => Some(cells.into_iter().map(|c| c.text).collect::<Vec<_>>().join("|")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_paragraphs_code_page_and_unicode() {
        let rtf = b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 \\'cb\\'ce\\'cc\\'e5;}}{\\*\\generator x;}\\f0 \\'d6\\'d0\\'ce\\'c4 text\\par second \\u8364?\\par{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt link}}}";
        assert_eq!(texts(rtf), vec!["中文 text", "second €", "link"]);
    }

    #[test]
    fn table_rows_and_cells() {
        let rtf = b"{\\rtf1 before\\par\\trowd\\pard\\intbl a\\par a2\\cell b\\cell\\row\\pard after\\par}";
        assert_eq!(texts(rtf), vec!["before", "a\na2|b", "after"]);
    }

    #[test]
    fn binary_data_and_shape_properties_are_not_text() {
        let rtf =
            b"{\\rtf1 a{\\*\\blipuid x}\\bin3 xyz b{\\shp{\\shpinst{\\sp{\\sn fillColor}{\\sv 255}}}}\\par\\bin999999}";
        assert_eq!(texts(rtf), vec!["a b"]);
    }

    #[test]
    fn unbalanced_input_ends_without_panic() {
        let _ = pieces(b"}}}{{{\\'z\\u-\\");
        let _ = pieces(&[b'{'; 5000]);
    }
}
