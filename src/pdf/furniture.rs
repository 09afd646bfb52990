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

/// The factors of the furniture rule, as data ([`FurnitureSettings::default`]
/// is what `govdoc convert` uses).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FurnitureSettings {
    /// Share of the page height at the top and at the bottom where headers,
    /// footers and page numbers live — the margin bands outside the body's
    /// text block. Default 0.12 (A4: 101 pt; official documents set the body
    /// 37 mm = 105 pt from the top edge, the page number below the body).
    pub band: f32,
    /// A line repeated on at least this share of the pages (and on
    /// [`repeated_min_pages`](Self::repeated_min_pages) at least) is a
    /// running header or footer. Default 0.4: below one half, so headers
    /// that alternate between odd and even pages count.
    pub repeated_share: f32,
    /// Fewest pages a running header or footer repeats on. Default 3: the
    /// same lines at the foot of both pages of a two-page letter (a
    /// letterhead, signature labels) are too little evidence to take them
    /// for furniture.
    pub repeated_min_pages: usize,
}

impl Default for FurnitureSettings {
    fn default() -> Self {
        FurnitureSettings { band: 0.12, repeated_share: 0.4, repeated_min_pages: 3 }
    }
}

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
pub fn find_furniture(pages: &[PageLines<'_>], settings: &FurnitureSettings) -> Vec<Vec<Option<Kind>>> {
    // Candidates: the lines of each band, outermost first.
    let bands: Vec<[Vec<usize>; 2]> = pages.iter().map(|p| band_lines(p, settings.band)).collect();
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
    let needed = ((pages.len() as f32 * settings.repeated_share).ceil() as usize).max(settings.repeated_min_pages);
    let mut out: Vec<Vec<Option<Kind>>> = pages.iter().map(|p| vec![None; p.lines.len()]).collect();
    for (p, page) in pages.iter().enumerate() {
        for (side, band) in [Side::Top, Side::Bottom].into_iter().zip(&bands[p]) {
            // From the page edge inwards, while the lines are furniture.
            for &i in band {
                let line = &page.lines[i];
                let kind = if is_page_number(&line.text) {
                    Kind::PageNumber
                } else if repeats_words(&line.text)
                    && pages_with.get(&key(side, line)).is_some_and(|pages| pages.len() >= needed)
                {
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

/// True when a line's repeat key keeps words to repeat. A line of numbers
/// alone ("0020015 8", "12.5 30") masks to the same key as every other
/// number: it repeats no text, so it is furniture only as a page number
/// ([`is_page_number`]) — otherwise it is the page's content (a figure, a
/// row of values that opens the page).
fn repeats_words(text: &str) -> bool {
    let key = repeat_key(text);
    !key.contains('#') || key.chars().any(char::is_alphabetic)
}

fn key(side: Side, line: &Line) -> (Side, String, i32) {
    (side, repeat_key(&line.text), (line.size * 2.0).round() as i32)
}

/// Indices of the lines in the top band (from the top down) and in the
/// bottom band (from the bottom up).
fn band_lines(page: &PageLines<'_>, band: f32) -> [Vec<usize>; 2] {
    let height = if page.height.is_finite() && page.height > 0.0 {
        page.height
    } else {
        page.lines.iter().map(|l| l.rect.bottom).fold(0.0, f32::max)
    };
    let top: Vec<usize> = (0..page.lines.len()).take_while(|&i| page.lines[i].rect.bottom <= band * height).collect();
    let bottom: Vec<usize> = (0..page.lines.len())
        .rev()
        .take_while(|&i| page.lines[i].rect.top >= (1.0 - band) * height && !top.contains(&i))
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

    /// The texts marked as furniture on each of `pages` (A4, no tables).
    fn marked_per_page(pages: &[Vec<Line>]) -> Vec<Vec<String>> {
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: false }).collect();
        let f = find_furniture(&refs, &FurnitureSettings::default());
        pages
            .iter()
            .zip(&f)
            .map(|(lines, marks)| {
                lines.iter().zip(marks).filter(|(_, m)| m.is_some()).map(|(l, _)| l.text.clone()).collect()
            })
            .collect()
    }

    fn body(top: f32) -> Vec<Line> {
        (0..20).map(|k| line("正文内容，一行又一行。", top + 28.0 * k as f32, 16.0)).collect()
    }

    #[test]
    fn page_numbers_in_the_bands_are_furniture_body_numbers_are_not() {
        let mut lines = body(110.0);
        lines.insert(10, line("42", 390.0, 16.0)); // a number inside the body
        lines.push(line("- 4 -", 790.0, 14.0));
        let f = find_furniture(&[PageLines { height: 842.0, lines: &lines, other_content: false }], &FurnitureSettings::default());
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
        for (p, marked) in marked_per_page(&pages).iter().enumerate() {
            assert_eq!(marked.len(), 3, "page {}: {marked:?}", p + 1);
            assert!(marked.iter().any(|t| t == "石狮市商务局文件"));
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
        ], &FurnitureSettings::default());
        assert!(f.iter().flatten().all(Option::is_none));
        assert!(find_furniture(&[], &FurnitureSettings::default()).is_empty());
        assert_eq!(
            find_furniture(&[PageLines { height: f32::NAN, lines: &[], other_content: false }], &FurnitureSettings::default()),
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
        assert!(find_furniture(&refs, &FurnitureSettings::default()).iter().flatten().all(Option::is_none));
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: true }).collect();
        assert!(find_furniture(&refs, &FurnitureSettings::default()).iter().flatten().all(|m| *m == Some(Kind::RunningHeader)));
        // A page number alone on a page stays too.
        let lonely = [line("- 4 -", 790.0, 14.0)];
        let f = find_furniture(&[PageLines { height: 842.0, lines: &lonely, other_content: false }], &FurnitureSettings::default());
        assert_eq!(f, vec![vec![None]]);
    }

    #[test]
    fn a_line_of_numbers_alone_repeats_no_text() {
        // "0020015 8" above the page's text and other numbers at the top of
        // other pages all mask to "#": that is no running header. A real
        // running header with a number in it still is one.
        let pages: Vec<Vec<Line>> = (0..4)
            .map(|n| {
                let mut lines = vec![line(&format!("00200{} {}", 13 + n, 6 + n), 40.0, 12.0)];
                lines.push(line(&format!("石狮市人民政府公报 2020 年第 {n} 期"), 60.0, 10.0));
                lines.extend(body(110.0));
                lines
            })
            .collect();
        for (p, marked) in marked_per_page(&pages).iter().enumerate() {
            assert!(marked.is_empty(), "page {}: {marked:?}", p + 1);
        }
        // Without the number line above it, the bulletin's name is a running header.
        let pages: Vec<Vec<Line>> = pages.iter().map(|l| l[1..].to_vec()).collect();
        let refs: Vec<PageLines> =
            pages.iter().map(|l| PageLines { height: 842.0, lines: l, other_content: false }).collect();
        let f = find_furniture(&refs, &FurnitureSettings::default());
        assert!(f.iter().all(|page| page[0] == Some(Kind::RunningHeader)), "{f:?}");
        assert!(!repeats_words("0020015 8") && !repeats_words("12.5 30"));
        assert!(repeats_words("______") && repeats_words("Page 3 of 9") && repeats_words("第3期"));
    }

    #[test]
    fn a_narrower_band_leaves_a_line_below_it_in_the_body() {
        let mut lines = body(110.0);
        lines.push(line("- 4 -", 760.0, 14.0));
        let page = [PageLines { height: 842.0, lines: &lines, other_content: false }];
        assert_eq!(find_furniture(&page, &FurnitureSettings::default())[0].last(), Some(&Some(Kind::PageNumber)));
        let narrow = FurnitureSettings { band: 0.05, ..FurnitureSettings::default() };
        assert_eq!(find_furniture(&page, &narrow)[0].last(), Some(&None));
    }
}
