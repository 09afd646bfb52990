//! The evidence for and against reading two table parts as one table, as a
//! reader weighs it: what stands between the parts, and whether the second
//! part's rows continue the first's — numbered row labels going on (4. → 5.,
//! （三） → （四）, 第二十条第（八）项 → （九）项), or starting over, or rows
//! that repeat the table above (a copy, not a continuation).

use std::fmt;

use crate::grid::{Grid, is_value_text};
use crate::model::BreakKind;
use crate::text::{comparable, official_number};

/// What stands between two table parts in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Between {
    /// Nothing at all, and the format draws the two as one table (DOCX).
    pub touching: bool,
    /// Empty paragraphs (blank lines).
    pub empty_paragraphs: usize,
    /// A page end: an explicit page or section break, a page end of the
    /// file's last layout, or (PDF) the parts lie on different pages.
    pub page_end: Option<PageEnd>,
    /// A continuation marker paragraph (续表).
    pub marker: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageEnd {
    Break(BreakKind),
    Rendered,
    NextPage,
    /// The edge between two pictures a table was cut into.
    PictureEdge,
}

impl fmt::Display for Between {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if self.touching {
            parts.push("nothing".into());
        }
        match self.page_end {
            Some(PageEnd::Break(BreakKind::Page)) => parts.push("a page break".into()),
            Some(PageEnd::Break(BreakKind::Section)) => parts.push("a section break".into()),
            Some(PageEnd::Rendered) => parts.push("a page end of the file's last layout".into()),
            Some(PageEnd::NextPage) => parts.push("a page end".into()),
            Some(PageEnd::PictureEdge) => parts.push("the edge between two pictures".into()),
            None => {}
        }
        match self.empty_paragraphs {
            0 => {}
            1 => parts.push("an empty paragraph".into()),
            n => parts.push(format!("{n} empty paragraphs")),
        }
        if let Some(marker) = &self.marker {
            parts.push(format!("the marker \"{marker}\""));
        }
        if parts.is_empty() {
            parts.push("no text".into());
        }
        f.write_str(&parts.join(", "))
    }
}

/// Why a continuation was read as part of the table above: the deciding
/// evidence, strongest first. A join needs at least one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// Nothing stands between the parts: the format draws them as one table.
    Touching,
    /// The continuation opens with the table's header, repeated row for row
    /// and cell for cell (all of it, or its last rows under merges).
    HeaderRepeated(usize),
    /// As [`Evidence::HeaderRepeated`], one side read by OCR: the same cells,
    /// most of their labels alike but not all the same.
    HeaderRepeatedAsRead(usize),
    /// The first part is header rows only; the second is its body, or the
    /// rest of the header and the body.
    HeaderThenBody,
    /// The first part is header rows only; the continuation's header rows
    /// divide the cells of its last row (the rest of a header cut in two).
    HeaderContinued,
    /// The continuation opens with a sub-header the table above has.
    SubHeader,
    /// The continuation opens with the table's next sub-table, its title
    /// numbered next after the last one above.
    NextSubTable { last: String, next: String },
    /// The row labels go on from the first part's last ones.
    NumberingContinues { last: String, next: String },
    /// The first row finishes the last row above, or a merged label cell
    /// runs on across the cut.
    RowContinues(&'static str),
    /// A continuation marker (续表) stands between the parts.
    Marker,
    /// A page end stands between the parts and the continuation has no
    /// header of its own: it cannot be read alone.
    PageEndWithoutHeader,
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Touching => f.write_str("nothing stands between the parts, which the format draws as one table"),
            Evidence::HeaderRepeated(n) => write!(f, "the continuation repeats the header ({n} row(s), cell for cell)"),
            Evidence::HeaderRepeatedAsRead(n) => write!(
                f,
                "the continuation repeats the header as OCR read it ({n} row(s), the same cells, most labels alike)"
            ),
            Evidence::HeaderThenBody => f.write_str("the first part holds only header rows, the second its body"),
            Evidence::HeaderContinued => {
                f.write_str("the first part holds only header rows, the second the rest of the header and the body")
            }
            Evidence::SubHeader => f.write_str("the continuation opens with one of the table's sub-headers"),
            Evidence::NextSubTable { last, next } => {
                write!(f, "the continuation opens with the table's next sub-table ({last} → {next})")
            }
            Evidence::NumberingContinues { last, next } => write!(f, "the row numbering continues ({last} → {next})"),
            Evidence::RowContinues(what) => f.write_str(what),
            Evidence::Marker => f.write_str("a continuation marker stands between the parts"),
            Evidence::PageEndWithoutHeader => f.write_str("a page end before a continuation with no header of its own"),
        }
    }
}

/// The leading official numbers of a label, outermost first, as (level,
/// value): "三、（一）予以公开" → [(1, 3), (2, 1)]; "5.属于…" → [(3, 5)].
pub fn label_numbers(text: &str) -> Vec<(u8, u32)> {
    let mut numbers = Vec::new();
    let mut rest = text.trim_start();
    while let Some((level, len)) = official_number(rest) {
        let Some(value) = numeral_value(&rest[..len]) else { break };
        numbers.push((level, value));
        rest = rest[len..].trim_start();
    }
    numbers
}

/// The value of the numeral in a label ("（十二）" → 12, "3." → 3), Arabic
/// (half- or full-width) or Chinese up to 99.
pub fn numeral_value(label: &str) -> Option<u32> {
    let digits: String = label
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c) || "一二三四五六七八九十两〇零".contains(*c))
        .collect();
    if digits.is_empty() {
        return None;
    }
    if let Some(d) = digits.chars().next().and_then(arabic_digit) {
        let mut value = d;
        for c in digits.chars().skip(1) {
            value = value.checked_mul(10)?.checked_add(arabic_digit(c)?)?;
        }
        return Some(value);
    }
    chinese_value(&digits)
}

fn arabic_digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|i| i as u32).or(match c {
        '零' => Some(0),
        '两' => Some(2),
        _ => None,
    })
}

/// 一 … 九十九 (十, 十一, 二十, 二十三).
fn chinese_value(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => chinese_digit(*d),
        ['十', d] => Some(10 + chinese_digit(*d)?),
        [t, '十'] => Some(10 * chinese_digit(*t)?),
        [t, '十', d] => Some(10 * chinese_digit(*t)? + chinese_digit(*d)?),
        _ => None,
    }
}

/// True when `next` is `last` with one numeral one higher and everything
/// else equal: "第二十条第（八）项" → "第二十条第（九）项", "表3" → "表4".
pub fn is_successor_title(last: &str, next: &str) -> bool {
    let (a, b) = (comparable(last), comparable(next));
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let is_numeral = |c: char| arabic_digit(c).is_some() || chinese_digit(c).is_some() || c == '十';
    let mut prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    while prefix > 0 && is_numeral(a[prefix - 1]) {
        prefix -= 1; // "十" / "十一": the numeral starts before the first difference
    }
    let mut suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    while suffix > 0 && is_numeral(a[a.len() - suffix]) {
        suffix -= 1;
    }
    let middle = |s: &[char]| s[prefix..s.len() - suffix].iter().collect::<String>();
    let (x, y) = (middle(&a), middle(&b));
    if x.is_empty() || y.is_empty() || !x.chars().chain(y.chars()).all(is_numeral) {
        return false;
    }
    matches!((numeral_value(&x), numeral_value(&y)), (Some(x), Some(y)) if y == x + 1)
}

/// What the row labels say about a continuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Numbering {
    /// The first numbered label of the continuation follows the last one of
    /// the table above at the same level.
    Continues { last: String, next: String },
    /// It starts over (1 after 3, or a number already used): another table.
    Restarts,
    /// No numbered labels to compare, or a gap.
    Silent,
}

/// The label cells of a body row: cells before the first value column, left
/// to right, with their text.
fn label_cells(grid: &Grid, row: usize, labels: usize) -> impl Iterator<Item = &str> {
    grid.cells_starting_in(row).filter(move |c| c.col < labels && !c.text.is_empty()).map(|c| c.text.as_str())
}

/// Compares the numbered row labels across the cut: the outermost numbered
/// label in the continuation's first labelled row against the last label of
/// that level above. `labels` is the number of label columns (the columns
/// before the first value column) on the joined grid; the body starts at
/// `top_body` and `bottom_body`.
pub fn numbering(top: &Grid, top_body: usize, bottom: &Grid, bottom_body: usize, labels: usize) -> Numbering {
    let mut last: Vec<Option<(u32, String)>> = vec![None; 5];
    for row in top_body..top.rows {
        for text in label_cells(top, row, labels) {
            for (level, value) in label_numbers(text) {
                last[level as usize] = Some((value, text.to_string()));
                // A new outer number starts the inner sequences afresh.
                last.iter_mut().skip(level as usize + 1).for_each(|l| *l = None);
            }
        }
    }
    // The first row of a table of header-like rows only counts as its first label.
    let top_first = if top_body < top.rows { top_body } else { 0 };
    if first_label(top, top_first, labels).is_some_and(|first| first_label(bottom, bottom_body, labels) == Some(first))
    {
        return Numbering::Restarts; // the row sequence starts over: 一季度 … then 一季度 again
    }
    if let Some(serial) = serial_numbers(top, top_body, bottom, bottom_body) {
        return serial;
    }
    for row in bottom_body..bottom.rows {
        for text in label_cells(bottom, row, labels) {
            let Some(&(level, value)) = label_numbers(text).first() else { continue };
            return match &last[level as usize] {
                Some((previous, label)) if value == previous + 1 => {
                    Numbering::Continues { last: short(label), next: short(text) }
                }
                Some((previous, _)) if value <= *previous => Numbering::Restarts,
                _ => Numbering::Silent,
            };
        }
        if grid_row_has_values(bottom, row) {
            // A labelled row without a number: the labels say nothing.
            return Numbering::Silent;
        }
    }
    Numbering::Silent
}

/// The label of the first body row that has one (its leftmost label cell).
fn first_label(grid: &Grid, body: usize, labels: usize) -> Option<String> {
    (body..grid.rows).find_map(|row| label_cells(grid, row, labels).next().map(comparable))
}

/// A serial-number column (序号 1, 2, 3 …) opening every body row: the
/// continuation's first number against the last above. `None` without one.
fn serial_numbers(top: &Grid, top_body: usize, bottom: &Grid, bottom_body: usize) -> Option<Numbering> {
    let serial = |grid: &Grid, row: usize| -> Option<u32> {
        let cell = grid.cells_starting_in(row).next().filter(|c| c.col == 0)?;
        let text = cell.text.trim();
        (!text.is_empty() && text.len() <= 4).then(|| text.parse().ok()).flatten()
    };
    let numbers: Vec<u32> = (top_body..top.rows).map(|r| serial(top, r)).collect::<Option<_>>()?;
    if numbers.len() < 2 || numbers.windows(2).any(|w| w[1] != w[0] + 1) {
        return None;
    }
    let last = *numbers.last()?;
    let next = serial(bottom, bottom_body)?;
    Some(if next == last + 1 {
        Numbering::Continues { last: last.to_string(), next: next.to_string() }
    } else if next <= last {
        Numbering::Restarts
    } else {
        Numbering::Silent
    })
}

fn grid_row_has_values(grid: &Grid, row: usize) -> bool {
    grid.cells_starting_in(row).any(|c| is_value_text(&c.text))
}

/// A label shortened for a diagnostic: its number and a few characters.
fn short(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let mut s: String = first_line.chars().take(12).collect();
    if first_line.chars().count() > 12 {
        s.push('…');
    }
    s
}

/// The non-empty cells starting in `row`, as (column, span, comparable
/// text): a row as a reader compares it.
fn row_content(grid: &Grid, row: usize) -> Vec<(usize, usize, String)> {
    grid.cells_starting_in(row)
        .filter(|c| !c.text.is_empty())
        .map(|c| (c.col, c.col_span, comparable(&c.text)))
        .collect()
}

/// True when the continuation's first body row repeats a body row of the
/// table above cell for cell: the same rows again, a copy of the table (or
/// of its start), not a continuation.
pub fn repeats_body_row(top: &Grid, top_body: usize, bottom: &Grid, bottom_body: usize) -> bool {
    if bottom_body >= bottom.rows {
        return false;
    }
    let first = row_content(bottom, bottom_body);
    !first.is_empty() && (top_body..top.rows).any(|row| row_content(top, row) == first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;

    #[test]
    fn numbers_of_labels() {
        assert_eq!(label_numbers("三、（一）予以公开"), vec![(1, 3), (2, 1)]);
        assert_eq!(label_numbers("5.属于三类内部事务信息"), vec![(3, 5)]);
        assert_eq!(label_numbers("（十二）其他"), vec![(2, 12)]);
        assert_eq!(label_numbers("二十一、附则"), vec![(1, 21)]);
        assert_eq!(label_numbers("１２、事项"), vec![(3, 12)]);
        assert!(label_numbers("行政许可").is_empty());
    }

    #[test]
    fn successor_titles() {
        assert!(is_successor_title("第二十条第（八）项", "第二十条第（九）项"));
        assert!(is_successor_title("第二十条第（九）项", "第二十条第（十）项"));
        assert!(is_successor_title("第二十条第（十）项", "第二十条第（十一）项"));
        assert!(is_successor_title("表3 情况", "表4 情况"));
        assert!(!is_successor_title("第二十条第（八）项", "第二十条第（十）项"));
        assert!(!is_successor_title("第二十条第（八）项", "第二十一条第（九）项"));
        assert!(!is_successor_title("信息内容", "信息内容"));
        assert!(!is_successor_title("甲1", "乙2"));
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, t)| Cell::new(r, c, *t)))
            .collect();
        Grid::new(rows.len(), cols, cells)
    }

    #[test]
    fn numbering_across_the_cut() {
        let top = grid(&[&["项目", "数量"], &["1.甲", "3"], &["2.乙", "4"]]);
        let go_on = grid(&[&["3.丙", "5"]]);
        let again = grid(&[&["1.甲", "5"]]);
        let plain = grid(&[&["合计", "5"]]);
        assert_eq!(numbering(&top, 1, &go_on, 0, 1), Numbering::Continues { last: "2.乙".into(), next: "3.丙".into() });
        assert_eq!(numbering(&top, 1, &again, 0, 1), Numbering::Restarts);
        assert_eq!(numbering(&top, 1, &plain, 0, 1), Numbering::Silent);
        // A new outer number restarts the inner ones: (四) then 1. continues.
        let top = grid(&[&["（三）不予公开", "8.查询", "1"]]);
        let next = grid(&[&["（四）无法提供", "1.不掌握", "2"]]);
        assert!(matches!(numbering(&top, 0, &next, 0, 2), Numbering::Continues { .. }));
    }

    #[test]
    fn serial_numbers_and_row_sequences() {
        let top = grid(&[&["序号", "任务"], &["1", "甲"], &["2", "乙"]]);
        assert_eq!(
            numbering(&top, 1, &grid(&[&["3", "丙"]]), 0, 0),
            Numbering::Continues { last: "2".into(), next: "3".into() }
        );
        assert_eq!(numbering(&top, 1, &grid(&[&["1", "丁"]]), 0, 0), Numbering::Restarts);
        let top = grid(&[&["季度", "件数"], &["一季度", "5"], &["二季度", "6"]]);
        assert_eq!(numbering(&top, 1, &grid(&[&["一季度", "7"]]), 0, 1), Numbering::Restarts);
        assert_eq!(numbering(&top, 1, &grid(&[&["三季度", "7"]]), 0, 1), Numbering::Silent);
        // Not a serial column: 1, 4, 7.
        let top = grid(&[&["1", "2"], &["4", "5"], &["7", "8"]]);
        assert_eq!(numbering(&top, 0, &grid(&[&["10", "11"]]), 0, 0), Numbering::Silent);
    }

    #[test]
    fn a_copy_repeats_a_body_row() {
        let top = grid(&[&["1", "2", "3"], &["4", "5", "6"]]);
        assert!(repeats_body_row(&top, 0, &grid(&[&["1", "2", "3"]]), 0));
        assert!(!repeats_body_row(&top, 0, &grid(&[&["7", "8", "9"]]), 0));
    }
}
