//! Text put into the HTML and SVG pages govdoc writes (`compare --html`,
//! `inspect`): one escaper, right for both HTML and XML.

/// `text` for an HTML or XML text node or a quoted attribute value: the five
/// markup characters as entities, and C0 control characters other than
/// tab, line feed and carriage return — which XML 1.0 forbids outright
/// (an SVG holding one does not load) and HTML reports as parse errors —
/// as U+FFFD, so a stray control code in a document cannot break the page.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_characters_become_entities_and_control_codes_u_fffd() {
        assert_eq!(esc("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
        assert_eq!(esc("一\t二\n三\r\n"), "一\t二\n三\r\n");
        assert_eq!(esc("x\u{0}y\u{8}z\u{1B}"), "x\u{FFFD}y\u{FFFD}z\u{FFFD}");
    }
}
