//! Character-encoding labels as Chinese documents write them. encoding_rs
//! follows the WHATWG label list, which lacks several names that Windows
//! tools and PDF producers use for GBK; this table fills them in.

use encoding_rs::Encoding;

/// The encoding named by `label`, including the aliases WHATWG leaves out
/// ("cp936", "EUC-CN", "gb-euc", "GB18030-2000", …).
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    if let Some(e) = Encoding::for_label(label.as_bytes()) {
        return Some(e);
    }
    let lower = label.to_ascii_lowercase().replace('_', "-");
    match lower.as_str() {
        "cp936" | "ms936" | "windows-936" | "euc-cn" | "euccn" | "gb-euc" | "gbk-euc" | "gb2312-80" => {
            Some(encoding_rs::GBK)
        }
        "gb18030-2000" | "gb18030-2005" | "gb-18030" => Some(encoding_rs::GB18030),
        "cp950" | "ms950" | "big5-hkscs" | "big5hkscs" => Some(encoding_rs::BIG5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_windows_aliases() {
        for label in ["GBK", "gb2312", "cp936", "EUC-CN", "gb-euc", "GB18030"] {
            let e = by_label(label).unwrap_or_else(|| panic!("{label}"));
            assert_eq!(e.decode_without_bom_handling(&[0xD6, 0xD0]).0, "中", "{label}");
        }
        assert_eq!(by_label("utf-8"), Some(encoding_rs::UTF_8));
        assert_eq!(by_label("nonsense"), None);
    }
}
