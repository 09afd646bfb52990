//! The report's agency and year from its title, and its six sections.
//!
//! Titles come in a few real shapes: "石狮市商务局 2019 年 政府信息公开工作
//! 年度报告" (spaces), "淮安市人民政府" / "2024年政府信息公开工作年度报告"
//! (two lines, already joined by the rebuild stage), "2019年上海市人民政府
//! 办公厅政府信息公开工作年度报告" (year first), "…2019年度政府信息公开工作
//! 年度报告".

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::labels::{MIN_SIMILARITY, similarity};
use super::template::TEMPLATES;
use crate::model::{Block, Diagnostic};
use crate::text::official_number;

const REPORT_SUBJECT: &str = "政府信息公开";

/// A date line on its own: the end of the report, after its signature.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$",
    )
    .expect("valid regex")
});

/// Longest line taken for a signature (the agency's name above the date).
const MAX_SIGNATURE_CHARS: usize = 30;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})年度?").expect("valid regex"));

/// True for a title that names an annual report on information disclosure.
pub fn is_report_title(title: &str) -> bool {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    t.contains(REPORT_SUBJECT) && t.contains("年度报告")
}

fn year_value(digits: &str) -> Option<i64> {
    let ascii: String = digits
        .chars()
        .map(|c| match c {
            '〇' | '零' => '0',
            '一' => '1',
            '二' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' => '7',
            '八' => '8',
            '九' => '9',
            c => c,
        })
        .collect();
    ascii.parse().ok()
}

/// Agency and year named by a report title.
pub fn agency_and_year(title: &str) -> (Option<String>, Option<i64>) {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let subject = t.find(REPORT_SUBJECT).unwrap_or(t.len());
    let (before, after) = t.split_at(subject);
    let year_match = YEAR.captures(before).or_else(|| YEAR.captures(after));
    let year = year_match.as_ref().and_then(|c| year_value(&c[1]));
    let mut agency = before.to_string();
    if let Some(m) = YEAR.find(before) {
        agency.replace_range(m.range(), "");
    }
    let agency = agency.trim_start_matches("关于").trim_end_matches(['的', '（', '(']).trim().to_string();
    ((!agency.is_empty()).then_some(agency), year)
}

/// One of the report's six sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1 to 6 (一 to 六).
    pub no: u8,
    /// The section's heading as the document writes it; `None` when not found.
    pub title: Option<String>,
    /// The section's text, tables left out; `None` when not found.
    pub text: Option<String>,
}

/// The six sections: level-1 headings matched to the template's section
/// titles (or, for a heading matching none, its own number 一–六), each with
/// the text of its paragraphs and sub-headings, tables left out.
///
/// When the headings of another level name more of the template's sections
/// than the level-1 headings do, the sections are that level's (a document
/// whose heading numbering was lost on export — LibreOffice's HTML writes
/// "一、" headings as `<ol>` items shown "1.", read as level 3): its
/// headings are matched by title only, and one that names no section is a
/// sub-heading of the section it is in. A `report.sections_level` info says
/// so.
pub fn sections(blocks: &[Block], diagnostics: &mut Vec<Diagnostic>) -> Vec<Section> {
    let specs = &TEMPLATES.sections;
    let level = section_level(blocks);
    if level != 1 {
        diagnostics.push(Diagnostic::info(
            "report.sections_level",
            format!(
                "the sections' headings are read at heading level {level}: no level-1 heading names as many of them"
            ),
        ));
    }
    let mut found: Vec<Option<(String, Vec<String>)>> = vec![None; specs.len()];
    let mut current: Option<usize> = None;
    for block in blocks {
        match block {
            Block::Heading { level: l, text, .. } if *l == level => {
                let title = strip_number(text);
                let by_title = section_by_title(&title);
                let by_number = official_number(text)
                    .and_then(|(_, len)| chinese_ordinal(&text[..len]))
                    .and_then(|n| specs.iter().position(|s| usize::from(s.no) == n))
                    .filter(|_| level == 1);
                match by_title.or(by_number) {
                    None if level != 1 => {
                        if let Some((_, lines)) = current.and_then(|i| found[i].as_mut()) {
                            lines.push(text.clone());
                        }
                    }
                    matched => {
                        current = matched.filter(|&i| found[i].is_none());
                        if let Some(i) = current {
                            found[i] = Some((title, Vec::new()));
                        }
                    }
                }
            }
            Block::Paragraph { text, .. } if DATE_LINE.is_match(text) || is_annex_line(text) => {
                // The signature and date, or the annexes: the sections are over.
                if let Some((_, lines)) = current.and_then(|i| found[i].as_mut()) {
                    let signature = lines.last().is_some_and(|l| {
                        l.chars().count() <= MAX_SIGNATURE_CHARS && !l.contains(['。', '，', '；', '：'])
                    });
                    if signature && DATE_LINE.is_match(text) {
                        lines.pop();
                    }
                }
                current = None;
            }
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                if let Some((_, lines)) = current.and_then(|i| found[i].as_mut()) {
                    lines.push(text.clone());
                }
            }
            Block::Title { .. } | Block::Table(_) | Block::Note(_) => {}
        }
    }
    specs
        .iter()
        .zip(found)
        .map(|(spec, section)| match section {
            Some((title, lines)) => Section { no: spec.no, title: Some(title), text: Some(lines.join("\n")) },
            None => {
                diagnostics.push(Diagnostic::warning(
                    "report.section_missing",
                    format!("no heading for section {} (\"{}\")", spec.no, spec.labels[0].text),
                ));
                Section { no: spec.no, title: None, text: None }
            }
        })
        .collect()
}

/// The template section a heading's title (its number stripped) names.
fn section_by_title(title: &str) -> Option<usize> {
    TEMPLATES.sections.iter().position(|s| {
        s.labels.iter().any(|l| similarity(title, &l.text) >= MIN_SIMILARITY || title.contains(l.text.as_str()))
    })
}

/// The heading level whose headings name the most distinct template
/// sections by title; level 1 unless another level names strictly more.
fn section_level(blocks: &[Block]) -> u8 {
    let mut named: std::collections::BTreeMap<u8, std::collections::BTreeSet<usize>> = Default::default();
    for block in blocks {
        if let Block::Heading { level, text, .. } = block
            && let Some(i) = section_by_title(&strip_number(text))
        {
            named.entry(*level).or_default().insert(i);
        }
    }
    let at_level_1 = named.get(&1).map_or(0, |s| s.len());
    named
        .iter()
        .filter(|(_, sections)| sections.len() > at_level_1)
        .max_by_key(|(level, sections)| (sections.len(), std::cmp::Reverse(**level)))
        .map_or(1, |(level, _)| *level)
}

/// "附件：…", "附件1", "附件" — the annexes start.
fn is_annex_line(text: &str) -> bool {
    text.strip_prefix("附件").is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(['：', ':', '1', '2', '3', '一', '二', '１', '２', ' '])
    })
}

fn strip_number(text: &str) -> String {
    match official_number(text) {
        Some((_, len)) => text[len..].trim().to_string(),
        None => text.to_string(),
    }
}

/// "三、" → 3.
fn chinese_ordinal(label: &str) -> Option<usize> {
    const DIGITS: &str = "一二三四五六七八九十";
    let c = label.chars().next()?;
    DIGITS.chars().position(|d| d == c).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_their_real_shapes() {
        let cases = [
            ("石狮市商务局 2019 年 政府信息公开工作年度报告", Some("石狮市商务局"), Some(2019)),
            ("淮安市人民政府2024年政府信息公开工作年度报告", Some("淮安市人民政府"), Some(2024)),
            ("2019年上海市人民政府办公厅政府信息公开工作年度报告", Some("上海市人民政府办公厅"), Some(2019)),
            ("青州市自然资源和规划局2019年度政府信息公开工作年度报告", Some("青州市自然资源和规划局"), Some(2019)),
            ("滨海县交通运输局政府信息公开工作年度报告（2022年）", Some("滨海县交通运输局"), Some(2022)),
            ("二〇二〇年某某县人民政府政府信息公开工作年度报告", Some("某某县人民政府"), Some(2020)),
        ];
        for (title, agency, year) in cases {
            assert!(is_report_title(title), "{title}");
            let (a, y) = agency_and_year(title);
            assert_eq!((a.as_deref(), y), (agency, year), "{title}");
        }
        assert!(!is_report_title("关于2023年度行政审批事项办理情况的通报"));
    }

    #[test]
    fn sections_by_title_variant_and_by_number() {
        let h = |t: &str| Block::Heading { level: 1, text: t.into(), page: None, confidence: None };
        let p = |t: &str| Block::Paragraph { text: t.into(), page: None, confidence: None };
        let blocks = vec![
            h("一、总体情况"),
            Block::Heading { level: 2, text: "（一）主动公开".into(), page: None, confidence: None },
            p("第一段。"),
            p("第二段。"),
            h("二、主动公开政府信息情况"),
            h("五、政府信息公开工作存在的主要问题及改进情况"),
            p("问题。"),
            h("六、其他"),
            p("无。"),
            p("云岭市人民政府办公室"),
            p("2021年1月25日"),
            p("附件：政府信息公开行政复议、行政诉讼情况统计表"),
            p("附件说明。"),
        ];
        let mut d = Vec::new();
        let s = sections(&blocks, &mut d);
        assert_eq!(s[0].text.as_deref(), Some("（一）主动公开\n第一段。\n第二段。"));
        assert_eq!(s[0].title.as_deref(), Some("总体情况"));
        assert_eq!(s[1].text.as_deref(), Some(""));
        assert_eq!(s[2].title, None);
        assert_eq!(s[4].title.as_deref(), Some("政府信息公开工作存在的主要问题及改进情况"));
        assert_eq!(s[5].text.as_deref(), Some("无。"), "matched by its number; signature, date and annex left out");
        assert_eq!(d.iter().filter(|d| d.code == "report.section_missing").count(), 2);
        assert!(!d.iter().any(|d| d.code == "report.sections_level"));
    }

    #[test]
    fn sections_whose_numbering_was_lost_are_found_at_their_own_level() {
        // LibreOffice's HTML export: every heading an `<ol>` item "1.", read
        // as level 3; the sub-headings numbered in lists of their own.
        let h = |t: &str| Block::Heading { level: 3, text: t.into(), page: None, confidence: None };
        let p = |t: &str| Block::Paragraph { text: t.into(), page: None, confidence: None };
        let blocks = vec![
            h("1.总体情况"),
            p("引言。"),
            h("1.主动公开"),
            p("主动公开了。"),
            h("2.依申请公开"),
            h("2.主动公开政府信息情况"),
            h("3.收到和处理政府信息公开申请情况"),
            h("4.政府信息公开行政复议、行政诉讼情况"),
            h("5.存在的主要问题及改进情况"),
            p("问题。"),
            h("6.其他需要报告的事项"),
            p("无。"),
        ];
        let mut d = Vec::new();
        let s = sections(&blocks, &mut d);
        assert_eq!(s[0].title.as_deref(), Some("总体情况"));
        assert_eq!(s[0].text.as_deref(), Some("引言。\n1.主动公开\n主动公开了。\n2.依申请公开"));
        assert_eq!(s[1].title.as_deref(), Some("主动公开政府信息情况"));
        assert_eq!(s[4].text.as_deref(), Some("问题。"));
        assert_eq!(s[5].text.as_deref(), Some("无。"));
        assert!(s.iter().all(|s| s.title.is_some()));
        assert!(d.iter().any(|d| d.code == "report.sections_level"));
        assert!(!d.iter().any(|d| d.code == "report.section_missing"));
    }
}
