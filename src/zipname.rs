//! Names of zip entries as text. The zip format has one flag (bit 11, "EFS")
//! for "this name is UTF-8"; without it the name is in the code page of the
//! machine that made the archive, which for the archives govdoc meets is
//! GBK (zips made on Chinese Windows, by the Explorer or by WinRAR). The zip
//! crate decodes unflagged names as CP437, which turns 中文 into mojibake, so
//! names are decoded here from the raw bytes.

use std::borrow::Cow;

/// The general-purpose flag bit that marks a UTF-8 name (APPNOTE 4.4.4).
const UTF8_FLAG: u16 = 1 << 11;

/// Decodes a zip entry name. `flags` is the entry's general-purpose bit
/// flag. The zip crate already swaps in the Info-ZIP Unicode Path extra field
/// (and sets the flag) when an archive carries one.
///
/// Unflagged names that are valid UTF-8 are taken as UTF-8 (macOS and
/// Linux tools often forget the flag); everything else is read as GB18030,
/// the superset of GBK, with undecodable bytes as U+FFFD.
pub fn decode_entry_name(raw: &[u8], flags: u16) -> String {
    if flags & UTF8_FLAG != 0 || raw.is_ascii() {
        return String::from_utf8_lossy(raw).into_owned();
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        // A GBK name is valid UTF-8 only by rare accident (e.g. short names
        // of some two-byte pairs); a name that decodes as UTF-8 with CJK in
        // it is far more likely to be UTF-8 without the flag.
        return text.to_string();
    }
    let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(raw);
    match text {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_names_without_the_flag() {
        let (gbk, _, _) = encoding_rs::GBK.encode("2019年/石狮市商务局.docx");
        assert_eq!(decode_entry_name(&gbk, 0), "2019年/石狮市商务局.docx");
        // GB18030 four-byte sequences work too.
        let (gb18030, _, _) = encoding_rs::GB18030.encode("𠀀.docx");
        assert_eq!(decode_entry_name(&gb18030, 0), "𠀀.docx");
    }

    #[test]
    fn utf8_names_with_or_without_the_flag() {
        let name = "2019年/报告.docx";
        assert_eq!(decode_entry_name(name.as_bytes(), UTF8_FLAG), name);
        assert_eq!(decode_entry_name(name.as_bytes(), 0), name);
        assert_eq!(decode_entry_name(b"plain/ascii.pdf", 0), "plain/ascii.pdf");
    }

    #[test]
    fn undecodable_bytes_do_not_fail() {
        assert_eq!(decode_entry_name(b"a\xFFb", UTF8_FLAG), "a\u{FFFD}b");
        assert!(!decode_entry_name(b"\x81", 0).is_empty());
    }
}
