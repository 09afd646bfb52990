//! The text of an HTML part (an `altChunk`), paragraph by paragraph: a
//! minimal, safe reading until govdoc has an HTML front end. Tags are
//! dropped, never interpreted; `<script>`, `<style>` and `<head>` content is
//! left out; block elements end a paragraph, `<h1>`–`<h6>` give a heading
//! level, table cells are tab-separated; character references are decoded.
//! The charset comes from a BOM or a `<meta charset>`; otherwise UTF-8, and
//! GB18030 when the bytes are not UTF-8.

/// Elements whose content is not shown.
const HIDDEN: &[&str] = &["script", "style", "head", "title", "template", "noscript", "xml"];
/// Elements that start and end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
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

/// The paragraphs of an HTML document, with heading levels from `<hN>`.
pub fn paragraphs(bytes: &[u8]) -> Vec<(String, Option<u8>)> {
    let text = decode(bytes);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut heading = None;
    let mut rest = text.as_str();
    while let Some(lt) = rest.find('<') {
        push_text(&mut line, &rest[..lt]);
        rest = &rest[lt..];
        // "<" not followed by a tag name, "/", "!" or "?" is text (HTML's rule).
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            line.push('<');
            rest = &rest[1..];
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone "<" is text.
            push_text(&mut line, rest);
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
        if BLOCK.contains(&name.as_str()) {
            out.push((std::mem::take(&mut line), heading.take()));
            if !closing {
                heading = name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()).filter(|l| (1..=6).contains(l));
            }
        } else if matches!(name.as_str(), "td" | "th") && !closing && !line.is_empty() {
            line.push('\t');
        }
    }
    push_text(&mut line, rest);
    out.push((line, heading));
    out
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

    fn texts(html: &str) -> Vec<(String, Option<u8>)> {
        paragraphs(html.as_bytes()).into_iter().filter(|(t, _)| !t.trim().is_empty()).collect()
    }

    #[test]
    fn blocks_headings_cells_and_references() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><h1>标题</h1><!-- x --><p>a &amp; b&#x4E00;&#20108;&nbsp;c</p><script>alert('<p>no')</script><table><tr><td>1</td><td>2</td></tr></table>x < y</body></html>";
        let got = texts(html);
        assert_eq!(
            got,
            vec![
                ("标题".to_string(), Some(1)),
                ("a & b一二\u{A0}c".to_string(), None),
                ("1\t2".to_string(), None),
                ("x < y".to_string(), None),
            ]
        );
    }

    #[test]
    fn charset_from_meta() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>中文</p>");
        assert_eq!(paragraphs(&gbk).into_iter().find(|(t, _)| !t.is_empty()).unwrap().0, "中文");
    }
}
