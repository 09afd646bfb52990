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
//!
//! The style is the cascade's ([`css`]): the page's style sheets and the
//! element's `style` attribute (`list-style-type`, or the `list-style`
//! shorthand, which without a type sets it back to `disc`), then the `type`
//! attribute as a presentational hint below every author rule, then the
//! browser's own sheet (`ol` decimal, `ul` disc), else the parent's value
//! (the property is inherited: an item takes its list's). A name of no
//! counter style a browser knows counts as `decimal`, as Chromium draws an
//! undefined counter style; a string marker (`"-"`) is not modelled and
//! drops out of the cascade. An item whose `display` is not `list-item`
//! has no marker and does not count.

use markup5ever_rcdom::Handle;

use super::css::{self, Declaration, StyleSheets};
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

/// What a declaration of the list style gives an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    Style(Style),
    /// `inherit` or `unset`: the parent's value.
    Inherit,
}

impl Style {
    /// The style a counter-style keyword names, if a browser knows it.
    fn keyword(keyword: &str) -> Option<Style> {
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
    }

    /// The style a counter-style name gives: a known one, or `decimal` for
    /// any other identifier (an undefined counter style); `None` for what
    /// is no identifier (a number, a string).
    fn counter_style(word: &str) -> Option<Style> {
        Style::keyword(word).or_else(|| is_identifier(word).then_some(Style::Decimal))
    }

    /// A `list-style-type` or `list-style` declaration's style, `None` when
    /// the value is invalid (or a string marker, not modelled).
    fn declared(declaration: &Declaration) -> Option<Declared> {
        let value = declaration.value.to_ascii_lowercase();
        let words: Vec<&str> = value.split_whitespace().collect();
        if let [word] = words.as_slice() {
            match *word {
                "inherit" | "unset" => return Some(Declared::Inherit),
                // The initial value is disc.
                "initial" | "revert" | "revert-layer" => return Some(Declared::Style(Style::NoText)),
                _ => {}
            }
        }
        if declaration.property == "list-style-type" {
            return match words.as_slice() {
                [word] => Style::counter_style(word).map(Declared::Style),
                _ => None,
            };
        }
        // The shorthand: a position, an image (`url(…)`, `none`) and a
        // type, in any order; a type left out is disc.
        let mut style = None;
        for word in words {
            match word {
                "inside" | "outside" => {}
                "none" => style = style.or(Some(Style::NoText)),
                _ if word.starts_with("url(") || word.ends_with(')') || word.contains("gradient(") => {}
                _ => style = Some(Style::counter_style(word)?),
            }
        }
        Some(Declared::Style(style.unwrap_or(Style::NoText)))
    }

    /// The `type` attribute of an `<ol>`, `<ul>` or `<li>` as the
    /// presentational hint it is (case matters for `a`/`A`, `i`/`I`).
    fn hinted(node: &Handle) -> Option<Style> {
        let value = dom::attr(node, "type")?;
        let name = dom::name(node)?;
        let ordered = matches!(name, "ol" | "li");
        let bullets = matches!(name, "ul" | "li");
        Some(match value.trim() {
            "1" if ordered => Style::Decimal,
            "a" if ordered => Style::LowerAlpha,
            "A" if ordered => Style::UpperAlpha,
            "i" if ordered => Style::LowerRoman,
            "I" if ordered => Style::UpperRoman,
            other if bullets && ["disc", "circle", "square", "none"].iter().any(|b| other.eq_ignore_ascii_case(b)) => {
                Style::NoText
            }
            _ => return None,
        })
    }

    /// The browser's own sheet: `ol` is decimal, the other lists disc.
    fn user_agent(node: &Handle) -> Option<Style> {
        match dom::name(node)? {
            "ol" => Some(Style::Decimal),
            "ul" | "menu" | "dir" => Some(Style::NoText),
            _ => None,
        }
    }

    /// The list style a browser computes for the element `node` (a list or
    /// a list item), through the cascade and inheritance. Walks up without
    /// recursion; a list's own default ends the walk at once.
    pub fn computed(node: &Handle, sheets: &StyleSheets) -> Style {
        let mut current = node.clone();
        loop {
            let declared = sheets.cascade(&current, &["list-style-type", "list-style"], Style::declared);
            match declared {
                Some(Declared::Style(style)) => return style,
                Some(Declared::Inherit) => {}
                None => {
                    if let Some(style) = Style::hinted(&current).or_else(|| Style::user_agent(&current)) {
                        return style;
                    }
                }
            }
            match css::parent_element(&current) {
                Some(parent) => current = parent,
                None => return Style::NoText, // the initial value, disc
            }
        }
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

/// Whether `word` (lower case) is a CSS identifier: a letter, `_` or
/// `-` then letters, digits, `_`, `-` (non-ASCII counts as a letter).
fn is_identifier(word: &str) -> bool {
    let rest = word.strip_prefix('-').unwrap_or(word);
    let mut chars = rest.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '-' || !c.is_ascii());
    first_ok && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-' || !c.is_ascii())
}

/// Whether a list item shows a marker and counts: its `display` is
/// `list-item`, as an `<li>`'s is unless a rule or its style says
/// otherwise.
pub fn is_list_item(node: &Handle, sheets: &StyleSheets) -> bool {
    let display = |d: &Declaration| {
        let value = d.value.to_ascii_lowercase();
        let words: Vec<&str> = value.split_whitespace().collect();
        let valid = !words.is_empty() && words.iter().all(|w| is_identifier(w));
        valid.then(|| words.contains(&"list-item"))
    };
    sheets.cascade(node, &["display"], display).unwrap_or(true)
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
        let declared = |property: &str, value: &str| {
            Style::declared(&Declaration { property: property.into(), value: value.into(), important: false })
        };
        assert_eq!(declared("list-style", "upper-alpha inside"), Some(Declared::Style(Style::UpperAlpha)));
        assert_eq!(declared("list-style", "inside"), Some(Declared::Style(Style::NoText)));
        assert_eq!(declared("list-style", "none Upper-Roman"), Some(Declared::Style(Style::UpperRoman)));
        assert_eq!(declared("list-style", "url(a.png) cjk-decimal"), Some(Declared::Style(Style::CjkDecimal)));
        assert_eq!(declared("list-style", "5px"), None);
        assert_eq!(declared("list-style-type", "cjk-ideographic"), Some(Declared::Style(Style::TradChineseInformal)));
        assert_eq!(declared("list-style-type", "none"), Some(Declared::Style(Style::NoText)));
        assert_eq!(declared("list-style-type", "disc"), Some(Declared::Style(Style::NoText)));
        assert_eq!(declared("list-style-type", "my-counter"), Some(Declared::Style(Style::Decimal)));
        assert_eq!(declared("list-style-type", "\"-\""), None);
        assert_eq!(declared("list-style-type", "inherit"), Some(Declared::Inherit));
        assert_eq!(parse_integer("abc"), None);
        assert_eq!(parse_integer(" 5"), Some(5));
        assert_eq!(parse_integer("3x"), Some(3));
        assert_eq!(parse_integer("-2"), Some(-2));
        assert_eq!(parse_integer("99999999999999999999999"), Some(999_999_999_999_999_999));
    }
}
