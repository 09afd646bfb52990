//! Matching row and column labels as real reports write them: with or
//! without sequence numbers (1、 1. 1． （一）), full- or half-width
//! punctuation, line breaks inside the label, and the typos that occur
//! ("其他法律行政止公开", "三类内容事务信息", "只计这一情况").

use serde::Deserialize;

use crate::text::{comparable, official_number};

/// A template label with its comparable key, computed once when the
/// templates are loaded.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "String")]
pub struct Label {
    pub text: String,
    pub key: String,
}

impl From<String> for Label {
    fn from(text: String) -> Self {
        Label { key: label_key(&text), text }
    }
}

/// Smallest similarity (1 − edit distance / length) at which two labels are
/// the same label with a typo. Labels of four characters or fewer must match
/// exactly: "其他" is not "其他处理".
pub const MIN_SIMILARITY: f64 = 0.74;
const MIN_FUZZY_CHARS: usize = 5;

/// The comparable core of a label: white space, width and punctuation
/// folded, leading sequence numbers stripped ("三、（一）予以公开" → "予以公开"),
/// then everything but letters, digits and ideographs dropped.
pub fn label_key(text: &str) -> String {
    let mut rest: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    while let Some((_, len)) = official_number(&rest) {
        rest.drain(..len);
    }
    comparable(&rest).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// How well `text` matches the template label `label` (both raw), from 0 to
/// 1: 1 for the same key, 0.9 when the text ends with the label (a row label
/// written with its group in one cell), 0.85 when it starts with a label of
/// four or more characters (a unit or note after it), else 1 − relative edit
/// distance for labels long enough to carry a typo.
pub fn similarity(text: &str, label: &str) -> f64 {
    key_similarity(&label_key(text), &label_key(label))
}

/// [`similarity`] of two keys already made by [`label_key`].
pub fn key_similarity(text: &str, label: &str) -> f64 {
    if text.is_empty() || label.is_empty() {
        return 0.0;
    }
    if text == label {
        return 1.0;
    }
    let label_chars = label.chars().count();
    if label_chars >= 2 && text.ends_with(label) {
        return 0.9;
    }
    // A header with a unit or note after the label: "采购总金额（万元）".
    if label_chars >= 4 && text.starts_with(label) {
        return 0.85;
    }
    let text_chars = text.chars().count();
    if label_chars < MIN_FUZZY_CHARS || text_chars < MIN_FUZZY_CHARS {
        return 0.0;
    }
    let distance = levenshtein(text, label);
    1.0 - distance as f64 / text_chars.max(label_chars) as f64
}

/// The best of `candidates` (index, its label variants) for `text`, if it
/// clears [`MIN_SIMILARITY`]. Ties go to the earlier candidate.
pub fn best_match<'a, I>(text: &str, candidates: I) -> Option<(usize, f64)>
where
    I: IntoIterator<Item = (usize, &'a [Label])>,
{
    let key = label_key(text);
    let mut best: Option<(usize, f64)> = None;
    for (index, labels) in candidates {
        let s = labels.iter().map(|l| key_similarity(&key, &l.key)).fold(0.0, f64::max);
        if s >= MIN_SIMILARITY && best.is_none_or(|(_, b)| s > b) {
            best = Some((index, s));
        }
    }
    best
}

/// A label read by OCR may come with one character misread ("本年增/碱" for
/// "本年增/减"), which [`MIN_SIMILARITY`] does not forgive in a short label.
/// Such a read names the template label it is at most this many edits from
/// (characters misread, dropped or added) ...
pub const OCR_MAX_EDITS: usize = 1;
/// ... when both have at least this many characters (one character in two
/// or three is too much to guess) ...
pub const OCR_MIN_CHARS: usize = 4;

/// ... and that label is the only one of `candidates` so near: two labels
/// a character apart from the read ("行政许可" and "行政处罚" from "行政处可")
/// leave it unmatched. Returns the candidate's index and its label.
pub fn ocr_nearest<'a, I>(text: &str, candidates: I) -> Option<(usize, &'a Label)>
where
    I: IntoIterator<Item = (usize, &'a [Label])>,
{
    let key = label_key(text);
    if key.chars().count() < OCR_MIN_CHARS {
        return None;
    }
    let mut near: Option<(usize, &Label)> = None;
    for (index, labels) in candidates {
        let close = labels.iter().find(|l| {
            l.key.chars().count() >= OCR_MIN_CHARS && key != l.key && levenshtein(&key, &l.key) <= OCR_MAX_EDITS
        });
        if let Some(label) = close {
            if near.is_some() {
                return None;
            }
            near = Some((index, label));
        }
    }
    near
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_numbering_width_and_punctuation() {
        assert_eq!(label_key("三、（一）予以公开"), "予以公开");
        assert_eq!(
            label_key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)"),
            "部分公开区分处理的只计这一情形不计其他情形"
        );
        assert_eq!(
            label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开区分处理的只计这一情形不计其他情形"
        );
        assert_eq!(label_key("1、属于国家秘密"), "属于国家秘密");
        assert_eq!(label_key("1．属于国家秘密"), "属于国家秘密");
        assert_eq!(label_key("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(label_key("本年增/减"), "本年增减");
        assert_eq!(label_key("自\n然\n人"), "自然人");
        assert_eq!(label_key("（七）总计"), "总计");
        assert_eq!(label_key("本年收费金额（单位：万元）"), "本年收费金额单位万元");
    }

    #[test]
    fn real_typos_still_match_their_label() {
        for (typo, label) in [
            ("2.其他法律行政止公开", "其他法律行政法规禁止公开"),
            ("5.属于三类内容事务信息", "属于三类内部事务信息"),
            (
                "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
                "部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            ("1.本机关不掌握相关信息", "本机关不掌握相关政府信息"),
            ("三、本年度办理结果（一）予以公开", "予以公开"),
            ("采购总金额（万元）", "采购总金额"),
        ] {
            assert!(similarity(typo, label) >= MIN_SIMILARITY, "{typo} ~ {label}: {}", similarity(typo, label));
        }
    }

    #[test]
    fn different_labels_do_not_match() {
        for (a, b) in [
            ("其他", "其他处理"),
            ("法人或其他组织", "其他"),
            ("予以公开", "部分公开"),
            ("结果维持", "结果纠正"),
            ("属于国家秘密", "属于行政查询事项"),
            ("重复申请", "信访举报投诉类申请"),
            ("规章", "行政规范性文件"),
        ] {
            assert!(similarity(a, b) < MIN_SIMILARITY, "{a} vs {b}: {}", similarity(a, b));
        }
    }

    #[test]
    fn an_ocr_read_names_the_one_label_a_character_away() {
        let labels: Vec<Vec<Label>> = [
            vec!["上一年项目数量", "上一年项目数"],
            vec!["本年增/减", "本年增减"],
            vec!["行政许可"],
            vec!["行政处罚"],
            vec!["其他"],
        ]
        .iter()
        .map(|l| l.iter().map(|t| t.to_string().into()).collect())
        .collect();
        let candidates = || labels.iter().enumerate().map(|(i, l)| (i, l.as_slice()));
        assert_eq!(similarity("本年增/碱", "本年增/减"), 0.0, "too short for the typo rule");
        assert_eq!(ocr_nearest("本年增/碱", candidates()).map(|(i, l)| (i, l.text.as_str())), Some((1, "本年增/减")));
        assert_eq!(ocr_nearest("行政许司", candidates()).map(|m| m.0), Some(2));
        // Two labels a character away: neither is guessed.
        assert!(ocr_nearest("行政处可", candidates()).is_none());
        // Two characters off, or too short to tell.
        assert!(ocr_nearest("本年减少", candidates()).is_none());
        assert!(ocr_nearest("其它", candidates()).is_none());
    }

    #[test]
    fn best_match_prefers_the_closest_label() {
        let labels: [Vec<Label>; 3] =
            [vec!["予以公开".to_string().into()], vec!["部分公开".to_string().into()], vec!["总计".to_string().into()]];
        let candidates = || labels.iter().enumerate().map(|(i, l)| (i, l.as_slice()));
        assert_eq!(best_match("（二）部分公开", candidates()).map(|m| m.0), Some(1));
        assert_eq!(best_match("（七）总计", candidates()).map(|m| m.0), Some(2));
        assert_eq!(best_match("合计数", candidates()), None);
    }
}
