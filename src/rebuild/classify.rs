//! What each paragraph is: the title (its lines joined), a heading with its
//! level, or body text. Official numbering decides heading levels (SPEC:
//! 一、 → 1, （一） → 2, 1. → 3, （1） → 4) when the line reads as a heading;
//! a heading style or outline level from the format counts too.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, ParagraphFragment};
use crate::text::{normalize, official_number};

/// Longest line, in characters, that official numbering makes a heading.
const MAX_HEADING_CHARS: usize = 40;
/// Longest line that can be part of a title.
const MAX_TITLE_LINE_CHARS: usize = 60;
/// Longest first line taken as the title without layout telling so.
const MAX_PLAIN_TITLE_CHARS: usize = 40;
const MAX_TITLE_LINES: usize = 4;

/// Lines that sit near a title but are not part of it: document numbers
/// (石政〔2020〕1号), dates, parenthesized notes, a line ending in a colon,
/// a cover's byline ("预算主管部门：上海市普陀区财政局", "编制单位：…": see
/// [`is_byline`]) and the table of contents' heading.
static NOT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号
        | ^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$
        | ^[（(].*[）)]$
        | [:：]$
        | ^目\s*录$",
    )
    .expect("valid regex")
});

/// A byline: 2 to 12 characters naming a role, a colon, then a name
/// ("编制单位：某局"). Written out rather than as `^[^:：，。]{2,12}[:：]\s*\S`,
/// whose bounded repeat of a negated class compiles into 12 copies of a large
/// UTF-8 automaton, a cost paid by every process that converts a file.
fn is_byline(text: &str) -> bool {
    let Some(colon) = text.find([':', '：']) else { return false };
    let role = &text[..colon];
    let after = text[colon..].chars().skip(1).find(|c| !c.is_whitespace());
    (2..=12).contains(&role.chars().count()) && !role.contains(['，', '。']) && after.is_some()
}

/// Turns a run of consecutive paragraph fragments into blocks. `at_start`
/// says the run opens the document, where the title can be.
pub fn classify(paragraphs: Vec<ParagraphFragment>, at_start: bool) -> Vec<Block> {
    let paragraphs: Vec<ParagraphFragment> = paragraphs.into_iter().filter(|p| !p.text.is_empty()).collect();
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let mut rest = &paragraphs[..];
    if at_start {
        // The masthead of an official document (发文机关标志 "…文件" and the
        // document number) stands above its title.
        let masthead = paragraphs.iter().take_while(|p| is_masthead(&p.text)).count();
        for p in &paragraphs[..masthead] {
            blocks.push(Block::Paragraph { text: p.text.clone(), page: p.page, confidence: p.confidence });
        }
        let paragraphs = &paragraphs[masthead..];
        rest = paragraphs;
        let lines = title_lines(paragraphs);
        if lines > 0 {
            let joined: Vec<&str> = paragraphs[..lines].iter().map(|p| p.text.as_str()).collect();
            let confidence = joined_confidence(&paragraphs[..lines]);
            blocks.push(Block::Title { text: normalize(&joined.join("\n")), page: paragraphs[0].page, confidence });
            rest = &paragraphs[lines..];
        }
    }
    for p in rest {
        blocks.push(match heading_level(p) {
            Some(level) => Block::Heading { level, text: p.text.clone(), page: p.page, confidence: p.confidence },
            None => Block::Paragraph { text: p.text.clone(), page: p.page, confidence: p.confidence },
        });
    }
    blocks
}

/// The OCR confidence of paragraphs read as one block: their mean, weighted
/// by characters; `None` when none was read by OCR.
fn joined_confidence(paragraphs: &[ParagraphFragment]) -> Option<f64> {
    crate::confidence::weighted_mean(
        paragraphs.iter().filter_map(|p| p.confidence.map(|c| (c, p.text.chars().count()))),
    )
}

/// Document numbers (临政办发〔2024〕12号) and the issuing organ's mark
/// ("临溪县人民政府办公室文件"): one word, with no space, of at most 30
/// characters before 文件 or 12 before the bracketed year. The lengths are
/// counted here rather than written as `\S{2,30}`: a bounded repeat of a
/// negated class compiles into that many copies of a large UTF-8 automaton.
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<organ>\S*)文件|(?P<prefix>\S*?)[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号)$").expect("valid regex")
});

fn is_masthead(text: &str) -> bool {
    let Some(m) = MASTHEAD.captures(text) else { return false };
    let count = |name: &str| m.name(name).map(|g| g.as_str().chars().count());
    match (count("organ"), count("prefix")) {
        (Some(organ), _) => (2..=30).contains(&organ),
        (_, Some(prefix)) => prefix <= 12,
        _ => false,
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn has_sentence_punctuation(text: &str) -> bool {
    text.contains(['。', '！', '？', '；', '!', '?', ';'])
}

fn could_be_title(p: &ParagraphFragment) -> bool {
    chars(&p.text) <= MAX_TITLE_LINE_CHARS
        && official_number(&p.text).is_none()
        && p.numbering.is_none()
        && !has_sentence_punctuation(&p.text)
        && !NOT_TITLE.is_match(&p.text)
        && !is_byline(&p.text)
}

/// How many leading paragraphs form the title: the first line if it is laid
/// out as one (title style, centred, heading style) or is short and plain,
/// then the lines laid out as title lines after it.
fn title_lines(paragraphs: &[ParagraphFragment]) -> usize {
    let Some(first) = paragraphs.first() else {
        return 0;
    };
    let first_is_title = could_be_title(first)
        && (first.title_like || first.heading_level.is_some() || chars(&first.text) <= MAX_PLAIN_TITLE_CHARS);
    if !first_is_title {
        return 0;
    }
    let mut lines = 1;
    for p in paragraphs[1..].iter().take(MAX_TITLE_LINES - 1) {
        // A title ends with the kind of document it names ("…统计公报"): a
        // line after that is its byline, not more title.
        if !p.title_like || !could_be_title(p) || TITLE_END.is_match(&paragraphs[lines - 1].text) {
            break;
        }
        lines += 1;
    }
    lines
}

/// The kinds of document an official title ends with.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:报告|公报|通知|通报|决定|意见|办法|规定|决算|预算|规划|方案|纲要|条例|细则|批复|公告)$")
        .expect("valid regex")
});

/// The heading level of a paragraph, or `None` for body text.
pub fn heading_level(p: &ParagraphFragment) -> Option<u8> {
    if let Some((level, _)) = official_number(&p.text)
        && chars(&p.text) <= MAX_HEADING_CHARS && !has_sentence_punctuation(&p.text) {
            return Some(level);
        }
    p.heading_level.filter(|_| chars(&p.text) <= 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> ParagraphFragment {
        ParagraphFragment { text: text.to_string(), ..Default::default() }
    }

    fn centred(text: &str) -> ParagraphFragment {
        ParagraphFragment { title_like: true, ..para(text) }
    }

    fn kinds(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Title { text, .. } => format!("title:{text}"),
                Block::Heading { level, text, .. } => format!("h{level}:{text}"),
                Block::Paragraph { text, .. } => format!("p:{text}"),
                Block::Table(_) => "table".into(),
                Block::Note(n) => format!("note:{}", n.text),
            })
            .collect()
    }

    #[test]
    fn two_line_title_then_headings_by_official_numbering() {
        let blocks = classify(
            vec![
                centred("淮安市人民政府"),
                centred("2024年政府信息公开工作年度报告"),
                para(""),
                para("一、总体情况"),
                para("（一）主动公开"),
                para("今年以来政府信息主动公开数30条。"),
                para("1.属于国家秘密"),
                para("（1）规章"),
                para("（二）加大宣传力度。通过中国石狮网等主流媒体进行公开。"),
            ],
            true,
        );
        assert_eq!(
            kinds(&blocks),
            vec![
                "title:淮安市人民政府2024年政府信息公开工作年度报告",
                "h1:一、总体情况",
                "h2:（一）主动公开",
                "p:今年以来政府信息主动公开数30条。",
                "h3:1.属于国家秘密",
                "h4:（1）规章",
                "p:（二）加大宣传力度。通过中国石狮网等主流媒体进行公开。",
            ]
        );
    }

    #[test]
    fn a_covers_byline_and_the_contents_heading_are_not_title() {
        let blocks = classify(
            vec![
                centred("上海市普陀区2025年区级部门预算"),
                centred("预算主管部门：上海市普陀区财政局"),
                centred("目录"),
                para("一、部门主要职能……………………1"),
            ],
            true,
        );
        assert_eq!(
            kinds(&blocks)[..3],
            ["title:上海市普陀区2025年区级部门预算", "p:预算主管部门：上海市普陀区财政局", "p:目录"]
        );
    }

    #[test]
    fn a_title_ends_with_the_kind_of_document_it_names() {
        let blocks = classify(
            vec![centred("2023年周口市国民经济和社会发展统计公报"), centred("周口市统计局"), para("一、综合")],
            true,
        );
        assert_eq!(kinds(&blocks)[..2], ["title:2023年周口市国民经济和社会发展统计公报", "p:周口市统计局"]);
    }

    #[test]
    fn a_plain_short_first_line_is_the_title_but_a_sentence_is_not() {
        let blocks = classify(vec![para("石狮市商务局2019年政府信息公开工作年度报告"), para("一、总体情况")], true);
        assert_eq!(kinds(&blocks)[0], "title:石狮市商务局2019年政府信息公开工作年度报告");
        let blocks = classify(vec![para("各乡镇人民政府，县政府各部门："), para("现将有关事项通知如下。")], true);
        assert!(kinds(&blocks).iter().all(|k| k.starts_with("p:")));
        let blocks = classify(vec![para("标题"), centred("石政〔2020〕1号")], true);
        assert_eq!(kinds(&blocks), vec!["title:标题", "p:石政〔2020〕1号"]);
        let blocks = classify(
            vec![
                centred("临溪县人民政府办公室文件"),
                centred("临政办发〔2024〕12号"),
                centred("关于做好2024年度政府信息公开工作的通知"),
                para("各乡镇人民政府，县政府各部门："),
            ],
            true,
        );
        assert_eq!(
            kinds(&blocks),
            vec![
                "p:临溪县人民政府办公室文件",
                "p:临政办发〔2024〕12号",
                "title:关于做好2024年度政府信息公开工作的通知",
                "p:各乡镇人民政府，县政府各部门："
            ]
        );
    }

    #[test]
    fn masthead_and_byline_lengths() {
        let organ = |n: usize| format!("{}文件", "局".repeat(n));
        assert!(!is_masthead(&organ(1)) && is_masthead(&organ(2)) && is_masthead(&organ(30)) && !is_masthead(&organ(31)));
        assert!(!is_masthead("某 局文件"), "a masthead is one word");
        let number = |n: usize| format!("{}〔2024〕12号", "发".repeat(n));
        assert!(is_masthead(&number(0)) && is_masthead(&number(12)) && !is_masthead(&number(13)));
        assert!(is_masthead("临政办发（2024）12号") && !is_masthead("临政办发〔2024〕12号。"));
        assert!(is_byline("编制单位：某局") && is_byline("单位: 某局") && is_byline(&format!("{}：某局", "位".repeat(12))));
        assert!(!is_byline("位：某局"), "a one-character role");
        assert!(!is_byline(&format!("{}：某局", "位".repeat(13))));
        assert!(!is_byline("编制，单位：某局") && !is_byline("编制单位：  ") && !is_byline("编制单位"));
    }

    #[test]
    fn style_headings_count_when_numbering_does_not_say() {
        let styled = ParagraphFragment { heading_level: Some(2), ..para("工作要点") };
        let blocks = classify(vec![para("正文第一段，说明情况。"), styled], true);
        assert_eq!(kinds(&blocks), vec!["p:正文第一段，说明情况。", "h2:工作要点"]);
    }
}
