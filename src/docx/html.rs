//! The text of an HTML part (an `altChunk`), paragraph by paragraph: a
//! minimal, safe reading until govdoc has an HTML front end. Tags are
//! dropped, never interpreted; `<script>`, `<style>` and `<head>` content is
//! left out; block elements end a paragraph, `<h1>`–`<h6>` give a heading
//! level, tables become table rows (rowspan and colspan kept, a nested
//! table's text in its cell); character references are decoded.
//! The charset comes from a BOM or a `<meta charset>`; otherwise UTF-8, and
//! GB18030 when the bytes are not UTF-8.

use super::altchunk::{Piece, TextCell};

/// Elements whose content is not shown.
const HIDDEN: &[&str] = &["script", "style", "head", "title", "template", "noscript", "xml"];
/// Elements that start and end a paragraph (a line inside a table cell).
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "caption",
];

/// The reading so far.
#[derive(Default)]
struct State {
    out: Vec<Piece>,
    line: String,
    heading: Option<u8>,
    /// Nesting of `<table>`; a nested table's text goes into the outer cell.
    tables: usize,
    row: Option<Vec<TextCell>>,
    cell: Option<TextCell>,
}

impl State {
    fn text(&mut self, text: &str) {
        match &mut self.cell {
            Some(cell) => push_text(&mut cell.text, text),
            None => push_text(&mut self.line, text),
        }
    }

    fn end_line(&mut self) {
        match &mut self.cell {
            Some(cell) => cell.text.push('\n'),
            None => {
                let line = std::mem::take(&mut self.line);
                self.out.push(Piece::Line(line, self.heading.take()));
            }
        }
    }

    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take() {
            self.out.push(Piece::Row(row));
        }
    }

    fn tag(&mut self, name: &str, closing: bool, tag: &str) {
        match (name, closing) {
            ("table", false) => {
                self.tables += 1;
                if self.tables == 1 {
                    self.end_line();
                } else {
                    self.text(" ");
                }
            }
            ("table", true) if self.tables > 0 => {
                self.tables -= 1;
                if self.tables == 0 {
                    self.end_row();
                    self.out.push(Piece::TableEnd);
                }
            }
            ("tr", _) if self.tables == 1 => self.end_row(),
            ("td" | "th", false) if self.tables == 1 => {
                self.end_cell();
                let span = |attr: &str| attribute_number(tag, attr).unwrap_or(1);
                self.cell =
                    Some(TextCell { text: String::new(), row_span: span("rowspan"), col_span: span("colspan") });
            }
            ("td" | "th", true) if self.tables == 1 => self.end_cell(),
            ("td" | "th" | "tr", _) => self.text(" "),
            _ if BLOCK.contains(&name) => {
                self.end_line();
                if !closing && self.cell.is_none() {
                    self.heading =
                        name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()).filter(|l| (1..=6).contains(l));
                }
            }
            _ => {}
        }
    }
}

/// `rowspan="2"`, `colspan=3` in a start tag.
fn attribute_number(tag: &str, attr: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(attr)?;
    let value = lower[at + attr.len()..].trim_start().strip_prefix('=')?.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).take(6).collect();
    digits.parse().ok().filter(|&n| n >= 1)
}

/// The lines and table rows of an HTML document, with heading levels from `<hN>`.
pub fn pieces(bytes: &[u8]) -> Vec<Piece> {
    pieces_of_text(&decode(bytes))
}

/// The same for HTML already decoded to text (the HTML part of an MHT archive).
pub fn pieces_of_text(text: &str) -> Vec<Piece> {
    let mut state = State::default();
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        state.text(&rest[..lt]);
        rest = &rest[lt..];
        // "<" not followed by a tag name, "/", "!" or "?" is text (HTML's rule).
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            state.text("<");
            rest = &rest[1..];
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            state.text(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            let end = format!("</{name}");
            rest =
                find_ignore_case(rest, &end).map_or("", |i| rest[i..].find('>').map_or("", |gt| &rest[i + gt + 1..]));
            continue;
        }
        state.tag(&name, closing, tag);
    }
    state.text(rest);
    // An unclosed table still ends.
    if state.tables > 0 {
        state.end_row();
        state.out.push(Piece::TableEnd);
    }
    state.end_line();
    state.out
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let lower = haystack.to_ascii_lowercase();
    lower.find(needle)
}

/// Appends text with its character references decoded.
fn push_text(line: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        line.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let reference = rest[1..].find(';').filter(|&i| i <= 10).map(|i| &rest[1..=i]);
        match reference.and_then(decode_reference) {
            Some(c) => {
                line.push(c);
                rest = &rest[reference.map_or(0, str::len) + 2..];
            }
            None => {
                line.push('&');
                rest = &rest[1..];
            }
        }
    }
    line.push_str(rest);
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(value).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "mdash" => '—',
        "ndash" => '–',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "hellip" => '…',
        "copy" => '©',
        _ => return None,
    })
}

fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|i| {
        let label: String = head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        crate::encoding::by_label(&label)
    });
    match (declared, std::str::from_utf8(bytes)) {
        (Some(encoding), _) if encoding != encoding_rs::UTF_8 => {
            encoding.decode_without_bom_handling(bytes).0.into_owned()
        }
        (_, Ok(text)) => text.to_string(),
        (_, Err(_)) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(pieces: &[Piece]) -> Vec<(String, Option<u8>)> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Line(t, h) if !t.trim().is_empty() => Some((t.clone(), *h)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn blocks_headings_and_references() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><h1>标题</h1><!-- x --><p>a &amp; b&#x4E00;&#20108;&nbsp;c</p><script>alert('<p>no')</script>x < y</body></html>";
        assert_eq!(
            lines(&pieces(html.as_bytes())),
            vec![("标题".to_string(), Some(1)), ("a & b一二\u{A0}c".to_string(), None), ("x < y".to_string(), None),]
        );
    }

    #[test]
    fn tables_keep_rows_cells_and_spans() {
        let html = "<p>before</p><table><tr><th colspan=\"2\">head</th></tr><tr><td rowspan='2'>a</td><td>b<table><tr><td>n</td></tr></table></td></tr><tr><td>c</td></tr></table><p>after</p>";
        let got = pieces(html.as_bytes());
        let rows: Vec<Vec<(String, usize, usize)>> = got
            .iter()
            .filter_map(|p| match p {
                Piece::Row(cells) => Some(
                    cells
                        .iter()
                        .map(|c| (c.text.split_whitespace().collect::<Vec<_>>().join(" "), c.row_span, c.col_span))
                        .collect(),
                ),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![("head".to_string(), 1, 2)],
                vec![("a".to_string(), 2, 1), ("b n".to_string(), 1, 1)],
                vec![("c".to_string(), 1, 1)],
            ]
        );
        assert_eq!(got.iter().filter(|p| matches!(p, Piece::TableEnd)).count(), 1);
        assert_eq!(lines(&got), vec![("before".to_string(), None), ("after".to_string(), None)]);
    }

    #[test]
    fn charset_from_meta() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>中文</p>");
        assert_eq!(lines(&pieces(&gbk)), vec![("中文".to_string(), None)]);
    }
}
