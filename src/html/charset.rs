//! The character encoding of an HTML file, in the order the HTML standard
//! and browsers apply: a byte-order mark, then an encoding declared in the
//! first bytes (`<meta charset>`, `<meta http-equiv="Content-Type"
//! content="…; charset=…">`), then — for undeclared pages, which Chinese
//! portals still serve — a sniff: valid UTF-8 is UTF-8, anything else is
//! read as GB18030 (the superset of GB2312 and GBK).

use encoding_rs::Encoding;

/// How many leading bytes are searched for a `<meta>` declaration; the
/// standard's prescan looks at 1024, real pages put long `<title>`s and
/// scripts first, so a little more.
const PRESCAN_BYTES: usize = 4096;

/// Where the encoding came from, for the diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bom,
    /// Given by the container (an MHTML part's `charset=`).
    Container,
    Meta,
    Sniffed,
}

/// The text of `bytes` and the encoding it was read in. `container` is an
/// encoding label the enclosing format gave (an MHTML part's header); it
/// yields to a byte-order mark, as in browsers.
pub fn decode(bytes: &[u8], container: Option<&str>) -> (String, &'static Encoding, Source) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return (encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned(), encoding, Source::Bom);
    }
    let (encoding, source) = match container.and_then(crate::encoding::by_label) {
        Some(encoding) => (encoding, Source::Container),
        None => match declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
            Some(encoding) => (encoding, Source::Meta),
            None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, Source::Sniffed),
            None => (encoding_rs::GB18030, Source::Sniffed),
        },
    };
    // A page declared as GB2312 or GBK uses GBK's extensions in practice;
    // GB18030 decodes all of them the same way.
    let encoding = if encoding == encoding_rs::GBK { encoding_rs::GB18030 } else { encoding };
    // Pages saved as UTF-8 by a tool that left the old declaration in place:
    // trust the bytes when they are valid UTF-8 and use non-ASCII (GBK text
    // of any length is practically never valid UTF-8).
    let encoding = if encoding != encoding_rs::UTF_8
        && source == Source::Meta
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok()
    {
        encoding_rs::UTF_8
    } else {
        encoding
    };
    (encoding.decode_without_bom_handling(bytes).0.into_owned(), encoding, source)
}

/// The encoding a `<meta>` tag in `head` declares: the first `charset=` in a
/// `<meta …>` tag.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(start) = find(&lower[at..], b"<meta").map(|i| at + i) {
        let end = find(&lower[start..], b">").map_or(lower.len(), |i| start + i);
        let tag = &lower[start..end];
        if let Some(i) = find(tag, b"charset") {
            let value = tag[i + 7..].trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.iter().skip_while(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\''));
                let label: String = value
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
                    .map(|&c| c as char)
                    .collect();
                if let Some(encoding) = crate::encoding::by_label(&label) {
                    // A page cannot declare UTF-16 in ASCII; browsers take UTF-8.
                    return Some(if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        encoding
                    });
                }
            }
        }
        at = end.max(start + 1);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn bom_then_meta_then_sniff() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("<meta charset=gbk>中文".as_bytes());
        assert_eq!(decode(&bom, None).2, Source::Bom);
        assert_eq!(decode(&bom, None).0, "<meta charset=gbk>中文");

        let page = gbk("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\"><p>中文</p>");
        let (text, encoding, source) = decode(&page, None);
        assert_eq!((text.contains("中文"), encoding, source), (true, encoding_rs::GB18030, Source::Meta));

        let undeclared = gbk("<p>政府信息公开</p>");
        assert_eq!(decode(&undeclared, None).0, "<p>政府信息公开</p>");
        assert_eq!(decode(&undeclared, None).2, Source::Sniffed);
        assert_eq!(decode("<p>中文</p>".as_bytes(), None).1, encoding_rs::UTF_8);
    }

    #[test]
    fn container_label_and_stale_declarations() {
        let page = gbk("<p>中文</p>");
        assert_eq!(decode(&page, Some("gb2312")).0, "<p>中文</p>");
        // Declared GB2312, saved as UTF-8 later: the bytes win.
        let stale = "<meta charset=\"gb2312\"><p>中文</p>".as_bytes();
        assert_eq!(decode(stale, None).0, "<meta charset=\"gb2312\"><p>中文</p>");
    }
}
