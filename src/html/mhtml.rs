//! The HTML inside an MHTML web archive (MIME, RFC 2557) — how browsers save
//! a page as one file (`.mht`, `.mhtml`) and the form Word and many
//! HTML-to-DOCX tools give `altChunk` parts. Finds the first `text/html`
//! part (or the whole message when it is HTML), undoes its transfer encoding
//! (quoted-printable, base64) and decodes its charset (the part's
//! `charset=`, else the HTML's own declaration, see [`super::charset`]);
//! [`resources`] gives the image and style-sheet parts, decoded, by their
//! `Content-Location`: the pictures of tables that are only an image, and
//! the sheets (Chromium saves even a page's `<style>` elements as
//! `text/css` parts the page links to by `cid:`).

/// The HTML part's text, its encoding and where that came from.
pub type Decoded = (String, &'static encoding_rs::Encoding, super::charset::Source);

/// The HTML text of an MHTML message, or `None` when it has no HTML part.
pub fn html(bytes: &[u8]) -> Option<Decoded> {
    let is_html = |content_type: &str| content_type.to_ascii_lowercase().starts_with("text/html");
    match message(bytes) {
        Message::Multipart(parts) => parts.into_iter().find_map(|part| {
            let (headers, content_type, body) = part_of(part);
            is_html(&content_type).then(|| decode(&headers, &content_type, body))
        }),
        Message::Single(headers, content_type, body) => {
            is_html(&content_type).then(|| decode(&headers, &content_type, body))
        }
    }
}

/// A message: its parts when it is multipart, else its own header lines,
/// content type and body.
enum Message<'b> {
    Multipart(Vec<&'b [u8]>),
    Single(Vec<String>, String, &'b [u8]),
}

fn message(bytes: &[u8]) -> Message<'_> {
    let (headers, content_type, body) = part_of(bytes);
    match parameter(&content_type, "boundary") {
        Some(boundary) => Message::Multipart(parts(body, format!("--{boundary}").as_bytes())),
        None => Message::Single(headers, content_type, body),
    }
}

/// A part's (or the message's) header lines, content type and body.
fn part_of(bytes: &[u8]) -> (Vec<String>, String, &[u8]) {
    let (headers, body) = split_headers(bytes);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    (headers, content_type, body)
}

/// An image or style-sheet part of the archive: where the page took it
/// from, its kind and its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub location: String,
    /// The part's media type, lower case, without parameters.
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn is_image(&self) -> bool {
        self.media_type.starts_with("image/")
    }

    pub fn is_style_sheet(&self) -> bool {
        self.media_type == "text/css"
    }
}

/// The `image/*` and `text/css` parts of an MHTML message, their transfer
/// encoding undone.
pub fn resources(bytes: &[u8]) -> Vec<Part> {
    let Message::Multipart(parts) = message(bytes) else { return Vec::new() };
    parts
        .into_iter()
        .filter_map(|part| {
            let (headers, content_type, body) = part_of(part);
            let media_type = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            let resource = Part { location: header(&headers, "content-location")?, media_type, bytes: Vec::new() };
            if !resource.is_image() && !resource.is_style_sheet() {
                return None;
            }
            Some(Part { bytes: transfer_decoded(&headers, body), ..resource })
        })
        .collect()
}

/// The header lines (unfolded) and the body after the first empty line
/// (a line with nothing but its CR LF or LF; files edited by hand mix both).
fn split_headers(bytes: &[u8]) -> (Vec<String>, &[u8]) {
    let mut end = (bytes.len(), bytes.len());
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = bytes[line_start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| line_start + i);
        if bytes[line_start..line_end].iter().all(|&b| b == b'\r') && line_end < bytes.len() {
            end = (line_start, line_end + 1);
            break;
        }
        line_start = line_end + 1;
    }
    let text = String::from_utf8_lossy(&bytes[..end.0]);
    let mut headers: Vec<String> = Vec::new();
    for line in text.lines() {
        match headers.last_mut() {
            Some(last) if line.starts_with([' ', '\t']) => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => headers.push(line.trim_end().to_string()),
        }
    }
    (headers, &bytes[end.1..])
}

fn header(headers: &[String], name: &str) -> Option<String> {
    headers.iter().find_map(|h| {
        let (key, value) = h.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
    })
}

/// A `; name=value` parameter of a header value, quotes removed.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (key, v) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts of a multipart body between `delimiter` lines.
fn parts<'b>(body: &'b [u8], delimiter: &[u8]) -> Vec<&'b [u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(at) = find(&body[i..], delimiter) {
        starts.push(i + at);
        i += at + delimiter.len();
    }
    starts
        .windows(2)
        .map(|w| {
            let part = &body[w[0] + delimiter.len()..w[1]];
            let part = part.strip_prefix(b"\r\n").or_else(|| part.strip_prefix(b"\n")).unwrap_or(part);
            part.strip_suffix(b"\r\n").or_else(|| part.strip_suffix(b"\n")).unwrap_or(part)
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn decode(headers: &[String], content_type: &str, body: &[u8]) -> Decoded {
    let bytes = transfer_decoded(headers, body);
    super::charset::decode(&bytes, parameter(content_type, "charset").as_deref())
}

/// A part's body with its transfer encoding undone.
fn transfer_decoded(headers: &[String], body: &[u8]) -> Vec<u8> {
    match header(headers, "content-transfer-encoding").map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("quoted-printable") => quoted_printable(body),
        Some("base64") => base64(body),
        _ => body.to_vec(),
    }
}

/// Whether a file whose first bytes are `head` (format detection passes
/// its prefix) starts like a MIME message holding a web page: a block of
/// header lines (`Name: value`, folded lines) that declares MIME and a
/// multipart or HTML content type. Browsers put `From:`, `Subject:` and
/// `Snapshot-Content-Location:` first; Word starts with `MIME-Version:`.
pub fn looks_like_mhtml(head: &[u8]) -> bool {
    let (headers, _) = split_headers(head);
    let well_formed = headers.iter().all(|h| {
        h.split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
    });
    let content_type = header(&headers, "content-type").unwrap_or_default().to_ascii_lowercase();
    well_formed
        && !headers.is_empty()
        && header(&headers, "mime-version").is_some()
        && (content_type.starts_with("multipart/related") || content_type.starts_with("text/html"))
}

fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'=' {
            if body[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if body[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            let hex = body.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(body[i]);
        i += 1;
    }
    out
}

/// Base64 undone (padding and line breaks carry no bits): archive parts
/// and `data:` URLs.
pub fn base64(body: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let (mut buffer, mut bits) = (0u32, 0u32);
    // Padding and white space carry no bits; anything else unknown is skipped too.
    for sextet in body.iter().filter_map(|&c| value(c)) {
        buffer = (buffer << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_part_quoted_printable_in_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("中文");
        let qp: String = gbk.iter().map(|b| format!("={b:02X}")).collect();
        let mht = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart\"\r\n\r\nThis is a multi-part message.\r\n\r\n------=_NextPart\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>{qp}=\r\n</p>\r\n------=_NextPart\r\nContent-Type: image/png\r\n\r\nxx\r\n------=_NextPart--\r\n"
        );
        assert_eq!(html(mht.as_bytes()).map(|d| d.0).as_deref(), Some("<p>中文</p>"));
    }

    #[test]
    fn recognised_by_its_headers() {
        let chromium = b"From: <Saved by Blink>\r\nSnapshot-Content-Location: file:///a.html\r\nSubject: =?utf-8?Q?x?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n";
        assert!(looks_like_mhtml(chromium));
        assert!(looks_like_mhtml(b"MIME-Version: 1.0\nContent-Type: text/html\n\n<p>x</p>"));
        assert!(!looks_like_mhtml(b"# MIME-Version: 1.0\n\ntext"));
        assert!(!looks_like_mhtml(b"MIME-Version: 1.0\nContent-Type: image/png\n\nxx"));
        assert!(!looks_like_mhtml(b"Title: report\n\nbody"));
    }

    #[test]
    fn single_part_base64() {
        let mht = "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPHA+5Lit5paHPC9w\nPg==\n";
        assert_eq!(html(mht.as_bytes()).map(|d| d.0).as_deref(), Some("<p>中文</p>"));
        assert_eq!(html(b"MIME-Version: 1.0\nContent-Type: image/png\n\nxx"), None);
    }
}
