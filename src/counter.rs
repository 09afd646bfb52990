//! A list counter written in a numbering format, by the format's Word name
//! (`w:numFmt`: `chineseCounting` 一, `chineseLegalSimplified` 壹,
//! `decimalEnclosedParen` ⑴, `lowerRoman` iv …). Word's numbering
//! (`docx::numbering`) and the .doc reader use it; HTML list markers
//! (`html::marker`, CSS counter styles) borrow its roman and Chinese forms.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Largest counter shown in letters: Word itself stops at 780 (`zzz…z`,
/// 30 letters). Past it a letter label would grow by one character per 26,
/// so a `w:start` near u32::MAX would cost gigabytes.
pub const MAX_LETTER_NUMBER: u32 = 26 * 30;
/// Largest counter shown in roman numerals: past 3999 there is no standard
/// form and the `M`s grow by one per thousand.
pub const MAX_ROMAN_NUMBER: u32 = 3999;

/// A counter value in a `w:numFmt` format, and whether the value was past
/// the bound of its format ([`MAX_LETTER_NUMBER`], [`MAX_ROMAN_NUMBER`]) and so written in
/// decimal instead.
pub fn format_number_bounded(n: u32, format: &str) -> (String, bool) {
    let past_bound = match format {
        "upperLetter" | "lowerLetter" => n > MAX_LETTER_NUMBER,
        "upperRoman" | "lowerRoman" => n > MAX_ROMAN_NUMBER,
        _ => false,
    };
    if past_bound {
        return (n.to_string(), true);
    }
    let text = match format {
        "chineseCounting"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "chineseCountingThousand"
        | "koreanCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCountingThousand" => chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize]).collect()
        }
        "chineseLegalSimplified" => chinese_legal(n),
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1).unwrap().to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).unwrap().to_string()
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1).unwrap().to_string(),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap()).collect()
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "ideographTraditional" if (1..=10).contains(&n) => {
            "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).unwrap().to_string()
        }
        "ideographZodiac" if (1..=12).contains(&n) => {
            "子丑寅卯辰巳午未申酉戌亥".chars().nth(n as usize - 1).unwrap().to_string()
        }
        _ => n.to_string(),
    };
    (text, false)
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 1010 → 一千零一十.
fn chinese_counting(n: u32) -> String {
    if n == 0 {
        return "〇".to_string();
    }
    if n >= 100_000 {
        return n.to_string();
    }
    let units = [(10_000, '万'), (1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (value, unit) in units {
        let digit = rest / value;
        rest %= value;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 10–19 is written 十, 十一 …, not 一十.
        if !(value == 10 && digit == 1 && out.is_empty()) {
            out.push(DIGITS[digit as usize]);
        }
        out.push(unit);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

fn chinese_legal(n: u32) -> String {
    const LEGAL: [(char, char); 14] = [
        ('一', '壹'),
        ('二', '贰'),
        ('三', '叁'),
        ('四', '肆'),
        ('五', '伍'),
        ('六', '陆'),
        ('七', '柒'),
        ('八', '捌'),
        ('九', '玖'),
        ('十', '拾'),
        ('百', '佰'),
        ('千', '仟'),
        ('〇', '零'),
        ('万', '万'),
    ];
    let mut s = chinese_counting(n);
    if (10..20).contains(&n) {
        s.insert(0, '一');
    }
    s.chars().map(|c| LEGAL.iter().find(|(plain, _)| *plain == c).map_or(c, |&(_, legal)| legal)).collect()
}

fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, s) in TABLE {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_roman_past_their_bound_are_decimal() {
        assert_eq!(format_number_bounded(MAX_LETTER_NUMBER, "lowerLetter").0, "z".repeat(30));
        assert_eq!(format_number_bounded(MAX_LETTER_NUMBER + 1, "upperLetter"), ("781".to_string(), true));
        assert_eq!(format_number_bounded(3999, "upperRoman"), ("MMMCMXCIX".to_string(), false));
        assert_eq!(format_number_bounded(u32::MAX, "lowerRoman"), (u32::MAX.to_string(), true));
        assert_eq!(format_number_bounded(u32::MAX, "decimal"), (u32::MAX.to_string(), false));
    }

    #[test]
    fn chinese_formats() {
        let f = |n, fmt| format_number_bounded(n, fmt).0;
        assert_eq!(f(1, "chineseCounting"), "一");
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCounting"), "十一");
        assert_eq!(f(20, "chineseCounting"), "二十");
        assert_eq!(f(23, "chineseCountingThousand"), "二十三");
        assert_eq!(f(101, "chineseCountingThousand"), "一百零一");
        assert_eq!(f(110, "chineseCountingThousand"), "一百一十");
        assert_eq!(f(1010, "chineseCountingThousand"), "一千零一十");
        assert_eq!(f(10, "ideographDigital"), "一〇");
        assert_eq!(f(2024, "ideographDigital"), "二〇二四");
        assert_eq!(f(3, "decimal"), "3");
        assert_eq!(f(3, "decimalEnclosedParen"), "⑶");
        assert_eq!(f(2, "decimalEnclosedCircleChinese"), "②");
        assert_eq!(f(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(f(4, "upperRoman"), "IV");
        assert_eq!(f(28, "lowerLetter"), "bb");
        assert_eq!(f(3, "ideographTraditional"), "丙");
    }
}
