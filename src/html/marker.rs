//! A list item's marker as a browser draws it (CSS Counter Styles 3, as
//! Chromium shows them): the list's style from the inline
//! `list-style-type` / `list-style`, else the `type` attribute (`1 a A i
//! I`), an item's own style or `type` over its list's; the counter from
//! `start`, `reversed` and each item's `value` (HTML's integer parsing:
//! leading white space, a sign, the digits up to the first other
//! character); the value written in the style's own system, out of its range
//! in its fallback (a letter style at 0 as decimal, roman past 3999, a
//! heavenly stem past 10 in CJK digits), with the suffix the style implies:
//! ". " ("1." "a." "iv.", the walker adds the space, which white space
//! rules drop before CJK text) and "、" for the CJK styles ("一、" "甲、").
//! `none` and the bullet styles (disc, circle, square) give no label.
//! Style sheets (`<style>` rules) are not read: only inline styles.

use markup5ever_rcdom::Handle;

use super::dom;

/// The counter styles a browser writes as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Decimal,
    DecimalLeadingZero,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    LowerGreek,
    CjkDecimal,
    /// `cjk-ideographic` is this style's older name.
    TradChineseInformal,
    SimpChineseInformal,
    TradChineseFormal,
    SimpChineseFormal,
    CjkHeavenlyStem,
    CjkEarthlyBranch,
    /// `none`, or a bullet drawn as a shape (disc, circle, square).
    NoText,
}

impl Style {
    /// The style a `list-style-type` keyword names (or a `list-style`
    /// shorthand holding one), if it is one a browser knows.
    fn from_css(value: &str) -> Option<Style> {
        value.split_whitespace().find_map(|keyword| {
            Some(match keyword {
                "decimal" => Style::Decimal,
                "decimal-leading-zero" => Style::DecimalLeadingZero,
                "lower-alpha" | "lower-latin" => Style::LowerAlpha,
                "upper-alpha" | "upper-latin" => Style::UpperAlpha,
                "lower-roman" => Style::LowerRoman,
                "upper-roman" => Style::UpperRoman,
                "lower-greek" => Style::LowerGreek,
                "cjk-decimal" => Style::CjkDecimal,
                "cjk-ideographic" | "trad-chinese-informal" => Style::TradChineseInformal,
                "simp-chinese-informal" => Style::SimpChineseInformal,
                "trad-chinese-formal" => Style::TradChineseFormal,
                "simp-chinese-formal" => Style::SimpChineseFormal,
                "cjk-heavenly-stem" => Style::CjkHeavenlyStem,
                "cjk-earthly-branch" => Style::CjkEarthlyBranch,
                "none" | "disc" | "circle" | "square" | "disclosure-open" | "disclosure-closed" => Style::NoText,
                _ => return None,
            })
        })
    }

    /// The style an element asks for itself: its inline style, else its
    /// `type` attribute (case matters: `a` and `A` differ).
    pub fn of(node: &Handle) -> Option<Style> {
        let css = dom::style(node, "list-style-type").or_else(|| dom::style(node, "list-style"));
        css.as_deref().and_then(Style::from_css).or_else(|| {
            Some(match dom::attr(node, "type")?.trim() {
                "1" => Style::Decimal,
                "a" => Style::LowerAlpha,
                "A" => Style::UpperAlpha,
                "i" => Style::LowerRoman,
                "I" => Style::UpperRoman,
                _ => return None,
            })
        })
    }

    fn is_cjk(self) -> bool {
        matches!(
            self,
            Style::CjkDecimal
                | Style::TradChineseInformal
                | Style::SimpChineseInformal
                | Style::TradChineseFormal
                | Style::SimpChineseFormal
                | Style::CjkHeavenlyStem
                | Style::CjkEarthlyBranch
        )
    }

    /// The marker's text for counter value `n`, suffix included; `None`
    /// for a style that draws no text.
    pub fn label(self, n: i64) -> Option<String> {
        if self == Style::NoText {
            return None;
        }
        let suffix = if self.is_cjk() { "、" } else { "." };
        Some(format!("{}{suffix}", self.representation(n)))
    }

    /// `n` in this style's system, or in its fallback out of its range.
    fn representation(self, n: i64) -> String {
        const GREEK: &str = "αβγδεζηθικλμνξοπρστυφχψω";
        let fallback = match self {
            Style::CjkHeavenlyStem | Style::CjkEarthlyBranch | Style::TradChineseInformal => Style::CjkDecimal,
            Style::SimpChineseInformal | Style::TradChineseFormal | Style::SimpChineseFormal => Style::CjkDecimal,
            _ => Style::Decimal,
        };
        let (lowest, highest) = match self {
            Style::LowerAlpha | Style::UpperAlpha | Style::LowerGreek => (1, i64::MAX),
            Style::LowerRoman | Style::UpperRoman => (1, 3999),
            Style::CjkHeavenlyStem => (1, 10),
            Style::CjkEarthlyBranch => (1, 12),
            // Chromium writes the Chinese styles past the CSS range of ±9999.
            Style::TradChineseInformal | Style::SimpChineseInformal => (-99_999, 99_999),
            Style::TradChineseFormal | Style::SimpChineseFormal => (-99_999, 99_999),
            _ => (i64::MIN, i64::MAX),
        };
        if !(lowest..=highest).contains(&n) {
            return fallback.representation(n);
        }
        let digits = |n: i64| -> String { n.unsigned_abs().to_string() };
        let sign = if n < 0 { "-" } else { "" };
        let magnitude = u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX);
        match self {
            Style::Decimal | Style::NoText => n.to_string(),
            Style::DecimalLeadingZero => format!("{sign}{:0>2}", digits(n)),
            Style::LowerAlpha => alphabetic(n, "abcdefghijklmnopqrstuvwxyz"),
            Style::UpperAlpha => alphabetic(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Style::LowerGreek => alphabetic(n, GREEK),
            Style::LowerRoman => crate::counter::format_number_bounded(magnitude, "lowerRoman").0,
            Style::UpperRoman => crate::counter::format_number_bounded(magnitude, "upperRoman").0,
            Style::CjkDecimal => {
                let cjk = |d: char| "〇一二三四五六七八九".chars().nth(d.to_digit(10).unwrap_or(0) as usize).unwrap_or('〇');
                format!("{sign}{}", digits(n).chars().map(cjk).collect::<String>())
            }
            Style::SimpChineseInformal => chinese(n, "chineseCounting", false),
            Style::TradChineseInformal => chinese(n, "chineseCounting", true),
            Style::SimpChineseFormal => chinese(n, "chineseLegalSimplified", false),
            Style::TradChineseFormal => chinese(n, "chineseLegalSimplified", true),
            Style::CjkHeavenlyStem => "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).unwrap_or('甲').to_string(),
            Style::CjkEarthlyBranch => "子丑寅卯辰巳午未申酉戌亥".chars().nth(n as usize - 1).unwrap_or('子').to_string(),
        }
    }
}

/// `n` in Chinese words (`format`: the informal or the formal digits, by
/// their counter name), 零 for 0, 负 (負) before a negative; the
/// traditional forms of the characters that differ when `traditional`.
fn chinese(n: i64, format: &str, traditional: bool) -> String {
    let magnitude = u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX);
    let text =
        if n == 0 { "零".to_string() } else { crate::counter::format_number_bounded(magnitude, format).0 };
    let sign = match (n < 0, traditional) {
        (false, _) => "",
        (true, false) => "负",
        (true, true) => "負",
    };
    let to_traditional = |c: char| match c {
        '贰' => '貳',
        '叁' => '參',
        '陆' => '陸',
        '万' => '萬',
        c => c,
    };
    let text: String = if traditional { text.chars().map(to_traditional).collect() } else { text };
    format!("{sign}{text}")
}

/// `n` ≥ 1 in a bijective base of the letters (a … z, aa, ab …), as CSS's
/// alphabetic system counts: at most 14 letters for any `i64`.
fn alphabetic(n: i64, letters: &str) -> String {
    let letters: Vec<char> = letters.chars().collect();
    let base = letters.len() as u64;
    let mut rest = n.unsigned_abs();
    let mut out = Vec::new();
    while rest > 0 {
        rest -= 1;
        out.push(letters[(rest % base) as usize]);
        rest /= base;
    }
    out.iter().rev().collect()
}

/// An integer attribute as HTML parses it (`start`, `value`): leading white
/// space, an optional sign, then digits up to the first other character;
/// `None` when there is no digit.
pub fn parse_integer(value: &str) -> Option<i64> {
    let value = value.trim_start_matches([' ', '\t', '\n', '\x0C', '\r']);
    let (negative, rest) = match value.as_bytes().first() {
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, value),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).take(18).collect();
    let n: i64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each style's labels as headless Chromium prints them (a page of
    /// these lists printed to PDF and read back with pdftotext).
    #[test]
    fn labels_as_chromium_draws_them() {
        let labels = |style: Style, values: &[i64]| -> Vec<String> {
            values.iter().map(|&n| style.label(n).unwrap_or_default()).collect()
        };
        assert_eq!(
            labels(Style::TradChineseInformal, &[9, 10, 11, 99, 100, 101, 110, 10000, 0, -3]),
            ["九、", "十、", "十一、", "九十九、", "一百、", "一百零一、", "一百一十、", "一萬、", "零、", "負三、"]
        );
        assert_eq!(labels(Style::SimpChineseInformal, &[19, 21, 10000]), ["十九、", "二十一、", "一万、"]);
        assert_eq!(labels(Style::LowerAlpha, &[26, 27, 28, 0]), ["z.", "aa.", "ab.", "0."]);
        assert_eq!(labels(Style::UpperRoman, &[3998, 3999, 4000]), ["MMMCMXCVIII.", "MMMCMXCIX.", "4000."]);
        assert_eq!(labels(Style::Decimal, &[-1, 0, 1]), ["-1.", "0.", "1."]);
        assert_eq!(labels(Style::LowerRoman, &[4]), ["iv."]);
        assert_eq!(labels(Style::CjkHeavenlyStem, &[1, 2]), ["甲、", "乙、"]);
        assert_eq!(labels(Style::CjkEarthlyBranch, &[12, 13]), ["亥、", "一三、"]);
        assert_eq!(labels(Style::DecimalLeadingZero, &[9, 10]), ["09.", "10."]);
        assert_eq!(labels(Style::LowerGreek, &[1]), ["α."]);
        assert_eq!(labels(Style::SimpChineseFormal, &[12]), ["壹拾贰、"]);
        assert_eq!(labels(Style::TradChineseFormal, &[12]), ["壹拾貳、"]);
        assert_eq!(labels(Style::CjkDecimal, &[2024]), ["二〇二四、"]);
        assert_eq!(Style::NoText.label(1), None);
        assert_eq!(alphabetic(i64::MAX, "abcdefghijklmnopqrstuvwxyz").len(), 14);
    }

    #[test]
    fn styles_from_css_and_type_and_integers_as_html_parses_them() {
        assert_eq!(Style::from_css("upper-alpha inside"), Some(Style::UpperAlpha));
        assert_eq!(Style::from_css("cjk-ideographic"), Some(Style::TradChineseInformal));
        assert_eq!(Style::from_css("none"), Some(Style::NoText));
        assert_eq!(Style::from_css("disc"), Some(Style::NoText));
        assert_eq!(Style::from_css("inherit"), None);
        assert_eq!(parse_integer("abc"), None);
        assert_eq!(parse_integer(" 5"), Some(5));
        assert_eq!(parse_integer("3x"), Some(3));
        assert_eq!(parse_integer("-2"), Some(-2));
        assert_eq!(parse_integer("99999999999999999999999"), Some(999_999_999_999_999_999));
    }
}
