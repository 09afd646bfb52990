//! Statistic values as the SPEC defines them: blank, dash or slash is null
//! (never 0), "无" is 0, full-width digits are digits, 本年增/减 is signed,
//! amounts keep their unit, a number followed by a note gives the number.

use super::stats::Number;

/// A parsed cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The number, or `None` (blank, a dash, text).
    pub value: Option<Number>,
    /// A money unit written in the cell ("元", "万元").
    pub unit: Option<String>,
    /// Text after the number that is not a unit: "（含自然失效29件）".
    pub note: Option<String>,
    /// The cell has text that is not a number at all.
    pub not_a_number: bool,
}

const NULL_MARKS: [&str; 9] = ["—", "-", "/", "／", "——", "－", "--", "\\", "―"];
const MONEY_UNITS: [&str; 4] = ["亿元", "万元", "千元", "元"];
/// Counting units written after a number; they carry no information.
const COUNT_UNITS: [&str; 6] = ["件", "条", "项", "个", "次", "人"];

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '＋' => '+',
        '－' | '−' | '—' => '-',
        '．' => '.',
        '，' => ',',
        c => c,
    }
}

pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed { value: None, unit: None, note: None, not_a_number: false };
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || NULL_MARKS.contains(&compact.as_str()) {
        return parsed;
    }
    if compact == "无" {
        parsed.value = Some(Number::Int(0));
        return parsed;
    }
    let folded: String = compact.chars().map(fold_digit).collect();
    let mut chars = folded.char_indices().peekable();
    let mut number = String::new();
    if let Some(&(_, sign @ ('+' | '-'))) = chars.peek() {
        number.push(sign);
        chars.next();
    }
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    while let Some(&(i, c)) = chars.peek() {
        match c {
            '0'..='9' => {
                number.push(c);
                seen_digit = true;
            }
            ',' if seen_digit && !seen_point => {}
            '.' if seen_digit && !seen_point => {
                number.push('.');
                seen_point = true;
            }
            _ => break,
        }
        end = i + c.len_utf8();
        chars.next();
    }
    if !seen_digit {
        parsed.not_a_number = true;
        return parsed;
    }
    let number = number.trim_end_matches('.');
    parsed.value = if seen_point && number.contains('.') {
        // Not finite (hundreds of digits) is no number JSON can hold.
        number.parse::<f64>().ok().filter(|f| f.is_finite()).map(Number::Dec)
    } else {
        number.parse::<i64>().ok().map(Number::Int)
    };
    let rest = &folded[end..];
    if let Some(unit) = MONEY_UNITS.iter().find(|u| rest.starts_with(**u)) {
        parsed.unit = Some((*unit).to_string());
        let after = &rest[unit.len()..];
        if !after.is_empty() {
            parsed.note = Some(after.to_string());
        }
    } else if let Some(unit) = COUNT_UNITS.iter().find(|u| rest.starts_with(**u)) {
        let after = &rest[unit.len()..];
        if !after.is_empty() {
            parsed.note = Some(after.to_string());
        }
    } else if !rest.is_empty() && rest != "%" {
        parsed.note = Some(rest.to_string());
    }
    parsed
}

/// A money unit in a column header: "本年收费金额（单位：万元）",
/// "采购总金额（万元）".
pub fn unit_in_header(header: &str) -> Option<String> {
    let compact: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let open = compact.rfind(['（', '('])?;
    let inner = &compact[open..];
    MONEY_UNITS.iter().find(|u| inner.contains(**u)).map(|u| (*u).to_string())
}

#[cfg(test)]
mod tests {
    use super::super::stats::json_of;
    use super::*;
    use serde_json::{Value, json};

    fn value(text: &str) -> Value {
        json_of(parse(text).value)
    }

    #[test]
    fn blanks_and_dashes_are_null_never_zero() {
        for text in ["", " ", "—", "-", "/", "／", "——", "－"] {
            assert_eq!(value(text), Value::Null, "{text:?}");
            assert!(!parse(text).not_a_number);
        }
    }

    #[test]
    fn numbers_in_their_written_forms() {
        assert_eq!(value("无"), json!(0));
        assert_eq!(value("0"), json!(0));
        assert_eq!(value("１２３"), json!(123));
        assert_eq!(value("+4"), json!(4));
        assert_eq!(value("-18"), json!(-18));
        assert_eq!(value("－18"), json!(-18));
        assert_eq!(value("＋3"), json!(3));
        assert_eq!(value("1,234"), json!(1234));
        assert_eq!(value("1，234"), json!(1234));
        assert_eq!(value("12.35"), json!(12.35));
        assert_eq!(value("356.8"), json!(356.8));
        assert_eq!(value("5件"), json!(5));
    }

    #[test]
    fn notes_and_units_after_the_number() {
        let p = parse("55（含自然失效29件）");
        assert_eq!(p.value, Some(Number::Int(55)));
        assert_eq!(p.note.as_deref(), Some("（含自然失效29件）"));
        let p = parse("251000元");
        assert_eq!((p.value, p.unit.as_deref(), p.note), (Some(Number::Int(251000)), Some("元"), None));
        let p = parse("12.5万元");
        assert_eq!((p.value, p.unit.as_deref()), (Some(Number::Dec(12.5)), Some("万元")));
    }

    #[test]
    fn text_is_not_a_number() {
        let p = parse("不适用");
        assert_eq!(p.value, None);
        assert!(p.not_a_number);
    }

    #[test]
    fn units_in_headers() {
        assert_eq!(unit_in_header("本年收费金额（单位：万元）").as_deref(), Some("万元"));
        assert_eq!(unit_in_header("采购总金额（万元）").as_deref(), Some("万元"));
        assert_eq!(unit_in_header("采购总金额(元)").as_deref(), Some("元"));
        assert_eq!(unit_in_header("采购总金额"), None);
    }
}
