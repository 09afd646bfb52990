//! Page furniture: page numbers, running headers and running footers, found
//! among the lines of each page so they can be dropped before paragraphs are
//! built — a paragraph or a table broken by a page end then reads on as if
//! the page number were not there.
//!
//! A line is furniture when it lies in the top or bottom band of its page,
//! with only furniture between it and the page edge, and either reads as a
//! page number ([`is_page_number`]: "- 4 -", "— 5 —", "第 1 页 共 6 页",
//! "第1页/共6页", "4/6", a bare number) or repeats — the same text once
//! digits are masked ([`repeat_key`]), in the same band, at the same size —
//! on a good share of the document's pages.
//!
//! Furniture never takes a page's only content: a page whose every line
//! would be furniture (and that holds no table) keeps its lines — "Potato 3"
//! alone on page 3 is the page's text, not its header. Every removal is
//! named by its [`Kind`] ([`find_furniture`]) so the caller can list it in a
//! diagnostic.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::pdf::layout::Line;

/// Share of the page height at the top and at the bottom where headers,
/// footers and page numbers live (A4: 101 pt; official documents set the
/// body 37 mm = 105 pt from the top edge, the page number below the body).
const BAND: f32 = 0.12;
/// A line repeated on at least this share of the pages (and on
/// [`REPEATED_MIN_PAGES`] at least) is a running header or footer. Below one
/// half, so headers that alternate between odd and even pages count.
const REPEATED_SHARE: f32 = 0.4;
/// Fewest pages a running header or footer repeats on: the same lines at the
/// foot of both pages of a two-page letter (a letterhead, signature labels)
/// are too little evidence to take them for furniture.
const REPEATED_MIN_PAGES: usize = 3;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            [-—–―－~～·•]*\d{1,4}[-—–―－~～·•]*           # 4, - 4 -, — 5 —
          | 第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?          # 第1页, 第 1 页 共 6 页, 第1页/共6页
          | 共\d{1,4}页[,，/／]?第\d{1,4}页
          | \d{1,4}[/／]\d{1,4}                           # 4/6
          | (?:page|p\.?)\d{1,4}(?:of\d{1,4})?            # Page 4 of 6
          | \d{1,4}页
        )$",
    )
    .expect("valid regex")
});

/// Text compared without white space, with full-width digits as ASCII.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c })
        .collect()
}

/// True for the text of a page number as printed in a header or footer.
pub fn is_page_number(text: &str) -> bool {
    let t = compact(text);
    !t.is_empty() && PAGE_NUMBER.is_match(&t)
}

/// The text a running header or footer keeps from page to page: white space
/// dropped, every run of digits one '#'.
pub fn repeat_key(text: &str) -> String {
    let mut key = String::new();
    for c in compact(text).chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.push(c);
        }
    }
    key
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Top,
    Bottom,
}

/// One page's lines (sorted top to bottom) and its height.
#[derive(Debug, Clone, Copy)]
pub struct PageLines<'a> {
    pub height: f32,
    pub lines: &'a [Line],
    /// The page holds content besides these lines (a table), so removing
    /// every line still leaves the page its content.
    pub other_content: bool,
}

/// Why a line was taken for furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PageNumber,
    RunningHeader,
    RunningFooter,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::PageNumber => "page number",
            Kind::RunningHeader => "running header",
            Kind::RunningFooter => "running footer",
        }
    }
}

/// For each page, for each of its lines: what kind of furniture the line is,
/// or None for content.
pub fn find_furniture(pages: &[PageLines<'_>]) -> Vec<Vec<Option<Kind>>> {
    // Candidates: the lines of each band, outermost first.
    let bands: Vec<[Vec<usize>; 2]> = pages.iter().map(band_lines).collect();
    let mut pages_with: HashMap<(Side, String, i32), Vec<usize>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for (side, band) in [Side::Top, Side::Bottom].into_iter().zip(&bands[p]) {
            for &i in band {
                let entry = pages_with.entry(key(side, &page.lines[i])).or_default();
                if entry.last() != Some(&p) {
                    entry.push(p);
                }
            }
        }
    }
    let needed = ((pages.len() as f32 * REPEATED_SHARE).ceil() as usize).max(REPEATED_MIN_PAGES);
    let mut out: Vec<Vec<Option<Kind>>> = pages.iter().map(|p| vec![None; p.lines.len()]).collect();
    for (p, page) in pages.iter().enumerate() {
        for (side, band) in [Side::Top, Side::Bottom].into_iter().zip(&bands[p]) {
            // From the page edge inwards, while the lines are furniture.
            for &i in band {
                let line = &page.lines[i];
                let kind = if is_page_number(&line.text) {
                    Kind::PageNumber
                } else if pages_with.get(&key(side, line)).is_some_and(|pages| pages.len() >= needed) {
                    if side == Side::Top { Kind::RunningHeader } else { Kind::RunningFooter }
                } else {
                    break;
                };
                out[p][i] = Some(kind);
            }
        }
        // A page is never emptied: lines that are all it holds are content.
        if !page.other_content && out[p].iter().all(Option::is_some) {
            out[p].iter_mut().for_each(|m| *m = None);
        }
    }
    out
}

fn key(side: Side, line: &Line) -> (Side, String, i32) {
    (side, repeat_key(&line.text), (line.size * 2.0).round() as i32)
}

/// Indices of the lines in the top band (from the top down) and in the
/// bottom band (from the bottom up).
fn band_lines(page: &PageLines<'_>) -> [Vec<usize>; 2] {
    let height = if page.height.is_finite() && page.height > 0.0 {
        page.height
    } else {
        page.lines.iter().map(|l| l.rect.bottom).fold(0.0, f32::max)
    };
    let top: Vec<usize> = (0..page.lines.len()).take_while(|&i| page.lines[i].rect.bottom <= BAND * height).collect();
    let bottom: Vec<usize> = (0..page.lines.len())
        .rev()
        .take_while(|&i| page.lines[i].rect.top >= (1.0 - BAND) * height && !top.contains(&i))
        .collect();
    [top, bottom]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;

    fn line(text: &str, top: f32, size: f32) -> Line {
        Line { text: text.into(), rect: Rect { x0: 100.0, top, x1: 100.0 + size * text.chars().count() as f32, bottom: top + size }, size, bold: false, glyphs: Vec::new() }
    }

    #[test]
    fn page_number_patterns() {
        for t in [
            "- 4 -",
            "— 5 —",
            "－12－",
            "4",
            "１２",
            "第 1 页 共 6 页",
            "第1页/共6页",
            "第3页，共6页",
            "4/6",
            "Page 2 of 9",
            "~ 7 ~",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2019年", "一、总体情况", "30条", "12345", "第二十条", "1.属于国家秘密", "", "（一）"]
        {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn repeat_keys_mask_digits_and_spaces() {
        assert_eq!(repeat_key("石狮市人民政府公报 2020 年第 3 期"), "石狮市人民政府公报#年第#期");
        assert_eq!(repeat_key("第１页"), "第#页");
    }

    fn body(top: f32) -> Vec<Line> {
        (0..20).map(|k| line("正文内容，一行又一行。", top + 28.0 * k as f32, 16.0)).collect()
    }

    #[test]
    fn page_numbers_in_the_bands_are_furniture_body_numbers_are_not() {
        let mut lines = body(110.0);
        lines.insert(10, line("42", 390.0, 16.0)); // a number inside the body
        lines.push(line("- 4 -", 790.0, 14.0));
        let f = find_furniture(&[PageLines { height: 842.0, lines: &lines, other_content: false }]);
        let marked: Vec<&str> =
            lines.iter().zip(&f[0]).filter(|(_, m)| m.is_some()).map(|(l, _)| l.text.as_str()).collect();
        assert_eq!(marked, vec!["- 4 -"]);
    }

    #[test]
    fn running_headers_and_footers_repeat_across_pages() {
        let pages: Vec<Vec<Line>> = (1..=4)
            .map(|n| {
                let mut lines = vec![line("石狮市商务局文件", 40.0, 10.5)];
                if n == 1 {
                    // Page 1 opens with the title in the top band too.
                    lines.push(line("2019年政府信息公开工作年度报告", 80.0, 22.0));
                }
                lines.extend(body(110.0));
                lines.push(line(&format!("第 {n} 页 共 4 页"), 780.0, 10.5));
                lines.push(line(&format!("印发日期 2020 年 {n} 月"), 800.0, 10.5));
                lines
            })
            .collect();
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: false }).collect();
        let f = find_furniture(&refs);
        for (p, lines) in pages.iter().enumerate() {
            let marked: Vec<&str> =
                lines.iter().zip(&f[p]).filter(|(_, m)| m.is_some()).map(|(l, _)| l.text.as_str()).collect();
            assert_eq!(marked.len(), 3, "page {}: {marked:?}", p + 1);
            assert!(marked.contains(&"石狮市商务局文件"));
            assert!(!marked.iter().any(|t| t.contains("年度报告")));
        }
    }

    #[test]
    fn a_line_on_one_page_only_is_not_a_running_header() {
        let mut one = vec![line("通知", 40.0, 16.0)];
        one.extend(body(110.0));
        let two = body(110.0);
        let f = find_furniture(&[
            PageLines { height: 842.0, lines: &one, other_content: false },
            PageLines { height: 842.0, lines: &two, other_content: false },
        ]);
        assert!(f.iter().flatten().all(Option::is_none));
        assert!(find_furniture(&[]).is_empty());
        assert_eq!(
            find_furniture(&[PageLines { height: f32::NAN, lines: &[], other_content: false }]),
            vec![Vec::<Option<Kind>>::new()]
        );
    }

    #[test]
    fn a_page_is_never_emptied() {
        // "Potato N" alone on each page repeats in the top band of every page:
        // it is still each page's content. Next to a table it would go.
        let pages: Vec<Vec<Line>> = (0..5).map(|n| vec![line(&format!("Potato {n}"), 40.0, 12.0)]).collect();
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: false }).collect();
        assert!(find_furniture(&refs).iter().flatten().all(Option::is_none));
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: true }).collect();
        assert!(find_furniture(&refs).iter().flatten().all(|m| *m == Some(Kind::RunningHeader)));
        // A page number alone on a page stays too.
        let lonely = [line("- 4 -", 790.0, 14.0)];
        let f = find_furniture(&[PageLines { height: 842.0, lines: &lonely, other_content: false }]);
        assert_eq!(f, vec![vec![None]]);
    }
}
