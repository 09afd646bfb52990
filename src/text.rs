//! Text rules shared by every stage: white-space normalization (SPEC
//! "text") and the official numbering that marks headings (一、 （一） 1. （1）).

/// True for characters that Chinese text sets without spaces: ideographs,
/// CJK and full-width punctuation, and the general punctuation used with them
/// (“ ” ‘ ’ — … ·).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'      // radicals, ideographic description
        | '\u{3000}'..='\u{303F}'    // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'    // kana
        | '\u{3100}'..='\u{31FF}'    // bopomofo, strokes
        | '\u{3200}'..='\u{4DBF}'    // enclosed, compatibility, extension A
        | '\u{4E00}'..='\u{9FFF}'    // unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // compatibility ideographs
        | '\u{FE10}'..='\u{FE1F}'    // vertical forms
        | '\u{FE30}'..='\u{FE4F}'    // compatibility forms
        | '\u{FF00}'..='\u{FFEF}'    // half- and full-width forms
        | '\u{20000}'..='\u{3FFFF}'  // extensions B–H
        | '\u{2018}'..='\u{201F}'    // quotation marks
        | '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{00B7}' | '\u{2160}'..='\u{218F}'
        | '\u{2460}'..='\u{24FF}'    // enclosed numbers ① ⑴
    )
}

/// Normalizes text per SPEC: runs of white space collapse to one space; white
/// space (line breaks included) next to a CJK character is removed, since
/// Chinese is set without spaces and the spaces extraction leaves around
/// digits and Latin words are layout, not text; leading and trailing white
/// space is dropped. Full-width characters are kept as they are.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normalize_onto(&mut out, raw.chars());
    out
}

/// [`normalize`] of `out` followed by `more`, when `out` is already
/// normalized: only `more` is read, so text built by joining pieces one at a
/// time costs the pieces' length, not the square of the whole.
pub fn normalize_onto(out: &mut String, more: impl IntoIterator<Item = char>) {
    let mut pending_space = false;
    for c in more {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev = out.chars().next_back().unwrap_or(' ');
            if (!is_cjk(prev) && !is_cjk(c)) || latin_quote_pair(prev, c) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
}

/// A Latin letter and a curly quotation mark on either side of a space
/// ("Involvement “at", "said” and"): the quotes serve English as well as
/// Chinese, and next to a Latin word the space between is text.
fn latin_quote_pair(a: char, b: char) -> bool {
    let quote = |c: char| matches!(c, '\u{2018}'..='\u{201F}');
    (a.is_ascii_alphabetic() && quote(b)) || (quote(a) && b.is_ascii_alphabetic())
}

/// The level of the official Chinese number that starts `text`, if any, and
/// the byte length of its label: 一、 is level 1, （一） level 2, 1. (or 1、,
/// 1．) level 3, （1） level 4.
pub fn official_number(text: &str) -> Option<(u8, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().take(12).collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |&(b, _)| b);
    let is_chinese_digit = |c: char| "一二三四五六七八九十百零〇两".contains(c);
    let open = |c: char| c == '（' || c == '(';
    let close = |c: char| c == '）' || c == ')';
    let first = chars.first()?.1;
    if open(first) {
        let mut i = 1;
        let chinese = chars.get(1).is_some_and(|&(_, c)| is_chinese_digit(c));
        while chars.get(i).is_some_and(|&(_, c)| {
            if chinese { is_chinese_digit(c) } else { c.is_ascii_digit() || ('０'..='９').contains(&c) }
        }) {
            i += 1;
        }
        if i > 1 && chars.get(i).is_some_and(|&(_, c)| close(c)) {
            return Some((if chinese { 2 } else { 4 }, end_of(i)));
        }
        return None;
    }
    if is_chinese_digit(first) {
        let mut i = 0;
        while chars.get(i).is_some_and(|&(_, c)| is_chinese_digit(c)) {
            i += 1;
        }
        if chars.get(i).is_some_and(|&(_, c)| c == '、') {
            return Some((1, end_of(i)));
        }
        return None;
    }
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if is_digit(first) {
        let mut i = 0;
        while chars.get(i).is_some_and(|&(_, c)| is_digit(c)) {
            i += 1;
        }
        if i > 2 {
            return None; // a year or a count, not an item number
        }
        let next = chars.get(i).map(|&(_, c)| c);
        let after = chars.get(i + 1).map(|&(_, c)| c);
        if matches!(next, Some('、')) || (matches!(next, Some('.' | '．')) && !after.is_some_and(is_digit)) {
            return Some((3, end_of(i)));
        }
    }
    None
}

/// A key for comparing labels written slightly differently: white space
/// removed, full-width ASCII folded to half-width, 、and ． read as ".",
/// quotes and dashes unified, Latin letters lower-cased.
pub fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '、' | '。' => '.',
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '—' | '–' | '−' => '-',
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// True when `text` ends a sentence (。！？； or their half-width forms, possibly
/// followed by a closing quote or bracket).
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\'', ' ']);
    trimmed.ends_with(['。', '！', '？', '；', '!', '?', ';', '…'])
        || (trimmed.ends_with('.') && !trimmed.ends_with(|c: char| c.is_ascii_digit()))
}

/// Appends `text` with the Latin ligature characters (U+FB00–FB06) written
/// as the letters they join.
pub fn push_without_ligatures(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_and_drops_space_next_to_cjk() {
        assert_eq!(normalize("  主动公开数 30 条。 "), "主动公开数30条。");
        assert_eq!(normalize("石狮服装城 LED 屏"), "石狮服装城LED屏");
        assert_eq!(normalize("Hello \n\t world"), "Hello world");
        assert_eq!(normalize("Involvement “at the\nbeginning”"), "Involvement “at the beginning”");
        assert_eq!(normalize("他说 “你好” 。"), "他说“你好”。");
        assert_eq!(normalize("在内的各\n级新闻媒体"), "在内的各级新闻媒体");
        assert_eq!(normalize("\u{3000}\u{3000}今年以来"), "今年以来");
        assert_eq!(normalize("１２３"), "１２３");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n "), "");
    }

    #[test]
    fn official_numbering_levels() {
        fn level(t: &str) -> Option<(u8, &str)> {
            official_number(t).map(|(l, len)| (l, &t[..len]))
        }
        assert_eq!(level("一、总体情况"), Some((1, "一、")));
        assert_eq!(level("十二、附则"), Some((1, "十二、")));
        assert_eq!(level("（一）主动公开"), Some((2, "（一）")));
        assert_eq!(level("(二) 部分公开"), Some((2, "(二)")));
        assert_eq!(level("1.属于国家秘密"), Some((3, "1.")));
        assert_eq!(level("2、重复申请"), Some((3, "2、")));
        assert_eq!(level("3．其他"), Some((3, "3．")));
        assert_eq!(level("（1）规章"), Some((4, "（1）")));
        assert_eq!(level("2019年，我局"), None);
        assert_eq!(level("1.5万元"), None);
        assert_eq!(level("一是对政府信息"), None);
        assert_eq!(level("（本列数据的勾稽关系"), None);
        assert_eq!(level(""), None);
    }

    #[test]
    fn comparable_keys_fold_widths_and_punctuation() {
        assert_eq!(
            comparable("（二）部分公开（区分处理的，只计这一情形）"),
            comparable("(二) 部分公开(区分处理的,只计这一情形)")
        );
        assert_eq!(comparable("1、属于国家秘密"), comparable("1.属于国家秘密"));
        assert_eq!(comparable("1．属于国家秘密"), comparable("1.属于国家秘密"));
        assert_eq!(comparable("危及“三安全一稳定”"), "危及\"三安全一稳定\"");
        assert_ne!(comparable("结果维持"), comparable("结果纠正"));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("有效提振了市场信心。"));
        assert!(ends_sentence("“公开为原则，不公开为例外。”"));
        assert!(!ends_sentence("在内的各"));
        assert!(!ends_sentence("第1.2"));
    }
}
